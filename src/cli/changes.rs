//! Describing what a conversion changed: `--check` listings and `--diff` output.
//!
//! Conversion keeps line breaks: line n of the output is what line n of the input became,
//! except where conversion markup spanning lines was resolved (`-{zh-hans:甲\n乙;zh-hant:丙}-`
//! can become one line, or three). Where that cannot have happened (the line counts agree
//! and no `-{` is open at a line break), lines are paired and only the pairs that differ
//! are looked at, in one pass and linear time; otherwise lines are aligned by a line diff
//! first. Only the changes that are listed are built (positions, context); the others are
//! counted, so a capped listing costs little more than the comparison and its count stays
//! exact.

use similar::{DiffTag, TextDiff};

/// One changed span: position in the original (1-based line, column in characters),
/// the original and converted text, and some context around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub line: usize,
    pub column: usize,
    pub from: String,
    pub to: String,
    pub context: String,
}

/// The changes of one file: the first ones in full, and how many there are in all.
#[derive(Debug, Default)]
pub struct Changes {
    /// At most the limit given to [`changes`], in order.
    pub listed: Vec<Change>,
    /// Every change, listed or not.
    pub total: usize,
}

/// Characters of context on each side of a change.
const CONTEXT: usize = 8;

/// Lines of context around the changes of a unified diff.
const DIFF_CONTEXT: usize = 2;

/// Collects the first `limit` changes and counts them all.
struct Collector {
    limit: usize,
    out: Changes,
}

impl Collector {
    /// Counts one more change; whether it is to be listed.
    fn count(&mut self) -> bool {
        self.out.total += 1;
        self.out.listed.len() < self.limit
    }
}

/// The changes between `old` and `new`: the first `limit` of them listed (`usize::MAX`:
/// all), every one counted. Within a line, characters are compared and adjacent edits
/// merged into one change.
pub fn changes(old: &str, new: &str, limit: usize) -> Changes {
    let mut c = Collector {
        limit,
        out: Changes::default(),
    };
    if lines_paired(old, new) {
        for (n, (a, b)) in lines(old).zip(lines(new)).enumerate() {
            if a != b {
                line(a, b, n, &mut c);
            }
        }
        return c.out;
    }
    let old_lines: Vec<&str> = old.split('\n').collect();
    let new_lines: Vec<&str> = new.split('\n').collect();
    let diff = TextDiff::from_slices(&old_lines, &new_lines);
    for op in diff.ops() {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {}
            _ if o.len() == n.len() => {
                for (i, (a, b)) in old_lines[o.clone()].iter().zip(&new_lines[n]).enumerate() {
                    if a != b {
                        line(a, b, o.start + i, &mut c);
                    }
                }
            }
            _ => {
                // Lines that became more or fewer lines: those at either end of the group
                // that kept their length in characters are paired (when every line changed,
                // the lines around resolved markup), the rest is one change.
                let (olds, news) = (&old_lines[o.clone()], &new_lines[n]);
                let kept = |(a, b): &(&&str, &&str)| a.chars().count() == b.chars().count();
                let head = olds.iter().zip(news).take_while(kept).count();
                let tail = (olds[head..].iter().rev())
                    .zip(news[head..].iter().rev())
                    .take_while(kept)
                    .count();
                let (old_mid, new_mid) = (head..olds.len() - tail, head..news.len() - tail);
                for i in 0..head {
                    if olds[i] != news[i] {
                        line(olds[i], news[i], o.start + i, &mut c);
                    }
                }
                if c.count() {
                    let first = old_lines.get(o.start + head).copied().unwrap_or("");
                    let end = first
                        .char_indices()
                        .nth(2 * CONTEXT)
                        .map_or(first.len(), |(i, _)| i);
                    c.out.listed.push(Change {
                        line: o.start + head + 1,
                        column: 1,
                        from: olds[old_mid.clone()].join("\n"),
                        to: news[new_mid.clone()].join("\n"),
                        context: first[..end].replace(['\r', '\t'], " "),
                    });
                }
                for (i, j) in (old_mid.end..olds.len()).zip(new_mid.end..news.len()) {
                    if olds[i] != news[j] {
                        line(olds[i], news[j], o.start + i, &mut c);
                    }
                }
            }
        }
    }
    c.out
}

/// The lines of `text` without their line feeds, as `text.split('\n')` gives them.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    // The standard library finds the line feeds with `memchr` already.
    text.split('\n')
}

/// The lines of `text` with their line feeds, as `text.split_inclusive('\n')` gives them.
fn lines_with_feeds(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive('\n')
}

/// Whether line n of `new` is what line n of `old` became, for every n: the texts have as
/// many line feeds, and no `-{` of `old` is still open at a line feed (resolving markup that
/// spans lines can remove line feeds in one place and add as many in another). Markup is
/// recognized loosely here (any `-{` … `}-`, nested), so that a doubt means "no".
fn lines_paired(old: &str, new: &str) -> bool {
    let newlines = |s: &str| memchr::memchr_iter(b'\n', s.as_bytes()).count();
    newlines(old) == newlines(new) && !markup_spans_lines(old)
}

/// Whether some `-{` in `text` is not closed by a `}-` before the next line feed.
fn markup_spans_lines(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(first) = memchr::memmem::find(bytes, b"-{") else {
        return false;
    };
    let mut depth = 0usize;
    let mut i = first;
    while let Some(at) = memchr::memchr3(b'-', b'}', b'\n', &bytes[i..]) {
        let at = i + at;
        match (bytes[at], bytes.get(at + 1)) {
            (b'-', Some(b'{')) => {
                depth += 1;
                i = at + 2;
                continue;
            }
            (b'}', Some(b'-')) if depth > 0 => {
                depth -= 1;
                i = at + 2;
                continue;
            }
            (b'\n', _) if depth > 0 => return true,
            _ => {}
        }
        i = at + 1;
    }
    false
}

/// The context of a change starting at byte `at` of line `a`: up to [`CONTEXT`] characters
/// on each side, tabs and carriage returns as spaces.
fn context(a: &str, at: usize) -> String {
    let start = a[..at]
        .char_indices()
        .rev()
        .take(CONTEXT)
        .last()
        .map_or(at, |(i, _)| i);
    let end = a[at..]
        .char_indices()
        .nth(CONTEXT)
        .map_or(a.len(), |(i, _)| at + i);
    a[start..end].replace(['\r', '\t'], " ")
}

/// The changes between line `a` and the different line `b` it became, line `n + 1`.
fn line(a: &str, b: &str, n: usize, c: &mut Collector) {
    if a.chars().count() == b.chars().count() {
        same_length(a, b, n, c);
    } else {
        diffed(a, b, n, c);
    }
}

/// [`line`] for lines of as many characters (the usual case: character-for-character
/// conversion): runs of differing positions, in one pass that skips equal bytes a word
/// at a time and counts columns only while changes are listed.
fn same_length(a: &str, b: &str, n: usize, c: &mut Collector) {
    let (ab, bb) = (a.as_bytes(), b.as_bytes());
    // Byte offsets in `a` and `b` of the same character position, and that position
    // (kept up to date only while changes are listed).
    let (mut i, mut j, mut col) = (0, 0, 0);
    loop {
        // Equal bytes from equal offsets are equal characters; the first byte that differs
        // may be inside a character, whose start is the same in both.
        let mut p = common_prefix(&ab[i..], &bb[j..]);
        while !a.is_char_boundary(i + p) {
            p -= 1;
        }
        let listing = c.out.listed.len() < c.limit;
        if listing {
            col += a[i..i + p].chars().count();
        }
        i += p;
        j += p;
        if i == a.len() || j == b.len() {
            return;
        }
        let (i0, j0, col0) = (i, j, col);
        for (ca, cb) in a[i..].chars().zip(b[j..].chars()) {
            if ca == cb {
                break;
            }
            i += ca.len_utf8();
            j += cb.len_utf8();
            col += 1;
        }
        if c.count() {
            c.out.listed.push(Change {
                line: n + 1,
                column: col0 + 1,
                from: a[i0..i].to_string(),
                to: b[j0..j].to_string(),
                context: context(a, i0),
            });
        }
    }
}

/// The length of the common prefix of two byte strings.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + 16 <= n {
        let x = u128::from_ne_bytes(a[i..i + 16].try_into().expect("16 bytes"));
        let y = u128::from_ne_bytes(b[i..i + 16].try_into().expect("16 bytes"));
        if x != y {
            break;
        }
        i += 16;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// The largest change (in characters of both lines) that [`diffed`] looks for by itself;
/// past it, the rest of the line goes to Myers' diff.
const RESYNC: usize = 256;

/// Equal characters that end a change in [`diffed`] (fewer only at the end of both lines).
const ANCHOR: usize = 3;

/// [`line`] for lines of different lengths (resolved markup, vocabulary: 互联网 → 網際網路):
/// equal characters are skipped; at a difference, the nearest [`ANCHOR`] equal characters
/// (fewest characters of both lines before them) end the stretch that changed, and Myers'
/// diff of that stretch alone gives its changes. Conversion changes are short and local,
/// so this costs about the length of the line, where a diff of the whole line costs its
/// length times the size of its changes (which is what the rest of a line gets after a
/// stretch longer than [`RESYNC`]).
fn diffed(a: &str, b: &str, n: usize, c: &mut Collector) {
    let ac: Vec<char> = a.chars().collect();
    let bc: Vec<char> = b.chars().collect();
    let (mut i, mut j, mut byte) = (0, 0, 0); // `byte`: offset of `ac[i]` in `a`
    loop {
        while i < ac.len() && j < bc.len() && ac[i] == bc[j] {
            byte += ac[i].len_utf8();
            i += 1;
            j += 1;
        }
        if i == ac.len() && j == bc.len() {
            return;
        }
        let Some((x, y)) = resync(&ac[i..], &bc[j..]) else {
            return myers(a, &ac, &bc, (i, j, byte), n, c);
        };
        let (from, to) = (&ac[i..i + x], &bc[j..j + y]);
        if from.iter().any(|ch| to.contains(ch)) {
            myers(a, &ac[..i + x], &bc[..j + y], (i, j, byte), n, c);
        } else if c.count() {
            // Nothing in common (the usual case): one change, as Myers' diff would say.
            c.out.listed.push(Change {
                line: n + 1,
                column: i + 1,
                from: from.iter().collect(),
                to: to.iter().collect(),
                context: context(a, byte),
            });
        }
        byte += ac[i..i + x].iter().map(|ch| ch.len_utf8()).sum::<usize>();
        i += x;
        j += y;
    }
}

/// Where `a` and `b`, which differ at their start, agree again: the `(x, y)` of least
/// `x + y` (at most [`RESYNC`]) where [`ANCHOR`] equal characters start, or equal
/// characters up to both ends; balanced pairs first.
fn resync(a: &[char], b: &[char]) -> Option<(usize, usize)> {
    let anchor = |x: usize, y: usize| {
        let (ra, rb) = (&a[x..], &b[y..]);
        let k = ANCHOR.min(ra.len()).min(rb.len());
        (0..k).all(|t| ra[t] == rb[t]) && (k == ANCHOR || ra.len() == rb.len())
    };
    for d in 1..=RESYNC {
        // x = d/2, d/2 + 1, d/2 - 1, …: substitutions before insertions or deletions.
        let mid = d / 2;
        let xs = (0..=d - mid).flat_map(|off| {
            let below = mid.checked_sub(off).filter(|_| off > 0);
            std::iter::once(mid + off).chain(below)
        });
        for x in xs {
            let y = d - x;
            if x <= a.len() && y <= b.len() && anchor(x, y) {
                return Some((x, y));
            }
        }
    }
    None
}

/// The changes of `ac` → `bc` from `(i, j)` (and byte `byte` of line `a`) to their ends,
/// by Myers' diff; adjacent edits are merged into one change.
fn myers(
    a: &str,
    ac: &[char],
    bc: &[char],
    (i, j, mut byte): (usize, usize, usize),
    n: usize,
    c: &mut Collector,
) {
    let mut in_change = false;
    let mut cur: Option<Change> = None;
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &ac[i..], &bc[j..]) {
        let (tag, o, new) = op.as_tag_tuple();
        let (o, new) = (o.start + i..o.end + i, new.start + j..new.end + j);
        if tag == DiffTag::Equal {
            if in_change {
                in_change = false;
                c.out.listed.extend(cur.take());
            }
        } else {
            if !in_change {
                in_change = true;
                if c.count() {
                    cur = Some(Change {
                        line: n + 1,
                        column: o.start + 1,
                        from: String::new(),
                        to: String::new(),
                        context: context(a, byte),
                    });
                }
            }
            if let Some(ch) = &mut cur {
                ch.from.extend(&ac[o.clone()]);
                ch.to.extend(&bc[new]);
            }
        }
        byte += ac[o].iter().map(|ch| ch.len_utf8()).sum::<usize>();
    }
    c.out.listed.extend(cur);
}

/// A unified diff of one file (two lines of context, `name` as both file names; empty when
/// nothing changed).
pub fn unified(name: &str, old: &str, new: &str) -> String {
    // Paired lines also need the same last line, with or without a line feed.
    let last_line = |s: &str| !s.is_empty() && !s.ends_with('\n');
    if lines_paired(old, new) && last_line(old) == last_line(new) {
        return paired_unified(name, old, new);
    }
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(DIFF_CONTEXT)
        .header(name, name)
        .to_string()
}

/// [`unified`] for paired lines, in one pass: each run of changed lines is its old lines
/// then its new lines, as a line diff gives them; hunks are joined when at most twice the
/// context lies between them.
fn paired_unified(name: &str, old: &str, new: &str) -> String {
    let mut out = String::new();
    // The open hunk: its first line (0-based), its length in lines and its body.
    let mut hunk: Option<(usize, usize, String)> = None;
    // Unchanged lines since the last change (or the last few, with no hunk open).
    let mut equal: Vec<&str> = Vec::new();
    // The run of changed lines being read.
    let (mut minus, mut plus): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let pairs = lines_with_feeds(old).zip(lines_with_feeds(new));
    for (i, (a, b)) in pairs.enumerate() {
        if a == b {
            match &mut hunk {
                None => {
                    if equal.len() == DIFF_CONTEXT {
                        equal.remove(0);
                    }
                    equal.push(a);
                }
                Some((_, len, body)) => {
                    flush_run(body, &mut minus, &mut plus);
                    equal.push(a);
                    if equal.len() > 2 * DIFF_CONTEXT {
                        for l in &equal[..DIFF_CONTEXT] {
                            push_line(body, ' ', l);
                        }
                        *len += DIFF_CONTEXT;
                        if let Some(h) = hunk.take() {
                            write_hunk(&mut out, name, h);
                        }
                        equal.drain(..equal.len() - DIFF_CONTEXT);
                    }
                }
            }
            continue;
        }
        let (_, len, body) = hunk.get_or_insert_with(|| (i - equal.len(), 0, String::new()));
        for l in equal.drain(..) {
            push_line(body, ' ', l);
            *len += 1;
        }
        minus.push(a);
        plus.push(b);
        *len += 1;
    }
    if let Some((start, mut len, mut body)) = hunk {
        flush_run(&mut body, &mut minus, &mut plus);
        for l in equal.iter().take(DIFF_CONTEXT) {
            push_line(&mut body, ' ', l);
            len += 1;
        }
        write_hunk(&mut out, name, (start, len, body));
    }
    out
}

/// Writes a run of changed lines: the old ones, then the new ones.
fn flush_run(body: &mut String, minus: &mut Vec<&str>, plus: &mut Vec<&str>) {
    for l in minus.drain(..) {
        push_line(body, '-', l);
    }
    for l in plus.drain(..) {
        push_line(body, '+', l);
    }
}

/// One line of a hunk; a last line without a line feed gets the usual marker.
fn push_line(body: &mut String, tag: char, line: &str) {
    body.push(tag);
    body.push_str(line);
    if !line.ends_with('\n') {
        body.push_str("\n\\ No newline at end of file\n");
    }
}

/// A hunk of paired lines (the same range in both files), after the file header if it is
/// the first.
fn write_hunk(out: &mut String, name: &str, (start, len, body): (usize, usize, String)) {
    use std::fmt::Write as _;
    if out.is_empty() {
        let _ = write!(out, "--- {name}\n+++ {name}\n");
    }
    let range = if len == 1 {
        (start + 1).to_string()
    } else {
        format!("{},{len}", start + 1)
    };
    let _ = writeln!(out, "@@ -{range} +{range} @@");
    out.push_str(&body);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(old: &str, new: &str) -> Vec<Change> {
        let c = changes(old, new, usize::MAX);
        assert_eq!(c.listed.len(), c.total);
        c.listed
    }

    fn at(c: &Change) -> (usize, usize, &str, &str) {
        (c.line, c.column, c.from.as_str(), c.to.as_str())
    }

    #[test]
    fn lists_merged_changes_with_positions() {
        let c = all("第一行\n然后我们去了", "第一行\n然後我們去了");
        assert_eq!(c.len(), 2);
        assert_eq!(at(&c[0]), (2, 2, "后", "後"));
        assert_eq!(at(&c[1]), (2, 4, "们", "們"));
        assert_eq!(c[0].context, "然后我们去了");
    }

    #[test]
    fn context_is_eight_characters_before_and_seven_after() {
        let old = "一二三四五六七八九后\t十一二三四五六七八九";
        let c = all(old, &old.replace('后', "後"));
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].column, 10);
        assert_eq!(c[0].context, "二三四五六七八九后 十一二三四五");
        // Characters of other lengths in UTF-8 before the change.
        let c = all("a𠀀é后", "a𠀀é後");
        assert_eq!(
            (at(&c[0]), c[0].context.as_str()),
            ((1, 4, "后", "後"), "a𠀀é后")
        );
    }

    #[test]
    fn lines_of_other_lengths_are_diffed_by_character() {
        // 计算机 → 電腦 (tw vocabulary): one change, then a change after it.
        let c = all("用计算机的后来", "用電腦的後來");
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(at(&c[0]), (1, 2, "计算机", "電腦"));
        assert_eq!(at(&c[1]), (1, 6, "后来", "後來"));
        assert_eq!(c[1].context, "用计算机的后来");
    }

    /// Line `a` with its changes (all on one line) made: what they say `a` became.
    fn rebuild(a: &str, changes: &[Change]) -> String {
        let chars: Vec<char> = a.chars().collect();
        let (mut out, mut at) = (String::new(), 0);
        for ch in changes {
            let (col, from) = (ch.column - 1, ch.from.chars().count());
            assert!(
                col > at || (at == 0 && col == 0),
                "in order, apart: {changes:?}"
            );
            assert_eq!(chars[col..col + from].iter().collect::<String>(), ch.from);
            assert_ne!(ch.from, ch.to);
            out.extend(&chars[at..col]);
            out.push_str(&ch.to);
            at = col + from;
        }
        out.extend(&chars[at..]);
        out
    }

    #[test]
    fn changes_of_lines_of_other_lengths_rebuild_the_new_line() {
        // Markup resolved in a Markdown link: the change ends where the link target
        // starts, whatever characters the two have in common further on.
        let a =
            "见-{zh-hans:国家互联网信息办公室;zh-hant:國家互聯網信息辦公室;}-](../Page/国务院.md)";
        let b = "見國家網際網路資訊辦公室](../Page/国务院.md)";
        let c = all(a, b);
        assert_eq!(rebuild(a, &c), b);
        assert!(c.iter().all(|ch| !ch.from.contains("Page")), "{c:?}");
        // A stretch longer than RESYNC: the rest of the line by Myers' diff.
        let a = format!("甲{}乙后来", "x".repeat(300));
        let c = all(&a, "甲乙後來");
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!((c[0].column, c[0].to.as_str()), (2, ""));
        assert_eq!(at(&c[1]), (1, 303, "后来", "後來"));
        // Random edits of random lines, both paths (as many characters, or not).
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let alphabet: Vec<char> = "的一是不了人我在有他这中大来上国个到说们为子和你ab-{};:"
            .chars()
            .collect();
        for _ in 0..2000 {
            let a: String = (0..next(60))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let mut b = String::new();
            for ch in a.chars() {
                match next(20) {
                    0 | 1 => b.push(alphabet[next(alphabet.len())]),
                    2 => {}
                    3 => (0..1 + next(3)).for_each(|_| b.push(alphabet[next(alphabet.len())])),
                    _ => b.push(ch),
                }
            }
            if a == b {
                continue;
            }
            let every = changes(&a, &b, usize::MAX);
            assert_eq!(rebuild(&a, &every.listed), b, "{a:?} → {b:?}");
            for limit in [0, 1, 3] {
                let some = changes(&a, &b, limit);
                assert_eq!(some.total, every.total);
                assert_eq!(some.listed[..], every.listed[..limit.min(every.total)]);
            }
        }
    }

    #[test]
    fn markup_spanning_lines_keeps_the_positions_of_the_original() {
        // Issue 14, D14: this listed `5:1: 后来 →  ()`.
        let old = "-{zh-hans:甲\n乙;zh-hant:丙}-\n第二行\n后来\n";
        let c = all(old, "丙\n第二行\n後來\n");
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(at(&c[0]), (1, 1, "-{zh-hans:甲\n乙;zh-hant:丙}-", "丙"));
        assert_eq!(at(&c[1]), (4, 1, "后来", "後來"));
        // Every other line changed too: the lines around the markup are still paired.
        let old = "头发\n-{zh-hans:甲\n乙;zh-hant:丙}-\n后来\n头发\n";
        let c = all(old, "頭髮\n丙\n後來\n頭髮\n");
        assert_eq!(c.len(), 4, "{c:?}");
        assert_eq!(at(&c[0]), (1, 1, "头发", "頭髮"));
        assert_eq!(at(&c[1]), (2, 1, "-{zh-hans:甲\n乙;zh-hant:丙}-", "丙"));
        assert_eq!(at(&c[2]), (4, 1, "后来", "後來"));
        assert_eq!(at(&c[3]), (5, 1, "头发", "頭髮"));
    }

    #[test]
    fn markup_joining_and_splitting_lines_is_not_paired() {
        // As many line feeds before and after, but line 3 became line 2 (and so on): the
        // lines are aligned by a diff, not paired.
        let old = "-{zh-hans:甲\n乙;zh-hant:丙}-\n第二行\n后来\n-{zh-hans:丁;zh-hant:戊\n己}-\n";
        let new = "丙\n第二行\n後來\n戊\n己\n";
        assert!(!lines_paired(old, new));
        let c = all(old, new);
        assert_eq!(c.len(), 4, "{c:?}");
        assert_eq!(at(&c[1]), (4, 1, "后来", "後來"));
        assert_eq!(at(&c[2]), (5, 1, "-{zh-hans:丁;zh-hant:", ""));
        assert!(lines_paired("-{a}- b\n-{c}-\n", "a b\nc\n"));
        assert!(!markup_spans_lines("-{a -{b}- c}-\n}-"));
        assert!(markup_spans_lines("-{a -{b}- c\n}-"));
    }

    #[test]
    fn a_limit_lists_the_first_changes_and_counts_them_all() {
        let lines = |f: &dyn Fn(usize) -> String| (0..30).map(f).collect::<String>();
        // Paired lines, lines aligned by a diff (markup spanning lines), character diffs.
        let cases = [
            (
                lines(&|i| format!("{i}后来的头发\n")),
                lines(&|i| format!("{i}後來的頭髮\n")),
                60,
            ),
            (
                format!(
                    "-{{zh-hans:甲\n乙;zh-hant:丙}}-\n{}",
                    lines(&|i| format!("{i}后来的头发\n"))
                ),
                format!("丙\n{}", lines(&|i| format!("{i}後來的頭髮\n"))),
                61,
            ),
            (
                lines(&|i| format!("{i}用计算机的后来\n")),
                lines(&|i| format!("{i}用電腦的後來\n")),
                60,
            ),
        ];
        for (old, new, total) in cases {
            let every = changes(&old, &new, usize::MAX);
            assert_eq!((every.listed.len(), every.total), (total, total));
            for limit in [0, 1, 5, total - 1, total, total + 1] {
                let some = changes(&old, &new, limit);
                let n = limit.min(total);
                assert_eq!((some.listed.len(), some.total), (n, total));
                assert_eq!(some.listed[..], every.listed[..n]);
            }
        }
    }

    #[test]
    fn lines_split_as_the_standard_library_does() {
        for t in ["", "\n", "a", "a\n", "a\nb", "a\n\nb\n", "\n\n", "甲\r\n乙"] {
            assert_eq!(
                lines(t).collect::<Vec<_>>(),
                t.split('\n').collect::<Vec<_>>()
            );
            assert_eq!(
                lines_with_feeds(t).collect::<Vec<_>>(),
                t.split_inclusive('\n').collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn unified_diff_has_headers() {
        let d = unified("a.md", "国\n", "國\n");
        assert_eq!(d, "--- a.md\n+++ a.md\n@@ -1 +1 @@\n-国\n+國\n");
        assert_eq!(unified("a.md", "同\n", "同\n"), "");
    }

    /// Paired lines give what the line diff gives, where the line diff has nothing better
    /// to pair (no changed line equal to another line).
    #[test]
    fn paired_unified_diff_is_the_line_diff() {
        let lines = |n: usize, changed: &[usize], tail: &str| -> (String, String) {
            let (mut old, mut new) = (String::new(), String::new());
            for i in 0..n {
                old.push_str(&format!("{i} 同\n"));
                let to = if changed.contains(&i) { "異" } else { "同" };
                new.push_str(&format!("{i} {to}\n"));
            }
            old.push_str(tail);
            new.push_str(&tail.replace('国', "國"));
            (old, new)
        };
        let cases: &[(usize, &[usize], &str)] = &[
            (1, &[0], ""),
            (20, &[0], ""),
            (20, &[19], ""),
            (20, &[5, 6, 7], ""),
            (20, &[5, 9], ""),
            (20, &[5, 10], ""),
            (20, &[5, 11], ""),
            (20, &[2, 3, 10, 14, 19], ""),
            (20, &[], "国"),
            (20, &[18], "国"),
            (20, &[3], "不变"),
            (3, &[0, 1, 2], "国\r\n"),
        ];
        for &(n, changed, tail) in cases {
            let (old, new) = lines(n, changed, tail);
            assert!(lines_paired(&old, &new));
            let want = TextDiff::from_lines(&old, &new)
                .unified_diff()
                .context_radius(DIFF_CONTEXT)
                .header("f", "f")
                .to_string();
            assert_eq!(
                paired_unified("f", &old, &new),
                want,
                "{n} {changed:?} {tail:?}"
            );
        }
    }
}
