//! Embedded lookup tables compiled by `build.rs`, loaded lazily and shared.
//!
//! A table is one leftmost-longest automaton over all keys of a dictionary group. Each key
//! carries the result OpenCC's `MatchPrefix` gives for text starting with that key: the
//! value and how many bytes it consumes (which may be fewer than the key when a
//! short-circuit group prefers an earlier dictionary's shorter match). Because every
//! dictionary match at a position is a prefix of the longest key matching there, this
//! reproduces OpenCC's group semantics exactly with one automaton per group.

use std::sync::OnceLock;

use daachorse::CharwiseDoubleArrayAhoCorasick;

#[allow(dead_code)]
pub(crate) struct ConfigSpec {
    pub name: &'static str,
    pub title: &'static str,
    pub normalization: &'static [usize],
    pub segmentation: Option<usize>,
    pub stages: &'static [usize],
}

mod generated {
    use super::ConfigSpec;
    include!(concat!(env!("OUT_DIR"), "/tables.rs"));
}
#[allow(unused_imports)]
pub(crate) use generated::*;

const IDENTITY: u32 = 1 << 31;

#[derive(Clone, Copy)]
struct Entry {
    value_off: u32,
    value_len: u32,
    /// Consumed byte length, with [`IDENTITY`] set when the value equals the consumed text.
    consumed: u32,
}

/// One compiled dictionary group.
pub(crate) struct Table {
    ac: CharwiseDoubleArrayAhoCorasick<u32>,
    /// The entries, read in place from the embedded bytes (12 bytes each).
    entries: &'static [u8],
    values: &'static str,
}

fn read_u32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

impl Table {
    fn load(bytes: &'static [u8]) -> Table {
        let n = read_u32(bytes, 0) as usize;
        let entries = &bytes[4..4 + n * 12];
        let blob_at = 4 + n * 12;
        let blob_len = read_u32(bytes, blob_at) as usize;
        let blob = &bytes[blob_at + 4..blob_at + 4 + blob_len];
        let values = std::str::from_utf8(blob).expect("embedded table values are UTF-8");
        // SAFETY: the bytes were produced by `serialize()` of the same daachorse version in
        // build.rs and are embedded unchanged, which is the documented precondition.
        let (ac, _) = unsafe {
            CharwiseDoubleArrayAhoCorasick::<u32>::deserialize_unchecked(
                &bytes[blob_at + 4 + blob_len..],
            )
        };
        Table {
            ac,
            entries,
            values,
        }
    }

    #[inline(always)]
    fn entry(&self, i: u32) -> Entry {
        let at = i as usize * 12;
        Entry {
            value_off: read_u32(self.entries, at),
            value_len: read_u32(self.entries, at + 4),
            consumed: read_u32(self.entries, at + 8),
        }
    }

    /// The table with generated id `id`, loaded on first use.
    pub(crate) fn get(id: usize) -> &'static Table {
        static LOADED: [OnceLock<Table>; TABLE_BYTES.len()] =
            [const { OnceLock::new() }; TABLE_BYTES.len()];
        LOADED[id].get_or_init(|| Table::load(TABLE_BYTES[id]))
    }

    /// Bytes of heap the loaded table uses.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.ac.heap_bytes()
    }

    /// Converts `text` (OpenCC's greedy loop: at each position the group's match, else one
    /// character unchanged) and appends the result to `out`. Returns whether anything changed.
    pub(crate) fn convert(&self, text: &str, out: &mut String) -> bool {
        let mut changed = false;
        let mut copied = 0; // bytes of `text` already appended or replaced
        let mut from = 0; // where the current automaton search started
        'search: loop {
            for m in self.ac.leftmost_find_iter(&text[from..]) {
                let start = from + m.start();
                let e = self.entry(m.value());
                let consumed = (e.consumed & !IDENTITY) as usize;
                out.push_str(&text[copied..start]);
                if e.consumed & IDENTITY != 0 {
                    out.push_str(&text[start..start + consumed]);
                } else {
                    let v = e.value_off as usize;
                    out.push_str(&self.values[v..v + e.value_len as usize]);
                    changed = true;
                }
                copied = start + consumed;
                if copied != from + m.end() {
                    // A shorter match won: resume right after it.
                    from = copied;
                    continue 'search;
                }
            }
            break;
        }
        out.push_str(&text[copied..]);
        changed
    }

    /// Max-match segmentation (OpenCC `mmseg`): calls `f` with every segment in order.
    /// Matched words are segments of their own; the text between them forms one segment.
    pub(crate) fn segment<'t>(&self, text: &'t str, mut f: impl FnMut(&'t str)) {
        let mut last = 0;
        let mut from = 0;
        'search: loop {
            for m in self.ac.leftmost_find_iter(&text[from..]) {
                let start = from + m.start();
                let e = self.entry(m.value());
                let end = start + (e.consumed & !IDENTITY) as usize;
                if start > last {
                    f(&text[last..start]);
                }
                f(&text[start..end]);
                last = end;
                if end != from + m.end() {
                    from = end;
                    continue 'search;
                }
            }
            break;
        }
        if last < text.len() {
            f(&text[last..]);
        }
    }
}

/// Character classes for script evidence (see `build.rs`).
pub(crate) const SIMPLIFIED: u8 = 1;
pub(crate) const TRADITIONAL: u8 = 2;

#[inline]
pub(crate) fn class_of(c: char) -> u8 {
    let i = (c as u32).wrapping_sub(CLASS_BASE) as usize;
    if i < CLASS.len() {
        CLASS[i]
    } else {
        0
    }
}
