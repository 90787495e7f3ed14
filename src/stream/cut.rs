//! Where a stream of document text may be cut so that each piece converts as it would in
//! the whole: after a line feed, outside every `-{ … }-` construct and every kept zone.
//! Why these places: DESIGN.md, "Streaming cuts".

use crate::format::Format;
use crate::markup::{construct_spans, find_marker};

/// A cut position in `text` after at least `min` bytes: just after a line feed that lies in
/// no construct and no kept zone (a comment, `<pre>` …), so both halves resolve as the
/// whole would. Constructs are paired by [`construct_spans`], the resolver's own rule (a
/// stray `}-` does not hide the `-{` after it); nothing after the start of a construct that
/// is still open is a cut. `None` if there is none yet.
pub(crate) fn safe_cut(text: &str, min: usize, format: Format) -> Option<usize> {
    if format == Format::Plain && find_marker(text, "-{").is_none() {
        // Plain text without markup: its only kept zones (URLs) never span a line.
        return text
            .as_bytes()
            .get(min.max(1) - 1..)?
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| min.max(1) + i);
    }
    let zones = format.zones(text);
    // Byte ranges no cut may fall inside: kept zones and constructs, sorted by start.
    let mut closed = zones
        .kept()
        .into_iter()
        .map(|(a, b, _)| (a, b))
        .collect::<Vec<_>>();
    let mut limit = text.len();
    construct_spans(text, &zones, |a, b| match b {
        Some(b) => closed.push((a, b)),
        // Nothing from an open construct's start on can be cut.
        None => limit = a,
    });
    closed.sort_unstable();
    let bytes = text.as_bytes();
    let mut next = closed.iter().peekable();
    let mut covered = 0usize; // a cut must not come before this
    let mut from = min.max(1) - 1;
    while from < limit {
        let i = from + memchr::memchr(b'\n', &bytes[from..limit])?;
        // Every range starting at or before the line feed: the cut must come after it.
        while let Some(&&(a, b)) = next.peek() {
            if a > i {
                break;
            }
            next.next();
            covered = covered.max(b);
        }
        // A zone reaching the end of the buffer may be one still open (an unclosed
        // `<pre>`): no cut after it until more input shows where it ends.
        if i + 1 >= covered && covered < bytes.len() {
            return Some(i + 1);
        }
        // The next candidate: past this line feed, and not before the end of the zones.
        from = covered.saturating_sub(1).max(i + 1);
    }
    None
}

/// Cuts a markup-free document `text` at safe line ends (see [`safe_cut`]) into about `n`
/// pieces: (offset, piece).
pub(crate) fn document_pieces(text: &str, n: usize, format: Format) -> Vec<(usize, &str)> {
    let size = (text.len() / n.max(1)).max(64 << 10);
    let kept = format.zones(text).kept();
    let mut z = 0; // first zone that may still contain a candidate
    let mut pieces = Vec::new();
    let mut at = 0;
    let mut from = size;
    while from < text.len() {
        let Some(i) = text.as_bytes()[from..].iter().position(|&b| b == b'\n') else {
            break;
        };
        let cut = from + i + 1;
        while z < kept.len() && kept[z].1 < cut {
            z += 1;
        }
        match kept.get(z) {
            // Inside a zone: try again after it.
            Some(&(start, end, _)) if start < cut && cut < end => from = end,
            _ => {
                pieces.push((at, &text[at..cut]));
                at = cut;
                from = cut + size;
            }
        }
    }
    if at < text.len() {
        pieces.push((at, &text[at..]));
    }
    pieces
}
