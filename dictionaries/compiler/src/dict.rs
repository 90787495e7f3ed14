//! Text dictionaries: one `key<TAB>value value…` per line, `#` lines skipped.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// One text dictionary: key → first value (OpenCC uses the first of several values).
#[derive(Clone, Default, Debug)]
pub(crate) struct Dict {
    pub map: BTreeMap<String, String>,
    /// All values of each key, in order (used to classify characters).
    pub all: BTreeMap<String, Vec<String>>,
}

impl Dict {
    /// Reads the dictionary at `path`.
    ///
    /// # Panics
    ///
    /// When the file cannot be read or a line is malformed (see [`Dict::parse`]).
    pub fn load(path: &Path) -> Dict {
        let text = fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read dictionary {}: {e}", path.display()));
        Dict::parse(&text, &path.display().to_string())
    }

    /// Parses dictionary text; `name` is the file named in errors.
    ///
    /// # Panics
    ///
    /// On a line without a tab, with an empty key or value, or with a key seen before.
    pub fn parse(text: &str, name: &str) -> Dict {
        let mut d = Dict::default();
        for (no, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (key, values) = line.split_once('\t').unwrap_or_else(|| {
                panic!(
                    "{name}:{}: expected `key<TAB>value`, found {line:?}",
                    no + 1
                )
            });
            // zhnorm correction files allow a trailing `<TAB># reason` column.
            let values = values.split('\t').next().unwrap_or("");
            let vals: Vec<String> = values
                .split(' ')
                .filter(|v| !v.is_empty())
                .map(String::from)
                .collect();
            if key.is_empty() || vals.is_empty() {
                panic!("{name}:{}: empty key or value in {line:?}", no + 1);
            }
            if d.map.insert(key.to_string(), vals[0].clone()).is_some() {
                panic!("{name}:{}: duplicate key {key:?}", no + 1);
            }
            d.all.insert(key.to_string(), vals);
        }
        d
    }

    /// Adds (or replaces) `key` with the single value `value`.
    pub fn insert(&mut self, key: &str, value: &str) {
        self.map.insert(key.to_string(), value.to_string());
        self.all.insert(key.to_string(), vec![value.to_string()]);
    }

    /// The entries whose key and first value `keep` accepts.
    pub fn filtered(&self, keep: impl Fn(&str, &str) -> bool) -> Dict {
        let mut f = Dict::default();
        for (k, v) in &self.map {
            if keep(k, v) {
                f.map.insert(k.clone(), v.clone());
                f.all.insert(k.clone(), self.all[k].clone());
            }
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_value_wins_and_reasons_are_ignored() {
        let d = Dict::parse("# header\n干\t幹 乾 干\n台\t臺\t# a reason\n\n", "t.txt");
        assert_eq!(d.map["干"], "幹");
        assert_eq!(d.all["干"], ["幹", "乾", "干"]);
        assert_eq!(d.map["台"], "臺");
        assert_eq!(d.map.len(), 2);
    }

    #[test]
    #[should_panic(expected = "t.txt:2: duplicate key")]
    fn duplicate_keys_are_refused() {
        Dict::parse("台\t臺\n台\t檯\n", "t.txt");
    }
}
