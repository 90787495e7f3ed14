#!/usr/bin/env bash
# Regenerates tests/data/accuracy/ (the data of tests/accuracy.rs and of the side-by-side
# report benches/compare/benches/accuracy.rs) from three registry packages:
#   * PyPI Django 5.2.19 (BSD-3-Clause): the msgstr strings of every django.po/djangojs.po
#     of its zh_Hant and zh_Hans locales: modern text written by translators in each script;
#   * npm cldr-localenames-full and cldr-misc-full 48.2.0 (Unicode License v3): the zh-Hant
#     and zh locales' display names (languages, territories, scripts, variants, keys and
#     types) and character labels: short names written in each script;
#   * PyPI jieba 0.42.1 (MIT): `jieba/dict.txt`, words of two or more Han characters with a
#     frequency of at least 50; their Traditional form is OpenCC 1.4.2's s2tw (zhnorm
#     --config s2tw, byte-exact). From them, with a fixed seed: `words.tsv` (words alone)
#     and `mixed.tsv` (lines of six words, each in Simplified or Traditional at random).
# The output is deterministic for a given set of package versions and zhnorm's s2tw.
# usage: scripts/accuracy-data.sh          (needs pip, npm, python3 and cargo)
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
out="$top/tests/data/accuracy"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
pip download --quiet --no-deps --only-binary=:all: django==5.2.19 -d "$tmp"
pip download --quiet --no-deps jieba==0.42.1 -d "$tmp"
(cd "$tmp" && npm pack --silent cldr-localenames-full@48.2.0 cldr-misc-full@48.2.0 >/dev/null)
python3 -m zipfile -e "$tmp/django-5.2.19-py3-none-any.whl" "$tmp/django"
tar xzf "$tmp/jieba-0.42.1.tar.gz" -C "$tmp"
mkdir -p "$tmp/names" "$tmp/misc"
tar xzf "$tmp/cldr-localenames-full-48.2.0.tgz" -C "$tmp/names"
tar xzf "$tmp/cldr-misc-full-48.2.0.tgz" -C "$tmp/misc"
cp "$tmp/django/django-5.2.19.dist-info/licenses/LICENSE" "$out/LICENSE.django"
cp "$tmp/names/package/LICENSE" "$out/LICENSE.unicode"

# Step 1: Django and CLDR strings; the candidate words of jieba, one a line.
python3 - "$tmp" "$out" <<'PY'
import glob, json, os, re, sys
tmp, out = sys.argv[1:]
han = re.compile(r'[\u3400-\u9fff\U00020000-\U0003ffff]')

def po_strings(path):
    """msgstr (and msgstr[n]) values of a .po file, header excluded."""
    strings, cur, in_str = [], None, False
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('msgstr'):
            if cur is not None:
                strings.append(cur)
            cur = json.loads(line[line.index('"'):])
            in_str = True
        elif line.startswith('"') and in_str:
            cur += json.loads(line)
        else:
            if cur is not None:
                strings.append(cur)
            cur, in_str = None, False
    if cur is not None:
        strings.append(cur)
    return strings

def write(name, strings):
    seen, lines = set(), []
    for s in strings:
        s = ' '.join(s.split())
        if s and han.search(s) and s not in seen and not s.startswith('Project-Id-Version'):
            seen.add(s)
            lines.append(s)
    with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
        f.write(''.join(l + '\n' for l in lines))
    print(f'{name}: {len(lines)} strings')

for locale, name in [('zh_Hant', 'django-zh-hant.txt'), ('zh_Hans', 'django-zh-hans.txt')]:
    files = sorted(glob.glob(f'{tmp}/django/django/**/locale/{locale}/LC_MESSAGES/*.po', recursive=True))
    write(name, [s for p in files for s in po_strings(p)])

def values(x):
    if isinstance(x, str):
        yield x
    elif isinstance(x, dict):
        for k in sorted(x):
            yield from values(x[k])

for locale, name in [('zh-Hant', 'cldr-zh-hant.txt'), ('zh', 'cldr-zh-hans.txt')]:
    strings = []
    for pkg, files in [('names', ['languages', 'territories', 'scripts', 'variants', 'localeDisplayNames']),
                       ('misc', ['characterLabels'])]:
        for f in files:
            data = json.load(open(f'{tmp}/{pkg}/package/main/{locale}/{f}.json', encoding='utf-8'))
            strings += values(data['main'][locale])
    write(name, strings)

only_han = re.compile(r'^[\u3400-\u9fff]{2,}$')
words = []
for line in open(f'{tmp}/jieba-0.42.1/jieba/dict.txt', encoding='utf-8'):
    w, f = line.split(' ')[:2]
    if int(f) >= 50 and only_han.match(w):
        words.append(w)
open(f'{tmp}/words.txt', 'w', encoding='utf-8').write(''.join(w + '\n' for w in words))
PY

# Step 2: their Traditional form, by OpenCC 1.4.2's s2tw.
(cd "$top" && cargo run --quiet --release -p zhnorm-cli -- --config s2tw --format plain --no-markup "$tmp/words.txt") > "$tmp/words.s2tw.txt"

# Step 3: the word sets, with a fixed seed.
python3 - "$tmp" "$out" <<'PY'
import random, sys
tmp, out = sys.argv[1:]
hans = open(f'{tmp}/words.txt', encoding='utf-8').read().split('\n')[:-1]
hant = open(f'{tmp}/words.s2tw.txt', encoding='utf-8').read().split('\n')[:-1]
assert len(hans) == len(hant), (len(hans), len(hant))
pairs = list(zip(hans, hant))
rng = random.Random(20261129)
alone = rng.sample(pairs, 3000)
with open(f'{out}/words.tsv', 'w', encoding='utf-8') as f:
    f.write('# simplified\ttraditional (OpenCC 1.4.2 s2tw)\n')
    f.writelines(f'{s}\t{t}\n' for s, t in alone)
with open(f'{out}/mixed.tsv', 'w', encoding='utf-8') as f:
    f.write('# input\t→ hant (s2tw forms)\t→ hans; words separated by a space, removed before conversion\n')
    for _ in range(1000):
        line = [rng.choice(pairs) for _ in range(6)]
        pick = [p[rng.randrange(2)] for p in line]
        f.write(' '.join(pick) + '\t' + ' '.join(t for _, t in line) + '\t' + ' '.join(s for s, _ in line) + '\n')
changed = sum(1 for s, t in alone if s != t)
print(f'words.tsv: 3000 words ({changed} change under s2tw) of {len(pairs)}; mixed.tsv: 1000 lines')
PY
