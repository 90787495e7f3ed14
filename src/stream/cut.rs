//! Where a stream of document text may be cut so that each piece converts as it would in
//! the whole: after a line feed, outside every `-{ … }-` construct and every kept zone.
//! Why these places: DESIGN.md, "Streaming cuts".

use crate::format::Format;
use crate::markup::find_marker;

/// A cut position in `text` after at least `min` bytes: just after a line feed where every
/// `-{` seen so far is closed and that lies in no kept zone (a comment, `<pre>` …), so both
/// halves resolve as the whole would. `None` if there is none yet.
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
    let kept = format.zones(text).kept();
    let bytes = text.as_bytes();
    let mut next = kept.iter().peekable();
    let mut depth = 0usize;
    let mut covered = 0usize; // bytes before this are inside some zone
    let mut i = 0;
    while i < bytes.len() {
        while let Some(&&(a, b, hidden)) = next.peek() {
            if a > i {
                break;
            }
            next.next();
            covered = covered.max(b);
            if hidden && b > i {
                // Nothing inside a hidden zone is markup.
                i = b;
            }
        }
        if i >= bytes.len() {
            break;
        }
        match bytes[i] {
            b'-' if bytes.get(i + 1) == Some(&b'{') => {
                depth += 1;
                i += 2;
                continue;
            }
            b'}' if bytes.get(i + 1) == Some(&b'-') => {
                depth = depth.saturating_sub(1);
                i += 2;
                continue;
            }
            b'\n' if depth == 0 && i + 1 >= min && i + 1 >= covered => return Some(i + 1),
            _ => {}
        }
        i += 1;
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
