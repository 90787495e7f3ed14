//! Plain text streams (no markup): one thread cuts between sentences, the parallel reader
//! after line feeds.

use std::borrow::Cow;
use std::io::{BufRead, Write};
use std::sync::Arc;

use super::parallel::{split_lines, InOrder};
use super::{Plan, Reader};
use crate::engine::{Engine, Scratch};
use crate::error::Error;
use crate::rules::Rules;

/// See [`Converter::convert_reader`](crate::Converter::convert_reader).
pub(crate) fn convert_reader<R: BufRead, W: Write>(
    engine: &Engine,
    user: &Rules,
    reader: R,
    mut writer: W,
) -> Result<u64, Error> {
    let mut out = String::new();
    let mut scratch = Scratch::default();
    let plan = Plan {
        chunk: 64 << 10,
        on_top: true,
        grow: 64 << 10,
        validate: true,
        lines: false,
    };
    let read = Reader::new(reader).run(plan, |chunk| {
        // The longest valid UTF-8 prefix; an incomplete sequence at the end waits for more.
        if let Some(e) = chunk.bad {
            if e.error_len().is_some() || chunk.eof {
                return Err(Error::invalid_utf8(chunk.offset + chunk.valid.len() as u64));
            }
        }
        let text = chunk.valid;
        let at_end = chunk.eof && text.len() == chunk.bytes.len();
        out.clear();
        let done = engine.for_each_unit(text, at_end, user, &mut scratch, |s, scratch| {
            engine.convert_sentence(s, user, &mut out, scratch)
        });
        writer.write_all(out.as_bytes())?;
        Ok(done)
    })?;
    writer.flush()?;
    Ok(read)
}

/// See [`Converter::convert_reader_parallel`](crate::Converter::convert_reader_parallel).
pub(crate) fn convert_reader_parallel<R: BufRead, W: Write>(
    engine: &Engine,
    user: &Rules,
    reader: R,
    writer: W,
) -> Result<u64, Error> {
    let mut input = Reader::new(reader);
    // A small input is converted on this thread (without starting rayon's pool).
    if input.fill(1 << 20)? {
        return convert_reader(engine, user, input.buffered(), writer);
    }
    convert_line_blocks(input, writer, rayon::current_num_threads(), |t| {
        engine.convert(t, user)
    })
}

/// Streams `input` in blocks cut after a line feed, each converted by `convert` (which must
/// give for a whole input what it gives for its lines joined, as every conversion does when
/// cut after a line feed), in pieces on `threads` threads (1: on this one).
pub(crate) fn convert_line_blocks<R: BufRead, W: Write>(
    input: Reader<R>,
    mut writer: W,
    threads: usize,
    convert: impl for<'t> Fn(&'t str) -> Cow<'t, str> + Sync,
) -> Result<u64, Error> {
    let block = (4 << 20) * threads;
    let plan = Plan {
        chunk: block,
        on_top: false,
        // One line longer than a block: read another block before looking.
        grow: block,
        validate: false,
        lines: false,
    };
    if threads == 1 {
        let read = input.run(plan, |chunk| {
            let cut = match line_cut(chunk.bytes, chunk.eof) {
                Some(cut) => cut,
                None => return Ok(0),
            };
            let mut at = chunk.offset;
            for piece in split_lines(&chunk.bytes[..cut], 4, 256 << 10) {
                match convert_piece(piece, &convert) {
                    Ok(p) => writer.write_all(p.as_bytes())?,
                    Err(valid) => return Err(Error::invalid_utf8(at + valid as u64)),
                }
                at += piece.len() as u64;
            }
            Ok(cut)
        })?;
        writer.flush()?;
        return Ok(read);
    }
    // The pieces convert on the pool, from a copy of the block (the reader reuses its
    // buffer), while this thread reads the next block and writes what is done, in order.
    let convert = &convert;
    let mut pieces: InOrder<Result<String, u64>> = InOrder::new();
    // Whether a piece was invalid or a write failed: nothing more is written.
    let stopped = std::cell::Cell::new(false);
    let read = rayon::in_place_scope(|s| {
        let mut write = |r: Result<String, u64>| {
            let written = match r {
                Ok(p) => writer.write_all(p.as_bytes()).map_err(Error::from),
                Err(at) => Err(Error::invalid_utf8(at)),
            };
            stopped.set(written.is_err());
            written
        };
        let read = input.run(plan, |chunk| {
            let Some(cut) = line_cut(chunk.bytes, chunk.eof) else {
                return Ok(0);
            };
            let owned: Arc<[u8]> = Arc::from(&chunk.bytes[..cut]);
            let mut at = 0;
            for piece in split_lines(&owned, threads * 4, 256 << 10) {
                let (owned, start, end) = (Arc::clone(&owned), at, at + piece.len());
                let offset = chunk.offset + at as u64;
                pieces.submit(s, move || {
                    convert_piece(&owned[start..end], convert)
                        .map(Cow::into_owned)
                        .map_err(|valid| offset + valid as u64)
                });
                at = end;
            }
            // Two blocks in flight: one converts while the next is read.
            pieces.hand(threads * 8, &mut write)?;
            Ok(cut)
        });
        // What was read before a reader's error is written too.
        if stopped.get() {
            read
        } else {
            pieces.hand(0, &mut write).and(read)
        }
    })?;
    writer.flush()?;
    Ok(read)
}

/// Where a block ends: after its last line feed, or at the end of the input (`None`: no
/// line feed yet, read more).
fn line_cut(bytes: &[u8], eof: bool) -> Option<usize> {
    if eof {
        return Some(bytes.len());
    }
    bytes.iter().rposition(|&b| b == b'\n').map(|i| i + 1)
}

/// One piece of a block: its conversion, or the length of its valid UTF-8 prefix.
fn convert_piece<'t>(
    piece: &'t [u8],
    convert: &impl for<'x> Fn(&'x str) -> Cow<'x, str>,
) -> Result<Cow<'t, str>, usize> {
    match simdutf8::compat::from_utf8(piece) {
        Ok(text) => Ok(convert(text)),
        Err(e) => Err(e.valid_up_to()),
    }
}
