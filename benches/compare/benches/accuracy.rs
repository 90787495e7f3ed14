//! Accuracy side by side: zhnorm's normalization (`--to hant` / `--to hans`), OpenCC 1.4.2
//! (zhnorm's byte-exact configs s2t, s2tw, t2s, tw2s, equal to the C++ library) and
//! zhconv-rs 0.4.2 (zh-hant / zh-hans), on the sets of `tests/accuracy.rs` (issue 11, item
//! 5). Prints one Markdown table. Run: `cargo bench -p zhnorm-compare --bench accuracy`.
//!
//! Every converter gets the same inputs, one item (phrase, character, string, word, line)
//! at a time, and the same scoring: an item is right when the output equals the expected
//! text; Traditional outputs and expectations are both folded through OpenCC's Taiwan
//! variant table first (爲→為, 裏→裡, 纔→才, 着→著 …: `Fold` in tests/common/accuracy.rs),
//! so the forms a converter writes (OpenCC's for s2t; Taiwan's for s2tw, zhconv-rs and
//! zhnorm) cost nothing. Cells give the exact rate and, in parentheses, the share of
//! expected characters that are right.
//!
//! Sets (data: tests/data/accuracy/README.md):
//! * OpenCC's phrase and character tables, one entry at a time, against OpenCC's own
//!   s2t / t2s value (so OpenCC scores 1 by construction: the row measures the others
//!   against OpenCC's tables). tests/accuracy.rs scores zhnorm by `hant(key) ==
//!   hant(s2t(key))` instead, which can differ slightly;
//! * text already in the target script (the article's one-script sentences, Django's and
//!   CLDR's strings without the few lines that have a character of the other script),
//!   expected unchanged;
//! * jieba words alone and lines of six words mixing both scripts (expected: every word in
//!   the target script; Traditional = OpenCC s2tw's form, so OpenCC's s2t and s2tw score 1
//!   on the words alone by construction, and words that s2tw gets wrong, such as the name
//!   周一良 (→ 週一良), count against the others).
//!
//! With `scripts/corpora.sh` run, the Tang poems of `benches/data/hant.txt` (one line each)
//! are added as a further unchanged-Traditional row.

use zhnorm::{Config, Converter, Variant};

#[path = "../../../tests/common/accuracy.rs"]
#[allow(dead_code)]
mod data;

use data::{Fold, Score};

#[derive(Clone, Copy, PartialEq)]
enum Target {
    Hant,
    Hans,
}

struct Set {
    label: String,
    target: Target,
    /// (input, expected)
    items: Vec<(String, String)>,
}

fn set(label: &str, target: Target, items: Vec<(String, String)>) -> Set {
    Set {
        label: label.to_string(),
        target,
        items,
    }
}

/// Entries of an OpenCC table whose conversion by `config` changes them, with that value.
fn table_set(label: &str, table: &str, config: Config, target: Target) -> Set {
    let opencc = Converter::opencc(config);
    let items = data::opencc_table(table)
        .into_iter()
        .filter_map(|(k, _)| {
            let v = opencc.convert(&k).into_owned();
            (v != k).then_some((k, v))
        })
        .collect();
    set(label, target, items)
}

fn unchanged_set(label: &str, lines: Vec<String>, target: Target) -> Set {
    set(
        label,
        target,
        lines.into_iter().map(|l| (l.clone(), l)).collect(),
    )
}

/// A one-script corpus of tests/data/accuracy without its lines that have characters of
/// the other script (translators' slips; `genuine` in tests/common/accuracy.rs).
fn corpus(name: &str, traditional: bool) -> Vec<String> {
    data::genuine(data::data_lines(name), traditional).0
}

fn sets() -> Vec<Set> {
    let (article_t, article_s, _) = data::article_sentences();
    let words = data::words();
    let mixed = data::mixed();
    let mut sets = vec![
        table_set(
            "STPhrases entries → hant",
            "STPhrases",
            Config::S2t,
            Target::Hant,
        ),
        table_set(
            "TSPhrases entries → hans",
            "TSPhrases",
            Config::T2s,
            Target::Hans,
        ),
        table_set(
            "STCharacters, alone → hant",
            "STCharacters",
            Config::S2t,
            Target::Hant,
        ),
        table_set(
            "TSCharacters, alone → hans",
            "TSCharacters",
            Config::T2s,
            Target::Hans,
        ),
        unchanged_set(
            "article, Traditional sentences → hant, unchanged",
            article_t,
            Target::Hant,
        ),
        unchanged_set(
            "Django zh_Hant → hant, unchanged",
            corpus("django-zh-hant.txt", true),
            Target::Hant,
        ),
        unchanged_set(
            "CLDR zh-Hant → hant, unchanged",
            corpus("cldr-zh-hant.txt", true),
            Target::Hant,
        ),
    ];
    let tang = data::root().join("benches/data/hant.txt");
    if let Ok(text) = std::fs::read_to_string(tang) {
        let lines = text
            .lines()
            .filter(|l| l.chars().any(data::is_han))
            .map(String::from)
            .collect();
        sets.push(unchanged_set(
            "Tang poems (benches/data) → hant, unchanged",
            lines,
            Target::Hant,
        ));
    }
    sets.extend([
        unchanged_set(
            "article, Simplified sentences → hans, unchanged",
            article_s,
            Target::Hans,
        ),
        unchanged_set(
            "Django zh_Hans → hans, unchanged",
            corpus("django-zh-hans.txt", false),
            Target::Hans,
        ),
        unchanged_set(
            "CLDR zh → hans, unchanged",
            corpus("cldr-zh-hans.txt", false),
            Target::Hans,
        ),
        set(
            "jieba words, Simplified → hant",
            Target::Hant,
            words.iter().map(|(s, t)| (s.clone(), t.clone())).collect(),
        ),
        set(
            "jieba words, Traditional (s2tw) → hans",
            Target::Hans,
            words.iter().map(|(s, t)| (t.clone(), s.clone())).collect(),
        ),
        set(
            "word-mixed lines → hant",
            Target::Hant,
            mixed
                .iter()
                .map(|m| (m.input.clone(), m.hant.clone()))
                .collect(),
        ),
        set(
            "word-mixed lines → hans",
            Target::Hans,
            mixed
                .iter()
                .map(|m| (m.input.clone(), m.hans.clone()))
                .collect(),
        ),
    ]);
    sets
}

/// The four converters of a target: zhnorm, OpenCC (two configs), zhconv-rs.
struct Peers {
    zhnorm: Converter,
    opencc: [Converter; 2],
    zhconv: zhconv::Variant,
}

impl Peers {
    fn new(target: Target) -> Peers {
        match target {
            Target::Hant => Peers {
                zhnorm: Converter::new(Variant::Hant),
                opencc: [
                    Converter::opencc(Config::S2t),
                    Converter::opencc(Config::S2tw),
                ],
                zhconv: zhconv::Variant::ZhHant,
            },
            Target::Hans => Peers {
                zhnorm: Converter::new(Variant::Hans),
                opencc: [
                    Converter::opencc(Config::T2s),
                    Converter::opencc(Config::Tw2s),
                ],
                zhconv: zhconv::Variant::ZhHans,
            },
        }
    }

    fn convert(&self, which: usize, text: &str) -> String {
        match which {
            0 => self.zhnorm.convert(text).into_owned(),
            1 | 2 => self.opencc[which - 1].convert(text).into_owned(),
            _ => zhconv::zhconv(text, self.zhconv),
        }
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let fold = Fold::new();
    let (hant, hans) = (Peers::new(Target::Hant), Peers::new(Target::Hans));
    println!(
        "| set | items | zhnorm `--to` | OpenCC s2t / t2s | OpenCC s2tw / tw2s | zhconv-rs 0.4.2 |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for s in sets() {
        let peers = if s.target == Target::Hant {
            &hant
        } else {
            &hans
        };
        let cells: Vec<String> = (0..4)
            .map(|which| {
                let mut score = Score::default();
                for (input, want) in &s.items {
                    let got = peers.convert(which, input);
                    if s.target == Target::Hant {
                        score.add(&fold.fold(&got), &fold.fold(want));
                    } else {
                        score.add(&got, want);
                    }
                }
                format!("{:.4} ({:.5})", score.rate(), score.char_rate())
            })
            .collect();
        println!(
            "| {} | {} | {} |",
            s.label,
            s.items.len(),
            cells.join(" | ")
        );
    }
}
