//! Positions in a document as the protocol counts them: lines split at `\n`, `\r\n` or
//! `\r`, columns in UTF-16 code units (the default) or UTF-8 bytes (when the client offers
//! them), converted to and from byte offsets. Every conversion clamps: a position past a
//! line's end is its end, past the last line the end of the text.

use lsp_types::{Position, PositionEncodingKind, Range};

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// The encoding to use, chosen from the client's `general.positionEncodings`: UTF-8 when
    /// offered, else UTF-16 (which every client supports).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }

    /// The width of `c` in this encoding's units.
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        }
    }
}

/// The byte offsets where the lines of a text start.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    encoding: Encoding,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, encoding: Encoding) -> Lines<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Lines {
            text,
            starts,
            encoding,
        }
    }

    /// The position of byte `offset` (clamped to the text, moved back to a character
    /// boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column: usize = self.text[start..offset]
            .chars()
            .map(|c| self.encoding.width(c))
            .sum();
        Position {
            line: saturate(line),
            character: saturate(column),
        }
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range {
            start: self.position(start),
            end: self.position(end),
        }
    }

    /// The range of the whole text.
    pub fn whole(&self) -> Range {
        self.range(0, self.text.len())
    }

    /// The byte offset of `p`: a column inside a character is that character's start.
    pub fn offset(&self, p: Position) -> usize {
        let line = p.line as usize;
        let Some(&start) = self.starts.get(line) else {
            return self.text.len();
        };
        let end = self.line_end(line);
        let mut units = 0usize;
        for (i, c) in self.text[start..end].char_indices() {
            let w = self.encoding.width(c);
            if units + w > p.character as usize {
                return start + i;
            }
            units += w;
        }
        end
    }

    /// Where line `line`'s content ends (before its line break).
    fn line_end(&self, line: usize) -> usize {
        let next = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let content = &self.text[self.starts[line]..next];
        let trimmed = content
            .strip_suffix("\r\n")
            .or_else(|| content.strip_suffix('\n'))
            .or_else(|| content.strip_suffix('\r'))
            .unwrap_or(content);
        self.starts[line] + trimmed.len()
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Whether two ranges share a point (a range touching another's end counts: a cursor just
/// after a word is on it).
pub fn touches(a: Range, b: Range) -> bool {
    let key = |p: Position| (p.line, p.character);
    key(a.start) <= key(b.end) && key(b.start) <= key(a.end)
}

/// `text` with `new` in place of `range` (an incremental change).
pub fn replace(text: &mut String, range: Range, new: &str, encoding: Encoding) {
    let lines = Lines::new(text, encoding);
    let start = lines.offset(range.start);
    let end = lines.offset(range.end).max(start);
    text.replace_range(start..end, new);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn columns_in_utf16_and_utf8() {
        let text = "😀 我们\r\n支持\r这\n";
        let l = Lines::new(text, Encoding::Utf16);
        let at = text.find('我').unwrap();
        assert_eq!(l.position(at), pos(0, 3));
        assert_eq!(l.offset(pos(0, 3)), at);
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(l.offset(pos(0, 1)), 0);
        assert_eq!(l.position(text.find('支').unwrap()), pos(1, 0));
        assert_eq!(l.position(text.find('这').unwrap()), pos(2, 0));
        assert_eq!(l.position(text.len()), pos(3, 0));
        // Past the end of a line: its end, before the break.
        assert_eq!(l.offset(pos(0, 99)), text.find('\r').unwrap());
        assert_eq!(l.offset(pos(9, 0)), text.len());
        let l = Lines::new(text, Encoding::Utf8);
        assert_eq!(l.position(at), pos(0, 5));
        assert_eq!(l.offset(pos(0, 6)), at);
        // Not a character boundary: moved back.
        assert_eq!(l.position(at + 1), pos(0, 5));
    }

    #[test]
    fn incremental_changes() {
        let mut t = "我们支持\n这个".to_string();
        replace(
            &mut t,
            Range::new(pos(0, 2), pos(0, 4)),
            "支援",
            Encoding::Utf16,
        );
        assert_eq!(t, "我们支援\n这个");
        replace(
            &mut t,
            Range::new(pos(1, 9), pos(0, 0)),
            "",
            Encoding::Utf16,
        );
        assert_eq!(t, "我们支援\n这个");
        replace(
            &mut t,
            Range::new(pos(0, 4), pos(5, 0)),
            "",
            Encoding::Utf16,
        );
        assert_eq!(t, "我们支援");
    }

    #[test]
    fn touching_ranges() {
        let r = |a, b, c, d| Range::new(pos(a, b), pos(c, d));
        assert!(touches(r(0, 2, 0, 4), r(0, 4, 0, 4)));
        assert!(touches(r(0, 2, 0, 4), r(0, 0, 1, 0)));
        assert!(!touches(r(0, 2, 0, 4), r(0, 5, 0, 6)));
        assert!(!touches(r(1, 0, 1, 1), r(0, 0, 0, 9)));
    }
}
