//! Markdown zones, from pulldown-cmark's events: inline code, code blocks, math, link and
//! image destinations, reference definitions and autolinks are hidden; link text and
//! titles, headings, emphasis, tables and lists are converted. HTML blocks and inline HTML
//! are read as HTML files are (`wikitext::scan_html`): their text nodes and `title`, `alt`,
//! `placeholder`, `aria-label` values are converted, the rest of the tags and `<script>`,
//! `<style>`, `<code>`, `<pre>` elements are kept.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::Zones;

/// Inline HTML elements kept whole, from their opening tag to their closing tag (in a
/// paragraph they are separate events, with Markdown text between them).
const KEPT_INLINE: [&str; 6] = ["code", "pre", "script", "style", "kbd", "samp"];

pub(super) fn scan(text: &str, z: &mut Zones) {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    // Open links and images: (range end, end of the last child seen, autolink, whether an
    // inline link with a title).
    let mut links: Vec<(usize, usize, bool, bool)> = Vec::new();
    // An inline element kept whole that is open: its name and where it started.
    let mut kept: Option<(&str, usize)> = None;
    let mut events = Parser::new_ext(text, opts).into_offset_iter();
    for (event, range) in events.by_ref() {
        if let Some((name, start)) = kept {
            // Everything up to the closing tag is kept.
            if let Event::InlineHtml(html) = &event {
                if closes(html, name) {
                    z.hidden.push((start, range.end));
                    kept = None;
                }
            }
            continue;
        }
        match &event {
            Event::Start(Tag::Link {
                link_type, title, ..
            })
            | Event::Start(Tag::Image {
                link_type, title, ..
            }) => {
                let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                let titled = *link_type == LinkType::Inline && !title.is_empty();
                if let Some(top) = links.last_mut() {
                    top.1 = top.1.max(range.end);
                }
                links.push((range.end, range.start + 1, auto, titled));
                if auto {
                    z.hidden.push((range.start, range.end));
                }
                continue;
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if let Some((end, last_child, _, titled)) = links.pop() {
                    // `](destination "title")` or `][ref]`: the title is text.
                    let inner = end.saturating_sub(1).max(last_child);
                    match title_span(text, last_child, inner).filter(|_| titled) {
                        Some((ts, te)) => {
                            z.hidden.push((last_child, ts));
                            z.hidden.push((te, end));
                        }
                        None => z.hidden.push((last_child, end)),
                    }
                }
                continue;
            }
            Event::InlineHtml(html) => {
                match KEPT_INLINE.iter().find(|n| opens(html, n)) {
                    Some(name) => kept = Some((name, range.start)),
                    None => html_zones(text, range.start, range.end, z),
                }
                continue;
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                z.hidden.push((range.start, range.end));
            }
            Event::Start(Tag::HtmlBlock) => html_zones(text, range.start, range.end, z),
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::MetadataBlock(_)) => {
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
    if let Some((_, start)) = kept {
        z.hidden.push((start, text.len()));
    }
    // `[label]: destination "title"`: only the title is text.
    for (_, def) in events.reference_definitions().iter() {
        let (s, e) = (def.span.start, def.span.end.min(text.len()));
        let title = def.title.as_ref().is_some_and(|t| !t.is_empty());
        match title_span(text, s, e).filter(|_| title) {
            Some((ts, te)) => {
                z.hidden.push((s, ts));
                z.hidden.push((te, e));
            }
            None => z.hidden.push((s, e)),
        }
    }
}

/// The zones of the HTML `text[start..end]`, as in an HTML file.
fn html_zones(text: &str, start: usize, end: usize, z: &mut Zones) {
    let mut html = Zones::default();
    super::wikitext::scan_html(&text[start..end], &mut html);
    let shift = |v: Vec<(usize, usize)>| v.into_iter().map(move |(a, b)| (a + start, b + start));
    z.hidden.extend(shift(html.hidden));
    // `<code>`/`<pre>` are hidden whole in HTML; nothing is only unconverted.
    z.hidden.extend(shift(html.unconverted));
    z.comments.extend(shift(html.comments));
}

/// Whether the inline HTML `html` opens element `name` (and does not close itself).
fn opens(html: &str, name: &str) -> bool {
    let b = html.as_bytes();
    b.len() > name.len() + 1
        && b[0] == b'<'
        && b[1..=name.len()].eq_ignore_ascii_case(name.as_bytes())
        && matches!(b[name.len() + 1], b'>' | b' ' | b'\t' | b'\n' | b'\r')
        && !html.trim_end().ends_with("/>")
}

/// Whether the inline HTML `html` is the closing tag of element `name`.
fn closes(html: &str, name: &str) -> bool {
    let b = html.as_bytes();
    b.len() > name.len() + 2
        && b.starts_with(b"</")
        && b[2..2 + name.len()].eq_ignore_ascii_case(name.as_bytes())
}

/// The raw title at the end of `text[from..to]` (a link's `](dest "title"` without its
/// `)`, or a reference definition): the text between `"…"`, `'…'` or `(…)` delimiters
/// that end it, the opening one after whitespace. `None` if there is none.
fn title_span(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut c = to;
    while c > from && b[c - 1].is_ascii_whitespace() {
        c -= 1;
    }
    let c = c.checked_sub(1).filter(|&c| c > from)?;
    let open = match b[c] {
        b'"' => b'"',
        b'\'' => b'\'',
        b')' => b'(',
        _ => return None,
    };
    let mut o = c;
    loop {
        o = o.checked_sub(1).filter(|&o| o > from)?;
        if b[o] == open && b[o - 1] != b'\\' {
            break;
        }
    }
    (b[o - 1].is_ascii_whitespace() && o + 1 < c).then_some((o + 1, c))
}

#[cfg(test)]
mod tests {
    use super::{scan, Zones};

    fn texts(text: &str) -> Vec<&str> {
        let mut z = Zones::default();
        scan(text, &mut z);
        z.texts(text)
    }

    #[test]
    fn html_blocks_are_read_as_html() {
        let md = "<details><summary>点击展开</summary>\n简体内容 <a href=\"/下载\" title=\"下载\">链接</a>\n</details>\n";
        assert_eq!(
            texts(md),
            ["点击展开", "\n简体内容 ", "下载", "链接", "\n", "\n"]
        );
        let md = "<div class=\"简体\">\n<pre>代码</pre><script>var 变量;</script>\n文字\n</div>\n";
        assert_eq!(texts(md), ["\n", "\n文字\n", "\n"]);
    }

    #[test]
    fn inline_html_is_read_as_html() {
        let md =
            "前 <span title=\"标题\" class=\"类\">中</span> 后 <code>代码</code> <kbd>键</kbd> 尾";
        assert_eq!(texts(md), ["前 ", "标题", "中", " 后 ", " ", " 尾"]);
        // An element left open keeps the rest of the paragraph.
        assert_eq!(texts("前 <code>代码 后"), ["前 "]);
    }

    #[test]
    fn link_titles_are_text_destinations_are_not() {
        assert_eq!(
            texts("[文档](/文档/a.md \"开发文档标题\") ![图](图.png '图片') [无](无.md)"),
            ["[文档", "开发文档标题", " ![图", "图片", " [无"]
        );
        assert_eq!(
            texts("[文档][引用]\n\n[引用]: /文档/b.md (引用标题)\n"),
            ["[文档", "\n\n", "引用标题", "\n"]
        );
        // A title holding its escaped delimiter.
        assert_eq!(texts("[a](u \"说\\\"明\")"), ["[a", "说\\\"明"]);
    }
}
