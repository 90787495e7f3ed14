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
    let reports: Vec<Result<Option<zhnorm::Report>, Error>> = inputs
        .par_iter()
        .map(|i| {
            let bytes = input::read(i)?;
            if input::looks_binary(encoding, &bytes) {
                return Ok(None);
            }
            let (text, _, _) = input::decode(&i.name(), bytes, false, encoding)?;
            Ok(Some(zhnorm::detect(&text)))
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
                Ok(Some(r)) => {
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
