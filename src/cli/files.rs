//! Finding input files (trees walked with the `ignore` crate) and rewriting them safely.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;

/// Extensions converted when a directory is walked without `--glob`.
pub const TEXT_EXTENSIONS: &[&str] = &[
    "md",
    "markdown",
    "mdx",
    "txt",
    "text",
    "wiki",
    "wikitext",
    "mediawiki",
    "rst",
    "adoc",
    "asciidoc",
    "org",
    "tex",
    "html",
    "htm",
    "xml",
    "json",
    "yaml",
    "yml",
    "toml",
    "csv",
    "tsv",
    "srt",
    "vtt",
    "ass",
    "po",
    "properties",
    "ini",
];

/// One input: standard input or a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".into(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// Expands the command-line paths: files as given, directories walked (honouring
/// `.gitignore`/`.ignore`, skipping hidden files, not following symlinks), results of each
/// walk sorted. Errors (a missing path, an unreadable directory) are returned separately.
pub fn expand(
    paths: &[PathBuf],
    globs: &[String],
    excludes: &[String],
    follow: bool,
) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match fs::metadata(path) {
            Err(e) => errors.push(format!("{}: {}", path.display(), e)),
            Ok(m) if m.is_dir() => match walk(path, globs, excludes, follow) {
                Ok((found, errs)) => {
                    inputs.extend(found.into_iter().map(Input::File));
                    errors.extend(errs);
                }
                Err(e) => errors.push(format!("{}: {e}", path.display())),
            },
            Ok(_) => inputs.push(Input::File(path.clone())),
        }
    }
    (inputs, errors)
}

fn walk(
    root: &Path,
    globs: &[String],
    excludes: &[String],
    follow: bool,
) -> Result<(Vec<PathBuf>, Vec<String>), String> {
    let mut ob = OverrideBuilder::new(root);
    for g in globs {
        ob.add(g)
            .map_err(|e| format!("invalid --glob `{g}`: {e}"))?;
    }
    for g in excludes {
        ob.add(&format!("!{g}"))
            .map_err(|e| format!("invalid --exclude `{g}`: {e}"))?;
    }
    let overrides = ob.build().map_err(|e| e.to_string())?;
    let mut builder = WalkBuilder::new(root);
    builder
        .follow_links(follow)
        .overrides(overrides)
        .require_git(false);
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for entry in builder.build() {
        match entry {
            Err(e) => errors.push(e.to_string()),
            Ok(e) => {
                if !e.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                let p = e.into_path();
                let by_ext = p
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| TEXT_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()));
                if globs.is_empty() && !by_ext {
                    continue;
                }
                files.push(p);
            }
        }
    }
    files.sort();
    Ok((files, errors))
}

/// Whether bytes look binary (a NUL byte in the first 8 KiB, as git decides).
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// Replaces `path` with `contents` atomically: a temporary file in the same directory,
/// written, synced, given the original permissions, then renamed over the original. An
/// interruption at any point leaves either the old or the new file, never a partial one.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let perms = fs::metadata(path)?.permissions();
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(
            ".{name}.zhnorm-{}-{attempt}.tmp",
            std::process::id()
        ));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    };
    let result = (|| {
        file.write_all(contents)?;
        file.sync_all()?;
        drop(file);
        fs::set_permissions(&tmp, perms)?;
        fs::rename(&tmp, path)?;
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
