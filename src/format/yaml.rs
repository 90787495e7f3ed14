//! YAML (locale files such as Rails' `zh-TW.yml`): only scalar values and comments are
//! text.
//!
//! A line lexer for block YAML: mapping keys, sequence dashes, anchors, tags, aliases,
//! document markers and directives are kept; the contents of quoted scalars (double-quoted
//! with `\uXXXX` escapes converted as in JSON, single-quoted), plain scalars (and the more
//! indented lines continuing them), block scalars (`|`, `>`) and comments after `#` are
//! text. Flow collections (`{…}`, `[…]`) are kept whole: they are code-like and rare in
//! locale files. A quoted scalar that does not close keeps the rest of the document.

use super::Zones;

struct Lexer<'a, 'z> {
    text: &'a str,
    z: &'z mut Zones,
    kept_from: usize,
}

impl Lexer<'_, '_> {
    fn text(&mut self, s: usize, e: usize) {
        if s >= self.kept_from && e > s {
            self.z.hidden.push((self.kept_from, s));
            self.kept_from = e;
        }
    }
}

/// Scans a YAML document.
pub(super) fn scan(text: &str, z: &mut Zones) {
    let b = text.as_bytes();
    let mut l = Lexer {
        text,
        z,
        kept_from: 0,
    };
    // Inside a block scalar: the column its parent key starts at.
    let mut block: Option<usize> = None;
    // The column of the key whose plain scalar the next more indented lines continue.
    let mut plain: Option<usize> = None;
    // Lines starting before this offset were read with a multi-line quoted scalar.
    let mut skip_to = 0;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if start < skip_to {
            continue;
        }
        let content = line.trim_end_matches(['\n', '\r']);
        let end = start + content.len();
        let indent = content.len() - content.trim_start_matches(' ').len();
        let blank = content.trim().is_empty();
        if let Some(parent) = block {
            if blank || indent > parent {
                if !blank {
                    l.text(start + indent, end);
                }
                continue;
            }
            block = None;
        }
        if blank {
            continue;
        }
        let body = start + indent;
        if let Some(parent) = plain {
            if indent > parent && b[body] != b'#' {
                l.text(body, end);
                continue;
            }
            plain = None;
        }
        if b[body] == b'#' {
            l.z.comments.push((body, end));
            l.text(body + 1, end);
            continue;
        }
        if content[indent..].starts_with("---")
            || content[indent..].starts_with("...")
            || b[body] == b'%'
        {
            continue;
        }
        // Sequence dashes.
        let mut p = body;
        while p < end && b[p] == b'-' && (p + 1 == end || b[p + 1] == b' ') {
            p += 1;
            while p < end && b[p] == b' ' {
                p += 1;
            }
        }
        let key = key_end(b, p, end);
        // The column a block scalar's lines, or a plain scalar's continuation lines, are
        // more indented than: the key's, or the first dash's.
        let parent = if key.is_some() { p - start } else { indent };
        let value = match key {
            Some(colon) => {
                let mut v = colon + 1;
                while v < end && b[v] == b' ' {
                    v += 1;
                }
                v
            }
            None => p,
        };
        match scalar(&mut l, value, end) {
            Scalar::Block => block = Some(parent),
            Scalar::Plain => plain = Some(parent),
            Scalar::Quoted(e) if e > end => skip_to = e,
            Scalar::Quoted(_) | Scalar::Other => {}
            Scalar::Unclosed => break,
        }
    }
    let len = text.len();
    l.z.hidden.push((l.kept_from, len));
}

enum Scalar {
    Block,
    Plain,
    /// A quoted scalar ending at this offset.
    Quoted(usize),
    Other,
    Unclosed,
}

/// The `:` ending a mapping key that starts at `p` on a line ending at `end`, if the line
/// holds one.
fn key_end(b: &[u8], p: usize, end: usize) -> Option<usize> {
    let mut i = p;
    if i < end && matches!(b[i], b'"' | b'\'') {
        let q = b[i];
        i += 1;
        while i < end && b[i] != q {
            i += if b[i] == b'\\' && q == b'"' { 2 } else { 1 };
        }
        i += 1;
        while i < end && b[i] == b' ' {
            i += 1;
        }
        return (i < end && b[i] == b':' && (i + 1 == end || b[i + 1] == b' ')).then_some(i);
    }
    if i < end && matches!(b[i], b'{' | b'[' | b'|' | b'>' | b'#' | b'&' | b'*' | b'!') {
        return None;
    }
    while i < end {
        match b[i] {
            b':' if i + 1 == end || b[i + 1] == b' ' => return Some(i),
            b'#' if i > p && b[i - 1] == b' ' => return None,
            _ => i += 1,
        }
    }
    None
}

/// Reads the value starting at `v` (line end `end`).
fn scalar(l: &mut Lexer<'_, '_>, mut v: usize, end: usize) -> Scalar {
    let b = l.text.as_bytes();
    // Anchors and tags before the value.
    while v < end && matches!(b[v], b'&' | b'!') {
        while v < end && b[v] != b' ' {
            v += 1;
        }
        while v < end && b[v] == b' ' {
            v += 1;
        }
    }
    if v >= end {
        return Scalar::Other;
    }
    match b[v] {
        b'#' => {
            l.z.comments.push((v, end));
            l.text(v + 1, end);
            Scalar::Other
        }
        b'|' | b'>' => {
            if let Some(h) = l.text[v..end].find(" #") {
                l.z.comments.push((v + h + 1, end));
                l.text(v + h + 2, end);
            }
            Scalar::Block
        }
        b'*' | b'{' | b'[' => Scalar::Other,
        q @ (b'"' | b'\'') => {
            let mut i = v + 1;
            loop {
                if i >= b.len() {
                    return Scalar::Unclosed;
                }
                match b[i] {
                    b'\\' if q == b'"' => i += 2,
                    b'\'' if q == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 2,
                    c if c == q => break,
                    _ => i += 1,
                }
            }
            // As in JSON: the text between escapes is converted piece by piece.
            if q == b'"' && l.text[v + 1..i].contains('\\') {
                l.z.escaped.push((v + 1, i));
            }
            l.text(v + 1, i);
            // A comment after the closing quote.
            let line_end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
            if let Some(h) = l.text[i + 1..line_end].find(" #") {
                let c = i + 1 + h + 1;
                l.z.comments.push((c, line_end));
                l.text(c + 1, line_end);
            }
            Scalar::Quoted(i + 1)
        }
        _ => {
            let value = &l.text[v..end];
            let stop = value.find(" #").unwrap_or(value.len());
            let text_end = v + value[..stop].trim_end().len();
            l.text(v, text_end);
            if stop < value.len() {
                l.z.comments.push((v + stop + 1, end));
                l.text(v + stop + 2, end);
            }
            Scalar::Plain
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        Zones::texts_of(text, scan)
    }

    #[test]
    fn values_and_comments_are_text_keys_are_not() {
        let y = "# 注释\nzh-TW:\n  软件: 软件设置 # 行尾注释\n  \"打开\": \"打开文件\"\n  单: '它''s 网络'\n  \
                 列表:\n    - 第一项\n    - 键: 值\n  块: |\n    第一行\n    第二行\n  下一个: &a !!str 锚点\n  \
                 别名: *a\n  流: {键: 值}\n  长: 第一行\n    续行\n  日期: \"{year}-{month}\"\n";
        assert_eq!(
            texts(y),
            [
                " 注释",
                "软件设置",
                " 行尾注释",
                "打开文件",
                "它''s 网络",
                "第一项",
                "值",
                "第一行",
                "第二行",
                "锚点",
                "第一行",
                "续行",
                "{year}-{month}"
            ]
        );
    }

    #[test]
    fn malformed_documents_keep_the_rest() {
        assert_eq!(texts("a: 值\nb: \"未闭合\nc: 值\n"), ["值"]);
        for y in [
            "", "-", "- ", ":", "\"", "'", "a: |", "a: &", "- - -", "#", "a: \"\\",
        ] {
            let _ = texts(y);
        }
    }
}
