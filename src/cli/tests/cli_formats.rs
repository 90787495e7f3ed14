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
    let to_tw = ["--no-config-file", "--to", "tw"];
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
    let to_tw = ["--no-config-file", "--to", "tw"];
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
    let to_tw = ["--no-config-file", "--to", "tw"];
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
