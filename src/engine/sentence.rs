//! Splitting text into sentences: the unit of script detection and of streaming.
//!
//! A sentence ends after a line feed or a sentence-final mark (`。！？；!?`) together with
//! any characters attached to it (grapheme extenders), or, when a sentence grows past
//! [`MAX_SENTENCE`] bytes, at the next grapheme-cluster boundary. A "cluster" that goes on
//! for more than [`MAX_CLUSTER`] bytes past that limit (thousands of combining marks, a
//! run of joined emoji) is cut at a character boundary: no real grapheme is that long
//! (Unicode's stream-safe format allows 30 marks), and the cut bounds every sentence, so
//! memory and time stay linear on any input. No dictionary key
//! contains these marks, so no phrase ever spans a sentence boundary, and because the rule
//! only looks at the text itself, streaming and whole-string conversion cut in the same
//! places.

use unicode_segmentation::GraphemeCursor;

/// Longest sentence before a forced cut (bytes). Bounds memory when streaming.
pub(crate) const MAX_SENTENCE: usize = 64 * 1024;

/// How far past [`MAX_SENTENCE`] a grapheme cluster may go before the sentence is cut
/// inside it, at a character boundary (bytes).
pub(crate) const MAX_CLUSTER: usize = 4 * 1024;

#[cfg(test)]
/// The longest sentence there is: [`MAX_SENTENCE`] + [`MAX_CLUSTER`] + one character.
pub(crate) const HARD_MAX_SENTENCE: usize = MAX_SENTENCE + MAX_CLUSTER + 4;

/// Bytes that can start a sentence-final mark: `\n`, `!`, `?` and the lead bytes E3, EF
/// (of 。 and of ！？；). [`terminator_at`] decides.
const END_LEADS: [u8; 5] = [b'\n', b'!', b'?', 0xE3, 0xEF];

/// [`END_LEADS`] as a table.
static MAY_END: [bool; 256] = byte_set(&END_LEADS);

/// A table of the bytes in `bytes`.
const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut k = 0;
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
}

/// The next byte at or after `i` (and before `limit`) that can start a sentence-final
/// mark.
#[inline]
fn next_candidate(b: &[u8], i: usize, limit: usize) -> Option<usize> {
    next_of(b, i, limit, &END_LEADS, &MAY_END)
}

/// The next byte at or after `i` (and before `limit`) that is one of `bytes` (`table`
/// holds the same set). In Chinese text candidates are a few bytes apart (every 。，、),
/// too close for `memchr`; on x86-64 blocks of 16 bytes are compared at once (SSE2 is
/// always there).
#[inline(always)]
#[cfg_attr(not(target_arch = "x86_64"), allow(unused_mut, unused_variables))]
fn next_of<const N: usize>(
    b: &[u8],
    mut i: usize,
    limit: usize,
    bytes: &[u8; N],
    table: &[bool; 256],
) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        while i + 16 <= limit {
            // SAFETY: the 16 bytes at `i` are inside `b` (`i + 16 <= limit <= b.len()`);
            // the load is unaligned and SSE2 is part of the x86-64 baseline.
            let mask = unsafe {
                let v = _mm_loadu_si128(b.as_ptr().add(i) as *const __m128i);
                let any = bytes.iter().fold(_mm_setzero_si128(), |any, &x| {
                    _mm_or_si128(any, _mm_cmpeq_epi8(v, _mm_set1_epi8(x as i8)))
                });
                _mm_movemask_epi8(any) as u32
            };
            if mask != 0 {
                return Some(i + mask.trailing_zeros() as usize);
            }
            i += 16;
        }
    }
    b[i..limit]
        .iter()
        .position(|&x| table[x as usize])
        .map(|j| i + j)
}

/// Whether the bytes at `i` start a sentence-final mark; returns its length.
#[inline]
fn terminator_at(b: &[u8], i: usize) -> usize {
    match b[i] {
        b'\n' | b'!' | b'?' => 1,
        // 。 U+3002 = E3 80 82
        0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x82) => 3,
        // ！ U+FF01 = EF BC 81, ？ U+FF1F = EF BC 9F, ； U+FF1B = EF BC 9B
        0xEF if b.get(i + 1) == Some(&0xBC) && matches!(b.get(i + 2), Some(0x81 | 0x9F | 0x9B)) => {
            3
        }
        _ => 0,
    }
}

/// Whether `at` is a grapheme-cluster boundary of `text` (which starts at a boundary).
/// `None` when the answer depends on text after the end of `text` and `eof` is false.
fn is_boundary(text: &str, at: usize, eof: bool) -> Option<bool> {
    if at >= text.len() {
        return if eof { Some(true) } else { None };
    }
    // Fast path: before ASCII and the common CJK blocks no rule joins characters (none of
    // them is an extender, a spacing mark or a joiner; U+302A–302F and U+FF9E–FF9F are).
    let next = text.as_bytes()[at];
    if next < 0x80 {
        return Some(true);
    }
    if let Some(c) = text[at..].chars().next() {
        if matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{3029}' | '\u{FF01}'..='\u{FF9D}')
        {
            return Some(true);
        }
    }
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    match cursor.is_boundary(text, 0) {
        Ok(b) => Some(b),
        // Would need context before the sentence start: it starts at a boundary, so a cut
        // here is not one we can prove; keep scanning.
        Err(_) => Some(false),
    }
}

/// The end (exclusive byte index) of the first sentence of `text`, which starts at a
/// sentence start. `None` when more input is needed to decide (only if `eof` is false).
/// With `eof`, always `Some`, and non-zero for non-empty text.
pub(crate) fn first_sentence_end(text: &str, eof: bool) -> Option<usize> {
    let b = text.as_bytes();
    let limit = b.len().min(MAX_SENTENCE);
    let mut i = 0;
    while let Some(at) = next_candidate(b, i, limit) {
        i = at;
        let t = terminator_at(b, i);
        if t != 0 {
            // The sentence ends at the first grapheme boundary after the mark, so characters
            // attached to the mark stay with it.
            return cluster_end(text, i + t, eof);
        }
        i += 1;
    }
    if b.len() < MAX_SENTENCE {
        return if eof { Some(b.len()) } else { None };
    }
    // Forced cut at the first grapheme boundary at or after the limit.
    let mut at = MAX_SENTENCE;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    cluster_end(text, at, eof)
}

/// The first grapheme boundary of `text` at or after `at` (a character boundary), or the
/// first character boundary at or after `MAX_SENTENCE + MAX_CLUSTER` when there is none
/// before it. `None` when more input is needed (only if `eof` is false).
fn cluster_end(text: &str, mut at: usize, eof: bool) -> Option<usize> {
    let cap = MAX_SENTENCE + MAX_CLUSTER;
    loop {
        if at >= cap && at < text.len() {
            return Some(at);
        }
        match is_boundary(text, at, eof) {
            None => return None,
            Some(true) => return Some(at),
            Some(false) => at += text[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
}

/// The last byte before `j` that can start a sentence-final mark (a run's end is almost
/// always a few bytes before its limit).
#[inline]
fn prev_candidate(b: &[u8], j: usize) -> Option<usize> {
    b[..j].iter().rposition(|&x| MAY_END[x as usize])
}

/// The end of the first *run* of `text` (which starts at a sentence start): the longest
/// prefix of whole sentences that is at most [`MAX_SENTENCE`] bytes, or the first sentence
/// when even that one is longer. A run holds no forced cut, so converting it at once gives
/// what converting its sentences one by one gives whenever nothing depends on the sentence
/// (OpenCC configs: no dictionary key contains a sentence-final mark). Same `None` and
/// `eof` contract as [`first_sentence_end`].
pub(crate) fn first_run_end(text: &str, eof: bool) -> Option<usize> {
    if eof && text.len() <= MAX_SENTENCE {
        return Some(text.len());
    }
    let b = text.as_bytes();
    let limit = b.len().min(MAX_SENTENCE);
    let mut j = limit;
    while let Some(i) = prev_candidate(b, j) {
        j = i;
        let t = terminator_at(b, i);
        if t == 0 {
            continue;
        }
        // As in `first_sentence_end`: the end is the first grapheme boundary after the mark.
        let mut at = i + t;
        while at <= limit {
            match is_boundary(text, at, eof) {
                Some(true) => return Some(at),
                Some(false) => at += text[at..].chars().next().map_or(1, char::len_utf8),
                None => break,
            }
        }
    }
    first_sentence_end(text, eof)
}

/// The number of line feeds in `bytes`.
pub(crate) fn count_lines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// Calls `f` with every sentence of `text` in order.
#[cfg(test)]
fn for_each_sentence<'t>(text: &'t str, f: impl FnMut(&'t str)) {
    for_each_piece(text, |t| first_sentence_end(t, true), f);
}

/// Calls `f` with every piece of `text` in order, `end` giving the end of the first piece
/// of a text (the engine's own loop is `Engine::for_each_unit`).
#[cfg(test)]
fn for_each_piece<'t>(
    mut text: &'t str,
    end: impl Fn(&str) -> Option<usize>,
    mut f: impl FnMut(&'t str),
) {
    while !text.is_empty() {
        let end = end(text).unwrap_or(text.len()).max(1);
        let end = if text.is_char_boundary(end) {
            end
        } else {
            text.len()
        };
        f(&text[..end]);
        text = &text[end..];
    }
}

/// The clause marks [`clause_mark_at`] finds, as characters (the settle scan marks them
/// in its per-character table: `Normalizer::settles_sentence`).
pub(crate) const CLAUSE_MARKS: [char; 23] = [
    ' ', '\t', ',', ';', ':', '(', ')', '、', '〈', '〉', '《', '》', '「', '」', '『', '』', '（',
    '）', '，', '：', '；', '“', '”',
];

/// Bytes that can start a clause mark (see [`clause_mark_at`]).
const CLAUSE_LEADS: [u8; 10] = [b' ', b'\t', b',', b';', b':', b'(', b')', 0xE2, 0xE3, 0xEF];

/// [`CLAUSE_LEADS`] as a table.
static MAY_CLAUSE: [bool; 256] = byte_set(&CLAUSE_LEADS);

/// The byte length of a clause mark starting at `i`, or 0: ASCII space, tab, `,;:()`, and
/// `，、：；（）「」『』《》〈〉“”`. No dictionary key contains one, so cutting a sentence
/// into clauses after them never splits a phrase.
#[inline]
fn clause_mark_at(b: &[u8], i: usize) -> usize {
    match b[i] {
        b' ' | b'\t' | b',' | b';' | b':' | b'(' | b')' => 1,
        0xE3 => match (b.get(i + 1), b.get(i + 2)) {
            // 、 〈 〉 《 》 「 」 『 』
            (Some(0x80), Some(0x81 | 0x88..=0x8F)) => 3,
            _ => 0,
        },
        0xEF => match (b.get(i + 1), b.get(i + 2)) {
            // （ ） ， ： ；
            (Some(0xBC), Some(0x88 | 0x89 | 0x8C | 0x9A | 0x9B)) => 3,
            _ => 0,
        },
        // “ ”
        0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x9C | 0x9D)) => 3,
        _ => 0,
    }
}

/// Whether `c` is a clause mark (see [`clause_mark_at`]).
#[cfg(test)]
pub(crate) fn is_clause_mark(c: char) -> bool {
    let mut buf = [0u8; 4];
    let b = c.encode_utf8(&mut buf).as_bytes();
    clause_mark_at(b, 0) == b.len()
}

/// Calls `f` with every clause of `sentence` in order: the text up to and including each
/// clause mark ([`clause_mark_at`]), and the rest. Clauses are the unit of the script
/// decision in normalization: small enough for text that mixes words of both scripts.
pub(crate) fn for_each_clause<'t>(sentence: &'t str, mut f: impl FnMut(&'t str)) {
    let b = sentence.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while let Some(at) = next_of(b, i, b.len(), &CLAUSE_LEADS, &MAY_CLAUSE) {
        let n = clause_mark_at(b, at);
        if n == 0 {
            i = at + 1;
            continue;
        }
        i = at + n;
        f(&sentence[start..i]);
        start = i;
    }
    if start < b.len() {
        f(&sentence[start..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`CLAUSE_MARKS`] lists what [`clause_mark_at`] finds: every character of the BMP
    /// is checked.
    #[test]
    #[cfg_attr(miri, ignore = "65 536 characters")]
    fn clause_marks_are_listed() {
        for c in (0..0x10000).filter_map(char::from_u32) {
            assert_eq!(is_clause_mark(c), CLAUSE_MARKS.contains(&c), "{c:?}");
        }
    }

    #[test]
    fn clauses_end_after_their_marks() {
        let mut got = Vec::new();
        for_each_clause("標題：后端开发，前端 ok（好）“引”\n", |c| got.push(c));
        assert_eq!(
            got,
            [
                "標題：",
                "后端开发，",
                "前端 ",
                "ok（",
                "好）",
                "“",
                "引”",
                "\n"
            ]
        );
        got.clear();
        for_each_clause("无标点", |c| got.push(c));
        assert_eq!(got, ["无标点"]);
    }

    fn split(s: &str) -> Vec<&str> {
        let mut v = vec![];
        for_each_sentence(s, |x| v.push(x));
        v
    }

    #[test]
    fn splits_after_marks_and_newlines() {
        assert_eq!(
            split("头发。干了！\n好"),
            vec!["头发。", "干了！", "\n", "好"]
        );
        assert_eq!(split("a?b"), vec!["a?", "b"]);
    }

    #[test]
    fn keeps_attached_characters_with_the_mark() {
        // A variation selector after a mark stays in the same sentence.
        assert_eq!(split("国。\u{FE0F}国"), vec!["国。\u{FE0F}", "国"]);
    }

    /// The SIMD scan finds what a byte-by-byte scan finds, for every length around its
    /// 16-byte blocks and a mark at every position (small enough for Miri).
    #[test]
    fn simd_scan_equals_a_plain_scan() {
        for len in 0..40 {
            for at in 0..len {
                let mut b = vec![b'a'; len];
                b[at] = b'\n';
                let plain = b.iter().position(|&x| MAY_END[x as usize]);
                for from in 0..=len {
                    let want = plain.filter(|&p| p >= from);
                    assert_eq!(next_candidate(&b, from, len), want, "{len} {at} {from}");
                }
            }
            assert_eq!(next_candidate(&vec![b'a'; len], 0, len), None);
        }
    }

    /// The clause scan (16 bytes at a time) cuts where a byte-by-byte scan of the marks
    /// cuts: every mark (and lead bytes that start none) at every position of texts of
    /// every length up to 40 bytes.
    #[test]
    fn clause_scan_equals_a_plain_scan() {
        fn plain(s: &str) -> Vec<&str> {
            let b = s.as_bytes();
            let (mut out, mut start, mut i) = (Vec::new(), 0, 0);
            while i < b.len() {
                let n = clause_mark_at(b, i);
                if n == 0 {
                    i += 1;
                    continue;
                }
                i += n;
                out.push(&s[start..i]);
                start = i;
            }
            if start < b.len() {
                out.push(&s[start..]);
            }
            out
        }
        for mark in [" ", ",", ")", "、", "」", "，", "；", "“", "…", "。", "〇"] {
            for len in 0..40 {
                for at in 0..=len {
                    let s = format!("{}{mark}{}", "a".repeat(at), "a".repeat(len - at));
                    let mut got = Vec::new();
                    for_each_clause(&s, |c| got.push(c));
                    assert_eq!(got, plain(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn undecided_without_eof() {
        assert_eq!(first_sentence_end("国。", false), None);
        assert_eq!(first_sentence_end("国。国", false), Some(6));
        assert_eq!(first_sentence_end("国国", false), None);
    }

    /// Runs end where sentences end, and the sentences of a run are the run's sentences.
    #[test]
    #[cfg_attr(miri, ignore = "scans 150-400 KB: minutes under Miri")]
    fn runs_are_whole_sentences() {
        let s = "头发。干了！\n好".repeat(MAX_SENTENCE / 10);
        let mut ends = vec![];
        let mut at = 0;
        while at < s.len() {
            at += first_sentence_end(&s[at..], true).unwrap();
            ends.push(at);
        }
        let mut at = 0;
        while at < s.len() {
            let run = first_run_end(&s[at..], true).unwrap();
            assert!(run > 0 && run <= MAX_SENTENCE);
            at += run;
            assert!(ends.contains(&at), "run end {at} is not a sentence end");
        }
        assert_eq!(first_run_end("国。国", false), Some(6));
        assert_eq!(first_run_end("国国", false), None);
        assert_eq!(first_run_end("国国", true), Some(6));
        let long = "国".repeat(MAX_SENTENCE);
        assert_eq!(first_run_end(&long, true), first_sentence_end(&long, true));
    }

    /// Issue 14, D6: a mark followed by millions of combining marks (or a run of joined
    /// emoji, variation selectors, regional indicators) was one sentence as long as the
    /// run, and a stream rescanned it at every 64 KiB read. Every sentence is now at most
    /// [`HARD_MAX_SENTENCE`] bytes, with or without the end of the input in sight.
    #[test]
    #[cfg_attr(miri, ignore = "scans 150-400 KB: minutes under Miri")]
    fn endless_clusters_are_cut() {
        for run in ["\u{301}", "\u{FE0F}", "\u{200D}👨", "🇨🇳", "\u{302A}"] {
            let s = format!("国!{}后", run.repeat(200_000 / run.len()));
            let parts = split(&s);
            assert_eq!(parts.concat(), s);
            assert!(parts.len() > 1, "{run:?}");
            for p in &parts {
                assert!(p.len() <= HARD_MAX_SENTENCE, "{run:?}: {}", p.len());
            }
            // Without the end in sight, the same cuts (so streams cut where strings do).
            let mut at = 0;
            for p in &parts[..parts.len() - 1] {
                let mut end = (at + HARD_MAX_SENTENCE + 8).min(s.len());
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                let more = &s[at..end];
                assert_eq!(first_sentence_end(more, false), Some(p.len()), "{run:?}");
                at += p.len();
            }
        }
        // Short clusters are not cut.
        assert_eq!(split("国!\u{301}\u{301}后"), ["国!\u{301}\u{301}", "后"]);
    }

    #[test]
    #[cfg_attr(miri, ignore = "scans 150-400 KB: minutes under Miri")]
    fn forced_cut_on_long_sentences() {
        let s = "国".repeat(MAX_SENTENCE);
        let parts = split(&s);
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| p.len() <= MAX_SENTENCE + 4));
        assert_eq!(parts.concat(), s);
    }
}
