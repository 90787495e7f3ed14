//! A post-stage composed into the script table before it: one pass writes what the two
//! passes write (`Composed`).
//!
//! The compiler proves, for each post-stage it marks (`POST_COMPOSITION`, see
//! `recipes::post_composition` in the dictionary compiler), that the stage changes text
//! one character at a time by a map of three-byte characters, except where the text holds
//! one of a few *guard* characters (those of its longer keys, 樑 in 張棟樑). The composed
//! table is the script table with that map applied to everything it writes: its values,
//! its one-character values and the characters it keeps. Its output goes through the
//! post-stage itself only when it holds a guard character, which gives the same text as
//! the two passes (the proof is in the compiler).

use super::fast::Fast;
use super::utf8::{decode3, utf8_3};
use super::{Table, TableId, FAMILY_BYTES, POST_COMPOSITION, TABLE_BYTES, TABLE_FAMILY};
use aho_corasick::packed;
use std::sync::Mutex;

/// A post-stage's character map (three-byte characters to three-byte characters).
pub(crate) struct PostMap {
    /// One bit per `c % 1024` of the keys: most characters are answered by it.
    filter: [u64; 16],
    /// The pairs, sorted by key.
    pairs: Vec<(u32, u32)>,
}

impl PostMap {
    fn new(pairs: &str) -> PostMap {
        let mut cs = pairs.chars();
        let mut map = PostMap {
            filter: [0; 16],
            pairs: Vec::new(),
        };
        while let (Some(k), Some(v)) = (cs.next(), cs.next()) {
            let k = k as u32;
            map.filter[(k as usize % 1024) / 64] |= 1 << (k % 64);
            map.pairs.push((k, v as u32));
        }
        map.pairs.sort_unstable();
        map
    }

    /// The character `c` is written as.
    #[inline(always)]
    pub(super) fn get(&self, c: u32) -> u32 {
        if self.filter[(c as usize % 1024) / 64] & 1 << (c % 64) == 0 {
            return c;
        }
        self.find(c)
    }

    #[inline(never)]
    fn find(&self, c: u32) -> u32 {
        match self.pairs.binary_search_by_key(&c, |&(k, _)| k) {
            Ok(at) => self.pairs[at].1,
            Err(_) => c,
        }
    }

    /// Rewrites in place the three-byte characters of `bytes` (whole UTF-8 characters)
    /// that the map changes (its values are three bytes too). Returns whether it changed
    /// any.
    pub(super) fn remap(&self, bytes: &mut [u8]) -> bool {
        let mut changed = false;
        let mut i = 0;
        while i < bytes.len() {
            let lead = bytes[i];
            if lead & 0xF0 == 0xE0 {
                let x =
                    u32::from(lead) | u32::from(bytes[i + 1]) << 8 | u32::from(bytes[i + 2]) << 16;
                let c = decode3(x);
                let v = self.get(c);
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

    /// The map applied to a [`Fast`] entry of character `c`: its value (or `c` kept) as
    /// the map writes it. Entries for the general loop are left to it.
    pub(super) fn fast_entry(&self, c: u32, f: u32) -> u32 {
        use super::fast::{MAPPED, SLOW};
        if f & SLOW != 0 {
            return f;
        }
        let written = if f & MAPPED != 0 {
            decode3(f & 0xFF_FFFF)
        } else {
            c
        };
        let v = self.get(written);
        if v == written {
            f
        } else if v == c {
            // (A map whose value is the character itself: kept.)
            f & !(MAPPED | 0xFF_FFFF)
        } else {
            f & !0xFF_FFFF | MAPPED | utf8_3(v)
        }
    }
}

/// A script table with a post-stage composed into it.
pub(crate) struct Composed {
    /// The script table, writing through the post-stage's map.
    pub(crate) table: Table,
    /// Finds the post-stage's guard characters (SIMD), if the CPU can.
    searcher: Option<packed::Searcher>,
    /// The guard characters.
    guard: Vec<char>,
}

impl Composed {
    /// Whether `text`, written by [`table`](Self::table), must go through the post-stage
    /// (it holds a guard character).
    #[inline]
    pub(crate) fn guarded(&self, text: &str) -> bool {
        match &self.searcher {
            Some(s) => s.find(text.as_bytes()).is_some(),
            None => text.chars().any(|c| self.guard.contains(&c)),
        }
    }
}

impl Table {
    /// The script table `script` with the post-stage `post` composed into it, built on
    /// first use; `None` when the compiler did not mark `post` as composable or `script`
    /// has no map of three-byte characters ([`Fast`]) to compose into.
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
        let mut table = Table::load(
            TABLE_BYTES[id].bytes(),
            TABLE_FAMILY[id].map(|f| FAMILY_BYTES[f].bytes()),
        );
        let fast = table.fast.as_mut()?;
        let map = PostMap::new(pairs);
        fast.compose(&map);
        let guard: Vec<char> = guard.chars().collect();
        // Under Miri the scan over characters runs (the searcher's SIMD is not interpreted).
        let searcher = if cfg!(miri) {
            None
        } else {
            let mut b = packed::Config::new().builder();
            for c in &guard {
                b.add(c.encode_utf8(&mut [0; 4]).as_bytes());
            }
            b.build()
        };
        table.post = Some(map);
        Some(Composed {
            table,
            searcher,
            guard,
        })
    }
}

impl Fast {
    /// Applies `map` to every entry, adding pages for blocks without one where the map
    /// changes a character.
    fn compose(&mut self, map: &PostMap) {
        for &(c, _) in &map.pairs {
            let hi = (c >> 8) as usize & 255;
            if self.index[hi] == 0 {
                self.index[hi] = (self.pages.len() / 256) as u16;
                self.pages.extend(std::iter::repeat_n(0, 256));
            }
        }
        for hi in 0x08..0x100u32 {
            let page = self.index[hi as usize] as usize;
            if page == 0 {
                continue;
            }
            for lo in 0..256u32 {
                let e = &mut self.pages[page * 256 + lo as usize];
                *e = map.fast_entry(hi << 8 | lo, *e);
            }
        }
    }
}
