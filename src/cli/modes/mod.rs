//! The modes a run can take, chosen by [`Settings::mode`]; each reports per-input errors as
//! it goes and returns a [`Summary`] for `main` to turn into the exit status.

mod batch;
mod convert;
mod stats;

use std::io::{Read as _, Write as _};

use crate::error::Error;
use crate::files::{self, Input};
use crate::settings::{Action, Mode, Report, Settings};

/// How a run ended, when it ran to its end or until standard output was closed.
#[derive(Clone, Copy, Debug, Default)]
pub struct Summary {
    /// An error was reported for some input (exit status 2).
    pub failed: bool,
    /// `--check`/`--diff` found a file that would change, or `--expect` one in the other
    /// script (exit status 1).
    pub found: bool,
    /// Standard output was closed by its reader; the run stopped writing to it.
    pub closed: bool,
}

/// Runs the mode of `settings`. `Err` is an error that stopped the run.
pub fn run(settings: Settings) -> Result<Summary, Error> {
    match &settings.mode {
        Mode::Stats {
            expect,
            report,
            encoding,
        } => {
            let (inputs, failed) = expand(&settings)?;
            stats::run(&inputs, *expect, *report, *encoding, failed)
        }
        Mode::Convert { conversion, output } => {
            let converter = crate::converter::build(conversion)?;
            set_jobs(conversion.jobs)?;
            let (inputs, failed) = expand(&settings)?;
            convert::run(
                &settings,
                conversion,
                &converter,
                output.as_deref(),
                &inputs,
                failed,
            )
        }
        Mode::Batch {
            conversion,
            action,
            report,
            max_changes,
        } => {
            let converter = crate::converter::build(conversion)?;
            set_jobs(conversion.jobs)?;
            let (inputs, failed) = expand(&settings)?;
            let plan = batch::Plan {
                action: *action,
                report: *report,
                max_changes: *max_changes,
            };
            batch::run(&settings, conversion, &converter, plan, &inputs, failed)
        }
    }
}

/// The most threads `-j` starts: more only costs memory and start-up time (issue 14, D19:
/// `-j 100000` started 100 000 threads).
const MAX_JOBS: usize = 256;

/// `-j N`: the size of the thread pool for batches and big files (at most [`MAX_JOBS`]).
fn set_jobs(jobs: Option<usize>) -> Result<(), Error> {
    if let Some(n) = jobs {
        if n > MAX_JOBS {
            stderr!("zhnorm: -j {n} is more threads than can help; using {MAX_JOBS}");
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.clamp(1, MAX_JOBS))
            .build_global()
            .map_err(|e| Error::Usage(e.to_string()))?;
    }
    Ok(())
}

/// The inputs named by the paths; errors (a missing path, a bad glob) are reported here.
/// Returns the inputs and whether an error was reported. Files named but excluded (by the
/// project, `--exclude`) are skipped without an error, even when they were all there was
/// (pre-commit names the files of a commit, perhaps excluded ones only); standard input
/// named by an excluded `--stdin-filename` goes to standard output unchanged where it
/// would have been converted there (a conversion, `-w`), so that a pipeline keeps it.
fn expand(settings: &Settings) -> Result<(Vec<Input>, bool), Error> {
    let files::Expanded {
        inputs,
        errors,
        excluded,
        stdin_excluded,
    } = files::expand(&settings.paths, &settings.walk);
    for e in &errors {
        e.print();
    }
    if stdin_excluded {
        let to_stdout = match &settings.mode {
            Mode::Convert { output, .. } => output.is_none(),
            Mode::Batch { action, report, .. } => {
                *action == Action::Rewrite && *report == Report::Text
            }
            Mode::Stats { .. } => false,
        };
        if to_stdout {
            copy_stdin()?;
        }
    }
    // Never pass silently: paths that name no file to convert are an error.
    if inputs.is_empty() && errors.is_empty() && excluded == 0 {
        no_input(settings).print();
        return Ok((inputs, true));
    }
    Ok((inputs, !errors.is_empty()))
}

/// Standard input to standard output, unchanged.
fn copy_stdin() -> Result<(), Error> {
    let mut input = std::io::stdin().lock();
    let mut out = std::io::stdout().lock();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match input.read(&mut buf) {
            Ok(0) => return out.flush().map_err(Error::write),
            Ok(n) => out.write_all(&buf[..n]).map_err(Error::write)?,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::ReadStdin(e)),
        }
    }
}

/// The error for paths that matched no file, saying what chose the files.
fn no_input(settings: &Settings) -> Error {
    let w = &settings.walk;
    let paths: Vec<String> = settings
        .paths
        .iter()
        .map(|p| crate::show::path(p))
        .collect();
    let quoted = |globs: &[String]| {
        globs
            .iter()
            .map(|g| format!("`{}`", crate::show::text(g)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let project = w.project.as_ref();
    let mut by = match project.filter(|p| w.globs.is_empty() && !p.include.is_empty()) {
        Some(p) => format!(
            "include {} of zhnorm.toml (relative to {})",
            quoted(&p.include),
            crate::show::path(&p.root)
        ),
        None if w.globs.is_empty() => format!(
            "the text extensions walked by default ({}; --glob GLOB for others)",
            files::TEXT_EXTENSIONS.join(", ")
        ),
        None => format!("--glob {}", quoted(&w.globs)),
    };
    if !w.excludes.is_empty() {
        by += &format!(", --exclude {}", quoted(&w.excludes));
    }
    if let Some(p) = project.filter(|p| !p.exclude.is_empty()) {
        by += &format!(", exclude {} of zhnorm.toml", quoted(&p.exclude));
    }
    Error::Walk(format!(
        "no file to convert: {} matched no file (files chosen by {by})",
        paths.join(" ")
    ))
}
