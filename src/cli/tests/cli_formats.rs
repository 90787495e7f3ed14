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
