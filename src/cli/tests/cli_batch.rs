//! `--check`, `--diff`, `--in-place` and directory trees, run as a user would.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;
use std::time::Duration;

use zhnorm::{Converter, Variant};

use common::{write, zhnorm};

fn tmpdir(name: &str) -> PathBuf {
    common::tmpdir("batch", name)
}

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

/// A tree with a git-ignored file, a hidden file, a binary file, a clean file and files
/// that need conversion.
fn tree(name: &str) -> PathBuf {
    let d = tmpdir(name);
    write(&d.join(".gitignore"), b"ignored.md\n");
    write(&d.join("docs/a.md"), "然后我们去了台湾。\n".as_bytes());
    write(
        &d.join("docs/sub/b.txt"),
        b"\xef\xbb\xbf\xe5\xa4\xb4\xe5\x8f\x91\r\n\xe7\xac\xac\xe4\xba\x8c\xe8\xa1\x8c\r\n",
    ); // BOM 头发 CRLF 第二行 CRLF
    write(&d.join("docs/ignored.md"), "这是简体".as_bytes());
    write(&d.join(".hidden/h.md"), "这是简体".as_bytes());
    write(&d.join("docs/bin.txt"), b"\x00\x01\xe5\x9b\xbd");
    write(&d.join("docs/clean.md"), "已經是繁體。\n".as_bytes());
    write(&d.join("docs/image.png"), "这是简体".as_bytes());
    d
}

#[test]
fn check_lists_changes_and_exits_1() {
    let d = tree("check");
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "--check", "docs"])
        .assert()
        .code(1);
    let out = stdout(&a);
    assert!(
        // Whole words, with the rule and the dictionary line that made them.
        out.contains("docs/a.md:1:1: 然后 → 然後 (然后我们去了台湾) [script, STPhrases.txt:"),
        "{out}"
    );
    // The byte order mark is not a column, nor context.
    assert!(
        out.contains("docs/sub/b.txt:1:1: 头发 → 頭髮 (头发 ) [script"),
        "{out}"
    );
    assert!(
        !out.contains("ignored.md") && !out.contains("h.md") && !out.contains("image.png"),
        "{out}"
    );
    // Nothing was changed.
    assert_eq!(
        fs::read_to_string(d.join("docs/a.md")).unwrap(),
        "然后我们去了台湾。\n"
    );
    // A clean tree exits 0 and prints nothing.
    zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "--check", "docs/clean.md"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn diff_is_unified() {
    let d = tree("diff");
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "--diff", "docs/a.md"])
        .assert()
        .code(1);
    assert_eq!(
        stdout(&a),
        "--- docs/a.md\n+++ docs/a.md\n@@ -1 +1 @@\n-然后我们去了台湾。\n+然後我們去了臺灣。\n"
    );
}

#[test]
fn in_place_keeps_bom_crlf_permissions_and_untouched_files() {
    let d = tree("inplace");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(d.join("docs/a.md"), fs::Permissions::from_mode(0o640)).unwrap();
    }
    let clean_mtime = fs::metadata(d.join("docs/clean.md"))
        .unwrap()
        .modified()
        .unwrap();
    std::thread::sleep(Duration::from_millis(20));
    zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "-w", "docs"])
        .assert()
        .code(0)
        .stdout("");
    assert_eq!(
        fs::read_to_string(d.join("docs/a.md")).unwrap(),
        "然後我們去了臺灣。\n"
    );
    assert_eq!(
        fs::read(d.join("docs/sub/b.txt")).unwrap(),
        "\u{FEFF}頭髮\r\n第二行\r\n".as_bytes(),
        "BOM and CRLF kept"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(d.join("docs/a.md"))
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o640
        );
    }
    assert_eq!(
        fs::metadata(d.join("docs/clean.md"))
            .unwrap()
            .modified()
            .unwrap(),
        clean_mtime
    );
    assert_eq!(
        fs::read_to_string(d.join("docs/ignored.md")).unwrap(),
        "这是简体",
        "git-ignored file skipped"
    );
    assert_eq!(
        fs::read(d.join("docs/bin.txt")).unwrap(),
        b"\x00\x01\xe5\x9b\xbd",
        "binary file skipped"
    );
    // No temporary files left.
    let leftovers: Vec<_> = fs::read_dir(d.join("docs"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".zhnorm-"))
        .collect();
    assert!(leftovers.is_empty());
    // Running again changes nothing.
    zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "--check", "docs"])
        .assert()
        .code(0);
}

#[test]
fn errors_do_not_stop_other_files() {
    let d = tree("errors");
    write(&d.join("docs/bad.md"), b"ok \xff bad");
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "-w", "docs", "missing.md"])
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("missing.md") && err.contains("bad.md: invalid UTF-8 at byte offset 3"),
        "{err}"
    );
    assert_eq!(fs::read(d.join("docs/bad.md")).unwrap(), b"ok \xff bad");
    assert_eq!(
        fs::read_to_string(d.join("docs/a.md")).unwrap(),
        "然後我們去了臺灣。\n"
    );
}

#[cfg(unix)]
#[test]
fn read_only_directory_is_an_error_and_file_is_kept() {
    use std::os::unix::fs::PermissionsExt;
    let d = tree("readonly");
    let dir = d.join("docs/sub");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
    // Root can write anywhere: only meaningful for other users.
    let writable = fs::write(dir.join("probe"), b"x").is_ok();
    let _ = fs::remove_file(dir.join("probe"));
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "-w", "docs"])
        .assert();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    if !writable {
        a.code(2);
        assert_eq!(
            fs::read(dir.join("b.txt")).unwrap(),
            b"\xef\xbb\xbf\xe5\xa4\xb4\xe5\x8f\x91\r\n\xe7\xac\xac\xe4\xba\x8c\xe8\xa1\x8c\r\n"
        );
    }
}

#[test]
fn json_report() {
    let d = tree("json");
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "--check", "--report", "json", "docs"])
        .assert()
        .code(1);
    let v: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
    assert_eq!(v["changed"], true);
    let files = v["files"].as_array().unwrap();
    let a_md = files.iter().find(|f| f["path"] == "docs/a.md").unwrap();
    assert_eq!(a_md["changes"][0]["from"], "然后");
    assert_eq!(a_md["changes"][0]["to"], "然後");
    assert_eq!(a_md["changes"][0]["rule"], "script");
    assert_eq!(a_md["changes"][0]["end_column"], 3);
    assert!(a_md["changes"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("opencc/STPhrases.txt:"));
    // `ok` is false exactly when the exit status is not 0.
    assert_eq!(v["ok"], false);
}

#[test]
fn glob_and_exclude() {
    let d = tree("glob");
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "--check", "--glob", "*.txt", "docs"])
        .assert()
        .code(1);
    let out = stdout(&a);
    assert!(out.contains("b.txt") && !out.contains("a.md"), "{out}");
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "--check", "--exclude", "sub/**", "docs"])
        .assert()
        .code(1);
    let out = stdout(&a);
    assert!(!out.contains("b.txt") && out.contains("a.md"), "{out}");
}

/// Killing an in-place run leaves every file either old or new, never partial.
#[test]
fn interrupted_in_place_run_leaves_whole_files() {
    let d = tmpdir("interrupt");
    let text = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/opencc/benchmark/zuozhuan.txt"
    ))
    .unwrap();
    let chunk: String = text.chars().take(60_000).collect();
    let converted = Converter::new(Variant::Hant).convert(&chunk).into_owned();
    for i in 0..120 {
        write(&d.join(format!("f{i:03}.txt")), chunk.as_bytes());
    }
    for delay in [15u64, 40, 80] {
        let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("zhnorm"))
            .args(["--to", "hant", "-w"])
            .arg(&d)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        for i in 0..120 {
            let got = fs::read_to_string(d.join(format!("f{i:03}.txt"))).unwrap();
            assert!(
                got == chunk || got == converted,
                "f{i:03}.txt is neither old nor new after kill at {delay} ms"
            );
        }
        // Reset for the next round.
        for i in 0..120 {
            write(&d.join(format!("f{i:03}.txt")), chunk.as_bytes());
        }
    }
}

#[test]
fn user_dictionaries_and_protected_words() {
    let d = tmpdir("dict");
    write(
        &d.join("terms.txt"),
        "# project terms\n程序\t程式\nzh-cn:计算机;zh-tw:電腦;\n".as_bytes(),
    );
    write(&d.join("keep.txt"), "# never convert\n软件\n".as_bytes());
    zhnorm()
        .current_dir(&d)
        .args([
            "--to",
            "tw",
            "--dict",
            "terms.txt",
            "--keep-file",
            "keep.txt",
            "--keep",
            "台湾",
        ])
        .write_stdin("计算机程序和软件在台湾")
        .assert()
        .success()
        .stdout("電腦程式和软件在台湾");
    write(
        &d.join("bad.txt"),
        "程序\t程式\nno tab or rule\n".as_bytes(),
    );
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "--dict", "bad.txt"])
        .write_stdin("x")
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(err.contains("bad.txt:2:"), "{err}");
}

#[test]
fn stats_and_expect() {
    let d = tree("stats");
    let a = zhnorm()
        .current_dir(&d)
        .args(["--stats", "docs/a.md", "docs/clean.md"])
        .assert()
        .code(0);
    let out = stdout(&a);
    // 们 湾 and, with the graded weights, 后 (然后: Traditional writes 然後).
    assert!(
        out.contains("docs/a.md: simplified 3") && out.contains("likely zh-hans"),
        "{out}"
    );
    assert!(
        out.contains("docs/clean.md: simplified 0")
            && out.contains("likely zh-hant (confidence 1.00)"),
        "{out}"
    );
    let a = zhnorm()
        .current_dir(&d)
        .args(["--expect", "hant", "docs"])
        .assert()
        .code(1);
    let out = stdout(&a);
    assert!(
        out.contains("docs/a.md") && !out.contains("clean.md"),
        "{out}"
    );
    zhnorm()
        .current_dir(&d)
        .args(["--expect", "hant", "docs/clean.md"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn project_config_file() {
    let d = tree("project");
    write(
        &d.join("zhnorm.toml"),
        b"to = \"zh-hant\"\nexclude = [\"docs/sub/**\"]\n",
    );
    let a = zhnorm()
        .current_dir(d.join("docs"))
        .args(["--check", "."])
        .assert()
        .code(1);
    let out = stdout(&a);
    assert!(out.contains("a.md") && !out.contains("b.txt"), "{out}");
    // Flags override the file.
    zhnorm()
        .current_dir(&d)
        .args(["--to", "hans"])
        .write_stdin("漢字")
        .assert()
        .success()
        .stdout("汉字");
    write(
        &d.join("zhnorm.toml"),
        b"to = \"zh-hant\"\ntarget = \"x\"\n",
    );
    let a = zhnorm()
        .current_dir(&d)
        .args(["--check", "docs"])
        .assert()
        .code(2);
    // Where, and what was expected; never the file's own words (issue 27).
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains(
            "zhnorm.toml:2:1: not a valid zhnorm.toml: unknown field `…`, expected one of `to`"
        ),
        "{err}"
    );
    assert!(!err.contains("target"), "{err}");
    zhnorm()
        .current_dir(&d)
        .args(["--no-config-file", "--to", "hans"])
        .write_stdin("漢")
        .assert()
        .success()
        .stdout("汉");
}

fn mkfifo(p: &Path) {
    let made = StdCommand::new("mkfifo").arg(p).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
}

/// Issue 14, D2 and D9: `-w` refuses what it cannot replace without changing what the path
/// is (a FIFO is not even read), rewrites a symlink's target and keeps the link.
#[cfg(unix)]
#[test]
fn in_place_keeps_file_identity() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let d = tmpdir("identity");
    let fifo = d.join("pipe.txt");
    mkfifo(&fifo);
    let ro = d.join("ro.txt");
    write(&ro, "头发\n".as_bytes());
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
    let real = d.join("real.txt");
    write(&real, "头发\n".as_bytes());
    let link = d.join("link.txt");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "-w", "pipe.txt", "ro.txt", "link.txt"])
        .timeout(Duration::from_secs(60))
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("pipe.txt") && err.contains("not a regular file"),
        "{err}"
    );
    assert!(err.contains("ro.txt") && err.contains("read-only"), "{err}");
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(fs::read_to_string(&ro).unwrap(), "头发\n");
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_to_string(&real).unwrap(), "頭髮\n");
    // No temporary file is left behind.
    let mut names: Vec<String> = fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["link.txt", "pipe.txt", "real.txt", "ro.txt"]);
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o644)).unwrap();
    fs::remove_dir_all(&d).unwrap();
}

/// `-o` naming a FIFO (as /dev/null or a named pipe) writes into it, as a shell redirection
/// does, instead of replacing it with a regular file; through a symlink it writes the
/// link's target and keeps the link.
#[cfg(unix)]
#[test]
fn output_to_a_fifo_or_a_symlink() {
    use std::os::unix::fs::FileTypeExt;
    let d = tmpdir("special-out");
    write(&d.join("in.txt"), "后来\n".as_bytes());
    let fifo = d.join("out.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "in.txt", "-o", "out.fifo"])
        .timeout(Duration::from_secs(60))
        .assert()
        .success();
    assert_eq!(reader.join().unwrap(), "後來\n");
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    let real = d.join("real.txt");
    write(&real, b"old\n");
    std::os::unix::fs::symlink(&real, d.join("out-link.txt")).unwrap();
    zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "in.txt", "-o", "out-link.txt"])
        .assert()
        .success();
    assert!(fs::symlink_metadata(d.join("out-link.txt"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_to_string(&real).unwrap(), "後來\n");
    fs::remove_dir_all(&d).unwrap();
}

/// Issue 14, D13: SIGINT or SIGTERM while `-o` (or `-w`, the same writer) has its hidden
/// temporary file open removes it, and the output file is not created: the run waits on
/// standard input with the temporary file present, then gets the signal.
#[cfg(unix)]
#[test]
fn signals_remove_temporary_files() {
    use std::io::Write as _;
    use std::process::Stdio;
    for signal in ["INT", "TERM", "HUP"] {
        let d = tmpdir(&format!("signal-{signal}"));
        let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("zhnorm"))
            .current_dir(&d)
            .args(["--to", "hant", "-o", "out.txt"])
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all("头发\n".as_bytes()).unwrap();
        let listing = || -> Vec<String> {
            fs::read_dir(&d)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        };
        let mut waited = 0;
        while !listing().iter().any(|n| n.ends_with(".tmp")) {
            assert!(waited < 30_000, "no temporary file appeared");
            std::thread::sleep(Duration::from_millis(10));
            waited += 10;
        }
        let sent = StdCommand::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = child.wait().unwrap();
        drop(stdin);
        assert_eq!(status.code(), Some(130), "SIG{signal}");
        assert!(listing().is_empty(), "SIG{signal} left {:?}", listing());
        fs::remove_dir_all(&d).unwrap();
    }
}

/// Issue 14, D18: a file with a NUL byte in its first 8 KiB is binary in every mode:
/// skipped with the same note by stdout mode (which streamed and converted it), `--check`
/// and `-w`; standard input is always converted.
#[test]
fn binary_files_are_skipped_in_every_mode() {
    let d = tmpdir("binary");
    let bytes = "头发\0后来\n".as_bytes();
    write(&d.join("b.txt"), bytes);
    for args in [
        vec!["--to", "hant"],
        vec!["--to", "hant", "--check"],
        vec!["--to", "hant", "-w"],
    ] {
        let a = zhnorm()
            .current_dir(&d)
            .args(&args)
            .arg("b.txt")
            .assert()
            .success()
            .stdout("");
        let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
        assert!(
            err.contains("b.txt: binary file, skipped"),
            "{args:?}: {err}"
        );
        assert_eq!(fs::read(d.join("b.txt")).unwrap(), bytes);
    }
    zhnorm()
        .args(["--to", "hant"])
        .write_stdin(bytes)
        .assert()
        .success()
        .stdout("頭髮\0後來\n");
    fs::remove_dir_all(&d).unwrap();
}

/// Issue 14, D11: with `--report json`, standard output is exactly one valid JSON document
/// whatever fails: `-w` on standard input puts the text in it, and missing paths, a bad
/// glob, a bad dictionary and `--stats` errors are listed in it.
#[test]
fn json_report_is_one_document_whatever_fails() {
    let d = tmpdir("json-errors");
    write(&d.join("a.txt"), "后来\n".as_bytes());
    let json = |args: &[&str], stdin: &str| -> serde_json::Value {
        let a = zhnorm()
            .current_dir(&d)
            .args(args)
            .write_stdin(stdin)
            .assert();
        let out = stdout(&a);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    };
    let v = json(&["--to", "hant", "-w", "--report", "json"], "汉字\n");
    assert_eq!(v["files"][0]["text"], "漢字\n");
    assert_eq!(v["ok"], true);
    for (args, error) in [
        (
            vec![
                "--to",
                "hant",
                "--check",
                "--report",
                "json",
                "missing.txt",
                "a.txt",
            ],
            "missing.txt",
        ),
        (
            vec![
                "--to", "hant", "--check", "--report", "json", "--glob", "[", ".",
            ],
            "invalid --glob",
        ),
        (
            vec![
                "--to", "hant", "--check", "--report", "json", "--dict", "no.txt", "a.txt",
            ],
            "no.txt",
        ),
        (
            vec!["--stats", "--report", "json", "missing.txt", "a.txt"],
            "missing.txt",
        ),
        // Usage errors found by the argument parser are JSON too.
        (
            vec!["--to", "hant", "--check", "--bogus", "--report", "json"],
            "--bogus",
        ),
        (vec!["--to", "hant", "--report=json", "-j", "x"], "-j"),
    ] {
        let v = json(&args, "");
        assert_eq!(v["ok"], false, "{args:?}");
        let errors = v["errors"].as_array().unwrap();
        assert!(
            errors.iter().any(|e| e.as_str().unwrap().contains(error)),
            "{args:?}: {errors:?}"
        );
    }
    fs::remove_dir_all(&d).unwrap();
}

/// Issue 14, D7: standard output (streamed, from a file and from standard input) and `-w`
/// (read whole) give the same text (but for the construct `-w` keeps) for (a) a stray `}-` before a `-{` spanning 200 000
/// lines, and (c) a file whose extension says nothing with a code fence after 64 KiB (the
/// format was sniffed from 64 KiB in one mode and from the whole file in the other).
#[test]
fn streamed_and_whole_outputs_agree() {
    let d = tmpdir("stream-whole");
    let a = format!("x}}-{{甲{}}}-后来\n", "头发\n".repeat(200_000));
    let c = format!(
        "{}\n```\nlet 国 = 1;\n```\n",
        "头发 后来\n".repeat((64 << 10) / 14 + 1)
    );
    for (name, text, want_end) in [
        ("a.txt", a.as_str(), "头发\n後來\n"),
        ("c.rst", c.as_str(), "let 國 = 1;\n```\n"),
    ] {
        let path = d.join(name);
        write(&path, text.as_bytes());
        let file = zhnorm().args(["--to", "hant"]).arg(&path).assert();
        let piped = zhnorm()
            .args(["--to", "hant"])
            .write_stdin(text.as_bytes())
            .assert();
        let (file, piped) = (stdout(&file), stdout(&piped));
        assert!(file == piped, "{name}: file vs standard input");
        assert!(file.ends_with(want_end), "{name}");
        zhnorm()
            .args(["--to", "hant", "--check", "--quiet"])
            .arg(&path)
            .assert()
            .code(1);
        zhnorm()
            .args(["--to", "hant", "-w", "--quiet"])
            .arg(&path)
            .assert()
            .success();
        // `-w` keeps the construct as written (issue 22, source mode): its text stays.
        let rewritten = if name == "a.txt" {
            text.replace("}-后来", "}-後來")
        } else {
            file
        };
        assert!(
            std::fs::read_to_string(&path).unwrap() == rewritten,
            "{name}: -w"
        );
    }
}

/// Issue 14, D15: a closed or full standard error is no panic (exit 101): the run goes on
/// and ends with its own status.
#[test]
fn closed_standard_error_is_not_a_panic() {
    let d = tmpdir("closed-stderr");
    write(&d.join("a.txt"), "后来 }-\n".as_bytes());
    for args in [
        vec!["--to", "hant", "a.txt", "missing.txt"],
        vec!["--to", "hant", "--check", "a.txt"],
        vec!["--bogus"],
    ] {
        let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("zhnorm"))
            .current_dir(&d)
            .args(&args)
            .stdout(std::process::Stdio::null())
            .stderr(fs::File::options().write(true).open("/dev/full").unwrap())
            .status()
            .unwrap();
        assert!(matches!(status.code(), Some(1 | 2)), "{args:?}: {status}");
    }
    fs::remove_dir_all(&d).unwrap();
}

/// A tree for `--max-changes`: a file with 100 changes (two a line), one with 3, a clean one.
fn many_changes(name: &str) -> PathBuf {
    let d = tmpdir(name);
    let big: String = (0..50).map(|i| format!("{i}后来的头发\n")).collect();
    write(&d.join("docs/big.txt"), big.as_bytes());
    write(
        &d.join("docs/small.txt"),
        "后来\nok\n头发 我们\n".as_bytes(),
    );
    write(&d.join("docs/clean.txt"), "已經是繁體。\n".as_bytes());
    d
}

/// The speed issue, goal 5: `--check` lists at most `--max-changes` changes a file (20 by
/// default), then a line with the number of the others; the summary on standard error
/// counts them all, exactly as the full listing does.
#[test]
fn check_caps_the_changes_listed_per_file_and_counts_them_all() {
    let d = many_changes("cap");
    let run = |extra: &[&str]| {
        let a = zhnorm()
            .current_dir(&d)
            .args(["--to", "hant", "--check"])
            .args(extra)
            .arg("docs")
            .assert()
            .code(1);
        let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
        (stdout(&a), err)
    };
    let (all, err_all) = run(&["--max-changes", "0"]);
    let all: Vec<&str> = all.lines().collect();
    let big: Vec<&str> = all
        .iter()
        .copied()
        .filter(|l| l.starts_with("docs/big.txt:"))
        .collect();
    assert_eq!(big.len(), 100, "{all:?}");
    assert_eq!(all.len(), 103, "{all:?}");
    assert!(
        big[0].starts_with("docs/big.txt:1:2: 后来 → 後來 (0后来的头发) [script, STPhrases.txt:"),
        "{}",
        big[0]
    );
    assert!(
        big[99].starts_with("docs/big.txt:50:6: 头发 → 頭髮 (49后来的头发) [script"),
        "{}",
        big[99]
    );
    assert!(!all.iter().any(|l| l.contains("more change")), "{all:?}");
    let summary = "zhnorm: 2 of 3 files would change, 103 changes\n";
    assert_eq!(err_all, summary);

    // The default: the first 20 of big.txt, the number of the others, all of small.txt.
    let (capped, err) = run(&[]);
    let mut want: Vec<String> = big[..20].iter().map(|l| l.to_string()).collect();
    want.push("docs/big.txt: 80 more changes not listed (--max-changes 0 lists all)".into());
    want.extend(all[100..].iter().map(|l| l.to_string()));
    assert_eq!(capped.lines().collect::<Vec<_>>(), want);
    assert_eq!(err, summary, "the summary is exact however few are listed");

    let (capped, err) = run(&["--max-changes", "2"]);
    assert_eq!(
        capped.lines().collect::<Vec<_>>(),
        [
            big[0],
            big[1],
            "docs/big.txt: 98 more changes not listed (--max-changes 0 lists all)",
            all[100],
            all[101],
            "docs/small.txt: 1 more change not listed (--max-changes 0 lists all)",
        ]
    );
    assert_eq!(err, summary);
    // As many as there are: no line about others.
    let (capped, _) = run(&["--max-changes", "100"]);
    assert_eq!(capped.lines().collect::<Vec<_>>(), all);
}

/// `--report json` is one document: `changes` holds at most `--max-changes` a file,
/// `changes_total` and the summary count them all.
#[test]
fn json_report_caps_changes_and_keeps_exact_counts() {
    let d = many_changes("json-cap");
    let json = |extra: &[&str]| -> serde_json::Value {
        let a = zhnorm()
            .current_dir(&d)
            .args(["--to", "hant", "--check", "--report", "json"])
            .args(extra)
            .arg("docs")
            .assert()
            .code(1);
        serde_json::from_str(&stdout(&a)).unwrap()
    };
    let file = |v: &serde_json::Value, name: &str| {
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == format!("docs/{name}"))
            .unwrap()
            .clone()
    };
    let v = json(&[]);
    let big = file(&v, "big.txt");
    assert_eq!(big["changes"].as_array().unwrap().len(), 20);
    assert_eq!(big["changes_total"], 100);
    let last = &big["changes"][19];
    assert_eq!(
        [
            &last["line"],
            &last["column"],
            &last["end_column"],
            &last["from"],
            &last["to"]
        ],
        [
            &serde_json::json!(10),
            &serde_json::json!(5),
            &serde_json::json!(7),
            &serde_json::json!("头发"),
            &serde_json::json!("頭髮")
        ]
    );
    assert_eq!(file(&v, "small.txt")["changes_total"], 3);
    assert_eq!(file(&v, "clean.txt")["changed"], false);
    assert_eq!(
        v["summary"],
        serde_json::json!({"converted": 3, "changed": 2, "changes": 103})
    );
    // Files would change: exit 1, so not ok.
    assert_eq!(
        (v["changed"].clone(), v["ok"].clone()),
        (true.into(), false.into())
    );
    let v = json(&["--max-changes", "0"]);
    let big = file(&v, "big.txt");
    assert_eq!(big["changes"].as_array().unwrap().len(), 100);
    assert_eq!(big["changes_total"], 100);
    assert_eq!(v["summary"]["changes"], 103);
}

/// Applies a unified diff of one file to `old`, checking its headers, hunk ranges and
/// every context and removed line against `old`.
fn apply_unified(old: &str, diff: &str, name: &str) -> String {
    let old: Vec<&str> = old.split_inclusive('\n').collect();
    let mut lines = diff.split_inclusive('\n').peekable();
    assert_eq!(lines.next(), Some(format!("--- {name}\n").as_str()));
    assert_eq!(lines.next(), Some(format!("+++ {name}\n").as_str()));
    let range = |r: &str| -> (usize, usize) {
        match r.split_once(',') {
            Some((start, len)) => (start.parse().unwrap(), len.parse().unwrap()),
            None => (r.parse().unwrap(), 1),
        }
    };
    let (mut out, mut at, mut written) = (String::new(), 0, 0);
    while let Some(header) = lines.next() {
        let ranges = header
            .strip_prefix("@@ -")
            .and_then(|h| h.strip_suffix(" @@\n"))
            .unwrap_or_else(|| panic!("not a hunk header: {header:?}"));
        let (o, n) = ranges.split_once(" +").unwrap();
        let ((o_start, o_len), (n_start, n_len)) = (range(o), range(n));
        assert!(o_start > at, "hunks in order, apart: {header:?}");
        for l in &old[at..o_start - 1] {
            out.push_str(l);
            written += 1;
        }
        at = o_start - 1;
        assert_eq!(n_start - 1, written, "{header:?}");
        let (mut seen_old, mut seen_new) = (0, 0);
        while seen_old < o_len || seen_new < n_len {
            let l = lines.next().expect("a hunk as long as its header says");
            let (tag, mut text) = l.split_at(1);
            if lines.peek() == Some(&"\\ No newline at end of file\n") {
                lines.next();
                text = text.strip_suffix('\n').unwrap();
            }
            if tag != "+" {
                assert_eq!(old[at], text, "{header:?}");
                at += 1;
                seen_old += 1;
            }
            if tag != "-" {
                out.push_str(text);
                written += 1;
                seen_new += 1;
            }
        }
        assert_eq!((seen_old, seen_new), (o_len, n_len), "{header:?}");
    }
    for l in &old[at..] {
        out.push_str(l);
    }
    out
}

/// `--diff` of a file with many changes (and no line feed at its end) is a unified diff
/// that turns the file into exactly what conversion gives; the summary names the files.
#[test]
fn diff_with_many_changes_is_a_valid_unified_diff() {
    let d = tmpdir("many-diff");
    let mut old: String = (0..300)
        .map(|i| match i % 50 {
            0..10 => format!("{i} ok\n"),
            _ => format!("{i}后来的头发\n"),
        })
        .collect();
    old.push_str("最后一行没有换行");
    write(&d.join("a.txt"), old.as_bytes());
    let converted = stdout(
        &zhnorm()
            .current_dir(&d)
            .args(["--to", "hant", "a.txt"])
            .assert()
            .success(),
    );
    assert_ne!(converted, old);
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "--diff", "a.txt"])
        .assert()
        .code(1);
    let diff = stdout(&a);
    assert_eq!(
        diff.matches("\n@@ ").count(),
        6,
        "one hunk a changed stretch"
    );
    assert!(diff.ends_with("\n\\ No newline at end of file\n"), "{diff}");
    assert_eq!(apply_unified(&old, &diff, "a.txt"), converted);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert_eq!(err, "zhnorm: 1 of 1 file would change\n");
    // --check and --diff together: the capped listing, then the whole diff.
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "hant", "--check", "--diff", "a.txt"])
        .assert()
        .code(1);
    let out = stdout(&a);
    let (listing, rest) = out.split_at(out.find("--- a.txt\n").unwrap());
    assert_eq!(listing.lines().count(), 21, "{listing}");
    assert_eq!(rest, diff);
}

/// Issue 22, "The configuration is never an input": the project's globs are relative to
/// its directory wherever zhnorm runs, its excludes apply to files named too, the files
/// that configure the run are never converted, and a run that matches nothing says so.
#[test]
fn project_globs_configuration_files_and_runs_that_match_nothing() {
    let d = tmpdir("project-globs");
    write(
        &d.join("zhnorm.toml"),
        "to = \"tw\"\ninclude = [\"docs/**/*.md\"]\nexclude = [\"docs/vendor/**\"]\n\
         dict = [\"docs/terms.txt\"]\nkeep = [\"台湾\"]\n"
            .as_bytes(),
    );
    write(&d.join("docs/terms.txt"), "软件\t軟體\n".as_bytes());
    write(&d.join("docs/a.md"), "软件\n".as_bytes());
    write(&d.join("docs/b.txt"), "软件\n".as_bytes());
    write(&d.join("docs/vendor/v.md"), "软件\n".as_bytes());
    // From the root, from docs/, from docs/vendor/: the same rules.
    for (dir, path, want) in [
        (d.clone(), ".", "docs/a.md"),
        (d.clone(), "docs", "docs/a.md"),
        (d.join("docs"), ".", "./a.md"),
    ] {
        let a = zhnorm()
            .current_dir(&dir)
            .args(["--check", path])
            .assert()
            .code(1);
        let out = stdout(&a);
        assert!(out.contains(want), "{path} from {dir:?}: {out}");
        assert!(
            !out.contains("b.txt") && !out.contains("v.md") && !out.contains("terms"),
            "{out}"
        );
    }
    // Excluded files named on the command line (as pre-commit names them) are skipped,
    // and so are the files that configure the run, even when named.
    let a = zhnorm()
        .current_dir(&d)
        .args(["--check", "docs/vendor/v.md", "docs/terms.txt", "docs/a.md"])
        .assert()
        .code(1);
    let out = stdout(&a);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with("docs/a.md:1:1:"), "{out}");
    // -w rewrites neither its own dictionary nor zhnorm.toml, so --check passes after it.
    zhnorm()
        .current_dir(&d)
        .args(["-w", "--glob", "*", "."])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(d.join("docs/terms.txt")).unwrap(),
        "软件\t軟體\n"
    );
    assert!(fs::read_to_string(d.join("zhnorm.toml"))
        .unwrap()
        .contains("台湾"));
    zhnorm()
        .current_dir(&d)
        .args(["--check", "--glob", "*", "."])
        .assert()
        .success();
    // Nothing matched: exit 2, naming what chose the files.
    let a = zhnorm()
        .current_dir(d.join("docs/vendor"))
        .args(["--check", "."])
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("no file to convert: . matched no file")
            && err.contains("include `docs/**/*.md` of zhnorm.toml")
            && err.contains("exclude `docs/vendor/**` of zhnorm.toml"),
        "{err}"
    );
    let a = zhnorm()
        .current_dir(&d)
        .args([
            "--no-config-file",
            "--to",
            "tw",
            "--check",
            "--glob",
            "*.rs",
            ".",
        ])
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("matched no file (files chosen by --glob `*.rs`)"),
        "{err}"
    );
    fs::remove_dir_all(&d).unwrap();
}

/// Issue 22, encodings: UTF-16 with its byte order mark is converted and written back in
/// UTF-16 (it was "binary file, skipped" with exit 0); invalid UTF-16 is an error.
#[test]
fn utf16_files_are_converted_and_written_back_in_utf16() {
    let d = tmpdir("utf16");
    let utf16 = |le: bool, s: &str| -> Vec<u8> {
        let mut b = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in s.encode_utf16() {
            b.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        b
    };
    write(&d.join("le.txt"), &utf16(true, "软件和头发\r\n第二行\r\n"));
    write(&d.join("be.md"), &utf16(false, "# 标题\n"));
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "--check", "."])
        .assert()
        .code(1);
    let out = stdout(&a);
    // The byte order mark (U+FEFF, decoded) is not a column.
    assert!(out.contains("./le.txt:1:4: 头发 → 頭髮"), "{out}");
    assert!(out.contains("./be.md:"), "{out}");
    zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "-w", "."])
        .assert()
        .success();
    assert_eq!(
        fs::read(d.join("le.txt")).unwrap(),
        utf16(true, "軟體和頭髮\r\n第二行\r\n")
    );
    assert_eq!(fs::read(d.join("be.md")).unwrap(), utf16(false, "# 標題\n"));
    zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "--check", "."])
        .assert()
        .success();
    // Standard output gets the file's encoding too.
    write(&d.join("s.txt"), &utf16(true, "软件"));
    zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "s.txt"])
        .assert()
        .success()
        .stdout(utf16(true, "軟體"));
    // A lone surrogate: an error naming the file and the offset, the file kept.
    let bad = [0xFF, 0xFE, b'a', 0, 0x3D, 0xD8];
    write(&d.join("bad.txt"), &bad);
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "-w", "bad.txt"])
        .assert()
        .code(2);
    let err = String::from_utf8(a.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("bad.txt: invalid UTF-16LE (as its byte order mark says) at byte offset 4"),
        "{err}"
    );
    assert_eq!(fs::read(d.join("bad.txt")).unwrap(), bad);
    fs::remove_dir_all(&d).unwrap();
}

/// `--stdin-filename PATH` (a Git hook checks the staged content: `git show :PATH | zhnorm
/// --check --stdin-filename PATH`): standard input is read as the file PATH would be, its
/// format by the extension, the project's excludes applied, PATH in the findings; `-w`
/// writes the result to standard output and leaves the file alone. Excluded inputs are
/// skipped without an error, also when they are all the run was given.
#[test]
fn stdin_filename_reads_standard_input_as_the_file_named() {
    let d = tmpdir("stdin-filename");
    write(
        &d.join("zhnorm.toml"),
        b"to = \"tw\"\nexclude = [\"docs/vendor/**\"]\n",
    );
    // The file in the tree differs from what is piped in: only standard input is read.
    write(&d.join("docs/a.md"), "已經是繁體。\n".as_bytes());
    write(&d.join("docs/vendor/v.md"), "软件\n".as_bytes());
    let staged = "# 标题\n\n`软件` 软件\n";
    // Markdown, by the name's extension: the code span is kept, the rest listed as
    // docs/a.md:line:column.
    let a = zhnorm()
        .current_dir(&d)
        .args(["--check", "--stdin-filename", "docs/a.md"])
        .write_stdin(staged)
        .assert()
        .code(1);
    let out = stdout(&a);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with("docs/a.md:1:3: 标题 → 標題 (# 标题)"),
        "{out}"
    );
    assert!(
        lines[1].starts_with("docs/a.md:3:6: 软件 → 軟體 (`软件` 软件)"),
        "{out}"
    );
    // `-` is standard input too; in a JSON report the path is the name given.
    let a = zhnorm()
        .current_dir(&d)
        .args([
            "--check",
            "--report",
            "json",
            "--stdin-filename",
            "docs/a.md",
            "-",
        ])
        .write_stdin(staged)
        .assert()
        .code(1);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
    assert_eq!(doc["files"][0]["path"], "docs/a.md");
    assert_eq!(doc["files"][0]["format"], "markdown");
    // The reports that locate findings in a repository name it too.
    let a = zhnorm()
        .current_dir(&d)
        .args([
            "--check",
            "--report",
            "github",
            "--stdin-filename",
            "./docs/a.md",
        ])
        .write_stdin(staged)
        .assert()
        .code(1);
    assert!(
        stdout(&a).starts_with("::error file=docs/a.md,line=1,col=3,"),
        "{}",
        stdout(&a)
    );
    // Another extension, another format: as plain text the code span changes too.
    let a = zhnorm()
        .current_dir(&d)
        .args(["--check", "--stdin-filename", "docs/a.txt"])
        .write_stdin(staged)
        .assert()
        .code(1);
    assert_eq!(stdout(&a).lines().count(), 3, "{}", stdout(&a));
    // -w and a conversion: the result on standard output, the file untouched.
    for flags in [&["-w"][..], &[]] {
        zhnorm()
            .current_dir(&d)
            .args(flags)
            .args(["--stdin-filename", "docs/a.md"])
            .write_stdin(staged)
            .assert()
            .success()
            .stdout("# 標題\n\n`软件` 軟體\n");
    }
    assert_eq!(
        fs::read_to_string(d.join("docs/a.md")).unwrap(),
        "已經是繁體。\n"
    );
    // Excluded by zhnorm.toml: nothing to check, exit 0; what -w or a conversion prints
    // is the input unchanged (a pipeline keeps the file as it is).
    zhnorm()
        .current_dir(&d)
        .args(["--check", "--stdin-filename", "docs/vendor/v.md"])
        .write_stdin("软件\n")
        .assert()
        .success()
        .stdout("");
    for flags in [&["-w"][..], &[]] {
        zhnorm()
            .current_dir(&d)
            .args(flags)
            .args(["--stdin-filename", "docs/vendor/v.md"])
            .write_stdin("软件\n")
            .assert()
            .success()
            .stdout("软件\n");
    }
    // The same for a file named (pre-commit names only the files of a commit, which may
    // all be excluded), and --exclude applies to the name as to a file named.
    zhnorm()
        .current_dir(&d)
        .args(["--check", "docs/vendor/v.md"])
        .assert()
        .success()
        .stdout("");
    zhnorm()
        .current_dir(&d)
        .args([
            "--check",
            "--exclude",
            "*.md",
            "--stdin-filename",
            "docs/a.md",
        ])
        .write_stdin(staged)
        .assert()
        .success()
        .stdout("");
    // The name stands for standard input, the only input.
    let a = zhnorm()
        .current_dir(&d)
        .args(["--check", "--stdin-filename", "docs/a.md", "docs/a.md"])
        .write_stdin(staged)
        .assert()
        .code(2);
    let (_, err) = common::output(&a);
    assert!(
        err.contains("--stdin-filename names standard input"),
        "{err}"
    );
    fs::remove_dir_all(&d).unwrap();
}
