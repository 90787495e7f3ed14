//! Rules that override the dictionaries: page rules from markup and user dictionaries.
//!
//! A rule's key wins over any dictionary phrase: text is split at rule matches (leftmost,
//! longest key), the gaps are converted by the engine and each match is replaced by the
//! rule's value as written. The cost is linear in the text length times the longest key.

use std::collections::HashMap;

/// A set of `key → value` rules.
#[derive(Clone, Default, Debug)]
pub(crate) struct Rules {
    map: HashMap<String, String>,
    /// Longest key (in chars) per first character.
    longest: HashMap<char, usize>,
}

impl Rules {
    pub(crate) fn insert(&mut self, key: String, value: String) {
        let Some(first) = key.chars().next() else {
            return;
        };
        let n = key.chars().count();
        let e = self.longest.entry(first).or_insert(0);
        *e = (*e).max(n);
        self.map.insert(key, value);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The longest rule key at the start of `text`: (byte length, value).
    fn match_at(&self, text: &str) -> Option<(usize, &str)> {
        let first = text.chars().next()?;
        let max = *self.longest.get(&first)?;
        let mut best = None;
        let ends = text
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()));
        for e in ends.take(max) {
            if let Some(v) = self.map.get(&text[..e]) {
                best = Some((e, v.as_str()));
            }
        }
        best
    }

    /// Appends `text` to `out`, replacing rule matches and converting the gaps with `convert`.
    pub(crate) fn apply(
        &self,
        text: &str,
        out: &mut String,
        mut convert: impl FnMut(&str, &mut String),
    ) {
        let mut gap = 0;
        let mut i = 0;
        while i < text.len() {
            if let Some((len, value)) = self.match_at(&text[i..]) {
                if gap < i {
                    convert(&text[gap..i], out);
                }
                out.push_str(value);
                i += len;
                gap = i;
            } else {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
        if gap < text.len() {
            convert(&text[gap..], out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_rule_wins_and_gaps_are_converted() {
        let mut r = Rules::default();
        r.insert("软件".into(), "軟件".into());
        r.insert("软件包".into(), "套件".into());
        let mut out = String::new();
        r.apply("a软件包b软件", &mut out, |t, o| {
            o.push_str(&t.to_uppercase())
        });
        assert_eq!(out, "A套件B軟件");
    }
}
