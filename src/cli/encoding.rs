//! The encodings an input may have. Without `--encoding`: UTF-8 (with or without a byte
//! order mark), or UTF-16 little- or big-endian with its byte order mark. A UTF-16 file is
//! decoded, converted, and written back (`-w`, `-o`, standard output) in UTF-16 with its
//! mark; its byte order mark is its first character, so an unchanged file is written back
//! byte for byte. Anything else that is not UTF-8 is an error naming the file.
//!
//! `--encoding LABEL` (any WHATWG label `encoding_rs` knows: gb18030, gbk, big5,
//! shift_jis, euc-kr, utf-16le …) names the encoding of every input instead: it is decoded
//! strictly (a malformed byte sequence is an error with its byte offset, never a
//! replacement character) and the result is encoded back strictly in the same encoding (a
//! character the encoding has no bytes for is an error with its line and column, and
//! nothing is written). A byte order mark that contradicts the label is an error too.

use std::borrow::Cow;

/// How an input's bytes encode its text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    #[default]
    Utf8,
    Utf16Le,
    Utf16Be,
    /// Any other encoding of `encoding_rs` (GB18030, GBK, Big5, Shift_JIS …): only ever
    /// named by `--encoding`, never guessed.
    Legacy(&'static encoding_rs::Encoding),
}

/// A character of the converted text that an encoding has no bytes for: where it is in
/// the text (line and column from 1, the column in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unencodable {
    pub line: usize,
    pub column: usize,
    pub character: char,
}

impl Encoding {
    /// The encoding a WHATWG `label` names (`gbk`, `big5`, `utf-16le`, `shift_jis` …,
    /// case and surrounding spaces ignored), or why there is none.
    pub fn from_label(label: &str) -> Result<Encoding, String> {
        let e = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
            "not an encoding label zhnorm knows (WHATWG labels: utf-8, utf-16le, utf-16be, \
             gb18030, gbk, big5, big5-hkscs, shift_jis, euc-jp, euc-kr, windows-1252 …)"
                .to_string()
        })?;
        Ok(if e == encoding_rs::UTF_8 {
            Encoding::Utf8
        } else if e == encoding_rs::UTF_16LE {
            Encoding::Utf16Le
        } else if e == encoding_rs::UTF_16BE {
            Encoding::Utf16Be
        } else if e == encoding_rs::REPLACEMENT {
            // iso-2022-kr, hz-gb-2312 …: WHATWG decodes them as one replacement character.
            return Err(
                "names an encoding that WHATWG (and zhnorm) cannot decode (ISO-2022-KR, \
                 HZ-GB-2312, ISO-2022-CN …)"
                    .to_string(),
            );
        } else {
            Encoding::Legacy(e)
        })
    }

    /// The encoding its byte order mark gives `bytes` (UTF-8 without one).
    pub fn of(bytes: &[u8]) -> Encoding {
        match bytes {
            [0xFF, 0xFE, ..] => Encoding::Utf16Le,
            [0xFE, 0xFF, ..] => Encoding::Utf16Be,
            _ => Encoding::Utf8,
        }
    }

    /// The encoding whose byte order mark `bytes` start with, if any (UTF-8's included).
    pub fn bom(bytes: &[u8]) -> Option<Encoding> {
        match bytes {
            [0xEF, 0xBB, 0xBF, ..] => Some(Encoding::Utf8),
            [0xFF, 0xFE, ..] => Some(Encoding::Utf16Le),
            [0xFE, 0xFF, ..] => Some(Encoding::Utf16Be),
            _ => None,
        }
    }

    /// The text of `bytes` in a legacy encoding (no byte order mark is looked for), or
    /// the byte offset of the first malformed sequence. Not for UTF-8 and UTF-16.
    pub fn decode_legacy(self, bytes: &[u8]) -> Result<String, usize> {
        let Encoding::Legacy(e) = self else {
            unreachable!("decode_legacy of {}", self.name())
        };
        let mut decoder = e.new_decoder_without_bom_handling();
        let room = decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len().saturating_mul(3));
        let mut text = String::with_capacity(room);
        let mut at = 0;
        loop {
            let (result, read) =
                decoder.decode_to_string_without_replacement(&bytes[at..], &mut text, true);
            at += read;
            match result {
                encoding_rs::DecoderResult::InputEmpty => return Ok(text),
                encoding_rs::DecoderResult::OutputFull => text.reserve(bytes.len() - at + 16),
                encoding_rs::DecoderResult::Malformed(bad, after) => {
                    return Err(at - usize::from(bad) - usize::from(after))
                }
            }
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

    /// `text` in this encoding, or the first character it has no bytes for (only a
    /// legacy encoding lacks some).
    pub fn encode(self, text: &str) -> Result<Cow<'_, [u8]>, Unencodable> {
        let units = text.encode_utf16();
        Ok(match self {
            Encoding::Utf8 => Cow::Borrowed(text.as_bytes()),
            Encoding::Utf16Le => Cow::Owned(units.flat_map(u16::to_le_bytes).collect()),
            Encoding::Utf16Be => Cow::Owned(units.flat_map(u16::to_be_bytes).collect()),
            Encoding::Legacy(e) => {
                let mut encoder = e.new_encoder();
                let room = encoder
                    .max_buffer_length_from_utf8_without_replacement(text.len())
                    .unwrap_or(text.len().saturating_mul(2));
                let mut bytes = Vec::with_capacity(room);
                let mut at = 0;
                loop {
                    let (result, read) = encoder.encode_from_utf8_to_vec_without_replacement(
                        &text[at..],
                        &mut bytes,
                        true,
                    );
                    at += read;
                    match result {
                        encoding_rs::EncoderResult::InputEmpty => break Cow::Owned(bytes),
                        encoding_rs::EncoderResult::OutputFull => {
                            bytes.reserve(2 * (text.len() - at) + 16)
                        }
                        encoding_rs::EncoderResult::Unmappable(c) => {
                            let before = &text[..at - c.len_utf8()];
                            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                            return Err(Unencodable {
                                line: before.matches('\n').count() + 1,
                                column: before[line_start..].chars().count() + 1,
                                character: c,
                            });
                        }
                    }
                }
            }
        })
    }

    /// `text`, the conversion of `old_text` (whose bytes in this encoding are `old_bytes`),
    /// in this encoding, its unchanged lines as they were. A legacy encoding may have two
    /// byte sequences for a character (Big5, Shift_JIS) or none for one it decodes
    /// (Big5-HKSCS's extension rows, Shift_JIS's user-defined area): where the line count
    /// is kept, a line the conversion left as it was is written back byte for byte, and
    /// only changed lines are encoded. Otherwise, and for encodings where a line feed can
    /// be part of a character or a shift state can span lines (ISO-2022-JP), `text` is
    /// encoded whole.
    pub fn encode_changes<'a>(
        self,
        old_text: &str,
        old_bytes: &[u8],
        text: &'a str,
    ) -> Result<Cow<'a, [u8]>, Unencodable> {
        let lines = text.matches('\n').count();
        let kept = match self {
            Encoding::Legacy(e) => e.is_ascii_compatible(),
            _ => false,
        } && old_text.matches('\n').count() == lines
            && memchr::memchr_iter(b'\n', old_bytes).count() == lines;
        if !kept {
            return self.encode(text);
        }
        let mut out = Vec::with_capacity(old_bytes.len() + old_bytes.len() / 4);
        let old = old_text.split('\n').zip(old_bytes.split(|&b| b == b'\n'));
        for (n, ((old_line, old_raw), line)) in old.zip(text.split('\n')).enumerate() {
            if n > 0 {
                out.push(b'\n');
            }
            if old_line == line {
                out.extend_from_slice(old_raw);
            } else {
                let bytes = self
                    .encode(line)
                    .map_err(|u| Unencodable { line: n + 1, ..u })?;
                out.extend_from_slice(&bytes);
            }
        }
        Ok(Cow::Owned(out))
    }

    /// Whether [`Encoding::encode`] can fail.
    pub fn is_legacy(self) -> bool {
        matches!(self, Encoding::Legacy(_))
    }

    /// Its name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Legacy(e) => e.name(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_round_trips_with_its_byte_order_mark() {
        for e in [Encoding::Utf16Le, Encoding::Utf16Be] {
            let bytes = e.encode("\u{feff}软件 😀\r\n").unwrap().into_owned();
            assert_eq!(Encoding::of(&bytes), e);
            let text = e.decode_utf16(&bytes).unwrap();
            assert_eq!(text, "\u{feff}软件 😀\r\n");
            assert_eq!(e.encode(&text).unwrap(), bytes);
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

    #[test]
    fn labels() {
        let gbk = Encoding::from_label(" GBK ").unwrap();
        assert_eq!(gbk.name(), "GBK");
        assert_eq!(Encoding::from_label("gb2312").unwrap(), gbk);
        assert_eq!(Encoding::from_label("big5-hkscs").unwrap().name(), "Big5");
        assert_eq!(Encoding::from_label("utf8").unwrap(), Encoding::Utf8);
        assert_eq!(Encoding::from_label("utf-16").unwrap(), Encoding::Utf16Le);
        assert_eq!(Encoding::from_label("UTF-16BE").unwrap(), Encoding::Utf16Be);
        assert!(Encoding::from_label("hz-gb-2312").is_err());
        assert!(Encoding::from_label("klingon").is_err());
    }

    #[test]
    fn legacy_encodings_decode_and_encode_strictly() {
        let big5 = Encoding::from_label("big5").unwrap();
        let bytes = big5.encode("軟體\n頭髮").unwrap().into_owned();
        assert_eq!(big5.decode_legacy(&bytes).unwrap(), "軟體\n頭髮");
        // 'a', then a lead byte with a trail byte that Big5 has no pair for.
        assert_eq!(big5.decode_legacy(&[b'a', 0xA4, 0x0A]), Err(1));
        // A lead byte at the end.
        assert_eq!(big5.decode_legacy(&[b'a', b'b', 0xA4]), Err(2));
        // Big5 has no Simplified 们.
        assert_eq!(
            big5.encode("軟體\n我们").unwrap_err(),
            Unencodable {
                line: 2,
                column: 2,
                character: '们'
            }
        );
        let gbk = Encoding::from_label("gbk").unwrap();
        assert_eq!(gbk.encode("软件 軟體").unwrap().len(), 9);
        assert!(gbk.encode("😀").is_err());
        // Shift_JIS: ⅰ is both 0xEEEF (NEC-selected IBM extensions) and 0xFA40 (IBM
        // extensions); the encoder writes 0xFA40.
        let sjis = Encoding::from_label("shift_jis").unwrap();
        let old = [0xEE, 0xEF, b'\n', b'a', b'\n'];
        let old_text = sjis.decode_legacy(&old).unwrap();
        assert_eq!(old_text, "ⅰ\na\n");
        assert_eq!(sjis.encode(&old_text).unwrap()[..2], [0xFA, 0x40]);
        // Only the changed line is encoded; the other keeps its bytes.
        let new = sjis.encode_changes(&old_text, &old, "ⅰ\nb\n").unwrap();
        assert_eq!(new, &[0xEE, 0xEF, b'\n', b'b', b'\n'][..]);
        // A line count that changed: encoded whole.
        let new = sjis.encode_changes(&old_text, &old, "ⅰ\n").unwrap();
        assert_eq!(new, &[0xFA, 0x40, b'\n'][..]);
        let err = sjis.encode_changes(&old_text, &old, "ⅰ\n软\n").unwrap_err();
        assert_eq!((err.line, err.column, err.character), (2, 1, '软'));
        let gb18030 = Encoding::from_label("gb18030").unwrap();
        let bytes = gb18030.encode("软件😀").unwrap();
        assert_eq!(gb18030.decode_legacy(&bytes).unwrap(), "软件😀");
    }
}
