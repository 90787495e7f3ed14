"""convert_arrow: types, nulls, slices, chunks, against the CLI."""

import pytest

import zhnorm

pa = pytest.importorskip("pyarrow")


def test_arrow_equals_cli(rows, reference):
    expected = reference.rows(rows, ["--to", "hant", "--format", "plain"])
    c = zhnorm.Converter("hant")
    for ty in (pa.string(), pa.large_string()):
        out = c.convert_arrow(pa.array(rows, type=ty))
        assert out.type == ty
        assert out.to_pylist() == expected
        assert out.null_count == sum(r is None for r in rows)
        out.validate(full=True)


def test_arrow_opencc_equals_cli(rows, reference):
    expected = reference.rows(rows, ["--config", "s2tw"])
    assert zhnorm.Converter(config="s2tw").convert_arrow(pa.array(rows)).to_pylist() == expected


@pytest.mark.parametrize("ty", [pa.string(), pa.large_string()])
def test_nulls_slices_and_chunks(rows, ty):
    c = zhnorm.Converter("tw")
    array = pa.array(rows, type=ty)
    expected = c.convert_batch(rows)
    for start, stop in [(0, 1), (1, 17), (3, 3), (7, 2001), (2990, 3000)]:
        part = array.slice(start, stop - start)
        out = c.convert_arrow(part)
        out.validate(full=True)
        assert out.to_pylist() == expected[start:stop]
    chunked = pa.chunked_array([array.slice(0, 100), array.slice(100, 0), array.slice(100)], type=ty)
    out = c.convert_arrow(chunked)
    assert isinstance(out, pa.ChunkedArray) and out.type == ty and out.num_chunks == 3
    assert out.to_pylist() == expected
    assert c.convert_arrow(pa.chunked_array([], type=ty)).to_pylist() == []
    assert c.convert_arrow(pa.array([], type=ty)).to_pylist() == []
    assert c.convert_arrow(pa.array([None, None], type=ty)).to_pylist() == [None, None]
    assert c.convert_arrow(pa.array(["", None, ""], type=ty)).to_pylist() == ["", None, ""]
    for threads in (1, 2, 5):
        assert c.convert_arrow(array, threads=threads).to_pylist() == expected


def test_types_and_errors():
    c = zhnorm.Converter("hant")
    with pytest.raises(TypeError, match="string or large_string"):
        c.convert_arrow(pa.array([1, 2]))
    with pytest.raises(TypeError, match="pyarrow.Array or ChunkedArray of strings .*__arrow_c_stream__"):
        c.convert_arrow(["头发"])
    with pytest.raises(ValueError, match="threads"):
        c.convert_arrow(pa.array(["头发"]), threads=0)
    # A string array whose bytes are not UTF-8 (built from raw buffers).
    bad = pa.Array.from_buffers(pa.string(), 1, [None, pa.py_buffer(b"\0\0\0\0\2\0\0\0"), pa.py_buffer(b"\xff\xfe")])
    with pytest.raises(zhnorm.ZhnormError, match="row 0 is not valid UTF-8"):
        c.convert_arrow(bad)


def test_arrow_c_data_interface_objects():
    class Exported:
        """Any object exporting the Arrow PyCapsule interface (polars, arro3, nanoarrow …)."""

        def __init__(self, array):
            self.array = array

        def __arrow_c_array__(self, requested_schema=None):
            return self.array.__arrow_c_array__(requested_schema)

    out = zhnorm.Converter("hans").convert_arrow(Exported(pa.array(["頭髮", None])))
    assert isinstance(out, pa.Array) and out.to_pylist() == ["头发", None]


def test_big_array_is_parallel_and_identical():
    c = zhnorm.Converter("hans")
    texts = ["這是繁體字，後來的頭髮。" * (1 + i % 7) if i % 11 else None for i in range(50_000)]
    out = c.convert_arrow(pa.array(texts))
    assert out.to_pylist() == c.convert_batch(texts, threads=1)


@pytest.mark.parametrize("bad", [0x61, 0xF0, 0xFF])
def test_rows_changed_by_another_thread_convert_whole_or_fail_cleanly(bad):
    """A string array over a mutable buffer (a bytearray) that another thread keeps
    changing: every call converts the rows as they were at one moment, or reports them as
    not UTF-8; never a panic, never invalid UTF-8 in the result."""
    import array as stdarray
    import threading

    # One long row: checked in microseconds, converted in milliseconds, so that the other
    # thread changes it between the check and the conversion when the conversion reads
    # the buffer in place.
    row = ("頭髮後來" * 5000).encode("utf-8")
    data = bytearray(row)
    offsets = stdarray.array("i", [0, len(row)])
    if offsets.itemsize != 4 or offsets.tobytes()[:4] != b"\0\0\0\0":
        pytest.skip("needs a 32-bit little-endian int")
    arr = pa.Array.from_buffers(pa.string(), 1, [None, pa.py_buffer(offsets.tobytes()), pa.py_buffer(data)])
    c = zhnorm.Converter("hans")
    expected = [c.convert(row.decode("utf-8"))]
    # The lead byte of a character near the end of the row.
    positions = [len(row) - 3 * 7]
    good = data[positions[0]]
    stop = threading.Event()

    def flip():
        while not stop.is_set():
            for p in positions:
                data[p] = bad
            for p in positions:
                data[p] = good

    flipper = threading.Thread(target=flip, daemon=True)
    flipper.start()
    converted = failed = 0
    try:
        for _ in range(300):
            try:
                out = c.convert_arrow(arr)
            except zhnorm.ZhnormError as e:
                assert "not valid UTF-8" in str(e)
                failed += 1
                continue
            out.validate(full=True)
            assert out.to_pylist() == expected
            converted += 1
    finally:
        stop.set()
        flipper.join()
    assert converted + failed == 300


class StreamOnly:
    """An object exporting only the Arrow C stream interface (as a Polars Series, a
    pandas 3 Series of arrow-backed strings, or a DuckDB relation do)."""

    def __init__(self, chunked):
        self.chunked = chunked

    def __arrow_c_stream__(self, requested_schema=None):
        return self.chunked.__arrow_c_stream__(requested_schema)


@pytest.mark.parametrize("ty", [pa.string(), pa.large_string()])
def test_arrow_c_stream_objects(rows, ty):
    c = zhnorm.Converter("tw")
    expected = c.convert_batch(rows)
    chunked = pa.chunked_array([pa.array(rows[:1000], type=ty), pa.array(rows[1000:], type=ty)])
    out = c.convert_arrow(StreamOnly(chunked))
    assert isinstance(out, pa.ChunkedArray) and out.type == ty
    assert out.to_pylist() == expected
    # A pyarrow ChunkedArray itself exports the stream too; it is converted as before.
    assert c.convert_arrow(chunked).to_pylist() == expected
    assert c.convert_arrow(StreamOnly(pa.chunked_array([], type=ty))).to_pylist() == []


@pytest.mark.skipif(not hasattr(pa, "string_view"), reason="string_view needs pyarrow 16")
def test_string_view_arrays_keep_their_type():
    c = zhnorm.Converter("hans")
    view = pa.array(["頭髮", None, ""], type=pa.string_view())
    out = c.convert_arrow(view)
    assert out.type == pa.string_view() and out.to_pylist() == ["头发", None, ""]
    out = c.convert_arrow(StreamOnly(pa.chunked_array([view, view])))
    assert out.type == pa.string_view() and out.to_pylist() == ["头发", None, ""] * 2


def test_pandas_series():
    pd = pytest.importorskip("pandas")
    s = pd.Series(["頭髮", None, "後來"], dtype=pd.ArrowDtype(pa.large_string()))
    out = zhnorm.Converter("hans").convert_arrow(s)
    assert isinstance(out, pa.ChunkedArray) and out.to_pylist() == ["头发", None, "后来"]
    back = pd.Series(out.to_pandas(types_mapper=pd.ArrowDtype))
    assert back.tolist()[0] == "头发"


def test_polars_series():
    pl = pytest.importorskip("polars")
    s = pl.Series("text", ["頭髮", None, "後來"])
    out = zhnorm.Converter("hans").convert_arrow(s)
    assert isinstance(out, pa.ChunkedArray) and out.to_pylist() == ["头发", None, "后来"]
    assert pl.Series("text", out).to_list() == ["头发", None, "后来"]
