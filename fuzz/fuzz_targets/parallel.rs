//! Big inputs (the fuzz input repeated to 0.2–1.6 MB) through `convert_parallel`,
//! `convert_reader_parallel` and `convert_document_reader_parallel` on a four-thread pool
//! (and `convert_document_reader`, whose chunks are cut after 1.25 MiB)
//! (so the input is really split, whatever the machine): byte-identical to the
//! single-threaded result.
//!
//! Input: converter byte, shape byte (size, line feed, format), text repeated.
#![no_main]

#[path = "../../tests/streams/mod.rs"]
mod streams;
use streams::Streams;

use std::io::BufReader;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use zhnorm::{DocumentOptions, Format};
use zhnorm_fuzz::choose;

fn pool() -> &'static rayon::ThreadPool {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .expect("a rayon pool")
    })
}

fuzz_target!(|data: &[u8]| {
    let [sel, shape, bytes @ ..] = data else {
        return;
    };
    let Ok(unit) = std::str::from_utf8(bytes) else {
        return;
    };
    if unit.is_empty() {
        return;
    }
    let choice = choose(*sel);
    let c = &choice.converter;
    let mut unit = unit.to_string();
    if shape & 0x80 != 0 {
        unit.push('\n');
    }
    let size = 200_000 + (*shape as usize & 7) * 200_000;
    let text = unit.repeat(size.div_ceil(unit.len()));
    let format = [Format::Plain, Format::Wikitext, Format::Markdown][(*shape as usize >> 3) % 3];
    let options = DocumentOptions {
        format,
        ..Default::default()
    };
    let what = format!(
        "{} {format} ({} bytes of {unit:?})",
        choice.name,
        text.len()
    );

    let whole = c.convert(&text);
    let doc = c.convert_document(&text, options);
    // The sequential document reader too: over 1.25 MiB it cuts the input into chunks.
    let mut out = Vec::new();
    let warnings = c
        .stream_document(text.as_bytes(), &mut out, options)
        .expect("valid UTF-8 streams");
    assert!(
        out == doc.text.as_bytes(),
        "{what}: convert_document_reader"
    );
    assert_eq!(
        warnings, doc.warnings,
        "{what}: warnings of convert_document_reader"
    );
    pool().install(|| {
        assert!(c.text_parallel(&text) == whole, "{what}: convert_parallel");
        let mut out = Vec::new();
        c.stream_text_parallel(BufReader::new(text.as_bytes()), &mut out)
            .expect("valid UTF-8 streams");
        assert!(out == whole.as_bytes(), "{what}: convert_reader_parallel");
        let mut out = Vec::new();
        let warnings = c
            .stream_document_parallel(BufReader::new(text.as_bytes()), &mut out, options)
            .expect("valid UTF-8 streams");
        assert!(
            out == doc.text.as_bytes(),
            "{what}: convert_document_reader_parallel"
        );
        assert_eq!(warnings, doc.warnings, "{what}: warnings");
    });
});
