//! The [`Resolver`]: one pass over a document that resolves conversion markup, keeps the
//! format's zones and converts the text between constructs with the engine and the page
//! rules in force.

use super::parse::{
    describe, fallbacks, index, internal, language_name, parse_entries, parse_flags, target_pairs,
    trim_ascii, Entries, ORDER,
};
use super::spans::Next;
use super::{find_marker, Warning, MAX_DEPTH, MAX_WARNINGS};
use crate::engine::{Engine, Scratch};
use crate::format::Zones;
use crate::rules::Rules;
use crate::variant::Style;
use crate::Variant;

/// Resolves markup and converts the text between constructs.
pub(crate) struct Resolver<'a> {
    src: &'a str,
    /// The target variant; `None` is MediaWiki's `zh` (text as written).
    target: Option<Variant>,
    /// The converter's engine (normalization to `target`), borrowed.
    conv: Option<&'a Engine>,
    zones: &'a Zones,
    /// Page rules per variant (indexed like `ORDER`): filters can convert to another variant.
    rules: Vec<Rules>,
    scratch: Scratch,
    pub(crate) warnings: Vec<Warning>,
    suppressed: usize,
    /// The next `-{` and `}-`.
    opens: Next,
    closes: Next,
    /// Converters for variant filters that name another variant.
    others: Vec<(Variant, Engine)>,
    style: Style,
    /// Source mode ([`Markup::Source`](crate::Markup::Source)): constructs are applied but
    /// written as they are, not replaced by their display.
    source: bool,
}

impl<'a> Resolver<'a> {
    /// A resolver converting with `engine` (a normalization engine; `None`: MediaWiki's
    /// `zh`, text as written), whose target starts with `user` rules (user dictionaries).
    pub(crate) fn with_rules(
        src: &'a str,
        engine: Option<&'a Engine>,
        zones: &'a Zones,
        user: &Rules,
    ) -> Resolver<'a> {
        let (target, style) = match engine {
            Some(Engine::Normalize(n)) => (Some(n.variant), n.style),
            _ => (None, Style::default()),
        };
        let engine = engine.filter(|_| target.is_some());
        let mut rules: Vec<Rules> = (0..ORDER.len()).map(|_| Rules::default()).collect();
        rules[index(target)] = user.clone();
        Resolver {
            src,
            target,
            conv: engine,
            zones,
            rules,
            scratch: Scratch::default(),
            warnings: Vec::new(),
            suppressed: 0,
            opens: Next::new("-{"),
            closes: Next::new("}-"),
            others: Vec::new(),
            style,
            source: false,
        }
    }

    /// Source mode: every construct is applied (page rules, warnings) and written as it
    /// is; an unclosed `-{` is written as it is and the text after it converted as text.
    pub(crate) fn keep_markup(&mut self) {
        self.source = true;
    }

    fn warn(&mut self, offset: usize, message: String) {
        if self.warnings.len() >= MAX_WARNINGS {
            self.suppressed += 1;
            return;
        }
        let before = &self.src[..offset.min(self.src.len())];
        let line = crate::engine::sentence::count_lines(before.as_bytes()) + 1;
        let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
            .chars()
            .count()
            + 1;
        self.warnings.push(Warning {
            offset,
            line,
            column,
            message,
        });
    }

    /// The warnings found (at most [`MAX_WARNINGS`]) and how many more were counted;
    /// gathered per input by [`Warnings`].
    pub(crate) fn take_warnings(&mut self) -> (Vec<Warning>, usize) {
        (
            std::mem::take(&mut self.warnings),
            std::mem::take(&mut self.suppressed),
        )
    }

    /// The page rules in force at the end of the text (to continue with the next chunk).
    pub(crate) fn into_rules(self) -> Vec<Rules> {
        self.rules
    }

    /// Continues with page rules carried over from the previous chunk of a document.
    pub(crate) fn set_rules(&mut self, rules: Vec<Rules>) {
        self.rules = rules;
    }

    /// Resolves the whole document into `out`.
    pub(crate) fn run(&mut self, out: &mut String) {
        let src = self.src;
        let mut text_start = 0;
        let mut pos = 0;
        while let Some(found) = find_marker(&src[pos..], "-{") {
            let at = pos + found;
            if let Some((_, end)) = self.zones.hidden_at(at) {
                pos = end.max(at + 1);
                continue;
            }
            self.convert_range(text_start, at, out);
            let (display, end, closed) = self.construct(at, 1);
            match (self.source, closed) {
                (false, _) => out.push_str(&display),
                (true, true) => out.push_str(&src[at..end]),
                (true, false) => {
                    // Unclosed (warned about): the `-{` stays, what follows is text. Its
                    // `}-` closed nested constructs: not stray, no second warning.
                    out.push_str("-{");
                    self.convert_range_as(at + 2, src.len(), false, out);
                }
            }
            text_start = end;
            pos = end;
        }
        self.convert_range(text_start, src.len(), out);
    }

    /// Converts `src[start..end]`, copying hidden and unconverted zones unchanged.
    fn convert_range(&mut self, start: usize, end: usize, out: &mut String) {
        self.convert_range_as(start, end, true, out);
    }

    /// [`convert_range`](Self::convert_range), warning about stray `}-` or not.
    fn convert_range_as(&mut self, start: usize, end: usize, stray: bool, out: &mut String) {
        let mut p = start;
        while p < end {
            let next = self.zones.next_kept(p, end);
            match next {
                Some((zs, ze)) => {
                    let zs = zs.max(p);
                    let text = &self.src[p..zs];
                    if stray {
                        self.warn_stray(p, text);
                    }
                    self.convert_text(text, out);
                    let ze = ze.min(end);
                    out.push_str(&self.src[zs..ze]);
                    p = ze;
                }
                None => {
                    let text = &self.src[p..end];
                    if stray {
                        self.warn_stray(p, text);
                    }
                    self.convert_text(text, out);
                    p = end;
                }
            }
        }
    }

    /// The next `marker` at or after `p`, remembering the last answer so that scanning a
    /// run of unmatched markers stays linear.
    fn next_marker(&mut self, p: usize, marker: &'static str) -> Option<usize> {
        let next = if marker == "-{" {
            &mut self.opens
        } else {
            &mut self.closes
        };
        next.at(self.src, p)
    }

    fn warn_stray(&mut self, base: usize, text: &str) {
        for i in super::CLOSE.find_iter(text.as_bytes()) {
            self.warn(
                base + i,
                "stray `}-` without a matching `-{`; kept as text".into(),
            );
        }
    }

    /// Converts plain text (no markup) with the dictionaries and the page rules so far.
    fn convert_text(&mut self, text: &str, out: &mut String) {
        self.convert_text_as(self.target, text, out);
    }

    /// Converts plain text to variant `code` (the target, or another one for a filter).
    fn convert_text_as(&mut self, code: Option<Variant>, text: &str, out: &mut String) {
        let Some(variant) = code else {
            out.push_str(text);
            return;
        };
        if code != self.target && !self.others.iter().any(|(c, _)| *c == variant) {
            self.others
                .push((variant, Engine::normalize(variant, self.style)));
        }
        let conv = if code == self.target {
            self.conv.expect("a variant target has a normalizer")
        } else {
            &self
                .others
                .iter()
                .find(|(c, _)| *c == variant)
                .expect("added above")
                .1
        };
        let rules = &self.rules[index(code)];
        conv.convert_text(text, rules, out, &mut self.scratch);
    }

    /// Parses the construct opening at `open` (`-{`); returns its display, its end offset
    /// and whether it was closed.
    ///
    /// An unclosed construct is kept as text: `-{` and its inner text converted, displays
    /// of nested constructs included, as MediaWiki does. MediaWiki also converts again the
    /// display of a nested *unclosed* construct, already converted, so the text of nested
    /// unclosed constructs is converted once per level (and a rule whose value holds its
    /// key grows it exponentially: a fuzz finding). Here that display is kept as it is:
    /// every character is converted once.
    fn construct(&mut self, open: usize, depth: usize) -> (String, usize, bool) {
        let src = self.src;
        let mut inner = String::new();
        // Where the display of a nested unclosed construct starts in `inner` (it runs to the
        // end of the text, so it is the last piece).
        let mut converted_from = None;
        let mut p = open + 2;
        loop {
            let next_open = self.next_marker(p, "-{");
            let next_close = self.next_marker(p, "}-");
            match (next_open, next_close) {
                (Some(o), c) if c.is_none_or(|c| o < c) => {
                    inner.push_str(&src[p..o]);
                    if depth >= MAX_DEPTH {
                        self.warn(o, format!("conversion markup nested deeper than {MAX_DEPTH} levels; `-{{` kept as text"));
                        inner.push_str("-{");
                        p = o + 2;
                    } else {
                        let (d, e, closed) = self.construct(o, depth + 1);
                        if !closed {
                            converted_from = Some(inner.len());
                        }
                        inner.push_str(&d);
                        p = e;
                    }
                }
                (_, Some(c)) => {
                    inner.push_str(&src[p..c]);
                    let display = self.apply(&inner, open, c + 2);
                    return (display, c + 2, true);
                }
                (_, None) => {
                    inner.push_str(&src[p..]);
                    self.warn(
                        open,
                        "unclosed `-{` (no matching `}-`); kept as text".into(),
                    );
                    let split = converted_from.unwrap_or(inner.len());
                    let mut out = String::from("-{");
                    self.convert_text(&inner[..split], &mut out);
                    out.push_str(&inner[split..]);
                    return (out, src.len(), false);
                }
            }
        }
    }

    /// The display of a construct with inner text `inner` spanning `open..end`, applying
    /// its side effects on the rules.
    fn apply(&mut self, inner: &str, open: usize, end: usize) -> String {
        let (flags, body) = match inner.find('|') {
            Some(bar) => (parse_flags(&inner[..bar]), &inner[bar + 1..]),
            None => (parse_flags(""), inner),
        };
        if flags.raw {
            return body.to_string();
        }
        if flags.name {
            return language_name(trim_ascii(body)).unwrap_or("").to_string();
        }
        if !flags.filter.is_empty() {
            return self.filter(&flags.filter, body);
        }
        let mut entries = parse_entries(body);
        if entries.bi.is_empty() && entries.uni.is_empty() {
            if (flags.add || flags.remove) && !body.is_empty() {
                // Protect rule: the body stands for itself in every variant.
                entries.bi = ORDER.iter().map(|&c| (c, body.to_string())).collect();
            } else if flags.title {
                return String::new();
            } else {
                return body.to_string();
            }
        }
        if flags.add || flags.remove {
            self.update_rules(&entries, flags.remove);
        }
        let mut display = String::new();
        for f in &flags.order {
            display = match f {
                b'S' => match self.select(&entries) {
                    Some(v) => v,
                    None => {
                        self.warn(
                            open,
                            format!(
                                "conversion markup has no value for {}; kept as written",
                                internal(self.target)
                            ),
                        );
                        self.src[open..end].to_string()
                    }
                },
                b'D' => describe(&entries),
                _ => String::new(),
            };
        }
        display
    }

    /// The value shown for the target (flag S).
    fn select(&self, e: &Entries) -> Option<String> {
        let own = |c: Option<Variant>| e.bi.iter().find(|(k, _)| *k == c).map(|(_, v)| v.clone());
        if let Some(v) = own(self.target) {
            return Some(v);
        }
        for &f in fallbacks(self.target) {
            if let Some(v) = own(f) {
                return Some(v);
            }
        }
        if let Some((_, _, to)) = e.uni.iter().find(|(_, c, _)| *c == self.target) {
            return Some(to.clone());
        }
        if self.target.is_none() {
            return e.bi.first().map(|(_, v)| v.clone());
        }
        None
    }

    /// Applies an A/H/- construct to every variant's page rules.
    fn update_rules(&mut self, e: &Entries, remove: bool) {
        for t in ORDER {
            let rules = &mut self.rules[index(t)];
            for (from, to) in target_pairs(e, t) {
                let to = if remove { from.clone() } else { to };
                rules.insert(from, to);
            }
        }
    }

    /// A variant filter `-{zh-hans;zh-hant|text}-`.
    fn filter(&mut self, codes: &[Option<Variant>], body: &str) -> String {
        let to = if codes.contains(&self.target) {
            Some(self.target)
        } else {
            fallbacks(self.target)
                .iter()
                .copied()
                .find(|c| codes.contains(c))
        };
        let Some(to) = to else {
            return body.to_string();
        };
        let mut out = String::new();
        self.convert_text_as(to, body, &mut out);
        out
    }
}
