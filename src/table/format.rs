//! The binary format of a compiled table, defined once: the dictionary compiler
//! (`dictionaries/compiler`, which includes this file) writes it with [`write()`], the library
//! reads it in place with [`read()`]. See `DESIGN.md`, section "Tables".
//!
//! A table is a sequence of little-endian `u32` words, then two byte sections:
//!
//! | section  | words                      | holds                                               |
//! |----------|----------------------------|-----------------------------------------------------|
//! | header   | [`HEADER`]                 | [`MAGIC`] and the [`Header`] fields, in their order  |
//! | blocks   | 1 per 32 keys, padded to even | the pool block holding those keys' entries      |
//! | index    | [`INDEX`]                  | page of each block of 256 code points (0: none)     |
//! | entries  | 64 per pool block          | 2 per entry: value offset; consumed \| value length << 16 \| [`IDENTITY`] |
//! | pages    | 256 per page               | char info (page 0 is all zero)                      |
//! | bloom    | 2^bloom_bits / 32          | Bloom filter on key pairs, as `u64`s                |
//! | lead2    | [`LEAD2`]                  | first-two-UTF-8-bytes bitmap of key starts, `u64`s   |
//! | slots    | 2 × 2^slot_bits            | one `u64` per slot: first char, second char << 21, first record << 42 (0: empty) |
//! | records  | bytes, padded to 4         | per key of two or more characters, by pair, longest first: rest length \| [`LAST`]; the key's bytes after its first two characters; its entry (3 bytes) |
//! | values   | bytes                      | the values, UTF-8                                   |
//!
//! Every section before the Bloom filter has an even number of words, so the `u64` sections
//! are 8-aligned when the table is.
//!
//! A *hashed* table (one with few characters that start a key) has a bitmap of the BMP
//! characters that have char info ([`BMP_BITS`] words) instead of the index, and its pages
//! section holds an open-addressing hash table of char info, two words per slot (code
//! point, char info; code point 0: empty), at most half full, first slot [`char_slot`].
//!
//! Entry `e` is entry `e % 32` of pool block `blocks[e / 32]`: equal blocks of 32 entries
//! are stored once.
//!
//! A *shared* table (a member of a family of tables with nearly the same keys) holds only
//! its header, blocks and index: every section from the entries on is empty in it and read
//! from its family's table instead, whose blocks section is empty. The members' entries
//! are numbered by the family's keys, and their block numbers, page numbers and value
//! offsets point into the family's entry pool, pages and values.

use std::fmt;

/// The first word of every table: `ZHT3`.
pub const MAGIC: u32 = u32::from_le_bytes(*b"ZHT3");
/// Header words, [`MAGIC`] included.
pub const HEADER: usize = 10;
/// Words of the page index: one per 256 code points, up to U+10FFFF.
pub const INDEX: usize = 0x1100;
/// Words of a hashed table's bitmap: one bit per code point of the BMP.
pub const BMP_BITS: usize = 0x10000 / 32;
/// Words of the quick-reject bitmap: 65536 bits, one per first two UTF-8 bytes.
pub const LEAD2: usize = 2048;

/// Char info: longer keys start with this character.
pub const PHRASE: u32 = 1 << 31;
/// Char info: the low 21 bits are the one-character value of a one-character key.
pub const DIRECT: u32 = 1 << 30;
/// Entry: the value equals the consumed text.
pub const IDENTITY: u32 = 1 << 31;
/// Entry: the consumed length (low bits of the second word; the value length is above it).
pub const CONSUMED: u32 = 0xFFFF;
/// Entry: the largest value length (bits 16–30 of the second word).
pub const MAX_VALUE_LEN: usize = 0x7FFF;
/// Record: the last record of its slot (bit 7 of its first byte).
pub const LAST: u8 = 0x80;
/// Record: the largest rest length (the low 7 bits of its first byte).
pub const MAX_REST_LEN: usize = 0x7F;
/// Record: bytes of the entry number after the rest.
pub const RECORD_ENTRY: usize = 3;
/// Records section: its largest length plus one (a slot holds a record offset in 22 bits).
pub const MAX_RECORDS: usize = 1 << 22;
/// Slot: the bits holding the pair (first char | second char << 21).
pub const PAIR: u64 = (1 << 42) - 1;

/// The slot word of the pair `c1`, `c2` and the offset of its first record.
#[inline(always)]
pub fn slot_word(c1: u32, c2: u32, first_record: u64) -> u64 {
    u64::from(c1) | u64::from(c2) << 21 | first_record << 42
}

/// Appends a record: the key's bytes after its first two characters (`rest`, at most
/// [`MAX_REST_LEN`]), its entry (below 2^24) and whether it is its slot's last.
pub fn push_record(records: &mut Vec<u8>, rest: &[u8], entry: u32, last: bool) {
    assert!(rest.len() <= MAX_REST_LEN && entry < 1 << (8 * RECORD_ENTRY));
    records.push(rest.len() as u8 | if last { LAST } else { 0 });
    records.extend_from_slice(rest);
    records.extend_from_slice(&entry.to_le_bytes()[..RECORD_ENTRY]);
}

/// The record at byte `at` of a records section: the key's bytes after its first two
/// characters, its entry, and whether it is its slot's last. The next record starts at
/// `at + 1 + rest.len() + RECORD_ENTRY`.
#[inline(always)]
pub fn record(records: &[u8], at: usize) -> (&[u8], u32, bool) {
    let head = records[at];
    let len = head as usize & MAX_REST_LEN;
    let rest = &records[at + 1..at + 1 + len];
    let mut e = [0u8; 4];
    e[..RECORD_ENTRY].copy_from_slice(&records[at + 1 + len..][..RECORD_ENTRY]);
    (rest, u32::from_le_bytes(e), head & LAST != 0)
}

/// The hash of a two-character key prefix: the Bloom filter takes two bits from it (bits
/// 20–25 and 26–31 of the word at bits 32 and up), the slots their first index from the top
/// `slot_bits` bits.
#[inline(always)]
pub fn pair_hash(c1: u32, c2: u32) -> u64 {
    (u64::from(c1) << 21 | u64::from(c2)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The first slot of code point `c` in a hashed char map of `2^bits` slots.
#[inline(always)]
pub fn char_slot(c: u32, bits: u32) -> usize {
    (c.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize
}

/// The header words after [`MAGIC`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    /// Words of the blocks section (one per 32 keys, padded to even).
    pub blocks: u32,
    /// Pages of char info, the all-zero page 0 included.
    pub pages: u32,
    /// The slot table has `1 << slot_bits` slots.
    pub slot_bits: u32,
    /// The Bloom filter has `1 << bloom_bits` bits (at least 64).
    pub bloom_bits: u32,
    /// Bytes of the records section, padding excluded (less than [`MAX_RECORDS`]).
    pub records_len: u32,
    /// Reserved, 0.
    pub reserved: u32,
    /// Bytes of the values section.
    pub values_len: u32,
    /// Blocks of 32 entries in the entry pool.
    pub pool: u32,
    /// Whether some key starts with an ASCII character.
    pub ascii: bool,
    /// Whether the table is sparse (the lookup then consults the lead2 bitmap first).
    pub sparse: bool,
    /// Whether the sections from the pages on are its family's (they are empty here).
    pub shared: bool,
    /// Whether the char info is a hash table in the pages section (and there is no index).
    pub hashed: bool,
}

impl Header {
    /// The header as written, [`MAGIC`] first.
    pub fn to_words(self) -> [u32; HEADER] {
        [
            MAGIC,
            self.blocks,
            self.pages,
            self.slot_bits,
            self.bloom_bits,
            self.records_len,
            self.reserved,
            self.values_len,
            self.pool,
            self.sparse as u32
                | (self.shared as u32) << 1
                | (self.hashed as u32) << 2
                | (self.ascii as u32) << 3,
        ]
    }

    /// Reads a header, checking the magic word and the field ranges.
    pub fn from_words(w: &[u32; HEADER]) -> Result<Header, FormatError> {
        if w[0] != MAGIC {
            return Err(FormatError::Magic(w[0]));
        }
        let h = Header {
            blocks: w[1],
            pages: w[2],
            slot_bits: w[3],
            bloom_bits: w[4],
            records_len: w[5],
            reserved: w[6],
            values_len: w[7],
            pool: w[8],
            ascii: w[9] & 8 != 0,
            sparse: w[9] & 1 != 0,
            shared: w[9] & 2 != 0,
            hashed: w[9] & 4 != 0,
        };
        if w[9] > 15
            || h.blocks % 2 != 0
            || (h.shared && h.pool != 0)
            || (h.hashed && (h.shared || h.pages == 0 || !h.pages.is_power_of_two()))
            || !(1..32).contains(&h.slot_bits)
            || !(6..32).contains(&h.bloom_bits)
            || h.reserved != 0
            || h.records_len as usize >= MAX_RECORDS
        {
            return Err(FormatError::Header);
        }
        Ok(h)
    }

    /// Words of the entry pool.
    pub fn entry_words(&self) -> usize {
        self.pool as usize * 64
    }

    /// Words of the page index.
    pub fn index_words(&self) -> usize {
        if self.hashed {
            BMP_BITS
        } else {
            INDEX
        }
    }

    /// Slots of a hashed char map, as a power of two.
    pub fn char_bits(&self) -> u32 {
        (self.pages * 128).trailing_zeros()
    }

    /// Words of the Bloom filter.
    pub fn bloom_words(&self) -> usize {
        if self.shared {
            0
        } else {
            (1usize << self.bloom_bits) / 32
        }
    }

    /// Words of the lead2 bitmap.
    pub fn lead2_words(&self) -> usize {
        if self.shared {
            0
        } else {
            LEAD2
        }
    }

    /// Words of the slot table.
    pub fn slot_words(&self) -> usize {
        if self.shared {
            0
        } else {
            2 << self.slot_bits
        }
    }

    /// Bytes of a table with this header.
    pub fn table_len(&self) -> usize {
        4 * (HEADER
            + self.blocks as usize
            + self.entry_words()
            + self.index_words()
            + self.pages as usize * 256
            + self.bloom_words()
            + self.lead2_words()
            + self.slot_words())
            + (self.records_len as usize).next_multiple_of(4)
            + self.values_len as usize
    }
}

/// The sections of a table, without padding: what [`write()`] takes and [`read()`] gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sections<'a> {
    /// Whether some key starts with an ASCII character.
    pub ascii: bool,
    /// Whether the table is sparse.
    pub sparse: bool,
    /// Whether the sections from `pages` on are empty here and read from the family.
    pub shared: bool,
    /// Whether `pages` is a hashed char map (and `index` the bitmap of its BMP characters).
    pub hashed: bool,
    /// The pool block of each 32 keys' entries (an even number of words).
    pub blocks: &'a [u32],
    /// [`INDEX`] words: the page of each block of 256 code points.
    pub index: &'a [u32],
    /// The entry pool, 32 entries a block, two words an entry: value offset; consumed
    /// length | value length << 16 | [`IDENTITY`].
    pub entries: &'a [u32],
    /// 256 words of char info per page: [`DIRECT`] | one-character value, or the
    /// one-character key's entry + 1 (0: none); | [`PHRASE`] when longer keys start with it.
    pub pages: &'a [u32],
    /// The Bloom filter on key pairs (a power of two of at least 64 bits).
    pub bloom: &'a [u64],
    /// 65536 bits: set for the first two UTF-8 bytes of every key's first character.
    pub lead2: &'a [u64],
    /// One word per slot: [`slot_word`] (0: empty).
    pub slots: &'a [u64],
    /// The records of the keys of two or more characters, each slot's in a row, longest
    /// first: one byte (rest length | [`LAST`] on the slot's last), the key's bytes after
    /// its first two characters, its entry number ([`RECORD_ENTRY`] bytes, little endian).
    pub records: &'a [u8],
    /// The values (UTF-8).
    pub values: &'a [u8],
}

impl Sections<'_> {
    /// The two words of entry `e` (the blocks and the entry pool must be this table's).
    pub fn entry(&self, e: usize) -> [u32; 2] {
        let i = (self.blocks[e / 32] as usize * 32 + e % 32) * 2;
        [self.entries[i], self.entries[i + 1]]
    }

    /// The header describing these sections.
    ///
    /// # Panics
    ///
    /// When a section's length does not fit the format (for example, a Bloom filter whose
    /// size is not a power of two, or more than `u32::MAX` bytes of values).
    pub fn header(&self) -> Header {
        let word = |n: usize| u32::try_from(n).expect("table section too large");
        let log2 = |n: usize| {
            assert!(n.is_power_of_two(), "table section size not a power of two");
            n.trailing_zeros()
        };
        let shared_empty = self.entries.is_empty()
            && self.pages.is_empty()
            && self.bloom.is_empty()
            && self.lead2.is_empty()
            && self.slots.is_empty()
            && self.records.is_empty()
            && self.values.is_empty();
        assert!(
            self.entries.len() % 64 == 0
                && self.blocks.len() % 2 == 0
                && self.index.len() == if self.hashed { BMP_BITS } else { INDEX }
                && self.pages.len() % 256 == 0
                && (self.shared || self.lead2.len() * 2 == LEAD2)
                && self.records.len() < MAX_RECORDS
                && (!self.shared || shared_empty),
            "table section lengths"
        );
        Header {
            blocks: word(self.blocks.len()),
            pages: word(self.pages.len() / 256),
            // A shared table has no slots and no Bloom filter: the smallest valid sizes,
            // which describe nothing (its section lengths are 0).
            slot_bits: if self.shared {
                1
            } else {
                log2(self.slots.len())
            },
            bloom_bits: if self.shared {
                6
            } else {
                log2(self.bloom.len() * 64)
            },
            records_len: word(self.records.len()),
            reserved: 0,
            values_len: word(self.values.len()),
            pool: word(self.entries.len() / 64),
            ascii: self.ascii,
            sparse: self.sparse,
            shared: self.shared,
            hashed: self.hashed,
        }
    }
}

/// Writes a table: the header, then every section in order, with the padding the format
/// asks for.
pub fn write(s: &Sections) -> Vec<u8> {
    fn words(out: &mut Vec<u8>, ws: &[u32]) {
        ws.iter()
            .for_each(|w| out.extend_from_slice(&w.to_le_bytes()));
    }
    let header = s.header();
    let mut out = Vec::with_capacity(header.table_len());
    words(&mut out, &header.to_words());
    words(&mut out, s.blocks);
    words(&mut out, s.index);
    words(&mut out, s.entries);
    words(&mut out, s.pages);
    for w in s.bloom.iter().chain(s.lead2).chain(s.slots) {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out.extend_from_slice(s.records);
    out.resize(out.len().next_multiple_of(4), 0);
    out.extend_from_slice(s.values);
    debug_assert_eq!(out.len(), header.table_len());
    out
}

/// Why bytes are not a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// The bytes do not start on an 8-byte boundary.
    Alignment,
    /// The first word is not [`MAGIC`] (it is this).
    Magic(u32),
    /// A header field is out of range.
    Header,
    /// The length differs from what the header describes (expected, found).
    Length(usize, usize),
    /// The page index names a page the table does not have.
    PageIndex,
    /// The hashed char map has no empty slot.
    CharMap,
    /// The blocks section names a block the entry pool does not have.
    Blocks,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::Alignment => write!(f, "table bytes are not 8-byte aligned"),
            FormatError::Magic(w) => write!(
                f,
                "not a zhnorm table (first word {w:#010x}, expected ZHT3)"
            ),
            FormatError::Header => write!(f, "table header field out of range"),
            FormatError::Length(want, got) => {
                write!(f, "table is {got} bytes, its header describes {want}")
            }
            FormatError::PageIndex => write!(f, "table page index names a missing page"),
            FormatError::CharMap => write!(f, "table char map has no empty slot"),
            FormatError::Blocks => write!(f, "table names a missing block of entries"),
        }
    }
}

/// Splits a table into its sections, in place, checking the alignment, the magic word, the
/// header, the total length and the page numbers. The values are not checked to be UTF-8.
pub fn read(bytes: &[u8]) -> Result<Sections<'_>, FormatError> {
    if bytes.as_ptr().align_offset(8) != 0 {
        return Err(FormatError::Alignment);
    }
    // SAFETY: u32 has no invalid bit patterns; `align_to` only yields aligned words.
    let (head, words, _) = unsafe { bytes.align_to::<u32>() };
    if !head.is_empty() {
        return Err(FormatError::Alignment);
    }
    let Some(first) = words.first_chunk::<HEADER>() else {
        return Err(FormatError::Length(HEADER * 4, bytes.len()));
    };
    let h = Header::from_words(first)?;
    if bytes.len() != h.table_len() {
        return Err(FormatError::Length(h.table_len(), bytes.len()));
    }
    let mut at = HEADER;
    let mut take = |len: usize| {
        let s = &words[at..at + len];
        at += len;
        s
    };
    let blocks = take(h.blocks as usize);
    let index = take(h.index_words());
    let entries = take(h.entry_words());
    if !h.shared && blocks.iter().any(|&b| b >= h.pool) {
        return Err(FormatError::Blocks);
    }
    let pages = take(h.pages as usize * 256);
    // A shared table's pages are its family's: the reader checks them against those.
    if !h.shared && !h.hashed && index.iter().any(|&p| p >= h.pages) {
        return Err(FormatError::PageIndex);
    }
    // A hashed char map must have an empty slot, where every search ends.
    if h.hashed && !pages.chunks_exact(2).any(|s| s[0] == 0) {
        return Err(FormatError::CharMap);
    }
    fn as_u64(w: &[u32]) -> Option<&[u64]> {
        // SAFETY: the words are 8-aligned (the bytes are, and every section before the Bloom
        // filter has an even number of words) and u64 has no invalid bit patterns.
        let (head, w64, tail) = unsafe { w.align_to::<u64>() };
        (head.is_empty() && tail.is_empty()).then_some(w64)
    }
    let bloom = as_u64(take(h.bloom_words())).ok_or(FormatError::Alignment)?;
    let lead2 = as_u64(take(h.lead2_words())).ok_or(FormatError::Alignment)?;
    let slots = as_u64(take(h.slot_words())).ok_or(FormatError::Alignment)?;
    let records_at = at * 4;
    let records = &bytes[records_at..records_at + h.records_len as usize];
    let values_at = records_at + (h.records_len as usize).next_multiple_of(4);
    Ok(Sections {
        ascii: h.ascii,
        sparse: h.sparse,
        shared: h.shared,
        hashed: h.hashed,
        blocks,
        entries,
        index,
        pages,
        bloom,
        lead2,
        slots,
        records,
        values: &bytes[values_at..values_at + h.values_len as usize],
    })
}

/// Checks a shared table's blocks and page index against its family's table (which
/// [`read()`] cannot do, reading one table).
pub fn check_member(member: &Sections, family: &Sections) -> Result<(), FormatError> {
    if member
        .index
        .iter()
        .any(|&p| p as usize >= family.pages.len() / 256)
    {
        return Err(FormatError::PageIndex);
    }
    if member
        .blocks
        .iter()
        .any(|&b| b as usize >= family.entries.len() / 64)
    {
        return Err(FormatError::Blocks);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 8-aligned storage for bytes written by [`write()`].
    fn aligned(bytes: &[u8]) -> Vec<u64> {
        let mut w = vec![0u64; bytes.len().div_ceil(8)];
        // SAFETY: `w` holds at least `bytes.len()` bytes; u64 has no invalid bit patterns.
        unsafe {
            std::ptr::copy_nonoverlapping(bytes.as_ptr(), w.as_mut_ptr().cast(), bytes.len())
        };
        w
    }

    /// An entry pool holding `entries` in its first block.
    fn pool(entries: &[u32]) -> Vec<u32> {
        let mut p = entries.to_vec();
        p.resize(64, 0);
        p
    }

    fn as_bytes(w: &[u64], len: usize) -> &[u8] {
        // SAFETY: `len` is at most the byte size of `w`, and u8 has no alignment needs.
        unsafe { std::slice::from_raw_parts(w.as_ptr().cast(), len) }
    }

    #[test]
    fn written_sections_read_back() {
        // One key of three characters (一二三 → 123) and one of one character (四 → 4).
        let mut pages = vec![0u32; 512];
        pages[256] = PHRASE;
        let mut index = vec![0u32; INDEX];
        index[0x4E] = 1;
        let mut lead2 = vec![0u64; LEAD2 / 2];
        lead2[0xE4B8 / 64] |= 1 << (0xE4B8 % 64);
        // 三 (the rest of 一二三), entry 0, the slot's last.
        let mut records = Vec::new();
        push_record(&mut records, "三".as_bytes(), 0, true);
        assert_eq!(records, [3 | LAST, 0xE4, 0xB8, 0x89, 0, 0, 0]);
        assert_eq!(record(&records, 0), ("三".as_bytes(), 0, true));
        let s = Sections {
            ascii: false,
            sparse: true,
            shared: false,
            hashed: false,
            blocks: &[0, 0],
            entries: &pool(&[0, 9 | 3 << 16, 3, 3 | 1 << 16]),
            index: &index,
            pages: &pages,
            bloom: &[1 << 5],
            lead2: &lead2,
            slots: &[slot_word(0x4E00, 0x4E8C, 0), 0],
            records: &records,
            values: b"1234",
        };
        let bytes = write(&s);
        assert_eq!(bytes.len(), s.header().table_len());
        assert_eq!(&bytes[..4], b"ZHT3");
        let store = aligned(&bytes);
        let back = read(as_bytes(&store, bytes.len())).unwrap();
        assert_eq!(back, s);
        assert_eq!(back.entry(1), [3, 3 | 1 << 16]);
        assert_eq!(write(&back), bytes);
    }

    #[test]
    fn hashed_and_shared_tables_read_back() {
        let mut bmp = vec![0u32; BMP_BITS];
        bmp[0x4E00 / 32] |= 1;
        let mut slots = vec![0u32; 256];
        let at = char_slot(0x4E00, 7);
        slots[at * 2..at * 2 + 2].copy_from_slice(&[0x4E00, DIRECT | 0x58F9]);
        let mut s = Sections {
            ascii: false,
            sparse: true,
            shared: false,
            hashed: true,
            blocks: &[0, 0],
            entries: &pool(&[0, 3 | 3 << 16]),
            index: &bmp,
            pages: &slots,
            bloom: &[0],
            lead2: &[0; LEAD2 / 2],
            slots: &[0; 2],
            records: &[],
            values: "壹".as_bytes(),
        };
        let bytes = write(&s);
        let store = aligned(&bytes);
        let back = read(as_bytes(&store, bytes.len())).unwrap();
        assert_eq!(back, s);
        assert_eq!(back.header().char_bits(), 7);
        // A hash table without an empty slot would make a search endless.
        let full: Vec<u32> = (1..=256).collect();
        s.pages = &full;
        let bytes = write(&s);
        let store = aligned(&bytes);
        assert_eq!(
            read(as_bytes(&store, bytes.len())),
            Err(FormatError::CharMap)
        );
        // A shared table: entries and index only.
        let index = vec![0u32; INDEX];
        let member = Sections {
            ascii: false,
            sparse: false,
            shared: true,
            hashed: false,
            blocks: &[0, 0],
            entries: &[],
            index: &index,
            pages: &[],
            bloom: &[],
            lead2: &[],
            slots: &[],
            records: &[],
            values: &[],
        };
        let bytes = write(&member);
        assert_eq!(bytes.len(), 4 * (HEADER + 2 + INDEX));
        let store = aligned(&bytes);
        assert_eq!(read(as_bytes(&store, bytes.len())).unwrap(), member);
    }

    #[test]
    fn damaged_tables_are_refused() {
        let index = vec![0u32; INDEX];
        let s = Sections {
            ascii: true,
            sparse: false,
            shared: false,
            hashed: false,
            blocks: &[0, 0],
            entries: &pool(&[0, 1 | 1 << 16]),
            index: &index,
            pages: &[0; 256],
            bloom: &[0],
            lead2: &[0; LEAD2 / 2],
            slots: &[0; 2],
            records: &[],
            values: b"x",
        };
        let bytes = write(&s);
        let store = aligned(&bytes);
        let ok = as_bytes(&store, bytes.len());
        assert!(read(ok).is_ok());
        assert_eq!(
            read(&ok[..ok.len() - 1]),
            Err(FormatError::Length(ok.len(), ok.len() - 1))
        );
        // A byte view that starts 4 bytes in is not 8-aligned.
        assert_eq!(
            read(&as_bytes(&store, bytes.len())[4..]),
            Err(FormatError::Alignment)
        );
        let mut bad = store.clone();
        bad[0] ^= 1;
        assert!(matches!(
            read(as_bytes(&bad, bytes.len())),
            Err(FormatError::Magic(_))
        ));
        // Page 1 of a table with one page.
        let mut bad = store.clone();
        let at = HEADER + 2; // the first index word (after 2 block words)
        bad[at / 2] |= 1 << (32 * (at % 2));
        assert_eq!(
            read(as_bytes(&bad, bytes.len())),
            Err(FormatError::PageIndex)
        );
    }
}
