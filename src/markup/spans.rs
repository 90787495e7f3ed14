//! Where constructs begin and end, read exactly as the [`Resolver`](super::Resolver) reads
//! them, without resolving anything: the streaming cut scanner uses it, so that a stream
//! is never cut inside a construct that the whole document would resolve.

use super::{find_marker, MAX_DEPTH};
use crate::format::Zones;

/// The next position at or after `from` of a marker, searched once per position passed
/// (a marker that does not occur is not searched for again: linear on any text). The
/// resolver and [`construct_spans`] both find markers with it.
pub(super) struct Next {
    marker: &'static str,
    from: usize,
    found: Option<usize>,
}

impl Next {
    pub(super) fn new(marker: &'static str) -> Next {
        Next {
            marker,
            from: usize::MAX,
            found: None,
        }
    }

    pub(super) fn at(&mut self, text: &str, p: usize) -> Option<usize> {
        if self.from <= p && self.found.is_none_or(|f| f >= p) {
            return self.found;
        }
        self.found = find_marker(&text[p..], self.marker).map(|i| p + i);
        self.from = p;
        self.found
    }
}

/// Calls `span(start, end)` for every top-level construct of `text` in order: `-{` outside
/// hidden zones, up to its matching `}-` (nested constructs counted up to [`MAX_DEPTH`],
/// deeper `-{` being text), as the resolver pairs them. A construct not closed in `text`
/// is reported last, with `end == None`.
pub(crate) fn construct_spans(
    text: &str,
    zones: &Zones,
    mut span: impl FnMut(usize, Option<usize>),
) {
    let mut open = Next::new("-{");
    let mut close = Next::new("}-");
    let mut pos = 0;
    while let Some(at) = open.at(text, pos) {
        if let Some((_, end)) = zones.hidden_at(at) {
            pos = end.max(at + 1);
            continue;
        }
        let mut depth = 1;
        let mut p = at + 2;
        loop {
            match (open.at(text, p), close.at(text, p)) {
                (Some(o), c) if c.is_none_or(|c| o < c) => {
                    if depth < MAX_DEPTH {
                        depth += 1;
                    }
                    // Deeper, the `-{` is text; either way the search goes on after it.
                    p = o + 2;
                }
                (_, Some(c)) => {
                    depth -= 1;
                    p = c + 2;
                    if depth == 0 {
                        break;
                    }
                }
                (_, None) => {
                    span(at, None);
                    return;
                }
            }
        }
        span(at, Some(p));
        pos = p;
    }
}

/// How many unclosed `-{` [`implausible_markers`] reads past: each is read to the end of
/// the text, so more would make the scan quadratic.
const MAX_UNCLOSED: usize = 64;

/// The markers of `-{ … }-` constructs of plain text or Markdown that are not plausibly
/// conversion markup (issue 22): `{year}-{month}-{day}` is a template. A construct is
/// markup when its inner text is empty (the word break `-{}-`), holds a nested construct,
/// non-ASCII text, `=>`, a variant code (`zh-…`, `zh:`) or flags before a `|` (`H|`); it is
/// not when it holds a lone `{` or `}` (a template's). An unclosed `-{` is judged by the
/// text after it up to the line's end or the next `-{`. The `-{` and `}-` of every other construct are returned, to be hidden
/// zones: the resolver then reads its inner text as text, and since that is ASCII, keeps
/// it as written. Pairs as [`construct_spans`] does, over the zones found so far.
pub(crate) fn implausible_markers(text: &str, zones: &Zones) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open = Next::new("-{");
    let mut close = Next::new("}-");
    let mut pos = 0;
    let mut unclosed = 0;
    while let Some(at) = open.at(text, pos) {
        if let Some((_, end)) = zones.hidden_at(at) {
            pos = end.max(at + 1);
            continue;
        }
        let mut depth = 1;
        let mut p = at + 2;
        let closed = loop {
            match (open.at(text, p), close.at(text, p)) {
                (Some(o), c) if c.is_none_or(|c| o < c) => {
                    if depth < MAX_DEPTH {
                        depth += 1;
                    }
                    p = o + 2;
                }
                (_, Some(c)) => {
                    depth -= 1;
                    p = c + 2;
                    if depth == 0 {
                        break true;
                    }
                }
                (_, None) => break false,
            }
        };
        if closed {
            if !plausible(&text[at + 2..p - 2]) {
                out.push((at, at + 2));
                out.push((p - 2, p));
            }
            pos = p;
        } else {
            // Judged by the text up to the line's end or the next `-{`.
            let rest = &text[at + 2..];
            let upto = [
                memchr::memchr(b'\n', rest.as_bytes()),
                super::OPEN.find(rest.as_bytes()),
            ]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(rest.len());
            if unclosed == MAX_UNCLOSED || plausible(&rest[..upto]) {
                break;
            }
            unclosed += 1;
            out.push((at, at + 2));
            pos = at + 2;
        }
    }
    out
}

/// Whether the inner text of a construct in plain text or Markdown is plausibly markup
/// (see [`implausible_markers`]).
fn plausible(inner: &str) -> bool {
    if inner.is_empty() || inner.contains("-{") {
        return true;
    }
    if inner.contains(['{', '}']) {
        return false;
    }
    if !inner.is_ascii() || inner.contains("=>") {
        return true;
    }
    let lower = inner.to_ascii_lowercase();
    if lower.contains("zh-") || lower.contains("zh:") {
        return true;
    }
    inner.split_once('|').is_some_and(|(flags, _)| {
        let flags = flags.trim();
        !flags.is_empty() && flags.chars().all(|c| "ATRDHN-; ".contains(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Format;

    fn spans(text: &str) -> Vec<(usize, Option<usize>)> {
        let zones = Format::Wikitext.zones(text);
        let mut v = Vec::new();
        construct_spans(text, &zones, |a, b| v.push((a, b)));
        v
    }

    fn implausible(text: &str) -> Vec<&str> {
        let zones = Format::Plain.zones(text);
        let mut v = Vec::new();
        // Every hidden zone of these texts (no URL) is a marker.
        for (a, b) in zones.hidden {
            v.push(&text[a..b]);
        }
        v
    }

    #[test]
    fn templates_are_not_markup_in_plain_text() {
        // The closed `-{month}-` is hidden; `-{day` shares its `-` with the `}-` before
        // it, so it is no construct.
        assert_eq!(implausible("{year}-{month}-{day}"), ["-{", "}-"]);
        // The unclosed `-{m}` is hidden too.
        assert_eq!(
            implausible("日期：{y}-{m}-{d}，时间：{h}-{m}"),
            ["-{", "}-", "-{"]
        );
        for markup in [
            "互-{}-联",
            "-{台湾}-",
            "-{zh-hans:a;zh-hant:b}-",
            "-{H|a=>zh-tw:b}-",
            "-{R|raw}-",
            "-{a -{b}- c}-",
            "x -{zh-hans:国",
        ] {
            assert!(implausible(markup).is_empty(), "{markup}");
        }
        // Markdown too; wikitext reads every construct.
        let md = "`-{台湾}-` {a}-{b}- -{台湾}-";
        assert_eq!(Format::Markdown.zones(md).hidden.len(), 3);
        assert!(Format::Wikitext.zones("{a}-{b}-").hidden.is_empty());
    }

    #[test]
    fn pairs_markers_as_the_resolver_does() {
        // A stray `}-` does not hide the `-{` that follows it (issue 14, D7a).
        assert_eq!(spans("x}-{甲}-"), [(2, Some(9))]);
        assert_eq!(spans("-{a-{b}-c}- -{d"), [(0, Some(11)), (12, None)]);
        // Hidden zones hide `-{` at the top level, not inside a construct.
        assert_eq!(spans("<!-- -{ -->-{<!-- }- -->"), [(11, Some(20))]);
        // Beyond depth 10 a `-{` is text: its `}-` closes an outer construct.
        let deep = format!("{}x{}", "-{".repeat(11), "}-".repeat(10));
        assert_eq!(spans(&deep), [(0, Some(deep.len()))]);
    }
}
