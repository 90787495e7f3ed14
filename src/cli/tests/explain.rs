//! `zhnorm explain`, run as a user would.

use assert_cmd::Command;

fn zhnorm() -> Command {
    let mut c = Command::cargo_bin("zhnorm").unwrap();
    // No zhnorm.toml of the machine running the tests.
    c.current_dir(std::env::temp_dir());
    c
}

fn stdout(c: &mut Command) -> String {
    let out = c.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn one_line_per_change_with_stage_source_and_clause() {
    let out = stdout(zhnorm().args([
        "explain",
        "--no-config-file",
        "--to",
        "tw",
        "这个软件很好用。",
    ]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with(
            "这个 → 這個  script: OpenCC STPhrases (full conversion), opencc/STPhrases.txt:"
        ),
        "{out}"
    );
    let software = lines[1];
    assert!(software.starts_with("软件 → 軟體  "), "{out}");
    assert!(
        software.contains("post: Taiwan vocabulary (TWPhrases), opencc/TWPhrases.txt:"),
        "{out}"
    );
    assert!(software.contains("(軟件 → 軟體)"), "{out}");
    assert!(software.contains("clause: other script (+"), "{out}");
    assert!(software.ends_with("[bytes 6..12]"), "{out}");
}

#[test]
fn reads_stdin_and_explains_opencc_configs() {
    let out = stdout(
        zhnorm()
            .args(["explain", "--no-config-file", "--config", "s2twp"])
            .write_stdin("鼠标\n"),
    );
    assert!(
        out.starts_with("鼠标 → 滑鼠  stage 1: OpenCC STCharacters"),
        "{out}"
    );
    assert!(
        out.contains("stage 2: Taiwan vocabulary (TWPhrases), opencc/TWPhrases.txt:"),
        "{out}"
    );
    // No clause decision in an OpenCC config.
    assert!(!out.contains("clause:"), "{out}");
}

#[test]
fn json_report_gives_the_same() {
    let out = stdout(zhnorm().args([
        "explain",
        "--no-config-file",
        "--to",
        "tw",
        "--report",
        "json",
        "软件",
    ]));
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let input = &doc["inputs"][0];
    assert_eq!(input["text"], "软件");
    assert_eq!(input["output"], "軟體");
    let change = &input["changes"][0];
    assert_eq!(change["start"], 0);
    assert_eq!(change["end"], 6);
    assert_eq!(change["from"], "软件");
    assert_eq!(change["to"], "軟體");
    let post = change["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["stage"] == "post")
        .unwrap();
    assert_eq!(post["file"], "opencc/TWPhrases.txt");
    assert!(post["line"].as_u64().unwrap() > 0);
    assert_eq!(post["key"], "軟件");
    assert_eq!(change["clause"]["script"], "other script");
}

#[test]
fn texts_are_explained_apart_and_shown_escaped() {
    let out = stdout(zhnorm().args([
        "explain",
        "--no-config-file",
        "--to",
        "hant",
        "后\u{1b}[31m",
        "繁體",
    ]));
    assert!(out.contains("# 后\\e[31m\n"), "{out}");
    assert!(out.contains("后 → 後  "), "{out}");
    assert!(out.contains("# 繁體\n(no change)\n"), "{out}");
    assert!(!out.contains('\u{1b}'), "{out}");
}

#[test]
fn user_dictionaries_and_bad_flags() {
    let dir = std::env::temp_dir().join(format!("zhnorm-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let dict = dir.join("d.txt");
    std::fs::write(&dict, "软件\t套裝軟體\n").unwrap();
    let out = stdout(
        zhnorm()
            .args(["explain", "--no-config-file", "--to", "tw", "--dict"])
            .arg(&dict)
            .arg("软件"),
    );
    assert!(
        out.starts_with("软件 → 套裝軟體  user: user dictionary (软件 → 套裝軟體)"),
        "{out}"
    );
    // Errors say what to do.
    let no_target = fails(zhnorm().args(["explain", "--no-config-file", "软件"]));
    assert!(no_target.contains("--to VARIANT"), "{no_target}");
    let bad = fails(zhnorm().args(["explain", "--no-config-file", "--to", "xx", "软件"]));
    assert!(bad.contains("expected one of"), "{bad}");
    let invalid = fails(
        zhnorm()
            .args(["explain", "--no-config-file", "--to", "tw"])
            .write_stdin(vec![0xe8u8, 0xbd]),
    );
    assert!(invalid.contains("UTF-8"), "{invalid}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs `c`, which must fail with status 2, and returns its standard error.
fn fails(c: &mut Command) -> String {
    let out = c.assert().code(2).get_output().stderr.clone();
    String::from_utf8(out).unwrap()
}
