//! Provenance of the tables' entries, for `zhnorm explain` (`Converter::explain`): which
//! dictionary file, and which line of it, an entry of a table comes from.
//!
//! Written compactly, and apart from the tables (`provenance.rs` in `OUT_DIR`), so that a
//! program that never explains links none of it:
//!
//! * per source file (OpenCC's dictionaries, zhnorm's own files, `boundaries.tsv`), its
//!   path under `dictionaries/` and its *key column*: the first field of each line, in
//!   file order, an empty line for a comment or blank line, so that the line number of a
//!   key is its index + 1 (`source{i}.txt`);
//! * per table, the source files of its dictionary tree's leaves, in tree order (a table's
//!   match comes from its first leaf that has the key, as OpenCC's short-circuit groups
//!   take the first member with a match; see the library's `explain` module for how a
//!   match is attributed). A derived in-memory dictionary (`STPhrases/strict`,
//!   `TWPhrases.txt/common`, …) counts as the file it was derived from, restricted to
//!   the lines of its own keys when it has at most [`RESTRICT`] of them
//!   (`TWVariantsRev/zhe` holds only 著 of `TWVariantsRev.txt`);
//! * per table, the rows of `boundaries.tsv` its guard kept (by line).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::tree::Node;

/// The path of the word boundaries under `dictionaries/`.
pub(crate) const BOUNDARIES: &str = "frequency/boundaries.tsv";

/// The source files (paths under `dictionaries/`) a leaf of a tree comes from.
fn origins(dictionaries: &Path, node: &Node) -> Vec<String> {
    let opencc = |stem: &str| format!("opencc/{stem}.txt");
    let paths = match node {
        Node::Text(f) => vec![format!("opencc/{f}")],
        Node::Bounds(..) => vec![BOUNDARIES.to_string()],
        Node::Mem(name, _) if name.starts_with("zhnorm/") => vec![name.clone()],
        Node::Mem(name, _) => {
            let first = name.split('/').next().unwrap_or(name);
            let stem = first.strip_suffix(".txt").unwrap_or(first);
            match stem {
                "STPhrasesGen" => vec![opencc("STPhrases_GeneratedFromRegionalPhrases")],
                "TW+HKPhrasesRev" => vec![opencc("TWPhrasesRev"), opencc("HKPhrasesRev")],
                stem => vec![opencc(stem)],
            }
        }
        Node::Group(..) => Vec::new(),
    };
    paths
        .into_iter()
        .filter(|p| dictionaries.join(p).is_file())
        .collect()
}

fn leaves<'a>(node: &'a Node, out: &mut Vec<&'a Node>) {
    match node {
        Node::Group(_, ds) => ds.iter().for_each(|d| leaves(d, out)),
        leaf => out.push(leaf),
    }
}

/// Derived dictionaries with at most this many keys list the lines of their file they
/// hold (the others are taken to hold every key of their file they match).
const RESTRICT: usize = 4096;

/// Key → line of the file `path` (under `dictionaries`), read once into `columns`.
fn lines_of<'a>(
    dictionaries: &Path,
    path: &str,
    columns: &'a mut BTreeMap<String, BTreeMap<String, usize>>,
) -> &'a BTreeMap<String, usize> {
    columns.entry(path.to_string()).or_insert_with(|| {
        let text = std::fs::read_to_string(dictionaries.join(path)).unwrap_or_default();
        key_column(&text)
            .lines()
            .enumerate()
            .filter(|(_, k)| !k.is_empty())
            .map(|(i, k)| (k.to_string(), i + 1))
            .collect()
    })
}

/// The key column of a dictionary file (see the module docs): the first tab-separated
/// field of each line, empty for comments and blank lines.
pub(crate) fn key_column(text: &str) -> String {
    let mut out = String::with_capacity(text.len() / 2);
    for line in text.lines() {
        if !line.starts_with('#') && !line.trim().is_empty() {
            out.push_str(line.split('\t').next().unwrap_or(""));
        }
        out.push('\n');
    }
    out
}

/// The provenance of the tables `nodes` (by table id): `provenance.rs` and the key
/// columns it includes, by file name.
///
/// # Panics
///
/// When a source file cannot be read (it was read to build the tables).
pub(crate) fn generate(dictionaries: &Path, nodes: &[Node]) -> Vec<(String, Vec<u8>)> {
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut columns: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut per_table = Vec::with_capacity(nodes.len());
    for node in nodes {
        let mut ls = Vec::new();
        leaves(node, &mut ls);
        let mut sources: Vec<(usize, Option<Vec<usize>>)> = Vec::new();
        for leaf in ls {
            for path in origins(dictionaries, leaf) {
                // A derived dictionary of at most RESTRICT keys holds only some of its
                // file's keys (TWVariantsRev/zhe: 著 alone): only their lines count.
                let only = match leaf {
                    Node::Mem(name, dict)
                        if !name.starts_with("zhnorm/") && dict.map.len() <= RESTRICT =>
                    {
                        let lines = lines_of(dictionaries, &path, &mut columns);
                        let mut only: Vec<usize> = dict
                            .map
                            .keys()
                            .filter_map(|k| lines.get(k).copied())
                            .collect();
                        only.sort_unstable();
                        Some(only)
                    }
                    _ => None,
                };
                let n = ids.len();
                let id = *ids.entry(path).or_insert(n);
                if !sources.contains(&(id, only.clone())) {
                    sources.push((id, only));
                }
            }
        }
        per_table.push(sources);
    }
    // The rows of the boundaries each table keeps (by line of `boundaries.tsv`): a row
    // fires only in the tables whose guard kept it.
    let bounds_lines: BTreeMap<String, usize> =
        std::fs::read_to_string(dictionaries.join(BOUNDARIES))
            .map(|t| {
                key_column(&t)
                    .lines()
                    .enumerate()
                    .filter(|(_, k)| !k.is_empty())
                    .map(|(i, k)| (k.to_string(), i + 1))
                    .collect()
            })
            .unwrap_or_default();
    let per_bounds: Vec<Vec<usize>> = nodes
        .iter()
        .map(|node| {
            let mut ls = Vec::new();
            leaves(node, &mut ls);
            let mut lines: Vec<usize> = ls
                .iter()
                .filter_map(|l| match l {
                    Node::Bounds(_, rows) => Some(rows.keys()),
                    _ => None,
                })
                .flatten()
                .filter_map(|k| bounds_lines.get(k).copied())
                .collect();
            lines.sort_unstable();
            lines.dedup();
            lines
        })
        .collect();
    let mut paths = vec![String::new(); ids.len()];
    for (p, &i) in &ids {
        paths[i] = p.clone();
    }
    let mut code = String::from("// Generated by build.rs; do not edit.\n");
    writeln!(code, "pub(crate) const SOURCES: usize = {};", paths.len()).unwrap();
    writeln!(code, "pub(crate) const BOUNDARIES: &str = {BOUNDARIES:?};").unwrap();
    writeln!(
        code,
        "pub(crate) static SOURCE_PATHS: [&str; {}] = {paths:?};",
        paths.len()
    )
    .unwrap();
    writeln!(
        code,
        "pub(crate) static SOURCE_KEYS: [EmbeddedStr; {}] = [",
        paths.len()
    )
    .unwrap();
    let mut files = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        let path = dictionaries.join(p);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let keys = key_column(&text);
        writeln!(
            code,
            "    embedded_str!(\"source{i}.txt\", {}),",
            keys.len()
        )
        .unwrap();
        files.push((format!("source{i}.txt"), keys.into_bytes()));
    }
    code.push_str("];\n");
    // Line lists, each distinct list written once, as a bitmap of the file's lines (line
    // `l` in bit `l % 8` of byte `l / 8`): 15 KB where sorted `u16` lists took 121 KB.
    let mut lists: BTreeMap<&Vec<usize>, usize> = BTreeMap::new();
    for list in per_table
        .iter()
        .flat_map(|s| s.iter().filter_map(|(_, only)| only.as_ref()))
        .chain(&per_bounds)
    {
        let n = lists.len();
        lists.entry(list).or_insert(n);
    }
    for (list, i) in &lists {
        let mut bits = vec![0u8; list.iter().max().map_or(0, |&l| l / 8 + 1)];
        for &l in list.iter() {
            bits[l / 8] |= 1 << (l % 8);
        }
        writeln!(code, "static LINES{i}: [u8; {}] = {bits:?};", bits.len()).unwrap();
    }
    writeln!(
        code,
        "/// A source file of a table, and the only lines of it the table holds, if not all (one bit per line, line `l` in bit `l % 8` of byte `l / 8`).\npub(crate) type Leaf = (u16, Option<&'static [u8]>);\npub(crate) static TABLE_SOURCES: [&[Leaf]; {}] = [",
        per_table.len()
    )
    .unwrap();
    for s in &per_table {
        let items: Vec<String> = s
            .iter()
            .map(|(id, only)| match only {
                Some(lines) => format!("({id}, Some(&LINES{}))", lists[lines]),
                None => format!("({id}, None)"),
            })
            .collect();
        writeln!(code, "    &[{}],", items.join(", ")).unwrap();
    }
    code.push_str("];\n");
    writeln!(
        code,
        "pub(crate) static TABLE_BOUNDS: [&[u8]; {}] = [",
        per_bounds.len()
    )
    .unwrap();
    for b in &per_bounds {
        writeln!(code, "    &LINES{},", lists[b]).unwrap();
    }
    code.push_str("];\n");
    files.push(("provenance.rs".into(), code.into_bytes()));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_column_keeps_line_numbers() {
        let col = key_column("# header\n干\t幹 乾\n\n台\t臺\t# reason\n");
        let lines: Vec<&str> = col.lines().collect();
        assert_eq!(lines, ["", "干", "", "台"]);
    }
}
