"""Where a shelf's time goes, part by part, in one process (issue 7; the figures in bench/README.md).

    python bench/parts.py [--rows 20000] [--seed 7]

On the seeded synthetic shelf of ``gen_shelf.py`` (and the same shelf with no typos), it prints:

- a product whose spellings are all known: ``check_label`` and the whole row, memos warm; the
  verdict's stages (``split_label``, ``classify_layout``, ``finish``, ``decide``) each timed alone;
  a jsonl row, and its JSON by ``report.json_line`` against ``json.dumps(to_json(...))``;
- a spelling seen for the first time (a typo): its whole cost, then parsing the segment, the exact
  readings it must fail, and the fuzzy correction;
- the simple-list test (``parse.is_simple``) against the one regular expression it replaces;
- ``fold`` on ASCII names against the full list of steps;
- the fuzzy index: build time, memory (tracemalloc) and how many deletions come from one word;
- the typos' memo: how many segment readings the shelf makes with its two generations, and with one
  memo of the same total size emptied when full;
- the garbage collector: a shelf checked with the default thresholds and with the batch tuning.

Timings are medians of 5 passes (microseconds, or seconds for whole runs). In-process figures leave
out start-up, reading and writing: ``speed.py`` measures whole runs against the floor.
"""

from __future__ import annotations

import argparse
import gc
import json
import re
import statistics
import sys
import time
import tracemalloc
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_shelf  # noqa: E402

from ingredient_check.check import check_label  # noqa: E402
from ingredient_check import classify as classify_module  # noqa: E402
from ingredient_check.classify import Classifier  # noqa: E402
from ingredient_check.memo import BoundedMemo  # noqa: E402
from ingredient_check.data import load_index  # noqa: E402
from ingredient_check import fold as fold_module  # noqa: E402
from ingredient_check.fold import fold, fold_ascii, fold_steps  # noqa: E402
from ingredient_check.parse import _ITEM_MEMO as parse_memo, NOT_SIMPLE_PATTERN, _item_parts, is_simple, read_segment  # noqa: E402
from ingredient_check.shelf import Columns, RawRow, RowChecker, _batch_gc  # noqa: E402
from ingredient_check.label_rules import finish  # noqa: E402
from ingredient_check.parse import split_label  # noqa: E402
from ingredient_check.read import MAX_ITEMS  # noqa: E402
from ingredient_check.report import json_line, to_json  # noqa: E402
from ingredient_check.timeline import Options, decide  # noqa: E402


def per_item(fn, items, passes: int = 5) -> float:
    """Median microseconds of fn(item) over the items."""
    runs = []
    for _ in range(passes):
        t = time.perf_counter()
        for x in items:
            fn(x)
        runs.append((time.perf_counter() - t) / max(1, len(items)) * 1e6)
    return statistics.median(runs)


def _cold_pass(cold, fn, items) -> float:
    """Microseconds of fn(item) over the items, the memos emptied first."""
    cold()
    t = time.perf_counter()
    for x in items:
        fn(x)
    return (time.perf_counter() - t) / max(1, len(items)) * 1e6


def verdict_stages(c: Classifier, texts: list[str], options: Options) -> list[tuple[str, float]]:
    """Median microseconds of each stage of ``check_label`` on products of known spellings, each stage
    timed alone over every text (so memory effects of running them in sequence are left out)."""
    layouts = [split_label(x) for x in texts]
    readings = [c.classify_layout(lay, MAX_ITEMS) for lay in layouts]
    starts = [tuple(k.start for k in lay.components) for lay in layouts]
    items = [finish(c, list(r.ingredients), s) for r, s in zip(readings, starts)]
    timeline = c.index["timeline"]
    return [("split_label", per_item(split_label, texts)),
            ("classify_layout", per_item(lambda lay: c.classify_layout(lay, MAX_ITEMS), layouts)),
            ("finish", per_item(lambda k: finish(c, list(readings[k].ingredients), starts[k]), range(len(texts)))),
            ("decide", per_item(lambda i: decide(i, timeline, options, []), items))]


def shelf_rows(rows: int, seed: int, typo_rate: float) -> list[str]:
    gen = gen_shelf.ShelfGenerator(gen_shelf.load_vocabulary(), seed, typo_rate)
    return [gen.product(i)[2] for i in range(1, rows + 1)]


def unbounded() -> Classifier:
    c = Classifier(load_index())
    c._plain.cap = c._plain_typos.cap = c._other.cap = 10**9
    c.vocab.fuzzy_index()
    return c


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    texts = shelf_rows(args.rows, args.seed, gen_shelf.TYPO_RATE)
    clean = shelf_rows(args.rows, args.seed, 0.0)
    options = Options()
    print(f"shelf: {args.rows:,} products (seed {args.seed}), and the same with no typos")

    # -- a product whose spellings are all known --------------------------------------------------
    c = unbounded()
    for x in clean:
        check_label(x, options, c)
    verdict = per_item(lambda x: check_label(x, options, c), clean)
    checker = RowChecker(Columns(2, 0, None, 3), options, fmt="csv", classifier=c)
    raws = [RawRow(i, i + 1, (f"p{i}", "", x)) for i, x in enumerate(clean, 1)]
    checker._cache.clear()
    row = per_item(checker, raws, passes=1)
    print(f"known spellings: {verdict:.1f} us a product for the verdict, {row:.1f} us for the whole row (memos warm)")
    print("  the verdict's stages: " + ", ".join(f"{name} {us:.1f} us" for name, us in verdict_stages(c, clean, options)))
    jsonl = RowChecker(Columns(2, 0, None, 3), options, fmt="jsonl", classifier=c)
    jsonl._cache.clear()
    reports = [check_label(x, options, c) for x in clean[:2000]]
    for r in reports:  # the item memo warm, as on a shelf
        json_line(r, c.sources, "check_status", {}, c)
    line = per_item(lambda r: json_line(r, c.sources, "check_status", {}, c), reports)
    whole = per_item(lambda r: json.dumps(to_json(r, c.sources, c), ensure_ascii=False), reports)
    print(f"  a jsonl row: {per_item(jsonl, raws, passes=1):.1f} us the whole row; its JSON by report.json_line "
          f"{line:.1f} us, by json.dumps(to_json(...)) {whole:.1f} us")

    # -- a spelling seen for the first time -------------------------------------------------------
    counts = Counter(s for x in texts for s in x.split(","))
    c = unbounded()
    for x in texts[: args.rows // 10]:
        check_label(x, options, c)
    fresh = [s for s, n in counts.items() if n == 1 and s not in c._plain][:20_000]
    def cold() -> None:  # empty the memos a first sighting goes through, so every pass misses
        for memo in (c._plain_typos, c._other, c._item_memo, c.vocab._memo, fold_module._MEMO, parse_memo):
            memo.clear()

    runs = []
    for _ in range(3):
        cold()
        t = time.perf_counter()
        for s in fresh:
            c._segment_reading(s, False)
        runs.append((time.perf_counter() - t) / len(fresh) * 1e6)
    items = [f.name for f in (read_segment(s, False)[0] for s in fresh) if f is not None and f.name]
    parse = per_item(lambda s: _item_parts(s, False), fresh, passes=3)
    exact = statistics.median(_cold_pass(cold, c.resolve_exact, items) for _ in range(3))
    keys = [fold(name) for name in items]
    fuzzy = statistics.median(_cold_pass(cold, c.vocab._fuzzy_lookup, keys) for _ in range(3))
    print(f"first sightings: {len(fresh):,} typo'd segments, {statistics.median(runs):.1f} us each "
          f"(parsing {parse:.1f}, the exact readings of the name {exact:.1f}, the fuzzy correction {fuzzy:.1f})")

    # -- the simple-list test ---------------------------------------------------------------------
    reference = re.compile(NOT_SIMPLE_PATTERN)
    print(f"simple-list test: is_simple {per_item(is_simple, texts):.1f} us a list, "
          f"the one regular expression {per_item(reference.search, texts):.1f} us")

    # -- fold -------------------------------------------------------------------------------------
    names = sorted({s.strip() for s in counts if s.isascii()})[:20_000]
    print(f"fold: {per_item(fold_steps, names):.2f} us an ASCII name by the full steps, "
          f"{per_item(fold_ascii, names):.2f} us by the ASCII path (and a memo for the repeats of one miss)")

    # -- the fuzzy index --------------------------------------------------------------------------
    c = Classifier(load_index())
    t = time.perf_counter()
    c.vocab.fuzzy_index()
    build = time.perf_counter() - t
    c = Classifier(load_index())
    tracemalloc.start()  # a second build for its size: tracing slows the allocations it counts
    fz = c.vocab.fuzzy_index()
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    single = sum(1 for b in fz.deletes.values() if type(b) is str)
    print(f"fuzzy index: built in {build * 1000:.0f} ms, {size / 1e6:.0f} MB; {len(fz.deletes):,} deletions, "
          f"{single / len(fz.deletes):.1%} from one word (stored as the word, not a list)")

    # -- the typos' memo: segment readings a shelf makes, two generations against one memo emptied when full
    made = {}
    reads = [0]
    real_read = classify_module.read_segment

    def counted(*a, **k):
        reads[0] += 1
        return real_read(*a, **k)

    classify_module.read_segment = counted
    try:
        for label in ("generations", "one"):
            c = Classifier(load_index())
            cap = c._plain_typos.cap
            if label == "one":  # the same memory at most: one memo of both generations' size
                c._plain_typos = BoundedMemo(2 * cap)
            reads[0] = 0
            for x in texts:
                check_label(x, options, c)
            made[label] = reads[0]
    finally:
        classify_module.read_segment = real_read
    print(f"typos' memo: {made['generations']:,} segment readings over the shelf with two generations of "
          f"{cap:,} (memo.GenerationMemo), {made['one']:,} with one memo of {2 * cap:,} emptied when full")

    # -- the garbage collector --------------------------------------------------------------------
    raws = [RawRow(i, i + 1, (f"p{i}", "", x)) for i, x in enumerate(texts, 1)]
    timings = {}
    for label in ("default", "batch", "default", "batch"):
        checker = RowChecker(Columns(2, 0, None, 3), options, fmt="csv", classifier=Classifier(load_index()))
        checker.classifier.vocab.fuzzy_index()
        gc.collect()
        t = time.perf_counter()
        if label == "batch":
            with _batch_gc():
                for r in raws:
                    checker(r)
        else:
            for r in raws:
                checker(r)
        timings.setdefault(label, []).append(time.perf_counter() - t)
    d, b = min(timings["default"]), min(timings["batch"])
    print(f"garbage collector: {args.rows:,} rows in {d:.2f} s with the default thresholds, {b:.2f} s tuned "
          f"for the batch ({(d - b) / d:.0%} less)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
