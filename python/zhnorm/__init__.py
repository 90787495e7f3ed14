"""Normalize mixed Simplified/Traditional Chinese text into one script or regional variant.

zhnorm resolves MediaWiki ``-{…}-`` conversion markup in plain text, wikitext and Markdown,
reproduces OpenCC 1.4.2's configs byte for byte, and converts Arrow string arrays (the
exchange format of Spark, Dask, Polars, Ray and Hugging Face datasets) in parallel
without a Python object per row.

>>> import zhnorm
>>> zhnorm.normalize("我们的头发。我們的頭髮。", "hant")
'我們的頭髮。我們的頭髮。'
>>> zhnorm.opencc("鼠标和软件", "s2twp")
'滑鼠和軟體'
>>> tw = zhnorm.Converter("tw")
>>> tw.convert_batch(["软件", None, "头发"])
['軟體', None, '頭髮']
"""

from ._zhnorm import (
    CONFIGS,
    VARIANTS,
    Converter,
    DictionaryError,
    Document,
    Report,
    Warning,
    ZhnormError,
    __version__,
    detect,
    normalize,
    opencc,
)

__all__ = [
    "CONFIGS",
    "VARIANTS",
    "Converter",
    "DictionaryError",
    "Document",
    "Report",
    "Warning",
    "ZhnormError",
    "__version__",
    "detect",
    "normalize",
    "opencc",
]
