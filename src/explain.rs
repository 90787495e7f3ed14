//! Why a conversion changed what it changed: [`Converter::explain`](crate::Converter::explain).
//!
//! The explanation is made by converting again with every stage *traced*: the same
//! sentences, clauses, script decisions, user rules and tables as
//! [`Converter::convert`](crate::Converter::convert), each table walked with the same greedy
//! loop but recording every match that changes its input (`Table::trace`). Where a stage's
//! output feeds the next (pre-stage → script table → post-stage; OpenCC's stages; the
//! passes that settle a sentence, DESIGN.md "Invariants"), each stage's matches are found
//! on that stage's own input and mapped back to the input through the changes before them:
//! changes whose spans overlap are merged into one [`Change`] listing every step, in order.
//!
//! Approximations, all documented on the types:
//!
//! * Spans: a merged change covers the union of its steps' spans, so a later stage's
//!   phrase spanning two earlier changes yields one change over both words.
//! * Provenance ([`Source`]): a table's match is attributed to the first dictionary file of
//!   its tree that has the matched text as a key (OpenCC's short-circuit groups take the
//!   first member with a match); a derived dictionary (zhnorm's strict and word tables,
//!   the default regional vocabulary) counts as the file it was derived from. A match no
//!   file has as a key (a derived entry, such as a regional word's forms) has no source.
//! * Agreement: each sentence's traced output is compared with the converter's own output
//!   for it; should they ever differ, the sentence's difference is reported as one change
//!   with [`Stage::Unexplained`], so that applying the changes always gives `convert`.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::engine::{self, sentence, Decision, Engine, Normalizer, Scratch};
use crate::rules::Rules;
use crate::table::{Table, TableId};

mod generated {
    use crate::table::{embedded_str, EmbeddedStr};
    include!(concat!(env!("OUT_DIR"), "/provenance.rs"));
}
use generated::{BOUNDARIES, SOURCES, SOURCE_KEYS, SOURCE_PATHS, TABLE_BOUNDS, TABLE_SOURCES};

/// One change a conversion makes: an input word, what it became, and the steps that made
/// it (see [`Converter::explain`](crate::Converter::explain)).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Change {
    /// Byte range of the changed text in the input.
    pub input: Range<usize>,
    /// The input text changed (`&input[self.input]`).
    pub from: String,
    /// What it became in the output.
    pub to: String,
    /// The table matches and rules that made the change, in the order they applied.
    pub steps: Vec<Step>,
    /// Normalization: the script decision of the clause the change is in.
    pub clause: Option<Clause>,
}

/// One match of a table (or of a user rule) that rewrote text.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Step {
    /// Where in the pipeline.
    pub stage: Stage,
    /// A human name of what matched: `OpenCC STPhrases (full conversion)`, `Taiwan
    /// vocabulary (TWPhrases)`, `user dictionary` …
    pub table: String,
    /// The key matched, as the stage saw it (for a word boundary, the row of
    /// `boundaries.tsv`, whose first word alone was converted).
    pub key: String,
    /// What the stage wrote for it.
    pub value: String,
    /// The dictionary file (and line) the entry comes from, when known.
    pub source: Option<Source>,
    /// Which pass over the sentence: 1, or 2 to 5 for the passes that settle it
    /// (normalization is idempotent: DESIGN.md, "Invariants").
    pub pass: u8,
}

/// Where in the pipeline a [`Step`] happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Stage {
    /// A user rule (`--dict`, `--keep`, [`ConverterBuilder::rule`](crate::ConverterBuilder::rule)).
    User,
    /// Normalization's pre-stage: the other region's forms (cn: Taiwan/Hong Kong words).
    Pre,
    /// Normalization's script table (full, words or strict, by the clause's decision).
    Script,
    /// Normalization's post-stage: the region's forms and vocabulary.
    Post,
    /// An OpenCC config's normalization of CJK compatibility ideographs.
    Compatibility,
    /// An OpenCC config's conversion stage (0: the first).
    Config(usize),
    /// A difference the trace did not reproduce (see the module docs); not expected.
    Unexplained,
}

impl Stage {
    /// A short name: `user`, `pre`, `script`, `post`, `compat`, `stage 1` …
    pub fn name(self) -> String {
        match self {
            Stage::User => "user".into(),
            Stage::Pre => "pre".into(),
            Stage::Script => "script".into(),
            Stage::Post => "post".into(),
            Stage::Compatibility => "compat".into(),
            Stage::Config(k) => format!("stage {}", k + 1),
            Stage::Unexplained => "unexplained".into(),
        }
    }
}

/// A dictionary file and line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Source {
    /// The file's path under `dictionaries/`: `opencc/TWPhrases.txt`, `zhnorm/hans.txt`,
    /// `frequency/boundaries.tsv`.
    pub file: &'static str,
    /// The line of the entry (1-based).
    pub line: u32,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// The script decision of a clause (normalization; DESIGN.md, "Script weights").
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct Clause {
    /// How the clause was converted.
    pub script: ClauseScript,
    /// The clause's script weights summed, in bits towards the *other* script than the
    /// target's (negative: towards the target's); ±3 bits decide.
    pub bits: f64,
    /// The weights did not decide and the clause followed the last decided clause of its
    /// line.
    pub inherited: bool,
}

/// How a clause was judged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClauseScript {
    /// In the other script: converted fully.
    Other,
    /// In the target script: only evidence of the other script and clear phrases.
    Target,
    /// Undecided (a word given alone): phrases, and characters only where evidence.
    Undecided,
}

impl ClauseScript {
    /// `other script`, `target script` or `undecided`.
    pub fn name(self) -> &'static str {
        match self {
            ClauseScript::Other => "other script",
            ClauseScript::Target => "target script",
            ClauseScript::Undecided => "undecided",
        }
    }
}

// ---- provenance --------------------------------------------------------------------------

/// Per source file: key → line, built on first use.
static INDEX: [OnceLock<HashMap<&'static str, u32>>; SOURCES] =
    [const { OnceLock::new() }; SOURCES];

fn index(file: usize) -> &'static HashMap<&'static str, u32> {
    INDEX[file].get_or_init(|| {
        SOURCE_KEYS[file]
            .text()
            .split('\n')
            .enumerate()
            .filter(|(_, k)| !k.is_empty())
            .map(|(i, k)| (k, i as u32 + 1))
            .collect()
    })
}

/// Where table `table`'s match of `consumed` bytes at `at` of `text` comes from: the first
/// source file of the table with that key; for a word boundary, a row the table keeps
/// that starts at `at` with the matched text (its first word). Returns the source and
/// the key to show.
/// Whether the line list `lines` (one bit per line of a source file, line `l` in bit
/// `l % 8` of byte `l / 8`) holds `line`.
fn has_line(lines: &[u8], line: u32) -> bool {
    lines
        .get(line as usize / 8)
        .is_some_and(|b| b >> (line % 8) & 1 != 0)
}

fn provenance(table: TableId, text: &str, at: usize, consumed: usize) -> (Option<Source>, String) {
    let key = text.get(at..at + consumed).unwrap_or_default();
    for &(f, only) in TABLE_SOURCES
        .get(table.index())
        .copied()
        .unwrap_or_default()
    {
        let f = usize::from(f);
        // A derived dictionary holding only some of its file's keys: only those lines.
        let holds = |&line: &u32| only.is_none_or(|lines| has_line(lines, line));
        let file = SOURCE_PATHS[f];
        let idx = index(f);
        if file == BOUNDARIES {
            let kept = TABLE_BOUNDS.get(table.index()).copied().unwrap_or_default();
            let rest = &text[at + key.len()..];
            let row = rest
                .char_indices()
                .map(|(i, c)| at + key.len() + i + c.len_utf8())
                // The longest row of boundaries.tsv has 14 characters.
                .take(16)
                .find_map(|end| {
                    let row = &text[at..end];
                    idx.get(row)
                        .filter(|&&line| has_line(kept, line))
                        .map(|&line| (row, line))
                });
            if let Some((row, line)) = row {
                return (Some(Source { file, line }), row.to_string());
            }
        } else if let Some(&line) = idx.get(key).filter(|l| holds(l)) {
            return (Some(Source { file, line }), key.to_string());
        }
    }
    (None, key.to_string())
}

/// A human name of a source file, as a table's.
fn file_name(file: &str) -> String {
    let stem = file
        .rsplit('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".txt");
    match stem {
        _ if file == BOUNDARIES => "word boundary (boundaries.tsv)".into(),
        _ if file.starts_with("zhnorm/") => format!("zhnorm {}", &file["zhnorm/".len()..]),
        "TWPhrases" => "Taiwan vocabulary (TWPhrases)".into(),
        "HKPhrases" => "Hong Kong vocabulary (HKPhrases)".into(),
        "TWPhrasesRev" => "mainland vocabulary (TWPhrasesRev)".into(),
        "HKPhrasesRev" => "mainland vocabulary (HKPhrasesRev)".into(),
        "TWVariants" | "TWVariantsPhrases" => format!("Taiwan forms ({stem})"),
        "HKVariants" | "HKVariantsPhrases" => format!("Hong Kong forms ({stem})"),
        stem => format!("OpenCC {stem}"),
    }
}

// ---- changes and their composition ----------------------------------------------------

/// A change in the making: `orig` in one text, `cur` in another derived from it.
#[derive(Clone, Debug)]
struct Ch {
    orig: Range<usize>,
    cur: Range<usize>,
    steps: Vec<Step>,
    clause: Option<Clause>,
}

impl Ch {
    fn shifted(mut self, orig: usize, cur: usize) -> Ch {
        self.orig = self.orig.start + orig..self.orig.end + orig;
        self.cur = self.cur.start + cur..self.cur.end + cur;
        self
    }
}

/// `prev` (text A → B) followed by `next` (B → C) as changes of A → C: changes whose spans
/// in B overlap are merged (their spans joined, their steps in order); positions outside
/// every change map by the length differences of the changes before them.
fn compose(prev: Vec<Ch>, next: Vec<Ch>) -> Vec<Ch> {
    if next.is_empty() {
        return prev;
    }
    if prev.is_empty() {
        return next;
    }
    // (start, end in B, from next, index), clustered by overlap.
    let mut items: Vec<(usize, usize, bool, usize)> = prev
        .iter()
        .enumerate()
        .map(|(i, c)| (c.cur.start, c.cur.end, false, i))
        .chain(
            next.iter()
                .enumerate()
                .map(|(i, c)| (c.orig.start, c.orig.end, true, i)),
        )
        .collect();
    items.sort_unstable();
    // (start, end in B, members: from next?, index)
    type Cluster = (usize, usize, Vec<(bool, usize)>);
    let mut clusters: Vec<Cluster> = Vec::new();
    for (s, e, n, i) in items {
        match clusters.last_mut() {
            Some(last) if s < last.1 => {
                last.1 = last.1.max(e);
                last.2.push((n, i));
            }
            _ => clusters.push((s, e, vec![(n, i)])),
        }
    }
    let (mut dp, mut dn) = (0isize, 0isize);
    let delta = |c: &Ch| c.cur.len() as isize - c.orig.len() as isize;
    let mut out = Vec::with_capacity(clusters.len());
    for (bs, be, members) in clusters {
        let ps = || members.iter().filter(|m| !m.0).map(|m| &prev[m.1]);
        let ns = || members.iter().filter(|m| m.0).map(|m| &next[m.1]);
        let a_start = ps()
            .find(|c| c.cur.start == bs)
            .map_or((bs as isize - dp) as usize, |c| c.orig.start);
        let c_start = ns()
            .find(|c| c.orig.start == bs)
            .map_or((bs as isize + dn) as usize, |c| c.cur.start);
        dp += ps().map(delta).sum::<isize>();
        dn += ns().map(delta).sum::<isize>();
        let a_end = ps()
            .filter(|c| c.cur.end == be)
            .map(|c| c.orig.end)
            .max()
            .unwrap_or((be as isize - dp) as usize);
        let c_end = ns()
            .filter(|c| c.orig.end == be)
            .map(|c| c.cur.end)
            .max()
            .unwrap_or((be as isize + dn) as usize);
        let steps = ps()
            .chain(ns())
            .flat_map(|c| c.steps.iter().cloned())
            .collect();
        let clause = ps().chain(ns()).find_map(|c| c.clause);
        out.push(Ch {
            orig: a_start..a_end.max(a_start),
            cur: c_start..c_end.max(c_start),
            steps,
            clause,
        });
    }
    out
}

/// `text` through table `id` (segment ends `ends`): the output and its changes. With
/// `split`, OpenCC's phrase segments are pushed to it (in `text`).
fn trace_table(
    id: TableId,
    text: &str,
    ends: &[usize],
    split: Option<&mut Vec<usize>>,
    stage: Stage,
    what: &str,
    pass: u8,
) -> (String, Vec<Ch>) {
    let mut out = String::with_capacity(text.len());
    let mut chs = Vec::new();
    let mut copied = 0;
    Table::get(id).trace(text, ends, split, |at, consumed, value| {
        // (A table's match always ends on a character boundary; checked, not assumed.)
        if at < copied || text.get(at..at + consumed).is_none() {
            return;
        }
        out.push_str(&text[copied..at]);
        let (source, key) = provenance(id, text, at, consumed);
        let table = match source {
            Some(s) => file_name(s.file),
            None => "zhnorm (derived table)".into(),
        };
        // The script table's mode goes in its parentheses: `OpenCC STPhrases (full
        // conversion)`, `Taiwan vocabulary (TWPhrases)`, `word boundary (boundaries.tsv,
        // full conversion)`.
        let table = match (what, table.strip_suffix(')')) {
            ("", _) => table,
            (_, Some(open)) => format!("{open}, {what})"),
            (_, None) => format!("{table} ({what})"),
        };
        chs.push(Ch {
            orig: at..at + consumed,
            cur: out.len()..out.len() + value.len(),
            steps: vec![Step {
                stage,
                table,
                key,
                value: value.to_string(),
                source,
                pass,
            }],
            clause: None,
        });
        out.push_str(value);
        copied = at + consumed;
    });
    out.push_str(&text[copied..]);
    (out, chs)
}

// ---- normalization ---------------------------------------------------------------------

fn decision_name(d: Decision) -> &'static str {
    match d {
        Decision::Full => "full conversion",
        Decision::Words => "words of a clause alone",
        Decision::Strict => "evidence only",
    }
}

/// One fragment (no rule, no selector inside) through the stages of `decision`.
fn fragment(n: &Normalizer, text: &str, decision: Decision, pass: u8) -> (String, Vec<Ch>) {
    let (pre, script, post) = n.tables(decision);
    let mut cur = text.to_string();
    let mut chs = Vec::new();
    for (stage, id, what) in [
        (Stage::Pre, pre, ""),
        (Stage::Script, Some(script), decision_name(decision)),
        (Stage::Post, post, ""),
    ] {
        if let Some(id) = id {
            let (out, c) = trace_table(id, &cur, &[cur.len()], None, stage, what, pass);
            chs = compose(chs, c);
            cur = out;
        }
    }
    (cur, chs)
}

/// `Normalizer::convert_decided`, traced: appends to `out` and `chs` (offsets of `text`
/// from `base` in the pass's input).
#[allow(clippy::too_many_arguments)]
fn decided(
    n: &Normalizer,
    text: &str,
    base: usize,
    decision: Decision,
    selectors: bool,
    pass: u8,
    out: &mut String,
    chs: &mut Vec<Ch>,
) {
    if text.is_ascii() {
        out.push_str(text);
        return;
    }
    let piece = |t: &str, at: usize, out: &mut String, chs: &mut Vec<Ch>| {
        if t.is_empty() {
            return;
        }
        let (o, c) = fragment(n, t, decision, pass);
        let start = out.len();
        chs.extend(c.into_iter().map(|c| c.shifted(base + at, start)));
        out.push_str(&o);
    };
    if !selectors {
        return piece(text, 0, out, chs);
    }
    let mut at = 0;
    while let Some((start, end)) = engine::script::find_selectors(&text[at..]) {
        piece(&text[at..at + start], at, out, chs);
        out.push_str(&text[at + start..at + end]);
        at += end;
    }
    piece(&text[at..], at, out, chs);
}

/// User rules over `text` (offset `base`), `gap` converting the text between their
/// matches: appends to `out` and `chs`.
fn with_rules(
    rules: &Rules,
    text: &str,
    base: usize,
    out: &mut String,
    chs: &mut Vec<Ch>,
    mut gap: impl FnMut(&str, usize, &mut String, &mut Vec<Ch>),
) {
    if rules.is_empty() {
        return gap(text, base, out, chs);
    }
    let origin = text.as_ptr() as usize;
    // The rule matches between two gaps: (input end of the last gap, output end).
    let mut last = (0usize, out.len());
    let mut rule_chs: Vec<Ch> = Vec::new();
    let record = |from: Range<usize>, to: Range<usize>, out: &str, rule_chs: &mut Vec<Ch>| {
        // Split into the rules' own matches where the lookup finds them again.
        let (mut i, mut o) = (from.start, to.start);
        while i < from.end {
            match rules.match_at(&text[i..from.end]) {
                Some((len, value)) if out.get(o..o + value.len()) == Some(value) && len > 0 => {
                    rule_chs.push(user_change(
                        text,
                        i..i + len,
                        o..o + value.len(),
                        value,
                        base,
                    ));
                    i += len;
                    o += value.len();
                }
                _ => {
                    rule_chs.push(user_change(
                        text,
                        i..from.end,
                        o..to.end,
                        &out[o..to.end],
                        base,
                    ));
                    return;
                }
            }
        }
    };
    let mut pending: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    rules.apply(text, out, |t, o| {
        let at = t.as_ptr() as usize - origin;
        if at > last.0 {
            pending.push((last.0..at, last.1..o.len()));
        }
        gap(t, base + at, o, chs);
        last = (at + t.len(), o.len());
    });
    if last.0 < text.len() {
        pending.push((last.0..text.len(), last.1..out.len()));
    }
    for (from, to) in pending {
        record(from, to, out, &mut rule_chs);
    }
    chs.extend(rule_chs);
    chs.sort_by_key(|c| c.orig.start);
}

fn user_change(text: &str, from: Range<usize>, to: Range<usize>, value: &str, base: usize) -> Ch {
    Ch {
        orig: from.start + base..from.end + base,
        cur: to,
        steps: vec![Step {
            stage: Stage::User,
            table: "user dictionary".into(),
            key: text[from].to_string(),
            value: value.to_string(),
            source: None,
            pass: 1,
        }],
        clause: None,
    }
}

/// One normalization pass over a sentence (`Engine::normalize_sentence`, clause by clause).
fn pass(
    n: &Normalizer,
    text: &str,
    rules: &Rules,
    scratch: &mut Scratch,
    pass: u8,
) -> (String, Vec<Ch>) {
    let mut out = String::with_capacity(text.len());
    let mut chs = Vec::new();
    let origin = text.as_ptr() as usize;
    sentence::for_each_clause(text, |clause| {
        let at = clause.as_ptr() as usize - origin;
        let score = n.clause_score(clause);
        let decision = n.decide(clause, scratch).decision;
        let selectors = scratch.selectors;
        let towards = if n.to_traditional() { score } else { -score };
        let weighed = engine::script::decision_of(score, n.to_traditional()).is_some();
        let info = Clause {
            script: match decision {
                Decision::Full => ClauseScript::Other,
                Decision::Strict => ClauseScript::Target,
                Decision::Words => ClauseScript::Undecided,
            },
            bits: f64::from(towards) / 2.0,
            inherited: !weighed && decision != Decision::Words,
        };
        let start = chs.len();
        with_rules(rules, clause, at, &mut out, &mut chs, |t, base, o, c| {
            decided(n, t, base, decision, selectors, pass, o, c)
        });
        for c in &mut chs[start..] {
            c.clause.get_or_insert(info);
        }
    });
    (out, chs)
}

/// A sentence without rules, settled as `Engine::normalize_settled` does.
fn settled(n: &Normalizer, text: &str, scratch: &mut Scratch) -> (String, Vec<Ch>) {
    let none = Rules::default();
    let (prior, settled) = (scratch.prior, scratch.settled_prior);
    let (mut out, mut chs) = pass(n, text, &none, scratch, 1);
    let after = scratch.prior;
    if settled == prior && out == text {
        scratch.settled_prior = after;
        return (out, chs);
    }
    scratch.prior = settled;
    if !n.settles_sentence(&out, scratch) {
        for k in 0..engine::SETTLE_PASSES {
            scratch.prior = settled;
            let (again, more) = pass(n, &out, &none, scratch, k as u8 + 2);
            if again == out {
                break;
            }
            chs = compose(chs, more);
            out = again;
        }
    }
    scratch.settled_prior = scratch.prior;
    scratch.prior = after;
    (out, chs)
}

// ---- OpenCC configs --------------------------------------------------------------------

/// One piece of text (no rule inside) through an OpenCC config's pipeline, traced.
fn config_piece(p: &engine::Pipeline, text: &str) -> (String, Vec<Ch>) {
    let spec = p.config().spec();
    let mut cur = text.to_string();
    let mut chs = Vec::new();
    if !spec.normalization.is_empty() && engine::may_need_normalization(text) {
        for &t in spec.normalization {
            let (o, c) = trace_table(t, &cur, &[cur.len()], None, Stage::Compatibility, "", 1);
            chs = compose(chs, c);
            cur = o;
        }
    }
    if cur.is_empty() {
        return (cur, chs);
    }
    let mut ends = Vec::new();
    match spec.segmentation {
        Some(seg) => Table::get(seg).segment(&cur, &mut ends),
        None => ends.push(cur.len()),
    }
    let stages = spec.stages;
    for (k, &id) in stages.iter().enumerate() {
        let segmenting = k == 0 && spec.phrase_segments && stages.len() > 1;
        let mut found = Vec::new();
        let whole = [cur.len()];
        let (o, c) = trace_table(
            id,
            &cur,
            if segmenting { &whole } else { &ends },
            segmenting.then_some(&mut found),
            Stage::Config(k),
            "",
            1,
        );
        if segmenting {
            ends = found;
        }
        // The segment ends in the output (no match crosses one).
        ends = ends
            .iter()
            .map(|&e| {
                let d: isize = c
                    .iter()
                    .filter(|c| c.orig.end <= e)
                    .map(|c| c.cur.len() as isize - c.orig.len() as isize)
                    .sum();
                (e as isize + d) as usize
            })
            .collect();
        chs = compose(chs, c);
        cur = o;
    }
    (cur, chs)
}

// ---- the driver ------------------------------------------------------------------------

/// The changes `engine` with `rules` makes to `text` (see the module docs).
pub(crate) fn explain(engine: &Engine, rules: &Rules, text: &str) -> Vec<Change> {
    let mut scratch = Scratch::default();
    let mut real_scratch = Scratch::default();
    let mut changes = Vec::new();
    let mut real = String::new();
    let mut at = 0;
    // The units the converter converts, as it converts them (the same driver loop).
    engine.for_each_unit(
        text,
        true,
        rules,
        &mut real_scratch,
        |unit, real_scratch| {
            real.clear();
            engine.convert_sentence(unit, rules, &mut real, real_scratch);
            let traced = match engine {
                Engine::Normalize(n) if rules.is_empty() => Some(settled(n, unit, &mut scratch)),
                Engine::Normalize(n) => Some(pass(n, unit, rules, &mut scratch, 1)),
                Engine::OpenCC(p) => {
                    let mut out = String::new();
                    let mut chs = Vec::new();
                    with_rules(rules, unit, 0, &mut out, &mut chs, |t, base, o, c| {
                        let (converted, more) = config_piece(p, t);
                        let start = o.len();
                        c.extend(more.into_iter().map(|m| m.shifted(base, start)));
                        o.push_str(&converted);
                    });
                    Some((out, chs))
                }
                #[allow(unreachable_patterns)]
                _ => None,
            };
            match traced.and_then(|(out, chs)| adds_up(unit, &out, chs, &real)) {
                Some(found) => changes.extend(found.into_iter().map(|mut c| {
                    c.input = c.input.start + at..c.input.end + at;
                    c
                })),
                None if real != unit => changes.push(unexplained(unit, &real, at)),
                None => {}
            }
            at += unit.len();
        },
    );
    changes
}

/// The traced changes of `unit` as [`Change`]s (those that change nothing left out), when
/// they add up: in order, on character boundaries, and giving `real` (the converter's own
/// output), which the traced output `out` must be too.
fn adds_up(unit: &str, out: &str, chs: Vec<Ch>, real: &str) -> Option<Vec<Change>> {
    if out != real {
        return None;
    }
    let mut applied = String::with_capacity(real.len());
    let (mut at, mut written) = (0, 0);
    let mut changes = Vec::with_capacity(chs.len());
    for c in chs {
        let from = unit.get(c.orig.clone())?;
        let to = out.get(c.cur.clone())?;
        if c.orig.start < at || c.cur.start < written {
            return None;
        }
        applied.push_str(unit.get(at..c.orig.start)?);
        applied.push_str(to);
        (at, written) = (c.orig.end, c.cur.end);
        if from != to {
            changes.push(Change {
                input: c.orig,
                from: from.to_string(),
                to: to.to_string(),
                steps: c.steps,
                clause: c.clause,
            });
        }
    }
    applied.push_str(&unit[at..]);
    (applied == real).then_some(changes)
}

/// The difference between `unit` and its conversion `real`, as one change.
fn unexplained(unit: &str, real: &str, at: usize) -> Change {
    let (x, y) = changed_stretch(unit, real).unwrap_or((0..0, 0..0));
    let (from, to) = (&unit[x.clone()], &real[y]);
    Change {
        input: at + x.start..at + x.end,
        from: from.to_string(),
        to: to.to_string(),
        steps: vec![Step {
            stage: Stage::Unexplained,
            table: "not traced".into(),
            key: from.to_string(),
            value: to.to_string(),
            source: None,
            pass: 1,
        }],
        clause: None,
    }
}

/// The stretch where `a` and `b` differ, trimmed of their common start and end (on
/// character boundaries), as ranges in `a` and `b`; `None` when they are equal.
pub(crate) fn changed_stretch(a: &str, b: &str) -> Option<(Range<usize>, Range<usize>)> {
    if a == b {
        return None;
    }
    let start: usize = a
        .chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let end: usize = a[start..]
        .chars()
        .rev()
        .zip(b[start..].chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    Some((start..a.len() - end, start..b.len() - end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(orig: Range<usize>, cur: Range<usize>, key: &str) -> Ch {
        Ch {
            orig,
            cur,
            steps: vec![Step {
                stage: Stage::Script,
                table: String::new(),
                key: key.into(),
                value: String::new(),
                source: None,
                pass: 1,
            }],
            clause: None,
        }
    }

    #[test]
    fn composed_changes_merge_where_they_overlap_and_shift_elsewhere() {
        // A "ab-cd-ef" → B "abX-cd-efYY" (b → bX, f → fYY) → C: "bX-c" (1..5 of B) → one
        // byte, "e" (7..8 of B) → two bytes.
        let prev = vec![ch(1..2, 1..3, "b"), ch(7..8, 8..11, "f")];
        let next = vec![ch(1..5, 1..2, "bX-c"), ch(7..8, 4..6, "e")];
        let c = compose(prev, next);
        let spans: Vec<_> = c.iter().map(|c| (c.orig.clone(), c.cur.clone())).collect();
        assert_eq!(spans, [(1..4, 1..2), (6..7, 4..6), (7..8, 6..9)]);
        let keys: Vec<&str> = c[0].steps.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["b", "bX-c"]);
    }

    #[test]
    fn changes_apart_keep_their_own_spans() {
        let prev = vec![ch(0..1, 0..3, "a")];
        let next = vec![ch(5..6, 5..6, "z")];
        let c = compose(prev, next);
        assert_eq!((c[0].orig.clone(), c[0].cur.clone()), (0..1, 0..3));
        assert_eq!((c[1].orig.clone(), c[1].cur.clone()), (3..4, 5..6));
    }
}
