//! Helpers shared by the fuzz targets: which converter a byte selects, and how streamed
//! output is gathered.

use std::io::BufReader;
use std::sync::OnceLock;

use zhnorm::{Config, Converter, ConverterBuilder, Forms, Variant};

/// A converter the fuzz input selects, and what it is.
pub struct Choice {
    /// The converter.
    pub converter: Converter,
    /// `Some` for normalization converters, `None` for OpenCC configs.
    pub variant: Option<Variant>,
    /// A short name for assertion messages.
    pub name: String,
    /// Whether a regional target converts vocabulary too.
    pub idioms: bool,
}

/// Every converter the targets exercise: each variant with default options, `hant` with
/// OpenCC's forms, the regional variants without idioms, and all sixteen OpenCC configs.
pub fn converters() -> &'static [Choice] {
    static ALL: OnceLock<Vec<Choice>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut v = Vec::new();
        for t in Variant::ALL {
            v.push(Choice {
                converter: Converter::new(t),
                variant: Some(t),
                name: t.code().to_string(),
                idioms: true,
            });
        }
        v.push(Choice {
            converter: Converter::builder(Variant::Hant)
                .forms(Forms::Opencc)
                .build(),
            variant: Some(Variant::Hant),
            name: "zh-hant --forms opencc".into(),
            idioms: true,
        });
        for t in [Variant::Cn, Variant::Tw, Variant::Hk, Variant::Mo] {
            v.push(Choice {
                converter: Converter::builder(t).idioms(false).build(),
                variant: Some(t),
                name: format!("{} --no-idioms", t.code()),
                idioms: false,
            });
        }
        for c in Config::ALL {
            v.push(Choice {
                converter: Converter::opencc(c),
                variant: None,
                name: c.name().to_string(),
                idioms: false,
            });
        }
        v
    })
}

/// The converter selected by `byte`.
pub fn choose(byte: u8) -> &'static Choice {
    let all = converters();
    &all[byte as usize % all.len()]
}

/// A buffer capacity of 1..=64 bytes selected by `byte`.
pub fn capacity(byte: u8) -> usize {
    1 + (byte as usize % 64)
}

/// `bytes` behind a `BufReader` of `cap` bytes: the readers see it a few bytes at a time.
pub fn tiny(bytes: &[u8], cap: usize) -> BufReader<&[u8]> {
    BufReader::with_capacity(cap, bytes)
}

/// Checks that each warning's position is where its offset is in `text`: a char boundary
/// inside the text, its 1-based line and column in characters.
pub fn check_warning_positions(text: &str, warnings: &[zhnorm::Warning], what: &str) {
    for w in warnings {
        assert!(
            w.offset <= text.len() && text.is_char_boundary(w.offset),
            "{what}: warning offset {} outside the text or inside a character: {w:?}",
            w.offset
        );
        let before = &text[..w.offset];
        let line = 1 + before.bytes().filter(|&b| b == b'\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = 1 + before[line_start..].chars().count();
        assert_eq!(
            (w.line, w.column),
            (line, column),
            "{what}: warning at offset {} has the wrong line/column: {w:?}",
            w.offset
        );
    }
}

/// A builder for the converter [`choose`] selects with the same `byte` (to add user rules).
pub fn builder(byte: u8) -> ConverterBuilder {
    let n = byte as usize % converters().len();
    let v = Variant::ALL.len();
    if n < v {
        Converter::builder(Variant::ALL[n])
    } else if n == v {
        Converter::builder(Variant::Hant).forms(Forms::Opencc)
    } else if n < v + 5 {
        let t = [Variant::Cn, Variant::Tw, Variant::Hk, Variant::Mo][n - v - 1];
        Converter::builder(t).idioms(false)
    } else {
        Converter::opencc_builder(Config::ALL[n - v - 5])
    }
}
