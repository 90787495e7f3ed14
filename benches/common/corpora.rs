//! The benchmark corpora shared by the benches (`benches/convert.rs` and the comparison
//! crate in `benches/compare/`).

use zhnorm::{Config, Converter};

include!("../../tests/common/root.rs");

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
