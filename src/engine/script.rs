//! Script evidence: which script a clause is written in, judged from the script weights of
//! its characters (see `weights::weight_of_u32` and DESIGN.md, "Script weights"), and the
//! variation selectors that end a phrase match.

use super::Scratch;
use crate::{table, weights};

/// Half bits a clause must lean towards one script to be judged written in it: 3 bits, an
/// 8:1 likelihood (one character that is 8 times more frequent in one script is enough).
pub(super) const DECISIVE: i32 = 6;

/// Whether a clause should get the full conversion (it is written in the other script
/// than the target, Traditional when `to_traditional`): `Some` when its weights decide,
/// `None` when they lean less than [`DECISIVE`] either way. Records in `scratch` whether it
/// holds a variation selector.
pub(super) fn other_script(
    text: &str,
    to_traditional: bool,
    scratch: &mut Scratch,
) -> Option<bool> {
    let mut score = 0i32; // half bits towards Simplified
    let b = text.as_bytes();
    let mut selectors = false;
    let mut i = 0;
    while i < b.len() {
        let lead = b[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        let (c, len) = table::decode(text, i);
        i += len;
        // A variation selector names a glyph of the character before it, which is
        // converted like any other character (as MediaWiki does) and so counts like one.
        if is_selector_code(c) {
            selectors = true;
            continue;
        }
        score += weights::weight_of_u32(c);
    }
    scratch.selectors = selectors;
    decision_of(score, to_traditional)
}

/// The decision [`other_script`] takes on a clause whose weights sum to `score` half bits
/// towards Simplified.
pub(crate) fn decision_of(score: i32, to_traditional: bool) -> Option<bool> {
    let towards_other = if to_traditional { score } else { -score };
    if towards_other >= DECISIVE {
        Some(true)
    } else if towards_other <= -DECISIVE {
        Some(false)
    } else {
        None
    }
}

/// Whether `c` is a variation selector (standardized or ideographic).
pub(crate) fn is_variation_selector(c: char) -> bool {
    is_selector_code(c as u32)
}

/// [`is_variation_selector`] for a code point: U+FE00–FE0F or U+E0100–E01EF, tested
/// without branches (the evidence scan calls it for every character).
#[inline]
pub(super) fn is_selector_code(c: u32) -> bool {
    (c.wrapping_sub(0xFE00) < 0x10) | (c.wrapping_sub(0xE0100) < 0xF0)
}

/// The first run of variation selectors: (its start, its end). The base character before
/// it is left to the text before, so a phrase may end with the base but none crosses the
/// selector.
pub(crate) fn find_selectors(text: &str) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    // FE00–FE0F: EF B8 80–8F. E0100–E01EF: F3 A0 84 80 – F3 A0 87 AF (the lead bytes
    // also cover E01F0–E01FF, so the decoded character is checked too).
    let start = (0..b.len()).find(|&i| {
        ((b[i] == 0xEF
            && b.get(i + 1) == Some(&0xB8)
            && b.get(i + 2).is_some_and(|x| (0x80..=0x8F).contains(x)))
            || (b[i] == 0xF3
                && b.get(i + 1) == Some(&0xA0)
                && b.get(i + 2).is_some_and(|x| (0x84..=0x87).contains(x))))
            && text[i..].chars().next().is_some_and(is_variation_selector)
    })?;
    let end = start
        + text[start..]
            .char_indices()
            .find(|&(_, c)| !is_variation_selector(c))
            .map_or(text.len() - start, |(i, _)| i);
    debug_assert!(end > start);
    Some((start, end))
}
