#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit (from PyPI,
# pinned) on a temporary Git repository with a Simplified Markdown file staged:
#   1. `pre-commit try-repo THIS zhnorm-check --files …` fails and lists the finding;
#   2. `pre-commit try-repo THIS zhnorm-fix --files …` rewrites the file;
#   3. the README's `.pre-commit-config.yaml` (`args: [--to, tw]`, no zhnorm.toml) fails on
#      a new file and passes the fixed one; a file excluded by zhnorm.toml alone passes.
# try-repo and `repo:` clone this repository at HEAD (uncommitted changes: try-repo copies
# them into a temporary commit; step 3 sees HEAD only), so commit first.
# pre-commit installs the hooks' environment (`pip install .` of the root pyproject.toml:
# maturin and a release build of the CLI, with cargo --locked) three times: try-repo
# uses a store of its own each time, step 3 a scratch PRE_COMMIT_HOME. cargo builds into
# CARGO_TARGET_DIR (default: this checkout's target/), so the crates.io dependencies are
# built once; zhnorm and its CLI, in a new clone each time, are built each time (about a
# minute on 2 cores).
#
#   bash scripts/pre-commit-test.sh
#
# Needs: git, python3 with venv, Rust, and PyPI and crates.io (or cargo's cache) reachable.
set -euo pipefail

PRE_COMMIT_VERSION=4.7.0
root="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
export PIP_DISABLE_PIP_VERSION_CHECK=1
start=$SECONDS

fail() {
    echo "scripts/pre-commit-test.sh: $*" >&2
    exit 1
}

# The root pyproject.toml (what pre-commit installs) builds the wheel of python/cli: the
# same but for the paths of the readme and the manifest, and the opening comment.
same() {
    grep -v '^#' "$1" | sed -e '/^readme = /d' -e '/^manifest-path = /d'
}
diff <(same "$root/python/cli/pyproject.toml") <(same "$root/pyproject.toml") ||
    fail "pyproject.toml and python/cli/pyproject.toml differ (beyond readme and manifest-path)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/pre-commit-home"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q "pre-commit==$PRE_COMMIT_VERSION"
pre_commit="$work/venv/bin/pre-commit"

repo="$work/repo"
mkdir -p "$repo/docs/vendor"
cd "$repo"
git init -q
git config user.email test@example.invalid
git config user.name test
git config commit.gpgsign false
printf 'to = "tw"\nexclude = ["docs/vendor/**"]\n' >zhnorm.toml
printf '# 说明\n\n软件和鼠标。\n' >docs/a.md
printf '软件\n' >docs/vendor/v.md
git add zhnorm.toml docs
# (pre-commit prints the log of a failed hook on standard output.)
run() {
    local expect=$1 log=$2
    shift 2
    local status=0
    "$@" >"$work/$log" 2>&1 || status=$?
    if [ "$status" -ne "$expect" ]; then
        cat "$work/$log" >&2
        fail "expected exit status $expect, got $status: $*"
    fi
}

# 1. The check fails and lists the findings, path:line:column; the file is unchanged.
run 1 check.log "$pre_commit" try-repo "$root" zhnorm-check --files docs/a.md
grep -q 'docs/a.md:1:3: 说 → 說' "$work/check.log" &&
    grep -q 'docs/a.md:3:1: 软件 → 軟體' "$work/check.log" ||
    { cat "$work/check.log" >&2; fail "zhnorm-check: the findings are not listed"; }
[ "$(cat docs/a.md)" = "$(printf '# 说明\n\n软件和鼠标。')" ] || fail "zhnorm-check changed docs/a.md"
echo "scripts/pre-commit-test.sh: zhnorm-check failed with the findings, as it should ($((SECONDS - start)) s, hook environment built)"

# 2. The fix rewrites the file (pre-commit fails: files were modified).
run 1 fix.log "$pre_commit" try-repo "$root" zhnorm-fix --files docs/a.md
grep -q 'files were modified by this hook' "$work/fix.log" ||
    { cat "$work/fix.log" >&2; fail "zhnorm-fix: pre-commit did not see the file rewritten"; }
[ "$(cat docs/a.md)" = "$(printf '# 說明\n\n軟體和滑鼠。')" ] ||
    fail "zhnorm-fix: docs/a.md is not rewritten: $(cat docs/a.md)"
git add docs/a.md
echo "scripts/pre-commit-test.sh: zhnorm-fix rewrote docs/a.md ($((SECONDS - start)) s)"

# 3. The README's configuration: `repo:` this repository at HEAD, the target in `args`
#    (zhnorm.toml moved away): the new file fails, the fixed one passes. Then, with
#    zhnorm.toml back, a file of its excluded folder alone is nothing to check.
rev="$(git -C "$root" rev-parse HEAD)"
cat >.pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: zhnorm-check
        args: [--to, tw]
YAML
git rm -q --cached zhnorm.toml && mv zhnorm.toml "$work/zhnorm.toml"
printf '头发\n' >docs/b.txt
git add .pre-commit-config.yaml docs/b.txt
run 1 config.log "$pre_commit" run --files docs/a.md docs/b.txt
grep -q 'docs/b.txt:1:1: 头发 → 頭髮' "$work/config.log" ||
    { cat "$work/config.log" >&2; fail "args: [--to, tw]: the finding is not listed"; }
! grep -q 'docs/a.md' "$work/config.log" ||
    { cat "$work/config.log" >&2; fail "docs/a.md has findings after zhnorm-fix"; }
mv "$work/zhnorm.toml" zhnorm.toml && git add zhnorm.toml
run 0 excluded.log "$pre_commit" run --files docs/vendor/v.md
echo "scripts/pre-commit-test.sh: the README's configuration works; an excluded file passes"
echo "scripts/pre-commit-test.sh: pre-commit $PRE_COMMIT_VERSION hooks: 4 passed, 0 failed ($((SECONDS - start)) s)"
