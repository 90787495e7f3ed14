//! `Converter.convert_file`: a file streamed through the converter into the CLI's atomic
//! writer (`zhnorm_atomic::Destination`).

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::PathBuf;

use pyo3::prelude::*;
use zhnorm::{DocumentOptions, ErrorKind, Format};
use zhnorm_atomic::Destination;

use crate::converter::Converter;
use crate::documents::Warning;
use crate::errors::{io_err, ZhnormError};
use crate::options::{markup_of, FormatChoice};

/// Streams file `src` into `dst` (see `Converter.convert_file`).
pub(crate) fn convert_file(
    c: &Converter,
    py: Python<'_>,
    src: PathBuf,
    dst: PathBuf,
    format: Option<&str>,
    markup: Option<bool>,
) -> PyResult<Vec<Warning>> {
    // Resolved with the GIL held; `auto` is decided from the first bytes read below.
    let options = if c.is_config {
        None
    } else {
        let (default_format, default_markup) = c
            .document
            .unwrap_or((FormatChoice::Fixed(Format::Plain), true));
        let choice = match format {
            Some(f) => FormatChoice::parse(f)?,
            None => default_format,
        };
        Some((choice, markup.unwrap_or(default_markup)))
    };
    let result = py.detach(|| -> Result<Vec<zhnorm::Warning>, PyErr> {
        let read_err = |e: io::Error| io_err(&e, Some(&src));
        let mut input = File::open(&src).map_err(read_err)?;
        // The start of the file, sniffed for `auto` and then converted with the rest:
        // nothing is read twice.
        let mut head = Vec::new();
        let options = match options {
            None => None,
            Some((FormatChoice::Fixed(format), markup)) => Some(DocumentOptions {
                format,
                markup: markup_of(markup),
            }),
            Some((FormatChoice::Auto, markup)) => {
                let format = match Format::from_path(&src) {
                    Some(f) => f,
                    None => {
                        (&mut input)
                            .take(Format::SNIFF_BYTES as u64)
                            .read_to_end(&mut head)
                            .map_err(read_err)?;
                        Format::detect(&String::from_utf8_lossy(&head))
                    }
                };
                Some(DocumentOptions {
                    format,
                    markup: markup_of(markup),
                })
            }
        };
        let reader = BufReader::with_capacity(1 << 16, io::Cursor::new(head).chain(input));
        let write_err = |e: io::Error| io_err(&e, Some(&dst));
        let mut output = Destination::open(&dst).map_err(write_err)?;
        let warnings = match options {
            Some(o) => c.inner.convert_document_reader(reader, &mut output, o),
            None => c
                .inner
                .convert_reader(reader, &mut output)
                .map(|_| Vec::new()),
        }
        .map_err(|e| match e.kind() {
            ErrorKind::Io(io) => io_err(io, Some(&src)),
            _ => ZhnormError::new_err(format!("{}: {e}", src.display())),
        })?;
        // Dropped on an error above: the temporary file goes, `dst` is untouched.
        output.commit().map_err(write_err)?;
        Ok(warnings)
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
