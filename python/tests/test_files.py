"""convert_file writes as the CLI's -o does (one atomic writer, zhnorm-atomic): an
unpredictable temporary file with the destination's mode, never a planted symlink
followed; concurrent writers of one file never mixed; links, FIFOs and hard links kept
as they are; a source read once, so pipes and FIFOs work with format="auto"."""

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import zhnorm

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX files (FIFOs, modes, links)")

# Big enough for several 64 KiB writes, so that interleaved writers would mix.
LINES = 3000


def lines(tag: str) -> str:
    return "".join(f"{tag} 第{i}行：头发、后来、发展。\n" for i in range(LINES))


def converted(text: str) -> str:
    return zhnorm.Converter("hant").convert(text)


def no_temporaries(folder: Path) -> bool:
    return not [p for p in os.listdir(folder) if ".zhnorm-" in p]


def run_with_timeout(target, seconds: float = 60.0):
    """Runs `target` in a thread; returns (finished, result or exception)."""
    box = {}

    def run():
        try:
            box["result"] = target()
        except BaseException as e:  # noqa: BLE001 - reported to the test
            box["error"] = e

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    if "error" in box:
        raise box["error"]
    return not t.is_alive(), box.get("result")


def test_a_planted_symlink_at_a_temporary_name_is_not_followed(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text(lines("a"), encoding="utf-8")
    dst = tmp_path / "out.txt"
    victim = tmp_path / "victim.txt"
    victim.write_text("not yours", encoding="utf-8")
    # Names a temporary file could be given: the predictable one of older versions
    # (.NAME.zhnorm-PID.tmp) and a few more of the same shape.
    planted = [tmp_path / f".out.txt.zhnorm-{os.getpid()}.tmp"]
    planted += [tmp_path / f".out.txt.zhnorm-{k:016x}.tmp" for k in range(4)]
    for p in planted:
        p.symlink_to(victim)
    zhnorm.Converter("hant").convert_file(src, dst)
    assert victim.read_text(encoding="utf-8") == "not yours"
    assert dst.read_text(encoding="utf-8") == converted(lines("a"))
    assert not dst.is_symlink()
    for p in planted:
        assert p.is_symlink() and os.readlink(p) == str(victim)


def test_threads_writing_one_file_never_mix(tmp_path):
    sources = []
    for k in range(4):
        p = tmp_path / f"in{k}.txt"
        p.write_text(lines(f"源{k}") * 4, encoding="utf-8")
        sources.append(p)
    outputs = {converted(lines(f"源{k}") * 4) for k in range(4)}
    dst = tmp_path / "out.txt"
    c = zhnorm.Converter("hant")
    errors = []
    for _ in range(20):
        start = threading.Barrier(4)

        def write(src):
            start.wait()
            try:
                c.convert_file(src, dst)
            except Exception as e:  # noqa: BLE001 - every writer must succeed
                errors.append(e)

        threads = [threading.Thread(target=write, args=(s,)) for s in sources]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        assert dst.read_text(encoding="utf-8") in outputs
    assert no_temporaries(tmp_path)


def test_the_destination_mode_is_kept(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("头发\n", encoding="utf-8")
    dst = tmp_path / "secret.txt"
    dst.write_text("old", encoding="utf-8")
    os.chmod(dst, 0o600)
    zhnorm.Converter("hant").convert_file(src, dst)
    assert stat.S_IMODE(dst.stat().st_mode) == 0o600
    assert dst.read_text(encoding="utf-8") == "頭髮\n"


def test_a_symlink_destination_keeps_the_link(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("头发\n", encoding="utf-8")
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    zhnorm.Converter("hant").convert_file(src, link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == "頭髮\n"
    assert no_temporaries(tmp_path)


def test_a_fifo_destination_is_written_and_stays_a_fifo(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text(lines("a"), encoding="utf-8")
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got = {}

    def read():
        with open(fifo, "rb") as f:
            got["bytes"] = f.read()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    finished, _ = run_with_timeout(lambda: zhnorm.Converter("hant").convert_file(src, fifo))
    if not finished or reader.is_alive():
        # Unblock whichever side still waits, so that the test ends.
        fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
        os.close(fd)
    reader.join(60)
    assert finished
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got.get("bytes", b"").decode("utf-8") == converted(lines("a"))
    assert no_temporaries(tmp_path)


def test_a_hard_linked_destination_is_refused(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("头发\n", encoding="utf-8")
    dst = tmp_path / "a.txt"
    dst.write_text("old", encoding="utf-8")
    other = tmp_path / "b.txt"
    os.link(dst, other)
    with pytest.raises(OSError, match="2 hard links"):
        zhnorm.Converter("hant").convert_file(src, dst)
    assert dst.read_text(encoding="utf-8") == "old"
    assert other.read_text(encoding="utf-8") == "old"
    assert os.stat(dst).st_ino == os.stat(other).st_ino
    assert no_temporaries(tmp_path)


def feed(path_or_fd, text: str):
    """Writes `text` to a FIFO path or a pipe's write end, then closes it."""

    def write():
        try:
            if isinstance(path_or_fd, int):
                with os.fdopen(path_or_fd, "wb") as f:
                    f.write(text.encode("utf-8"))
            else:
                with open(path_or_fd, "wb") as f:
                    f.write(text.encode("utf-8"))
        except BrokenPipeError:
            pass

    t = threading.Thread(target=write, daemon=True)
    t.start()
    return t


def convert_in_child(src: str, dst: Path, fmt, pass_fds=()) -> subprocess.CompletedProcess:
    """convert_file in a child process, killed after a minute: a hang (a FIFO opened twice,
    with the GIL held) fails the test instead of blocking it."""
    script = (
        "import sys, zhnorm\n"
        "fmt = None if sys.argv[3] == 'None' else sys.argv[3]\n"
        "zhnorm.Converter('hant').convert_file(sys.argv[1], sys.argv[2], fmt)\n"
    )
    try:
        return subprocess.run(
            [sys.executable, "-c", script, src, str(dst), str(fmt)],
            capture_output=True,
            timeout=60,
            pass_fds=pass_fds,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"convert_file hung on {src}")


@pytest.mark.parametrize("fmt", ["auto", "plain", None])
def test_a_fifo_source_is_read_once(tmp_path, fmt):
    text = "-{头发}- " + lines("管道")
    fifo = tmp_path / "in"
    os.mkfifo(fifo)
    dst = tmp_path / "out.txt"
    writer = feed(fifo, text)
    try:
        proc = convert_in_child(str(fifo), dst, fmt)
    finally:
        if writer.is_alive():
            # The writer still waits for a reader (the child was killed): give it one.
            os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        writer.join(60)
    assert proc.returncode == 0, proc.stderr.decode()
    assert dst.read_text(encoding="utf-8") == zhnorm.Converter("hant").convert(text)


def test_a_pipe_source_loses_nothing(tmp_path):
    text = lines("管道")
    r, w = os.pipe()
    dst = tmp_path / "out.txt"
    writer = feed(w, text)
    try:
        proc = convert_in_child(f"/dev/fd/{r}", dst, "auto", pass_fds=(r,))
    finally:
        os.close(r)
        writer.join(60)
    assert proc.returncode == 0, proc.stderr.decode()
    assert dst.read_text(encoding="utf-8") == converted(text)
