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

use std::sync::OnceLock;

// The writer half is the dictionary compiler's, which includes this same file; the library
// writes only in its tests.
#[cfg_attr(not(test), allow(dead_code))]
mod format;

use aho_corasick::packed;
use format::{
    char_slot, pair_hash, CONSUMED, DIRECT, IDENTITY, MAX_VALUE_LEN, PAIR, PHRASE, RECORD_ENTRY,
};

#[allow(dead_code)]
pub(crate) struct ConfigSpec {
    pub name: &'static str,
    pub title: &'static str,
    pub normalization: &'static [usize],
    pub segmentation: Option<usize>,
    /// The segments are the first stage's matches of two or more characters (the
    /// compiler proves it for the config; see `dictionaries/compiler/src/segments.rs`).
    pub phrase_segments: bool,
    pub stages: &'static [usize],
}

/// Embedded bytes aligned for reading them as `u32` words.
#[repr(C, align(8))]
pub(crate) struct Aligned<T: ?Sized>(pub T);

mod generated {
    use super::{Aligned, ConfigSpec};
    include!(concat!(env!("OUT_DIR"), "/tables.rs"));
}
#[allow(unused_imports)]
pub(crate) use generated::*;

#[cfg(target_endian = "big")]
compile_error!("zhnorm's embedded tables are little-endian; big-endian targets are not supported");

/// Decodes the character at byte `i < s.len()` of `s`: (code point, byte length). At a
/// byte that is not a char boundary it returns the byte and 1.
#[inline(always)]
pub(crate) fn decode(s: &str, i: usize) -> (u32, usize) {
    let b = s.as_bytes();
    let x = b[i] as u32;
    // SAFETY: `b` is valid UTF-8, so a lead byte (C0 and up) is followed by all of its
    // continuation bytes: every `i + k` read below is in bounds.
    unsafe {
        let cont = |k: usize| (*b.get_unchecked(i + k) & 0x3F) as u32;
        if x < 0xC0 {
            // ASCII, or a continuation byte (not at a boundary).
            (x, 1)
        } else if x < 0xE0 {
            ((x & 0x1F) << 6 | cont(1), 2)
        } else if x < 0xF0 {
            ((x & 0x0F) << 12 | cont(1) << 6 | cont(2), 3)
        } else {
            ((x & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3), 4)
        }
    }
}

/// The byte length of the character whose UTF-8 encoding starts with `lead` (1 for a byte
/// that does not start one).
#[inline(always)]
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1,
    }
}

/// Appends `s` to `out`, with short copies done inline (most pieces are one character).
#[inline(always)]
fn append(out: &mut Vec<u8>, s: &[u8]) {
    let n = s.len();
    out.reserve(n);
    // SAFETY: `reserve` made room for `n` bytes after `len`; every copy below reads inside
    // `s` and writes inside `[len, len + n)`.
    unsafe {
        let src = s.as_ptr();
        let dst = out.as_mut_ptr().add(out.len());
        match n {
            0 => {}
            1..=3 => {
                *dst = *src;
                *dst.add(n / 2) = *src.add(n / 2);
                *dst.add(n - 1) = *src.add(n - 1);
            }
            4..=8 => {
                std::ptr::copy_nonoverlapping(src, dst, 4);
                std::ptr::copy_nonoverlapping(src.add(n - 4), dst.add(n - 4), 4);
            }
            9..=16 => {
                std::ptr::copy_nonoverlapping(src, dst, 8);
                std::ptr::copy_nonoverlapping(src.add(n - 8), dst.add(n - 8), 8);
            }
            _ => std::ptr::copy_nonoverlapping(src, dst, n),
        }
        out.set_len(out.len() + n);
    }
}

/// Appends `whole[from..to]` to `out`. A piece of up to 16 bytes with 16 bytes of `whole`
/// from its start is copied as one fixed 16-byte block (the length then only sets how much
/// of it counts): piece lengths vary too much for a branch on them to be predicted.
#[inline(always)]
fn append_from(out: &mut Vec<u8>, whole: &[u8], from: usize, to: usize) {
    let n = to - from;
    if n == 0 {
        // The usual case in the conversion loop (every character is written).
        return;
    }
    if n <= 16 && from + 16 <= whole.len() {
        out.reserve(16);
        // SAFETY: `whole[from..from + 16]` is in bounds (checked above) and `reserve` made
        // room for 16 bytes after `len`; only the first `n` count, and they are `whole[from..to]`.
        unsafe {
            std::ptr::copy_nonoverlapping(
                whole.as_ptr().add(from),
                out.as_mut_ptr().add(out.len()),
                16,
            );
            out.set_len(out.len() + n);
        }
    } else {
        append(out, &whole[from..to]);
    }
}

/// Appends the UTF-8 encoding of code point `c` (a `char`'s, from the compiler) to `out`.
#[inline(always)]
fn append_char(out: &mut Vec<u8>, c: u32) {
    out.reserve(4);
    // SAFETY: `reserve` made room for the at most 4 bytes written after `len`.
    unsafe {
        let dst = out.as_mut_ptr().add(out.len());
        if c.wrapping_sub(0x800) < 0x10000 - 0x800 {
            // Three bytes (all of CJK), in one store.
            dst.cast::<[u8; 4]>()
                .write_unaligned(utf8_3(c).to_le_bytes());
            out.set_len(out.len() + 3);
            return;
        }
        let n = if c < 0x80 {
            *dst = c as u8;
            1
        } else if c < 0x800 {
            *dst = 0xC0 | (c >> 6) as u8;
            *dst.add(1) = 0x80 | (c & 0x3F) as u8;
            2
        } else if c < 0x10000 {
            *dst = 0xE0 | (c >> 12) as u8;
            *dst.add(1) = 0x80 | ((c >> 6) & 0x3F) as u8;
            *dst.add(2) = 0x80 | (c & 0x3F) as u8;
            3
        } else {
            *dst = 0xF0 | (c >> 18) as u8;
            *dst.add(1) = 0x80 | ((c >> 12) & 0x3F) as u8;
            *dst.add(2) = 0x80 | ((c >> 6) & 0x3F) as u8;
            *dst.add(3) = 0x80 | (c & 0x3F) as u8;
            4
        };
        out.set_len(out.len() + n);
    }
}

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
    size: usize,
}

/// Most characters with char info a table may have for [`Table::starts`]: the packed
/// searcher (Teddy) is fast only for a few dozen patterns.
const MAX_STARTS: usize = 64;

/// The searcher for the characters with char info of a hashed table (`pages`: pairs of
/// code point and info, code point 0 for an empty slot), or `None` when there are more
/// than [`MAX_STARTS`] of them or the CPU has no SIMD the searcher uses.
fn starts_searcher(pages: &[u32]) -> Option<packed::Searcher> {
    // Under Miri the per-character loop runs instead (the searcher's SIMD is not
    // interpreted).
    if cfg!(miri) {
        return None;
    }
    let chars: Vec<char> = pages
        .chunks_exact(2)
        .filter(|slot| slot[0] != 0)
        .filter_map(|slot| char::from_u32(slot[0]))
        .collect();
    if chars.is_empty() || chars.len() > MAX_STARTS {
        return None;
    }
    let mut b = packed::Config::new()
        .match_kind(packed::MatchKind::LeftmostFirst)
        .builder();
    for c in chars {
        b.add(c.encode_utf8(&mut [0; 4]).as_bytes());
    }
    b.build()
}

/// A dense table's char info for the three-byte characters (U+0800–FFFF, all of CJK and
/// its punctuation), built when the table is loaded: per character, the UTF-8 bytes of a
/// one-character value, written with one store, or nothing to look up (the character is
/// kept); [`SLOW`] for what the general loop handles (values of other lengths, entries).
struct Fast {
    /// Fast page of each block of 256 code points (0: the page of characters without info).
    index: [u16; 256],
    /// 256 words per page: [`PHRASE`] | [`SLOW`] | [`MAPPED`] | the value's three UTF-8
    /// bytes (lead byte lowest), or [`PHRASE`] alone (or 0) for a character kept as it is.
    pages: Vec<u32>,
}

/// [`Fast`]: the general loop handles this character.
const SLOW: u32 = 1 << 30;
/// [`Fast`]: the low three bytes are the UTF-8 of the character's one-character value,
/// which differs from the character.
const MAPPED: u32 = 1 << 29;

impl Fast {
    /// Built from a paged table's index and pages.
    fn build(index: &[u32], pages: &[u32]) -> Fast {
        let mut fast = Fast {
            index: [0; 256],
            pages: vec![0; 256],
        };
        for hi in 0x08..0x100u32 {
            let page = index[hi as usize] as usize;
            if page == 0 {
                // All zero: no character of the block has info; they are kept.
                continue;
            }
            fast.index[hi as usize] = (fast.pages.len() / 256) as u16;
            for lo in 0..256u32 {
                let info = pages[page * 256 + lo as usize];
                fast.pages.push(Fast::entry(hi << 8 | lo, info));
            }
        }
        fast
    }

    fn entry(c: u32, info: u32) -> u32 {
        let phrase = info & PHRASE;
        if info & DIRECT != 0 {
            let v = info & 0x1F_FFFF;
            if v == c {
                phrase
            } else if (0x800..0x10000).contains(&v) {
                phrase | MAPPED | utf8_3(v)
            } else {
                phrase | SLOW
            }
        } else if info & !PHRASE == 0 {
            phrase
        } else {
            phrase | SLOW
        }
    }

    /// The entry of three-byte character `c`.
    #[inline(always)]
    fn get(&self, c: u32) -> u32 {
        let page = self.index[(c >> 8) as usize & 255] as usize;
        // SAFETY: every page number in `index` was pushed with its 256 words.
        unsafe { *self.pages.get_unchecked(page << 8 | (c & 255) as usize) }
    }
}

/// The UTF-8 bytes of a code point in U+0800–FFFF, lead byte lowest.
#[inline(always)]
fn utf8_3(c: u32) -> u32 {
    0x0080_80E0 | c >> 12 | (c >> 6 & 0x3F) << 8 | (c & 0x3F) << 16
}

/// The four bytes at `i` of `b`, first byte lowest.
///
/// # Safety
///
/// `i + 4 <= b.len()`.
#[inline(always)]
unsafe fn load4(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(*b.as_ptr().add(i).cast::<[u8; 4]>())
}

/// The code point of the three-byte UTF-8 sequence in the low bytes of `x` (lead byte
/// lowest), the inverse of [`utf8_3`].
#[inline(always)]
fn decode3(x: u32) -> u32 {
    (x & 0x0F) << 12 | (x >> 2 & 0xFC0) | (x >> 16 & 0x3F)
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
    fn load(bytes: &'static Aligned<[u8]>, family: Option<&'static Aligned<[u8]>>) -> Table {
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
            fast: (!h.hashed && !s.sparse).then(|| Fast::build(s.index, s.pages)),
            starts: OnceLock::new(),
            size: bytes.0.len(),
        }
    }

    /// The table with generated id `id`, loaded on first use.
    pub(crate) fn get(id: usize) -> &'static Table {
        static LOADED: [OnceLock<Table>; TABLE_BYTES.len()] =
            [const { OnceLock::new() }; TABLE_BYTES.len()];
        LOADED[id]
            .get_or_init(|| Table::load(TABLE_BYTES[id], TABLE_FAMILY[id].map(|f| FAMILY_BYTES[f])))
    }

    /// For a table with few characters with char info (every key starts with one): pushes
    /// to `at` the address of each of them in `text`, found with one SIMD search, and
    /// returns true; text between them converts to itself. False (nothing pushed) for
    /// other tables, or when `text` holds more than `max` of them. (Searching clause by clause instead of converting measured slower:
    /// clauses are too short for the search.)
    pub(crate) fn key_starts(&self, text: &str, at: &mut Vec<usize>, max: usize) -> bool {
        let starts = self.starts.get_or_init(|| {
            if self.char_bits != 0 {
                starts_searcher(self.pages)
            } else {
                None
            }
        });
        let Some(starts) = starts else {
            return false;
        };
        let base = text.as_ptr() as usize;
        for m in starts.find_iter(text.as_bytes()) {
            if at.len() == max {
                at.clear();
                return false;
            }
            at.push(base + m.start());
        }
        true
    }

    /// Bytes of embedded data the table reads (mapped from the binary, not copied), its
    /// family's excluded (see [`table_bytes`]).
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

    /// Converts `text` (OpenCC's greedy loop: at each position the group's match, else one
    /// character unchanged) and appends the result to `out`. Returns whether anything changed.
    pub(crate) fn convert(&self, text: &str, out: &mut String) -> bool {
        self.run::<false>(text, &[text.len()], out, None)
    }

    /// Converts every segment of `text` separately (no key matches across a segment end)
    /// and appends the results to `out`. `ends` are the segments' end offsets, ascending,
    /// the last being `text.len()`. With `out_ends`, the end offset of each converted
    /// segment (relative to where this call started appending) is pushed to it.
    pub(crate) fn convert_segments(
        &self,
        text: &str,
        ends: &[usize],
        out: &mut String,
        out_ends: Option<&mut Vec<usize>>,
    ) -> bool {
        self.run::<false>(text, ends, out, out_ends)
    }

    /// Converts `text` and pushes to `out_ends` the ends (in the output, relative to where
    /// this call started appending) of OpenCC's max-match segments by the dictionary of
    /// this table's keys of two or more characters: each such match is a segment, and so
    /// is the text between two of them.
    pub(crate) fn convert_segmenting(
        &self,
        text: &str,
        out: &mut String,
        out_ends: &mut Vec<usize>,
    ) -> bool {
        self.run::<true>(text, &[text.len()], out, Some(out_ends))
    }

    /// The conversion loop; `SPLIT`: ends of segments at matches of two or more characters.
    #[inline(always)]
    fn run<const SPLIT: bool>(
        &self,
        text: &str,
        ends: &[usize],
        out: &mut String,
        out_ends: Option<&mut Vec<usize>>,
    ) -> bool {
        if self.char_bits != 0 {
            self.run_with::<SPLIT, true, false>(text, ends, out, out_ends)
        } else if self.fast.is_some() {
            self.run_with::<SPLIT, false, true>(text, ends, out, out_ends)
        } else {
            self.run_with::<SPLIT, false, false>(text, ends, out, out_ends)
        }
    }

    /// [`run`](Table::run) for a hashed table or a paged one.
    #[inline(always)]
    fn run_with<const SPLIT: bool, const HASHED: bool, const FAST: bool>(
        &self,
        text: &str,
        ends: &[usize],
        out: &mut String,
        mut out_ends: Option<&mut Vec<usize>>,
    ) -> bool {
        debug_assert_eq!(ends.last(), Some(&text.len()));
        let base = out.len();
        // SAFETY: only whole characters are appended: slices of `text` between char
        // boundaries and values, which are UTF-8 (see `load`).
        let out = unsafe { out.as_mut_vec() };
        let b = text.as_bytes();
        let fast = if FAST { self.fast.as_ref() } else { None };
        let mut changed = false;
        let mut copied = 0; // bytes of `text` already appended or replaced
        let mut start = 0;
        for &end in ends {
            let mut i = self.skip_ascii(b, start, end);
            // SPLIT: end of the last segment.
            let mut last = start;
            while i < end {
                if let Some(fast) = fast.filter(|_| b[i] & 0xF0 == 0xE0) {
                    // A run of three-byte characters that start no phrase here and have a
                    // three-byte value or none: written with one store each. The loop
                    // stops at anything else, which the general loop below handles.
                    let run = i;
                    append_from(out, b, copied, i);
                    // Each character writes 3 bytes (and a fourth beyond them) for the 3
                    // it reads.
                    out.reserve(end - i + 4);
                    let mut mapped = 0;
                    // SAFETY: `reserve` made room for `end - run + 4` bytes at `len`, and
                    // the loop writes 4 bytes at `len + (i - run)` only while `i + 3 <= end`.
                    // The loads read `b[i..i + 4]` and `b[i + 3..i + 7]` within `b`.
                    unsafe {
                        let dst = out.as_mut_ptr().add(out.len());
                        while i + 3 <= end && i + 4 <= b.len() {
                            let x = load4(b, i);
                            if x & 0xF0 != 0xE0 {
                                break;
                            }
                            let c1 = decode3(x);
                            let f = fast.get(c1);
                            if f & SLOW != 0 {
                                break;
                            }
                            if f & PHRASE != 0 && i + 3 < end {
                                let c2 = if i + 7 <= b.len() && b[i + 3] & 0xF0 == 0xE0 {
                                    decode3(load4(b, i + 3))
                                } else {
                                    decode(text, i + 3).0
                                };
                                let h = pair_hash(c1, c2);
                                if self.maybe_pair(h) {
                                    // The general loop looks the pair up: its slot is
                                    // fetched while that loop gets there (the slot
                                    // number is below `slots.len()`, as in `phrase`).
                                    #[cfg(target_arch = "x86_64")]
                                    std::arch::x86_64::_mm_prefetch::<
                                        { std::arch::x86_64::_MM_HINT_T0 },
                                    >(
                                        self.slots.as_ptr().add((h >> self.slot_shift) as usize)
                                            as *const i8,
                                    );
                                    break;
                                }
                            }
                            mapped |= f;
                            let w = if f & MAPPED != 0 { f } else { x };
                            dst.add(i - run)
                                .cast::<[u8; 4]>()
                                .write_unaligned(w.to_le_bytes());
                            i += 3;
                        }
                        out.set_len(out.len() + (i - run));
                    }
                    copied = i;
                    changed |= mapped & MAPPED != 0;
                    if i > run {
                        i = self.skip_ascii(b, i, end);
                        continue;
                    }
                }
                if !HASHED && !self.may_start(b, i) {
                    i = self.skip_ascii(b, i + utf8_len(b[i]), end);
                    continue;
                }
                let (c1, char_len) = decode(text, i);
                // A hashed table's bitmap is exact: characters without char info
                // (most of them) are kept without a lookup.
                if HASHED && c1 < 0x10000 && self.index[c1 as usize / 32] & 1 << (c1 % 32) == 0 {
                    i = self.skip_ascii(b, i + char_len, end);
                    continue;
                }
                // (The bitmap has just answered: a hashed table's char info is probed.)
                let info = if HASHED {
                    self.hashed_info(c1)
                } else {
                    self.info_with::<false>(c1)
                };
                let phrase = if info & PHRASE != 0 && i + char_len < end {
                    self.phrase_at(text, i, end, c1, char_len)
                } else {
                    None
                };
                let e = match phrase {
                    Some(e) => e,
                    None => {
                        // Selects rather than branches: whether a character has a mapping,
                        // and which kind, is as good as random from one character to the
                        // next. All ones for a one-character value (DIRECT is bit 30).
                        let direct = 0u32.wrapping_sub((info & DIRECT) >> 30);
                        let v = (info & 0x1F_FFFF & direct) | (c1 & !direct);
                        let single = info & !PHRASE & !direct;
                        if single == 0 {
                            // Written whether or not it changes: that branch is unpredictable.
                            append_from(out, b, copied, i);
                            append_char(out, v);
                            copied = i + char_len;
                            changed |= v != c1;
                            i = self.skip_ascii(b, i + char_len, end);
                            continue;
                        }
                        single - 1
                    }
                };
                let (consumed, differs) = self.consumed(e);
                let split = SPLIT && consumed > char_len;
                if split {
                    append(out, &b[copied..i]);
                    copied = i;
                    if i > last {
                        out_ends.as_deref_mut().unwrap().push(out.len() - base);
                    }
                }
                if differs {
                    append_from(out, b, copied, i);
                    let (v, n) = self.value_at(e);
                    append_from(out, self.values.as_bytes(), v, v + n);
                    copied = i + consumed;
                    changed = true;
                }
                i += consumed;
                if split {
                    append(out, &b[copied..i]);
                    copied = i;
                    out_ends.as_deref_mut().unwrap().push(out.len() - base);
                    last = i;
                }
                i = self.skip_ascii(b, i, end);
            }
            if let Some(out_ends) = out_ends.as_deref_mut() {
                if !SPLIT || last < end {
                    append(out, &b[copied..end]);
                    copied = end;
                    out_ends.push(out.len() - base);
                }
            }
            start = end;
        }
        append(out, &b[copied..]);
        changed
    }

    /// The matches of [`convert_segments`](Self::convert_segments) on `text` that change
    /// it, in order, for `zhnorm explain`: `f(start, consumed bytes, value)`. With `split`,
    /// the segment ends [`convert_segmenting`](Self::convert_segmenting) finds are pushed
    /// to it (in `text`, not in the output). The same greedy loop as the conversion,
    /// without its shortcuts (which change nothing in the result).
    pub(crate) fn trace(
        &self,
        text: &str,
        ends: &[usize],
        mut split: Option<&mut Vec<usize>>,
        mut f: impl FnMut(usize, usize, &str),
    ) {
        let mut start = 0;
        for &end in ends {
            let mut i = start;
            let mut last = start;
            while i < end {
                let (c1, char_len) = decode(text, i);
                let info = self.info(c1);
                let phrase = if info & PHRASE != 0 && i + char_len < end {
                    self.phrase_at(text, i, end, c1, char_len)
                } else {
                    None
                };
                let e = match phrase {
                    Some(e) => e,
                    None if info & DIRECT != 0 => {
                        let v = info & 0x1F_FFFF;
                        if v != c1 {
                            if let Some(c) = char::from_u32(v) {
                                f(i, char_len, c.encode_utf8(&mut [0; 4]));
                            }
                        }
                        i += char_len;
                        continue;
                    }
                    None => match (info & !PHRASE).checked_sub(1) {
                        Some(e) => e,
                        None => {
                            i += char_len;
                            continue;
                        }
                    },
                };
                let (consumed, differs) = self.consumed(e);
                let consumed = consumed.max(1).min(end - i);
                if let Some(ends) = split.as_deref_mut().filter(|_| consumed > char_len) {
                    if i > last {
                        ends.push(i);
                    }
                    ends.push(i + consumed);
                    last = i + consumed;
                }
                if differs {
                    let (v, n) = self.value_at(e);
                    f(i, consumed, &self.values[v..v + n]);
                }
                i += consumed;
            }
            if let Some(ends) = split.as_deref_mut() {
                if last < end {
                    ends.push(end);
                }
            }
            start = end;
        }
    }

    /// Max-match segmentation (OpenCC `mmseg`): pushes the end offset of every segment of
    /// `text` to `ends`, in order. Matched words are segments of their own; the text between
    /// them forms one segment.
    pub(crate) fn segment(&self, text: &str, ends: &mut Vec<usize>) {
        let b = text.as_bytes();
        let mut last = 0;
        let mut i = self.skip_ascii(b, 0, b.len());
        while i < b.len() {
            // No lead2 check here: it made tw2sp's segmentation 15 % slower.
            let end = match self.at(text, i, b.len()) {
                Hit::None(len) => {
                    i = self.skip_ascii(b, i + len, b.len());
                    continue;
                }
                Hit::Single(len) => i + len,
                Hit::Entry(e) => i + self.consumed(e).0,
            };
            if i > last {
                ends.push(i);
            }
            ends.push(end);
            last = end;
            i = self.skip_ascii(b, end, b.len());
        }
        if last < text.len() {
            ends.push(text.len());
        }
    }
}

/// Bytes the tables `ids` read: their embedded data, each table and each family counted
/// once, and the maps of three-byte characters built on load ([`Fast`]).
pub(crate) fn table_bytes(ids: impl IntoIterator<Item = usize>) -> usize {
    let mut tables = std::collections::BTreeSet::new();
    let mut families = std::collections::BTreeSet::new();
    for id in ids {
        tables.insert(id);
        families.extend(TABLE_FAMILY[id]);
    }
    let own: usize = tables
        .into_iter()
        .map(|id| Table::get(id).size() + Table::get(id).heap_bytes())
        .sum();
    own + families
        .into_iter()
        .map(|f| FAMILY_BYTES[f].0.len())
        .sum::<usize>()
}

/// Character classes for script evidence (see `dictionaries/compiler/src/evidence.rs`).
pub(crate) const SIMPLIFIED: u8 = 1;
pub(crate) const TRADITIONAL: u8 = 2;

#[inline]
pub(crate) fn class_of(c: char) -> u8 {
    class_of_u32(c as u32)
}

/// [`class_of`] for a code point.
#[inline]
pub(crate) fn class_of_u32(c: u32) -> u8 {
    let i = c.wrapping_sub(CLASS_BASE) as usize;
    if i < CLASS.len() {
        CLASS[i]
    } else {
        0
    }
}

/// The script weight of a code point in half bits: positive when it is more frequent in
/// Simplified text than in Traditional text, negative for the reverse, 0 for characters
/// the same in both or unknown (see the dictionary compiler's `weights` module).
#[inline]
pub(crate) fn weight_of_u32(c: u32) -> i32 {
    let i = c.wrapping_sub(CLASS_BASE) as usize;
    if i < WEIGHT.len() {
        WEIGHT[i] as i8 as i32
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_read_and_write_back_unchanged() {
        for (id, bytes) in TABLE_BYTES.iter().enumerate() {
            // Under Miri only the smallest tables (the family's members among them, which
            // load the family): rewriting a 50 KB table there takes about ten seconds.
            if cfg!(miri) && bytes.0.len() > 25_000 {
                continue;
            }
            let sections = format::read(&bytes.0).unwrap();
            assert_eq!(format::write(&sections), &bytes.0, "table {id}");
            assert_eq!(Table::get(id).size(), bytes.0.len());
        }
    }

    /// A small embedded table (OpenCC's Japanese phrases and characters, jp2t) through
    /// every conversion path: one-character values, phrase values, unchanged runs of every
    /// length (the copies of `append` and `append_from`), segments. Small enough for Miri,
    /// which runs it (`.ci/run`).
    #[test]
    fn small_table_converts_in_place() {
        let t = Table::get(crate::Config::Jp2t.spec().stages[0]);
        // 国 → 國 and 学 → 學 (one character), 世論 → 輿論 (a phrase), ASCII skipped.
        for (text, want) in [
            ("", ""),
            ("国", "國"),
            ("国の世論", "國の輿論"),
            ("ab国", "ab國"),
            ("のの国", "のの國"),
            ("é𠮷国", "é𠮷國"),
            (
                "世論 abcdefghijklmnopqrstuvwxyz 学",
                "輿論 abcdefghijklmnopqrstuvwxyz 學",
            ),
            (
                "学 abcdefghijklmnopqrstuvwxyz",
                "學 abcdefghijklmnopqrstuvwxyz",
            ),
            (
                "のの国ののの世論ののののの学のののの",
                "のの國ののの輿論ののののの學のののの",
            ),
            (
                "unchanged, more than sixteen bytes",
                "unchanged, more than sixteen bytes",
            ),
        ] {
            let mut out = String::from(">");
            assert_eq!(t.convert(text, &mut out), text != want, "{text:?}");
            assert_eq!(out, format!(">{want}"));
            // Segments: the same text cut anywhere converts piece by piece.
            let ends: Vec<usize> = (1..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            if ends.is_empty() {
                continue;
            }
            let mut pieces = String::new();
            let mut out_ends = Vec::new();
            t.convert_segments(text, &ends, &mut pieces, Some(&mut out_ends));
            let mut start = 0;
            let mut each = String::new();
            for &end in &ends {
                t.convert(&text[start..end], &mut each);
                start = end;
            }
            assert_eq!(pieces, each, "{text:?}");
            assert_eq!(out_ends.last(), Some(&pieces.len()));
        }
    }

    /// The loop over runs of three-byte characters of dense tables ([`Fast`]) gives what
    /// the general loop gives, byte for byte, with segments and segment ends: a character
    /// at the very end (no fourth byte to load), phrases across and at segment ends, ASCII,
    /// two- and four-byte characters, values of other lengths. Under Miri, one table of
    /// the family (small) on the short texts.
    /// No key of two or more characters in the script tables of targets without a
    /// pre-stage holds a clause mark, so converting consecutive clauses in one call (as the
    /// engine does for clauses decided alike) gives what converting them apart gives.
    #[test]
    #[cfg_attr(miri, ignore = "walks 50 000 keys")]
    fn script_table_keys_hold_no_clause_mark() {
        let marks = [
            '，', '、', '：', '；', '「', '」', '（', '“', ' ', ',', '(', '\t',
        ];
        assert!(marks
            .iter()
            .all(|&c| crate::engine::sentence::is_clause_mark(c)));
        assert!(!crate::engine::sentence::is_clause_mark('。'));
        for id in [
            HANS_FULL,
            HANS_WORDS,
            HANS_STRICT,
            HANT_FULL,
            HANT_WORDS,
            HANT_STRICT,
        ] {
            let t = Table::get(id);
            let mut keys = 0;
            for &slot in t.slots.iter().filter(|&&s| s != 0) {
                let pair = [slot & 0x1F_FFFF, slot >> 21 & 0x1F_FFFF]
                    .map(|c| char::from_u32(c as u32).unwrap());
                let mut at = (slot >> 42) as usize;
                loop {
                    let (rest, _, last) = format::record(t.records, at);
                    let key = format!(
                        "{}{}{}",
                        pair[0],
                        pair[1],
                        std::str::from_utf8(rest).unwrap()
                    );
                    assert!(
                        !key.chars().any(crate::engine::sentence::is_clause_mark),
                        "table {id}: key {key:?} holds a clause mark"
                    );
                    keys += 1;
                    if last {
                        break;
                    }
                    at += 1 + rest.len() + RECORD_ENTRY;
                }
            }
            assert!(keys > 100, "table {id}: {keys} keys");
        }
    }

    #[test]
    fn fast_runs_equal_the_general_loop() {
        let mut texts: Vec<String> = [
            "",
            "国",
            "头发",
            "后来他们的头发都白了，软件和网络。",
            "a头发b",
            "é国𠮷后来ü",
            "乾隆年间，台湾的面条与麵條",
            "只有一只猫\n干净的干部",
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        if !cfg!(miri) {
            let article = include_str!("../../tests/data/article/wic-article.md");
            texts.extend(article.lines().map(str::to_string));
            texts.push(article.to_string());
        }
        // Under Miri one small member of the family (27 KB: entries and page index; size
        // first, so that no other table is loaded).
        let dense: Vec<usize> = (0..TABLE_BYTES.len())
            .filter(|&id| !cfg!(miri) || TABLE_BYTES[id].0.len() < 30_000)
            .filter(|&id| Table::get(id).fast.is_some())
            .take(if cfg!(miri) { 1 } else { usize::MAX })
            .collect();
        assert!(!dense.is_empty());
        for id in dense {
            let t = Table::get(id);
            for text in &texts {
                let whole = [text.len()];
                // Segment ends at every third character boundary.
                let mut ends: Vec<usize> = (1..text.len())
                    .filter(|&i| text.is_char_boundary(i))
                    .step_by(3)
                    .collect();
                ends.push(text.len());
                for ends in [&whole[..], &ends[..]] {
                    let (mut a, mut b) = (String::new(), String::new());
                    let (mut ea, mut eb) = (Vec::new(), Vec::new());
                    let ca = t.run_with::<false, false, true>(text, ends, &mut a, Some(&mut ea));
                    let cb = t.run_with::<false, false, false>(text, ends, &mut b, Some(&mut eb));
                    assert_eq!((ca, &a, &ea), (cb, &b, &eb), "table {id}: {text:?}");
                    let (mut a, mut b) = (String::new(), String::new());
                    let (mut ea, mut eb) = (Vec::new(), Vec::new());
                    t.run_with::<true, false, true>(text, ends, &mut a, Some(&mut ea));
                    t.run_with::<true, false, false>(text, ends, &mut b, Some(&mut eb));
                    assert_eq!((&a, &ea), (&b, &eb), "table {id}, split: {text:?}");
                }
            }
        }
    }

    /// Segmentation with a small table: segments cover the text in order, and converting
    /// while segmenting gives the plain conversion.
    #[test]
    fn small_table_segments() {
        let t = Table::get(crate::Config::Jp2t.spec().stages[0]);
        let text = "国の世論調査 ab 学校の世論";
        let mut ends = Vec::new();
        t.segment(text, &mut ends);
        assert!(ends.windows(2).all(|w| w[0] < w[1]), "{ends:?}");
        assert_eq!(ends.last(), Some(&text.len()));
        assert!(ends.iter().all(|&e| text.is_char_boundary(e)));
        let mut plain = String::new();
        t.convert(text, &mut plain);
        let mut out = String::new();
        let mut out_ends = Vec::new();
        t.convert_segmenting(text, &mut out, &mut out_ends);
        assert_eq!(out, plain);
        assert_eq!(out_ends.last(), Some(&out.len()));
        assert!(out_ends.windows(2).all(|w| w[0] < w[1]), "{out_ends:?}");
    }
}
