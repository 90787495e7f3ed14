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
/// for standard output (or a device) the whole file is checked before its first byte is
/// converted; `-o FILE` is replaced only when every input converted (`Output::finish`),
/// so there the stream's own check is enough and the file is read once, not twice.
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
    let checked_first = !matches!(out, Output::File(_));
    if checked_first {
        if let Some(offset) = input::first_invalid_utf8(path).map_err(read_error)? {
            return Err(Error::InvalidUtf8 {
                name,
                offset,
                whole: true,
            });
        }
    }
    let reader = BufReader::with_capacity(1 << 16, File::open(path).map_err(read_error)?);
    // Big files: converted on all threads, in order.
    // (Size first: asking rayon starts its thread pool.)
    let parallel = std::fs::metadata(path).is_ok_and(|m| m.len() > 8 << 20)
        && rayon::current_num_threads() > 1;
    match stream(converter, reader, out.writer(), opts, parallel) {
        Ok(warnings) => {
            input::print_warnings(settings.quiet, &name, &warnings);
            Ok(())
        }
        // Found by the stream (`-o FILE`): what was written of this file is never
        // committed, as the error tells.
        Err(e) => match *e.kind() {
            zhnorm::ErrorKind::InvalidUtf8 { offset } if !checked_first => {
                Err(Error::InvalidUtf8 {
                    name,
                    offset,
                    whole: true,
                })
            }
            _ => Err(Error::stream(name, e)),
        },
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
