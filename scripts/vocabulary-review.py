#!/usr/bin/env python3
"""Reviews OpenCC's regional vocabulary (dictionaries/opencc/TWPhrases.txt, HKPhrases.txt)
entry by entry against real text (issue 23, item 3), and writes the keys to keep out of the
default vocabulary: dictionaries/zhnorm/{tw,hk}-vocabulary-held.txt, plus every key's counts
in tests/data/accuracy/vocabulary-review.tsv.

usage: scripts/vocabulary-review.py ZHNORM JIEBA_DICT
  ZHNORM      a built zhnorm CLI (its --config t2s / t2tw / t2hk are OpenCC 1.4.2's)
  JIEBA_DICT  jieba 0.42.1's jieba/dict.txt (PyPI `jieba` 0.42.1, MIT), with the jieba
              package importable from the directory above it (the sdist unpacked)

Two reasons hold a key (see the header written into each file):
  * text: the key fires in real text of the region. Each line of the region's text is
    matched as OpenCC's vocabulary stage does it (longest key first, left to right, over the
    keys of the table, each key also in its t2tw / t2hk character forms); a key that fires in
    at least MIN_LINES lines is held. Taiwan text: tw.txt, django-zh-hant.txt,
    cldr-zh-hant.txt; Hong Kong text: hk.txt.
  * straddle: the key's Simplified form (t2s) occurs in a real Simplified line (Django's
    and CLDR's zh_Hans strings, the inputs of tests/data/accuracy/straddle.tsv) where a jieba
    (HMM off) word crosses one of its edges (a word of the sentence straddles it).
Identity entries (first value = key) are never held: they only shield text from shorter keys.
vocabulary-review.tsv also gives, for every key, the best *possible* straddle from jieba's
word list alone (not a reason to hold: nearly every two-character key has one): K = L + R; a
jieba word of frequency >= MIN_FREQ ends with L and is longer (X + L), another starts with R
(R + Y); jieba segments X + K + Y with a cut inside K; the pair with the largest smaller
frequency is given.
"""
import collections, os, subprocess, sys

MIN_LINES = 1
MIN_FREQ = 500
PAIRS = 40  # the most frequent words tried on each side of a split

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
data = os.path.join(top, 'tests', 'data', 'accuracy')
zhnorm, jieba_dict = sys.argv[1:3]
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(jieba_dict))))
import jieba  # noqa: E402

jieba.setLogLevel(60)
jieba.initialize()


def convert(config, items):
    out = subprocess.run([zhnorm, '--config', config, '--format', 'plain', '--no-markup', '--no-config-file', '-'],
                         input=''.join(i + '\n' for i in items).encode('utf-8'),
                         stdout=subprocess.PIPE, check=True).stdout.decode('utf-8').split('\n')[:-1]
    assert len(out) == len(items)
    return out


def table(name):
    entries = []
    for line in open(os.path.join(top, 'dictionaries', 'opencc', name), encoding='utf-8'):
        if line.startswith('#') or '\t' not in line:
            continue
        k, v = line.rstrip('\n').split('\t', 1)
        entries.append((k, v.split(' ')))
    return entries


def lines(*names):
    out = []
    for n in names:
        out += open(os.path.join(data, n), encoding='utf-8').read().split('\n')[:-1]
    return out


def fires(entries, text_lines):
    """key -> lines where OpenCC's max-match over the table's keys (and their regional
    character forms) takes it."""
    keys = [k for k, _ in entries]
    forms = {}
    for conf in ('t2tw', 't2hk'):
        for k, f in zip(keys, convert(conf, keys)):
            forms.setdefault(f, k)
    for k in keys:
        forms[k] = k
    longest = max(map(len, forms))
    hit = collections.defaultdict(set)
    for n, line in enumerate(text_lines):
        i = 0
        while i < len(line):
            for size in range(min(longest, len(line) - i), 0, -1):
                k = forms.get(line[i:i + size])
                if k is not None:
                    hit[k].add(n)
                    i += size
                    break
            else:
                i += 1
    return hit


def substring_lines(word, text_lines):
    return sum(1 for l in text_lines if word in l)


freq = {}
for line in open(jieba_dict, encoding='utf-8'):
    w, f = line.split(' ')[:2]
    freq[w] = int(f)
ends, starts = collections.defaultdict(list), collections.defaultdict(list)
for w, f in sorted(freq.items(), key=lambda x: (-x[1], x[0])):
    if f < MIN_FREQ or len(w) < 2:
        continue
    for p in range(1, len(w)):
        if len(ends[w[p:]]) < PAIRS:
            ends[w[p:]].append(w)
        if len(starts[w[:p]]) < PAIRS:
            starts[w[:p]].append(w)


def straddle(k):
    """(score, X+L, R+Y, context) of the best straddle of Simplified word k, or None."""
    best = None
    for p in range(1, len(k)):
        left, right = k[:p], k[p:]
        for w1 in ends.get(left, []):
            for w2 in starts.get(right, []):
                ctx = w1[:-p] + k + w2[len(right):]
                cuts, pos = set(), 0
                for tok in jieba.cut(ctx, HMM=False):
                    pos += len(tok)
                    cuts.add(pos)
                start = len(w1) - p
                if any(start < c < start + len(k) for c in cuts):
                    score = min(freq[w1], freq[w2])
                    if best is None or score > best[0]:
                        best = (score, w1, w2, ctx)
    return best


def simplified_lines():
    """Real Simplified lines: Django's and CLDR's zh_Hans strings and the inputs of the
    collected straddle reports."""
    out = lines('django-zh-hans.txt', 'cldr-zh-hans.txt')
    for line in open(os.path.join(data, 'straddle.tsv'), encoding='utf-8'):
        if not line.startswith('#'):
            out.append(line.split('\t')[0])
    return out


SIMPLIFIED = None


def attested(k):
    """The first real Simplified line in which a jieba (HMM off) word crosses an edge of k
    (starts before k and ends inside it, or starts inside it and ends after it), or None."""
    global SIMPLIFIED
    if SIMPLIFIED is None:
        SIMPLIFIED = [(l, None) for l in simplified_lines()]
    for i, (line, spans) in enumerate(SIMPLIFIED):
        if k not in line:
            continue
        if spans is None:
            spans, pos = [], 0
            for tok in jieba.cut(line, HMM=False):
                spans.append((pos, pos + len(tok)))
                pos += len(tok)
            SIMPLIFIED[i] = (line, spans)
        start = line.find(k)
        while start >= 0:
            end = start + len(k)
            if any(a < start < b < end or start < a < end < b for a, b in spans):
                return line
            start = line.find(k, start + 1)
    return None


def review(name, region, text_names, out_name):
    entries = table(name)
    text = lines(*text_names)
    trad = lines('tw.txt', 'hk.txt', 'django-zh-hant.txt', 'cldr-zh-hant.txt')
    hit = fires(entries, text)
    simp = convert('t2s', [k for k, _ in entries])
    held, rows = [], []
    for (k, vs), ks in zip(entries, simp):
        n = len(hit.get(k, ()))
        key_sub = substring_lines(k, text)
        key_trad = substring_lines(k, trad)
        val = vs[0]
        val_sub = substring_lines(val, text)
        val_trad = substring_lines(val, trad)
        st = straddle(ks) if len(ks) >= 2 else None
        rows.append((region, k, ' '.join(vs), n, key_sub, key_trad, val_sub, val_trad,
                     f'{st[1]}|{st[2]} in {st[3]} ({freq[st[1]]}, {freq[st[2]]})' if st else ''))
        seen = attested(ks) if len(ks) >= 2 else None
        if vs[0] == k:
            continue  # an identity entry only shields its text from shorter keys: never held
        if n >= MIN_LINES:
            held.append(f'{k}\t# text: fires in {n} of {len(text):,} {region} lines ({", ".join(text_names)}); '
                        f'the key occurs in {key_trad} lines of all the Traditional text, its value {val} in {val_trad}')
        elif seen:
            held.append(f'{k}\t# straddle: {ks} straddles the words of the jieba segmentation of the real line {seen}; '
                        f'the key fires in no {region} line')
    header = f"""# OpenCC {name} keys held out of zhnorm's default {region} vocabulary (issue 23).
# Generated by scripts/vocabulary-review.py from real text; do not edit by hand.
# Format: key<TAB># reason. The key is OpenCC's (Traditional, OpenCC character forms).
# A key is held for one of two reasons, the first that applies:
#   text: it fires in at least {MIN_LINES} line(s) of real {region} text ({', '.join(text_names)},
#     tests/data/accuracy/): each line matched as OpenCC's vocabulary stage does it (longest
#     key first, left to right, keys also in their t2tw/t2hk character forms). Writers of the
#     region write the key as itself, so converting it changes native text.
#   straddle: it fires in no line above, but its Simplified form (t2s) occurs in a real
#     Simplified line where a word of jieba 0.42.1's segmentation (HMM off) crosses one of its
#     edges, so the key straddles two words of the sentence
#     (lines: django-zh-hans.txt, cldr-zh-hans.txt, the inputs of straddle.tsv, which are
#     public reports of OpenCC and zhconv-rs users).
# Identity entries (first value = key) are never held: they only shield text from shorter keys.
# Per-key counts, and the possible straddles from jieba's word list alone (not a reason to
# hold here), are in tests/data/accuracy/vocabulary-review.tsv.
# "all the Traditional text": tw.txt, hk.txt, django-zh-hant.txt, cldr-zh-hant.txt.
# {len(held)} of {len(entries)} keys held.
"""
    with open(os.path.join(top, 'dictionaries', 'zhnorm', out_name), 'w', encoding='utf-8') as f:
        f.write(header + ''.join(h + '\n' for h in held))
    print(f'{out_name}: {len(held)} of {len(entries)} keys held '
          f'({sum(1 for h in held if "# text" in h)} text, {sum(1 for h in held if "# straddle" in h)} straddle)')
    return rows


rows = review('TWPhrases.txt', 'Taiwan', ['tw.txt', 'django-zh-hant.txt', 'cldr-zh-hant.txt'], 'tw-vocabulary-held.txt')
rows += review('HKPhrases.txt', 'Hong Kong', ['hk.txt'], 'hk-vocabulary-held.txt')
with open(os.path.join(data, 'vocabulary-review.tsv'), 'w', encoding='utf-8') as f:
    f.write('# region\tkey\tvalues\tfires in region lines\tkey in region lines\tkey in Traditional lines'
            '\tvalue in region lines\tvalue in Traditional lines\tbest straddle of the Simplified key\n')
    f.writelines('\t'.join(map(str, r)) + '\n' for r in rows)
