//! Compiles the text dictionaries in `dictionaries/` into embedded lookup tables.
//!
//! Flow: parse every OpenCC text dictionary (skipping `#` header lines) → describe each
//! OpenCC config as a tree of dictionary groups → compile every distinct group into one
//! *table*: a character map plus a hash table of two-character key prefixes over the
//! union of the group's keys, where each key carries the result OpenCC's `MatchPrefix`
//! gives for a text starting with that key (see `compile`). The same machinery compiles zhnorm's own normalization tables.
//! Everything is written to `OUT_DIR` and embedded with `include_bytes!`.
//!
//! The output is deterministic: maps are `BTreeMap`s and every list is sorted.

use std::collections::{BTreeMap, BTreeSet};
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// One text dictionary: key → first value (OpenCC uses the first of several values).
#[derive(Clone, Default)]
struct Dict {
    map: BTreeMap<String, String>,
    /// All values of each key, in order (used to classify characters).
    all: BTreeMap<String, Vec<String>>,
}

fn load_dict(path: &Path) -> Dict {
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read dictionary {}: {e}", path.display()));
    let mut d = Dict::default();
    for (no, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (key, values) = line.split_once('\t').unwrap_or_else(|| {
            panic!(
                "{}:{}: expected `key<TAB>value`, found {line:?}",
                path.display(),
                no + 1
            )
        });
        // zhnorm correction files allow a trailing `<TAB># reason` column.
        let values = values.split('\t').next().unwrap_or("");
        let vals: Vec<String> = values
            .split(' ')
            .filter(|v| !v.is_empty())
            .map(String::from)
            .collect();
        if key.is_empty() || vals.is_empty() {
            panic!(
                "{}:{}: empty key or value in {line:?}",
                path.display(),
                no + 1
            );
        }
        if d.map.insert(key.to_string(), vals[0].clone()).is_some() {
            panic!("{}:{}: duplicate key {key:?}", path.display(), no + 1);
        }
        d.all.insert(key.to_string(), vals);
    }
    d
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Policy {
    ShortCircuit,
    Union,
}

/// A dictionary tree as OpenCC configs describe it.
#[derive(Clone)]
enum Node {
    Text(String),
    Group(Policy, Vec<Node>),
    /// A dictionary built in memory (zhnorm's derived tables), with a name for dedup.
    Mem(String, Dict),
}

impl Node {
    fn signature(&self) -> String {
        match self {
            Node::Text(f) => f.clone(),
            Node::Mem(n, _) => format!("mem:{n}"),
            Node::Group(p, ds) => {
                let inner: Vec<String> = ds.iter().map(Node::signature).collect();
                let op = if *p == Policy::Union { " | " } else { " + " };
                format!("[{}]", inner.join(op))
            }
        }
    }
}

struct Ctx {
    dir: PathBuf,
    dicts: BTreeMap<String, Dict>,
}

impl Ctx {
    fn dict(&mut self, file: &str) -> &Dict {
        if !self.dicts.contains_key(file) {
            let d = load_dict(&self.dir.join(file));
            self.dicts.insert(file.to_string(), d);
        }
        &self.dicts[file]
    }

    fn node_dict<'a>(&'a self, node: &'a Node) -> Option<&'a Dict> {
        match node {
            Node::Text(f) => Some(&self.dicts[f]),
            Node::Mem(_, d) => Some(d),
            Node::Group(..) => None,
        }
    }

    fn preload(&mut self, node: &Node) {
        match node {
            Node::Text(f) => {
                self.dict(f);
            }
            Node::Group(_, ds) => ds.iter().for_each(|d| self.preload(d)),
            Node::Mem(..) => {}
        }
    }

    fn keys(&self, node: &Node, out: &mut BTreeSet<String>) {
        match node {
            Node::Group(_, ds) => ds.iter().for_each(|d| self.keys(d, out)),
            _ => out.extend(self.node_dict(node).unwrap().map.keys().cloned()),
        }
    }

    /// OpenCC's `MatchPrefix` on `text`: (matched byte length, value).
    /// A dictionary returns its longest key that prefixes `text`; a short-circuit group
    /// the first member with any match; a union group the longest match over its members
    /// (the earlier member on a tie).
    fn match_prefix(&self, node: &Node, text: &str) -> Option<(usize, String)> {
        match node {
            Node::Group(Policy::ShortCircuit, ds) => {
                ds.iter().find_map(|d| self.match_prefix(d, text))
            }
            Node::Group(Policy::Union, ds) => {
                let mut best: Option<(usize, String)> = None;
                for d in ds {
                    if let Some(m) = self.match_prefix(d, text) {
                        if best.as_ref().is_none_or(|b| m.0 > b.0) {
                            best = Some(m);
                        }
                    }
                }
                best
            }
            _ => {
                let dict = self.node_dict(node).unwrap();
                let mut ends: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(1).collect();
                ends.push(text.len());
                ends.iter()
                    .rev()
                    .find_map(|&e| dict.map.get(&text[..e]).map(|v| (e, v.clone())))
            }
        }
    }

    /// Converts `text` with OpenCC's greedy loop over one dictionary node (build-time only).
    fn convert(&self, node: &Node, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            match self.match_prefix(node, rest) {
                Some((len, v)) => {
                    out.push_str(&v);
                    rest = &rest[len..];
                }
                None => {
                    out.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        out
    }
}

/// The hash of a two-character key prefix; `src/table.rs` computes the same.
fn pair_hash(c1: u32, c2: u32) -> u64 {
    (u64::from(c1) << 21 | u64::from(c2)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Marks a character that starts at least one key of two or more characters.
const PHRASE: u32 = 1 << 31;
/// Marks char info holding a one-character key's one-character value (its code point).
const DIRECT: u32 = 1 << 30;
/// Marks an entry whose value equals the text it consumes.
const IDENTITY: u32 = 1 << 31;

/// Compiles one dictionary group into a table (read in place by `src/table.rs`).
///
/// Every key of the group gets an *entry*: the result OpenCC's `MatchPrefix` gives for a
/// text starting with that key (the value and the consumed byte length, which can be
/// shorter than the key in a short-circuit group). The longest key matching at a position
/// gives the group's answer there, because every dictionary match at a position is a
/// prefix of that key. Keys are found through:
///
/// * a two-level map from code point to *char info*: the one-character key's value when
///   it is one character ([`DIRECT`] | code point), else its entry (index + 1, 0 for no
///   key), with [`PHRASE`] set when longer keys start with the character;
/// * for those, a Bloom filter (two bits in one 64-bit word per pair) and an
///   open-addressing hash table on the first two characters, whose slot lists the keys'
///   remaining bytes, longest first.
///
/// Layout, all `u32` little endian: a header of [`HEADER`] words (magic, entries, pages,
/// slot bits, Bloom bits, items, rest bytes, value bytes, whether a key starts with an
/// ASCII character, whether the table is sparse); entries (value offset, value length,
/// consumed | [`IDENTITY`]; padded to an even number of words); the page index (one word
/// per 256 code points, 0 = no key); the pages (page 0 is all zero); the Bloom words; the
/// quick-reject bitmap (65536 bits: the first two UTF-8 bytes of key-starting characters,
/// used by sparse tables, where fewer than half of the CJK blocks start a key); the slots (first char, second char, first item, item count); the items
/// (rest offset, rest length, entry); the rest bytes padded to 4; the value bytes.
fn compile(ctx: &Ctx, node: &Node) -> Vec<u8> {
    let mut keys = BTreeSet::new();
    ctx.keys(node, &mut keys);
    let mut entries: Vec<u32> = Vec::with_capacity(keys.len() * 3);
    let mut values = String::new();
    let mut value_at: BTreeMap<String, u32> = BTreeMap::new();
    let mut info: BTreeMap<u32, u32> = BTreeMap::new();
    let mut pairs: BTreeMap<(u32, u32), Vec<(&str, u32)>> = BTreeMap::new();
    for (i, key) in keys.iter().enumerate() {
        let (len, value) = ctx
            .match_prefix(node, key)
            .expect("a key of a group always matches itself");
        let identity = key[..len] == value;
        let off = *value_at.entry(value.clone()).or_insert_with(|| {
            let off = values.len() as u32;
            values.push_str(&value);
            off
        });
        entries.extend([
            off,
            value.len() as u32,
            len as u32 | if identity { IDENTITY } else { 0 },
        ]);
        let mut cs = key.chars();
        let c1 = cs.next().unwrap() as u32;
        match cs.next() {
            // A one-character key with a one-character value: the value itself.
            None if value.chars().count() == 1 => {
                *info.entry(c1).or_default() |= DIRECT | value.chars().next().unwrap() as u32
            }
            None => *info.entry(c1).or_default() |= i as u32 + 1,
            Some(c2) => {
                *info.entry(c1).or_default() |= PHRASE;
                pairs
                    .entry((c1, c2 as u32))
                    .or_default()
                    .push((cs.as_str(), i as u32));
            }
        }
    }
    assert!(keys.len() < DIRECT as usize, "too many keys");
    // Every section before the Bloom filter has an even number of words (8-byte alignment).
    if entries.len() % 2 == 1 {
        entries.push(0);
    }

    let mut index = vec![0u32; 0x1100];
    let mut pages = vec![0u32; 256];
    for (&c, &v) in &info {
        let page = (c >> 8) as usize;
        if index[page] == 0 {
            index[page] = (pages.len() / 256) as u32;
            pages.resize(pages.len() + 256, 0);
        }
        pages[index[page] as usize * 256 + (c & 255) as usize] = v;
    }

    let bloom_bits = (pairs.len() * 8)
        .next_power_of_two()
        .max(64)
        .trailing_zeros();
    let slot_bits = (pairs.len() * 2)
        .next_power_of_two()
        .max(2)
        .trailing_zeros();
    let mut bloom = vec![0u64; (1usize << bloom_bits) / 64];
    let mut slots = vec![0u32; 4 << slot_bits];
    let mut items: Vec<u32> = Vec::new();
    let mut rest = Vec::<u8>::new();
    for (&(c1, c2), list) in pairs.iter_mut() {
        let h = pair_hash(c1, c2);
        let w = (h >> 32) as usize & ((1 << (bloom_bits - 6)) - 1);
        bloom[w] |= 1 << ((h >> 20) & 63) | 1 << ((h >> 26) & 63);
        let mut s = (h >> (64 - slot_bits)) as usize;
        while slots[s * 4 + 3] != 0 {
            s = (s + 1) & ((1 << slot_bits) - 1);
        }
        // Longest first, so the first remaining part that matches gives the longest key.
        list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
        slots[s * 4..s * 4 + 4].copy_from_slice(&[
            c1,
            c2,
            (items.len() / 3) as u32,
            list.len() as u32,
        ]);
        for (r, e) in list.iter() {
            items.extend([rest.len() as u32, r.len() as u32, *e]);
            rest.extend_from_slice(r.as_bytes());
        }
    }
    // Quick reject: which first two UTF-8 bytes start a key's first character.
    let mut lead2 = vec![0u64; 1024];
    for &c in info.keys() {
        let mut buf = [0u8; 4];
        let e = char::from_u32(c).unwrap().encode_utf8(&mut buf).as_bytes();
        let k = (e[0] as usize) << 8 | e.get(1).copied().unwrap_or(0) as usize;
        lead2[k / 64] |= 1 << (k % 64);
    }
    // Sparse: fewer than half of the 64-character blocks of U+3000–9FFF hold a key start.
    let blocks = (0xE3usize..=0xE9)
        .flat_map(|b0| (0x80usize..=0xBF).map(move |b1| b0 << 8 | b1))
        .filter(|&k| lead2[k / 64] & (1 << (k % 64)) != 0)
        .count();
    let sparse = blocks * 2 < 7 * 64;
    let lead2 = u32_words(&lead2);
    let rest_len = rest.len();
    rest.resize(rest.len().next_multiple_of(4), 0);
    let ascii = keys.iter().any(|k| k.as_bytes()[0] < 0x80);

    let header = [
        u32::from_le_bytes(*b"ZHT1"),
        keys.len() as u32,
        (pages.len() / 256) as u32,
        slot_bits,
        bloom_bits,
        (items.len() / 3) as u32,
        rest_len as u32,
        values.len() as u32,
        ascii as u32,
        sparse as u32,
    ];
    assert_eq!(header.len(), HEADER);
    let mut out = Vec::new();
    let bloom = u32_words(&bloom);
    for words in [
        &header[..],
        &entries,
        &index,
        &pages,
        &bloom,
        &lead2,
        &slots,
        &items,
    ] {
        for w in words {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    out.extend_from_slice(&rest);
    out.extend_from_slice(values.as_bytes());
    out
}

/// 64-bit words as little-endian pairs of 32-bit words (the table is written as `u32`s).
fn u32_words(words: &[u64]) -> Vec<u32> {
    words
        .iter()
        .flat_map(|w| [*w as u32, (w >> 32) as u32])
        .collect()
}

/// Header words of a compiled table.
const HEADER: usize = 10;

fn parse_node(v: &serde_json::Value, cfg: &str) -> Node {
    match v["type"].as_str() {
        Some("text") | Some("ocd2") | Some("ocd") => {
            let file = v["file"]
                .as_str()
                .unwrap_or_else(|| panic!("{cfg}: dict without file"));
            Node::Text(file.replace(".ocd2", ".txt").replace(".ocd", ".txt"))
        }
        Some("group") => {
            let policy = match v["match_policy"].as_str() {
                Some("union") => Policy::Union,
                Some("short_circuit") | None => Policy::ShortCircuit,
                Some(other) => panic!("{cfg}: unknown match_policy {other:?}"),
            };
            let dicts = v["dicts"]
                .as_array()
                .unwrap_or_else(|| panic!("{cfg}: group without dicts"));
            Node::Group(policy, dicts.iter().map(|d| parse_node(d, cfg)).collect())
        }
        other => panic!("{cfg}: unsupported dictionary type {other:?}"),
    }
}

/// Accumulates distinct tables and writes them.
struct Tables {
    out_dir: PathBuf,
    by_sig: BTreeMap<String, usize>,
    names: Vec<String>,
}

impl Tables {
    fn add(&mut self, ctx: &mut Ctx, node: &Node) -> usize {
        let node = &prune(node);
        ctx.preload(node);
        let sig = node.signature();
        if let Some(&i) = self.by_sig.get(&sig) {
            return i;
        }
        let i = self.names.len();
        let bytes = compile(ctx, node);
        fs::write(self.out_dir.join(format!("table{i}.bin")), bytes).unwrap();
        self.by_sig.insert(sig.clone(), i);
        self.names.push(sig);
        i
    }
}

/// Drops empty in-memory dictionaries (an empty corrections file) and unwraps one-member
/// groups, so equivalent tables share one signature and are compiled once.
fn prune(node: &Node) -> Node {
    match node {
        Node::Group(p, ds) => {
            let kept: Vec<Node> = ds
                .iter()
                .filter(|d| !matches!(d, Node::Mem(_, dict) if dict.map.is_empty()))
                .map(prune)
                .collect();
            if kept.len() == 1 {
                kept.into_iter().next().unwrap()
            } else {
                Node::Group(*p, kept)
            }
        }
        other => other.clone(),
    }
}

fn chars_of<'a>(it: impl Iterator<Item = &'a String>) -> BTreeSet<char> {
    it.flat_map(|s| s.chars()).collect()
}

fn single(c: char) -> String {
    c.to_string()
}

fn filtered(name: &str, d: &Dict, keep: impl Fn(&str, &str) -> bool) -> Node {
    let mut f = Dict::default();
    for (k, v) in &d.map {
        if keep(k, v) {
            f.map.insert(k.clone(), v.clone());
            f.all.insert(k.clone(), d.all[k].clone());
        }
    }
    Node::Mem(name.to_string(), f)
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    let opencc = root.join("dictionaries/opencc");
    let ours = root.join("dictionaries/zhnorm");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=ZHNORM_OPENCC_DATA");
    println!("cargo:rerun-if-env-changed=OPENCC_DIR");
    println!("cargo:rerun-if-changed={}", opencc.display());
    println!("cargo:rerun-if-changed={}", ours.display());

    let mut ctx = Ctx {
        dir: opencc.clone(),
        dicts: BTreeMap::new(),
    };
    let mut tables = Tables {
        out_dir: out_dir.clone(),
        by_sig: BTreeMap::new(),
        names: vec![],
    };
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
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let title = json["name"].as_str().unwrap_or("").to_string();
        let mut norm = Vec::new();
        if let Some(ns) = json["normalization"].as_array() {
            for n in ns {
                let node = parse_node(&n["dict"], &name);
                // opencc.rs skips normalization for text without these characters.
                if let Node::Text(file) = &node {
                    let dict = load_dict(&opencc.join(file));
                    let in_range =
                        |c: char| matches!(c, '\u{F900}'..='\u{FAFF}' | '\u{2F800}'..='\u{2FFFF}');
                    assert!(
                        dict.map
                            .keys()
                            .all(|k| k.chars().next().is_some_and(in_range)),
                        "{file}: a normalization key outside U+F900–FAFF/U+2F800–2FFFF; \
                         update may_need_normalization in src/opencc.rs"
                    );
                } else {
                    panic!("{name}: normalization by a group is not supported");
                }
                norm.push(tables.add(&mut ctx, &node));
            }
        }
        let seg_node = if json["segmentation"].is_object() {
            let s = &json["segmentation"];
            assert_eq!(
                s["type"].as_str(),
                Some("mmseg"),
                "{name}: unsupported segmentation"
            );
            Some(parse_node(&s["dict"], &name))
        } else {
            None
        };
        let stage_nodes: Vec<Node> = json["conversion_chain"]
            .as_array()
            .expect("conversion_chain")
            .iter()
            .map(|c| parse_node(&c["dict"], &name))
            .collect();
        // When the first stage is the segmentation dictionary followed by one-character
        // dictionaries only, and the segmentation dictionary has no one-character key, the
        // segments are exactly the first stage's matches of two or more characters and the
        // text between them: the first stage finds them, no separate segmentation pass.
        let phrase_segments = seg_node.as_ref().is_some_and(|s| {
            let mut seg_keys = BTreeSet::new();
            ctx.preload(s);
            ctx.keys(s, &mut seg_keys);
            match stage_nodes.first().map(prune) {
                Some(Node::Group(Policy::ShortCircuit, members)) => {
                    prune(&members[0]).signature() == prune(s).signature()
                        && seg_keys.iter().all(|k| k.chars().count() > 1)
                        && members[1..].iter().all(|m| {
                            let mut keys = BTreeSet::new();
                            ctx.preload(m);
                            ctx.keys(m, &mut keys);
                            keys.iter().all(|k| k.chars().count() == 1)
                        })
                }
                _ => false,
            }
        });
        let seg = match &seg_node {
            Some(s) if !phrase_segments => Some(tables.add(&mut ctx, s)),
            _ => None,
        };
        let stages: Vec<usize> = stage_nodes
            .iter()
            .map(|n| tables.add(&mut ctx, n))
            .collect();
        writeln!(
            code,
            "    ConfigSpec {{ name: {name:?}, title: {title:?}, normalization: &{norm:?}, segmentation: {seg:?}, phrase_segments: {phrase_segments}, stages: &{stages:?} }},"
        )
        .unwrap();
    }
    code.push_str("];\n");

    // ---- zhnorm normalization tables -------------------------------------------------
    for f in [
        "STCharacters.txt",
        "STPhrases.txt",
        "STPhrases_GeneratedFromRegionalPhrases.txt",
        "TSCharacters.txt",
        "TSCharactersExt.txt",
        "TSPhrases.txt",
        "TWVariants.txt",
        "TWVariantsRev.txt",
        "TWVariantsPhrases.txt",
        "TWPhrases.txt",
        "TWPhrasesRev.txt",
        "HKVariants.txt",
        "HKVariantsRev.txt",
        "HKVariantsPhrases.txt",
        "HKPhrases.txt",
        "HKPhrasesRev.txt",
    ] {
        ctx.dict(f);
    }
    let our = |f: &str| -> Node { Node::Mem(format!("zhnorm/{f}"), load_dict(&ours.join(f))) };
    let hant_fix = our("hant.txt");
    let hans_fix = our("hans.txt");
    let d = |ctx: &Ctx, f: &str| ctx.dicts[f].clone();
    let st = d(&ctx, "STCharacters.txt");
    let ts = d(&ctx, "TSCharacters.txt");
    let tse = d(&ctx, "TSCharactersExt.txt");
    let stp = d(&ctx, "STPhrases.txt");
    let stg = d(&ctx, "STPhrases_GeneratedFromRegionalPhrases.txt");
    let tsp = d(&ctx, "TSPhrases.txt");

    let st_keys: BTreeSet<char> = st.map.keys().filter_map(|k| k.chars().next()).collect();
    let ts_keys: BTreeSet<char> = ts
        .map
        .keys()
        .chain(tse.map.keys())
        .filter_map(|k| k.chars().next())
        .collect();
    let own_value = |d: &Dict, c: char| {
        d.all
            .get(&single(c))
            .is_some_and(|vs| vs.iter().any(|v| *v == single(c)))
    };

    // Regional stages (used by the tw/hk targets) and their outputs.
    let stage = |ds: &[&str]| {
        Node::Group(
            Policy::ShortCircuit,
            ds.iter().map(|f| Node::Text(f.to_string())).collect(),
        )
    };
    let tw_post = stage(&["TWPhrases.txt", "TWVariantsPhrases.txt", "TWVariants.txt"]);
    let tw_post_plain = stage(&["TWVariantsPhrases.txt", "TWVariants.txt"]);
    let hk_post = stage(&["HKPhrases.txt", "HKVariantsPhrases.txt", "HKVariants.txt"]);
    let hk_post_plain = stage(&["HKVariantsPhrases.txt", "HKVariants.txt"]);
    let values_of = |ctx: &Ctx, fs: &[&str]| -> BTreeSet<char> {
        chars_of(fs.iter().flat_map(|f| ctx.dicts[*f].map.values()))
    };
    let st_out: BTreeSet<char> = chars_of(
        st.map
            .values()
            .chain(stp.map.values())
            .chain(stg.map.values()),
    )
    .union(&chars_of(hant_fix_values(&hant_fix).iter()))
    .copied()
    .collect();
    let ts_out: BTreeSet<char> = chars_of(
        ts.map
            .values()
            .chain(tse.map.values())
            .chain(tsp.map.values()),
    )
    .union(&chars_of(hant_fix_values(&hans_fix).iter()))
    .copied()
    .collect();
    let tw_out = values_of(
        &ctx,
        &["TWPhrases.txt", "TWVariantsPhrases.txt", "TWVariants.txt"],
    );
    let hk_out = values_of(
        &ctx,
        &["HKPhrases.txt", "HKVariantsPhrases.txt", "HKVariants.txt"],
    );

    // Character classes. A character is *Simplified evidence* when it only occurs in
    // Simplified text: OpenCC converts it to Traditional, never keeps it, it is not itself
    // a Traditional character, and no conversion towards a Traditional target outputs it.
    // Traditional evidence is the mirror image. Only evidence characters are converted
    // in a sentence that is already (mostly) in the target script; see src/normalize.rs.
    let s_evidence: BTreeSet<char> = st_keys
        .iter()
        .copied()
        .filter(|&c| !own_value(&st, c) && !ts_keys.contains(&c))
        .filter(|c| !st_out.contains(c) && !tw_out.contains(c) && !hk_out.contains(c))
        .collect();
    let t_evidence: BTreeSet<char> = ts_keys
        .iter()
        .copied()
        .filter(|&c| !own_value(&ts, c) && !own_value(&tse, c) && !st_keys.contains(&c))
        .filter(|c| !ts_out.contains(c))
        .collect();
    let has_any = |k: &str, set: &BTreeSet<char>| k.chars().any(|c| set.contains(&c));

    let st_union = Node::Group(
        Policy::Union,
        vec![
            Node::Text("STPhrases.txt".into()),
            Node::Text("STPhrases_GeneratedFromRegionalPhrases.txt".into()),
        ],
    );
    let hant_full = Node::Group(
        Policy::ShortCircuit,
        vec![
            hant_fix.clone(),
            st_union.clone(),
            Node::Text("STCharacters.txt".into()),
        ],
    );
    let hant_strict = Node::Group(
        Policy::ShortCircuit,
        vec![
            hant_fix.clone(),
            Node::Group(
                Policy::Union,
                vec![
                    filtered("STPhrases/strict", &stp, |k, _| has_any(k, &s_evidence)),
                    filtered("STPhrasesGen/strict", &stg, |k, _| has_any(k, &s_evidence)),
                ],
            ),
            filtered("STCharacters/strict", &st, |k, _| has_any(k, &s_evidence)),
        ],
    );
    // Normalization leaves out the tofu-risk dictionary TSCharactersExt (as OpenCC's CLI
    // does by default): its outputs are rare code points many fonts cannot show.
    let hans_full = Node::Group(
        Policy::ShortCircuit,
        vec![
            hans_fix.clone(),
            Node::Text("TSPhrases.txt".into()),
            Node::Text("TSCharacters.txt".into()),
        ],
    );
    let hans_strict = Node::Group(
        Policy::ShortCircuit,
        vec![
            hans_fix.clone(),
            filtered("TSPhrases/strict", &tsp, |k, _| has_any(k, &t_evidence)),
            filtered("TSCharacters/strict", &ts, |k, _| has_any(k, &t_evidence)),
        ],
    );

    // Pre-stages: forms specific to the *other* region, mapped to OpenCC's standard forms
    // before the script stage. Characters that are also Simplified, standard Traditional
    // or the target region's own forms are left out, so valid target text is untouched.
    let st_first_out = chars_of(st.map.values());
    let hk_rev = d(&ctx, "HKVariantsRev.txt");
    let tw_rev = d(&ctx, "TWVariantsRev.txt");
    let tw_pre = filtered("HKVariantsRev/tw-pre", &hk_rev, |k, v| {
        let c = k.chars().next().unwrap();
        k != v
            && k.chars().count() == 1
            && !st_keys.contains(&c)
            && !st_first_out.contains(&c)
            && !tw_out.contains(&c)
    });
    let hk_pre = filtered("TWVariantsRev/hk-pre", &tw_rev, |k, v| {
        let c = k.chars().next().unwrap();
        k != v
            && k.chars().count() == 1
            && !st_keys.contains(&c)
            && !st_first_out.contains(&c)
            && !hk_out.contains(&c)
    });
    // Mainland vocabulary for the cn target: Taiwan and Hong Kong words mapped to the
    // mainland word, already in Simplified. Only keys with a Traditional evidence character
    // are kept: a key that could be Simplified text (执行, 递回) would rewrite mainland text
    // and break idempotence.
    let mut cn_words = Dict::default();
    for f in ["TWPhrasesRev.txt", "HKPhrasesRev.txt"] {
        for (k, v) in ctx.dicts[f].map.clone() {
            if !has_any(&k, &t_evidence) {
                continue;
            }
            let v_s = ctx.convert(&hans_full_ref(&hans_fix), &v);
            cn_words.map.entry(k.clone()).or_insert_with(|| v_s.clone());
            cn_words.all.entry(k).or_insert_with(|| vec![v_s]);
        }
    }
    let cn_pre = Node::Mem("TW+HKPhrasesRev/cn-pre".into(), cn_words);

    let mut norm_ids = BTreeMap::new();
    for (name, node) in [
        ("HANT_FULL", &hant_full),
        ("HANT_STRICT", &hant_strict),
        ("HANS_FULL", &hans_full),
        ("HANS_STRICT", &hans_strict),
        ("TW_PRE", &tw_pre),
        ("TW_POST", &tw_post),
        ("TW_POST_PLAIN", &tw_post_plain),
        ("HK_PRE", &hk_pre),
        ("HK_POST", &hk_post),
        ("HK_POST_PLAIN", &hk_post_plain),
        ("CN_PRE", &cn_pre),
    ] {
        let id = tables.add(&mut ctx, node);
        norm_ids.insert(name, id);
    }
    for (name, id) in &norm_ids {
        writeln!(code, "pub(crate) const {name}: usize = {id};").unwrap();
    }

    // Character class table: one byte per code point from CLASS_BASE.
    const BASE: u32 = 0x3000;
    const END: u32 = 0x32400;
    let mut class = vec![0u8; (END - BASE) as usize];
    for c in &s_evidence {
        if (BASE..END).contains(&(*c as u32)) {
            class[(*c as u32 - BASE) as usize] |= 1;
        }
    }
    for c in &t_evidence {
        if (BASE..END).contains(&(*c as u32)) {
            class[(*c as u32 - BASE) as usize] |= 2;
        }
    }
    fs::write(out_dir.join("class.bin"), &class).unwrap();
    writeln!(code, "pub(crate) const CLASS_BASE: u32 = {BASE:#x};").unwrap();
    writeln!(code, "pub(crate) static CLASS: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/class.bin\"));").unwrap();

    writeln!(
        code,
        "pub(crate) static TABLE_BYTES: [&Aligned<[u8]>; {}] = [",
        tables.names.len()
    )
    .unwrap();
    for i in 0..tables.names.len() {
        writeln!(
            code,
            "    &Aligned(*include_bytes!(concat!(env!(\"OUT_DIR\"), \"/table{i}.bin\"))),"
        )
        .unwrap();
    }
    code.push_str("];\n");
    fs::write(out_dir.join("tables.txt"), tables.names.join("\n")).unwrap();
    fs::write(out_dir.join("tables.rs"), code).unwrap();
    fs::write(
        out_dir.join("classes.txt"),
        format!(
            "simplified evidence ({}): {}\ntraditional evidence ({}): {}\n",
            s_evidence.len(),
            s_evidence.iter().collect::<String>(),
            t_evidence.len(),
            t_evidence.iter().collect::<String>()
        ),
    )
    .unwrap();
}

fn hant_fix_values(n: &Node) -> Vec<String> {
    match n {
        Node::Mem(_, d) => d.map.values().cloned().collect(),
        _ => vec![],
    }
}

/// The Traditional→Simplified conversion used at build time to spell derived entries.
fn hans_full_ref(fix: &Node) -> Node {
    Node::Group(
        Policy::ShortCircuit,
        vec![
            fix.clone(),
            Node::Text("TSPhrases.txt".into()),
            Node::Text("TSCharacters.txt".into()),
        ],
    )
}
