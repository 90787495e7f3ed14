//! What the CLI's integration tests share: the binary, scratch folders, files.

#![allow(dead_code)] // each test crate uses its own part

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `zhnorm` binary of this build.
pub fn zhnorm() -> Command {
    Command::cargo_bin("zhnorm").unwrap()
}

/// An empty folder for one test (`kind` and `name` keep tests and test files apart).
pub fn tmpdir(kind: &str, name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("zhnorm-{kind}-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

/// Writes `bytes` to `p`, creating its folders.
pub fn write(p: &Path, bytes: &[u8]) {
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, bytes).unwrap();
}

/// What a run printed on standard output and standard error (lossy: a test may print
/// bytes that are not UTF-8).
pub fn output(a: &assert_cmd::assert::Assert) -> (String, String) {
    let o = a.get_output();
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}
