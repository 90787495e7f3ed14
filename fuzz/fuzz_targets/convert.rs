//! `convert`, `convert_into` and `convert_reader` (through a 1–64 byte `BufReader`) give
//! the same text for every variant and config; normalization is idempotent; invalid UTF-8
//! is an error at the offset of the first bad byte.
//!
//! Input: converter byte, capacity byte, text.
#![no_main]

#[path = "../../tests/streams/mod.rs"]
mod streams;
use streams::Streams;

use libfuzzer_sys::fuzz_target;
use zhnorm_fuzz::{capacity, choose, tiny};

fuzz_target!(|data: &[u8]| {
    let [sel, cap, bytes @ ..] = data else { return };
    let choice = choose(*sel);
    let c = &choice.converter;
    let cap = capacity(*cap);

    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let err = c
                .stream_text(tiny(bytes, cap), Vec::new())
                .expect_err("invalid UTF-8 must be an error");
            match err.kind() {
                zhnorm::ErrorKind::InvalidUtf8 { offset } => assert_eq!(
                    *offset,
                    e.valid_up_to() as u64,
                    "{}: offset of the invalid byte",
                    choice.name
                ),
                other => panic!("{}: invalid UTF-8 gave {other:?}", choice.name),
            }
            return;
        }
    };

    let whole = c.convert(text);
    let mut into = String::from("前");
    c.convert_into(text, &mut into);
    assert_eq!(
        &into["前".len()..],
        &*whole,
        "{}: convert_into",
        choice.name
    );

    let mut streamed = Vec::new();
    let read = c
        .stream_text(tiny(text.as_bytes(), cap), &mut streamed)
        .expect("valid UTF-8 streams");
    assert_eq!(read, text.len() as u64, "{}: bytes read", choice.name);
    assert!(
        streamed == whole.as_bytes(),
        "{}: convert_reader (capacity {cap}) differs from convert:\n{:?}\n{:?}",
        choice.name,
        String::from_utf8_lossy(&streamed),
        whole
    );

    // Every normalization converter, tw/hk/mo with idioms included.
    if let Some(v) = choice.variant {
        let again = c.convert(&whole);
        assert!(
            again == whole,
            "{v} ({}): normalizing twice differs from once:\ninput {text:?}\nonce  {whole:?}\ntwice {again:?}",
            choice.name
        );
    }
});
