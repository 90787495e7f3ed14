//! Finding input files: paths as given, trees walked with the `ignore` crate.

use std::fs;
use std::path::{Component, Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;

use crate::error::Error;
use crate::settings::Walk;

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
    "jsonc",
    "yaml",
    "yml",
    "toml",
    "csv",
    "tsv",
    "srt",
    "vtt",
    "ass",
    "po",
    "pot",
    "strings",
    "properties",
    "ini",
];

/// One input: standard input or a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Standard input, with the path `--stdin-filename` gives it: read from standard input
    /// (and written back there by `-w`), named and read as that file would be (its
    /// format by extension, the project's globs, `path:line:column` in messages).
    Stdin(Option<PathBuf>),
    File(PathBuf),
}

impl Input {
    /// The name as text listings and messages show it (escaped: see [`crate::show`]).
    pub fn name(&self) -> String {
        match self.path() {
            Some(p) => crate::show::path(p),
            None => "<stdin>".into(),
        }
    }

    /// The input's path as reports that locate findings in a repository give it
    /// (GitHub annotations, SARIF, reviewdog): as named (or as `--stdin-filename` names
    /// standard input), without a leading `./`.
    pub fn report_path(&self) -> String {
        match self.path() {
            None => "<stdin>".into(),
            Some(p) => {
                let s = p.to_string_lossy();
                s.strip_prefix("./").unwrap_or(&s).to_string()
            }
        }
    }

    /// Sets the input's `path` (and `path_bytes`) in a JSON report's `entry`: the exact
    /// name, where [`Input::name`] is the name as listings show it.
    pub fn name_json(&self, entry: &mut serde_json::Value) {
        match self.path() {
            Some(p) => crate::show::path_json(p, entry),
            None => entry["path"] = "<stdin>".into(),
        }
    }

    /// The path that names the input and decides its format: the file, or the path
    /// `--stdin-filename` gives standard input.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::File(p) => Some(p),
            Input::Stdin(name) => name.as_deref(),
        }
    }
}

/// The inputs that the command-line paths name, and what else [`expand`] found.
#[derive(Debug, Default)]
pub struct Expanded {
    pub inputs: Vec<Input>,
    /// A missing path, an unreadable directory, a bad glob.
    pub errors: Vec<Error>,
    /// Files named (or standard input named by `--stdin-filename`) that an exclude or the
    /// run's configuration left out: asked for, and skipped on purpose.
    pub excluded: usize,
    /// Standard input was named by `--stdin-filename` and left out: what converts it
    /// to standard output (`-w`, a conversion) copies it unchanged.
    pub stdin_excluded: bool,
}

/// Expands the command-line paths: files as given, directories walked (honouring
/// `.gitignore`/`.ignore`, skipping hidden files, not following symlinks), results of each
/// walk sorted, a file reached twice (`d/a.md ./d/a.md d`, or through a link) kept once.
/// Excludes (`--exclude`, the project's `exclude`) apply to files named as well as walked
/// (pre-commit names the files), and to the name `--stdin-filename` gives standard input;
/// the files that configure the run (`zhnorm.toml`, its dictionaries, `--dict`,
/// `--keep-file`) are never inputs. Errors (a missing path, an unreadable directory, a bad
/// glob) are returned separately.
pub fn expand(paths: &[PathBuf], w: &Walk) -> Expanded {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut excluded = 0;
    let mut stdin_excluded = false;
    let filter = match Filter::new(w) {
        Ok(f) => f,
        Err(e) => {
            return Expanded {
                errors: vec![e],
                ..Expanded::default()
            }
        }
    };
    for path in paths {
        if path.as_os_str() == "-" {
            match &w.stdin_name {
                Some(name) if !filter.keeps(name, true) => {
                    excluded += 1;
                    stdin_excluded = true;
                }
                name => inputs.push(Input::Stdin(name.clone())),
            }
            continue;
        }
        match fs::metadata(path) {
            Err(source) => errors.push(Error::Read {
                name: crate::show::path(path),
                source,
            }),
            Ok(m) if m.is_dir() => match walk(path, w, &filter) {
                Ok((found, errs)) => {
                    inputs.extend(found.into_iter().map(Input::File));
                    errors.extend(errs);
                }
                Err(e) => errors.push(e),
            },
            Ok(_) if filter.keeps(path, true) => inputs.push(Input::File(path.clone())),
            Ok(_) => excluded += 1,
        }
    }
    if paths.len() > 1 || w.follow {
        let mut seen = std::collections::HashSet::new();
        inputs.retain(|i| match i {
            Input::File(p) => seen.insert(fs::canonicalize(p).unwrap_or_else(|_| p.clone())),
            Input::Stdin(_) => true,
        });
    }
    Expanded {
        inputs,
        errors,
        excluded,
        stdin_excluded,
    }
}

/// Whether the project would convert the file at `path` when walking its tree: not
/// excluded, matched by `include` when there is one, not one of the files that configure
/// the run (the language server's question for each document; the extension is not
/// looked at, as an editor decides which documents it sends).
pub fn covers(path: &Path, w: &Walk) -> Result<bool, Error> {
    let mut filter = Filter::new(w)?;
    filter.by_extension = false;
    Ok(filter.keeps(path, false))
}

/// What decides, besides the walk itself, whether a file is an input.
struct Filter {
    /// The current directory, for paths as given.
    cwd: PathBuf,
    /// `--exclude`, rooted at the current directory (for files named; a walk applies it
    /// as an override rooted at the walked directory).
    excludes: Gitignore,
    /// The project's `include` and `exclude`, rooted at its directory.
    project: Option<(PathBuf, Gitignore, Gitignore)>,
    /// The files that configure the run, resolved.
    configuration: Vec<PathBuf>,
    /// Walks filter by extension (no `--glob`, no project `include`).
    by_extension: bool,
    /// Walks filter by the project's `include` (it has one, and no `--glob` replaces it).
    project_include: bool,
}

impl Filter {
    fn new(w: &Walk) -> Result<Filter, Error> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let matcher = |root: &Path, globs: &[String], what: &str| {
            let mut b = GitignoreBuilder::new(root);
            for g in globs {
                b.add_line(None, g)
                    .map_err(|e| Error::Walk(format!("invalid {what} `{g}`: {e}")))?;
            }
            b.build().map_err(|e| Error::Walk(e.to_string()))
        };
        let project = match &w.project {
            Some(p) => {
                let root = absolute(&cwd, &p.root);
                let include = matcher(&root, &p.include, "include in zhnorm.toml")?;
                let exclude = matcher(&root, &p.exclude, "exclude in zhnorm.toml")?;
                Some((root, include, exclude))
            }
            None => None,
        };
        let project_include =
            w.globs.is_empty() && w.project.as_ref().is_some_and(|p| !p.include.is_empty());
        let by_extension = w.globs.is_empty() && !project_include;
        Ok(Filter {
            excludes: matcher(&cwd, &w.excludes, "--exclude")?,
            configuration: w
                .configuration
                .iter()
                .filter_map(|p| fs::canonicalize(p).ok())
                .collect(),
            cwd,
            project,
            by_extension,
            project_include,
        })
    }

    /// Whether `path` is an input: `named` on the command line, or found by a walk (which
    /// applied `--glob` and `--exclude` already).
    fn keeps(&self, path: &Path, named: bool) -> bool {
        let abs = absolute(&self.cwd, path);
        if named {
            if let Ok(rel) = abs.strip_prefix(&self.cwd) {
                if self
                    .excludes
                    .matched_path_or_any_parents(rel, false)
                    .is_ignore()
                {
                    return false;
                }
            }
        }
        if let Some((root, include, exclude)) = &self.project {
            if let Ok(rel) = abs.strip_prefix(root) {
                if exclude.matched_path_or_any_parents(rel, false).is_ignore() {
                    return false;
                }
                if !named
                    && self.project_include
                    && !include.matched_path_or_any_parents(rel, false).is_ignore()
                {
                    return false;
                }
            }
        }
        if !named && self.by_extension && !has_text_extension(path) {
            return false;
        }
        !self.is_configuration(path)
    }

    /// Whether `path` is one of the files that configure the run (compared by name
    /// first: most files are not).
    fn is_configuration(&self, path: &Path) -> bool {
        let name = path.file_name();
        self.configuration
            .iter()
            .any(|c| c.file_name() == name && fs::canonicalize(path).is_ok_and(|p| &p == c))
    }
}

/// Whether a walked file has one of the [`TEXT_EXTENSIONS`].
fn has_text_extension(p: &Path) -> bool {
    p.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| TEXT_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
}

/// `path` made absolute against `cwd`, with `.` and `..` resolved by name (links are not
/// followed: the project's globs are about the paths of the tree as it is written).
fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in cwd.join(path).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
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
fn walk(root: &Path, w: &Walk, filter: &Filter) -> Result<(Vec<PathBuf>, Vec<Error>), Error> {
    let bad = |what: String| Error::Walk(format!("{}: {what}", crate::show::path(root)));
    let mut ob = OverrideBuilder::new(root);
    for g in &w.globs {
        ob.add(g)
            .map_err(|e| bad(format!("invalid --glob `{g}`: {e}")))?;
    }
    for g in &w.excludes {
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
        .follow_links(w.follow)
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
                if e.file_type().is_some_and(|t| t.is_file()) && filter.keeps(e.path(), false) {
                    files.push(e.into_path());
                }
            }
        }
    }
    errors.extend(std::mem::take(
        &mut *skipped.lock().unwrap_or_else(|e| e.into_inner()),
    ));
    files.sort();
    Ok((files, errors))
}

/// Whether bytes look binary (a NUL byte in the first 8 KiB, as git decides; UTF-16 with
/// its byte order mark is text).
pub fn looks_binary(bytes: &[u8]) -> bool {
    crate::encoding::Encoding::of(bytes) == crate::encoding::Encoding::Utf8
        && bytes[..bytes.len().min(8192)].contains(&0)
}
