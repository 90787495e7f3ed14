//! JSON, JSONC and Apple `.strings`: only string values and comments are text.
//!
//! A string followed (after white space and comments) by the key separator (`:` in JSON,
//! `=` in `.strings`) is a key and is kept whole; the quotes of a value are kept and its
//! contents are text, with `\uXXXX` escapes converted as the characters they stand for
//! and the text between other escapes converted piece by piece ([`super::escapes`]); comments (`//`, `/* */`, JSONC and `.strings`) are text after
//! their markers. Everything else (numbers, `true`, punctuation, white space) is kept.
//! Conversion never touches an ASCII character, so no template (`{year}-{month}`), escape
//! or quote can change, and a document that parsed still parses.
//!
//! A lexer, not a parser: it needs only where strings and comments are, and it is what
//! keeps a malformed document as written (an unterminated string or comment keeps the
//! rest of the document).

use super::Zones;

/// Scans `text` (JSON when `separator` is `b':'`, `.strings` when `b'='`).
pub(super) fn scan(text: &str, separator: u8, z: &mut Zones) {
    let b = text.as_bytes();
    let mut kept_from = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let Some(end) = string_end(b, i) else {
                    break;
                };
                if is_key(b, end, separator) {
                    i = end;
                    continue;
                }
                z.hidden.push((kept_from, i + 1));
                // Any escape: `\uXXXX` stands for its character, and the others (`\n`,
                // `\"`) end the text before them, as the characters they stand for would
                // (a line feed ends a line: 鼠标\n發送 converts 鼠标 as a line of its own).
                if text[i + 1..end - 1].contains('\\') {
                    z.escaped.push((i + 1, end - 1));
                }
                kept_from = end - 1;
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                let end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                z.hidden.push((kept_from, i + 2));
                z.comments.push((i, end));
                kept_from = end;
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let Some(n) = memchr::memmem::find(&b[i + 2..], b"*/") else {
                    break;
                };
                z.hidden.push((kept_from, i + 2));
                z.comments.push((i, i + 4 + n));
                kept_from = i + 2 + n;
                i = kept_from + 2;
            }
            _ => i += 1,
        }
    }
    z.hidden.push((kept_from, b.len()));
}

/// The end (one past the closing quote) of the string opening at `start`; `None` when it
/// is not closed.
fn string_end(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        i += memchr::memchr2(b'"', b'\\', &b[i..])?;
        if b[i] == b'\\' {
            i += 2;
            if i > b.len() {
                return None;
            }
        } else {
            return Some(i + 1);
        }
    }
}

/// Whether the string ending at `end` is a key: the next byte that is not white space or
/// part of a comment is `separator`.
fn is_key(b: &[u8], mut i: usize, separator: u8) -> bool {
    while i < b.len() {
        match b[i] {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n)
            }
            b'/' if b.get(i + 1) == Some(&b'*') => match memchr::memmem::find(&b[i + 2..], b"*/") {
                Some(n) => i += 4 + n,
                None => return false,
            },
            c => return c == separator,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text spans of `text` (the gaps between hidden zones).
    fn texts(text: &str, separator: u8) -> Vec<&str> {
        Zones::texts_of(text, |t, z| scan(t, separator, z))
    }

    #[test]
    fn values_and_comments_are_text_keys_are_not() {
        let j = r#"{"软件": "软件", "d": "日期：{year}-{month}-{day}", "n": [1, "二", true],
  // 注释
  "k" /* 键 */ : "值\"引号\"", /* 块 */ "e": "\u8f6f\u4ef6"}"#;
        assert_eq!(
            texts(j, b':'),
            [
                "软件",
                "日期：{year}-{month}-{day}",
                "二",
                " 注释",
                " 键 ",
                "值\\\"引号\\\"",
                " 块 ",
                "\\u8f6f\\u4ef6"
            ]
        );
        let s = "/* 注释 */\n\"打开文件\" = \"打开文件\";\n\"键\"=\"值\" ;";
        assert_eq!(texts(s, b'='), [" 注释 ", "打开文件", "值"]);
    }

    #[test]
    fn malformed_documents_keep_the_rest() {
        assert_eq!(texts(r#"{"a": "软件", "b": "未闭合"#, b':'), ["软件"]);
        assert_eq!(texts(r#"{"a": "软件" /* 未闭合"#, b':'), ["软件"]);
        assert_eq!(texts(r#"{"a": "尾\"#, b':'), Vec::<&str>::new());
        assert!(texts("", b':').is_empty());
    }
}
