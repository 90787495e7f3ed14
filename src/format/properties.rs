//! Java `.properties`: only values are text.
//!
//! A logical line is `key = value`, `key: value` or `key value`; a line ending in an odd
//! number of backslashes continues on the next, whose leading white space is not part of
//! the value. Keys, separators, comments (`#`, `!`) and continuation breaks are kept; the
//! value's pieces are text, with `\uXXXX` escapes converted as the characters they stand
//! for ([`super::escapes`]: `.properties` files were long ISO-8859-1 with every CJK
//! character escaped).

use super::Zones;

/// Scans a `.properties` document.
pub(super) fn scan(text: &str, z: &mut Zones) {
    let b = text.as_bytes();
    let mut kept_from = 0;
    // Whether the line being read continues a value.
    let mut continued = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let end = start + content.len();
        let trailing = content.len() - content.trim_end_matches('\\').len();
        let continues = trailing % 2 == 1;
        let body_start =
            start + (content.len() - content.trim_start_matches([' ', '\t', '\u{c}']).len());
        let value_start = if continued {
            body_start
        } else {
            if body_start == end || matches!(b[body_start], b'#' | b'!') {
                if body_start < end {
                    z.comments.push((body_start, end));
                }
                continued = false;
                continue;
            }
            value_start(b, body_start, end)
        };
        let value_end = if continues { end - 1 } else { end };
        if value_start < value_end {
            z.hidden.push((kept_from, value_start));
            if text[value_start..value_end].contains('\\') {
                z.escaped.push((value_start, value_end));
            }
            kept_from = value_end;
        }
        continued = continues;
    }
    z.hidden.push((kept_from, b.len()));
}

/// Where the value of the logical line whose key starts at `i` begins: after the key
/// (ended by an unescaped `=`, `:` or white space) and the separator around it.
fn value_start(b: &[u8], mut i: usize, end: usize) -> usize {
    while i < end {
        match b[i] {
            b'\\' => i += 2,
            b'=' | b':' | b' ' | b'\t' | b'\x0c' => break,
            _ => i += 1,
        }
    }
    let mut i = i.min(end);
    while i < end && matches!(b[i], b' ' | b'\t' | b'\x0c') {
        i += 1;
    }
    if i < end && matches!(b[i], b'=' | b':') {
        i += 1;
        while i < end && matches!(b[i], b' ' | b'\t' | b'\x0c') {
            i += 1;
        }
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        Zones::texts_of(text, scan)
    }

    #[test]
    fn values_are_text_keys_and_comments_are_not() {
        let p = "# 注释\n! 注释\n软件=软件\nmenu.open : 打开文件\r\nkey\\ with\\=escapes 值\n\
                 multi = 第一行\\\n    第二行\\\\\nnext=\\u8f6f\\u4ef6\nempty=\n  \n";
        assert_eq!(
            texts(p),
            [
                "软件",
                "打开文件",
                "值",
                "第一行",
                "第二行\\\\",
                "\\u8f6f\\u4ef6"
            ]
        );
    }
}
