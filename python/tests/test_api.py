"""The Python API against the CLI, row by row."""

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import zhnorm


def test_module_functions():
    assert zhnorm.normalize("我们的头发。我們的頭髮。") == "我們的頭髮。我們的頭髮。"
    assert zhnorm.normalize("鼠标和软件", "tw") == "滑鼠和軟體"
    assert zhnorm.normalize("鼠标和软件", "zh-Hant-TW", idioms=False) == "鼠標和軟件"
    assert zhnorm.normalize("打开项目", "tw", vocabulary="full") == "開啟專案"
    assert zhnorm.normalize("打开项目", "tw") == "打開項目"
    assert zhnorm.normalize("鼠标", "tw", vocabulary="none") == "鼠標"
    with pytest.raises(ValueError):
        zhnorm.Converter("tw", vocabulary="most")
    assert zhnorm.normalize("为众人", "hant", forms="opencc") == "爲衆人"
    assert zhnorm.normalize("-{zh-hans:甲;zh-hant:乙;}-", "hant") == "乙"
    assert zhnorm.normalize("-{zh-hans:甲;zh-hant:乙;}-", "hant", markup=False) == "-{zh-hans:甲;zh-hant:乙;}-"
    assert zhnorm.normalize("`国` 国", "hant", format="markdown") == "`国` 國"
    # Sniffing wants two signs of Markdown (a heading and a fence); one is plain text.
    assert zhnorm.normalize("# 标题\n```\n国\n```\n国", "hant", format="auto") == "# 標題\n```\n国\n```\n國"
    assert zhnorm.normalize("# 标题\n`国` 国", "hant", format="auto") == "# 標題\n`國` 國"
    assert zhnorm.opencc("鼠标和软件") == "鼠標和軟件"
    assert zhnorm.opencc("虛偽歎息", "hk2s") == "虚伪叹息"
    assert zhnorm.opencc("台湾", config="s2t") == "臺灣"
    assert len(zhnorm.VARIANTS) == 8 and "zh-hant" in zhnorm.VARIANTS
    assert len(zhnorm.CONFIGS) == 16 and "s2twp" in zhnorm.CONFIGS
    assert zhnorm.__version__


@pytest.mark.parametrize(
    "to,args",
    [
        ("hant", ["--to", "hant"]),
        ("hans", ["--to", "hans"]),
        ("tw", ["--to", "tw"]),
        ("cn", ["--to", "cn", "--no-idioms"]),
    ],
)
def test_normalize_equals_cli(rows, reference, to, args):
    idioms = "--no-idioms" not in args
    expected = reference.rows(rows, [*args, "--format", "plain"])
    c = zhnorm.Converter(to, idioms=idioms)
    got = [None if r is None else c.convert(r) for r in rows]
    assert got == expected
    assert c.convert_batch(rows) == expected
    one = [None if r is None else zhnorm.normalize(r, to, idioms=idioms) for r in rows]
    assert one == expected


@pytest.mark.parametrize("config", ["s2t", "t2s", "s2twp", "hk2s"])
def test_opencc_equals_cli(rows, reference, config):
    expected = reference.rows(rows, ["--config", config])
    c = zhnorm.Converter(config=config)
    assert [None if r is None else zhnorm.opencc(r, config) for r in rows] == expected
    assert c.convert_batch(rows) == expected


@pytest.mark.parametrize("fmt", ["markdown", "wikitext"])
def test_formats_equal_cli(reference, fmt):
    text = (
        "# 标题 -{zh-hans:甲;zh-hant:乙;}-\n\n[国家](../Page/国家.md) `国` <code>国</code> "
        "'''头发''' [[软件]] {{模板}} https://example.org/国\n"
    )
    expected = reference.text(text, ["--to", "hant", "--format", fmt])
    assert zhnorm.Converter("hant", format=fmt).convert(text) == expected
    assert zhnorm.Converter("hant").convert_document(text, fmt).text == expected


def test_detect_equals_cli_stats(cli, tmp_path):
    text = "这是簡體和繁體。我们的头发。"
    p = tmp_path / "a.txt"
    p.write_text(text, encoding="utf-8")
    out = subprocess.run([str(cli), "--stats", "--report", "json", str(p)], capture_output=True, check=True)
    stats = json.loads(out.stdout)["files"][0]
    r = zhnorm.detect(text)
    assert (r.simplified, r.traditional, r.shared) == (stats["simplified"], stats["traditional"], stats["shared"])
    assert r.likely == stats["likely"]
    assert r.confidence == pytest.approx(stats["confidence"])
    assert r.han == r.simplified + r.traditional + r.shared
    assert not r.is_consistent("hant") and zhnorm.detect("這是繁體").is_consistent("tw")
    empty = zhnorm.detect("abc")
    assert (empty.likely, empty.confidence, empty.han) == (None, None, 0)
    assert "likely" in repr(r)


def test_converter_options(tmp_path):
    assert zhnorm.Converter().target == "zh-hant"
    assert zhnorm.Converter("zh_Hans").target == "zh-hans"
    assert zhnorm.Converter(config="S2T.json").target == "s2t"
    assert zhnorm.Converter(config="s2t").format is None
    assert zhnorm.Converter("hant", keep=["台湾"]).convert("我在台湾学习") == "我在台湾學習"
    assert zhnorm.Converter("tw", rules={"软件": "軟件"}).convert("软件和硬件") == "軟件和硬體"
    assert zhnorm.Converter("tw", rules=[("软件", "軟件")]).convert("软件和硬件") == "軟件和硬體"
    assert zhnorm.Converter(config="s2t", keep=["台"]).convert("台湾") == "台灣"
    d = tmp_path / "terms.txt"
    d.write_text("# ours\n程序\t程式\nzh-cn:计算机;zh-tw:電腦;\n", encoding="utf-8")
    assert zhnorm.Converter("tw", dictionary=d).convert("计算机程序") == "電腦程式"
    assert zhnorm.Converter("tw", dictionary=[str(d)]).convert("计算机程序") == "電腦程式"
    c = zhnorm.Converter("tw")
    assert c("软件") == "軟體"
    assert "zh-tw" in repr(c) and "s2t" in repr(zhnorm.Converter(config="s2t"))


def test_dictionary_equals_cli(reference, tmp_path):
    d = tmp_path / "terms.txt"
    d.write_text("程序\t程式\nzh-cn:计算机;zh-tw:電腦;\n", encoding="utf-8")
    text = "计算机程序和软件。台湾的里程。"
    expected = reference.text(text, ["--to", "tw", "--dict", str(d), "--keep", "台湾"])
    assert zhnorm.Converter("tw", dictionary=d, keep=["台湾"]).convert(text) == expected


def test_errors_have_the_library_messages(cli, tmp_path):
    with pytest.raises(zhnorm.ZhnormError) as e:
        zhnorm.Converter("zh-xx")
    cli_err = subprocess.run([str(cli), "--to", "zh-xx"], input=b"", capture_output=True).stderr.decode()
    assert str(e.value) in cli_err
    assert str(e.value).startswith("unknown variant `zh-xx`")
    assert isinstance(e.value, ValueError)
    with pytest.raises(zhnorm.ZhnormError, match=r"unknown OpenCC config `s2x`; expected one of s2t, t2s"):
        zhnorm.Converter(config="s2x")
    cli_err = subprocess.run([str(cli), "--config", "s2x"], input=b"", capture_output=True).stderr.decode()
    assert "unknown OpenCC config `s2x`" in cli_err
    with pytest.raises(zhnorm.ZhnormError, match="unknown OpenCC config"):
        zhnorm.opencc("x", "nope")
    with pytest.raises(zhnorm.ZhnormError, match="unknown variant"):
        zhnorm.normalize("x", "nope")
    with pytest.raises(zhnorm.ZhnormError, match="unknown format `docx`"):
        zhnorm.Converter("hant", format="docx")
    with pytest.raises(zhnorm.ZhnormError, match="unknown character forms"):
        zhnorm.Converter("hant", forms="old")
    with pytest.raises(TypeError):
        zhnorm.Converter("hant", config="s2t")
    with pytest.raises(TypeError):
        zhnorm.Converter("hant", rules=[("a",)])

    bad = tmp_path / "bad.txt"
    bad.write_text("# ours\n程序\t程式\nno tab here\n", encoding="utf-8")
    with pytest.raises(zhnorm.DictionaryError) as e:
        zhnorm.Converter("tw", dictionary=bad)
    assert e.value.line == 3 and e.value.path == str(bad)
    assert str(e.value).startswith(f"{bad}: line 3: expected `key<TAB>value`")
    cli_err = subprocess.run([str(cli), "--to", "tw", "--dict", str(bad)], input=b"", capture_output=True).stderr.decode()
    library_message = str(e.value).split(": line 3: ", 1)[1]
    assert f"{bad}:3: {library_message}" in cli_err
    with pytest.raises(FileNotFoundError):
        zhnorm.Converter("tw", dictionary=tmp_path / "missing.txt")


def test_documents_and_warnings():
    c = zhnorm.Converter("hant")
    doc = c.convert_document("第一行\n头发 -{ 坏")
    assert doc.text == "第一行\n頭髮 -{ 壞"
    (w,) = doc.warnings
    assert (w.line, w.column, w.offset) == (2, 4, 7)
    assert "-{" in w.message and str(w).startswith("2:4: ")
    text, warnings = doc
    assert text == doc.text and len(warnings) == 1
    assert c.convert_document("-{甲}-乙", markup=False).text == "-{甲}-乙"
    assert zhnorm.Converter(config="s2t").convert_document("汉字 https://x.org/汉").text == "漢字 https://x.org/汉"


def test_convert_file(reference, tmp_path, rows):
    text = "\n".join(r for r in rows[:400] if r is not None)
    src = tmp_path / "in.txt"
    src.write_bytes(text.encode("utf-8"))
    dst = tmp_path / "out.txt"
    warnings = zhnorm.Converter("hk").convert_file(src, dst)
    assert dst.read_bytes().decode("utf-8") == reference.text(text, ["--to", "hk", "--format", "plain"])
    assert warnings and all(w.line >= 1 for w in warnings)
    zhnorm.Converter(config="t2s").convert_file(str(src), str(dst))
    assert dst.read_bytes().decode("utf-8") == reference.text(text, ["--config", "t2s"])
    md = tmp_path / "doc.md"
    md.write_text("# 标题\n`国` 国\n", encoding="utf-8")
    zhnorm.Converter("hant", format="auto").convert_file(md, dst)
    assert dst.read_bytes().decode("utf-8") == "# 標題\n`国` 國\n"
    with pytest.raises(FileNotFoundError):
        zhnorm.Converter("hant").convert_file(tmp_path / "missing.txt", dst)
    bad = tmp_path / "bad.txt"
    bad.write_bytes("汉字\n".encode() + b"\xff\n")
    before = dst.read_bytes()
    with pytest.raises(zhnorm.ZhnormError, match="invalid UTF-8 at byte offset 7"):
        zhnorm.Converter("hant").convert_file(bad, dst)
    assert dst.read_bytes() == before
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_batch(rows):
    c = zhnorm.Converter("tw")
    expected = [None if r is None else c.convert(r) for r in rows]
    assert c.convert_batch(rows) == expected
    assert c.convert_batch(tuple(rows), threads=1) == expected
    assert c.convert_batch(iter(rows), threads=3) == expected
    assert c.convert_batch([]) == []
    unchanged = "台灣"
    assert c.convert_batch([unchanged])[0] is unchanged
    with pytest.raises(TypeError, match="str or None, not int"):
        c.convert_batch(["a", 1])
    with pytest.raises(ValueError, match="threads"):
        c.convert_batch(["a"], threads=0)


def test_batch_nan_is_a_missing_value():
    """NaN (pandas' missing value in object columns) is returned as it is, as None is."""
    import math

    nan = float("nan")
    c = zhnorm.Converter("tw")
    out = c.convert_batch(["软件", nan, None, "头发"])
    assert out[0] == "軟體" and out[1] is nan and out[2] is None and out[3] == "頭髮"
    with pytest.raises(TypeError, match="str or None, not float"):
        c.convert_batch(["a", 1.5])
    pd = pytest.importorskip("pandas")
    s = pd.Series(["软件", None, nan, "头发"], dtype=object)
    got = c.convert_batch(s)
    assert got[0] == "軟體" and got[1] is None and math.isnan(got[2]) and got[3] == "頭髮"
    assert pd.Series(got, dtype=object).isna().tolist() == [False, True, True, False]


def test_thread_safety(rows):
    pa = pytest.importorskip("pyarrow")
    c = zhnorm.Converter("hk")
    expected = [None if r is None else c.convert(r) for r in rows]
    array = pa.array(rows)

    def work(k: int):
        if k % 3 == 0:
            return [None if r is None else c.convert(r) for r in rows]
        if k % 3 == 1:
            return c.convert_batch(rows, threads=2)
        return c.convert_arrow(array).to_pylist()

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(work, range(24)))
    assert all(r == expected for r in results)


def test_stubs_match_the_module():
    import ast

    stub = Path(zhnorm.__file__).with_name("_zhnorm.pyi")
    assert Path(zhnorm.__file__).with_name("py.typed").exists()
    tree = ast.parse(stub.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            cls = getattr(zhnorm, node.name)
            assert cls.__doc__, node.name
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name != "__init__":
                    assert hasattr(cls, item.name), f"{node.name}.{item.name}"
        elif isinstance(node, ast.FunctionDef):
            assert getattr(zhnorm, node.name).__doc__, node.name


def test_stubtest():
    """mypy's stubtest: the stubs' signatures are the extension's."""
    pytest.importorskip("mypy")
    proc = subprocess.run([sys.executable, "-m", "mypy.stubtest", "zhnorm"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-4000:]


@pytest.mark.parametrize("to", ["hant", "hans", "tw"])
def test_markup_free_rows_equal_cli(reference, to):
    """Plain rows without `-{`/`}-` take a shorter path than the markup resolver: the
    Django and CLDR strings of tests/data (with a few URLs) give the CLI's output."""
    data = Path(__file__).resolve().parents[2] / "tests" / "data" / "accuracy"
    lines = []
    for name in ("django-zh-hans.txt", "django-zh-hant.txt", "cldr-zh-hans.txt", "cldr-zh-hant.txt"):
        lines += (data / name).read_text(encoding="utf-8").splitlines()[:1000]
    lines += ["见 https://example.org/头发 和 http://a.b/c", "ftp://x.y/国 国"]
    assert not any("-{" in r or "}-" in r for r in lines)
    expected = reference.rows(lines, ["--to", to, "--format", "plain"])
    assert zhnorm.Converter(to).convert_batch(lines) == expected
