//! User rules: a `--dict` text, `rule(from, to)` pairs and `keep` words built from the
//! input, then conversion of the rest, whole and streamed: no panic, a malformed
//! dictionary is a `Dictionary` error, and streaming equals converting the whole.
//!
//! Input: converter byte, capacity byte, then four parts separated by NUL: dictionary
//! text, rule lines (`from<TAB>to`), keep lines, text to convert.
#![no_main]

#[path = "../../tests/streams/mod.rs"]
mod streams;
use streams::Streams;

use libfuzzer_sys::fuzz_target;
use zhnorm::{DocumentOptions, Format};
use zhnorm_fuzz::{builder, capacity, choose, tiny};

fuzz_target!(|data: &[u8]| {
    let [sel, cap, bytes @ ..] = data else { return };
    let Ok(input) = std::str::from_utf8(bytes) else {
        return;
    };
    let cap = capacity(*cap);
    let name = &choose(*sel).name;
    let mut parts = input.splitn(4, '\0');
    let (dict, rules, keep, text) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );

    let mut b = builder(*sel);
    match b.clone().dictionary(dict) {
        Ok(with) => b = with,
        Err(e) => assert!(
            matches!(e.kind(), zhnorm::ErrorKind::Dictionary { .. }),
            "{name}: a bad dictionary gave {e:?}"
        ),
    }
    for line in rules.lines() {
        let (from, to) = line.split_once('\t').unwrap_or((line, ""));
        b = b.rule(from, to);
    }
    for word in keep.lines() {
        b = b.keep(word);
    }
    let c = b.build();

    let whole = c.convert(text);
    let mut streamed = Vec::new();
    c.stream_text(tiny(text.as_bytes(), cap), &mut streamed)
        .expect("valid UTF-8 streams");
    assert!(
        streamed == whole.as_bytes(),
        "{name}: with rules, convert_reader (capacity {cap}) differs from convert:\n{:?}\n{whole:?}",
        String::from_utf8_lossy(&streamed)
    );

    for format in [Format::Plain, Format::Wikitext] {
        let options = DocumentOptions {
            format,
            ..Default::default()
        };
        let doc = c.convert_document(text, options);
        let mut out = Vec::new();
        let warnings = c
            .stream_document(tiny(text.as_bytes(), cap), &mut out, options)
            .expect("valid UTF-8 streams");
        assert!(
            out == doc.text.as_bytes(),
            "{name} {format}: with rules, convert_document_reader differs from convert_document:\n{:?}\n{:?}",
            String::from_utf8_lossy(&out),
            doc.text
        );
        assert_eq!(warnings, doc.warnings, "{name} {format}: warnings");
    }
});
