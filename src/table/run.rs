//! The loops over a text: conversion (one loop, compiled for each kind of table: hashed,
//! dense with [`Fast`](super::fast::Fast), other paged), its trace for `zhnorm explain`,
//! and max-match segmentation.

use super::fast::{MAPPED, SLOW};
use super::format::{pair_hash, DIRECT, PHRASE};
use super::utf8::{append, append_char, append_from, decode, decode3, load4, utf8_len};
use super::{Hit, Table};

impl Table {
    /// Converts `text` (OpenCC's greedy loop: at each position the group's match, else one
    /// character unchanged) and appends the result to `out`. Returns whether anything changed.
    pub(crate) fn convert(&self, text: &str, out: &mut String) -> bool {
        self.convert_reporting(text, out).0
    }

    /// [`convert`](Self::convert), also returning whether a composed table wrote a guard
    /// character: one copy of the loop for both (the binary's size).
    #[inline(never)]
    fn convert_reporting(&self, text: &str, out: &mut String) -> (bool, bool) {
        self.run::<false>(text, &[text.len()], out, None)
    }

    /// [`convert`](Self::convert) for a composed table ([`Composed`](super::Composed)):
    /// returns whether it wrote a guard character.
    pub(crate) fn convert_composed(&self, text: &str, out: &mut String) -> bool {
        debug_assert!(self.post.is_some() && self.fast.is_some());
        self.convert_reporting(text, out).1
    }

    /// Converts every segment of `text` separately (no key matches across a segment end)
    /// and appends the results to `out`. `ends` are the segments' end offsets, ascending,
    /// the last being `text.len()`. With `out_ends`, the end offset of each converted
    /// segment (relative to where this call started appending) is pushed to it.
    pub(crate) fn convert_segments(
        &self,
        text: &str,
        ends: &[usize],
        out: &mut String,
        out_ends: Option<&mut Vec<usize>>,
    ) -> bool {
        self.run::<false>(text, ends, out, out_ends).0
    }

    /// Converts `text` and pushes to `out_ends` the ends (in the output, relative to where
    /// this call started appending) of OpenCC's max-match segments by the dictionary of
    /// this table's keys of two or more characters: each such match is a segment, and so
    /// is the text between two of them.
    pub(crate) fn convert_segmenting(
        &self,
        text: &str,
        out: &mut String,
        out_ends: &mut Vec<usize>,
    ) -> bool {
        self.run::<true>(text, &[text.len()], out, Some(out_ends)).0
    }

    /// The conversion loop; `SPLIT`: ends of segments at matches of two or more characters.
    #[inline(always)]
    fn run<const SPLIT: bool>(
        &self,
        text: &str,
        ends: &[usize],
        out: &mut String,
        out_ends: Option<&mut Vec<usize>>,
    ) -> (bool, bool) {
        if self.char_bits != 0 {
            self.run_with::<SPLIT, true, false>(text, ends, out, out_ends)
        } else if self.fast.is_some() {
            self.run_with::<SPLIT, false, true>(text, ends, out, out_ends)
        } else {
            self.run_with::<SPLIT, false, false>(text, ends, out, out_ends)
        }
    }

    /// [`run`](Table::run) for a hashed table or a paged one. Returns whether anything
    /// changed and, for a composed table ([`Composed`](super::Composed)), whether it wrote
    /// a guard character.
    #[inline(always)]
    pub(super) fn run_with<const SPLIT: bool, const HASHED: bool, const FAST: bool>(
        &self,
        text: &str,
        ends: &[usize],
        out: &mut String,
        mut out_ends: Option<&mut Vec<usize>>,
    ) -> (bool, bool) {
        debug_assert_eq!(ends.last(), Some(&text.len()));
        let base = out.len();
        // SAFETY: only whole characters are appended: slices of `text` between char
        // boundaries and values, which are UTF-8 (see `load`); a composed table's map
        // rewrites appended three-byte characters into three-byte characters in place.
        let out = unsafe { out.as_mut_vec() };
        let b = text.as_bytes();
        let fast = if FAST { self.fast.as_ref() } else { None };
        // A composed table (dense, with `Fast`, never segmenting): what the general loop
        // writes goes through the post-stage's map.
        let post = if FAST && !SPLIT {
            self.post.as_ref()
        } else {
            None
        };
        let mut changed = false;
        // A composed table: whether it wrote a guard character.
        let mut guarded = false;
        let mut copied = 0; // bytes of `text` already appended or replaced
        let mut start = 0;
        for &end in ends {
            let mut i = self.skip_ascii(b, start, end);
            // SPLIT: end of the last segment.
            let mut last = start;
            while i < end {
                if let Some(fast) = fast.filter(|_| b[i] & 0xF0 == 0xE0) {
                    // A run of three-byte characters that start no phrase here and have a
                    // three-byte value or none: written with one store each. The loop
                    // stops at anything else, which the general loop below handles.
                    let run = i;
                    append_from(out, b, copied, i);
                    // Each character writes 3 bytes (and a fourth beyond them) for the 3
                    // it reads.
                    out.reserve(end - i + 4);
                    let mut mapped = 0;
                    // SAFETY: `reserve` made room for `end - run + 4` bytes at `len`, and
                    // the loop writes 4 bytes at `len + (i - run)` only while `i + 3 <= end`.
                    // The loads read `b[i..i + 4]` and `b[i + 3..i + 7]` within `b`.
                    unsafe {
                        let dst = out.as_mut_ptr().add(out.len());
                        while i + 3 <= end && i + 4 <= b.len() {
                            let x = load4(b, i);
                            if x & 0xF0 != 0xE0 {
                                break;
                            }
                            let c1 = decode3(x);
                            let f = fast.get(c1);
                            if f & SLOW != 0 {
                                break;
                            }
                            if f & PHRASE != 0 && i + 3 < end {
                                let c2 = if i + 7 <= b.len() && b[i + 3] & 0xF0 == 0xE0 {
                                    decode3(load4(b, i + 3))
                                } else {
                                    decode(text, i + 3).0
                                };
                                let h = pair_hash(c1, c2);
                                if self.maybe_pair(h) {
                                    // The general loop looks the pair up: its slot is
                                    // fetched while that loop gets there (the slot
                                    // number is below `slots.len()`, as in `phrase`).
                                    #[cfg(target_arch = "x86_64")]
                                    std::arch::x86_64::_mm_prefetch::<
                                        { std::arch::x86_64::_MM_HINT_T0 },
                                    >(
                                        self.slots.as_ptr().add((h >> self.slot_shift) as usize)
                                            as *const i8,
                                    );
                                    break;
                                }
                            }
                            mapped |= f;
                            let w = if f & MAPPED != 0 { f } else { x };
                            dst.add(i - run)
                                .cast::<[u8; 4]>()
                                .write_unaligned(w.to_le_bytes());
                            i += 3;
                        }
                        out.set_len(out.len() + (i - run));
                    }
                    copied = i;
                    changed |= mapped & MAPPED != 0;
                    if i > run {
                        i = self.skip_ascii(b, i, end);
                        continue;
                    }
                }
                if !HASHED && !self.may_start(b, i) {
                    i = self.skip_ascii(b, i + utf8_len(b[i]), end);
                    continue;
                }
                let (c1, char_len) = decode(text, i);
                // A hashed table's bitmap is exact: characters without char info
                // (most of them) are kept without a lookup.
                if HASHED && c1 < 0x10000 && self.index[c1 as usize / 32] & 1 << (c1 % 32) == 0 {
                    i = self.skip_ascii(b, i + char_len, end);
                    continue;
                }
                // (The bitmap has just answered: a hashed table's char info is probed.)
                let info = if HASHED {
                    self.hashed_info(c1)
                } else {
                    self.info_with::<false>(c1)
                };
                let phrase = if info & PHRASE != 0 && i + char_len < end {
                    self.phrase_at(text, i, end, c1, char_len)
                } else {
                    None
                };
                let e = match phrase {
                    Some(e) => e,
                    None => {
                        // Selects rather than branches: whether a character has a mapping,
                        // and which kind, is as good as random from one character to the
                        // next. All ones for a one-character value (DIRECT is bit 30).
                        let direct = 0u32.wrapping_sub((info & DIRECT) >> 30);
                        let mut v = (info & 0x1F_FFFF & direct) | (c1 & !direct);
                        let single = info & !PHRASE & !direct;
                        if single == 0 {
                            if let Some(post) = post {
                                v = post.get(v, &mut guarded);
                            }
                            // Written whether or not it changes: that branch is unpredictable.
                            append_from(out, b, copied, i);
                            append_char(out, v);
                            copied = i + char_len;
                            changed |= v != c1;
                            i = self.skip_ascii(b, i + char_len, end);
                            continue;
                        }
                        single - 1
                    }
                };
                let (consumed, differs) = self.consumed(e);
                let split = SPLIT && consumed > char_len;
                if split {
                    append(out, &b[copied..i]);
                    copied = i;
                    if i > last {
                        out_ends.as_deref_mut().unwrap().push(out.len() - base);
                    }
                }
                if differs {
                    append_from(out, b, copied, i);
                    let (v, n) = self.value_at(e);
                    append_from(out, self.values.as_bytes(), v, v + n);
                    if let Some(post) = post {
                        let len = out.len();
                        post.remap(&mut out[len - n..], &mut guarded);
                    }
                    copied = i + consumed;
                    changed = true;
                } else if let Some(post) = post {
                    // The key is kept: written now, through the map.
                    append_from(out, b, copied, i + consumed);
                    let len = out.len();
                    changed |= post.remap(&mut out[len - consumed..], &mut guarded);
                    copied = i + consumed;
                }
                i += consumed;
                if split {
                    append(out, &b[copied..i]);
                    copied = i;
                    out_ends.as_deref_mut().unwrap().push(out.len() - base);
                    last = i;
                }
                i = self.skip_ascii(b, i, end);
            }
            if let Some(out_ends) = out_ends.as_deref_mut() {
                if !SPLIT || last < end {
                    append(out, &b[copied..end]);
                    copied = end;
                    out_ends.push(out.len() - base);
                }
            }
            start = end;
        }
        append(out, &b[copied..]);
        (changed, guarded)
    }

    /// The matches of [`convert_segments`](Self::convert_segments) on `text` that change
    /// it, in order, for `zhnorm explain`: `f(start, consumed bytes, value)`. With `split`,
    /// the segment ends [`convert_segmenting`](Self::convert_segmenting) finds are pushed
    /// to it (in `text`, not in the output). The same greedy loop as the conversion,
    /// without its shortcuts (which change nothing in the result).
    pub(crate) fn trace(
        &self,
        text: &str,
        ends: &[usize],
        mut split: Option<&mut Vec<usize>>,
        mut f: impl FnMut(usize, usize, &str),
    ) {
        let mut start = 0;
        for &end in ends {
            let mut i = start;
            let mut last = start;
            while i < end {
                let (c1, char_len) = decode(text, i);
                let info = self.info(c1);
                let phrase = if info & PHRASE != 0 && i + char_len < end {
                    self.phrase_at(text, i, end, c1, char_len)
                } else {
                    None
                };
                let e = match phrase {
                    Some(e) => e,
                    None if info & DIRECT != 0 => {
                        let v = info & 0x1F_FFFF;
                        if v != c1 {
                            if let Some(c) = char::from_u32(v) {
                                f(i, char_len, c.encode_utf8(&mut [0; 4]));
                            }
                        }
                        i += char_len;
                        continue;
                    }
                    None => match (info & !PHRASE).checked_sub(1) {
                        Some(e) => e,
                        None => {
                            i += char_len;
                            continue;
                        }
                    },
                };
                let (consumed, differs) = self.consumed(e);
                let consumed = consumed.max(1).min(end - i);
                if let Some(ends) = split.as_deref_mut().filter(|_| consumed > char_len) {
                    if i > last {
                        ends.push(i);
                    }
                    ends.push(i + consumed);
                    last = i + consumed;
                }
                if differs {
                    let (v, n) = self.value_at(e);
                    f(i, consumed, &self.values[v..v + n]);
                }
                i += consumed;
            }
            if let Some(ends) = split.as_deref_mut() {
                if last < end {
                    ends.push(end);
                }
            }
            start = end;
        }
    }

    /// Max-match segmentation (OpenCC `mmseg`): pushes the end offset of every segment of
    /// `text` to `ends`, in order. Matched words are segments of their own; the text between
    /// them forms one segment.
    pub(crate) fn segment(&self, text: &str, ends: &mut Vec<usize>) {
        let b = text.as_bytes();
        let mut last = 0;
        let mut i = self.skip_ascii(b, 0, b.len());
        while i < b.len() {
            // No lead2 check here: it made tw2sp's segmentation 15 % slower.
            let end = match self.at(text, i, b.len()) {
                Hit::None(len) => {
                    i = self.skip_ascii(b, i + len, b.len());
                    continue;
                }
                Hit::Single(len) => i + len,
                Hit::Entry(e) => i + self.consumed(e).0,
            };
            if i > last {
                ends.push(i);
            }
            ends.push(end);
            last = end;
            i = self.skip_ascii(b, end, b.len());
        }
        if last < text.len() {
            ends.push(text.len());
        }
    }
}
