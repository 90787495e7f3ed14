//! Script weights: how strongly a character, or an OpenCC phrase, shows that a text is
//! Simplified or Traditional, from how often it occurs *as itself* in each script.
//!
//! Counts come from `dictionaries/frequency` (see its README): the *Simplified* count of a
//! character or phrase is its frequency in jieba's word list (modern mainland text); the
//! *Traditional* count is its frequency in the same words written in Traditional characters
//! by OpenCC's s2tw. Converted text misses Traditional usage that OpenCC writes otherwise
//! (台, which s2tw writes 臺; 着, Hong Kong's form), so for characters that OpenCC allows in
//! Traditional text (not a key of STCharacters, or among its own values there) the
//! Traditional count is at least the count Unihan's `kFrequency` class or `kGradeLevel`
//! (taught in Hong Kong primary schools) stands for, calibrated on characters written the
//! same in both scripts (the median jieba count of each class).
//!
//! The weight of a character is `log2((simplified + α) / (traditional + α))` with
//! α = [`ALPHA`]: positive for Simplified, negative for Traditional, near 0 for characters
//! common in both (面, 只, 才). 价 ≈ +10, 后 ≈ +5, 里 ≈ +2, 們 ≈ −12. The library stores it in
//! half bits (`weight.bin`, one `i8` per code point).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use crate::dict::Dict;

/// Smoothing added to both counts: a character seen a few times in one corpus only (a
/// name, a typo) carries no weight.
pub(crate) const ALPHA: f64 = 50.0;
/// A character at least this many bits towards one script is *foreign* to the other
/// (converted even in text judged to be in the target script): 16 times more frequent.
pub(crate) const FOREIGN_BITS: f64 = 4.0;
/// Smoothing of the Simplified counts of phrases in [`Weights::traditional_phrase`]: they
/// are counts of real text (jieba's), so a phrase jieba never writes (沈迷, 土坏) against a
/// value it writes often (沉迷 123 times) is telling; Traditional counts are converted text
/// and keep [`ALPHA`].
pub(crate) const PHRASE_ALPHA: f64 = 10.0;
/// An OpenCC phrase whose value is at least this many bits more frequent than its key, in
/// the script it converts to, is converted wherever it occurs (沈重 → 沉重, 余年 → 餘年).
pub(crate) const PHRASE_BITS: f64 = 3.0;

/// Traditional pseudo-counts of Unihan's `kFrequency` classes 1–5 (the median jieba count
/// of the characters of each class that both scripts write the same way).
const FREQUENCY_CLASS: [f64; 5] = [240_000.0, 80_000.0, 26_000.0, 7_500.0, 1_200.0];
/// Traditional pseudo-counts of Unihan's `kGradeLevel` 1–6, calibrated the same way.
const GRADE_LEVEL: [f64; 6] = [40_000.0, 14_000.0, 9_400.0, 5_400.0, 2_700.0, 2_500.0];

/// Counts of one character or phrase.
#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct Counts {
    pub simplified: f64,
    pub traditional: f64,
    /// The Traditional pseudo-count from Unihan (0 when it has none).
    pub unihan: f64,
}

/// The frequency data.
pub(crate) struct Weights {
    chars: BTreeMap<char, Counts>,
    phrases: BTreeMap<String, Counts>,
    /// zhnorm's list of characters Traditional text does not write although OpenCC
    /// allows them (`dictionaries/zhnorm/simplified-only.txt`).
    simplified_only: BTreeSet<char>,
}

fn parse_tsv(path: &Path) -> Vec<Vec<String>> {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').map(String::from).collect())
        .collect()
}

fn number(field: &str, path: &Path) -> f64 {
    field
        .parse::<u64>()
        .unwrap_or_else(|_| panic!("{}: not a count: {field:?}", path.display())) as f64
}

impl Weights {
    /// Reads `chars.tsv` and `phrases.tsv` from `dir`; the characters of
    /// `simplified_only` (`dictionaries/zhnorm/simplified-only.txt`) weigh as characters
    /// only Simplified allows.
    ///
    /// # Panics
    ///
    /// When a file is missing or malformed.
    pub fn load(dir: &Path, simplified_only: &BTreeSet<char>) -> Weights {
        let path = dir.join("chars.tsv");
        let mut chars = BTreeMap::new();
        for row in parse_tsv(&path) {
            let [c, s, t, freq, grade] = &row[..] else {
                panic!("{}: expected 5 fields in {row:?}", path.display());
            };
            let mut cs = c.chars();
            let (Some(c), None) = (cs.next(), cs.next()) else {
                panic!("{}: not one character: {c:?}", path.display());
            };
            let class = |field: &str, table: &[f64]| {
                field
                    .parse::<usize>()
                    .ok()
                    .and_then(|k| table.get(k.wrapping_sub(1)).copied())
                    .unwrap_or(0.0)
            };
            let unihan = class(freq, &FREQUENCY_CLASS).max(class(grade, &GRADE_LEVEL));
            chars.insert(
                c,
                Counts {
                    simplified: number(s, &path),
                    traditional: number(t, &path),
                    unihan,
                },
            );
        }
        let path = dir.join("phrases.tsv");
        let mut phrases = BTreeMap::new();
        for row in parse_tsv(&path) {
            let [p, s, t] = &row[..] else {
                panic!("{}: expected 3 fields in {row:?}", path.display());
            };
            phrases.insert(
                p.clone(),
                Counts {
                    simplified: number(s, &path),
                    traditional: number(t, &path),
                    unihan: 0.0,
                },
            );
        }
        Weights {
            chars,
            phrases,
            simplified_only: simplified_only.clone(),
        }
    }

    /// How often text in Traditional (`traditional`) or Simplified script writes `c`: its
    /// count (for Traditional, raised to its Unihan class), 0 when unknown.
    pub fn frequency(&self, c: char, traditional: bool) -> f64 {
        self.chars.get(&c).map_or(0.0, |n| {
            if traditional {
                n.traditional.max(n.unihan)
            } else {
                n.simplified
            }
        })
    }

    /// The weight of `c` in bits (see the module docs). OpenCC's STCharacters (`st`) and
    /// TSCharacters (`ts`) say which script may contain `c`: a character only one of them
    /// allows (a key of the other's table that does not map to itself, 头 or 頭, however
    /// rare) weighs at least [`FOREIGN_BITS`] + 1 towards that script.
    pub fn char_bits(&self, c: char, st: &Dict, ts: &Dict) -> f64 {
        let n = self.chars.get(&c).copied().unwrap_or_default();
        let (in_simplified, in_traditional) = self.scripts(c, st, ts);
        let t = if in_traditional {
            n.traditional.max(n.unihan)
        } else {
            n.traditional
        };
        let bits = ((n.simplified + ALPHA) / (t + ALPHA)).log2();
        match (in_simplified, in_traditional) {
            (true, false) => bits.max(FOREIGN_BITS + 1.0),
            (false, true) => bits.min(-(FOREIGN_BITS + 1.0)),
            _ => bits,
        }
    }

    /// Which scripts allow `c`: (Simplified, Traditional). OpenCC's STCharacters (`st`)
    /// and TSCharacters (`ts`) allow a character in a script unless it is a key of the
    /// other's table that does not map to itself (头 is not Traditional, 頭 not
    /// Simplified); zhnorm's list takes Traditional away from 广, 虫 … (see
    /// `dictionaries/zhnorm/simplified-only.txt`).
    pub fn scripts(&self, c: char, st: &Dict, ts: &Dict) -> (bool, bool) {
        let key = c.to_string();
        let allowed = |d: &Dict| d.all.get(&key).is_none_or(|vs| vs.contains(&key));
        (
            allowed(ts),
            allowed(st) && !self.simplified_only.contains(&c),
        )
    }

    /// Simplified and Traditional counts of a phrase (0 when unseen).
    pub fn phrase(&self, p: &str) -> Counts {
        self.phrases.get(p).copied().unwrap_or_default()
    }

    /// Whether the Simplified phrase `key` (OpenCC converts it to `value`) is clearly
    /// Simplified: Traditional text writes `value` [`PHRASE_BITS`] more often than `key`.
    pub fn simplified_phrase(&self, key: &str, value: &str) -> bool {
        let (k, v) = (self.phrase(key), self.phrase(value));
        ((v.traditional + ALPHA) / (k.traditional + ALPHA)).log2() >= PHRASE_BITS
    }

    /// Whether the Traditional phrase `key` (OpenCC converts it to `value`) is clearly
    /// Traditional: Simplified text writes `value` [`PHRASE_BITS`] more often than `key`.
    pub fn traditional_phrase(&self, key: &str, value: &str) -> bool {
        let (k, v) = (self.phrase(key), self.phrase(value));
        let (ks, vs) = (k.simplified + PHRASE_ALPHA, v.simplified + PHRASE_ALPHA);
        (vs / ks).log2() >= PHRASE_BITS
    }

    /// Every character with counts.
    pub fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.chars.keys().copied()
    }
}

/// Reads a list of characters, one per line, each line's first character (lines starting
/// with `#` and blank lines skipped): `dictionaries/zhnorm/simplified-only.txt`.
///
/// # Panics
///
/// When the file is missing.
pub(crate) fn char_list(path: &Path) -> BTreeSet<char> {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.chars().next())
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::tests::DATA;

    fn bits(c: char) -> f64 {
        let d = &DATA.ctx.dicts;
        DATA.weights
            .char_bits(c, &d["STCharacters.txt"], &d["TSCharacters.txt"])
    }

    #[test]
    fn characters_of_one_script_weigh_heavily() {
        for c in "价万后于别确这们头发温户税".chars() {
            assert!(bits(c) >= super::FOREIGN_BITS, "{c}: {}", bits(c));
        }
        for c in "價萬後於別確這們頭髮計爲裏纔".chars() {
            assert!(bits(c) <= -super::FOREIGN_BITS, "{c}: {}", bits(c));
        }
    }

    #[test]
    fn characters_common_in_both_weigh_little() {
        for c in "面只才台的一人是沈".chars() {
            assert!(bits(c).abs() < 2.0, "{c}: {}", bits(c));
        }
        for c in "里干余".chars() {
            assert!(bits(c).abs() < super::FOREIGN_BITS, "{c}: {}", bits(c));
        }
    }

    #[test]
    fn phrases_are_judged_by_the_value_the_other_script_writes() {
        let w = &DATA.weights;
        assert!(w.simplified_phrase("余年", "餘年"));
        assert!(w.simplified_phrase("的确", "的確"));
        assert!(w.traditional_phrase("沈重", "沉重"));
        assert!(w.traditional_phrase("反覆", "反复"));
        // 皇后 is written so in both scripts.
        assert!(!w.simplified_phrase("皇后", "皇后"));
    }
}
