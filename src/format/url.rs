//! Bare URLs (`scheme://…`), kept verbatim in every format: the only zones of plain text.

fn is_url_stop(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '<' | '>' | '"' | '(' | ')' | '[' | ']')
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || ('\u{FF00}'..='\u{FFEF}').contains(&c)
}

/// Bare URLs `scheme://…` up to whitespace, `<>"()[]` or full-width punctuation.
pub(super) fn scan(text: &str, out: &mut Vec<(usize, usize)>) {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&b[from..], b"://") {
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
        let end = text[at + 3..]
            .find(is_url_stop)
            .map_or(text.len(), |e| at + 3 + e);
        if start < at && end > at + 3 {
            out.push((start, end));
        }
        from = end.max(at + 3);
    }
}
