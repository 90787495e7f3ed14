"""Normalize a text column of a Hugging Face dataset with zhnorm.

    python datasets_normalize.py INPUT.parquet OUTPUT.parquet [--column text] [--to hant] [--num-proc 2]

`Dataset.map(batched=True)` over the dataset in Arrow format hands each batch to
`Converter.convert_arrow` as a `pyarrow.Table` column: no Python object per row.
"""

import argparse

import pyarrow as pa


def normalize_dataset(dataset, column: str = "text", to: str = "hant", config: str = None,
                      batch_size: int = 1000, num_proc: int = None):
    """Returns `dataset` with `column` converted."""

    def convert(batch: pa.Table) -> pa.Table:
        import zhnorm

        converter = zhnorm.Converter(config=config) if config else zhnorm.Converter(to)
        i = batch.schema.get_field_index(column)
        return batch.set_column(i, batch.schema.field(i), converter.convert_arrow(batch.column(i)))

    return dataset.with_format("arrow").map(convert, batched=True, batch_size=batch_size,
                                            num_proc=num_proc).with_format(None)


def main(argv=None) -> None:
    from datasets import Dataset

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input")
    p.add_argument("output")
    p.add_argument("--column", default="text")
    p.add_argument("--to", default="hant")
    p.add_argument("--config", help="an OpenCC config instead of --to")
    p.add_argument("--num-proc", type=int, default=None)
    args = p.parse_args(argv)
    dataset = Dataset.from_parquet(args.input)
    normalize_dataset(dataset, args.column, args.to, args.config, num_proc=args.num_proc).to_parquet(args.output)


if __name__ == "__main__":
    main()
