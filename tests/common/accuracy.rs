//! The accuracy data sets and their scoring, shared by `tests/accuracy.rs` and the
//! side-by-side report `benches/compare/benches/accuracy.rs` (same sets, same scoring for
//! every converter). Reads only files of the repository: OpenCC's tables in
//! `dictionaries/opencc`, `tests/data/article` and `tests/data/accuracy` (see its README).

use std::collections::{HashMap, HashSet};

include!("root.rs");

/// A file of the repository, by its path from the top folder.
pub fn read(path: &str) -> String {
    let p = root().join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// An OpenCC table (`dictionaries/opencc/NAME.txt`): key and its values, in file order.
pub fn opencc_table(name: &str) -> Vec<(String, Vec<String>)> {
    read(&format!("dictionaries/opencc/{name}.txt"))
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, v)| {
            let values = v.split(' ').filter(|s| !s.is_empty()).map(String::from);
            (k.to_string(), values.collect())
        })
        .collect()
}

/// Folds character forms: every OpenCC standard form of OpenCC's Taiwan variant table
/// (`TWVariants`: 爲 衆 裏 纔 着 …) becomes the form it lists first (為 眾 裡 才 著 …).
/// Applied to both output and expected text, it scores a Traditional conversion
/// independently of the character forms the converter writes (OpenCC's s2t writes
/// OpenCC's forms, s2tw, zhconv-rs and zhnorm's `hant` the forms Traditional readers
/// use); it never equates a Simplified character with a Traditional one.
pub struct Fold(HashMap<char, char>);

impl Fold {
    pub fn new() -> Fold {
        let mut map = HashMap::new();
        for (k, v) in opencc_table("TWVariants") {
            let (mut kc, mut vc) = (k.chars(), v[0].chars());
            if let (Some(a), None, Some(b), None) = (kc.next(), kc.next(), vc.next(), vc.next()) {
                if a != b {
                    map.insert(a, b);
                }
            }
        }
        Fold(map)
    }

    pub fn fold(&self, s: &str) -> String {
        s.chars().map(|c| *self.0.get(&c).unwrap_or(&c)).collect()
    }
}

impl Default for Fold {
    fn default() -> Fold {
        Fold::new()
    }
}

/// Whether `c` is a Han ideograph (CJK unified, extension A, compatibility, B and later).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Lines of a data file, without `#` comments and empty lines.
pub fn data_lines(name: &str) -> Vec<String> {
    read(&format!("tests/data/accuracy/{name}"))
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// `words.tsv`: (Simplified word from jieba, its OpenCC s2tw form).
pub fn words() -> Vec<(String, String)> {
    data_lines("words.tsv")
        .iter()
        .map(|l| {
            let (s, t) = l
                .split_once('\t')
                .expect("words.tsv: simplified<TAB>traditional");
            (s.to_string(), t.to_string())
        })
        .collect()
}

/// A word-mixed line of `mixed.tsv`, the separating spaces removed.
pub struct Mixed {
    pub input: String,
    pub hant: String,
    pub hans: String,
}

pub fn mixed() -> Vec<Mixed> {
    data_lines("mixed.tsv")
        .iter()
        .map(|l| {
            let cols: Vec<String> = l.split('\t').map(|c| c.replace(' ', "")).collect();
            assert_eq!(cols.len(), 3, "mixed.tsv: input<TAB>hant<TAB>hans: {l}");
            Mixed {
                input: cols[0].clone(),
                hant: cols[1].clone(),
                hans: cols[2].clone(),
            }
        })
        .collect()
}

/// Characters that belong to one script only by OpenCC's character tables: a Simplified
/// one is a key of STCharacters that does not map to itself and is neither a key of
/// TSCharacters nor a Traditional value (of STCharacters, or a Taiwan form of TWVariants
/// such as 群 or 秘); a Traditional one likewise the other way.
pub struct ScriptOnly {
    pub simplified: HashSet<char>,
    pub traditional: HashSet<char>,
}

fn one_char(s: &str) -> Option<char> {
    let mut it = s.chars();
    it.next().filter(|_| it.next().is_none())
}

fn script_only(from: &str, other: &str) -> HashSet<char> {
    let table = opencc_table(from);
    let other = opencc_table(other);
    let mut values: HashSet<char> = table
        .iter()
        .flat_map(|(_, v)| v.iter().filter_map(|s| one_char(s)))
        .collect();
    if from == "STCharacters" {
        let tw = opencc_table("TWVariants");
        values.extend(
            tw.iter()
                .flat_map(|(_, v)| v.iter().filter_map(|s| one_char(s))),
        );
    }
    let other_keys: HashSet<char> = other.iter().filter_map(|(k, _)| one_char(k)).collect();
    table
        .iter()
        .filter(|(k, v)| !v.contains(k))
        .filter_map(|(k, _)| one_char(k))
        .filter(|c| !values.contains(c) && !other_keys.contains(c))
        .collect()
}

impl ScriptOnly {
    pub fn new() -> ScriptOnly {
        ScriptOnly {
            simplified: script_only("STCharacters", "TSCharacters"),
            traditional: script_only("TSCharacters", "STCharacters"),
        }
    }
}

impl Default for ScriptOnly {
    fn default() -> ScriptOnly {
        ScriptOnly::new()
    }
}

/// Removes the Markdown and MediaWiki markup of the article, keeping its prose: links keep
/// their text, `-{zh-hans:…;zh-hant:…}-` constructs (already written in both scripts) are
/// dropped, `-{X}-` keeps X, reference marks `\[1\]` go.
fn article_prose(md: &str) -> String {
    let mut out = String::new();
    let mut rest = md;
    while let Some(c) = rest.chars().next() {
        if let Some(r) = rest.strip_prefix("-{") {
            let end = r.find("}-").unwrap_or(r.len());
            let body = &r[..end];
            if !body.contains(':') {
                out.push_str(body);
            }
            rest = r.get(end + 2..).unwrap_or("");
        } else if let Some(r) = rest.strip_prefix("](") {
            rest = &r[r.find(')').map_or(r.len(), |i| i + 1)..];
        } else if let Some(r) = rest.strip_prefix("\\[") {
            rest = &r[r.find("\\]").map_or(r.len(), |i| i + 2)..];
        } else {
            if !matches!(c, '[' | ']' | '*' | '#' | '>' | '|') {
                out.push(c);
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The sentences (ended by 。！？ or a line break) of `tests/data/article/wic-article.md`,
/// classified by OpenCC's script-only characters: (Traditional, Simplified, number of
/// sentences with characters of both scripts). Sentences with neither, or with fewer than
/// four Han characters, are left out.
pub fn article_sentences() -> (Vec<String>, Vec<String>, usize) {
    let only = ScriptOnly::new();
    let prose = article_prose(&read("tests/data/article/wic-article.md"));
    let (mut hant, mut hans, mut mixed) = (vec![], vec![], 0);
    for s in prose.split_inclusive(['。', '！', '？', '\n']) {
        let s = s.trim();
        if s.chars().filter(|&c| is_han(c)).count() < 4 {
            continue;
        }
        let t = s.chars().any(|c| only.traditional.contains(&c));
        let z = s.chars().any(|c| only.simplified.contains(&c));
        match (t, z) {
            (true, false) => hant.push(s.to_string()),
            (false, true) => hans.push(s.to_string()),
            (true, true) => mixed += 1,
            (false, false) => {}
        }
    }
    (hant, hans, mixed)
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Exact items and character accuracy over a set.
#[derive(Clone, Copy, Debug, Default)]
pub struct Score {
    pub items: usize,
    pub exact: usize,
    pub chars: usize,
    pub char_errors: usize,
}

impl Score {
    /// Adds one item: `got` against `want` (both already folded if the set is scored
    /// form-agnostically). Character errors are position-wise mismatches when the lengths
    /// agree (conversion is mostly one character for one), the edit distance otherwise.
    pub fn add(&mut self, got: &str, want: &str) -> bool {
        self.items += 1;
        self.chars += want.chars().count();
        if got == want {
            self.exact += 1;
            return true;
        }
        let (a, b): (Vec<char>, Vec<char>) = (got.chars().collect(), want.chars().collect());
        self.char_errors += if a.len() == b.len() {
            a.iter().zip(&b).filter(|(x, y)| x != y).count()
        } else {
            levenshtein(&a, &b)
        };
        false
    }

    pub fn rate(&self) -> f64 {
        self.exact as f64 / self.items.max(1) as f64
    }

    pub fn char_rate(&self) -> f64 {
        1.0 - self.char_errors as f64 / self.chars.max(1) as f64
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}/{} = {:.4} exact (characters {:.5})",
            self.exact,
            self.items,
            self.rate(),
            self.char_rate()
        )
    }
}

/// The lines of a one-script corpus written in that script only: lines with a character
/// that OpenCC's tables give to the other script only (a translator's slip, such as 删除 or
/// 数量 in Django's zh_Hant) are set apart. Returns (kept, set apart).
pub fn genuine(lines: Vec<String>, traditional: bool) -> (Vec<String>, Vec<String>) {
    let only = ScriptOnly::new();
    let other = if traditional {
        &only.simplified
    } else {
        &only.traditional
    };
    lines
        .into_iter()
        .partition(|l| !l.chars().any(|c| other.contains(&c)))
}
