//! Inputs the fuzz targets (`fuzz/`, DESIGN.md "Reliability checks") found, kept as tests.
//! Each file of `tests/data/fuzz/` lists one kind of finding.

mod streams;
use streams::Streams;

use std::path::Path;

use zhnorm::{Converter, DocumentOptions, Format, Forms, Variant};

/// The `variant<TAB>input` lines of a finding file (`#` starts a comment).
fn cases(file: &str) -> Vec<(Variant, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fuzz")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (v, input) = l.split_once('\t').expect("variant<TAB>input");
            (v.parse().expect("a variant"), input.to_string())
        })
        .collect()
}

/// Every normalization converter the fuzz targets exercise: each variant with its
/// defaults, `hant` with OpenCC's forms, and the regional variants without idioms.
fn normalizers() -> Vec<(String, Converter)> {
    let mut all: Vec<(String, Converter)> = Variant::ALL
        .iter()
        .map(|&v| (v.to_string(), Converter::new(v)))
        .collect();
    all.push((
        "zh-hant --forms opencc".into(),
        Converter::builder(Variant::Hant)
            .forms(Forms::Opencc)
            .build(),
    ));
    for v in [Variant::Cn, Variant::Tw, Variant::Hk, Variant::Mo] {
        all.push((
            format!("{v} --no-idioms"),
            Converter::builder(v).idioms(false).build(),
        ));
    }
    all
}

/// The converters of `normalizers` on which normalizing `input` twice differs from once.
fn twice_differs(input: &str, converters: &[(String, Converter)]) -> Vec<String> {
    let mut failures = Vec::new();
    for (name, c) in converters {
        let once = c.convert(input).into_owned();
        let twice = c.convert(&once).into_owned();
        if once != twice {
            failures.push(format!("{name}: {input} → {once} → {twice}"));
        }
    }
    failures
}

/// Normalizing twice equals normalizing once, on the inputs where the fuzzer found it did
/// not (tests/data/fuzz/twice.tsv, issue 27): a clause converted fully and then judged
/// as target text was cut into other phrases (输出于田 → 輸出于田 → 輸出於田), or a
/// character a stage rewrote changed its decision (羣干死 → 群干死 → 群乾死). Each input
/// for the target it was found for, then for every other target.
#[test]
fn normalizing_twice_equals_once() {
    let all = normalizers();
    let mut failures = Vec::new();
    for (v, input) in cases("twice.tsv") {
        let named = all.iter().position(|(n, _)| *n == v.to_string()).unwrap();
        failures.extend(twice_differs(&input, &all[named..=named]));
        failures.extend(twice_differs(&input, &all));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The regional vocabulary chains (a tw/hk value plus the following text forms another
/// key: 鼠标标 → 滑鼠標 → 滑滑鼠, issue 14), for the target they were found for and every
/// other one: the pass is repeated until it changes nothing (`Engine::normalize_settled`).
#[test]
fn regional_vocabulary_is_idempotent() {
    let all = normalizers();
    let mut failures = Vec::new();
    for (v, input) in cases("idempotence.tsv") {
        let c = Converter::new(v);
        let once = c.convert(&input).into_owned();
        let twice = c.convert(&once).into_owned();
        if once != twice {
            failures.push(format!("{v}: {input} → {once} → {twice}"));
        }
        failures.extend(twice_differs(&input, &all));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Nested unclosed `-{`: the text inside was converted again at every level of nesting
/// (each level converts its inner text, which holds the converted display of the levels
/// inside it), so a rule whose value holds its key grows the output exponentially. Found
/// by the `rules` target (tests/data/fuzz/rules/timeout-nested-unclosed: 375 bytes, 28 s);
/// 11 levels and `-` → `-----` take 4 s and 10 MB. Each character must be converted once.
#[test]
fn nested_unclosed_markup_converts_its_text_once() {
    let c = Converter::builder(Variant::Hk).rule("-", "--").build();
    let text = format!("{}-", "-{".repeat(11));
    for format in [Format::Plain, Format::Wikitext] {
        let options = DocumentOptions {
            format,
            ..Default::default()
        };
        let doc = c.convert_document(&text, options);
        assert!(
            doc.text.len() <= 2 * text.len(),
            "{format}: {} bytes out of {} bytes: {:?}",
            doc.text.len(),
            text.len(),
            &doc.text[..doc.text.len().min(200)]
        );
    }
}

/// A rule that maps the first sentence to nothing: `convert` lost track of what it had
/// converted (an empty output looked like "nothing changed yet") and returned "" for
/// `?\0\0z` with `?` → "" (the `rules` target; streaming gave the right `\0\0z`).
#[test]
fn a_first_sentence_converted_to_nothing() {
    for v in [Variant::Hans, Variant::Hant] {
        let c = Converter::builder(v).rule("?", "").build();
        assert_eq!(c.convert("?\0\0z"), "\0\0z");
        assert_eq!(c.convert("?后来。"), c.convert("后来。"));
        let mut out = Vec::new();
        c.stream_text("?\0\0z".as_bytes(), &mut out).unwrap();
        assert_eq!(out, b"\0\0z");
    }
    let c = zhnorm::Converter::opencc_builder(zhnorm::Config::S2t)
        .rule("?", "")
        .build();
    assert_eq!(c.convert("?国"), "國");
}
