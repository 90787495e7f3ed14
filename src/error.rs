//! The crate's error type.

use std::fmt;
use std::io;

/// Everything that can go wrong in zhnorm's library calls.
///
/// Conversion of a `&str` never fails; errors come from parsing names and from I/O.
///
/// ```
/// let err = "zh-xx".parse::<zhnorm::Variant>().unwrap_err();
/// assert!(err.to_string().contains("zh-xx"));
/// ```
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong; see [`Error::kind`].
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A variant name that is not one of the supported targets.
    UnknownVariant(String),
    /// An OpenCC config name that OpenCC 1.4.2 does not ship.
    UnknownConfig(String),
    /// A name of character forms that is not `common` or `opencc` (see [`Forms`](crate::Forms)).
    UnknownForms(String),
    /// A vocabulary name that is not `none`, `common` or `full` (see
    /// [`Vocabulary`](crate::Vocabulary)).
    UnknownVocabulary(String),
    /// The input is not UTF-8; `offset` is the byte offset of the first invalid byte.
    InvalidUtf8 {
        /// Byte offset of the first invalid byte, counted from the start of the input.
        offset: u64,
    },
    /// A user dictionary line is malformed (1-based line).
    Dictionary {
        /// The 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A stream has no place where it can be cut for more than `limit` bytes after byte
    /// `offset`: a line, a `-{…}-` construct or a kept zone (`<pre>`, a comment …) goes on
    /// that long. Converting it whole needs as much memory; streaming refuses.
    NoSafeCut {
        /// Byte offset of the first byte not converted yet.
        offset: u64,
        /// The most a stream buffers (bytes).
        limit: u64,
    },
    /// Reading or writing failed.
    Io(io::Error),
    /// The C++ OpenCC reference engine (cargo feature `opencc`) failed to load or convert.
    Backend(String),
}

impl Error {
    /// What went wrong.
    ///
    /// ```
    /// use zhnorm::{ErrorKind, Variant};
    /// let err = "xx".parse::<Variant>().unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::UnknownVariant(_)));
    /// ```
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    pub(crate) fn unknown_variant(s: &str) -> Error {
        Error {
            kind: ErrorKind::UnknownVariant(s.to_string()),
        }
    }

    pub(crate) fn unknown_config(s: &str) -> Error {
        Error {
            kind: ErrorKind::UnknownConfig(s.to_string()),
        }
    }

    pub(crate) fn unknown_forms(s: &str) -> Error {
        Error {
            kind: ErrorKind::UnknownForms(s.to_string()),
        }
    }

    pub(crate) fn unknown_vocabulary(s: &str) -> Error {
        Error {
            kind: ErrorKind::UnknownVocabulary(s.to_string()),
        }
    }

    pub(crate) fn dictionary(line: usize, message: &str) -> Error {
        Error {
            kind: ErrorKind::Dictionary {
                line,
                message: message.to_string(),
            },
        }
    }

    #[cfg_attr(not(feature = "opencc"), allow(dead_code))]
    pub(crate) fn backend(message: String) -> Error {
        Error {
            kind: ErrorKind::Backend(message),
        }
    }

    pub(crate) fn no_safe_cut(offset: u64, limit: u64) -> Error {
        Error {
            kind: ErrorKind::NoSafeCut { offset, limit },
        }
    }

    pub(crate) fn invalid_utf8(offset: u64) -> Error {
        Error {
            kind: ErrorKind::InvalidUtf8 { offset },
        }
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error {
            kind: ErrorKind::Io(e),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::UnknownVariant(s) => write!(
                f,
                "unknown variant `{s}`; expected one of hans, hant, cn, tw, hk, mo, sg, my \
                 (also zh-hant, zh-Hant-TW …)"
            ),
            ErrorKind::UnknownConfig(s) => write!(
                f,
                "unknown OpenCC config `{s}`; expected one of {}",
                crate::Config::ALL.iter().map(|c| c.name()).collect::<Vec<_>>().join(", ")
            ),
            ErrorKind::UnknownForms(s) => {
                write!(f, "unknown character forms `{s}`; expected common or opencc")
            }
            ErrorKind::UnknownVocabulary(s) => {
                write!(f, "unknown vocabulary `{s}`; expected none, common or full")
            }
            ErrorKind::InvalidUtf8 { offset } => write!(
                f,
                "invalid UTF-8 at byte offset {offset}; zhnorm reads UTF-8 only (convert the file first, e.g. with iconv)"
            ),
            ErrorKind::Dictionary { line, message } => write!(f, "line {line}: {message}"),
            ErrorKind::NoSafeCut { offset, limit } => write!(
                f,
                "no place to cut the stream within {} MiB after byte offset {offset}: a line, \
                 a `-{{…}}-` construct or a `<pre>`, comment or code block goes on that long \
                 without an end; close it, or split the input",
                limit >> 20
            ),
            ErrorKind::Io(e) => write!(f, "{e}"),
            ErrorKind::Backend(m) => write!(f, "OpenCC engine: {m}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}
