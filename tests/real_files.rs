//! Real translation files from public packages (`tests/data/real/`, provenance and
//! licences in its README): Sphinx's gettext catalogues, Docusaurus's JSON locales and
//! CLDR's Hong Kong XML. For every file and target, converting the file as its extension
//! says (as `zhnorm -w` does):
//!
//! * keeps its structure, checked with the format's own parser (`polib`, `serde_json`,
//!   `roxmltree`): the same `msgid`s and contexts, the same keys, the same elements and
//!   attributes; only translations, values and text nodes change, and no line is added;
//! * is idempotent (`-w` then `--check` passes);
//! * changes at most a few lines of a file already written for the target (each listed
//!   below with why), and converts a file written in the other script.

use std::path::Path;

use zhnorm::{Converter, DocumentOptions, Format, FormatChoice, Markup, Variant};

fn read(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/real")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn format_of(name: &str) -> Format {
    FormatChoice::Auto.resolve(Some(Path::new(name)), "").0
}

fn rewrite(c: &Converter, name: &str, text: &str) -> String {
    let options = DocumentOptions {
        format: format_of(name),
        markup: Markup::Source,
    };
    c.convert_document(text, options).text
}

/// The lines of `a` and `b` (same count) that differ.
fn changed_lines(a: &str, b: &str) -> usize {
    assert_eq!(
        a.lines().count(),
        b.lines().count(),
        "lines added or removed"
    );
    a.lines().zip(b.lines()).filter(|(x, y)| x != y).count()
}

fn same_structure(name: &str, old: &str, new: &str) {
    match format_of(name) {
        Format::Po => {
            let parse = |t: &str| polib::po_file::parse_from_reader(t.as_bytes()).expect("PO");
            let (a, b) = (parse(old), parse(new));
            assert_eq!(a.messages().count(), b.messages().count(), "{name}");
            for (x, y) in a.messages().zip(b.messages()) {
                assert_eq!(x.msgctxt(), y.msgctxt(), "{name}");
                assert_eq!(x.msgid(), y.msgid(), "{name}");
                assert_eq!(x.flags().to_string(), y.flags().to_string(), "{name}");
            }
            assert_eq!(a.metadata.language, b.metadata.language, "{name}");
        }
        Format::Json => {
            let parse = |t: &str| serde_json::from_str::<serde_json::Value>(t).expect("JSON");
            let (a, b) = (parse(old), parse(new));
            let (a, b) = (a.as_object().unwrap(), b.as_object().unwrap());
            assert_eq!(
                a.keys().collect::<Vec<_>>(),
                b.keys().collect::<Vec<_>>(),
                "{name}"
            );
            for (k, v) in a {
                match (v, &b[k]) {
                    (serde_json::Value::Object(x), serde_json::Value::Object(y)) => {
                        // Docusaurus's {message, description}: both are text.
                        assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>());
                    }
                    (x, y) => assert_eq!(x.is_string(), y.is_string(), "{name}: {k}"),
                }
            }
        }
        Format::Xml => {
            // CLDR files name their DTD.
            let parse = |t| {
                let options = roxmltree::ParsingOptions {
                    allow_dtd: true,
                    ..Default::default()
                };
                roxmltree::Document::parse_with_options(t, options)
            };
            let a = parse(old).expect("XML");
            let b = parse(new).expect("still XML");
            let (a, b): (Vec<_>, Vec<_>) = (a.descendants().collect(), b.descendants().collect());
            assert_eq!(a.len(), b.len(), "{name}: nodes");
            for (x, y) in a.iter().zip(&b) {
                assert_eq!(x.tag_name(), y.tag_name(), "{name}");
                let attrs = |n: &roxmltree::Node| {
                    n.attributes()
                        .map(|a| (a.name().to_string(), a.value().to_string()))
                        .collect::<Vec<_>>()
                };
                assert_eq!(attrs(x), attrs(y), "{name}: attributes");
                if x.is_comment() {
                    assert_eq!(x.text(), y.text(), "{name}: comment");
                }
            }
        }
        f => panic!("{name}: no structure check for {f}"),
    }
}

/// (file, target, at most / at least this many changed lines, why).
const CASES: &[(&str, Variant, usize, usize, &str)] = &[
    // Already written for the target.
    (
        "sphinx/zh_TW.po",
        Variant::Tw,
        0,
        0,
        "Taiwan's catalogue under tw",
    ),
    (
        "sphinx/zh_HK.po",
        Variant::Hk,
        0,
        0,
        "Hong Kong's catalogue under hk",
    ),
    (
        "sphinx/zh_CN.po",
        Variant::Hans,
        0,
        0,
        "the mainland's catalogue under hans",
    ),
    (
        "sphinx/zh_CN.po",
        Variant::Cn,
        0,
        0,
        "the mainland's catalogue under cn",
    ),
    (
        "sphinx/zh_TW.po",
        Variant::Hk,
        3,
        0,
        "敘 → 敍: OpenCC's Hong Kong standard form (HKVariants)",
    ),
    (
        "docusaurus/zh-Hant.theme-common.json",
        Variant::Tw,
        1,
        0,
        "内容 → 內容: 内 is a variant, Taiwan's standard is 內",
    ),
    (
        "docusaurus/zh-Hant.theme-search-algolia.json",
        Variant::Tw,
        0,
        0,
        "Traditional locale",
    ),
    (
        "docusaurus/zh-Hans.theme-common.json",
        Variant::Hans,
        0,
        0,
        "Simplified locale",
    ),
    (
        "docusaurus/zh-Hans.theme-search-algolia.json",
        Variant::Hans,
        0,
        0,
        "Simplified locale",
    ),
    (
        "cldr/zh_Hant_HK.xml",
        Variant::Hk,
        0,
        0,
        "Hong Kong's own CLDR: 厘米, 美制 (written-words.txt) and 溫 (kept-forms.txt) \
         stay as Hong Kong writes them (36 changes before)",
    ),
    // In the other script: converted.
    (
        "sphinx/zh_CN.po",
        Variant::Tw,
        usize::MAX,
        600,
        "Simplified catalogue under tw",
    ),
    (
        "sphinx/zh_TW.po",
        Variant::Hans,
        usize::MAX,
        600,
        "Traditional catalogue under hans",
    ),
    (
        "docusaurus/zh-Hans.theme-common.json",
        Variant::Tw,
        usize::MAX,
        60,
        "Simplified locale",
    ),
    (
        "docusaurus/zh-Hant.theme-common.json",
        Variant::Hans,
        usize::MAX,
        60,
        "Traditional",
    ),
    (
        "cldr/zh_Hant_HK.xml",
        Variant::Hans,
        usize::MAX,
        600,
        "Hong Kong's CLDR under hans",
    ),
];

#[test]
fn real_files_keep_their_structure_and_convert_only_what_they_must() {
    let mut report = Vec::new();
    for &(name, variant, at_most, at_least, why) in CASES {
        let c = Converter::new(variant);
        let text = read(name);
        let out = rewrite(&c, name, &text);
        same_structure(name, &text, &out);
        assert_eq!(
            rewrite(&c, name, &out),
            out,
            "{name} {variant}: not idempotent"
        );
        let n = changed_lines(&text, &out);
        report.push(format!("{name} --to {variant}: {n} lines changed ({why})"));
        assert!(
            n <= at_most && n >= at_least,
            "{name} --to {variant}: {n} lines changed, expected {at_least}..={at_most} ({why})"
        );
    }
    eprintln!("{}", report.join("\n"));
}
