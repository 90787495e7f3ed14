//! Script evidence per character, from the arrays the dictionary compiler generates
//! (`dictionaries/compiler/src/evidence.rs` and `weights.rs`): a code point's class
//! (evidence of Simplified or of Traditional) and its script weight.

use crate::table::{CLASS, CLASS_BASE, WEIGHT};

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
    let class = &CLASS.bytes().0;
    let i = c.wrapping_sub(CLASS_BASE) as usize;
    if i < class.len() {
        class[i]
    } else {
        0
    }
}

/// The script weight of a code point in half bits: positive when it is more frequent in
/// Simplified text than in Traditional text, negative for the reverse, 0 for characters
/// the same in both or unknown (see the dictionary compiler's `weights` module).
#[inline]
pub(crate) fn weight_of_u32(c: u32) -> i32 {
    let weight = &WEIGHT.bytes().0;
    let i = c.wrapping_sub(CLASS_BASE) as usize;
    if i < weight.len() {
        weight[i] as i8 as i32
    } else {
        0
    }
}
