#!/usr/bin/env bash
# The figures of BENCHMARKS.md's speed section (issue 12) that criterion does not give:
#   1. release binary size, and the embedded tables by kind;
#   2. the CLI on one 53 MB file (benches/data/hans.txt or hant.txt repeated 25 times),
#      zhnorm with one thread and with two, against zhconv-rs's CLI (zhconv-cli 0.3.2,
#      installed under target/ when missing), best of 3 wall times, outputs to a file.
# The library figures come from `cargo bench -p zhnorm-compare --features opencc --bench
# compare` and `scripts/compare-table.py`; the parallel library figures from
# `cargo run --release --example pp -- FILE VARIANT`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cargo build --release --quiet --bin zhnorm
# Cargo writes where CARGO_TARGET_DIR says, if set.
built="${CARGO_TARGET_DIR:-$root/target}"
bin="$built/release/zhnorm"
zc="$root/target/zhconv-cli/bin/zhconv"
if [ ! -x "$zc" ]; then
    cargo install --quiet --locked --root "$root/target/zhconv-cli" zhconv-cli@0.3.2
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "## Binary"
echo "zhnorm: $(stat -c %s "$bin") bytes; zhconv CLI: $(stat -c %s "$zc") bytes"
out="$(ls -td "$built"/release/build/zhnorm-*/out | head -1)"
echo "embedded tables: $(cat "$out"/table*.bin "$out"/family*.bin | wc -c) bytes" \
    "(family $(cat "$out"/family*.bin | wc -c), class and weight $(cat "$out"/class.bin "$out"/weight.bin | wc -c))"

for f in hans hant; do
    for i in $(seq 25); do cat "benches/data/$f.txt"; done > "$tmp/$f.txt"
done
best() { # best of 3 wall times of a command, output to $tmp/out
    local b=999 s e t
    for _ in 1 2 3; do
        s=$(date +%s.%N); "$@" > "$tmp/out"; e=$(date +%s.%N)
        t=$(echo "$e - $s" | bc); b=$(echo "if ($t < $b) $t else $b" | bc)
    done
    printf '%.3f' "$b"
}
echo
echo "## CLI on 53 MB, seconds (best of 3)"
echo "| input → target | zhnorm -j 1 | zhnorm -j 2 | zhconv CLI | -j 2 ÷ zhconv | -j 2 ÷ -j 1 |"
echo "|---|---:|---:|---:|---:|---:|"
for spec in "hans hant zh-hant" "hans tw zh-tw" "hant hans zh-hans" "hant cn zh-cn"; do
    set -- $spec
    j1=$(best "$bin" -j 1 --to "$2" "$tmp/$1.txt")
    j2=$(best "$bin" -j 2 --to "$2" "$tmp/$1.txt")
    z=$(best sh -c "\"$zc\" $3 < \"$tmp/$1.txt\"")
    echo "| $1 → $2 | $j1 | $j2 | $z | $(echo "scale=2; $z / $j2" | bc) | $(echo "scale=2; $j1 / $j2" | bc) |"
done

echo
echo "## Converter::table_bytes"
cargo run --release --quiet --example table_bytes
