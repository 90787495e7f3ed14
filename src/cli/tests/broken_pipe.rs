//! A reader that closes standard output early (`zhnorm … | head`) ends the run quietly:
//! exit status 0, nothing on standard error. Every output here is well over the 64 KiB a
//! pipe buffers, so zhnorm is still writing when the pipe closes.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// Runs zhnorm with `args`, reads a few bytes of its output, closes the pipe, and returns
/// the exit status and standard error.
fn read_a_little_then_close(args: &[&str], path: &Path) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhnorm"))
        .args(args)
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut head = [0u8; 10];
    stdout.read_exact(&mut head).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// 1,500 Markdown files in Simplified script, each with changes for `--to hant`.
fn tree() -> &'static Path {
    static TREE: OnceLock<PathBuf> = OnceLock::new();
    TREE.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("zhnorm-cli-pipe-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        for i in 0..1500 {
            std::fs::write(
                d.join(format!("f{i:04}.md")),
                "然后我们去了台湾。\n这个软件里面有后台。\n头发和面条。\n",
            )
            .unwrap();
        }
        d
    })
}

fn assert_quiet_success(args: &[&str], path: &Path) {
    let (code, stderr) = read_a_little_then_close(args, path);
    assert_eq!(code, Some(0), "zhnorm {args:?}: stderr: {stderr}");
    assert_eq!(stderr, "", "zhnorm {args:?}");
}

#[test]
fn stats_into_closed_pipe() {
    assert_quiet_success(&["--stats"], tree());
}

#[test]
fn check_into_closed_pipe() {
    assert_quiet_success(&["--to", "hant", "--check"], tree());
    assert_quiet_success(&["--to", "hant", "--check", "--report", "json"], tree());
}

#[test]
fn diff_into_closed_pipe() {
    assert_quiet_success(&["--to", "hant", "--diff"], tree());
}

/// (Already quiet before the single writer; kept so that it stays so.)
#[test]
fn conversion_into_closed_pipe() {
    let d = std::env::temp_dir().join(format!("zhnorm-cli-pipe-big-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    let big = d.join("big.txt");
    std::fs::write(&big, "这个软件里面有后台，我们去了台湾。\n".repeat(100_000)).unwrap();
    assert_quiet_success(&["--to", "hant"], &big);
    assert_quiet_success(&["--config", "s2twp"], &big);
}
