//! Issue 22: what `-w`, `--check` and `--diff` change in each kind of file, run as a user
//! would.

mod common;

use std::fs;

use common::{output, tmpdir, write, zhnorm};

/// Row 5: rewriting keeps every `-{…}-` construct as written and honours it, so the next
/// `--check` passes; printing the file renders it.
#[test]
fn rewriting_keeps_conversion_markup_and_check_then_passes() {
    let d = tmpdir("formats", "markup");
    let text = "这是 -{台湾}- 的软件\n-{H|zh-cn:甲;zh-tw:乙}-甲\n\
                -{zh-hans:计算机;zh-hant:電腦}- 互-{}-联网\n日期：{year}-{month}-{day}\n";
    let want = "這是 -{台湾}- 的軟體\n-{H|zh-cn:甲;zh-tw:乙}-乙\n\
                -{zh-hans:计算机;zh-hant:電腦}- 互-{}-聯網\n日期：{year}-{month}-{day}\n";
    for name in ["a.md", "a.txt", "a.wiki"] {
        write(&d.join(name), text.as_bytes());
    }
    // OpenCC's whole vocabulary (点击 → 點選, 文档 → 文件), so vocabulary inside the HTML
    // and the titles is seen.
    let to_tw = ["--no-config-file", "--to", "tw", "--vocabulary", "full"];
    // Printed: rendered.
    let a = zhnorm()
        .current_dir(&d)
        .args(to_tw)
        .arg("a.md")
        .assert()
        .success();
    assert!(output(&a)
        .0
        .starts_with("這是 台湾 的軟體\n乙\n電腦 互聯網\n"));
    // The diff shows the constructs unchanged.
    let a = zhnorm()
        .current_dir(&d)
        .args(to_tw)
        .args(["--diff", "a.md"])
        .assert()
        .code(1);
    assert!(
        output(&a).0.contains("+這是 -{台湾}- 的軟體\n"),
        "{}",
        output(&a).0
    );
    zhnorm()
        .current_dir(&d)
        .args(to_tw)
        .args(["-w", "a.md", "a.txt", "a.wiki"])
        .assert()
        .success();
    for name in ["a.md", "a.txt", "a.wiki"] {
        assert_eq!(fs::read_to_string(d.join(name)).unwrap(), want, "{name}");
    }
    zhnorm()
        .current_dir(&d)
        .args(to_tw)
        .args(["--check", "a.md", "a.txt", "a.wiki"])
        .assert()
        .success();
    // `--no-markup` in plain text: `-{` is text there, converted like the rest.
    write(&d.join("b.txt"), "-{软件}-".as_bytes());
    zhnorm()
        .current_dir(&d)
        .args(to_tw)
        .args(["--no-markup", "-w", "b.txt"])
        .assert()
        .success();
    assert_eq!(fs::read_to_string(d.join("b.txt")).unwrap(), "-{軟體}-");
}

/// `--help` names both markup modes.
#[test]
fn help_names_render_and_source_modes() {
    let a = zhnorm().arg("--help").assert().success();
    let help = output(&a).0;
    assert!(help.contains("Render (standard") && help.contains("Source (-w, --check, --diff)"));
}

/// `--markup` chooses the mode whatever the action: `-w --markup render` writes the
/// rendering, `--markup source` shows on standard output what `-w` writes.
#[test]
fn markup_mode_can_be_chosen() {
    let d = tmpdir("formats", "markup-mode");
    let text = "这是 -{台湾}- 的软件\n";
    write(&d.join("a.txt"), text.as_bytes());
    let shown = zhnorm()
        .current_dir(&d)
        .args([
            "--no-config-file",
            "--to",
            "tw",
            "--markup",
            "source",
            "a.txt",
        ])
        .assert()
        .success();
    assert_eq!(output(&shown).0, "這是 -{台湾}- 的軟體\n");
    zhnorm()
        .current_dir(&d)
        .args([
            "--no-config-file",
            "--to",
            "tw",
            "--markup",
            "render",
            "-w",
            "a.txt",
        ])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(d.join("a.txt")).unwrap(),
        "這是 台湾 的軟體\n"
    );
}

/// Row 4: Markdown's HTML blocks and inline HTML are converted as HTML files are, link and
/// image titles too; tags, other attributes, code and destinations are kept.
#[test]
fn markdown_html_and_link_titles_are_converted() {
    let d = tmpdir("formats", "md-html");
    let md = "<details><summary>点击展开</summary>\n简体内容 <img src=\"/图/软件.png\" alt=\"软件截图\">\n</details>\n\n\
              见 [文档](/文档/软件.md \"开发文档标题\") 与 <span class=\"简体\" title=\"软件\">软件</span> <code>软件</code>\n\n\
              <pre>软件</pre>\n";
    let want = "<details><summary>點選展開</summary>\n簡體內容 <img src=\"/图/软件.png\" alt=\"軟體截圖\">\n</details>\n\n\
                見 [文件](/文档/软件.md \"開發文件標題\") 與 <span class=\"简体\" title=\"軟體\">軟體</span> <code>软件</code>\n\n\
                <pre>软件</pre>\n";
    write(&d.join("a.md"), md.as_bytes());
    // OpenCC's whole vocabulary (点击 → 點選, 文档 → 文件), so vocabulary inside the HTML
    // and the titles is seen.
    let to_tw = ["--no-config-file", "--to", "tw", "--vocabulary", "full"];
    let a = zhnorm()
        .current_dir(&d)
        .args(to_tw)
        .args(["--check", "a.md"])
        .assert()
        .code(1);
    assert!(
        output(&a).0.contains("a.md:1:19: 点击 → 點選"),
        "{}",
        output(&a).0
    );
    zhnorm()
        .current_dir(&d)
        .args(to_tw)
        .args(["-w", "a.md"])
        .assert()
        .success();
    assert_eq!(fs::read_to_string(d.join("a.md")).unwrap(), want);
    zhnorm()
        .current_dir(&d)
        .args(to_tw)
        .args(["--check", "a.md"])
        .assert()
        .success();
}

/// Item 3: `-w` keeps what ignore comments cover, and `--check` then passes.
#[test]
fn ignore_comments_are_kept_by_rewriting() {
    let d = tmpdir("formats", "ignore");
    let files = [
        (
            "a.md",
            "软件 <!-- zhnorm-disable-line -->\n<!-- zhnorm-disable -->\n\n软件\n\n<!-- zhnorm-enable -->\n软件\n",
            "软件 <!-- zhnorm-disable-line -->\n<!-- zhnorm-disable -->\n\n软件\n\n<!-- zhnorm-enable -->\n軟體\n",
        ),
        (
            "a.po",
            "# zhnorm-disable\nmsgid \"a\"\nmsgstr \"软件\"\n# zhnorm-enable\n\nmsgid \"b\"\nmsgstr \"软件\"\n",
            "# zhnorm-disable\nmsgid \"a\"\nmsgstr \"软件\"\n# zhnorm-enable\n\nmsgid \"b\"\nmsgstr \"軟體\"\n",
        ),
        (
            "zh.jsonc",
            "{\n  // zhnorm-disable-next-line\n  \"a\": \"软件\",\n  \"b\": \"软件\"\n}\n",
            "{\n  // zhnorm-disable-next-line\n  \"a\": \"软件\",\n  \"b\": \"軟體\"\n}\n",
        ),
    ];
    for (name, text, _) in files {
        write(&d.join(name), text.as_bytes());
    }
    // OpenCC's whole vocabulary (点击 → 點選, 文档 → 文件), so vocabulary inside the HTML
    // and the titles is seen.
    let to_tw = ["--no-config-file", "--to", "tw", "--vocabulary", "full"];
    zhnorm()
        .current_dir(&d)
        .args(to_tw)
        .args(["-w", "."])
        .assert()
        .success();
    for (name, _, want) in files {
        assert_eq!(fs::read_to_string(d.join(name)).unwrap(), want, "{name}");
    }
    zhnorm()
        .current_dir(&d)
        .args(to_tw)
        .args(["--check", "."])
        .assert()
        .success();
}

/// Row 6: in source code only comments and strings change; code files are converted when
/// named or globbed, not when a directory is walked by extension.
#[test]
fn source_code_changes_only_comments_and_strings() {
    let d = tmpdir("formats", "code");
    let rs = "let 变量 = \"软件\"; // 注释\n";
    write(&d.join("src/a.rs"), rs.as_bytes());
    write(&d.join("src/a.md"), "软件\n".as_bytes());
    let to_hant = ["--no-config-file", "--to", "hant"];
    // Walked: the Markdown file only.
    zhnorm()
        .current_dir(&d)
        .args(to_hant)
        .args(["-w", "src"])
        .assert()
        .success();
    assert_eq!(fs::read_to_string(d.join("src/a.rs")).unwrap(), rs);
    assert_eq!(fs::read_to_string(d.join("src/a.md")).unwrap(), "軟件\n");
    // Globbed (or named): converted as code.
    zhnorm()
        .current_dir(&d)
        .args(to_hant)
        .args(["-w", "--glob", "*.rs", "src"])
        .assert()
        .success();
    let want = "let 变量 = \"軟件\"; // 註釋\n";
    assert_eq!(fs::read_to_string(d.join("src/a.rs")).unwrap(), want);
    zhnorm()
        .current_dir(&d)
        .args(to_hant)
        .args(["--check", "src/a.rs"])
        .assert()
        .success();
    // Printed, too.
    let a = zhnorm()
        .args(to_hant)
        .arg(d.join("src/a.rs"))
        .assert()
        .success();
    assert_eq!(output(&a).0, want);
}

/// Row 8: standard input is sniffed conservatively; `--verbose` names the format chosen and
/// `--report json` gives it with the CJK characters the format kept as written.
#[test]
fn the_format_chosen_is_named() {
    let lines = "# 注释\nmsg = 按 ` 键\nmsg2 = 软件 ` 设置\n";
    let a = zhnorm()
        .args(["--no-config-file", "--to", "hant", "--verbose"])
        .write_stdin(lines)
        .assert()
        .success();
    let (out, err) = output(&a);
    assert_eq!(out, "# 註釋\nmsg = 按 ` 鍵\nmsg2 = 軟件 ` 設置\n");
    assert!(
        err.contains("<stdin>: read as plain (by its content)"),
        "{err}"
    );
    let d = tmpdir("formats", "report");
    write(&d.join("a.rs"), "let 变量 = \"软件\";\n".as_bytes());
    let a = zhnorm()
        .current_dir(&d)
        .args([
            "--no-config-file",
            "--to",
            "hant",
            "--check",
            "--report",
            "json",
            "a.rs",
        ])
        .assert()
        .code(1);
    let report: serde_json::Value = serde_json::from_str(&output(&a).0).unwrap();
    assert_eq!(report["files"][0]["format"], "rust");
    assert_eq!(report["files"][0]["kept"], 2);
}

/// The fixture repository's folder, `tests/data/repo/NAME`.
fn repo(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/data/repo")
        .join(name)
}

/// Every file under `root`, relative to it, sorted.
fn files(root: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// A file's text: UTF-8, or UTF-16 LE after its byte order mark.
fn decoded(bytes: &[u8]) -> String {
    match bytes {
        [0xff, 0xfe, rest @ ..] => String::from_utf16(
            &rest
                .chunks(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        )
        .unwrap(),
        _ => String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

/// `text` without its `\uXXXX` and `\UXXXX` escapes (escaped CJK is converted and written
/// back escaped: the only ASCII a conversion changes).
fn without_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(['\\']) {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let escape = after.len() >= 5
            && matches!(after.as_bytes()[0], b'u' | b'U')
            && after.as_bytes()[1..5].iter().all(u8::is_ascii_hexdigit);
        if escape {
            rest = &after[5..];
        } else {
            out.push('\\');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Item 6: the fixture repository (one file per format, `tests/data/repo/input`) copied
/// and rewritten with `-w` gives `expected-tw` and `expected-hans` byte for byte; `--check`
/// then passes; and no ASCII character (the syntax of every format) changed anywhere but
/// in the escapes of escaped CJK.
#[test]
fn fixture_repository_round_trips() {
    let input = repo("input");
    let names = files(&input);
    assert!(names.len() >= 17, "{names:?}");
    for variant in ["tw", "hans"] {
        let d = tmpdir("formats", &format!("repo-{variant}"));
        for name in &names {
            write(&d.join(name), &fs::read(input.join(name)).unwrap());
        }
        zhnorm()
            .current_dir(&d)
            .args(["--to", variant, "-w", "."])
            .assert()
            .success();
        let expected = repo(&format!("expected-{variant}"));
        assert_eq!(files(&expected), names);
        let mut changed = 0;
        for name in &names {
            let (before, got) = (
                fs::read(input.join(name)).unwrap(),
                fs::read(d.join(name)).unwrap(),
            );
            assert!(
                got == fs::read(expected.join(name)).unwrap(),
                "{variant}: {}",
                name.display()
            );
            let ascii = |b: &[u8]| {
                without_escapes(&decoded(b))
                    .chars()
                    .filter(char::is_ascii)
                    .collect::<String>()
            };
            assert_eq!(ascii(&got), ascii(&before), "{variant}: {}", name.display());
            changed += usize::from(got != before);
        }
        // Every file but the configuration holds text that changes for tw; for hans the
        // Traditional lines do.
        assert!(changed >= names.len() - 1, "{variant}: {changed} changed");
        zhnorm()
            .current_dir(&d)
            .args(["--to", variant, "--check", "."])
            .assert()
            .success();
    }
}
