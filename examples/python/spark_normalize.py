"""Normalize a text column of a Parquet dataset with Spark and zhnorm.

    spark-submit spark_normalize.py INPUT OUTPUT [--column text] [--to hant | --config s2t]
    python spark_normalize.py INPUT OUTPUT --master 'local[2]'

Each Arrow batch of the column goes to `Converter.convert_arrow` through `mapInArrow`:
no Python object per row, the GIL released, the batch's rows on the executor's cores.
On a cluster, every executor needs the `zhnorm` wheel installed (or shipped with
`--py-files`/an archive of a virtual environment); the script does not change.
"""

import argparse
from typing import Iterator

import pyarrow as pa
from pyspark.sql import SparkSession


def normalize_batches(column: str, to: str = "hant", config: str = None, format: str = "plain"):
    """A `mapInArrow` function converting `column` in every record batch."""

    def convert(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import zhnorm  # imported on the executor

        converter = zhnorm.Converter(config=config) if config else zhnorm.Converter(to, format=format)
        for batch in batches:
            i = batch.schema.get_field_index(column)
            arrays = list(batch.columns)
            arrays[i] = converter.convert_arrow(arrays[i])
            yield pa.RecordBatch.from_arrays(arrays, schema=batch.schema)

    return convert


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--column", default="text")
    p.add_argument("--to", default="hant")
    p.add_argument("--config", help="an OpenCC config instead of --to")
    p.add_argument("--format", default="plain", help="plain, wikitext, markdown or auto")
    p.add_argument("--master", help="e.g. local[2]; spark-submit sets it otherwise")
    p.add_argument("--engine", default="zhnorm", choices=["zhnorm", "opencc"],
                   help="opencc: the same job with the `opencc` package (for comparison)")
    args = p.parse_args(argv)

    builder = SparkSession.builder.appName("zhnorm-normalize")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        df = spark.read.parquet(args.input)
        if args.engine == "opencc":
            fn = opencc_batches(args.column, args.config or "s2t")
        else:
            fn = normalize_batches(args.column, args.to, args.config, args.format)
        df.mapInArrow(fn, df.schema).write.mode("overwrite").parquet(args.output)
    finally:
        spark.stop()


def opencc_batches(column: str, config: str):
    """The same job calling OpenCC's own Python package, row by row (benchmarks only)."""

    def convert(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import opencc

        cc = opencc.OpenCC(config)
        for batch in batches:
            i = batch.schema.get_field_index(column)
            arrays = list(batch.columns)
            rows = arrays[i].to_pylist()
            arrays[i] = pa.array([None if r is None else cc.convert(r) for r in rows], type=arrays[i].type)
            yield pa.RecordBatch.from_arrays(arrays, schema=batch.schema)

    return convert


if __name__ == "__main__":
    main()
