//! Streaming in bounded memory: one chunk reader serves every `convert_*reader*` method.
//!
//! [`Reader`] fills a buffer from a `BufRead`, checks UTF-8 incrementally (only the bytes
//! not checked yet), hands the buffer to a *step* that converts and writes a prefix ending
//! at a safe cut, and drains that prefix; it keeps the absolute byte (and line) offset of
//! the buffer, for errors and warnings. The steps differ only in where they cut and how
//! they convert:
//!
//! * `text`: plain text, cut between sentences (one thread) or after line feeds (rayon);
//! * `document`: documents with markup, cut where no construct or kept zone is open
//!   (`cut`), page rules carried from chunk to chunk;
//! * `parallel`: split after line feeds and join in order; `utf8`: SIMD UTF-8 checks.
//!
//! Why the cuts are safe (streaming equals converting the whole): DESIGN.md, "Streaming
//! cuts".

use std::io::{self, BufRead};

use simdutf8::compat::Utf8Error;

use crate::engine::sentence::count_lines;
use crate::error::Error;

mod cut;
mod document;
mod parallel;
mod text;
mod utf8;

pub(crate) use document::convert_document_reader;
pub(crate) use parallel::convert as convert_parallel;
pub(crate) use text::{convert_line_blocks, convert_reader, convert_reader_parallel};
pub(crate) use utf8::string_from_utf8;

/// How a [`Reader`] buffers.
pub(crate) struct Plan {
    /// Bytes to buffer before the step is called.
    pub chunk: usize,
    /// Whether `chunk` is counted on top of the bytes a step left in the buffer (rather
    /// than including them).
    pub on_top: bool,
    /// Bytes added to the buffer when a step found no cut (at least as many as are
    /// buffered: the buffer doubles, so the rescans of a long line cost linear time).
    pub grow: usize,
    /// Whether the reader checks UTF-8 (otherwise the step does, e.g. piece by piece on
    /// worker threads).
    pub validate: bool,
    /// Whether the reader counts the line feeds it drains (for warnings' lines).
    pub lines: bool,
}

/// The most a stream buffers without a cut: a longer line or unclosed construct is
/// [`ErrorKind::NoSafeCut`](crate::ErrorKind::NoSafeCut) (the same as the CLI reads whole).
pub(crate) const MAX_BUFFER: usize = 1 << 30;

/// The buffered input, as a step sees it.
pub(crate) struct Chunk<'a> {
    /// Every buffered byte.
    pub bytes: &'a [u8],
    /// The longest valid UTF-8 prefix of `bytes` (empty when the plan does not validate).
    pub valid: &'a str,
    /// The UTF-8 error just after `valid`, if any.
    pub bad: Option<Utf8Error>,
    /// Absolute byte offset of `bytes[0]` in the input.
    pub offset: u64,
    /// Line feeds before `bytes[0]` (0 when the plan does not count lines).
    pub lines: usize,
    /// Whether the input has ended: `bytes` is all that is left.
    pub eof: bool,
}

/// Reads input into a buffer that steps convert a prefix of at a time.
pub(crate) struct Reader<R> {
    reader: R,
    /// Bytes read but not yet converted.
    pending: Vec<u8>,
    /// `pending[..checked]` is known to be UTF-8.
    checked: usize,
    /// Input bytes before `pending`.
    offset: u64,
    /// Line feeds before `pending` (when counted).
    lines: usize,
    eof: bool,
}

impl<R: BufRead> Reader<R> {
    pub(crate) fn new(reader: R) -> Reader<R> {
        Reader {
            reader,
            pending: Vec::new(),
            checked: 0,
            offset: 0,
            lines: 0,
            eof: false,
        }
    }

    /// Reads until `want` bytes are buffered (taking no more, so a reader that hands out
    /// everything at once does not make every chunk move the rest of the input). Returns
    /// whether the input ended.
    pub(crate) fn fill(&mut self, want: usize) -> io::Result<bool> {
        while self.pending.len() < want {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                self.eof = true;
                return Ok(true);
            }
            let n = buf.len().min(want - self.pending.len());
            self.pending.extend_from_slice(&buf[..n]);
            self.reader.consume(n);
        }
        Ok(false)
    }

    /// The buffered bytes.
    pub(crate) fn buffered(&self) -> &[u8] {
        &self.pending
    }

    /// The one read loop: fill → check UTF-8 → `step` converts and writes a prefix and
    /// returns its length (0: no cut yet, read more) → drain. Returns the number of bytes
    /// read.
    ///
    /// # Errors
    ///
    /// The step's errors, I/O errors,
    /// [`ErrorKind::InvalidUtf8`](crate::ErrorKind::InvalidUtf8) if a step finds no cut in
    /// the rest of the input, and [`ErrorKind::NoSafeCut`](crate::ErrorKind::NoSafeCut)
    /// when [`MAX_BUFFER`] bytes hold no cut.
    pub(crate) fn run(
        self,
        plan: Plan,
        step: impl FnMut(Chunk<'_>) -> Result<usize, Error>,
    ) -> Result<u64, Error> {
        self.run_limited(plan, MAX_BUFFER, step)
    }

    /// [`run`](Self::run) with at most `limit` bytes buffered without a cut.
    pub(crate) fn run_limited(
        mut self,
        plan: Plan,
        limit: usize,
        mut step: impl FnMut(Chunk<'_>) -> Result<usize, Error>,
    ) -> Result<u64, Error> {
        let mut want = plan.chunk + if plan.on_top { self.pending.len() } else { 0 };
        loop {
            if !self.eof {
                self.fill(want)?;
            }
            if self.eof && self.pending.is_empty() {
                break;
            }
            let (valid, bad) = if plan.validate {
                // Only the bytes not checked yet are checked (a chunk's rest stays pending).
                let (more, bad) = utf8::valid_prefix(&self.pending[self.checked..]);
                self.checked += more.len();
                // SAFETY: `pending[..checked]` was found to be UTF-8, part by part, each
                // part ending at a character end.
                let valid = unsafe { std::str::from_utf8_unchecked(&self.pending[..self.checked]) };
                (valid, bad)
            } else {
                ("", None)
            };
            let n = step(Chunk {
                bytes: &self.pending,
                valid,
                bad,
                offset: self.offset,
                lines: self.lines,
                eof: self.eof,
            })?;
            if n == 0 {
                if self.eof {
                    // Cannot happen: at the end of the input every step cuts.
                    return Err(Error::invalid_utf8(self.offset));
                }
                // No cut yet: buffer more (doubling) before looking again, so an unclosed
                // construct costs a bounded number of rescans of each byte.
                if self.pending.len() >= limit {
                    return Err(Error::no_safe_cut(self.offset, limit as u64));
                }
                want = (self.pending.len() + plan.grow.max(self.pending.len())).min(limit);
                continue;
            }
            if plan.lines {
                self.lines += count_lines(&self.pending[..n]);
            }
            self.pending.drain(..n);
            self.checked -= n.min(self.checked);
            self.offset += n as u64;
            want = plan.chunk + if plan.on_top { self.pending.len() } else { 0 };
        }
        Ok(self.offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cuts after each line feed once the input ended or a line is complete.
    fn lines_of(input: &[u8], capacity: usize) -> Result<Vec<(u64, usize, String)>, Error> {
        let mut seen = Vec::new();
        let plan = Plan {
            chunk: 2,
            on_top: false,
            grow: 2,
            validate: true,
            lines: true,
        };
        let reader = io::BufReader::with_capacity(capacity, input);
        Reader::new(reader).run(plan, |c| {
            if let Some(e) = c.bad {
                if e.error_len().is_some() || c.eof {
                    return Err(Error::invalid_utf8(c.offset + c.valid.len() as u64));
                }
            }
            let end = match c.valid.find('\n') {
                Some(i) => i + 1,
                None if c.eof => c.valid.len(),
                None => return Ok(0),
            };
            seen.push((c.offset, c.lines, c.valid[..end].to_string()));
            Ok(end)
        })?;
        Ok(seen)
    }

    /// A step that never cuts before the end: the buffer doubles up to the limit, then the
    /// stream fails with `NoSafeCut` and the offset of the first byte not converted.
    #[test]
    fn a_stream_without_cuts_stops_at_its_limit() {
        let plan = || Plan {
            chunk: 4,
            on_top: false,
            grow: 4,
            validate: false,
            lines: false,
        };
        let input = [b'a'; 100];
        let mut sizes = Vec::new();
        let err = Reader::new(&input[..])
            .run_limited(plan(), 40, |c| {
                sizes.push(c.bytes.len());
                Ok(if c.eof { c.bytes.len() } else { 0 })
            })
            .unwrap_err();
        assert_eq!(sizes, [4, 8, 16, 32, 40]);
        assert!(matches!(
            err.kind(),
            crate::ErrorKind::NoSafeCut {
                offset: 0,
                limit: 40
            }
        ));
        assert!(err.to_string().contains("no place to cut the stream"));
        // Under the limit, the end of the input is a cut.
        let read = Reader::new(&input[..])
            .run_limited(plan(), 128, |c| Ok(if c.eof { c.bytes.len() } else { 0 }));
        assert_eq!(read.unwrap(), 100);
    }

    #[test]
    fn offsets_and_lines_are_absolute() {
        for capacity in [1, 3, 64] {
            let got = lines_of("ab\n漢字\nef".as_bytes(), capacity).unwrap();
            let want = [(0, 0, "ab\n"), (3, 1, "漢字\n"), (10, 2, "ef")];
            let want: Vec<_> = want
                .iter()
                .map(|&(o, l, s)| (o, l, s.to_string()))
                .collect();
            assert_eq!(got, want, "capacity {capacity}");
        }
    }

    #[test]
    fn invalid_utf8_is_reported_at_its_absolute_offset() {
        let mut input = "ab\ncd\n".as_bytes().to_vec();
        input.extend_from_slice(b"e\xFFf\n");
        let err = lines_of(&input, 1).unwrap_err();
        assert!(matches!(
            err.kind(),
            crate::ErrorKind::InvalidUtf8 { offset: 7 }
        ));
        // A sequence cut short by the end of the input.
        let err = lines_of(&"ab\n漢".as_bytes()[..5], 2).unwrap_err();
        assert!(matches!(
            err.kind(),
            crate::ErrorKind::InvalidUtf8 { offset: 3 }
        ));
    }
}
