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
