//! The evidence classes: characters that show a text is Simplified, or Traditional,
//! strongly enough to be converted wherever they occur.
//!
//! A character is *Simplified evidence* (foreign to Traditional text) when it is a key of
//! STCharacters, its [weight](crate::weights) is at least
//! [`FOREIGN_BITS`](crate::weights::FOREIGN_BITS) towards Simplified, and no single-character
//! conversion towards a Traditional target outputs it (so converted text never holds
//! evidence of the other script, which keeps normalization idempotent). Traditional evidence
//! is the mirror image. Besides the classes, every character gets its weight in half bits
//! (`weight.bin`): the library (`src/engine/script.rs`) sums them to decide the script of a
//! clause.

use std::collections::BTreeSet;

use crate::dict::Dict;
use crate::tree::{chars_of, Ctx};
use crate::weights::{Weights, FOREIGN_BITS};

/// The Taiwan stage of OpenCC's s2tw(p) (phrases, variant phrases, variants).
pub(crate) const TW_STAGE: [&str; 3] = ["TWPhrases.txt", "TWVariantsPhrases.txt", "TWVariants.txt"];
/// The Hong Kong stage of OpenCC's s2hk(p).
pub(crate) const HK_STAGE: [&str; 3] = ["HKPhrases.txt", "HKVariantsPhrases.txt", "HKVariants.txt"];

/// First code point of the class table.
pub(crate) const CLASS_BASE: u32 = 0x3000;
/// End (exclusive) of the class table.
pub(crate) const CLASS_END: u32 = 0x32400;
/// Class bit of Simplified evidence (the library's `SIMPLIFIED`).
pub(crate) const SIMPLIFIED: u8 = 1;
/// Class bit of Traditional evidence (the library's `TRADITIONAL`).
pub(crate) const TRADITIONAL: u8 = 2;

/// The two evidence sets and the weights.
pub(crate) struct Evidence {
    pub simplified: BTreeSet<char>,
    pub traditional: BTreeSet<char>,
    /// Simplified evidence that Hong Kong writes too (温, 户, 税: HKVariants' forms): not
    /// foreign to the hk and mo targets.
    pub hk_forms: BTreeSet<char>,
    /// Half bits per code point from [`CLASS_BASE`] (positive: Simplified).
    pub weights: Vec<i8>,
}

/// The first characters of the keys of the dictionaries.
pub(crate) fn key_chars<'a>(ds: impl IntoIterator<Item = &'a Dict>) -> BTreeSet<char> {
    ds.into_iter()
        .flat_map(|d| d.map.keys())
        .filter_map(|k| k.chars().next())
        .collect()
}

impl Evidence {
    /// The evidence sets from the weights, OpenCC's Simplified↔Traditional and regional
    /// dictionaries (read into `ctx`) and zhnorm's corrections (`hant_fix` towards
    /// Traditional, `hans_fix` towards Simplified).
    pub fn new(ctx: &Ctx, weights: &Weights, hant_fix: &Dict, hans_fix: &Dict) -> Evidence {
        let d = |f: &str| &ctx.dicts[f];
        let (st, ts, tse) = (
            d("STCharacters.txt"),
            d("TSCharacters.txt"),
            d("TSCharactersExt.txt"),
        );
        let st_keys = key_chars([st]);
        let ts_keys = key_chars([ts, tse]);
        // What single-character conversions write, towards each script (regional phrases
        // are left out: TWPhrases writes 類别範本 with a Simplified 别).
        let st_out: BTreeSet<char> = chars_of(
            st.map
                .values()
                .chain(hant_fix.map.values())
                .chain(d("TWVariants.txt").map.values()),
        );
        let hk_out = chars_of(d("HKVariants.txt").map.values());
        let ts_out: BTreeSet<char> = chars_of(
            ts.map
                .values()
                .chain(tse.map.values())
                .chain(hans_fix.map.values()),
        );
        let bits = |c: char| weights.char_bits(c, st, ts);
        let simplified: BTreeSet<char> = st_keys
            .iter()
            .copied()
            .filter(|&c| bits(c) >= FOREIGN_BITS && !st_out.contains(&c))
            .collect();
        let hk_forms = simplified.intersection(&hk_out).copied().collect();
        let st_out: BTreeSet<char> = st_out.union(&hk_out).copied().collect();
        let traditional = ts_keys
            .iter()
            .copied()
            .filter(|&c| bits(c) <= -FOREIGN_BITS && !ts_out.contains(&c))
            .collect();
        // A character that a conversion writes never counts against its own script:
        // Hong Kong's 着 (written by hk from 著) does not make hk output look Simplified,
        // or normalizing twice would differ from once.
        // The regional stages' standard forms count too (hk's pre-stage writes 着 for 著).
        let written: BTreeSet<char> = chars_of(
            d("TWVariantsRev.txt")
                .map
                .values()
                .chain(d("HKVariantsRev.txt").map.values())
                .filter(|v| v.chars().count() == 1),
        );
        // A character both scripts allow (后 of 皇后, 于 of classical text, 台, 里) weighs at
        // most 2 bits in the decision: alone it never makes a clause the other script's
        // (that takes 3 bits), so it cannot pull its neighbours into a full conversion; it
        // is still converted by itself where it is evidence.
        let both = |c: char| weights.scripts(c, st, ts) == (true, true);
        let bits = |c: char| {
            if c == crate::recipes::TW_ZHE {
                // Taiwan's 著 (看著) is Simplified's and OpenCC's 着, but 著 of 著名, 原著 is
                // Simplified too: it decides nothing, or two of them would take a Simplified
                // clause for Traditional and the hans full table would write 原着.
                return 0.0;
            }
            let b = bits(c);
            let b = if both(c) { b.clamp(-2.0, 2.0) } else { b };
            if st_out.contains(&c) || written.contains(&c) {
                b.min(0.0)
            } else if ts_out.contains(&c) {
                b.max(0.0)
            } else {
                b
            }
        };
        let mut half_bits = vec![0i8; (CLASS_END - CLASS_BASE) as usize];
        for c in weights
            .chars()
            .chain(st_keys.iter().copied())
            .chain(ts_keys.iter().copied())
        {
            if let Some(w) = (c as u32)
                .checked_sub(CLASS_BASE)
                .and_then(|i| half_bits.get_mut(i as usize))
            {
                *w = (bits(c) * 2.0).round().clamp(-127.0, 127.0) as i8;
            }
        }
        Evidence {
            simplified,
            traditional,
            hk_forms,
            weights: half_bits,
        }
    }

    /// The weight of `c` in half bits (0 outside the table).
    pub fn half_bits(&self, c: char) -> i8 {
        (c as u32)
            .checked_sub(CLASS_BASE)
            .and_then(|i| self.weights.get(i as usize))
            .copied()
            .unwrap_or(0)
    }

    /// The weight table (`weight.bin`): [`Evidence::weights`] as bytes.
    pub fn weight_table(&self) -> Vec<u8> {
        self.weights.iter().map(|&w| w as u8).collect()
    }

    /// The class table: one byte per code point from [`CLASS_BASE`] to [`CLASS_END`],
    /// [`SIMPLIFIED`] and/or [`TRADITIONAL`] (`class.bin`).
    pub fn class_table(&self) -> Vec<u8> {
        let mut class = vec![0u8; (CLASS_END - CLASS_BASE) as usize];
        for (set, bit) in [
            (&self.simplified, SIMPLIFIED),
            (&self.traditional, TRADITIONAL),
        ] {
            for c in set {
                if (CLASS_BASE..CLASS_END).contains(&(*c as u32)) {
                    class[(*c as u32 - CLASS_BASE) as usize] |= bit;
                }
            }
        }
        class
    }

    /// The sets as text, for reading (`classes.txt`).
    pub fn summary(&self) -> String {
        format!(
            "simplified evidence ({}): {}\ntraditional evidence ({}): {}\n",
            self.simplified.len(),
            self.simplified.iter().collect::<String>(),
            self.traditional.len(),
            self.traditional.iter().collect::<String>()
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::DATA;

    #[test]
    fn simplified_only_characters_are_simplified_evidence() {
        let e = &DATA.evidence;
        // 后 and 于 too: Traditional text writes them only in a few words (皇后, 于姓).
        for c in "头发这们说国为读买龙价万后于别确".chars() {
            assert!(e.simplified.contains(&c), "{c}");
            assert!(!e.traditional.contains(&c), "{c}");
        }
    }

    #[test]
    fn traditional_only_characters_are_traditional_evidence() {
        let e = &DATA.evidence;
        for c in "頭髮這們說國為讀買龍計於".chars() {
            assert!(e.traditional.contains(&c), "{c}");
            assert!(!e.simplified.contains(&c), "{c}");
        }
    }

    #[test]
    fn characters_of_both_scripts_are_no_evidence() {
        // 台 里 干 面 只 are common in Traditional text too (臺/裏/幹/麵/隻 are only some of
        // their readings); 的 一 人 are the same in both scripts.
        let e = &DATA.evidence;
        for c in "台里干面只的一人".chars() {
            assert!(
                !e.simplified.contains(&c) && !e.traditional.contains(&c),
                "{c}"
            );
        }
    }

    #[test]
    fn no_character_is_evidence_for_both() {
        let e = &DATA.evidence;
        assert!(e.simplified.is_disjoint(&e.traditional));
        let class = e.class_table();
        assert!(class.iter().all(|&b| b <= 2));
        assert_eq!(class['头' as usize - 0x3000], 1);
        assert_eq!(class['頭' as usize - 0x3000], 2);
    }
}
