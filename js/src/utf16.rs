//! Byte offsets of a Rust `str` as indices of the same text in JavaScript (UTF-16 code
//! units), for offsets asked in any order (cheapest when ascending).

pub(crate) struct Utf16Index<'a> {
    text: &'a str,
    /// The last offset converted and its index.
    byte: usize,
    unit: usize,
}

impl<'a> Utf16Index<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Utf16Index {
            text,
            byte: 0,
            unit: 0,
        }
    }

    /// The UTF-16 index of byte `offset` (an offset inside a character counts as that
    /// character's start; past the end, the end).
    pub(crate) fn at(&mut self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.byte {
            self.byte = 0;
            self.unit = 0;
        }
        self.unit += self.text[self.byte..offset]
            .chars()
            .map(char::len_utf16)
            .sum::<usize>();
        self.byte = offset;
        self.unit
    }
}

#[cfg(test)]
mod tests {
    use super::Utf16Index;

    #[test]
    fn counts_code_units() {
        // a (1 byte, 1 unit), 漢 (3, 1), 𠮷 (4, 2), b.
        let text = "a漢𠮷b";
        let mut i = Utf16Index::new(text);
        assert_eq!(i.at(0), 0);
        assert_eq!(i.at(1), 1);
        assert_eq!(i.at(4), 2);
        assert_eq!(i.at(8), 4);
        assert_eq!(i.at(9), 5);
        // Backwards, inside a character, past the end.
        assert_eq!(i.at(4), 2);
        assert_eq!(i.at(2), 1);
        assert_eq!(i.at(100), 5);
    }
}
