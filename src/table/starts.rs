//! Where in a whole text a table may change anything: one SIMD search (aho-corasick's
//! packed searcher, Teddy) for the characters that start its keys, for hashed tables
//! with few of them (the regional pre-stages; [`Table::key_starts`]).

use super::Table;
use aho_corasick::packed;

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

impl Table {
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
}
