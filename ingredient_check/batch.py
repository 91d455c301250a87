"""batch: records in, records out; the function a distributed engine maps over a catalogue (issue 16).

``--jobs N`` spreads a shelf over one machine's cores. A catalogue of millions of products goes to an
engine that already spreads work over machines (Dask, Spark, Ray); each of them maps a function over
partitions of rows, in worker processes that share nothing with the caller. ``check_records`` is that
function: plain records in (mappings with an ingredients field, optionally a name, a type, a row and
a line number), one record per input out, with the fields of ``shelf --format csv`` (``CSV_COLUMNS``)
and the same values, as strings, exactly as the CSV writer prints them. ``check_frame`` does the same
for a pandas DataFrame (Dask's ``map_partitions``, Spark's ``mapInPandas``, Ray's ``map_batches``
with ``batch_format="pandas"``).

No global state has to travel: each call builds its row checker from its arguments (plain values
that pickle), and the classifier is loaded once per worker process from the installed lexicon index
(``classify.get_classifier``), as a ``--jobs`` worker does. A row goes through ``check_label``, so a
record's verdict is the one ``check`` and ``shelf`` give for the same text, type and options.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping

from .shelf_columns import Columns
from .shelf_output import CSV_COLUMNS, csv_row
from .shelf_reader import RawRow
from .shelf_rows import Limits, RowChecker
from .timeline import Options

__all__ = ["check_records", "check_frame", "empty_frame", "CSV_COLUMNS"]


def check_records(records: Iterable[Mapping[str, Any]], *, ingredients: str = "ingredients", name: str | None = "name",
                  product_type: str | None = None, row: str | None = "row", line: str | None = "line",
                  options: Options | None = None, limits: Limits = Limits()) -> Iterator[dict[str, str]]:
    """One output record (``CSV_COLUMNS`` -> text) per input record, in order.

    ``ingredients``, ``name`` and ``product_type`` name the input fields (a missing name or type
    field is read as none); ``row`` and ``line`` name fields holding the row's number and physical
    line in the source file, for output identical to ``shelf``'s: without them rows are numbered
    1, 2, ... in this call and the line is left blank.
    """
    checker = RowChecker(Columns(0, 1 if name else None, 2 if product_type else None, 3), options or Options(),
                         limits, "csv")
    for k, rec in enumerate(records, 1):
        fields = (_text(rec.get(ingredients)), _text(rec.get(name)) if name else "",
                  _text(rec.get(product_type)) if product_type else "")
        number = int(rec[row]) if row and rec.get(row) not in (None, "") else k
        at = int(rec[line]) if line and rec.get(line) not in (None, "") else 0
        out = csv_row(checker(RawRow(number, at, fields)))
        if not at:
            out[CSV_COLUMNS.index("line")] = ""
        yield {c: str(v) for c, v in zip(CSV_COLUMNS, out)}


def check_frame(frame, **kwargs):
    """``check_records`` over a pandas DataFrame's rows: a DataFrame of ``CSV_COLUMNS`` (strings),
    one row per input row, in order. Pass it to ``map_partitions`` with ``meta=empty_frame()``."""
    import pandas as pd  # noqa: PLC0415 - only where a DataFrame is given

    rows = list(check_records(frame.to_dict("records"), **kwargs))
    return pd.DataFrame(rows, columns=CSV_COLUMNS, index=frame.index, dtype=object)


def empty_frame():
    """The output's schema, for an engine that asks for it up front (Dask's ``meta``)."""
    import pandas as pd  # noqa: PLC0415

    return pd.DataFrame({c: pd.Series(dtype=object) for c in CSV_COLUMNS})


def _text(value: Any) -> str:
    """A cell as text: a missing value (None, NaN from pandas) is an empty cell."""
    if value is None or value != value:  # NaN is not equal to itself
        return ""
    return str(value)
