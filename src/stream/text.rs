//! Plain text streams (no markup): one thread cuts between sentences, the parallel reader
//! after line feeds.

use std::borrow::Cow;
use std::io::{BufRead, Write};

use super::parallel::split_lines;
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
        let mut done = 0;
        out.clear();
        while done < text.len() {
            match engine.unit_end(&text[done..], at_end, user) {
                Some(end) => {
                    engine.convert_sentence(&text[done..done + end], user, &mut out, &mut scratch);
                    done += end;
                }
                None => break,
            }
        }
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
    // With threads, a block's output is written while the next block converts: the
    // previous block's converted pieces, kept here.
    let mut previous: Vec<String> = Vec::new();
    let read = input.run(plan, |chunk| {
        let cut = if chunk.eof {
            chunk.bytes.len()
        } else {
            match chunk.bytes.iter().rposition(|&b| b == b'\n') {
                Some(i) => i + 1,
                None => return Ok(0),
            }
        };
        // Each piece is checked for UTF-8 on its own thread: checking the block first
        // would be a serial step as long as a good part of the conversion.
        let pieces = split_lines(&chunk.bytes[..cut], threads * 4, 256 << 10);
        if threads == 1 {
            let mut at = chunk.offset;
            for piece in &pieces {
                match convert_piece(piece, &convert) {
                    Ok(p) => writer.write_all(p.as_bytes())?,
                    Err(valid) => return Err(Error::invalid_utf8(at + valid as u64)),
                }
                at += piece.len() as u64;
            }
            return Ok(cut);
        }
        let mut parts: Vec<Option<Result<Cow<str>, usize>>> = vec![None; pieces.len()];
        // The pieces convert on the pool while this thread writes the previous block
        // (the writer need not be `Send`: it stays on this thread).
        let written = rayon::in_place_scope(|s| {
            for (part, piece) in parts.iter_mut().zip(&pieces) {
                let convert = &convert;
                s.spawn(move |_| *part = Some(convert_piece(piece, convert)));
            }
            previous
                .drain(..)
                .try_for_each(|p| writer.write_all(p.as_bytes()))
        });
        written?;
        let mut at = chunk.offset;
        for (part, piece) in parts.into_iter().zip(&pieces) {
            match part.expect("every piece converted") {
                Ok(p) => previous.push(p.into_owned()),
                // The pieces before it are written after `run` returns.
                Err(valid) => return Err(Error::invalid_utf8(at + valid as u64)),
            }
            at += piece.len() as u64;
        }
        Ok(cut)
    });
    // The last block's output, also when the input ended in an error after it.
    for p in previous.drain(..) {
        writer.write_all(p.as_bytes())?;
    }
    let read = read?;
    writer.flush()?;
    Ok(read)
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
