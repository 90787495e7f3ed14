#!/usr/bin/env bash
# Wall time and peak memory of conversion against --check, --diff, --report json and -w on
# a batch of files (the speed issue, goal 5: --check and --diff within 2x of conversion).
#
#   scripts/bench-batch.sh [DIR [BIN...]]
#
# DIR: the batch (default /tmp/batch, made by scripts/batch.sh when missing). BIN: zhnorm
# binaries to compare (default: target/release/zhnorm, built here). Each command runs 3
# times; the best wall time is kept, with its peak RSS (/usr/bin/time). Outputs go to
# /dev/null; -w rewrites a fresh copy of DIR each time (the copy is not timed).
# JOBS=N adds `-j N` to every command (JOBS=1: everything on one thread); TARGETS sets
# the targets (default: "hans hant").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-/tmp/batch}"
shift || true
bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
    (cd "$root" && cargo build --release --quiet -p zhnorm-cli)
    bins=("${CARGO_TARGET_DIR:-$root/target}/release/zhnorm")
fi
[ -d "$dir" ] || "$root/scripts/batch.sh" "$dir"
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
jobs="${JOBS:+-j $JOBS}"
echo "$dir: $(find "$dir" -type f | wc -l) files, $(du -sm "$dir" | cut -f1) MB; $(nproc) cores${jobs:+; $jobs}"

# best BIN ARGS...: the best of 3 runs as "seconds KB".
best() {
    local t m out=""
    for _ in 1 2 3; do
        if [ "$2" = "-w" ]; then
            rm -rf "$copy/batch" && cp -r "$dir" "$copy/batch" && sync
            set -- "${@:1:$#-1}" "$copy/batch"
        fi
        /usr/bin/time -o "$copy/time" -f "%e %M" "$@" >/dev/null 2>&1 || true
        read -r t m < <(tail -n 1 "$copy/time")
        if [ -z "$out" ] || awk -v a="$t" -v b="${out%% *}" 'BEGIN { exit !(a < b) }'; then
            out="$t $m"
        fi
    done
    echo "$out"
}

echo
echo "| binary | target | mode | best of 3 (s) | max RSS (MB) | × conversion |"
echo "|---|---|---|---:|---:|---:|"
for bin in "${bins[@]}"; do
    for to in ${TARGETS:-hans hant}; do
        base=""
        for mode in "-o /dev/null" "--check" "--diff" "--check --report json" "-w"; do
            # shellcheck disable=SC2086 # the mode is several words, jobs none or two
            if [ "$mode" = "-w" ]; then
                r=$(best "$bin" -w --to "$to" -q $jobs "$dir")
            else
                r=$(best "$bin" --to "$to" -q $jobs $mode "$dir")
            fi
            s=${r%% *}
            kb=${r##* }
            [ -n "$base" ] || base=$s
            printf '| %s | %s | %s | %.2f | %d | %.2f |\n' "$bin" "$to" "$mode" "$s" \
                $((kb / 1024)) "$(awk -v a="$s" -v b="$base" 'BEGIN { print a / b }')"
        done
    done
done
