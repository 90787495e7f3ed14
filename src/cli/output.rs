//! Where results go: standard output (block-buffered, locked) or `-o FILE` (an
//! [`AtomicFile`]). Every write to standard output in the program goes through [`Output`],
//! which turns a pipe closed by its reader into [`Error::BrokenPipe`]; the caller stops
//! writing and `main` exits quietly.

use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::error::Error;
use zhnorm_atomic::AtomicFile;

/// Standard output or the file of `-o`.
pub enum Output {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File(AtomicFile),
    /// `-o` naming a device or FIFO (/dev/null, a named pipe): written directly, as a shell
    /// redirection does; replacing it with a regular file would be wrong.
    Special(BufWriter<std::fs::File>),
}

impl Output {
    /// Standard output with a buffer of `capacity` bytes.
    pub fn stdout(capacity: usize) -> Output {
        Output::Stdout(BufWriter::with_capacity(capacity, io::stdout().lock()))
    }

    /// `-o FILE` when given (the file is replaced on [`Output::finish`]), else standard output.
    pub fn open(file: Option<&Path>) -> Result<Output, Error> {
        match file {
            None => Ok(Output::stdout(1 << 16)),
            Some(path) if zhnorm_atomic::is_special(path) => std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map(|f| Output::Special(BufWriter::with_capacity(1 << 16, f)))
                .map_err(|source| Error::CreateOutput {
                    path: path.to_path_buf(),
                    source,
                }),
            Some(path) => AtomicFile::create(path)
                .map(Output::File)
                .map_err(|source| Error::CreateOutput {
                    path: path.to_path_buf(),
                    source,
                }),
        }
    }

    /// The underlying writer, for the library's streaming calls (whose errors go through
    /// [`Error::stream`]).
    pub fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(w) => w,
            Output::File(f) => f,
            Output::Special(w) => w,
        }
    }

    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.writer().write_all(bytes).map_err(Error::write)
    }

    pub fn write_fmt(&mut self, args: std::fmt::Arguments<'_>) -> Result<(), Error> {
        self.writer().write_fmt(args).map_err(Error::write)
    }

    /// Writes out what is buffered.
    pub fn flush(&mut self) -> Result<(), Error> {
        self.writer().flush().map_err(Error::write)
    }

    /// Flushes standard output, or commits the file of `-o` when `commit` (nothing failed),
    /// else leaves the file as it was.
    pub fn finish(self, commit: bool) -> Result<(), Error> {
        match self {
            Output::Stdout(mut w) => w.flush().map_err(Error::write),
            Output::Special(mut w) => w.flush().map_err(Error::write),
            Output::File(f) if commit => f.commit().map_err(Error::write),
            Output::File(_) => Ok(()),
        }
    }
}
