//! `--stats` / `--expect`: script statistics per input, read-only.

use rayon::prelude::*;
use zhnorm::Variant;

use super::Summary;
use crate::encoding::Encoding;
use crate::error::Error;
use crate::files::Input;
use crate::input;
use crate::output::Output;
use crate::settings::Report;

/// Reports every input (read in `encoding`, if given); with `expect`, only those not consistently in its script (found:
/// exit status 1).
pub fn run(
    inputs: &[Input],
    expect: Option<Variant>,
    report: Report,
    encoding: Option<Encoding>,
    failed: bool,
) -> Result<Summary, Error> {
    let mut summary = Summary {
        failed,
        ..Summary::default()
    };
    type Stats = (zhnorm::Report, Foreign);
    let reports: Vec<Result<Option<Stats>, Error>> = inputs
        .par_iter()
        .map(|i| {
            let bytes = input::read(i)?;
            if input::looks_binary(encoding, &bytes) {
                return Ok(None);
            }
            let (text, _, _) = input::decode(&i.name(), bytes, false, encoding)?;
            let r = zhnorm::detect(&text);
            let foreign = match expect {
                Some(v) if !r.is_consistent(v) => foreign(&text, v.is_traditional()),
                _ => Foreign::default(),
            };
            Ok(Some((r, foreign)))
        })
        .collect();
    // Line by line, as errors on standard error interleave with the lines.
    let mut out = Output::stdout(1 << 12);
    let mut json = Vec::new();
    let written = (|| {
        for (input, r) in inputs.iter().zip(reports) {
            match r {
                Err(e) => {
                    e.print();
                    summary.failed = true;
                    if report == Report::Json {
                        let mut entry = serde_json::json!({ "error": e.to_string() });
                        input.name_json(&mut entry);
                        json.push(entry);
                    }
                }
                Ok(None) => {}
                Ok(Some((r, foreign))) => {
                    let han = r.han().max(1) as f64;
                    let likely = r.likely();
                    // Written in one script: the expected one, or without --expect the
                    // likely one (a file 43 % Simplified and 7 % Traditional is not).
                    let consistent = match expect {
                        Some(v) => r.is_consistent(v),
                        None => likely.is_none_or(|(v, _)| r.is_consistent(v)),
                    };
                    summary.found |= expect.is_some() && !consistent;
                    if report == Report::Json {
                        let mut entry = serde_json::json!({
                            "simplified": r.simplified, "traditional": r.traditional,
                            "shared": r.shared, "likely": likely.map(|l| l.0.code()), "confidence": likely.map(|l| l.1),
                            "consistent": consistent,
                        });
                        if expect.is_some() {
                            entry["foreign"] = foreign
                                .listed
                                .iter()
                                .map(|(line, column, text)| serde_json::json!({"line": line, "column": column, "text": text}))
                                .collect();
                            entry["foreign_total"] = foreign.total.into();
                        }
                        input.name_json(&mut entry);
                        json.push(entry);
                    } else if expect.is_none() || !consistent {
                        let verdict = match likely {
                            Some((v, c)) => format!("likely {} (confidence {c:.2})", v.code()),
                            None => "no script-specific characters".into(),
                        };
                        writeln!(
                            out,
                            "{}: simplified {} ({:.1}%), traditional {} ({:.1}%), shared {}; {verdict}{}",
                            input.name(),
                            r.simplified,
                            100.0 * r.simplified as f64 / han,
                            r.traditional,
                            100.0 * r.traditional as f64 / han,
                            r.shared,
                            match (expect, consistent) {
                                (_, true) => "",
                                (Some(_), false) => " — not consistently in the expected script",
                                (None, false) => " — mixed scripts",
                            },
                        )?;
                        if let Some(v) = expect {
                            let script = if v.is_traditional() {
                                "Simplified"
                            } else {
                                "Traditional"
                            };
                            for (line, column, text) in &foreign.listed {
                                writeln!(
                                    out,
                                    "{}:{line}:{column}: {} is {script} (expected {})",
                                    input.name(),
                                    crate::show::text(text),
                                    v.code()
                                )?;
                            }
                            let rest = foreign.total - foreign.listed.len();
                            if rest > 0 {
                                writeln!(out, "{}: {rest} more not listed", input.name())?;
                            }
                        }
                        out.flush()?;
                    }
                }
            }
        }
        if report == Report::Json {
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&serde_json::json!({
                    "files": json,
                    // Exactly when the exit status is 0.
                    "ok": !summary.failed && !summary.found,
                    "errors": crate::error::collected(),
                }))
                .unwrap_or_default()
            )?;
        }
        out.finish(true)
    })();
    match written {
        Ok(()) => Ok(summary),
        Err(Error::BrokenPipe) => Ok(Summary {
            closed: true,
            ..summary
        }),
        Err(e) => Err(e),
    }
}

/// Runs of characters of the other script than expected, where `--expect` found them.
#[derive(Default)]
struct Foreign {
    /// The first [`LISTED`]: line, column (in characters, after a byte order mark), text.
    listed: Vec<(usize, usize, String)>,
    /// All of them.
    total: usize,
}

/// Runs listed per file by `--expect`.
const LISTED: usize = 20;

/// The runs of `text`'s characters that only the other script than expected
/// (`traditional` or not) writes.
fn foreign(text: &str, traditional: bool) -> Foreign {
    let mut f = Foreign::default();
    for (n, line) in text.split('\n').enumerate() {
        let line = if n == 0 {
            line.strip_prefix('\u{FEFF}').unwrap_or(line)
        } else {
            line
        };
        let mut run: Option<(usize, String)> = None;
        for (col, c) in line.chars().chain(std::iter::once('\n')).enumerate() {
            let counts = zhnorm::script_counts(c.encode_utf8(&mut [0; 4]));
            let other = if traditional {
                counts.simplified > 0
            } else {
                counts.traditional > 0
            };
            match (&mut run, other) {
                (Some((_, t)), true) => t.push(c),
                (None, true) => run = Some((col + 1, c.to_string())),
                (Some(_), false) => {
                    let (column, t) = run.take().expect("a run");
                    f.total += 1;
                    if f.listed.len() < LISTED {
                        f.listed.push((n + 1, column, t));
                    }
                }
                (None, false) => {}
            }
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_runs_have_their_positions() {
        let f = foreign("\u{FEFF}標題\n我们的頭髮和我們的头发\n", true);
        assert_eq!(f.total, 2);
        assert_eq!(
            f.listed,
            [(2, 2, "们".to_string()), (2, 10, "头发".to_string())]
        );
        let f = foreign("简体和繁體", false);
        assert_eq!(f.listed, [(1, 5, "體".to_string())]);
    }
}
