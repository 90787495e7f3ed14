//! Normalization mode (`--to VARIANT`): mixed text in, one consistent variant out.
//!
//! Each sentence goes through up to three stages:
//!
//! 1. *pre*: forms specific to another region mapped to OpenCC's standard forms (Hong Kong
//!    forms for the tw and hant targets, Taiwan forms for hk/mo) or, for cn, Taiwan/Hong
//!    Kong vocabulary mapped to the mainland word;
//! 2. *script*: each clause's script is judged from the script weights of its characters
//!    (DESIGN.md, "Script weights"). A clause of the other script is converted with
//!    OpenCC's full phrase + character tables; a clause of the target script only loses
//!    its evidence characters of the other script and the phrases clearly of the other
//!    script, so valid target text (台灣, 里程, 乾隆) is never "corrected";
//! 3. *post*: the region's standard forms and (by default) vocabulary, as OpenCC's
//!    s2twp/s2hkp second stage; for hant, Taiwan's forms without its vocabulary (the forms
//!    Traditional readers use, [`Forms::Common`]).
//!
//! The outputs of stages 2–3 contain no evidence of the other script, so running the
//! normalization again mostly takes the "already in the target script" path. Not always:
//! the strict table may cut a fully converted clause into other phrases, and a stage may
//! rewrite the character that decided a clause. So a sentence's output is checked against
//! a second pass ([`Normalizer::settles`], a scan for the tables' *sentinels*) and, where
//! the scan cannot show it unchanged, passed again until it is
//! (`Engine::normalize_settled`): normalization is idempotent.
//!
//! An ideograph followed by a variation selector names a specific glyph; as MediaWiki
//! does, the ideograph is converted (alone, or as the last character of a phrase) and the
//! selector is kept after it; no phrase matches across a selector.

pub(crate) use super::scratch::PreState;
use super::{script, Scratch};
use crate::table::{self, Table, TableId};
use crate::variant::Style;
use crate::weights;
use crate::{Forms, Variant};
use std::sync::OnceLock;

/// How a clause is converted (see [`Normalizer::decide`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Decision {
    /// In the other script: OpenCC's full phrase and character tables.
    Full,
    /// Undecided, with nothing decided before it on its line (a word given alone, a title):
    /// OpenCC's phrases, but single characters only where they are evidence.
    Words,
    /// In the target script: only evidence and phrases clearly of the other script.
    Strict,
}

/// What [`Normalizer::decide`] decided for a clause: the decision, and what it did with
/// the pre-stage (which the script stage then neither runs nor checks again).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Decided {
    pub(crate) decision: Decision,
    pub(crate) pre: PreState,
}

/// What [`Normalizer::for_each_decided_clause`] found in a clause for the decision: its
/// script weights summed (as `script::other_script` sums them) and whether it holds a
/// variation selector.
#[derive(Clone, Copy)]
struct Scanned {
    score: i32,
    selectors: bool,
}

/// The text [`Normalizer::convert_decided`] is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    /// The whole clause the last [`Normalizer::decide`] judged, as it decided it: what it
    /// found about the pre-stage holds for this text.
    Clause(Decided),
    /// Part of a clause, or several clauses, or a clause decided before the last one:
    /// only the decision holds.
    Piece(Decision),
}

impl Unit {
    pub(crate) fn decision(self) -> Decision {
        match self {
            Unit::Clause(d) => d.decision,
            Unit::Piece(d) => d,
        }
    }
}

/// Shortest text whose clauses are marked by one search for the pre-stage's characters
/// (see [`Normalizer::pre_starts`]).
const PRE_SEARCH_MIN: usize = 256;

pub(crate) struct Normalizer {
    pub(crate) variant: Variant,
    pub(crate) style: Style,
    // Table ids, loaded on first use (a one-line input in one script needs only some).
    /// The pre-stage of a clause in the other script or undecided.
    pre: Option<TableId>,
    /// The pre-stage of a clause in the target script or undecided: without the forms the
    /// target's readers write (`dictionaries/zhnorm/kept-forms.txt`).
    pre_kept: Option<TableId>,
    /// The pre-stage is vocabulary (cn: Taiwan and Hong Kong words), run only on a clause
    /// judged Traditional, which is judged as written.
    pre_vocabulary: bool,
    full: TableId,
    words: TableId,
    strict: TableId,
    /// The post-stage of a clause in the other script: the region's forms and vocabulary.
    post: Option<TableId>,
    /// The post-stage of an undecided clause: the region's forms (without those its
    /// readers write, which an undecided clause holds as written).
    post_words: Option<TableId>,
    /// The post-stage of a clause in the target script: the region's forms, without those
    /// its readers write.
    post_kept: Option<TableId>,
    traditional: bool,
    /// Which slot of [`SENTINELS`] holds the sentinels of its tables.
    slot: usize,
    /// Per decision (full, words, strict), its script table with its post-stage composed
    /// into it, if the compiler marked the post-stage composable (`Table::composed`);
    /// looked up on first use.
    composed: [OnceLock<Option<&'static table::Composed>>; 3],
}

/// The sentinels of each combination of tables (indexed by variant, forms and idioms),
/// built on first use and shared by every converter of that combination: 128 KB each,
/// built in about 0.1 ms.
static SENTINELS: [OnceLock<Sentinels>; 48] = [const { OnceLock::new() }; 48];

/// The sentinels of the tables a pass sends a clause through, for each decision (bit 0:
/// strict, 1: undecided, 2: other script; see [`Normalizer::settles`]).
struct Sentinels {
    /// Per BMP character: its decision weight (`weights::weight_of_u32`, as `i8`) in the
    /// low byte; in the high byte the decisions for which it is a sentinel or evidence of
    /// the other script, and [`PAIR_FIRST`] when it starts a sentinel pair. One load per
    /// character for the scan.
    bmp: Box<[u16; 0x10000]>,
    /// The sentinel bits of the other characters.
    other: Vec<(u32, u8)>,
    /// Per hash of a pair (see [`pair_slot`]): the decisions for which a pair with that
    /// hash is a sentinel (a collision only costs a second pass).
    pairs: Box<[u8; PAIR_SLOTS]>,
    /// The evidence class of the other script.
    foreign: u8,
}

/// A character that starts a sentinel pair of the strict tables.
const PAIR_FIRST: u8 = 8;
/// A character that starts a sentinel pair of the word or full tables (whose pairs are
/// many and common, and looked up only for a clause decided for them).
const OTHER_PAIR_FIRST: u8 = 16;
/// A clause mark (`sentence::CLAUSE_MARKS`): the clause ends after it.
const CLAUSE_END: u8 = 32;
/// The ASCII clause marks, bit `c` for character `c`.
const ASCII_CLAUSE_MARKS: u128 = {
    let (mut bits, mut k) = (0u128, 0);
    while k < super::sentence::CLAUSE_MARKS.len() {
        let c = super::sentence::CLAUSE_MARKS[k] as u32;
        if c < 0x80 {
            bits |= 1 << c;
        }
        k += 1;
    }
    bits
};
const PAIR_SLOTS: usize = 1 << 16;

#[inline]
fn pair_slot(a: u32, b: u32) -> usize {
    (a.wrapping_mul(0x9E37_79B1) ^ b).wrapping_mul(0x85EB_CA77) as usize >> 16 & (PAIR_SLOTS - 1)
}

impl Sentinels {
    /// The sentinels of the tables of each decision: `tables[d]` for decision bit `d`
    /// (the compiler's `recipes::sentinels`), and every character of class `foreign`
    /// (evidence of the other script) for all three.
    fn new(tables: [Vec<TableId>; 3], foreign: u8) -> Sentinels {
        let mut s = Sentinels {
            bmp: vec![0; 0x10000].into_boxed_slice().try_into().unwrap(),
            other: Vec::new(),
            pairs: vec![0; PAIR_SLOTS].into_boxed_slice().try_into().unwrap(),
            foreign,
        };
        for (c, e) in s.bmp.iter_mut().enumerate() {
            let bits: u16 = if weights::class_of_u32(c as u32) & foreign != 0 {
                7
            } else {
                0
            };
            *e = bits << 8 | u16::from(weights::weight_of_u32(c as u32) as i8 as u8);
        }
        // Variation selectors of the BMP weigh nothing (`other_script` skips them).
        for e in &mut s.bmp[0xFE00..0xFE10] {
            *e = 7 << 8;
        }
        for c in super::sentence::CLAUSE_MARKS {
            s.bmp[c as usize] |= u16::from(CLAUSE_END) << 8;
        }
        for (d, ids) in tables.iter().enumerate() {
            let bit = 1 << d;
            for &id in ids {
                for c in table::SENTINELS[id.index()].chars() {
                    s.mark(c as u32, bit);
                }
                let mut pair = table::SENTINEL_PAIRS[id.index()].chars();
                while let (Some(a), Some(b)) = (pair.next(), pair.next()) {
                    s.mark(a as u32, if d == 0 { PAIR_FIRST } else { OTHER_PAIR_FIRST });
                    s.pairs[pair_slot(a as u32, b as u32)] |= bit;
                }
            }
        }
        s
    }

    fn mark(&mut self, c: u32, bits: u8) {
        if c < 0x10000 {
            self.bmp[c as usize] |= u16::from(bits) << 8;
        } else if let Some(e) = self.other.iter_mut().find(|e| e.0 == c) {
            e.1 |= bits;
        } else {
            self.other.push((c, bits));
        }
    }

    /// The script weights of `text` summed (as `script::other_script` sums them), and the
    /// union of the decision bits of its characters and of its pairs of the strict tables,
    /// all three for a variation selector.
    #[cfg(test)]
    fn scan(&self, text: &str) -> (i32, u8) {
        let (mut score, mut bits) = (0i32, 0u8);
        let (mut prev, mut prev_bits) = (0u32, 0u8);
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let (c, len) = table::decode(text, i);
            i += len;
            let (weight, mut own) = if c < 0x10000 {
                let e = self.bmp[c as usize];
                (i32::from(e as u8 as i8), (e >> 8) as u8)
            } else if script::is_selector_code(c) {
                bits = 7;
                continue;
            } else {
                (weights::weight_of_u32(c), self.other_bits(c))
            };
            if prev_bits & PAIR_FIRST != 0 {
                own |= self.pairs[pair_slot(prev, c)] & 1;
            }
            bits |= own;
            score += weight;
            (prev, prev_bits) = (c, own);
        }
        (score, bits & 7)
    }

    /// [`Normalizer::settles`] on every clause of `sentence` in turn
    /// (`sentence::for_each_clause`), stopping at the first that does not settle, in one
    /// pass over its characters: the clause marks are found by the same table load that
    /// gives each character's weight and bits.
    fn settles_sentence(
        &self,
        sentence: &str,
        traditional: bool,
        prior: &mut Option<bool>,
    ) -> bool {
        let b = sentence.as_bytes();
        let (mut start, mut i) = (0, 0);
        let (mut score, mut bits, mut wide) = (0i32, 0u8, false);
        let (mut prev, mut prev_bits) = (0u32, 0u8);
        while i < b.len() {
            let (c, len) = table::decode(sentence, i);
            i += len;
            let (weight, mut own) = if c < 0x10000 {
                let e = self.bmp[c as usize];
                (i32::from(e as u8 as i8), (e >> 8) as u8)
            } else if script::is_selector_code(c) {
                // A clause with a selector never settles by the scan (all three bits).
                return false;
            } else {
                (weights::weight_of_u32(c), self.other_bits(c))
            };
            if prev_bits & PAIR_FIRST != 0 {
                own |= self.pairs[pair_slot(prev, c)] & 1;
            }
            bits |= own;
            score += weight;
            wide |= c >= 0x80;
            (prev, prev_bits) = (c, own);
            if own & CLAUSE_END != 0 || i == b.len() {
                let clause = &sentence[start..i];
                if !self.clause_settles(clause, wide, score, bits & 7, traditional, prior) {
                    return false;
                }
                (start, score, bits, wide, prev, prev_bits) = (i, 0, 0, false, 0, 0);
            }
        }
        true
    }

    /// The end of [`settles`](Normalizer::settles) for a clause scanned: `wide` when it is
    /// not ASCII, its weights summed and its decision bits.
    #[inline]
    fn clause_settles(
        &self,
        clause: &str,
        wide: bool,
        score: i32,
        risky: u8,
        traditional: bool,
        prior: &mut Option<bool>,
    ) -> bool {
        if !wide {
            if clause.ends_with('\n') {
                *prior = None;
            }
            return true;
        }
        let decided = script::decision_of(score, traditional);
        let decision = decided.or(*prior);
        if clause.ends_with('\n') {
            *prior = None;
        } else if decided.is_some() {
            *prior = decided;
        }
        let bit = match decision {
            Some(false) => 1,
            None => 2,
            Some(true) => 4,
        };
        risky & bit == 0 && (bit == 1 || !self.other_pairs(clause, bit))
    }

    /// Whether `text` holds a sentinel pair of the word or full tables for decision bit
    /// `bit` (2 or 4).
    fn other_pairs(&self, text: &str, bit: u8) -> bool {
        let mut prev: Option<(u32, u8)> = None;
        for c in text.chars() {
            let c = c as u32;
            let own = if c < 0x10000 {
                (self.bmp[c as usize] >> 8) as u8
            } else {
                self.other_bits(c)
            };
            if let Some((p, bits)) = prev {
                if bits & OTHER_PAIR_FIRST != 0 && self.pairs[pair_slot(p, c)] & bit != 0 {
                    return true;
                }
            }
            prev = Some((c, own));
        }
        false
    }

    /// The bits of a character outside the BMP.
    fn other_bits(&self, c: u32) -> u8 {
        let foreign = if weights::class_of_u32(c) & self.foreign != 0 {
            7
        } else {
            0
        };
        foreign | self.other.iter().find(|e| e.0 == c).map_or(0, |e| e.1)
    }
}

impl Normalizer {
    pub(crate) fn new(variant: Variant, style: Style) -> Normalizer {
        use crate::Vocabulary;
        use table::*;
        let idioms = style.vocabulary != Vocabulary::None;
        let vocabulary = |common: TableId, full: TableId, none: TableId| match style.vocabulary {
            Vocabulary::Common => common,
            Vocabulary::Full => full,
            Vocabulary::None => none,
        };
        // (pre, pre kept, post, post of undecided clauses, post kept). An undecided clause
        // (a word given alone: 污染) gets the forms and no vocabulary: its characters are
        // valid in both scripts, and what the region writes stays; except with OpenCC's
        // whole vocabulary (`Vocabulary::Full`, as s2twp: 保存 → 儲存).
        let (pre, pre_kept, post, post_words, post_kept) = match variant {
            Variant::Hans | Variant::Sg | Variant::My => (None, None, None, None, None),
            // Taiwan's forms without its vocabulary; Hong Kong forms unified as for tw in
            // converted text, kept in text already Traditional, with every other form
            // Taiwan or Hong Kong writes.
            Variant::Hant if style.forms == Forms::Common => (
                Some(TW_PRE),
                None,
                Some(TW_POST_PLAIN),
                Some(TW_POST_KEPT),
                Some(HANT_POST_KEPT),
            ),
            Variant::Hant => (None, None, None, None, None),
            Variant::Cn => (idioms.then_some(CN_PRE), None, None, None, None),
            Variant::Tw => (
                Some(TW_PRE),
                Some(TW_PRE_KEPT),
                Some(vocabulary(TW_POST, TW_POST_FULL, TW_POST_PLAIN)),
                Some(vocabulary(TW_POST_KEPT, TW_POST_FULL, TW_POST_KEPT)),
                Some(TW_POST_KEPT),
            ),
            Variant::Hk | Variant::Mo => (
                Some(HK_PRE),
                Some(HK_PRE_KEPT),
                Some(vocabulary(HK_POST, HK_POST_FULL, HK_POST_PLAIN)),
                Some(vocabulary(HK_POST_KEPT, HK_POST_FULL, HK_POST_KEPT)),
                Some(HK_POST_KEPT),
            ),
        };
        let traditional = variant.is_traditional();
        let hk = matches!(variant, Variant::Hk | Variant::Mo);
        let (full, words, strict) = match (traditional, hk) {
            (true, true) => (HANT_FULL, HK_WORDS, HK_STRICT),
            (true, false) => (HANT_FULL, HANT_WORDS, HANT_STRICT),
            (false, _) => (HANS_FULL, HANS_WORDS, HANS_STRICT),
        };
        Normalizer {
            variant,
            style,
            pre,
            pre_kept,
            pre_vocabulary: variant == Variant::Cn,
            full,
            words,
            strict,
            post,
            post_words,
            post_kept,
            traditional,
            slot: Variant::ALL.iter().position(|&v| v == variant).unwrap() * 6
                + usize::from(style.forms == Forms::Common) * 3
                + style.vocabulary as usize,
            composed: [const { OnceLock::new() }; 3],
        }
    }

    pub(crate) fn table_bytes(&self) -> usize {
        let ids = [
            self.pre,
            self.pre_kept,
            Some(self.full),
            Some(self.words),
            Some(self.strict),
            self.post,
            self.post_words,
            self.post_kept,
        ];
        let composed: usize = [Decision::Full, Decision::Words, Decision::Strict]
            .into_iter()
            .filter_map(|d| self.composed(d))
            .map(|c| c.heap_bytes())
            .sum();
        crate::table::table_bytes(ids.into_iter().flatten()) + composed
    }

    /// Pushes to `at` the addresses of the characters of `text` that start the pre-stage's
    /// keys and returns true, when the pre-stage has a few such characters (found with one
    /// search of the whole text), `text` is at least [`PRE_SEARCH_MIN`] bytes and holds
    /// at most one of them per 64 bytes; false (nothing pushed) otherwise.
    pub(crate) fn pre_starts(&self, text: &str, at: &mut Vec<usize>) -> bool {
        // A short text has few clauses: searching it costs as much as the stage (and the
        // first search builds the searcher, about 60 µs). A text dense in them (Taiwan's
        // 著 and 裡 for hk) gains nothing either: the marks stop at one per 64 bytes, which
        // also bounds their memory.
        text.len() >= PRE_SEARCH_MIN
            && self
                .pre
                .is_some_and(|pre| Table::get(pre).key_starts(text, at, text.len() / 64))
    }

    /// How `sentence` (a clause) is converted: fully when it is in the other script. A
    /// clause whose weights do not decide (a name, a word common to both scripts) follows
    /// the last decided clause of the same line; with none before it, OpenCC's phrases
    /// apply (a word given alone: 一伙 → 一夥, 一只 → 一隻: OpenCC lists a phrase because
    /// its characters alone would convert wrongly), single characters only where they are
    /// evidence (峇里文, 台北 and 面 stay).
    pub(crate) fn decide(&self, sentence: &str, scratch: &mut Scratch) -> Decided {
        self.decide_scanned(sentence, None, scratch)
    }

    /// [`decide`](Self::decide), given what [`scan_clauses`](Self::scan_clauses) found in
    /// `sentence` (its weights summed and whether it holds a variation selector), if
    /// anything: the same decision, without a second pass over the clause unless the
    /// pre-stage must run on it.
    fn decide_scanned(
        &self,
        sentence: &str,
        scanned: Option<Scanned>,
        scratch: &mut Scratch,
    ) -> Decided {
        let judge = |scratch: &mut Scratch| match scanned {
            Some(Scanned { score, selectors }) => {
                scratch.selectors = selectors;
                script::decision_of(score, self.traditional)
            }
            None => script::other_script(sentence, self.traditional, scratch),
        };
        let mut pre_state = PreState::NotRun;
        let decided = if sentence.is_ascii() {
            scratch.selectors = false;
            None
        } else if let Some(pre) = self.pre.filter(|_| !self.pre_vocabulary) {
            if scratch.skips_pre(sentence) {
                pre_state = PreState::Skipped;
                judge(scratch)
            } else {
                // Judged as the script stage will see it, after the pre-stage (hk's 著 → 着):
                // the decision on converted text is then the same, and normalizing twice
                // equals normalizing once.
                let mut seen = std::mem::take(&mut scratch.decided_pre_out);
                seen.clear();
                Table::get(pre).convert(sentence, &mut seen);
                let judged = script::other_script(&seen, self.traditional, scratch);
                scratch.decided_pre_out = seen;
                // The script stage reuses it for this clause (see `convert_fragment`).
                pre_state = PreState::Ran;
                judged
            }
        } else {
            judge(scratch)
        };
        let other = match decided.or(scratch.prior) {
            Some(true) => Decision::Full,
            Some(false) => Decision::Strict,
            None => Decision::Words,
        };
        if sentence.ends_with('\n') {
            scratch.prior = None;
        } else if decided.is_some() {
            scratch.prior = decided;
        }
        Decided {
            decision: other,
            pre: pre_state,
        }
    }

    /// Calls `f` with every clause of `sentence` (`sentence::for_each_clause`) in order,
    /// and [`decide`](Self::decide)'s decision on it: the clauses and the script
    /// evidence [`decide`] reads are found in one pass over the sentence, with the table
    /// the settle scan reads (weights and clause marks in one load per character).
    pub(crate) fn for_each_decided_clause<'t>(
        &self,
        sentence: &'t str,
        scratch: &mut Scratch,
        mut f: impl FnMut(&'t str, Decided, &mut Scratch),
    ) {
        let s = self.sentinels();
        let b = sentence.as_bytes();
        let (mut start, mut i) = (0, 0);
        let (mut score, mut selectors) = (0i32, false);
        while i < b.len() {
            let x = b[i];
            let end = if x < 0x80 {
                // ASCII weighs nothing and holds no selector: only its clause marks count.
                i += 1;
                ASCII_CLAUSE_MARKS >> x & 1 != 0
            } else {
                let (c, len) = table::decode(sentence, i);
                i += len;
                if c < 0x10000 {
                    let e = s.bmp[c as usize];
                    score += i32::from(e as u8 as i8);
                    // (U+FE00–FE0F weigh nothing in `bmp`.)
                    selectors |= c.wrapping_sub(0xFE00) < 0x10;
                    (e >> 8) as u8 & CLAUSE_END != 0
                } else {
                    if script::is_selector_code(c) {
                        selectors = true;
                    } else {
                        score += weights::weight_of_u32(c);
                    }
                    false
                }
            };
            if end || i == b.len() {
                let clause = &sentence[start..i];
                let decided =
                    self.decide_scanned(clause, Some(Scanned { score, selectors }), scratch);
                f(clause, decided, scratch);
                (start, score, selectors) = (i, 0, false);
            }
        }
    }

    /// Whether a pass leaves `clause`, a clause of what a pass wrote, as it is, as far as
    /// a scan of its characters shows: it is ASCII, or it holds no variation selector, no
    /// evidence of the other script and no sentinel of the tables its decision sends it
    /// through (pre-stage, script table, post-stage; the compiler's `recipes::sentinels`):
    /// such text goes through each of them unchanged. Updates `scratch.prior` as
    /// [`decide`](Self::decide) does; `false` only says the clause must be passed again.
    #[cfg(test)]
    pub(crate) fn settles(&self, clause: &str, scratch: &mut Scratch) -> bool {
        if clause.is_ascii() {
            if clause.ends_with('\n') {
                scratch.prior = None;
            }
            return true;
        }
        let s = self.sentinels();
        let (score, risky) = s.scan(clause);
        s.clause_settles(
            clause,
            true,
            score,
            risky,
            self.traditional,
            &mut scratch.prior,
        )
    }

    /// Whether a pass leaves `sentence`, a sentence of what a pass wrote, as it is:
    /// [`settles`](Self::settles) on each of its clauses in turn, in one pass over its
    /// characters. Updates `scratch.prior` as `settles` does, up to the first clause that
    /// does not settle.
    pub(crate) fn settles_sentence(&self, sentence: &str, scratch: &mut Scratch) -> bool {
        self.sentinels()
            .settles_sentence(sentence, self.traditional, &mut scratch.prior)
    }

    /// The sentinels of this normalizer's tables, built on first use.
    fn sentinels(&self) -> &'static Sentinels {
        SENTINELS[self.slot].get_or_init(|| {
            let foreign = if self.traditional {
                weights::SIMPLIFIED
            } else {
                weights::TRADITIONAL
            };
            Sentinels::new(
                [Decision::Strict, Decision::Words, Decision::Full].map(|d| {
                    let (pre, script, post) = self.tables(d);
                    [pre, Some(script), post].into_iter().flatten().collect()
                }),
                foreign,
            )
        })
    }

    /// The script weights of `clause` summed (half bits towards Simplified), as
    /// [`decide`](Self::decide) judges it: after the pre-stage of forms, if any. For
    /// `zhnorm explain`; not on the conversion path.
    pub(crate) fn clause_score(&self, clause: &str) -> i32 {
        let judged = match self.pre.filter(|_| !self.pre_vocabulary) {
            Some(pre) if !clause.is_ascii() => {
                let mut seen = String::with_capacity(clause.len());
                Table::get(pre).convert(clause, &mut seen);
                seen
            }
            _ => clause.to_string(),
        };
        judged
            .chars()
            .filter(|&c| !c.is_ascii() && !script::is_variation_selector(c))
            .map(|c| weights::weight_of_u32(c as u32))
            .sum()
    }

    /// Whether the target is Traditional (the other script is Simplified).
    pub(crate) fn to_traditional(&self) -> bool {
        self.traditional
    }

    /// The pre-stage, script table and post-stage of a clause decided `decision`.
    pub(crate) fn tables(&self, decision: Decision) -> (Option<TableId>, TableId, Option<TableId>) {
        match decision {
            Decision::Full => (self.pre, self.full, self.post),
            Decision::Words => (self.pre_kept, self.words, self.post_words),
            Decision::Strict => (self.pre_kept, self.strict, self.post_kept),
        }
    }

    /// Converts (part of) a sentence decided as `unit` says.
    pub(crate) fn convert_decided(
        &self,
        text: &str,
        unit: Unit,
        out: &mut String,
        scratch: &mut Scratch,
    ) {
        if text.is_ascii() {
            out.push_str(text);
            return;
        }
        if !scratch.selectors {
            // `decide` saw no variation selector in this sentence.
            return self.convert_fragment(text, unit, out, scratch);
        }
        let decision = Unit::Piece(unit.decision());
        // Each selector ends a fragment: the text before it (its base character included)
        // is converted, the selectors are copied after it.
        let mut rest = text;
        while let Some((start, end)) = super::script::find_selectors(rest) {
            self.convert_fragment(&rest[..start], decision, out, scratch);
            out.push_str(&rest[start..end]);
            rest = &rest[end..];
        }
        self.convert_fragment(rest, decision, out, scratch);
    }

    fn convert_fragment(&self, text: &str, unit: Unit, out: &mut String, scratch: &mut Scratch) {
        if text.is_empty() {
            return;
        }
        let (pre, script, post) = self.tables(unit.decision());
        // What `decide` found for this very clause, if it is one (not a piece of one): no
        // character of the pre-stage (`Skipped`), or its output in `decided_pre_out`
        // (`Ran`), which is this clause's only when the clause takes that pre-stage.
        let decided = match unit {
            Unit::Clause(Decided {
                pre: state @ (PreState::Skipped | PreState::Ran),
                ..
            }) => Some(state).filter(|&state| state == PreState::Skipped || pre == self.pre),
            _ => None,
        };
        let pre = match decided {
            Some(_) => None,
            None => pre.filter(|_| !scratch.skips_pre(text)),
        };
        let Scratch {
            pre_out,
            script_out,
            decided_pre_out,
            ..
        } = scratch;
        let text: &str = match (decided, pre.map(Table::get)) {
            // `decide` ran the pre-stage on this clause: its output is in `decided_pre_out`.
            (Some(PreState::Ran), _) => decided_pre_out,
            (_, Some(pre)) => {
                pre_out.clear();
                pre.convert(text, pre_out);
                pre_out
            }
            _ => text,
        };
        let Some(post_id) = post else {
            Table::get(script).convert(text, out);
            return;
        };
        match self.composed(unit.decision()) {
            Some(composed) => {
                // One pass (see `table::Composed`); through the post-stage only where a
                // guard character shows that the map alone may differ from it.
                let start = out.len();
                if composed.convert(text, out) {
                    script_out.clear();
                    script_out.push_str(&out[start..]);
                    out.truncate(start);
                    Table::get(post_id).convert(script_out, out);
                }
            }
            None => {
                script_out.clear();
                Table::get(script).convert(text, script_out);
                Table::get(post_id).convert(script_out, out);
            }
        }
    }

    /// The script table of `decision` with its post-stage composed into it, if it can be.
    #[inline]
    fn composed(&self, decision: Decision) -> Option<&'static table::Composed> {
        let i = match decision {
            Decision::Full => 0,
            Decision::Words => 1,
            Decision::Strict => 2,
        };
        *self.composed[i].get_or_init(|| {
            let (_, script, post) = self.tables(decision);
            post.and_then(|post| Table::composed(script, post))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{sentence, Engine};
    use crate::rules::Rules;
    use crate::Vocabulary;

    /// Real text in both scripts, mixed lines, the article, and a line of selectors,
    /// ASCII clauses, clause marks of every kind and pairs at clause ends.
    fn sample_texts() -> Vec<String> {
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");
        let mut texts: Vec<String> = [
            "accuracy/cldr-zh-hans.txt",
            "accuracy/cldr-zh-hant.txt",
            "accuracy/django-zh-hans.txt",
            "accuracy/django-zh-hant.txt",
            "accuracy/hk.txt",
            "accuracy/tw.txt",
            "accuracy/mixed.tsv",
            "article/wic-article.md",
        ]
        .iter()
        .map(|f| std::fs::read_to_string(format!("{data}{f}")).unwrap())
        .collect();
        // Selectors, ASCII clauses, clause marks of every kind, a pair at a clause end.
        texts.push(
            "汉\u{FE00}字 ok, 面\u{FE0F}, 后(发)：「頭髮」“里”《干》〈面〉『著』、于\t范；\n\n羣干死\u{E0100}。"
                .into(),
        );
        texts
    }

    /// Calls `f` with every normalization engine (each target with each vocabulary and
    /// forms) and each of [`sample_texts`] and its conversion by that engine.
    fn for_each_engine_and_text(mut f: impl FnMut(&Engine, &Normalizer, &str)) {
        let texts = sample_texts();
        for variant in Variant::ALL {
            for vocabulary in [Vocabulary::Common, Vocabulary::Full, Vocabulary::None] {
                for forms in [Forms::Common, Forms::Opencc] {
                    let engine = Engine::normalize(variant, Style { vocabulary, forms });
                    let Engine::Normalize(n) = &engine else {
                        unreachable!()
                    };
                    for text in &texts {
                        let converted = engine.convert(text, &Rules::default()).into_owned();
                        f(&engine, n, text);
                        f(&engine, n, &converted);
                    }
                }
            }
        }
    }

    /// Two pairs of fresh scratches for converting `text`: unmarked, then marked by
    /// `Engine::begin_text` (where the pre-stage skips the clauses without its
    /// characters).
    fn scratch_pairs(engine: &Engine, text: &str) -> [[Scratch; 2]; 2] {
        let mut marked = [Scratch::default(), Scratch::default()];
        for scratch in &mut marked {
            engine.begin_text(text, scratch);
        }
        [[Scratch::default(), Scratch::default()], marked]
    }

    /// The sentences of `text`.
    fn sentences(mut text: &str) -> Vec<&str> {
        let mut all = Vec::new();
        while !text.is_empty() {
            let end = sentence::first_sentence_end(text, true).unwrap();
            all.push(&text[..end]);
            text = &text[end..];
        }
        all
    }

    /// The clauses and decisions of `for_each_decided_clause` (one pass over a sentence)
    /// are those of `sentence::for_each_clause` and `decide` on each clause: the same
    /// decision, pre-stage state and output, selectors flag and prior, for every target
    /// and style, on the sample texts and their conversions, with and without the
    /// pre-stage's marks of a whole text (`Engine::begin_text`).
    #[test]
    #[cfg_attr(miri, ignore = "converts 600 KB per target")]
    fn clause_scan_decides_as_decide() {
        let (mut clauses, mut states) = (0, [0; 3]);
        for_each_engine_and_text(|engine, n, t| {
            for [mut a, mut b] in scratch_pairs(engine, t) {
                for s in sentences(t) {
                    let mut want = Vec::new();
                    sentence::for_each_clause(s, |clause| {
                        let d = n.decide(clause, &mut a);
                        let out = a.decided_pre_out.clone();
                        want.push((clause, d, a.selectors, a.prior, out));
                    });
                    let mut got = Vec::new();
                    n.for_each_decided_clause(s, &mut b, |clause, d, b| {
                        let out = b.decided_pre_out.clone();
                        got.push((clause, d, b.selectors, b.prior, out));
                    });
                    clauses += got.len();
                    for (_, d, ..) in &got {
                        states[d.pre as usize] += 1;
                    }
                    assert_eq!(got, want, "{:?} {:?}", n.variant, n.style);
                }
            }
        });
        assert!(clauses > 100_000, "{clauses} clauses");
        // Every pre-stage state occurs: not run, run, skipped by the marks.
        assert!(states.iter().all(|&k| k > 1000), "{states:?}");
    }

    /// Consecutive clauses decided alike, converted in one call (`Engine::
    /// normalize_sentence`), give what converting each clause alone gives (`decide`, then
    /// the clause as a `Unit::Clause`), for every target and style: the pre- and
    /// post-stages of hant, tw, hk and cn included.
    #[test]
    #[cfg_attr(miri, ignore = "converts 600 KB per target")]
    fn batched_clauses_convert_as_clause_by_clause() {
        let none = Rules::default();
        for_each_engine_and_text(|engine, n, t| {
            for [mut a, mut b] in scratch_pairs(engine, t) {
                for s in sentences(t) {
                    let mut batched = String::new();
                    Engine::normalize_sentence(n, s, &none, &mut batched, &mut a);
                    let mut alone = String::new();
                    sentence::for_each_clause(s, |clause| {
                        let d = n.decide(clause, &mut b);
                        n.convert_decided(clause, Unit::Clause(d), &mut alone, &mut b);
                    });
                    assert_eq!(batched, alone, "{:?} {:?}: {s:?}", n.variant, n.style);
                    assert_eq!(a.prior, b.prior);
                }
            }
        });
    }

    /// The sentence scan (`settles_sentence`) answers what the clause scan (`settles` on
    /// each clause until one does not settle) answers, and leaves the same prior: for
    /// every target and style, on the sample texts and their conversions (where sentences
    /// mostly settle), sentence by sentence with the prior carried along.
    #[test]
    #[cfg_attr(miri, ignore = "converts 600 KB per target")]
    fn sentence_scan_equals_clause_scan() {
        let (mut all, mut settled) = (0, 0);
        for_each_engine_and_text(|_, n, t| {
            let (mut a, mut b) = (Scratch::default(), Scratch::default());
            for s in sentences(t) {
                let mut want = true;
                sentence::for_each_clause(s, |clause| {
                    want = want && n.settles(clause, &mut a);
                });
                let got = n.settles_sentence(s, &mut b);
                assert_eq!(got, want, "{:?} {:?}: {s:?}", n.variant, n.style);
                all += 1;
                if want {
                    settled += 1;
                    assert_eq!(a.prior, b.prior, "{:?} {:?}: {s:?}", n.variant, n.style);
                } else {
                    b.prior = a.prior;
                }
            }
        });
        // Both answers occur, often.
        assert!(settled > all / 4 && settled < all, "{settled} of {all}");
    }

    /// A script table with its post-stage composed into it (`table::Composed`), its
    /// output passed through the post-stage only where it holds a guard character, writes
    /// what the two stages write: for every decision of every target whose post-stage the
    /// compiler marked, on the sample texts and their conversions, and on generated text
    /// built from the post-stages' longer keys (Taiwan's 張棟樑 and the Simplified text
    /// that converts to them, the regional vocabulary), the characters the maps change and
    /// common characters.
    #[test]
    #[cfg_attr(miri, ignore = "converts 600 KB per target")]
    fn composed_post_stage_writes_what_the_stages_write() {
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/dictionaries/opencc/");
        let mut pieces: Vec<String> = [
            "TWVariantsPhrases.txt",
            "HKVariantsPhrases.txt",
            "TWPhrases.txt",
            "HKPhrases.txt",
        ]
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(format!("{data}{f}"))
                .unwrap()
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split('\t').next().map(String::from))
                .collect::<Vec<_>>()
        })
        .filter(|k| !k.is_empty())
        .collect();
        for p in [
            "张栋梁",
            "林国梁",
            "纯吃茶",
            "喫茶小铺",
            "牛骥同一皂",
            "栋梁",
            "桥梁",
            "吃",
            "喫",
            "皂",
            "皁",
            "樑",
            "梁",
            "为",
            "爲",
            "為",
            "着",
            "著",
            "裏",
            "里",
            "裡",
            "众",
            "衆",
            "群",
            "羣",
            "啓",
            "启",
            "污",
            "汙",
            "峯",
            "峰",
            "，",
            "。",
            "a",
            "的",
            "是",
            "了",
            "\n",
        ] {
            pieces.push(p.to_string());
        }
        let mut generated = String::new();
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..40_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            generated.push_str(&pieces[(x % pieces.len() as u64) as usize]);
        }
        let (mut composed, mut guarded) = (0, 0);
        let mut seen = std::collections::HashSet::new();
        for_each_engine_and_text(|_, n, t| {
            for d in [Decision::Full, Decision::Words, Decision::Strict] {
                let (_, script, post) = n.tables(d);
                let Some(post) = post else { continue };
                let Some(c) = Table::composed(script, post) else {
                    continue;
                };
                let texts = if seen.insert((script, post)) {
                    vec![t, generated.as_str()]
                } else {
                    vec![t]
                };
                for text in texts {
                    for line in text.split_inclusive('\n') {
                        let (mut mid, mut want) = (String::new(), String::new());
                        Table::get(script).convert(line, &mut mid);
                        Table::get(post).convert(&mid, &mut want);
                        let mut got = String::new();
                        if c.convert(line, &mut got) {
                            guarded += 1;
                            let once = std::mem::take(&mut got);
                            Table::get(post).convert(&once, &mut got);
                        }
                        composed += 1;
                        assert_eq!(got, want, "{:?} {:?} {d:?}: {line:?}", n.variant, n.style);
                    }
                }
            }
        });
        // The stages composed and the guard both had work.
        assert!(composed > 10_000 && guarded > 100, "{composed} {guarded}");
    }
}
