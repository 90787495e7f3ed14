#!/usr/bin/env bash
# Tests the npm package as a user gets it: `npm pack` of js/npm (built by js/build.sh),
# installed into a new empty folder, then js/test/*.test.{mjs,cjs} run there with Node's
# test runner (`import` and `require` of "zhnorm", the browser build in Node), every
# result compared with the CLI's on the repository's test data.
#
# With js/node_modules installed (npm ci in js/), the typings are also compiled as an ES
# module and a CommonJS user would (js/test/types, tsc --noEmit, strict).
#
# Environment: ZHNORM_CLI (the zhnorm binary; default: built here with cargo in release),
# CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")"
js="$(pwd)"
repo="$(cd .. && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
if [ -z "${ZHNORM_CLI:-}" ]; then
    cargo build --release -q -p zhnorm-cli --manifest-path "$repo/Cargo.toml"
    ZHNORM_CLI="$CARGO_TARGET_DIR/release/zhnorm"
fi
[ -f npm/web/zhnorm_bg.wasm ] && [ -f npm/node/zhnorm.js ] || { echo "js/test.sh: run js/build.sh first" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
tarball="$(cd npm && npm pack --silent --pack-destination "$tmp" | tail -n 1)"
echo "js/test.sh: $tarball: $(stat -c %s "$tmp/$tarball") bytes"
mkdir "$tmp/app"
cp test/*.test.mjs test/*.test.cjs test/cli.mjs "$tmp/app/"
cd "$tmp/app"
echo '{ "name": "zhnorm-test", "private": true }' >package.json
npm install --silent --no-audit --no-fund --offline "$tmp/$tarball"
ZHNORM_CLI="$ZHNORM_CLI" ZHNORM_REPO="$repo" node --test ./*.test.mjs ./*.test.cjs
if [ -x "$js/node_modules/.bin/tsc" ]; then
    cp -r "$js/test/types" "$tmp/app/types"
    "$js/node_modules/.bin/tsc" -p "$tmp/app/types/tsconfig.json"
    echo "js/test.sh: the typings compile (tsc $("$js/node_modules/.bin/tsc" --version | awk '{ print $2 }'), strict, ESM and CommonJS)"
else
    echo "js/test.sh: WARNING: typings NOT checked (no js/node_modules/.bin/tsc: run npm ci in js/)" >&2
fi
