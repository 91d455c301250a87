"""How much unknown is too much: the measurement behind ``timeline.too_much_unread`` (issue 13).

    python bench/unknown_rule.py [--shared PATH] [--shares 0.10,0.15,0.20,0.25,0.30]

For each share of unread items (unknown, or only "possible") above which a label gets no verdict,
with and without counting "possible" items as unread, over every real label of every product file
(``accuracy.INGREDIENT_COLUMNS``):
- the share of "cannot tell" verdicts, without and with the marketing-text file, and how many carry a
  lower bound;
- the annotated products (bench/annotations/) whose verdict is earlier than their annotated need;
- the worst case: the annotated products' deciding irritants replaced by a word no reading recognises
  ("Zqxv Wmbr"), and how many then get a verdict earlier than before.
And the short-label exception: the labels of 1 to 3 items whose one unread item is a plain plant oil.
The README ("Unknown items") quotes a run. Takes about a minute a setting.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for p in (REPO, REPO / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import accuracy as A  # noqa: E402

from ingredient_check import timeline  # noqa: E402
from ingredient_check.check import check_label  # noqa: E402
from ingredient_check.errors import InputError  # noqa: E402
from ingredient_check.possible import PLAIN_OIL  # noqa: E402

HIDDEN = "Zqxv Wmbr"


def rule(share: float, possible_counts: bool):
    """``timeline.too_much_unread`` with another share, "possible" items counted or not."""
    def too_much(items) -> bool:
        unread = [i for i in items if i.role == "unknown" or (possible_counts and i.match == "possible")]
        if len(unread) <= share * len(items):
            return False
        return not (len(items) <= timeline.SHORT_LABEL_ITEMS and len(unread) == 1 and unread[0].how == PLAIN_OIL)
    return too_much


def hide_deciding(text: str, report) -> str:
    out = text
    for i in sorted(report.verdict.deciding, key=lambda i: -i.start):
        if i.end > i.start:
            out = out[:i.start] + HIDDEN + out[i.end:]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=A.DEFAULT_SHARED)
    ap.add_argument("--shares", default="0.10,0.15,0.20,0.25,0.30")
    args = ap.parse_args(argv)
    if not A.eval_dir(args.shared).is_dir():
        print(f"unknown_rule.py: {A.eval_dir(args.shared)} not found: pass --shared PATH", file=sys.stderr)
        return 2
    texts = [(f, row.get(col) or "") for f, col in A.INGREDIENT_COLUMNS.items() for row in A.read_rows(args.shared, f)]
    texts = [(f, t) for f, t in texts if t.strip()]
    anns = [(a, A.field_text(args.shared, a.file, a.row)) for a in A.load_annotations()]
    floors = A.category_floors()
    original = timeline.too_much_unread
    print(f"{len(texts)} real labels, {len(anns)} annotated")
    print("share  possible  cannot tell (no marketing / all)  with a bound  early (annotated)  early (deciding hidden)")
    try:
        for share in (float(x) for x in args.shares.split(",")):
            for counted in (True, False):
                timeline.too_much_unread = rule(share, counted)
                c: Counter = Counter()
                for f, t in texts:
                    try:
                        v = check_label(t).verdict
                    except InputError:
                        continue
                    k = "m" if f == A.MARKETING_FILE else "r"
                    c[k + "n"] += 1
                    c[k + "u"] += v.status == "unreadable"
                    c["bound"] += v.at_least_hours is not None
                early = hidden = hidden_early = 0
                for a, t in anns:
                    try:
                        r = check_label(t)
                    except InputError:
                        continue
                    v = r.verdict
                    early += v.status == "wait" and v.safe_after_hours < A.annotated_need(a, floors)
                    if v.status == "wait" and v.deciding and v.safe_after_hours > v.baseline_hours:
                        hidden += 1
                        v2 = check_label(hide_deciding(t, r)).verdict
                        hidden_early += v2.status == "wait" and v2.safe_after_hours < v.safe_after_hours
                n, u = c["rn"] + c["mn"], c["ru"] + c["mu"]
                print(f"{share:>5.0%}  {'yes' if counted else 'no':>8}  {c['ru'] / c['rn']:>14.1%} / {u / n:.1%}"
                      f"  {c['bound']:>15}  {early:>17}  {hidden_early:>10} of {hidden}", flush=True)
    finally:
        timeline.too_much_unread = original
    short = Counter()
    for f, t in texts:
        try:
            v = check_label(t).verdict
        except InputError:
            continue
        unread = [i for i in v.ingredients if i.role == "unknown" or i.match == "possible"]
        if len(v.ingredients) <= timeline.SHORT_LABEL_ITEMS and len(unread) == 1 and unread[0].how == PLAIN_OIL:
            short[f] += 1
    print(f"short labels whose one unread item is a plain plant oil (given a verdict): {sum(short.values())} "
          f"({', '.join(f'{f} {n}' for f, n in short.items())})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
