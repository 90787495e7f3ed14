//! Inline content of a Markdown block (a paragraph, a heading, a table cell), given as
//! its lines: code spans, autolinks, inline HTML, links and images, found left to right
//! as CommonMark does (backtick runs, `<`, `[`, `![` and `]` are the only bytes that
//! matter; emphasis never changes what is kept).

use std::collections::{HashMap, HashSet};

use super::blocks::{dest_len, Def, Kind};
use super::lines::{eol_len, find_special, scan_label};
use super::{closes, html_zones_in, opens, title_span, Zones, KEPT_INLINE};

/// A fast hash for labels (FNV-1a; labels are short and not adversarial enough to need
/// more: the maps live for one document).
#[derive(Default, Clone, Copy)]
pub(super) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Build = std::hash::BuildHasherDefault<Fnv>;

/// What links are resolved against, and the state that runs across blocks.
pub(super) struct Ctx<'a> {
    pub text: &'a str,
    /// Reference definitions by label (the first of each label).
    pub defs: HashMap<&'a str, &'a Def, Build>,
    /// Footnote definitions' labels.
    pub notes: HashSet<&'a str, Build>,
    /// An inline element kept whole that is open (its name and start).
    pub kept: Option<(&'static str, usize)>,
    /// Scratch zones of the HTML scanner.
    pub html: Zones,
    toks: Vec<Tok>,
    stack: Vec<Open>,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, defs: &'a [Def], notes: &'a [String]) -> Ctx<'a> {
        let mut map = HashMap::with_capacity_and_hasher(defs.len(), Build::default());
        for d in defs {
            map.entry(d.label.as_str()).or_insert(d);
        }
        Ctx {
            text,
            defs: map,
            notes: notes
                .iter()
                .map(|s| s.as_str())
                .collect::<HashSet<_, Build>>(),
            kept: None,
            html: Zones::default(),
            toks: Vec::new(),
            stack: Vec::new(),
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Tok {
    /// A backtick run: its start, length, and whether a backslash precedes it.
    Code(usize, usize, bool),
    Lt(usize),
    /// `[` or `![` at this position.
    Open(usize, bool),
    /// `]`, and whether it may still close a reference link.
    Close(usize, bool),
}

impl Tok {
    fn pos(&self) -> usize {
        match *self {
            Tok::Code(p, ..) | Tok::Lt(p) | Tok::Open(p, _) | Tok::Close(p, _) => p,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Open {
    pos: usize,
    image: bool,
    active: bool,
    /// A kept element was open where the link starts.
    in_kept: bool,
}

/// The inline constructs of the block whose lines are `segs`.
pub(super) fn scan(cx: &mut Ctx, segs: &[(usize, usize)], kind: Kind, z: &mut Zones) {
    let b = cx.text.as_bytes();
    let mut toks = std::mem::take(&mut cx.toks);
    toks.clear();
    // Between the lines there are only line endings, spaces, tabs and `>`, none of which
    // starts a construct: the block is searched as one range.
    let (from, to) = (segs[0].0, segs[segs.len() - 1].1);
    let hay = &b[..to];
    // The byte after the last backslash escape (an escaped `!` does not open an image).
    let mut escaped = usize::MAX;
    let mut i = from;
    loop {
        let p = find_special(b, i, to);
        if p >= to {
            break;
        }
        i = p + 1;
        match b[p] {
            b'\\' => {
                if p + 1 < b.len() && b[p + 1].is_ascii_punctuation() {
                    if b[p + 1] == b'`' {
                        let k = run_end(hay, p + 1);
                        toks.push(Tok::Code(p + 1, k - p - 1, true));
                        i = k;
                    } else {
                        escaped = p + 1;
                        i = p + 2;
                    }
                }
            }
            b'`' => {
                let k = run_end(hay, p);
                toks.push(Tok::Code(p, k - p, false));
                i = k;
            }
            b'<' => {
                if b.get(p + 1) != Some(&b'\\') {
                    toks.push(Tok::Lt(p));
                }
            }
            b'[' => {
                if p > from && b[p - 1] == b'!' && escaped != p - 1 {
                    toks.push(Tok::Open(p - 1, true));
                } else {
                    toks.push(Tok::Open(p, false));
                }
            }
            _ => toks.push(Tok::Close(p, true)),
        }
    }
    if !toks.is_empty() {
        resolve(cx, &mut toks, segs, kind, z);
    }
    cx.toks = toks;
}

/// The end of the run of backticks at `i`.
fn run_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i] == b'`' {
        i += 1;
    }
    i
}

/// After a line ending that ends at `at`: where the block's next line starts.
fn next_line(segs: &[(usize, usize)], at: usize) -> Option<usize> {
    let i = segs.partition_point(|s| s.0 < at);
    segs.get(i).map(|s| s.0)
}

fn resolve(cx: &mut Ctx, toks: &mut [Tok], segs: &[(usize, usize)], kind: Kind, z: &mut Zones) {
    let text = cx.text;
    let b = text.as_bytes();
    let end = segs.last().map_or(0, |s| s.1);
    let mut stack = std::mem::take(&mut cx.stack);
    stack.clear();
    // Backtick run lengths known to have no closer further on.
    let mut no_closer: u64 = 0;
    // The last run of adjacent inline HTML: its start and end.
    let mut html_run = (usize::MAX, usize::MAX);
    let mut i = 0;
    while i < toks.len() {
        match toks[i] {
            Tok::Code(pos, n, esc) => {
                let search = if esc { n - 1 } else { n };
                i += 1;
                if search == 0 || (search < 64 && no_closer & (1 << search) != 0) {
                    continue;
                }
                let found = toks[i..]
                    .iter()
                    .position(|t| matches!(*t, Tok::Code(_, m, _) if m == search));
                match found {
                    Some(k) => {
                        let Tok::Code(cp, cn, _) = toks[i + k] else {
                            unreachable!()
                        };
                        let mut ce = cp + cn;
                        if kind == Kind::Heading
                            && b[ce..end]
                                .iter()
                                .all(|&c| matches!(c, b' ' | b'\t' | b'\x0b' | b'\x0c'))
                        {
                            ce = end - b[ce..end].iter().rev().take_while(|&&c| c == b' ').count();
                        }
                        if cx.kept.is_none() {
                            z.hidden.push((pos + usize::from(esc), ce));
                        }
                        i += k + 1;
                    }
                    None => {
                        if search < 64 {
                            no_closer |= 1 << search;
                        }
                    }
                }
            }
            Tok::Lt(pos) => {
                i += 1;
                if let Some(e) = autolink(&b[..end], pos + 1) {
                    if cx.kept.is_none() {
                        z.hidden.push((pos, e));
                    }
                    skip(toks, &mut i, e);
                    continue;
                }
                let Some(e) = inline_html(&b[..end], pos, segs) else {
                    continue;
                };
                if html_run.1 == pos {
                    html_run.1 = e;
                } else {
                    html_run = (pos, e);
                }
                let html = &text[pos..e];
                match cx.kept {
                    Some((name, start)) => {
                        if closes(html, name) {
                            z.hidden.push((start, e));
                            cx.kept = None;
                        }
                    }
                    None => match KEPT_INLINE.iter().find(|n| opens(html, n)) {
                        Some(name) => cx.kept = Some((name, pos)),
                        None => html_zones_in(text, pos, e, z, &mut cx.html),
                    },
                }
                skip(toks, &mut i, e);
            }
            Tok::Open(pos, image) => {
                stack.push(Open {
                    pos,
                    image,
                    active: true,
                    in_kept: cx.kept.is_some(),
                });
                i += 1;
            }
            Tok::Close(p, could_be_ref) => {
                i += 1;
                let Some(open) = stack.pop() else {
                    continue;
                };
                if !open.active {
                    continue;
                }
                let mut skip_to = 0;
                let link = match inline_link(b, end, p + 1, segs) {
                    Some((e, title)) => Some((e, title)),
                    None => {
                        match reference(cx, b, end, open, p, could_be_ref, toks, &mut i, segs) {
                            Ref::Link(e, s) => {
                                skip_to = s;
                                Some((e, None))
                            }
                            Ref::Note => {
                                stack.clear();
                                None
                            }
                            Ref::None => None,
                        }
                    }
                };
                let Some((e, title)) = link else {
                    continue;
                };
                if !open.in_kept && cx.kept.is_none() {
                    let body = open.pos + if open.image { 2 } else { 1 };
                    let mut last = p;
                    if html_run.1 == p {
                        last = html_run.0;
                    }
                    if last == body {
                        last = open.pos + 1;
                    } else {
                        // A link text ending with a line break ends after it.
                        let k = segs.partition_point(|s| s.0 < last);
                        if k > 0 && segs.get(k).is_some_and(|s| s.0 == last) {
                            let prev = segs[k - 1];
                            if open.pos < prev.1 {
                                last = prev.1 + eol_len(b, prev.1).unwrap_or(0);
                            }
                        }
                    }
                    match title.and_then(|_| title_span(text, last, e - 1)) {
                        Some((ts, te)) => {
                            z.hidden.push((last, ts));
                            z.hidden.push((te, e));
                        }
                        None => z.hidden.push((last, e)),
                    }
                }
                skip(toks, &mut i, e.max(skip_to));
                if !open.image {
                    for o in stack.iter_mut() {
                        if !o.image {
                            o.active = false;
                        }
                    }
                }
            }
        }
    }
    cx.stack = stack;
}

/// Moves `i` past the tokens before `end`.
fn skip(toks: &[Tok], i: &mut usize, end: usize) {
    while *i < toks.len() && toks[*i].pos() < end {
        *i += 1;
    }
}

enum Ref {
    /// A link ending there; the tokens before the second position are consumed (a
    /// collapsed reference's `[]` is not part of the link).
    Link(usize, usize),
    Note,
    None,
}

/// A reference link (full, collapsed or shortcut) closed by the `]` at `p`.
#[allow(clippy::too_many_arguments)]
fn reference(
    cx: &Ctx,
    b: &[u8],
    end: usize,
    open: Open,
    p: usize,
    could_be_ref: bool,
    toks: &mut [Tok],
    i: &mut usize,
    segs: &[(usize, usize)],
) -> Ref {
    let nl = |at: usize| next_line(segs, at);
    let b = &b[..end];
    let after = p + 1;
    // Where the next inline node starts (after the `\` of an escape).
    let at = if b.get(after) == Some(&b'\\')
        && b.get(after + 1).is_some_and(|c| c.is_ascii_punctuation())
    {
        after + 1
    } else {
        after
    };
    let mut link_end = after;
    let mut full = None;
    if b.get(at) == Some(&b'[') {
        if b.get(at + 1) == Some(&b']') {
            if !could_be_ref {
                return Ref::None;
            }
            link_end = at + 2;
        } else if b.get(at + 1) == Some(&b'^') && b.get(at + 2) != Some(&b']') {
            if scan_label(b, at + 2, None).is_none() {
                if let Some(l) = scan_label(b, at + 1, Some(&nl)) {
                    full = Some(l);
                }
            }
        } else if let Some(l) = scan_label(b, at + 1, Some(&nl)) {
            full = Some(l);
        }
    }
    if let Some(l) = full {
        // `[text][label]`: the label's `]` no longer closes a shortcut reference.
        let close = l.end;
        for t in toks[*i..].iter_mut() {
            if let Tok::Close(q, ref mut r) = *t {
                if q == close {
                    *r = false;
                    break;
                }
            }
            if t.pos() > close {
                break;
            }
        }
        return match cx.defs.get(l.norm(b).as_str()) {
            Some(_) => Ref::Link(close + 1, close + 1),
            None => Ref::None,
        };
    }
    if !could_be_ref {
        return Ref::None;
    }
    // The link text as a label.
    let start = open.pos + usize::from(open.image) + 1;
    if b.get(start) == Some(&b'^') && start + 1 != p {
        return match scan_label(b, start + 1, None) {
            Some(l) if l.end == p => {
                if cx.notes.contains(l.norm(b).as_str()) {
                    Ref::Note
                } else {
                    Ref::None
                }
            }
            _ => Ref::None,
        };
    }
    let Some(l) = scan_label(b, start, Some(&nl)) else {
        return Ref::None;
    };
    if l.end != p {
        return Ref::None;
    }
    match cx.defs.get(l.norm(b).as_str()) {
        Some(_) => Ref::Link(after, link_end),
        None => Ref::None,
    }
}

/// Whitespace with at most one line ending (continuing on the block's next line).
fn separator(b: &[u8], mut i: usize, segs: &[(usize, usize)]) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\x0b' | b'\x0c')) {
        i += 1;
    }
    if matches!(b.get(i), Some(b'\n' | b'\r')) {
        let n = eol_len(b, i).unwrap_or(1);
        i = next_line(segs, i + n).unwrap_or(i + n);
    }
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\x0b' | b'\x0c')) {
        i += 1;
    }
    i
}

/// An inline link's `(destination "title")` at `at`: where it ends and, if it has a
/// non-empty title, `Some(())`.
fn inline_link(
    b: &[u8],
    end: usize,
    at: usize,
    segs: &[(usize, usize)],
) -> Option<(usize, Option<()>)> {
    let b = &b[..end];
    if b.get(at) != Some(&b'(') {
        return None;
    }
    let mut i = separator(b, at + 1, segs);
    i += dest_len(b, i)?;
    i = separator(b, i, segs);
    let mut titled = None;
    if let Some((n, nonempty)) = link_title(b, i, segs) {
        i = separator(b, i + n, segs);
        if nonempty {
            titled = Some(());
        }
    }
    (b.get(i) == Some(&b')')).then_some((i + 1, titled))
}

/// A link title at `start`: its length and whether it is non-empty.
fn link_title(b: &[u8], start: usize, segs: &[(usize, usize)]) -> Option<(usize, bool)> {
    let open = *b.get(start)?;
    let close = match open {
        b'"' | b'\'' => open,
        b'(' => b')',
        _ => return None,
    };
    let mut i = start + 1;
    while i < b.len() {
        let c = b[i];
        if c == close {
            return Some((i + 1 - start, i > start + 1));
        }
        if c == open {
            return None;
        }
        if c == b'\n' || c == b'\r' {
            let n = eol_len(b, i).unwrap_or(1);
            if let Some(next) = next_line(segs, i + 1) {
                if next > i {
                    i = next.max(i + n);
                    continue;
                }
            }
        }
        if c == b'\\' && i + 1 < b.len() && b[i + 1].is_ascii_punctuation() {
            i += 1;
        }
        i += 1;
    }
    None
}

/// An autolink's end if one (after its `<`) starts at `i`.
fn autolink(b: &[u8], i: usize) -> Option<usize> {
    uri(b, i).or_else(|| email(b, i))
}

fn uri(b: &[u8], start: usize) -> Option<usize> {
    if !b.get(start)?.is_ascii_alphabetic() {
        return None;
    }
    let mut i = start + 1;
    loop {
        let c = *b.get(i)?;
        i += 1;
        match c {
            b':' => break,
            c if c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'+') => {}
            _ => return None,
        }
    }
    if !(3..=33).contains(&(i - start)) {
        return None;
    }
    while i < b.len() {
        match b[i] {
            b'>' => return Some(i + 1),
            0..=b' ' | b'<' => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

fn email(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    loop {
        let c = *b.get(i)?;
        i += 1;
        match c {
            c if c.is_ascii_alphanumeric() => {}
            b'.' | b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'/' | b'=' | b'?'
            | b'^' | b'_' | b'`' | b'{' | b'|' | b'}' | b'~' | b'-' => {}
            b'@' if i > start + 1 => break,
            _ => return None,
        }
    }
    loop {
        let ls = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || (b[i] == b'-' && i > ls)) {
            i += 1;
        }
        if b.get(ls) == Some(&b'-') || i == ls || i - ls > 63 || b[i - 1] == b'-' {
            return None;
        }
        match b.get(i) {
            Some(b'.') => i += 1,
            Some(b'>') => return Some(i + 1),
            _ => return None,
        }
    }
}

/// Inline HTML at `pos` (`<`): its end.
fn inline_html(b: &[u8], pos: usize, segs: &[(usize, usize)]) -> Option<usize> {
    let rest = &b[pos + 1..];
    match rest.first()? {
        b'!' => {
            if rest.starts_with(b"!-->") {
                return Some(pos + 5);
            }
            if rest.starts_with(b"!--->") {
                return Some(pos + 6);
            }
            if rest.starts_with(b"!--") {
                return memchr::memmem::find(&rest[3..], b"-->").map(|k| pos + 4 + k + 3);
            }
            if rest.starts_with(b"![CDATA[") {
                return memchr::memmem::find(&rest[8..], b"]]>").map(|k| pos + 9 + k + 3);
            }
            if rest.get(1).is_some_and(|c| c.is_ascii_alphabetic()) {
                return memchr::memchr(b'>', rest).map(|k| pos + 1 + k + 1);
            }
            None
        }
        b'?' => memchr::memmem::find(&rest[1..], b"?>").map(|k| pos + 2 + k + 2),
        _ => html_tag(b, pos, segs),
    }
}

/// An open or closing HTML tag at `pos`: its end.
pub(super) fn html_tag(b: &[u8], pos: usize, segs: &[(usize, usize)]) -> Option<usize> {
    let mut i = pos + 1;
    let closing = b.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    if !b.get(i)?.is_ascii_alphabetic() {
        return None;
    }
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
        i += 1;
    }
    if closing {
        i = ws(b, segs, i)?.0;
        return (b.get(i) == Some(&b'>')).then_some(i + 1);
    }
    loop {
        let (j, had_ws) = ws(b, segs, i)?;
        match *b.get(j)? {
            b'>' => return Some(j + 1),
            b'/' => return (b.get(j + 1) == Some(&b'>')).then_some(j + 2),
            c if had_ws && (c.is_ascii_alphabetic() || c == b'_' || c == b':') => {
                // An attribute.
                let mut k = j + 1;
                while k < b.len()
                    && (b[k].is_ascii_alphanumeric() || matches!(b[k], b'_' | b'.' | b':' | b'-'))
                {
                    k += 1;
                }
                let (v, _) = ws(b, segs, k)?;
                if b.get(v) == Some(&b'=') {
                    let (v, _) = ws(b, segs, v + 1)?;
                    k = match *b.get(v)? {
                        q @ (b'"' | b'\'') => v + 1 + memchr::memchr(q, &b[v + 1..])? + 1,
                        _ => {
                            let mut e = v;
                            while e < b.len()
                                && !matches!(
                                    b[e],
                                    b' ' | b'\t'
                                        | b'\n'
                                        | b'\r'
                                        | b'\x0c'
                                        | b'"'
                                        | b'\''
                                        | b'='
                                        | b'<'
                                        | b'>'
                                        | b'`'
                                )
                            {
                                e += 1;
                            }
                            if e == v {
                                return None;
                            }
                            e
                        }
                    };
                }
                i = k;
            }
            _ => return None,
        }
    }
}

/// Whitespace (with at most one line ending, after which the block's next line goes on)
/// at `i`: where it ends and whether there was any.
fn ws(b: &[u8], segs: &[(usize, usize)], mut i: usize) -> Option<(usize, bool)> {
    let s = i;
    let mut newline = false;
    while let Some(&c) = b.get(i) {
        match c {
            b' ' | b'\t' | b'\x0c' => i += 1,
            b'\n' | b'\r' => {
                if newline {
                    return None;
                }
                newline = true;
                let n = eol_len(b, i).unwrap_or(1);
                i = next_line(segs, i + n).map_or(i + n, |s| s.max(i + n));
            }
            _ => break,
        }
    }
    Some((i, i > s))
}
