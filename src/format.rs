//! Input formats and the zones each one protects from conversion.
//!
//! * `Plain`: everything is text; bare URLs are kept.
//! * `Wikitext`: HTML tags, comments, entities, `<nowiki>`, `<script>`, `<style>` are kept
//!   and hide markup; `<code>` and `<pre>` elements are kept unconverted but markup in
//!   them is resolved (as MediaWiki does); bare URLs are kept.
//! * `Markdown` (tokenized with pulldown-cmark): inline code, code blocks, HTML, link and
//!   image destinations and titles, autolinks and bare URLs are kept byte for byte and
//!   hide markup; link text, headings, emphasis, tables and lists are converted.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::markup::Zones;

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
}

impl Format {
    /// The format implied by a file name's extension, if any: `.md`/`.markdown` →
    /// Markdown, `.wiki`/`.wikitext`/`.mediawiki` → Wikitext, `.txt` → Plain.
    ///
    /// ```
    /// assert_eq!(zhnorm::Format::from_path("x.wiki"), Some(zhnorm::Format::Wikitext));
    /// assert_eq!(zhnorm::Format::from_path("x"), None);
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Option<Format> {
        let ext = path.as_ref().extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" | "mdown" | "mkd" | "mdx" => Some(Format::Markdown),
            "wiki" | "wikitext" | "mediawiki" => Some(Format::Wikitext),
            "txt" | "text" => Some(Format::Plain),
            _ => None,
        }
    }

    /// Guesses the format from content: wiki links with templates or bold quotes mean
    /// Wikitext; ATX headings, fences or inline links mean Markdown; otherwise Plain.
    ///
    /// ```
    /// use zhnorm::Format;
    /// assert_eq!(Format::detect("# 標題\n\n[連結](https://example.org)"), Format::Markdown);
    /// assert_eq!(Format::detect("'''粗體''' [[條目]] {{模板}}"), Format::Wikitext);
    /// assert_eq!(Format::detect("普通文字"), Format::Plain);
    /// ```
    pub fn detect(text: &str) -> Format {
        if text.contains("[[")
            && (text.contains("{{") || text.contains("'''") || text.contains("]]"))
        {
            return Format::Wikitext;
        }
        let md = text.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with("# ")
                || l.starts_with("## ")
                || l.starts_with("```")
                || l.starts_with("~~~")
        }) || text.contains("](");
        if md {
            Format::Markdown
        } else {
            Format::Plain
        }
    }

    pub(crate) fn zones(self, text: &str) -> Zones {
        let mut z = Zones::default();
        match self {
            Format::Plain => {}
            Format::Wikitext => wikitext_zones(text, &mut z),
            Format::Markdown => markdown_zones(text, &mut z),
        }
        url_zones(text, &mut z.hidden);
        z.hidden = merge(std::mem::take(&mut z.hidden));
        z.unconverted = merge(std::mem::take(&mut z.unconverted));
        z
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        match s.to_ascii_lowercase().as_str() {
            "plain" | "text" | "txt" => Ok(Format::Plain),
            "wikitext" | "wiki" | "mediawiki" => Ok(Format::Wikitext),
            "markdown" | "md" => Ok(Format::Markdown),
            _ => Err(format!(
                "unknown format `{s}`; expected auto, plain, wikitext or markdown"
            )),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Plain => "plain",
            Format::Wikitext => "wikitext",
            Format::Markdown => "markdown",
        })
    }
}

fn merge(mut v: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    v.retain(|z| z.0 < z.1);
    v.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(v.len());
    for z in v {
        match out.last_mut() {
            Some(last) if z.0 <= last.1 => last.1 = last.1.max(z.1),
            _ => out.push(z),
        }
    }
    out
}

fn is_url_stop(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '<' | '>' | '"' | '(' | ')' | '[' | ']')
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || ('\u{FF00}'..='\u{FFEF}').contains(&c)
}

/// Bare URLs `scheme://…` up to whitespace, `<>"()[]` or full-width punctuation.
fn url_zones(text: &str, out: &mut Vec<(usize, usize)>) {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&b[from..], b"://") {
        let at = from + i;
        let mut start = at;
        while start > 0
            && (b[start - 1].is_ascii_alphanumeric() || matches!(b[start - 1], b'+' | b'.' | b'-'))
        {
            start -= 1;
        }
        while start < at && !b[start].is_ascii_alphabetic() {
            start += 1;
        }
        let end = text[at + 3..]
            .find(is_url_stop)
            .map_or(text.len(), |e| at + 3 + e);
        if start < at && end > at + 3 {
            out.push((start, end));
        }
        from = end.max(at + 3);
    }
}

fn markdown_zones(text: &str, z: &mut Zones) {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    // Open links and images: (range end, end of the last child seen).
    let mut links: Vec<(usize, usize, bool)> = Vec::new();
    for (event, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match &event {
            Event::Start(Tag::Link { link_type, .. })
            | Event::Start(Tag::Image { link_type, .. }) => {
                let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                if let Some(top) = links.last_mut() {
                    top.1 = top.1.max(range.end);
                }
                links.push((range.end, range.start + 1, auto));
                if auto {
                    z.hidden.push((range.start, range.end));
                }
                continue;
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if let Some((end, last_child, _)) = links.pop() {
                    // `](destination "title")` or `][ref]`.
                    z.hidden.push((last_child, end));
                }
                continue;
            }
            Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => {
                z.hidden.push((range.start, range.end));
            }
            Event::Start(Tag::CodeBlock(_))
            | Event::Start(Tag::HtmlBlock)
            | Event::Start(Tag::MetadataBlock(_)) => {
                z.hidden.push((range.start, range.end));
            }
            _ => {}
        }
        if let Some(top) = links.last_mut() {
            if range.end <= top.0 {
                top.1 = top.1.max(range.end);
            }
        }
    }
}

/// Finds `</name` (ASCII case-insensitive) from `from`; returns the end of its `>`.
fn find_close(text: &str, from: usize, name: &str) -> usize {
    let mut p = from;
    while let Some(i) = text[p..].find("</") {
        let at = p + i;
        let cand = &text.as_bytes()[at + 2..];
        if cand.len() >= name.len() && cand[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return text[at..].find('>').map_or(text.len(), |j| at + j + 1);
        }
        p = at + 2;
    }
    text.len()
}

/// The largest char boundary of `text` at or before `at` (clamped to its length).
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn wikitext_zones(text: &str, z: &mut Zones) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'<' if text[i..].starts_with("<!--") => {
                let end = text[i + 4..]
                    .find("-->")
                    .map_or(text.len(), |j| i + 4 + j + 3);
                z.hidden.push((i, end));
                i = end;
            }
            b'<' if b
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!') =>
            {
                // A tag: up to the next `>` (within 4 KiB, so malformed input stays linear).
                let window = &text[i..floor_boundary(text, i + 4096)];
                let Some(close) = window.find('>') else {
                    i += 1;
                    continue;
                };
                let tag_end = i + close + 1;
                let name: String = text[i + 1..tag_end]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let self_closing = text[..tag_end].ends_with("/>");
                match name.as_str() {
                    "script" | "style" | "nowiki" | "math" | "syntaxhighlight" | "source"
                        if !self_closing =>
                    {
                        let end = find_close(text, tag_end, &name);
                        z.hidden.push((i, end));
                        i = end;
                    }
                    "code" | "pre" if !self_closing => {
                        let end = find_close(text, tag_end, &name);
                        z.unconverted.push((i, end));
                        z.hidden.push((i, tag_end));
                        i = tag_end;
                    }
                    _ => {
                        z.hidden.push((i, tag_end));
                        i = tag_end;
                    }
                }
            }
            b'&' => {
                let rest = &text[i + 1..floor_boundary(text, i + 40)];
                let n = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
                    .unwrap_or(rest.len());
                if n > 0 && rest[n..].starts_with(';') {
                    z.hidden.push((i, i + n + 2));
                    i += n + 2;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
}
