//! The default mode: converted inputs, in order, to standard output or `-o FILE`. Plain
//! files and standard input stream in bounded memory; Markdown is read whole (its tokenizer
//! needs the whole document), and so is an input in UTF-16 or in an encoding named by
//! `--encoding` other than UTF-8 (decoded and encoded back strictly, so that an error
//! comes before anything of the input is written).

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::path::Path;

use zhnorm::{Converter, DocumentOptions, Format, FormatChoice, StreamOptions, Warning};

use super::Summary;
use crate::encoding::Encoding;
use crate::error::Error;
use crate::files::Input;
use crate::input::{self, Outcome};
use crate::output::Output;
use crate::settings::{Conversion, Settings, Target};

/// Converts every input into the output; `-o FILE` is replaced only if no input failed.
pub fn run(
    settings: &Settings,
    c: &Conversion,
    converter: &Converter,
    output: Option<&Path>,
    inputs: &[Input],
    failed: bool,
) -> Result<Summary, Error> {
    let mut out = Output::open(output)?;
    let mut summary = Summary {
        failed,
        ..Summary::default()
    };
    for i in inputs {
        match convert_one(settings, c, converter, i, &mut out) {
            Ok(()) => {}
            Err(Error::BrokenPipe) => {
                summary.closed = true;
                return Ok(summary);
            }
            Err(e) => {
                e.print();
                summary.failed = true;
            }
        }
    }
    match out.finish(!summary.failed) {
        Ok(()) => Ok(summary),
        Err(Error::BrokenPipe) => Ok(Summary {
            closed: true,
            ..summary
        }),
        Err(e) => Err(e),
    }
}

/// Converts one input into `out`.
fn convert_one(
    settings: &Settings,
    c: &Conversion,
    converter: &Converter,
    i: &Input,
    out: &mut Output,
) -> Result<(), Error> {
    // `--encoding` other than UTF-8: every input read whole, files, pipes and standard
    // input alike (up to `input::WHOLE_LIMIT`).
    if c.encoding.is_some_and(|e| e != Encoding::Utf8) {
        return convert_whole(settings, c, converter, i, out);
    }
    match i {
        // A pipe, FIFO or device (`<(cmd)`, `/dev/stdin`) can be read only once: it is
        // streamed as standard input is, its format decided on the bytes read first.
        Input::File(path) if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) => {
            let name = crate::show::path(path);
            let file = File::open(path).map_err(|source| Error::Read {
                name: name.clone(),
                source,
            })?;
            let reader = BufReader::with_capacity(1 << 16, file);
            stream_reader(settings, c, converter, i, &name, reader, out)
        }
        // UTF-16 is decoded whole, converted and written in UTF-16 (with `--encoding
        // utf-8`, `input::decode` refuses its byte order mark).
        Input::File(path)
            if input::file_is_utf16(path).map_err(|source| Error::Read {
                name: crate::show::path(path),
                source,
            })? =>
        {
            convert_whole(settings, c, converter, i, out)
        }
        Input::File(path)
            if input::file_looks_binary(path).map_err(|source| Error::Read {
                name: crate::show::path(path),
                source,
            })? =>
        {
            if !settings.quiet {
                stderr!("zhnorm: {}", input::binary_note(&crate::show::path(path)));
            }
            Ok(())
        }
        Input::File(path) => match input::document_options(c, Some(path), None) {
            Ok(None) => stream_file(settings, converter, path, None, out),
            Ok(Some(opts)) if opts.format.streams() => {
                stream_file(settings, converter, path, Some(opts), out)
            }
            _ => convert_whole(settings, c, converter, i, out),
        },
        // Standard input streams in bounded memory (an invalid byte then stops the output
        // before the chunk holding it): the format is decided on its first 64 KiB, as for
        // files; Markdown is read whole. An interactive terminal is read whole (with a hint)
        // unless no document format is involved.
        Input::Stdin(name) => {
            let plain_stream = matches!(c.target, Target::Config { .. })
                || (!c.markup && c.format == FormatChoice::Fixed(Format::Plain));
            if plain_stream || !io::stdin().is_terminal() {
                stream_stdin(settings, c, converter, name.as_deref(), out)
            } else {
                stderr!("zhnorm: reading standard input (Ctrl-D to end; --help for usage)");
                convert_whole(settings, c, converter, i, out)
            }
        }
    }
}

/// A file converted whole (Markdown, or a file whose format sniffing failed).
fn convert_whole(
    settings: &Settings,
    c: &Conversion,
    converter: &Converter,
    i: &Input,
    out: &mut Output,
) -> Result<(), Error> {
    match input::convert_whole(converter, c, i) {
        Outcome::Failed(e) => Err(e),
        Outcome::Skipped(note) => {
            if !settings.quiet {
                stderr!("zhnorm: {note}");
            }
            Ok(())
        }
        Outcome::Converted(d) => {
            input::print_warnings(settings.quiet, &d.name, &d.warnings);
            out.write_all(&d.bytes(false)?)
        }
    }
}

/// A plain or wikitext file, streamed. Nothing is written for a file that is not UTF-8:
/// for standard output (or a device) the whole file is checked on a thread of its own
/// while the stream converts, and what the stream writes is held back until the check
/// has passed ([`HeldBack`]); `-o FILE` is replaced only when every input converted
/// (`Output::finish`), so there the stream's own check is enough.
fn stream_file(
    settings: &Settings,
    converter: &Converter,
    path: &Path,
    opts: Option<DocumentOptions>,
    out: &mut Output,
) -> Result<(), Error> {
    let name = crate::show::path(path);
    let read_error = |source| Error::Read {
        name: name.clone(),
        source,
    };
    let len = std::fs::metadata(path).map_or(0, |m| m.len());
    let check = match out {
        Output::File(_) => Check::ByStream,
        _ if len <= CHECK_BESIDE => Check::Before,
        _ => Check::Beside,
    };
    let invalid = |offset| Error::InvalidUtf8 {
        name: name.clone(),
        offset,
        whole: true,
    };
    if check == Check::Before {
        if let Some(offset) = input::first_invalid_utf8(path).map_err(read_error)? {
            return Err(invalid(offset));
        }
    }
    let reader = BufReader::with_capacity(1 << 16, File::open(path).map_err(read_error)?);
    // Big files: converted on all threads, in order.
    // (Size first: asking rayon starts its thread pool.)
    let parallel = len > 8 << 20 && rayon::current_num_threads() > 1;
    // The stream's result, the first invalid byte the check beside it found, whether
    // anything of the file was written before the end, and how the check ended.
    let (result, found, written, checked) = if check == Check::Beside {
        let owned = path.to_path_buf();
        let beside = std::thread::Builder::new()
            .name("utf8-check".into())
            .spawn(move || input::first_invalid_utf8(&owned))
            .map_err(read_error)?;
        let mut held = HeldBack::new(out.writer(), beside);
        let result = stream(converter, reader, &mut held, opts, parallel);
        // What is held goes out only after a stream that succeeded (a failed one drops
        // it, and its check, if still running, is left to end alone).
        let checked = match result {
            Ok(_) => held.settle(),
            Err(_) => Ok(()),
        };
        (result, held.invalid, held.released, checked)
    } else {
        let result = stream(converter, reader, out.writer(), opts, parallel);
        (result, None, check == Check::Before, Ok(()))
    };
    match (result, found, checked) {
        // The check beside the stream found it: nothing of this file was written.
        (_, Some(offset), _) => Err(invalid(offset)),
        (Err(e), None, _) => match *e.kind() {
            // Found by the stream before anything was written (or, with `-o`, committed).
            zhnorm::ErrorKind::InvalidUtf8 { offset } if !written => Err(invalid(offset)),
            _ => Err(Error::stream(name.clone(), e)),
        },
        (Ok(_), None, Err(e)) => Err(read_error(e)),
        (Ok(warnings), None, Ok(())) => {
            input::print_warnings(settings.quiet, &name, &warnings);
            Ok(())
        }
    }
}

/// How [`stream_file`] makes sure nothing is written for a file that is not UTF-8.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Check {
    /// The whole file, before it streams (a small file to standard output).
    Before,
    /// On a thread of its own while the file streams, the output held back until it
    /// passes (a big file to standard output: [`HeldBack`]).
    Beside,
    /// By the stream alone: `-o FILE` is not replaced when an input fails.
    ByStream,
}

/// Files larger than this, streamed to standard output, are checked for UTF-8 on a
/// thread of their own while they convert ([`HeldBack`]); smaller ones before.
const CHECK_BESIDE: u64 = 1 << 20;

/// Most bytes [`HeldBack`] holds before the stream waits for the check.
const HOLD: usize = 64 << 20;

/// A writer that holds what is written back until a check of the input (its first
/// invalid UTF-8 byte, on another thread) has passed, then writes it and passes the rest
/// through; when the check fails, nothing is written and every write fails.
struct HeldBack<'w> {
    inner: &'w mut dyn Write,
    held: Vec<u8>,
    check: Option<std::thread::JoinHandle<io::Result<Option<u64>>>>,
    /// The offset of the first invalid byte, if the check found one.
    invalid: Option<u64>,
    /// Whether the check passed and the held bytes went through.
    released: bool,
}

impl<'w> HeldBack<'w> {
    fn new(
        inner: &'w mut dyn Write,
        check: std::thread::JoinHandle<io::Result<Option<u64>>>,
    ) -> HeldBack<'w> {
        HeldBack {
            inner,
            held: Vec::new(),
            check: Some(check),
            invalid: None,
            released: false,
        }
    }

    /// Waits for the check: writes what is held when it passed.
    fn settle(&mut self) -> io::Result<()> {
        if let Some(check) = self.check.take() {
            match check.join() {
                Ok(Ok(None)) => {
                    self.released = true;
                    self.inner.write_all(&std::mem::take(&mut self.held))?;
                }
                Ok(Ok(Some(offset))) => {
                    self.invalid = Some(offset);
                    self.held = Vec::new();
                }
                Ok(Err(e)) => {
                    self.held = Vec::new();
                    return Err(e);
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        if self.invalid.is_some() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "the input is not UTF-8",
            ));
        }
        Ok(())
    }
}

impl Write for HeldBack<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(check) = &self.check {
            if !check.is_finished() && self.held.len() + buf.len() <= HOLD {
                self.held.extend_from_slice(buf);
                return Ok(buf.len());
            }
        }
        self.settle()?;
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        // The end of the stream: the check must have passed before anything is flushed.
        self.settle()?;
        self.inner.flush()
    }
}

/// Standard input, not an interactive terminal (or no document format involved), named
/// `name` by `--stdin-filename`, if at all.
fn stream_stdin(
    settings: &Settings,
    c: &Conversion,
    converter: &Converter,
    name: Option<&Path>,
    out: &mut Output,
) -> Result<(), Error> {
    let stdin = io::stdin();
    let reader = BufReader::with_capacity(1 << 16, stdin.lock());
    let input = Input::Stdin(name.map(Path::to_path_buf));
    stream_reader(settings, c, converter, &input, &input.name(), reader, out)
}

/// An input that can be read only once (standard input, a pipe): its format is decided on
/// the first bytes read (and the path's extension, if any), then it is streamed, or read
/// whole for Markdown.
fn stream_reader<R: BufRead>(
    settings: &Settings,
    c: &Conversion,
    converter: &Converter,
    input: &Input,
    name: &str,
    mut reader: R,
    out: &mut Output,
) -> Result<(), Error> {
    let path = input.path();
    let read_error = |source| match input {
        Input::File(_) => Error::Read {
            name: name.to_string(),
            source,
        },
        Input::Stdin(_) => Error::ReadStdin(source),
    };
    // The format is decided on the bytes `Format::detect` would look at in the whole input
    // (not on what one read returns: a pipe may hand out less), then they are read again
    // from memory.
    let mut start = Vec::with_capacity(Format::SNIFF_BYTES);
    (&mut reader)
        .take(Format::SNIFF_BYTES as u64)
        .read_to_end(&mut start)
        .map_err(read_error)?;
    let head = String::from_utf8_lossy(&start).into_owned();
    let mut reader = io::Cursor::new(start).chain(reader);
    match input::document_options(c, path, Some(&head))? {
        Some(o) if !o.format.streams() => {
            let mut bytes = Vec::new();
            reader.read_to_end(&mut bytes).map_err(read_error)?;
            match input::convert_bytes(converter, c, input, bytes) {
                Outcome::Converted(d) => {
                    input::print_warnings(settings.quiet, &d.name, &d.warnings);
                    out.write_all(&d.bytes(false)?)
                }
                Outcome::Failed(e) => Err(e),
                Outcome::Skipped(note) => Err(Error::Usage(note)),
            }
        }
        opts => {
            // Not `rayon::current_num_threads()`: asking starts the thread pool, which a
            // one-line input does not need (the readers start it when the input turns out
            // to be big).
            let parallel = c
                .jobs
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
                > 1;
            match stream(converter, reader, out.writer(), opts, parallel) {
                Ok(warnings) => {
                    input::print_warnings(settings.quiet, name, &warnings);
                    Ok(())
                }
                Err(e) => Err(Error::stream(name.into(), e)),
            }
        }
    }
}

/// Streams `reader` to `writer` in bounded memory: as a document with `opts`, or as plain
/// text exactly as OpenCC converts it when `None`; on all threads when `parallel`.
fn stream<R: BufRead, W: Write>(
    converter: &Converter,
    reader: R,
    writer: W,
    opts: Option<DocumentOptions>,
    parallel: bool,
) -> Result<Vec<Warning>, zhnorm::Error> {
    converter
        .convert_stream(
            reader,
            writer,
            StreamOptions {
                document: opts,
                parallel,
            },
        )
        .map(|done| done.warnings)
}
