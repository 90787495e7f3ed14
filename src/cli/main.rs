//! The `zhnorm` command line: a thin layer over the library.

mod changes;
mod files;
mod project;

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
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
    #[arg(long, value_name = "VARIANT", conflicts_with = "config")]
    to: Option<String>,

    /// Convert exactly as OpenCC 1.4.2's config NAME (s2t, t2s, s2twp, tw2sp, …).
    #[arg(long, value_name = "NAME")]
    config: Option<String>,

    /// Engine for --config: zhnorm (built in, default) or opencc (the C++ OpenCC 1.4.2
    /// library, for reference; needs a build with `--features opencc`).
    #[arg(long, value_name = "ENGINE", default_value = "zhnorm", value_parser = ["zhnorm", "opencc"], requires = "config")]
    engine: String,

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

    /// User dictionary (repeatable): OpenCC `key<TAB>value` lines or MediaWiki rules
    /// `zh-cn:计算机;zh-tw:電腦;`; its entries win over the built-in dictionaries.
    #[arg(long, value_name = "FILE")]
    dict: Vec<PathBuf>,

    /// Never convert WORD (repeatable).
    #[arg(long, value_name = "WORD")]
    keep: Vec<String>,

    /// Never convert the words listed in FILE (one per line, `#` comments).
    #[arg(long, value_name = "FILE")]
    keep_file: Vec<PathBuf>,

    /// Project defaults from this file instead of the nearest zhnorm.toml.
    #[arg(long, value_name = "FILE")]
    config_file: Option<PathBuf>,

    /// Ignore zhnorm.toml files.
    #[arg(long, conflicts_with = "config_file")]
    no_config_file: bool,

    /// Threads for batches of files (default: all cores).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,

    /// Change nothing; report per file the Simplified-only, Traditional-only and shared
    /// characters and the likely script.
    #[arg(long, conflicts_with_all = ["check", "diff", "in_place", "output"])]
    stats: bool,

    /// Lint: exit 1 if a file contains characters specific to the other script than
    /// VARIANT's (implies --stats).
    #[arg(long, value_name = "VARIANT", conflicts_with_all = ["check", "diff", "in_place", "output"])]
    expect: Option<String>,

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

fn build_converter(args: &Args) -> Result<Converter, String> {
    let mut builder = if let Some(name) = &args.config {
        Converter::opencc_builder(name.parse::<Config>().map_err(|e| e.to_string())?)
    } else {
        let variant: Variant = args
            .to
            .as_deref()
            .unwrap_or_default()
            .parse()
            .map_err(|e: zhnorm::Error| e.to_string())?;
        Converter::builder(variant).idioms(!args.no_idioms)
    };
    for path in &args.dict {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read dictionary: {e}", path.display()))?;
        builder = builder.dictionary(&text).map_err(|e| match e.kind() {
            ErrorKind::Dictionary { line, message } => {
                format!("{}:{line}: {message}", path.display())
            }
            _ => format!("{}: {e}", path.display()),
        })?;
    }
    for path in &args.keep_file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read word list: {e}", path.display()))?;
        for w in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            builder = builder.keep(w);
        }
    }
    for w in &args.keep {
        builder = builder.keep(w.as_str());
    }
    if args.engine == "opencc" {
        return reference_converter(&builder);
    }
    Ok(builder.build())
}

#[cfg(feature = "opencc")]
fn reference_converter(builder: &zhnorm::ConverterBuilder) -> Result<Converter, String> {
    builder.build_reference().map_err(|e| e.to_string())
}

#[cfg(not(feature = "opencc"))]
fn reference_converter(_: &zhnorm::ConverterBuilder) -> Result<Converter, String> {
    Err(
        "--engine opencc: this zhnorm was built without the C++ OpenCC engine; run \
         scripts/build-opencc.sh, then build with `cargo build --release --features opencc`"
            .into(),
    )
}

/// `bytes` as a `String`, or the offset of the first invalid UTF-8 sequence (SIMD check).
fn string_from_utf8(bytes: Vec<u8>) -> Result<String, usize> {
    match simdutf8::compat::from_utf8(&bytes) {
        // SAFETY: just checked.
        Ok(_) => Ok(unsafe { String::from_utf8_unchecked(bytes) }),
        Err(e) => Err(e.valid_up_to()),
    }
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
        match simdutf8::compat::from_utf8(&pending) {
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
    /// For --check / --report: the changes, computed in the parallel phase.
    changes: Vec<changes::Change>,
    /// For --diff: the unified diff, computed in the parallel phase.
    diff: String,
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
    match read_input(input) {
        Ok(bytes) => convert_bytes(converter, args, input, bytes),
        Err(e) => Outcome::Failed(e),
    }
}

fn convert_bytes(converter: &Converter, args: &Args, input: &Input, bytes: Vec<u8>) -> Outcome {
    let name = input.name();
    if matches!(input, Input::File(_)) && files::looks_binary(&bytes) {
        return Outcome::Skipped(format!("{name}: binary file, skipped"));
    }
    let original = match string_from_utf8(bytes) {
        Ok(s) => s,
        Err(at) => {
            return Outcome::Failed(format!(
                "{name}: invalid UTF-8 at byte offset {at}; zhnorm reads UTF-8 only (nothing written for this file)"
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
    let changed = text != original;
    let list = if changed && (args.check || args.report.is_some()) {
        changes::changes(&original, &text)
    } else {
        Vec::new()
    };
    let diff = if changed && args.diff && args.report.is_none() {
        changes::unified(&name, &original, &text)
    } else {
        String::new()
    };
    Outcome::Converted(Converted {
        name,
        original,
        text,
        warnings,
        changes: list,
        diff,
    })
}

fn print_warnings(args: &Args, name: &str, warnings: &[Warning]) {
    if !args.quiet {
        for w in warnings {
            eprintln!("zhnorm: warning: {name}:{w}");
        }
    }
}

/// A progress bar for long batches, only when stderr is a terminal and not in CI.
fn progress_bar(n: usize) -> Option<indicatif::ProgressBar> {
    if n < 50 || !io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
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

/// `--check`, `--diff`, `--in-place`: files converted in parallel, reported in order.
fn run_batch(
    args: &Args,
    converter: &Converter,
    inputs: &[Input],
    mut ok: bool,
) -> Result<(bool, bool), String> {
    let progress = progress_bar(inputs.len());
    let outcomes: Vec<Outcome> = inputs
        .par_iter()
        .map(|i| {
            let o = convert_whole(converter, args, i);
            if let Some(p) = &progress {
                p.inc(1);
            }
            o
        })
        .collect();
    if let Some(p) = progress {
        p.finish_and_clear();
    }
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
                    let list = &c.changes;
                    if args.check && args.report.is_none() {
                        for ch in list {
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
                    let _ = out.write_all(c.diff.as_bytes());
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

/// Streams `reader` to `writer` in bounded memory: as a document with `opts`, or as plain
/// text without markup when `None`; on all threads when `parallel`.
fn stream<R: BufRead, W: Write>(
    converter: &Converter,
    reader: R,
    writer: W,
    opts: Option<DocumentOptions>,
    parallel: bool,
) -> Result<Vec<Warning>, zhnorm::Error> {
    let o = opts.unwrap_or(DocumentOptions {
        format: Format::Plain,
        markup: false,
    });
    if parallel {
        converter.convert_document_reader_parallel(reader, writer, o)
    } else {
        converter.convert_document_reader(reader, writer, o)
    }
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
        // Files stream in bounded memory unless they are Markdown (whose tokenizer needs the
        // whole document).
        let streamed = match input {
            Input::File(p) => match format_for(args, Some(p), None) {
                Ok(None) => Some((p, None)),
                Ok(Some(opts)) if opts.format != Format::Markdown => Some((p, Some(opts))),
                _ => None,
            },
            Input::Stdin => None,
        };
        // Standard input streams in bounded memory (an invalid byte then stops the output
        // before the chunk holding it): the format is decided on its first 64 KiB, as for
        // files; Markdown is read whole. An interactive terminal is read whole (with a hint)
        // unless no document format is involved.
        let plain_stream =
            args.config.is_some() || (args.no_markup && args.format.eq_ignore_ascii_case("plain"));
        if matches!(input, Input::Stdin) && (plain_stream || !io::stdin().is_terminal()) {
            let stdin = io::stdin();
            let mut reader = BufReader::with_capacity(1 << 16, stdin.lock());
            let head = match reader.fill_buf() {
                Ok(h) => String::from_utf8_lossy(h).into_owned(),
                Err(e) => {
                    fail(format!("<stdin>: cannot read: {e}"));
                    ok = false;
                    continue;
                }
            };
            let result = match format_for(args, None, Some(&head)) {
                Err(e) => Err(e),
                Ok(Some(o)) if o.format == Format::Markdown => {
                    let mut bytes = Vec::new();
                    match reader.read_to_end(&mut bytes) {
                        Err(e) => Err(format!("<stdin>: cannot read: {e}")),
                        Ok(_) => match convert_bytes(converter, args, input, bytes) {
                            Outcome::Converted(c) => {
                                print_warnings(args, &c.name, &c.warnings);
                                match sink.writer().write_all(c.text.as_bytes()) {
                                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                                        return Ok(ok)
                                    }
                                    Err(e) => Err(format!("cannot write output: {e}")),
                                    Ok(()) => Ok(()),
                                }
                            }
                            Outcome::Failed(e) => Err(e),
                            Outcome::Skipped(note) => Err(note),
                        },
                    }
                }
                Ok(opts) => {
                    // Not `rayon::current_num_threads()`: asking starts the thread pool,
                    // which a one-line input does not need (the readers start it when the
                    // input turns out to be big).
                    let parallel = args.jobs.unwrap_or_else(|| {
                        std::thread::available_parallelism().map_or(1, |n| n.get())
                    }) > 1;
                    let r = stream(converter, reader, sink.writer(), opts, parallel);
                    match r {
                        Ok(warnings) => {
                            print_warnings(args, "<stdin>", &warnings);
                            Ok(())
                        }
                        Err(e) if is_broken_pipe(&e) => return Ok(ok),
                        Err(e) => Err(format!("<stdin>: {e}")),
                    }
                }
            };
            if let Err(msg) = result {
                fail(msg);
                ok = false;
            }
            continue;
        }
        let result = match streamed {
            // Plain text: checked first (nothing written on invalid UTF-8), then streamed.
            Some((path, opts)) => match first_invalid_utf8(path) {
                Err(e) => Err(format!("{}: {e}", path.display())),
                Ok(Some(offset)) => Err(format!(
                    "{}: invalid UTF-8 at byte offset {offset}; zhnorm reads UTF-8 only (nothing written for this file)",
                    path.display()
                )),
                Ok(None) => match File::open(path) {
                    Err(e) => Err(format!("{}: {e}", path.display())),
                    Ok(f) => {
                        let reader = BufReader::with_capacity(1 << 16, f);
                        // Big files: converted on all threads, in order.
                        // (Size first: asking rayon starts its thread pool.)
                        let parallel = std::fs::metadata(path).is_ok_and(|m| m.len() > 8 << 20)
                            && rayon::current_num_threads() > 1;
                        let result = stream(converter, reader, sink.writer(), opts, parallel);
                        match result {
                            Ok(warnings) => {
                                print_warnings(args, &path.display().to_string(), &warnings);
                                Ok(())
                            }
                            Err(e) if is_broken_pipe(&e) => return Ok(ok),
                            Err(e) => Err(format!("{}: {e}", path.display())),
                        }
                    }
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

/// `--stats` / `--expect`: script statistics per file, read-only.
fn run_stats(args: &Args, inputs: &[Input], mut ok: bool) -> Result<ExitCode, String> {
    let expect: Option<Variant> = match &args.expect {
        Some(v) => Some(v.parse().map_err(|e: zhnorm::Error| e.to_string())?),
        None => None,
    };
    let reports: Vec<Result<Option<zhnorm::Report>, String>> = inputs
        .par_iter()
        .map(|i| {
            let bytes = read_input(i)?;
            if files::looks_binary(&bytes) {
                return Ok(None);
            }
            let text = string_from_utf8(bytes)
                .map_err(|at| format!("{}: invalid UTF-8 at byte offset {at}", i.name()))?;
            Ok(Some(zhnorm::detect(&text)))
        })
        .collect();
    let mut inconsistent = false;
    let mut json = Vec::new();
    for (input, r) in inputs.iter().zip(reports) {
        match r {
            Err(e) => {
                fail(e);
                ok = false;
            }
            Ok(None) => {}
            Ok(Some(r)) => {
                let han = r.han().max(1) as f64;
                let likely = r.likely();
                let consistent = expect.is_none_or(|v| r.is_consistent(v));
                inconsistent |= !consistent;
                if args.report.is_some() {
                    json.push(serde_json::json!({
                        "path": input.name(), "simplified": r.simplified, "traditional": r.traditional,
                        "shared": r.shared, "likely": likely.map(|l| l.0.code()), "confidence": likely.map(|l| l.1),
                        "consistent": consistent,
                    }));
                } else if expect.is_none() || !consistent {
                    let verdict = match likely {
                        Some((v, c)) => format!("likely {} (confidence {c:.2})", v.code()),
                        None => "no script-specific characters".into(),
                    };
                    println!(
                        "{}: simplified {} ({:.1}%), traditional {} ({:.1}%), shared {}; {verdict}{}",
                        input.name(),
                        r.simplified,
                        100.0 * r.simplified as f64 / han,
                        r.traditional,
                        100.0 * r.traditional as f64 / han,
                        r.shared,
                        if consistent { "" } else { " — not consistently in the expected script" },
                    );
                }
            }
        }
    }
    if args.report.is_some() {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "files": json })).unwrap_or_default()
        );
    }
    Ok(ExitCode::from(if !ok {
        2
    } else if inconsistent {
        1
    } else {
        0
    }))
}

/// Fills unset flags from `zhnorm.toml` (flags win).
fn apply_project(mut args: Args) -> Result<Args, String> {
    if args.no_config_file {
        return Ok(args);
    }
    let path = match &args.config_file {
        Some(p) => p.clone(),
        None => match std::env::current_dir().ok().and_then(|d| project::find(&d)) {
            Some(p) => p,
            None => return Ok(args),
        },
    };
    let p = project::load(&path)?;
    if args.to.is_none() && args.config.is_none() {
        args.to = p.to;
        args.config = p.opencc;
    }
    if args.format == "auto" {
        if let Some(f) = p.format {
            args.format = f;
        }
    }
    if p.idioms == Some(false) {
        args.no_idioms = true;
    }
    if p.markup == Some(false) {
        args.no_markup = true;
    }
    let mut dict = p.dict;
    dict.append(&mut args.dict);
    args.dict = dict;
    args.keep.extend(p.keep);
    if args.glob.is_empty() {
        args.glob = p.include;
    }
    args.exclude.extend(p.exclude);
    Ok(args)
}

fn run(args: Args) -> Result<ExitCode, String> {
    let args = apply_project(args)?;
    if args.to.is_none() && args.config.is_none() && !args.stats && args.expect.is_none() {
        return Err("no target: give --to VARIANT (e.g. --to hant) or --config NAME, or set `to` in zhnorm.toml".into());
    }
    if args.stats || args.expect.is_some() {
        let paths = if args.files.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            args.files.clone()
        };
        let (inputs, errors) = files::expand(&paths, &args.glob, &args.exclude, args.follow);
        for e in &errors {
            fail(e);
        }
        return run_stats(&args, &inputs, errors.is_empty());
    }
    let converter = build_converter(&args)?;
    if let Some(n) = args.jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .map_err(|e| e.to_string())?;
    }
    if args.report.is_some() && !(args.check || args.diff || args.in_place) {
        return Err("--report json needs --check, --diff, --in-place, --stats or --expect".into());
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
        assert!(
            Args::try_parse_from(["zhnorm", "--config-file", "a", "--no-config-file"]).is_err()
        );
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
