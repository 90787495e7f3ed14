//! Normalization mode (`--to`): behaviour tables and real-text checks.

mod streams;
use streams::Streams;

use std::path::PathBuf;

use zhnorm::{Converter, DocumentOptions, Format, Forms, Variant};

struct Case {
    name: &'static str,
    variant: Variant,
    input: &'static str,
    expected: &'static str,
}

macro_rules! cases {
    ($($name:literal, $v:ident, $input:literal => $expected:literal;)*) => {
        &[$(Case { name: $name, variant: Variant::$v, input: $input, expected: $expected },)*]
    };
}

/// Text already in the target script comes out unchanged.
const UNCHANGED: &[Case] = cases! {
    "hant keeps 岳陽", Hant, "岳陽樓記" => "岳陽樓記";
    "hant keeps 台灣", Hant, "台灣大學" => "台灣大學";
    "hant keeps 里程", Hant, "里程碑" => "里程碑";
    "hant keeps 游泳", Hant, "游泳池" => "游泳池";
    "hant keeps a Traditional sentence with ambiguous characters", Hant, "子曰詩云，干戈四起。" => "子曰詩云，干戈四起。";
    "hans keeps 乾隆", Hans, "乾隆皇帝" => "乾隆皇帝";
    "hans keeps shared-character words", Hans, "王后和天后" => "王后和天后";
    "hans keeps Simplified 么/坏/沈", Hans, "什么坏了，沈阳" => "什么坏了，沈阳";
    "tw keeps Taiwan's words that OpenCC's TWPhrases would rewrite again", Tw, "文件和運算子" => "文件和運算子";
    "tw keeps Taiwan forms", Tw, "台灣的軟體裡面" => "台灣的軟體裡面";
    "hk keeps Hong Kong forms", Hk, "香港的綫路" => "香港的綫路";
    "hant keeps 面 alone (common in both scripts)", Hant, "面" => "面";
    "hant keeps 台北 in Traditional text", Hant, "台北的捷運很方便。" => "台北的捷運很方便。";
    "hans keeps Simplified 著 words", Hans, "著名的原著" => "著名的原著";
    "hans keeps 显著 in Simplified text", Hans, "效果显著" => "效果显著";
    "punctuation untouched", Hant, "「引號」“引号”" => "「引號」“引號”";
    "Latin untouched", Hans, "Rust 1.95 (2026)" => "Rust 1.95 (2026)";
};

/// Text in the other script is converted, ambiguous characters resolved by phrases.
const CONVERTED: &[Case] = cases! {
    "hant phrases (in the forms Traditional readers use: 麵, not OpenCC's 麪)", Hant, "头发长了以后，我们去了面馆。" => "頭髮長了以後，我們去了麵館。";
    "hant ambiguous 后/台 in Simplified context", Hant, "后来我们去台湾。" => "後來我們去臺灣。";
    "hans", Hans, "後來我們去臺灣。頭髮乾了。" => "后来我们去台湾。头发干了。";
    "hans 於 in Traditional context", Hans, "關於這個問題。" => "关于这个问题。";
    "mixed sentences", Hant, "这是简体。這是繁體。" => "這是簡體。這是繁體。";
    "tw forms and vocabulary", Tw, "鼠标和软件里面" => "滑鼠和軟體裡面";
    "tw from Hong Kong forms", Tw, "電綫" => "電線";
    "hk forms", Hk, "着数" => "着數";
    "cn vocabulary from Taiwan", Cn, "計程車和軟體" => "出租车和软件";
    "cn keeps mainland text", Cn, "首席执行官开启了递回" => "首席执行官开启了递回";
    "sg is Simplified without vocabulary", Sg, "計程車" => "计程车";
    "mo follows hk", Mo, "鼠标和着数" => "滑鼠和着數";
    "a word given alone gets OpenCC's phrase (一只 → 一隻)", Hant, "一只" => "一隻";
    "a phrase of characters common to both scripts, alone", Hant, "一碗面" => "一碗麵";
    "广 is Simplified (zhnorm's simplified-only list)", Hant, "广" => "廣";
    "Taiwan's 著 in Traditional text becomes 着", Hans, "他們正看著電視。" => "他们正看着电视。";
    "Taiwan's 著 stays in 著名 and 顯著", Hans, "這很顯著，他是著名作家。" => "这很显著，他是著名作家。";
    "OpenCC's TSPhrases value keeps 計; zhnorm's correction converts it", Hans, "不可貲計" => "不可赀计";
    "stray Simplified character in a Traditional sentence", Hant, "這個問題很难。" => "這個問題很難。";
    // Changed (issue 11): MediaWiki converts a base character followed by a variation
    // selector and keeps the selector after it; it used to be left as written
    // ("发\u{E0100}發").
    "variation selector: base converted, selector kept", Hant, "发\u{E0100}发" => "發\u{E0100}發";
    "variation selector alone with its base", Hant, "发\u{E0100}" => "發\u{E0100}";
    "variation selector to hans", Hans, "後\u{FE00}來" => "后\u{FE00}来";
    // A phrase may end with the base (as MediaWiki's longest match does) …
    "phrase ending at a variation selector's base", Hant, "头发\u{E0100}乾了" => "頭髮\u{E0100}乾了";
    // … but none crosses the selector: 干 is converted alone, not as 干净 → 乾淨.
    "no phrase across a variation selector", Hant, "干\u{FE00}净" => "幹\u{FE00}淨";
};

fn run(cases: &[Case]) {
    let mut failures = vec![];
    for c in cases {
        let got = Converter::new(c.variant).convert(c.input);
        if got != c.expected {
            failures.push(format!(
                "{}: {:?} → {:?}, expected {:?}",
                c.name, c.input, got, c.expected
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unchanged() {
    run(UNCHANGED);
}

#[test]
fn converted() {
    run(CONVERTED);
}

#[test]
fn no_idioms_keeps_words() {
    let tw = Converter::builder(Variant::Tw).idioms(false).build();
    assert_eq!(tw.convert("鼠标和软件"), "鼠標和軟件");
    let cn = Converter::builder(Variant::Cn).idioms(false).build();
    assert_eq!(cn.convert("計程車"), "计程车");
}

fn data(path: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// OpenCC's golden output with its two phrases that cut across words put right: 一|出席
/// (OpenCC's key 一出 → 一齣 in 五分之一出席, 'one fifth present') and 后|制定 (后制 →
/// 後製 in 同意后制定, 'enacted after agreeing'). Normalization keeps OpenCC's phrases
/// from cutting across the word boundaries of `dictionaries/frequency/boundaries.tsv`.
fn word_fixed(golden: &str) -> String {
    golden
        .replace("五分之一齣席", "五分之一出席")
        .replace("後製定", "後制定")
}

#[test]
fn boundaries_fix_opencc_golden() {
    let simplified = data("opencc/golden/input/us_constitution_zhs.txt");
    let s2tw = data("opencc/golden/output/us_constitution_zhs.s2tw.txt");
    let ours = Converter::new(Variant::Hant)
        .convert(&simplified)
        .into_owned();
    let differing: Vec<(&str, &str)> = ours
        .lines()
        .zip(s2tw.lines())
        .filter(|(a, b)| a != b)
        .collect();
    // Exactly the two lines, and nothing else in them.
    assert_eq!(differing.len(), 2, "{differing:?}");
    assert!(differing.iter().all(|(a, b)| *a == word_fixed(b)));
}

/// OpenCC's own Traditional output (golden s2t) is already Traditional: normalizing it to
/// hant with OpenCC's forms changes nothing; the Simplified input normalized to hans changes
/// nothing.
#[test]
fn single_script_texts_are_fixed_points() {
    let simplified = data("opencc/golden/input/us_constitution_zhs.txt");
    let traditional = data("opencc/golden/output/us_constitution_zhs.s2t.txt");
    let hant_opencc = Converter::builder(Variant::Hant)
        .forms(Forms::Opencc)
        .build();
    assert!(Converter::new(Variant::Hans).convert(&simplified) == simplified);
    assert!(hant_opencc.convert(&traditional) == traditional);
    // And the Simplified text normalized to hant is OpenCC's s2t result, except where
    // OpenCC's phrases cut across words (see `boundaries_fix_opencc_golden`).
    assert!(hant_opencc.convert(&simplified) == word_fixed(&traditional));
}

/// In the forms Traditional readers use, hant writes what OpenCC's s2tw writes (Taiwan's
/// forms, no Taiwan vocabulary), and s2tw's output is a fixed point.
#[test]
fn hant_writes_common_forms() {
    let simplified = data("opencc/golden/input/us_constitution_zhs.txt");
    let taiwan_forms = data("opencc/golden/output/us_constitution_zhs.s2tw.txt");
    let hant = Converter::new(Variant::Hant);
    assert!(hant.convert(&taiwan_forms) == taiwan_forms);
    assert!(hant.convert(&simplified) == word_fixed(&taiwan_forms));
    // OpenCC's standard forms already in the input are unified, except those Hong Kong's
    // standard writes (裏 着 啓: dictionaries/zhnorm/kept-forms.txt), which Traditional
    // text keeps as written.
    assert_eq!(hant.convert("爲衆人羣峯牀裏纔"), "為眾人群峰床裏才");
    assert_eq!(hant.convert("看着這裏，啓動"), "看着這裏，啓動");
    // Converted text gets Taiwan's forms all the same.
    assert_eq!(hant.convert("看着这里，启动"), "看著這裡，啟動");
}

#[test]
fn idempotent_on_real_text() {
    let texts = [
        data("article/wic-article.md"),
        data("opencc/golden/input/us_constitution_zhs.txt"),
        data("opencc/golden/output/us_constitution_zhs.s2twp.txt"),
        data("opencc/golden/output/us_constitution_zhs.s2hk.txt"),
    ];
    for v in Variant::ALL {
        let c = Converter::new(v);
        for t in &texts {
            let once = c.convert(t).into_owned();
            let twice = c.convert(&once);
            assert!(twice == once, "{v}: normalizing twice differs from once");
        }
    }
}

#[test]
fn zuozhuan_is_idempotent_and_streams_identically() {
    let text = data("opencc/benchmark/zuozhuan.txt");
    for v in [Variant::Hant, Variant::Tw, Variant::Hans] {
        let c = Converter::new(v);
        let once = c.convert(&text).into_owned();
        assert!(c.convert(&once) == once, "{v} not idempotent");
        let mut streamed = Vec::new();
        c.stream_text(
            std::io::BufReader::with_capacity(777, text.as_bytes()),
            &mut streamed,
        )
        .unwrap();
        assert!(streamed == once.as_bytes(), "{v}: streaming differs");
    }
}

/// The regional pre-stages (Hong Kong forms for tw and hant, Taiwan forms for hk) change
/// a dozen characters: a text is searched for them once, and only the clauses holding one
/// run the stage. Every clause still converts as it does alone, wherever it stands, through
/// each entry point (whole string, `convert_into`, stream).
#[test]
fn pre_stage_runs_on_every_clause_holding_its_characters() {
    // The clause, its conversion alone, and a word of it kept by a rule (the rule cuts the
    // clause into fragments).
    for (v, clause, want, kept) in [
        (Variant::Tw, "一卷綫", "一卷線", "一卷"),
        // (hant keeps Hong Kong's forms in text already Traditional: 衞生 stays.)
        (Variant::Hant, "衞生问题", "衛生問題", "生"),
        (Variant::Hk, "著名", "着名", "名"),
    ] {
        let c = Converter::new(v);
        let with_rule = Converter::builder(v).keep(kept).build();
        assert_eq!(c.convert(clause), want, "{v}");
        let plain = "今天很好";
        // Long enough to be searched (short texts run the stage on every clause).
        let long = "今天很好，".repeat(30);
        for text in [
            format!("{clause}，{plain}。"),
            format!("{clause}，{long}"),
            format!("{long}{clause}。"),
            format!("{long}{clause}，{long}\n{plain}{clause}。{long}"),
            // Dense (more than one per 64 bytes): every clause runs the stage.
            format!("{clause}，").repeat(40),
        ] {
            let expected = text.replace(clause, want);
            assert_eq!(c.convert(&text), expected, "{v}");
            assert_eq!(with_rule.convert(&text), expected, "{v}, with a rule");
            let mut out = String::new();
            c.convert_into(&text, &mut out);
            assert_eq!(out, expected, "{v}");
            let mut streamed = Vec::new();
            c.stream_text(text.as_bytes(), &mut streamed).unwrap();
            assert_eq!(String::from_utf8(streamed).unwrap(), expected, "{v}");
            let options = DocumentOptions {
                format: Format::Plain,
                ..Default::default()
            };
            assert_eq!(c.convert_document(&text, options).text, expected, "{v}");
        }
    }
}

/// Clauses of one sentence are decided apart, even when the engine converts consecutive
/// clauses decided alike in one call: a Traditional clause keeps 台灣 (the full table's
/// 臺灣 would "correct" it) next to a Simplified clause converted fully.
#[test]
fn clauses_decided_differently_in_one_sentence() {
    let hant = Converter::builder(Variant::Hant)
        .forms(Forms::Opencc)
        .build();
    assert_eq!(
        hant.convert("这里是简体字，台灣很好，这里是简体字。"),
        "這裏是簡體字，台灣很好，這裏是簡體字。"
    );
    assert_eq!(
        hant.convert("台灣很好，这里是简体字，台灣很好，台灣很好。"),
        "台灣很好，這裏是簡體字，台灣很好，台灣很好。"
    );
}
