//! zhnorm's dictionary compiler: OpenCC 1.4.2's text dictionaries and configs
//! (`dictionaries/opencc`) and zhnorm's corrections (`dictionaries/zhnorm`) into the tables
//! the library embeds. zhnorm's `build.rs` calls [`build`]; see `DESIGN.md`, section
//! "Tables", for the design.
//!
//! The steps, one module each:
//!
//! 1. [`checksums`]: every input file is checked against `dictionaries/CHECKSUMS.sha256`.
//! 2. `dict`, `config`, `tree`: text dictionaries; each OpenCC config as a tree of
//!    dictionary groups; OpenCC's `MatchPrefix` and greedy conversion on such trees.
//! 3. `segments`: which configs can skip their segmentation pass.
//! 4. `evidence`: the Simplified and Traditional evidence classes (`class.bin`).
//! 5. `recipes`: the trees of zhnorm's own normalization tables.
//! 6. `compile`: every distinct tree into one table (`table{id}.bin`), in the
//!    [`format`](mod@format) the library reads.
//! 7. `provenance`: which dictionary file and line each table's entries come from
//!    (`provenance.rs`, for `zhnorm explain`).
//!
//! The output is deterministic: maps are `BTreeMap`s and every list is sorted.

#![deny(missing_docs)]

pub mod checksums;
mod compile;
mod config;
mod dict;
mod evidence;
#[path = "../../../src/table/format.rs"]
pub mod format;
mod provenance;
mod recipes;
mod segments;
mod tree;
mod weights;

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use checksums::ChecksumError;
use compile::Tables;
use config::Config;
use dict::Dict;
use evidence::Evidence;
use tree::{Ctx, Node};
use weights::Weights;

/// Why the tables could not be built.
#[derive(Debug)]
pub enum Error {
    /// An input file does not match `dictionaries/CHECKSUMS.sha256`.
    Checksum(ChecksumError),
    /// An output file could not be written.
    Write(PathBuf, io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Checksum(e) => e.fmt(f),
            Error::Write(p, e) => write!(f, "cannot write {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for Error {}

impl From<ChecksumError> for Error {
    fn from(e: ChecksumError) -> Error {
        Error::Checksum(e)
    }
}

/// Checks the inputs in `dictionaries` against their checksums and writes the tables to
/// `out_dir`: `table{id}.bin`, `class.bin`, the Rust code that embeds them (`tables.rs`), and
/// for reading `tables.txt` (each table's dictionary tree) and `classes.txt` (the evidence
/// classes). Returns the input files (for `cargo:rerun-if-changed`).
///
/// # Errors
///
/// When an input file differs from the checksum list or is missing from it (the message
/// says how to update the list), or when an output cannot be written.
///
/// # Panics
///
/// When a dictionary or config is malformed (the message names the file and line).
pub fn build(dictionaries: &Path, out_dir: &Path) -> Result<Vec<PathBuf>, Error> {
    build_with(dictionaries, out_dir, Packing::Raw)
}

/// How the embedded tables and dictionary texts are stored in the library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Packing {
    /// As they are read (`table{id}.bin`, …): the library maps them in place.
    Raw,
    /// Also compressed with zstd at level 19 (`table{id}.bin.zst`, …), for the library's
    /// `compressed-tables` feature, which expands each on its first use.
    #[cfg(feature = "compress")]
    Zstd,
}

/// [`build`], with the tables stored as `packing` says.
///
/// # Errors
///
/// As [`build`].
pub fn build_with(
    dictionaries: &Path,
    out_dir: &Path,
    packing: Packing,
) -> Result<Vec<PathBuf>, Error> {
    let inputs = checksums::verify(dictionaries)?;
    for (name, bytes) in compile_all(dictionaries) {
        #[cfg(feature = "compress")]
        if packing == Packing::Zstd && is_embedded(&name) {
            let packed = zstd::bulk::compress(&bytes, 19)
                .map_err(|e| Error::Write(out_dir.join(&name), e))?;
            let path = out_dir.join(format!("{name}.zst"));
            fs::write(&path, packed).map_err(|e| Error::Write(path, e))?;
        }
        let path = out_dir.join(name);
        fs::write(&path, bytes).map_err(|e| Error::Write(path, e))?;
    }
    let _ = packing;
    Ok(inputs)
}

/// The outputs the library embeds through `embedded!` (tables, families, dictionary key
/// columns), which [`Packing::Zstd`] compresses.
#[cfg(feature = "compress")]
fn is_embedded(name: &str) -> bool {
    let prefixes = ["table", "family", "source", "class", "weight"];
    prefixes.iter().any(|p| name.starts_with(p))
        && (name.ends_with(".bin") || name.ends_with(".txt"))
        && !matches!(name, "tables.txt" | "classes.txt")
}

/// Every output file, by name.
fn compile_all(dictionaries: &Path) -> Vec<(String, Vec<u8>)> {
    let opencc = dictionaries.join("opencc");
    let ours = dictionaries.join("zhnorm");
    let mut ctx = Ctx::new(opencc.clone());
    let mut tables = Tables::default();
    let mut code = String::new();
    code.push_str("// Generated by build.rs; do not edit.\n");

    // ---- OpenCC configs -------------------------------------------------------------
    let mut cfg_files: Vec<PathBuf> = fs::read_dir(opencc.join("config"))
        .expect("dictionaries/opencc/config is missing; run dictionaries/update.sh")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    cfg_files.sort();
    code.push_str("pub(crate) static CONFIG_SPECS: &[ConfigSpec] = &[\n");
    for path in &cfg_files {
        let cfg = Config::load(path);
        let name = &cfg.name;
        let mut norm = Vec::new();
        for node in &cfg.normalization {
            check_normalization(&opencc, name, node);
            norm.push(tables.add(&mut ctx, node));
        }
        let phrase_segments =
            segments::phrase_segments(&mut ctx, cfg.segmentation.as_ref(), &cfg.stages);
        let seg = match &cfg.segmentation {
            Some(s) if !phrase_segments => Some(tables.add(&mut ctx, s)),
            _ => None,
        };
        let stages: Vec<usize> = cfg.stages.iter().map(|n| tables.add(&mut ctx, n)).collect();
        let title = &cfg.title;
        let ids = |ids: &[usize]| {
            let ids: Vec<String> = ids.iter().map(|i| format!("TableId({i})")).collect();
            format!("&[{}]", ids.join(", "))
        };
        let (norm, stages) = (ids(&norm), ids(&stages));
        let seg = seg.map_or("None".to_string(), |i| format!("Some(TableId({i}))"));
        writeln!(
            code,
            "    ConfigSpec {{ name: {name:?}, title: {title:?}, normalization: {norm}, segmentation: {seg}, phrase_segments: {phrase_segments}, stages: {stages} }},"
        )
        .unwrap();
    }
    code.push_str("];\n");

    // ---- zhnorm normalization tables -------------------------------------------------
    for f in recipes::INPUTS {
        ctx.dict(f);
    }
    let fixes = recipes::Fixes::new(
        Dict::load(&ours.join("hant.txt")),
        Dict::load(&ours.join("hans.txt")),
        [
            Dict::load(&ours.join("kept-forms.txt")),
            Dict::load(&ours.join("written-words.txt")),
        ],
        [
            recipes::held_keys(&ours.join("tw-vocabulary-held.txt")),
            recipes::held_keys(&ours.join("hk-vocabulary-held.txt")),
        ],
    );
    let (hant_fix, hans_fix) = fixes.dicts();
    let weights = Weights::load(
        &dictionaries.join("frequency"),
        &weights::char_list(&ours.join("simplified-only.txt")),
    );
    let evidence = Evidence::new(&ctx, &weights, hant_fix, hans_fix);
    let mut norm_ids = BTreeMap::new();
    let mut settle = BTreeMap::new();
    let mut compose = BTreeMap::new();
    let bounds = recipes::Boundaries::load(&dictionaries.join("frequency/boundaries.tsv"));
    for (name, node) in recipes::recipes(&ctx, &fixes, &evidence, &weights, &bounds) {
        let id = tables.add(&mut ctx, &node);
        if recipes::is_post_stage(name) {
            if let Some(c) = recipes::post_composition(&ctx, &node, &weights) {
                compose.insert(id, c);
            }
        }
        if let Some(to_hant) = recipes::settle_direction(name) {
            settle.insert(
                id,
                recipes::sentinels(&ctx, &node, &evidence, &weights, to_hant),
            );
        }
        norm_ids.insert(name, id);
    }
    for (name, id) in &norm_ids {
        writeln!(code, "pub(crate) const {name}: TableId = TableId({id});").unwrap();
    }

    // Character class table: one byte per code point from CLASS_BASE.
    let base = evidence::CLASS_BASE;
    writeln!(code, "pub(crate) const CLASS_BASE: u32 = {base:#x};").unwrap();
    let class_len = evidence.class_table().len();
    let weight_len = evidence.weight_table().len();
    writeln!(
        code,
        "pub(crate) static CLASS: Embedded = embedded!(\"class.bin\", {class_len});"
    )
    .unwrap();
    writeln!(
        code,
        "pub(crate) static WEIGHT: Embedded = embedded!(\"weight.bin\", {weight_len});"
    )
    .unwrap();
    let compiled = tables.compile(&ctx);
    writeln!(
        code,
        "pub(crate) static TABLE_BYTES: [Embedded; {}] = [",
        tables.names.len()
    )
    .unwrap();
    for (i, bytes) in compiled.tables.iter().enumerate() {
        let len = bytes.len();
        writeln!(code, "    embedded!(\"table{i}.bin\", {len}),").unwrap();
    }
    code.push_str("];\n");
    // Per normalization table, its sentinels (see `recipes::sentinels`): characters, and
    // pairs of characters one after the other.
    for (what, pairs) in [("SENTINELS", false), ("SENTINEL_PAIRS", true)] {
        writeln!(
            code,
            "pub(crate) static {what}: [&str; {}] = [",
            tables.names.len()
        )
        .unwrap();
        for i in 0..tables.names.len() {
            let text: String = match settle.get(&i) {
                Some((_, p)) if pairs => p.iter().flat_map(|&(a, b)| [a, b]).collect(),
                Some((c, _)) if !pairs => c.iter().collect(),
                _ => String::new(),
            };
            writeln!(code, "    {text:?},").unwrap();
        }
        code.push_str("];\n");
    }
    // Per post-stage that can be composed into the script table before it (see
    // `recipes::post_composition`): its character map (pairs of characters) and its guard
    // characters.
    writeln!(
        code,
        "pub(crate) static POST_COMPOSITION: [Option<(&str, &str)>; {}] = [",
        tables.names.len()
    )
    .unwrap();
    for i in 0..tables.names.len() {
        match compose.get(&i) {
            Some((map, guard)) => {
                let map: String = map.iter().flat_map(|&(a, b)| [a, b]).collect();
                let guard: String = guard.iter().collect();
                writeln!(code, "    Some(({map:?}, {guard:?})),").unwrap();
            }
            None => code.push_str("    None,\n"),
        }
    }
    code.push_str("];\n");
    writeln!(
        code,
        "pub(crate) static TABLE_FAMILY: [Option<usize>; {}] = {:?};",
        tables.names.len(),
        compiled.family_of
    )
    .unwrap();
    writeln!(
        code,
        "pub(crate) static FAMILY_BYTES: [Embedded; {}] = [",
        compiled.families.len()
    )
    .unwrap();
    for (i, bytes) in compiled.families.iter().enumerate() {
        let len = bytes.len();
        writeln!(code, "    embedded!(\"family{i}.bin\", {len}),").unwrap();
    }
    code.push_str("];\n");

    let mut files: Vec<(String, Vec<u8>)> = compiled
        .tables
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| (format!("table{i}.bin"), bytes))
        .chain(
            compiled
                .families
                .into_iter()
                .enumerate()
                .map(|(i, bytes)| (format!("family{i}.bin"), bytes)),
        )
        .collect();
    files.extend(provenance::generate(dictionaries, &tables.nodes));
    files.push(("class.bin".into(), evidence.class_table()));
    files.push(("weight.bin".into(), evidence.weight_table()));
    files.push(("tables.txt".into(), tables.names.join("\n").into_bytes()));
    files.push(("tables.rs".into(), code.into_bytes()));
    files.push(("classes.txt".into(), evidence.summary().into_bytes()));
    files
}

/// The library skips normalization for text without characters in U+F900–FAFF and
/// U+2F800–2FFFF (`may_need_normalization` in `src/engine/opencc.rs`): every normalization key
/// must start with one.
fn check_normalization(opencc: &Path, config: &str, node: &Node) {
    let Node::Text(file) = node else {
        panic!("{config}: normalization by a group is not supported");
    };
    let dict = Dict::load(&opencc.join(file));
    let in_range = |c: char| matches!(c, '\u{F900}'..='\u{FAFF}' | '\u{2F800}'..='\u{2FFFF}');
    assert!(
        dict.map
            .keys()
            .all(|k| k.chars().next().is_some_and(in_range)),
        "{file}: a normalization key outside U+F900–FAFF/U+2F800–2FFFF; \
         update may_need_normalization in src/engine/opencc.rs"
    );
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::LazyLock;

    use super::*;

    /// The repository's `dictionaries/` folder.
    pub(crate) fn dictionaries() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    /// OpenCC's dictionaries and configs.
    pub(crate) fn opencc() -> PathBuf {
        dictionaries().join("opencc")
    }

    /// The real dictionaries, read once, with the evidence classes and recipes.
    pub(crate) struct Data {
        pub ctx: Ctx,
        pub evidence: Evidence,
        pub weights: Weights,
        pub recipes: Vec<(&'static str, Node)>,
    }

    pub(crate) static DATA: LazyLock<Data> = LazyLock::new(|| {
        let mut ctx = Ctx::new(opencc());
        for f in recipes::INPUTS {
            ctx.dict(f);
        }
        let ours = dictionaries().join("zhnorm");
        let fixes = recipes::Fixes::new(
            Dict::load(&ours.join("hant.txt")),
            Dict::load(&ours.join("hans.txt")),
            [
                Dict::load(&ours.join("kept-forms.txt")),
                Dict::load(&ours.join("written-words.txt")),
            ],
            [
                recipes::held_keys(&ours.join("tw-vocabulary-held.txt")),
                recipes::held_keys(&ours.join("hk-vocabulary-held.txt")),
            ],
        );
        let (hant, hans) = fixes.dicts();
        let weights = Weights::load(
            &dictionaries().join("frequency"),
            &weights::char_list(&ours.join("simplified-only.txt")),
        );
        let evidence = Evidence::new(&ctx, &weights, hant, hans);
        let bounds = recipes::Boundaries::load(&dictionaries().join("frequency/boundaries.tsv"));
        let recipes = recipes::recipes(&ctx, &fixes, &evidence, &weights, &bounds);
        Data {
            ctx,
            evidence,
            weights,
            recipes,
        }
    });

    /// An 8-aligned copy of table bytes, as the library embeds them (see [`view`]).
    pub(crate) fn aligned(bytes: &[u8]) -> Vec<u64> {
        bytes
            .chunks(8)
            .map(|c| {
                let mut w = [0u8; 8];
                w[..c.len()].copy_from_slice(c);
                u64::from_le_bytes(w)
            })
            .collect()
    }

    /// The first `len` bytes of an [`aligned`] copy.
    pub(crate) fn view(store: &[u64], len: usize) -> &[u8] {
        assert!(len <= store.len() * 8);
        // SAFETY: `store` holds at least `len` bytes, and u8 has no alignment needs.
        unsafe { std::slice::from_raw_parts(store.as_ptr().cast::<u8>(), len) }
    }

    #[test]
    fn the_output_embeds_every_table_in_the_shared_format() {
        let files = compile_all(&dictionaries());
        let file = |name: &str| &files.iter().find(|(n, _)| n == name).unwrap().1;
        let code = std::str::from_utf8(file("tables.rs")).unwrap();
        let tables: Vec<&Vec<u8>> = (0..)
            .map_while(|i| files.iter().find(|(n, _)| *n == format!("table{i}.bin")))
            .map(|(_, b)| b)
            .collect();
        assert!(code.contains(&format!("TABLE_BYTES: [Embedded; {}] = [", tables.len())));
        for (id, bytes) in tables.iter().enumerate() {
            let line = format!("embedded!(\"table{id}.bin\", {}),", bytes.len());
            assert!(code.contains(&line), "{line}");
        }
        for (name, _) in &DATA.recipes {
            assert!(
                code.contains(&format!("pub(crate) const {name}: TableId = TableId(")),
                "{name}"
            );
        }
        for config in ["s2tw", "s2twp", "s2hk", "s2hkp", "s2t", "tw2s"] {
            let line = code
                .lines()
                .find(|l| l.contains(&format!("name: {config:?},")))
                .unwrap();
            let proved = config.starts_with("s2") && config != "s2t";
            assert!(
                line.contains(&format!("phrase_segments: {proved},")),
                "{line}"
            );
        }
        for (id, bytes) in tables.iter().enumerate() {
            let store = aligned(bytes);
            let s = format::read(view(&store, bytes.len()))
                .unwrap_or_else(|e| panic!("table{id}.bin: {e}"));
            assert!(
                s.header().blocks > 0 || s.header().pool > 0,
                "table{id}.bin"
            );
            assert_eq!(&format::write(&s), *bytes, "table{id}.bin");
            assert!(std::str::from_utf8(s.values).is_ok(), "table{id}.bin");
        }
        let class = file("class.bin");
        assert_eq!(
            class.len(),
            (evidence::CLASS_END - evidence::CLASS_BASE) as usize
        );
        assert_eq!(class, &DATA.evidence.class_table());
    }

    #[test]
    fn every_config_normalizes_with_compatibility_ideographs_only() {
        for entry in fs::read_dir(opencc().join("config")).unwrap() {
            let cfg = Config::load(&entry.unwrap().path());
            for node in &cfg.normalization {
                check_normalization(&opencc(), &cfg.name, node);
            }
        }
    }
}
