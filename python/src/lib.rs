//! `zhnorm._zhnorm`: the Python extension behind the `zhnorm` package (see python/README.md).
//!
//! Everything converts with the GIL released. Batches (`convert_batch`, `convert_arrow`)
//! are converted in parallel on rayon's pool (or a pool of `threads`, at most 256, a few
//! sizes cached); the rows of an Arrow string array are copied out of its buffers with the
//! GIL held (another thread may change them once it is released), converted, and written
//! into three new buffers, with no Python object per row. `convert_file` writes through
//! the CLI's atomic writer (`zhnorm-atomic`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyRuntimeWarning, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{IntoPyDict, PyBytes, PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;
use zhnorm::{Config, DocumentOptions, ErrorKind, Format, Forms, Markup, Variant, Vocabulary};
use zhnorm_atomic::Destination;

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

/// The vocabulary: `vocabulary` when given ("common", "full" or "none"), else `idioms`
/// (the older name: False is "none").
fn vocabulary(vocabulary: Option<&str>, idioms: bool) -> PyResult<Vocabulary> {
    match vocabulary {
        Some(v) => v.parse::<Vocabulary>().map_err(zh_err),
        None if idioms => Ok(Vocabulary::Common),
        None => Ok(Vocabulary::None),
    }
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

/// The most threads `threads=` starts, as the CLI's `-j`: more only costs memory and
/// start-up time.
const MAX_THREADS: usize = 256;

/// How many pools of `threads=` sizes are kept for reuse; the least recently used one is
/// dropped from the cache (its threads end when no call runs on it any more).
const CACHED_POOLS: usize = 4;

/// The pool for `threads` (None: rayon's global pool). Called with the GIL held: a value
/// above [`MAX_THREADS`] is capped with a `RuntimeWarning`, as the CLI's `-j`.
fn pool(py: Python<'_>, threads: Option<usize>) -> PyResult<Option<Arc<rayon::ThreadPool>>> {
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
fn in_pool<R: Send>(pool: Option<&rayon::ThreadPool>, f: impl FnOnce() -> R + Send) -> R {
    match pool {
        Some(p) => p.install(f),
        None => f(),
    }
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
/// `vocabulary`: regional vocabulary for cn/tw/hk/mo applied to text converted from the
/// other script: "common" (default: OpenCC's without the words the region's own text
/// writes), "full" (OpenCC's whole table, as s2twp) or "none" (forms only); `idioms=False`
/// is the older spelling of "none". `forms`: "common" (為 裡 才) or
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

/// The library's markup mode for Python's `markup=` flag: rendered, or off (plain text).
fn markup_of(markup: bool) -> Markup {
    if markup {
        Markup::Render
    } else {
        Markup::Off
    }
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
            markup: markup_of(markup),
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
            markup: markup_of(markup.unwrap_or(default_markup)),
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

/// The rows of one Arrow string array (`string` or `large_string`), copied out of its
/// buffers while the GIL is held (see [`copy_rows`]): the conversion, with the GIL
/// released, reads memory no other thread can change.
struct StrArray {
    len: usize,
    /// The validity bits of the rows, from bit `bit_offset` of the first byte (None: no
    /// nulls).
    validity: Option<Vec<u8>>,
    bit_offset: usize,
    /// The `len + 1` offsets of the rows (4 or 8 bytes each, little-endian), as in the
    /// array: row `i` is `data[offset(i) - base..offset(i + 1) - base]`.
    offsets: Vec<u8>,
    large: bool,
    base: usize,
    data: Vec<u8>,
}

impl StrArray {
    fn valid(&self, i: usize) -> bool {
        self.validity.as_ref().is_none_or(|v| {
            let bit = self.bit_offset + i;
            v[bit / 8] & (1 << (bit % 8)) != 0
        })
    }

    /// Offset `j` as written in the array (a negative one becomes huge, so out of range).
    fn offset_at(&self, j: usize) -> usize {
        if self.large {
            let b = &self.offsets[j * 8..j * 8 + 8];
            i64::from_le_bytes(b.try_into().unwrap()) as usize
        } else {
            let b = &self.offsets[j * 4..j * 4 + 4];
            i32::from_le_bytes(b.try_into().unwrap()) as u32 as usize
        }
    }

    /// Row `i`: `Ok(None)` when null.
    fn row(&self, i: usize) -> Result<Option<&str>, String> {
        if !self.valid(i) {
            return Ok(None);
        }
        let (a, b) = (self.offset_at(i), self.offset_at(i + 1));
        let bytes = a
            .checked_sub(self.base)
            .zip(b.checked_sub(self.base))
            .and_then(|(x, y)| self.data.get(x..y))
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

fn convert_rows(c: &Converter, a: &StrArray, parallel: bool) -> Result<Converted, String> {
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

/// A copy of bytes `range` of a pyarrow `Buffer` (`what` names it in errors), made while
/// the GIL is held: the buffer may be mutable (a `bytearray` under `py_buffer`) and
/// changed by another Python thread once the GIL is released, so the conversion never
/// reads it in place.
fn buffer_copy(
    buf: &Bound<'_, PyAny>,
    range: std::ops::Range<usize>,
    what: &str,
) -> PyResult<Vec<u8>> {
    if range.is_empty() {
        return Ok(Vec::new());
    }
    if buf.is_none() {
        return Err(PyValueError::new_err(format!(
            "the array's {what} buffer is missing"
        )));
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
    if range.end > size || address == 0 {
        return Err(PyValueError::new_err(format!(
            "the array's {what} buffer is too short"
        )));
    }
    let mut copy = Vec::with_capacity(range.len());
    // SAFETY: a pyarrow Buffer owns `size` readable bytes at `address` while it is alive
    // (`buf` is borrowed for the whole call) and `range` lies within them. The bytes are
    // copied with the GIL held, so no Python thread writes them meanwhile, and no
    // reference to them outlives this call.
    unsafe {
        std::ptr::copy_nonoverlapping(
            (address as *const u8).add(range.start),
            copy.as_mut_ptr(),
            range.len(),
        );
        copy.set_len(range.len());
    }
    Ok(copy)
}

/// Copies the rows of a string array out of its buffers into one private [`StrArray`]
/// (offsets, the validity bits and the data bytes the rows span), with the GIL held.
fn copy_rows(array: &Bound<'_, PyAny>, len: usize, large: bool) -> PyResult<StrArray> {
    let offset: usize = array.getattr("offset")?.extract()?;
    let null_count: usize = array.getattr("null_count")?.extract()?;
    let buffers = array.call_method0("buffers")?;
    let (b_valid, b_offsets, b_data) = (
        buffers.get_item(0)?,
        buffers.get_item(1)?,
        buffers.get_item(2)?,
    );
    let width = if large { 8 } else { 4 };
    let mut a = StrArray {
        len,
        validity: None,
        bit_offset: offset % 8,
        offsets: buffer_copy(
            &b_offsets,
            offset * width..(offset + len + 1) * width,
            "offsets",
        )?,
        large,
        base: 0,
        data: Vec::new(),
    };
    if null_count > 0 {
        a.validity = Some(buffer_copy(
            &b_valid,
            offset / 8..(offset + len).div_ceil(8),
            "validity",
        )?);
    }
    // The bytes from the first row's start to the last row's end (all of them, in a valid
    // array); a row outside them is reported by `StrArray::row`.
    let (first, last) = (a.offset_at(0), a.offset_at(len));
    if first > last {
        return Err(ZhnormError::new_err(format!(
            "the array's offsets decrease ({first} to {last})"
        )));
    }
    a.base = first;
    a.data = buffer_copy(&b_data, first..last, "data")?;
    Ok(a)
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
    let width = if large { 8 } else { 4 };
    let pool = pool(py, threads)?;
    let out = if len == 0 {
        Ok(Converted {
            data: Vec::new(),
            total: 0,
            offsets: vec![0; width],
            validity: None,
            nulls: 0,
        })
    } else {
        let a = copy_rows(array, len, large)?;
        py.detach(|| in_pool(pool.as_deref(), || convert_rows(c, &a, true)))
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
    #[pyo3(signature = (to=None, *, config=None, idioms=true, vocabulary=None, forms="common", format="plain", markup=true, keep=None, rules=None, dictionary=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        to: Option<String>,
        config: Option<String>,
        idioms: bool,
        vocabulary: Option<&str>,
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
                    .vocabulary(self::vocabulary(vocabulary, idioms)?)
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
        markup: Option<bool>,
    ) -> PyResult<Vec<Warning>> {
        // Resolved with the GIL held; `auto` is decided from the first bytes read below.
        let options = if self.is_config {
            None
        } else {
            let (default_format, default_markup) = self
                .document
                .unwrap_or((FormatChoice::Fixed(Format::Plain), true));
            let choice = match format {
                Some(f) => FormatChoice::parse(f)?,
                None => default_format,
            };
            Some((choice, markup.unwrap_or(default_markup)))
        };
        let result = py.detach(|| -> Result<Vec<zhnorm::Warning>, PyErr> {
            let read_err = |e: io::Error| io_err(&e, Some(&src));
            let mut input = File::open(&src).map_err(read_err)?;
            // The start of the file, sniffed for `auto` and then converted with the rest:
            // nothing is read twice.
            let mut head = Vec::new();
            let options = match options {
                None => None,
                Some((FormatChoice::Fixed(format), markup)) => Some(DocumentOptions {
                    format,
                    markup: markup_of(markup),
                }),
                Some((FormatChoice::Auto, markup)) => {
                    let format = match Format::from_path(&src) {
                        Some(f) => f,
                        None => {
                            (&mut input)
                                .take(Format::SNIFF_BYTES as u64)
                                .read_to_end(&mut head)
                                .map_err(read_err)?;
                            Format::detect(&String::from_utf8_lossy(&head))
                        }
                    };
                    Some(DocumentOptions {
                        format,
                        markup: markup_of(markup),
                    })
                }
            };
            let reader = BufReader::with_capacity(1 << 16, io::Cursor::new(head).chain(input));
            let write_err = |e: io::Error| io_err(&e, Some(&dst));
            let mut output = Destination::open(&dst).map_err(write_err)?;
            let warnings = match options {
                Some(o) => self.inner.convert_document_reader(reader, &mut output, o),
                None => self
                    .inner
                    .convert_reader(reader, &mut output)
                    .map(|_| Vec::new()),
            }
            .map_err(|e| match e.kind() {
                ErrorKind::Io(io) => io_err(io, Some(&src)),
                _ => ZhnormError::new_err(format!("{}: {e}", src.display())),
            })?;
            // Dropped on an error above: the temporary file goes, `dst` is untouched.
            output.commit().map_err(write_err)?;
            Ok(warnings)
        })?;
        Ok(result
            .into_iter()
            .map(|w| Warning {
                offset: w.offset,
                line: w.line,
                column: w.column,
                message: w.message,
            })
            .collect())
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
        let pool = pool(py, threads)?;
        let outputs: Vec<Option<String>> = py.detach(|| {
            in_pool(pool.as_deref(), || {
                inputs
                    .par_iter()
                    .with_min_len(64)
                    .map(|t| match t.as_deref().map(|t| self.convert_str(t)) {
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
#[pyo3(signature = (text, to="hant", *, idioms=true, vocabulary=None, forms="common", format="plain", markup=true))]
#[allow(clippy::too_many_arguments)]
fn normalize(
    py: Python<'_>,
    text: Cow<'_, str>,
    to: &str,
    idioms: bool,
    vocabulary: Option<&str>,
    forms: &str,
    format: &str,
    markup: bool,
) -> PyResult<String> {
    let v = variant(to)?;
    let f = self::forms(forms)?;
    let format = FormatChoice::parse(format)?;
    let vocabulary = self::vocabulary(vocabulary, idioms)?;
    let inner = cached(format!("{v:?}/{vocabulary}/{f:?}"), || {
        zhnorm::Converter::builder(v)
            .vocabulary(vocabulary)
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
