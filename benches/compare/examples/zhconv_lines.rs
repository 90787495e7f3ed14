//! zhconv-rs 0.4.2 over a file, line by line: `cargo run --release -p zhnorm-compare
//! --example zhconv_lines -- VARIANT < in.txt > out.txt` (VARIANT: zh-tw, zh-hk, zh-hant …).
//! For the regional-text baseline of issue 23 (`scripts/regional-baseline.py`).
use std::io::{BufRead, Write};

fn main() {
    let variant: zhconv::Variant = std::env::args()
        .nth(1)
        .expect("usage: zhconv_lines VARIANT < in > out")
        .parse()
        .expect("zhconv variant");
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    for line in stdin.lock().lines() {
        let line = line.expect("utf-8 input");
        writeln!(out, "{}", zhconv::zhconv(&line, variant)).expect("write");
    }
}
