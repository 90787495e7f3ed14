//! Script statistics: which characters say "Simplified" and which say "Traditional".

use crate::table::{class_of, SIMPLIFIED, TRADITIONAL};

/// Counts of script-specific characters in a text (see [`script_counts`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    /// Characters that only occur in Simplified text (OpenCC converts them to Traditional,
    /// they are not Traditional characters themselves, and no conversion outputs them).
    pub simplified: usize,
    /// Characters that only occur in Traditional text (the mirror image).
    pub traditional: usize,
}

/// Counts the characters of `text` that are evidence of one script.
///
/// ```
/// let c = zhnorm::script_counts("这是簡體和繁體");
/// assert_eq!((c.simplified, c.traditional), (1, 3)); // 这 / 簡 體 體
/// ```
pub fn script_counts(text: &str) -> ScriptCounts {
    let mut c = ScriptCounts::default();
    for ch in text.chars() {
        let k = class_of(ch);
        c.simplified += (k & SIMPLIFIED != 0) as usize;
        c.traditional += (k & TRADITIONAL != 0) as usize;
    }
    c
}
