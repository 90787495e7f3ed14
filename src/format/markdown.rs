//! Markdown zones, from pulldown-cmark's events: inline code, code blocks, HTML, math,
//! link and image destinations and titles, and autolinks are hidden; link text, headings,
//! emphasis, tables and lists are converted.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::Zones;

pub(super) fn scan(text: &str, z: &mut Zones) {
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
