//! `--check`, `--diff`, `-w`: files converted in parallel, then reported (or rewritten) in
//! order.

use std::collections::VecDeque;
use std::io::IsTerminal;
use std::sync::mpsc;

use zhnorm::{Converter, Finding};

use super::Summary;
use crate::changes;
use crate::error::Error;
use crate::files::Input;
use crate::input::{self, Converted, Outcome};
use crate::output::Output;
use crate::report;
use crate::settings::{Action, Conversion, Report, Settings};
use zhnorm_atomic as atomic;

/// What a batch does and reports.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
    pub action: Action,
    pub report: Report,
    /// The changes listed per file (`usize::MAX`: all); the others are only counted.
    pub max_changes: usize,
}

/// A converted file with what the report needs, computed in the parallel phase.
struct Reviewed {
    doc: Converted,
    /// For `--check` and the reports: the first converted words (`--max-changes`), with
    /// their reasons.
    findings: Vec<Finding>,
    /// How many converted words there are in all, listed or not.
    total: usize,
    /// For `--diff`: the unified diff.
    diff: String,
    /// For `-w`: the file's stamp when it was read (see [`atomic::check`]), checked again
    /// just before the rename.
    stamp: Option<atomic::Stamp>,
}

/// Reads and converts one input, with what the report needs. For `-w`, a file that cannot
/// be replaced in place (a FIFO, a read-only file, hard links) is refused before it is read.
fn review(
    converter: &Converter,
    c: &Conversion,
    i: &Input,
    plan: Plan,
    list: bool,
    diff: bool,
) -> Outcome<Reviewed> {
    let Plan { action, report, .. } = plan;
    let stamp = match i {
        Input::File(p) if action == Action::Rewrite => match atomic::check(p) {
            Ok(s) => Some(s),
            Err(source) => {
                return Outcome::Failed(Error::Rewrite {
                    path: p.clone(),
                    source,
                })
            }
        },
        _ => None,
    };
    let doc = match input::convert_whole(converter, c, i) {
        Outcome::Converted(doc) => doc,
        Outcome::Skipped(note) => return Outcome::Skipped(note),
        Outcome::Failed(e) => return Outcome::Failed(e),
    };
    let changed = doc.text != doc.original;
    // A changed text that the input's legacy encoding cannot hold is an error in every
    // action (`--check` says what `-w` would refuse); UTF-8 and UTF-16 hold everything.
    if changed && doc.encoding.is_legacy() {
        if let Err(e) = doc.bytes(action == Action::Rewrite && matches!(i, Input::File(_))) {
            return Outcome::Failed(e);
        }
    }
    Outcome::Converted(doc).map(|doc| {
        let (mut findings, mut total) = (Vec::new(), 0);
        if changed && (list || report == Report::Json) {
            converter.for_each_finding(&doc.original, &doc.text, |f| {
                total += 1;
                if findings.len() < plan.max_changes {
                    findings.push(f);
                }
            });
        }
        let diff = if changed && diff && report == Report::Text {
            crate::show::diff(changes::unified(&doc.name, &doc.original, &doc.text))
        } else {
            String::new()
        };
        Reviewed {
            doc,
            findings,
            total,
            diff,
            stamp,
        }
    })
}

pub fn run(
    settings: &Settings,
    c: &Conversion,
    converter: &Converter,
    plan: Plan,
    inputs: &[Input],
    failed: bool,
) -> Result<Summary, Error> {
    let Plan { action, report, .. } = plan;
    let (list, diff) = match action {
        Action::Review { list, diff } => (list, diff),
        Action::Rewrite => (false, false),
    };
    let progress = progress_bar(inputs.len());
    let mut summary = Summary {
        failed,
        ..Summary::default()
    };
    // Files converted, files that changed, changes in all (listed or not), files rewritten.
    let (mut converted, mut changed_files, mut total_changes) = (0usize, 0usize, 0usize);
    let mut rewritten = 0usize;
    let mut entries = Vec::new();
    // SARIF results or reviewdog diagnostics, and SARIF's notifications of file errors.
    let (mut results, mut notifications) = (Vec::new(), Vec::new());
    let mut out = Output::stdout(8 << 10);
    // Files are converted on the thread pool, a few per thread ahead of the one reported
    // or rewritten here, in order: memory holds a few files, not the whole tree, and a file
    // is rewritten soon after it was read.
    let ahead = rayon::current_num_threads().max(1) * 4;
    let work = |i: &Input| {
        let o = review(converter, c, i, plan, list, diff);
        if let Some(p) = &progress {
            p.inc(1);
        }
        o
    };
    in_order(inputs, ahead, work, |input, outcome| {
        let mut entry = serde_json::json!({});
        input.name_json(&mut entry);
        match outcome {
            Outcome::Failed(e) => {
                e.print();
                summary.failed = true;
                entry["error"] = e.to_string().into();
                let path = input.report_path();
                match report {
                    Report::Github if !summary.closed => {
                        if let Err(e) =
                            writeln!(out, "{}", report::github_error(&path, &e.to_string()))
                        {
                            closed(e, &mut summary)?;
                        }
                    }
                    Report::Sarif => {
                        notifications.push(report::sarif_error(&report::uri(&path), &e.to_string()))
                    }
                    Report::Rdjson => results.push(report::rdjson_error(&path, &e.to_string())),
                    _ => {}
                }
            }
            Outcome::Skipped(note) => {
                if !settings.quiet {
                    stderr!("zhnorm: {note}");
                }
                entry["skipped"] = note.into();
            }
            Outcome::Converted(r) => {
                let d = &r.doc;
                input::print_warnings(settings.quiet, &d.name, &d.warnings);
                let changed = d.text != d.original;
                converted += 1;
                changed_files += usize::from(changed);
                total_changes += r.total;
                entry["changed"] = changed.into();
                if let Some(format) = d.format {
                    entry["format"] = format.to_string().into();
                }
                // CJK characters left as written because of the format (code, tags, keys).
                entry["kept"] = d.kept.into();
                entry["warnings"] = d
                    .warnings
                    .iter()
                    .map(|w| serde_json::json!({"line": w.line, "column": w.column, "message": w.message}))
                    .collect();
                if changed && (list || report == Report::Json) {
                    let listed = &r.findings[..];
                    let path = input.report_path();
                    match report {
                        Report::Text if list && !summary.closed => {
                            for f in listed {
                                if let Err(e) = writeln!(
                                    out,
                                    "{}:{}:{}: {} → {} ({}) [{}]",
                                    d.name,
                                    f.start.line,
                                    f.start.column,
                                    // One finding a line: a finding spanning lines
                                    // (resolved markup) shows its line feeds as \n.
                                    crate::show::text(&f.from),
                                    crate::show::text(&f.to),
                                    crate::show::text(&changes::context(
                                        &d.original,
                                        f.start.offset
                                    )),
                                    crate::show::text(&report::short_reason(f)),
                                ) {
                                    closed(e, &mut summary)?;
                                    break;
                                }
                            }
                        }
                        Report::Github if !summary.closed => {
                            for f in listed {
                                if let Err(e) = writeln!(out, "{}", report::github(&path, f)) {
                                    closed(e, &mut summary)?;
                                    break;
                                }
                            }
                        }
                        Report::Sarif => {
                            let uri = report::uri(&path);
                            results.extend(listed.iter().map(|f| report::sarif_result(&uri, f)));
                        }
                        Report::Rdjson => {
                            results.extend(
                                listed.iter().map(|f| report::rdjson(&path, &d.original, f)),
                            );
                        }
                        _ => {}
                    }
                    let rest = r.total - listed.len();
                    if rest > 0 && list && report == Report::Text && !summary.closed {
                        if let Err(e) = writeln!(
                            out,
                            "{}: {rest} more change{} not listed (--max-changes 0 lists all)",
                            d.name,
                            if rest == 1 { "" } else { "s" }
                        ) {
                            closed(e, &mut summary)?;
                        }
                    }
                    if report == Report::Json {
                        entry["changes_total"] = r.total.into();
                        entry["changes"] = listed.iter().map(report::json).collect();
                    }
                }
                if changed && diff && report == Report::Text && !summary.closed {
                    if let Err(e) = out.write_all(r.diff.as_bytes()) {
                        closed(e, &mut summary)?;
                    }
                }
                if changed && action == Action::Rewrite {
                    match input {
                        Input::File(p) => {
                            let stamp = r.stamp.expect("a file to rewrite has its stamp");
                            // The bytes were checked in `review`: an error here is
                            // reported as any other, the file left unchanged.
                            let written = d.bytes(true).and_then(|bytes| {
                                atomic::rewrite(p, &bytes, stamp).map_err(|source| Error::Rewrite {
                                    path: p.clone(),
                                    source,
                                })
                            });
                            if written.is_ok() {
                                rewritten += 1;
                                // -w says what it rewrote (--quiet: only how many, at the end).
                                if !settings.quiet {
                                    stderr!("zhnorm: rewrote {}", d.name);
                                }
                            }
                            if let Err(e) = written {
                                entry["error"] = match &e {
                                    Error::Rewrite { source, .. } => source.to_string(),
                                    e => e.to_string(),
                                }
                                .into();
                                e.print();
                                summary.failed = true;
                            }
                        }
                        // In a JSON report the text is a field of it, not printed before it.
                        Input::Stdin(_) if report == Report::Json => {
                            entry["text"] = d.text.clone().into();
                        }
                        Input::Stdin(_) if !summary.closed => match d.bytes(false) {
                            Ok(bytes) => {
                                if let Err(e) = out.write_all(&bytes) {
                                    closed(e, &mut summary)?;
                                }
                            }
                            Err(e) => {
                                entry["error"] = e.to_string().into();
                                e.print();
                                summary.failed = true;
                            }
                        },
                        Input::Stdin(_) => {}
                    }
                }
            }
        }
        // The JSON document is the only reader of the entries: a text report keeps
        // none, so memory does not grow with the tree.
        if report == Report::Json {
            entries.push(entry);
        }
        // A review stops when standard output is closed; a rewrite goes on.
        Ok(!(summary.closed && action != Action::Rewrite))
    })?;
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    if action == Action::Rewrite && settings.quiet && rewritten > 0 {
        stderr!(
            "zhnorm: {rewritten} file{} rewritten",
            if rewritten == 1 { "" } else { "s" }
        );
    }

    if summary.closed && action != Action::Rewrite {
        return Ok(summary);
    }
    let changed_any = changed_files > 0;
    summary.found = changed_any && matches!(action, Action::Review { .. });
    if report == Report::Json && !summary.closed {
        // `changes` of a file lists at most --max-changes; `changes_total` and the summary
        // count them all.
        let doc = serde_json::json!({
            "files": entries,
            "changed": changed_any,
            // Exactly when the exit status is 0.
            "ok": !summary.failed && !summary.found,
            "errors": crate::error::collected(),
            "summary": {
                "converted": converted,
                "changed": changed_files,
                "changes": total_changes,
            },
        });
        let json = serde_json::to_string_pretty(&doc).unwrap_or_default();
        if let Err(e) = writeln!(out, "{json}") {
            closed(e, &mut summary)?;
        }
    }
    if matches!(report, Report::Sarif | Report::Rdjson) && !summary.closed {
        let doc = if report == Report::Sarif {
            report::sarif_log(std::mem::take(&mut results), notifications, !summary.failed)
        } else {
            report::rdjson_result(std::mem::take(&mut results))
        };
        let json = serde_json::to_string_pretty(&doc).unwrap_or_default();
        if let Err(e) = writeln!(out, "{json}") {
            closed(e, &mut summary)?;
        }
    }
    if summary.closed {
        return Ok(summary);
    }
    let result = out.finish(true);
    // The totals, exact however few changes were listed: on standard error, so that the
    // listing and the diff on standard output keep their formats.
    if summary.found && report == Report::Text && result.is_ok() {
        let files = |n: usize| format!("{n} file{}", if n == 1 { "" } else { "s" });
        let changes = if list {
            let s = if total_changes == 1 { "" } else { "s" };
            format!(", {total_changes} change{s}")
        } else {
            String::new()
        };
        stderr!(
            "zhnorm: {} of {} would change{changes}",
            changed_files,
            files(converted)
        );
    }
    match result {
        Ok(()) => Ok(summary),
        Err(e) => closed(e, &mut summary).map(|()| summary),
    }
}

/// The bytes of input files converted at once, at most (one file is always converted,
/// however big): with `--check` on four 1 GB files, memory held four of them and their
/// conversions at once (7.2 GB, issue 27).
const BYTES_AHEAD: u64 = 256 << 20;

/// Runs `work` on each input on the thread pool, at most `ahead` inputs and
/// [`BYTES_AHEAD`] bytes ahead of the one handed to `each`, which gets them on this thread
/// in order and returns whether to go on. Unlike converting a window of files at a time,
/// no thread waits for the biggest file of a window, nor for the reporting of the one
/// before.
fn in_order<T: Send>(
    inputs: &[Input],
    ahead: usize,
    work: impl Fn(&Input) -> T + Sync,
    mut each: impl FnMut(&Input, T) -> Result<bool, Error>,
) -> Result<(), Error> {
    let work = &work;
    // The size of a file (standard input and what cannot be looked at count as nothing:
    // the read limits bound them).
    let size = |i: &Input| match i {
        Input::File(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
        Input::Stdin(_) => 0,
    };
    // On this thread, not in the pool: waiting here leaves every pool thread to `work`.
    rayon::in_place_scope(|scope| {
        let mut pending = VecDeque::with_capacity(ahead + 1);
        let mut next = inputs.iter().map(|i| (i, size(i))).peekable();
        let mut in_flight = 0u64;
        let mut start = |pending: &mut VecDeque<_>, in_flight: &mut u64| {
            while pending.len() < ahead.max(1) {
                let Some(&(input, bytes)) = next.peek() else {
                    return;
                };
                if !pending.is_empty() && in_flight.saturating_add(bytes) > BYTES_AHEAD {
                    return;
                }
                next.next();
                *in_flight += bytes;
                let (tx, rx) = mpsc::sync_channel(1);
                scope.spawn(move |_| {
                    // The receiver is gone only when the run stopped early.
                    let _ = tx.send(work(input));
                });
                pending.push_back((input, bytes, rx));
            }
        };
        start(&mut pending, &mut in_flight);
        while let Some((input, bytes, rx)) = pending.pop_front() {
            // A task that panicked sent nothing; the scope passes its panic on.
            let Ok(result) = rx.recv() else {
                break;
            };
            if !each(input, result)? {
                break;
            }
            in_flight -= bytes;
            start(&mut pending, &mut in_flight);
        }
        Ok(())
    })
}

/// A write error: standard output closed by its reader is noted (a review then stops, a
/// rewrite goes on without standard output); any other stops the run.
fn closed(e: Error, summary: &mut Summary) -> Result<(), Error> {
    match e {
        Error::BrokenPipe => {
            summary.closed = true;
            Ok(())
        }
        e => Err(e),
    }
}

/// A progress bar for long batches, only when stderr is a terminal and not in CI.
fn progress_bar(n: usize) -> Option<indicatif::ProgressBar> {
    if n < 50 || !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return None;
    }
    let pb = indicatif::ProgressBar::new(n as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
    {
        pb.set_style(style);
    }
    Some(pb)
}
