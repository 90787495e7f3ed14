//! OpenCC 1.4.2's own test cases and golden files, run through `--config` mode.
//! Data: tests/data/opencc (used in place, not copied).

mod streams;
use streams::Streams;

mod common;
use common::strip_trailing_commas;
use std::collections::BTreeMap;
use std::path::PathBuf;

use zhnorm::{Config, Converter};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/opencc")
}

#[test]
fn all_testcases_pass() {
    let raw = std::fs::read_to_string(data_dir().join("testcases.json")).expect("testcases.json");
    let json: serde_json::Value = serde_json::from_str(&strip_trailing_commas(&raw)).unwrap();
    let cases = json["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 243);
    let mut per_config: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    let converters: BTreeMap<&str, Converter> = Config::ALL
        .iter()
        .map(|c| (c.name(), Converter::opencc(*c)))
        .collect();
    for case in cases {
        let input = case["input"].as_str().unwrap();
        for (cfg, expected) in case["expected"].as_object().unwrap() {
            let got = converters[cfg.as_str()].convert(input);
            let e = per_config.entry(cfg.clone()).or_default();
            e.1 += 1;
            if got == expected.as_str().unwrap() {
                e.0 += 1;
            } else {
                failures.push(format!(
                    "{} {cfg}\n  input:    {input}\n  expected: {expected}\n  got:      {got}",
                    case["id"]
                ));
            }
        }
    }
    let total: usize = per_config.values().map(|v| v.1).sum();
    let passed: usize = per_config.values().map(|v| v.0).sum();
    for (cfg, (p, n)) in &per_config {
        eprintln!("{cfg:6} {p:3}/{n:3}");
    }
    eprintln!("total  {passed}/{total}");
    assert_eq!(total, 556);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn golden_files_are_byte_identical() {
    let dir = data_dir().join("golden");
    let input = std::fs::read_to_string(dir.join("input/us_constitution_zhs.txt")).unwrap();
    for cfg in ["s2t", "s2tw", "s2twp", "s2hk", "s2hkp"] {
        let expected =
            std::fs::read_to_string(dir.join(format!("output/us_constitution_zhs.{cfg}.txt")))
                .unwrap();
        let c = Converter::opencc(cfg.parse::<Config>().unwrap());
        assert!(c.convert(&input) == expected, "golden {cfg} differs");
        let mut streamed = Vec::new();
        c.stream_text(input.as_bytes(), &mut streamed).unwrap();
        assert!(
            streamed == expected.as_bytes(),
            "golden {cfg} differs when streamed"
        );
    }
}
