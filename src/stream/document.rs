//! Document streams with conversion markup: cut where no construct or kept zone is open,
//! page rules carried from chunk to chunk; markup-free stretches of a large chunk are
//! resolved in parallel.

use std::borrow::Cow;
use std::io::{BufRead, Write};
use std::sync::Arc;

use super::cut::{document_pieces, safe_cut};
use super::parallel::InOrder;
use super::{string_from_utf8, Chunk, Plan, Reader};
use crate::engine::{sentence::count_lines, Engine};
use crate::error::Error;
use crate::format::Format;
use crate::markup::{find_marker, Resolver, Warning, Warnings};
use crate::rules::Rules;
use crate::{DocumentOptions, Markup};

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
    let markup = options.format.markup(options.markup);
    let normalizing: &Engine = match engine {
        // Markdown and the structured formats need the whole document (their scanners
        // do): read whole below.
        Engine::Normalize(_) if markup != Markup::Off && options.format.streams() => engine,
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
                Cow::Owned(crate::document::convert_document(engine, user, t, options).text)
            })?;
            return Ok(Vec::new());
        }
        _ => {
            let mut bytes = Vec::new();
            reader.read_to_end(&mut bytes)?;
            let text = string_from_utf8(bytes).map_err(|at| Error::invalid_utf8(at as u64))?;
            let doc = crate::document::convert_document(engine, user, &text, options);
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
    let mut state = Chunks::new(normalizing, user, options, chunk_size, threads);
    let read = if threads > 1 {
        rayon::in_place_scope(|s| {
            let read = input.run(plan, |chunk| state.step(chunk, Some(s), &mut writer));
            // What was read before an error is written too.
            let written = state.hand(0, &mut writer);
            read.and_then(|r| written.map(|()| r))
        })
    } else {
        input.run(plan, |chunk| state.step(chunk, None, &mut writer))
    };
    read?;
    let warnings = state.warnings;
    writer.flush()?;
    Ok(warnings.finish())
}

/// One piece's output: its text, its warnings (shifted to the input) and the count of
/// warnings left out.
type Piece = (String, Vec<Warning>, usize);

/// The state of a document stream from chunk to chunk.
struct Chunks<'a> {
    /// A normalization engine (the resolver converts with it).
    engine: &'a Engine,
    user: &'a Rules,
    options: DocumentOptions,
    chunk_size: usize,
    threads: usize,
    /// The page rules so far (`None`: none yet).
    rules: Option<Vec<Rules>>,
    warnings: Warnings,
    out: String,
    /// Pieces of markup-free chunks converting on the pool, written in order as they finish.
    pieces: InOrder<Piece>,
    /// Whether writing a piece failed: nothing more is written.
    write_failed: bool,
}

impl<'a> Chunks<'a> {
    fn new(
        engine: &'a Engine,
        user: &'a Rules,
        options: DocumentOptions,
        chunk_size: usize,
        threads: usize,
    ) -> Chunks<'a> {
        Chunks {
            engine,
            user,
            options,
            chunk_size,
            threads,
            rules: None,
            warnings: Warnings::default(),
            out: String::new(),
            pieces: InOrder::new(),
            write_failed: false,
        }
    }

    /// Converts a prefix of `chunk` (cut where no construct or kept zone is open) and
    /// returns its length (0: no cut yet). With a `scope`, a large markup-free prefix is
    /// converted in pieces on the pool while the reader goes on.
    fn step<'s, W: Write>(
        &mut self,
        chunk: Chunk<'_>,
        scope: Option<&rayon::Scope<'s>>,
        writer: &mut W,
    ) -> Result<usize, Error>
    where
        'a: 's,
    {
        let pending = chunk.bytes;
        let valid = chunk.valid;
        let format = self.options.format;
        let source = format.markup(self.options.markup) == Markup::Source;
        let cut = if chunk.eof {
            Some(pending.len())
        } else {
            safe_cut(valid, self.chunk_size, format)
        };
        // No forced cut: one would change the result (a phrase, a construct or a kept zone
        // cut in two). The reader buffers more, up to its limit.
        let Some(cut) = cut else { return Ok(0) };
        let text = match chunk.bad {
            _ if cut <= valid.len() => &valid[..cut],
            _ => return Err(Error::invalid_utf8(chunk.offset + valid.len() as u64)),
        };
        let (base, base_lines) = (chunk.offset as usize, chunk.lines);
        let (engine, user) = (self.engine, self.user);
        match scope {
            Some(scope) if text.len() > 512 << 10 && find_marker(text, "-{").is_none() => {
                // No markup: page rules stay as they are, so pieces convert independently,
                // from a copy of the chunk (the reader reuses its buffer).
                let owned: Arc<str> = Arc::from(text);
                let incoming = Arc::new(self.rules.clone());
                for (at, piece) in document_pieces(text, self.threads * 4, format) {
                    let (owned, incoming) = (Arc::clone(&owned), Arc::clone(&incoming));
                    let end = at + piece.len();
                    self.pieces.submit(scope, move || {
                        let piece = &owned[at..end];
                        let zones = format.zones(piece);
                        let mut resolver = Resolver::with_rules(piece, Some(engine), &zones, user);
                        if source {
                            resolver.keep_markup();
                        }
                        if let Some(r) = incoming.as_ref() {
                            resolver.set_rules(r.clone());
                        }
                        let mut out = String::with_capacity(piece.len() + piece.len() / 8);
                        resolver.run(&mut out);
                        let (mut ws, more) = resolver.take_warnings();
                        if !ws.is_empty() {
                            let lines = count_lines(&owned.as_bytes()[..at]);
                            for w in &mut ws {
                                w.shift(at, lines);
                                w.shift(base, base_lines);
                            }
                        }
                        (out, ws, more)
                    });
                }
                // Two chunks in flight: the pool converts one while the next is read.
                self.hand(self.threads * 8, writer)?;
                return Ok(text.len());
            }
            _ => {}
        }
        // Markup (or one thread): resolved here, after every piece before it is written.
        self.hand(0, writer)?;
        let zones = format.zones(text);
        let mut resolver = Resolver::with_rules(text, Some(engine), &zones, user);
        if source {
            resolver.keep_markup();
        }
        if let Some(r) = self.rules.take() {
            resolver.set_rules(r);
        }
        self.out.clear();
        resolver.run(&mut self.out);
        let (mut ws, more) = resolver.take_warnings();
        for w in &mut ws {
            w.shift(base, base_lines);
        }
        self.warnings.extend(ws, more);
        self.rules = Some(resolver.into_rules());
        writer.write_all(self.out.as_bytes())?;
        Ok(text.len())
    }

    /// Writes the finished pieces' output in order, waiting while more than `in_flight`
    /// pieces are not written (0: every piece); nothing after a failed write.
    fn hand<W: Write>(&mut self, in_flight: usize, writer: &mut W) -> Result<(), Error> {
        if self.write_failed {
            return Ok(());
        }
        let (warnings, failed) = (&mut self.warnings, &mut self.write_failed);
        self.pieces.hand(in_flight, |(out, ws, more)| {
            warnings.extend(ws, more);
            writer.write_all(out.as_bytes()).map_err(|e| {
                *failed = true;
                Error::from(e)
            })
        })
    }
}
