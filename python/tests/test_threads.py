"""threads=: capped as the CLI's -j (256), and a bounded number of pools kept."""

import os
import warnings

import pytest

import zhnorm

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc")


def threads_now() -> int:
    return len(os.listdir("/proc/self/task"))


def wait_for_threads_at_most(bound: int) -> int:
    """The process's thread count once it is at most `bound`, or after a minute: dropped
    pools end their threads asynchronously."""
    import time

    deadline = time.monotonic() + 60
    count = threads_now()
    while count > bound and time.monotonic() < deadline:
        time.sleep(0.05)
        count = threads_now()
    return count


def test_pools_are_bounded():
    pa = pytest.importorskip("pyarrow")
    c = zhnorm.Converter("hans")
    texts = ["頭髮"] * 200
    array = pa.array(texts)
    before = threads_now()
    for n in range(1, 100):
        assert c.convert_batch(texts, threads=n) == ["头发"] * 200
        assert c.convert_arrow(array, threads=n).to_pylist() == ["头发"] * 200
    # At most the pools of the last few sizes stay (96 to 99 threads each); 99 pools
    # of 1 to 99 threads kept forever would be 4,950 threads.
    bound = before + 4 * 99
    assert wait_for_threads_at_most(bound) <= bound


@pytest.mark.parametrize("n", [257, 10**12])
def test_threads_are_capped_like_the_cli_jobs(n):
    c = zhnorm.Converter("hans")
    with pytest.warns(RuntimeWarning, match=f"threads={n} is more threads than can help; using 256"):
        assert c.convert_batch(["頭髮"] * 100, threads=n) == ["头发"] * 100
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert c.convert_batch(["頭髮"], threads=256) == ["头发"]
    with pytest.raises(ValueError, match="threads must be at least 1"):
        c.convert_batch(["頭髮"], threads=0)
