//! `zhnorm._zhnorm`: the Python extension behind the `zhnorm` package (see python/README.md).
//!
//! Everything converts with the GIL released. Batches (`convert_batch`, `convert_arrow`)
//! are converted in parallel on rayon's pool (or a pool of `threads`, at most 256, a few
//! sizes cached); the rows of an Arrow string array are copied out of its buffers with the
//! GIL held (another thread may change them once it is released), converted, and written
//! into three new buffers, with no Python object per row. `convert_file` writes through
//! the CLI's atomic writer (`zhnorm-atomic`).
//!
//! Modules: [`options`] (parsing the arguments), [`errors`] (exceptions), [`converter`]
//! (the `Converter` class and the module functions), [`documents`] (result classes),
//! [`batch`] (thread pools, `convert_batch`), [`arrow`] (`convert_arrow`), [`files`]
//! (`convert_file`).

mod arrow;
mod batch;
mod converter;
mod documents;
mod errors;
mod files;
mod options;

use pyo3::prelude::*;
use pyo3::types::PyTuple;
use zhnorm::{Config, Variant};

use crate::converter::{detect, normalize, opencc, Converter};
use crate::documents::{Document, Report, Warning};
use crate::errors::{DictionaryError, ZhnormError};

#[pymodule]
fn _zhnorm(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<Converter>()?;
    m.add_class::<Document>()?;
    m.add_class::<Warning>()?;
    m.add_class::<Report>()?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(opencc, m)?)?;
    m.add_function(wrap_pyfunction!(detect, m)?)?;
    m.add("ZhnormError", py.get_type::<ZhnormError>())?;
    m.add("DictionaryError", py.get_type::<DictionaryError>())?;
    m.add(
        "VARIANTS",
        PyTuple::new(py, Variant::ALL.iter().map(|v| v.code()))?,
    )?;
    m.add(
        "CONFIGS",
        PyTuple::new(py, Config::ALL.iter().map(|c| c.name()))?,
    )?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
