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
    /// The name as text listings and messages show it (escaped: see [`crate::show`]).
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".into(),
            Input::File(p) => crate::show::path(p),
        }
    }

    /// Sets the input's `path` (and `path_bytes`) in a JSON report's `entry`: the exact
    /// name, where [`Input::name`] is the name as listings show it.
    pub fn name_json(&self, entry: &mut serde_json::Value) {
        match self {
            Input::Stdin => entry["path"] = "<stdin>".into(),
            Input::File(p) => crate::show::path_json(p, entry),
        }
    }
}

/// Expands the command-line paths: files as given, directories walked (honouring
/// `.gitignore`/`.ignore`, skipping hidden files, not following symlinks), results of each
/// walk sorted, a file reached twice (`d/a.md ./d/a.md d`, or through a link) kept once.
/// Errors (a missing path, an unreadable directory) are returned separately.
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
                name: crate::show::path(path),
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
    if paths.len() > 1 || follow {
        let mut seen = std::collections::HashSet::new();
        inputs.retain(|i| match i {
            Input::File(p) => seen.insert(fs::canonicalize(p).unwrap_or_else(|_| p.clone())),
            Input::Stdin => true,
        });
    }
    (inputs, errors)
}

/// The most an ignore file (`.gitignore`, `.ignore`, `.git/info/exclude`) of a walked
/// tree may hold: its patterns are compiled into one matcher, and a 9 MB `.gitignore` of
/// an untrusted repository took 18 s and 4 GB (issue 27). The largest real ones hold a
/// few hundred lines.
pub const IGNORE_FILE_LIMIT: u64 = 256 << 10;

/// The ignore files of directory `dir` that [`WalkBuilder`] would read and that are over
/// [`IGNORE_FILE_LIMIT`], as errors.
fn oversized_ignore_files(dir: &Path) -> Vec<Error> {
    [".gitignore", ".ignore", ".git/info/exclude"]
        .iter()
        .map(|name| dir.join(name))
        .filter_map(|p| {
            let len = fs::metadata(&p).ok()?.len();
            (len > IGNORE_FILE_LIMIT).then(|| {
                Error::Walk(format!(
                    "{}: ignore file of {} KiB, more than {} KiB: {} not walked (an ignore \
                     file this big is not one a person wrote; remove it, or name the files \
                     to convert)",
                    crate::show::path(&p),
                    len >> 10,
                    IGNORE_FILE_LIMIT >> 10,
                    crate::show::path(dir),
                ))
            })
        })
        .collect()
}

/// The files under `root` (see [`expand`]) and the errors met on the way; a bad glob fails
/// the walk.
fn walk(
    root: &Path,
    globs: &[String],
    excludes: &[String],
    follow: bool,
) -> Result<(Vec<PathBuf>, Vec<Error>), Error> {
    let bad = |what: String| Error::Walk(format!("{}: {what}", crate::show::path(root)));
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
    // The walk reads the ignore files of the root's parents and of each directory it
    // enters: those over the limit stop the walk or skip their directory, with an error.
    let oversized: Vec<Error> = fs::canonicalize(root)
        .map(|r| r.ancestors().flat_map(oversized_ignore_files).collect())
        .unwrap_or_default();
    if !oversized.is_empty() {
        return Ok((Vec::new(), oversized));
    }
    let skipped = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut builder = WalkBuilder::new(root);
    builder
        .follow_links(follow)
        .overrides(overrides)
        .require_git(false)
        .filter_entry({
            let skipped = skipped.clone();
            move |e| {
                if !e.file_type().is_some_and(|t| t.is_dir()) {
                    return true;
                }
                let errors = oversized_ignore_files(e.path());
                let ok = errors.is_empty();
                skipped
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .extend(errors);
                ok
            }
        });
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for entry in builder.build() {
        match entry {
            Err(e) => errors.push(Error::Walk(crate::show::text(&e.to_string()))),
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
    errors.extend(std::mem::take(
        &mut *skipped.lock().unwrap_or_else(|e| e.into_inner()),
    ));
    files.sort();
    Ok((files, errors))
}

/// Whether bytes look binary (a NUL byte in the first 8 KiB, as git decides).
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}
