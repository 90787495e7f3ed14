//! Whole documents: the format's zones are kept, and either the markup resolver converts
//! the rest (normalization with markup), or the text between kept zones is converted as
//! plain text (OpenCC configs, plain text without markup).

use crate::engine::Engine;
use crate::format::Format;
use crate::markup::Resolver;
use crate::rules::Rules;
use crate::{Document, DocumentOptions, Markup};

/// Converts a whole document with `engine` and the `user` rules.
pub(crate) fn convert_document(
    engine: &Engine,
    user: &Rules,
    text: &str,
    options: DocumentOptions,
) -> Document {
    if options.format == Format::Plain && is_bare_text(text) {
        // No construct, no stray `}-` to warn about and no URL (plain text's only zone):
        // the resolver would convert the text as it is; its set-up costs more than the
        // conversion of a short string (titles, table cells).
        return Document {
            text: engine.convert(text, user).into_owned(),
            warnings: Vec::new(),
            kept: 0,
        };
    }
    let zones = options.format.zones(text);
    let kept: usize = zones
        .kept()
        .iter()
        .map(|&(s, e, _)| text[s..e].chars().filter(|&c| is_han(c)).count())
        .sum();
    let markup = options.format.markup(options.markup);
    match engine {
        Engine::Normalize(_) if markup != Markup::Off => {
            let mut resolver = Resolver::with_rules(text, Some(engine), &zones, user);
            if markup == Markup::Source {
                resolver.keep_markup();
            }
            let mut out = String::with_capacity(text.len() + text.len() / 8);
            resolver.run(&mut out);
            let (found, more) = resolver.take_warnings();
            let mut warnings = crate::markup::Warnings::default();
            warnings.extend(found, more);
            Document {
                text: out,
                warnings: warnings.finish(),
                kept,
            }
        }
        _ => {
            let mut out = String::with_capacity(text.len() + text.len() / 8);
            let mut p = 0;
            let text_span = |s: usize, e: usize, out: &mut String| {
                if zones.is_escaped(s, e) {
                    crate::format::escapes::convert(&text[s..e], out, |t, o| {
                        engine.convert_into(t, user, o)
                    });
                } else {
                    engine.convert_into(&text[s..e], user, out);
                }
            };
            for (s, e, _) in zones.kept() {
                if s >= p {
                    text_span(p, s, &mut out);
                    out.push_str(&text[s..e]);
                    p = e;
                }
            }
            text_span(p, text.len(), &mut out);
            Document {
                text: out,
                warnings: Vec::new(),
                kept,
            }
        }
    }
}

/// Whether `c` is a CJK ideograph (the unified blocks and their extensions, the
/// compatibility ideographs).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Whether plain `text` holds nothing a document reads differently from text: no `-{`,
/// no `}-`, no `://`.
fn is_bare_text(text: &str) -> bool {
    let b = text.as_bytes();
    crate::markup::OPEN.find(b).is_none()
        && crate::markup::CLOSE.find(b).is_none()
        && crate::format::SCHEME.find(b).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Variant;

    /// Bare text converts as the resolver would convert it: the short cut changes nothing.
    #[test]
    fn bare_text_skips_the_resolver_with_the_same_result() {
        let text = concat!(
            include_str!("../tests/data/article/wic-article.md"),
            "后来 头发 台湾\n著名的原著 {H|x} -}{ :// ok"
        );
        let lines = text
            .lines()
            .filter(|l| is_bare_text(l) && !l.is_empty())
            .count();
        assert!(lines > 20, "{lines} bare lines");
        let mut user = Rules::default();
        user.insert("后来".into(), "後來了".into());
        for v in [Variant::Hant, Variant::Hans, Variant::Tw] {
            let engine = Engine::normalize(v, Default::default());
            for rules in [Rules::default(), user.clone()] {
                for line in text.lines().filter(|l| is_bare_text(l)) {
                    let zones = Format::Plain.zones(line);
                    let mut resolver = Resolver::with_rules(line, Some(&engine), &zones, &rules);
                    let mut out = String::new();
                    resolver.run(&mut out);
                    let doc = convert_document(&engine, &rules, line, DocumentOptions::default());
                    assert_eq!(doc.text, out, "{v}: {line}");
                    assert!(doc.warnings.is_empty());
                }
            }
        }
    }
}
