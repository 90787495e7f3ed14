//! Describing what a conversion changed in lines: the context of a `--check` finding (the
//! findings themselves are the library's `Converter::findings`) and `--diff` output.
//!
//! Conversion keeps line breaks: line n of the output is what line n of the input became,
//! except where conversion markup spanning lines was resolved (`-{zh-hans:甲\n乙;zh-hant:丙}-`
//! can become one line, or three). Where that cannot have happened (the line counts agree
//! and no `-{` is open at a line break), lines are paired and the diff is made in one pass
//! and linear time; otherwise lines are aligned by a line diff.

use similar::TextDiff;

/// Characters of context on each side of a change.
const CONTEXT: usize = 8;

/// Lines of context around the changes of a unified diff.
const DIFF_CONTEXT: usize = 2;

/// The lines of `text` with their line feeds, as `text.split_inclusive('\n')` gives them.
fn lines_with_feeds(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive('\n')
}

/// Whether line n of `new` is what line n of `old` became, for every n: the texts have as
/// many line feeds, and no `-{` of `old` is still open at a line feed (resolving markup that
/// spans lines can remove line feeds in one place and add as many in another). Markup is
/// recognized loosely here (any `-{` … `}-`, nested), so that a doubt means "no".
fn lines_paired(old: &str, new: &str) -> bool {
    let newlines = |s: &str| memchr::memchr_iter(b'\n', s.as_bytes()).count();
    newlines(old) == newlines(new) && !markup_spans_lines(old)
}

/// Whether some `-{` in `text` is not closed by a `}-` before the next line feed.
fn markup_spans_lines(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(first) = memchr::memmem::find(bytes, b"-{") else {
        return false;
    };
    let mut depth = 0usize;
    let mut i = first;
    while let Some(at) = memchr::memchr3(b'-', b'}', b'\n', &bytes[i..]) {
        let at = i + at;
        match (bytes[at], bytes.get(at + 1)) {
            (b'-', Some(b'{')) => {
                depth += 1;
                i = at + 2;
                continue;
            }
            (b'}', Some(b'-')) if depth > 0 => {
                depth -= 1;
                i = at + 2;
                continue;
            }
            (b'\n', _) if depth > 0 => return true,
            _ => {}
        }
        i = at + 1;
    }
    false
}

/// The context of a finding at byte `offset` of `text`: its line, up to [`CONTEXT`]
/// characters on each side.
pub fn context(text: &str, offset: usize) -> String {
    // A byte order mark is not text of the first line.
    let first = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let start = text[..offset].rfind('\n').map_or(first, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    line_context(&text[start..end], offset - start)
}

/// The context of a change starting at byte `at` of line `a`: up to [`CONTEXT`] characters
/// on each side, tabs and carriage returns as spaces.
fn line_context(a: &str, at: usize) -> String {
    let start = a[..at]
        .char_indices()
        .rev()
        .take(CONTEXT)
        .last()
        .map_or(at, |(i, _)| i);
    let end = a[at..]
        .char_indices()
        .nth(CONTEXT)
        .map_or(a.len(), |(i, _)| at + i);
    a[start..end].replace(['\r', '\t'], " ")
}

/// A unified diff of one file (two lines of context, `name` as both file names; empty when
/// nothing changed).
pub fn unified(name: &str, old: &str, new: &str) -> String {
    // Paired lines also need the same last line, with or without a line feed.
    let last_line = |s: &str| !s.is_empty() && !s.ends_with('\n');
    if lines_paired(old, new) && last_line(old) == last_line(new) {
        return paired_unified(name, old, new);
    }
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(DIFF_CONTEXT)
        .header(name, name)
        .to_string()
}

/// [`unified`] for paired lines, in one pass: each run of changed lines is its old lines
/// then its new lines, as a line diff gives them; hunks are joined when at most twice the
/// context lies between them.
fn paired_unified(name: &str, old: &str, new: &str) -> String {
    let mut out = String::new();
    // The open hunk: its first line (0-based), its length in lines and its body.
    let mut hunk: Option<(usize, usize, String)> = None;
    // Unchanged lines since the last change (or the last few, with no hunk open).
    let mut equal: Vec<&str> = Vec::new();
    // The run of changed lines being read.
    let (mut minus, mut plus): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let pairs = lines_with_feeds(old).zip(lines_with_feeds(new));
    for (i, (a, b)) in pairs.enumerate() {
        if a == b {
            match &mut hunk {
                None => {
                    if equal.len() == DIFF_CONTEXT {
                        equal.remove(0);
                    }
                    equal.push(a);
                }
                Some((_, len, body)) => {
                    flush_run(body, &mut minus, &mut plus);
                    equal.push(a);
                    if equal.len() > 2 * DIFF_CONTEXT {
                        for l in &equal[..DIFF_CONTEXT] {
                            push_line(body, ' ', l);
                        }
                        *len += DIFF_CONTEXT;
                        if let Some(h) = hunk.take() {
                            write_hunk(&mut out, name, h);
                        }
                        equal.drain(..equal.len() - DIFF_CONTEXT);
                    }
                }
            }
            continue;
        }
        let (_, len, body) = hunk.get_or_insert_with(|| (i - equal.len(), 0, String::new()));
        for l in equal.drain(..) {
            push_line(body, ' ', l);
            *len += 1;
        }
        minus.push(a);
        plus.push(b);
        *len += 1;
    }
    if let Some((start, mut len, mut body)) = hunk {
        flush_run(&mut body, &mut minus, &mut plus);
        for l in equal.iter().take(DIFF_CONTEXT) {
            push_line(&mut body, ' ', l);
            len += 1;
        }
        write_hunk(&mut out, name, (start, len, body));
    }
    out
}

/// Writes a run of changed lines: the old ones, then the new ones.
fn flush_run(body: &mut String, minus: &mut Vec<&str>, plus: &mut Vec<&str>) {
    for l in minus.drain(..) {
        push_line(body, '-', l);
    }
    for l in plus.drain(..) {
        push_line(body, '+', l);
    }
}

/// One line of a hunk; a last line without a line feed gets the usual marker.
fn push_line(body: &mut String, tag: char, line: &str) {
    body.push(tag);
    body.push_str(line);
    if !line.ends_with('\n') {
        body.push_str("\n\\ No newline at end of file\n");
    }
}

/// A hunk of paired lines (the same range in both files), after the file header if it is
/// the first.
fn write_hunk(out: &mut String, name: &str, (start, len, body): (usize, usize, String)) {
    use std::fmt::Write as _;
    if out.is_empty() {
        let _ = write!(out, "--- {name}\n+++ {name}\n");
    }
    let range = if len == 1 {
        (start + 1).to_string()
    } else {
        format!("{},{len}", start + 1)
    };
    let _ = writeln!(out, "@@ -{range} +{range} @@");
    out.push_str(&body);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_eight_characters_before_and_seven_after() {
        let text = "第一行\n一二三四五六七八九后\t十一二三四五六七八九\n";
        let at = text.find('后').unwrap();
        assert_eq!(context(text, at), "二三四五六七八九后 十一二三四五");
        // Characters of other lengths in UTF-8 before the word.
        let text = "a𠀀é后";
        assert_eq!(context(text, text.find('后').unwrap()), "a𠀀é后");
        // Not the byte order mark.
        assert_eq!(context("\u{FEFF}头发\r\n", 3), "头发 ");
    }

    #[test]
    fn lines_split_as_the_standard_library_does() {
        for t in ["", "\n", "a", "a\n", "a\nb", "a\n\nb\n", "\n\n", "甲\r\n乙"] {
            assert_eq!(
                lines_with_feeds(t).collect::<Vec<_>>(),
                t.split_inclusive('\n').collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn unified_diff_has_headers() {
        let d = unified("a.md", "国\n", "國\n");
        assert_eq!(d, "--- a.md\n+++ a.md\n@@ -1 +1 @@\n-国\n+國\n");
        assert_eq!(unified("a.md", "同\n", "同\n"), "");
    }

    /// Paired lines give what the line diff gives, where the line diff has nothing better
    /// to pair (no changed line equal to another line).
    #[test]
    fn paired_unified_diff_is_the_line_diff() {
        let lines = |n: usize, changed: &[usize], tail: &str| -> (String, String) {
            let (mut old, mut new) = (String::new(), String::new());
            for i in 0..n {
                old.push_str(&format!("{i} 同\n"));
                let to = if changed.contains(&i) { "異" } else { "同" };
                new.push_str(&format!("{i} {to}\n"));
            }
            old.push_str(tail);
            new.push_str(&tail.replace('国', "國"));
            (old, new)
        };
        let cases: &[(usize, &[usize], &str)] = &[
            (1, &[0], ""),
            (20, &[0], ""),
            (20, &[19], ""),
            (20, &[5, 6, 7], ""),
            (20, &[5, 9], ""),
            (20, &[5, 10], ""),
            (20, &[5, 11], ""),
            (20, &[2, 3, 10, 14, 19], ""),
            (20, &[], "国"),
            (20, &[18], "国"),
            (20, &[3], "不变"),
            (3, &[0, 1, 2], "国\r\n"),
        ];
        for &(n, changed, tail) in cases {
            let (old, new) = lines(n, changed, tail);
            assert!(lines_paired(&old, &new));
            let want = TextDiff::from_lines(&old, &new)
                .unified_diff()
                .context_radius(DIFF_CONTEXT)
                .header("f", "f")
                .to_string();
            assert_eq!(
                paired_unified("f", &old, &new),
                want,
                "{n} {changed:?} {tail:?}"
            );
        }
    }
}
