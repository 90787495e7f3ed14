//! Prints the embedded table bytes each target's and config's converter can read
//! (`Converter::table_bytes`: mapped from the binary, paged in on use), as BENCHMARKS.md
//! reports them. `cargo run --release --example table_bytes`
use zhnorm::{Config, Converter, Variant};

fn main() {
    for v in [
        Variant::Hans,
        Variant::Hant,
        Variant::Tw,
        Variant::Hk,
        Variant::Cn,
    ] {
        let mb = Converter::new(v).table_bytes() as f64 / 1e6;
        println!("--to {v}: {mb:.2} MB");
    }
    for c in [Config::S2t, Config::T2s, Config::S2twp, Config::Tw2sp] {
        let mb = Converter::opencc(c).table_bytes() as f64 / 1e6;
        println!("--config {c}: {mb:.2} MB");
    }
}
