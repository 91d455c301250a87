"""shelf_batch: rows checked in one process or several, records back in input order.

Batches (``check_rows``)
    One process, or ``jobs`` worker processes that each build their own classifier once. Chunks of
    rows go out in order and their records come back in order, at most a few chunks in flight: the
    output is identical to one process, and a 100,000-row file is never held in memory (``Pool.imap``
    would read the whole input ahead of the workers). A product repeated verbatim (same ingredients
    text and type) is answered from a small LRU cache; single ingredients are memoised by the
    classifier itself.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
from collections import deque
from typing import Iterable, Iterator

from .shelf_columns import Columns
from .shelf_reader import RawRow
from .shelf_rows import Limits, Record, RowChecker
from .timeline import Options

__all__ = ["CHUNK_ROWS", "check_rows"]

CHUNK_ROWS = 512


# ---------------------------------------------------------------------------------------------
# batches, in one process or several

_WORKER: RowChecker | None = None


def _init_worker(columns: Columns, options: Options, limits: Limits, fmt: str) -> None:
    global _WORKER  # noqa: PLW0603 - one checker per worker process
    _WORKER = RowChecker(columns, options, limits, fmt)
    _tune_gc()  # for the worker's life


# A batch allocates millions of short-lived objects and makes almost no reference cycles, while the
# collector's default thresholds rescan the growing memos again and again: 3 to 8% of a shelf's time
# (`python bench/parts.py`). Objects alive at the start are frozen out of the scans.
_BATCH_GC_THRESHOLD = (50_000, 20, 100)


def _tune_gc() -> tuple[tuple[int, ...], bool]:
    """Tune the collector for a batch; returns the old thresholds and whether anything was frozen."""
    old, frozen = gc.get_threshold(), gc.get_freeze_count() > 0
    gc.freeze()
    gc.set_threshold(*_BATCH_GC_THRESHOLD)
    return old, frozen


@contextlib.contextmanager
def _batch_gc() -> Iterator[None]:
    old, frozen = _tune_gc()
    try:
        yield
    finally:
        gc.set_threshold(*old)
        if not frozen:  # a caller's own frozen objects stay frozen
            gc.unfreeze()


def _work(chunk: list[RawRow]) -> list[Record]:
    assert _WORKER is not None
    return [_WORKER(raw) for raw in chunk]


def _chunks(rows: Iterable[RawRow], size: int) -> Iterator[list[RawRow]]:
    it = iter(rows)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def check_rows(rows: Iterable[RawRow], columns: Columns, options: Options, limits: Limits = Limits(),
               fmt: str = "table", jobs: int = 1, chunk_rows: int = CHUNK_ROWS) -> Iterator[Record]:
    """Records for rows, in order. With jobs > 1, worker processes check chunks of rows.

    At most ``4 * jobs`` chunks are in flight, so reading never runs far ahead of writing.
    Close the generator (or exhaust it) to stop the workers.
    """
    if jobs <= 1:
        checker = RowChecker(columns, options, limits, fmt)
        with _batch_gc():
            for raw in rows:
                yield checker(raw)
        return
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    from .classify import get_classifier  # noqa: PLC0415

    # built once here, so that forked workers inherit the index instead of each building its own
    get_classifier().vocab.fuzzy_index(complete=True)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(columns, options, limits, fmt))
    pending: deque = deque()
    try:
        for chunk in _chunks(rows, chunk_rows):
            pending.append(pool.submit(_work, chunk))
            if len(pending) >= 4 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
