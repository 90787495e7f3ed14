//! The `zhnorm` command line: a thin layer over the library.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use zhnorm::{Config, Converter, DocumentOptions, ErrorKind, Format, Variant};

const EXAMPLES: &str = "\
Examples:
  zhnorm --to hans article.md            normalize to Simplified, print to stdout
  zhnorm --to zh-Hant-TW a.txt b.txt     Taiwan forms and vocabulary, files concatenated
  zhnorm --to tw --no-idioms notes.txt   Taiwan forms, keep the words as written
  cat in.txt | zhnorm --to hant -o out.txt
  zhnorm --config s2twp in.txt           exactly what OpenCC 1.4.2's s2twp gives
  zhnorm --to hant --format markdown a.md resolve -{…}- markup, keep code, URLs, link targets

Exit status: 0 success, 2 error (a missing or unreadable file, invalid UTF-8).";

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

    /// Do not print warnings about malformed markup.
    #[arg(short, long)]
    quiet: bool,

    /// Write the output to FILE instead of stdout (atomically: via a temporary file).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Input files; none or `-` reads standard input.
    #[arg(value_name = "FILE")]
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

/// Checks that a file is UTF-8 without holding it in memory; returns the invalid offset.
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
                    let head = String::from_utf8_lossy(&head[..n]);
                    Format::detect(&head)
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

fn write_document(
    converter: &Converter,
    text: &str,
    opts: DocumentOptions,
    name: &str,
    args: &Args,
    sink: &mut Sink,
) -> Result<(), String> {
    let doc = converter.convert_document(text, opts);
    if !args.quiet {
        for w in &doc.warnings {
            eprintln!("zhnorm: warning: {name}:{w}");
        }
    }
    match sink.writer().write_all(doc.text.as_bytes()) {
        Err(e) => Err(format!("cannot write output: {e}")),
        Ok(()) => Ok(()),
    }
}

fn is_broken_pipe(e: &zhnorm::Error) -> bool {
    matches!(e.kind(), ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe)
}

fn run(args: Args) -> Result<bool, String> {
    let converter = build_converter(&args).map_err(|e| e.to_string())?;
    let mut sink = Sink::open(args.output.as_deref()).map_err(|e| {
        format!(
            "{}: cannot create output: {e}",
            args.output.as_deref().unwrap_or(Path::new("-")).display()
        )
    })?;
    let files = if args.files.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.files.clone()
    };
    let mut ok = true;
    for path in &files {
        let result = if path.as_os_str() == "-" {
            if io::stdin().is_terminal() {
                eprintln!("zhnorm: reading standard input (Ctrl-D to end; --help for usage)");
            }
            // Standard input is read whole so that nothing is written if it is not UTF-8.
            let mut data = Vec::new();
            match io::stdin().lock().read_to_end(&mut data) {
                Err(e) => Err(format!("<stdin>: cannot read: {e}")),
                Ok(_) => match std::str::from_utf8(&data) {
                    Err(e) => Err(format!(
                        "<stdin>: invalid UTF-8 at byte offset {}; zhnorm reads UTF-8 only",
                        e.valid_up_to()
                    )),
                    Ok(text) => match format_for(&args, None, Some(text)) {
                        Err(e) => Err(e),
                        Ok(Some(opts)) => {
                            write_document(&converter, text, opts, "<stdin>", &args, &mut sink)
                        }
                        Ok(None) => {
                            let out = converter.convert(text);
                            match sink.writer().write_all(out.as_bytes()) {
                                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ok),
                                Err(e) => Err(format!("cannot write output: {e}")),
                                Ok(()) => Ok(()),
                            }
                        }
                    },
                },
            }
        } else {
            match first_invalid_utf8(path) {
                Err(e) => Err(format!("{}: {e}", path.display())),
                Ok(Some(offset)) => Err(format!(
                    "{}: invalid UTF-8 at byte offset {offset}; zhnorm reads UTF-8 only (nothing written for this file)",
                    path.display()
                )),
                Ok(None) => match format_for(&args, Some(path), None) {
                    Err(e) => Err(e),
                    Ok(None) => match File::open(path) {
                        Err(e) => Err(format!("{}: {e}", path.display())),
                        Ok(f) => match converter.convert_reader(BufReader::with_capacity(1 << 16, f), sink.writer()) {
                            Ok(_) => Ok(()),
                            Err(e) if is_broken_pipe(&e) => return Ok(ok),
                            Err(e) => Err(format!("{}: {e}", path.display())),
                        },
                    },
                    Ok(Some(opts)) => match std::fs::read_to_string(path) {
                        Err(e) => Err(format!("{}: {e}", path.display())),
                        Ok(text) => write_document(&converter, &text, opts, &path.display().to_string(), &args, &mut sink),
                    },
                },
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

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(2),
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
    fn to_and_config_conflict() {
        assert!(Args::try_parse_from(["zhnorm", "--to", "hans", "--config", "s2t"]).is_err());
        assert!(Args::try_parse_from(["zhnorm"]).is_err());
        assert!(Args::try_parse_from(["zhnorm", "--config", "s2t", "a.txt"]).is_ok());
    }
}
