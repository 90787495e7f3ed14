//! `zhnorm.toml`: project defaults for CI, found by walking up from the current directory.
//!
//! ```toml
//! to = "zh-hant"            # or: opencc = "s2twp"
//! format = "markdown"       # auto | plain | wikitext | markdown
//! vocabulary = "common"      # regional vocabulary for cn/tw/hk/mo: common, full or none
//! idioms = true             # (older name: false is vocabulary = "none")
//! forms = "common"           # hant: common (為 裡 才) or opencc (爲 裏 纔)
//! markup = true             # resolve -{…}- in plain text
//! encoding = "gb18030"      # every input's encoding (WHATWG label; default: UTF-8/16)
//! dict = ["terms.txt"]      # user dictionaries, relative to this file
//! keep = ["台湾"]           # words never converted
//! include = ["docs/**/*.md"]
//! exclude = ["docs/vendor/**"]
//! ```
//!
//! Command-line flags override these values (merged in [`crate::settings`]); unknown keys
//! are errors.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;

pub const FILE_NAME: &str = "zhnorm.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub to: Option<String>,
    pub opencc: Option<String>,
    pub format: Option<String>,
    pub idioms: Option<bool>,
    pub vocabulary: Option<String>,
    pub forms: Option<String>,
    pub markup: Option<bool>,
    pub encoding: Option<String>,
    #[serde(default)]
    pub dict: Vec<PathBuf>,
    #[serde(default)]
    pub keep: Vec<String>,
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// The keys a project file may hold: the only words of it an error message repeats.
const KEYS: &[&str] = &[
    "to",
    "opencc",
    "format",
    "idioms",
    "vocabulary",
    "forms",
    "markup",
    "encoding",
    "dict",
    "keep",
    "include",
    "exclude",
];

/// The most a project file may hold.
const LIMIT: u64 = 1 << 20;

/// The nearest `zhnorm.toml` in `start` or one of its ancestors, checked by [`trusted`]:
/// a file found this way comes with the directory it is in, perhaps a repository that
/// another user cloned or wrote (issue 27).
pub fn find(start: &Path) -> Result<Option<PathBuf>, Error> {
    for dir in start.ancestors() {
        let path = dir.join(FILE_NAME);
        if fs::symlink_metadata(&path).is_ok() {
            trusted(&path)?;
            return Ok(Some(path));
        }
    }
    Ok(None)
}

/// A project file found by [`find`] is used only when it is a regular file inside its
/// directory (a symbolic link may point within it only) and both it and the directory
/// belong to the user running zhnorm or to root, as Git trusts a repository
/// (`safe.directory`). `--config-file FILE` names a file explicitly and is not checked
/// for owners.
fn trusted(path: &Path) -> Result<(), Error> {
    let dir = parent(path);
    let file = inside(dir, Path::new(FILE_NAME)).ok_or_else(|| {
        Error::Usage(format!(
            "{}: refused: not a regular file inside {} (a symbolic link must not lead out \
             of the project); remove it, or run with --no-config-file",
            crate::show::path(path),
            crate::show::path(dir)
        ))
    })?;
    for p in [&file, dir] {
        if let Some(uid) = foreign_owner(p) {
            return Err(Error::Usage(format!(
                "{}: refused: owned by user {uid}, neither you nor root, so it may say what \
                 another user wants (as Git refuses such repositories); name it with \
                 --config-file FILE if you trust it, or run with --no-config-file",
                crate::show::path(p)
            )));
        }
    }
    Ok(())
}

/// Reads and validates a project file; dictionary paths become paths inside its directory.
/// Its contents are data from a repository, never repeated in a message: an error gives
/// the line and column and what was expected (issue 27: a `zhnorm.toml` that was a link
/// to `/proc/self/environ` printed the environment).
pub fn load(path: &Path) -> Result<Project, Error> {
    let text = crate::input::read_text(path, LIMIT).map_err(|e| {
        Error::Usage(format!(
            "{}: cannot read project config: {e}",
            crate::show::path(path)
        ))
    })?;
    let mut p: Project = toml::from_str(&text).map_err(|e| {
        let at = e.span().map_or(String::new(), |s| {
            let (line, column) = line_column(&text, s.start);
            format!(":{line}:{column}")
        });
        Error::Usage(format!(
            "{}{at}: not a valid zhnorm.toml: {}",
            crate::show::path(path),
            redacted(e.message())
        ))
    })?;
    if p.to.is_some() && p.opencc.is_some() {
        return Err(Error::Usage(format!(
            "{}: set either `to` or `opencc`, not both",
            crate::show::path(path)
        )));
    }
    let dir = parent(path);
    p.dict = p
        .dict
        .iter()
        .map(|d| {
            inside(dir, d).ok_or_else(|| {
                Error::Usage(format!(
                    "{}: dict `{}`: not a regular file inside {} (dictionaries named by a \
                     project file must be relative paths to files of the project; a \
                     symbolic link must not lead out of it)",
                    crate::show::path(path),
                    crate::show::path(d),
                    crate::show::path(dir)
                ))
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(p)
}

/// The directory holding `path`.
fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// `dir.join(rel)` when it is a regular file inside `dir`, symbolic links resolved. Every
/// other case (an absolute path, `..` leading out, a link leading out, nothing there, not
/// a regular file) is `None`, one answer for all: which files exist outside the project is
/// none of a project file's business.
fn inside(dir: &Path, rel: &Path) -> Option<PathBuf> {
    use std::path::Component;
    let mut depth = 0usize;
    for c in rel.components() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir if depth > 0 => depth -= 1,
            _ => return None,
        }
    }
    let root = fs::canonicalize(dir).ok()?;
    let path = fs::canonicalize(dir.join(rel)).ok()?;
    (path.starts_with(&root) && fs::metadata(&path).ok()?.is_file()).then(|| dir.join(rel))
}

/// The owner of `path` when it is neither the user running zhnorm nor root.
#[cfg(unix)]
fn foreign_owner(path: &Path) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    let uid = fs::metadata(path).ok()?.uid();
    (uid != me && uid != 0).then_some(uid)
}

#[cfg(not(unix))]
fn foreign_owner(_: &Path) -> Option<u32> {
    None
}

/// Line and column (both from 1, the column in characters) of byte `at` of `text`.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// A TOML or schema error message without the file's words: what it quotes (a key, a
/// value) is shown as `…`, unless it is one of [`KEYS`] or punctuation the parser
/// expected (`=`, `]`, `"` …).
fn redacted(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message.trim();
    while let Some(open) = rest.find(['`', '"', '\'']) {
        let quote = rest[open..].chars().next().unwrap_or('`');
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find(quote) else {
            out.push_str(&rest[open..open + 1]);
            out.push('…');
            rest = "";
            break;
        };
        let quoted = &after[..close];
        let schema = KEYS.contains(&quoted)
            || (quoted.chars().count() <= 3 && quoted.chars().all(|c| c.is_ascii_punctuation()));
        out.push(quote);
        out.push_str(if schema { quoted } else { "…" });
        out.push(quote);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_repeat_no_word_of_the_file() {
        for (text, secret) in [
            ("MY_API_TOKEN = \"s3cr3t\"\n", "s3cr3t"),
            ("MY_API_TOKEN = \"s3cr3t\"\n", "MY_API_TOKEN"),
            ("PATH=/usr/bin\u{0}MY_API_TOKEN=s3cr3t\u{0}", "s3cr3t"),
            ("to = \"hant\"\nto = \"s3cr3t\"\n", "s3cr3t"),
            ("idioms = \"s3cr3t\"\n", "s3cr3t"),
            ("[s3cr3t]\nx = 1\n", "s3cr3t"),
            ("keep = [s3cr3t]\n", "s3cr3t"),
            ("token: s3cr3t\n", "s3cr3t"),
        ] {
            let e = toml::from_str::<Project>(text).unwrap_err();
            let shown = redacted(e.message());
            assert!(!shown.contains(secret), "{shown:?} from {:?}", e.message());
            assert!(!shown.is_empty());
        }
        let e = toml::from_str::<Project>("tO = 1\n").unwrap_err();
        assert!(redacted(e.message()).contains("`to`"), "{}", e.message());
    }

    #[test]
    fn positions_count_lines_and_characters() {
        assert_eq!(line_column("a = 1\n中文 = x", 13), (2, 4));
        assert_eq!(line_column("", 5), (1, 1));
    }
}
