//! What zhnorm prints of what it did not write: file names and the text of the files it
//! reads come from a repository that may be hostile (issue 27). Text listings, messages
//! and contexts show them through this module, so that no name or line can move the
//! cursor, rewrite the terminal, reverse the line's direction or start a line of its own
//! in a CI log (a GitHub workflow command such as `::error::…` is read only at the start
//! of a line).
//!
//! Shown escaped: control characters (`\n`, `\r`, `\t`, `\e` and `\xNN` for the others),
//! DEL and the C1 controls, the bidirectional formatting characters (`\u{202e}` …), and
//! bytes of a name that are not UTF-8 (`\xNN`, so that two names stay apart). A name that
//! would begin a line with `::` shows its first colon as `\x3a`. Everything else,
//! Chinese text included, is shown as it is. JSON reports keep names exact instead (see
//! `path_json`).

use std::fmt::Write as _;
use std::path::Path;

/// `path` as text listings and messages show it.
pub fn path(path: &Path) -> String {
    let mut out = String::new();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            push_escaped(&mut out, chunk.valid());
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    #[cfg(not(unix))]
    push_escaped(&mut out, &path.to_string_lossy());
    guard_line_start(out)
}

/// Text read from a file (a `--check` context, a changed piece), as listings show it.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(&mut out, s);
    out
}

/// A unified diff as `--diff` prints it: the changed lines are the file's own text, so
/// what [`text`] escapes is escaped here too, but for tabs and the carriage return of a
/// CRLF line end (so that a diff of ordinary text, CRLF files included, still applies).
pub fn diff(diff: String) -> String {
    if !diff
        .chars()
        .any(|c| c != '\n' && c != '\t' && c != '\r' && escaped(c))
        && !diff.contains('\r')
    {
        return diff;
    }
    let mut out = String::with_capacity(diff.len());
    let mut chars = diff.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            c => push_escaped(&mut out, c.encode_utf8(&mut [0; 4])),
        }
    }
    out
}

/// A name for a JSON report: `path` (the name, exact when it is UTF-8) and, when it is
/// not, `path_bytes` beside it with the name's bytes (two names that differ only in bytes
/// that are not UTF-8 would otherwise look alike).
pub fn path_json(path: &Path, entry: &mut serde_json::Value) {
    entry["path"] = path.to_string_lossy().into_owned().into();
    #[cfg(unix)]
    if path.to_str().is_none() {
        use std::os::unix::ffi::OsStrExt;
        entry["path_bytes"] = path.as_os_str().as_bytes().to_vec().into();
    }
}

/// Whether `c` is shown escaped.
fn escaped(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}'
            | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        if !escaped(c) {
            out.push(c);
            continue;
        }
        let _ = match c {
            '\n' => out.write_str("\\n"),
            '\r' => out.write_str("\\r"),
            '\t' => out.write_str("\\t"),
            '\u{1b}' => out.write_str("\\e"),
            c if (c as u32) < 0x100 => write!(out, "\\x{:02x}", c as u32),
            c => write!(out, "\\u{{{:x}}}", c as u32),
        };
    }
}

fn guard_line_start(mut s: String) -> String {
    if s.starts_with("::") {
        s.replace_range(..1, "\\x3a");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_direction_marks_are_escaped() {
        assert_eq!(
            text("a\nb\r\t\u{1b}[31m\u{7f}\u{85}\u{202e}文字\u{2066}"),
            "a\\nb\\r\\t\\e[31m\\x7f\\x85\\u{202e}文字\\u{2066}"
        );
        assert_eq!(text("中文 text, 后 → 後"), "中文 text, 后 → 後");
    }

    #[test]
    fn diffs_escape_all_but_tabs_and_line_ends() {
        let d = "--- a\n+++ a\n@@ -1 +1 @@\n-\t后\r\n+\t後\u{1b}[2J\r\u{202e}\r\n";
        assert_eq!(
            diff(d.to_string()),
            "--- a\n+++ a\n@@ -1 +1 @@\n-\t后\r\n+\t後\\e[2J\\r\\u{202e}\r\n"
        );
        let plain = "--- a\n+++ a\n@@ -1 +1 @@\n-后\n+後\n".to_string();
        assert_eq!(diff(plain.clone()), plain);
    }

    #[test]
    fn names_cannot_start_a_workflow_command_or_a_line() {
        let p = Path::new("x\n::error title=Injected::build ok.md");
        assert_eq!(path(p), "x\\n::error title=Injected::build ok.md");
        assert_eq!(path(Path::new("::warning::x.md")), "\\x3a:warning::x.md");
        assert_eq!(path(Path::new("docs/::a.md")), "docs/::a.md");
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_stay_apart() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let a = Path::new(OsStr::from_bytes(b"a\xff.md"));
        let b = Path::new(OsStr::from_bytes(b"a\xfe.md"));
        assert_eq!(path(a), "a\\xff.md");
        assert_ne!(path(a), path(b));
        let (mut ja, mut jb) = (serde_json::json!({}), serde_json::json!({}));
        path_json(a, &mut ja);
        path_json(b, &mut jb);
        assert_eq!(ja["path"], jb["path"]);
        assert_eq!(ja["path_bytes"], serde_json::json!([97, 255, 46, 109, 100]));
        assert_ne!(ja, jb);
        let mut utf8 = serde_json::json!({});
        path_json(Path::new("文档.md"), &mut utf8);
        assert_eq!(utf8, serde_json::json!({"path": "文档.md"}));
    }
}
