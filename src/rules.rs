//! Rules that override the dictionaries: page rules from markup and user dictionaries.
//!
//! A rule's key wins over any dictionary phrase: text is split at rule matches (leftmost,
//! longest key), the gaps are converted by the engine and each match is replaced by the
//! rule's value as written. At each position only the key lengths that exist for the
//! character there are looked up, longest first, so the cost is the text length times the
//! number of distinct key lengths per first character (times the hashing of each prefix).

use std::collections::HashMap;

/// A set of `key → value` rules.
#[derive(Clone, Default, Debug)]
pub(crate) struct Rules {
    map: HashMap<String, String>,
    /// The distinct byte lengths of the keys per first character, longest first. Looking
    /// up every prefix up to the longest key hashed O(L²) bytes per position for a key of
    /// L characters (issue 14 D4); only the lengths of actual keys can match.
    lengths: HashMap<char, Vec<usize>>,
}

impl Rules {
    pub(crate) fn insert(&mut self, key: String, value: String) {
        let Some(first) = key.chars().next() else {
            return;
        };
        let lengths = self.lengths.entry(first).or_default();
        if let Err(at) = lengths.binary_search_by(|n| key.len().cmp(n)) {
            lengths.insert(at, key.len());
        }
        self.map.insert(key, value);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The longest rule key at the start of `text`: (byte length, value).
    fn match_at(&self, text: &str) -> Option<(usize, &str)> {
        let first = text.chars().next()?;
        self.lengths
            .get(&first)?
            .iter()
            .filter(|&&n| text.is_char_boundary(n))
            .find_map(|&n| self.map.get(&text[..n]).map(|v| (n, v.as_str())))
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

    /// Keys of many lengths sharing a first character: the longest that matches wins,
    /// whatever the order of insertion; a later value for a key replaces the earlier one.
    #[test]
    fn longest_of_many_lengths_wins() {
        let mut r = Rules::default();
        for key in ["软件包管理", "软", "软件包", "软件", "软x"] {
            r.insert(key.into(), format!("<{key}>"));
        }
        r.insert("软件".into(), "<軟件>".into());
        let mut out = String::new();
        r.apply(
            "软件包管理软件包管软件软x软",
            &mut out,
            |t, o| o.push_str(t),
        );
        assert_eq!(out, "<软件包管理><软件包>管<軟件><软x><软>");
    }
}
