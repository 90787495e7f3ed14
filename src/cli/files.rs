//! Finding input files: paths as given, trees walked with the `ignore` crate.

use std::fs;
use std::path::{Path, PathBuf};

use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;

use crate::error::Error;

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
) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match fs::metadata(path) {
            Err(source) => errors.push(Error::Read {
                name: path.display().to_string(),
                source,
            }),
            Ok(m) if m.is_dir() => match walk(path, globs, excludes, follow) {
                Ok((found, errs)) => {
                    inputs.extend(found.into_iter().map(Input::File));
                    errors.extend(errs);
                }
                Err(e) => errors.push(e),
            },
            Ok(_) => inputs.push(Input::File(path.clone())),
        }
    }
    (inputs, errors)
}

/// The files under `root` (see [`expand`]) and the errors met on the way; a bad glob fails
/// the walk.
fn walk(
    root: &Path,
    globs: &[String],
    excludes: &[String],
    follow: bool,
) -> Result<(Vec<PathBuf>, Vec<Error>), Error> {
    let bad = |what: String| Error::Walk(format!("{}: {what}", root.display()));
    let mut ob = OverrideBuilder::new(root);
    for g in globs {
        ob.add(g)
            .map_err(|e| bad(format!("invalid --glob `{g}`: {e}")))?;
    }
    for g in excludes {
        ob.add(&format!("!{g}"))
            .map_err(|e| bad(format!("invalid --exclude `{g}`: {e}")))?;
    }
    let overrides = ob.build().map_err(|e| bad(e.to_string()))?;
    let mut builder = WalkBuilder::new(root);
    builder
        .follow_links(follow)
        .overrides(overrides)
        .require_git(false);
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for entry in builder.build() {
        match entry {
            Err(e) => errors.push(Error::Walk(e.to_string())),
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
