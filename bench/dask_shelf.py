"""A shelf through Dask: the batch API (``ingredient_check.batch``) mapped over partitions (issue 16).

    pip install 'ingredient-check[dask]'
    python bench/dask_shelf.py SHELF.csv OUT.csv [--partitions 8] [--workers 2] [--scheduler ADDRESS]

Reads a shelf with a header ``name,type,ingredients`` (``gen_shelf.py`` writes one), one physical
line per row, into a Dask DataFrame, maps ``batch.check_frame`` over its partitions on a local
cluster (or the scheduler at ``--scheduler``), and writes the result in the row order of the input:
the same file ``ingredient-check shelf SHELF.csv --format csv`` writes (``tests/test_batch.py``
checks that on a local cluster). Row numbers and line numbers are computed from the input's order;
a file whose quoted cells hold line breaks needs its line numbers from the reader that knows them.
"""

from __future__ import annotations

import argparse
import sys


def check_shelf_with_dask(path: str, partitions: int = 4, client=None):
    """The shelf's records as a pandas DataFrame (``batch.CSV_COLUMNS``), computed by Dask."""
    import dask.dataframe as dd  # noqa: PLC0415
    import pandas as pd  # noqa: PLC0415

    from ingredient_check.batch import check_frame, empty_frame  # noqa: PLC0415

    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.insert(0, "row", range(1, len(frame) + 1))
    frame["line"] = frame["row"] + 1  # the header is line 1
    parts = dd.from_pandas(frame, npartitions=partitions)
    result = parts.map_partitions(check_frame, ingredients="ingredients", name="name", product_type="type",
                                  meta=empty_frame())
    return (client.compute(result).result() if client is not None else result.compute()).sort_index()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("shelf")
    ap.add_argument("out")
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--scheduler", help="address of a running Dask scheduler (default: a local cluster)")
    args = ap.parse_args(argv)
    from dask.distributed import Client, LocalCluster  # noqa: PLC0415

    if args.scheduler:
        client = Client(args.scheduler)
    else:
        client = Client(LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                     dashboard_address=None))
    with client:
        result = check_shelf_with_dask(args.shelf, args.partitions, client)
    result.to_csv(args.out, index=False, lineterminator="\r\n")  # the csv module's line ends, as the CLI writes
    print(f"{len(result):,} products checked; wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
