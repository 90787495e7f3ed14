//! Embedded lookup tables compiled by the dictionary compiler (`dictionaries/compiler`, run
//! by `build.rs`), loaded lazily and shared. Their byte layout is [`format`](mod@format).
//!
//! A table holds every key of a dictionary group. Each key carries the result OpenCC's
//! `MatchPrefix` gives for text starting with that key: the value and how many bytes it
//! consumes (which may be fewer than the key when a short-circuit group prefers an earlier
//! dictionary's shorter match). Because every dictionary match at a position is a prefix
//! of the longest key matching there, the longest key gives OpenCC's group result.
//!
//! The layout is built for the common case, a character that starts no key or only a
//! one-character key: one lookup in a two-level character map answers it. Only where
//! longer keys start with the character is the next character read, and a Bloom filter on
//! the pair skips the hash table for almost all pairs that start no key. The data is read
//! in place from the bytes embedded in the binary: loading a table copies nothing.
//!
//! This module loads the tables ([`Table`], the generated statics) and answers lookups
//! (char info, phrases, entries). The rest is in its submodules, one job each:
//! * `utf8`: decoding and the output's appends;
//! * `fast`: the map of a dense table's three-byte characters ([`Fast`]);
//! * `compose`: a post-stage composed into a script table ([`Composed`]);
//! * `starts`: the SIMD search for where a hashed table's keys may start;
//! * `run`: the loops over a text (conversion, its trace, segmentation);
//! * `format`: the byte layout, shared with the dictionary compiler.
//!
//! The script weights read from the generated statics are in `crate::weights`.

use std::sync::OnceLock;

// The writer half is the dictionary compiler's, which includes this same file; the library
// writes only in its tests.
#[cfg_attr(not(test), allow(dead_code))]
mod format;

mod compose;
mod embedded;
mod fast;
mod run;
mod starts;
#[cfg(test)]
mod tests;
mod utf8;

use aho_corasick::packed;
pub(crate) use compose::Composed;
use compose::PostMap;
use fast::Fast;
use format::{
    char_slot, pair_hash, CONSUMED, DIRECT, IDENTITY, MAX_VALUE_LEN, PAIR, PHRASE, RECORD_ENTRY,
};

#[allow(dead_code)]
pub(crate) struct ConfigSpec {
    pub name: &'static str,
    pub title: &'static str,
    pub normalization: &'static [TableId],
    pub segmentation: Option<TableId>,
    /// The segments are the first stage's matches of two or more characters (the
    /// compiler proves it for the config; see `dictionaries/compiler/src/segments.rs`).
    pub phrase_segments: bool,
    pub stages: &'static [TableId],
}

/// A generated table: the compiler numbers every distinct dictionary group it compiles,
/// and names the normalization tables (`HANT_FULL`, …) and each config's stages with these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct TableId(pub(crate) u16);

impl TableId {
    /// The id's index in the generated per-table arrays.
    #[inline]
    pub(crate) const fn index(self) -> usize {
        self.0 as usize
    }

    /// Every generated table.
    #[cfg(test)]
    pub(crate) fn all() -> impl Iterator<Item = TableId> {
        (0..TABLE_BYTES.len() as u16).map(TableId)
    }
}

impl std::fmt::Display for TableId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Embedded bytes aligned for reading them as `u32` words.
#[repr(C, align(8))]
pub(crate) struct Aligned<T: ?Sized>(pub T);

pub(crate) use embedded::{embedded, embedded_str, Embedded, EmbeddedStr};

mod generated {
    #[allow(unused_imports)]
    use super::{embedded, Aligned, ConfigSpec, Embedded, TableId};
    include!(concat!(env!("OUT_DIR"), "/tables.rs"));
}
#[allow(unused_imports)]
pub(crate) use generated::*;

pub(crate) use utf8::decode;

#[cfg(target_endian = "big")]
compile_error!("zhnorm's embedded tables are little-endian; big-endian targets are not supported");

/// One compiled dictionary group.
pub(crate) struct Table {
    /// The pool block of each 32 keys' entries.
    blocks: &'static [u32],
    /// The entry pool, two words per entry: value offset; consumed length | value length
    /// << 16 | [`IDENTITY`].
    entries: &'static [u32],
    /// Page of each block of 256 code points (0: no key starts in the block); in a hashed
    /// table, one bit per BMP code point with char info.
    index: &'static [u32],
    /// Char info per code point: [`DIRECT`] | one-character value, or the one-character
    /// key's entry + 1 (0: none); | [`PHRASE`] when longer keys start with it. In a
    /// hashed table: pairs of code point and char info.
    pages: &'static [u32],
    /// Hashed tables: log2 of the slots of the char map (0: paged).
    char_bits: u32,
    bloom: &'static [u64],
    bloom_mask: usize,
    /// One word per slot: first char | second char << 21 | first record << 42 (0: empty).
    slots: &'static [u64],
    slot_shift: u32,
    slot_mask: usize,
    /// Each slot's records in a row, longest key first: length | [`LAST`] (the slot's
    /// last), the key's bytes after its first two characters, its entry (3 bytes).
    records: &'static [u8],
    values: &'static str,
    /// Whether some key starts with an ASCII character (otherwise ASCII is skipped).
    ascii_keys: bool,
    /// Sparse tables: one bit per first two UTF-8 bytes, set when a key starts with a
    /// character encoded so; characters whose bit is clear are skipped without a lookup.
    lead2: Option<&'static [u64]>,
    /// Dense paged tables: the three-byte characters' char info in the form the loop
    /// writes from (built on load).
    fast: Option<Fast>,
    /// Hashed tables with few characters that have char info (the regional pre-stages):
    /// a SIMD search for those characters' UTF-8 (built on the first search), which finds
    /// where in a whole text the table may change anything ([`Table::key_starts`]).
    starts: OnceLock<Option<packed::Searcher>>,
    /// A composed table ([`Composed`]): the post-stage's map, applied to what the general
    /// loop writes (the [`Fast`] map has it applied already).
    post: Option<PostMap>,
    size: usize,
}

/// What the table has at a position (for segmentation).
enum Hit {
    /// No key: the character (of this byte length) is kept.
    None(usize),
    /// A one-character key (of this byte length) with a one-character value.
    Single(usize),
    /// The entry of the longest key.
    Entry(u32),
}

impl Table {
    /// Loads the table `bytes`; a shared table reads its key index, pages and values from
    /// its family's table `family`.
    /// With `post`, the table is composed with a post-stage ([`Composed`]).
    fn load(
        bytes: &'static Aligned<[u8]>,
        family: Option<&'static Aligned<[u8]>>,
        post: Option<PostMap>,
    ) -> Table {
        let read = |bytes: &'static [u8]| {
            format::read(bytes).unwrap_or_else(|e| panic!("embedded table: {e}"))
        };
        let own = read(&bytes.0);
        let s = match family {
            Some(family) if own.shared => {
                let f = read(&family.0);
                format::check_member(&own, &f).unwrap_or_else(|e| panic!("embedded table: {e}"));
                format::Sections {
                    blocks: own.blocks,
                    index: own.index,
                    ..f
                }
            }
            _ => {
                assert!(!own.shared, "embedded table: shared without a family");
                own
            }
        };
        // SAFETY: the compiler writes the values from a Rust `String` (valid UTF-8), and the
        // bytes are embedded unchanged; checking them would cost ~0.3 ms on first use of the
        // largest table. Debug builds check anyway.
        debug_assert!(std::str::from_utf8(s.values).is_ok());
        let values = unsafe { std::str::from_utf8_unchecked(s.values) };
        let h = s.header();
        Table {
            blocks: s.blocks,
            entries: s.entries,
            index: s.index,
            pages: s.pages,
            char_bits: if h.hashed { h.char_bits() } else { 0 },
            bloom: s.bloom,
            bloom_mask: (1 << (h.bloom_bits - 6)) - 1,
            slots: s.slots,
            slot_shift: 64 - h.slot_bits,
            slot_mask: (1 << h.slot_bits) - 1,
            records: s.records,
            values,
            ascii_keys: s.ascii,
            lead2: s.sparse.then_some(s.lead2),
            fast: (!h.hashed && !s.sparse).then(|| Fast::build(s.index, s.pages, post.as_ref())),
            starts: OnceLock::new(),
            post,
            size: bytes.0.len(),
        }
    }

    /// The table with generated id `id`, loaded on first use.
    pub(crate) fn get(id: TableId) -> &'static Table {
        static LOADED: [OnceLock<Table>; TABLE_BYTES.len()] =
            [const { OnceLock::new() }; TABLE_BYTES.len()];
        let id = id.index();
        LOADED[id].get_or_init(|| {
            Table::load(
                TABLE_BYTES[id].bytes(),
                TABLE_FAMILY[id].map(|f| FAMILY_BYTES[f].bytes()),
                None,
            )
        })
    }

    /// Bytes of embedded data the table reads (mapped from the binary, not copied; with
    /// `compressed-tables`, expanded once on the heap), its family's excluded (see
    /// [`table_bytes`]).
    pub(crate) fn size(&self) -> usize {
        self.size
    }

    /// Bytes of the map built on load ([`Fast`]), 0 for tables without one.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.fast
            .as_ref()
            .map_or(0, |f| std::mem::size_of_val(&f.index) + f.pages.len() * 4)
    }

    #[inline(always)]
    fn info(&self, c: u32) -> u32 {
        if self.char_bits != 0 {
            self.info_with::<true>(c)
        } else {
            self.info_with::<false>(c)
        }
    }

    /// [`info`](Table::info) for a table known to be hashed or not (the conversion loop
    /// is compiled for each, without a branch per character).
    #[inline(always)]
    fn info_with<const HASHED: bool>(&self, c: u32) -> u32 {
        if HASHED {
            // The bitmap of BMP characters with char info answers most lookups.
            if c < 0x10000 && self.index[c as usize / 32] & 1 << (c % 32) == 0 {
                return 0;
            }
            return self.hashed_info(c);
        }
        let page = self.index[(c >> 8) as usize] as usize;
        // SAFETY: `load` checked that every page number in `index` is below the number
        // of pages, so the position is inside `pages`.
        unsafe { *self.pages.get_unchecked(page * 256 + (c & 255) as usize) }
    }

    /// [`info`](Table::info) in a hashed char map: linear probing from the code point's
    /// first slot to its own or an empty one (`read` checked that one is empty).
    #[inline(always)]
    fn hashed_info(&self, c: u32) -> u32 {
        let mask = (1 << self.char_bits) - 1;
        let mut s = char_slot(c, self.char_bits);
        loop {
            let key = self.pages[s * 2];
            if key == c || key == 0 {
                // An empty slot's info is 0, also for NUL.
                return self.pages[s * 2 + 1];
            }
            s = (s + 1) & mask;
        }
    }

    /// Whether a key may start at byte `i` of `b` (a char boundary): in a sparse table,
    /// whether the lead2 bitmap has the character's first two bytes.
    #[inline(always)]
    fn may_start(&self, b: &[u8], i: usize) -> bool {
        match self.lead2 {
            Some(lead2) => {
                let lead = b[i];
                let second = if lead >= 0xC0 { b[i + 1] } else { 0 };
                let k = (lead as usize) << 8 | second as usize;
                lead2[k / 64] & (1 << (k % 64)) != 0
            }
            None => true,
        }
    }

    /// Whether the Bloom filter admits a key starting with the pair hashed to `h`.
    #[inline(always)]
    fn maybe_pair(&self, h: u64) -> bool {
        let want = 1 << ((h >> 20) & 63) | 1 << ((h >> 26) & 63);
        self.bloom[(h >> 32) as usize & self.bloom_mask] & want == want
    }

    /// The entry of the longest key of two or more characters at a position whose first
    /// characters are `c1`, `c2` (pair hash `h`), followed by `after`.
    #[inline(never)]
    fn phrase(&self, c1: u32, c2: u32, h: u64, after: &[u8]) -> Option<u32> {
        let pair = u64::from(c1) | u64::from(c2) << 21;
        let mut s = (h >> self.slot_shift) as usize;
        loop {
            let slot = self.slots[s];
            if slot == 0 {
                return None;
            }
            if slot & PAIR == pair {
                let mut at = (slot >> 42) as usize;
                loop {
                    let (rest, e, last) = format::record(self.records, at);
                    // Byte by byte: the remaining parts are a few bytes, shorter than what a
                    // call to `memcmp` costs.
                    if after.len() >= rest.len() && after.iter().zip(rest).all(|(a, r)| a == r) {
                        return Some(e);
                    }
                    if last {
                        return None;
                    }
                    at += 1 + rest.len() + RECORD_ENTRY;
                }
            }
            s = (s + 1) & self.slot_mask;
        }
    }

    /// The longest key at byte `i` of `text` (a char boundary) that ends by `limit` (a
    /// char boundary).
    #[inline(always)]
    fn at(&self, text: &str, i: usize, limit: usize) -> Hit {
        let (c1, char_len) = decode(text, i);
        let info = self.info(c1);
        if info & PHRASE != 0 && i + char_len < limit {
            if let Some(e) = self.phrase_at(text, i, limit, c1, char_len) {
                return Hit::Entry(e);
            }
        }
        if info & DIRECT != 0 {
            Hit::Single(char_len)
        } else {
            match (info & !PHRASE).checked_sub(1) {
                Some(e) => Hit::Entry(e),
                None => Hit::None(char_len),
            }
        }
    }

    /// The entry of the longest key of two or more characters at `i` (whose character
    /// `c1` is `char_len` bytes and starts such keys) that ends by `limit`.
    #[inline(always)]
    fn phrase_at(
        &self,
        text: &str,
        i: usize,
        limit: usize,
        c1: u32,
        char_len: usize,
    ) -> Option<u32> {
        let (c2, l2) = decode(text, i + char_len);
        let h = pair_hash(c1, c2);
        if self.maybe_pair(h) {
            self.phrase(c1, c2, h, &text.as_bytes()[i + char_len + l2..limit])
        } else {
            None
        }
    }

    /// The two words of entry `e`: in its block of the pool.
    #[inline(always)]
    fn entry(&self, e: u32) -> [u32; 2] {
        let i = (self.blocks[e as usize / 32] as usize * 32 + e as usize % 32) * 2;
        [self.entries[i], self.entries[i + 1]]
    }

    /// The bytes an entry consumes and whether its value differs from them.
    #[inline(always)]
    fn consumed(&self, e: u32) -> (usize, bool) {
        let w = self.entry(e)[1];
        ((w & CONSUMED) as usize, w & IDENTITY == 0)
    }

    /// Where an entry's value is in `values`: (offset, length).
    #[inline(always)]
    fn value_at(&self, e: u32) -> (usize, usize) {
        let e = self.entry(e);
        (e[0] as usize, (e[1] >> 16) as usize & MAX_VALUE_LEN)
    }

    /// Where the next position that can start a key is, from byte `i` to `limit`: ASCII
    /// is skipped when no key starts with an ASCII character.
    #[inline(always)]
    fn skip_ascii(&self, b: &[u8], mut i: usize, limit: usize) -> usize {
        if !self.ascii_keys {
            while i < limit && b[i] < 0x80 {
                i += 1;
            }
        }
        i
    }
}

/// Bytes the tables `ids` read: their embedded data, each table and each family counted
/// once, and the maps of three-byte characters built on load ([`Fast`]).
pub(crate) fn table_bytes(ids: impl IntoIterator<Item = TableId>) -> usize {
    let mut tables = std::collections::BTreeSet::new();
    let mut families = std::collections::BTreeSet::new();
    for id in ids {
        tables.insert(id);
        families.extend(TABLE_FAMILY[id.index()]);
    }
    let own: usize = tables
        .into_iter()
        .map(|id| Table::get(id).size() + Table::get(id).heap_bytes())
        .sum();
    own + families
        .into_iter()
        .map(|f| FAMILY_BYTES[f].bytes().0.len())
        .sum::<usize>()
}
