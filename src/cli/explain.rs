//! `zhnorm explain [--to VARIANT | --config NAME] [flags] TEXT…`: why each change is made
//! (the library's `Converter::explain`), one line per change, or `--report json`.

use std::ffi::OsString;

use clap::Parser;
use zhnorm::{Change, Converter};

use crate::args::ConversionFlags;
use crate::error::Error;
use crate::modes::Summary;
use crate::output::Output;
use crate::settings::{Mode, Settings};
use crate::show;

const EXAMPLES: &str = "\
Examples:
  zhnorm explain --to tw 这个软件很好用
  echo 鼠标 | zhnorm explain --config s2twp
  zhnorm explain --to hant --report json 头发

Each line: the input word → the output word, each step that made the change (stage:
table, dictionary file:line (key → value)), and in normalization the script decision of
its clause with its weight in bits towards the other script (±3 bits decide).";

/// Why a conversion changes what it changes: one line per change.
#[derive(Parser, Debug)]
#[command(name = "zhnorm explain", bin_name = "zhnorm explain", about = "Why a conversion changes what it changes: one line per change.", after_help = EXAMPLES)]
pub struct ExplainArgs {
    #[command(flatten)]
    pub conversion: ConversionFlags,

    /// Machine-readable output on stdout: `json`.
    #[arg(long, value_name = "FORMAT", value_parser = ["json"])]
    pub report: Option<String>,

    /// The texts to explain, each on its own; none reads standard input whole.
    #[arg(value_name = "TEXT")]
    pub texts: Vec<String>,
}

/// The most standard input `explain` reads (explaining is for a line or a page, and
/// slower than converting).
const STDIN_LIMIT: u64 = 16 << 20;

/// Runs `zhnorm explain` with `argv` (its first item is `explain`).
pub fn run(argv: impl IntoIterator<Item = OsString>) -> Result<Summary, Error> {
    let args = match ExplainArgs::try_parse_from(argv) {
        Ok(a) => a,
        Err(e) => e.exit(),
    };
    let json = args.report.is_some();
    let converter = converter(&args)?;
    let texts = if args.texts.is_empty() {
        let bytes = crate::input::read_capped(
            std::io::stdin().lock(),
            STDIN_LIMIT,
            "too big to explain (16 MiB at most); explain a part of it",
        )
        .map_err(Error::ReadStdin)?;
        vec![String::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
            name: "<stdin>".into(),
            offset: e.utf8_error().valid_up_to() as u64,
            whole: true,
        })?]
    } else {
        args.texts
    };
    let mut out = Output::stdout(1 << 16);
    let explained: Vec<(&String, Vec<Change>)> =
        texts.iter().map(|t| (t, converter.explain(t))).collect();
    if json {
        let doc = serde_json::json!({
            "inputs": explained.iter().map(|(t, changes)| serde_json::json!({
                "text": t,
                "output": converter.convert(t),
                "changes": changes.iter().map(change_json).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        writeln!(out, "{text}")?;
    } else {
        let many = explained.len() > 1;
        for (t, changes) in &explained {
            if many {
                writeln!(out, "# {}", show::text(t))?;
            }
            if changes.is_empty() {
                writeln!(out, "(no change)")?;
            }
            for c in changes {
                writeln!(out, "{}", line(c))?;
            }
        }
    }
    out.finish(true)?;
    Ok(Summary::default())
}

/// The converter the flags (and zhnorm.toml) ask for, as the conversion modes build it.
fn converter(e: &ExplainArgs) -> Result<Converter, Error> {
    let args = e.conversion.args();
    let settings = Settings::new(args)?;
    match &settings.mode {
        Mode::Convert { conversion, .. } => crate::converter::build(conversion),
        _ => Err(Error::Usage(
            "zhnorm explain: give --to VARIANT or --config NAME".into(),
        )),
    }
}

/// One change as a line: `软件 → 軟體  post: Taiwan vocabulary (TWPhrases),
/// opencc/TWPhrases.txt:412 (軟件 → 軟體); clause: other script (+23.5 bits)  [bytes 6..12]`.
pub fn line(c: &Change) -> String {
    let mut parts: Vec<String> = c
        .steps
        .iter()
        .map(|s| {
            let pass = if s.pass > 1 {
                format!(" (pass {})", s.pass)
            } else {
                String::new()
            };
            let source = s.source.map(|s| format!(", {s}")).unwrap_or_default();
            format!(
                "{}{pass}: {}{source} ({} → {})",
                s.stage.name(),
                s.table,
                show::text(&s.key),
                show::text(&s.value)
            )
        })
        .collect();
    if let Some(cl) = c.clause {
        let from = if cl.inherited {
            ", from the clause before"
        } else {
            ""
        };
        parts.push(format!(
            "clause: {} ({:+.1} bits{from})",
            cl.script.name(),
            cl.bits
        ));
    }
    format!(
        "{} → {}  {}  [bytes {}..{}]",
        show::text(&c.from),
        show::text(&c.to),
        parts.join("; "),
        c.input.start,
        c.input.end
    )
}

fn change_json(c: &Change) -> serde_json::Value {
    serde_json::json!({
        "start": c.input.start,
        "end": c.input.end,
        "from": c.from,
        "to": c.to,
        "steps": c.steps.iter().map(|s| serde_json::json!({
            "stage": s.stage.name(),
            "table": s.table,
            "key": s.key,
            "value": s.value,
            "file": s.source.map(|s| s.file),
            "line": s.source.map(|s| s.line),
            "pass": s.pass,
        })).collect::<Vec<_>>(),
        "clause": c.clause.map(|cl| serde_json::json!({
            "script": cl.script.name(),
            "bits": cl.bits,
            "inherited": cl.inherited,
        })),
    })
}
