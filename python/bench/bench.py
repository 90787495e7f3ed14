"""zhnorm's Python API beside the Python peers, on the same data, in one run.

    bash scripts/corpora.sh                      # benches/data/hans.txt, hant.txt (once)
    python python/bench/bench.py [--spark | --spark-only] [--quick] > table.md

Data (from the Tang-poem corpus of scripts/corpora.sh): 100 000 short rows (titles: the
corpus cut at sentence ends, 2–40 characters) and 1 000 long documents (~10 KB each,
consecutive lines), in Simplified (for s2t) and in Traditional (for t2s).

Each engine runs in its own worker process (the `opencc` package and
opencc-python-reimplemented are both the module `opencc`; the latter is loaded from the
folder given by --reimplemented, installed there with
`pip install --no-deps --target DIR opencc-python-reimplemented`). A figure is the best of
three runs after a warm-up; pure-Python peers run on a tenth of the rows. MB/s counts
input UTF-8 bytes. `--spark` also times the Spark job of examples/python on local[2] with
zhnorm and with the `opencc` package.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "benches" / "data"


def load(kind: str, script: str, quick: bool):
    text = (DATA / f"{script}.txt").read_text(encoding="utf-8")
    lines = [l for l in text.split("\n") if l]
    if kind == "short":
        pieces = [p for p in re.split(r"(?<=[。！？；\n])", "\n".join(lines)) if p.strip()]
        pieces = [p.strip()[:40] for p in pieces if len(p.strip()) >= 2]
        n = 10_000 if quick else 100_000
        return [pieces[i % len(pieces)] for i in range(n)]
    docs, cur, size, i = [], [], 0, 0
    n = 100 if quick else 1_000
    while len(docs) < n:
        line = lines[i % len(lines)]
        i += 1
        cur.append(line)
        size += len(line.encode())
        if size >= 10_000:
            docs.append("\n".join(cur) + "\n")
            cur, size = [], 0
    return docs


def best(fn, runs=3):
    fn()  # warm-up (tables loaded, caches warm)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def worker(engine: str, kind: str, direction: str, quick: bool) -> dict:
    """Times one engine in this process; prints {mode: seconds, rows, bytes}."""
    script = "hans" if direction == "s2t" else "hant"
    rows = load(kind, script, quick)
    results = {}
    if engine.startswith("zhnorm"):
        import pyarrow as pa
        import zhnorm

        if engine == "zhnorm-config":
            c = zhnorm.Converter(config=direction)
        else:
            c = zhnorm.Converter("hant" if direction == "s2t" else "hans")
        array = pa.array(rows, pa.string())
        results["convert (loop)"] = best(lambda: [c.convert(r) for r in rows])
        results["convert_batch, 1 thread"] = best(lambda: c.convert_batch(rows, threads=1))
        results["convert_batch"] = best(lambda: c.convert_batch(rows))
        results["convert_arrow, 1 thread"] = best(lambda: c.convert_arrow(array, threads=1))
        results["convert_arrow"] = best(lambda: c.convert_arrow(array))
    elif engine == "opencc":
        import opencc

        cc = opencc.OpenCC(direction)
        results["convert (loop)"] = best(lambda: [cc.convert(r) for r in rows])
    elif engine == "opencc-pyo3":
        import opencc_pyo3

        cc = opencc_pyo3.OpenCC(direction)
        results["convert (loop)"] = best(lambda: [cc.convert(r) for r in rows])
    elif engine == "zhconv-rs":
        import zhconv_rs

        conv = zhconv_rs.make_converter("zh-hant" if direction == "s2t" else "zh-hans", [])
        results["convert (loop)"] = best(lambda: [conv(r) for r in rows])
    elif engine == "opencc-python-reimplemented":
        import opencc

        cc = opencc.OpenCC(direction)
        rows = rows[: max(1, len(rows) // 10)]
        results["convert (loop)"] = best(lambda: [cc.convert(r) for r in rows], runs=1)
    else:
        raise SystemExit(f"unknown engine {engine}")
    n_bytes = sum(len(r.encode()) for r in rows)
    return {"rows": len(rows), "bytes": n_bytes, "seconds": results}


def overhead() -> dict:
    """Nanoseconds per row for trivial rows (nothing to convert): the Python-side cost."""
    import pyarrow as pa
    import zhnorm

    c = zhnorm.Converter(config="s2t")
    n = 1_000_000
    rows = ["a"] * n
    array = pa.array(rows, pa.string())
    out = {}
    out["convert (loop)"] = best(lambda: [c.convert(r) for r in rows[:200_000]]) / 200_000
    out["convert_batch, 1 thread"] = best(lambda: c.convert_batch(rows, threads=1)) / n
    out["convert_arrow, 1 thread"] = best(lambda: c.convert_arrow(array, threads=1)) / n
    h = zhnorm.Converter("hant")
    out["convert_arrow, 1 thread, to=hant (document mode)"] = best(lambda: h.convert_arrow(array, threads=1)) / n
    return {k: v * 1e9 for k, v in out.items()}


def spark(quick: bool) -> dict:
    """Wall time of the example Spark job (read Parquet, convert a column, write) on
    local[2], with zhnorm's convert_arrow and with the `opencc` package row by row."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from pyspark.sql import SparkSession

    sys.path.insert(0, str(ROOT / "examples" / "python"))
    from spark_normalize import normalize_batches, opencc_batches

    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / "zhnorm-bench-spark"
    tmp.mkdir(exist_ok=True)
    out = {}
    spark = (
        SparkSession.builder.master("local[2]").appName("zhnorm-bench")
        .config("spark.ui.enabled", "false").getOrCreate()
    )
    try:
        for kind, n in (("short", 3_000_000), ("long", 6_000)):
            rows = load(kind, "hans", quick)
            rows = [rows[i % len(rows)] for i in range(n // (10 if quick else 1))]
            path = tmp / f"{kind}.parquet"
            pq.write_table(pa.table({"text": rows}), path, row_group_size=50_000 if kind == "short" else 200)
            n_bytes = sum(len(r.encode()) for r in rows)
            df = spark.read.parquet(str(path)).repartition(4).cache()
            df.count()
            for name, fn in (("zhnorm convert_arrow, config=s2t", normalize_batches("text", config="s2t")),
                             ("zhnorm convert_arrow, to=hant", normalize_batches("text", to="hant")),
                             ("opencc 1.4.2 s2t, row by row", opencc_batches("text", "s2t"))):
                def job():
                    df.mapInArrow(fn, df.schema).write.format("noop").mode("overwrite").save()
                out[(kind, name)] = (best(job, runs=2), len(rows), n_bytes)
            df.unpersist()
    finally:
        spark.stop()
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--worker", nargs=3, metavar=("ENGINE", "KIND", "DIRECTION"))
    p.add_argument("--quick", action="store_true", help="a tenth of the data, for a smoke test")
    p.add_argument("--spark", action="store_true", help="also time the Spark job")
    p.add_argument("--spark-only", action="store_true", help="only time the Spark job")
    p.add_argument("--reimplemented", default=str(ROOT / ".venv" / "reimpl"),
                   help="folder holding opencc-python-reimplemented (pip install --target)")
    args = p.parse_args()
    if args.worker:
        print(json.dumps(worker(*args.worker, args.quick)))
        return
    if not (DATA / "hans.txt").exists():
        raise SystemExit("run `bash scripts/corpora.sh` first (builds benches/data/)")

    engines = ["zhnorm-config", "zhnorm-normalize", "opencc", "opencc-pyo3", "zhconv-rs",
               "opencc-python-reimplemented"]
    labels = {
        "zhnorm-config": "zhnorm `Converter(config=…)`",
        "zhnorm-normalize": "zhnorm `Converter(to=hant/hans)` (normalize, markup)",
        "opencc": "opencc 1.4.2 (C++ OpenCC)",
        "opencc-pyo3": "opencc-pyo3",
        "zhconv-rs": "zhconv-rs (zh-hant / zh-hans)",
        "opencc-python-reimplemented": "opencc-python-reimplemented (pure Python; 1/10 of rows)",
    }
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; best of 3 after a warm-up.\n")
    for kind in () if args.spark_only else ("short", "long"):
        title = "100 000 short rows (titles)" if kind == "short" else "1 000 long documents (~10 KB)"
        print(f"#### {title}\n")
        print("| engine | call | s2t rows/s | s2t MB/s | t2s rows/s | t2s MB/s |")
        print("|---|---|---:|---:|---:|---:|")
        fastest_peer = {}
        zh = {}
        for engine in engines:
            res = {}
            for direction in ("s2t", "t2s"):
                env = dict(os.environ)
                if engine == "opencc-python-reimplemented":
                    env["PYTHONPATH"] = args.reimplemented
                cmd = [sys.executable, __file__, "--worker", engine, kind, direction]
                if args.quick:
                    cmd.append("--quick")
                proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
                if proc.returncode != 0:
                    print(f"<!-- {engine} {direction} failed: {proc.stderr.strip().splitlines()[-1:]} -->")
                    continue
                res[direction] = json.loads(proc.stdout)
            modes = next(iter(res.values()))["seconds"].keys() if res else []
            for mode in modes:
                cells = []
                for direction in ("s2t", "t2s"):
                    r = res.get(direction)
                    if not r:
                        cells += ["—", "—"]
                        continue
                    s = r["seconds"][mode]
                    rps, mbs = r["rows"] / s, r["bytes"] / s / 1e6
                    cells += [f"{rps:,.0f}", f"{mbs:.1f}"]
                    if engine.startswith("zhnorm"):
                        zh[(engine, mode, direction)] = rps
                    elif rps > fastest_peer.get(direction, (0.0, ""))[0]:
                        fastest_peer[direction] = (rps, engine)
                print(f"| {labels[engine]} | {mode} | " + " | ".join(cells) + " |")
        print()
        for direction in ("s2t", "t2s"):
            if direction in fastest_peer:
                rps, peer = fastest_peer[direction]
                arrow = zh.get(("zhnorm-config", "convert_arrow", direction), 0)
                one = zh.get(("zhnorm-config", "convert_arrow, 1 thread", direction), 0)
                norm = zh.get(("zhnorm-normalize", "convert_arrow", direction), 0)
                print(f"- {direction}: `convert_arrow` with `config=` is {arrow / rps:.1f}× the fastest peer "
                      f"({peer}; {one / rps:.1f}× on 1 thread); with `to=` (normalization) {norm / rps:.1f}×")
        print()
    if not args.spark_only:
        proc = subprocess.run([sys.executable, __file__, "--worker", "overhead", "-", "-"],
                              capture_output=True, text=True)
        print("#### Per-row Python overhead (1 000 000 one-character ASCII rows, nothing to convert)\n")
        print("| call | ns/row |")
        print("|---|---:|")
        for k, v in json.loads(proc.stdout).items():
            print(f"| {k} | {v:.0f} |")
        print()
    if args.spark or args.spark_only:
        print("#### Spark job (the functions of examples/python/spark_normalize.py; local[2]; "
              "Simplified input cached in memory, 4 partitions; output to the `noop` sink; best of 2)\n")
        print("| data | engine | seconds | rows/s | MB/s |")
        print("|---|---|---:|---:|---:|")
        for (kind, name), (s, n, b) in spark(args.quick).items():
            data = f"{n:,} short rows" if kind == "short" else f"{n:,} long documents"
            print(f"| {data} | {name} | {s:.2f} | {n / s:,.0f} | {b / s / 1e6:.1f} |")
        print()


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1:3] == ["--worker", "overhead"]:
        print(json.dumps(overhead()))
    else:
        main()
