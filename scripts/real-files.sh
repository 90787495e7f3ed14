#!/usr/bin/env bash
# Downloads the real translation files of tests/data/real/ again (see its README):
# Sphinx's catalogues (PyPI), Docusaurus's locales (npm) and CLDR's Hong Kong XML (Debian).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/tests/data/real"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
pip download --no-deps -q sphinx==8.2.3 -d .
python3 -m zipfile -e sphinx-8.2.3-py3-none-any.whl sphinx
for l in zh_CN zh_TW zh_HK; do
    cp "sphinx/sphinx/locale/$l/LC_MESSAGES/sphinx.po" "$dest/sphinx/$l.po"
done
cp sphinx/sphinx-8.2.3.dist-info/licenses/LICENSE.rst "$dest/sphinx/LICENSE"
npm pack -q @docusaurus/theme-translations@3.9.2 >/dev/null
tar xzf docusaurus-theme-translations-3.9.2.tgz
for v in zh-Hans zh-Hant; do
    for f in theme-common theme-search-algolia; do
        cp "package/locales/$v/$f.json" "$dest/docusaurus/$v.$f.json"
    done
done
cp package/LICENSE "$dest/docusaurus/LICENSE"
apt-get download unicode-cldr-core=41-0.1 >/dev/null
dpkg-deb -x unicode-cldr-core_41-0.1_all.deb cldr
cp cldr/usr/share/unicode/cldr/common/main/zh_Hant_HK.xml "$dest/cldr/"
cp cldr/usr/share/doc/unicode-cldr-core/copyright "$dest/cldr/LICENSE"
echo "real files updated in $dest"
