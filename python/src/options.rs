//! Parsing of the option arguments: variant, config, forms, vocabulary, format and
//! markup names, and the builder options `rules=` and `dictionary=`.

use std::path::PathBuf;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyString};
use zhnorm::{Config, ErrorKind, FormatChoice, Forms, Markup, Variant, Vocabulary};

use crate::errors::{io_err, zh_err, DictionaryError, ZhnormError};

/// `format=`: "auto" or any name of the library's formats (plain, markdown, wikitext,
/// html, xml, json, yaml, po, properties, strings, subtitles, and the code languages).
pub(crate) fn format_choice(s: &str) -> PyResult<FormatChoice> {
    s.parse::<FormatChoice>().map_err(ZhnormError::new_err)
}

pub(crate) fn variant(s: &str) -> PyResult<Variant> {
    s.parse::<Variant>().map_err(zh_err)
}

pub(crate) fn config(s: &str) -> PyResult<Config> {
    s.parse::<Config>().map_err(zh_err)
}

pub(crate) fn forms(s: &str) -> PyResult<Forms> {
    s.parse::<Forms>().map_err(zh_err)
}

/// The vocabulary: `vocabulary` when given ("common", "full" or "none"), else `idioms`
/// (the older name: False is "none").
pub(crate) fn vocabulary(vocabulary: Option<&str>, idioms: bool) -> PyResult<Vocabulary> {
    match vocabulary {
        Some(v) => v.parse::<Vocabulary>().map_err(zh_err),
        None if idioms => Ok(Vocabulary::Common),
        None => Ok(Vocabulary::None),
    }
}

/// The choices of `markup=`, for error messages.
const MARKUP_CHOICES: &str = "expected render, source or off (or True for render, False for off)";

/// A `markup=` argument: "render" (resolve `-{…}-`), "source" (keep each construct as
/// written and honour it, as the CLI's `-w`) or "off" (no markup), in any case, or the
/// older flag: True is "render", False is "off". An unknown name is a `ZhnormError`,
/// another type a `TypeError`; both list the choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MarkupArg(pub(crate) Markup);

impl MarkupArg {
    pub(crate) const RENDER: MarkupArg = MarkupArg(Markup::Render);
}

impl<'a, 'py> FromPyObject<'a, 'py> for MarkupArg {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<MarkupArg> {
        if let Ok(b) = obj.cast::<PyBool>() {
            return Ok(MarkupArg(if b.is_true() {
                Markup::Render
            } else {
                Markup::Off
            }));
        }
        if let Ok(s) = obj.cast::<PyString>() {
            let s = s.to_cow()?;
            return match s.to_ascii_lowercase().as_str() {
                "render" => Ok(MarkupArg(Markup::Render)),
                "source" => Ok(MarkupArg(Markup::Source)),
                "off" => Ok(MarkupArg(Markup::Off)),
                _ => Err(ZhnormError::new_err(format!(
                    "unknown markup mode `{s}`; {MARKUP_CHOICES}"
                ))),
            };
        }
        Err(PyTypeError::new_err(format!(
            "markup must be a str or bool, not {}; {MARKUP_CHOICES}",
            obj.get_type().name()?
        )))
    }
}

/// The Python name of a markup mode, as `markup=` takes it.
pub(crate) fn markup_name(markup: Markup) -> &'static str {
    match markup {
        Markup::Render => "render",
        Markup::Source => "source",
        Markup::Off => "off",
    }
}

pub(crate) fn add_rules(
    mut b: zhnorm::ConverterBuilder,
    rules: &Bound<'_, PyAny>,
) -> PyResult<zhnorm::ConverterBuilder> {
    let pairs: Vec<(String, String)> = if let Ok(d) = rules.cast::<PyDict>() {
        d.iter()
            .map(|(k, v)| Ok((k.extract()?, v.extract()?)))
            .collect::<PyResult<_>>()?
    } else {
        rules
            .try_iter()?
            .map(|p| p?.extract::<(String, String)>())
            .collect::<PyResult<_>>()
            .map_err(|_| {
                PyTypeError::new_err("rules must be a dict {from: to} or pairs (from, to) of str")
            })?
    };
    for (from, to) in pairs {
        if from.is_empty() {
            return Err(ZhnormError::new_err(
                "a rule needs a non-empty text to replace",
            ));
        }
        b = b.rule(from, to);
    }
    Ok(b)
}

pub(crate) fn add_dictionaries(
    mut b: zhnorm::ConverterBuilder,
    dictionary: &Bound<'_, PyAny>,
) -> PyResult<zhnorm::ConverterBuilder> {
    let paths: Vec<PathBuf> = match dictionary.extract::<PathBuf>() {
        Ok(p) => vec![p],
        Err(_) => dictionary.extract().map_err(|_| {
            PyTypeError::new_err(
                "dictionary must be a path (str or os.PathLike) or a list of paths",
            )
        })?,
    };
    for path in paths {
        let text = std::fs::read(&path).map_err(|e| io_err(&e, Some(&path)))?;
        let text = String::from_utf8(text).map_err(|e| {
            ZhnormError::new_err(format!(
                "{}: invalid UTF-8 at byte offset {}",
                path.display(),
                e.utf8_error().valid_up_to()
            ))
        })?;
        b = b.dictionary(&text).map_err(|e| match e.kind() {
            ErrorKind::Dictionary { line, .. } => Python::attach(|py| {
                let err = DictionaryError::new_err(format!("{}: {e}", path.display()));
                let v = err.value(py);
                let _ = v.setattr("path", path.display().to_string());
                let _ = v.setattr("line", *line);
                err
            }),
            _ => zh_err(e),
        })?;
    }
    Ok(b)
}
