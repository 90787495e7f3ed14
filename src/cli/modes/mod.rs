//! The modes a run can take, chosen by [`Settings::mode`]; each reports per-input errors as
//! it goes and returns a [`Summary`] for `main` to turn into the exit status.

mod batch;
mod convert;
mod stats;

use crate::error::Error;
use crate::files::{self, Input};
use crate::settings::{Mode, Settings};

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
            let (inputs, failed) = expand(&settings);
            stats::run(&inputs, *expect, *report, *encoding, failed)
        }
        Mode::Convert { conversion, output } => {
            let converter = crate::converter::build(conversion)?;
            set_jobs(conversion.jobs)?;
            let (inputs, failed) = expand(&settings);
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
            let (inputs, failed) = expand(&settings);
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
/// Returns the inputs and whether an error was reported.
fn expand(settings: &Settings) -> (Vec<Input>, bool) {
    let (inputs, errors) = files::expand(&settings.paths, &settings.walk);
    for e in &errors {
        e.print();
    }
    // Never pass silently: paths that name no file to convert are an error.
    if inputs.is_empty() && errors.is_empty() {
        no_input(settings).print();
        return (inputs, true);
    }
    (inputs, !errors.is_empty())
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
