//! A post-stage composed into the script table before it: one pass writes what the two
//! passes write (`Composed`).
//!
//! The compiler proves, for each post-stage it marks (`POST_COMPOSITION`, see
//! `recipes::post_composition` in the dictionary compiler), that the stage changes text
//! one character at a time by a map of three-byte characters, except where the text holds
//! one of its *guard* characters (characters of its longer keys: 樑 in 張棟樑, three for
//! the Taiwan forms, 58–300 for the Hong Kong forms and the vocabularies). The composed
//! table is the script table with that map applied to everything it writes: its values,
//! its one-character values and the characters it keeps (in its fast map, built with the
//! map applied). It reports whether it wrote a guard character (the fast map leaves those
//! to the general loop, which looks each written character up), and only such output goes
//! through the post-stage itself, which gives the same text as the two passes (the proof
//! is in the compiler).

use super::fast::{MAPPED, SLOW};
use super::utf8::{decode3, utf8_3};
use super::{Table, TableId, FAMILY_BYTES, POST_COMPOSITION, TABLE_BYTES, TABLE_FAMILY};
use std::sync::Mutex;

/// A post-stage's character map (three-byte characters to three-byte characters) and its
/// guard characters (three bytes too).
pub(crate) struct PostMap {
    /// One bit per BMP character, set for the keys and guard characters (all in the
    /// BMP): the characters the map leaves are answered by one load.
    bits: Box<[u64; 1024]>,
    /// The pairs, sorted by key.
    pairs: Vec<(u32, u32)>,
    guard: Vec<u32>,
}

impl PostMap {
    fn new(pairs: &str, guard: &str) -> PostMap {
        let mut map = PostMap {
            bits: Box::new([0; 1024]),
            pairs: Vec::new(),
            // (Both come sorted from the compiler, which writes them from ordered sets.)
            guard: guard.chars().map(|c| c as u32).collect(),
        };
        let mut cs = pairs.chars();
        while let (Some(k), Some(v)) = (cs.next(), cs.next()) {
            map.pairs.push((k as u32, v as u32));
        }
        debug_assert!(map.pairs.windows(2).all(|w| w[0].0 < w[1].0));
        debug_assert!(map.guard.windows(2).all(|w| w[0] < w[1]));
        for c in map.pairs.iter().map(|p| p.0).chain(map.guard.clone()) {
            map.bits[(c as usize / 64) & 1023] |= 1 << (c % 64);
        }
        map
    }

    /// The character `c` is written as; sets `guarded` when it is a guard character.
    #[inline(always)]
    pub(super) fn get(&self, c: u32, guarded: &mut bool) -> u32 {
        if c >= 0x10000 || self.bits[c as usize / 64] & 1 << (c % 64) == 0 {
            return c;
        }
        self.find(c, guarded)
    }

    #[inline(never)]
    fn find(&self, c: u32, guarded: &mut bool) -> u32 {
        match self.pairs.binary_search_by_key(&c, |&(k, _)| k) {
            Ok(at) => self.pairs[at].1,
            Err(_) => {
                *guarded |= self.guard.binary_search(&c).is_ok();
                c
            }
        }
    }

    /// Rewrites in place the three-byte characters of `bytes` (whole UTF-8 characters)
    /// that the map changes (its values are three bytes too); sets `guarded` when one is a
    /// guard character. Returns whether it changed any.
    pub(super) fn remap(&self, bytes: &mut [u8], guarded: &mut bool) -> bool {
        let mut changed = false;
        let mut i = 0;
        while i < bytes.len() {
            let lead = bytes[i];
            if lead & 0xF0 == 0xE0 {
                let x =
                    u32::from(lead) | u32::from(bytes[i + 1]) << 8 | u32::from(bytes[i + 2]) << 16;
                let c = decode3(x);
                let v = self.get(c, guarded);
                if v != c {
                    bytes[i..i + 3].copy_from_slice(&utf8_3(v).to_le_bytes()[..3]);
                    changed = true;
                }
                i += 3;
            } else {
                i += super::utf8::utf8_len(lead);
            }
        }
        changed
    }

    /// Whether the block of 256 code points starting at `hi << 8` holds a key or a guard
    /// character.
    pub(super) fn in_block(&self, hi: u32) -> bool {
        // The block's 256 bits are four words of `bits`.
        let at = (hi as usize & 255) * 4;
        self.bits[at..at + 4].iter().any(|&w| w != 0)
    }

    /// The map applied to a [`Fast`](super::fast::Fast) entry `f` of character `c`: its value (or `c` kept)
    /// as the map writes it, or [`SLOW`] (the general loop, which reports it) where that
    /// is a guard character. Entries for the general loop are left to it.
    pub(super) fn fast_entry(&self, c: u32, f: u32) -> u32 {
        if f & SLOW != 0 {
            return f;
        }
        let written = if f & MAPPED != 0 {
            decode3(f & 0xFF_FFFF)
        } else {
            c
        };
        let mut guarded = false;
        let v = self.get(written, &mut guarded);
        if guarded {
            f | SLOW
        } else if v == written {
            f
        } else if v == c {
            // (A value mapped back to the character itself: kept.)
            f & !(MAPPED | 0xFF_FFFF)
        } else {
            f & !0xFF_FFFF | MAPPED | utf8_3(v)
        }
    }
}

/// A script table with a post-stage composed into it.
pub(crate) struct Composed {
    /// The script table, writing through the post-stage's map.
    table: Table,
}

impl Composed {
    /// Bytes of the maps built for it: its fast map and the post-stage's map (the
    /// embedded tables it reads are the script table's).
    pub(crate) fn heap_bytes(&self) -> usize {
        let map = self.table.post.as_ref().map_or(0, |m| {
            std::mem::size_of_val(&*m.bits) + m.pairs.len() * 8 + m.guard.len() * 4
        });
        self.table.heap_bytes() + map
    }

    /// Converts `text` with the script table, through the post-stage's map, and appends
    /// the result to `out`. Returns whether the result holds a guard character: then it
    /// must go through the post-stage itself.
    pub(crate) fn convert(&self, text: &str, out: &mut String) -> bool {
        self.table.convert_composed(text, out)
    }
}

impl Table {
    /// The script table `script` with the post-stage `post` composed into it, built on
    /// first use; `None` when the compiler did not mark `post` as composable or `script`
    /// has no map of three-byte characters ([`Fast`](super::fast::Fast)) to compose into.
    pub(crate) fn composed(script: TableId, post: TableId) -> Option<&'static Composed> {
        static BUILT: Mutex<Vec<(TableId, TableId, Option<&'static Composed>)>> =
            Mutex::new(Vec::new());
        let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&(_, _, c)) = built.iter().find(|e| e.0 == script && e.1 == post) {
            return c;
        }
        let c = Self::compose(script, post).map(|c| &*Box::leak(Box::new(c)));
        built.push((script, post, c));
        c
    }

    fn compose(script: TableId, post: TableId) -> Option<Composed> {
        let (pairs, guard) = POST_COMPOSITION[post.index()]?;
        let id = script.index();
        let table = Table::load(
            TABLE_BYTES[id].bytes(),
            TABLE_FAMILY[id].map(|f| FAMILY_BYTES[f].bytes()),
            Some(PostMap::new(pairs, guard)),
        );
        table.fast.is_some().then_some(Composed { table })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::fast::Fast;

    /// The fast map of a table with no page where the map has a key or a guard character
    /// gets one: the key is written as the map writes it, the guard character is left to
    /// the general loop, the rest of the block is kept. (The embedded script tables all
    /// have pages where their post-stages have characters, so only this test reaches it.)
    #[test]
    fn fast_map_gets_pages_for_the_post_map() {
        let map = PostMap::new("丟丢", "樑");
        let (index, pages) = (vec![0u32; 256], vec![0u32; 256]);
        let fast = Fast::build(&index, &pages, Some(&map));
        assert_eq!(fast.get('丟' as u32), MAPPED | utf8_3('丢' as u32));
        assert_eq!(fast.get('樑' as u32) & SLOW, SLOW);
        assert_eq!(fast.get('丣' as u32), 0);
        let plain = Fast::build(&index, &pages, None);
        assert_eq!(plain.get('丟' as u32), 0);
    }
}
