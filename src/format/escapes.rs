//! Text spans written with backslash escapes (JSON and Apple `.strings` strings, Java
//! `.properties` values): `\u8f6f\u4ef6` is 软件 to a reader, so it is converted as
//! text and written back escaped, in the same case; every other escape (`\n`, `\"`, `\/`,
//! `\u0041` …) and every unchanged character keeps its bytes.
//!
//! The span is cut at escapes that are not of a non-ASCII character (a `\n` is a line
//! break to the reader: no phrase spans it); each piece is decoded, converted as a whole,
//! and written back character by character: a character that came escaped is escaped
//! again. When a conversion changes the number of characters of a piece, the position of
//! each character is lost, so all of that piece's non-ASCII characters are escaped if any
//! was.

use std::fmt::Write as _;

/// How a character of a piece was written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Written {
    /// As itself.
    Raw,
    /// `\uXXXX` (a surrogate pair for characters beyond the BMP), in upper- or lower-case
    /// hex, with `u` or `U`.
    Escaped { upper_hex: bool, upper_u: bool },
}

/// Converts the escaped span `span` with `convert` (text in, converted text appended),
/// appending the result to `out`.
pub(crate) fn convert(span: &str, out: &mut String, mut convert: impl FnMut(&str, &mut String)) {
    let b = span.as_bytes();
    // The piece being read: its characters and how each was written, and where it starts.
    let mut text = String::new();
    let mut written: Vec<Written> = Vec::new();
    let mut raw_start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        match unicode_escape(b, i) {
            Some((c, len, how)) if !c.is_ascii() => {
                push_raw(&span[raw_start..i], &mut text, &mut written);
                text.push(c);
                written.push(how);
                i += len;
            }
            _ => {
                // Another escape: the piece ends before it; the escape is kept as it is.
                push_raw(&span[raw_start..i], &mut text, &mut written);
                flush(&mut text, &mut written, out, &mut convert);
                let len = escape_len(span, i);
                out.push_str(&span[i..i + len]);
                i += len;
            }
        }
        raw_start = i;
    }
    push_raw(&span[raw_start..], &mut text, &mut written);
    flush(&mut text, &mut written, out, &mut convert);
}

fn push_raw(s: &str, text: &mut String, written: &mut Vec<Written>) {
    text.push_str(s);
    written.extend(s.chars().map(|_| Written::Raw));
}

/// Converts the piece read and writes it back (see the module docs).
fn flush(
    text: &mut String,
    written: &mut Vec<Written>,
    out: &mut String,
    convert: &mut impl FnMut(&str, &mut String),
) {
    if text.is_empty() {
        return;
    }
    let mut converted = String::with_capacity(text.len());
    convert(text, &mut converted);
    let count = converted.chars().count();
    let any_escaped = written.iter().find(|w| **w != Written::Raw).copied();
    for (k, c) in converted.chars().enumerate() {
        let how = if count == written.len() {
            written[k]
        } else if c.is_ascii() {
            Written::Raw
        } else {
            any_escaped.unwrap_or(Written::Raw)
        };
        match how {
            Written::Raw => out.push(c),
            Written::Escaped { upper_hex, upper_u } => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(if upper_u { "\\U" } else { "\\u" });
                    let _ = if upper_hex {
                        write!(out, "{unit:04X}")
                    } else {
                        write!(out, "{unit:04x}")
                    };
                }
            }
        }
    }
    text.clear();
    written.clear();
}

/// The character of a `\uXXXX` escape at `i` (with its low surrogate, when it is a high
/// one), the bytes it takes and how it was written; `None` for a malformed one or a lone
/// surrogate (kept as written).
fn unicode_escape(b: &[u8], i: usize) -> Option<(char, usize, Written)> {
    let unit = |at: usize| -> Option<(u16, bool, bool)> {
        let e = b.get(at..at + 6)?;
        if e[0] != b'\\' || !(e[1] == b'u' || e[1] == b'U') {
            return None;
        }
        let hex = std::str::from_utf8(&e[2..]).ok()?;
        let v = u16::from_str_radix(hex, 16).ok()?;
        if !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
            return None;
        }
        let upper_hex = hex.bytes().any(|h| h.is_ascii_uppercase());
        Some((v, upper_hex, e[1] == b'U'))
    };
    let (first, upper_hex, upper_u) = unit(i)?;
    let how = Written::Escaped { upper_hex, upper_u };
    match first {
        0xD800..=0xDBFF => {
            let (second, ..) = unit(i + 6)?;
            let c = char::decode_utf16([first, second]).next()?.ok()?;
            Some((c, 12, how))
        }
        _ => Some((char::from_u32(u32::from(first))?, 6, how)),
    }
}

/// The length of the escape at byte `i` (a backslash): the backslash and the character
/// after it, or the backslash alone at the end of the span.
fn escape_len(span: &str, i: usize) -> usize {
    1 + span[i + 1..].chars().next().map_or(0, char::len_utf8)
}

/// Whether `span` holds an escape of a non-ASCII character (the scanners now mark every
/// span holding an escape; the tests still read this).
#[cfg(test)]
fn has_unicode_escape(span: &str) -> bool {
    let b = span.as_bytes();
    memchr::memchr_iter(b'\\', b).any(|i| unicode_escape(b, i).is_some_and(|(c, ..)| !c.is_ascii()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in conversion: 软→軟, 件→體, 标→標, 鼠标→滑鼠 (a phrase), 计程车→計程車.
    fn fake(s: &str, out: &mut String) {
        let s = s.replace("鼠标", "滑鼠").replace("计算机", "電腦");
        out.extend(s.chars().map(|c| match c {
            '软' => '軟',
            '件' => '體',
            '标' => '標',
            c => c,
        }));
    }

    fn conv(s: &str) -> String {
        let mut out = String::new();
        convert(s, &mut out, fake);
        out
    }

    #[test]
    fn escaped_characters_are_converted_and_escaped_again() {
        assert_eq!(conv("\\u8f6f\\u4ef6"), "\\u8edf\\u9ad4");
        assert_eq!(conv("\\u8F6F\\u4EF6"), "\\u8EDF\\u9AD4");
        assert_eq!(conv("\\U8f6f件"), "\\U8edf體");
        // Escaped and raw characters of one word form it together.
        assert_eq!(conv("鼠\\u6807"), "滑\\u9f20");
    }

    #[test]
    fn other_escapes_and_unchanged_text_keep_their_bytes() {
        for s in [
            "\\n\\t\\\"\\\\\\/\\u0041 {year}-{month}",
            "\\ud83d\\ude00 \\uD83D\\uDE00",
            "lone \\ud83d and \\uzzzz and \\u12",
            "trailing \\",
        ] {
            assert_eq!(conv(s), s);
        }
        assert_eq!(conv("软\\n件"), "軟\\n體");
    }

    #[test]
    fn a_piece_that_changes_length_is_escaped_whole() {
        assert_eq!(conv("\\u8ba1\\u7b97\\u673a好"), "\\u96fb\\u8166\\u597d");
    }

    #[test]
    fn spans_without_unicode_escapes_are_recognized() {
        assert!(has_unicode_escape("a\\u8f6f"));
        assert!(!has_unicode_escape("a\\u0041\\n软件"));
    }
}
