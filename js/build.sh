#!/usr/bin/env bash
# Builds the npm package `zhnorm` in js/npm: the wasm crate (js/Cargo.toml) for
# wasm32-unknown-unknown in release, then wasm-bindgen's glue twice: a CommonJS build for
# Node (js/npm/node, the .wasm read from beside it synchronously) and an ES module build
# for browsers and bundlers (js/npm/web, the .wasm fetched by URL). Prints the .wasm's
# size raw and gzipped. Then `npm pack` in js/npm makes the tarball.
#
# Needs: rustup target add wasm32-unknown-unknown; wasm-bindgen-cli of exactly the
# wasm-bindgen version in js/Cargo.lock (cargo install --locked wasm-bindgen-cli
# --version V). Arguments are passed to cargo build (e.g. --no-default-features: the
# tables stored uncompressed). Environment: CARGO_TARGET_DIR (default: target/ at the
# repository root).
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(cd .. && pwd)/target}"

want="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)"
have="$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" || true
if [ "$want" != "$have" ]; then
    echo "js/build.sh: need wasm-bindgen-cli $want (js/Cargo.lock), found '${have:-none}':" >&2
    echo "  cargo install --locked wasm-bindgen-cli --version $want" >&2
    exit 1
fi

# Panic messages name source files: without the checkout's and CARGO_HOME's paths the .wasm
# is the same from any folder (RUSTFLAGS with --target reach no build script).
repo="$(cd .. && pwd)"
export RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=$repo=zhnorm --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=cargo"
cargo build --locked --release --target wasm32-unknown-unknown "$@"
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/zhnorm_wasm.wasm"

rm -f npm/node/zhnorm.js npm/node/zhnorm.d.ts npm/node/zhnorm_bg.wasm* \
    npm/web/zhnorm.js npm/web/zhnorm.d.ts npm/web/zhnorm_bg.wasm*
wasm-bindgen --target nodejs --out-dir npm/node --out-name zhnorm "$wasm"
wasm-bindgen --target web --out-dir npm/web --out-name zhnorm "$wasm"
# The typings of the .wasm's raw exports are not part of the package.
rm -f npm/node/zhnorm_bg.wasm.d.ts npm/web/zhnorm_bg.wasm.d.ts
# Both targets emit the same .wasm: the package holds it once, in web/, and the Node glue
# reads it from there.
cmp -s npm/node/zhnorm_bg.wasm npm/web/zhnorm_bg.wasm ||
    { echo "js/build.sh: the nodejs and web targets made different .wasm files" >&2; exit 1; }
rm npm/node/zhnorm_bg.wasm
sed -i 's|^const wasmPath = `${__dirname}/zhnorm_bg.wasm`;$|const wasmPath = `${__dirname}/../web/zhnorm_bg.wasm`;|' npm/node/zhnorm.js
grep -q '/../web/zhnorm_bg.wasm' npm/node/zhnorm.js ||
    { echo "js/build.sh: wasm-bindgen's Node glue no longer names its .wasm as expected" >&2; exit 1; }

raw=$(stat -c %s npm/web/zhnorm_bg.wasm)
gz=$(gzip -9 -c npm/web/zhnorm_bg.wasm | wc -c)
echo "js/build.sh: zhnorm_bg.wasm: $raw bytes ($((raw / 1024)) KiB), gzip -9: $gz bytes ($((gz / 1024)) KiB)${*:+ ($*)}"
