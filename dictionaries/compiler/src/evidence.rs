//! The evidence classes: characters that show a text is Simplified, or Traditional.
//!
//! A character is *Simplified evidence* when it only occurs in Simplified text: OpenCC
//! converts it to Traditional, never keeps it, it is not itself a Traditional character,
//! and no conversion towards a Traditional target outputs it. Traditional evidence is the
//! mirror image. Only evidence characters are converted in a sentence that is already
//! (mostly) in the target script; see the library's `src/engine/normalize.rs`.

use std::collections::BTreeSet;

use crate::dict::Dict;
use crate::tree::{chars_of, Ctx};

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

/// The two evidence sets.
pub(crate) struct Evidence {
    pub simplified: BTreeSet<char>,
    pub traditional: BTreeSet<char>,
}

/// The first characters of the keys of the dictionaries.
pub(crate) fn key_chars<'a>(ds: impl IntoIterator<Item = &'a Dict>) -> BTreeSet<char> {
    ds.into_iter()
        .flat_map(|d| d.map.keys())
        .filter_map(|k| k.chars().next())
        .collect()
}

/// Whether `c` is among its own values in `d`.
fn own_value(d: &Dict, c: char) -> bool {
    let s = c.to_string();
    d.all.get(&s).is_some_and(|vs| vs.contains(&s))
}

impl Evidence {
    /// The evidence sets from OpenCC's Simplified↔Traditional and regional dictionaries
    /// (read into `ctx`) and zhnorm's corrections (`hant_fix` towards Traditional,
    /// `hans_fix` towards Simplified).
    pub fn new(ctx: &Ctx, hant_fix: &Dict, hans_fix: &Dict) -> Evidence {
        let d = |f: &str| &ctx.dicts[f];
        let (st, ts, tse) = (
            d("STCharacters.txt"),
            d("TSCharacters.txt"),
            d("TSCharactersExt.txt"),
        );
        let st_keys = key_chars([st]);
        let ts_keys = key_chars([ts, tse]);
        let st_out: BTreeSet<char> = chars_of(
            st.map
                .values()
                .chain(d("STPhrases.txt").map.values())
                .chain(d("STPhrases_GeneratedFromRegionalPhrases.txt").map.values())
                .chain(hant_fix.map.values()),
        );
        let ts_out: BTreeSet<char> = chars_of(
            ts.map
                .values()
                .chain(tse.map.values())
                .chain(d("TSPhrases.txt").map.values())
                .chain(hans_fix.map.values()),
        );
        let tw_out = ctx.values_of(&TW_STAGE);
        let hk_out = ctx.values_of(&HK_STAGE);
        let simplified = st_keys
            .iter()
            .copied()
            .filter(|&c| !own_value(st, c) && !ts_keys.contains(&c))
            .filter(|c| !st_out.contains(c) && !tw_out.contains(c) && !hk_out.contains(c))
            .collect();
        let traditional = ts_keys
            .iter()
            .copied()
            .filter(|&c| !own_value(ts, c) && !own_value(tse, c) && !st_keys.contains(&c))
            .filter(|c| !ts_out.contains(c))
            .collect();
        Evidence {
            simplified,
            traditional,
        }
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
        for c in "头发这们说国为读买龙".chars() {
            assert!(e.simplified.contains(&c), "{c}");
            assert!(!e.traditional.contains(&c), "{c}");
        }
    }

    #[test]
    fn traditional_only_characters_are_traditional_evidence() {
        let e = &DATA.evidence;
        for c in "頭髮這們說國為讀買龍".chars() {
            assert!(e.traditional.contains(&c), "{c}");
            assert!(!e.simplified.contains(&c), "{c}");
        }
    }

    #[test]
    fn characters_of_both_scripts_are_no_evidence() {
        // 台 里 后 干 面 are kept in Traditional text too (臺/裏/後/幹/麵 are only some of
        // their readings); 的 一 人 are the same in both scripts.
        let e = &DATA.evidence;
        for c in "台里后干面的一人".chars() {
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
