"""Coverage: is every piece of every real label read, or skipped with a reason? (issue 12)

    python bench/coverage.py [--shared PATH] [--show N] [--list FILE] [--package DIR]

Runs ``check_label`` over every real label of the product files in ``<shared>/eval-data`` (the files
of ``bench/accuracy.py``'s unknown-item rate) and prints:

1. unaccounted characters: letters and digits of the input that are in no ingredient's span and no
   skipped region (target 0: nothing is dropped silently);
2. the skipped regions by reason, and those that name an ingredient the label's items do not hold
   (``Classifier.names_in``), for review: each must be a justified skip (a claim, a footnote legend,
   marketing text), never a list that was not read (``--list FILE`` writes them all, one per line);
3. the labels with more than one component (a kit, a drug-facts panel, a list before the heading);
4. the unknown-item rate (target: at most 1% of items).

``--package DIR`` measures the ingredient_check of another checkout (for a before/after figure, e.g.
a ``git worktree`` of an older commit). Code from before issue 12 has no skipped regions: for it the
letters and digits outside every item and every segment it set aside as prose are counted, and the
skipped-region figures are left out.

Exit status 0 whatever the figures (a report), 2 when ``--shared`` is absent. Product texts are read
from ``../shared`` at run time and never copied into the repository.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
if "--package" in sys.argv[:-1]:  # before the imports below: which ingredient_check to measure
    sys.path.insert(0, str(Path(sys.argv[sys.argv.index("--package") + 1]).resolve()))

from accuracy import DEFAULT_SHARED, INGREDIENT_COLUMNS, UNKNOWN_RATE_FILES, read_rows  # noqa: E402

from ingredient_check.check import check_label  # noqa: E402
from ingredient_check.classify import get_classifier  # noqa: E402
from ingredient_check.errors import InputError  # noqa: E402
from ingredient_check.parse import parse_label  # noqa: E402

TARGET_UNKNOWN_RATE = 0.01


def unaccounted(text: str, report) -> list[tuple[int, int]]:
    """Runs of letters and digits of ``text`` outside every item span and skipped region (with code
    from before skipped regions: outside every item and every segment set aside as prose)."""
    covered = bytearray(len(text))
    spare = report.skipped if hasattr(report, "skipped") else parse_label(text).prose
    for k in (*report.ingredients, *spare):
        covered[k.start:k.end] = b"\x01" * (k.end - k.start)
    runs: list[tuple[int, int]] = []
    for pos, ch in enumerate(text):
        if not covered[pos] and ch.isalnum():
            if runs and pos - runs[-1][1] <= 2:
                runs[-1] = (runs[-1][0], pos + 1)
            else:
                runs.append((pos, pos + 1))
    return runs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--show", type=int, default=10, help="examples to print per finding (default 10)")
    ap.add_argument("--package", type=Path, help="measure the ingredient_check of this checkout instead")
    ap.add_argument("--list", type=Path, help="write every skipped region that names an ingredient to this file")
    args = ap.parse_args(argv)
    if not (args.shared / "eval-data").is_dir():
        print(f"no eval-data under {args.shared}: nothing to measure", file=sys.stderr)
        return 2
    classifier = get_classifier()
    t0 = time.perf_counter()
    labels = items = unknown = lost_chars = lost_labels = multi = 0
    reasons: Counter = Counter()
    named_reasons: Counter = Counter()
    lost: list[str] = []
    named: list[str] = []
    kinds: Counter = Counter()
    for file in UNKNOWN_RATE_FILES:
        col = INGREDIENT_COLUMNS[file]
        for row_no, row in enumerate(read_rows(args.shared, file), 2):
            text = row.get(col) or ""
            if not text.strip():
                continue
            try:
                report = check_label(text, classifier=classifier)
            except InputError:
                continue
            labels += 1
            v = report.verdict
            items += len(v.ingredients)
            unknown += len(v.unknown) + len(getattr(v, "possible", ()))  # a "possible" item is not recognised either
            runs = unaccounted(text, report)
            if runs:
                lost_labels += 1
                lost_chars += sum(1 for a, b in runs for ch in text[a:b] if ch.isalnum())
                lost.append(f"{file}:{row_no}: " + " | ".join(repr(text[a:b][:80]) for a, b in runs[:4]))
            if len(getattr(report, "components", ())) > 1:
                multi += 1
                kinds[" + ".join(sorted({c.name.split()[0] if c.name else "list" for c in report.components}))] += 0
            read = {i.inci for i in report.ingredients}
            for k in getattr(report, "skipped", ()):
                reasons[k.reason] += 1
                found = [n for n in classifier.names_in(k.text) if n not in read]
                if found:
                    named_reasons[k.reason] += 1
                    named.append(f"{file}:{row_no}: [{k.reason}] {k.text[:160]!r} -> {', '.join(found[:5])}")
    elapsed = time.perf_counter() - t0
    rate = unknown / items if items else 0.0
    print(f"coverage over {labels:,} real labels, {items:,} items ({elapsed:.1f} s)")
    print(f"  unaccounted letters and digits: {lost_chars:,} in {lost_labels:,} labels (target 0)")
    for line in lost[:args.show]:
        print("    " + line)
    print(f"  labels with more than one component: {multi:,}")
    print(f"  skipped regions: {sum(reasons.values()):,}; naming an ingredient the items do not hold: "
          f"{sum(named_reasons.values()):,} (each to be a justified skip)")
    for reason, n in reasons.most_common():
        print(f"    {reason:<20} {n:>6,}   naming an ingredient: {named_reasons[reason]:,}")
    for line in named[:args.show]:
        print("    " + line)
    print(f"  unknown items: {unknown:,} of {items:,} = {rate:.2%} (target <= {TARGET_UNKNOWN_RATE:.0%}): "
          + ("ok" if rate <= TARGET_UNKNOWN_RATE else "ABOVE TARGET"))
    if args.list:
        args.list.write_text("\n".join(named) + "\n", encoding="utf-8")
        print(f"  wrote {len(named):,} skipped regions naming an ingredient to {args.list}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
