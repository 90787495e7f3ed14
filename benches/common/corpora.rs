//! The benchmark corpora shared by the benches (`benches/convert.rs` and the comparison
//! crate in `benches/compare/`).

use std::path::{Path, PathBuf};

use zhnorm::{Config, Converter};

/// The repository's top folder (the bench may belong to the root package or to
/// `benches/compare`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|p| p.join("tests/data").is_dir() && p.join("dictionaries").is_dir())
        .expect("the repository's top folder (with tests/data and dictionaries)")
        .to_path_buf()
}

/// (Traditional, Simplified): `benches/data/hant.txt` / `hans.txt` (Tang poems from
/// chinese-poetry 2.0.1 and their t2s conversion; `scripts/corpora.sh`) when present,
/// otherwise OpenCC's `zuozhuan.txt` (Simplified, 1.87 MB) and its s2t conversion.
pub fn corpora() -> (String, String) {
    let root = root();
    let data = root.join("benches/data");
    if let (Ok(t), Ok(s)) = (
        std::fs::read_to_string(data.join("hant.txt")),
        std::fs::read_to_string(data.join("hans.txt")),
    ) {
        return (t, s);
    }
    let s = std::fs::read_to_string(root.join("tests/data/opencc/benchmark/zuozhuan.txt")).unwrap();
    let t = Converter::opencc(Config::S2t).convert(&s).into_owned();
    (t, s)
}
