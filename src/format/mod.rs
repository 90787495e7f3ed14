//! Input formats and the zones each one protects from conversion.
//!
//! * `Plain`: everything is text; bare URLs are kept.
//! * `Wikitext`: HTML tags, comments, entities, `<nowiki>`, `<script>`, `<style>` are kept
//!   and hide markup, except the values of `title` and `alt` attributes, which are
//!   converted (as MediaWiki does); `<code>` and `<pre>` elements are kept unconverted but
//!   markup in them is resolved (as MediaWiki does); bare URLs are kept.
//! * `Markdown` (a hand-written CommonMark scanner, proven equal to pulldown-cmark's
//!   zones by a differential test): inline code, code blocks, link and image
//!   destinations, reference definitions (but their titles), autolinks and bare URLs are
//!   kept byte for byte and hide markup; link text and titles, headings, emphasis, tables
//!   and lists are converted; HTML blocks and inline HTML are read as `Html` is. Only
//!   plausible `-{…}-` constructs are markup (see `markup::implausible_markers`).
//!
//! * `Json` (JSON and JSONC), `Strings` (Apple `.strings`): string values and comments
//!   are converted; keys, numbers, punctuation and every escape are kept, and
//!   `\uXXXX`-escaped CJK is converted and written back escaped.
//! * `Html`: text nodes and the values of `title`, `alt`, `placeholder` and `aria-label`;
//!   other attributes, `<script>`, `<style>`, `<code>`, `<pre>`, `<textarea>` are kept
//!   (the wikitext tag scanner, in its HTML dialect); no conversion markup.
//! * `Po` (gettext PO/POT): only `msgstr` strings (not the header's).
//! * `Yaml`: scalar values and comments; `Xml`: text nodes (every attribute and XLIFF
//!   `<source>` kept);
//!   `Subtitles` (SubRip, WebVTT): cue text; `Code(Lang)`: comments and string literals.
//! * `Properties` (Java): only values, `\uXXXX` escapes as in JSON.
//!
//! All but `Html` among these are *structured*: their text is a list of strings, `-{…}-`
//! in them is not conversion markup (`{year}-{month}-{day}` is a template), and they are
//! converted whole, not streamed. `Html` resolves no markup either and is read whole.
//!
//! In every format with comments, ignore comments (`zhnorm-disable-line`,
//! `zhnorm-disable-next-line`, `zhnorm-disable` … `zhnorm-enable`, module `ignore`) hide
//! what they cover. Plain text has no comments, hence no directives.
//!
//! One scanner per format (`markdown`, `wikitext`, `json`, `po`, `properties`, `yaml`,
//! `subtitles`, `code`, and `url` for the bare URLs the prose formats keep) fills a [`Zones`] value, which the markup
//! resolver, the streaming cuts and markup-free conversion read.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::Markup;

mod choice;
mod code;
pub(crate) mod escapes;
mod ignore;
mod json;
mod markdown;
mod po;
mod properties;
mod subtitles;
mod url;
mod wikitext;
mod yaml;
mod zones;

pub use choice::{FormatChoice, FormatReason};
pub use code::Lang;
pub(crate) use url::SCHEME;
pub(crate) use zones::Zones;

/// The format of a document, which decides what is converted.
///
/// ```
/// use zhnorm::Format;
/// assert_eq!("markdown".parse::<Format>().unwrap(), Format::Markdown);
/// assert_eq!(Format::from_path("a/b.md"), Some(Format::Markdown));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text: all of it is converted except bare URLs.
    #[default]
    Plain,
    /// MediaWiki wikitext.
    Wikitext,
    /// Markdown (CommonMark with tables).
    Markdown,
    /// JSON or JSONC: string values and comments are text, keys are not.
    Json,
    /// gettext PO/POT: `msgstr` strings are text.
    Po,
    /// Java `.properties`: values are text.
    Properties,
    /// Apple `.strings`: string values and comments are text, keys are not.
    Strings,
    /// HTML: text nodes and `title`/`alt`/`placeholder`/`aria-label` values are text;
    /// other attributes, `<script>`, `<style>`, `<code>`, `<pre>` are not.
    Html,
    /// Source code: comments and string literals are text; identifiers and the rest of
    /// the code are not.
    Code(Lang),
    /// XML (Android `strings.xml`, XLIFF): text nodes are text, as in HTML; tags,
    /// attributes, comments and XLIFF `<source>` elements are not.
    Xml,
    /// YAML: scalar values and comments are text; keys, anchors, tags, flow collections
    /// are not.
    Yaml,
    /// SubRip and WebVTT subtitles: cue text (and `NOTE` comments) is text; cue numbers,
    /// timings, settings and tags are not.
    Subtitles,
}

impl Format {
    /// The format implied by a file name's extension, if any: `.md`/`.markdown` →
    /// Markdown, `.wiki`/`.wikitext`/`.mediawiki` → Wikitext, `.txt` → Plain, `.json`/
    /// `.jsonc` → Json, `.po`/`.pot` → Po, `.properties` → Properties, `.strings` →
    /// Strings, `.html`/`.htm` → Html, and source code: `.rs`, `.py`, `.js`/`.ts` (and
    /// `.mjs`, `.jsx`, `.tsx` …), `.go`, `.java`, `.c`/`.h`/`.cpp`/`.hpp` …, `.sh`/`.bash`
    /// → [`Format::Code`].
    ///
    /// ```
    /// use zhnorm::{Format, Lang};
    /// assert_eq!(Format::from_path("src/main.rs"), Some(Format::Code(Lang::Rust)));
    /// assert_eq!(zhnorm::Format::from_path("x.wiki"), Some(zhnorm::Format::Wikitext));
    /// assert_eq!(zhnorm::Format::from_path("x"), None);
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Option<Format> {
        let ext = path.as_ref().extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" | "mdown" | "mkd" | "mdx" => Some(Format::Markdown),
            "wiki" | "wikitext" | "mediawiki" => Some(Format::Wikitext),
            "txt" | "text" => Some(Format::Plain),
            "json" | "jsonc" => Some(Format::Json),
            "po" | "pot" => Some(Format::Po),
            "properties" => Some(Format::Properties),
            "strings" => Some(Format::Strings),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "xml" | "xlf" | "xliff" => Some(Format::Xml),
            "yaml" | "yml" => Some(Format::Yaml),
            "srt" | "vtt" => Some(Format::Subtitles),
            ext => Lang::from_extension(ext).map(Format::Code),
        }
    }

    /// Whether a document of this format is a list of strings in a syntax of its own
    /// (JSON, PO, `.properties`, `.strings`, source code): no conversion markup is
    /// resolved in it and it is converted whole.
    pub fn is_structured(self) -> bool {
        matches!(
            self,
            Format::Json
                | Format::Po
                | Format::Properties
                | Format::Strings
                | Format::Code(_)
                | Format::Xml
                | Format::Yaml
                | Format::Subtitles
        )
    }

    /// What becomes of `-{…}-` conversion markup in a document of this format when
    /// `requested`: plain text does as asked; wikitext and Markdown always read markup
    /// ([`Markup::Off`] renders it there); HTML and the structured formats never do (their
    /// `-{` is text, `{year}-{month}-{day}` a template).
    ///
    /// ```
    /// use zhnorm::{Format, Markup};
    /// assert_eq!(Format::Markdown.markup(Markup::Source), Markup::Source);
    /// assert_eq!(Format::Json.markup(Markup::Render), Markup::Off);
    /// ```
    pub fn markup(self, requested: Markup) -> Markup {
        match self {
            Format::Plain => requested,
            Format::Wikitext | Format::Markdown => match requested {
                Markup::Off => Markup::Render,
                m => m,
            },
            // MediaWiki markup is not HTML's; structured formats hold no markup.
            Format::Html
            | Format::Json
            | Format::Po
            | Format::Properties
            | Format::Strings
            | Format::Code(_)
            | Format::Xml
            | Format::Yaml
            | Format::Subtitles => Markup::Off,
        }
    }

    /// Whether a document of this format can be converted as a stream (cut at line ends):
    /// plain text and wikitext; the others (HTML too: an element may span lines) are read
    /// whole.
    pub fn streams(self) -> bool {
        matches!(self, Format::Plain | Format::Wikitext)
    }

    /// Bytes at the start of a text that [`Format::detect`] looks at.
    pub const SNIFF_BYTES: usize = 64 << 10;

    /// Guesses the format from content, conservatively: a format needs two independent
    /// signs of itself, so text that merely holds a `# ` line or a `[[` stays Plain (and
    /// is converted whole, not read around code spans that are not there).
    ///
    /// * Wikitext: `[[links]]` and one of `{{templates}}`, `'''bold'''`, a `== heading ==`
    ///   line.
    /// * Markdown: two of ATX headings (`# `), a closed code fence, inline links
    ///   `[text](target)`, bold `**text**`, a table rule `|---|`, two list items, two
    ///   quoted lines (`> `).
    ///
    /// Only the first [`SNIFF_BYTES`](Format::SNIFF_BYTES) are looked at, so a stream,
    /// sniffed on its start, and the same text read whole get the same format.
    ///
    /// ```
    /// use zhnorm::Format;
    /// assert_eq!(Format::detect("# 標題\n\n[連結](https://example.org)"), Format::Markdown);
    /// assert_eq!(Format::detect("'''粗體''' [[條目]] {{模板}}"), Format::Wikitext);
    /// assert_eq!(Format::detect("普通文字"), Format::Plain);
    /// // One sign is not enough.
    /// assert_eq!(Format::detect("# 注释\n`一个反引号\n又一个`\n"), Format::Plain);
    /// ```
    pub fn detect(text: &str) -> Format {
        let mut end = text.len().min(Format::SNIFF_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let text = &text[..end];
        let lines = || text.lines().map(str::trim_start);
        if text.contains("[[")
            && text.contains("]]")
            && (text.contains("{{")
                || text.contains("'''")
                || lines().any(|l| l.starts_with("==") && l.trim_end().ends_with("==")))
        {
            return Format::Wikitext;
        }
        let heading = lines().any(|l| {
            let hashes = l.bytes().take_while(|&c| c == b'#').count();
            (1..=6).contains(&hashes) && l[hashes..].starts_with(' ')
        });
        let fences = lines()
            .filter(|l| l.starts_with("```") || l.starts_with("~~~"))
            .count();
        let link = lines().any(|l| {
            l.find("](")
                .is_some_and(|i| l[..i].contains('[') && l[i..].contains(')'))
        });
        let bold = lines().any(|l| l.find("**").is_some_and(|i| l[i + 2..].contains("**")));
        let table = lines().any(|l| l.starts_with('|') && l.contains("---"));
        let items = lines()
            .filter(|l| l.starts_with("- ") || l.starts_with("* ") || l.starts_with("+ "))
            .count();
        let quotes = lines().filter(|l| l.starts_with("> ")).count();
        let signs = [
            heading,
            fences >= 2,
            link,
            bold,
            table,
            items >= 2,
            quotes >= 2,
        ];
        if signs.iter().filter(|&&s| s).count() >= 2 {
            Format::Markdown
        } else {
            Format::Plain
        }
    }

    pub(crate) fn zones(self, text: &str) -> Zones {
        let mut z = Zones::default();
        match self {
            Format::Plain => {}
            Format::Wikitext => wikitext::scan(text, &mut z),
            Format::Markdown => markdown::scan(text, &mut z),
            Format::Json => json::scan(text, b':', &mut z),
            Format::Strings => json::scan(text, b'=', &mut z),
            Format::Po => po::scan(text, &mut z),
            Format::Properties => properties::scan(text, &mut z),
            Format::Html => wikitext::scan_html(text, &mut z),
            Format::Code(lang) => code::scan(text, lang, &mut z),
            Format::Xml => {
                wikitext::scan_xml(text, &mut z);
                xml_sources(text, &mut z);
            }
            Format::Yaml => yaml::scan(text, &mut z),
            Format::Subtitles => subtitles::scan(text, &mut z),
        }
        // URLs in comments and strings of code, and in XML text, are kept too.
        if !self.is_structured()
            || matches!(
                self,
                Format::Code(_) | Format::Xml | Format::Yaml | Format::Subtitles
            )
        {
            url::scan(text, &mut z.hidden);
        }
        ignore::apply(text, &mut z, self == Format::Po);
        z.merge();
        if matches!(self, Format::Plain | Format::Markdown)
            && crate::markup::OPEN.find(text.as_bytes()).is_some()
        {
            let markers = crate::markup::implausible_markers(text, &z);
            if !markers.is_empty() {
                z.hidden.extend(markers);
                z.merge();
            }
        }
        z
    }
}

/// Hides XLIFF `<source>` elements whole (the text translated from, not the translation).
fn xml_sources(text: &str, z: &mut Zones) {
    let mut p = 0;
    while let Some(i) = text[p..].find("<source") {
        let at = p + i;
        let after = text.as_bytes().get(at + 7).copied();
        if !matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')) {
            p = at + 7;
            continue;
        }
        let end = text[at..]
            .find("</source>")
            .map_or(text.len(), |j| at + j + "</source>".len());
        z.hidden.push((at, end));
        p = end;
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        match s.to_ascii_lowercase().as_str() {
            "plain" | "text" | "txt" => Ok(Format::Plain),
            "wikitext" | "wiki" | "mediawiki" => Ok(Format::Wikitext),
            "markdown" | "md" => Ok(Format::Markdown),
            "json" | "jsonc" => Ok(Format::Json),
            "po" | "pot" | "gettext" => Ok(Format::Po),
            "properties" => Ok(Format::Properties),
            "strings" => Ok(Format::Strings),
            "html" | "htm" => Ok(Format::Html),
            "xml" | "xliff" => Ok(Format::Xml),
            "yaml" | "yml" => Ok(Format::Yaml),
            "subtitles" | "srt" | "vtt" | "webvtt" => Ok(Format::Subtitles),
            other => other.parse::<Lang>().map(Format::Code).map_err(|()| {
                format!(
                    "unknown format `{s}`; expected auto, plain, wikitext, markdown, html, xml, \
                     yaml, subtitles, json, po, properties, strings, or a language for source code: rust, python, \
                     javascript, go, java, c or shell"
                )
            }),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Plain => "plain",
            Format::Wikitext => "wikitext",
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::Po => "po",
            Format::Properties => "properties",
            Format::Strings => "strings",
            Format::Html => "html",
            Format::Code(lang) => return lang.fmt(f),
            Format::Xml => "xml",
            Format::Yaml => "yaml",
            Format::Subtitles => "subtitles",
        })
    }
}
