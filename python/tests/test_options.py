"""format= takes every format of the library, markup= the three markup modes (and the
older True/False); each checked against the CLI."""

import subprocess

import pytest

import zhnorm

# One sample per format: text the format keeps (keys, code, tags, ids) beside text it converts.
SAMPLES = {
    "plain": "头发 -{zh-cn:甲;zh-tw:乙}- https://example.org/国\n",
    "markdown": "# 标题\n\n`国` 国 [国家](国家.md)\n",
    "wikitext": "'''头发''' [[软件]] {{模板}} <code>国</code>\n",
    "html": '<p title="头发">头发</p><code>国</code><script>var 国 = "国";</script>\n',
    "xml": '<item name="头发">头发</item>\n',
    "json": '{"头发": "头发", "url": "https://example.org/国"}\n',
    "yaml": "头发: 头发\n列表:\n  - 软件\n",
    "po": 'msgid "头发"\nmsgstr "头发"\n',
    "properties": "头发=头发\n",
    "strings": '"头发" = "头发";\n',
    "subtitles": "1\n00:00:01,000 --> 00:00:02,000\n头发\n",
    "rust": '// 头发\nlet 国 = "头发";\n',
    "python": '# 头发\n国 = "头发"\n',
    "javascript": '// 头发\nconst 国 = "头发";\n',
    "go": '// 头发\nvar 国 = "头发"\n',
    "java": '// 头发\nString 国 = "头发";\n',
    "c": '/* 头发 */\nconst char *s = "头发";\n',
    "shell": '# 头发\necho "头发"\n',
}

EXTENSIONS = {
    "markdown": "md",
    "html": "html",
    "json": "json",
    "yaml": "yaml",
    "po": "po",
    "properties": "properties",
    "rust": "rs",
    "python": "py",
    "javascript": "js",
    "go": "go",
    "java": "java",
    "c": "c",
    "shell": "sh",
}


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
def test_every_library_format_equals_cli(reference, fmt):
    text = SAMPLES[fmt]
    expected = reference.text(text, ["--to", "hant", "--format", fmt])
    assert zhnorm.Converter("hant", format=fmt).convert(text) == expected
    assert zhnorm.Converter("hant").convert_document(text, fmt).text == expected
    assert zhnorm.normalize(text, "hant", format=fmt) == expected
    assert zhnorm.Converter("hant", format=fmt).format == fmt


@pytest.mark.parametrize("fmt", sorted(EXTENSIONS))
def test_convert_file_auto_goes_by_the_extension(tmp_path, fmt):
    text = SAMPLES[fmt]
    src = tmp_path / f"in.{EXTENSIONS[fmt]}"
    src.write_text(text, encoding="utf-8")
    dst = tmp_path / "out"
    zhnorm.Converter("hant", format="auto").convert_file(src, dst)
    assert dst.read_text(encoding="utf-8") == zhnorm.Converter("hant", format=fmt).convert(text)
    # Without a telling extension, the content decides (here: plain text).
    plain = tmp_path / "in.data"
    plain.write_text("头发\n", encoding="utf-8")
    zhnorm.Converter("hant", format="auto").convert_file(plain, dst)
    assert dst.read_text(encoding="utf-8") == "頭髮\n"


def test_format_errors_list_the_formats():
    with pytest.raises(zhnorm.ZhnormError, match="unknown format `docx`; expected auto, plain.*shell"):
        zhnorm.Converter("hant", format="docx")
    with pytest.raises(zhnorm.ZhnormError, match="unknown format"):
        zhnorm.Converter("hant").convert_document("x", "docx")


MARKUP = "这是 -{台湾}- 的软件。-{H|zh-cn:甲;zh-tw:乙}-甲\n"
BAD = "-{ 坏\n"


def test_markup_modes():
    render = zhnorm.Converter("tw").convert(MARKUP)
    assert render == zhnorm.Converter("tw", markup="render").convert(MARKUP)
    assert render == zhnorm.Converter("tw", markup=True).convert(MARKUP)
    assert render.startswith("這是 台湾 的軟體。乙")
    source = zhnorm.Converter("tw", markup="source")
    out = source.convert(MARKUP)
    # Kept as written, and honoured: protected text stays, the page rule applies after it.
    assert out == "這是 -{台湾}- 的軟體。-{H|zh-cn:甲;zh-tw:乙}-乙\n"
    assert source.convert(out) == out
    off = zhnorm.Converter("tw", markup="off").convert("-{台湾}- 软件")
    assert off == zhnorm.Converter("tw", markup=False).convert("-{台湾}- 软件")
    assert off.startswith("-{")
    c = zhnorm.Converter("tw")
    assert c.convert_document(MARKUP, markup="source").text == out
    assert c.convert_document(MARKUP, markup=False).text == c.convert_document(MARKUP, markup="off").text
    assert zhnorm.normalize(MARKUP, "tw", markup="source") == out
    assert zhnorm.normalize(MARKUP, "tw", markup="SOURCE") == out


def test_markup_source_equals_cli_write(cli, tmp_path):
    """markup="source" is what rewriting a source file wants: the CLI's -w."""
    tree = tmp_path / "cli"
    tree.mkdir()
    f = tree / "a.txt"
    f.write_text(MARKUP * 3 + BAD, encoding="utf-8")
    proc = subprocess.run([str(cli), "--to", "tw", "--quiet", "--no-config-file", "-w", str(f)], capture_output=True)
    assert proc.returncode == 0, proc.stderr.decode()
    src = tmp_path / "a.txt"
    src.write_text(MARKUP * 3 + BAD, encoding="utf-8")
    dst = tmp_path / "out.txt"
    warnings = zhnorm.Converter("tw").convert_file(src, dst, markup="source")
    assert dst.read_bytes() == f.read_bytes()
    assert len(warnings) == 1 and warnings[0].line == 4
    assert zhnorm.Converter("tw", markup="source").convert(MARKUP * 3 + BAD) == f.read_text(encoding="utf-8")
    # The default stays "render", as before.
    zhnorm.Converter("tw").convert_file(src, dst)
    assert dst.read_text(encoding="utf-8") == zhnorm.Converter("tw").convert(MARKUP * 3 + BAD)


def test_markup_values_and_repr():
    assert zhnorm.Converter("tw").markup == "render"
    assert zhnorm.Converter("tw", markup=False).markup == "off"
    assert zhnorm.Converter("tw", markup="source").markup == "source"
    assert zhnorm.Converter(config="s2t").markup is None
    assert repr(zhnorm.Converter("tw", format="json", markup="source")) == (
        'Converter(to="zh-tw", format="json", markup="source")'
    )
    assert repr(zhnorm.Converter("tw")) == 'Converter(to="zh-tw", format="plain", markup="render")'
    for bad in ("sauce", ""):
        with pytest.raises(zhnorm.ZhnormError, match="unknown markup mode .*; expected render, source or off"):
            zhnorm.Converter("tw", markup=bad)
    with pytest.raises(zhnorm.ZhnormError, match="expected render, source or off"):
        zhnorm.Converter("tw").convert_document("x", markup="sauce")
    for bad in (1, None, 0.5):
        with pytest.raises(TypeError, match="render, source or off"):
            zhnorm.Converter("tw", markup=bad)
    with pytest.raises(TypeError, match="render, source or off"):
        zhnorm.normalize("x", markup=2)
