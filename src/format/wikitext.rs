//! Wikitext zones: HTML tags, comments, entities and the elements whose content is not
//! wikitext (`<nowiki>`, `<script>`, `<style>`, `<math>`, `<syntaxhighlight>`, `<source>`)
//! are hidden; `<code>` and `<pre>` are kept unconverted, but markup in them is resolved,
//! as MediaWiki does.
//!
//! The values of a tag's `title` and `alt` attributes are text: MediaWiki's
//! `LanguageConverter::autoConvert` converts them (with the page rules, resolving markup
//! in them) and keeps everything else of the tag. As there, a value holding a URL (`://`)
//! is kept; so is one that spans lines or holds an unbalanced `-{`/`}-` (a stream is cut
//! only between lines, and markup must not leave the attribute). Entities in a value stay
//! as written.

use super::Zones;

/// What the tag scanner reads: wikitext (MediaWiki's rules) or an HTML document.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    Wikitext,
    /// HTML: text nodes and the values of `title`, `alt`, `placeholder` and `aria-label`
    /// are text; `<script>`, `<style>`, `<code>`, `<pre>`, `<textarea>`, `<svg>` and
    /// `<math>` are kept whole, and so is every other attribute.
    Html,
    /// XML (Android `strings.xml`, XLIFF): as HTML, but every attribute is kept (an XML
    /// `title` or `name` attribute is data, not text for a reader).
    Xml,
}

impl Dialect {
    /// Whether the attribute `name` (ASCII lower-case or not) holds text.
    fn text_attribute(self, name: &[u8]) -> bool {
        let is = |n: &str| name.eq_ignore_ascii_case(n.as_bytes());
        match self {
            Dialect::Xml => false,
            Dialect::Wikitext => is("title") || is("alt"),
            Dialect::Html => is("title") || is("alt") || is("placeholder") || is("aria-label"),
        }
    }
}

/// Finds the first `</name` (ASCII case-insensitive) at or after `from`: its start and
/// the end of the `>` after it (`text.len()` for both if there is none; the end is
/// `text.len()` if no `>` follows).
fn find_close(text: &str, from: usize, name: &str) -> (usize, usize) {
    let mut p = from;
    while let Some(i) = text[p..].find("</") {
        let at = p + i;
        let cand = &text.as_bytes()[at + 2..];
        if cand.len() >= name.len() && cand[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            let end = text[at..].find('>').map_or(text.len(), |j| at + j + 1);
            return (at, end);
        }
        p = at + 2;
    }
    (text.len(), text.len())
}

/// [`find_close`] with the last answer per element name remembered. Each unclosed
/// `<pre>` or `<code>` asks for its closing tag: searching anew every time scanned to the
/// end of the text for each of them (quadratic, issue 14 D3). The first closing tag at or
/// after `from` is still the remembered one while `from` lies between the remembered
/// search start and that tag (or no such tag exists after the search start): the searches
/// for one name read disjoint stretches of the text, linear in total.
#[derive(Default)]
struct Closes {
    /// Element name, where its search started, and the answer of [`find_close`].
    known: Vec<(String, usize, (usize, usize))>,
}

impl Closes {
    /// The end of the closing tag of `name` after `from`, as [`find_close`] gives it.
    fn end(&mut self, text: &str, from: usize, name: &str) -> usize {
        match self.known.iter_mut().find(|(n, ..)| n == name) {
            Some((_, searched, found)) => {
                if from < *searched || from > found.0 {
                    *searched = from;
                    *found = find_close(text, from, name);
                }
                found.1
            }
            None => {
                let found = find_close(text, from, name);
                self.known.push((name.to_string(), from, found));
                found.1
            }
        }
    }
}

/// The next `>` at or after a position, remembered: every `<` looks for the end of its
/// tag, and searching anew from each (even within a bounded window) made text full of `<`
/// without `>` read 4 KiB per `<` (issue 14 D21). The answer stays valid until the scan
/// passes it, so each byte is searched at most once.
#[derive(Default)]
struct NextGt {
    /// Where the last search started and what it found (`None`: no `>` after it).
    known: Option<(usize, Option<usize>)>,
}

impl NextGt {
    fn at_or_after(&mut self, text: &str, from: usize) -> Option<usize> {
        match self.known {
            Some((searched, found)) if searched <= from && found.is_none_or(|g| g >= from) => found,
            _ => {
                let found = memchr::memchr(b'>', &text.as_bytes()[from..]).map(|g| from + g);
                self.known = Some((from, found));
                found
            }
        }
    }
}

/// The largest char boundary of `text` at or before `at` (clamped to its length).
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The length of an entity `&name;` / `&#123;` at `at` (which holds `&`), if there is one.
fn entity_len(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at + 1..floor_boundary(text, at + 40)];
    let n = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .unwrap_or(rest.len());
    (n > 0 && rest[n..].starts_with(';')).then_some(n + 2)
}

/// Whether an attribute value is converted: not empty, on one line, without a URL, and
/// every `-{` in it closed in it.
fn converts(value: &str) -> bool {
    if value.is_empty() || value.contains(['\n', '\r']) || value.contains("://") {
        return false;
    }
    let b = value.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i + 1 < b.len() {
        match (b[i], b[i + 1]) {
            (b'-', b'{') => depth += 1,
            (b'}', b'-') => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    depth == 0
}

/// The byte ranges of the `title` and `alt` values (ASCII case-insensitive names) among
/// the attributes `text[from..to]` of a tag, in order, if they convert (see [`converts`]).
/// Attributes as MediaWiki's sanitizer reads them: `name`, `name=value`, `name="value"`,
/// `name='value'` separated by whitespace; an unclosed quote runs to the end.
fn converted_values(text: &str, from: usize, to: usize, dialect: Dialect) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C');
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if is_space(b[i]) || b[i] == b'/' {
            i += 1;
            continue;
        }
        let name_start = i;
        while i < to && !is_space(b[i]) && !matches!(b[i], b'=' | b'/' | b'"' | b'\'') {
            i += 1;
        }
        if i == name_start {
            // A stray quote: skip it.
            i += 1;
            continue;
        }
        let name = &b[name_start..i];
        while i < to && is_space(b[i]) {
            i += 1;
        }
        if i >= to || b[i] != b'=' {
            continue;
        }
        i += 1;
        while i < to && is_space(b[i]) {
            i += 1;
        }
        let (start, end) = match b.get(i) {
            Some(&q) if i < to && (q == b'"' || q == b'\'') => {
                let start = i + 1;
                let end = b[start..to]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(to, |e| start + e);
                i = (end + 1).min(to);
                (start, end)
            }
            _ => {
                let start = i;
                while i < to && !is_space(b[i]) {
                    i += 1;
                }
                (start, i)
            }
        };
        if dialect.text_attribute(name) && converts(&text[start..end]) {
            out.push((start, end));
        }
    }
    out
}

/// Hides the tag `text[start..end]` except the values of its `title` and `alt` attributes
/// (their entities stay hidden). `name_end`: the end of the tag's name.
fn tag(text: &str, (start, name_end, end): (usize, usize, usize), dialect: Dialect, z: &mut Zones) {
    // As MediaWiki's `^(<[^>\s]*+)\s([^>]*+)`: attributes follow the name and a space.
    let attributes = text.as_bytes()[name_end].is_ascii_whitespace();
    let mut hidden_from = start;
    if attributes {
        for (vs, ve) in converted_values(text, name_end, end - 1, dialect) {
            z.hidden.push((hidden_from, vs));
            let mut p = vs;
            while let Some(amp) = text[p..ve].find('&') {
                let at = p + amp;
                match entity_len(text, at).filter(|n| at + n <= ve) {
                    Some(n) => {
                        z.hidden.push((at, at + n));
                        p = at + n;
                    }
                    None => p = at + 1,
                }
            }
            hidden_from = ve;
        }
    }
    z.hidden.push((hidden_from, end));
}

pub(super) fn scan(text: &str, z: &mut Zones) {
    scan_dialect(text, Dialect::Wikitext, z)
}

/// Scans an HTML document (see [`Dialect::Html`]).
pub(super) fn scan_html(text: &str, z: &mut Zones) {
    scan_dialect(text, Dialect::Html, z)
}

/// Scans an XML document (see [`Dialect::Xml`]).
pub(super) fn scan_xml(text: &str, z: &mut Zones) {
    scan_dialect(text, Dialect::Xml, z)
}

fn scan_dialect(text: &str, dialect: Dialect, z: &mut Zones) {
    let html = dialect != Dialect::Wikitext;
    let b = text.as_bytes();
    let mut closes = Closes::default();
    let mut next_gt = NextGt::default();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'<' if text[i..].starts_with("<!--") => {
                let end = text[i + 4..]
                    .find("-->")
                    .map_or(text.len(), |j| i + 4 + j + 3);
                z.hidden.push((i, end));
                z.comments.push((i, end));
                i = end;
            }
            b'<' if b
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!') =>
            {
                // A tag: up to the next `>` within 4 KiB (a `<` farther from it is text).
                let Some(gt) = next_gt
                    .at_or_after(text, i)
                    .filter(|&g| g < floor_boundary(text, i + 4096))
                else {
                    i += 1;
                    continue;
                };
                let tag_end = gt + 1;
                let name_len = text.as_bytes()[i + 1..tag_end]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                let name = text[i + 1..i + 1 + name_len].to_ascii_lowercase();
                let self_closing = text[..tag_end].ends_with("/>");
                let whole = if html {
                    matches!(
                        name.as_str(),
                        "script" | "style" | "code" | "pre" | "textarea" | "svg" | "math"
                    )
                } else {
                    matches!(
                        name.as_str(),
                        "script" | "style" | "nowiki" | "math" | "syntaxhighlight" | "source"
                    )
                };
                match name.as_str() {
                    _ if whole && !self_closing => {
                        let end = closes.end(text, tag_end, &name);
                        z.hidden.push((i, end));
                        i = end;
                    }
                    "code" | "pre" if !self_closing => {
                        let end = closes.end(text, tag_end, &name);
                        z.unconverted.push((i, end));
                        z.hidden.push((i, tag_end));
                        i = tag_end;
                    }
                    _ if name_len > 0 => {
                        tag(text, (i, i + 1 + name_len, tag_end), dialect, z);
                        i = tag_end;
                    }
                    _ => {
                        z.hidden.push((i, tag_end));
                        i = tag_end;
                    }
                }
            }
            b'&' => match entity_len(text, i) {
                Some(n) => {
                    z.hidden.push((i, i + n));
                    i += n;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{scan, Zones};

    /// The parts of `text` that the zones leave to conversion.
    fn text_parts(text: &str) -> Vec<&str> {
        let mut z = Zones::default();
        scan(text, &mut z);
        z.merge();
        let mut parts = vec![];
        let mut p = 0;
        for &(a, b) in &z.hidden {
            if a > p {
                parts.push(&text[p..a]);
            }
            p = p.max(b);
        }
        if p < text.len() {
            parts.push(&text[p..]);
        }
        parts
    }

    #[test]
    fn title_and_alt_values_are_text() {
        assert_eq!(text_parts(r#"<span title="国">国</span>"#), ["国", "国"]);
        assert_eq!(
            text_parts(r#"<abbr class="国" TITLE='后来' data-title="国" title2=国>x</abbr>"#),
            ["后来", "x"]
        );
        assert_eq!(text_parts("<img alt=国 src=国.png />"), ["国"]);
        assert_eq!(text_parts(r#"<div title = "甲" alt="乙">"#), ["甲", "乙"]);
        assert_eq!(text_parts(r#"<span title="国&amp;国">"#), ["国", "国"]);
        assert_eq!(
            text_parts(r#"<span title="-{zh-hans:甲;zh-hant:乙}-">"#),
            ["-{zh-hans:甲;zh-hant:乙}-"]
        );
        // An unclosed quote runs to the end of the tag.
        assert_eq!(text_parts(r#"<span title="国>"#), ["国"]);
    }

    #[test]
    fn other_values_stay_hidden() {
        for tag in [
            r#"<span title="https://a.org/国">"#,
            "<span title=\"国\n国\">",
            r#"<span title="-{国">"#,
            r#"<span title="国}-">"#,
            r#"<span title="">"#,
            r#"<span title>"#,
            r#"<span/title="国">"#,
            r#"</span title="国">"#,
            r#"<!DOCTYPE title="国">"#,
        ] {
            assert_eq!(text_parts(tag), Vec::<&str>::new(), "{tag}");
        }
        // `<code>`/`<pre>` tags stay whole (their element is unconverted anyway).
        assert_eq!(text_parts(r#"<pre title="国">国</pre>"#), ["国"]);
    }

    /// Issue 14, D21: 5 MB of `<a` read 4 KiB per `<` (3.8 s). Only the `<` less than
    /// 4 KiB before the `>` starts a tag: the first one is 4094 bytes before it.
    #[test]
    fn unterminated_tags_are_text() {
        let tags = "<a".repeat(2_600_000);
        assert_eq!(text_parts(&tags), [tags.as_str()]);
        let text = format!("{tags}>国");
        let gt = tags.len();
        assert_eq!(text_parts(&text), [&text[..gt - 4094], "国"]);
    }
}
