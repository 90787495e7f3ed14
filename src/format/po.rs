//! gettext PO and POT catalogues: only translations are text.
//!
//! The contents of the quoted strings of `msgstr` and `msgstr[N]` (on their line and on
//! the `"…"` lines that continue them) are converted; `msgid`, `msgid_plural`, `msgctxt`,
//! comments (`#`, `#.`, `#:`, `#,`, obsolete `#~` entries) and the header (the `msgstr` of
//! the empty `msgid`: names and dates, not prose) are kept. PO escapes (`\n`, `\"`) are
//! ASCII and stay as written, and cut the text: a string holding one is converted piece by
//! piece between its escapes ([`super::escapes`]), as the reader sees it.

use super::Zones;

/// Scans a PO document.
pub(super) fn scan(text: &str, z: &mut Zones) {
    // Whether the strings being read are a translation to convert.
    let mut in_msgstr = false;
    // Whether the entry's `msgid` so far is empty (the header's is).
    let mut msgid_empty = true;
    let mut has_context = false;
    let mut kept_from = 0;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let body = line.trim_start();
        let indent = line.len() - body.len();
        let (keyword, rest) = match body.find([' ', '\t', '"']) {
            Some(k) => body.split_at(k),
            None => (body.trim_end(), ""),
        };
        let strings = match keyword {
            "" if body.starts_with('"') => in_msgstr,
            "msgctxt" => {
                has_context = true;
                in_msgstr = false;
                false
            }
            "msgid" => {
                msgid_empty = true;
                in_msgstr = false;
                false
            }
            "msgid_plural" => {
                in_msgstr = false;
                false
            }
            k if k == "msgstr" || (k.starts_with("msgstr[") && k.ends_with(']')) => {
                // The header is the translation of the empty msgid without a context.
                in_msgstr = !msgid_empty || has_context;
                has_context = false;
                in_msgstr
            }
            _ => {
                // A comment, a blank line or something unknown: the entry's strings end.
                if body.trim().is_empty() || body.starts_with('#') {
                    in_msgstr = false;
                }
                if body.starts_with('#') {
                    let end = start + line.trim_end_matches(['\n', '\r']).len();
                    z.comments.push((start + indent, end));
                }
                false
            }
        };
        // A continuation line of the msgid: is it still empty?
        if !in_msgstr && (keyword == "msgid" || (keyword.is_empty() && body.starts_with('"'))) {
            let rest = if keyword == "msgid" { rest } else { body };
            if quoted(rest).any(|(s, e)| e > s) {
                msgid_empty = false;
            }
        }
        if strings {
            let offset = start + indent + keyword.len();
            let rest = if keyword.is_empty() { body } else { rest };
            for (s, e) in quoted(rest) {
                z.hidden.push((kept_from, offset + s));
                // A `\n` is a line break to the reader: the text is converted piece by
                // piece between escapes, which stay as written (as in JSON).
                if rest[s..e].contains('\\') {
                    z.escaped.push((offset + s, offset + e));
                }
                kept_from = offset + e;
            }
        }
    }
    z.hidden.push((kept_from, text.len()));
}

/// The contents (start, end) of the closed quoted strings of `s`, relative to `s`.
fn quoted(s: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let open = i + memchr::memchr(b'"', &b[i..])?;
        let mut j = open + 1;
        loop {
            j += memchr::memchr2(b'"', b'\\', &b[j..])?;
            if b[j] == b'\\' {
                j += 2;
                if j >= b.len() {
                    return None;
                }
            } else {
                i = j + 1;
                return Some((open + 1, j));
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        Zones::texts_of(text, scan)
    }

    #[test]
    fn only_translations_are_text() {
        let po = r#"# 译者注释
msgid ""
msgstr ""
"Language-Team: 中文（简体）\n"
"Plural-Forms: nplurals=1; plural=0;\n"

#: src/main.c:12
#, c-format
msgctxt "菜单"
msgid "打开文件"
msgstr "打开文件"

msgid ""
"多行"
"原文"
msgstr ""
"多行\"译文\"\n"
"第二行"

msgid "%d 个文件"
msgid_plural "%d 个文件"
msgstr[0] "%d 个文件"
#~ msgid "旧的"
#~ msgstr "旧的"
msgctxt "上下文"
msgid ""
msgstr "有上下文的空原文"
"#;
        assert_eq!(
            texts(po),
            [
                "打开文件",
                "",
                "多行\\\"译文\\\"\\n",
                "第二行",
                "%d 个文件",
                "有上下文的空原文"
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
        );
    }

    #[test]
    fn unclosed_strings_are_kept() {
        assert!(texts("msgid \"a\"\nmsgstr \"未闭合\n").is_empty());
        assert!(texts("msgstr").is_empty());
    }
}
