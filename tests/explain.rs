//! `Converter::explain`: the changes it lists, applied to the input, give `convert`
//! exactly, on real text for several targets and OpenCC's s2twp; and what it says about a
//! few known changes.

use std::path::PathBuf;

use zhnorm::{Change, ClauseScript, Config, Converter, Forms, Stage, Variant, Vocabulary};

fn data(p: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(p);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `changes` applied to `text`; panics when they are out of order or overlap.
fn apply(text: &str, changes: &[Change]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for c in changes {
        assert!(c.input.start >= at, "changes out of order: {changes:?}");
        assert_eq!(text[c.input.clone()], c.from);
        out.push_str(&text[at..c.input.start]);
        out.push_str(&c.to);
        at = c.input.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Every change of `text` by `c` is explained (none is left to the fallback), each step
/// of a dictionary table has a source file and line, and the changes give `convert`.
fn agrees(name: &str, c: &Converter, text: &str) -> (usize, usize) {
    let changes = c.explain(text);
    let converted = c.convert(text);
    assert!(
        apply(text, &changes) == converted,
        "{name}: the changes do not give convert's output"
    );
    let unexplained: Vec<&Change> = changes
        .iter()
        .filter(|c| c.steps.iter().any(|s| s.stage == Stage::Unexplained))
        .collect();
    assert!(unexplained.is_empty(), "{name}: {unexplained:?}");
    // The line named holds the key matched (for a word boundary, the row's text).
    for s in changes.iter().flat_map(|c| &c.steps) {
        if let Some(src) = s.source {
            let line = dictionary_line(src.file, src.line);
            let key = line.split('\t').next().unwrap_or_default();
            assert_eq!(key, s.key, "{name}: {}:{}", src.file, src.line);
        }
    }
    let steps = changes.iter().flat_map(|c| &c.steps).count();
    let sourced = changes
        .iter()
        .flat_map(|c| &c.steps)
        .filter(|s| s.source.is_some())
        .count();
    (steps, sourced)
}

/// Line `line` (1-based) of `dictionaries/{file}`.
fn dictionary_line(file: &str, line: u32) -> String {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};
    static FILES: LazyLock<Mutex<HashMap<String, Vec<String>>>> = LazyLock::new(Default::default);
    let mut files = FILES.lock().unwrap();
    let lines = files.entry(file.to_string()).or_insert_with(|| {
        data(&format!("../../dictionaries/{file}"))
            .lines()
            .map(String::from)
            .collect()
    });
    lines[line as usize - 1].clone()
}

#[test]
fn changes_give_convert_on_real_text() {
    let files = [
        "accuracy/cldr-zh-hans.txt",
        "accuracy/cldr-zh-hant.txt",
        "accuracy/django-zh-hans.txt",
        "accuracy/django-zh-hant.txt",
        "accuracy/hk.txt",
        "accuracy/tw.txt",
        "article/wic-article.md",
    ];
    let texts: Vec<(&str, String)> = files.iter().map(|f| (*f, data(f))).collect();
    let converters = [
        ("hans", Converter::new(Variant::Hans)),
        ("hant", Converter::new(Variant::Hant)),
        ("tw", Converter::new(Variant::Tw)),
        ("hk", Converter::new(Variant::Hk)),
        ("cn", Converter::new(Variant::Cn)),
        ("s2twp", Converter::opencc(Config::S2twp)),
        ("tw2sp", Converter::opencc(Config::Tw2sp)),
        (
            "tw full",
            Converter::builder(Variant::Tw)
                .vocabulary(Vocabulary::Full)
                .build(),
        ),
        (
            "hant opencc",
            Converter::builder(Variant::Hant)
                .forms(Forms::Opencc)
                .build(),
        ),
    ];
    let (mut steps, mut sourced) = (0, 0);
    for (target, c) in &converters {
        for (file, text) in &texts {
            let (s, k) = agrees(&format!("{target} {file}"), c, text);
            steps += s;
            sourced += k;
        }
    }
    // Nearly every step names its dictionary file and line.
    assert!(steps > 10_000, "{steps}");
    assert!(
        sourced * 100 >= steps * 99,
        "{sourced} of {steps} steps sourced"
    );
}

#[test]
fn changes_give_convert_with_user_rules_and_selectors() {
    let c = Converter::builder(Variant::Tw)
        .rule("软件", "套裝軟體")
        .keep("鼠标")
        .build();
    let text = "这个软件和鼠标，软件软件。\n葛\u{E0100}洪的头发\u{FE00}很长";
    agrees("rules", &c, text);
    let changes = c.explain(text);
    let user: Vec<&Change> = changes
        .iter()
        .filter(|c| c.steps[0].stage == Stage::User)
        .collect();
    assert_eq!(user.len(), 3, "{changes:?}");
    assert!(user.iter().all(|c| c.from == "软件" && c.to == "套裝軟體"));
    let s = Converter::opencc_builder(Config::S2twp)
        .rule("鼠标", "老鼠")
        .build();
    agrees("s2twp rules", &s, "鼠标和软件，鼠标");
}

#[test]
fn a_change_lists_its_stages_sources_and_clause() {
    let c = Converter::new(Variant::Tw);
    let text = "这个软件很好用。";
    let changes = c.explain(text);
    let software = changes.iter().find(|c| c.from == "软件").unwrap();
    assert_eq!(software.to, "軟體");
    assert_eq!(software.input, 6..12);
    let stages: Vec<Stage> = software.steps.iter().map(|s| s.stage).collect();
    assert_eq!(stages, [Stage::Script, Stage::Post]);
    let post = &software.steps[1];
    assert_eq!((post.key.as_str(), post.value.as_str()), ("軟件", "軟體"));
    let source = post.source.unwrap();
    assert_eq!(source.file, "opencc/TWPhrases.txt");
    // The line named holds that entry.
    let line = data("../../dictionaries/opencc/TWPhrases.txt")
        .lines()
        .nth(source.line as usize - 1)
        .unwrap()
        .to_string();
    assert!(line.starts_with("軟件\t軟體"), "{line}");
    assert!(post.table.contains("Taiwan vocabulary"), "{}", post.table);
    let clause = software.clause.unwrap();
    assert_eq!(clause.script, ClauseScript::Other);
    assert!(clause.bits >= 3.0, "{clause:?}");
    assert!(!clause.inherited);
}

#[test]
fn zhnorm_lists_and_word_boundaries_are_named() {
    let hans = Converter::new(Variant::Hans).explain("槍砲");
    let gun = hans.iter().find(|c| c.from == "砲").unwrap();
    let source = gun.steps[0].source.unwrap();
    assert_eq!(source.file, "zhnorm/hans.txt");
    let line = data("../../dictionaries/zhnorm/hans.txt")
        .lines()
        .nth(source.line as usize - 1)
        .unwrap()
        .to_string();
    assert!(line.starts_with("砲\t炮"), "{line}");
    // A derived table holding one key of its file (TWVariantsRev's 著) is not named for
    // the file's other keys: 為 comes from TSCharacters.
    let why = Converter::new(Variant::Hans).explain("為什麼");
    let source = why[0].steps[0].source.unwrap();
    assert_eq!(source.file, "opencc/TSCharacters.txt", "{why:?}");

    // 粉丝|发送: the word boundary keeps OpenCC's 丝发 → 絲髮 out.
    let fans = Converter::new(Variant::Hant).explain("粉丝发送");
    let first = fans.iter().find(|c| c.from == "粉丝").unwrap();
    assert_eq!(first.to, "粉絲");
    let step = &first.steps[0];
    assert_eq!(step.source.unwrap().file, "frequency/boundaries.tsv");
    assert!(step.table.starts_with("word boundary"), "{}", step.table);
    assert!(step.key.starts_with("粉丝"), "{}", step.key);
}

#[test]
fn target_text_and_ascii_have_no_changes_and_nothing_panics() {
    let c = Converter::new(Variant::Hant);
    assert!(c.explain("台灣大學的里程碑").is_empty());
    assert!(c.explain("").is_empty());
    assert!(c.explain("plain ascii\n").is_empty());
    // Odd input: lone marks, selectors, controls, long runs.
    for text in [
        "\u{FE00}\u{FE01}",
        "\u{E0100}头",
        "\r\n\t\u{0}后",
        &"后".repeat(30_000),
        "-{zh-hans:后;zh-hant:後}-",
    ] {
        for v in [
            Variant::Hans,
            Variant::Hant,
            Variant::Tw,
            Variant::Hk,
            Variant::Cn,
        ] {
            agrees("odd", &Converter::new(v), text);
        }
        agrees("odd s2twp", &Converter::opencc(Config::S2twp), text);
        agrees("odd t2s", &Converter::opencc(Config::T2s), text);
    }
}

/// Strings mixing both scripts, regional words and forms, clause marks, selectors,
/// compatibility ideographs and arbitrary characters.
fn mixed_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let pieces = prop::sample::select(vec![
        "头发",
        "頭髮",
        "干",
        "后来",
        "台湾",
        "臺灣",
        "里",
        "裏",
        "软件",
        "軟體",
        "鼠标",
        "着",
        "著",
        "綫",
        "於",
        "于",
        "粉丝发送",
        "电视频段",
        "一个中国",
        "布雷顿",
        "沿著",
        "砲",
        "為",
        "。",
        "，",
        "\n",
        " ",
        "a",
        "\u{FE00}",
        "\u{E0100}",
        "豈",
        "𠮷",
    ]);
    prop::collection::vec(
        prop_oneof![
            4 => pieces.prop_map(String::from),
            1 => any::<char>().prop_map(String::from)
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

    #[test]
    fn explained_changes_always_add_up(text in mixed_text()) {
        for v in [Variant::Hans, Variant::Hant, Variant::Tw, Variant::Hk, Variant::Cn] {
            agrees("prop", &Converter::new(v), &text);
        }
        let rules = Converter::builder(Variant::Tw).rule("软件", "").keep("头").build();
        agrees("prop rules", &rules, &text);
        agrees("prop s2twp", &Converter::opencc(Config::S2twp), &text);
        agrees("prop s2t", &Converter::opencc(Config::S2t), &text);
    }
}
