//! Issue 27: what a repository's files can make zhnorm do. Each test is one reproduction
//! of the adversarial run, which failed on the code before the fix.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{output, write};

fn zhnorm() -> assert_cmd::Command {
    let mut c = common::zhnorm();
    c.env("MY_API_TOKEN", "s3cr3t");
    c
}

fn tmpdir(name: &str) -> PathBuf {
    common::tmpdir("untrusted", name)
}

/// Runs `--check .` in `repo`, which must fail (exit 2) without printing the secret of
/// the environment or of `outside.toml`; returns standard error.
fn refused(repo: &Path) -> String {
    let a = zhnorm()
        .current_dir(repo)
        .args(["--check", "."])
        .assert()
        .code(2);
    let (out, err) = output(&a);
    assert!(!out.contains("s3cr3t") && !err.contains("s3cr3t"), "{err}");
    assert!(!err.contains("MY_API_TOKEN"), "{err}");
    err
}

/// A repository: `repo/a.md` to convert, `outside.toml` beside it (a `.env` of the CI
/// machine, valid TOML with a secret in it).
fn repo(name: &str) -> PathBuf {
    let d = tmpdir(name);
    write(&d.join("repo/a.md"), "软件\n".as_bytes());
    write(&d.join("outside.toml"), b"MY_API_TOKEN = \"s3cr3t\"\n");
    d
}

#[cfg(unix)]
#[test]
fn a_project_file_linked_out_of_the_project_is_refused_and_not_echoed() {
    use std::os::unix::fs::symlink;
    let d = repo("link");
    let repo = d.join("repo");
    for target in [
        PathBuf::from("/proc/self/environ"),
        d.join("outside.toml"),
        PathBuf::from("../outside.toml"),
        PathBuf::from("/nonexistent/zhnorm.toml"),
    ] {
        let _ = fs::remove_file(repo.join("zhnorm.toml"));
        symlink(&target, repo.join("zhnorm.toml")).unwrap();
        let err = refused(&repo);
        assert!(
            err.contains("zhnorm.toml: refused: not a regular file inside"),
            "{err}"
        );
        // Whether the target exists is not told either.
        assert!(!err.contains("No such file"), "{err}");
    }
    // A link within the project is a project file like any other.
    write(&repo.join("conf/zhnorm.toml"), b"to = \"tw\"\n");
    fs::remove_file(repo.join("zhnorm.toml")).unwrap();
    symlink("conf/zhnorm.toml", repo.join("zhnorm.toml")).unwrap();
    let a = zhnorm()
        .current_dir(&repo)
        .args(["--check", "a.md"])
        .assert()
        .code(1);
    assert!(output(&a).0.contains("软件 → 軟體"));
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_project_file_that_is_not_zhnorm_configuration_is_not_echoed() {
    let d = repo("echo");
    let repo = d.join("repo");
    for (text, at) in [
        (&b"# settings\nMY_API_TOKEN = \"s3cr3t\"\n"[..], ":2:1:"),
        (b"PATH=/usr/bin\0MY_API_TOKEN=s3cr3t\0", ":1:"),
        (b"[user]\n\tname = s3cr3t\n", ":2:9:"),
        (b"to = \"tw\"\nkeep = s3cr3t\n", ":2:"),
    ] {
        write(&repo.join("zhnorm.toml"), text);
        let err = refused(&repo);
        assert!(err.contains(&format!("zhnorm.toml{at}")), "{at} in {err}");
        assert!(err.contains("not a valid zhnorm.toml"), "{err}");
    }
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn dictionaries_named_by_a_project_file_stay_in_the_project() {
    let d = repo("dict");
    let repo = d.join("repo");
    write(&repo.join("terms.txt"), "软件\t软体\n".as_bytes());
    let message = |dict: &str| {
        write(
            &repo.join("zhnorm.toml"),
            format!("to = \"tw\"\ndict = [\"{dict}\"]\n").as_bytes(),
        );
        let err = refused(&repo);
        assert!(err.contains("not a regular file inside"), "{err}");
        err.replace(dict, "DICT")
    };
    // Existing or not, outside the project the answer is the same: no oracle for which
    // files exist.
    assert_eq!(message("/etc/passwd"), message("/etc/no-such-file"));
    assert_eq!(message("../outside.toml"), message("../no-such-file"));
    assert_eq!(message("../outside.toml"), message("/etc/passwd"));
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc", repo.join("etc")).unwrap();
        assert_eq!(message("etc/passwd"), message("etc/no-such-file"));
    }
    // Inside, it is used.
    write(
        &repo.join("zhnorm.toml"),
        b"to = \"tw\"\ndict = [\"./terms.txt\"]\n",
    );
    let a = zhnorm()
        .current_dir(&repo)
        .args(["--check", "a.md"])
        .assert()
        .code(1);
    assert!(
        output(&a).0.contains("软件 → 软体 (软件) [user]"),
        "{:?}",
        output(&a)
    );
    fs::remove_dir_all(&d).unwrap();
}

#[cfg(unix)]
#[test]
fn a_project_file_of_another_user_is_refused() {
    use std::os::unix::fs::chown;
    let d = repo("owner");
    let repo = d.join("repo");
    write(&d.join("zhnorm.toml"), b"to = \"tw\"\n");
    // Giving a file away needs root; elsewhere there is nothing to test.
    if chown(d.join("zhnorm.toml"), Some(4242), None).is_err() {
        eprintln!("not root: a file of another user cannot be made; skipped");
        return;
    }
    let err = refused(&repo);
    assert!(err.contains("refused: owned by user 4242"), "{err}");
    assert!(err.contains("--no-config-file"), "{err}");
    // Named explicitly, it is trusted.
    zhnorm()
        .current_dir(&repo)
        .args(["--config-file", "../zhnorm.toml", "--check", "."])
        .assert()
        .code(1);
    fs::remove_dir_all(&d).unwrap();
}

#[cfg(unix)]
#[test]
fn names_and_contents_cannot_write_to_the_terminal_or_the_log() {
    let d = tmpdir("names");
    let name = "x\n::error title=Injected::build ok.md";
    write(
        &d.join(name),
        "\u{1b}]0;pwned\u{7}\u{1b}[2J软件\u{202e}文档\n".as_bytes(),
    );
    for args in [
        &["--to", "tw", "--check", "."][..],
        &["--to", "tw", "--diff", "."],
        &["--stats", "."],
    ] {
        let a = zhnorm().current_dir(&d).args(args).assert();
        let (out, err) = output(&a);
        for text in [&out, &err] {
            assert!(
                !text
                    .lines()
                    .any(|l| l.starts_with("::") || l.contains(":::")),
                "{args:?}: {text}"
            );
            assert!(!text.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{text:?}");
        }
        assert!(
            out.contains("./x\\n::error title=Injected::build ok.md"),
            "{args:?}: {out}"
        );
    }
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "--check", "."])
        .assert()
        .code(1);
    let out = output(&a).0;
    assert!(out.contains("\\e[2J软件"), "{out}");
    assert!(out.contains("\\u{202e}"), "{out}");
    // A name given on the command line cannot start a line with `::` either.
    write(&d.join("::warning::x.md"), "软件\n".as_bytes());
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "--check", "::warning::x.md"])
        .assert()
        .code(1);
    let out = output(&a).0;
    assert!(out.starts_with("\\x3a:warning::x.md:1:1:"), "{out}");
    fs::remove_dir_all(&d).unwrap();
}

#[cfg(unix)]
#[test]
fn json_reports_keep_names_that_are_not_utf8_apart() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let d = tmpdir("bytes");
    for b in [0xfeu8, 0xff] {
        let name = [b'a', b, b'.', b'm', b'd'];
        write(&d.join(OsStr::from_bytes(&name)), "软件\n".as_bytes());
    }
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "--check", "--report", "json", "."])
        .assert()
        .code(1);
    let doc: serde_json::Value = serde_json::from_str(&output(&a).0).unwrap();
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], files[1]["path"]);
    assert_eq!(
        files[0]["path_bytes"],
        serde_json::json!([46, 47, 97, 0xfe, 46, 109, 100])
    );
    assert_eq!(
        files[1]["path_bytes"],
        serde_json::json!([46, 47, 97, 0xff, 46, 109, 100])
    );
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn a_file_named_twice_is_processed_once() {
    let d = tmpdir("twice");
    write(&d.join("d/a.md"), "软件\n".as_bytes());
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "--check", "d/a.md", "./d/a.md", "d"])
        .assert()
        .code(1);
    let (out, err) = output(&a);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(err.contains("1 of 1 file would change"), "{err}");
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "-w", "d/a.md", "./d/a.md", "d"])
        .assert()
        .success();
    assert!(!output(&a).1.contains("changed"), "{:?}", output(&a));
    assert_eq!(fs::read_to_string(d.join("d/a.md")).unwrap(), "軟體\n");
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn oversized_ignore_files_and_dictionaries_are_refused() {
    let d = tmpdir("sizes");
    write(&d.join("a.md"), "软件\n".as_bytes());
    write(&d.join("sub/b.md"), "软件\n".as_bytes());
    let patterns: String = (0..40_000)
        .map(|i| format!("/d{i}/**/f{i}_*.log\n"))
        .collect();
    write(&d.join("sub/.gitignore"), patterns.as_bytes());
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "--check", "."])
        .assert()
        .code(2);
    let (out, err) = output(&a);
    assert!(
        out.contains("./a.md:1:1:") && !out.contains("b.md"),
        "{out}"
    );
    assert!(
        err.contains("./sub/.gitignore: ignore file of") && err.contains("./sub not walked"),
        "{err}"
    );
    write(&d.join("big.txt"), &vec![b'#'; 9 << 20]);
    let a = zhnorm()
        .current_dir(&d)
        .args(["--to", "tw", "--dict", "big.txt", "a.md"])
        .assert()
        .code(2);
    assert!(output(&a)
        .1
        .contains("big.txt: cannot read dictionary: more than 8 MiB"));
    fs::remove_dir_all(&d).unwrap();
}
