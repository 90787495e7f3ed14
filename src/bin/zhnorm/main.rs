//! The `zhnorm` command line: a thin layer over the library.

mod changes;
mod files;

use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;
use zhnorm::{Config, Converter, DocumentOptions, ErrorKind, Format, Variant, Warning};

use files::Input;

const EXAMPLES: &str = "\
Examples:
  zhnorm --to hans article.md            normalize to Simplified, print to stdout
  zhnorm --to zh-Hant-TW a.txt b.txt     Taiwan forms and vocabulary, files concatenated
  zhnorm --to tw --no-idioms notes.txt   Taiwan forms, keep the words as written
  cat in.txt | zhnorm --to hant -o out.txt
  zhnorm --config s2twp in.txt           exactly what OpenCC 1.4.2's s2twp gives
  zhnorm --to hant --format markdown a.md resolve -{…}- markup, keep code, URLs, link targets
  zhnorm --to hant --check docs/         CI: list what would change, exit 1 if anything would
  zhnorm --to hant --diff docs/          show a unified diff instead
  zhnorm --to hant -w docs/              rewrite files in place (atomically)

Directories are walked honouring .gitignore/.ignore, skipping hidden files and symlinks,
converting files with common text extensions (md, txt, wiki, html, json, yaml, srt …)
unless --glob is given.

Exit status: 0 success (clean), 1 --check/--diff found files that would change,
2 error (a missing or unreadable file, invalid UTF-8, a bad argument).";

/// Normalize mixed Simplified/Traditional Chinese text into one script or regional variant.
#[derive(Parser, Debug)]
#[command(name = "zhnorm", version, about, after_help = EXAMPLES)]
struct Args {
    /// Target variant: hans, hant, cn, tw, hk, mo, sg, my (also zh-hant, zh-Hant-TW …).
    #[arg(
        long,
        value_name = "VARIANT",
        conflicts_with = "config",
        required_unless_present = "config"
    )]
    to: Option<String>,

    /// Convert exactly as OpenCC 1.4.2's config NAME (s2t, t2s, s2twp, tw2sp, …).
    #[arg(long, value_name = "NAME")]
    config: Option<String>,

    /// With --to cn/tw/hk/mo: change character forms only, not vocabulary (软件 stays 軟件).
    #[arg(long)]
    no_idioms: bool,

    /// Input format: auto (by extension: .md → markdown, .wiki → wikitext, .txt → plain;
    /// otherwise by content), plain, wikitext or markdown.
    #[arg(long, value_name = "FORMAT", default_value = "auto")]
    format: String,

    /// Plain text: leave `-{…}-` conversion markup as text instead of resolving it.
    #[arg(long)]
    no_markup: bool,

    /// Change nothing; list every change as `path:line:column: 后 → 後 (context)` and exit 1
    /// if any file would change.
    #[arg(long, conflicts_with_all = ["in_place", "output"])]
    check: bool,

    /// Change nothing; print a unified diff of every file that would change, exit 1 if any.
    #[arg(long, conflicts_with_all = ["in_place", "output"])]
    diff: bool,

    /// Rewrite the files in place (atomically; unchanged files are not touched).
    #[arg(short = 'w', long, conflicts_with = "output")]
    in_place: bool,

    /// Only walk files matching this glob (repeatable), e.g. --glob '*.md'.
    #[arg(long, value_name = "GLOB")]
    glob: Vec<String>,

    /// Skip files matching this glob (repeatable), e.g. --exclude 'vendor/**'.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,

    /// Follow symbolic links while walking directories.
    #[arg(long)]
    follow: bool,

    /// Machine-readable report on stdout: `json` (with --check, --diff or -w).
    #[arg(long, value_name = "FORMAT", value_parser = ["json"])]
    report: Option<String>,

    /// Do not print warnings about malformed markup or skipped files.
    #[arg(short, long)]
    quiet: bool,

    /// Write the output to FILE instead of stdout (atomically: via a temporary file).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Input files or directories; none or `-` reads standard input.
    #[arg(value_name = "PATH")]
    files: Vec<PathBuf>,
}

fn fail(msg: impl std::fmt::Display) {
    eprintln!("zhnorm: {msg}");
}

fn build_converter(args: &Args) -> Result<Converter, zhnorm::Error> {
    if let Some(name) = &args.config {
        return Ok(Converter::opencc(name.parse::<Config>()?));
    }
    let variant: Variant = args.to.as_deref().unwrap_or_default().parse()?;
    Ok(Converter::builder(variant).idioms(!args.no_idioms).build())
}

/// The byte offset of the first invalid UTF-8 sequence in a file, read in bounded memory.
fn first_invalid_utf8(path: &Path) -> io::Result<Option<u64>> {
    let mut f = BufReader::with_capacity(1 << 16, File::open(path)?);
    let mut pending: Vec<u8> = Vec::new();
    let mut offset = 0u64;
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        pending.extend_from_slice(&buf[..n]);
        match std::str::from_utf8(&pending) {
            Ok(_) => {
                offset += pending.len() as u64;
                pending.clear();
            }
            Err(e) => {
                if e.error_len().is_some() || n == 0 {
                    return Ok(Some(offset + e.valid_up_to() as u64));
                }
                let ok = e.valid_up_to();
                offset += ok as u64;
                pending.drain(..ok);
            }
        }
        if n == 0 {
            return Ok(None);
        }
    }
}

enum Sink {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File {
        tmp: PathBuf,
        dest: PathBuf,
        w: BufWriter<File>,
    },
}

impl Sink {
    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Sink::Stdout(w) => w,
            Sink::File { w, .. } => w,
        }
    }

    fn open(output: Option<&Path>) -> io::Result<Sink> {
        match output {
            None => Ok(Sink::Stdout(BufWriter::with_capacity(
                1 << 16,
                io::stdout().lock(),
            ))),
            Some(dest) => {
                let dir = dest
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                let name = dest
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let tmp = dir.join(format!(".{name}.zhnorm-{}.tmp", std::process::id()));
                let w = BufWriter::new(File::create(&tmp)?);
                Ok(Sink::File {
                    tmp,
                    dest: dest.to_path_buf(),
                    w,
                })
            }
        }
    }

    fn finish(self) -> io::Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush(),
            Sink::File { tmp, dest, w } => {
                let result = w
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .and_then(|f| f.sync_all())
                    .and_then(|()| std::fs::rename(&tmp, &dest));
                if result.is_err() {
                    let _ = std::fs::remove_file(&tmp);
                }
                result
            }
        }
    }
}

fn is_broken_pipe(e: &zhnorm::Error) -> bool {
    matches!(e.kind(), ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe)
}

/// The document options for an input, or `None` for plain streaming conversion
/// (plain text without markup, or an OpenCC config).
fn format_for(
    args: &Args,
    path: Option<&Path>,
    text: Option<&str>,
) -> Result<Option<DocumentOptions>, String> {
    if args.config.is_some() {
        return Ok(None);
    }
    let format = match args.format.to_ascii_lowercase().as_str() {
        "auto" => match path.and_then(Format::from_path) {
            Some(f) => f,
            None => match (path, text) {
                (_, Some(t)) => Format::detect(t),
                (Some(p), None) => {
                    // Sniff the start of the file.
                    let mut head = vec![0u8; 64 * 1024];
                    let n = File::open(p)
                        .and_then(|mut f| f.read(&mut head))
                        .map_err(|e| format!("{}: {e}", p.display()))?;
                    Format::detect(&String::from_utf8_lossy(&head[..n]))
                }
                (None, None) => Format::Plain,
            },
        },
        other => other.parse::<Format>()?,
    };
    if format == Format::Plain && args.no_markup {
        return Ok(None);
    }
    Ok(Some(DocumentOptions {
        format,
        markup: !args.no_markup,
    }))
}

/// A whole input read, checked and converted in memory.
struct Converted {
    name: String,
    original: String,
    text: String,
    warnings: Vec<Warning>,
}

enum Outcome {
    Converted(Converted),
    Skipped(String),
    Failed(String),
}

fn read_input(input: &Input) -> Result<Vec<u8>, String> {
    match input {
        Input::Stdin => {
            let mut data = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut data)
                .map_err(|e| format!("<stdin>: cannot read: {e}"))?;
            Ok(data)
        }
        Input::File(p) => std::fs::read(p).map_err(|e| format!("{}: {e}", p.display())),
    }
}

fn convert_whole(converter: &Converter, args: &Args, input: &Input) -> Outcome {
    let name = input.name();
    let bytes = match read_input(input) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(e),
    };
    if matches!(input, Input::File(_)) && files::looks_binary(&bytes) {
        return Outcome::Skipped(format!("{name}: binary file, skipped"));
    }
    let original = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            return Outcome::Failed(format!(
                "{name}: invalid UTF-8 at byte offset {}; zhnorm reads UTF-8 only (nothing written for this file)",
                e.utf8_error().valid_up_to()
            ))
        }
    };
    let path = match input {
        Input::File(p) => Some(p.as_path()),
        Input::Stdin => None,
    };
    let (text, warnings) = match format_for(args, path, Some(&original)) {
        Err(e) => return Outcome::Failed(e),
        Ok(Some(opts)) => {
            let d = converter.convert_document(&original, opts);
            (d.text, d.warnings)
        }
        Ok(None) => (converter.convert(&original).into_owned(), Vec::new()),
    };
    Outcome::Converted(Converted {
        name,
        original,
        text,
        warnings,
    })
}

fn print_warnings(args: &Args, name: &str, warnings: &[Warning]) {
    if !args.quiet {
        for w in warnings {
            eprintln!("zhnorm: warning: {name}:{w}");
        }
    }
}

/// `--check`, `--diff`, `--in-place`: files converted in parallel, reported in order.
fn run_batch(
    args: &Args,
    converter: &Converter,
    inputs: &[Input],
    mut ok: bool,
) -> Result<(bool, bool), String> {
    let outcomes: Vec<Outcome> = inputs
        .par_iter()
        .map(|i| convert_whole(converter, args, i))
        .collect();
    let mut changed_any = false;
    let mut report = Vec::new();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for (input, outcome) in inputs.iter().zip(outcomes) {
        let mut entry = serde_json::json!({ "path": input.name() });
        match outcome {
            Outcome::Failed(msg) => {
                fail(&msg);
                ok = false;
                entry["error"] = msg.into();
            }
            Outcome::Skipped(note) => {
                if !args.quiet {
                    eprintln!("zhnorm: {note}");
                }
                entry["skipped"] = note.into();
            }
            Outcome::Converted(c) => {
                print_warnings(args, &c.name, &c.warnings);
                let changed = c.text != c.original;
                changed_any |= changed;
                entry["changed"] = changed.into();
                entry["warnings"] = c
                    .warnings
                    .iter()
                    .map(|w| serde_json::json!({"line": w.line, "column": w.column, "message": w.message}))
                    .collect();
                if changed && (args.check || args.report.is_some()) {
                    let list = changes::changes(&c.original, &c.text);
                    if args.check && args.report.is_none() {
                        for ch in &list {
                            let _ = writeln!(
                                out,
                                "{}:{}:{}: {} → {} ({})",
                                c.name, ch.line, ch.column, ch.from, ch.to, ch.context
                            );
                        }
                    }
                    entry["changes"] = list
                        .iter()
                        .map(|ch| serde_json::json!({"line": ch.line, "column": ch.column, "from": ch.from, "to": ch.to}))
                        .collect();
                }
                if changed && args.diff && args.report.is_none() {
                    let _ =
                        out.write_all(changes::unified(&c.name, &c.original, &c.text).as_bytes());
                }
                if changed && args.in_place {
                    match input {
                        Input::File(p) => {
                            if let Err(e) = files::write_atomically(p, c.text.as_bytes()) {
                                fail(format!(
                                    "{}: cannot rewrite: {e} (file left unchanged)",
                                    p.display()
                                ));
                                ok = false;
                                entry["error"] = e.to_string().into();
                            }
                        }
                        Input::Stdin => {
                            let _ = out.write_all(c.text.as_bytes());
                        }
                    }
                }
            }
        }
        report.push(entry);
    }
    if args.report.is_some() {
        let doc = serde_json::json!({
            "files": report,
            "changed": changed_any,
            "ok": ok,
        });
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        );
    }
    out.flush()
        .map_err(|e| format!("cannot write output: {e}"))?;
    Ok((ok, changed_any))
}

/// Default mode: converted inputs to stdout (or `-o`), in order, streaming plain files.
fn run_stream(
    args: &Args,
    converter: &Converter,
    inputs: &[Input],
    mut ok: bool,
) -> Result<bool, String> {
    let mut sink = Sink::open(args.output.as_deref()).map_err(|e| {
        format!(
            "{}: cannot create output: {e}",
            args.output.as_deref().unwrap_or(Path::new("-")).display()
        )
    })?;
    for input in inputs {
        let streamed = match input {
            Input::File(p) => match format_for(args, Some(p), None) {
                Ok(None) => Some(p),
                _ => None,
            },
            Input::Stdin => None,
        };
        let result = match streamed {
            // Plain text: checked first (nothing written on invalid UTF-8), then streamed.
            Some(path) => match first_invalid_utf8(path) {
                Err(e) => Err(format!("{}: {e}", path.display())),
                Ok(Some(offset)) => Err(format!(
                    "{}: invalid UTF-8 at byte offset {offset}; zhnorm reads UTF-8 only (nothing written for this file)",
                    path.display()
                )),
                Ok(None) => match File::open(path) {
                    Err(e) => Err(format!("{}: {e}", path.display())),
                    Ok(f) => match converter.convert_reader(BufReader::with_capacity(1 << 16, f), sink.writer()) {
                        Ok(_) => Ok(()),
                        Err(e) if is_broken_pipe(&e) => return Ok(ok),
                        Err(e) => Err(format!("{}: {e}", path.display())),
                    },
                },
            },
            None => {
                if matches!(input, Input::Stdin) && io::stdin().is_terminal() {
                    eprintln!("zhnorm: reading standard input (Ctrl-D to end; --help for usage)");
                }
                match convert_whole(converter, args, input) {
                    Outcome::Failed(e) => Err(e),
                    Outcome::Skipped(note) => {
                        if !args.quiet {
                            eprintln!("zhnorm: {note}");
                        }
                        Ok(())
                    }
                    Outcome::Converted(c) => {
                        print_warnings(args, &c.name, &c.warnings);
                        match sink.writer().write_all(c.text.as_bytes()) {
                            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ok),
                            Err(e) => Err(format!("cannot write output: {e}")),
                            Ok(()) => Ok(()),
                        }
                    }
                }
            }
        };
        if let Err(msg) = result {
            fail(msg);
            ok = false;
        }
    }
    match sink.finish() {
        Ok(()) => Ok(ok),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ok),
        Err(e) => Err(format!("cannot write output: {e}")),
    }
}

fn run(args: Args) -> Result<ExitCode, String> {
    let converter = build_converter(&args).map_err(|e| e.to_string())?;
    if args.report.is_some() && !(args.check || args.diff || args.in_place) {
        return Err("--report json needs --check, --diff or --in-place".into());
    }
    let paths = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let (inputs, errors) = files::expand(&paths, &args.glob, &args.exclude, args.follow);
    for e in &errors {
        fail(e);
    }
    let ok = errors.is_empty();
    if args.check || args.diff || args.in_place {
        let (ok, changed) = run_batch(&args, &converter, &inputs, ok)?;
        let code = if !ok {
            2
        } else if changed && (args.check || args.diff) {
            1
        } else {
            0
        };
        return Ok(ExitCode::from(code));
    }
    let ok = run_stream(&args, &converter, &inputs, ok)?;
    Ok(ExitCode::from(if ok { 0 } else { 2 }))
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(code) => code,
        Err(msg) => {
            fail(msg);
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Args::command().debug_assert();
    }

    #[test]
    fn flag_combinations() {
        assert!(Args::try_parse_from(["zhnorm", "--to", "hans", "--config", "s2t"]).is_err());
        assert!(Args::try_parse_from(["zhnorm"]).is_err());
        assert!(Args::try_parse_from(["zhnorm", "--config", "s2t", "a.txt"]).is_ok());
        assert!(Args::try_parse_from(["zhnorm", "--to", "hant", "--check", "-w", "a"]).is_err());
        assert!(Args::try_parse_from(["zhnorm", "--to", "hant", "-w", "-o", "x", "a"]).is_err());
        assert!(Args::try_parse_from([
            "zhnorm", "--to", "hant", "--check", "--report", "json", "a"
        ])
        .is_ok());
        assert!(Args::try_parse_from(["zhnorm", "--to", "hant", "--report", "xml", "a"]).is_err());
    }
}
