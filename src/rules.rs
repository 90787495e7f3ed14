//! Rules that override the dictionaries: page rules from markup and user dictionaries.
//!
//! A rule's key wins over any dictionary phrase: text is split at rule matches (leftmost,
//! longest key), the gaps are converted by the engine and each match is replaced by the
//! rule's value as written.
//!
//! A text at least as long as all keys together is matched with an Aho-Corasick automaton
//! (leftmost-longest: the same matches), built once per set of keys and then used for
//! every text: its cost is covered by the text, so matching stays linear however long the
//! keys are (issue 14, D4). Before that, a shorter text looks up, at each position, only
//! the key lengths that exist for the character there, longest first.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

/// A set of `key → value` rules.
#[derive(Clone, Default, Debug)]
pub(crate) struct Rules {
    map: HashMap<String, String>,
    /// The distinct byte lengths of the keys per first character, longest first. Looking
    /// up every prefix up to the longest key hashed O(L²) bytes per position for a key of
    /// L characters (issue 14 D4); only the lengths of actual keys can match.
    lengths: HashMap<char, Vec<usize>>,
    /// Bytes of all keys together.
    key_bytes: usize,
    /// The keys' automaton, built on first use by a long text (`None`: too big to build).
    automaton: OnceLock<Option<Arc<AhoCorasick>>>,
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
        let len = key.len();
        if self.map.insert(key, value).is_none() {
            // A new key: the automaton no longer matches the set.
            self.key_bytes += len;
            self.automaton = OnceLock::new();
        }
    }

    /// Builds the automaton now (user rules: built once with the converter, then every
    /// text is matched in linear time, however short).
    pub(crate) fn prepare(&self) {
        if !self.map.is_empty() {
            self.automaton();
        }
    }

    /// The automaton over the keys (built once per set of keys).
    fn automaton(&self) -> Option<&AhoCorasick> {
        self.automaton
            .get_or_init(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    // Not the DFA the crate picks for few patterns: building it takes time
                    // quadratic in a long key (a^n b: 3.5 s for n = 32 000; the NFA 2 ms).
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(self.map.keys())
                    .ok()
                    .map(Arc::new)
            })
            .as_deref()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The longest rule key at the start of `text`: (byte length, value).
    pub(crate) fn match_at(&self, text: &str) -> Option<(usize, &str)> {
        let first = text.chars().next()?;
        self.lengths
            .get(&first)?
            .iter()
            .filter(|&&n| text.is_char_boundary(n))
            .find_map(|&n| self.map.get(&text[..n]).map(|v| (n, v.as_str())))
    }

    /// Appends `text` to `out`, replacing rule matches and converting the gaps with `convert`.
    /// The gaps are slices of `text`, in order, so a gap as long as `text` is all of it.
    pub(crate) fn apply(
        &self,
        text: &str,
        out: &mut String,
        convert: impl FnMut(&str, &mut String),
    ) {
        // The automaton once it exists; built for a text that pays for building it.
        let built = self.automaton.get().and_then(Option::as_deref);
        let long = text.len() >= self.key_bytes && !self.map.is_empty();
        match built.or_else(|| if long { self.automaton() } else { None }) {
            Some(automaton) => self.apply_with(automaton, text, out, convert),
            None => self.apply_lookup(text, out, convert),
        }
    }

    /// [`apply`](Self::apply) with the automaton.
    fn apply_with(
        &self,
        automaton: &AhoCorasick,
        text: &str,
        out: &mut String,
        mut convert: impl FnMut(&str, &mut String),
    ) {
        let mut gap = 0;
        for m in automaton.find_iter(text) {
            if gap < m.start() {
                convert(&text[gap..m.start()], out);
            }
            out.push_str(&self.map[&text[m.range()]]);
            gap = m.end();
        }
        if gap < text.len() {
            convert(&text[gap..], out);
        }
    }

    /// [`apply`](Self::apply) by looking up keys at each position.
    fn apply_lookup(
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

    /// The automaton and the lookups find the same matches (leftmost, longest), on keys
    /// that share prefixes, contain each other and end inside other keys.
    #[test]
    fn automaton_and_lookup_agree() {
        let mut r = Rules::default();
        for key in [
            "软件包管理",
            "软",
            "件包",
            "软件包",
            "包管理器",
            "理软",
            "a",
            "ab",
            "bab",
            "國",
        ] {
            r.insert(key.into(), format!("<{key}>"));
        }
        let alphabet: Vec<char> = "软件包管理器理ab國x".chars().collect();
        let mut seed = 7u64;
        for _ in 0..500 {
            let text: String = (0..40)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            let (mut a, mut b) = (String::new(), String::new());
            let upper = |t: &str, o: &mut String| o.push_str(&t.to_uppercase());
            r.apply_with(r.automaton().unwrap(), &text, &mut a, upper);
            r.apply_lookup(&text, &mut b, upper);
            assert_eq!(a, b, "{text}");
        }
    }
}
