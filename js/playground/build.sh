#!/usr/bin/env bash
# Builds the playground into a folder any static host serves (default: js/dist/playground,
# or the first argument): its files, the browser build of the package (zhnorm.js and
# zhnorm_bg.wasm from js/npm/web, made by js/build.sh), and sw.js stamped with a hash of
# them all so that a new build replaces the offline cache.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../dist/playground}"
web="$here/../npm/web"
[ -f "$web/zhnorm_bg.wasm" ] || { echo "js/playground/build.sh: run js/build.sh first" >&2; exit 1; }
mkdir -p "$out"
cp "$here/index.html" "$here/app.js" "$here/style.css" "$web/zhnorm.js" "$web/zhnorm_bg.wasm" "$out/"
stamp="$(cd "$out" && cat index.html app.js style.css zhnorm.js zhnorm_bg.wasm "$here/sw.js" | sha256sum | cut -c1-16)"
sed "s/zhnorm-playground-VERSION/zhnorm-playground-$stamp/" "$here/sw.js" >"$out/sw.js"
echo "js/playground/build.sh: $(cd "$out" && pwd) ($(du -sk "$out" | cut -f1) KiB)"
