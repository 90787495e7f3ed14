//! OpenCC 1.4.2 configs, reproduced exactly.
//!
//! Each config runs: the CJK-compatibility normalization stage, max-match segmentation by
//! the config's segmentation dictionary (when it has one; otherwise the whole text is one
//! segment), then every conversion stage over every segment separately. Dictionary groups
//! keep their `short_circuit`/`union` semantics (see `table.rs`), multi-value entries give
//! their first value, and the tofu-risk dictionary `TSCharactersExt` is included, as in
//! OpenCC's C API.

use std::fmt;
use std::str::FromStr;

use super::Scratch;
use crate::error::Error;
use crate::table::{ConfigSpec, Table, TableId, CONFIG_SPECS};

macro_rules! configs {
    ($($variant:ident => $name:literal, $doc:literal;)*) => {
        /// An OpenCC 1.4.2 configuration (`--config NAME`).
        ///
        /// ```
        /// use zhnorm::Config;
        /// let c: Config = "s2twp".parse().unwrap();
        /// assert_eq!(c, Config::S2twp);
        /// assert_eq!(c.name(), "s2twp");
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Config {
            $(#[doc = $doc] $variant,)*
        }

        impl Config {
            /// All sixteen configs OpenCC 1.4.2 ships.
            pub const ALL: [Config; 16] = [$(Config::$variant,)*];

            /// The config's file name without `.json`, e.g. `s2t`.
            ///
            /// ```
            /// assert_eq!(zhnorm::Config::Tw2sp.name(), "tw2sp");
            /// ```
            pub fn name(self) -> &'static str {
                match self { $(Config::$variant => $name,)* }
            }
        }
    };
}

configs! {
    S2t => "s2t", "Simplified to Traditional (OpenCC standard).";
    T2s => "t2s", "Traditional (OpenCC standard) to Simplified.";
    S2tw => "s2tw", "Simplified to Traditional, Taiwan standard.";
    Tw2s => "tw2s", "Traditional, Taiwan standard, to Simplified.";
    S2twp => "s2twp", "Simplified to Traditional, Taiwan standard with Taiwan phrases.";
    Tw2sp => "tw2sp", "Traditional, Taiwan standard with phrases, to Simplified with mainland phrases.";
    S2hk => "s2hk", "Simplified to Traditional, Hong Kong standard.";
    Hk2s => "hk2s", "Traditional, Hong Kong standard, to Simplified.";
    S2hkp => "s2hkp", "Simplified to Traditional, Hong Kong standard with Hong Kong phrases.";
    Hk2sp => "hk2sp", "Traditional, Hong Kong standard with phrases, to Simplified with mainland phrases.";
    T2tw => "t2tw", "Traditional (OpenCC standard) to Taiwan standard.";
    Tw2t => "tw2t", "Taiwan standard to Traditional (OpenCC standard).";
    T2hk => "t2hk", "Traditional (OpenCC standard) to Hong Kong standard.";
    Hk2t => "hk2t", "Hong Kong standard to Traditional (OpenCC standard).";
    T2jp => "t2jp", "Traditional (Kyūjitai) to Japanese Shinjitai.";
    Jp2t => "jp2t", "Japanese Shinjitai to Traditional (Kyūjitai).";
}

impl Config {
    pub(crate) fn spec(self) -> &'static ConfigSpec {
        CONFIG_SPECS
            .iter()
            .find(|s| s.name == self.name())
            .expect("every OpenCC config is compiled by the dictionary compiler")
    }

    /// The config's description from its JSON file.
    ///
    /// ```
    /// assert!(zhnorm::Config::S2t.title().contains("Traditional"));
    /// ```
    pub fn title(self) -> &'static str {
        self.spec().title
    }
}

impl FromStr for Config {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let lower = s.trim().to_ascii_lowercase();
        let name = lower.strip_suffix(".json").unwrap_or(&lower);
        Config::ALL
            .iter()
            .copied()
            .find(|c| c.name() == name)
            .ok_or_else(|| Error::unknown_config(s))
    }
}

impl fmt::Display for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The loaded tables of one config.
pub(crate) struct Pipeline {
    config: Config,
    /// Table ids: loaded on first use (most text never needs normalization).
    normalization: Vec<TableId>,
    segmentation: Option<&'static Table>,
    /// The first stage finds the segments (proved by the dictionary compiler, `dictionaries/compiler/src/segments.rs`).
    phrase_segments: bool,
    stages: Vec<&'static Table>,
}

impl Pipeline {
    pub(crate) fn new(config: Config) -> Pipeline {
        let spec = config.spec();
        Pipeline {
            config,
            normalization: spec.normalization.to_vec(),
            segmentation: spec.segmentation.map(Table::get),
            phrase_segments: spec.phrase_segments,
            stages: spec.stages.iter().map(|&i| Table::get(i)).collect(),
        }
    }

    /// The config this pipeline runs.
    pub(crate) fn config(&self) -> Config {
        self.config
    }

    pub(crate) fn table_bytes(&self) -> usize {
        let spec = self.config.spec();
        crate::table::table_bytes(
            spec.normalization
                .iter()
                .chain(spec.stages)
                .chain(&spec.segmentation)
                .copied(),
        )
    }

    /// Converts one sentence (a piece no dictionary key spans) and appends it to `out`.
    pub(crate) fn convert_sentence(&self, text: &str, out: &mut String, scratch: &mut Scratch) {
        let Scratch {
            normalized,
            stage_out,
            next_stage_out,
            stage_ends,
            next_stage_ends,
            ..
        } = scratch;
        let text: &str = if self.normalization.is_empty() || !may_need_normalization(text) {
            text
        } else {
            normalized.clear();
            normalized.push_str(text);
            for &t in &self.normalization {
                let t = Table::get(t);
                stage_out.clear();
                if t.convert(normalized, stage_out) {
                    std::mem::swap(stage_out, normalized);
                }
            }
            normalized
        };
        stage_ends.clear();
        match self.segmentation {
            Some(seg) => seg.segment(text, stage_ends),
            None => stage_ends.push(text.len()),
        }
        if text.is_empty() {
            return;
        }
        // Every stage converts each segment separately, in one pass over the sentence.
        let (last, first) = match &self.stages[..] {
            [] => return out.push_str(text),
            [only] => {
                only.convert_segments(text, stage_ends, out, None);
                return;
            }
            [first, .., last] => (last, first),
        };
        stage_out.clear();
        next_stage_ends.clear();
        if self.phrase_segments {
            first.convert_segmenting(text, stage_out, next_stage_ends);
        } else {
            first.convert_segments(text, stage_ends, stage_out, Some(next_stage_ends));
        }
        std::mem::swap(stage_ends, next_stage_ends);
        for stage in &self.stages[1..self.stages.len() - 1] {
            next_stage_out.clear();
            next_stage_ends.clear();
            stage.convert_segments(stage_out, stage_ends, next_stage_out, Some(next_stage_ends));
            std::mem::swap(stage_out, next_stage_out);
            std::mem::swap(stage_ends, next_stage_ends);
        }
        last.convert_segments(stage_out, stage_ends, out, None);
    }
}

/// Whether `text` may contain a character of OpenCC's normalization dictionary (the CJK
/// compatibility ideographs U+F900–FAFF and U+2F800–2FA1F): a byte scan that lets the
/// normalization pass be skipped for almost all text.
pub(crate) fn may_need_normalization(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(0xEF, 0xF0, b).any(|i| {
        matches!(
            (b[i], b.get(i + 1)),
            (0xEF, Some(0xA4..=0xAB)) | (0xF0, Some(0xAF))
        )
    })
}
