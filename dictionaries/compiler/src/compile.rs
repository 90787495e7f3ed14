//! Compiling a dictionary tree into a table (the format is `src/table/format.rs`, shared
//! with the library).

use std::collections::{BTreeMap, BTreeSet};

use crate::format::{
    self, char_slot, pair_hash, slot_word, Sections, BMP_BITS, DIRECT, IDENTITY, INDEX, LEAD2,
    MAX_RECORDS, MAX_VALUE_LEN, PHRASE,
};
use crate::tree::{prune, Ctx, Node};

/// Tables with at least this many keys form one *family* when there are two or more of
/// them: they are zhnorm's variants of OpenCC's STPhrases tables (full, strict and word
/// tables per target), with nearly the same keys, and share one key index, one page pool
/// and one value pool (see the format's module doc).
pub(crate) const FAMILY_KEYS: usize = 10_000;

/// Tables with char info for at most this many characters hold it in a hash table (a few
/// KB) behind a bitmap of the BMP (8 KB), instead of pages of 256 code points (1 KB for
/// each block that has a key) behind a page index (17 KB). The bitmap answers most
/// lookups, those that find nothing, with one read: without it, s2twp and tw2sp took
/// 25–50 % longer.
pub(crate) const HASHED_CHARS: usize = 1024;

/// The char info of `info` as a hash table: the bitmap of its BMP characters, and two
/// words per slot (code point, info), at most half full, at least 128 slots.
fn hashed(info: &BTreeMap<u32, u32>) -> (Vec<u32>, Vec<u32>) {
    let mut bmp = vec![0u32; BMP_BITS];
    for &c in info.keys().filter(|&&c| c < 0x10000) {
        bmp[c as usize / 32] |= 1 << (c % 32);
    }
    let slots = (info.len() * 2).next_power_of_two().max(128);
    let bits = slots.trailing_zeros();
    let mut table = vec![0u32; slots * 2];
    for (&c, &v) in info {
        assert!(c != 0, "a key starting with NUL");
        let mut s = char_slot(c, bits);
        while table[s * 2] != 0 {
            s = (s + 1) & (slots - 1);
        }
        table[s * 2..s * 2 + 2].copy_from_slice(&[c, v]);
    }
    (bmp, table)
}

/// Values, each stored once.
#[derive(Default)]
struct Values {
    text: String,
    at: BTreeMap<String, u32>,
}

impl Values {
    fn offset(&mut self, value: &str) -> u32 {
        if let Some(&off) = self.at.get(value) {
            return off;
        }
        let off = self.text.len() as u32;
        self.text.push_str(value);
        self.at.insert(value.to_string(), off);
        off
    }
}

/// Blocks of 32 entries, each distinct block stored once.
#[derive(Default)]
struct Pool {
    words: Vec<u32>,
    at: BTreeMap<Vec<u32>, u32>,
}

impl Pool {
    /// The blocks section of `entries` (two words an entry), its blocks added to the pool.
    fn blocks(&mut self, entries: &[u32]) -> Vec<u32> {
        let mut blocks: Vec<u32> = entries
            .chunks(64)
            .map(|chunk| {
                let mut block = chunk.to_vec();
                block.resize(64, 0);
                let n = (self.words.len() / 64) as u32;
                *self.at.entry(block).or_insert_with_key(|block| {
                    self.words.extend_from_slice(block);
                    n
                })
            })
            .collect();
        blocks.resize(blocks.len().next_multiple_of(2), 0);
        blocks
    }
}

/// Pages of char info, each distinct page stored once (page 0 is all zero).
struct Pages {
    pages: Vec<u32>,
    at: BTreeMap<Vec<u32>, u32>,
}

impl Pages {
    fn new() -> Pages {
        Pages {
            pages: vec![0; 256],
            at: BTreeMap::from([(vec![0; 256], 0)]),
        }
    }

    /// The page index of `info` (char info by code point), its pages added to the pool.
    fn index(&mut self, info: &BTreeMap<u32, u32>) -> Vec<u32> {
        let mut blocks: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for (&c, &v) in info {
            blocks.entry(c >> 8).or_insert_with(|| vec![0; 256])[(c & 255) as usize] = v;
        }
        let mut index = vec![0u32; INDEX];
        for (block, page) in blocks {
            let n = (self.pages.len() / 256) as u32;
            let number = *self.at.entry(page).or_insert_with_key(|page| {
                self.pages.extend_from_slice(page);
                n
            });
            index[block as usize] = number;
        }
        index
    }
}

/// A tree's entries for `keys` (a superset of its own keys, in order) and its char info.
///
/// Every key gets the result OpenCC's `MatchPrefix` gives for a text starting with it: the
/// value and the consumed byte length, which can be shorter than the key in a
/// short-circuit group, or than a family key the tree does not have; where no key of the
/// tree is a prefix of a family key, its first character, unchanged. The longest key
/// matching at a position gives the tree's answer there, because every match of the
/// tree's dictionaries at a position is a prefix of that key.
fn entries(
    ctx: &Ctx,
    node: &Node,
    own: &BTreeSet<String>,
    keys: &BTreeSet<String>,
    values: &mut Values,
) -> (Vec<u32>, BTreeMap<u32, u32>) {
    let mut entries: Vec<u32> = Vec::with_capacity(keys.len() * 2);
    let mut info: BTreeMap<u32, u32> = BTreeMap::new();
    for (i, key) in keys.iter().enumerate() {
        let (len, value) = ctx.match_prefix(node, key).unwrap_or_else(|| {
            assert!(!own.contains(key), "a key of a group always matches itself");
            let c = key.chars().next().unwrap();
            (c.len_utf8(), c.to_string())
        });
        let identity = key[..len] == value;
        assert!(
            value.len() <= MAX_VALUE_LEN && len as u32 <= format::CONSUMED,
            "value or key too long for the table format: {key}"
        );
        entries.extend([
            values.offset(&value),
            len as u32 | (value.len() as u32) << 16 | if identity { IDENTITY } else { 0 },
        ]);
        if !own.contains(key) {
            continue;
        }
        let mut cs = key.chars();
        let c1 = cs.next().unwrap() as u32;
        match cs.next() {
            // A one-character key with a one-character value: the value itself.
            None if value.chars().count() == 1 => {
                *info.entry(c1).or_default() |= DIRECT | value.chars().next().unwrap() as u32
            }
            None => *info.entry(c1).or_default() |= i as u32 + 1,
            Some(_) => *info.entry(c1).or_default() |= PHRASE,
        }
    }
    assert!(keys.len() < DIRECT as usize, "too many keys");
    (entries, info)
}

/// The key index of `keys` (records name entries by their rank in `keys`).
struct KeyIndex {
    bloom: Vec<u64>,
    lead2: Vec<u64>,
    slots: Vec<u64>,
    records: Vec<u8>,
    ascii: bool,
    sparse: bool,
}

/// Builds the key index:
///
/// * for characters that start longer keys, a Bloom filter (two bits in one 64-bit word
///   per pair) and an open-addressing hash table on the first two characters (one `u64`
///   per slot, at most two thirds full), whose slot points to its keys' records (remaining
///   bytes and entry), longest first, in a row: a lookup reads one or two cache lines
///   after the slot;
/// * for sparse tables (fewer than half of the CJK blocks start a key), a quick-reject
///   bitmap of the first two UTF-8 bytes of key-starting characters.
fn key_index(keys: &BTreeSet<String>) -> KeyIndex {
    let mut pairs: BTreeMap<(u32, u32), Vec<(&str, u32)>> = BTreeMap::new();
    let mut starts = BTreeSet::new();
    for (i, key) in keys.iter().enumerate() {
        let mut cs = key.chars();
        let c1 = cs.next().unwrap() as u32;
        starts.insert(c1);
        if let Some(c2) = cs.next() {
            pairs
                .entry((c1, c2 as u32))
                .or_default()
                .push((cs.as_str(), i as u32));
        }
    }
    let bloom_bits = (pairs.len() * 8)
        .next_power_of_two()
        .max(64)
        .trailing_zeros();
    // Between a third and two thirds full.
    let slot_bits = (pairs.len() * 3 / 2)
        .next_power_of_two()
        .max(2)
        .trailing_zeros();
    let mut bloom = vec![0u64; (1usize << bloom_bits) / 64];
    let mut slots = vec![0u64; 1 << slot_bits];
    let mut records = Vec::<u8>::new();
    for (&(c1, c2), list) in pairs.iter_mut() {
        let h = pair_hash(c1, c2);
        let w = (h >> 32) as usize & ((1 << (bloom_bits - 6)) - 1);
        bloom[w] |= 1 << ((h >> 20) & 63) | 1 << ((h >> 26) & 63);
        let mut s = (h >> (64 - slot_bits)) as usize;
        while slots[s] != 0 {
            s = (s + 1) & ((1 << slot_bits) - 1);
        }
        // Longest first, so the first remaining part that matches gives the longest key.
        list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
        assert!(c1 != 0, "a key starting with NUL");
        slots[s] = slot_word(c1, c2, records.len() as u64);
        for (k, (r, e)) in list.iter().enumerate() {
            format::push_record(&mut records, r.as_bytes(), *e, k + 1 == list.len());
        }
        assert!(
            records.len() < MAX_RECORDS,
            "too many records for a slot word"
        );
    }
    // Quick reject: which first two UTF-8 bytes start a key's first character.
    let mut lead2 = vec![0u64; LEAD2 / 2];
    for &c in &starts {
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
    KeyIndex {
        bloom,
        lead2,
        slots,
        records,
        ascii: keys.iter().any(|k| k.as_bytes()[0] < 0x80),
        sparse: blocks * 2 < 7 * 64,
    }
}

/// Compiles one dictionary tree into a table: every key's entry, a two-level map from code
/// point to *char info* (the one-character key's value when it is one character,
/// [`DIRECT`] | code point, else its entry + 1, 0 for no key; | [`PHRASE`] when longer
/// keys start with the character) and the [`key_index`].
///
/// `keys` are the tree's ([`keys_of`]); its text dictionaries must have been read
/// ([`Ctx::preload`]).
pub(crate) fn compile(ctx: &Ctx, node: &Node, keys: &BTreeSet<String>) -> Vec<u8> {
    let mut values = Values::default();
    let (entries, info) = entries(ctx, node, keys, keys, &mut values);
    let mut pool = Pool::default();
    let blocks = pool.blocks(&entries);
    let hash = info.len() <= HASHED_CHARS;
    let (index, pages) = if hash {
        hashed(&info)
    } else {
        let mut pages = Pages::new();
        (pages.index(&info), pages.pages)
    };
    key_index(keys).table(hash, &blocks, &pool.words, &index, &pages, &values.text)
}

/// The keys of a tree.
fn keys_of(ctx: &Ctx, node: &Node) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    ctx.keys(node, &mut keys);
    keys
}

impl KeyIndex {
    /// A whole (not shared) table with this key index and the other sections given.
    fn table(
        &self,
        hashed: bool,
        blocks: &[u32],
        entries: &[u32],
        index: &[u32],
        pages: &[u32],
        values: &str,
    ) -> Vec<u8> {
        format::write(&Sections {
            ascii: self.ascii,
            sparse: self.sparse,
            shared: false,
            hashed,
            blocks,
            entries,
            index,
            pages,
            bloom: &self.bloom,
            lead2: &self.lead2,
            slots: &self.slots,
            records: &self.records,
            values: values.as_bytes(),
        })
    }
}

/// Compiles trees, with their keys `own`, into one family: the members' tables (entries
/// and page index, numbered by the union of their keys) and the family's table (the
/// union's key index, the members' distinct pages, their values).
pub(crate) fn compile_family(
    ctx: &Ctx,
    nodes: &[&Node],
    own: &[BTreeSet<String>],
) -> (Vec<Vec<u8>>, Vec<u8>) {
    let union: BTreeSet<String> = own.iter().flatten().cloned().collect();
    let k = key_index(&union);
    let mut values = Values::default();
    let mut pages = Pages::new();
    let mut pool = Pool::default();
    let members = nodes
        .iter()
        .zip(own)
        .map(|(node, own)| {
            let (entries, info) = entries(ctx, node, own, &union, &mut values);
            let index = pages.index(&info);
            format::write(&Sections {
                ascii: k.ascii,
                sparse: k.sparse,
                shared: true,
                hashed: false,
                blocks: &pool.blocks(&entries),
                entries: &[],
                index: &index,
                pages: &[],
                bloom: &[],
                lead2: &[],
                slots: &[],
                records: &[],
                values: &[],
            })
        })
        .collect();
    let family = k.table(
        false,
        &[],
        &pool.words,
        &[0; INDEX],
        &pages.pages,
        &values.text,
    );
    (members, family)
}

/// The distinct tables asked for, numbered in the order they were first asked for.
#[derive(Default)]
pub(crate) struct Tables {
    by_sig: BTreeMap<String, usize>,
    /// Each table's signature (`tables.txt`).
    pub names: Vec<String>,
    /// Each table's dictionary tree.
    pub nodes: Vec<Node>,
}

/// The compiled tables.
pub(crate) struct Compiled {
    /// Each table's bytes (`table{id}.bin`).
    pub tables: Vec<Vec<u8>>,
    /// Each family's table (`family{id}.bin`).
    pub families: Vec<Vec<u8>>,
    /// The family of each table, if it is shared.
    pub family_of: Vec<Option<usize>>,
}

impl Tables {
    /// The id of the table of `node` (pruned), a new one unless an equal tree was before.
    pub fn add(&mut self, ctx: &mut Ctx, node: &Node) -> usize {
        let node = prune(node);
        ctx.preload(&node);
        let sig = node.signature();
        if let Some(&i) = self.by_sig.get(&sig) {
            return i;
        }
        let i = self.names.len();
        self.nodes.push(node);
        self.by_sig.insert(sig.clone(), i);
        self.names.push(sig);
        i
    }

    /// Compiles every table: those with [`FAMILY_KEYS`] keys or more into one family when
    /// there are two or more of them, the others alone.
    pub fn compile(&self, ctx: &Ctx) -> Compiled {
        let keys: Vec<BTreeSet<String>> = self.nodes.iter().map(|n| keys_of(ctx, n)).collect();
        let big: Vec<usize> = (0..self.nodes.len())
            .filter(|&i| keys[i].len() >= FAMILY_KEYS)
            .collect();
        let big = if big.len() >= 2 { big } else { Vec::new() };
        let mut tables: Vec<Vec<u8>> = Vec::with_capacity(self.nodes.len());
        let mut family_of = vec![None; self.nodes.len()];
        for (i, node) in self.nodes.iter().enumerate() {
            tables.push(if big.contains(&i) {
                family_of[i] = Some(0);
                Vec::new()
            } else {
                compile(ctx, node, &keys[i])
            });
        }
        let mut families = Vec::new();
        if !big.is_empty() {
            let nodes: Vec<&Node> = big.iter().map(|&i| &self.nodes[i]).collect();
            let own: Vec<BTreeSet<String>> = big.iter().map(|&i| keys[i].clone()).collect();
            let (members, family) = compile_family(ctx, &nodes, &own);
            for (&i, bytes) in big.iter().zip(members) {
                tables[i] = bytes;
            }
            families.push(family);
        }
        Compiled {
            tables,
            families,
            family_of,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::Dict;
    use crate::tests::{aligned, view};
    use crate::tree::Policy;
    use std::path::PathBuf;

    #[test]
    fn a_compiled_table_reads_back_with_its_entries() {
        let a = Node::Mem("a".into(), Dict::parse("干\t幹\n干净\t乾淨\na\tA\n", "a"));
        let b = Node::Mem("b".into(), Dict::parse("干净了\t乾淨了\n", "b"));
        let g = Node::Group(Policy::ShortCircuit, vec![a, b]);
        let ctx = Ctx::new(PathBuf::new());
        let bytes = compile(&ctx, &g, &keys_of(&ctx, &g));
        let store = aligned(&bytes);
        let s = format::read(view(&store, bytes.len())).unwrap();
        let h = s.header();
        assert_eq!(
            (h.blocks, h.pool, h.records_len, h.ascii, h.sparse),
            // Two records for the pair 干净: 了 (干净了), then the empty rest (干净).
            (2, 1, (1 + 3 + 3) + (1 + 3), true, true)
        );
        assert_eq!(format::write(&s), bytes);
        // Keys in order: a, 干, 干净, 干净了. 干净了 gets the short-circuit group's answer,
        // the first member's 干净 → 乾淨, consuming six bytes only.
        let entry = |e: usize| {
            let w = s.entry(e);
            let len = (w[1] >> 16) & MAX_VALUE_LEN as u32;
            let v = std::str::from_utf8(&s.values[w[0] as usize..(w[0] + len) as usize]);
            (
                v.unwrap().to_string(),
                w[1] & format::CONSUMED,
                w[1] & IDENTITY != 0,
            )
        };
        assert_eq!(entry(3), ("乾淨".into(), "干净".len() as u32, false));
        assert_eq!(entry(0), ("A".into(), 1, false));
        // 干 → 幹 is a one-character value: held in the char info itself.
        // A small table: its char info is hashed.
        let c = '干' as u32;
        assert!(s.hashed && s.index[c as usize / 32] & 1 << (c % 32) != 0);
        let slots = s.pages.len() / 2;
        let mut at = char_slot(c, h.char_bits());
        while s.pages[at * 2] != c {
            assert_ne!(s.pages[at * 2], 0, "干 is in the table");
            at = (at + 1) % slots;
        }
        assert_eq!(s.pages[at * 2 + 1], PHRASE | DIRECT | '幹' as u32);
    }

    /// A family member's entry for a family key it lacks is its own answer for text
    /// starting with that key: its longest key there, or the first character unchanged.
    #[test]
    fn family_members_answer_for_keys_they_lack() {
        let a = Node::Mem(
            "a".into(),
            Dict::parse("干\t幹\n干净\t乾淨\n发展\t發展\n", "a"),
        );
        let b = Node::Mem("b".into(), Dict::parse("干\t乾\n", "b"));
        let ctx = Ctx::new(PathBuf::new());
        let own = [keys_of(&ctx, &a), keys_of(&ctx, &b)];
        let (members, family) = compile_family(&ctx, &[&a, &b], &own);
        let family_store = aligned(&family);
        let f = format::read(view(&family_store, family.len())).unwrap();
        let fh = f.header();
        // The members' entries differ in the first block: two blocks.
        // Records of the pairs 干净 and 发展: one byte and an entry each.
        assert_eq!(
            (fh.blocks, fh.pool, fh.records_len, f.shared),
            (0, 2, 2 * 4, false)
        );
        let entry = |bytes: &[u8], e: usize| {
            let store = aligned(bytes);
            let s = format::read(view(&store, bytes.len())).unwrap();
            assert!(s.shared && s.entries.is_empty() && s.values.is_empty());
            format::check_member(&s, &f).unwrap();
            assert_eq!(format::write(&s), bytes);
            let w = format::Sections {
                blocks: s.blocks,
                ..f.clone()
            }
            .entry(e);
            let len = (w[1] >> 16) & MAX_VALUE_LEN as u32;
            let v = &f.values[w[0] as usize..(w[0] + len) as usize];
            (
                String::from_utf8(v.to_vec()).unwrap(),
                w[1] & format::CONSUMED,
                w[1] & IDENTITY != 0,
            )
        };
        // Family keys in order: 发展, 干, 干净.
        assert_eq!(entry(&members[0], 2), ("乾淨".into(), 6, false));
        assert_eq!(entry(&members[1], 2), ("乾".into(), 3, false));
        assert_eq!(entry(&members[1], 0), ("发".into(), 3, true));
        assert_eq!(entry(&members[0], 0), ("發展".into(), 6, false));
    }

    #[test]
    fn equal_trees_share_one_table() {
        let mut ctx = Ctx::new(PathBuf::new());
        let mut t = Tables::default();
        let d = Node::Mem("d".into(), Dict::parse("台\t臺\n", "d"));
        let empty = Node::Mem("empty".into(), Dict::default());
        let a = t.add(&mut ctx, &d);
        let b = t.add(&mut ctx, &Node::Group(Policy::ShortCircuit, vec![empty, d]));
        assert_eq!((a, b, t.names.len()), (0, 0, 1));
    }
}
