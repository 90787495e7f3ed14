//! The public [`Converter`]: one engine for normalization targets and OpenCC configs.

use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{self, BufRead, Write};

use crate::error::Error;
use crate::format::Format;
use crate::markup::{rule_pairs, Code, Resolver, Warning};
use crate::normalize::Normalizer;
use crate::opencc::{Pipeline, Scratch};
use crate::rules::Rules;
use crate::sentence;
use crate::{Config, Variant};

enum Engine {
    Normalize(Normalizer),
    OpenCC(Pipeline),
    /// The C++ OpenCC library (cargo feature `opencc`).
    #[cfg(feature = "opencc")]
    Reference(crate::reference::OpenCc),
}

/// A converter for one target variant or one OpenCC config.
///
/// Creating one loads its embedded tables (well under a millisecond each, once per
/// process; later converters share them). A `Converter` is `Send + Sync`: share one across
/// threads.
///
/// ```
/// use zhnorm::{Converter, Variant, Config};
///
/// let hant = Converter::new(Variant::Hant);
/// // Mixed input: the Simplified sentence is converted, the Traditional one kept.
/// assert_eq!(hant.convert("头发长了。台灣的里程。"), "頭髮長了。台灣的里程。");
///
/// let s2t = Converter::opencc(Config::S2t);
/// assert_eq!(s2t.convert("台湾"), "臺灣");
/// ```
pub struct Converter {
    engine: Engine,
    /// User rules (`--dict`, `--keep`): win over every dictionary.
    user: Rules,
}

/// Builds a normalization [`Converter`] with options.
///
/// ```
/// use zhnorm::{Converter, Variant};
/// let tw = Converter::builder(Variant::Tw).idioms(false).build();
/// assert_eq!(tw.convert("软件"), "軟件");
/// let tw = Converter::builder(Variant::Tw).build();
/// assert_eq!(tw.convert("软件"), "軟體");
/// ```
#[derive(Clone, Debug)]
pub struct ConverterBuilder {
    target: Target,
    idioms: bool,
    user: Rules,
}

#[derive(Clone, Copy, Debug)]
enum Target {
    Variant(Variant),
    Config(Config),
}

impl ConverterBuilder {
    /// Whether regional targets (cn, tw, hk, mo) also convert vocabulary (软件 → 軟體 for
    /// tw). On by default; hans, hant, sg and my never change vocabulary.
    ///
    /// ```
    /// let c = zhnorm::Converter::builder(zhnorm::Variant::Cn).idioms(false).build();
    /// assert_eq!(c.convert("軟體"), "软体");
    /// ```
    pub fn idioms(mut self, yes: bool) -> Self {
        self.idioms = yes;
        self
    }

    /// Creates the converter.
    ///
    /// ```
    /// let c = zhnorm::Converter::builder(zhnorm::Variant::Hans).build();
    /// assert_eq!(c.convert("漢字"), "汉字");
    /// ```
    pub fn build(&self) -> Converter {
        let engine = match self.target {
            Target::Variant(v) => Engine::Normalize(Normalizer::new(v, self.idioms)),
            Target::Config(c) => Engine::OpenCC(Pipeline::new(c)),
        };
        Converter {
            engine,
            user: self.user.clone(),
        }
    }

    /// Builds a converter for an OpenCC config that runs the C++ OpenCC 1.4.2 library
    /// instead of zhnorm's engine (cargo feature `opencc`; user rules still apply first).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Backend`](crate::ErrorKind::Backend) when the builder is for a
    /// variant (OpenCC has no normalization mode) or OpenCC cannot load the config.
    ///
    /// ```no_run
    /// let c = zhnorm::Converter::opencc_builder(zhnorm::Config::S2t).build_reference()?;
    /// assert_eq!(c.convert("汉字"), "漢字");
    /// # Ok::<(), zhnorm::Error>(())
    /// ```
    #[cfg(feature = "opencc")]
    pub fn build_reference(&self) -> Result<Converter, Error> {
        let Target::Config(config) = self.target else {
            return Err(Error::backend(
                "the OpenCC engine converts by config (--config NAME), not by variant".into(),
            ));
        };
        Ok(Converter {
            engine: Engine::Reference(crate::reference::OpenCc::new(config)?),
            user: self.user.clone(),
        })
    }

    /// Adds a rule with top priority: `from` is written as `to`, whatever the dictionaries
    /// say (a longer dictionary phrase does not override it).
    ///
    /// ```
    /// let c = zhnorm::Converter::builder(zhnorm::Variant::Tw).rule("软件", "軟件").build();
    /// assert_eq!(c.convert("软件和硬件"), "軟件和硬體");
    /// ```
    pub fn rule(mut self, from: impl Into<String>, to: impl Into<String>) -> Self {
        self.user.insert(from.into(), to.into());
        self
    }

    /// Protects `word` from conversion (a rule mapping it to itself).
    ///
    /// ```
    /// let c = zhnorm::Converter::builder(zhnorm::Variant::Hant).keep("台湾").build();
    /// assert_eq!(c.convert("我在台湾学习"), "我在台湾學習");
    /// ```
    pub fn keep(self, word: impl Into<String>) -> Self {
        let w = word.into();
        self.rule(w.clone(), w)
    }

    /// Adds the rules of a user dictionary. Two line formats are accepted, and `#` starts
    /// a comment line:
    /// * OpenCC's `key<TAB>value[ value…]` (the first value is used);
    /// * a MediaWiki rule body, `zh-cn:计算机;zh-tw:電腦;` or `src=>zh-tw:dst;`, applied as
    ///   an `-{H|…}-` rule for the target (normalization converters only).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Dictionary`](crate::ErrorKind::Dictionary) with the 1-based line of the
    /// first malformed line.
    ///
    /// ```
    /// let c = zhnorm::Converter::builder(zhnorm::Variant::Tw)
    ///     .dictionary("# ours\n程序\t程式\nzh-cn:计算机;zh-tw:電腦;\n")?
    ///     .build();
    /// assert_eq!(c.convert("计算机程序"), "電腦程式");
    /// assert!(zhnorm::Converter::builder(zhnorm::Variant::Tw).dictionary("no tab here").is_err());
    /// # Ok::<(), zhnorm::Error>(())
    /// ```
    pub fn dictionary(mut self, text: &str) -> Result<Self, Error> {
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some((key, values)) = line.split_once('\t') {
                match values.split(' ').find(|v| !v.is_empty()) {
                    Some(v) if !key.is_empty() => self.user.insert(key.to_string(), v.to_string()),
                    _ => {
                        return Err(Error::dictionary(
                            i + 1,
                            "expected `key<TAB>value` with a non-empty key and value",
                        ))
                    }
                }
                continue;
            }
            let Target::Variant(v) = self.target else {
                return Err(Error::dictionary(
                    i + 1,
                    "MediaWiki-style rules need a --to target, not an OpenCC config",
                ));
            };
            let body = line.trim().trim_start_matches("-{").trim_end_matches("}-");
            let body = body.strip_prefix("H|").unwrap_or(body);
            match rule_pairs(body, Code::of(v)) {
                Some(pairs) => {
                    for (from, to) in pairs {
                        self.user.insert(from, to);
                    }
                }
                None => {
                    return Err(Error::dictionary(
                        i + 1,
                        "expected `key<TAB>value` or a MediaWiki rule such as `zh-cn:计算机;zh-tw:電腦;`",
                    ))
                }
            }
        }
        Ok(self)
    }
}

/// Options for [`Converter::convert_document`].
///
/// ```
/// use zhnorm::{DocumentOptions, Format};
/// let opts = DocumentOptions { format: Format::Markdown, ..Default::default() };
/// assert!(opts.markup);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocumentOptions {
    /// What kind of document it is (decides what is left verbatim).
    pub format: Format,
    /// Whether `-{ … }-` conversion markup is resolved (only plain text can turn it off;
    /// Markdown and wikitext always resolve it).
    pub markup: bool,
}

impl Default for DocumentOptions {
    fn default() -> Self {
        DocumentOptions {
            format: Format::Plain,
            markup: true,
        }
    }
}

/// The result of [`Converter::convert_document`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The converted text.
    pub text: String,
    /// Problems found in the markup (kept as text), with positions in the input.
    pub warnings: Vec<Warning>,
}

/// A cut position in `text` after at least `min` bytes: just after a line feed where every
/// `-{` seen so far is closed and that lies in no kept zone (a comment, `<pre>` …), so both
/// halves resolve as the whole would. `None` if there is none yet.
fn safe_cut(text: &str, min: usize, format: Format) -> Option<usize> {
    if format == Format::Plain && crate::markup::find_marker(text, "-{").is_none() {
        // Plain text without markup: its only kept zones (URLs) never span a line.
        return text
            .as_bytes()
            .get(min.max(1) - 1..)?
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| min.max(1) + i);
    }
    let zones = format.zones(text);
    let mut kept: Vec<(usize, usize, bool)> = zones
        .hidden
        .iter()
        .map(|&(a, b)| (a, b, true))
        .chain(zones.unconverted.iter().map(|&(a, b)| (a, b, false)))
        .collect();
    kept.sort_unstable();
    let bytes = text.as_bytes();
    let mut next = kept.iter().peekable();
    let mut depth = 0usize;
    let mut covered = 0usize; // bytes before this are inside some zone
    let mut i = 0;
    while i < bytes.len() {
        while let Some(&&(a, b, hidden)) = next.peek() {
            if a > i {
                break;
            }
            next.next();
            covered = covered.max(b);
            if hidden && b > i {
                // Nothing inside a hidden zone is markup.
                i = b;
            }
        }
        if i >= bytes.len() {
            break;
        }
        match bytes[i] {
            b'-' if bytes.get(i + 1) == Some(&b'{') => {
                depth += 1;
                i += 2;
                continue;
            }
            b'}' if bytes.get(i + 1) == Some(&b'-') => {
                depth = depth.saturating_sub(1);
                i += 2;
                continue;
            }
            b'\n' if depth == 0 && i + 1 >= min && i + 1 >= covered => return Some(i + 1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Cuts a markup-free document `text` at safe line ends (see [`safe_cut`]) into about `n`
/// pieces: (offset, piece).
fn document_pieces(text: &str, n: usize, format: Format) -> Vec<(usize, &str)> {
    let size = (text.len() / n.max(1)).max(64 << 10);
    let zones = format.zones(text);
    let mut kept: Vec<(usize, usize)> = zones
        .hidden
        .iter()
        .chain(&zones.unconverted)
        .copied()
        .collect();
    kept.sort_unstable();
    let mut z = 0; // first zone that may still contain a candidate
    let mut pieces = Vec::new();
    let mut at = 0;
    let mut from = size;
    while from < text.len() {
        let Some(i) = text.as_bytes()[from..].iter().position(|&b| b == b'\n') else {
            break;
        };
        let cut = from + i + 1;
        while z < kept.len() && kept[z].1 < cut {
            z += 1;
        }
        match kept.get(z) {
            // Inside a zone: try again after it.
            Some(&(start, end)) if start < cut && cut < end => from = end,
            _ => {
                pieces.push((at, &text[at..cut]));
                at = cut;
                from = cut + size;
            }
        }
    }
    if at < text.len() {
        pieces.push((at, &text[at..]));
    }
    pieces
}

/// Reads from `reader` until `pending` holds `want` bytes (taking no more, so a reader that
/// hands out everything at once does not make every chunk move the rest of the input).
/// Returns whether the input ended.
fn fill<R: BufRead>(reader: &mut R, pending: &mut Vec<u8>, want: usize) -> io::Result<bool> {
    while pending.len() < want {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(true);
        }
        let n = buf.len().min(want - pending.len());
        pending.extend_from_slice(&buf[..n]);
        reader.consume(n);
    }
    Ok(false)
}

/// The longest valid UTF-8 prefix of `bytes` (validated once, with SIMD) and the error
/// after it.
fn valid_prefix(bytes: &[u8]) -> (&str, Option<simdutf8::compat::Utf8Error>) {
    match simdutf8::compat::from_utf8(bytes) {
        Ok(t) => (t, None),
        // SAFETY: `valid_up_to` bytes were just validated as UTF-8.
        Err(e) => (
            unsafe { std::str::from_utf8_unchecked(&bytes[..e.valid_up_to()]) },
            Some(e),
        ),
    }
}

/// `bytes` as a `String`, or the offset of the first invalid UTF-8 sequence (checked with
/// SIMD: several times faster than the standard library on CJK text).
pub(crate) fn string_from_utf8(bytes: Vec<u8>) -> Result<String, usize> {
    match simdutf8::compat::from_utf8(&bytes) {
        // SAFETY: just checked.
        Ok(_) => Ok(unsafe { String::from_utf8_unchecked(bytes) }),
        Err(e) => Err(e.valid_up_to()),
    }
}

/// Cuts `bytes` after line feeds into about `n` pieces of at least `min` bytes each. A
/// line feed never occurs inside a UTF-8 sequence, so the pieces of a `str` are `str`s.
fn split_lines(bytes: &[u8], n: usize, min: usize) -> Vec<&[u8]> {
    let size = (bytes.len() / n.max(1)).max(min);
    let mut pieces = Vec::new();
    let mut rest = bytes;
    while rest.len() > size {
        match memchr::memchr(b'\n', &rest[size..]) {
            Some(i) => {
                let (a, b) = rest.split_at(size + i + 1);
                pieces.push(a);
                rest = b;
            }
            None => break,
        }
    }
    if !rest.is_empty() {
        pieces.push(rest);
    }
    pieces
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Converter {
    /// A normalization converter for `variant` with default options.
    ///
    /// ```
    /// let c = zhnorm::Converter::new(zhnorm::Variant::Hans);
    /// assert_eq!(c.convert("這是繁體字。这是简体字。"), "这是繁体字。这是简体字。");
    /// ```
    pub fn new(variant: Variant) -> Converter {
        Converter::builder(variant).build()
    }

    /// A builder for a normalization converter.
    ///
    /// ```
    /// let c = zhnorm::Converter::builder(zhnorm::Variant::Hk).idioms(true).build();
    /// assert_eq!(c.convert("香港"), "香港");
    /// ```
    pub fn builder(variant: Variant) -> ConverterBuilder {
        ConverterBuilder {
            target: Target::Variant(variant),
            idioms: true,
            user: Rules::default(),
        }
    }

    /// A converter reproducing OpenCC 1.4.2's `config` byte for byte.
    ///
    /// ```
    /// let c = zhnorm::Converter::opencc(zhnorm::Config::S2twp);
    /// assert_eq!(c.convert("鼠标和软件"), "滑鼠和軟體");
    /// ```
    pub fn opencc(config: Config) -> Converter {
        Converter::opencc_builder(config).build()
    }

    /// A builder for an OpenCC-config converter (to add user rules).
    ///
    /// ```
    /// let c = zhnorm::Converter::opencc_builder(zhnorm::Config::S2t).keep("台").build();
    /// assert_eq!(c.convert("台湾"), "台灣");
    /// ```
    pub fn opencc_builder(config: Config) -> ConverterBuilder {
        ConverterBuilder {
            target: Target::Config(config),
            idioms: true,
            user: Rules::default(),
        }
    }

    /// Bytes of dictionary data this converter's tables read. The tables are embedded in
    /// the binary and read in place (mapped read-only, shared by every converter, never
    /// copied to the heap), so this is an upper bound on the memory they add.
    ///
    /// ```
    /// assert!(zhnorm::Converter::new(zhnorm::Variant::Hans).table_bytes() > 0);
    /// ```
    pub fn table_bytes(&self) -> usize {
        match &self.engine {
            Engine::Normalize(n) => n.table_bytes(),
            Engine::OpenCC(p) => p.table_bytes(),
            #[cfg(feature = "opencc")]
            Engine::Reference(_) => 0,
        }
    }

    fn convert_sentence(&self, text: &str, out: &mut String, scratch: &mut Scratch) {
        if let (Engine::Normalize(n), false) = (&self.engine, self.user.is_empty()) {
            // The script is decided on the whole sentence, not on the rules' fragments.
            let other = n.decide(text, scratch);
            return self
                .user
                .apply(text, out, |t, o| n.convert_decided(t, other, o, scratch));
        }
        if !self.user.is_empty() {
            return self
                .user
                .apply(text, out, |t, o| self.engine_sentence(t, o, scratch));
        }
        self.engine_sentence(text, out, scratch)
    }

    fn engine_sentence(&self, text: &str, out: &mut String, scratch: &mut Scratch) {
        match &self.engine {
            Engine::Normalize(n) => n.convert_sentence(text, out, scratch),
            Engine::OpenCC(p) => p.convert_sentence(text, out, scratch),
            // OpenCC fails only on invalid UTF-8, which a `&str` cannot hold.
            #[cfg(feature = "opencc")]
            Engine::Reference(r) => out.push_str(r.convert(text).as_deref().unwrap_or(text)),
        }
    }

    /// The end of the first unit `text` is converted in: a sentence, or for engines where
    /// nothing depends on the sentence (OpenCC configs without user rules) a run of whole
    /// sentences, which gives the same output with less work per sentence.
    fn unit_end(&self, text: &str, eof: bool) -> Option<usize> {
        if matches!(self.engine, Engine::Normalize(_)) || !self.user.is_empty() {
            sentence::first_sentence_end(text, eof)
        } else {
            sentence::first_run_end(text, eof)
        }
    }

    /// Calls `f` with every unit (see `unit_end`) of `text` in order.
    fn for_each_unit<'t>(&self, text: &'t str, f: impl FnMut(&'t str)) {
        sentence::for_each_piece(text, |t| self.unit_end(t, true), f);
    }

    fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => {
                s.other_script = false;
                f(&mut s)
            }
            Err(_) => f(&mut Scratch::default()),
        })
    }

    /// Converts `text`, borrowing it when nothing changes.
    ///
    /// ```
    /// use std::borrow::Cow;
    /// let c = zhnorm::Converter::new(zhnorm::Variant::Hant);
    /// assert!(matches!(c.convert("繁體中文"), Cow::Borrowed(_)));
    /// assert_eq!(c.convert("简体中文"), "簡體中文");
    /// ```
    pub fn convert<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let mut out = String::new();
        let mut unchanged = 0; // bytes of `text` known to convert to themselves
        let mut rest = text;
        Converter::with_scratch(|scratch| {
            while !rest.is_empty() {
                let end = self.unit_end(rest, true).unwrap_or(rest.len());
                let s = &rest[..end];
                if out.is_empty() {
                    let mark = out.len();
                    self.convert_sentence(s, &mut out, scratch);
                    if out[mark..] == *s {
                        out.clear();
                        unchanged += end;
                    } else {
                        let converted = std::mem::take(&mut out);
                        out.reserve(text.len() + text.len() / 8);
                        out.push_str(&text[..unchanged]);
                        out.push_str(&converted);
                    }
                } else {
                    self.convert_sentence(s, &mut out, scratch);
                }
                rest = &rest[end..];
            }
        });
        if unchanged == text.len() {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(out)
        }
    }

    /// Converts `text` and appends the result to `out`.
    ///
    /// ```
    /// let c = zhnorm::Converter::new(zhnorm::Variant::Hans);
    /// let mut out = String::from("> ");
    /// c.convert_into("頭髮", &mut out);
    /// assert_eq!(out, "> 头发");
    /// ```
    pub fn convert_into(&self, text: &str, out: &mut String) {
        out.reserve(text.len());
        Converter::with_scratch(|scratch| {
            self.for_each_unit(text, |s| self.convert_sentence(s, out, scratch));
        });
    }

    /// Converts a whole document: resolves MediaWiki conversion markup (`-{…}-`, page
    /// rules, word breaks) and leaves the format's verbatim zones (code, URLs, link
    /// destinations, HTML) byte for byte. OpenCC-config converters ignore markup and
    /// convert everything outside the verbatim zones.
    ///
    /// ```
    /// use zhnorm::{Converter, DocumentOptions, Format, Variant};
    /// let c = Converter::new(Variant::Hant);
    /// let opts = DocumentOptions { format: Format::Markdown, ..Default::default() };
    /// let doc = c.convert_document(
    ///     "[-{zh-hans:国家;zh-hant:國家;}-](../Page/国家.md \"wikilink\") 互-{}-联网 `国`",
    ///     opts,
    /// );
    /// assert_eq!(doc.text, "[國家](../Page/国家.md \"wikilink\") 互聯網 `国`");
    /// assert!(doc.warnings.is_empty());
    /// ```
    pub fn convert_document(&self, text: &str, options: DocumentOptions) -> Document {
        let zones = options.format.zones(text);
        let markup = options.markup || options.format != Format::Plain;
        match &self.engine {
            Engine::Normalize(n) if markup => {
                let mut resolver =
                    Resolver::with_rules(text, Code::of(n.variant), n.idioms, &zones, &self.user);
                let mut out = String::with_capacity(text.len() + text.len() / 8);
                resolver.run(&mut out);
                Document {
                    text: out,
                    warnings: resolver.warnings,
                }
            }
            _ => {
                let mut out = String::with_capacity(text.len() + text.len() / 8);
                let mut p = 0;
                let mut kept: Vec<(usize, usize)> = zones
                    .hidden
                    .iter()
                    .chain(&zones.unconverted)
                    .copied()
                    .collect();
                kept.sort_unstable();
                for (s, e) in kept {
                    if s >= p {
                        self.convert_into(&text[p..s], &mut out);
                        out.push_str(&text[s..e]);
                        p = e;
                    }
                }
                self.convert_into(&text[p..], &mut out);
                Document {
                    text: out,
                    warnings: Vec::new(),
                }
            }
        }
    }

    /// Streams a plain-text or wikitext document with conversion markup through the
    /// converter in bounded memory: the input is cut at line ends outside `-{ … }-`
    /// constructs (after at least 1 MiB), and page rules carry over from chunk to chunk,
    /// so the output equals [`convert_document`](Self::convert_document) of the whole text.
    /// Markdown needs the whole document (its tokenizer does) and is read whole.
    ///
    /// # Errors
    ///
    /// As [`convert_reader`](Self::convert_reader).
    ///
    /// ```
    /// use zhnorm::{Converter, DocumentOptions, Variant};
    /// let c = Converter::new(Variant::Tw);
    /// let mut out = Vec::new();
    /// let warnings = c.convert_document_reader("-{H|zh-cn:甲;zh-tw:乙}-\n甲\n".as_bytes(), &mut out, DocumentOptions::default())?;
    /// assert_eq!(out, "\n乙\n".as_bytes());
    /// assert!(warnings.is_empty());
    /// # Ok::<(), zhnorm::Error>(())
    /// ```
    pub fn convert_document_reader<R: BufRead, W: Write>(
        &self,
        reader: R,
        writer: W,
        options: DocumentOptions,
    ) -> Result<Vec<Warning>, Error> {
        self.document_reader(reader, writer, options, false)
    }

    /// [`convert_document_reader`](Self::convert_document_reader) on all threads of the
    /// current rayon pool: stretches without conversion markup (where page rules cannot
    /// change) are cut at line ends and converted in parallel; output and warnings are
    /// identical.
    ///
    /// # Errors
    ///
    /// As [`convert_reader`](Self::convert_reader).
    ///
    /// ```
    /// use zhnorm::{Converter, DocumentOptions, Variant};
    /// let c = Converter::new(Variant::Tw);
    /// let text = "-{H|zh-cn:甲;zh-tw:乙}-\n".to_string() + &"甲和软件。\n".repeat(200_000);
    /// let mut out = Vec::new();
    /// c.convert_document_reader_parallel(text.as_bytes(), &mut out, DocumentOptions::default())?;
    /// assert_eq!(out, c.convert_document(&text, DocumentOptions::default()).text.as_bytes());
    /// # Ok::<(), zhnorm::Error>(())
    /// ```
    pub fn convert_document_reader_parallel<R: BufRead, W: Write>(
        &self,
        reader: R,
        writer: W,
        options: DocumentOptions,
    ) -> Result<Vec<Warning>, Error> {
        self.document_reader(reader, writer, options, true)
    }

    fn document_reader<R: BufRead, W: Write>(
        &self,
        mut reader: R,
        mut writer: W,
        options: DocumentOptions,
        parallel: bool,
    ) -> Result<Vec<Warning>, Error> {
        let markup = options.markup || options.format != Format::Plain;
        let normalizer = match &self.engine {
            // Markdown needs the whole document (its tokenizer does): read whole below.
            Engine::Normalize(n) if markup && options.format != Format::Markdown => n,
            _ if options.format == Format::Plain => {
                if parallel {
                    self.convert_reader_parallel(reader, writer)?;
                } else {
                    self.convert_reader(reader, writer)?;
                }
                return Ok(Vec::new());
            }
            _ => {
                let mut bytes = Vec::new();
                reader.read_to_end(&mut bytes)?;
                let text = string_from_utf8(bytes).map_err(|at| Error::invalid_utf8(at as u64))?;
                let doc = self.convert_document(&text, options);
                writer.write_all(doc.text.as_bytes())?;
                writer.flush()?;
                return Ok(doc.warnings);
            }
        };
        let mut pending: Vec<u8> = Vec::new();
        let mut eof = false;
        if parallel {
            // A small input is converted on this thread (without starting rayon's pool).
            eof = fill(&mut reader, &mut pending, 1 << 20)?;
        }
        let threads = if parallel && !eof {
            rayon::current_num_threads()
        } else {
            1
        };
        let chunk: usize = if threads > 1 {
            (1 << 20) * threads * 2
        } else {
            1 << 20
        };
        let max_chunk: usize = (16 << 20).max(chunk * 4);
        let code = Code::of(normalizer.variant);
        let mut rules: Option<Vec<Rules>> = None;
        let mut warnings = Vec::new();
        let (mut base, mut base_lines) = (0u64, 0usize);
        let mut checked = 0; // `pending[..checked]` is known to be UTF-8
        let mut out = String::new();
        let mut want = chunk + chunk / 4; // bytes to buffer before looking for a cut
        while !(eof && pending.is_empty()) {
            if !eof {
                eof = fill(&mut reader, &mut pending, want)?;
            }
            // Only the bytes not checked yet are checked (a chunk's rest stays pending).
            let (valid, bad) = {
                let (more, bad) = valid_prefix(&pending[checked..]);
                checked += more.len();
                // SAFETY: `pending[..checked]` was found to be UTF-8, part by part, each part
                // ending at a character end.
                (
                    unsafe { std::str::from_utf8_unchecked(&pending[..checked]) },
                    bad,
                )
            };
            let cut = if eof {
                Some(pending.len())
            } else {
                safe_cut(valid, chunk, options.format)
            };
            let cut = match cut {
                Some(c) => c,
                None if pending.len() >= max_chunk => pending
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(pending.len(), |i| i + 1),
                None => {
                    // No safe cut yet: buffer another chunk before looking again, so an
                    // unclosed construct costs a bounded number of rescans.
                    want = pending.len() + chunk;
                    continue;
                }
            };
            want = chunk + chunk / 4;
            let text = match bad {
                _ if cut <= valid.len() => &valid[..cut],
                // A forced cut inside a character that is still arriving: cut before it.
                Some(e) if e.error_len().is_none() && !eof => valid,
                _ => return Err(Error::invalid_utf8(base + valid.len() as u64)),
            };
            let cut = text.len();
            if threads > 1
                && text.len() > 512 << 10
                && crate::markup::find_marker(text, "-{").is_none()
            {
                // No markup: page rules stay as they are, so pieces convert independently.
                let pieces = document_pieces(text, threads * 4, options.format);
                let incoming = rules.take();
                let results: Vec<(String, Vec<Warning>)> = {
                    use rayon::prelude::*;
                    pieces
                        .par_iter()
                        .map(|&(at, piece)| {
                            let zones = options.format.zones(piece);
                            let mut resolver = Resolver::with_rules(
                                piece,
                                code,
                                normalizer.idioms,
                                &zones,
                                &self.user,
                            );
                            if let Some(r) = &incoming {
                                resolver.set_rules(r.clone());
                            }
                            let mut out = String::with_capacity(piece.len() + piece.len() / 8);
                            resolver.run(&mut out);
                            let mut ws = std::mem::take(&mut resolver.warnings);
                            let lines = if ws.is_empty() {
                                0
                            } else {
                                crate::sentence::count_lines(&text.as_bytes()[..at])
                            };
                            for w in &mut ws {
                                w.offset += at;
                                w.line += lines;
                            }
                            (out, ws)
                        })
                        .collect()
                };
                for (out, ws) in results {
                    for mut w in ws {
                        w.offset += base as usize;
                        w.line += base_lines;
                        warnings.push(w);
                    }
                    writer.write_all(out.as_bytes())?;
                }
                rules = incoming;
                base += cut as u64;
                base_lines += crate::sentence::count_lines(text.as_bytes());
                pending.drain(..cut);
                checked -= cut;
                continue;
            }
            let zones = options.format.zones(text);
            let mut resolver =
                Resolver::with_rules(text, code, normalizer.idioms, &zones, &self.user);
            if let Some(r) = rules.take() {
                resolver.set_rules(r);
            }
            out.clear();
            resolver.run(&mut out);
            for mut w in std::mem::take(&mut resolver.warnings) {
                w.offset += base as usize;
                w.line += base_lines;
                warnings.push(w);
            }
            rules = Some(resolver.into_rules());
            writer.write_all(out.as_bytes())?;
            base += cut as u64;
            base_lines += crate::sentence::count_lines(text.as_bytes());
            pending.drain(..cut);
            checked -= cut;
        }
        writer.flush()?;
        Ok(warnings)
    }

    /// Converts `text` on all threads of the current rayon pool: the text is cut after line
    /// feeds (where no phrase, grapheme cluster or script decision crosses), the pieces are
    /// converted in parallel and joined in order, so the result equals
    /// [`convert`](Self::convert) byte for byte. Conversion markup is not resolved (use
    /// [`convert_document`](Self::convert_document): page rules need the text before them).
    ///
    /// ```
    /// let c = zhnorm::Converter::new(zhnorm::Variant::Hant);
    /// let text = "汉字和头发。\n".repeat(100_000);
    /// assert_eq!(c.convert_parallel(&text), c.convert(&text));
    /// ```
    pub fn convert_parallel(&self, text: &str) -> String {
        use rayon::prelude::*;
        let pieces = split_lines(text.as_bytes(), rayon::current_num_threads() * 4, 64 << 10);
        let parts: Vec<Cow<str>> = pieces
            .par_iter()
            // SAFETY: the pieces of a `str` cut after line feeds are `str`s.
            .map(|p| self.convert(unsafe { std::str::from_utf8_unchecked(p) }))
            .collect();
        // Join in parallel too: copying (and first touching) the output is a sizeable part
        // of the work once conversion itself is split.
        let total: usize = parts.iter().map(|p| p.len()).sum();
        let mut out: Vec<u8> = Vec::with_capacity(total);
        let mut dest: Vec<&mut [std::mem::MaybeUninit<u8>]> = Vec::with_capacity(parts.len());
        let mut spare = &mut out.spare_capacity_mut()[..total];
        for p in &parts {
            let (d, rest) = spare.split_at_mut(p.len());
            dest.push(d);
            spare = rest;
        }
        dest.into_par_iter()
            .zip(parts.par_iter())
            .for_each(|(d, p)| {
                for (d, s) in d.iter_mut().zip(p.as_bytes()) {
                    d.write(*s);
                }
            });
        // SAFETY: the parts cover `out[..total]` exactly and every byte was written above.
        unsafe { out.set_len(total) };
        // SAFETY: the concatenation of `str`s is UTF-8.
        unsafe { String::from_utf8_unchecked(out) }
    }

    /// [`convert_reader`](Self::convert_reader) on all threads of the current rayon pool:
    /// reads blocks of a few MiB, cuts them after line feeds and converts the pieces in
    /// parallel, writing them in order. The output equals `convert_reader`'s; memory stays
    /// bounded by the block size unless a single line is larger.
    ///
    /// # Errors
    ///
    /// As [`convert_reader`](Self::convert_reader).
    ///
    /// ```
    /// let c = zhnorm::Converter::opencc(zhnorm::Config::S2t);
    /// let mut out = Vec::new();
    /// c.convert_reader_parallel("汉字\n头发\n".as_bytes(), &mut out)?;
    /// assert_eq!(out, "漢字\n頭髮\n".as_bytes());
    /// # Ok::<(), zhnorm::Error>(())
    /// ```
    pub fn convert_reader_parallel<R: BufRead, W: Write>(
        &self,
        mut reader: R,
        mut writer: W,
    ) -> Result<u64, Error> {
        use rayon::prelude::*;
        let mut pending: Vec<u8> = Vec::new();
        // A small input is converted on this thread (without starting rayon's pool).
        if fill(&mut reader, &mut pending, 1 << 20)? {
            return self.convert_reader(&pending[..], writer);
        }
        let threads = rayon::current_num_threads();
        let block = (4 << 20) * threads;
        let mut consumed = 0u64;
        let mut eof = false;
        let mut want = block;
        while !(eof && pending.is_empty()) {
            if !eof {
                eof = fill(&mut reader, &mut pending, want)?;
            }
            let cut = if eof {
                pending.len()
            } else {
                match pending.iter().rposition(|&b| b == b'\n') {
                    Some(i) => i + 1,
                    None => {
                        // One line longer than a block: read another block before looking.
                        want = pending.len() + block;
                        continue;
                    }
                }
            };
            want = block;
            // Each piece is checked for UTF-8 on its own thread: checking the block first
            // would be a serial step as long as a good part of the conversion.
            let pieces = split_lines(&pending[..cut], threads * 4, 256 << 10);
            let parts: Vec<Result<Cow<str>, usize>> = pieces
                .par_iter()
                .map(|p| match simdutf8::compat::from_utf8(p) {
                    Ok(text) => Ok(self.convert(text)),
                    Err(e) => Err(e.valid_up_to()),
                })
                .collect();
            let mut at = consumed;
            for (part, piece) in parts.iter().zip(&pieces) {
                match part {
                    Ok(p) => writer.write_all(p.as_bytes())?,
                    Err(valid) => return Err(Error::invalid_utf8(at + *valid as u64)),
                }
                at += piece.len() as u64;
            }
            consumed += cut as u64;
            pending.drain(..cut);
        }
        writer.flush()?;
        Ok(consumed)
    }

    /// Streams `reader` through the converter into `writer` in bounded memory.
    ///
    /// Input is cut only between sentences (see the crate docs), so no phrase and no
    /// grapheme cluster is ever split: the output equals [`convert`](Self::convert) of the
    /// whole input. Returns the number of bytes read.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidUtf8`](crate::ErrorKind::InvalidUtf8) with the byte offset of
    /// the first invalid byte (output before that sentence has been written), or
    /// [`ErrorKind::Io`](crate::ErrorKind::Io).
    ///
    /// ```
    /// let c = zhnorm::Converter::new(zhnorm::Variant::Hant);
    /// let mut out = Vec::new();
    /// c.convert_reader("汉字。\n".as_bytes(), &mut out).unwrap();
    /// assert_eq!(out, "漢字。\n".as_bytes());
    /// ```
    pub fn convert_reader<R: BufRead, W: Write>(
        &self,
        mut reader: R,
        mut writer: W,
    ) -> Result<u64, Error> {
        let mut pending: Vec<u8> = Vec::new(); // bytes read but not yet converted
        let mut consumed: u64 = 0; // input bytes before `pending`
        let mut out = String::new();
        let mut eof = false;
        let mut scratch = Scratch::default();
        loop {
            if !eof {
                let want = pending.len() + (64 << 10);
                eof = fill(&mut reader, &mut pending, want)?;
            }
            // The longest valid UTF-8 prefix; an incomplete sequence at the end waits for more.
            let (text, bad) = valid_prefix(&pending);
            if let Some(e) = bad {
                if e.error_len().is_some() || eof {
                    return Err(Error::invalid_utf8(consumed + e.valid_up_to() as u64));
                }
            }
            let valid = text.len();
            let at_end = eof && valid == pending.len();
            let mut done = 0;
            out.clear();
            while done < text.len() {
                match self.unit_end(&text[done..], at_end) {
                    Some(end) => {
                        self.convert_sentence(&text[done..done + end], &mut out, &mut scratch);
                        done += end;
                    }
                    None => break,
                }
            }
            writer.write_all(out.as_bytes())?;
            pending.drain(..done);
            consumed += done as u64;
            if eof && pending.is_empty() {
                break;
            }
            if eof && done == 0 {
                // Cannot happen: with `at_end` every sentence is decided.
                return Err(Error::invalid_utf8(consumed));
            }
        }
        writer.flush()?;
        Ok(consumed)
    }
}
