#!/usr/bin/env bash
# A longer fuzzing run than CI's: each target explores for MINUTES (5 by default) from its
# checked-in seeds (fuzz/corpus/TARGET) and the inputs earlier runs found
# (tests/data/fuzz/TARGET), one target after the other, one fuzzer process at a time.
#
#   scripts/fuzz.sh                       # every target, 5 minutes each
#   scripts/fuzz.sh -m 8 convert          # convert for 8 minutes
#   scripts/fuzz.sh -m 2 document rules   # two targets, 2 minutes each
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz --locked`).
# New coverage goes to fuzz/explore/TARGET (scratch, git-ignored; the next run starts from
# it too). A finding (failed assertion, crash, timeout, memory blow-up) stops that target:
# libFuzzer saves the input in fuzz/artifacts/TARGET/, this script shrinks it (at most a
# minute, `cargo fuzz tmin`) into fuzz/findings/TARGET/ and says how to keep it as a
# regression. The last lines give, per target: minutes, runs, corpus size, findings.
# Exit status: 1 if any target found something.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
minutes=5
while getopts "m:h" opt; do
    case $opt in
        m) minutes=$OPTARG ;;
        *) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[[ $minutes =~ ^[0-9]+$ && $minutes -ge 1 ]] || { echo "fuzz.sh: -m takes whole minutes" >&2; exit 2; }
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(convert document rules parallel)

cd "$root/fuzz"
summary=()
found=0
for target in "${targets[@]}"; do
    [ -f "fuzz_targets/$target.rs" ] || { echo "fuzz.sh: no target $target" >&2; exit 2; }
    # As in .ci/run: `parallel` (inputs of 0.2–1.6 MB) without AddressSanitizer and with a
    # longer timeout per input; the others with it.
    sanitizer=address timeout=5
    [ "$target" = parallel ] && sanitizer=none timeout=10
    explore="explore/$target" regressions="../tests/data/fuzz/$target"
    mkdir -p "$explore" "artifacts/$target" "findings/$target"
    seeds=("corpus/$target")
    [ -d "$regressions" ] && seeds+=("$regressions")
    log="$(mktemp)"
    before="$(ls "artifacts/$target" | wc -l)"
    echo "fuzz.sh: $target for $minutes min ($sanitizer sanitizer, log $log)"
    status=0
    cargo +nightly fuzz run --sanitizer "$sanitizer" "$target" "$explore" "${seeds[@]}" -- \
        -max_total_time=$((minutes * 60)) -timeout="$timeout" -rss_limit_mb=2048 \
        -max_len=4096 -print_final_stats=1 >"$log" 2>&1 || status=$?
    runs="$(awk '/stat::number_of_executed_units/ {print $2}' "$log")"
    corpus="$(ls "$explore" | wc -l)"
    new=()
    while IFS= read -r f; do new+=("$f"); done < <(ls -t "artifacts/$target" | head -n $(($(ls "artifacts/$target" | wc -l) - before)))
    if [ "$status" -ne 0 ] || [ ${#new[@]} -gt 0 ]; then
        found=1
        tail -n 40 "$log" >&2
        for f in "${new[@]}"; do
            out="findings/$target/$f"
            cargo +nightly fuzz tmin --sanitizer "$sanitizer" "$target" "artifacts/$target/$f" -- \
                -max_total_time=60 -timeout="$timeout" -exact_artifact_path="$out" >/dev/null 2>&1 ||
                true
            [ -s "$out" ] || cp "artifacts/$target/$f" "$out"
            echo "fuzz.sh: $target found a problem: fuzz/artifacts/$target/$f" \
                "(minimized: fuzz/$out, $(wc -c <"$out") bytes)" >&2
        done
        summary+=("$target: $minutes min, ${runs:-?} runs, corpus $corpus, findings ${#new[@]} (exit $status)")
    else
        summary+=("$target: $minutes min, ${runs:-?} runs, corpus $corpus, findings 0")
    fi
    rm -f "$log"
done

if [ "$found" -eq 1 ]; then
    cat >&2 <<'EOF'

To keep a finding as a regression (fuzz/README.md):
  1. replay it: cd fuzz && cargo +nightly fuzz run TARGET findings/TARGET/FILE
  2. copy it to tests/data/fuzz/TARGET/ (CI replays every file there on each run) and
     add a test in tests/fuzz_regressions.rs that fails before the fix;
  3. fix it, then run this script again.
EOF
fi
printf 'fuzz.sh: %s\n' "${summary[@]}"
exit "$found"
