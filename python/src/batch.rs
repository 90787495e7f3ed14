//! Batches and threads: the pools of `threads=` and `convert_batch`.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use pyo3::exceptions::{PyOSError, PyRuntimeWarning, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyFloat, PyList, PyString};
use rayon::prelude::*;

use crate::converter::Converter;

/// The most threads `threads=` starts, as the CLI's `-j`: more only costs memory and
/// start-up time.
pub(crate) const MAX_THREADS: usize = 256;

/// How many pools of `threads=` sizes are kept for reuse; the least recently used one is
/// dropped from the cache (its threads end when no call runs on it any more).
pub(crate) const CACHED_POOLS: usize = 4;

/// The pool for `threads` (None: rayon's global pool). Called with the GIL held: a value
/// above [`MAX_THREADS`] is capped with a `RuntimeWarning`, as the CLI's `-j`.
pub(crate) fn pool(
    py: Python<'_>,
    threads: Option<usize>,
) -> PyResult<Option<Arc<rayon::ThreadPool>>> {
    let Some(n) = threads else {
        return Ok(None);
    };
    if n == 0 {
        return Err(PyValueError::new_err("threads must be at least 1"));
    }
    if n > MAX_THREADS {
        let message = std::ffi::CString::new(format!(
            "threads={n} is more threads than can help; using {MAX_THREADS}"
        ))
        .expect("no NUL in the message");
        PyErr::warn(py, &py.get_type::<PyRuntimeWarning>(), &message, 1)?;
    }
    let n = n.min(MAX_THREADS);
    // Most recently used last.
    static POOLS: Mutex<Vec<(usize, Arc<rayon::ThreadPool>)>> = Mutex::new(Vec::new());
    let mut pools = POOLS.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(i) = pools.iter().position(|(size, _)| *size == n) {
        let entry = pools.remove(i);
        let p = entry.1.clone();
        pools.push(entry);
        return Ok(Some(p));
    }
    let p = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("zhnorm-{i}"))
            .build()
            .map_err(|e| PyOSError::new_err(e.to_string()))?,
    );
    if pools.len() == CACHED_POOLS {
        pools.remove(0);
    }
    pools.push((n, p.clone()));
    Ok(Some(p))
}

/// Runs `f` on `pool` (from [`pool`]), or on rayon's global pool.
pub(crate) fn in_pool<R: Send>(
    pool: Option<&rayon::ThreadPool>,
    f: impl FnOnce() -> R + Send,
) -> R {
    match pool {
        Some(p) => p.install(f),
        None => f(),
    }
}

/// `Converter.convert_batch`: a list of texts (None and NaN stay as they are) converted in parallel,
/// with the GIL released.
pub(crate) fn convert_batch<'py>(
    c: &Converter,
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyList>> {
    let items: Vec<Bound<'py, PyAny>> = texts.try_iter()?.collect::<PyResult<_>>()?;
    let inputs: Vec<Option<Cow<'_, str>>> = items
        .iter()
        .map(|o| {
            // None and NaN (pandas' missing value) are returned as they are.
            if o.is_none() || o.cast::<PyFloat>().is_ok_and(|f| f.value().is_nan()) {
                Ok(None)
            } else {
                let s = o.cast::<PyString>().map_err(|_| {
                    PyTypeError::new_err(format!(
                        "convert_batch converts str or None, not {}",
                        o.get_type().name().map_or("?".into(), |n| n.to_string())
                    ))
                })?;
                s.to_cow().map(Some)
            }
        })
        .collect::<PyResult<_>>()?;
    // None: unchanged (the input object is returned).
    let pool = pool(py, threads)?;
    let outputs: Vec<Option<String>> = py.detach(|| {
        in_pool(pool.as_deref(), || {
            inputs
                .par_iter()
                .with_min_len(64)
                .map(|t| match t.as_deref().map(|t| c.convert_str(t)) {
                    Some(Cow::Owned(s)) if s != *t.as_deref().unwrap_or("") => Some(s),
                    _ => None,
                })
                .collect()
        })
    });
    PyList::new(
        py,
        items.iter().zip(outputs).map(|(o, out)| match out {
            Some(s) => PyString::new(py, &s).into_any(),
            None => o.clone(),
        }),
    )
}
