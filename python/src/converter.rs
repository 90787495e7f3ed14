//! The `Converter` class and the module functions `normalize`, `opencc` and `detect`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use zhnorm::{DocumentOptions, Format, FormatChoice, Markup};

use crate::documents::{warnings, Document, Report, Warning};
use crate::options::{
    add_dictionaries, add_rules, config, format_choice, forms, markup_name, variant, vocabulary,
    MarkupArg,
};

/// Texts at least this long are converted with the GIL released.
const DETACH_BYTES: usize = 4096;

enum Route {
    Text,
    Document(DocumentOptions),
}

/// Converters of the module-level functions, built once per option set.
fn cached(key: String, build: impl FnOnce() -> zhnorm::Converter) -> Arc<zhnorm::Converter> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<zhnorm::Converter>>>> = OnceLock::new();
    let mut map = CACHE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    map.entry(key).or_insert_with(|| Arc::new(build())).clone()
}

/// A reusable, thread-safe converter.
///
/// `Converter(to="hant")` normalizes mixed text into a variant (hans, hant, cn, tw, hk,
/// mo, sg, my, or zh-Hant-TW …), resolving `-{…}-` markup in documents of `format`, as
/// the CLI's `--to`. `Converter(config="s2t")` converts exactly as OpenCC 1.4.2's config,
/// as `--config` (markup is not resolved).
///
/// `vocabulary`: regional vocabulary for cn/tw/hk/mo applied to text converted from the
/// other script: "common" (default: OpenCC's without the words the region's own text
/// writes), "full" (OpenCC's whole table, as s2twp) or "none" (forms only); `idioms=False`
/// is the older spelling of "none". `forms`: "common" (為 裡 才) or
/// "opencc" (爲 裏 纔) for hant. `keep`: words never converted. `rules`: {from: to} or
/// [(from, to)], winning over every dictionary. `dictionary`: path(s) of user
/// dictionaries (OpenCC `key<TAB>value` lines or MediaWiki rules). `format`: any of the
/// library's formats (plain, markdown, wikitext, html, xml, json, yaml, po, properties,
/// strings, subtitles, rust, python, javascript, go, java, c, shell) or auto (guessed per
/// text). `markup`: "render" (default, also True) resolves `-{…}-`; "source" keeps each
/// construct as written and honours it (the CLI's `-w`: what rewriting a source file
/// wants); "off" (also False) leaves `-{…}-` in plain text alone.
#[pyclass(module = "zhnorm", frozen)]
pub(crate) struct Converter {
    pub(crate) inner: Arc<zhnorm::Converter>,
    /// Normalization targets convert documents (markup, verbatim zones), as the CLI's
    /// `--to`; OpenCC configs (`None`) convert text as it is, as `--config`.
    pub(crate) document: Option<(FormatChoice, Markup)>,
    pub(crate) target: String,
    pub(crate) is_config: bool,
}

impl Converter {
    /// How `text` is converted: as text (OpenCC configs) or as a document.
    fn route(&self, text: &str) -> Route {
        let Some((format, markup)) = self.document else {
            return Route::Text;
        };
        // Plain rows without markup or URLs skip the resolver inside `convert_document`.
        Route::Document(DocumentOptions {
            format: format.resolve(None, text).0,
            markup,
        })
    }

    pub(crate) fn convert_str<'a>(&self, text: &'a str) -> Cow<'a, str> {
        match self.route(text) {
            Route::Text => self.inner.convert(text),
            Route::Document(o) => Cow::Owned(self.inner.convert_document(text, o).text),
        }
    }

    /// Appends the conversion of `text` to `out`.
    pub(crate) fn convert_append(&self, text: &str, out: &mut String) {
        match self.route(text) {
            Route::Text => self.inner.convert_into(text, out),
            Route::Document(o) => out.push_str(&self.inner.convert_document(text, o).text),
        }
    }

    /// The format choice and markup mode of a call: the arguments given, else the
    /// converter's (an OpenCC config's: plain text, markup rendered).
    pub(crate) fn choice(
        &self,
        format: Option<&str>,
        markup: Option<MarkupArg>,
    ) -> PyResult<(FormatChoice, Markup)> {
        let (default_format, default_markup) = self
            .document
            .unwrap_or((FormatChoice::Fixed(Format::Plain), Markup::Render));
        let format = match format {
            Some(f) => format_choice(f)?,
            None => default_format,
        };
        Ok((format, markup.map_or(default_markup, |m| m.0)))
    }
}

#[pymethods]
impl Converter {
    #[new]
    #[pyo3(signature = (to=None, *, config=None, idioms=true, vocabulary=None, forms="common", format="plain", markup=MarkupArg::RENDER, keep=None, rules=None, dictionary=None))]
    #[pyo3(
        text_signature = "(to=None, *, config=None, idioms=True, vocabulary=None, forms='common', format='plain', markup=True, keep=None, rules=None, dictionary=None)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        to: Option<String>,
        config: Option<String>,
        idioms: bool,
        vocabulary: Option<&str>,
        forms: &str,
        format: &str,
        markup: MarkupArg,
        keep: Option<Vec<String>>,
        rules: Option<Bound<'_, PyAny>>,
        dictionary: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let (mut b, document, target, is_config) = match (&to, &config) {
            (Some(_), Some(_)) => {
                return Err(PyTypeError::new_err("give either to= or config=, not both"))
            }
            (_, Some(name)) => {
                let c = self::config(name)?;
                (
                    zhnorm::Converter::opencc_builder(c),
                    None,
                    c.name().to_string(),
                    true,
                )
            }
            (to, None) => {
                let v = variant(to.as_deref().unwrap_or("hant"))?;
                let b = zhnorm::Converter::builder(v)
                    .vocabulary(self::vocabulary(vocabulary, idioms)?)
                    .forms(self::forms(forms)?);
                (
                    b,
                    Some((format_choice(format)?, markup.0)),
                    v.code().to_string(),
                    false,
                )
            }
        };
        if let Some(d) = &dictionary {
            b = add_dictionaries(b, d)?;
        }
        if let Some(r) = &rules {
            b = add_rules(b, r)?;
        }
        for w in keep.unwrap_or_default() {
            if !w.is_empty() {
                b = b.keep(w);
            }
        }
        Ok(Converter {
            inner: Arc::new(b.build()),
            document,
            target,
            is_config,
        })
    }

    /// The target variant code (`zh-hant` …) or the OpenCC config name (`s2t` …).
    #[getter]
    fn target(&self) -> &str {
        &self.target
    }

    /// The default document format of `convert` (None for OpenCC configs).
    #[getter]
    fn format(&self) -> Option<String> {
        self.document.map(|(f, _)| f.to_string())
    }

    /// The default markup mode of `convert`: "render", "source" or "off" (None for OpenCC
    /// configs).
    #[getter]
    fn markup(&self) -> Option<&'static str> {
        self.document.map(|(_, m)| markup_name(m))
    }

    fn __repr__(&self) -> String {
        match self.document {
            _ if self.is_config => format!("Converter(config={:?})", self.target),
            Some((f, markup)) => format!(
                "Converter(to={:?}, format={:?}, markup={:?})",
                self.target,
                f.to_string(),
                markup_name(markup)
            ),
            None => format!("Converter({:?})", self.target),
        }
    }

    /// Converts one text.
    fn convert(&self, py: Python<'_>, text: Cow<'_, str>) -> String {
        if text.len() >= DETACH_BYTES {
            py.detach(|| self.convert_str(&text).into_owned())
        } else {
            self.convert_str(&text).into_owned()
        }
    }

    fn __call__(&self, py: Python<'_>, text: Cow<'_, str>) -> String {
        self.convert(py, text)
    }

    /// Converts a document and returns its text and markup warnings.
    #[pyo3(signature = (text, format=None, *, markup=None))]
    fn convert_document(
        &self,
        py: Python<'_>,
        text: Cow<'_, str>,
        format: Option<&str>,
        markup: Option<MarkupArg>,
    ) -> PyResult<Document> {
        let (choice, markup) = self.choice(format, markup)?;
        let options = DocumentOptions {
            format: choice.resolve(None, &text).0,
            markup,
        };
        let doc = py.detach(|| self.inner.convert_document(&text, options));
        Ok(Document {
            warnings: warnings(&text, &doc.warnings),
            text: doc.text,
        })
    }

    /// Streams file `src` into `dst`: a regular file is replaced atomically (a temporary
    /// file with its permissions, then a rename), a device or FIFO written directly. `src`
    /// is opened and read once, so a pipe or FIFO works with `format="auto"` too.
    #[pyo3(signature = (src, dst, format=None, *, markup=None))]
    fn convert_file(
        &self,
        py: Python<'_>,
        src: PathBuf,
        dst: PathBuf,
        format: Option<&str>,
        markup: Option<MarkupArg>,
    ) -> PyResult<Vec<Warning>> {
        crate::files::convert_file(self, py, src, dst, format, markup)
    }

    /// Converts a list of texts (None stays None) in parallel, with the GIL released.
    #[pyo3(signature = (texts, *, threads=None))]
    fn convert_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        crate::batch::convert_batch(self, py, texts, threads)
    }

    /// Converts a pyarrow string array or chunked array (nulls stay null).
    #[pyo3(signature = (array, *, threads=None))]
    fn convert_arrow<'py>(
        &self,
        py: Python<'py>,
        array: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::arrow::convert_arrow(self, py, array, threads)
    }
}

/// Normalizes `text` to `to` (one-off; converters are cached per option set).
#[pyfunction]
#[pyo3(signature = (text, to="hant", *, idioms=true, vocabulary=None, forms="common", format="plain", markup=MarkupArg::RENDER))]
#[pyo3(
    text_signature = "(text, to='hant', *, idioms=True, vocabulary=None, forms='common', format='plain', markup=True)"
)]
#[allow(clippy::too_many_arguments)]
pub(crate) fn normalize(
    py: Python<'_>,
    text: Cow<'_, str>,
    to: &str,
    idioms: bool,
    vocabulary: Option<&str>,
    forms: &str,
    format: &str,
    markup: MarkupArg,
) -> PyResult<String> {
    let v = variant(to)?;
    let f = self::forms(forms)?;
    let format = format_choice(format)?;
    let vocabulary = self::vocabulary(vocabulary, idioms)?;
    let inner = cached(format!("{v:?}/{vocabulary}/{f:?}"), || {
        zhnorm::Converter::builder(v)
            .vocabulary(vocabulary)
            .forms(f)
            .build()
    });
    let c = Converter {
        inner,
        document: Some((format, markup.0)),
        target: String::new(),
        is_config: false,
    };
    Ok(c.convert(py, text))
}

/// Converts `text` exactly as OpenCC 1.4.2's config does.
#[pyfunction]
#[pyo3(signature = (text, config="s2t"))]
pub(crate) fn opencc(py: Python<'_>, text: Cow<'_, str>, config: &str) -> PyResult<String> {
    let cfg = self::config(config)?;
    let inner = cached(format!("opencc/{}", cfg.name()), || {
        zhnorm::Converter::opencc(cfg)
    });
    let c = Converter {
        inner,
        document: None,
        target: String::new(),
        is_config: true,
    };
    Ok(c.convert(py, text))
}

/// Counts Simplified-only, Traditional-only and shared Han characters.
#[pyfunction]
pub(crate) fn detect(text: Cow<'_, str>) -> Report {
    let r = zhnorm::detect(&text);
    let likely = r.likely();
    Report {
        simplified: r.simplified,
        traditional: r.traditional,
        shared: r.shared,
        han: r.han(),
        likely: likely.map(|l| l.0.code()),
        confidence: likely.map(|l| l.1),
    }
}
