//! The streaming calls the integration tests make, each a short name for one use of the
//! library's single streaming entry point, `Converter::convert_stream`.

#![allow(dead_code)]

use std::io::{BufRead, Write};

use zhnorm::{Converter, DocumentOptions, Error, StreamOptions, Warning};

pub trait Streams {
    /// Plain text, one thread; the bytes read.
    fn stream_text<R: BufRead, W: Write>(&self, r: R, w: W) -> Result<u64, Error>;
    /// Plain text on the current rayon pool; the bytes read.
    fn stream_text_parallel<R: BufRead, W: Write>(&self, r: R, w: W) -> Result<u64, Error>;
    /// A document, one thread; its warnings.
    fn stream_document<R: BufRead, W: Write>(
        &self,
        r: R,
        w: W,
        o: DocumentOptions,
    ) -> Result<Vec<Warning>, Error>;
    /// A document on the current rayon pool; its warnings.
    fn stream_document_parallel<R: BufRead, W: Write>(
        &self,
        r: R,
        w: W,
        o: DocumentOptions,
    ) -> Result<Vec<Warning>, Error>;
    /// A whole text as plain text on the current rayon pool.
    fn text_parallel(&self, text: &str) -> String;
}

impl Streams for Converter {
    fn stream_text<R: BufRead, W: Write>(&self, r: R, w: W) -> Result<u64, Error> {
        self.convert_stream(r, w, StreamOptions::default())
            .map(|d| d.bytes)
    }

    fn stream_text_parallel<R: BufRead, W: Write>(&self, r: R, w: W) -> Result<u64, Error> {
        let o = StreamOptions {
            document: None,
            parallel: true,
        };
        self.convert_stream(r, w, o).map(|d| d.bytes)
    }

    fn stream_document<R: BufRead, W: Write>(
        &self,
        r: R,
        w: W,
        o: DocumentOptions,
    ) -> Result<Vec<Warning>, Error> {
        let o = StreamOptions {
            document: Some(o),
            parallel: false,
        };
        self.convert_stream(r, w, o).map(|d| d.warnings)
    }

    fn stream_document_parallel<R: BufRead, W: Write>(
        &self,
        r: R,
        w: W,
        o: DocumentOptions,
    ) -> Result<Vec<Warning>, Error> {
        let o = StreamOptions {
            document: Some(o),
            parallel: true,
        };
        self.convert_stream(r, w, o).map(|d| d.warnings)
    }

    fn text_parallel(&self, text: &str) -> String {
        let mut out = Vec::with_capacity(text.len());
        self.stream_text_parallel(text.as_bytes(), &mut out)
            .expect("reading a str cannot fail");
        String::from_utf8(out).expect("converted UTF-8 is UTF-8")
    }
}
