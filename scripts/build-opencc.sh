#!/usr/bin/env bash
# Builds OpenCC 1.4.2 (static library, its tools and its compiled dictionaries) from the
# PyPI source package into target/opencc-1.4.2, for the optional `opencc` cargo feature.
# Debian ships only OpenCC 1.1.x; opencc-rust 2.0.2 needs >= 1.4.
#
#   scripts/build-opencc.sh            # build once (skipped when already built)
#   eval "$(scripts/build-opencc.sh --env)"   # export OPENCC_* for cargo
#
# Needs: python3 with pip, a C++17 compiler, make; cmake (installed with pip if missing).
set -euo pipefail

VERSION=1.4.2
root="$(cd "$(dirname "$0")/.." && pwd)"
prefix="$root/target/opencc-$VERSION"

if [[ "${1:-}" == "--env" ]]; then
    echo "export OPENCC_DIR='$prefix' OPENCC_INCLUDE_DIRS='$prefix/include' OPENCC_LIB_DIRS='$prefix/lib'"
    echo "export OPENCC_LIBS=opencc:marisa OPENCC_STATIC=1 OPENCC_DYLIB_STDCPP=1 ZHNORM_OPENCC_DATA='$prefix/share/opencc'"
    exit 0
fi

if [[ -f "$prefix/lib/libopencc.a" && -f "$prefix/share/opencc/s2t.json" ]]; then
    echo "OpenCC $VERSION already built in $prefix"
    exit 0
fi

if ! command -v cmake >/dev/null; then
    python3 -m pip install --quiet cmake
fi

work="$root/target/opencc-build"
rm -rf "$work"
mkdir -p "$work"
# Only OpenCC itself from source; its build tools (cmake, setuptools) as wheels.
python3 -m pip download --quiet --no-deps --no-binary opencc "opencc==$VERSION" -d "$work"
tar -xzf "$work/opencc-$VERSION.tar.gz" -C "$work"
cmake -S "$work/opencc-$VERSION" -B "$work/build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
    -DBUILD_SHARED_LIBS=OFF \
    -DOPENCC_ENABLE_INSTALL=ON \
    -DBUILD_PYTHON=OFF -DENABLE_GTEST=OFF -DENABLE_BENCHMARK=OFF -DBUILD_DOCUMENTATION=OFF \
    >"$work/cmake.log"
cmake --build "$work/build" -j "$(nproc)" >"$work/build.log"
cmake --install "$work/build" >"$work/install.log"
# The bundled marisa is built as its own static library; install it beside libopencc.a.
if [[ ! -f "$prefix/lib/libmarisa.a" ]]; then
    find "$work/build" -name 'libmarisa.a' -exec cp {} "$prefix/lib/" \;
fi
ls "$prefix/lib"
echo "OpenCC $VERSION built in $prefix"
