//! UTF-8 checks with SIMD (several times faster than the standard library on CJK text).

/// The longest valid UTF-8 prefix of `bytes` (validated once, with SIMD) and the error
/// after it.
pub(crate) fn valid_prefix(bytes: &[u8]) -> (&str, Option<simdutf8::compat::Utf8Error>) {
    match simdutf8::compat::from_utf8(bytes) {
        Ok(t) => (t, None),
        // SAFETY: `valid_up_to` bytes were just validated as UTF-8.
        Err(e) => (
            unsafe { std::str::from_utf8_unchecked(&bytes[..e.valid_up_to()]) },
            Some(e),
        ),
    }
}

/// `bytes` as a `String`, or the offset of the first invalid UTF-8 sequence.
pub(crate) fn string_from_utf8(bytes: Vec<u8>) -> Result<String, usize> {
    match simdutf8::compat::from_utf8(&bytes) {
        // SAFETY: just checked.
        Ok(_) => Ok(unsafe { String::from_utf8_unchecked(bytes) }),
        Err(e) => Err(e.valid_up_to()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both unsafe conversions, on a few bytes (Miri runs this, see `.ci/run`).
    #[test]
    fn valid_prefixes_and_strings() {
        let (ok, e) = valid_prefix("漢字".as_bytes());
        assert_eq!((ok, e), ("漢字", None));
        // A sequence cut short by the end: no error length (more input may complete it).
        let (ok, e) = valid_prefix(b"ab\xE6\xBC");
        assert_eq!(ok, "ab");
        assert_eq!(e.unwrap().error_len(), None);
        let (ok, e) = valid_prefix(b"\xE6\xBC\xA2\xFFx");
        assert_eq!(ok, "漢");
        assert_eq!(e.unwrap().error_len(), Some(1));
        assert_eq!(
            string_from_utf8("頭髮".as_bytes().to_vec()).as_deref(),
            Ok("頭髮")
        );
        assert_eq!(string_from_utf8(b"a\xC3".to_vec()), Err(1));
        assert_eq!(string_from_utf8(Vec::new()).as_deref(), Ok(""));
    }
}
