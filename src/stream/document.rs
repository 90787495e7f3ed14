//! Document streams with conversion markup: cut where no construct or kept zone is open,
//! page rules carried from chunk to chunk; markup-free stretches of a large chunk are
//! resolved in parallel.

use std::borrow::Cow;
use std::io::{BufRead, Write};

use rayon::prelude::*;

use super::cut::{document_pieces, safe_cut};
use super::{string_from_utf8, Plan, Reader};
use crate::engine::{sentence::count_lines, Engine};
use crate::error::Error;
use crate::format::Format;
use crate::markup::{find_marker, Resolver, Warning, Warnings};
use crate::rules::Rules;
use crate::DocumentOptions;

/// See [`Converter::convert_document_reader`](crate::Converter::convert_document_reader)
/// and its `_parallel` twin.
pub(crate) fn convert_document_reader<R: BufRead, W: Write>(
    engine: &Engine,
    user: &Rules,
    mut reader: R,
    mut writer: W,
    options: DocumentOptions,
    parallel: bool,
) -> Result<Vec<Warning>, Error> {
    let markup = options.markup || options.format != Format::Plain;
    let normalizer = match engine {
        // Markdown needs the whole document (its tokenizer does): read whole below.
        Engine::Normalize(n) if markup && options.format != Format::Markdown => n,
        // Plain text without markup (or an OpenCC config): what `convert_document` does
        // (bare URLs kept, the text between converted), a block of whole lines at a time
        // (no URL spans a line feed, and normalization starts every line afresh).
        _ if options.format == Format::Plain => {
            let threads = if parallel {
                rayon::current_num_threads()
            } else {
                1
            };
            super::convert_line_blocks(Reader::new(reader), writer, threads, |t| {
                Cow::Owned(crate::engine::convert_document(engine, user, t, options).text)
            })?;
            return Ok(Vec::new());
        }
        _ => {
            let mut bytes = Vec::new();
            reader.read_to_end(&mut bytes)?;
            let text = string_from_utf8(bytes).map_err(|at| Error::invalid_utf8(at as u64))?;
            let doc = crate::engine::convert_document(engine, user, &text, options);
            writer.write_all(doc.text.as_bytes())?;
            writer.flush()?;
            return Ok(doc.warnings);
        }
    };
    let mut input = Reader::new(reader);
    let mut eof = false;
    if parallel {
        // A small input is converted on this thread (without starting rayon's pool).
        eof = input.fill(1 << 20)?;
    }
    let threads = if parallel && !eof {
        rayon::current_num_threads()
    } else {
        1
    };
    let chunk_size: usize = if threads > 1 {
        (1 << 20) * threads * 2
    } else {
        1 << 20
    };
    let plan = Plan {
        // Bytes to buffer before looking for a cut.
        chunk: chunk_size + chunk_size / 4,
        on_top: false,
        grow: chunk_size,
        validate: true,
        lines: true,
    };
    let target = Some(normalizer.variant);
    let mut rules: Option<Vec<Rules>> = None;
    let mut warnings = Warnings::default();
    let mut out = String::new();
    input.run(plan, |chunk| {
        let pending = chunk.bytes;
        let valid = chunk.valid;
        let cut = if chunk.eof {
            Some(pending.len())
        } else {
            safe_cut(valid, chunk_size, options.format)
        };
        // No forced cut: one would change the result (a phrase, a construct or a kept zone
        // cut in two). The reader buffers more, up to its limit.
        let Some(cut) = cut else { return Ok(0) };
        let text = match chunk.bad {
            _ if cut <= valid.len() => &valid[..cut],
            _ => return Err(Error::invalid_utf8(chunk.offset + valid.len() as u64)),
        };
        let (base, base_lines) = (chunk.offset as usize, chunk.lines);
        if threads > 1 && text.len() > 512 << 10 && find_marker(text, "-{").is_none() {
            // No markup: page rules stay as they are, so pieces convert independently.
            let pieces = document_pieces(text, threads * 4, options.format);
            let incoming = rules.take();
            let results: Vec<(String, Vec<Warning>, usize)> = pieces
                .par_iter()
                .map(|&(at, piece)| {
                    let zones = options.format.zones(piece);
                    let mut resolver =
                        Resolver::with_rules(piece, target, normalizer.style, &zones, user);
                    if let Some(r) = &incoming {
                        resolver.set_rules(r.clone());
                    }
                    let mut out = String::with_capacity(piece.len() + piece.len() / 8);
                    resolver.run(&mut out);
                    let (mut ws, more) = resolver.take_warnings();
                    let lines = if ws.is_empty() {
                        0
                    } else {
                        count_lines(&text.as_bytes()[..at])
                    };
                    for w in &mut ws {
                        w.shift(at, lines);
                    }
                    (out, ws, more)
                })
                .collect();
            for (out, mut ws, more) in results {
                for w in &mut ws {
                    w.shift(base, base_lines);
                }
                warnings.extend(ws, more);
                writer.write_all(out.as_bytes())?;
            }
            rules = incoming;
            return Ok(text.len());
        }
        let zones = options.format.zones(text);
        let mut resolver = Resolver::with_rules(text, target, normalizer.style, &zones, user);
        if let Some(r) = rules.take() {
            resolver.set_rules(r);
        }
        out.clear();
        resolver.run(&mut out);
        let (mut ws, more) = resolver.take_warnings();
        for w in &mut ws {
            w.shift(base, base_lines);
        }
        warnings.extend(ws, more);
        rules = Some(resolver.into_rules());
        writer.write_all(out.as_bytes())?;
        Ok(text.len())
    })?;
    writer.flush()?;
    Ok(warnings.finish())
}
