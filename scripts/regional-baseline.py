#!/usr/bin/env python3
"""Baseline of issue 23: how many lines of real Taiwan / Hong Kong text (tests/data/accuracy/
tw.txt, hk.txt) each converter changes, and which words it changes most.

usage: scripts/regional-baseline.py ZHNORM [ZHCONV_LINES] > report.md
  ZHNORM        a built zhnorm CLI (`cargo build --release -p zhnorm-cli`)
  ZHCONV_LINES  optional: benches/compare's example (`cargo build --release -p zhnorm-compare
                --example zhconv_lines`), zhconv-rs 0.4.2 line by line

A change is reported as a word: the changed characters of a line (difflib, per line),
widened to the longest span of at most 6 characters around them whose original text is a
key or value of one of OpenCC's tables (dictionaries/opencc/*.txt), else left as it is.
"""
import collections, difflib, glob, os, subprocess, sys

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
data = os.path.join(top, 'tests', 'data', 'accuracy')
zhnorm = sys.argv[1]
zhconv = sys.argv[2] if len(sys.argv) > 2 else None

words = set()
for path in glob.glob(os.path.join(top, 'dictionaries', 'opencc', '*.txt')):
    for line in open(path, encoding='utf-8'):
        if line.startswith('#') or '\t' not in line:
            continue
        k, v = line.rstrip('\n').split('\t', 1)
        words.add(k)
        words.update(v.split(' '))

CONVERTERS = [
    ('zhnorm --to tw', [zhnorm, '--to', 'tw']),
    ('zhnorm --to tw --vocabulary full', [zhnorm, '--to', 'tw', '--vocabulary', 'full']),
    ('zhnorm --to tw --no-idioms', [zhnorm, '--to', 'tw', '--no-idioms']),
    ('zhnorm --to hant', [zhnorm, '--to', 'hant']),
    ('zhnorm --to hk', [zhnorm, '--to', 'hk']),
    ('zhnorm --to hans', [zhnorm, '--to', 'hans']),
    ('OpenCC s2tw', [zhnorm, '--config', 's2tw']),
    ('OpenCC s2twp', [zhnorm, '--config', 's2twp']),
    ('OpenCC s2hk', [zhnorm, '--config', 's2hk']),
]
if zhconv:
    CONVERTERS += [('zhconv-rs zh-tw', [zhconv, 'zh-tw']), ('zhconv-rs zh-hk', [zhconv, 'zh-hk']),
                   ('zhconv-rs zh-hant', [zhconv, 'zh-hant'])]


def run(cmd, text):
    if cmd[0] == zhnorm:
        cmd = cmd + ['--format', 'plain', '--no-markup', '--no-config-file', '-']
    out = subprocess.run(cmd, input=text.encode('utf-8'), stdout=subprocess.PIPE, check=True).stdout
    return out.decode('utf-8').split('\n')[:-1]


def widen(a, i, j):
    """The longest span of a, at most 6 characters, around [i, j) (around position i when
    the change is an insertion) that is a word of OpenCC's tables; else [i, j)."""
    best = None
    for lo in range(max(0, i - 5), i + 1):
        for hi in range(max(j, lo + 1), min(len(a), lo + 6) + 1):
            if (i < j or lo < i or hi > i) and a[lo:hi] in words:
                if best is None or hi - lo > best[1] - best[0]:
                    best = (lo, hi)
    return best or (i, j)


def changes(a, b):
    """(from, to) words where line a became line b: the differing runs (difflib), those
    one or two equal characters apart merged, each widened to a word."""
    ops = [o for o in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if o[0] != 'equal']
    runs = []
    for _, i1, i2, j1, j2 in ops:
        if runs and i1 - runs[-1][1] <= 2 and j1 - runs[-1][3] <= 2:
            runs[-1][1], runs[-1][3] = i2, j2
        else:
            runs.append([i1, i2, j1, j2])
    out = []
    for i1, i2, j1, j2 in runs:
        lo, hi = widen(a, i1, i2)
        out.append((a[lo:hi], a[lo:i1] + b[j1:j2] + a[i2:hi]))
    return out


SETS = [('tw.txt', 'Taiwan'), ('hk.txt', 'Hong Kong')]
print('# Regional text baseline (issue 23)\n')
print('Lines of real Taiwan / Hong Kong text changed by each converter (`scripts/regional-baseline.py`).\n')
print('| converter | ' + ' | '.join(f'{n} ({label})' for n, label in SETS) + ' |')
print('|---|' + '---|' * len(SETS))
tops = {}
for name, cmd in CONVERTERS:
    cells = []
    for fname, _ in SETS:
        lines = open(os.path.join(data, fname), encoding='utf-8').read().split('\n')[:-1]
        outs = run(cmd, '\n'.join(lines) + '\n')
        assert len(outs) == len(lines), (name, fname, len(outs), len(lines))
        count = collections.Counter()
        changed = 0
        for a, b in zip(lines, outs):
            if a != b:
                changed += 1
                for ch in set(changes(a, b)):
                    count[ch] += 1
        tops[(name, fname)] = (changed, count)
        cells.append(f'{changed} / {len(lines)} ({100 * changed / len(lines):.2f} %)')
    print(f'| {name} | ' + ' | '.join(cells) + ' |')

print('\nTop 30 changes per converter and set (word → word, lines):\n')
for (name, fname), (changed, count) in tops.items():
    if not changed:
        continue
    top30 = ', '.join(f'{f}→{t} {n}' for (f, t), n in count.most_common(30))
    print(f'* **{name}**, `{fname}` ({changed} lines): {top30}')
