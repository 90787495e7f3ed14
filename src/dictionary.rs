//! User dictionaries (`--dict FILE`,
//! [`ConverterBuilder::dictionary`](crate::ConverterBuilder::dictionary)): OpenCC's
//! `key<TAB>value` lines and MediaWiki rule lines, parsed into [`Rules`], with the line of
//! the first malformed one.

use crate::error::Error;
use crate::markup::rule_pairs;
use crate::rules::Rules;
use crate::Variant;

/// Adds the rules of dictionary `text` to `rules`. MediaWiki rule lines need a `target`
/// variant (they give different pairs to each variant); OpenCC configs have none.
///
/// # Errors
///
/// [`ErrorKind::Dictionary`](crate::ErrorKind::Dictionary) with the 1-based line of the
/// first malformed line.
pub(crate) fn parse(text: &str, target: Option<Variant>, rules: &mut Rules) -> Result<(), Error> {
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some((key, rest)) = line.split_once('\t') {
            // OpenCC's `key<TAB>value value…`, or zhnorm's `key<TAB>value<TAB># reason`
            // (dictionaries/zhnorm): the comment column is not part of the value.
            let (values, comment) = rest.split_once('\t').unwrap_or((rest, "#"));
            if !comment.trim_start().starts_with('#') {
                return Err(Error::dictionary(
                    i + 1,
                    "expected `key<TAB>value`, optionally followed by `<TAB># comment`",
                ));
            }
            match values.split(' ').find(|v| !v.is_empty()) {
                Some(v) if !key.is_empty() => rules.insert(key.to_string(), v.to_string()),
                _ => {
                    return Err(Error::dictionary(
                        i + 1,
                        "expected `key<TAB>value` with a non-empty key and value",
                    ))
                }
            }
            continue;
        }
        let Some(v) = target else {
            return Err(Error::dictionary(
                i + 1,
                "MediaWiki-style rules need a --to target, not an OpenCC config",
            ));
        };
        let body = line.trim().trim_start_matches("-{").trim_end_matches("}-");
        let body = body.strip_prefix("H|").unwrap_or(body);
        match rule_pairs(body, v) {
            Some(pairs) => {
                for (from, to) in pairs {
                    rules.insert(from, to);
                }
            }
            None => return Err(Error::dictionary(
                i + 1,
                "expected `key<TAB>value` or a MediaWiki rule such as `zh-cn:计算机;zh-tw:電腦;`",
            )),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{Converter, Variant};

    fn tw(dict: &str) -> Result<String, crate::Error> {
        Ok(Converter::builder(Variant::Tw)
            .dictionary(dict)?
            .build()
            .convert("汉字")
            .into_owned())
    }

    #[test]
    fn the_comment_column_is_not_part_of_the_value() {
        // Issue 14, D17: `漢\t#x字` came out.
        assert_eq!(tw("汉\t漢\t# reason\n").unwrap(), "漢字");
        assert_eq!(tw("汉\t漢 汗\t#\n").unwrap(), "漢字");
    }

    #[test]
    fn a_third_column_that_is_not_a_comment_is_an_error() {
        let e = tw("# ours\n汉\t漢\tnot a comment\n").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
    }
}
