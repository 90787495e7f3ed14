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
        if let Some((key, values)) = line.split_once('\t') {
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
