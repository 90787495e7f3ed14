//! Source code: only comments and string literals are text.
//!
//! A lexer per language family, not a parser: it finds where comments and string literals
//! begin and end, and everything else (identifiers, keywords, numbers, punctuation, the
//! quotes and comment markers themselves) is hidden, so `let 变量 = "软件"; // 注释`
//! converts only `软件` and ` 注释`. Interpolations stay code: `${…}` in JavaScript
//! templates, `{…}` in Python f-strings, `$name`, `${…}`, `$(…)` and backquotes in shell
//! double quotes. Character literals (`'x'` in C, Java, Go and Rust) are kept.
//!
//! On anything malformed (a string or block comment that does not end) the rest of the
//! file is kept as written. Every delimiter is ASCII, so every position cut is a character
//! boundary, and the scan is linear.

use std::fmt;
use std::str::FromStr;

use super::Zones;

/// A programming language whose comments and string literals [`Format::Code`]
/// converts.
///
/// [`Format::Code`]: crate::Format::Code
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Rust: `//`, `/* */`, `"…"`, raw strings `r#"…"#`; char literals and lifetimes kept.
    Rust,
    /// Python: `#`, quotes with prefixes (`r`, `b`, `f` …), triple quotes; f-string
    /// fields kept.
    Python,
    /// JavaScript and TypeScript: `//`, `/* */`, `'…'`, `"…"`, templates (`${…}` kept),
    /// regular expression literals kept.
    JavaScript,
    /// Go: `//`, `/* */`, `"…"`, raw strings in backquotes; runes kept.
    Go,
    /// Java: `//`, `/* */`, `"…"`, text blocks `"""…"""`; char literals kept.
    Java,
    /// C and C++: `//`, `/* */`, `"…"`; char literals kept.
    C,
    /// POSIX shells: `#` comments, `'…'`, `"…"` (expansions kept), here-documents.
    Shell,
}

impl Lang {
    /// The language of a file extension (ASCII lower-case), if it is one.
    pub(super) fn from_extension(ext: &str) -> Option<Lang> {
        Some(match ext {
            "rs" => Lang::Rust,
            "py" | "pyi" => Lang::Python,
            "js" | "mjs" | "cjs" | "jsx" | "ts" | "tsx" | "mts" | "cts" => Lang::JavaScript,
            "go" => Lang::Go,
            "java" => Lang::Java,
            "c" | "h" | "cc" | "cpp" | "cxx" | "hpp" | "hh" | "hxx" => Lang::C,
            "sh" | "bash" | "zsh" => Lang::Shell,
            _ => return None,
        })
    }
}

impl FromStr for Lang {
    type Err = ();

    fn from_str(s: &str) -> Result<Lang, ()> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "rust" | "rs" => Lang::Rust,
            "python" | "py" => Lang::Python,
            "javascript" | "js" | "typescript" | "ts" => Lang::JavaScript,
            "go" | "golang" => Lang::Go,
            "java" => Lang::Java,
            "c" | "cpp" | "c++" => Lang::C,
            "shell" | "sh" | "bash" => Lang::Shell,
            _ => return Err(()),
        })
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Rust => "rust",
            Lang::Python => "python",
            Lang::JavaScript => "javascript",
            Lang::Go => "go",
            Lang::Java => "java",
            Lang::C => "c",
            Lang::Shell => "shell",
        })
    }
}

/// Scans source code in `lang`.
pub(super) fn scan(text: &str, lang: Lang, z: &mut Zones) {
    let mut l = Lexer {
        b: text.as_bytes(),
        z,
        kept_from: 0,
    };
    match lang {
        Lang::Python => l.python(),
        Lang::Shell => l.shell(),
        _ => l.c_like(lang),
    }
    let end = l.b.len();
    l.z.hidden.push((l.kept_from, end));
}

struct Lexer<'a, 'z> {
    b: &'a [u8],
    z: &'z mut Zones,
    /// Where the code being kept started (the end of the last text span).
    kept_from: usize,
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

impl Lexer<'_, '_> {
    /// `b[s..e]` is text.
    fn text(&mut self, s: usize, e: usize) {
        if s >= self.kept_from && e > s {
            self.z.hidden.push((self.kept_from, s));
            self.kept_from = e;
        }
    }

    /// `b[s..e]`, a piece of a string literal, is text but for its backslash escapes
    /// (`\n`, `\"`, `\u`): the text is cut there, so an escape never joins the words
    /// around it into one phrase (`"發送\n里面"` converts as `發送` and `里面` do alone).
    fn string_piece(&mut self, s: usize, e: usize) {
        let b = self.b;
        let (mut seg, mut p) = (s, s);
        while let Some(k) = memchr::memchr(b'\\', &b[p..e]) {
            let at = p + k;
            self.text(seg, at);
            // The backslash and the character after it.
            let next = match b.get(at + 1) {
                Some(&c) if c >= 0xC0 => at + 1 + (c.leading_ones() as usize),
                Some(_) => at + 2,
                None => at + 1,
            };
            seg = next.min(e);
            p = seg;
        }
        self.text(seg, e);
    }

    /// The contents `b[s..e]` of a string literal: text, but for `{name}` placeholders
    /// (`{变量}`, `{0}`, `{名字:>8}`: no white space, no other brace, at most 64 bytes),
    /// which name code (Rust's inline format arguments, `str.format`, templates).
    fn string_text(&mut self, s: usize, e: usize) {
        let b = self.b;
        let mut seg = s;
        let mut p = s;
        while let Some(k) = memchr::memchr(b'{', &b[p..e]) {
            let open = p + k;
            if b.get(open + 1) == Some(&b'{') {
                p = open + 2;
                continue;
            }
            let close = b[open + 1..e]
                .iter()
                .take(64)
                .position(|&c| c == b'}' || c == b'{' || c.is_ascii_whitespace())
                .map(|n| open + 1 + n)
                .filter(|&c| b[c] == b'}' && c > open + 1);
            match close {
                Some(c) => {
                    self.string_piece(seg, open);
                    seg = c + 1;
                    p = c + 1;
                }
                None => p = open + 1,
            }
        }
        self.string_piece(seg, e);
    }

    /// A comment `b[s..e]` whose text is `b[ts..te]`.
    fn comment(&mut self, s: usize, e: usize, ts: usize, te: usize) {
        self.z.comments.push((s, e));
        self.text(ts, te);
    }

    fn line_end(&self, from: usize) -> usize {
        memchr::memchr(b'\n', &self.b[from..]).map_or(self.b.len(), |n| from + n)
    }

    /// One past the quote `q` closing the string whose contents start at `from`
    /// (backslash escapes); `None` if it does not close, or reaches a line feed when
    /// `multiline` is false.
    fn quoted_end(&self, from: usize, q: u8, multiline: bool) -> Option<usize> {
        let b = self.b;
        let mut i = from;
        while i < b.len() {
            match b[i] {
                b'\\' => i += 2,
                b'\n' if !multiline => return None,
                c if c == q => return Some(i + 1),
                _ => i += 1,
            }
        }
        None
    }

    /// `//`, `/* */` at `i`: the end of the comment (`None`: not one; `Some(None)`: an
    /// unterminated block comment).
    fn slash_comment(&mut self, i: usize) -> Option<Option<usize>> {
        let b = self.b;
        match b.get(i + 1) {
            Some(b'/') => {
                let end = self.line_end(i);
                self.comment(i, end, i + 2, end);
                Some(Some(end))
            }
            Some(b'*') => {
                let Some(n) = memchr::memmem::find(&b[i + 2..], b"*/") else {
                    return Some(None);
                };
                let close = i + 2 + n;
                self.comment(i, close + 2, i + 2, close);
                Some(Some(close + 2))
            }
            _ => None,
        }
    }

    fn c_like(&mut self, lang: Lang) {
        let b = self.b;
        let mut i = 0;
        // The last byte that is not white space (for JavaScript's regex literals).
        let mut prev = b'\n';
        while i < b.len() {
            let c = b[i];
            let next = match c {
                b'/' => match self.slash_comment(i) {
                    Some(Some(end)) => end,
                    Some(None) => return,
                    None if lang == Lang::JavaScript
                        && b"(,=:[!&|?{};+-*%<>~^\n".contains(&prev) =>
                    {
                        self.regex_end(i).unwrap_or(i + 1)
                    }
                    None => i + 1,
                },
                b'"' if lang == Lang::Java && b[i..].starts_with(b"\"\"\"") => {
                    let Some(n) = find_unescaped(&b[i + 3..], b"\"\"\"") else {
                        return;
                    };
                    self.string_text(i + 3, i + 3 + n);
                    i + 6 + n
                }
                b'"' => {
                    let multiline = lang == Lang::Rust;
                    let Some(end) = self.quoted_end(i + 1, b'"', multiline) else {
                        return;
                    };
                    self.string_text(i + 1, end - 1);
                    end
                }
                b'\'' if lang == Lang::JavaScript => {
                    let Some(end) = self.quoted_end(i + 1, b'\'', false) else {
                        return;
                    };
                    self.string_text(i + 1, end - 1);
                    end
                }
                b'\'' if lang == Lang::Rust => rust_char_end(b, i).unwrap_or(i + 1),
                // A character literal (or a C++ digit separator): kept.
                b'\'' => self.quoted_end(i + 1, b'\'', false).unwrap_or(i + 1),
                b'`' if lang == Lang::Go => {
                    let Some(n) = memchr::memchr(b'`', &b[i + 1..]) else {
                        return;
                    };
                    self.string_text(i + 1, i + 1 + n);
                    i + 2 + n
                }
                b'`' if lang == Lang::JavaScript => match self.template(i) {
                    Some(end) => end,
                    None => return,
                },
                c if is_ident(c) => {
                    let mut e = i;
                    while e < b.len() && is_ident(b[e]) {
                        e += 1;
                    }
                    if lang == Lang::Rust {
                        match (&b[i..e], b.get(e)) {
                            (b"r" | b"br" | b"cr", Some(b'"' | b'#')) => match self.rust_raw(e) {
                                Some(end) => end,
                                None if b[e] == b'#' => e,
                                None => return,
                            },
                            (b"b" | b"c", Some(b'"')) => e,
                            (b"b", Some(b'\'')) => rust_char_end(b, e).unwrap_or(e + 1),
                            _ => e,
                        }
                    } else {
                        e
                    }
                }
                _ => i + 1,
            };
            if !c.is_ascii_whitespace() || c == b'\n' {
                prev = if c == b'\n' { b'\n' } else { b[next - 1] };
            }
            i = next;
        }
    }

    /// A Rust raw string whose `#`s or quote start at `i` (after `r`): its end, after
    /// marking its contents as text. `None` if it is not one or does not close.
    fn rust_raw(&mut self, i: usize) -> Option<usize> {
        let b = self.b;
        let hashes = b[i..].iter().take_while(|&&c| c == b'#').count();
        if b.get(i + hashes) != Some(&b'"') {
            return None;
        }
        let from = i + hashes + 1;
        let mut close = Vec::with_capacity(hashes + 1);
        close.push(b'"');
        close.resize(hashes + 1, b'#');
        let n = memchr::memmem::find(&b[from..], &close)?;
        self.string_text(from, from + n);
        Some(from + n + close.len())
    }

    /// A JavaScript regular expression literal at `i` (`/`): its end, on the same line;
    /// `None` if there is none (then `/` is a division).
    fn regex_end(&self, i: usize) -> Option<usize> {
        let b = self.b;
        let mut p = i + 1;
        let mut class = false;
        while p < b.len() {
            match b[p] {
                b'\\' => p += 2,
                b'\n' => return None,
                b'[' => {
                    class = true;
                    p += 1
                }
                b']' => {
                    class = false;
                    p += 1
                }
                b'/' if !class => return (p > i + 1).then_some(p + 1),
                _ => p += 1,
            }
        }
        None
    }

    /// A JavaScript template literal at `i`: its text parts, `${…}` kept; its end.
    fn template(&mut self, i: usize) -> Option<usize> {
        let b = self.b;
        let mut p = i + 1;
        let mut seg = p;
        while p < b.len() {
            match b[p] {
                b'\\' => p += 2,
                b'$' if b.get(p + 1) == Some(&b'{') => {
                    self.string_piece(seg, p);
                    p = brace_end(b, p + 2)?;
                    seg = p;
                }
                b'`' => {
                    self.string_piece(seg, p);
                    return Some(p + 1);
                }
                _ => p += 1,
            }
        }
        None
    }

    fn python(&mut self) {
        let b = self.b;
        let mut i = 0;
        while i < b.len() {
            i = match b[i] {
                b'#' => {
                    let end = self.line_end(i);
                    self.comment(i, end, i + 1, end);
                    end
                }
                b'"' | b'\'' => match self.python_string(i, false) {
                    Some(end) => end,
                    None => return,
                },
                c if is_ident(c) => {
                    let mut e = i;
                    while e < b.len() && is_ident(b[e]) {
                        e += 1;
                    }
                    let prefix = b[i..e].to_ascii_lowercase();
                    let is_prefix = matches!(
                        prefix.as_slice(),
                        b"r" | b"u" | b"b" | b"f" | b"br" | b"rb" | b"fr" | b"rf" | b"t"
                    );
                    if is_prefix && matches!(b.get(e), Some(b'"' | b'\'')) {
                        let fstring = prefix.contains(&b'f') || prefix.contains(&b't');
                        match self.python_string(e, fstring) {
                            Some(end) => end,
                            None => return,
                        }
                    } else {
                        e
                    }
                }
                _ => i + 1,
            };
        }
    }

    /// A Python string whose quote is at `i`: its contents marked as text (f-string
    /// fields kept); its end.
    fn python_string(&mut self, i: usize, fstring: bool) -> Option<usize> {
        let b = self.b;
        let q = b[i];
        let triple = b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q);
        let from = if triple { i + 3 } else { i + 1 };
        let mut p = from;
        let mut seg = from;
        while p < b.len() {
            match b[p] {
                b'\\' => p += 2,
                b'\n' if !triple => return None,
                b'{' if fstring => {
                    if b.get(p + 1) == Some(&b'{') {
                        p += 2;
                    } else {
                        self.string_piece(seg, p);
                        p = brace_end(b, p + 1)?;
                        seg = p;
                    }
                }
                c if c == q
                    && (!triple || (b.get(p + 1) == Some(&q) && b.get(p + 2) == Some(&q))) =>
                {
                    self.string_piece(seg, p);
                    return Some(if triple { p + 3 } else { p + 1 });
                }
                _ => p += 1,
            }
        }
        None
    }

    fn shell(&mut self) {
        let b = self.b;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            i = match c {
                b'#' if i == 0
                    || matches!(b[i - 1], b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'(') =>
                {
                    let end = self.line_end(i);
                    self.comment(i, end, i + 1, end);
                    end
                }
                b'\\' => i + 2,
                b'\'' => {
                    let Some(n) = memchr::memchr(b'\'', &b[i + 1..]) else {
                        return;
                    };
                    self.text(i + 1, i + 1 + n);
                    i + 2 + n
                }
                b'"' => match self.shell_double(i) {
                    Some(end) => end,
                    None => return,
                },
                // A `<<` whose document does not end is an operator (`$((1<<2))`).
                b'<' if b[i..].starts_with(b"<<") && !b[i..].starts_with(b"<<<") => {
                    self.heredoc(i).unwrap_or(i + 2)
                }
                _ => i + 1,
            };
        }
    }

    /// A shell double-quoted string at `i`: text but for expansions; its end.
    fn shell_double(&mut self, i: usize) -> Option<usize> {
        let b = self.b;
        let mut p = i + 1;
        let mut seg = p;
        while p < b.len() {
            match b[p] {
                b'\\' => p += 2,
                b'"' => {
                    self.string_piece(seg, p);
                    return Some(p + 1);
                }
                b'$' => {
                    self.string_piece(seg, p);
                    p = match b.get(p + 1) {
                        Some(b'{') => brace_end(b, p + 2)?,
                        Some(b'(') => paren_end(b, p + 2)?,
                        _ => {
                            let mut e = p + 1;
                            while e < b.len() && (b[e].is_ascii_alphanumeric() || b[e] == b'_') {
                                e += 1;
                            }
                            e.max(p + 1)
                        }
                    };
                    seg = p;
                }
                b'`' => {
                    self.string_piece(seg, p);
                    p = p + 2 + memchr::memchr(b'`', &b[p + 1..])?;
                    seg = p;
                }
                _ => p += 1,
            }
        }
        None
    }

    /// A here-document whose `<<` is at `i`: its body is text (its delimiter line kept);
    /// the end of its closing line. `None` if it does not end; a `<<` without a word is
    /// an operator (the next byte).
    fn heredoc(&mut self, i: usize) -> Option<usize> {
        let b = self.b;
        let mut p = i + 2;
        let strip = b.get(p) == Some(&b'-');
        if strip {
            p += 1;
        }
        while p < b.len() && matches!(b[p], b' ' | b'\t') {
            p += 1;
        }
        let quote = b.get(p).copied().filter(|c| matches!(c, b'\'' | b'"'));
        if quote.is_some() {
            p += 1;
        }
        let w = p;
        while p < b.len() && (b[p].is_ascii_alphanumeric() || b[p] == b'_') {
            p += 1;
        }
        if p == w {
            return Some(i + 2);
        }
        let word = &b[w..p];
        let body = self.line_end(p) + 1;
        let mut line = body;
        while line < b.len() {
            let end = self.line_end(line);
            let l = &b[line..end];
            let l = if strip {
                let t = l.iter().take_while(|&&c| c == b'\t').count();
                &l[t..]
            } else {
                l
            };
            if l == word || l.strip_suffix(b"\r") == Some(word) {
                self.text(body, line);
                return Some(end);
            }
            line = end + 1;
        }
        None
    }
}

/// The end of a Rust char literal at `i` (`'`), or `None` for a lifetime.
fn rust_char_end(b: &[u8], i: usize) -> Option<usize> {
    let first = *b.get(i + 1)?;
    if first == b'\\' {
        // An escape: `'\n'`, `'\''`, `'\u{8f6f}'`.
        let n = b.get(i + 3..)?.iter().take(12).position(|&c| c == b'\'')?;
        return Some(i + 4 + n);
    }
    let len = match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    (b.get(i + 1 + len) == Some(&b'\'')).then_some(i + 2 + len)
}

/// The end (one past) of `}` closing a `{` whose contents start at `from`, skipping
/// quoted strings; `None` if it does not close.
fn brace_end(b: &[u8], from: usize) -> Option<usize> {
    nested_end(b, from, b'{', b'}')
}

fn paren_end(b: &[u8], from: usize) -> Option<usize> {
    nested_end(b, from, b'(', b')')
}

fn nested_end(b: &[u8], from: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 1usize;
    let mut p = from;
    while p < b.len() {
        match b[p] {
            b'\\' => p += 1,
            c @ (b'"' | b'\'' | b'`') => {
                p += 1 + find_unescaped(b.get(p + 1..)?, &[c])?;
            }
            c if c == open => depth += 1,
            c if c == close => {
                depth -= 1;
                if depth == 0 {
                    return Some(p + 1);
                }
            }
            _ => {}
        }
        p += 1;
    }
    None
}

/// The first `needle` in `b` not escaped by a backslash.
fn find_unescaped(b: &[u8], needle: &[u8]) -> Option<usize> {
    let mut p = 0;
    while p < b.len() {
        if b[p] == b'\\' {
            p += 2;
        } else if b[p..].starts_with(needle) {
            return Some(p);
        } else {
            p += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, lang: Lang) -> Vec<&str> {
        Zones::texts_of(text, |t, z| scan(t, lang, z))
    }

    #[test]
    fn only_comments_and_strings_are_text() {
        assert_eq!(
            texts(
                "let 变量 = \"软件\"; // 注释\n/* 块 */ let c = '字'; fn f<'a>(x: &'a str) {}",
                Lang::Rust
            ),
            ["软件", " 注释", " 块 "]
        );
        assert_eq!(
            texts(
                r###"let s = r#"原始 "引号""#; let b = b"x"; let 'l: loop {}"###,
                Lang::Rust
            ),
            ["原始 \"引号\"", "x"]
        );
        assert_eq!(
            texts(
                "const 名 = `模板 ${变量 + \"}\"} 尾`; // 注\nx = a / b / c; y = /\"/; z = '单'",
                Lang::JavaScript
            ),
            ["模板 ", " 尾", " 注", "单"]
        );
        assert_eq!(
            texts(
                "# 注释\n变量 = f\"值 {变量!r} {{括号}}\" + rb'字节' + \"\"\"多\n行\"\"\"",
                Lang::Python
            ),
            [" 注释", "值 ", " {{括号}}", "字节", "多\n行"]
        );
        assert_eq!(
            texts("# 注释\necho \"你好 $NAME ${x} 世界\" '单引' $#\ncat <<EOF\n正文 'a\nEOF\necho 尾 # 注", Lang::Shell),
            [" 注释", "你好 ", " ", " 世界", "单引", "正文 'a\n", " 注"]
        );
        assert_eq!(
            texts("s := `原始` + \"串\" // 注\nr := '字'", Lang::Go),
            ["原始", "串", " 注"]
        );
        assert_eq!(
            texts(
                "String s = \"\"\"\n文本块\n\"\"\"; char c = '字'; /** 文档 */",
                Lang::Java
            ),
            ["\n文本块\n", "* 文档 "]
        );
    }

    #[test]
    fn escapes_cut_strings() {
        // An escape never joins the words around it into one phrase.
        assert_eq!(
            texts("let a = \"發送\\n里面\\u{4e2d}文\";", Lang::Rust),
            ["發送", "里面", "文"]
        );
        assert_eq!(texts("s = '发\\t送'", Lang::Python), ["发", "送"]);
        assert_eq!(texts("echo \"发\\\"送\"", Lang::Shell), ["发", "送"]);
    }

    #[test]
    fn placeholders_in_strings_are_code() {
        assert_eq!(
            texts(
                "println!(\"{变量} 和 {变量:?} {{字面}} { 空格 } {\");",
                Lang::Rust
            ),
            [" 和 ", " {{字面}} { 空格 } {"]
        );
    }

    #[test]
    fn malformed_code_keeps_the_rest() {
        assert_eq!(texts("\"好\" /* 未闭合 \"串\"", Lang::C), ["好"]);
        assert_eq!(texts("\"好\" \"未闭合\n变量", Lang::C), ["好"]);
        assert_eq!(texts("'好' \"\"\"未闭合", Lang::Python), ["好"]);
        assert_eq!(texts("`${未闭合", Lang::JavaScript), Vec::<&str>::new());
        assert_eq!(texts("echo \"$(未闭合\"", Lang::Shell), Vec::<&str>::new());
        for lang in [
            Lang::Rust,
            Lang::Python,
            Lang::JavaScript,
            Lang::Go,
            Lang::Java,
            Lang::C,
            Lang::Shell,
        ] {
            for text in [
                "", "'", "\"", "r#", "b'", "/", "\\", "`", "$", "<<", "<<-'", "#", "'\\", "r\"",
                "f'{",
            ] {
                let _ = texts(text, lang);
            }
        }
    }
}
