#!/usr/bin/env bash
# Start-up, CLI wall time and peak memory, as reported in BENCHMARKS.md.
#   1. library set-up and first-call latency per target (fresh process each, median of 5);
#   2. CLI wall time on a one-line input with hyperfine, against a bare process copying
#      the file (`cat`) and, when built, OpenCC 1.4.2's own CLI;
#   3. peak RSS converting a 100 MB input (/usr/bin/time -v).
# Needs: hyperfine (Debian package; installed here when missing and apt-get is usable).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if ! command -v hyperfine >/dev/null; then
    apt-get install -y -qq hyperfine >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
fi
cargo build --release --quiet --bin zhnorm
cargo build --release --quiet -p zhnorm-compare --example startup
# Cargo writes where CARGO_TARGET_DIR says, if set.
built="${CARGO_TARGET_DIR:-$root/target}"
bin="$built/release/zhnorm"
startup="$built/release/examples/startup"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "## Set-up and first call (µs, median of 5 fresh processes)"
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for pt in "zhnorm hans" "zhnorm hant" "zhnorm tw" "zhnorm hk" "zhnorm cn" "zhnorm s2t" "zhnorm t2s" "zhnorm s2twp" "zhnorm tw2sp" \
          "zhconv zh-hant" "zhconv zh-hans" "zhconv zh-tw" "ferrous s2t" "ferrous t2s" "ferrous s2twp"; do
    set -- $pt
    s=$(for i in 1 2 3 4 5; do "$startup" "$1" "$2" | awk '{print $3}'; done | median)
    f=$(for i in 1 2 3 4 5; do "$startup" "$1" "$2" | awk '{print $4}'; done | median)
    echo "$1 $2: set-up ${s} µs, first call ${f} µs"
done

echo
echo "## CLI wall time, one line of input"
printf '汉字和頭髮，软件与網絡。\n' > "$tmp/line.txt"
cmds=(
    "cat $tmp/line.txt"
    "$bin --to hans $tmp/line.txt"
    "$bin --to hant $tmp/line.txt"
    "$bin --to tw $tmp/line.txt"
    "$bin --config s2t $tmp/line.txt"
    "$bin --config s2twp $tmp/line.txt"
)
occ="$root/target/opencc-1.4.2"
if [ -x "$occ/bin/opencc" ]; then
    cmds+=("$occ/bin/opencc -c $occ/share/opencc/s2t.json -i $tmp/line.txt")
fi
hyperfine -N --warmup 5 --runs 100 --export-markdown "$tmp/cli.md" "${cmds[@]}" >/dev/null
cat "$tmp/cli.md"

echo
echo "## Peak RSS converting 100 MB"
python3 - "$root/tests/data/opencc/benchmark/zuozhuan.txt" "$tmp/big.txt" <<'PY'
import sys
t = open(sys.argv[1], encoding='utf-8').read()
open(sys.argv[2], 'w', encoding='utf-8').write(t * (100_000_000 // len(t.encode()) + 1))
PY
rss() { /usr/bin/time -f "%e s, %M KB max RSS" "$@" > /dev/null; }
for args in "--to hant" "--to hans" "--config s2t" "--to hant -j 1" "--to hant -j 2"; do
    echo -n "zhnorm $args: "; rss "$bin" $args "$tmp/big.txt" 2>&1 | tail -1
done
if [ -x "$occ/bin/opencc" ]; then
    echo -n "opencc -c s2t: "; rss "$occ/bin/opencc" -c "$occ/share/opencc/s2t.json" -i "$tmp/big.txt" 2>&1 | tail -1
fi
