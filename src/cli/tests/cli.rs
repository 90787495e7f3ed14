//! The command line, run as a user would.

use std::path::PathBuf;

use assert_cmd::Command;

fn zhnorm() -> Command {
    Command::cargo_bin("zhnorm").unwrap()
}

fn data(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data")
        .join(p)
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("zhnorm-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn converts_stdin_to_stdout_byte_exact() {
    zhnorm()
        .args(["--to", "hant"])
        .write_stdin("汉字")
        .assert()
        .success()
        .stdout("漢字");
    zhnorm()
        .args(["--to", "zh-Hans", "-"])
        .write_stdin("漢字\n\n")
        .assert()
        .success()
        .stdout("汉字\n\n");
}

#[test]
fn converts_files_in_order() {
    let d = tmpdir("files");
    std::fs::write(d.join("a.txt"), "软件\n").unwrap();
    std::fs::write(d.join("b.txt"), "鼠标\n").unwrap();
    zhnorm()
        .args(["--to", "tw"])
        .arg(d.join("a.txt"))
        .arg(d.join("b.txt"))
        .assert()
        .success()
        .stdout("軟體\n滑鼠\n");
    zhnorm()
        .args(["--to", "tw", "--no-idioms"])
        .arg(d.join("a.txt"))
        .assert()
        .success()
        .stdout("軟件\n");
}

#[test]
fn config_mode_matches_opencc_golden() {
    let expected =
        std::fs::read(data("opencc/golden/output/us_constitution_zhs.s2twp.txt")).unwrap();
    zhnorm()
        .args(["--config", "s2twp"])
        .arg(data("opencc/golden/input/us_constitution_zhs.txt"))
        .assert()
        .success()
        .stdout(expected);
}

#[test]
fn output_file() {
    let d = tmpdir("out");
    let out = d.join("out.txt");
    zhnorm()
        .args(["--to", "hans", "-o"])
        .arg(&out)
        .write_stdin("頭髮")
        .assert()
        .success()
        .stdout("");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "头发");
    // No temporary file left behind.
    assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1);
}

#[test]
fn invalid_utf8_names_file_and_offset_and_writes_nothing() {
    let d = tmpdir("utf8");
    let bad = d.join("bad.txt");
    std::fs::write(&bad, b"abc\xffdef").unwrap();
    let a = zhnorm()
        .args(["--to", "hans"])
        .arg(&bad)
        .assert()
        .code(2)
        .stdout("");
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("bad.txt") && err.contains("byte offset 3"),
        "{err}"
    );
    zhnorm()
        .args(["--to", "hans"])
        .write_stdin(&b"\xe6\xb1"[..])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn missing_file_is_reported_and_others_still_processed() {
    let d = tmpdir("missing");
    std::fs::write(d.join("ok.txt"), "漢字").unwrap();
    let a = zhnorm()
        .args(["--to", "hans"])
        .arg(d.join("nope.txt"))
        .arg(d.join("ok.txt"))
        .assert()
        .code(2)
        .stdout("汉字");
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("nope.txt"), "{err}");
}

#[test]
fn bad_arguments_exit_2_with_guidance() {
    let a = zhnorm()
        .args(["--to", "zh-xx"])
        .write_stdin("")
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("unknown variant `zh-xx`") && err.contains("hant"),
        "{err}"
    );
    let a = zhnorm()
        .args(["--config", "s2x"])
        .write_stdin("")
        .assert()
        .code(2);
    assert!(String::from_utf8(a.get_output().stderr.clone())
        .unwrap()
        .contains("s2twp"));
    zhnorm().assert().code(2);
}

#[test]
fn help_shows_examples() {
    let a = zhnorm().arg("--help").assert().success();
    let out = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    assert!(out.contains("Examples:") && out.contains("--to hans") && out.contains("--config"));
}

#[test]
fn bundled_example_runs() {
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/mixed.md");
    let a = zhnorm()
        .args(["--to", "hans"])
        .arg(&example)
        .assert()
        .success();
    let out = String::from_utf8(a.get_output().stdout.clone()).unwrap();
    assert!(
        out.contains("软件")
            && out.contains("https://example.org/軟體")
            && out.contains("`let 变量 = 1;`"),
        "{out}"
    );
    assert!(
        out.contains("国家互联网信息办公室，互联互通。") && !out.contains("-{"),
        "{out}"
    );
}

#[test]
fn format_flag_and_warnings() {
    // Markdown keeps inline code; plain converts it.
    zhnorm()
        .args(["--to", "hant", "--format", "markdown"])
        .write_stdin("`国` 国")
        .assert()
        .success()
        .stdout("`国` 國");
    zhnorm()
        .args(["--to", "hant", "--format", "plain"])
        .write_stdin("`国` 国")
        .assert()
        .success()
        .stdout("`國` 國");
    zhnorm()
        .args(["--to", "hant", "--no-markup"])
        .write_stdin("-{国}-")
        .assert()
        .success()
        .stdout("-{國}-");
    let a = zhnorm()
        .args(["--to", "hant"])
        .write_stdin("国\n国 -{zh-hans:国")
        .assert()
        .success()
        .stdout("國\n國 -{zh-hans:國");
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("warning: <stdin>:2:3: unclosed `-{`"), "{err}");
    zhnorm()
        .args(["--to", "hant", "-q"])
        .write_stdin("国 -{zh-hans:国")
        .assert()
        .success()
        .stderr("");
    let a = zhnorm()
        .args(["--to", "hant", "--format", "rst"])
        .write_stdin("")
        .assert()
        .code(2);
    assert!(String::from_utf8(a.get_output().stderr.clone())
        .unwrap()
        .contains("unknown format `rst`"));
}

#[cfg(not(feature = "opencc"))]
#[test]
fn opencc_engine_needs_the_feature() {
    let out = zhnorm()
        .args(["--engine", "opencc", "--config", "s2t"])
        .write_stdin("汉字")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--features opencc"));
}

#[cfg(feature = "opencc")]
#[test]
fn opencc_engine_converts_through_the_cpp_library() {
    let article = std::fs::read_to_string(data("article/wic-article.md")).unwrap();
    for config in ["s2twp", "tw2sp", "t2jp"] {
        let ours = zhnorm()
            .args(["--config", config])
            .write_stdin(article.as_str())
            .output()
            .unwrap();
        let theirs = zhnorm()
            .args(["--engine", "opencc", "--config", config])
            .write_stdin(article.as_str())
            .output()
            .unwrap();
        assert!(ours.status.success() && theirs.status.success());
        assert_eq!(ours.stdout, theirs.stdout, "{config}");
    }
    let out = zhnorm()
        .args(["--engine", "opencc", "--to", "hant"])
        .write_stdin("汉字")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--config"));
}

#[test]
fn large_stdin_documents_stream_like_files() {
    // Over 1 MiB with a page rule at the top: the rule must reach the last line.
    let mut text = String::from("-{H|zh-cn:软件;zh-tw:軟體;}-\n");
    while text.len() < 3 << 20 {
        text.push_str("这个软件里面有后台，-{zh-hans:鼠标;zh-hant:滑鼠;}-。\n");
    }
    text.push_str("最后的软件\n");
    let d = tmpdir("stdin-stream");
    let file = d.join("doc.txt");
    std::fs::write(&file, &text).unwrap();
    let from_file = zhnorm().args(["--to", "tw"]).arg(&file).output().unwrap();
    let from_stdin = zhnorm()
        .args(["--to", "tw"])
        .write_stdin(text.as_str())
        .output()
        .unwrap();
    assert!(from_file.status.success() && from_stdin.status.success());
    assert!(from_file.stdout == from_stdin.stdout);
    assert!(String::from_utf8(from_stdin.stdout)
        .unwrap()
        .ends_with("最後的軟體\n"));
}

/// Issue 14, D1: `-o OUT` was replaced by partial or empty output when an input failed.
#[test]
fn output_file_is_kept_when_an_input_fails() {
    let d = tmpdir("out-kept");
    let out = d.join("out.txt");
    let bad = d.join("bad.txt");
    std::fs::write(&out, "before").unwrap();
    std::fs::write(&bad, b"abc\xffdef").unwrap();
    zhnorm()
        .args(["--to", "hans", "-o"])
        .arg(&out)
        .arg(&bad)
        .assert()
        .code(2)
        .stdout("");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "before");
    // No temporary file left behind.
    assert_eq!(std::fs::read_dir(&d).unwrap().count(), 2);
}

/// Issue 14, D8: an existing OUT kept its mode (0644 replaced 0600/0640).
#[cfg(unix)]
#[test]
fn output_file_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let d = tmpdir("out-mode");
    let out = d.join("out.txt");
    std::fs::write(&out, "before").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    zhnorm()
        .args(["--to", "hans", "-o"])
        .arg(&out)
        .write_stdin("頭髮")
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "头发");
    let mode = std::fs::metadata(&out).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

/// Issue 27: `-o` onto a file with several hard links split them (the other names kept the
/// old contents); it is refused as `-w` refuses it, and both names stay as they were.
#[cfg(unix)]
#[test]
fn output_file_with_hard_links_is_refused() {
    let d = tmpdir("out-hard");
    let out = d.join("out.txt");
    let other = d.join("other.txt");
    std::fs::write(&out, "before").unwrap();
    std::fs::hard_link(&out, &other).unwrap();
    let a = zhnorm()
        .args(["--to", "hans", "-o"])
        .arg(&out)
        .write_stdin("頭髮")
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("2 hard links"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "before");
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "before");
    assert_eq!(std::fs::read_dir(&d).unwrap().count(), 2);
}

/// Issue 14, D2: a pipe given as a file argument (`<(cmd)`, `/dev/stdin`) is read once, so
/// its text is converted (it used to be read up to three times and print nothing).
#[test]
fn a_pipe_argument_is_read_once() {
    zhnorm()
        .args(["--to", "hant", "/dev/stdin"])
        .write_stdin("汉字头发\n")
        .assert()
        .success()
        .stdout("漢字頭髮\n");
    // Markdown decided from the extension-less pipe's first bytes (two signs of it, issue
    // 22): the code span is kept.
    zhnorm()
        .args(["--to", "hant", "/dev/stdin"])
        .write_stdin("# 标题\n\n- 一\n- 二\n\n`let 国 = 1;` 头发\n")
        .assert()
        .success()
        .stdout("# 標題\n\n- 一\n- 二\n\n`let 国 = 1;` 頭髮\n");
}

/// Issue 14, D2: a FIFO argument is converted, not waited on forever.
#[cfg(unix)]
#[test]
fn a_fifo_argument_is_read_once() {
    let d = tmpdir("fifo");
    let fifo = d.join("in.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, "后来\n").unwrap())
    };
    zhnorm()
        .args(["--to", "hant"])
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .success()
        .stdout("後來\n");
    writer.join().unwrap();
}

/// Issue 14, D19: `-j` far beyond the machine is capped, with a message.
#[test]
fn jobs_are_capped() {
    let a = zhnorm()
        .args(["--to", "hant", "-j", "100000"])
        .write_stdin("头发\n")
        .assert()
        .success()
        .stdout("頭髮\n");
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("using 256"), "{err}");
}

/// Issue 14, D12: `--no-markup` turns off `-{ }-` resolution only; bare URLs stay as
/// written, from standard input and from a file.
#[test]
fn no_markup_still_keeps_bare_urls() {
    let text = "-{头}- http://国家.com/头发 后来\n";
    let want = "-{頭}- http://国家.com/头发 後來\n";
    zhnorm()
        .args(["--to", "hant", "--no-markup"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(want);
    let d = tmpdir("no-markup");
    std::fs::write(d.join("u.txt"), text).unwrap();
    zhnorm()
        .args(["--to", "hant", "--no-markup"])
        .arg(d.join("u.txt"))
        .assert()
        .success()
        .stdout(want);
}

/// Issue 14, D20: an endless file given as a dictionary is an error, not memory exhausted.
#[cfg(unix)]
#[test]
fn endless_dictionary_is_an_error() {
    let a = zhnorm()
        .args(["--to", "tw", "--dict", "/dev/zero"])
        .write_stdin("汉字\n")
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("/dev/zero") && err.contains("more than 8 MiB"),
        "{err}"
    );
}

/// Issue 14, D8: the `-o` temporary file had a predictable name (`.OUT.zhnorm-PID.tmp`) and
/// followed a symlink planted there, overwriting the link's target. Planted at that name,
/// the link and its target are left alone and OUT gets the output.
#[cfg(unix)]
#[test]
fn output_temporary_file_does_not_follow_a_planted_symlink() {
    let d = tmpdir("planted");
    std::fs::write(d.join("in.txt"), "头发").unwrap();
    std::fs::write(d.join("victim.txt"), "victim").unwrap();
    let status = std::process::Command::new("bash")
        .current_dir(&d)
        .env("ZHNORM", assert_cmd::cargo::cargo_bin("zhnorm"))
        .args([
            "-c",
            r#"ln -s "$PWD/victim.txt" .out.txt.zhnorm-$$.tmp; exec "$ZHNORM" --to hant in.txt -o out.txt"#,
        ])
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        std::fs::read_to_string(d.join("victim.txt")).unwrap(),
        "victim"
    );
    let out = d.join("out.txt");
    assert!(!std::fs::symlink_metadata(&out).unwrap().is_symlink());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "頭髮");
}
