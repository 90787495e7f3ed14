#!/usr/bin/env bash
# A batch of files for timing --check, --diff and -w against plain conversion (the speed
# issue, goal 5): a tree of about 3 000 files and 300 MB cut from the bench corpora,
# mixed sizes (4 KB to 4 MB) and mixed scripts, so that both `--to hans --check` and
# `--to hant --check` find many changes.
#
#   scripts/batch.sh [OUT [EXTRA.md ...]]     default OUT: /tmp/batch
#
# Sources: benches/data/{hans.txt,hant.txt,article.md} (scripts/corpora.sh makes them) and
# any further Markdown files given (e.g. a zh.wikipedia article). The tree is the same for
# the same sources (fixed seed). OUT is removed first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-/tmp/batch}"
shift || true
data="$root/benches/data"
for f in hans.txt hant.txt article.md; do
    [ -f "$data/$f" ] || { echo "missing $data/$f: run scripts/corpora.sh" >&2; exit 2; }
done
rm -rf "$out"
python3 - "$out" "$data/hans.txt" "$data/hant.txt" "$data/article.md" "$@" <<'PY'
import os, random, sys

out, hans, hant, article, *extra = sys.argv[1:]
rng = random.Random(5)

def lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines(keepends=True)

sources = {
    "hans": (lines(hans), "txt"),
    "hant": (lines(hant), "txt"),
    "article": (lines(article), "md"),
}
for i, path in enumerate(extra):
    sources[f"extra{i}"] = (lines(path), "md")

def cut(ls, size):
    """Whole lines from a random start, wrapping around, until `size` bytes."""
    i = rng.randrange(len(ls))
    parts, n = [], 0
    while n < size:
        parts.append(ls[i])
        n += len(ls[i].encode())
        i = (i + 1) % len(ls)
    return "".join(parts)

# (count, smallest, largest) in bytes: many small files, some medium, a few big ones.
classes = [(2400, 4 << 10, 40 << 10), (520, 64 << 10, 512 << 10), (40, 1 << 20, 4 << 20)]
kinds = ["hans", "hant", "article", "mixed"] + [k for k in sources if k.startswith("extra")]
total = files = 0
for count, lo, hi in classes:
    for _ in range(count):
        size = rng.randint(lo, hi)
        kind = rng.choice(kinds)
        if kind == "mixed":
            # Half Simplified, half Traditional, alternating blocks of lines.
            text = "".join(cut(sources[k][0], size // 8) for k in ["hans", "hant"] * 4)
            ext = "txt"
        else:
            ls, ext = sources[kind]
            text = cut(ls, size)
        d = os.path.join(out, f"d{files % 40:02}", f"s{files % 7}")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, f"{kind}-{files:04}.{ext}"), "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode())
        files += 1
print(f"{out}: {files} files, {total / 1e6:.1f} MB")
PY
