//! Streaming standard input to standard output in bounded memory, on every core, as a
//! document (plain text with conversion markup: page rules apply to the text after them).
//! `echo '-{H|zh-cn:计算机;zh-tw:電腦}-头发和计算机' | cargo run --example stream`
use std::io::{stdin, stdout, BufWriter};

use zhnorm::{Converter, DocumentOptions, StreamOptions, Variant};

fn main() -> Result<(), zhnorm::Error> {
    let c = Converter::new(Variant::Tw);
    let options = StreamOptions {
        document: Some(DocumentOptions::default()),
        parallel: true,
    };
    let done = c.convert_stream(stdin().lock(), BufWriter::new(stdout().lock()), options)?;
    for w in &done.warnings {
        eprintln!("warning: {w}");
    }
    eprintln!("{} bytes read", done.bytes);
    Ok(())
}
