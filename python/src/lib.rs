//! `zhnorm._zhnorm`: the Python extension behind the `zhnorm` package (see python/README.md).
//!
//! Everything converts with the GIL released. Batches (`convert_batch`, `convert_arrow`)
//! are converted in parallel on rayon's pool (or a pool of `threads`); Arrow string arrays
//! are read in place from their buffers and written into three new buffers, with no
//! Python object per row.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{IntoPyDict, PyBytes, PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;
use zhnorm::{Config, DocumentOptions, ErrorKind, Format, Forms, Variant};

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

/// Texts at least this long are converted with the GIL released.
const DETACH_BYTES: usize = 4096;

fn zh_err(e: zhnorm::Error) -> PyErr {
    match e.kind() {
        ErrorKind::Io(io) => io_err(io, None),
        _ => ZhnormError::new_err(e.to_string()),
    }
}

fn io_err(e: &io::Error, path: Option<&Path>) -> PyErr {
    let name = path.map(|p| p.display().to_string());
    match (e.raw_os_error(), name) {
        // OSError(errno, strerror, filename) becomes FileNotFoundError, PermissionError …
        (Some(code), Some(name)) => PyOSError::new_err((code, e.to_string(), name)),
        (Some(code), None) => PyOSError::new_err((code, e.to_string())),
        (None, Some(name)) => PyOSError::new_err(format!("{name}: {e}")),
        (None, None) => PyOSError::new_err(e.to_string()),
    }
}

enum Route {
    Text,
    Document(DocumentOptions),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FormatChoice {
    Auto,
    Fixed(Format),
}

impl FormatChoice {
    fn parse(s: &str) -> PyResult<FormatChoice> {
        if s.eq_ignore_ascii_case("auto") {
            return Ok(FormatChoice::Auto);
        }
        s.parse::<Format>()
            .map(FormatChoice::Fixed)
            .map_err(ZhnormError::new_err)
    }

    fn resolve(self, text: &str) -> Format {
        match self {
            FormatChoice::Auto => Format::detect(text),
            FormatChoice::Fixed(f) => f,
        }
    }

    fn name(self) -> String {
        match self {
            FormatChoice::Auto => "auto".into(),
            FormatChoice::Fixed(f) => f.to_string(),
        }
    }
}

fn variant(s: &str) -> PyResult<Variant> {
    s.parse::<Variant>().map_err(zh_err)
}

fn config(s: &str) -> PyResult<Config> {
    s.parse::<Config>().map_err(zh_err)
}

fn forms(s: &str) -> PyResult<Forms> {
    s.parse::<Forms>().map_err(zh_err)
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

/// Runs `f` on rayon's global pool, or on a pool of `threads` threads (kept for reuse).
fn in_pool<R: Send>(threads: Option<usize>, f: impl FnOnce() -> R + Send) -> PyResult<R> {
    let Some(n) = threads else {
        return Ok(f());
    };
    if n == 0 {
        return Err(PyValueError::new_err("threads must be at least 1"));
    }
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let pool = {
        let mut pools = POOLS
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        match pools.get(&n) {
            Some(p) => p.clone(),
            None => {
                let p = rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .thread_name(|i| format!("zhnorm-{i}"))
                    .build()
                    .map_err(|e| PyOSError::new_err(e.to_string()))?;
                pools.entry(n).or_insert(Arc::new(p)).clone()
            }
        }
    };
    Ok(pool.install(f))
}

/// A problem found in conversion markup (the text is kept as written).
#[pyclass(module = "zhnorm", frozen, get_all)]
#[derive(Clone)]
struct Warning {
    /// Position in the input, in characters (a Python string index).
    offset: usize,
    /// 1-based line.
    line: usize,
    /// 1-based column, in characters.
    column: usize,
    /// What is wrong and what zhnorm did.
    message: String,
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

fn warnings(text: &str, ws: &[zhnorm::Warning]) -> Vec<Warning> {
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
struct Document {
    /// The converted text.
    text: String,
    /// Malformed markup found in the input, kept as written.
    warnings: Vec<Warning>,
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
struct Report {
    /// Simplified-only characters.
    simplified: usize,
    /// Traditional-only characters.
    traditional: usize,
    /// Other Han characters (shared by both scripts).
    shared: usize,
    /// All Han characters.
    han: usize,
    /// `"zh-hans"`, `"zh-hant"`, or None without script-specific characters.
    likely: Option<&'static str>,
    /// Share of the majority among script-specific characters (0.5–1.0), or None.
    confidence: Option<f64>,
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

/// A reusable, thread-safe converter.
///
/// `Converter(to="hant")` normalizes mixed text into a variant (hans, hant, cn, tw, hk,
/// mo, sg, my, or zh-Hant-TW …), resolving `-{…}-` markup in documents of `format`, as
/// the CLI's `--to`. `Converter(config="s2t")` converts exactly as OpenCC 1.4.2's config,
/// as `--config` (markup is not resolved).
///
/// `idioms`: regional vocabulary for cn/tw/hk/mo. `forms`: "common" (為 裡 才) or
/// "opencc" (爲 裏 纔) for hant. `keep`: words never converted. `rules`: {from: to} or
/// [(from, to)], winning over every dictionary. `dictionary`: path(s) of user
/// dictionaries (OpenCC `key<TAB>value` lines or MediaWiki rules). `format`: plain,
/// wikitext, markdown or auto (guessed per text); `markup=False` leaves `-{…}-` in plain
/// text alone.
#[pyclass(module = "zhnorm", frozen)]
struct Converter {
    inner: Arc<zhnorm::Converter>,
    /// Normalization targets convert documents (markup, verbatim zones), as the CLI's
    /// `--to`; OpenCC configs (`None`) convert text as it is, as `--config`.
    document: Option<(FormatChoice, bool)>,
    target: String,
    is_config: bool,
}

impl Converter {
    /// How `text` is converted: as text (OpenCC configs) or as a document.
    fn route(&self, text: &str) -> Route {
        let Some((format, markup)) = self.document else {
            return Route::Text;
        };
        // Plain rows without markup or URLs skip the resolver inside `convert_document`.
        Route::Document(DocumentOptions {
            format: format.resolve(text),
            markup,
        })
    }

    fn convert_str<'a>(&self, text: &'a str) -> Cow<'a, str> {
        match self.route(text) {
            Route::Text => self.inner.convert(text),
            Route::Document(o) => Cow::Owned(self.inner.convert_document(text, o).text),
        }
    }

    /// Appends the conversion of `text` to `out`.
    fn convert_append(&self, text: &str, out: &mut String) {
        match self.route(text) {
            Route::Text => self.inner.convert_into(text, out),
            Route::Document(o) => out.push_str(&self.inner.convert_document(text, o).text),
        }
    }

    fn document_options(
        &self,
        format: Option<&str>,
        markup: Option<bool>,
        text: impl FnOnce() -> Format,
    ) -> PyResult<DocumentOptions> {
        let (default_format, default_markup) = self
            .document
            .unwrap_or((FormatChoice::Fixed(Format::Plain), true));
        let choice = match format {
            Some(f) => FormatChoice::parse(f)?,
            None => default_format,
        };
        Ok(DocumentOptions {
            format: match choice {
                FormatChoice::Auto => text(),
                FormatChoice::Fixed(f) => f,
            },
            markup: markup.unwrap_or(default_markup),
        })
    }
}

fn add_rules(
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

fn add_dictionaries(
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

/// Reads one Arrow string array (`string` or `large_string`) in place.
struct StrArray<'a> {
    len: usize,
    offset: usize,
    validity: Option<&'a [u8]>,
    offsets: &'a [u8],
    large: bool,
    data: &'a [u8],
}

impl<'a> StrArray<'a> {
    fn valid(&self, i: usize) -> bool {
        self.validity.is_none_or(|v| {
            let bit = self.offset + i;
            v[bit / 8] & (1 << (bit % 8)) != 0
        })
    }

    fn offset_at(&self, j: usize) -> usize {
        let j = self.offset + j;
        if self.large {
            let b = &self.offsets[j * 8..j * 8 + 8];
            i64::from_le_bytes(b.try_into().unwrap()) as usize
        } else {
            let b = &self.offsets[j * 4..j * 4 + 4];
            i32::from_le_bytes(b.try_into().unwrap()) as u32 as usize
        }
    }

    /// Row `i`: `Ok(None)` when null.
    fn row(&self, i: usize) -> Result<Option<&'a str>, String> {
        if !self.valid(i) {
            return Ok(None);
        }
        let (a, b) = (self.offset_at(i), self.offset_at(i + 1));
        let bytes = self
            .data
            .get(a..b)
            .ok_or_else(|| format!("row {i}: offsets {a}..{b} outside the data buffer"))?;
        std::str::from_utf8(bytes).map(Some).map_err(|e| {
            format!(
                "row {i} is not valid UTF-8 (byte {} of the row)",
                e.valid_up_to()
            )
        })
    }
}

/// The converted rows of one array: data (in pieces), offsets (starting at 0) and
/// validity bitmap.
struct Converted {
    data: Vec<String>,
    total: usize,
    offsets: Vec<u8>,
    validity: Option<Vec<u8>>,
    nulls: usize,
}

fn convert_rows(c: &Converter, a: &StrArray<'_>, parallel: bool) -> Result<Converted, String> {
    // Pieces of consecutive rows, each converted into its own buffer, then joined.
    let piece = |range: std::ops::Range<usize>| -> Result<(String, Vec<usize>), String> {
        let mut data = String::new();
        let mut ends = Vec::with_capacity(range.len());
        for i in range {
            if let Some(text) = a.row(i)? {
                c.convert_append(text, &mut data);
            }
            ends.push(data.len());
        }
        Ok((data, ends))
    };
    let pieces: Vec<(String, Vec<usize>)> = if parallel && a.len > 1 {
        let bytes = a.offset_at(a.len).saturating_sub(a.offset_at(0));
        // About 64 KiB or 256 rows a piece, at least four pieces a thread.
        let by_bytes = (bytes / (64 << 10)).max(1);
        let by_rows = (a.len / 256).max(1);
        let count = by_bytes
            .max(by_rows)
            .max(4 * rayon::current_num_threads())
            .min(a.len);
        let step = a.len.div_ceil(count);
        (0..a.len.div_ceil(step))
            .into_par_iter()
            .map(|k| piece(k * step..((k + 1) * step).min(a.len)))
            .collect::<Result<_, _>>()?
    } else {
        vec![piece(0..a.len)?]
    };
    let total: usize = pieces.iter().map(|p| p.0.len()).sum();
    if !a.large && total > i32::MAX as usize {
        return Err(format!(
            "the converted array holds {total} bytes, more than a `string` array can; cast it to `large_string` first"
        ));
    }
    let width = if a.large { 8 } else { 4 };
    let mut offsets = Vec::with_capacity((a.len + 1) * width);
    let mut data = Vec::with_capacity(pieces.len());
    let mut base = 0;
    let push = |offsets: &mut Vec<u8>, v: usize| {
        if a.large {
            offsets.extend_from_slice(&(v as i64).to_le_bytes());
        } else {
            offsets.extend_from_slice(&(v as i32).to_le_bytes());
        }
    };
    push(&mut offsets, 0);
    for (d, ends) in pieces {
        for e in ends {
            push(&mut offsets, base + e);
        }
        base += d.len();
        data.push(d);
    }
    let (validity, nulls) = match a.validity {
        None => (None, 0),
        Some(_) => {
            let mut bits = vec![0u8; a.len.div_ceil(8)];
            let mut nulls = 0;
            for i in 0..a.len {
                if a.valid(i) {
                    bits[i / 8] |= 1 << (i % 8);
                } else {
                    nulls += 1;
                }
            }
            (Some(bits), nulls)
        }
    };
    Ok(Converted {
        data,
        total,
        offsets,
        validity,
        nulls,
    })
}

/// The bytes of a pyarrow `Buffer`, read in place (the buffer must outlive the slice).
fn buffer_bytes<'a>(buf: &'a Bound<'_, PyAny>) -> PyResult<&'a [u8]> {
    if buf.is_none() {
        return Ok(&[]);
    }
    if let Ok(cpu) = buf.getattr("is_cpu") {
        if !cpu.is_truthy()? {
            return Err(PyTypeError::new_err(
                "convert_arrow reads arrays in CPU memory only",
            ));
        }
    }
    let address: usize = buf.getattr("address")?.extract()?;
    let size: usize = buf.getattr("size")?.extract()?;
    if size == 0 || address == 0 {
        return Ok(&[]);
    }
    // SAFETY: a pyarrow Buffer owns `size` readable bytes at `address` while it is alive;
    // `buf` is borrowed for 'a and the bytes are only read.
    Ok(unsafe { std::slice::from_raw_parts(address as *const u8, size) })
}

fn convert_array<'py>(
    c: &Converter,
    py: Python<'py>,
    pa: &Bound<'py, PyModule>,
    array: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let ty = array.getattr("type")?;
    let types = pa.getattr("types")?;
    let large = types.call_method1("is_large_string", (&ty,))?.is_truthy()?;
    if !large && !types.call_method1("is_string", (&ty,))?.is_truthy()? {
        return Err(PyTypeError::new_err(format!(
            "convert_arrow converts arrays of type string or large_string, not {}; cast it first \
             (array.cast(pyarrow.large_string()))",
            ty.str()?
        )));
    }
    let len: usize = array.len()?;
    let offset: usize = array.getattr("offset")?.extract()?;
    let null_count: usize = array.getattr("null_count")?.extract()?;
    let buffers = array.call_method0("buffers")?;
    let (b_valid, b_offsets, b_data) = (
        buffers.get_item(0)?,
        buffers.get_item(1)?,
        buffers.get_item(2)?,
    );
    let width = if large { 8 } else { 4 };
    let offsets = buffer_bytes(&b_offsets)?;
    if len > 0 && offsets.len() < (offset + len + 1) * width {
        return Err(PyValueError::new_err(
            "the array's offsets buffer is too short",
        ));
    }
    let validity = if null_count > 0 {
        let v = buffer_bytes(&b_valid)?;
        if v.len() < (offset + len).div_ceil(8) {
            return Err(PyValueError::new_err(
                "the array's validity buffer is too short",
            ));
        }
        Some(v)
    } else {
        None
    };
    let a = StrArray {
        len,
        offset,
        validity,
        offsets,
        large,
        data: buffer_bytes(&b_data)?,
    };
    let out = if len == 0 {
        Ok(Converted {
            data: Vec::new(),
            total: 0,
            offsets: vec![0; width],
            validity: None,
            nulls: 0,
        })
    } else {
        py.detach(|| in_pool(threads, || convert_rows(c, &a, true)))?
    }
    .map_err(ZhnormError::new_err)?;
    let py_buffer = |bytes: &[u8]| pa.call_method1("py_buffer", (PyBytes::new(py, bytes),));
    let validity = match &out.validity {
        Some(v) => py_buffer(v)?,
        None => py.None().into_bound(py),
    };
    // The pieces are copied once, into the bytes object the result's data buffer wraps.
    let data = PyBytes::new_with(py, out.total, |buf| {
        let mut at = 0;
        for d in &out.data {
            buf[at..at + d.len()].copy_from_slice(d.as_bytes());
            at += d.len();
        }
        Ok(())
    })?;
    let data = pa.call_method1("py_buffer", (data,))?;
    let bufs = PyList::new(py, [validity, py_buffer(&out.offsets)?, data])?;
    pa.getattr("Array")?
        .call_method1("from_buffers", (ty, len, bufs, out.nulls))
}

#[pymethods]
impl Converter {
    #[new]
    #[pyo3(signature = (to=None, *, config=None, idioms=true, forms="common", format="plain", markup=true, keep=None, rules=None, dictionary=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        to: Option<String>,
        config: Option<String>,
        idioms: bool,
        forms: &str,
        format: &str,
        markup: bool,
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
                    .idioms(idioms)
                    .forms(self::forms(forms)?);
                (
                    b,
                    Some((FormatChoice::parse(format)?, markup)),
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
        self.document.map(|(f, _)| f.name())
    }

    fn __repr__(&self) -> String {
        match self.document {
            _ if self.is_config => format!("Converter(config={:?})", self.target),
            Some((f, markup)) => format!(
                "Converter(to={:?}, format={:?}, markup={})",
                self.target,
                f.name(),
                if markup { "True" } else { "False" }
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
        markup: Option<bool>,
    ) -> PyResult<Document> {
        let options = self.document_options(format, markup, || Format::detect(&text))?;
        let doc = py.detach(|| self.inner.convert_document(&text, options));
        Ok(Document {
            warnings: warnings(&text, &doc.warnings),
            text: doc.text,
        })
    }

    /// Streams file `src` into `dst` (written through a temporary file and a rename).
    #[pyo3(signature = (src, dst, format=None, *, markup=None))]
    fn convert_file(
        &self,
        py: Python<'_>,
        src: PathBuf,
        dst: PathBuf,
        format: Option<&str>,
        markup: Option<bool>,
    ) -> PyResult<Vec<Warning>> {
        let options = if self.is_config {
            None
        } else {
            Some(self.document_options(format, markup, || {
                Format::from_path(&src).unwrap_or_else(|| {
                    let mut head = Vec::new();
                    let _ = File::open(&src)
                        .and_then(|f| f.take(Format::SNIFF_BYTES as u64).read_to_end(&mut head));
                    Format::detect(&String::from_utf8_lossy(&head))
                })
            })?)
        };
        let name = dst
            .file_name()
            .map_or("out".into(), |n| n.to_string_lossy().into_owned());
        let tmp = dst.with_file_name(format!(".{name}.zhnorm-{}.tmp", std::process::id()));
        let result = py.detach(|| -> Result<Vec<zhnorm::Warning>, PyErr> {
            let input = File::open(&src).map_err(|e| io_err(&e, Some(&src)))?;
            let output = File::create(&tmp).map_err(|e| io_err(&e, Some(&dst)))?;
            let reader = BufReader::with_capacity(1 << 16, input);
            let mut writer = BufWriter::with_capacity(1 << 16, output);
            let warnings = match options {
                Some(o) => self.inner.convert_document_reader(reader, &mut writer, o),
                None => self
                    .inner
                    .convert_reader(reader, &mut writer)
                    .map(|_| Vec::new()),
            }
            .map_err(|e| match e.kind() {
                ErrorKind::Io(io) => io_err(io, Some(&src)),
                _ => ZhnormError::new_err(format!("{}: {e}", src.display())),
            })?;
            writer
                .into_inner()
                .map_err(|e| io_err(e.error(), Some(&dst)))?
                .sync_all()
                .map_err(|e| io_err(&e, Some(&dst)))?;
            std::fs::rename(&tmp, &dst).map_err(|e| io_err(&e, Some(&dst)))?;
            Ok(warnings)
        });
        match result {
            Ok(ws) => Ok(ws
                .into_iter()
                .map(|w| Warning {
                    offset: w.offset,
                    line: w.line,
                    column: w.column,
                    message: w.message,
                })
                .collect()),
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                Err(e)
            }
        }
    }

    /// Converts a list of texts (None stays None) in parallel, with the GIL released.
    #[pyo3(signature = (texts, *, threads=None))]
    fn convert_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let items: Vec<Bound<'py, PyAny>> = texts.try_iter()?.collect::<PyResult<_>>()?;
        let inputs: Vec<Option<Cow<'_, str>>> = items
            .iter()
            .map(|o| {
                if o.is_none() {
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
        let outputs: Vec<Option<String>> = py.detach(|| {
            in_pool(threads, || {
                inputs
                    .par_iter()
                    .with_min_len(64)
                    .map(|t| match t.as_deref().map(|t| self.convert_str(t)) {
                        Some(Cow::Owned(s)) if s != *t.as_deref().unwrap_or("") => Some(s),
                        _ => None,
                    })
                    .collect()
            })
        })?;
        PyList::new(
            py,
            items.iter().zip(outputs).map(|(o, out)| match out {
                Some(s) => PyString::new(py, &s).into_any(),
                None => o.clone(),
            }),
        )
    }

    /// Converts a pyarrow string array or chunked array (nulls stay null).
    #[pyo3(signature = (array, *, threads=None))]
    fn convert_arrow<'py>(
        &self,
        py: Python<'py>,
        array: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let pa = py.import("pyarrow")?;
        if array.is_instance(&pa.getattr("ChunkedArray")?)? {
            let ty = array.getattr("type")?;
            let chunks: Vec<Bound<'py, PyAny>> = array
                .getattr("chunks")?
                .try_iter()?
                .map(|c| convert_array(self, py, &pa, &c?, threads))
                .collect::<PyResult<_>>()?;
            return pa.call_method(
                "chunked_array",
                (chunks,),
                Some(&[("type", ty)].into_py_dict(py)?),
            );
        }
        let array = if array.is_instance(&pa.getattr("Array")?)? {
            array.clone()
        } else if array.hasattr("__arrow_c_array__")? {
            pa.call_method1("array", (array,))?
        } else {
            return Err(PyTypeError::new_err(format!(
                "convert_arrow converts a pyarrow.Array or ChunkedArray of strings, not {}",
                array.get_type().name()?
            )));
        };
        convert_array(self, py, &pa, &array, threads)
    }
}

/// Normalizes `text` to `to` (one-off; converters are cached per option set).
#[pyfunction]
#[pyo3(signature = (text, to="hant", *, idioms=true, forms="common", format="plain", markup=true))]
fn normalize(
    py: Python<'_>,
    text: Cow<'_, str>,
    to: &str,
    idioms: bool,
    forms: &str,
    format: &str,
    markup: bool,
) -> PyResult<String> {
    let v = variant(to)?;
    let f = self::forms(forms)?;
    let format = FormatChoice::parse(format)?;
    let inner = cached(format!("{v:?}/{idioms}/{f:?}"), || {
        zhnorm::Converter::builder(v)
            .idioms(idioms)
            .forms(f)
            .build()
    });
    let c = Converter {
        inner,
        document: Some((format, markup)),
        target: String::new(),
        is_config: false,
    };
    Ok(c.convert(py, text))
}

/// Converts `text` exactly as OpenCC 1.4.2's config does.
#[pyfunction]
#[pyo3(signature = (text, config="s2t"))]
fn opencc(py: Python<'_>, text: Cow<'_, str>, config: &str) -> PyResult<String> {
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
fn detect(text: Cow<'_, str>) -> Report {
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
