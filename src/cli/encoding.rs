//! The encodings an input read whole may have: UTF-8 (with or without a byte order
//! mark), or UTF-16 little- or big-endian with its byte order mark. A UTF-16 file is
//! decoded, converted, and written back (`-w`, `-o`, standard output) in UTF-16 with its
//! mark; its byte order mark is its first character, so an unchanged file is written back
//! byte for byte. Anything else that is not UTF-8 is an error naming the file.

use std::borrow::Cow;

/// How an input's bytes encode its text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    #[default]
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Encoding {
    /// The encoding its byte order mark gives `bytes` (UTF-8 without one).
    pub fn of(bytes: &[u8]) -> Encoding {
        match bytes {
            [0xFF, 0xFE, ..] => Encoding::Utf16Le,
            [0xFE, 0xFF, ..] => Encoding::Utf16Be,
            _ => Encoding::Utf8,
        }
    }

    /// The text of UTF-16 `bytes` (the byte order mark included, as U+FEFF), or the byte
    /// offset of the first code unit that is not valid UTF-16 (an unpaired surrogate, a
    /// lone last byte). Not for [`Encoding::Utf8`], which the callers check with SIMD.
    pub fn decode_utf16(self, bytes: &[u8]) -> Result<String, usize> {
        let unit = |c: &[u8]| match self {
            Encoding::Utf16Be => u16::from_be_bytes([c[0], c[1]]),
            _ => u16::from_le_bytes([c[0], c[1]]),
        };
        let mut text = String::with_capacity(bytes.len() / 2 * 3);
        let mut at = 0;
        for c in char::decode_utf16(bytes.chunks_exact(2).map(unit)) {
            match c {
                Ok(c) => {
                    text.push(c);
                    at += 2 * c.len_utf16();
                }
                Err(_) => return Err(at),
            }
        }
        if bytes.len() % 2 == 1 {
            return Err(bytes.len() - 1);
        }
        Ok(text)
    }

    /// `text` in this encoding.
    pub fn encode(self, text: &str) -> Cow<'_, [u8]> {
        let units = text.encode_utf16();
        match self {
            Encoding::Utf8 => Cow::Borrowed(text.as_bytes()),
            Encoding::Utf16Le => Cow::Owned(units.flat_map(u16::to_le_bytes).collect()),
            Encoding::Utf16Be => Cow::Owned(units.flat_map(u16::to_be_bytes).collect()),
        }
    }

    /// Its name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_round_trips_with_its_byte_order_mark() {
        for e in [Encoding::Utf16Le, Encoding::Utf16Be] {
            let bytes = e.encode("\u{feff}软件 😀\r\n").into_owned();
            assert_eq!(Encoding::of(&bytes), e);
            let text = e.decode_utf16(&bytes).unwrap();
            assert_eq!(text, "\u{feff}软件 😀\r\n");
            assert_eq!(e.encode(&text), bytes);
        }
        assert_eq!(Encoding::of("\u{feff}a".as_bytes()), Encoding::Utf8);
    }

    #[test]
    fn invalid_utf16_gives_its_offset() {
        // BOM, 'a', a lone high surrogate, 'b'.
        let bad = [0xFF, 0xFE, b'a', 0, 0x3D, 0xD8, b'b', 0];
        assert_eq!(Encoding::Utf16Le.decode_utf16(&bad), Err(4));
        assert_eq!(Encoding::Utf16Le.decode_utf16(&[0xFF, 0xFE, b'a']), Err(2));
    }
}
