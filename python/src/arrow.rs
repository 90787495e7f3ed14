//! `Converter.convert_arrow`: Arrow string arrays, their rows copied out of the buffers
//! with the GIL held, converted in parallel with it released, written into new buffers.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{IntoPyDict, PyBytes, PyList};
use rayon::prelude::*;

use crate::batch::{in_pool, pool};
use crate::converter::Converter;
use crate::errors::ZhnormError;

/// The rows of one Arrow string array (`string` or `large_string`), copied out of its
/// buffers while the GIL is held (see [`copy_rows`]): the conversion, with the GIL
/// released, reads memory no other thread can change.
struct StrArray {
    len: usize,
    /// The validity bits of the rows, from bit `bit_offset` of the first byte (None: no
    /// nulls).
    validity: Option<Vec<u8>>,
    bit_offset: usize,
    /// The `len + 1` offsets of the rows (4 or 8 bytes each, little-endian), as in the
    /// array: row `i` is `data[offset(i) - base..offset(i + 1) - base]`.
    offsets: Vec<u8>,
    large: bool,
    base: usize,
    data: Vec<u8>,
}

impl StrArray {
    fn valid(&self, i: usize) -> bool {
        self.validity.as_ref().is_none_or(|v| {
            let bit = self.bit_offset + i;
            v[bit / 8] & (1 << (bit % 8)) != 0
        })
    }

    /// Offset `j` as written in the array (a negative one becomes huge, so out of range).
    fn offset_at(&self, j: usize) -> usize {
        if self.large {
            let b = &self.offsets[j * 8..j * 8 + 8];
            i64::from_le_bytes(b.try_into().unwrap()) as usize
        } else {
            let b = &self.offsets[j * 4..j * 4 + 4];
            i32::from_le_bytes(b.try_into().unwrap()) as u32 as usize
        }
    }

    /// Row `i`: `Ok(None)` when null.
    fn row(&self, i: usize) -> Result<Option<&str>, String> {
        if !self.valid(i) {
            return Ok(None);
        }
        let (a, b) = (self.offset_at(i), self.offset_at(i + 1));
        let bytes = a
            .checked_sub(self.base)
            .zip(b.checked_sub(self.base))
            .and_then(|(x, y)| self.data.get(x..y))
            .ok_or_else(|| format!("row {i}: offsets {a}..{b} outside the data buffer"))?;
        std::str::from_utf8(bytes).map(Some).map_err(|e| {
            format!(
                "row {i} is not valid UTF-8 (byte {} of the row)",
                e.valid_up_to()
            )
        })
    }
}

/// The converted rows of one array: data (in pieces), offsets (starting at 0) and
/// validity bitmap.
struct Converted {
    data: Vec<String>,
    total: usize,
    offsets: Vec<u8>,
    validity: Option<Vec<u8>>,
    nulls: usize,
}

fn convert_rows(c: &Converter, a: &StrArray, parallel: bool) -> Result<Converted, String> {
    // Pieces of consecutive rows, each converted into its own buffer, then joined.
    let piece = |range: std::ops::Range<usize>| -> Result<(String, Vec<usize>), String> {
        let mut data = String::new();
        let mut ends = Vec::with_capacity(range.len());
        for i in range {
            if let Some(text) = a.row(i)? {
                c.convert_append(text, &mut data);
            }
            ends.push(data.len());
        }
        Ok((data, ends))
    };
    let pieces: Vec<(String, Vec<usize>)> = if parallel && a.len > 1 {
        let bytes = a.offset_at(a.len).saturating_sub(a.offset_at(0));
        // About 64 KiB or 256 rows a piece, at least four pieces a thread.
        let by_bytes = (bytes / (64 << 10)).max(1);
        let by_rows = (a.len / 256).max(1);
        let count = by_bytes
            .max(by_rows)
            .max(4 * rayon::current_num_threads())
            .min(a.len);
        let step = a.len.div_ceil(count);
        (0..a.len.div_ceil(step))
            .into_par_iter()
            .map(|k| piece(k * step..((k + 1) * step).min(a.len)))
            .collect::<Result<_, _>>()?
    } else {
        vec![piece(0..a.len)?]
    };
    let total: usize = pieces.iter().map(|p| p.0.len()).sum();
    if !a.large && total > i32::MAX as usize {
        return Err(format!(
            "the converted array holds {total} bytes, more than a `string` array can; cast it to `large_string` first"
        ));
    }
    let width = if a.large { 8 } else { 4 };
    let mut offsets = Vec::with_capacity((a.len + 1) * width);
    let mut data = Vec::with_capacity(pieces.len());
    let mut base = 0;
    let push = |offsets: &mut Vec<u8>, v: usize| {
        if a.large {
            offsets.extend_from_slice(&(v as i64).to_le_bytes());
        } else {
            offsets.extend_from_slice(&(v as i32).to_le_bytes());
        }
    };
    push(&mut offsets, 0);
    for (d, ends) in pieces {
        for e in ends {
            push(&mut offsets, base + e);
        }
        base += d.len();
        data.push(d);
    }
    let (validity, nulls) = match a.validity {
        None => (None, 0),
        Some(_) => {
            let mut bits = vec![0u8; a.len.div_ceil(8)];
            let mut nulls = 0;
            for i in 0..a.len {
                if a.valid(i) {
                    bits[i / 8] |= 1 << (i % 8);
                } else {
                    nulls += 1;
                }
            }
            (Some(bits), nulls)
        }
    };
    Ok(Converted {
        data,
        total,
        offsets,
        validity,
        nulls,
    })
}

/// A copy of bytes `range` of a pyarrow `Buffer` (`what` names it in errors), made while
/// the GIL is held: the buffer may be mutable (a `bytearray` under `py_buffer`) and
/// changed by another Python thread once the GIL is released, so the conversion never
/// reads it in place.
fn buffer_copy(
    buf: &Bound<'_, PyAny>,
    range: std::ops::Range<usize>,
    what: &str,
) -> PyResult<Vec<u8>> {
    if range.is_empty() {
        return Ok(Vec::new());
    }
    if buf.is_none() {
        return Err(PyValueError::new_err(format!(
            "the array's {what} buffer is missing"
        )));
    }
    if let Ok(cpu) = buf.getattr("is_cpu") {
        if !cpu.is_truthy()? {
            return Err(PyTypeError::new_err(
                "convert_arrow reads arrays in CPU memory only",
            ));
        }
    }
    let address: usize = buf.getattr("address")?.extract()?;
    let size: usize = buf.getattr("size")?.extract()?;
    if range.end > size || address == 0 {
        return Err(PyValueError::new_err(format!(
            "the array's {what} buffer is too short"
        )));
    }
    let mut copy = Vec::with_capacity(range.len());
    // SAFETY: a pyarrow Buffer owns `size` readable bytes at `address` while it is alive
    // (`buf` is borrowed for the whole call) and `range` lies within them. The bytes are
    // copied with the GIL held, so no Python thread writes them meanwhile, and no
    // reference to them outlives this call.
    unsafe {
        std::ptr::copy_nonoverlapping(
            (address as *const u8).add(range.start),
            copy.as_mut_ptr(),
            range.len(),
        );
        copy.set_len(range.len());
    }
    Ok(copy)
}

/// Copies the rows of a string array out of its buffers into one private [`StrArray`]
/// (offsets, the validity bits and the data bytes the rows span), with the GIL held.
fn copy_rows(array: &Bound<'_, PyAny>, len: usize, large: bool) -> PyResult<StrArray> {
    let offset: usize = array.getattr("offset")?.extract()?;
    let null_count: usize = array.getattr("null_count")?.extract()?;
    let buffers = array.call_method0("buffers")?;
    let (b_valid, b_offsets, b_data) = (
        buffers.get_item(0)?,
        buffers.get_item(1)?,
        buffers.get_item(2)?,
    );
    let width = if large { 8 } else { 4 };
    let mut a = StrArray {
        len,
        validity: None,
        bit_offset: offset % 8,
        offsets: buffer_copy(
            &b_offsets,
            offset * width..(offset + len + 1) * width,
            "offsets",
        )?,
        large,
        base: 0,
        data: Vec::new(),
    };
    if null_count > 0 {
        a.validity = Some(buffer_copy(
            &b_valid,
            offset / 8..(offset + len).div_ceil(8),
            "validity",
        )?);
    }
    // The bytes from the first row's start to the last row's end (all of them, in a valid
    // array); a row outside them is reported by `StrArray::row`.
    let (first, last) = (a.offset_at(0), a.offset_at(len));
    if first > last {
        return Err(ZhnormError::new_err(format!(
            "the array's offsets decrease ({first} to {last})"
        )));
    }
    a.base = first;
    a.data = buffer_copy(&b_data, first..last, "data")?;
    Ok(a)
}

/// Converts one pyarrow string array into a new one of the same type. A `string_view`
/// array (Polars' strings) is converted as `large_string` and cast back.
fn convert_array<'py>(
    c: &Converter,
    py: Python<'py>,
    pa: &Bound<'py, PyModule>,
    array: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let ty = array.getattr("type")?;
    let types = pa.getattr("types")?;
    // `is_string_view` exists from pyarrow 16 on; older versions have no such type.
    if let Ok(is_view) = types.getattr("is_string_view") {
        if is_view.call1((&ty,))?.is_truthy()? {
            let large = array.call_method1("cast", (pa.call_method0("large_string")?,))?;
            let out = convert_array(c, py, pa, &large, threads)?;
            return out.call_method1("cast", (ty,));
        }
    }
    let large = types.call_method1("is_large_string", (&ty,))?.is_truthy()?;
    if !large && !types.call_method1("is_string", (&ty,))?.is_truthy()? {
        return Err(PyTypeError::new_err(format!(
            "convert_arrow converts arrays of type string or large_string (or string_view), not {}; cast it first \
             (array.cast(pyarrow.large_string()))",
            ty.str()?
        )));
    }
    let len: usize = array.len()?;
    let width = if large { 8 } else { 4 };
    let pool = pool(py, threads)?;
    let out = if len == 0 {
        Ok(Converted {
            data: Vec::new(),
            total: 0,
            offsets: vec![0; width],
            validity: None,
            nulls: 0,
        })
    } else {
        let a = copy_rows(array, len, large)?;
        py.detach(|| in_pool(pool.as_deref(), || convert_rows(c, &a, true)))
    }
    .map_err(ZhnormError::new_err)?;
    let py_buffer = |bytes: &[u8]| pa.call_method1("py_buffer", (PyBytes::new(py, bytes),));
    let validity = match &out.validity {
        Some(v) => py_buffer(v)?,
        None => py.None().into_bound(py),
    };
    // The pieces are copied once, into the bytes object the result's data buffer wraps.
    let data = PyBytes::new_with(py, out.total, |buf| {
        let mut at = 0;
        for d in &out.data {
            buf[at..at + d.len()].copy_from_slice(d.as_bytes());
            at += d.len();
        }
        Ok(())
    })?;
    let data = pa.call_method1("py_buffer", (data,))?;
    let bufs = PyList::new(py, [validity, py_buffer(&out.offsets)?, data])?;
    pa.getattr("Array")?
        .call_method1("from_buffers", (ty, len, bufs, out.nulls))
}

/// `Converter.convert_arrow`: a pyarrow string array or chunked array (nulls stay null),
/// or an object of the Arrow PyCapsule interface: one exporting `__arrow_c_array__` is
/// read with `pyarrow.array` (a pyarrow.Array comes back), one exporting only
/// `__arrow_c_stream__` (a Polars or pandas Series) with `pyarrow.chunked_array` (a
/// ChunkedArray comes back).
pub(crate) fn convert_arrow<'py>(
    c: &Converter,
    py: Python<'py>,
    array: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let pa = py.import("pyarrow")?;
    if array.is_instance(&pa.getattr("ChunkedArray")?)? {
        let ty = array.getattr("type")?;
        let chunks: Vec<Bound<'py, PyAny>> = array
            .getattr("chunks")?
            .try_iter()?
            .map(|chunk| convert_array(c, py, &pa, &chunk?, threads))
            .collect::<PyResult<_>>()?;
        return pa.call_method(
            "chunked_array",
            (chunks,),
            Some(&[("type", ty)].into_py_dict(py)?),
        );
    }
    let array = if array.is_instance(&pa.getattr("Array")?)? {
        array.clone()
    } else if array.hasattr("__arrow_c_array__")? {
        pa.call_method1("array", (array,))?
    } else if array.hasattr("__arrow_c_stream__")? {
        let chunked = pa.call_method1("chunked_array", (array,))?;
        return convert_arrow(c, py, &chunked, threads);
    } else {
        return Err(PyTypeError::new_err(format!(
            "convert_arrow converts a pyarrow.Array or ChunkedArray of strings (or an object \
             exporting __arrow_c_array__ or __arrow_c_stream__), not {}",
            array.get_type().name()?
        )));
    };
    convert_array(c, py, &pa, &array, threads)
}
