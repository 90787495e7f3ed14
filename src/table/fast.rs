//! [`Fast`]: the map of a dense table's three-byte characters from which the conversion
//! loop writes most characters with one store each.

use super::compose::PostMap;
use super::format::{DIRECT, PHRASE};
use super::utf8::utf8_3;

/// A dense table's char info for the three-byte characters (U+0800–FFFF, all of CJK and
/// its punctuation), built when the table is loaded: per character, the UTF-8 bytes of a
/// one-character value, written with one store, or nothing to look up (the character is
/// kept); [`SLOW`] for what the general loop handles (values of other lengths, entries).
pub(super) struct Fast {
    /// Fast page of each block of 256 code points (0: the page of characters without info).
    pub(super) index: [u16; 256],
    /// 256 words per page: [`PHRASE`] | [`SLOW`] | [`MAPPED`] | the value's three UTF-8
    /// bytes (lead byte lowest), or [`PHRASE`] alone (or 0) for a character kept as it is.
    pub(super) pages: Vec<u32>,
}

/// [`Fast`]: the general loop handles this character.
pub(super) const SLOW: u32 = 1 << 30;
/// [`Fast`]: the low three bytes are the UTF-8 of the character's one-character value,
/// which differs from the character.
pub(super) const MAPPED: u32 = 1 << 29;

impl Fast {
    /// Built from a paged table's index and pages; with `post`, what it writes goes
    /// through a post-stage's map (see `compose`).
    pub(super) fn build(index: &[u32], pages: &[u32], post: Option<&PostMap>) -> Fast {
        let mut fast = Fast {
            index: [0; 256],
            pages: vec![0; 256],
        };
        for hi in 0x08..0x100u32 {
            let page = index[hi as usize] as usize;
            if page == 0 && !post.is_some_and(|p| p.in_block(hi)) {
                // All zero: no character of the block has info; they are kept (a post-stage
                // map changes none of them).
                continue;
            }
            fast.index[hi as usize] = (fast.pages.len() / 256) as u16;
            for lo in 0..256u32 {
                let c = hi << 8 | lo;
                // (Page 0 is all zero: no info.)
                let e = Fast::entry(c, pages[page * 256 + lo as usize]);
                fast.pages.push(match post {
                    Some(post) => post.fast_entry(c, e),
                    None => e,
                });
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
    pub(super) fn get(&self, c: u32) -> u32 {
        let page = self.index[(c >> 8) as usize & 255] as usize;
        // SAFETY: every page number in `index` was pushed with its 256 words.
        unsafe { *self.pages.get_unchecked(page << 8 | (c & 255) as usize) }
    }
}
