"""The three engine examples (examples/python/) on a generated Parquet dataset, checked
row by row against the CLI."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "python"


@pytest.fixture(scope="module")
def dataset(rows, tmp_path_factory):
    """The corpus as a Parquet file with an id column, in three row groups."""
    path = tmp_path_factory.mktemp("data") / "corpus.parquet"
    table = pa.table({"id": pa.array(range(len(rows)), pa.int64()), "text": pa.array(rows, pa.string())})
    pq.write_table(table, path, row_group_size=1000)
    return path


@pytest.fixture(scope="module")
def expected(rows, reference):
    return reference.rows(rows, ["--to", "hant", "--format", "plain"])


def read_sorted(path):
    table = pq.read_table(path).sort_by("id")
    return table.column("id").to_pylist(), table.column("text").to_pylist()


def run(args, env=None, timeout=600):
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=timeout)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-5000:]


def test_dask(dataset, expected, tmp_path):
    pytest.importorskip("dask.dataframe")
    pytest.importorskip("distributed")
    out = tmp_path / "out"
    run([str(EXAMPLES / "dask_normalize.py"), str(dataset), str(out), "--to", "hant", "--workers", "2"])
    ids, texts = read_sorted(out)
    assert ids == list(range(len(expected)))
    assert texts == expected


def test_datasets(dataset, expected, rows, tmp_path, monkeypatch):
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    # In process, on a dataset made in memory.
    sys.path.insert(0, str(EXAMPLES))
    try:
        from datasets_normalize import normalize_dataset
    finally:
        sys.path.remove(str(EXAMPLES))
    ds = datasets.Dataset.from_dict({"id": list(range(len(rows))), "text": rows})
    out = normalize_dataset(ds, "text", "hant", batch_size=700)
    assert out["text"] == expected and out["id"] == list(range(len(rows)))
    # The script, on the Parquet file, with two processes.
    env = dict(os.environ, HF_DATASETS_OFFLINE="1", HF_HOME=str(tmp_path / "hf"))
    dst = tmp_path / "out.parquet"
    run([str(EXAMPLES / "datasets_normalize.py"), str(dataset), str(dst), "--num-proc", "2"], env=env)
    ids, texts = read_sorted(dst)
    assert ids == list(range(len(expected))) and texts == expected


def test_spark(dataset, expected, tmp_path):
    pytest.importorskip("pyspark")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java 17 (Debian: openjdk-17-jre-headless)")
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    out = tmp_path / "out"
    run([str(EXAMPLES / "spark_normalize.py"), str(dataset), str(out), "--to", "hant", "--master", "local[2]"],
        env=env)
    ids, texts = read_sorted(out)
    assert ids == list(range(len(expected)))
    assert texts == expected


def test_readme_parquet_snippet(dataset, expected, tmp_path, monkeypatch):
    """The README's one-machine Parquet example, run as written."""
    readme = (EXAMPLES.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Normalizing a corpus", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    assert "convert_arrow" in code
    shutil.copy(dataset, tmp_path / "corpus.parquet")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    ids, texts = read_sorted(tmp_path / "corpus-hant.parquet")
    assert texts == expected
