//! The former Markdown scanner, from pulldown-cmark 0.13's events, kept under `cfg(test)`
//! as the reference the hand-written scanner is compared with (`super::tests`).

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{closes, html_zones, opens, title_span, Zones, KEPT_INLINE};

pub(crate) fn scan(text: &str, z: &mut Zones) {
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
