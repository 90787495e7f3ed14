//! Script statistics: which characters say "Simplified" and which say "Traditional".

use crate::weights::{class_of, SIMPLIFIED, TRADITIONAL};

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

/// Script statistics of a text (see [`detect`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Simplified-only characters.
    pub simplified: usize,
    /// Traditional-only characters.
    pub traditional: usize,
    /// Other Han characters (shared by both scripts, or ambiguous).
    pub shared: usize,
}

impl Report {
    /// All Han characters counted.
    ///
    /// ```
    /// assert_eq!(zhnorm::detect("漢字和汉字").han(), 5);
    /// ```
    pub fn han(&self) -> usize {
        self.simplified + self.traditional + self.shared
    }

    /// The more likely script and a confidence in `0.5..=1.0` (the share of the majority
    /// among script-specific characters); `None` when there are none.
    ///
    /// ```
    /// use zhnorm::{detect, Variant};
    /// assert_eq!(detect("這是繁體字").likely(), Some((Variant::Hant, 1.0)));
    /// assert_eq!(detect("中文").likely(), None);
    /// ```
    pub fn likely(&self) -> Option<(crate::Variant, f64)> {
        let total = self.simplified + self.traditional;
        if total == 0 {
            return None;
        }
        if self.traditional > self.simplified {
            Some((crate::Variant::Hant, self.traditional as f64 / total as f64))
        } else {
            Some((crate::Variant::Hans, self.simplified as f64 / total as f64))
        }
    }

    /// Whether the text is consistently in `variant`'s script: no character specific to
    /// the other script.
    ///
    /// ```
    /// use zhnorm::{detect, Variant};
    /// assert!(detect("這是繁體字").is_consistent(Variant::Tw));
    /// assert!(!detect("這是繁体字").is_consistent(Variant::Hant));
    /// ```
    pub fn is_consistent(&self, variant: crate::Variant) -> bool {
        if variant.is_traditional() {
            self.simplified == 0
        } else {
            self.traditional == 0
        }
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{323AF}')
}

/// Counts Simplified-only, Traditional-only and shared Han characters, using the
/// characters' classes derived from the shipped dictionaries.
///
/// ```
/// let r = zhnorm::detect("这是簡體和繁體");
/// assert_eq!((r.simplified, r.traditional, r.shared), (1, 3, 3));
/// ```
pub fn detect(text: &str) -> Report {
    let mut r = Report::default();
    for ch in text.chars() {
        let k = class_of(ch);
        if k & SIMPLIFIED != 0 {
            r.simplified += 1;
        } else if k & TRADITIONAL != 0 {
            r.traditional += 1;
        } else if is_han(ch) {
            r.shared += 1;
        }
    }
    r
}
