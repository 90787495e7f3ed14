//! The result classes: `Warning` (malformed markup), `Document` (a converted document)
//! and `Report` (script statistics).

use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::options::variant;

/// A problem found in conversion markup (the text is kept as written).
#[pyclass(module = "zhnorm", frozen, get_all)]
#[derive(Clone)]
pub(crate) struct Warning {
    /// Position in the input, in characters (a Python string index).
    pub(crate) offset: usize,
    /// 1-based line.
    pub(crate) line: usize,
    /// 1-based column, in characters.
    pub(crate) column: usize,
    /// What is wrong and what zhnorm did.
    pub(crate) message: String,
}

#[pymethods]
impl Warning {
    fn __repr__(&self) -> String {
        format!(
            "Warning(offset={}, line={}, column={}, message={:?})",
            self.offset, self.line, self.column, self.message
        )
    }

    fn __str__(&self) -> String {
        format!("{}:{}: {}", self.line, self.column, self.message)
    }
}

pub(crate) fn warnings(text: &str, ws: &[zhnorm::Warning]) -> Vec<Warning> {
    ws.iter()
        .map(|w| Warning {
            offset: text
                .get(..w.offset.min(text.len()))
                .map_or(w.offset, |t| t.chars().count()),
            line: w.line,
            column: w.column,
            message: w.message.clone(),
        })
        .collect()
}

/// A converted document: `text` and the markup `warnings` (unpacks as `text, warnings`).
#[pyclass(module = "zhnorm", frozen, get_all)]
pub(crate) struct Document {
    /// The converted text.
    pub(crate) text: String,
    /// Malformed markup found in the input, kept as written.
    pub(crate) warnings: Vec<Warning>,
}

#[pymethods]
impl Document {
    fn __repr__(&self) -> String {
        format!(
            "Document(text={:?}, warnings=[{} warning(s)])",
            self.text,
            self.warnings.len()
        )
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let ws: Vec<Warning> = self.warnings.clone();
        let t = PyTuple::new(
            py,
            [
                self.text.clone().into_pyobject(py)?.into_any(),
                ws.into_pyobject(py)?.into_any(),
            ],
        )?;
        t.try_iter().map(|i| i.into_any())
    }
}

/// Script statistics of a text, as the CLI's `--stats` prints them.
#[pyclass(module = "zhnorm", frozen, get_all)]
pub(crate) struct Report {
    /// Simplified-only characters.
    pub(crate) simplified: usize,
    /// Traditional-only characters.
    pub(crate) traditional: usize,
    /// Other Han characters (shared by both scripts).
    pub(crate) shared: usize,
    /// All Han characters.
    pub(crate) han: usize,
    /// `"zh-hans"`, `"zh-hant"`, or None without script-specific characters.
    pub(crate) likely: Option<&'static str>,
    /// Share of the majority among script-specific characters (0.5–1.0), or None.
    pub(crate) confidence: Option<f64>,
}

#[pymethods]
impl Report {
    /// Whether the text is consistently in `to`'s script (no character of the other one).
    fn is_consistent(&self, to: &str) -> PyResult<bool> {
        let r = zhnorm::Report {
            simplified: self.simplified,
            traditional: self.traditional,
            shared: self.shared,
        };
        Ok(r.is_consistent(variant(to)?))
    }

    fn __repr__(&self) -> String {
        format!(
            "Report(simplified={}, traditional={}, shared={}, likely={}, confidence={})",
            self.simplified,
            self.traditional,
            self.shared,
            self.likely.map_or("None".into(), |l| format!("'{l}'")),
            self.confidence.map_or("None".into(), |c| format!("{c:.2}")),
        )
    }
}
