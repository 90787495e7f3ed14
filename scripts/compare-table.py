#!/usr/bin/env python3
"""Prints the BENCHMARKS.md throughput table from the last `cargo bench -p zhnorm-compare --bench compare` run.

Reads criterion's saved estimates (target/criterion/GROUP/FUNCTION/new/), uses the median
time per iteration and the group's byte count, and gives every figure as MiB/s and as a
ratio to zhconv-rs and to OpenCC 1.4.2 measured in the same run.
Usage: scripts/compare-table.py [CRITERION_DIR]
"""
import json
import os
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "target", "criterion")

GROUPS = [
    ("s2t", "s→hant (s2t)"),
    ("s2twp", "s→tw (s2twp)"),
    ("t2s", "t→hans (t2s)"),
    ("tw2sp", "t→cn (tw2sp)"),
    ("article_to_hans", "article → hans"),
    ("article_to_hant", "article → hant"),
]
NAMES = {
    "zhnorm_config": "zhnorm --config",
    "zhnorm_to": "zhnorm --to",
    "zhnorm_markdown": "zhnorm, Markdown + markup",
    "zhnorm_wikitext": "zhnorm, markup only (`--format wikitext`)",
    "zhnorm_plain": "zhnorm, same bytes as plain text",
    "zhconv": "zhconv-rs",
    "zhconv_mw": "zhconv-rs `zhconv_mw`",
    "ferrous_opencc": "ferrous-opencc",
    "ferrous_opencc_plain": "ferrous-opencc (plain)",
    "opencc": "OpenCC 1.4.2",
    "opencc_plain": "OpenCC 1.4.2 (plain)",
}
ORDER = list(NAMES)


def mibs(group, fn):
    d = os.path.join(root, group, fn, "new")
    est = json.load(open(os.path.join(d, "estimates.json")))
    bench = json.load(open(os.path.join(d, "benchmark.json")))
    nanos = est["median"]["point_estimate"]
    return bench["throughput"]["Bytes"] / (nanos / 1e9) / (1 << 20)


print("| direction | peer | MiB/s | ÷ zhconv | ÷ OpenCC |")
print("|---|---|---:|---:|---:|")
for group, title in GROUPS:
    if not os.path.isdir(os.path.join(root, group)):
        continue
    fns = sorted(os.listdir(os.path.join(root, group)),
                 key=lambda f: ORDER.index(f) if f in ORDER else 99)
    speed = {f: mibs(group, f) for f in fns if f in NAMES}
    zc = speed.get("zhconv") or speed.get("zhconv_mw")
    oc = speed.get("opencc") or speed.get("opencc_plain")
    first = True
    for f, v in speed.items():
        ratio = lambda base: f"{v / base:.2f}" if base else "–"
        print(f"| {title if first else ''} | {NAMES[f]} | {v:.1f} | {ratio(zc)} | {ratio(oc)} |")
        first = False
