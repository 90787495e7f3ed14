//! Bare URLs (`scheme://…`), kept verbatim in every format: the only zones of plain text.

use std::sync::LazyLock;

use memchr::memmem::Finder;

/// A searcher for `://`, built once (`memmem::find` builds one per call).
pub(crate) static SCHEME: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("://"));

fn is_url_stop(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '<' | '>' | '"' | '(' | ')' | '[' | ']')
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || ('\u{FF00}'..='\u{FFEF}').contains(&c)
}

/// The end of a URL whose `://` ends at `from`: the first stop character (see
/// [`is_url_stop`]) or a `}-` that closes no `-{` of the URL itself. The URL of
/// `-{https://a.org/国}-国` ends before the `}-`, which closes the construct around it
/// (MediaWiki keeps the URL and converts the text after); `https://a.org/-{x}-/y` is one URL.
fn url_end(text: &str, from: usize) -> usize {
    let b = text.as_bytes();
    let mut depth = 0usize; // `-{` opened inside the URL
    for (i, c) in text[from..].char_indices() {
        let at = from + i;
        if is_url_stop(c) {
            return at;
        }
        match c {
            '-' if b.get(at + 1) == Some(&b'{') => depth += 1,
            '}' if b.get(at + 1) == Some(&b'-') => {
                if depth == 0 {
                    return at;
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    text.len()
}

/// Bare URLs `scheme://…` up to whitespace, `<>"()[]`, full-width punctuation or the `}-`
/// of a construct around them.
pub(super) fn scan(text: &str, out: &mut Vec<(usize, usize)>) {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(i) = SCHEME.find(&b[from..]) {
        let at = from + i;
        let mut start = at;
        while start > 0
            && (b[start - 1].is_ascii_alphanumeric() || matches!(b[start - 1], b'+' | b'.' | b'-'))
        {
            start -= 1;
        }
        while start < at && !b[start].is_ascii_alphabetic() {
            start += 1;
        }
        let end = url_end(text, at + 3);
        if start < at && end > at + 3 {
            out.push((start, end));
        }
        from = end.max(at + 3);
    }
}

#[cfg(test)]
mod tests {
    use super::scan;

    fn urls(text: &str) -> Vec<&str> {
        let mut z = vec![];
        scan(text, &mut z);
        z.iter().map(|&(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn a_url_ends_before_the_marker_closing_its_construct() {
        assert_eq!(
            urls("-{https://zh.wikipedia.org/wiki/国}-国"),
            ["https://zh.wikipedia.org/wiki/国"]
        );
        assert_eq!(
            urls("-{R|http://a.org/}--{zh-hans:https://b.org/x;zh-hant:ftp://c.org/y}-"),
            ["http://a.org/", "https://b.org/x;zh-hant:ftp://c.org/y"]
        );
        // Markup written inside the URL is part of it.
        assert_eq!(
            urls("https://a.org/-{國}-/b 国"),
            ["https://a.org/-{國}-/b"]
        );
        assert_eq!(
            urls("https://a.org/-{-{x}-}-}-y"),
            ["https://a.org/-{-{x}-}-"]
        );
        // Unchanged: the usual stops.
        assert_eq!(
            urls("见https://a.org/国，国 (http://b.org)"),
            ["https://a.org/国", "http://b.org"]
        );
    }

    #[test]
    fn markers_in_urls_stay_linear() {
        let text = format!("https://a.org/{}", "}-".repeat(200_000));
        assert_eq!(urls(&text), ["https://a.org/"]);
        let text = format!("https://a.org/{}", "-{".repeat(200_000));
        assert_eq!(urls(&text), [text.as_str()]);
        let text = "-{http://a/}-".repeat(100_000);
        assert_eq!(urls(&text).len(), 100_000);
    }
}
