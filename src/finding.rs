//! [`Finding`]: one word a conversion changes in a document, where it is and why: what
//! `zhnorm --check`, its reports (JSON, GitHub, SARIF, reviewdog) and the language server
//! all show (see [`Converter::findings`](crate::Converter::findings)).
//!
//! Findings are made line by line from the original and the converted text, which pair
//! line for line when conversion markup is kept (the source mode of `--check`). Each
//! changed line is explained ([`Converter::explain`](crate::Converter::explain)) and its
//! explained changes are matched, left to right, against what the document conversion
//! really wrote: a change the document did not make (a JSON key, a `msgid`, text an ignore
//! comment covers) is passed over. When the explanation cannot account for the line (a
//! rule of conversion markup applied, a line the format split differently), the line's
//! changed stretch is one finding without steps.

use std::ops::Range;

use crate::explain::{changed_stretch, Change, Clause, Stage, Step};

/// A place in a text: 1-based line, 1-based column in characters (a byte order mark at
/// the start of the text is not counted), and the byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters (Unicode scalar values), after any byte order mark.
    pub column: usize,
    /// Byte offset in the text.
    pub offset: usize,
}

/// One converted word of a document: where it is in the original, what it was and what it
/// became, and which tables or rules made the change.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Finding {
    /// The first character of the word in the original.
    pub start: Position,
    /// Just after the word's last character in the original (exclusive).
    pub end: Position,
    /// The original word.
    pub from: String,
    /// What it became.
    pub to: String,
    /// The steps that made the change, in order (empty when the line could not be
    /// explained; see the module docs).
    pub steps: Vec<Step>,
    /// Normalization: the script decision of the clause the word is in.
    pub clause: Option<Clause>,
}

/// What kind of rule made a change, for reports that group findings by rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Rule {
    /// A character or phrase of the other script (OpenCC's script tables, zhnorm's
    /// corrections to them, word boundaries).
    Script,
    /// A regional form of a character (Taiwan's or Hong Kong's variants).
    Forms,
    /// Regional vocabulary (軟件 → 軟體, 支持 → 支援).
    Vocabulary,
    /// A user rule or dictionary.
    User,
    /// An OpenCC config's conversion.
    Opencc,
    /// A change the explanation did not account for.
    Other,
}

impl Rule {
    /// A stable identifier: `script`, `forms`, `vocabulary`, `user`, `opencc`, `other`.
    pub fn id(self) -> &'static str {
        match self {
            Rule::Script => "script",
            Rule::Forms => "forms",
            Rule::Vocabulary => "vocabulary",
            Rule::User => "user",
            Rule::Opencc => "opencc",
            Rule::Other => "other",
        }
    }

    /// A sentence for help texts: what the rule does.
    pub fn description(self) -> &'static str {
        match self {
            Rule::Script => "a character or phrase of the other script",
            Rule::Forms => "a regional form of a character",
            Rule::Vocabulary => "a word of another region's vocabulary",
            Rule::User => "a user rule or dictionary entry",
            Rule::Opencc => "an OpenCC configuration's conversion",
            Rule::Other => "a change of the conversion not traced to a table",
        }
    }

    /// Every rule, in the order of [`Rule::id`]'s list.
    pub const ALL: [Rule; 6] = [
        Rule::Script,
        Rule::Forms,
        Rule::Vocabulary,
        Rule::User,
        Rule::Opencc,
        Rule::Other,
    ];
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl Finding {
    /// The kind of rule that made the change: vocabulary when a vocabulary table took part
    /// (软件 → 軟件 → 軟體 is a vocabulary finding), else a user rule, else regional forms,
    /// else the script.
    pub fn rule(&self) -> Rule {
        let kind = |s: &Step| -> Rule {
            let file = s.source.map(|s| s.file).unwrap_or("");
            match s.stage {
                Stage::User => Rule::User,
                Stage::Config(_) | Stage::Compatibility => Rule::Opencc,
                Stage::Unexplained => Rule::Other,
                _ if file.contains("Phrases") && (file.contains("/TW") || file.contains("/HK")) => {
                    if file.contains("Variants") {
                        Rule::Forms
                    } else {
                        Rule::Vocabulary
                    }
                }
                _ if file.contains("Variants") => Rule::Forms,
                _ if s.table.contains("vocabulary") => Rule::Vocabulary,
                _ if s.table.contains("forms") => Rule::Forms,
                _ => Rule::Script,
            }
        };
        let kinds: Vec<Rule> = self.steps.iter().map(kind).collect();
        for r in [
            Rule::Vocabulary,
            Rule::User,
            Rule::Opencc,
            Rule::Forms,
            Rule::Script,
        ] {
            if kinds.contains(&r) {
                return r;
            }
        }
        Rule::Other
    }

    /// A short reason: the tables of the steps with the source of the last one that has
    /// one (`Taiwan vocabulary (TWPhrases), opencc/TWPhrases.txt:1234`), or `None` when the
    /// change was not explained.
    pub fn reason(&self) -> Option<String> {
        let last = self.steps.last()?;
        let mut tables: Vec<&str> = Vec::new();
        for s in &self.steps {
            if !tables.contains(&s.table.as_str()) {
                tables.push(&s.table);
            }
        }
        let mut r = tables.join(" + ");
        if let Some(src) = self
            .steps
            .iter()
            .rev()
            .find_map(|s| s.source)
            .or(last.source)
        {
            r += &format!(", {src}");
        }
        Some(r)
    }
}

/// The findings of `original` converted to `converted`, given the `explain` of a line.
pub(crate) fn findings(
    original: &str,
    converted: &str,
    explain: impl Fn(&str) -> Vec<Change>,
    mut emit: impl FnMut(Finding),
) {
    let bom = usize::from(original.starts_with('\u{FEFF}'));
    let old: Vec<(usize, &str)> = lines(original);
    let new: Vec<(usize, &str)> = lines(converted);
    if old.len() != new.len() {
        // Lines were joined or split (resolved markup): one finding over the changed
        // stretch of the whole text.
        if let Some((a, b)) = changed_stretch(original, converted) {
            emit(unexplained(original, a, &converted[b], bom));
        }
        return;
    }
    // The last finding, held while the next may continue its word.
    let mut pending: Option<Finding> = None;
    for (n, (&(at, a), &(_, b))) in old.iter().zip(&new).enumerate() {
        if a == b {
            continue;
        }
        // Positions within this line: its number and start are known (no count from the
        // start of the text per finding, which made a long file quadratic).
        let place = |offset: usize| {
            let mut column = original[at..offset].chars().count() + 1;
            if n == 0 && bom == 1 && offset > 0 {
                column -= 1;
            }
            Position {
                line: n + 1,
                column,
                offset,
            }
        };
        let line_findings: Vec<Finding> = match matched(a, b, &explain(a)) {
            Some(changes) => changes
                .into_iter()
                .map(|c| Finding {
                    start: place(at + c.input.start),
                    end: place(at + c.input.end),
                    from: c.from,
                    to: c.to,
                    steps: c.steps,
                    clause: c.clause,
                })
                .collect(),
            None => {
                let (x, y) = changed_stretch(a, b).expect("the lines differ");
                vec![Finding {
                    start: place(at + x.start),
                    end: place(at + x.end),
                    from: a[x].to_string(),
                    to: b[y].to_string(),
                    steps: Vec::new(),
                    clause: None,
                }]
            }
        };
        for f in line_findings {
            match &mut pending {
                Some(last) if joins(last, &f) => {
                    last.end = f.end;
                    last.from += &f.from;
                    last.to += &f.to;
                    last.steps.extend(f.steps);
                }
                _ => {
                    if let Some(done) = pending.replace(f) {
                        emit(done);
                    }
                }
            }
        }
    }
    if let Some(done) = pending {
        emit(done);
    }
}

/// Whether `b`, right after `a`, continues the same word: both are characters converted
/// one by one by the same kind of table (标 → 標, 题 → 題 make 标题 → 標題), in the same
/// clause. A phrase's finding (支持 → 支援) stays on its own.
fn joins(a: &Finding, b: &Finding) -> bool {
    let by_character = |f: &Finding| {
        !f.steps.is_empty()
            && f.from.chars().count() == 1
            && f.steps.iter().all(|s| s.key.chars().count() == 1)
    };
    a.end.offset == b.start.offset
        && a.clause == b.clause
        && a.rule() == b.rule()
        && matches!(a.rule(), Rule::Script | Rule::Forms)
        && a.steps.iter().all(|s| s.key.chars().count() == 1)
        && by_character(b)
}

/// The lines of `text` (without their `\n`) with their byte offsets.
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut at = 0;
    text.split('\n')
        .map(|l| {
            let r = (at, l);
            at += l.len() + 1;
            r
        })
        .collect()
}

/// The explained changes of line `a` that the document conversion made, in order, when
/// together with the unchanged text between them they give exactly `b`.
fn matched(a: &str, b: &str, changes: &[Change]) -> Option<Vec<Change>> {
    let (mut p, mut q) = (0, 0); // positions in a and b
    let mut kept = Vec::new();
    for c in changes {
        let (s, e) = (c.input.start, c.input.end);
        if s < p {
            return None;
        }
        // The unchanged text before the change.
        let gap = &a[p..s];
        if !b[q..].starts_with(gap) {
            return None;
        }
        q += gap.len();
        let (from, rest) = (&a[s..e], &b[q..]);
        if !c.to.is_empty() && rest.starts_with(c.to.as_str()) {
            kept.push(c.clone());
            q += c.to.len();
        } else if c.to.is_empty() && !rest.starts_with(from) {
            // An emptied word (a user rule may map to nothing).
            kept.push(c.clone());
        } else if rest.starts_with(from) {
            // Not changed in the document (a key, a kept zone, protected markup).
            q += from.len();
        } else {
            return None;
        }
        p = e;
    }
    (a[p..] == b[q..]).then_some(kept)
}

fn unexplained(original: &str, range: Range<usize>, to: &str, bom: usize) -> Finding {
    Finding {
        start: position(original, range.start, bom),
        end: position(original, range.end, bom),
        from: original[range].to_string(),
        to: to.to_string(),
        steps: Vec::new(),
        clause: None,
    }
}

/// The position of byte `offset` of `text`.
fn position(text: &str, offset: usize, bom: usize) -> Position {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let mut column = text[line_start..offset].chars().count() + 1;
    if line == 1 && bom == 1 && offset > 0 {
        column -= 1;
    }
    Position {
        line,
        column,
        offset,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Converter, DocumentOptions, Format, Markup, Variant, Vocabulary};

    fn check(c: &Converter, text: &str, format: Format) -> Vec<Finding> {
        let options = DocumentOptions {
            format,
            markup: Markup::Source,
        };
        let out = c.convert_document(text, options).text;
        c.findings(text, &out)
    }

    #[test]
    fn whole_words_with_their_reasons() {
        let c = Converter::builder(Variant::Tw)
            .vocabulary(Vocabulary::Full)
            .build();
        let f = check(&c, "我们支持这个文档。\n第二行：软件", Format::Plain);
        let words: Vec<(&str, &str, usize, usize)> = f
            .iter()
            .map(|f| (f.from.as_str(), f.to.as_str(), f.start.line, f.start.column))
            .collect();
        assert!(words.contains(&("支持", "支援", 1, 3)), "{words:?}");
        assert!(words.contains(&("文档", "文件", 1, 7)), "{words:?}");
        assert!(words.contains(&("软件", "軟體", 2, 5)), "{words:?}");
        let software = f.iter().find(|f| f.from == "软件").unwrap();
        assert_eq!(software.rule(), Rule::Vocabulary);
        assert_eq!(software.end.column, 7);
        assert!(
            software.reason().unwrap().contains("TWPhrases"),
            "{:?}",
            software.reason()
        );
        let we = f.iter().find(|f| f.from.starts_with('们')).unwrap();
        assert_eq!(we.rule(), Rule::Script);
    }

    #[test]
    fn keys_are_passed_over_and_the_bom_is_not_a_column() {
        let c = Converter::new(Variant::Hant);
        let f = check(&c, "\u{FEFF}{\"软件\": \"软件\"}", Format::Json);
        assert_eq!(f.len(), 1, "{f:?}");
        // Only 软 changes (件 is both scripts' character): the finding is what changed.
        assert_eq!((f[0].from.as_str(), f[0].to.as_str()), ("软", "軟"));
        // `{"软件": "` is 8 characters after the mark.
        assert_eq!(f[0].start.column, 9);
        assert_eq!(f[0].start.offset, 3 + 12);
        assert!(!f[0].steps.is_empty());
        let f = check(&c, "\u{FEFF}# 标题\n", Format::Markdown);
        assert_eq!((f[0].start.line, f[0].start.column), (1, 3));
    }

    #[test]
    fn findings_put_together_give_the_conversion() {
        let text = include_str!("../tests/data/article/wic-article.md");
        for v in [Variant::Hant, Variant::Tw, Variant::Hans] {
            let c = Converter::new(v);
            let options = DocumentOptions {
                format: Format::Markdown,
                markup: Markup::Source,
            };
            let out = c.convert_document(text, options).text;
            let found = c.findings(text, &out);
            let mut rebuilt = String::new();
            let mut p = 0;
            for f in &found {
                assert!(f.start.offset >= p, "{v}: overlapping findings");
                rebuilt.push_str(&text[p..f.start.offset]);
                assert_eq!(&text[f.start.offset..f.end.offset], f.from);
                rebuilt.push_str(&f.to);
                p = f.end.offset;
            }
            rebuilt.push_str(&text[p..]);
            assert_eq!(rebuilt, out, "{v}");
            let explained = found.iter().filter(|f| !f.steps.is_empty()).count();
            assert!(
                explained * 100 >= found.len() * 95,
                "{v}: {explained} of {} explained",
                found.len()
            );
        }
    }
}
