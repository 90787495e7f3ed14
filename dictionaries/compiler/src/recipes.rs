//! zhnorm's normalization recipes: the dictionary trees of the library's own targets, built
//! from OpenCC's dictionaries, zhnorm's corrections and the [evidence](crate::evidence)
//! classes.

use std::collections::{BTreeMap, BTreeSet};

use crate::dict::Dict;
use crate::evidence::{key_chars, Evidence, HK_STAGE, TW_STAGE};
use crate::tree::{chars_of, Ctx, Node, Policy};
use crate::weights::Weights;

/// The OpenCC dictionaries the recipes read (all of them are read into the context first).
pub(crate) const INPUTS: [&str; 17] = [
    "STCharacters.txt",
    "STPhrases.txt",
    "STPhrases_GeneratedFromRegionalPhrases.txt",
    "TSCharacters.txt",
    "TSCharactersExt.txt",
    "TSPhrases.txt",
    "TWVariants.txt",
    "TWVariantsRev.txt",
    "TWVariantsRevPhrases.txt",
    "TWVariantsPhrases.txt",
    "TWPhrases.txt",
    "TWPhrasesRev.txt",
    "HKVariants.txt",
    "HKVariantsRev.txt",
    "HKVariantsPhrases.txt",
    "HKPhrases.txt",
    "HKPhrasesRev.txt",
];

/// zhnorm's corrections (`dictionaries/zhnorm`) as in-memory dictionaries.
pub(crate) struct Fixes {
    /// Towards Traditional (`hant.txt`).
    pub hant: Node,
    /// Towards Simplified (`hans.txt`).
    pub hans: Node,
    /// Forms kept as written in text already Traditional (`kept-forms.txt`): character →
    /// the targets (`hant`, `tw`, `hk`) that keep it.
    pub kept: Dict,
    /// Words Traditional text writes as they stand although OpenCC's STPhrases rewrites
    /// them (`written-words.txt`): word → the targets whose words table keeps it.
    pub written: Dict,
    /// Keys of OpenCC's TWPhrases left out of the default vocabulary
    /// (`tw-vocabulary-held.txt`).
    pub held_tw: BTreeSet<String>,
    /// Keys of OpenCC's HKPhrases left out of the default vocabulary
    /// (`hk-vocabulary-held.txt`).
    pub held_hk: BTreeSet<String>,
}

/// The keys of a list of held keys: `key<TAB># reason` lines, `#` lines skipped.
///
/// # Panics
///
/// When the file cannot be read.
pub(crate) fn held_keys(path: &std::path::Path) -> BTreeSet<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

impl Fixes {
    /// The corrections `hant` and `hans`.
    pub fn new(
        hant: Dict,
        hans: Dict,
        [kept, written]: [Dict; 2],
        held: [BTreeSet<String>; 2],
    ) -> Fixes {
        let [held_tw, held_hk] = held;
        Fixes {
            hant: Node::Mem("zhnorm/hant.txt".into(), hant),
            hans: Node::Mem("zhnorm/hans.txt".into(), hans),
            kept,
            written,
            held_tw,
            held_hk,
        }
    }

    /// The characters `target` keeps as written in text already Traditional.
    pub fn kept(&self, target: &str) -> BTreeSet<char> {
        for_target(&self.kept, target)
            .filter_map(|k| k.chars().next())
            .collect()
    }

    /// The words `target`'s words table keeps as written.
    pub fn written(&self, target: &str) -> BTreeSet<String> {
        for_target(&self.written, target).cloned().collect()
    }

    /// The dictionaries of the corrections.
    pub fn dicts(&self) -> (&Dict, &Dict) {
        match (&self.hant, &self.hans) {
            (Node::Mem(_, t), Node::Mem(_, s)) => (t, s),
            _ => unreachable!("corrections are in-memory dictionaries"),
        }
    }
}

/// The keys of a `key<TAB>targets` file (`kept-forms.txt`, `written-words.txt`) that list
/// `target`.
fn for_target<'a>(dict: &'a Dict, target: &'a str) -> impl Iterator<Item = &'a String> {
    dict.all
        .iter()
        .filter(move |(_, targets)| targets.iter().any(|t| t == target))
        .map(|(k, _)| k)
}

/// Word boundaries that OpenCC's Simplified phrases cut across
/// (`dictionaries/frequency/boundaries.tsv`, made by `boundaries.py` from jieba's word
/// list): per row, the text (a word, then the start of the next) and the number of
/// characters of its first word.
pub(crate) struct Boundaries(Vec<(String, usize)>);

impl Boundaries {
    /// Reads `boundaries.tsv`.
    ///
    /// # Panics
    ///
    /// When the file cannot be read or a row is malformed.
    pub fn load(path: &std::path::Path) -> Boundaries {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let mut rows = Vec::new();
        for (no, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(t), Some(n)) = (cols.next(), cols.next().and_then(|n| n.parse().ok())) else {
                panic!(
                    "{}:{}: expected `text<TAB>characters`",
                    path.display(),
                    no + 1
                );
            };
            assert!(
                0 < n && n < t.chars().count(),
                "{}:{}: the first word must leave some text",
                path.display(),
                no + 1
            );
            rows.push((t.to_string(), n));
        }
        Boundaries(rows)
    }

    /// `table` with the boundaries in front of it (a short-circuit group): text starting
    /// with a row's text converts its first word alone, then goes on after it. A row is
    /// kept only where it changes the table's result (the table does not already cut
    /// there) and no key of the table starts with its text (the table knows a phrase for
    /// that text, 尽可能: its phrase wins).
    fn guard(&self, ctx: &Ctx, name: &str, table: Node) -> Node {
        let mut keys = BTreeSet::new();
        ctx.keys(&table, &mut keys);
        let mut bounds = std::collections::BTreeMap::new();
        for (text, n) in &self.0 {
            let split = text.char_indices().nth(*n).map_or(text.len(), |(i, _)| i);
            let (word, rest) = text.split_at(split);
            let value = ctx.convert(&table, word);
            if ctx.convert(&table, text) == format!("{value}{}", ctx.convert(&table, rest)) {
                continue;
            }
            let known = keys
                .range::<String, _>(text..)
                .next()
                .is_some_and(|k| k.starts_with(text.as_str()));
            if !known {
                bounds.insert(text.clone(), (word.len(), value));
            }
        }
        Node::Group(
            Policy::ShortCircuit,
            vec![Node::Bounds(name.into(), bounds), table],
        )
    }
}

/// The recipes, by the name of the generated constant, in the order their tables are
/// compiled (the order fixes the table ids).
pub(crate) fn recipes(
    ctx: &Ctx,
    fix: &Fixes,
    ev: &Evidence,
    weights: &Weights,
    bounds: &Boundaries,
) -> Vec<(&'static str, Node)> {
    let d = |f: &str| &ctx.dicts[f];
    let has_any = |k: &str, set: &BTreeSet<char>| k.chars().any(|c| set.contains(&c));
    let mem = |name: &str, dict: Dict| Node::Mem(name.into(), dict);
    let (s_ev, t_ev) = (&ev.simplified, &ev.traditional);

    let hant_full = Node::Group(
        Policy::ShortCircuit,
        vec![
            fix.hant.clone(),
            Node::Group(
                Policy::Union,
                vec![
                    Node::Text("STPhrases.txt".into()),
                    Node::Text("STPhrases_GeneratedFromRegionalPhrases.txt".into()),
                ],
            ),
            Node::Text("STCharacters.txt".into()),
        ],
    );
    // Strict tables keep only the keys with an evidence character, and the phrases that are
    // clearly of the other script (see `weights`): they convert a clause already (mostly) in
    // the target script without touching its valid characters and words.
    //
    // Towards Traditional the phrase test also needs a key character leaning 2 bits
    // towards Simplified (余 of 余年): the Traditional phrase counts come from OpenCC's own
    // conversion, which writes 臺北 and 瞭解 where Taiwan writes 台北 and 了解.
    //
    // The other phrases stay in the strict tables mapped to themselves: OpenCC's greedy
    // matching then cuts text already in the target script where the full conversion cut
    // it (文采|用 stays 文采用, not 文|採用), which keeps normalization idempotent.
    let hk_ev: BTreeSet<char> = s_ev.difference(&ev.hk_forms).copied().collect();
    let converts = |k: &str, v: &str, set: &BTreeSet<char>, to_hant: bool| {
        has_any(k, set)
            || (k != v && k.chars().count() > 1 && {
                if to_hant {
                    weights.simplified_phrase(k, v) && k.chars().any(|c| ev.half_bits(c) >= 4)
                } else {
                    weights.traditional_phrase(k, v)
                }
            })
    };
    // The characters a converting key of the strict tables starts with: only phrases that
    // hold one can change where a conversion matches, so only those are kept as identities
    // (fewer keys to look up in text already in the target script).
    let starts = |files: &[&str], set: &BTreeSet<char>, to_hant: bool| -> BTreeSet<char> {
        let mut out = set.clone();
        for f in files {
            for (k, v) in &d(f).map {
                if converts(k, v, set, to_hant) {
                    out.extend(k.chars().next());
                }
            }
        }
        out
    };
    let strict = |name: &str, f: &str, set: &BTreeSet<char>, starts: &BTreeSet<char>| {
        let to_hant = !f.starts_with("TS");
        let mut dict = Dict::default();
        for (k, v) in &d(f).map {
            if converts(k, v, set, to_hant) {
                dict.map.insert(k.clone(), v.clone());
                dict.all.insert(k.clone(), d(f).all[k].clone());
            } else if k.chars().count() > 1 && has_any(k, starts) {
                dict.insert(k, k);
            }
        }
        mem(name, dict)
    };
    // Phrases of the target script that hold an evidence character of the other (皇后,
    // 于飛, 鳳凰于飛 towards Traditional): every such value of OpenCC's phrase tables maps
    // to itself in the strict table, so text already in the target script keeps them.
    let own_words = |name: &str, files: &[&str], set: &BTreeSet<char>| {
        let mut words = Dict::default();
        for v in files.iter().flat_map(|f| d(f).map.values()) {
            if v.chars().count() > 1 && has_any(v, set) {
                words.insert(v, v);
            }
        }
        mem(name, words)
    };
    let st_phrases = [
        "STPhrases.txt",
        "STPhrases_GeneratedFromRegionalPhrases.txt",
    ];
    // A script table: zhnorm's corrections, then the longest of the phrase members, then
    // single characters.
    let script_table = |fix: &Node, mut phrases: Vec<Node>, values: Node, chars: Node| {
        phrases.push(values);
        Node::Group(
            Policy::ShortCircuit,
            vec![fix.clone(), Node::Group(Policy::Union, phrases), chars],
        )
    };
    let st_values = |tag: &str, set: &BTreeSet<char>| {
        own_words(&format!("STPhrases/values{tag}"), &st_phrases, set)
    };
    let st_chars = |tag: &str, set: &BTreeSet<char>, starts: &BTreeSet<char>| {
        strict(
            &format!("STCharacters/strict{tag}"),
            "STCharacters.txt",
            set,
            starts,
        )
    };
    let hant_strict = |tag: &str, set: &BTreeSet<char>| {
        let starts = starts(&st_phrases, set, true);
        script_table(
            &fix.hant,
            vec![
                strict(
                    &format!("STPhrases/strict{tag}"),
                    "STPhrases.txt",
                    set,
                    &starts,
                ),
                strict(
                    &format!("STPhrasesGen/strict{tag}"),
                    "STPhrases_GeneratedFromRegionalPhrases.txt",
                    set,
                    &starts,
                ),
            ],
            st_values(tag, set),
            st_chars(tag, set, &starts),
        )
    };
    let hk_strict = hant_strict("/hk", &hk_ev);
    let hant_strict = hant_strict("", s_ev);
    // Words tables, for a clause with no script of its own given alone (一伙): every
    // phrase of the full conversion, single characters only where they are evidence;
    // except a phrase that differs from its value only in forms the target's readers
    // write (台北 → 臺北: `kept-forms.txt`), or only in a character whose two regional
    // forms the target's readers both write (hk keeps 溫 beside its standard 温, so
    // 埃里温 → 埃里溫 is not a correction), or a word the target's text writes as it
    // stands (`written-words.txt`: 美制, 厘米): such a word is valid Traditional text as
    // it stands, and stays (mapped to itself, so matching still cuts where it did).
    let all_starts = BTreeSet::new();
    // Pairs of one character's regional forms (臺 and 台, 溼 and 濕 …: OpenCC's Taiwan and
    // Hong Kong variant tables, both ways): only such a difference is a form; 台面 →
    // 檯面 is another word.
    let regional_pairs: BTreeSet<(char, char)> = [
        "TWVariants.txt",
        "TWVariantsRev.txt",
        "HKVariants.txt",
        "HKVariantsRev.txt",
    ]
    .iter()
    .flat_map(|f| d(f).all.iter())
    .flat_map(|(k, vs)| vs.iter().map(move |v| (k, v)))
    .filter_map(|(k, v)| {
        let (mut a, mut b) = (k.chars(), v.chars());
        match (a.next(), a.next(), b.next(), b.next()) {
            (Some(x), None, Some(y), None) if x != y => Some([(x, y), (y, x)]),
            _ => None,
        }
    })
    .flatten()
    .collect();
    let hant_words =
        |tag: &str, set: &BTreeSet<char>, kept: &BTreeSet<char>, written: &BTreeSet<String>| {
            for w in written {
                assert!(
                    st_phrases
                        .iter()
                        .any(|f| d(f).map.get(w).is_some_and(|v| v != w)),
                    "dictionaries/zhnorm/written-words.txt: {w} is not a key of OpenCC's \
                 STPhrases that it rewrites: remove the line"
                );
            }
            let phrases = st_phrases
                .iter()
                .map(|f| {
                    let mut words = d(f).clone();
                    for (k, v) in &d(f).map {
                        let only_kept = k.chars().count() == v.chars().count()
                            && k != v
                            && k.chars().zip(v.chars()).all(|(a, b)| {
                                a == b
                                    || ((kept.contains(&a) || kept.contains(&b))
                                        && regional_pairs.contains(&(a, b)))
                            });
                        if only_kept || written.contains(k) {
                            words.map.insert(k.clone(), k.clone());
                            words.all.insert(k.clone(), vec![k.clone()]);
                        }
                    }
                    mem(&format!("{f}/words{tag}"), words)
                })
                .collect();
            script_table(
                &fix.hant,
                phrases,
                st_values(tag, set),
                st_chars(tag, set, &all_starts),
            )
        };
    let (kept_hant, kept_tw, kept_hk) = (fix.kept("hant"), fix.kept("tw"), fix.kept("hk"));
    let kept_words: BTreeSet<char> = kept_hant.intersection(&kept_tw).copied().collect();
    // The words table of hant and tw is one: it keeps the words both keep.
    let written_words: BTreeSet<String> = fix
        .written("hant")
        .intersection(&fix.written("tw"))
        .cloned()
        .collect();
    // Phrases may not cut across the word boundaries of `boundaries.tsv` (粉丝|发送 keeps
    // 丝发 → 絲髮 out, 一个|中国 个中 → 箇中) in the tables of text converted from
    // Simplified.
    let hk_words = bounds.guard(
        ctx,
        "words/hk",
        hant_words("/hk", &hk_ev, &kept_hk, &fix.written("hk")),
    );
    let hant_words = bounds.guard(
        ctx,
        "words",
        hant_words("", s_ev, &kept_words, &written_words),
    );
    let hant_full = bounds.guard(ctx, "full", hant_full);

    // Normalization leaves out the tofu-risk dictionary TSCharactersExt (as OpenCC's CLI
    // does by default): its outputs are rare code points many fonts cannot show.
    let hans_full = hans_full(ctx, fix);
    let ts_starts = starts(&["TSPhrases.txt"], t_ev, false);
    let ts_values = own_words("TSPhrases/values", &["TSPhrases.txt"], t_ev);
    let hans_strict = script_table(
        &fix.hans,
        vec![strict(
            "TSPhrases/strict",
            "TSPhrases.txt",
            t_ev,
            &ts_starts,
        )],
        ts_values.clone(),
        strict("TSCharacters/strict", "TSCharacters.txt", t_ev, &ts_starts),
    );
    let hans_words = script_table(
        &fix.hans,
        vec![Node::Text("TSPhrases.txt".into())],
        ts_values,
        strict("TSCharacters/strict", "TSCharacters.txt", t_ev, &all_starts),
    );

    // Pre-stages: forms specific to the *other* region, mapped to OpenCC's standard forms
    // before the script stage. Characters that are also Simplified, standard Traditional
    // or the target region's own forms are left out, so valid target text is untouched.
    let st_keys = key_chars([d("STCharacters.txt")]);
    let st_first_out = chars_of(d("STCharacters.txt").map.values());
    let tw_out = ctx.values_of(&TW_STAGE);
    let hk_out = ctx.values_of(&HK_STAGE);
    let pre = |f: &str, own: &BTreeSet<char>| {
        d(f).filtered(|k, v| {
            let c = k.chars().next().unwrap();
            k != v
                && k.chars().count() == 1
                && !st_keys.contains(&c)
                && !st_first_out.contains(&c)
                && !own.contains(&c)
        })
    };
    // Without the single characters a target keeps as written (`kept-forms.txt`).
    let without = |dict: &Dict, kept: &BTreeSet<char>| {
        dict.filtered(|k, _| {
            let mut cs = k.chars();
            !matches!((cs.next(), cs.next()), (Some(c), None) if kept.contains(&c))
        })
    };
    let (tw_pre, hk_pre) = (
        pre("HKVariantsRev.txt", &tw_out),
        pre("TWVariantsRev.txt", &hk_out),
    );
    // The stages of a clause already in the target script: the other region's forms and
    // the region's forms, without the forms the target's readers write (`hant` keeps
    // every Hong Kong form, so it has no pre-stage there).
    let tw_pre_kept = mem("HKVariantsRev/tw-pre-kept", without(&tw_pre, &kept_tw));
    let hk_pre_kept = mem("TWVariantsRev/hk-pre-kept", without(&hk_pre, &kept_hk));
    let post_kept = |name: &str, stage: &[&str], kept: &BTreeSet<char>| {
        Node::Group(
            Policy::ShortCircuit,
            vec![
                Node::Text(stage[1].to_string()),
                mem(name, without(d(stage[2]), kept)),
            ],
        )
    };
    let tw_pre = mem("HKVariantsRev/tw-pre", tw_pre);
    let hk_pre = mem("TWVariantsRev/hk-pre", hk_pre);

    // Mainland vocabulary for the cn target: Taiwan and Hong Kong words mapped to the
    // mainland word, already in Simplified. Only keys with a Traditional evidence character
    // are kept: a key that could be Simplified text (执行, 递回) would rewrite mainland text
    // and break idempotence.
    let mut cn_words = Dict::default();
    for f in ["TWPhrasesRev.txt", "HKPhrasesRev.txt"] {
        for (k, v) in &d(f).map {
            if !has_any(k, t_ev) {
                continue;
            }
            let v_s = ctx.convert(&hans_full, v);
            cn_words.map.entry(k.clone()).or_insert_with(|| v_s.clone());
            cn_words.all.entry(k.clone()).or_insert_with(|| vec![v_s]);
        }
    }
    let cn_pre = mem("TW+HKPhrasesRev/cn-pre", cn_words);

    // Post-stages with the region's vocabulary: OpenCC's stage, plus every value of its
    // phrase table mapped to its forms only: a value the stage would rewrite again (文档 →
    // 文件, but 文件 → 檔案; 操作符 → 運算子, whose 算子 → 運算元), and every other value of
    // two characters or more, so that a second pass matches the value whole instead of a
    // key that starts inside it (鼠標標 → 滑鼠|標, not 滑|鼠標 → 滑滑鼠 one 標 per pass,
    // found by the `convert` fuzz target). A region's word is valid target text, so a
    // second pass leaves it: normalization stays idempotent.
    //
    // The default vocabulary leaves out the keys of `held` (`dictionaries/zhnorm/
    // *-vocabulary-held.txt`: words the region's own text writes as they are, or that cut
    // across words), which `Vocabulary::Full` keeps.
    let vocabulary = |name: &str, stage: &[&str], held: Option<&BTreeSet<String>>| {
        let table = match held {
            Some(held) => mem(
                &format!("{}/common", stage[0]),
                d(stage[0]).filtered(|k, _| !held.contains(k)),
            ),
            None => Node::Text(stage[0].to_string()),
        };
        let (full, plain) = (Node::stage(stage), Node::stage(&stage[1..]));
        let mut own = Dict::default();
        for v in d(stage[0]).map.values() {
            let forms = ctx.convert(&plain, v);
            if v.chars().count() > 1 || ctx.convert(&full, v) != forms {
                own.insert(v, &forms);
            }
        }
        let mut members = vec![Node::Group(Policy::Union, vec![mem(name, own), table])];
        members.extend(stage[1..].iter().map(|f| Node::Text(f.to_string())));
        Node::Group(Policy::ShortCircuit, members)
    };

    vec![
        ("HANT_FULL", hant_full),
        ("HANT_STRICT", hant_strict),
        ("HANS_FULL", hans_full),
        ("HANS_STRICT", hans_strict),
        ("TW_PRE", tw_pre),
        (
            "TW_POST",
            vocabulary("TWPhrases/values", &TW_STAGE, Some(&fix.held_tw)),
        ),
        (
            "TW_POST_FULL",
            vocabulary("TWPhrases/values", &TW_STAGE, None),
        ),
        ("TW_POST_PLAIN", Node::stage(&TW_STAGE[1..])),
        ("HK_PRE", hk_pre),
        (
            "HK_POST",
            vocabulary("HKPhrases/values", &HK_STAGE, Some(&fix.held_hk)),
        ),
        (
            "HK_POST_FULL",
            vocabulary("HKPhrases/values", &HK_STAGE, None),
        ),
        ("HK_POST_PLAIN", Node::stage(&HK_STAGE[1..])),
        ("CN_PRE", cn_pre),
        ("HK_STRICT", hk_strict),
        ("HANT_WORDS", hant_words),
        ("HK_WORDS", hk_words),
        ("HANS_WORDS", hans_words),
        ("TW_PRE_KEPT", tw_pre_kept),
        ("HK_PRE_KEPT", hk_pre_kept),
        (
            "TW_POST_KEPT",
            post_kept("TWVariants/tw-kept", &TW_STAGE, &kept_tw),
        ),
        (
            "HANT_POST_KEPT",
            post_kept("TWVariants/hant-kept", &TW_STAGE, &kept_hant),
        ),
        (
            "HK_POST_KEPT",
            post_kept("HKVariants/hk-kept", &HK_STAGE, &kept_hk),
        ),
    ]
}

/// For the normalization tables a second pass over the output goes through (script
/// tables, pre- and post-stages): whether it writes Traditional text. `None` for the
/// others.
pub(crate) fn settle_direction(name: &str) -> Option<bool> {
    match name {
        "HANS_FULL" | "HANS_STRICT" | "HANS_WORDS" | "CN_PRE" => Some(false),
        "HANT_FULL" | "HANT_STRICT" | "HK_STRICT" | "HANT_WORDS" | "HK_WORDS" | "TW_PRE"
        | "HK_PRE" | "TW_POST" | "TW_POST_PLAIN" | "HK_POST" | "HK_POST_PLAIN" | "TW_PRE_KEPT"
        | "HK_PRE_KEPT" | "TW_POST_KEPT" | "HANT_POST_KEPT" | "HK_POST_KEPT" | "TW_POST_FULL"
        | "HK_POST_FULL" => Some(true),
        _ => None,
    }
}

/// The post-stages, which the library may compose into the script table before them
/// (see [`post_composition`]).
pub(crate) fn is_post_stage(name: &str) -> bool {
    matches!(
        name,
        "TW_POST"
            | "TW_POST_FULL"
            | "TW_POST_PLAIN"
            | "HK_POST"
            | "HK_POST_FULL"
            | "HK_POST_PLAIN"
            | "TW_POST_KEPT"
            | "HANT_POST_KEPT"
            | "HK_POST_KEPT"
    )
}

/// *Sentinels* of a table that writes Traditional text (`to_hant`) or Simplified text: for
/// each key the table changes (its OpenCC match differs from the text it consumes), the
/// key itself when it is one character, else two adjacent characters of it, the pair
/// holding the character the table's script writes least often (`weights`); none for a
/// key holding evidence of the other script (in the class table's range). Text holding no
/// sentinel (a character, or a pair side by side) and no such evidence goes through the
/// table unchanged: a key matches only where all its characters are, side by side. The
/// library checks the output of a normalization pass with them (`Normalizer::settles`)
/// instead of passing it again. Returns the characters and the pairs.
pub(crate) fn sentinels(
    ctx: &Ctx,
    node: &Node,
    ev: &Evidence,
    weights: &Weights,
    to_hant: bool,
) -> (BTreeSet<char>, BTreeSet<(char, char)>) {
    use crate::evidence::{CLASS_BASE, CLASS_END};
    let foreign = if to_hant {
        &ev.simplified
    } else {
        &ev.traditional
    };
    let seen = |c: &char| foreign.contains(c) && (CLASS_BASE..CLASS_END).contains(&(*c as u32));
    let freq = |c: char| weights.frequency(c, to_hant);
    let mut keys = BTreeSet::new();
    ctx.keys(node, &mut keys);
    let (mut chars, mut pairs) = (BTreeSet::new(), BTreeSet::new());
    for k in &keys {
        let changes = ctx
            .match_prefix(node, k)
            .is_some_and(|(len, v)| v != k[..len]);
        if !changes || k.chars().any(|c| seen(&c)) {
            continue;
        }
        let cs: Vec<char> = k.chars().collect();
        match cs[..] {
            [c] => {
                chars.insert(c);
            }
            _ => {
                // The rarest pair; the first of them on a tie (deterministic).
                let rarity = |w: &[char]| freq(w[0]).min(freq(w[1]));
                let best = cs
                    .windows(2)
                    .reduce(|best, w| if rarity(w) < rarity(best) { w } else { best })
                    .unwrap();
                pairs.insert((best[0], best[1]));
            }
        }
    }
    (chars, pairs)
}

/// A post-stage's character map and guard characters (see [`post_composition`]).
pub(crate) type Composition = (Vec<(char, char)>, BTreeSet<char>);

/// Most guard characters a post-stage composed into its script table may have (see
/// [`post_composition`]); a stage with more (a vocabulary) is not composed.
pub(crate) const MAX_GUARD: usize = 4096;

/// Whether a post-stage can be folded into the script table it follows, and how: its
/// character map `map` (applied to everything the script table writes) and its `guard`,
/// the characters whose presence in the composed output sends that output through the
/// post-stage itself. `None` when the stage is not of that shape.
///
/// The proof, for a post-stage `P` and a script table `T`, that `P(T(x))` equals what the
/// library writes (`C(x) = map(T(x))`, then `P(C(x))` only when `C(x)` holds a guard
/// character):
/// * `map` is `P`'s one-character keys that `P` changes into one other character, both of
///   three UTF-8 bytes, except `G`: those that also occur in a longer key of `P`. No
///   longer key of `P` holds a key or a value of `map`, no value of `map` is a key `P`
///   changes, and none is a guard character (a key whose value is one is a guard
///   character instead).
/// * `guard` holds `G`, the one-character keys `P` changes otherwise (into several
///   characters, or other byte lengths), and one character of each longer key `P`
///   changes that holds no other guard character (its rarest in Traditional text); all
///   of three UTF-8 bytes. A longer key `P` keeps as it is needs none: it holds no key of
///   `map`, so where it matches `P` leaves it, as `map` does.
/// * `C(x)` holds a guard character where `T(x)` does: `map` neither removes one (its
///   keys are not guard characters) nor writes one.
/// * Where `C(x)` holds none, no longer key `P` changes matches in `T(x)` (each holds a
///   guard character), and the longer keys `P` keeps hold no key of `map`, so `P`
///   changes `T(x)` one character at a time, by `map`: `P(T(x)) = C(x)`.
/// * Where it holds one, `P(C(x)) = P(T(x))`: `C(x)` differs from `T(x)` only at
///   characters of no longer key, where `P` writes `map`'s value in both (a value of
///   `map` is not a key `P` changes), so `P`'s greedy matches are the same in both.
///
/// The library checks the result against running the stages on real text and on
/// generated text (`normalize` tests); this function checks the premises.
pub(crate) fn post_composition(ctx: &Ctx, node: &Node, weights: &Weights) -> Option<Composition> {
    let mut keys = BTreeSet::new();
    ctx.keys(node, &mut keys);
    let changes = |k: &str| {
        ctx.match_prefix(node, k)
            .filter(|(len, v)| *len == k.len() && v != k)
            .map(|(_, v)| v)
    };
    let longer: Vec<&String> = keys.iter().filter(|k| k.chars().count() > 1).collect();
    let in_longer: BTreeSet<char> = longer.iter().flat_map(|k| k.chars()).collect();
    let three = |c: char| (0x800..0x10000).contains(&(c as u32));
    let (mut map, mut guard) = (BTreeMap::new(), BTreeSet::new());
    for k in keys.iter().filter(|k| k.chars().count() == 1) {
        let c = k.chars().next().unwrap();
        let Some(v) = changes(k) else { continue };
        let mut vs = v.chars();
        match (vs.next(), vs.next()) {
            (Some(w), None) if three(c) && three(w) && !in_longer.contains(&c) => {
                map.insert(c, w);
            }
            _ => {
                guard.insert(c);
            }
        }
    }
    for k in &longer {
        // A longer key `P` keeps as it is needs no guard: it holds no key of `map`, so
        // where it matches, `P` and `map` both leave its characters.
        if ctx
            .match_prefix(node, k)
            .is_some_and(|(len, v)| len == k.len() && v == **k)
        {
            continue;
        }
        if !k.chars().any(|c| guard.contains(&c)) {
            // (A key without a three-byte character makes the stage not composable.)
            let rarest = k.chars().filter(|&c| three(c)).min_by(|&a, &b| {
                let (fa, fb) = (weights.frequency(a, true), weights.frequency(b, true));
                fa.partial_cmp(&fb).unwrap().then(a.cmp(&b))
            });
            guard.insert(rarest.unwrap_or(k.chars().next().unwrap()));
        }
    }
    // A key of `map` whose value is in a longer key, is a guard character or a key `P`
    // changes is a guard character instead, until none is left.
    loop {
        let moved: Vec<char> = map
            .iter()
            .filter(|&(_, &w)| {
                in_longer.contains(&w)
                    || guard.contains(&w)
                    || changes(w.encode_utf8(&mut [0; 4])).is_some()
            })
            .map(|(&c, _)| c)
            .collect();
        if moved.is_empty() {
            break;
        }
        for c in moved {
            map.remove(&c);
            guard.insert(c);
        }
    }
    // (The library looks guard characters up where it writes three-byte characters.)
    let premises = guard.iter().all(|&c| three(c));
    (premises && guard.len() <= MAX_GUARD).then(|| (map.into_iter().collect(), guard))
}

/// Taiwan's 著 where Simplified writes 着 (see [`hans_full`]).
pub(crate) const TW_ZHE: char = '著';

/// Traditional → Simplified for normalization: the corrections, TSPhrases, TSCharacters,
/// and Taiwan's 著 where Simplified writes 着 (看著 → 看着), as OpenCC's tw2s does:
/// TSCharacters keeps 著 (OpenCC's standard Traditional writes 着 there, as Simplified
/// does), but Taiwan's standard, and so `--to hant`, writes 著 for both. The phrases of
/// TWVariantsRevPhrases that hold 著 (著名, 顯著 stay; 待著 → 待着) decide first.
fn hans_full(ctx: &Ctx, fix: &Fixes) -> Node {
    let plain = Node::Group(
        Policy::ShortCircuit,
        vec![
            fix.hans.clone(),
            Node::Text("TSPhrases.txt".into()),
            Node::Text("TSCharacters.txt".into()),
        ],
    );
    let mut phrases = Dict::default();
    for (k, v) in &ctx.dicts["TWVariantsRevPhrases.txt"].map {
        if k.contains(TW_ZHE) {
            phrases.insert(k, &ctx.convert(&plain, v));
        }
    }
    let mut zhe = Dict::default();
    zhe.insert(&TW_ZHE.to_string(), "着");
    Node::Group(
        Policy::ShortCircuit,
        vec![
            fix.hans.clone(),
            Node::Group(
                Policy::Union,
                vec![
                    Node::Text("TSPhrases.txt".into()),
                    Node::Mem("TWVariantsRevPhrases/zhe".into(), phrases),
                ],
            ),
            Node::Mem("TWVariantsRev/zhe".into(), zhe),
            Node::Text("TSCharacters.txt".into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::DATA;

    fn recipe(name: &str) -> &'static Node {
        &DATA.recipes.iter().find(|(n, _)| *n == name).unwrap().1
    }

    fn keys(node: &Node) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        DATA.ctx.keys(node, &mut out);
        out
    }

    fn has_any(k: &str, set: &BTreeSet<char>) -> bool {
        k.chars().any(|c| set.contains(&c))
    }

    #[test]
    fn strict_tables_convert_only_evidence_and_clear_phrases() {
        let ev = &DATA.evidence;
        let w = &DATA.weights;
        let phrase_dicts = [
            "STPhrases.txt",
            "STPhrases_GeneratedFromRegionalPhrases.txt",
            "TSPhrases.txt",
        ];
        // Every key that a strict table changes holds an evidence character or is a
        // phrase clearly of the other script; every other key maps to itself.
        for (name, set, to_hant) in [
            ("HANT_STRICT", &ev.simplified, true),
            ("HANS_STRICT", &ev.traditional, false),
        ] {
            let node = recipe(name);
            // zhnorm's corrections, the group's first member, are applied as they are.
            let Node::Group(_, members) = node else {
                panic!("{name} is a group")
            };
            let corrections = keys(&members[0]);
            for k in keys(node) {
                let (len, v) = DATA.ctx.match_prefix(node, &k).unwrap();
                if len < k.len() || v == k || has_any(&k, set) {
                    continue;
                }
                let clear = phrase_dicts.iter().any(|f| {
                    DATA.ctx.dicts[*f].map.get(&k).is_some_and(|ov| {
                        if to_hant {
                            w.simplified_phrase(&k, ov)
                        } else {
                            w.traditional_phrase(&k, ov)
                        }
                    })
                });
                assert!(clear || corrections.contains(&k), "{name}: {k} → {v}");
            }
        }
        let conv = |name: &str, text: &str| DATA.ctx.convert(recipe(name), text);
        assert_eq!(conv("HANT_STRICT", "头发后余年"), "頭髮後餘年");
        // Valid Traditional text stays: 台, 里, and words holding an evidence character.
        assert_eq!(
            conv("HANT_STRICT", "台北里程皇后于飛了解"),
            "台北里程皇后于飛了解"
        );
        assert_eq!(conv("HANS_STRICT", "這於沈重"), "这于沉重");
        assert_eq!(conv("HANS_STRICT", "乾隆沈"), "乾隆沈");
        // Hong Kong's own forms are foreign to hant but not to hk.
        assert_eq!(conv("HANT_STRICT", "温"), "溫");
        assert_eq!(conv("HK_STRICT", "温"), "温");
        // The full tables keep them.
        assert!(keys(recipe("HANT_FULL")).contains("台"));
        assert!(keys(recipe("HANS_FULL")).contains("乾"));
    }

    /// What the library's settle scan relies on: text a table changes holds one of its
    /// sentinels or evidence of the other script. Checked on the phrases of each script
    /// (values and keys of OpenCC's phrase tables) through the strict, word and post
    /// tables.
    #[test]
    fn text_a_table_changes_holds_a_sentinel() {
        let ev = &DATA.evidence;
        let c = &DATA.ctx;
        let hant: Vec<&String> = ["STPhrases.txt", "TWPhrases.txt", "HKPhrases.txt"]
            .iter()
            .flat_map(|f| c.dicts[*f].map.values())
            .chain(c.dicts["TSPhrases.txt"].map.keys())
            .collect();
        let hans: Vec<&String> = c.dicts["STPhrases.txt"]
            .map
            .keys()
            .chain(c.dicts["TSPhrases.txt"].map.values())
            .collect();
        let cases = [
            ("HANT_STRICT", true, &hant),
            ("HANT_WORDS", true, &hant),
            ("TW_POST", true, &hant),
            ("HK_POST", true, &hant),
            ("HANS_STRICT", false, &hans),
            ("HANS_WORDS", false, &hans),
        ];
        for (name, to_hant, texts) in cases {
            let node = recipe(name);
            let (chars, pairs) = sentinels(c, node, ev, &DATA.weights, to_hant);
            assert!(!chars.is_empty() || !pairs.is_empty(), "{name}");
            let foreign = if to_hant {
                &ev.simplified
            } else {
                &ev.traditional
            };
            let mut changed = 0;
            for v in texts.iter() {
                if c.convert(node, v) == **v {
                    continue;
                }
                changed += 1;
                let cs: Vec<char> = v.chars().collect();
                let flagged = cs.iter().any(|x| chars.contains(x) || foreign.contains(x))
                    || cs.windows(2).any(|w| pairs.contains(&(w[0], w[1])));
                assert!(flagged, "{name} changes {v} but it holds no sentinel");
            }
            // The check must have met text the table changes.
            assert!(changed > 0, "{name}");
        }
    }

    #[test]
    fn full_tables_convert_as_opencc() {
        let c = &DATA.ctx;
        assert_eq!(c.convert(recipe("HANT_FULL"), "头发"), "頭髮");
        assert_eq!(c.convert(recipe("HANS_FULL"), "頭髮"), "头发");
    }

    #[test]
    fn cn_pre_keys_all_have_a_traditional_evidence_character() {
        let ev = &DATA.evidence;
        let cn = keys(recipe("CN_PRE"));
        assert!(!cn.is_empty());
        assert!(cn.iter().all(|k| has_any(k, &ev.traditional)));
        // Values are mainland words, already Simplified.
        let c = &DATA.ctx;
        assert!(c
            .convert(recipe("CN_PRE"), "軟體")
            .chars()
            .all(|ch| !ev.traditional.contains(&ch)));
        assert_eq!(c.convert(recipe("CN_PRE"), "軟體"), "软件");
    }

    #[test]
    fn pre_stages_leave_out_the_target_regions_own_forms() {
        let c = &DATA.ctx;
        let tw_out = c.values_of(&TW_STAGE);
        let hk_out = c.values_of(&HK_STAGE);
        let tw_pre = keys(recipe("TW_PRE"));
        let hk_pre = keys(recipe("HK_PRE"));
        assert!(!tw_pre.is_empty() && !hk_pre.is_empty());
        let first = |k: &String| k.chars().next().unwrap();
        assert!(tw_pre
            .iter()
            .all(|k| k.chars().count() == 1 && !tw_out.contains(&first(k))));
        assert!(hk_pre
            .iter()
            .all(|k| k.chars().count() == 1 && !hk_out.contains(&first(k))));
    }

    #[test]
    fn plain_post_stages_drop_the_phrases() {
        assert_eq!(
            recipe("TW_POST_PLAIN").signature(),
            "[TWVariantsPhrases.txt + TWVariants.txt]"
        );
        assert_eq!(
            recipe("HK_POST_FULL").signature(),
            "[[mem:HKPhrases/values | HKPhrases.txt] + HKVariantsPhrases.txt + HKVariants.txt]"
        );
        // The default vocabulary: OpenCC's table without the held keys.
        assert_eq!(
            recipe("HK_POST").signature(),
            "[[mem:HKPhrases/values | mem:HKPhrases.txt/common] + HKVariantsPhrases.txt + HKVariants.txt]"
        );
    }

    #[test]
    fn vocabulary_stages_keep_their_own_words() {
        let c = &DATA.ctx;
        let tw = |w: &str| c.convert(recipe("TW_POST_FULL"), w);
        // Taiwan's 文件 ('document') and 運算子 are values of TWPhrases: they stay.
        assert_eq!(tw("文件"), "文件");
        assert_eq!(tw("運算子"), "運算子");
        // The mainland's words still become Taiwan's.
        assert_eq!(tw("文檔"), "文件");
        assert_eq!(tw("操作符"), "運算子");
        // Every value of TWPhrases and HKPhrases is a fixed point of its stage.
        for (stage, file) in [
            ("TW_POST", "TWPhrases.txt"),
            ("TW_POST_FULL", "TWPhrases.txt"),
            ("HK_POST", "HKPhrases.txt"),
            ("HK_POST_FULL", "HKPhrases.txt"),
        ] {
            for v in c.dicts[file].map.values() {
                let once = c.convert(recipe(stage), v);
                assert_eq!(c.convert(recipe(stage), &once), once, "{stage}: {v}");
            }
        }
    }
}
