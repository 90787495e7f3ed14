//! UTF-8 for the conversion loop: decoding the character at a byte offset, and appending
//! bytes and characters to the output with few branches.

/// Decodes the character at byte `i < s.len()` of `s`: (code point, byte length). At a
/// byte that is not a char boundary it returns the byte and 1.
#[inline(always)]
pub(crate) fn decode(s: &str, i: usize) -> (u32, usize) {
    let b = s.as_bytes();
    let x = b[i] as u32;
    // SAFETY: `b` is valid UTF-8, so a lead byte (C0 and up) is followed by all of its
    // continuation bytes: every `i + k` read below is in bounds.
    unsafe {
        let cont = |k: usize| (*b.get_unchecked(i + k) & 0x3F) as u32;
        if x < 0xC0 {
            // ASCII, or a continuation byte (not at a boundary).
            (x, 1)
        } else if x < 0xE0 {
            ((x & 0x1F) << 6 | cont(1), 2)
        } else if x < 0xF0 {
            ((x & 0x0F) << 12 | cont(1) << 6 | cont(2), 3)
        } else {
            ((x & 0x07) << 18 | cont(1) << 12 | cont(2) << 6 | cont(3), 4)
        }
    }
}

/// The byte length of the character whose UTF-8 encoding starts with `lead` (1 for a byte
/// that does not start one).
#[inline(always)]
pub(super) fn utf8_len(lead: u8) -> usize {
    match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 1,
    }
}

/// Appends `s` to `out`, with short copies done inline (most pieces are one character).
#[inline(always)]
pub(super) fn append(out: &mut Vec<u8>, s: &[u8]) {
    let n = s.len();
    out.reserve(n);
    // SAFETY: `reserve` made room for `n` bytes after `len`; every copy below reads inside
    // `s` and writes inside `[len, len + n)`.
    unsafe {
        let src = s.as_ptr();
        let dst = out.as_mut_ptr().add(out.len());
        match n {
            0 => {}
            1..=3 => {
                *dst = *src;
                *dst.add(n / 2) = *src.add(n / 2);
                *dst.add(n - 1) = *src.add(n - 1);
            }
            4..=8 => {
                std::ptr::copy_nonoverlapping(src, dst, 4);
                std::ptr::copy_nonoverlapping(src.add(n - 4), dst.add(n - 4), 4);
            }
            9..=16 => {
                std::ptr::copy_nonoverlapping(src, dst, 8);
                std::ptr::copy_nonoverlapping(src.add(n - 8), dst.add(n - 8), 8);
            }
            _ => std::ptr::copy_nonoverlapping(src, dst, n),
        }
        out.set_len(out.len() + n);
    }
}

/// Appends `whole[from..to]` to `out`. A piece of up to 16 bytes with 16 bytes of `whole`
/// from its start is copied as one fixed 16-byte block (the length then only sets how much
/// of it counts): piece lengths vary too much for a branch on them to be predicted.
#[inline(always)]
pub(super) fn append_from(out: &mut Vec<u8>, whole: &[u8], from: usize, to: usize) {
    let n = to - from;
    if n == 0 {
        // The usual case in the conversion loop (every character is written).
        return;
    }
    if n <= 16 && from + 16 <= whole.len() {
        out.reserve(16);
        // SAFETY: `whole[from..from + 16]` is in bounds (checked above) and `reserve` made
        // room for 16 bytes after `len`; only the first `n` count, and they are `whole[from..to]`.
        unsafe {
            std::ptr::copy_nonoverlapping(
                whole.as_ptr().add(from),
                out.as_mut_ptr().add(out.len()),
                16,
            );
            out.set_len(out.len() + n);
        }
    } else {
        append(out, &whole[from..to]);
    }
}

/// Appends the UTF-8 encoding of code point `c` (a `char`'s, from the compiler) to `out`.
#[inline(always)]
pub(super) fn append_char(out: &mut Vec<u8>, c: u32) {
    out.reserve(4);
    // SAFETY: `reserve` made room for the at most 4 bytes written after `len`.
    unsafe {
        let dst = out.as_mut_ptr().add(out.len());
        if c.wrapping_sub(0x800) < 0x10000 - 0x800 {
            // Three bytes (all of CJK), in one store.
            dst.cast::<[u8; 4]>()
                .write_unaligned(utf8_3(c).to_le_bytes());
            out.set_len(out.len() + 3);
            return;
        }
        let n = if c < 0x80 {
            *dst = c as u8;
            1
        } else if c < 0x800 {
            *dst = 0xC0 | (c >> 6) as u8;
            *dst.add(1) = 0x80 | (c & 0x3F) as u8;
            2
        } else if c < 0x10000 {
            *dst = 0xE0 | (c >> 12) as u8;
            *dst.add(1) = 0x80 | ((c >> 6) & 0x3F) as u8;
            *dst.add(2) = 0x80 | (c & 0x3F) as u8;
            3
        } else {
            *dst = 0xF0 | (c >> 18) as u8;
            *dst.add(1) = 0x80 | ((c >> 12) & 0x3F) as u8;
            *dst.add(2) = 0x80 | ((c >> 6) & 0x3F) as u8;
            *dst.add(3) = 0x80 | (c & 0x3F) as u8;
            4
        };
        out.set_len(out.len() + n);
    }
}

/// The UTF-8 bytes of a code point in U+0800–FFFF, lead byte lowest.
#[inline(always)]
pub(super) fn utf8_3(c: u32) -> u32 {
    0x0080_80E0 | c >> 12 | (c >> 6 & 0x3F) << 8 | (c & 0x3F) << 16
}

/// The four bytes at `i` of `b`, first byte lowest.
///
/// # Safety
///
/// `i + 4 <= b.len()`.
#[inline(always)]
pub(super) unsafe fn load4(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes(*b.as_ptr().add(i).cast::<[u8; 4]>())
}

/// The code point of the three-byte UTF-8 sequence in the low bytes of `x` (lead byte
/// lowest), the inverse of [`utf8_3`].
#[inline(always)]
pub(super) fn decode3(x: u32) -> u32 {
    (x & 0x0F) << 12 | (x >> 2 & 0xFC0) | (x >> 16 & 0x3F)
}
