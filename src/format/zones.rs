//! [`Zones`]: the byte ranges of a document that its format protects, as the scanners
//! produce them and as the markup resolver, the streaming cuts and markup-free conversion
//! read them.

/// Byte ranges of a document that the format protects.
#[derive(Default, Debug)]
pub(crate) struct Zones {
    /// Copied byte for byte; `-{` inside is not markup (tags, URLs, code in Markdown …).
    pub hidden: Vec<(usize, usize)>,
    /// Not converted, but markup inside is resolved (wikitext `<code>`, `<pre>`).
    pub unconverted: Vec<(usize, usize)>,
    /// Text between hidden zones written with `\uXXXX` escapes of non-ASCII characters
    /// (JSON and `.strings` strings, `.properties` values): each is exactly the span
    /// between two hidden zones, converted through `format::escapes`.
    pub escaped: Vec<(usize, usize)>,
    /// The format's comments (where ignore directives are read: `format::ignore`).
    pub comments: Vec<(usize, usize)>,
}

impl Zones {
    /// The first kept zone (hidden or unconverted) that ends after `p` and starts before `end`.
    pub(crate) fn next_kept(&self, p: usize, end: usize) -> Option<(usize, usize)> {
        let first = |v: &[(usize, usize)]| {
            let i = v.partition_point(|z| z.1 <= p);
            v.get(i).copied().filter(|z| z.0 < end)
        };
        match (first(&self.hidden), first(&self.unconverted)) {
            (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
            (a, b) => a.or(b),
        }
    }

    /// The hidden zone containing `at`, if any (zones are sorted and disjoint).
    pub(crate) fn hidden_at(&self, at: usize) -> Option<(usize, usize)> {
        let i = self.hidden.partition_point(|z| z.1 <= at);
        self.hidden.get(i).copied().filter(|z| z.0 <= at)
    }

    /// Every kept zone (hidden or unconverted) sorted by position, with whether it is
    /// hidden: the union the streaming cuts and markup-free documents walk.
    pub(crate) fn kept(&self) -> Vec<(usize, usize, bool)> {
        let mut kept: Vec<(usize, usize, bool)> = self
            .hidden
            .iter()
            .map(|&(a, b)| (a, b, true))
            .chain(self.unconverted.iter().map(|&(a, b)| (a, b, false)))
            .collect();
        kept.sort_unstable();
        kept
    }

    /// Sorts both lists and merges overlapping or touching zones (scanners push them in
    /// any order).
    pub(super) fn merge(&mut self) {
        self.hidden = merge(std::mem::take(&mut self.hidden));
        self.unconverted = merge(std::mem::take(&mut self.unconverted));
        self.escaped.sort_unstable();
    }

    /// Whether the text span `(s, e)` is written with escapes.
    pub(crate) fn is_escaped(&self, s: usize, e: usize) -> bool {
        self.escaped.binary_search(&(s, e)).is_ok()
    }
}

fn merge(mut v: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    v.retain(|z| z.0 < z.1);
    v.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(v.len());
    for z in v {
        match out.last_mut() {
            Some(last) if z.0 <= last.1 => last.1 = last.1.max(z.1),
            _ => out.push(z),
        }
    }
    out
}

#[cfg(test)]
impl Zones {
    /// The text spans a scanner leaves in `text` (`scan` fills new zones), for the
    /// scanners' tests.
    pub(crate) fn texts_of(text: &str, scan: impl FnOnce(&str, &mut Zones)) -> Vec<&str> {
        let mut z = Zones::default();
        scan(text, &mut z);
        z.texts(text)
    }

    /// The text spans of `text` (between hidden zones, merged), for the scanners' tests.
    pub(crate) fn texts(mut self, text: &str) -> Vec<&str> {
        self.merge();
        let mut p = 0;
        let mut out = Vec::new();
        for &(s, e) in &self.hidden {
            if s > p {
                out.push(&text[p..s]);
            }
            p = e;
        }
        if p < text.len() {
            out.push(&text[p..]);
        }
        out
    }
}
