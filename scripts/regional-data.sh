#!/usr/bin/env bash
# Regenerates tests/data/accuracy/tw.txt and hk.txt (issue 23, item 5): real modern Taiwan
# and Hong Kong text, the translation catalogues of permissively licensed packages whose
# locale is labelled zh_TW / zh-TW or zh_HK / zh-HK (zh_Hant / zh-Hant catalogues are left
# out: they do not say which region they follow). Every source, its version, the files
# read inside it and its licence are in tests/data/accuracy/README.md; the licence texts
# are copied next to the data as LICENSE.<source>.
#   * .po files: the msgstr (and msgstr[n]) values, header excluded;
#   * .mo files: the translated strings (plural forms split), in the file's order;
#   * JavaScript locale modules: every string literal ('…', "…", `…`) outside comments;
#   * JSON (CLDR): every string value of zh-Hant-HK that differs from zh-Hant's at the same
#     path (its own Hong Kong names), keys sorted.
# Each string: whitespace collapsed; kept only with a Han character; first occurrence kept,
# in source order (the order of the SOURCES below, then of the files, then of the strings).
# The output is deterministic for the pinned versions.
# usage: scripts/regional-data.sh          (needs pip, npm and python3)
set -euo pipefail
top="$(cd "$(dirname "$0")/.." && pwd)"
out="$top/tests/data/accuracy"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

pip download --quiet --no-deps --only-binary=:all: -d "$tmp" \
    jupyterlab-language-pack-zh-tw==4.5.post3 sphinx==9.0.4 trac==1.6
(cd "$tmp" && npm pack --silent antd@6.6.8 element-plus@2.14.9 date-fns@4.4.0 dayjs@1.11.23 \
    @uppy/locales@5.2.0 @mui/material@9.5.0 @ag-grid-community/locale@36.2.0 vant@4.10.2 \
    moment@2.31.0 cldr-localenames-full@48.2.0 cldr-misc-full@48.2.0 >/dev/null)
for whl in "$tmp"/*.whl; do
    python3 -m zipfile -e "$whl" "$tmp/$(basename "$whl" | cut -d- -f1 | tr 'A-Z' 'a-z')"
done
for tgz in "$tmp"/*.tgz; do
    d="$tmp/$(basename "$tgz" .tgz)"
    mkdir -p "$d" && tar xzf "$tgz" -C "$d"
done

python3 - "$tmp" "$out" <<'PY'
import glob, json, os, re, shutil, struct, sys
tmp, out = sys.argv[1:]
han = re.compile(r'[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]')

def po_strings(path):
    """msgstr (and msgstr[n]) values of a .po file."""
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
    return [s for s in strings if not s.startswith('Project-Id-Version')]

def mo_strings(path):
    """The translations of a GNU .mo file, in the file's order; plural forms split."""
    data = open(path, 'rb').read()
    magic = struct.unpack('<I', data[:4])[0]
    e = '<' if magic == 0x950412de else '>'
    _, n, _, toff = struct.unpack(e + '4I', data[4:20])
    strings = []
    for i in range(n):
        length, off = struct.unpack(e + '2I', data[toff + 8 * i: toff + 8 * i + 8])
        s = data[off: off + length].decode('utf-8')
        if s.startswith('Project-Id-Version') or 'Content-Type:' in s:
            continue
        strings += s.split('\x00')
    return strings

def js_strings(text):
    """String literals of JavaScript source, comments skipped; escapes decoded."""
    strings, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith('//', i):
            j = text.find('\n', i)
            i = n if j < 0 else j
        elif text.startswith('/*', i):
            j = text.find('*/', i + 2)
            i = n if j < 0 else j + 2
        elif c in '"\'`':
            j, buf = i + 1, []
            while j < n and text[j] != c:
                if text[j] == '\\' and j + 1 < n:
                    buf.append(text[j:j + 2])
                    j += 2
                else:
                    buf.append(text[j])
                    j += 1
            strings.append(unescape(''.join(buf)))
            i = j + 1
        else:
            i += 1
    return strings

ESC = {'n': '\n', 't': '\t', 'r': '\r', 'b': '\b', 'f': '\f', 'v': '\v', '0': '\0'}
def unescape(raw):
    def one(m):
        e = m.group(1)
        if e.startswith('u{'):
            return chr(int(e[2:-1], 16))
        if len(e) > 1 and e[0] in 'ux':
            return chr(int(e[1:], 16))
        return ESC.get(e, e)
    s = re.sub(r'\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)', one, raw, flags=re.S)
    # a surrogate pair written as two \u escapes
    return s.encode('utf-16', 'surrogatepass').decode('utf-16')

def js_file(path, block=None):
    text = open(path, encoding='utf-8').read()
    if block:  # one `var NAME = {...};` object of a bundle holding every locale
        start = text.index(f'var {block} = {{')
        text = text[start: text.index('\n};', start)]
    return js_strings(text)

def paths(x, prefix=()):
    """(path, string) of every string value, keys sorted."""
    if isinstance(x, str):
        yield prefix, x
    elif isinstance(x, dict):
        for k in sorted(x):
            yield from paths(x[k], prefix + (k,))
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from paths(v, prefix + (i,))

def cldr_own(pkg, locale, parent, names):
    """The strings of a CLDR locale that differ from its parent's at the same path (the JSON
    packages are resolved: a locale repeats the values it inherits)."""
    strings = []
    for f in names:
        base = f'{tmp}/{pkg}/package/main'
        own = dict(paths(json.load(open(f'{base}/{locale}/{f}.json', encoding='utf-8'))['main'][locale]))
        inherited = dict(paths(json.load(open(f'{base}/{parent}/{f}.json', encoding='utf-8'))['main'][parent]))
        strings += [v for k, v in own.items() if inherited.get(k) != v]
    return strings

def files(pattern):
    found = sorted(glob.glob(f'{tmp}/{pattern}'))
    assert found, pattern
    return found

jlab = 'jupyterlab_language_pack_zh_tw/jupyterlab_language_pack_zh_TW/locale/zh_TW/LC_MESSAGES'
# (name in the README, licence file to copy, strings)
TW = [
    ('jupyterlab-language-pack-zh-tw', 'jupyterlab_language_pack_zh_tw/*.dist-info/licenses/LICENSE.txt',
     [s for p in files(f'{jlab}/*.mo') for s in mo_strings(p)]),
    ('sphinx', 'sphinx/*.dist-info/licenses/LICENSE.rst',
     po_strings(files('sphinx/sphinx/locale/zh_TW/LC_MESSAGES/sphinx.po')[0])),
    ('trac', 'trac/*.dist-info/COPYING',
     [s for p in files('trac/trac/locale/zh_TW/LC_MESSAGES/*.mo') for s in mo_strings(p)]),
    ('antd', 'antd-6.6.8/package/LICENSE',
     [s for d in ['locale', 'calendar/locale', 'date-picker/locale', 'time-picker/locale']
      for s in js_file(files(f'antd-6.6.8/package/es/{d}/zh_TW.js')[0])]),
    ('element-plus', 'element-plus-2.14.9/package/LICENSE',
     js_file(files('element-plus-2.14.9/package/es/locale/lang/zh-tw.mjs')[0])),
    ('date-fns', 'date-fns-4.4.0/package/LICENSE.md',
     [s for p in files('date-fns-4.4.0/package/locale/zh-TW/_lib/*.js') for s in js_file(p)]),
    ('dayjs', 'dayjs-1.11.23/package/LICENSE', js_file(files('dayjs-1.11.23/package/esm/locale/zh-tw.js')[0])),
    ('uppy-locales', 'uppy-locales-5.2.0/package/LICENSE', js_file(files('uppy-locales-5.2.0/package/lib/zh_TW.js')[0])),
    ('mui-material', 'mui-material-9.5.0/package/LICENSE', js_file(files('mui-material-9.5.0/package/locale/zhTW.mjs')[0])),
    ('ag-grid-locale', 'ag-grid-community-locale-36.2.0/package/LICENSE.txt',
     js_file(files('ag-grid-community-locale-36.2.0/package/dist/package/main.esm.mjs')[0], 'AG_GRID_LOCALE_TW')),
    ('vant', 'vant-4.10.2/package/LICENSE', js_file(files('vant-4.10.2/package/es/locale/lang/zh-TW.mjs')[0])),
    ('moment', 'moment-2.31.0/package/LICENSE', js_file(files('moment-2.31.0/package/locale/zh-tw.js')[0])),
]
cldr_names = ['languages', 'territories', 'scripts', 'variants', 'localeDisplayNames']
HK = [
    ('cldr', None,  # Unicode License v3: LICENSE.unicode, as for accuracy-data.sh
     cldr_own('cldr-localenames-full-48.2.0', 'zh-Hant-HK', 'zh-Hant', cldr_names)
     + cldr_own('cldr-misc-full-48.2.0', 'zh-Hant-HK', 'zh-Hant', ['characterLabels'])),
    ('sphinx', None, po_strings(files('sphinx/sphinx/locale/zh_HK/LC_MESSAGES/sphinx.po')[0])),
    ('antd', None, js_file(files('antd-6.6.8/package/es/locale/zh_HK.js')[0])),
    ('element-plus', None, js_file(files('element-plus-2.14.9/package/es/locale/lang/zh-hk.mjs')[0])),
    ('date-fns', None, [s for p in files('date-fns-4.4.0/package/locale/zh-HK/_lib/*.js') for s in js_file(p)]),
    ('dayjs', None, js_file(files('dayjs-1.11.23/package/esm/locale/zh-hk.js')[0])),
    ('mui-material', None, js_file(files('mui-material-9.5.0/package/locale/zhHK.mjs')[0])),
    ('ag-grid-locale', None,
     js_file(files('ag-grid-community-locale-36.2.0/package/dist/package/main.esm.mjs')[0], 'AG_GRID_LOCALE_HK')),
    ('vant', None, js_file(files('vant-4.10.2/package/es/locale/lang/zh-HK.mjs')[0])),
    ('moment', None, js_file(files('moment-2.31.0/package/locale/zh-hk.js')[0])),
]

def write(name, sources):
    seen, lines = set(), []
    for src, lic, strings in sources:
        if lic:
            shutil.copy(files(lic)[0], f'{out}/LICENSE.{src}')
        before = len(lines)
        for s in strings:
            s = ' '.join(s.split())
            if s and han.search(s) and s not in seen:
                seen.add(s)
                lines.append(s)
        print(f'{name}: {src}: {len(lines) - before} new lines')
    with open(f'{out}/{name}', 'w', encoding='utf-8') as f:
        f.write(''.join(l + '\n' for l in lines))
    print(f'{name}: {len(lines)} lines')

write('tw.txt', TW)
write('hk.txt', HK)
PY
