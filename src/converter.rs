//! The public [`Converter`]: one engine for normalization targets and OpenCC configs.

use std::borrow::Cow;
use std::io::{BufRead, Write};

use crate::engine::{self, Engine};
use crate::error::Error;
use crate::format::Format;
use crate::markup::Warning;
use crate::rules::Rules;
use crate::stream;
use crate::variant::Style;
use crate::{Config, Forms, Variant, Vocabulary};

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
    style: Style,
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
        self.style.vocabulary = if yes {
            Vocabulary::Common
        } else {
            Vocabulary::None
        };
        self
    }

    /// How much regional vocabulary cn, tw, hk and mo apply (see [`Vocabulary`]);
    /// [`Vocabulary::Common`] by default. `idioms(false)` is `Vocabulary::None`.
    ///
    /// ```
    /// use zhnorm::{Converter, Variant, Vocabulary};
    /// let full = Converter::builder(Variant::Tw).vocabulary(Vocabulary::Full).build();
    /// assert_eq!(full.convert("打开项目"), "開啟專案");
    /// ```
    pub fn vocabulary(mut self, vocabulary: Vocabulary) -> Self {
        self.style.vocabulary = vocabulary;
        self
    }

    /// The character forms of the `hant` target (see [`Forms`]); other targets ignore it.
    /// [`Forms::Common`] by default.
    ///
    /// ```
    /// use zhnorm::{Converter, Forms, Variant};
    /// assert_eq!(Converter::new(Variant::Hant).convert("为众人"), "為眾人");
    /// let opencc = Converter::builder(Variant::Hant).forms(Forms::Opencc).build();
    /// assert_eq!(opencc.convert("为众人"), "爲衆人");
    /// ```
    pub fn forms(mut self, forms: Forms) -> Self {
        self.style.forms = forms;
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
            Target::Variant(v) => Engine::normalize(v, self.style),
            Target::Config(c) => Engine::OpenCC(engine::Pipeline::new(c)),
        };
        let user = self.user.clone();
        user.prepare();
        Converter { engine, user }
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
        let target = match self.target {
            Target::Variant(v) => Some(v),
            Target::Config(_) => None,
        };
        crate::dictionary::parse(text, target, &mut self.user)?;
        Ok(self)
    }
}

/// Options for [`Converter::convert_document`].
///
/// ```
/// use zhnorm::{DocumentOptions, Format, Markup};
/// let opts = DocumentOptions { format: Format::Markdown, ..Default::default() };
/// assert_eq!(opts.markup, Markup::Render);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DocumentOptions {
    /// What kind of document it is (decides what is left verbatim).
    pub format: Format,
    /// What becomes of `-{ … }-` conversion markup: resolved ([`Markup::Render`]), kept as
    /// written and honoured ([`Markup::Source`]) or read as text ([`Markup::Off`]). Only
    /// plain text can turn it off; structured formats such as JSON never resolve it: see
    /// [`Format::markup`].
    pub markup: Markup,
}

impl Default for DocumentOptions {
    fn default() -> Self {
        DocumentOptions {
            format: Format::Plain,
            markup: Markup::Render,
        }
    }
}

/// How [`Converter::convert_stream`] reads its input: as plain text or as a document, on
/// one thread or on all threads of the current rayon pool.
///
/// ```
/// use zhnorm::{DocumentOptions, Format, StreamOptions};
/// // Plain text, one thread: what `convert` does (an OpenCC config is byte-exact).
/// let text = StreamOptions::default();
/// // A Markdown document on every thread of the pool.
/// let md = StreamOptions {
///     document: Some(DocumentOptions { format: Format::Markdown, ..Default::default() }),
///     parallel: true,
/// };
/// # let _ = (text, md);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct StreamOptions {
    /// `None`: the input is plain text converted as [`Converter::convert`] converts it
    /// (no markup, no formats). `Some`: a document, as
    /// [`Converter::convert_document`] converts it.
    pub document: Option<DocumentOptions>,
    /// Convert on all threads of the current rayon pool (install a pool to choose how
    /// many). The output is identical either way.
    pub parallel: bool,
}

/// What [`Converter::convert_stream`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Streamed {
    /// Bytes read from the input.
    pub bytes: u64,
    /// Problems found in conversion markup (kept as text), with positions in the input;
    /// at most 100, then one last warning counting those left out. Always empty for plain
    /// text.
    pub warnings: Vec<Warning>,
}

/// What a document conversion does with MediaWiki conversion markup (`-{ … }-`).
///
/// ```
/// use zhnorm::{Converter, DocumentOptions, Format, Markup, Variant};
/// let c = Converter::new(Variant::Tw);
/// let text = "这是 -{台湾}- 的软件";
/// let render = DocumentOptions { format: Format::Markdown, markup: Markup::Render };
/// assert_eq!(c.convert_document(text, render).text, "這是 台湾 的軟體");
/// let source = DocumentOptions { format: Format::Markdown, markup: Markup::Source };
/// assert_eq!(c.convert_document(text, source).text, "這是 -{台湾}- 的軟體");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Markup {
    /// Resolve it: every construct is replaced by what it shows for the target and page
    /// rules (`-{H|…}-`) apply to the text after them. For output that is read (an article
    /// rendered for one variant).
    #[default]
    Render,
    /// Keep every construct exactly as written, but honour it: the text around the
    /// constructs is converted with the page rules in force, protected text stays. For
    /// rewriting a source file (the CLI's `-w`, `--check`, `--diff`): converting the
    /// result again changes nothing.
    Source,
    /// No markup: `-{` is text like any other (plain text only).
    Off,
}

/// The result of [`Converter::convert_document`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Document {
    /// The converted text.
    pub text: String,
    /// Problems found in the markup (kept as text), with positions in the input.
    pub warnings: Vec<Warning>,
    /// Characters of Chinese script (CJK ideographs) that the format kept as written:
    /// in code, tags, keys, `msgid`s, URLs, ignore comments (not those of markup that
    /// protects them). How much text a format choice left unconverted.
    pub kept: usize,
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
            style: Style::default(),
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
            style: Style::default(),
            user: Rules::default(),
        }
    }

    /// Bytes of dictionary data this converter's tables read. The tables are embedded in
    /// the binary and read in place (mapped read-only, shared by every converter); the
    /// large tables add a map of the three-byte characters built once on first use
    /// (about 110 KB each, also shared), and a script table with a regional post-stage
    /// composed into it a second such map, counted here. An upper bound on the memory they
    /// add.
    /// With the `compressed-tables` feature the tables are expanded into memory on first use
    /// instead (also shared, kept for the life of the process): the figure is the same, all
    /// of it on the heap.
    ///
    /// ```
    /// assert!(zhnorm::Converter::new(zhnorm::Variant::Hans).table_bytes() > 0);
    /// ```
    pub fn table_bytes(&self) -> usize {
        self.engine.table_bytes()
    }

    /// Why [`convert`](Self::convert) changes what it changes: each change of `text`, in
    /// order, with the input's byte range and text, the output's text, the steps that made
    /// it (user rule or table match: stage, table, key and value, and the dictionary file
    /// and line the entry comes from) and, in normalization, the script decision of its
    /// clause with its weight in bits. Replacing each change's input range by its `to`
    /// gives exactly `convert(text)`. Plain text, as `convert` (no markup, no formats).
    ///
    /// Slower than `convert` (every stage is traced, and the provenance index is built on
    /// the first call): for showing a reader why, not for converting.
    ///
    /// ```
    /// use zhnorm::{ClauseScript, Converter, Stage, Variant};
    /// let c = Converter::new(Variant::Tw);
    /// let changes = c.explain("这个软件很好用。");
    /// let software = changes.iter().find(|c| c.from == "软件").unwrap();
    /// assert_eq!(software.to, "軟體");
    /// assert_eq!(&"这个软件很好用。"[software.input.clone()], "软件");
    /// // 软件 → 軟件 (OpenCC's phrases), then 軟件 → 軟體 (Taiwan vocabulary).
    /// let post = software.steps.iter().find(|s| s.stage == Stage::Post).unwrap();
    /// assert_eq!(post.source.unwrap().file, "opencc/TWPhrases.txt");
    /// assert_eq!(software.clause.unwrap().script, ClauseScript::Other);
    /// ```
    pub fn explain(&self, text: &str) -> Vec<crate::Change> {
        crate::explain::explain(&self.engine, &self.user, text)
    }

    /// The words `converted` changes in `original`, where `converted` is what this
    /// converter made of `original` ([`convert`](Self::convert) or
    /// [`convert_document`](Self::convert_document), markup kept as [`Markup::Source`]
    /// keeps it): each with its position (line, column in characters after any byte order
    /// mark, byte offsets), the original and converted word, the steps that made it and
    /// the script decision of its clause (see [`Finding`](crate::Finding)). In order, not
    /// overlapping; replacing each finding's span by its `to` gives `converted`.
    ///
    /// ```
    /// use zhnorm::{Converter, DocumentOptions, Format, Markup, Rule, Variant, Vocabulary};
    /// let c = Converter::builder(Variant::Tw).vocabulary(Vocabulary::Full).build();
    /// let text = "{\"支持\": \"支持这个文档\"}";
    /// let options = DocumentOptions { format: Format::Json, markup: Markup::Source };
    /// let out = c.convert_document(text, options).text;
    /// let found = c.findings(text, &out);
    /// let words: Vec<_> = found.iter().map(|f| (f.from.as_str(), f.to.as_str())).collect();
    /// // The key is not a finding; the value's words are, whole.
    /// assert_eq!(words, [("支持", "支援"), ("这个", "這個"), ("文档", "文件")]);
    /// assert_eq!(found[0].start.column, 9);
    /// assert_eq!(found[0].rule(), Rule::Vocabulary);
    /// ```
    pub fn findings(&self, original: &str, converted: &str) -> Vec<crate::Finding> {
        let mut all = Vec::new();
        self.for_each_finding(original, converted, |f| all.push(f));
        all
    }

    /// [`findings`](Self::findings) handed to `f` one by one, in order: a caller that
    /// lists a few and counts the rest holds only those it keeps.
    pub fn for_each_finding(&self, original: &str, converted: &str, f: impl FnMut(crate::Finding)) {
        crate::finding::findings(original, converted, |line| self.explain(line), f)
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
        self.engine.convert(text, &self.user)
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
        self.engine.convert_into(text, &self.user, out)
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
        crate::document::convert_document(&self.engine, &self.user, text, options)
    }

    /// Streams `reader` through the converter into `writer`: the one streaming entry point,
    /// for plain text and documents, on one thread or many ([`StreamOptions`]). The output
    /// equals what [`convert`](Self::convert) (plain text) or
    /// [`convert_document`](Self::convert_document) (a document) gives for the whole input.
    ///
    /// Memory: plain text is cut between sentences (one thread) or after line feeds in
    /// blocks of a few MiB (parallel), so it stays bounded by the block size unless a line
    /// is larger. Plain text and wikitext documents are cut at line ends outside `-{ … }-`
    /// constructs and kept zones (page rules carry over); Markdown, HTML and the structured
    /// formats (JSON, PO, YAML, code …) are read whole, as their scanners need.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidUtf8`](crate::ErrorKind::InvalidUtf8) with the byte offset of
    /// the first invalid byte (output before it may have been written),
    /// [`ErrorKind::Io`](crate::ErrorKind::Io), or
    /// [`ErrorKind::NoSafeCut`](crate::ErrorKind::NoSafeCut) when 1 GiB of a document
    /// holds no place to cut.
    ///
    /// ```
    /// use zhnorm::{Config, Converter, DocumentOptions, StreamOptions, Variant};
    /// let c = Converter::opencc(Config::S2t);
    /// let mut out = Vec::new();
    /// let done = c.convert_stream("汉字\n头发\n".as_bytes(), &mut out, StreamOptions::default())?;
    /// assert_eq!(out, "漢字\n頭髮\n".as_bytes());
    /// assert_eq!(done.bytes, 14);
    ///
    /// let c = Converter::new(Variant::Tw);
    /// let doc = StreamOptions { document: Some(DocumentOptions::default()), parallel: true };
    /// let mut out = Vec::new();
    /// let done = c.convert_stream("-{H|zh-cn:甲;zh-tw:乙}-\n甲\n".as_bytes(), &mut out, doc)?;
    /// assert_eq!(out, "\n乙\n".as_bytes());
    /// assert!(done.warnings.is_empty());
    /// # Ok::<(), zhnorm::Error>(())
    /// ```
    pub fn convert_stream<R: BufRead, W: Write>(
        &self,
        reader: R,
        writer: W,
        options: StreamOptions,
    ) -> Result<Streamed, Error> {
        let mut reader = Counted {
            inner: reader,
            bytes: 0,
        };
        let warnings = match options.document {
            Some(o) => stream::convert_document_reader(
                &self.engine,
                &self.user,
                &mut reader,
                writer,
                o,
                options.parallel,
            )?,
            None if options.parallel => {
                stream::convert_reader_parallel(&self.engine, &self.user, &mut reader, writer)?;
                Vec::new()
            }
            None => {
                stream::convert_reader(&self.engine, &self.user, &mut reader, writer)?;
                Vec::new()
            }
        };
        Ok(Streamed {
            bytes: reader.bytes,
            warnings,
        })
    }

    /// Streams a plain-text or wikitext document with conversion markup through the
    /// converter: the input is cut at line ends outside `-{ … }-` constructs and kept zones
    /// (after at least 1 MiB), and page rules carry over from chunk to chunk, so the output
    /// equals [`convert_document`](Self::convert_document) of the whole text. Memory is
    /// bounded by the longest stretch without such a cut (a line, a construct, an unclosed
    /// `<pre>`), never by the input. Markdown needs the whole document (its tokenizer does)
    /// and is read whole.
    ///
    /// # Errors
    ///
    /// As [`convert_reader`](Self::convert_reader), and
    /// [`ErrorKind::NoSafeCut`](crate::ErrorKind::NoSafeCut) when 1 GiB holds no cut.
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
    #[deprecated(
        since = "0.2.0",
        note = "use `convert_stream` with `StreamOptions { document: Some(options), parallel: false }`"
    )]
    pub fn convert_document_reader<R: BufRead, W: Write>(
        &self,
        reader: R,
        writer: W,
        options: DocumentOptions,
    ) -> Result<Vec<Warning>, Error> {
        stream::convert_document_reader(&self.engine, &self.user, reader, writer, options, false)
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
    #[deprecated(
        since = "0.2.0",
        note = "use `convert_stream` with `StreamOptions { document: Some(options), parallel: true }`"
    )]
    pub fn convert_document_reader_parallel<R: BufRead, W: Write>(
        &self,
        reader: R,
        writer: W,
        options: DocumentOptions,
    ) -> Result<Vec<Warning>, Error> {
        stream::convert_document_reader(&self.engine, &self.user, reader, writer, options, true)
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
    #[deprecated(
        since = "0.2.0",
        note = "use `convert_stream` with `StreamOptions { parallel: true, ..Default::default() }`"
    )]
    pub fn convert_parallel(&self, text: &str) -> String {
        stream::convert_parallel(&self.engine, &self.user, text)
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
    #[deprecated(
        since = "0.2.0",
        note = "use `convert_stream` with `StreamOptions { parallel: true, ..Default::default() }`"
    )]
    pub fn convert_reader_parallel<R: BufRead, W: Write>(
        &self,
        reader: R,
        writer: W,
    ) -> Result<u64, Error> {
        stream::convert_reader_parallel(&self.engine, &self.user, reader, writer)
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
    #[deprecated(
        since = "0.2.0",
        note = "use `convert_stream` with `StreamOptions::default()`"
    )]
    pub fn convert_reader<R: BufRead, W: Write>(&self, reader: R, writer: W) -> Result<u64, Error> {
        stream::convert_reader(&self.engine, &self.user, reader, writer)
    }
}

/// A reader that counts the bytes consumed from it.
struct Counted<R> {
    inner: R,
    bytes: u64,
}

impl<R: std::io::Read> std::io::Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.bytes += amt as u64;
        self.inner.consume(amt);
    }
}
