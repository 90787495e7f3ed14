//! `--check` findings in every report: the text listing, JSON, GitHub workflow commands,
//! SARIF 2.1.0 (validated against its JSON schema, offline) and reviewdog's format: whole
//! words, their rule and reason, positions after any byte order mark, consistent with the
//! exit status.

mod common;

use std::path::PathBuf;

use serde_json::Value;

use common::{output, write, zhnorm};

/// A repository: Simplified Markdown with a byte order mark, a JSON locale whose keys
/// must not be findings, and a clean Traditional file.
fn repo(name: &str) -> PathBuf {
    let d = common::tmpdir("reports", name);
    write(
        &d.join("docs/a.md"),
        "\u{FEFF}# 标题\n\n我们支持这个文档。\n".as_bytes(),
    );
    write(
        &d.join("locales/zh-TW.json"),
        "{\"支持\": \"支持\", \"k\": \"{year}年\"}\n".as_bytes(),
    );
    write(&d.join("docs/clean.md"), "已經是繁體。\n".as_bytes());
    d
}

/// The errors of `value` against the JSON schema `schema` (none: valid).
fn schema_errors(schema: &str, value: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(schema).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a schema");
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn check(d: &PathBuf, report: &[&str]) -> (String, String, i32) {
    let a = zhnorm()
        .current_dir(d)
        .args(["--to", "tw", "--vocabulary", "full", "--check"])
        .args(report)
        .arg(".")
        .assert();
    let code = a.get_output().status.code().unwrap();
    let (out, err) = output(&a);
    (out, err, code)
}

#[test]
fn the_listing_names_whole_words_and_their_reasons() {
    let d = repo("text");
    let (out, err, code) = check(&d, &[]);
    assert_eq!(code, 1, "{out}{err}");
    // 支持 → 支援 is one finding, not 持 → 援; the byte order mark is not a column.
    assert!(
        out.contains("docs/a.md:3:3: 支持 → 支援 (我们支持这个文档。) [vocabulary, TWPhrases.txt:"),
        "{out}"
    );
    assert!(out.contains("docs/a.md:3:7: 文档 → 文件"), "{out}");
    // Characters converted one by one next to each other are one word.
    assert!(
        out.contains("docs/a.md:1:3: 标题 → 標題 (# 标题) [script"),
        "{out}"
    );
    // The key is not a finding, the value is; the template is not touched.
    assert!(out.contains("locales/zh-TW.json:1:9: 支持 → 支援"), "{out}");
    assert!(!out.contains("json:1:3:"), "{out}");
    assert!(!out.contains("clean.md"), "{out}");
}

#[test]
fn github_annotations_cover_each_word() {
    let d = repo("github");
    let (out, _, code) = check(&d, &["--report", "github"]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines.iter().all(|l| l.starts_with("::error file=")),
        "{out}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with(
            "::error file=docs/a.md,line=3,col=3,endLine=3,endColumn=5,title=zhnorm vocabulary::支持 → 支援: "
        )),
        "{out}"
    );
    assert!(
        lines.iter().any(|l| l
            .starts_with("::error file=locales/zh-TW.json,line=1,col=9,endLine=1,endColumn=11,")),
        "{out}"
    );
}

/// The SARIF log validates against the SARIF 2.1.0 schema, and its regions and fixes
/// rebuild the converted files.
#[test]
fn sarif_is_valid_and_its_fixes_give_the_conversion() {
    let d = repo("sarif");
    let (out, _, code) = check(&d, &["--report", "sarif", "--max-changes", "0"]);
    assert_eq!(code, 1);
    let log: Value = serde_json::from_str(&out).expect("one JSON document");
    // The published schema's pattern for `run.language` has a stray `]` (a literal in
    // ECMAScript regular expressions, an error in Rust's): read as ECMAScript reads it.
    let text = include_str!("../../../tests/data/sarif/sarif-schema-2.1.0.json").replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$""#,
    );
    let errors = schema_errors(&text, &log);
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let results = run["results"].as_array().unwrap();
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for r in results {
        assert!(rules.contains(&r["ruleId"].as_str().unwrap()), "{r}");
    }
    // Apply every fix (by byte offsets, end first) and compare with `-w`.
    for file in ["docs/a.md", "locales/zh-TW.json"] {
        let original = std::fs::read_to_string(d.join(file)).unwrap();
        let mut fixed = original.clone();
        let mut edits: Vec<(usize, usize, String)> = results
            .iter()
            .filter(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == file)
            .map(|r| {
                let region = &r["fixes"][0]["artifactChanges"][0]["replacements"][0];
                let at = region["deletedRegion"]["byteOffset"].as_u64().unwrap() as usize;
                let len = region["deletedRegion"]["byteLength"].as_u64().unwrap() as usize;
                (
                    at,
                    len,
                    region["insertedContent"]["text"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                )
            })
            .collect();
        assert!(!edits.is_empty(), "{file}");
        edits.sort();
        for (at, len, text) in edits.into_iter().rev() {
            fixed.replace_range(at..at + len, &text);
        }
        let converted = zhnorm()
            .args(["--to", "tw", "--vocabulary", "full", "--markup", "source"])
            .arg(d.join(file))
            .assert()
            .success();
        assert_eq!(fixed, output(&converted).0, "{file}");
    }
}

#[test]
fn reviewdog_diagnostics_count_bytes() {
    let d = repo("rdjson");
    let (out, _, code) = check(&d, &["--report", "rdjson"]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    // Valid against reviewdog's own schema of the format.
    let schema = include_str!("../../../tests/data/rdjson/DiagnosticResult.json");
    let errors = schema_errors(schema, &v);
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(v["source"]["name"], "zhnorm");
    let diags = v["diagnostics"].as_array().unwrap();
    let support = diags
        .iter()
        .find(|d| d["location"]["path"] == "docs/a.md" && d["suggestions"][0]["text"] == "支援")
        .expect("支持 → 支援");
    // Line 3 `我们支持`: 支 starts after 6 bytes; the word is 6 bytes long.
    assert_eq!(
        support["location"]["range"],
        serde_json::json!({"start": {"line": 3, "column": 7}, "end": {"line": 3, "column": 13}})
    );
    assert_eq!(support["code"]["value"], "vocabulary");
    assert_eq!(support["severity"], "ERROR");
    // Line 1 after the byte order mark: `# 标题`, 标 at byte column 3.
    let title = diags
        .iter()
        .find(|d| d["suggestions"][0]["text"] == "標題")
        .expect("标题");
    assert_eq!(title["location"]["range"]["start"]["column"], 3);
}

#[test]
fn reports_agree_with_the_exit_status() {
    let d = repo("ok");
    let (out, _, code) = check(&d, &["--report", "json"]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"], false, "files would change: exit 1, not ok");
    // A clean file: exit 0, ok.
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "--check", "--report", "json", "docs/clean.md"])
        .assert()
        .code(0);
    let v: Value = serde_json::from_str(&output(&a).0).unwrap();
    assert_eq!(v["ok"], true);
    // --expect: a Simplified file under --expect hant exits 1 and is not ok.
    let a = zhnorm()
        .current_dir(&d)
        .args(["--expect", "hant", "--report", "json", "docs/a.md"])
        .assert()
        .code(1);
    let v: Value = serde_json::from_str(&output(&a).0).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["files"][0]["consistent"], false);
    // Where: the runs of Simplified characters (columns after the byte order mark).
    assert_eq!(
        v["files"][0]["foreign"][0],
        serde_json::json!({"line": 1, "column": 3, "text": "标题"})
    );
    let a = zhnorm()
        .current_dir(&d)
        .args(["--expect", "hant", "docs/a.md"])
        .assert()
        .code(1);
    let out = output(&a).0;
    assert!(
        out.contains("docs/a.md:3:2: 们 is Simplified (expected zh-hant)"),
        "{out}"
    );
    // --stats: a mixed file is not consistent, but --stats alone exits 0.
    write(&d.join("mixed.txt"), "我们的头发。我們的頭髮。".as_bytes());
    let a = zhnorm()
        .current_dir(&d)
        .args(["--stats", "--report", "json", "mixed.txt"])
        .assert()
        .code(0);
    let v: Value = serde_json::from_str(&output(&a).0).unwrap();
    assert_eq!(
        (v["ok"].clone(), v["files"][0]["consistent"].clone()),
        (true.into(), false.into())
    );
    // The finding reports need --check.
    for report in ["github", "sarif", "rdjson"] {
        let a = zhnorm()
            .current_dir(&d)
            .args(["--to", "tw", "--report", report, "-w", "docs"])
            .assert()
            .code(2);
        assert!(output(&a).1.contains("add --check"), "{report}");
    }
}

#[test]
fn rewriting_says_what_it_rewrote() {
    let d = repo("rewrite");
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "-w", "."])
        .assert()
        .success();
    let err = output(&a).1;
    assert!(err.contains("zhnorm: rewrote ./docs/a.md\n"), "{err}");
    // (支持 is Taiwan's word too under the default vocabulary: the locale is unchanged.)
    assert!(!err.contains("zh-TW.json"), "{err}");
    assert!(!err.contains("clean.md"), "{err}");
    // --quiet: only how many.
    write(&d.join("docs/b.md"), "软件\n".as_bytes());
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "-w", "--quiet", "."])
        .assert()
        .success();
    assert_eq!(output(&a).1, "zhnorm: 1 file rewritten\n");
}
