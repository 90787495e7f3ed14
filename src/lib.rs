//! zhnorm turns Chinese text written in a mix of Simplified and Traditional characters into
//! one consistent script or regional variant, and reproduces OpenCC 1.4.2's conversions
//! byte for byte.
//!
//! Everything is in the binary: OpenCC's dictionaries are compiled into automata at build
//! time and embedded, so there are no files to install. Creating a converter costs
//! microseconds; its tables are loaded on first use (about 1–5 ms, once per process) and
//! shared by every converter and thread.
//!
//! # Two modes, one engine
//!
//! * **Normalization** ([`Converter::new`], CLI `--to VARIANT`): input is *mixed*. Each
//!   clause is judged by the script weights of its characters (how often each occurs as
//!   itself in Simplified and in Traditional text); clauses in the other script are
//!   converted with OpenCC's phrases and characters, clauses already in the target script
//!   only lose characters and phrases foreign to it. Valid target text is not "corrected",
//!   and normalizing twice equals normalizing once. `hant` writes the forms Traditional
//!   readers use ([`Forms`]).
//! * **OpenCC** ([`Converter::opencc`], CLI `--config NAME`): exactly OpenCC 1.4.2's
//!   16 configs, including its segmentation and dictionary-group semantics.
//!
//! ```
//! use zhnorm::{Converter, Variant};
//!
//! let hant = Converter::new(Variant::Hant);
//! assert_eq!(hant.convert("我们的头发。我們的頭髮。"), "我們的頭髮。我們的頭髮。");
//!
//! // Already Traditional: left alone, although OpenCC's s2t would write 臺灣.
//! assert_eq!(hant.convert("台灣的里程"), "台灣的里程");
//!
//! // Regional: Taiwan forms and vocabulary.
//! assert_eq!(zhnorm::normalize("鼠标和软件", Variant::Tw), "滑鼠和軟體");
//! ```
//!
//! OpenCC-compatible conversion:
//!
//! ```
//! use zhnorm::Config;
//! assert_eq!(zhnorm::opencc("虛偽歎息", Config::Hk2s), "虚伪叹息");
//! ```
//!
//! Streaming, in bounded memory, never cutting a phrase or a grapheme cluster, on one
//! thread or on all cores with a byte-identical result: one entry point,
//! [`Converter::convert_stream`], for plain text and documents ([`StreamOptions`]):
//!
//! ```
//! use zhnorm::{Converter, StreamOptions, Variant};
//! let c = Converter::new(Variant::Hans);
//! let mut out = Vec::new();
//! c.convert_stream("繁體字\n".as_bytes(), &mut out, StreamOptions::default())?;
//! assert_eq!(String::from_utf8(out).unwrap(), "繁体字\n");
//!
//! let c = Converter::new(Variant::Hant);
//! let text = "软件和头发。\n".repeat(50_000);
//! let mut out = Vec::new();
//! let all_cores = StreamOptions { parallel: true, ..Default::default() };
//! c.convert_stream(text.as_bytes(), &mut out, all_cores)?;
//! assert_eq!(out, c.convert(&text).as_bytes());
//! # Ok::<(), zhnorm::Error>(())
//! ```
//!
//! Documents with MediaWiki conversion markup (`-{…}-`) in plain text, wikitext or
//! Markdown go through [`Converter::convert_document`], which also reports malformed
//! markup as [`Warning`]s. With the cargo feature `opencc`, the `reference` module runs
//! the C++ OpenCC 1.4.2 itself, for comparison.
//!
//! # Sentences
//!
//! Text is processed sentence by sentence: a sentence ends after a line feed or one of
//! `。！？；!?` (with any characters attached to it), or after 64 KiB at a grapheme
//! boundary (at a character boundary inside a "cluster" still going 4 KiB later: no
//! sentence exceeds 68 KiB). Streaming cuts only there; script detection works per clause within a
//! sentence (see DESIGN.md, "Pipeline").
#![deny(missing_docs)]

// The modules follow the pipeline (DESIGN.md at the repository root, "Pipeline"):
// `format` (the zones each format keeps) → `markup` (`-{…}-` parsing and resolution) →
// `engine` (sentences, script decision, normalization and OpenCC pipelines over the
// tables of `table`); `stream` reads and cuts input in bounded memory; `converter` is the
// public front door, `dictionary` reads user dictionaries into `rules`.
mod converter;
mod detect;
mod dictionary;
mod document;
mod engine;
mod error;
mod explain;
mod finding;
mod format;
mod markup;
#[cfg(feature = "opencc")]
pub mod reference;
mod rules;
mod stream;
mod table;
mod variant;
mod weights;

pub use converter::{
    Converter, ConverterBuilder, Document, DocumentOptions, Markup, StreamOptions, Streamed,
};
pub use detect::{detect, script_counts, Report, ScriptCounts};
pub use engine::Config;
pub use error::{Error, ErrorKind};
pub use explain::{Change, Clause, ClauseScript, Source, Stage, Step};
pub use finding::{Finding, Position, Rule};
pub use format::{Format, FormatChoice, FormatReason, Lang};
pub use markup::Warning;
pub use variant::{Forms, Variant, Vocabulary};

/// Normalizes `text` to `variant` (one-off; keep a [`Converter`] for repeated calls).
///
/// ```
/// assert_eq!(zhnorm::normalize("后来", zhnorm::Variant::Hant), "後來");
/// ```
pub fn normalize(text: &str, variant: Variant) -> String {
    Converter::new(variant).convert(text).into_owned()
}

/// Converts `text` with an OpenCC 1.4.2 config (one-off).
///
/// ```
/// assert_eq!(zhnorm::opencc("汉字", zhnorm::Config::S2t), "漢字");
/// ```
pub fn opencc(text: &str, config: Config) -> String {
    Converter::opencc(config).convert(text).into_owned()
}

/// The README's examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn public_types_are_send_and_sync() {
        assert_send_sync::<Converter>();
        assert_send_sync::<Error>();
        assert_send_sync::<Variant>();
    }
}
