//! `Converter.convert_file`: a file streamed through the converter into the CLI's atomic
//! writer (`zhnorm_atomic::Destination`).

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::PathBuf;

use pyo3::prelude::*;
use zhnorm::{DocumentOptions, ErrorKind, Format, StreamOptions};
use zhnorm_atomic::Destination;

use crate::converter::Converter;
use crate::documents::Warning;
use crate::errors::{io_err, ZhnormError};
use crate::options::MarkupArg;

/// Streams file `src` into `dst` (see `Converter.convert_file`). The format is decided as
/// the CLI decides it ([`zhnorm::FormatChoice::resolve`]): given, else by `src`'s
/// extension, else by the first bytes read, which are then converted with the rest.
pub(crate) fn convert_file(
    c: &Converter,
    py: Python<'_>,
    src: PathBuf,
    dst: PathBuf,
    format: Option<&str>,
    markup: Option<MarkupArg>,
) -> PyResult<Vec<Warning>> {
    // Parsed with the GIL held; `auto` without a telling extension is decided from the
    // first bytes read below.
    let choice = if c.is_config {
        None
    } else {
        Some(c.choice(format, markup)?)
    };
    let result = py.detach(|| -> Result<Vec<zhnorm::Warning>, PyErr> {
        let read_err = |e: io::Error| io_err(&e, Some(&src));
        let mut input = File::open(&src).map_err(read_err)?;
        // The start of the file, sniffed when the content decides and then converted with
        // the rest: nothing is read twice.
        let mut head = Vec::new();
        let document = match choice {
            None => None,
            Some((choice, markup)) => {
                if choice.needs_content(Some(&src)) {
                    (&mut input)
                        .take(Format::SNIFF_BYTES as u64)
                        .read_to_end(&mut head)
                        .map_err(read_err)?;
                }
                let (format, _) = choice.resolve(Some(&src), &String::from_utf8_lossy(&head));
                Some(DocumentOptions { format, markup })
            }
        };
        let reader = BufReader::with_capacity(1 << 16, io::Cursor::new(head).chain(input));
        let write_err = |e: io::Error| io_err(&e, Some(&dst));
        let mut output = Destination::open(&dst).map_err(write_err)?;
        let options = StreamOptions {
            document,
            parallel: false,
        };
        let done = c
            .inner
            .convert_stream(reader, &mut output, options)
            .map_err(|e| match e.kind() {
                ErrorKind::Io(io) => io_err(io, Some(&src)),
                _ => ZhnormError::new_err(format!("{}: {e}", src.display())),
            })?;
        // Dropped on an error above: the temporary file goes, `dst` is untouched.
        output.commit().map_err(write_err)?;
        Ok(done.warnings)
    })?;
    Ok(result
        .into_iter()
        .map(|w| Warning {
            offset: w.offset,
            line: w.line,
            column: w.column,
            message: w.message,
        })
        .collect())
}
