#!/usr/bin/env bash
# Byte-identical outputs of two zhnorm binaries (a refactor's "before" and "after"): every
# target (with each vocabulary), every OpenCC config, on the benchmark corpora, the
# repository's real files and test data: each file as its own format on the default
# threads, and as plain text on one thread. Prints one line per difference and a count;
# exit 1 when any output differs.
#
#   git worktree add /tmp/before BASE && (cd /tmp/before && cargo build --release -p zhnorm-cli)
#   scripts/identical.sh /tmp/before/target/release/zhnorm target/release/zhnorm
#
# Inputs: benches/data/{hans,hant,article} (scripts/corpora.sh) when present, and every
# file under tests/data/{accuracy,article,real,formats,repo}.
set -uo pipefail
[ $# -eq 2 ] || { echo "usage: scripts/identical.sh BEFORE AFTER" >&2; exit 2; }
before="$1" after="$2"
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mapfile -t inputs < <(
    ls "$root"/benches/data/*.txt "$root"/benches/data/*.md 2>/dev/null
    find "$root/tests/data/accuracy" "$root/tests/data/article" "$root/tests/data/real" \
        "$root/tests/data/formats" "$root/tests/data/repo" -type f ! -name 'LICENSE*' | sort
)
runs=0 differ=0
compare() { # label, then the arguments for both binaries
    local label=$1
    shift
    "$before" "$@" >"$tmp/a" 2>"$tmp/ae"
    local ra=$?
    "$after" "$@" >"$tmp/b" 2>"$tmp/be"
    local rb=$?
    runs=$((runs + 1))
    if [ $ra -ne $rb ] || ! cmp -s "$tmp/a" "$tmp/b" || ! cmp -s "$tmp/ae" "$tmp/be"; then
        differ=$((differ + 1))
        echo "DIFFERS: $label (exit $ra / $rb)"
    fi
}
modes=()
for v in hans hant cn tw hk mo sg my; do modes+=("--to $v"); done
for v in tw hk; do modes+=("--to $v --vocabulary full" "--to $v --vocabulary none"); done
modes+=("--to hant --forms opencc" "--to hans --no-idioms")
for c in s2t t2s s2tw tw2s s2twp tw2sp s2hk hk2s s2hkp hk2sp t2tw t2hk tw2t hk2t t2jp jp2t; do
    modes+=("--config $c")
done
for f in "${inputs[@]}"; do
    for m in "${modes[@]}"; do
        # shellcheck disable=SC2086
        compare "$m ${f#"$root"/}" $m "$f"
        # shellcheck disable=SC2086
        compare "$m --format plain ${f#"$root"/}" $m --format plain -j 1 "$f"
    done
done
echo "identical.sh: $runs runs, $differ differ"
[ $differ -eq 0 ]
