//! Plain text streams (no markup): one thread cuts between sentences, the parallel reader
//! after line feeds.

use std::borrow::Cow;
use std::io::{BufRead, Write};

use rayon::prelude::*;

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
    mut writer: W,
) -> Result<u64, Error> {
    let mut input = Reader::new(reader);
    // A small input is converted on this thread (without starting rayon's pool).
    if input.fill(1 << 20)? {
        return convert_reader(engine, user, input.buffered(), writer);
    }
    let threads = rayon::current_num_threads();
    let block = (4 << 20) * threads;
    let plan = Plan {
        chunk: block,
        on_top: false,
        // One line longer than a block: read another block before looking.
        grow: block,
        validate: false,
        lines: false,
    };
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
        let parts: Vec<Result<Cow<str>, usize>> = pieces
            .par_iter()
            .map(|p| match simdutf8::compat::from_utf8(p) {
                Ok(text) => Ok(engine.convert(text, user)),
                Err(e) => Err(e.valid_up_to()),
            })
            .collect();
        let mut at = chunk.offset;
        for (part, piece) in parts.iter().zip(&pieces) {
            match part {
                Ok(p) => writer.write_all(p.as_bytes())?,
                Err(valid) => return Err(Error::invalid_utf8(at + *valid as u64)),
            }
            at += piece.len() as u64;
        }
        Ok(cut)
    })?;
    writer.flush()?;
    Ok(read)
}
