//! Whole documents: the format's zones are kept, and either the markup resolver converts
//! the rest (normalization with markup), or the text between kept zones is converted as
//! plain text (OpenCC configs, plain text without markup).

use super::Engine;
use crate::format::Format;
use crate::markup::Resolver;
use crate::rules::Rules;
use crate::{Document, DocumentOptions};

/// Converts a whole document with `engine` and the `user` rules.
pub(crate) fn convert_document(
    engine: &Engine,
    user: &Rules,
    text: &str,
    options: DocumentOptions,
) -> Document {
    let zones = options.format.zones(text);
    let markup = options.markup || options.format != Format::Plain;
    match engine {
        Engine::Normalize(n) if markup => {
            let mut resolver = Resolver::with_rules(text, Some(n.variant), n.style, &zones, user);
            let mut out = String::with_capacity(text.len() + text.len() / 8);
            resolver.run(&mut out);
            let (kept, more) = resolver.take_warnings();
            let mut warnings = crate::markup::Warnings::default();
            warnings.extend(kept, more);
            Document {
                text: out,
                warnings: warnings.finish(),
            }
        }
        _ => {
            let mut out = String::with_capacity(text.len() + text.len() / 8);
            let mut p = 0;
            for (s, e, _) in zones.kept() {
                if s >= p {
                    engine.convert_into(&text[p..s], user, &mut out);
                    out.push_str(&text[s..e]);
                    p = e;
                }
            }
            engine.convert_into(&text[p..], user, &mut out);
            Document {
                text: out,
                warnings: Vec::new(),
            }
        }
    }
}
