//! Normalization mode (`--to VARIANT`): mixed text in, one consistent variant out.
//!
//! Each sentence goes through up to three stages:
//!
//! 1. *pre*: forms specific to another region mapped to OpenCC's standard forms (Hong Kong
//!    forms for the tw target, Taiwan forms for hk/mo) or, for cn, Taiwan/Hong Kong
//!    vocabulary mapped to the mainland word;
//! 2. *script*: the sentence's script is judged from its *evidence characters* (characters
//!    that occur in only one script and that no conversion outputs; see `build.rs`); a
//!    sentence without any follows the previous sentence of its line. A
//!    sentence with more evidence of the other script than of the target is converted with
//!    OpenCC's full phrase + character tables. Any other sentence is treated as already in
//!    the target script: only phrases containing an evidence character of the other script,
//!    and those characters themselves, are converted, so valid target text (台灣, 里程, 乾隆)
//!    is never "corrected";
//! 3. *post*: the region's standard forms and (by default) vocabulary, as OpenCC's
//!    s2twp/s2hkp second stage.
//!
//! Because the outputs of stages 2–3 never contain evidence of the other script, running
//! the normalization again takes the "already in the target script" path and changes
//! nothing: normalization is idempotent.
//!
//! An ideograph followed by a variation selector names a specific glyph; it is copied
//! unchanged and no phrase matches across it.

use crate::opencc::Scratch;
use crate::rules::Rules;
use crate::table::{self, Table};
use crate::Variant;

pub(crate) struct Normalizer {
    pub(crate) variant: Variant,
    pub(crate) idioms: bool,
    // Table ids, loaded on first use (a one-line input in one script needs only some).
    pre: Option<usize>,
    full: usize,
    strict: usize,
    post: Option<usize>,
    traditional: bool,
}

impl Normalizer {
    pub(crate) fn new(variant: Variant, idioms: bool) -> Normalizer {
        use table::*;
        let (pre, post) = match variant {
            Variant::Hans | Variant::Hant | Variant::Sg | Variant::My => (None, None),
            Variant::Cn => (idioms.then_some(CN_PRE), None),
            Variant::Tw => (
                Some(TW_PRE),
                Some(if idioms { TW_POST } else { TW_POST_PLAIN }),
            ),
            Variant::Hk | Variant::Mo => (
                Some(HK_PRE),
                Some(if idioms { HK_POST } else { HK_POST_PLAIN }),
            ),
        };
        let traditional = variant.is_traditional();
        let (full, strict) = if traditional {
            (HANT_FULL, HANT_STRICT)
        } else {
            (HANS_FULL, HANS_STRICT)
        };
        Normalizer {
            variant,
            idioms,
            pre,
            full,
            strict,
            post,
            traditional,
        }
    }

    pub(crate) fn table_bytes(&self) -> usize {
        [self.pre, Some(self.full), Some(self.strict), self.post]
            .iter()
            .flatten()
            .map(|&t| Table::get(t).size())
            .sum()
    }

    /// Whether a sentence should get the full conversion (it is written in the other script):
    /// `Some` when the sentence has evidence, `None` when it has none.
    fn is_other_script(&self, text: &str, scratch: &mut Scratch) -> Option<bool> {
        let (mut simplified, mut traditional) = (0u32, 0u32);
        let b = text.as_bytes();
        let mut selectors = false;
        let mut prev = 0u8; // class of the previous character
        let mut i = 0;
        while i < b.len() {
            let lead = b[i];
            if lead < 0x80 {
                i += 1;
                prev = 0;
                continue;
            }
            let (c, len) = table::decode(text, i);
            i += len;
            // A variation selector: the character before it is copied as it is and gives no
            // evidence, so its count is taken back.
            if is_selector_code(c) {
                selectors = true;
                simplified -= (prev & table::SIMPLIFIED != 0) as u32;
                traditional -= (prev & table::TRADITIONAL != 0) as u32;
                prev = 0;
                continue;
            }
            prev = table::class_of_u32(c);
            simplified += (prev & table::SIMPLIFIED != 0) as u32;
            traditional += (prev & table::TRADITIONAL != 0) as u32;
        }
        scratch.selectors = selectors;
        if simplified == 0 && traditional == 0 {
            None
        } else if self.traditional {
            Some(simplified > traditional)
        } else {
            Some(traditional > simplified)
        }
    }

    /// Normalizes a piece of text (sentence by sentence) and appends it to `out`.
    pub(crate) fn convert_text(&self, text: &str, out: &mut String, scratch: &mut Scratch) {
        crate::sentence::for_each_sentence(text, |s| self.convert_sentence(s, out, scratch));
    }

    /// Normalizes `text` sentence by sentence with `rules` winning over the dictionaries.
    /// Each sentence's script is decided on the whole sentence, before the rules cut it
    /// into fragments (a fragment alone may carry no evidence).
    pub(crate) fn convert_text_with(
        &self,
        text: &str,
        rules: &Rules,
        out: &mut String,
        scratch: &mut Scratch,
    ) {
        if rules.is_empty() {
            return self.convert_text(text, out, scratch);
        }
        crate::sentence::for_each_sentence(text, |s| {
            let other = self.decide(s, scratch);
            rules.apply(s, out, |t, o| self.convert_decided(t, other, o, scratch));
        });
    }

    /// Normalizes one sentence (see `sentence.rs`) and appends it to `out`.
    pub(crate) fn convert_sentence(&self, text: &str, out: &mut String, scratch: &mut Scratch) {
        let other = self.decide(text, scratch);
        self.convert_decided(text, other, out, scratch);
    }

    /// Whether `sentence` is in the other script (gets the full conversion). A sentence
    /// without evidence (a short clause, a name) follows the previous sentence of the same
    /// line.
    pub(crate) fn decide(&self, sentence: &str, scratch: &mut Scratch) -> bool {
        let other = if sentence.is_ascii() {
            scratch.selectors = false;
            scratch.other_script
        } else {
            self.is_other_script(sentence, scratch)
                .unwrap_or(scratch.other_script)
        };
        scratch.other_script = other && !sentence.ends_with('\n');
        other
    }

    /// Converts (part of) a sentence whose script decision is `other`.
    pub(crate) fn convert_decided(
        &self,
        text: &str,
        other: bool,
        out: &mut String,
        scratch: &mut Scratch,
    ) {
        if text.is_ascii() {
            out.push_str(text);
            return;
        }
        let script = Table::get(if other { self.full } else { self.strict });
        if !scratch.selectors {
            // `decide` saw no variation selector in this sentence.
            return self.convert_fragment(text, script, out, scratch);
        }
        let mut rest = text;
        while let Some((start, end)) = find_selector_cluster(rest) {
            self.convert_fragment(&rest[..start], script, out, scratch);
            out.push_str(&rest[start..end]);
            rest = &rest[end..];
        }
        self.convert_fragment(rest, script, out, scratch);
    }

    fn convert_fragment(
        &self,
        text: &str,
        script: &Table,
        out: &mut String,
        scratch: &mut Scratch,
    ) {
        if text.is_empty() {
            return;
        }
        let Scratch { a, b, .. } = scratch;
        let text: &str = match self.pre.map(Table::get) {
            Some(pre) => {
                a.clear();
                pre.convert(text, a);
                a
            }
            None => text,
        };
        match self.post.map(Table::get) {
            Some(post) => {
                b.clear();
                script.convert(text, b);
                post.convert(b, out);
            }
            None => {
                script.convert(text, out);
            }
        }
    }
}

/// Whether `c` is a variation selector (standardized or ideographic).
pub(crate) fn is_variation_selector(c: char) -> bool {
    is_selector_code(c as u32)
}

/// [`is_variation_selector`] for a code point: U+FE00–FE0F or U+E0100–E01EF, tested
/// without branches (the evidence scan calls it for every character).
#[inline]
fn is_selector_code(c: u32) -> bool {
    (c.wrapping_sub(0xFE00) < 0x10) | (c.wrapping_sub(0xE0100) < 0xF0)
}

/// The first character followed by variation selectors: (start of the base character,
/// end of the last selector). A selector with no base covers only itself.
fn find_selector_cluster(text: &str) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    // FE00–FE0F: EF B8 80–8F. E0100–E01EF: F3 A0 84 80 – F3 A0 87 AF (the lead bytes
    // also cover E01F0–E01FF, so the decoded character is checked too).
    let pos = (0..b.len()).find(|&i| {
        ((b[i] == 0xEF
            && b.get(i + 1) == Some(&0xB8)
            && b.get(i + 2).is_some_and(|x| (0x80..=0x8F).contains(x)))
            || (b[i] == 0xF3
                && b.get(i + 1) == Some(&0xA0)
                && b.get(i + 2).is_some_and(|x| (0x84..=0x87).contains(x))))
            && text[i..].chars().next().is_some_and(is_variation_selector)
    })?;
    let start = text[..pos]
        .char_indices()
        .next_back()
        .map_or(pos, |(i, _)| i);
    let end = pos
        + text[pos..]
            .char_indices()
            .find(|&(_, c)| !is_variation_selector(c))
            .map_or(text.len() - pos, |(i, _)| i);
    debug_assert!(end > pos);
    Some((start, end))
}
