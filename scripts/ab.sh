#!/usr/bin/env bash
# Interleaved A/B timing of zhnorm binaries on one thread: each round runs every binary
# once per direction, and the best wall time of ROUNDS rounds is kept, so the machine's
# drift (±20 % from one minute to the next here) hits every binary alike.
#
#   cp target/release/zhnorm /tmp/zh-a   # build A, then B
#   scripts/ab.sh /tmp/zh-a /tmp/zh-b    # ROUNDS=7 by default
#
# Inputs: benches/data/hans.txt and hant.txt repeated 10 times (21.6 MB each; see
# scripts/corpora.sh). Output: one line per direction, seconds per binary in order.
set -euo pipefail
BINARIES="$*"
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${ROUNDS:-7}"
[ $# -ge 1 ] || { echo "usage: scripts/ab.sh BINARY..." >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for f in hans hant; do
    for _ in $(seq 10); do cat "$root/benches/data/$f.txt"; done > "$tmp/$f.txt"
done
for spec in "hans --config s2t" "hans --to hant" "hans --to tw" "hans --config s2twp" \
            "hant --config t2s" "hant --to hans" "hant --to cn" "hant --config tw2sp"; do
    set -- $spec
    input="$tmp/$1.txt"
    shift
    declare -A best=()
    for _ in $(seq "$rounds"); do
        for bin in $BINARIES; do
            s=$(date +%s.%N)
            "$bin" -j 1 "$@" "$input" > "$tmp/out"
            e=$(date +%s.%N)
            t=$(echo "$e - $s" | bc)
            cur="${best[$bin]:-999}"
            best[$bin]=$(echo "if ($t < $cur) $t else $cur" | bc)
        done
    done
    line="$*:"
    for bin in $BINARIES; do line="$line $(printf %.3f "${best[$bin]}")"; done
    echo "$line"
    unset best
done
