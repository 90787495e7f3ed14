//! The conversion engine: text in, converted text out, sentence by sentence.
//!
//! [`Engine`] holds one of the two modes (normalization to a [`Variant`], or an OpenCC
//! config) and [`Engine::convert_sentence`] is the one per-sentence driver: every caller
//! (whole strings, streams, documents, the markup resolver with its page rules) converts
//! through it. The stages of a sentence are in DESIGN.md, "Pipeline".
//!
//! * `sentence`: where sentences (and runs of them) end;
//! * `script`: the script evidence of a sentence;
//! * `normalize`: normalization mode ([`Normalizer`]);
//! * `opencc`: the OpenCC configs ([`Config`]) and their pipelines;
//! * `scratch`: the state and buffers carried from sentence to sentence.
//!
//! The engine knows nothing of formats or markup: whole documents are `crate::document`,
//! which drives the engine between the format's zones and the markup's constructs.

use std::borrow::Cow;

mod normalize;
mod opencc;
mod scratch;
pub(crate) mod script;
pub(crate) mod sentence;

pub(crate) use normalize::{Decision, Normalizer, PreState, Unit};
pub use opencc::Config;
pub(crate) use opencc::{may_need_normalization, Pipeline};
pub(crate) use scratch::Scratch;

use crate::rules::Rules;
use crate::variant::Style;
use crate::Variant;

/// Most passes [`Engine::normalize_settled`] makes over a sentence's output to settle it.
pub(crate) const SETTLE_PASSES: usize = 4;

/// What converts a sentence.
pub(crate) enum Engine {
    Normalize(Normalizer),
    OpenCC(Pipeline),
    /// The C++ OpenCC library (cargo feature `opencc`).
    #[cfg(feature = "opencc")]
    Reference(crate::reference::OpenCc),
}

impl Engine {
    /// A normalization engine for `variant`.
    pub(crate) fn normalize(variant: Variant, style: Style) -> Engine {
        Engine::Normalize(Normalizer::new(variant, style))
    }

    /// Bytes of dictionary data the engine's tables read.
    pub(crate) fn table_bytes(&self) -> usize {
        match self {
            Engine::Normalize(n) => n.table_bytes(),
            Engine::OpenCC(p) => p.table_bytes(),
            #[cfg(feature = "opencc")]
            Engine::Reference(_) => 0,
        }
    }

    /// Converts one unit (see [`unit_end`](Self::unit_end)) and appends it to `out`, with
    /// `rules` (user rules, or the page rules of a document) winning over the
    /// dictionaries: the rules cut the unit into fragments and the engine converts the
    /// gaps. In normalization the script is decided per clause (see
    /// `sentence::for_each_clause`), on the whole clause first, not on the fragments (a
    /// fragment alone may carry no evidence).
    pub(crate) fn convert_sentence(
        &self,
        text: &str,
        rules: &Rules,
        out: &mut String,
        scratch: &mut Scratch,
    ) {
        match self {
            Engine::Normalize(n) if rules.is_empty() => {
                Self::normalize_settled(n, text, rules, out, scratch)
            }
            Engine::Normalize(n) => Self::normalize_sentence(n, text, rules, out, scratch),
            Engine::OpenCC(p) if rules.is_empty() => p.convert_sentence(text, out, scratch),
            Engine::OpenCC(p) => rules.apply(text, out, |t, o| p.convert_sentence(t, o, scratch)),
            // OpenCC fails only on invalid UTF-8, which a `&str` cannot hold.
            #[cfg(feature = "opencc")]
            Engine::Reference(r) if rules.is_empty() => {
                out.push_str(r.convert(text).as_deref().unwrap_or(text))
            }
            #[cfg(feature = "opencc")]
            Engine::Reference(r) => rules.apply(text, out, |t, o| {
                o.push_str(r.convert(t).as_deref().unwrap_or(t))
            }),
        }
    }

    /// One normalization pass over a sentence: each clause decided (with the prior
    /// decision of its line in `scratch`) and converted.
    fn normalize_sentence(
        n: &Normalizer,
        text: &str,
        rules: &Rules,
        out: &mut String,
        scratch: &mut Scratch,
    ) {
        // The script is decided clause by clause (words of both scripts mix within a
        // sentence), each clause as a whole before the rules cut it.
        if rules.is_empty() {
            // Consecutive clauses decided alike convert in one call: no key of any
            // normalization table holds a clause mark and none maps one (the table test
            // `normalization_keys_hold_no_clause_mark`), so no match of any stage
            // crosses their ends either way.
            // The batch: its range of `text`, and how it was decided (`Unit::Clause` while
            // it is one clause, the last one decided).
            let mut batch: Option<(usize, usize, Unit)> = None;
            let base = text.as_ptr() as usize;
            n.for_each_decided_clause(text, scratch, |clause, decided, scratch| {
                let start = clause.as_ptr() as usize - base;
                // A clause whose pre-stage `decide` ran is converted alone, now, from the
                // output `decide` kept (the next `decide` replaces it).
                let alone = scratch.selectors || clause.is_ascii() || decided.pre == PreState::Ran;
                match &mut batch {
                    Some((_, end, unit))
                        if !alone && unit.decision() == decided.decision && *end == start =>
                    {
                        *end = start + clause.len();
                        *unit = Unit::Piece(decided.decision);
                        return;
                    }
                    _ => {}
                }
                // (`scratch.selectors` is this clause's now; the batch holds no selector,
                // and converting around selectors that are not there converts it whole.)
                // The batch was decided before this clause: what `decide` found about the
                // pre-stage is this clause's now.
                if let Some((s, e, unit)) = batch.take() {
                    let unit = Unit::Piece(unit.decision());
                    n.convert_decided(&text[s..e], unit, out, scratch);
                }
                if alone {
                    n.convert_decided(clause, Unit::Clause(decided), out, scratch);
                } else {
                    batch = Some((start, start + clause.len(), Unit::Clause(decided)));
                }
            });
            if let Some((s, e, unit)) = batch {
                n.convert_decided(&text[s..e], unit, out, scratch);
            }
        } else {
            sentence::for_each_clause(text, |clause| {
                let decided = n.decide(clause, scratch);
                if rules.is_empty() {
                    n.convert_decided(clause, Unit::Clause(decided), out, scratch);
                } else {
                    // The rules cut the clause into pieces; a piece as long as the clause is
                    // the clause (no rule matched in it).
                    rules.apply(clause, out, |t, o| {
                        let unit = if t.len() == clause.len() {
                            Unit::Clause(decided)
                        } else {
                            Unit::Piece(decided.decision)
                        };
                        n.convert_decided(t, unit, o, scratch)
                    });
                }
            })
        }
    }

    /// Normalizes a sentence without user rules to a fixed point of the pass, so that
    /// normalizing twice equals normalizing once (DESIGN.md, "Invariants").
    ///
    /// A pass need not give text the next pass leaves alone: a clause converted fully is
    /// judged again as target text, where the strict table may cut it into other phrases
    /// (输出于田 → 輸出|于田, then 出于 → 出於), and a character a stage rewrites may change
    /// the clause's decision (羣 → 群 leaves 羣干死 undecided, whose phrase 干死 converts).
    /// So the output is passed again, with the prior decisions a second pass over the
    /// output would have (`Scratch::settled_prior`), until it no longer changes. When the
    /// output equals the input and both priors agree, that pass is the first one again
    /// and is skipped: text already normalized costs one pass.
    fn normalize_settled(
        n: &Normalizer,
        text: &str,
        none: &Rules,
        out: &mut String,
        scratch: &mut Scratch,
    ) {
        let start = out.len();
        let (prior, settled) = (scratch.prior, scratch.settled_prior);
        Self::normalize_sentence(n, text, none, out, scratch);
        let after = scratch.prior;
        if settled == prior && out[start..] == *text {
            scratch.settled_prior = after;
            return;
        }
        // Most output needs no second pass: a scan of its clauses shows it (`settles`).
        scratch.prior = settled;
        if n.settles_sentence(&out[start..], scratch) {
            scratch.settled_prior = scratch.prior;
            scratch.prior = after;
            return;
        }
        let mut again = std::mem::take(&mut scratch.settle);
        for _ in 0..SETTLE_PASSES {
            again.clear();
            scratch.prior = settled;
            Self::normalize_sentence(n, &out[start..], none, &mut again, scratch);
            if again == out[start..] {
                break;
            }
            out.truncate(start);
            out.push_str(&again);
        }
        scratch.settled_prior = scratch.prior;
        scratch.prior = after;
        scratch.settle = again;
    }

    /// The end of the first unit `text` is converted in: a sentence, or for engines where
    /// nothing depends on the sentence (OpenCC configs without rules) a run of whole
    /// sentences, which gives the same output with less work per sentence.
    pub(crate) fn unit_end(&self, text: &str, eof: bool, rules: &Rules) -> Option<usize> {
        if matches!(self, Engine::Normalize(_)) || !rules.is_empty() {
            sentence::first_sentence_end(text, eof)
        } else {
            sentence::first_run_end(text, eof)
        }
    }

    /// Marks `text` in `scratch` so that its clauses without a character the normalizer's
    /// pre-stage maps skip that stage (one search of the whole text instead of one pass
    /// per clause: the regional pre-stages map 10–14 characters, rare in most text). The
    /// mark holds until [`end_text`](Self::end_text); `Scratch::with` clears it too.
    pub(crate) fn begin_text(&self, text: &str, scratch: &mut Scratch) {
        scratch.pre_at.clear();
        scratch.pre_text = match self {
            Engine::Normalize(n) if n.pre_starts(text, &mut scratch.pre_at) => {
                let start = text.as_ptr() as usize;
                Some((start, start + text.len()))
            }
            _ => None,
        };
    }

    /// Ends what [`begin_text`](Self::begin_text) marked (a buffer at the same address
    /// may hold other text next).
    pub(crate) fn end_text(&self, scratch: &mut Scratch) {
        scratch.pre_text = None;
        scratch.pre_at.clear();
        scratch.pre_at.shrink_to(1 << 12);
    }

    /// The driver loop every caller converts through (strings, streams, documents, the
    /// markup resolver): marks `text` ([`begin_text`](Self::begin_text)), cuts it into
    /// units ([`unit_end`](Self::unit_end)), hands each to `each` with the scratch, and
    /// ends the mark. With `eof` false a last unit that may continue in the next chunk is
    /// left over; returns the bytes handed over.
    pub(crate) fn for_each_unit<'t>(
        &self,
        text: &'t str,
        eof: bool,
        rules: &Rules,
        scratch: &mut Scratch,
        mut each: impl FnMut(&'t str, &mut Scratch),
    ) -> usize {
        self.begin_text(text, scratch);
        let mut done = 0;
        while done < text.len() {
            let rest = &text[done..];
            let end = match self.unit_end(rest, eof, rules) {
                Some(end) => end.max(1),
                None if eof => rest.len(),
                None => break,
            };
            // `unit_end` gives char boundaries; whole rest is the safe answer otherwise.
            debug_assert!(rest.is_char_boundary(end));
            let end = if rest.is_char_boundary(end) {
                end
            } else {
                rest.len()
            };
            each(&rest[..end], scratch);
            done += end;
        }
        self.end_text(scratch);
        done
    }

    /// Converts `text` unit by unit and appends it to `out`.
    pub(crate) fn convert_text(
        &self,
        text: &str,
        rules: &Rules,
        out: &mut String,
        scratch: &mut Scratch,
    ) {
        self.for_each_unit(text, true, rules, scratch, |s, scratch| {
            self.convert_sentence(s, rules, out, scratch)
        });
    }

    /// Converts `text` and appends it to `out`, with this thread's scratch.
    pub(crate) fn convert_into(&self, text: &str, rules: &Rules, out: &mut String) {
        out.reserve(text.len());
        Scratch::with(|scratch| self.convert_text(text, rules, out, scratch));
    }

    /// Converts `text`, borrowing it when nothing changes.
    pub(crate) fn convert<'a>(&self, text: &'a str, rules: &Rules) -> Cow<'a, str> {
        let mut out = String::new();
        // Bytes of `text` known to convert to themselves.
        let mut unchanged = 0;
        // Whether `out` holds the conversion so far (it may be empty: a rule can map a
        // sentence to nothing; fuzz finding).
        let mut changed = false;
        Scratch::with(|scratch| {
            self.for_each_unit(text, true, rules, scratch, |s, scratch| {
                if !changed {
                    self.convert_sentence(s, rules, &mut out, scratch);
                    if out == *s {
                        out.clear();
                        unchanged += s.len();
                    } else {
                        changed = true;
                        let converted = std::mem::take(&mut out);
                        out.reserve(text.len() + text.len() / 8);
                        out.push_str(&text[..unchanged]);
                        out.push_str(&converted);
                    }
                } else {
                    self.convert_sentence(s, rules, &mut out, scratch);
                }
            });
        });
        if !changed {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(out)
        }
    }
}
