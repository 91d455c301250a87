"""shelf: batch-check a CSV of products, one record per data row, in input order, streaming.

The whole pipeline is ``check_shelf``: a path or a binary stream in, ``Record``s out. Each job has a
module of its own, and its docstring says what real files do there:

- ``shelf_reader``: decoding (UTF-8, Windows-1252 line by line, UTF-16), delimiter sniffing, line
  ends and limits, one ``RawRow`` at a time;
- ``shelf_columns``: which cell holds the name, the ingredients and the type; type words;
- ``shelf_rows``: one row to one ``Record`` through ``check_label`` (the road every label takes);
- ``shelf_batch``: one process or worker processes, in order, and the collector's tuning;
- ``shelf_output``: CSV rows, table lines and the closing summary.

The names are re-exported here, so ``from ingredient_check.shelf import ...`` keeps working.
"""

from __future__ import annotations

import contextlib
from typing import Iterator

from .shelf_batch import CHUNK_ROWS, _batch_gc, check_rows
from .shelf_columns import INGREDIENTS_HEADERS, NAME_HEADERS, TYPE_HEADERS, Columns, find_columns, map_product_type
from .shelf_output import CSV_COLUMNS, Summary, csv_row, short_date, table_header, table_line, verdict_text
from .shelf_reader import RawRow, ShelfReader, Warn, sniff_delimiter
from .shelf_rows import Limits, Record, RowChecker, display_name
from .timeline import Options

__all__ = [
    "NAME_HEADERS", "INGREDIENTS_HEADERS", "TYPE_HEADERS", "CSV_COLUMNS", "CHUNK_ROWS", "Columns", "Limits", "RawRow",
    "Record", "ShelfReader", "RowChecker", "Summary", "find_columns", "map_product_type", "check_rows",
    "check_shelf", "shelf_records", "csv_row", "short_date", "table_header", "table_line", "verdict_text", "display_name",
    "sniff_delimiter", "_batch_gc",
]


@contextlib.contextmanager
def shelf_records(source, *, options: Options | None = None, name_column: str | None = None,
                  ingredients_column: str | None = None, type_column: str | None = None, encoding: str | None = None,
                  limits: Limits = Limits(), fmt: str = "table", jobs: int = 1, warn: Warn | None = None,
                  where: str | None = None) -> Iterator[tuple[ShelfReader, Iterator[Record]]]:
    """The pipeline's reader (its ``bytes_read`` and ``total_bytes`` drive a progress bar) and its
    records, a generator closed on leaving. Raises InputError for an unusable file or a missing
    column on entering, before any row is checked."""
    with ShelfReader(source, where, encoding, limits.max_bytes, warn) as reader:
        columns = find_columns(reader.headers, name_column, ingredients_column, type_column, warn, reader.where)
        records = check_rows(reader.rows(), columns, options or Options(), limits, fmt, jobs)
        try:
            yield reader, records
        finally:
            records.close()


def check_shelf(source, **kwargs) -> Iterator[Record]:
    """The whole pipeline for library use: a path or binary stream in, Records out (a generator).
    Keyword arguments as for ``shelf_records``."""
    with shelf_records(source, **kwargs) as (_, records):
        yield from records
