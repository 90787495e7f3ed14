//! One input: read whole or checked for UTF-8 before streaming, its format decided, and
//! converted in memory.

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

use zhnorm::{Converter, DocumentOptions, Format, FormatReason, Markup, Warning};

use crate::encoding::{Encoding, Unencodable};
use crate::error::Error;
use crate::files::{self, Input};
use crate::settings::{Conversion, Target};

/// `bytes` as a `String`, or the offset of the first invalid UTF-8 sequence (SIMD check).
pub fn string_from_utf8(bytes: Vec<u8>) -> Result<String, usize> {
    match simdutf8::compat::from_utf8(&bytes) {
        // SAFETY: just checked.
        Ok(_) => Ok(unsafe { String::from_utf8_unchecked(bytes) }),
        Err(e) => Err(e.valid_up_to()),
    }
}

/// The byte offset of the first invalid UTF-8 sequence in a file, read in bounded memory.
pub fn first_invalid_utf8(path: &Path) -> io::Result<Option<u64>> {
    let mut f = BufReader::with_capacity(1 << 16, File::open(path)?);
    let mut pending: Vec<u8> = Vec::new();
    let mut offset = 0u64;
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = f.read(&mut buf)?;
        pending.extend_from_slice(&buf[..n]);
        match simdutf8::compat::from_utf8(&pending) {
            Ok(_) => {
                offset += pending.len() as u64;
                pending.clear();
            }
            Err(e) => {
                if e.error_len().is_some() || n == 0 {
                    return Ok(Some(offset + e.valid_up_to() as u64));
                }
                let ok = e.valid_up_to();
                offset += ok as u64;
                pending.drain(..ok);
            }
        }
        if n == 0 {
            return Ok(None);
        }
    }
}

/// Whether a file starts with a UTF-16 byte order mark (it is then read whole).
pub fn file_is_utf16(path: &Path) -> io::Result<bool> {
    let mut head = [0u8; 2];
    let n = File::open(path)?.read(&mut head)?;
    Ok(Encoding::of(&head[..n]) != Encoding::Utf8)
}

/// Whether the file at `path` looks binary (see [`files::looks_binary`]): read from its
/// start, for the inputs that are streamed rather than read whole. Every mode skips such a
/// file with the same note (issue 14, D18).
pub fn file_looks_binary(path: &Path) -> io::Result<bool> {
    let mut head = Vec::with_capacity(8 << 10);
    File::open(path)?.take(8 << 10).read_to_end(&mut head)?;
    Ok(files::looks_binary(&head))
}

/// The note printed for a binary file that is skipped.
pub fn binary_note(name: &str) -> String {
    format!("{name}: binary file, skipped")
}

/// The document options for an input, or `None` for plain streaming conversion (an
/// OpenCC config, byte-exact with OpenCC on any text). `text` is the input or its start;
/// without it a file's start is sniffed when its extension says nothing.
pub fn document_options(
    c: &Conversion,
    path: Option<&Path>,
    text: Option<&str>,
) -> Result<Option<DocumentOptions>, Error> {
    if let Target::Config { .. } = c.target {
        return Ok(None);
    }
    let (format, how) = if let (Some(p), None, true) = (path, text, c.format.needs_content(path)) {
        // Sniff the start of the file: what `Format::detect` would look at in the whole
        // text (one format decision per input, issue 14, D7c).
        let mut head = Vec::with_capacity(Format::SNIFF_BYTES);
        File::open(p)
            .and_then(|f| f.take(Format::SNIFF_BYTES as u64).read_to_end(&mut head))
            .map_err(|source| Error::Read {
                name: crate::show::path(p),
                source,
            })?;
        c.format.resolve(path, &String::from_utf8_lossy(&head))
    } else {
        c.format.resolve(path, text.unwrap_or(""))
    };
    if c.verbose {
        let name = path.map_or_else(|| "<stdin>".to_string(), crate::show::path);
        stderr!(
            "zhnorm: {name}: read as {format} ({})",
            match how {
                FormatReason::Given => "by --format".to_string(),
                how => format!("by {how}"),
            }
        );
    }
    // Plain text without markup is still a document: its bare URLs are kept (issue 14,
    // D12), as the library's `convert_document` keeps them.
    // Rewriting a source keeps its markup; so does `--no-markup` there outside plain
    // text, where markup cannot be turned off.
    let markup = if c.source && (c.markup || format != Format::Plain) {
        Markup::Source
    } else if c.markup {
        Markup::Render
    } else {
        Markup::Off
    };
    Ok(Some(DocumentOptions { format, markup }))
}

/// A whole input read, checked and converted in memory.
pub struct Converted {
    pub name: String,
    pub original: String,
    pub text: String,
    pub warnings: Vec<Warning>,
    /// The format it was read as (`None`: an OpenCC config, text as it is).
    pub format: Option<Format>,
    /// CJK characters the format kept as written (code, tags, keys …).
    pub kept: usize,
    /// The input's encoding, in which the text is written back.
    pub encoding: Encoding,
    /// The input's bytes, for a legacy encoding: the lines the conversion left as they
    /// were are written back as they were (see [`Encoding::encode_changes`]).
    pub raw: Option<Vec<u8>>,
}

impl Converted {
    /// The converted text in the input's encoding, or the error for a character that a
    /// legacy encoding (`--encoding gbk` …) has no bytes for. `rewrite`: the bytes are to
    /// replace the file (`-w`), which the error says is left unchanged.
    pub fn bytes(&self, rewrite: bool) -> Result<std::borrow::Cow<'_, [u8]>, Error> {
        let encoded = match &self.raw {
            Some(raw) => self
                .encoding
                .encode_changes(&self.original, raw, &self.text),
            None => self.encoding.encode(&self.text),
        };
        encoded.map_err(
            |Unencodable {
                 line,
                 column,
                 character,
             }| Error::Unencodable {
                name: self.name.clone(),
                line,
                column,
                character,
                encoding: self.encoding.name(),
                rewrite,
            },
        )
    }
}

/// Whether an input read whole looks binary: never for UTF-16 named by `--encoding` (its
/// ASCII characters hold NUL bytes), else as [`files::looks_binary`] says.
pub fn looks_binary(explicit: Option<Encoding>, bytes: &[u8]) -> bool {
    !matches!(explicit, Some(Encoding::Utf16Le | Encoding::Utf16Be)) && files::looks_binary(bytes)
}

/// What became of one input converted whole (`T`: the conversion, with what a mode adds).
pub enum Outcome<T = Converted> {
    Converted(T),
    /// A binary file, with the note saying so.
    Skipped(String),
    Failed(Error),
}

impl<T> Outcome<T> {
    /// Adds to a conversion.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Outcome<U> {
        match self {
            Outcome::Converted(t) => Outcome::Converted(f(t)),
            Outcome::Skipped(note) => Outcome::Skipped(note),
            Outcome::Failed(e) => Outcome::Failed(e),
        }
    }
}

/// The most an input read whole (`--check`, `--diff`, `-w`, Markdown) may hold: more is an
/// error rather than memory exhausted (`/dev/zero`, issue 14, D20).
pub const WHOLE_LIMIT: u64 = 1 << 30;

/// Reads `reader` to its end, or fails when it holds more than `limit` bytes (`what`
/// says which reading has the limit).
pub fn read_capped(reader: impl Read, limit: u64, what: &str) -> io::Result<Vec<u8>> {
    let mut data = Vec::new();
    reader.take(limit + 1).read_to_end(&mut data)?;
    if data.len() as u64 > limit {
        return Err(io::Error::other(format!(
            "more than {} MiB; {what}",
            limit >> 20
        )));
    }
    Ok(data)
}

/// Reads an input whole (at most [`WHOLE_LIMIT`] bytes).
pub fn read(input: &Input) -> Result<Vec<u8>, Error> {
    let what = "--check, --diff, -w and Markdown read an input whole (convert it to standard output instead, which streams)";
    match input {
        Input::Stdin(_) => {
            read_capped(io::stdin().lock(), WHOLE_LIMIT, what).map_err(Error::ReadStdin)
        }
        Input::File(p) => File::open(p)
            .and_then(|f| read_capped(f, WHOLE_LIMIT, what))
            .map_err(|source| Error::Read {
                name: crate::show::path(p),
                source,
            }),
    }
}

/// Reads a small text file whole (a dictionary, a word list, `zhnorm.toml`): at most
/// `limit` bytes, UTF-8.
pub fn read_text(path: &Path, limit: u64) -> io::Result<String> {
    let bytes = read_capped(File::open(path)?, limit, "too big for this kind of file")?;
    String::from_utf8(bytes).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "invalid UTF-8 at byte offset {}",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// Reads and converts an input whole (in the encoding `c.encoding` names, if any).
pub fn convert_whole(converter: &Converter, c: &Conversion, input: &Input) -> Outcome {
    match read(input) {
        Ok(bytes) => convert_bytes(converter, c, input, bytes),
        Err(e) => Outcome::Failed(e),
    }
}

/// The text of an input read whole, and its encoding: the one `explicit` names
/// (`--encoding`), else UTF-8, or UTF-16 with its byte order mark. `whole`: the error may
/// promise that nothing was written for the input. The bytes of a legacy encoding are
/// given back with the text (see [`Converted::raw`]).
pub fn decode(
    name: &str,
    bytes: Vec<u8>,
    whole: bool,
    explicit: Option<Encoding>,
) -> Result<(String, Encoding, Option<Vec<u8>>), Error> {
    let invalid = |encoding: Encoding, why: &str, at: usize| Error::Read {
        name: name.to_string(),
        source: io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "invalid {} ({why}) at byte offset {at}{}",
                encoding.name(),
                if whole {
                    " (nothing written for this input)"
                } else {
                    ""
                }
            ),
        ),
    };
    let encoding = match explicit {
        None => Encoding::of(&bytes),
        Some(e) => {
            // A byte order mark of another encoding: the label is wrong for this input
            // (a UTF-8 mark read as GBK would be the characters 锘 and more).
            if let Some(mark) = Encoding::bom(&bytes).filter(|&m| m != e) {
                return Err(Error::Read {
                    name: name.to_string(),
                    source: io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!(
                            "starts with a {} byte order mark, but --encoding says {} \
                             (without --encoding it is read as {0})",
                            mark.name(),
                            e.name()
                        ),
                    ),
                });
            }
            e
        }
    };
    match encoding {
        Encoding::Utf8 if explicit.is_some() => string_from_utf8(bytes)
            .map(|s| (s, encoding, None))
            .map_err(|at| invalid(encoding, "as --encoding says", at)),
        Encoding::Utf8 => string_from_utf8(bytes)
            .map(|s| (s, encoding, None))
            .map_err(|at| Error::InvalidUtf8 {
                name: name.to_string(),
                offset: at as u64,
                whole,
            }),
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let why = if explicit.is_some() {
                "as --encoding says"
            } else {
                "as its byte order mark says"
            };
            encoding
                .decode_utf16(&bytes)
                .map(|s| (s, encoding, None))
                .map_err(|at| invalid(encoding, why, at))
        }
        Encoding::Legacy(_) => encoding
            .decode_legacy(&bytes)
            .map(|s| (s, encoding, Some(bytes)))
            .map_err(|at| invalid(encoding, "as --encoding says", at)),
    }
}

/// Converts an input read whole (`bytes`); binary files (and standard input named as a
/// file by `--stdin-filename`) are skipped.
pub fn convert_bytes(
    converter: &Converter,
    c: &Conversion,
    input: &Input,
    bytes: Vec<u8>,
) -> Outcome {
    let name = input.name();
    if input.path().is_some() && looks_binary(c.encoding, &bytes) {
        return Outcome::Skipped(binary_note(&name));
    }
    let (original, encoding, raw) = match decode(&name, bytes, true, c.encoding) {
        Ok(d) => d,
        Err(e) => return Outcome::Failed(e),
    };
    let (text, warnings, format, kept) = match document_options(c, input.path(), Some(&original)) {
        Err(e) => return Outcome::Failed(e),
        Ok(Some(opts)) => {
            let d = converter.convert_document(&original, opts);
            (d.text, d.warnings, Some(opts.format), d.kept)
        }
        Ok(None) => (
            converter.convert(&original).into_owned(),
            Vec::new(),
            None,
            0,
        ),
    };
    Outcome::Converted(Converted {
        name,
        original,
        text,
        warnings,
        format,
        kept,
        encoding,
        raw,
    })
}

/// Prints markup warnings for the input `name` on standard error, unless `quiet`.
pub fn print_warnings(quiet: bool, name: &str, warnings: &[Warning]) {
    if !quiet {
        for w in warnings {
            stderr!("zhnorm: warning: {name}:{w}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What one sequential check of the whole input gives.
    fn expected(bytes: &[u8]) -> Option<u64> {
        simdutf8::compat::from_utf8(bytes)
            .err()
            .map(|e| e.valid_up_to() as u64)
    }

    /// Errors around the 64 KiB reads' ends and truncated sequences at the end of the
    /// file: the check in bounded memory finds the first invalid byte a check of the
    /// whole finds.
    #[test]
    fn first_invalid_utf8_equals_a_sequential_check() {
        let dir = std::env::temp_dir().join(format!("zhnorm-utf8-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("input");
        let text = "漢字a頭髮\n".repeat(300_000); // 3.3 MB: several blocks
        let mut cases: Vec<Vec<u8>> = vec![Vec::new(), text.clone().into_bytes()];
        let block = 1 << 16;
        for at in [
            0,
            1,
            block - 2,
            block,
            block + 1,
            3 * block - 1,
            3 * block + 2,
        ] {
            for bad in [&[0xFF][..], &[0xE6, 0xBC], &[0x80], &[0xE6, 0x41]] {
                let mut b = text.clone().into_bytes();
                b.splice(at..at, bad.iter().copied());
                cases.push(b);
            }
        }
        for cut in 1..3 {
            let mut b = text.clone().into_bytes();
            b.extend_from_slice(&"漢".as_bytes()[..cut]);
            cases.push(b);
        }
        for (i, bytes) in cases.iter().enumerate() {
            std::fs::write(&path, bytes).unwrap();
            assert_eq!(
                first_invalid_utf8(&path).unwrap(),
                expected(bytes),
                "case {i}"
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
