//! Dictionary trees as OpenCC configs describe them, and OpenCC's matching on them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::dict::Dict;

/// How a group combines its members' matches.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Policy {
    /// The first member with any match.
    ShortCircuit,
    /// The longest match over the members (the earlier member on a tie).
    Union,
}

/// A dictionary tree.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    /// A text dictionary of `dictionaries/opencc`, by file name.
    Text(String),
    Group(Policy, Vec<Node>),
    /// A dictionary built in memory (zhnorm's derived tables), with a name for dedup.
    Mem(String, Dict),
    /// Word boundaries (`dictionaries/frequency/boundaries.tsv`), with a name for dedup:
    /// text starting with a key matches only the key's first word, whose bytes and value
    /// are given (粉丝发 → 6 bytes, 粉絲: the phrase 丝发 may not cut 粉丝). A table's
    /// entries may consume fewer bytes than their key (a short-circuit group's shorter
    /// match does too).
    Bounds(String, BTreeMap<String, (usize, String)>),
}

impl Node {
    /// A short-circuit group of OpenCC text dictionaries.
    pub fn stage(files: &[&str]) -> Node {
        Node::Group(
            Policy::ShortCircuit,
            files.iter().map(|f| Node::Text(f.to_string())).collect(),
        )
    }

    /// The text that names the table compiled from this tree: equal trees, equal names.
    pub fn signature(&self) -> String {
        match self {
            Node::Text(f) => f.clone(),
            Node::Mem(n, _) => format!("mem:{n}"),
            Node::Bounds(n, _) => format!("bounds:{n}"),
            Node::Group(p, ds) => {
                let inner: Vec<String> = ds.iter().map(Node::signature).collect();
                let op = if *p == Policy::Union { " | " } else { " + " };
                format!("[{}]", inner.join(op))
            }
        }
    }
}

/// Drops empty in-memory dictionaries (an empty corrections file) and unwraps one-member
/// groups, so equivalent tables share one signature and are compiled once.
pub(crate) fn prune(node: &Node) -> Node {
    match node {
        Node::Group(p, ds) => {
            let kept: Vec<Node> = ds
                .iter()
                .filter(|d| !matches!(d, Node::Mem(_, dict) if dict.map.is_empty()))
                .filter(|d| !matches!(d, Node::Bounds(_, b) if b.is_empty()))
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

/// The text dictionaries read so far, by file name.
pub(crate) struct Ctx {
    pub dir: PathBuf,
    pub dicts: BTreeMap<String, Dict>,
}

impl Ctx {
    /// A context reading text dictionaries from `dir`.
    pub fn new(dir: PathBuf) -> Ctx {
        Ctx {
            dir,
            dicts: BTreeMap::new(),
        }
    }

    /// The text dictionary `file`, read on first use.
    pub fn dict(&mut self, file: &str) -> &Dict {
        if !self.dicts.contains_key(file) {
            let d = Dict::load(&self.dir.join(file));
            self.dicts.insert(file.to_string(), d);
        }
        &self.dicts[file]
    }

    fn node_dict<'a>(&'a self, node: &'a Node) -> Option<&'a Dict> {
        match node {
            Node::Text(f) => Some(&self.dicts[f]),
            Node::Mem(_, d) => Some(d),
            Node::Group(..) | Node::Bounds(..) => None,
        }
    }

    /// Reads every text dictionary of the tree.
    pub fn preload(&mut self, node: &Node) {
        match node {
            Node::Text(f) => {
                self.dict(f);
            }
            Node::Group(_, ds) => ds.iter().for_each(|d| self.preload(d)),
            Node::Mem(..) | Node::Bounds(..) => {}
        }
    }

    /// Adds every key of the (preloaded) tree to `out`.
    pub fn keys(&self, node: &Node, out: &mut BTreeSet<String>) {
        match node {
            Node::Group(_, ds) => ds.iter().for_each(|d| self.keys(d, out)),
            Node::Bounds(_, b) => out.extend(b.keys().cloned()),
            _ => out.extend(self.node_dict(node).unwrap().map.keys().cloned()),
        }
    }

    /// OpenCC's `MatchPrefix` on `text`: (matched byte length, value).
    /// A dictionary returns its longest key that prefixes `text`; a short-circuit group
    /// the first member with any match; a union group the longest match over its members
    /// (the earlier member on a tie).
    pub fn match_prefix(&self, node: &Node, text: &str) -> Option<(usize, String)> {
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
            Node::Bounds(_, b) => {
                let mut ends: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(1).collect();
                ends.push(text.len());
                ends.iter().rev().find_map(|&e| b.get(&text[..e]).cloned())
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

    /// Converts `text` with OpenCC's greedy loop over one dictionary tree: at each position
    /// the tree's match, else one character unchanged.
    pub fn convert(&self, node: &Node, text: &str) -> String {
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

    /// Every character of the first values of the text dictionaries `files` (read).
    pub fn values_of(&self, files: &[&str]) -> BTreeSet<char> {
        chars_of(files.iter().flat_map(|f| self.dicts[*f].map.values()))
    }
}

/// Every character of the strings.
pub(crate) fn chars_of<'a>(it: impl Iterator<Item = &'a String>) -> BTreeSet<char> {
    it.flat_map(|s| s.chars()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mem(name: &str, text: &str) -> Node {
        Node::Mem(name.into(), Dict::parse(text, name))
    }

    fn ctx() -> Ctx {
        Ctx::new(PathBuf::new())
    }

    #[test]
    fn a_dictionary_gives_its_longest_key() {
        let d = mem("d", "中\tz\n中国\tzg\n中国人\tzgr\n");
        let c = ctx();
        assert_eq!(
            c.match_prefix(&d, "中国话"),
            Some(("中国".len(), "zg".into()))
        );
        assert_eq!(
            c.match_prefix(&d, "中国人民"),
            Some(("中国人".len(), "zgr".into()))
        );
        assert_eq!(c.match_prefix(&d, "国"), None);
    }

    #[test]
    fn short_circuit_takes_the_first_member_that_matches() {
        let short = mem("short", "中\t1\n");
        let long = mem("long", "中国\t2\n");
        let g = Node::Group(Policy::ShortCircuit, vec![short.clone(), long.clone()]);
        let c = ctx();
        // The earlier member's shorter match wins over the later member's longer one.
        assert_eq!(c.match_prefix(&g, "中国"), Some(("中".len(), "1".into())));
        assert_eq!(c.convert(&g, "中国"), "1国");
        let g = Node::Group(Policy::ShortCircuit, vec![long, short]);
        assert_eq!(c.match_prefix(&g, "中国"), Some(("中国".len(), "2".into())));
        assert_eq!(c.match_prefix(&g, "中文"), Some(("中".len(), "1".into())));
    }

    #[test]
    fn union_takes_the_longest_match_and_the_earlier_member_on_a_tie() {
        let a = mem("a", "中\ta\n中国\tA\n");
        let b = mem("b", "中国\tB\n中国人\tBB\n");
        let g = Node::Group(Policy::Union, vec![a, b]);
        let c = ctx();
        assert_eq!(
            c.match_prefix(&g, "中国人"),
            Some(("中国人".len(), "BB".into()))
        );
        assert_eq!(
            c.match_prefix(&g, "中国话"),
            Some(("中国".len(), "A".into()))
        );
        assert_eq!(c.convert(&g, "中国人中国中"), "BBAa");
    }

    #[test]
    fn pruning_unwraps_one_member_groups_and_drops_empty_corrections() {
        let empty = mem("fix", "");
        let g = Node::Group(
            Policy::ShortCircuit,
            vec![empty, Node::Text("STCharacters.txt".into())],
        );
        assert_eq!(prune(&g).signature(), "STCharacters.txt");
        let g = Node::Group(
            Policy::Union,
            vec![Node::Text("A.txt".into()), mem("b", "x\ty\n")],
        );
        assert_eq!(prune(&g).signature(), "[A.txt | mem:b]");
        assert_eq!(
            Node::stage(&["A.txt", "B.txt"]).signature(),
            "[A.txt + B.txt]"
        );
    }
}
