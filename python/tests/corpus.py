"""A generated corpus of mixed Chinese rows for the tests and the benchmarks.

Rows mix Simplified and Traditional sentences, MediaWiki conversion markup (well formed
and malformed), URLs, Latin text, emoji and combining marks, CRLF line ends, a byte order
mark, empty strings and nulls. (No NUL character: the CLI skips such files as binary.)
Deterministic for a given seed.
"""

import random
from typing import List, Optional

SIMPLIFIED = [
    "我们的头发长了。",
    "鼠标和软件都坏了",
    "这是简体中文的句子，里面有后来发生的事。",
    "计算机程序员在网络上发表了文章",
    "台湾的里程碑",
    "一只猫在面条旁边",
    "于是他们决定出发，乘坐出租车去机场。",
    "数据库里存储着历史记录",
]
TRADITIONAL = [
    "我們的頭髮長了。",
    "滑鼠和軟體都壞了",
    "這是繁體中文的句子，裡面有後來發生的事。",
    "電腦程式設計師在網路上發表了文章",
    "台灣的里程碑",
    "臺北的計程車很多",
    "於是他們決定出發，搭乘計程車去機場。",
    "資料庫裡儲存著歷史紀錄",
]
MARKUP = [
    "-{zh-hans:计算机;zh-hant:電腦;}-",
    "-{zh-cn:软件;zh-tw:軟體;zh-hk:軟件;}-",
    "-{R|头发}-",
    "-{保留原样}-",
    "互-{}-联网",
    "-{H|zh-cn:鼠标;zh-tw:滑鼠;}-鼠标",
    "-{ 没有结尾",
    "多余的结尾 }-",
    "-{zh-hans;zh-hant|只在中文}-",
]
OTHER = [
    "https://example.org/头发?q=软件",
    "Hello, world",
    "😀 表情",
    "e\u0301 组合字符",
    "2024年1月",
    "「引號」和“引号”",
    "第一行\r\n第二行后来\r\n",
    "\ufeff开头的字节序标记",
    "",
]


def sentence(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.35:
        return rng.choice(SIMPLIFIED)
    if kind < 0.7:
        return rng.choice(TRADITIONAL)
    if kind < 0.85:
        return rng.choice(MARKUP)
    return rng.choice(OTHER)


def row(rng: random.Random, long: bool = False) -> str:
    if long:
        lines = []
        for _ in range(rng.randint(20, 60)):
            lines.append("".join(sentence(rng) for _ in range(rng.randint(1, 6))))
        return "\n".join(lines) + "\n"
    return "".join(sentence(rng) for _ in range(rng.randint(1, 4)))


def rows(n: int, seed: int = 13, long_every: int = 50) -> List[Optional[str]]:
    """`n` rows: about 5 % nulls, 3 % empty strings, one long multi-line row every
    `long_every` rows, the rest short rows of one to four pieces."""
    rng = random.Random(seed)
    out: List[Optional[str]] = []
    for i in range(n):
        r = rng.random()
        if r < 0.05:
            out.append(None)
        elif r < 0.08:
            out.append("")
        elif long_every and i % long_every == long_every - 1:
            out.append(row(rng, long=True))
        else:
            out.append(row(rng))
    return out
