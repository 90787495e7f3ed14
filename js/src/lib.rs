//! `zhnorm` for JavaScript: the wasm-bindgen layer behind the npm package (js/README.md).
//!
//! Options arrive as plain JS objects and are checked here, so every bad name or type is a
//! JS `Error` whose message lists what is accepted. Results are plain JS objects whose
//! positions (`start`, `end`, `index`) are indices into the JS string (UTF-16 code
//! units), ready for `slice`. Nothing here starts a thread: only the library's
//! single-threaded entry points are called.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use zhnorm::{
    Config, DocumentOptions, Format, FormatChoice, Forms, Markup, Variant, Vocabulary, Warning,
};

mod utf16;

use utf16::Utf16Index;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** A normalization target: hans, hant, cn, tw, hk, mo, sg, my (also zh-hant, zh-Hant-TW …). */
export type Target = "hans" | "hant" | "cn" | "tw" | "hk" | "mo" | "sg" | "my" | (string & {});
/** One of OpenCC 1.4.2's configs. */
export type OpenccConfig =
  | "s2t" | "t2s" | "s2tw" | "tw2s" | "s2hk" | "hk2s" | "s2twp" | "tw2sp" | "s2hkp"
  | "hk2sp" | "t2tw" | "tw2t" | "t2hk" | "hk2t" | "t2jp" | "jp2t" | (string & {});
/** What becomes of `-{…}-` conversion markup: resolved, kept as written and honoured, or read as text. */
export type MarkupMode = "render" | "source" | "off";

/** Options of `normalize` (all optional). */
export interface NormalizeOptions {
  /** The target variant; default "hant". */
  to?: Target;
  /** The document format: plain (default), markdown, wikitext, html, xml, json, yaml, po,
   *  properties, strings, subtitles, rust, python, javascript, go, java, c, shell, or auto. */
  format?: string;
  /** Default "render". */
  markup?: MarkupMode;
  /** hant's character forms: "common" (為 裡 才, default) or "opencc" (爲 裏 纔). */
  forms?: "common" | "opencc";
  /** Regional vocabulary of cn/tw/hk/mo: "common" (default), "full" or "none". */
  vocabulary?: "common" | "full" | "none";
}

/** Options of `new Converter` (all optional): `to` or `config`, not both. */
export interface ConverterOptions extends NormalizeOptions {
  /** An OpenCC config instead of a target: converts exactly as OpenCC 1.4.2 (no markup). */
  config?: OpenccConfig;
  /** Words never converted. */
  keep?: string[];
  /** Rules `{from: to}` that win over every dictionary. */
  rules?: Record<string, string>;
  /** A user dictionary's text: OpenCC `key<TAB>value` lines or MediaWiki rules (`zh-cn:…;zh-tw:…;`). */
  dictionary?: string;
}

/** Options of `Converter.convertDocument`; the converter's own when left out. */
export interface DocumentOptions {
  format?: string;
  markup?: MarkupMode;
}

/** A problem in the conversion markup, which was kept as text. */
export interface MarkupWarning {
  /** 1-based line and column (in characters). */
  line: number;
  column: number;
  /** Index in the input string (UTF-16 code units). */
  index: number;
  message: string;
}

/** The result of `convertDocument`. */
export interface ConvertedDocument {
  text: string;
  warnings: MarkupWarning[];
  /** Han characters the format kept as written (code, keys, URLs …). */
  kept: number;
}

/** One table match (or user rule) that rewrote text. */
export interface Step {
  /** "user", "pre", "script", "post", "compat", "stage 1" … */
  stage: string;
  /** What matched, e.g. "Taiwan vocabulary (TWPhrases)". */
  table: string;
  key: string;
  value: string;
  /** The dictionary file and line, e.g. "opencc/TWPhrases.txt:1234", when known. */
  source: string | null;
  pass: number;
}

/** The script decision of a clause (normalization only). */
export interface Clause {
  script: "other script" | "target script" | "undecided";
  /** The clause's weights in bits towards the other script (±3 decide). */
  bits: number;
  inherited: boolean;
}

/** One change `explain` finds: `text.slice(start, end)` became `to`. */
export interface Change {
  start: number;
  end: number;
  from: string;
  to: string;
  steps: Step[];
  clause: Clause | null;
}

/** One converted word of a document (`findings`): `original.slice(start, end)` became `to`. */
export interface Finding extends Change {
  /** 1-based line and column (characters) of the word in the original. */
  line: number;
  column: number;
  /** "script", "forms", "vocabulary", "user", "opencc" or "other". */
  rule: string;
  /** The tables and dictionary line that made it, or null when not traced. */
  reason: string | null;
}

/** Script statistics of a text. */
export interface Report {
  simplified: number;
  traditional: number;
  shared: number;
  han: number;
  /** The more likely script, or null without script-specific characters. */
  likely: "hans" | "hant" | null;
  /** The majority's share of the script-specific characters (0.5 to 1), or null. */
  confidence: number | null;
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Runs when the module is instantiated: a panic (a bug: the release build aborts, which
/// JS sees as `RuntimeError: unreachable`) first writes its message to the console.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error(&format!(
            "zhnorm panicked (a bug; the module cannot be used any more): {info}"
        ));
    }));
}

const NORMALIZE_KEYS: &[&str] = &["to", "format", "markup", "forms", "vocabulary"];
const CONVERTER_KEYS: &[&str] = &[
    "to",
    "config",
    "format",
    "markup",
    "forms",
    "vocabulary",
    "keep",
    "rules",
    "dictionary",
];
const DOCUMENT_KEYS: &[&str] = &["format", "markup"];
const MARKUP_CHOICES: &str = "expected render, source or off";

fn err(message: impl std::fmt::Display) -> JsError {
    JsError::new(&message.to_string())
}

/// The own enumerable keys of an options object (`undefined`/`null`: none), each checked
/// against `allowed`.
fn options_object(value: &JsValue, what: &str, allowed: &[&str]) -> Result<Object, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Object::new());
    }
    if !value.is_object() || Array::is_array(value) {
        return Err(err(format!(
            "{what} must be an object such as {{ {}: … }}",
            allowed[0]
        )));
    }
    let object: Object = value.clone().unchecked_into();
    for key in Object::keys(&object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !allowed.contains(&key.as_str()) {
            return Err(err(format!(
                "unknown option `{key}` of {what}; expected {}",
                allowed.join(", ")
            )));
        }
    }
    Ok(object)
}

/// The string option `key` of `object`, if set (`undefined` counts as not set).
fn string_option(object: &Object, key: &str, example: &str) -> Result<Option<String>, JsError> {
    let v = Reflect::get(object, &JsValue::from_str(key)).map_err(|_| err("unreadable options"))?;
    if v.is_undefined() {
        return Ok(None);
    }
    v.as_string().map(Some).ok_or_else(|| {
        err(format!(
            "option `{key}` must be a string such as \"{example}\""
        ))
    })
}

fn parse_markup(s: &str) -> Result<Markup, JsError> {
    match s.to_ascii_lowercase().as_str() {
        "render" => Ok(Markup::Render),
        "source" => Ok(Markup::Source),
        "off" => Ok(Markup::Off),
        _ => Err(err(format!("unknown markup mode `{s}`; {MARKUP_CHOICES}"))),
    }
}

fn markup_name(m: Markup) -> &'static str {
    match m {
        Markup::Render => "render",
        Markup::Source => "source",
        Markup::Off => "off",
    }
}

/// The format and markup of `object`, each falling back to `default`.
fn document_options(
    object: &Object,
    default: (FormatChoice, Markup),
) -> Result<(FormatChoice, Markup), JsError> {
    let format = match string_option(object, "format", "markdown")? {
        Some(f) => f.parse::<FormatChoice>().map_err(err)?,
        None => default.0,
    };
    let markup = match string_option(object, "markup", "render")? {
        Some(m) => parse_markup(&m)?,
        None => default.1,
    };
    Ok((format, markup))
}

/// A normalization builder from the options `to`, `forms` and `vocabulary`.
fn builder(object: &Object) -> Result<(zhnorm::ConverterBuilder, Variant), JsError> {
    let to = string_option(object, "to", "tw")?.unwrap_or_else(|| "hant".into());
    let variant = to.parse::<Variant>().map_err(err)?;
    let mut b = zhnorm::Converter::builder(variant);
    if let Some(f) = string_option(object, "forms", "common")? {
        b = b.forms(f.parse::<Forms>().map_err(err)?);
    }
    if let Some(v) = string_option(object, "vocabulary", "common")? {
        b = b.vocabulary(v.parse::<Vocabulary>().map_err(err)?);
    }
    Ok((b, variant))
}

fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
    // Setting a property of a plain object created here cannot fail.
    let _ = Reflect::set(object, &JsValue::from_str(key), &value.into());
}

fn short_code(v: Variant) -> &'static str {
    v.code().trim_start_matches("zh-")
}

thread_local! {
    /// Converters of `normalize` and `opencc`, one per option set (wasm has one thread).
    static CACHE: RefCell<HashMap<String, Rc<zhnorm::Converter>>> = RefCell::new(HashMap::new());
}

fn cached(key: String, build: impl FnOnce() -> zhnorm::Converter) -> Rc<zhnorm::Converter> {
    CACHE.with(|c| {
        c.borrow_mut()
            .entry(key)
            .or_insert_with(|| Rc::new(build()))
            .clone()
    })
}

fn convert_with(
    c: &zhnorm::Converter,
    text: &str,
    (format, markup): (FormatChoice, Markup),
) -> zhnorm::Document {
    let options = DocumentOptions {
        format: format.resolve(None, text).0,
        markup,
    };
    c.convert_document(text, options)
}

/// Normalizes mixed Simplified/Traditional `text` into one target (default `hant`), as
/// the CLI's `zhnorm --to TARGET --format FORMAT`.
#[wasm_bindgen]
pub fn normalize(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "NormalizeOptions")] options: JsValue,
) -> Result<String, JsError> {
    let object = options_object(&options, "normalize's options", NORMALIZE_KEYS)?;
    let document = document_options(
        &object,
        (FormatChoice::Fixed(Format::Plain), Markup::Render),
    )?;
    let (b, variant) = builder(&object)?;
    let key = format!(
        "{}/{:?}/{:?}",
        variant.code(),
        string_option(&object, "forms", "")?.map(|s| s.to_ascii_lowercase()),
        string_option(&object, "vocabulary", "")?.map(|s| s.to_ascii_lowercase()),
    );
    let c = cached(key, || b.build());
    Ok(convert_with(&c, text, document).text)
}

/// Converts `text` exactly as OpenCC 1.4.2's config (`s2t`, `tw2sp` …), as the CLI's
/// `zhnorm --config NAME`.
#[wasm_bindgen]
pub fn opencc(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "OpenccConfig")] config: &str,
) -> Result<String, JsError> {
    let config = config.parse::<Config>().map_err(err)?;
    let c = cached(format!("config/{}", config.name()), || {
        zhnorm::Converter::opencc(config)
    });
    Ok(c.convert(text).into_owned())
}

/// Counts Simplified-only, Traditional-only and shared Han characters.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn detect(text: &str) -> JsValue {
    let r = zhnorm::detect(text);
    let o = Object::new();
    set(&o, "simplified", r.simplified as u32);
    set(&o, "traditional", r.traditional as u32);
    set(&o, "shared", r.shared as u32);
    set(&o, "han", r.han() as u32);
    match r.likely() {
        Some((v, confidence)) => {
            set(&o, "likely", short_code(v));
            set(&o, "confidence", confidence);
        }
        None => {
            set(&o, "likely", JsValue::NULL);
            set(&o, "confidence", JsValue::NULL);
        }
    }
    o.into()
}

/// The normalization targets: `["hans", "hant", "cn", "tw", "hk", "mo", "sg", "my"]`.
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn targets() -> JsValue {
    Variant::ALL
        .iter()
        .map(|v| JsValue::from_str(short_code(*v)))
        .collect::<Array>()
        .into()
}

/// OpenCC's configs with their descriptions: `[{name: "s2t", title: "…"}, …]`.
#[wasm_bindgen(unchecked_return_type = "{ name: string; title: string }[]")]
pub fn configs() -> JsValue {
    Config::ALL
        .iter()
        .map(|c| {
            let o = Object::new();
            set(&o, "name", c.name());
            set(&o, "title", c.title());
            JsValue::from(o)
        })
        .collect::<Array>()
        .into()
}

/// The format names `format` takes (and `auto`).
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn formats() -> JsValue {
    [
        "auto",
        "plain",
        "markdown",
        "wikitext",
        "html",
        "xml",
        "yaml",
        "subtitles",
        "json",
        "po",
        "properties",
        "strings",
        "rust",
        "python",
        "javascript",
        "go",
        "java",
        "c",
        "shell",
    ]
    .iter()
    .map(|s| JsValue::from_str(s))
    .collect::<Array>()
    .into()
}

/// The version of zhnorm inside.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// A reusable converter: a normalization target (`{to: "tw"}`, with format, markup,
/// forms, vocabulary, keep, rules, dictionary) or an OpenCC config (`{config: "s2t"}`).
#[wasm_bindgen]
pub struct Converter {
    inner: Rc<zhnorm::Converter>,
    /// Normalization: how `convert` reads text; `None` for OpenCC configs, which convert
    /// text as it is (the CLI's `--config`).
    document: Option<(FormatChoice, Markup)>,
    target: String,
}

#[wasm_bindgen]
impl Converter {
    /// Builds a converter; throws an `Error` naming the accepted values for a bad option.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "ConverterOptions")] options: JsValue,
    ) -> Result<Converter, JsError> {
        let object = options_object(&options, "Converter's options", CONVERTER_KEYS)?;
        let config = string_option(&object, "config", "s2t")?;
        let (mut b, document, target) = match config {
            Some(name) => {
                for key in ["to", "format", "markup", "forms", "vocabulary"] {
                    if string_option(&object, key, "")?.is_some() {
                        return Err(err(format!(
                            "option `{key}` is for normalization targets; an OpenCC config \
                             (config: \"{name}\") converts as OpenCC does: give either `to` or `config`"
                        )));
                    }
                }
                let c = name.parse::<Config>().map_err(err)?;
                (
                    zhnorm::Converter::opencc_builder(c),
                    None,
                    c.name().to_string(),
                )
            }
            None => {
                let (b, v) = builder(&object)?;
                let d = document_options(
                    &object,
                    (FormatChoice::Fixed(Format::Plain), Markup::Render),
                )?;
                (b, Some(d), short_code(v).to_string())
            }
        };
        if let Some(text) = string_option(&object, "dictionary", "程序\\t程式")? {
            b = b
                .dictionary(&text)
                .map_err(|e| err(format!("dictionary: {e}")))?;
        }
        let rules = Reflect::get(&object, &JsValue::from_str("rules"))
            .map_err(|_| err("unreadable options"))?;
        if !rules.is_undefined() {
            if !rules.is_object() || Array::is_array(&rules) {
                return Err(err(
                    "option `rules` must be an object {from: to} such as {\"软件\": \"軟件\"}",
                ));
            }
            let rules: Object = rules.unchecked_into();
            for pair in Object::entries(&rules).iter() {
                let pair: Array = pair.unchecked_into();
                let from = pair.get(0).as_string().unwrap_or_default();
                let Some(to) = pair.get(1).as_string() else {
                    return Err(err(format!(
                        "rule `{from}`: its replacement must be a string"
                    )));
                };
                if from.is_empty() {
                    return Err(err("a rule needs a non-empty text to replace"));
                }
                b = b.rule(from, to);
            }
        }
        let keep = Reflect::get(&object, &JsValue::from_str("keep"))
            .map_err(|_| err("unreadable options"))?;
        if !keep.is_undefined() {
            if !Array::is_array(&keep) {
                return Err(err(
                    "option `keep` must be an array of strings such as [\"台湾\"]",
                ));
            }
            let keep: Array = keep.unchecked_into();
            for w in keep.iter() {
                let w = w
                    .as_string()
                    .ok_or_else(|| err("option `keep` must be an array of strings"))?;
                if !w.is_empty() {
                    b = b.keep(w);
                }
            }
        }
        Ok(Converter {
            inner: Rc::new(b.build()),
            document,
            target,
        })
    }

    /// The target (`tw` …) or the OpenCC config (`s2t` …).
    #[wasm_bindgen(getter)]
    pub fn target(&self) -> String {
        self.target.clone()
    }

    /// Whether this converter runs an OpenCC config.
    #[wasm_bindgen(getter, js_name = isOpencc)]
    pub fn is_opencc(&self) -> bool {
        self.document.is_none()
    }

    /// Converts `text`: a normalization target reads it as its format (markup resolved as
    /// its markup option says); an OpenCC config converts it as plain text.
    pub fn convert(&self, text: &str) -> String {
        match self.document {
            Some(d) => convert_with(&self.inner, text, d).text,
            None => self.inner.convert(text).into_owned(),
        }
    }

    /// Converts a document of `format` (default: the converter's) and reports malformed
    /// markup as warnings.
    #[wasm_bindgen(js_name = convertDocument, unchecked_return_type = "ConvertedDocument")]
    pub fn convert_document(
        &self,
        text: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "DocumentOptions")] options: JsValue,
    ) -> Result<JsValue, JsError> {
        let object = options_object(&options, "convertDocument's options", DOCUMENT_KEYS)?;
        let default = self
            .document
            .unwrap_or((FormatChoice::Fixed(Format::Plain), Markup::Render));
        let d = convert_with(&self.inner, text, document_options(&object, default)?);
        let o = Object::new();
        set(&o, "text", d.text);
        set(&o, "warnings", warnings(text, &d.warnings));
        set(&o, "kept", d.kept as u32);
        Ok(o.into())
    }

    /// Every change `convert` makes to plain `text` and the steps that made it.
    #[wasm_bindgen(unchecked_return_type = "Change[]")]
    pub fn explain(&self, text: &str) -> JsValue {
        let mut index = Utf16Index::new(text);
        self.inner
            .explain(text)
            .into_iter()
            .map(|c| {
                let o = Object::new();
                set(&o, "start", index.at(c.input.start) as u32);
                set(&o, "end", index.at(c.input.end) as u32);
                set(&o, "from", c.from);
                set(&o, "to", c.to);
                set(&o, "steps", steps(&c.steps));
                set(&o, "clause", clause(c.clause));
                JsValue::from(o)
            })
            .collect::<Array>()
            .into()
    }

    /// The words `converted` changes in `original`, where `converted` is what this
    /// converter made of it (`convert`, or `convertDocument` with markup "source" for
    /// documents with `-{…}-`): in order, not overlapping; replacing each finding's
    /// `original.slice(start, end)` by its `to` gives `converted`.
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn findings(&self, original: &str, converted: &str) -> JsValue {
        let mut index = Utf16Index::new(original);
        let all = Array::new();
        self.inner.for_each_finding(original, converted, |f| {
            let o = Object::new();
            set(&o, "start", index.at(f.start.offset) as u32);
            set(&o, "end", index.at(f.end.offset) as u32);
            set(&o, "line", f.start.line as u32);
            set(&o, "column", f.start.column as u32);
            set(&o, "rule", f.rule().id());
            set(
                &o,
                "reason",
                f.reason().map_or(JsValue::NULL, JsValue::from),
            );
            set(&o, "from", f.from.as_str());
            set(&o, "to", f.to.as_str());
            set(&o, "steps", steps(&f.steps));
            set(&o, "clause", clause(f.clause));
            all.push(&o);
        });
        all.into()
    }

    /// A description such as `Converter { to: "tw", format: "plain", markup: "render" }`.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        match self.document {
            None => format!("Converter {{ config: \"{}\" }}", self.target),
            Some((f, m)) => format!(
                "Converter {{ to: \"{}\", format: \"{f}\", markup: \"{}\" }}",
                self.target,
                markup_name(m)
            ),
        }
    }
}

fn warnings(text: &str, list: &[Warning]) -> Array {
    let mut index = Utf16Index::new(text);
    list.iter()
        .map(|w| {
            let o = Object::new();
            set(&o, "line", w.line as u32);
            set(&o, "column", w.column as u32);
            set(&o, "index", index.at(w.offset) as u32);
            set(&o, "message", w.message.as_str());
            JsValue::from(o)
        })
        .collect()
}

fn steps(steps: &[zhnorm::Step]) -> Array {
    steps
        .iter()
        .map(|s| {
            let o = Object::new();
            set(&o, "stage", s.stage.name());
            set(&o, "table", s.table.as_str());
            set(&o, "key", s.key.as_str());
            set(&o, "value", s.value.as_str());
            set(
                &o,
                "source",
                s.source
                    .map_or(JsValue::NULL, |src| JsValue::from(src.to_string())),
            );
            set(&o, "pass", s.pass);
            JsValue::from(o)
        })
        .collect()
}

fn clause(c: Option<zhnorm::Clause>) -> JsValue {
    let Some(c) = c else {
        return JsValue::NULL;
    };
    let o = Object::new();
    set(&o, "script", c.script.name());
    set(&o, "bits", c.bits);
    set(&o, "inherited", c.inherited);
    o.into()
}
