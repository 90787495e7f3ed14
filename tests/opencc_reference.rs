//! Differential test against the real OpenCC 1.4.2 (cargo feature `opencc`): zhnorm's
//! `--config` engine and the C++ library must produce identical output for every config,
//! on whole benchmark corpora and on every OpenCC test case input.
#![cfg(feature = "opencc")]

mod common;

use std::path::Path;

use zhnorm::reference::OpenCc;
use zhnorm::{Config, Converter};

/// Input texts: OpenCC's benchmark corpus, every test case input, the article, and the
/// chinese-poetry corpora when `scripts/corpora.sh` has built them.
fn corpora() -> Vec<(String, String)> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut out = vec![];
    for p in [
        data.join("opencc/benchmark/zuozhuan.txt"),
        data.join("article/wic-article.md"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/hant.txt"),
        Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/hans.txt"),
    ] {
        if let Ok(text) = std::fs::read_to_string(&p) {
            out.push((p.display().to_string(), text));
        }
    }
    let cases = std::fs::read_to_string(data.join("opencc/testcases.json")).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&common::strip_trailing_commas(&cases)).expect("testcases.json");
    let mut inputs = String::new();
    for case in json["cases"].as_array().expect("cases") {
        inputs.push_str(case["input"].as_str().expect("input"));
        inputs.push('\n');
    }
    out.push(("testcases.json inputs".into(), inputs));
    out
}

#[test]
fn every_config_matches_opencc_on_whole_corpora() {
    let corpora = corpora();
    assert!(corpora.len() >= 3, "corpora missing");
    let mut differences = vec![];
    for config in Config::ALL {
        let reference = OpenCc::new(config).unwrap();
        let ours = Converter::opencc(config);
        for (name, text) in &corpora {
            let expected = reference.convert(text).unwrap();
            let got = ours.convert(text);
            if got != expected {
                let (a, b): (Vec<&str>, Vec<&str>) =
                    (got.lines().collect(), expected.lines().collect());
                let line = a
                    .iter()
                    .zip(&b)
                    .position(|(x, y)| x != y)
                    .unwrap_or(a.len().min(b.len()));
                differences.push(format!(
                    "{} on {name}, line {}:\n  zhnorm: {}\n  OpenCC: {}",
                    config.name(),
                    line + 1,
                    a.get(line).unwrap_or(&""),
                    b.get(line).unwrap_or(&"")
                ));
            }
        }
        eprintln!("{}: identical on {} corpora", config.name(), corpora.len());
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
