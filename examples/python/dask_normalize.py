"""Normalize a text column of a Parquet dataset with Dask and zhnorm.

    python dask_normalize.py INPUT OUTPUT [--column text] [--to hant] [--workers 2]
    python dask_normalize.py INPUT OUTPUT --scheduler tcp://scheduler:8786   # a cluster

Every partition's column goes to `Converter.convert_arrow` as an Arrow array (pandas
keeps Arrow-backed strings), so no Python object is made per row.
"""

import argparse

import pandas as pd
import pyarrow as pa


def normalize_partition(df: pd.DataFrame, column: str, to: str = "hant", config: str = None) -> pd.DataFrame:
    """Converts `column` of one pandas partition (nulls stay missing)."""
    import zhnorm

    converter = zhnorm.Converter(config=config) if config else zhnorm.Converter(to)
    out = converter.convert_arrow(pa.array(df[column], from_pandas=True, type=pa.large_string()))
    df = df.copy()
    df[column] = pd.Series(pd.arrays.ArrowExtensionArray(out), index=df.index, name=column).astype(df[column].dtype)
    return df


def main(argv=None) -> None:
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--column", default="text")
    p.add_argument("--to", default="hant")
    p.add_argument("--config", help="an OpenCC config instead of --to")
    p.add_argument("--workers", type=int, default=2, help="local cluster size")
    p.add_argument("--scheduler", help="address of an existing Dask scheduler")
    args = p.parse_args(argv)

    cluster = None if args.scheduler else LocalCluster(n_workers=args.workers, threads_per_worker=1, dashboard_address=None)
    client = Client(args.scheduler or cluster)
    try:
        df = dd.read_parquet(args.input)
        out = df.map_partitions(normalize_partition, args.column, args.to, args.config, meta=df._meta)
        out.to_parquet(args.output, write_index=False)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


if __name__ == "__main__":
    main()
