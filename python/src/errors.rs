//! The package's exceptions and the mapping of library and I/O errors onto them.

use std::io;
use std::path::Path;

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::PyErr;
use zhnorm::ErrorKind;

create_exception!(
    zhnorm,
    ZhnormError,
    PyValueError,
    "An invalid argument for zhnorm: an unknown variant, OpenCC config, format or forms name, or text that is not valid UTF-8."
);
create_exception!(
    zhnorm,
    DictionaryError,
    ZhnormError,
    "A malformed user dictionary line; `path` and `line` (1-based) say where."
);

/// A library error: an `OSError` for I/O, else a [`ZhnormError`] with its message.
pub(crate) fn zh_err(e: zhnorm::Error) -> PyErr {
    match e.kind() {
        ErrorKind::Io(io) => io_err(io, None),
        _ => ZhnormError::new_err(e.to_string()),
    }
}

/// An `OSError` (the subclass its errno selects) naming `path` when given.
pub(crate) fn io_err(e: &io::Error, path: Option<&Path>) -> PyErr {
    let name = path.map(|p| p.display().to_string());
    match (e.raw_os_error(), name) {
        // OSError(errno, strerror, filename) becomes FileNotFoundError, PermissionError …
        (Some(code), Some(name)) => PyOSError::new_err((code, e.to_string(), name)),
        (Some(code), None) => PyOSError::new_err((code, e.to_string())),
        (None, Some(name)) => PyOSError::new_err(format!("{name}: {e}")),
        (None, None) => PyOSError::new_err(e.to_string()),
    }
}
