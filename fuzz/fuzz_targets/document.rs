//! Documents in every format, markup rendered, kept (source) and off, through
//! `convert_document` and `convert_document_reader` (a 1–64 byte `BufReader`): no panic,
//! UTF-8 out, warnings at the positions they name, and the streamed text and warnings equal
//! the whole-text ones (DESIGN.md, "Streaming equals whole").
//!
//! Input: converter byte, options byte (format, markup mode), capacity byte, text.
#![no_main]

#[path = "../../tests/streams/mod.rs"]
mod streams;
use streams::Streams;

use libfuzzer_sys::fuzz_target;
use zhnorm::{DocumentOptions, Format, Lang, Markup};
use zhnorm_fuzz::{capacity, check_warning_positions, choose, tiny};

fuzz_target!(|data: &[u8]| {
    let [sel, opt, cap, bytes @ ..] = data else {
        return;
    };
    let choice = choose(*sel);
    let c = &choice.converter;
    let formats = [
        Format::Plain,
        Format::Wikitext,
        Format::Markdown,
        Format::Html,
        Format::Json,
        Format::Po,
        Format::Properties,
        Format::Strings,
        Format::Code(Lang::Rust),
        Format::Code(Lang::Python),
        Format::Code(Lang::JavaScript),
        Format::Code(Lang::Shell),
        Format::Xml,
        Format::Yaml,
        Format::Subtitles,
    ];
    let options = DocumentOptions {
        format: formats[*opt as usize % formats.len()],
        markup: [Markup::Render, Markup::Source, Markup::Off][(*opt as usize / formats.len()) % 3],
    };
    let cap = capacity(*cap);
    let what = format!("{} {options:?} capacity {cap}", choice.name);

    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let err = c
                .stream_document(tiny(bytes, cap), Vec::new(), options)
                .expect_err("invalid UTF-8 must be an error");
            match err.kind() {
                zhnorm::ErrorKind::InvalidUtf8 { offset } => {
                    assert_eq!(*offset, e.valid_up_to() as u64, "{what}: offset")
                }
                other => panic!("{what}: invalid UTF-8 gave {other:?}"),
            }
            return;
        }
    };

    let whole = c.convert_document(text, options);
    check_warning_positions(text, &whole.warnings, &what);

    let mut out = Vec::new();
    let warnings = c
        .stream_document(tiny(text.as_bytes(), cap), &mut out, options)
        .expect("valid UTF-8 streams");
    let streamed = String::from_utf8(out).expect("the document reader writes UTF-8");
    check_warning_positions(text, &warnings, &what);
    assert!(
        streamed == whole.text,
        "{what}: convert_document_reader differs from convert_document:\n{streamed:?}\n{:?}",
        whole.text
    );
    assert_eq!(warnings, whole.warnings, "{what}: warnings");
});
