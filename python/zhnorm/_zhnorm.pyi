"""Type stubs of the extension module (re-exported by ``zhnorm``)."""

import os
from typing import Iterable, Iterator, List, Literal, Mapping, Optional, Sequence, Tuple, TypeVar, Union, final

__all__ = [
    "Converter",
    "Document",
    "Warning",
    "Report",
    "normalize",
    "opencc",
    "detect",
    "ZhnormError",
    "DictionaryError",
    "VARIANTS",
    "CONFIGS",
    "__version__",
]

__version__: str
VARIANTS: Tuple[str, ...]
"""Target variant codes: zh-hans, zh-hant, zh-cn, zh-tw, zh-hk, zh-mo, zh-sg, zh-my."""
CONFIGS: Tuple[str, ...]
"""OpenCC 1.4.2 config names: s2t, t2s, s2tw, … jp2t."""

_Format = Literal[
    "auto",
    "plain",
    "markdown",
    "wikitext",
    "html",
    "xml",
    "json",
    "yaml",
    "po",
    "properties",
    "strings",
    "subtitles",
    "rust",
    "python",
    "javascript",
    "go",
    "java",
    "c",
    "shell",
]
"""The library's formats (``auto``: by the file's extension, then by the content)."""
_Markup = Union[bool, Literal["render", "source", "off"]]
"""``"render"`` (or True) resolves ``-{…}-``; ``"source"`` keeps it as written and honours it
(the CLI's ``-w``); ``"off"`` (or False) reads it as text."""
_StrPath = Union[str, "os.PathLike[str]"]
_A = TypeVar("_A")

class ZhnormError(ValueError):
    """An unknown variant, config, format or forms name, or text that is not UTF-8."""

class DictionaryError(ZhnormError):
    """A malformed user dictionary line."""

    path: str
    """The dictionary file."""
    line: int
    """The 1-based line of the first malformed line."""

@final
class Warning:
    """Malformed conversion markup, kept as written."""

    @property
    def offset(self) -> int:
        """Position in the input in characters (a str index); a byte offset for convert_file."""
    @property
    def line(self) -> int:
        """1-based line."""
    @property
    def column(self) -> int:
        """1-based column, in characters."""
    @property
    def message(self) -> str:
        """What is wrong and what zhnorm did."""

@final
class Document:
    """A converted document; unpacks as ``text, warnings``."""

    @property
    def text(self) -> str:
        """The converted text."""
    @property
    def warnings(self) -> List[Warning]:
        """Malformed markup in the input (at most 100, then one warning counting the rest)."""
    def __iter__(self) -> Iterator[Union[str, List[Warning]]]: ...

@final
class Report:
    """Script statistics of a text (the CLI's ``--stats``)."""

    @property
    def simplified(self) -> int:
        """Simplified-only characters."""
    @property
    def traditional(self) -> int:
        """Traditional-only characters."""
    @property
    def shared(self) -> int:
        """Other Han characters (shared by both scripts)."""
    @property
    def han(self) -> int:
        """All Han characters."""
    @property
    def likely(self) -> Optional[Literal["zh-hans", "zh-hant"]]:
        """The more likely script, or None without script-specific characters."""
    @property
    def confidence(self) -> Optional[float]:
        """The majority's share of the script-specific characters (0.5–1.0), or None."""
    def is_consistent(self, to: str) -> bool:
        """Whether no character belongs to the other script than ``to``'s."""

@final
class Converter:
    """A reusable, thread-safe converter.

    ``Converter(to="hant")`` normalizes mixed text into a variant (hans, hant, cn, tw, hk,
    mo, sg, my, or zh-Hant-TW …), resolving ``-{…}-`` markup in documents of ``format``
    (as the CLI's ``--to``). ``Converter(config="s2t")`` converts exactly as OpenCC
    1.4.2's config (as ``--config``; markup is not resolved).

    ``vocabulary``: regional vocabulary for cn/tw/hk/mo applied to text converted from
    the other script (软件 → 軟體 for tw): "common" (default), "full" (OpenCC's whole
    table, as s2twp) or "none"; ``idioms=False`` is the older spelling of "none". ``forms``:
    ``"common"`` (為 裡 才) or ``"opencc"`` (爲 裏 纔) for hant. ``keep``: words never
    converted. ``rules``: ``{from: to}`` or ``[(from, to)]`` winning over every dictionary.
    ``dictionary``: path(s) of user dictionaries (OpenCC ``key<TAB>value`` lines or
    MediaWiki rules ``zh-cn:计算机;zh-tw:電腦;``). ``format``: any of the library's formats
    (``plain``, ``markdown``, ``wikitext``, ``html``, ``xml``, ``json``, ``yaml``, ``po``,
    ``properties``, ``strings``, ``subtitles``, or source code: ``rust``, ``python``,
    ``javascript``, ``go``, ``java``, ``c``, ``shell``) or ``auto`` (guessed per text).
    ``markup``: ``"render"`` (default; True) resolves ``-{…}-``; ``"source"`` keeps each
    construct as written and honours it (the CLI's ``-w``: what rewriting a source file
    wants); ``"off"`` (False) leaves ``-{…}-`` in plain text alone. An unknown mode is a
    ZhnormError, another type a TypeError.

    Raises ZhnormError for unknown names, DictionaryError for a malformed dictionary
    line, OSError when a dictionary cannot be read.
    """

    def __new__(
        cls,
        to: Optional[str] = None,
        *,
        config: Optional[str] = None,
        idioms: bool = True,
        vocabulary: Optional[str] = None,
        forms: Literal["common", "opencc"] = "common",
        format: _Format = "plain",
        markup: _Markup = True,
        keep: Optional[Sequence[str]] = None,
        rules: Optional[Union[Mapping[str, str], Iterable[Tuple[str, str]]]] = None,
        dictionary: Optional[Union[_StrPath, Sequence[_StrPath]]] = None,
    ) -> "Converter": ...
    @property
    def target(self) -> str:
        """The variant code (zh-hant …) or the OpenCC config name (s2t …)."""
    @property
    def format(self) -> Optional[str]:
        """The default document format (None for OpenCC configs)."""
    @property
    def markup(self) -> Optional[Literal["render", "source", "off"]]:
        """The default markup mode (None for OpenCC configs)."""
    def convert(self, text: str) -> str:
        """Converts one text (the GIL is released for texts of 4 KiB and more)."""
    def __call__(self, text: str) -> str:
        """Same as convert."""
    def convert_document(
        self, text: str, format: Optional[_Format] = None, *, markup: Optional[_Markup] = None
    ) -> Document:
        """Converts a document; returns its text and the warnings about malformed markup."""
    def convert_file(
        self,
        src: _StrPath,
        dst: _StrPath,
        format: Optional[_Format] = None,
        *,
        markup: Optional[_Markup] = None,
    ) -> List[Warning]:
        """Streams ``src`` into ``dst`` in bounded memory, reading ``src`` once (a pipe or
        FIFO works), and writes ``dst`` as the CLI's ``-o``: a regular file is replaced
        atomically (a new temporary file with its permissions, then a rename; ``dst`` is
        untouched on error), a symlink's target replaced and the link kept, a FIFO or
        device written directly; a file with several hard links is refused (OSError).
        ``format="auto"`` goes by the extension, then by the content. ``markup`` defaults
        to the converter's (``"render"`` unless given): pass ``markup="source"`` to rewrite
        a source file as the CLI's ``-w`` does, keeping ``-{…}-`` as written. Returns the
        markup warnings (offsets in bytes)."""
    def convert_batch(
        self, texts: Iterable[Optional[str]], *, threads: Optional[int] = None
    ) -> List[Optional[str]]:
        """Converts texts in parallel with the GIL released; None stays None, and so does
        NaN (``float("nan")``, pandas' missing value in object columns): returned as is.
        ``threads`` sets the pool's size, at most 256 (default: rayon's pool, one per
        core)."""
    def convert_arrow(self, array: _A, *, threads: Optional[int] = None) -> _A:
        """Converts a ``pyarrow.Array`` or ``ChunkedArray`` of type string or large_string
        into the same type, nulls kept, copying the rows out of the Arrow buffers with the
        GIL held and converting them in parallel with it released (no Python object per
        row); ``threads`` as for convert_batch. A ``string_view`` array (Polars' strings) is
        converted as large_string and cast back. Other objects of the Arrow PyCapsule
        interface: one exporting ``__arrow_c_array__`` is read through ``pyarrow.array``
        and gives a pyarrow.Array; one exporting only ``__arrow_c_stream__`` (a Polars
        Series, a pandas Series of Arrow strings) is read through ``pyarrow.chunked_array``
        and gives a pyarrow.ChunkedArray."""

def normalize(
    text: str,
    to: str = "hant",
    *,
    idioms: bool = True,
    vocabulary: Optional[str] = None,
    forms: Literal["common", "opencc"] = "common",
    format: _Format = "plain",
    markup: _Markup = True,
) -> str:
    """Normalizes mixed text into ``to``, resolving ``-{…}-`` markup (CLI ``--to``)."""

def opencc(text: str, config: str = "s2t") -> str:
    """Converts exactly as OpenCC 1.4.2's ``config`` (CLI ``--config``)."""

def detect(text: str) -> Report:
    """Counts Simplified-only, Traditional-only and shared Han characters (CLI ``--stats``)."""
