"""Shared fixtures: the zhnorm CLI (the reference every result is compared with) and the
generated corpus."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402


def _cli_path() -> Path:
    if os.environ.get("ZHNORM_CLI"):
        return Path(os.environ["ZHNORM_CLI"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    exe = target / "release" / "zhnorm"
    if not exe.exists():
        subprocess.run(
            ["cargo", "build", "--release", "--quiet", "-p", "zhnorm-cli"],
            cwd=REPO,
            check=True,
        )
    return exe


@pytest.fixture(scope="session")
def cli() -> Path:
    """The CLI binary ($ZHNORM_CLI, or target/release/zhnorm, built if missing)."""
    return _cli_path()


class Reference:
    """Converts rows with the CLI: every non-null row becomes one file of a tree that
    `zhnorm -w` rewrites in place in a single run."""

    def __init__(self, exe: Path, tmp: Path) -> None:
        self.exe = exe
        self.tmp = tmp
        self.runs = 0

    def rows(self, rows: Sequence[Optional[str]], args: Sequence[str]) -> List[Optional[str]]:
        self.runs += 1
        tree = self.tmp / f"cli-{self.runs}"
        tree.mkdir()
        paths: Dict[int, Path] = {}
        for i, r in enumerate(rows):
            if r is not None:
                p = tree / f"{i:07d}.txt"
                p.write_bytes(r.encode("utf-8"))
                paths[i] = p
        proc = subprocess.run(
            # Rendered as the Python API renders (-w alone keeps markup as written).
            [str(self.exe), *args, "--quiet", "--no-config-file", "--markup", "render", "--glob", "*.txt", "-w", str(tree)],
            capture_output=True,
        )
        assert proc.returncode == 0, proc.stderr.decode()
        return [paths[i].read_bytes().decode("utf-8") if i in paths else None for i in range(len(rows))]

    def text(self, text: str, args: Sequence[str]) -> str:
        proc = subprocess.run(
            [str(self.exe), *args, "--quiet", "--no-config-file"],
            input=text.encode("utf-8"),
            capture_output=True,
        )
        assert proc.returncode == 0, proc.stderr.decode()
        return proc.stdout.decode("utf-8")


@pytest.fixture(scope="session")
def reference(cli: Path, tmp_path_factory: pytest.TempPathFactory) -> Reference:
    return Reference(cli, tmp_path_factory.mktemp("reference"))


@pytest.fixture(scope="session")
def rows() -> List[Optional[str]]:
    """3 000 generated rows (mixed scripts, markup, nulls, empty strings, long rows)."""
    return corpus.rows(3000)
