//! The bytes the dictionary compiler wrote, as the binary embeds them.
//!
//! By default each table is embedded as it is read: [`Embedded::bytes`] returns the bytes
//! in place, so loading a table copies nothing and the first call takes microseconds.
//!
//! With the `compressed-tables` feature each table (and each dictionary text `zhnorm
//! explain` cites) is embedded compressed with zstd (level 19, at build time) and expanded
//! once, on its first use, into memory that lives as long as the process: the binary is
//! about 6 MB smaller, and the first call of each target pays the expansion of the tables
//! it reads (milliseconds; see BENCHMARKS.md). Tables a program never reads are never
//! expanded.

use super::Aligned;

/// One embedded table or family (see the module docs).
pub(crate) struct Embedded {
    #[cfg(not(feature = "compressed-tables"))]
    raw: &'static Aligned<[u8]>,
    #[cfg(feature = "compressed-tables")]
    packed: &'static [u8],
    #[cfg(feature = "compressed-tables")]
    len: usize,
    #[cfg(feature = "compressed-tables")]
    expanded: std::sync::OnceLock<&'static Aligned<[u8]>>,
}

/// One embedded dictionary text (its key column, for `explain`).
pub(crate) struct EmbeddedStr {
    #[cfg(not(feature = "compressed-tables"))]
    raw: &'static str,
    #[cfg(feature = "compressed-tables")]
    packed: &'static [u8],
    #[cfg(feature = "compressed-tables")]
    len: usize,
    #[cfg(feature = "compressed-tables")]
    expanded: std::sync::OnceLock<&'static str>,
}

#[cfg(not(feature = "compressed-tables"))]
impl Embedded {
    pub(crate) const fn raw(raw: &'static Aligned<[u8]>) -> Embedded {
        Embedded { raw }
    }

    /// The table's bytes.
    #[inline]
    pub(crate) fn bytes(&'static self) -> &'static Aligned<[u8]> {
        self.raw
    }

    /// The length of the table's bytes, without expanding them.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn len(&'static self) -> usize {
        self.raw.0.len()
    }
}

#[cfg(not(feature = "compressed-tables"))]
impl EmbeddedStr {
    pub(crate) const fn raw(raw: &'static str) -> EmbeddedStr {
        EmbeddedStr { raw }
    }

    /// The text.
    #[inline]
    pub(crate) fn text(&'static self) -> &'static str {
        self.raw
    }
}

/// `embedded!("table3.bin", LEN)`: the compiler's output file `table3.bin` of `LEN` bytes.
#[cfg(not(feature = "compressed-tables"))]
macro_rules! embedded {
    ($file:literal, $len:literal) => {{
        const BYTES: &$crate::table::Aligned<[u8]> =
            &$crate::table::Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/", $file)));
        $crate::table::Embedded::raw(BYTES)
    }};
}

/// `embedded_str!("source3.txt", LEN)`: the compiler's output text `source3.txt`.
#[cfg(not(feature = "compressed-tables"))]
macro_rules! embedded_str {
    ($file:literal, $len:literal) => {
        $crate::table::EmbeddedStr::raw(include_str!(concat!(env!("OUT_DIR"), "/", $file)))
    };
}

#[cfg(feature = "compressed-tables")]
macro_rules! embedded {
    ($file:literal, $len:literal) => {
        $crate::table::Embedded::packed(
            include_bytes!(concat!(env!("OUT_DIR"), "/", $file, ".zst")),
            $len,
        )
    };
}

#[cfg(feature = "compressed-tables")]
macro_rules! embedded_str {
    ($file:literal, $len:literal) => {
        $crate::table::EmbeddedStr::packed(
            include_bytes!(concat!(env!("OUT_DIR"), "/", $file, ".zst")),
            $len,
        )
    };
}

pub(crate) use {embedded, embedded_str};

#[cfg(feature = "compressed-tables")]
impl Embedded {
    pub(crate) const fn packed(packed: &'static [u8], len: usize) -> Embedded {
        Embedded {
            packed,
            len,
            expanded: std::sync::OnceLock::new(),
        }
    }

    /// The length of the table's bytes, without expanding them.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn len(&'static self) -> usize {
        self.len
    }

    /// The table's bytes, expanded on the first call.
    pub(crate) fn bytes(&'static self) -> &'static Aligned<[u8]> {
        self.expanded.get_or_init(|| {
            // Whole words, so that the bytes are aligned as `Aligned` requires.
            let mut words = vec![0u64; self.len.div_ceil(8)].into_boxed_slice();
            // SAFETY: the words are `len.div_ceil(8) * 8 >= len` initialized bytes, and
            // any byte pattern is a valid u64.
            let bytes = unsafe {
                std::slice::from_raw_parts_mut(words.as_mut_ptr().cast::<u8>(), self.len)
            };
            expand(self.packed, bytes, "table");
            let words: &'static [u64] = Box::leak(words);
            // SAFETY: `Aligned<[u8]>` is `repr(C, align(8))` around a byte slice, so a
            // pointer to `len` bytes that starts 8-byte aligned, inside an allocation of
            // `len` rounded up to 8 bytes, is a valid `&Aligned<[u8]>` of length `len`;
            // the allocation is leaked, so it lives for the rest of the process.
            unsafe {
                let slice = std::ptr::slice_from_raw_parts(words.as_ptr().cast::<u8>(), self.len);
                &*(slice as *const Aligned<[u8]>)
            }
        })
    }
}

#[cfg(feature = "compressed-tables")]
impl EmbeddedStr {
    pub(crate) const fn packed(packed: &'static [u8], len: usize) -> EmbeddedStr {
        EmbeddedStr {
            packed,
            len,
            expanded: std::sync::OnceLock::new(),
        }
    }

    /// The text, expanded on the first call.
    pub(crate) fn text(&'static self) -> &'static str {
        self.expanded.get_or_init(|| {
            let mut bytes = vec![0u8; self.len];
            expand(self.packed, &mut bytes, "dictionary text");
            let text = String::from_utf8(bytes)
                .expect("zhnorm: an embedded dictionary text is not UTF-8 (a broken build)");
            Box::leak(text.into_boxed_str())
        })
    }
}

/// Expands `packed` (one zstd frame, written by the dictionary compiler) into `out`, which
/// has the length the compiler recorded: the frame must fill it exactly. `what` names the
/// embedded file in the message of a broken build.
#[cfg(feature = "compressed-tables")]
fn expand(packed: &[u8], out: &mut [u8], what: &str) {
    use std::io::Read;
    let broken = |why: &str| -> ! {
        panic!("zhnorm: an embedded {what} {why} (a broken build: rebuild zhnorm)")
    };
    let mut source = packed;
    let mut decoder = ruzstd::decoding::StreamingDecoder::new(&mut source)
        .unwrap_or_else(|_| broken("is not a zstd frame"));
    if decoder.read_exact(out).is_err() {
        broken("expands to fewer bytes than recorded");
    }
    if !matches!(decoder.read(&mut [0u8; 1]), Ok(0)) {
        broken("expands to more bytes than recorded");
    }
}

#[cfg(test)]
mod tests {
    use crate::table::{TableId, TABLE_BYTES};

    /// The smallest table expands (with `compressed-tables`) to the length recorded, and
    /// reads as a table; under Miri this checks the expansion's unsafe code.
    #[test]
    fn the_smallest_table_reads_from_its_embedded_bytes() {
        let id = TableId::all()
            .min_by_key(|id| TABLE_BYTES[id.index()].len())
            .unwrap();
        let embedded = &TABLE_BYTES[id.index()];
        let bytes = embedded.bytes();
        assert_eq!(bytes.0.len(), embedded.len());
        assert_eq!(bytes.0.as_ptr() as usize % 8, 0);
        assert!(super::super::format::read(&bytes.0).is_ok());
    }
}
