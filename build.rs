//! Compiles the dictionaries in `dictionaries/` into the tables the library embeds, with the
//! dictionary compiler in `dictionaries/compiler` (package `zhnorm-dictionaries`).

use std::env;
use std::path::PathBuf;

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    let dictionaries = root.join("dictionaries");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=ZHNORM_OPENCC_DATA");
    println!("cargo:rerun-if-env-changed=OPENCC_DIR");
    println!(
        "cargo:rerun-if-changed={}",
        dictionaries.join("opencc").display()
    );
    println!(
        "cargo:rerun-if-changed={}",
        dictionaries.join("zhnorm").display()
    );
    println!(
        "cargo:rerun-if-changed={}",
        dictionaries
            .join(zhnorm_dictionaries::checksums::LIST)
            .display()
    );
    // `compressed-tables`: the tables are also written compressed, and the library embeds
    // those (src/table/embedded.rs).
    #[cfg(feature = "compressed-tables")]
    let packing = zhnorm_dictionaries::Packing::Zstd;
    #[cfg(not(feature = "compressed-tables"))]
    let packing = zhnorm_dictionaries::Packing::Raw;
    match zhnorm_dictionaries::build_with(&dictionaries, &out_dir, packing) {
        Ok(inputs) => {
            for path in inputs {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
