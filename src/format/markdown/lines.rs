//! Line-level helpers of the Markdown scanner: a cursor over a line's leading whitespace
//! (columns, with tab stops of 4), line ends, blank lines, thematic breaks, list markers
//! and link labels.

/// A position in a line's leading part. Tabs stop every 4 columns counted from the line
/// start or the last tab; a tab partly consumed leaves `rem` columns, which the next
/// whitespace scan takes first, even past a marker (as pulldown-cmark counts).
#[derive(Clone, Copy, Debug)]
pub(super) struct Cursor {
    pub pos: usize,
    tab_start: usize,
    rem: usize,
}

impl Cursor {
    pub fn at(pos: usize) -> Cursor {
        Cursor {
            pos,
            tab_start: pos,
            rem: 0,
        }
    }

    /// Moves past `n` bytes that are not whitespace.
    pub fn advance(&mut self, n: usize) {
        self.pos += n;
    }

    /// Consumes up to `n` columns of spaces and tabs: how many.
    pub fn space_upto(&mut self, b: &[u8], n: usize) -> usize {
        let mut left = n;
        let take = self.rem.min(left);
        self.rem -= take;
        left -= take;
        while left > 0 {
            match b.get(self.pos) {
                Some(b' ') => {
                    self.pos += 1;
                    left -= 1;
                }
                Some(b'\t') => {
                    let w = 4 - (self.pos - self.tab_start) % 4;
                    self.pos += 1;
                    self.tab_start = self.pos;
                    let k = w.min(left);
                    left -= k;
                    self.rem = w - k;
                }
                _ => break,
            }
        }
        n - left
    }

    /// Consumes `n` columns of whitespace if there are; else as many as there are.
    pub fn space(&mut self, b: &[u8], n: usize) -> bool {
        self.space_upto(b, n) == n
    }

    pub fn all_space(&mut self, b: &[u8]) {
        self.rem = 0;
        while matches!(b.get(self.pos), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    pub fn at_eol(&self, b: &[u8]) -> bool {
        matches!(b.get(self.pos), None | Some(b'\n' | b'\r'))
    }
}

pub(super) fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// The line ending's length at `i`, if one is there (0 at the end of the text).
pub(super) fn eol_len(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i) {
        None => Some(0),
        Some(b'\n') => Some(1),
        Some(b'\r') => Some(if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 }),
        _ => None,
    }
}

/// The line from `i`: where its content ends (before the line ending) and where the next
/// line starts.
pub(super) fn line_end(b: &[u8], i: usize) -> (usize, usize) {
    match find2(b, i.min(b.len()), b'\n', b'\r') {
        Some(e) => (e, e + eol_len(b, e).unwrap_or(1)),
        None => (b.len(), b.len()),
    }
}

/// The first `x` or `y` in `b[i..]`, searched 16 bytes at a time (lines are short: a
/// search call's setup would cost more).
pub(super) fn find2(b: &[u8], i: usize, x: u8, y: u8) -> Option<usize> {
    #[cfg_attr(not(target_arch = "x86_64"), allow(unused_mut))]
    let mut i = i;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
            _mm_set1_epi8,
        };
        while i + 16 <= b.len() {
            // SAFETY: the 16 bytes from `i` are in `b`; SSE2 is part of x86_64.
            let mask = unsafe {
                let v = _mm_loadu_si128(b.as_ptr().add(i).cast::<__m128i>());
                let hit = _mm_or_si128(
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(x as i8)),
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(y as i8)),
                );
                _mm_movemask_epi8(hit) as u32
            };
            if mask != 0 {
                return Some(i + mask.trailing_zeros() as usize);
            }
            i += 16;
        }
    }
    b[i..].iter().position(|&c| c == x || c == y).map(|k| i + k)
}

/// The first byte of `b[i..to]` that starts or escapes an inline construct (`\\`, `` ` ``,
/// `<`, `[`, `]`), or `to`.
pub(super) fn find_special(b: &[u8], i: usize, to: usize) -> usize {
    #[cfg_attr(not(target_arch = "x86_64"), allow(unused_mut))]
    let mut i = i;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{
            __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128,
            _mm_set1_epi8,
        };
        // Whole 16-byte blocks of `b`, even past `to` (a hit there means none before it).
        while i < to && i + 16 <= b.len() {
            // SAFETY: the 16 bytes from `i` are in `b`; SSE2 is part of x86_64.
            let mask = unsafe {
                let v = _mm_loadu_si128(b.as_ptr().add(i).cast::<__m128i>());
                let eq = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
                let hit = _mm_or_si128(
                    _mm_or_si128(eq(b'\\'), eq(b'`')),
                    _mm_or_si128(_mm_or_si128(eq(b'<'), eq(b'[')), eq(b']')),
                );
                _mm_movemask_epi8(hit) as u32
            };
            if mask != 0 {
                return (i + mask.trailing_zeros() as usize).min(to);
            }
            i += 16;
        }
        if i >= to {
            return to;
        }
    }
    while i < to && !matches!(b[i], b'\\' | b'`' | b'<' | b'[' | b']') {
        i += 1;
    }
    i
}

/// Where the line after the one at `i` starts, a line ending here being `\n` alone (as
/// code and HTML blocks are read; elsewhere a lone `\r` ends a line too).
pub(super) fn next_line(b: &[u8], i: usize) -> usize {
    match memchr::memchr(b'\n', &b[i.min(b.len())..]) {
        Some(k) => i + k + 1,
        None => b.len(),
    }
}

/// If the rest of the line at `i` is blank: its length with the line ending.
pub(super) fn blank_at(b: &[u8], mut i: usize) -> Option<usize> {
    let s = i;
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\x0b' | b'\x0c')) {
        i += 1;
    }
    eol_len(b, i).map(|n| i + n - s)
}

/// Whether a thematic break (`***`, `- - -`, `___`) is at `ix`.
pub(super) fn hrule_at(b: &[u8], ix: usize) -> bool {
    let Some(&ch) = b.get(ix) else {
        return false;
    };
    if !matches!(ch, b'*' | b'-' | b'_') {
        return false;
    }
    let mut n = 0;
    let mut i = ix;
    loop {
        match b.get(i) {
            Some(&c) if c == ch => n += 1,
            Some(b' ' | b'\t') => {}
            None | Some(b'\n' | b'\r') => return n >= 3,
            _ => return false,
        }
        i += 1;
    }
}

/// A list marker at `c` (after `outer` columns of indentation): the item's content
/// indentation, and, if the rest of the line is blank, its length. `c` moves to the
/// content.
pub(super) fn list_marker(
    b: &[u8],
    c: &mut Cursor,
    outer: usize,
) -> Option<(usize, Option<usize>)> {
    let save = *c;
    let ch = *b.get(c.pos)?;
    let width = if matches!(ch, b'-' | b'+' | b'*') {
        if ch != b'+' && hrule_at(b, c.pos) {
            return None;
        }
        1
    } else if ch.is_ascii_digit() {
        let mut i = c.pos + 1;
        while i < b.len() && b[i].is_ascii_digit() && i - c.pos < 10 {
            i += 1;
        }
        if i - c.pos > 9 || !matches!(b.get(i), Some(b'.' | b')')) {
            return None;
        }
        i + 1 - c.pos
    } else {
        return None;
    };
    c.advance(width);
    if !(c.space(b, 1) || c.at_eol(b)) {
        *c = save;
        return None;
    }
    let mut indent = outer + width + 1;
    if let Some(n) = blank_at(b, c.pos) {
        return Some((indent, Some(n)));
    }
    let keep = *c;
    let post = c.space_upto(b, 4);
    if post < 4 {
        indent += post;
    } else {
        *c = keep;
    }
    Some((indent, None))
}

/// A link label's body (after its `[`).
#[derive(Clone, Copy, Debug)]
pub(super) struct Label {
    pub start: usize,
    /// The position of the closing `]`.
    pub end: usize,
    /// Whether it spans lines.
    pub newline: bool,
    /// What its line break skipped after the line ending: the next line's container
    /// markers and indentation (`> ` in `> [a\n> b]`), which are not part of the label.
    pub skipped: Option<(usize, usize)>,
}

impl Label {
    /// The label as references are matched: whitespace runs as one space, trimmed, case
    /// folded.
    pub fn norm(&self, b: &[u8]) -> String {
        let joined;
        let bytes = match self.skipped {
            None => &b[self.start..self.end],
            Some((from, to)) => {
                joined = [&b[self.start..from], &b[to..self.end]].concat();
                &joined[..]
            }
        };
        let s = std::str::from_utf8(bytes).unwrap_or("");
        let mut out = String::with_capacity(s.len());
        let mut space = false;
        for ch in s.trim_matches(|c: char| c.is_ascii_whitespace()).chars() {
            if ch.is_ascii_whitespace() {
                space = true;
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            if ch.is_ascii() {
                out.push(ch.to_ascii_lowercase());
            } else {
                // Towards case folding: lower, upper, lower (ẞ → ß → SS → ss, ς → Σ → σ).
                for l in ch.to_lowercase() {
                    for u in l.to_uppercase() {
                        out.extend(u.to_lowercase());
                    }
                }
            }
        }
        out
    }
}

/// The link label whose body starts at `start` (after `[`): up to an unescaped `]`, no
/// unescaped `[`, not blank, under 1,000 characters, at most one line ending, after which
/// `next_line` gives where the next line's content starts (`None`: the label is not
/// continued; no handler: it cannot span lines).
pub(super) fn scan_label(
    b: &[u8],
    start: usize,
    next_line: Option<&dyn Fn(usize) -> Option<usize>>,
) -> Option<Label> {
    let mut i = start;
    let mut blank = true;
    let mut count = 0usize;
    let mut newline = false;
    let mut skipped = None;
    loop {
        if count >= 1000 {
            return None;
        }
        match *b.get(i)? {
            b'[' => return None,
            b']' => break,
            b'\\' if b.get(i + 1).is_some_and(|c| c.is_ascii_punctuation()) => {
                i += 2;
                count += 2;
                blank = false;
            }
            c if is_ws(c) => {
                let ws = i;
                let mut breaks = 0;
                while i < b.len() && is_ws(b[i]) {
                    if let Some(n) = eol_len(b, i).filter(|_| matches!(b[i], b'\n' | b'\r')) {
                        breaks += 1;
                        if breaks > 1 {
                            return None;
                        }
                        newline = true;
                        let from = i + n;
                        i = next_line?(from)?;
                        if i > from {
                            skipped = Some((from, i));
                        }
                    } else {
                        i += 1;
                    }
                }
                count += if i - ws > 1 || b[ws] != b' ' {
                    i - ws
                } else {
                    1
                };
            }
            c => {
                blank = false;
                i += 1;
                if c >= 0x80 {
                    count += 1;
                }
            }
        }
    }
    (!blank).then_some(Label {
        start,
        end: i,
        newline,
        skipped,
    })
}
