//! What can go wrong in a run, as one type. `Display` gives the message printed after
//! `zhnorm: `; which errors stop the run and what exit code they lead to is decided in
//! `main.rs`.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// A failure of the command line.
#[derive(Debug)]
pub enum Error {
    /// The run cannot start: a bad flag value, `zhnorm.toml`, a dictionary or word list.
    Usage(String),
    /// An input that cannot be opened or read: `{name}: {source}`.
    Read { name: String, source: io::Error },
    /// Standard input failed while being read whole.
    ReadStdin(io::Error),
    /// An input that is not UTF-8; `whole` when the message promises that nothing of the
    /// input was written (conversion modes).
    InvalidUtf8 {
        name: String,
        offset: u64,
        whole: bool,
    },
    /// The converted text has a character that the input's legacy encoding (`--encoding`)
    /// has no bytes for: nothing is written for the input (`rewrite`: the file is left
    /// unchanged).
    Unencodable {
        name: String,
        line: usize,
        column: usize,
        character: char,
        encoding: &'static str,
        rewrite: bool,
    },
    /// Streaming an input failed (reading it, or writing other than into a closed pipe).
    Stream { name: String, source: zhnorm::Error },
    /// Walking a directory: a bad `--glob`/`--exclude`, an unreadable entry.
    Walk(String),
    /// `-w` could not replace a file; the file is left as it was.
    Rewrite { path: PathBuf, source: io::Error },
    /// `-o FILE` cannot be created.
    CreateOutput { path: PathBuf, source: io::Error },
    /// Writing the output failed.
    Write(io::Error),
    /// Standard output was closed by its reader (`zhnorm … | head`): not a failure.
    BrokenPipe,
}

impl Error {
    /// The error for writing `e` to the output: a closed pipe is [`Error::BrokenPipe`].
    pub fn write(e: io::Error) -> Error {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Error::BrokenPipe
        } else {
            Error::Write(e)
        }
    }

    /// The error for streaming the input `name`: a closed pipe is [`Error::BrokenPipe`].
    pub fn stream(name: String, e: zhnorm::Error) -> Error {
        match e.kind() {
            zhnorm::ErrorKind::Io(io) if io.kind() == io::ErrorKind::BrokenPipe => {
                Error::BrokenPipe
            }
            _ => Error::Stream { name, source: e },
        }
    }

    /// Prints the error on standard error as `zhnorm: …` (and keeps it for the JSON
    /// report, when one was asked for: see [`collect`]).
    pub fn print(&self) {
        stderr!("zhnorm: {self}");
        if let Some(list) = COLLECTED.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            list.push(self.to_string());
        }
    }
}

/// The errors printed so far, while a JSON report is being made (`None` otherwise).
static COLLECTED: std::sync::Mutex<Option<Vec<String>>> = std::sync::Mutex::new(None);

/// From now on, every error printed is also kept for the JSON report (`--report json`): it
/// lists them all, also those of inputs that never reached a mode (a missing path, a bad
/// glob).
pub fn collect() {
    *COLLECTED.lock().unwrap_or_else(|e| e.into_inner()) = Some(Vec::new());
}

/// The errors kept since [`collect`] (empty without it).
pub fn collected() -> Vec<String> {
    COLLECTED
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
        .unwrap_or_default()
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(msg) | Error::Walk(msg) => f.write_str(msg),
            Error::Read { name, source } => write!(f, "{name}: {source}"),
            Error::ReadStdin(e) => write!(f, "<stdin>: cannot read: {e}"),
            Error::InvalidUtf8 {
                name,
                offset,
                whole,
            } => {
                write!(f, "{name}: invalid UTF-8 at byte offset {offset}")?;
                if *whole {
                    f.write_str(" (nothing written for this file)")?;
                }
                f.write_str(ENCODING_HINT)
            }
            Error::Unencodable {
                name,
                line,
                column,
                character,
                encoding,
                rewrite,
            } => write!(
                f,
                "{name}:{line}:{column}: the conversion gives {} (U+{:04X}), which {encoding} \
                 cannot encode; nothing written for this input{}",
                crate::show::text(&character.to_string()),
                u32::from(*character),
                if *rewrite {
                    " (file left unchanged)"
                } else {
                    ""
                }
            ),
            Error::Stream { name, source } => {
                write!(f, "{name}: {source}")?;
                if let zhnorm::ErrorKind::InvalidUtf8 { .. } = source.kind() {
                    f.write_str(ENCODING_HINT)?;
                }
                Ok(())
            }
            Error::Rewrite { path, source } => write!(
                f,
                "{}: cannot rewrite: {source} (file left unchanged)",
                crate::show::path(path)
            ),
            Error::CreateOutput { path, source } => {
                write!(
                    f,
                    "{}: cannot create output: {source}",
                    crate::show::path(path)
                )
            }
            Error::Write(e) => write!(f, "cannot write output: {e}"),
            Error::BrokenPipe => f.write_str("standard output closed"),
        }
    }
}

impl std::error::Error for Error {}

/// What an error about bytes that are not UTF-8 suggests.
const ENCODING_HINT: &str =
    "; without --encoding zhnorm reads UTF-8 and UTF-16 with its byte order mark: name the input's encoding with --encoding LABEL (gb18030, big5, shift_jis …)";
