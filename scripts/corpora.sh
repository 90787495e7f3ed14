#!/usr/bin/env bash
# Builds the benchmark/measurement corpora in benches/data/ (git-ignored, not committed):
#   hant.txt  ~2 MB of genuinely Traditional text: Tang poems from the npm package
#             chinese-poetry 2.0.1 (MIT), one poem per paragraph;
#   hans.txt  the same text converted with zhnorm --config t2s (= OpenCC 1.4.2 t2s);
#   article.md  tests/data/article/wic-article.md repeated to ~1 MB.
# Needs npm and python3. Usage: scripts/corpora.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/benches/data"
mkdir -p "$out"
if [ ! -s "$out/hant.txt" ]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent chinese-poetry@2.0.1 >/dev/null && tar xzf chinese-poetry-2.0.1.tgz)
  python3 - "$tmp/package/dist/quantangshi" "$out/hant.txt" <<'PY'
import json, os, sys
src, dest = sys.argv[1], sys.argv[2]
files = sorted(f for f in os.listdir(src) if f.startswith('poet.tang.') and f.endswith('.json'))
out, size = [], 0
for f in files:
    for poem in json.load(open(os.path.join(src, f), encoding='utf-8')):
        text = poem.get('title', '') + '\n' + ''.join(poem.get('paragraphs', [])) + '\n'
        out.append(text); size += len(text.encode())
    if size > 2_000_000:
        break
open(dest, 'w', encoding='utf-8').write(''.join(out))
PY
fi
cargo run --quiet --release -- --config t2s "$out/hant.txt" > "$out/hans.txt"
article="$root/tests/data/article/wic-article.md"
: > "$out/article.md"
while [ "$(stat -c %s "$out/article.md")" -lt 1000000 ]; do cat "$article" >> "$out/article.md"; done
ls -l "$out"
