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
