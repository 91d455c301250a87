"""Accuracy of ingredient-check on real labels, measured against the annotations in bench/annotations/.

    python bench/accuracy.py [--shared PATH] [--noise-seeds N] [--show-errors]

1. Every CSV in bench/annotations/ names real products of ``<shared>/eval-data`` (file, 1-based
   DictReader row) and the categories a person read in the whole list (GUIDE.md). Each field is run
   through ``check_label``; the predicted categories are the non-null ``category`` of the reported
   ingredients (irritant and soothing). Ids marked ambiguous for a product are left out of scoring
   for that product. The pseudo-category ``no_list`` (the field holds no list) is right when the
   checker gives no confident verdict: status ``no_list`` or ``unreadable``, or a prose warning; on a
   product that does hold a list, a ``no_list``/``unreadable`` status counts as a false ``no_list``.
2. The same products under seeded noise: a typo (deletion, insertion, substitution or transposition
   of one letter of a word of 4+ letters) in ~10% of the items, an OCR confusion (l/1/I, O/0, rn/m,
   Cl/CI) in ~5%, the list's separators changed (", " -> "; " or a newline) on a third of the labels
   each, and the casing changed (UPPER, lower) on a fifth of the labels each. Averaged over N seeds.
   Since issue 13 the noise also has OCR digits inside words (o -> 0, i/l -> 1, s -> 5, one or two in
   ~5% of the items: "ASC0RBIC AC1D") and lost separators (one comma in ~5% of the gaps becomes a bare
   line break: "Glycolic Acid\nPANTHENOI").
3. The unknown-item rate over every real label of the product files (every row; fields that hold no
   list are skipped): unknown items (and "possible" ones: not recognised either) / all items.
4. Unknown items and verdicts (issue 13): over the annotated products, the verdicts earlier than the
   annotated need (the longest wait any entry of an annotated irritant category can have, at least
   the 24 h baseline; target 0); over every real label of every product file, the share of "cannot
   tell" verdicts (with and without the marketing-text file), how many of them carry a lower bound
   (``at_least_hours``), and how many unread items became "possible" (could be an irritant).

Targets (issue 5): precision and recall >= 0.97 over all categories, recall under noise >= 0.93
(>= 0.95 with the issue 13 noise), unknown-item rate <= 2%, no verdict earlier than the annotated need.
Exit status 0 whatever the figures (a report), 2 when ``--shared`` is absent.
"""

from __future__ import annotations

import argparse
import ast
import csv
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from ingredient_check.check import check_label  # noqa: E402
from ingredient_check.errors import InputError  # noqa: E402
from ingredient_check.lexicon import IRRITANT_CATEGORIES, SOOTHING_CATEGORIES  # noqa: E402
from ingredient_check.parse import parse_label  # noqa: E402

ANNOTATIONS = REPO / "bench" / "annotations"
DEFAULT_SHARED = REPO.parent / "shared"

# The ingredient column of each product file (PROVENANCE.md, "Columns").
INGREDIENT_COLUMNS = {
    "sephora-cosmetics-kaggle/cosmetics.csv": "Ingredients",
    "sephora-skincare-scrape-2019/skincare_products.csv": "Ingredients",
    "sephora-products-2023-subset/product_info_skincare_subset.csv": "ingredients",
    "lookfantastic-skincare/skincare_products.csv": "ingredients",
    "lookfantastic-skincare/skincare_products_clean.csv": "clean_ingreds",
    "ulta-skincare-2022/skincare_products.csv": "ingredients_list",
    "incidecoder-scrape-kten987/output_IncideCoder_sheet7.csv": "incide_ingredients",
    "incidecoder-scrape-kten987/output_IncideCoder_sheet8.csv": "incide_ingredients",
    "incidecoder-scrape-kten987/output_5.csv": "incide_ingredients",
    "incidecoder-scrape-kten987/laikou_1.csv": "incide_ingredients",
    "incidecoder-scrape-kten987/laikou_2.csv": "incide_ingredients",
    "incidecoder-scrape-kten987/Harnn.csv": "incide_ingredients",
    "incidecoder-scrape-kten987/Sobio.csv": "incide_ingredients",
    "incidecoder-scrape-kten987/Raviel.csv": "incide_ingredients",
    "incidecoder-scrape-kten987/Dr_Leo.csv": "incide_ingredients",
}

# The real labels over which the unknown-item rate is measured (issue 5, "every real label").
UNKNOWN_RATE_FILES = (
    "sephora-cosmetics-kaggle/cosmetics.csv",
    "sephora-products-2023-subset/product_info_skincare_subset.csv",
    "lookfantastic-skincare/skincare_products.csv",
    "ulta-skincare-2022/skincare_products.csv",
    "incidecoder-scrape-kten987/output_IncideCoder_sheet7.csv",
    "incidecoder-scrape-kten987/output_IncideCoder_sheet8.csv",
    "incidecoder-scrape-kten987/output_5.csv",
    "incidecoder-scrape-kten987/laikou_1.csv",
    "incidecoder-scrape-kten987/laikou_2.csv",
    "incidecoder-scrape-kten987/Harnn.csv",
    "incidecoder-scrape-kten987/Sobio.csv",
    "incidecoder-scrape-kten987/Raviel.csv",
    "incidecoder-scrape-kten987/Dr_Leo.csv",
)

TARGET_PRECISION = 0.97
TARGET_RECALL = 0.97
TARGET_NOISE_RECALL = 0.95
TARGET_UNKNOWN_RATE = 0.02
NO_LIST = "no_list"

TYPO_SHARE = 0.10
OCR_SHARE = 0.05
DIGIT_SHARE = 0.05  # OCR digits inside words (issue 13)
LOST_SEPARATOR_SHARE = 0.05  # a comma of the list printed as a bare line break (issue 13)
# the file of marketing text rather than ingredient lists (PROVENANCE.md), reported apart
MARKETING_FILE = "sephora-skincare-scrape-2019/skincare_products.csv"


# ---------------------------------------------------------------------------------------------
# data


@dataclass(frozen=True)
class Annotation:
    source: str  # annotation file name
    line: int  # line in the annotation file (header = 1)
    file: str
    row: int
    categories: frozenset[str]
    ambiguous: frozenset[str]
    note: str

    @property
    def ref(self) -> str:
        return f"{self.file}#{self.row}"


def eval_dir(shared: Path) -> Path:
    return shared / "eval-data"


def load_annotations(directory: Path = ANNOTATIONS) -> list[Annotation]:
    out: list[Annotation] = []
    for path in sorted(directory.glob("*.csv")):
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for line, row in enumerate(csv.DictReader(fh), 2):
                out.append(Annotation(
                    path.name, line, row["file"].strip(), int(row["row"]),
                    frozenset((row.get("categories") or "").split()),
                    frozenset((row.get("ambiguous") or "").split()),
                    row.get("note") or "",
                ))
    return out


_ROWS: dict[tuple[Path, str], list[dict]] = {}


def read_rows(shared: Path, file: str) -> list[dict]:
    key = (shared, file)
    if key not in _ROWS:
        csv.field_size_limit(1 << 24)
        with open(eval_dir(shared) / file, encoding="utf-8-sig", newline="") as fh:
            _ROWS[key] = list(csv.DictReader(fh))
    return _ROWS[key]


def field_text(shared: Path, file: str, row: int) -> str:
    rows = read_rows(shared, file)
    return rows[row - 1].get(INGREDIENT_COLUMNS[file]) or ""


# ---------------------------------------------------------------------------------------------
# one product


@dataclass
class Outcome:
    predicted: set[str]
    confident: bool
    status: str
    by_category: dict[str, list[str]]  # category -> ingredient texts
    unknown: list[str]
    demoted: list[str]  # acids put after the 1% line
    hours: int | None = None  # safe_after_hours
    at_least: int | None = None  # at_least_hours


CONTRACT_CATEGORIES = frozenset(IRRITANT_CATEGORIES + SOOTHING_CATEGORIES)


def run_label(text: str) -> Outcome:
    try:
        report = check_label(text)
    except InputError as exc:
        return Outcome(set(), False, f"input error: {exc}", {}, [], [])
    v = report.verdict
    by_cat: dict[str, list[str]] = defaultdict(list)
    for ing in v.ingredients:
        if ing.category in CONTRACT_CATEGORIES:  # niacinamide, copper peptides ...: not labelled (GUIDE.md)
            by_cat[ing.category].append(ing.text)
    prose_warning = any("prose" in w for w in v.warnings)
    confident = v.status not in ("no_list", "unreadable") and not prose_warning
    demoted = [i.text for i in v.ingredients if (i.how or "").startswith("position")]
    return Outcome(set(by_cat), confident, v.status, dict(by_cat), list(v.unknown), demoted,
                   v.safe_after_hours, v.at_least_hours)


def scored_sets(ann: Annotation, out: Outcome) -> tuple[set[str], set[str]]:
    """(truth, predicted) for one product, ambiguous ids removed."""
    truth = set(ann.categories)
    if NO_LIST in truth:
        predicted = set() if out.confident else {NO_LIST}
        return truth, predicted
    predicted = set(out.predicted)
    if out.status in ("no_list", "unreadable") or out.status.startswith("input error"):
        predicted.add(NO_LIST)
    return truth - ann.ambiguous, predicted - ann.ambiguous


@dataclass
class Tally:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    exact: int = 0
    products: int = 0

    def add(self, truth: set[str], predicted: set[str]) -> None:
        self.products += 1
        self.exact += truth == predicted
        for c in truth & predicted:
            self.tp[c] += 1
        for c in predicted - truth:
            self.fp[c] += 1
        for c in truth - predicted:
            self.fn[c] += 1

    def micro(self) -> tuple[float, float]:
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        return _ratio(tp, tp + fp), _ratio(tp, tp + fn)


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


# ---------------------------------------------------------------------------------------------
# noise

_LIST_STRING = re.compile(r"\A\s*\[.*\]\s*\Z", re.S)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_OCR = (("l", "1"), ("l", "I"), ("I", "l"), ("I", "1"), ("1", "l"), ("O", "0"), ("o", "0"), ("0", "O"),
        ("rn", "m"), ("m", "rn"), ("CI", "Cl"), ("Cl", "CI"))


def plain_label(text: str) -> str:
    """A scraper list string back to the label it was split from (noise is about printed labels)."""
    if _LIST_STRING.match(text):
        try:
            value = ast.literal_eval(text.strip())
        except (ValueError, SyntaxError):
            return text
        if isinstance(value, list) and all(isinstance(x, str) for x in value):
            return ",".join(value)
    return text


def _typo(s: str, rng: random.Random) -> str:
    spots = [m for m in re.finditer(r"[A-Za-z]{4,}", s)]
    if not spots:
        return s
    w = rng.choice(spots)
    k = rng.randrange(w.start(), w.end())
    kind = rng.choice(("delete", "insert", "substitute", "transpose"))
    ch = s[k]
    new = rng.choice(_LETTERS)
    new = new.upper() if ch.isupper() else new
    if kind == "delete":
        return s[:k] + s[k + 1:]
    if kind == "insert":
        return s[:k] + new + s[k:]
    if kind == "substitute":
        while new.casefold() == ch.casefold():
            new = rng.choice(_LETTERS)
            new = new.upper() if ch.isupper() else new
        return s[:k] + new + s[k + 1:]
    if k + 1 >= w.end():
        k -= 1
    return s[:k] + s[k + 1] + s[k] + s[k + 2:]


_DIGITS = {"o": "0", "O": "0", "i": "1", "I": "1", "l": "1", "L": "1", "s": "5", "S": "5"}


def _digits(s: str, rng: random.Random) -> str:
    """One or two letters of a word read as digits ("ASCORBIC ACID" -> "ASC0RBIC AC1D")."""
    spots = [k for k in range(1, len(s) - 1) if s[k] in _DIGITS and s[k - 1].isalpha() and s[k + 1].isalpha()]
    for k in rng.sample(spots, min(len(spots), rng.choice((1, 2)))):
        s = s[:k] + _DIGITS[s[k]] + s[k + 1:]
    return s


def _ocr(s: str, rng: random.Random) -> str:
    options = [(m.start(), a, b) for a, b in _OCR for m in re.finditer(re.escape(a), s)]
    if not options:
        return s
    pos, a, b = rng.choice(options)
    return s[:pos] + b + s[pos + len(a):]


def noisy_label(text: str, rng: random.Random) -> tuple[str, list[tuple[str, str]]]:
    """The label with seeded noise, and the (clean, noisy) item texts that were changed."""
    text = plain_label(text)
    items = parse_label(text).items
    if not items:
        return text, []
    sep = rng.choices((None, "; ", "\n"), weights=(1, 1, 1))[0]
    case = rng.choices((None, "upper", "lower"), weights=(3, 1, 1))[0]
    edits: list[tuple[str, str]] = []
    # items of one printed span (a sub-list) share it: keep spans that do not overlap
    kept: list[tuple[int, int]] = []
    for s, e in sorted({(i.start, i.end) for i in items}):
        if kept and s < kept[-1][1]:
            continue
        kept.append((s, e))
    pos = kept[0][0]
    pieces = [text[:pos]]
    for n, (s, e) in enumerate(kept):
        if n:
            gap = text[pos:s]
            if sep is not None and gap.count(",") == 1 and gap.strip() == ",":
                gap = sep
            if gap.strip() in (",", ";") and rng.random() < LOST_SEPARATOR_SHARE:
                gap = "\n"  # the comma lost, only the line break of the photo left
            pieces.append(gap)
        item = text[s:e]
        changed = item
        r = rng.random()
        if r < TYPO_SHARE:
            changed = _typo(item, rng)
        elif r < TYPO_SHARE + OCR_SHARE:
            changed = _ocr(item, rng)
        elif r < TYPO_SHARE + OCR_SHARE + DIGIT_SHARE:
            changed = _digits(item, rng)
        if changed != item:
            edits.append((item, changed))
        pieces.append(changed)
        pos = e
    pieces.append(text[pos:])
    out = "".join(pieces)
    if case == "upper":
        out = out.upper()
    elif case == "lower":
        out = out.lower()
    return out, edits


# ---------------------------------------------------------------------------------------------
# the three measurements


@dataclass
class Result:
    tally: Tally
    errors: list[tuple[str, Annotation, str, list[str], Outcome]]  # (fp|fn, ann, category, texts, outcome)
    seconds: float
    early: list[tuple[Annotation, int, int]] = field(default_factory=list)  # (ann, verdict hours, need hours)
    unreadable: int = 0
    at_least: int = 0


def category_floors() -> dict[str, int]:
    """Irritant category -> the shortest wait any of its entries (or the category) has: a verdict
    below it is early whatever the entry was (kojic acid waits less than hydroquinone)."""
    from ingredient_check.classify import get_classifier  # noqa: PLC0415

    c = get_classifier()
    floors = {k: v["wait_hours"] for k, v in c.categories.items() if v["role"] == "irritant"}
    for e in c.entries.values():
        if e.get("category") in floors and e.get("wait_hours") is not None:
            floors[e["category"]] = min(floors[e["category"]], e["wait_hours"])
    return floors


def annotated_need(ann: Annotation, floors: dict[str, int], baseline: int = 24) -> int:
    """The least wait the annotated list needs: its irritant categories' floors, at least the baseline."""
    return max([baseline, *(floors[c] for c in ann.categories - ann.ambiguous if c in floors)])


def evaluate(shared: Path, annotations: list[Annotation] | None = None) -> Result:
    t0 = time.perf_counter()
    annotations = annotations if annotations is not None else load_annotations()
    tally = Tally()
    errors = []
    floors = category_floors()
    early: list[tuple[Annotation, int, int]] = []
    unreadable = at_least = 0
    for ann in annotations:
        out = run_label(field_text(shared, ann.file, ann.row))
        truth, predicted = scored_sets(ann, out)
        tally.add(truth, predicted)
        need = annotated_need(ann, floors)
        if out.status == "wait" and out.hours is not None and out.hours < need:
            early.append((ann, out.hours, need))
        unreadable += out.status == "unreadable"
        at_least += out.at_least is not None
        for c in sorted(predicted - truth):
            errors.append(("FP", ann, c, out.by_category.get(c, [out.status]), out))
        for c in sorted(truth - predicted):
            errors.append(("FN", ann, c, [], out))
    return Result(tally, errors, time.perf_counter() - t0, early, unreadable, at_least)


@dataclass
class NoiseResult:
    tallies: list[Tally]
    misses: Counter  # (category, clean item -> noisy item) -> count
    seconds: float

    def mean(self) -> tuple[float, float, float]:
        ps, rs, ex = [], [], []
        for t in self.tallies:
            p, r = t.micro()
            ps.append(p)
            rs.append(r)
            ex.append(_ratio(t.exact, t.products))
        n = len(self.tallies) or 1
        return sum(ps) / n, sum(rs) / n, sum(ex) / n


def evaluate_noise(shared: Path, seeds: int, annotations: list[Annotation] | None = None) -> NoiseResult:
    t0 = time.perf_counter()
    annotations = annotations if annotations is not None else load_annotations()
    tallies = []
    misses: Counter = Counter()
    clean: dict[str, Outcome] = {}
    for seed in range(seeds):
        rng = random.Random(f"ingredient-check noise {seed}")
        tally = Tally()
        for ann in annotations:
            text = field_text(shared, ann.file, ann.row)
            noisy, edits = noisy_label(text, rng)
            out = run_label(noisy)
            truth, predicted = scored_sets(ann, out)
            tally.add(truth, predicted)
            lost = truth - predicted
            if lost:
                if ann.ref not in clean:
                    clean[ann.ref] = run_label(plain_label(text))
                base = clean[ann.ref]
                for c in lost:
                    hits = set(base.by_category.get(c, []))
                    blamed = [(a, b) for a, b in edits if any(h in a or a in h for h in hits)]
                    if not blamed and c in base.predicted:
                        blamed = [("(separators/casing)", "")]
                    for a, b in blamed or [("(missed without noise too)", "")]:
                        misses[(c, a, b)] += 1
        tallies.append(tally)
    return NoiseResult(tallies, misses, time.perf_counter() - t0)


@dataclass
class UnknownResult:
    items: int
    unknown: int
    labels: int
    skipped: int
    per_file: dict[str, tuple[int, int, int]]  # file -> (labels, items, unknown)
    texts: Counter
    seconds: float

    @property
    def rate(self) -> float:
        return _ratio(self.unknown, self.items) if self.items else 0.0


def unknown_rate(shared: Path, files: tuple[str, ...] = UNKNOWN_RATE_FILES) -> UnknownResult:
    t0 = time.perf_counter()
    items = unknown = labels = skipped = 0
    per_file: dict[str, tuple[int, int, int]] = {}
    texts: Counter = Counter()
    for file in files:
        col = INGREDIENT_COLUMNS[file]
        f_labels = f_items = f_unknown = 0
        for row in read_rows(shared, file):
            text = row.get(col) or ""
            if not text.strip():
                skipped += 1
                continue
            try:
                v = check_label(text).verdict
            except InputError:
                skipped += 1
                continue
            if v.status == "no_list" or not v.ingredients:
                skipped += 1
                continue
            f_labels += 1
            f_items += len(v.ingredients)
            f_unknown += len(v.unknown) + len(v.possible)  # "possible" items are not recognised either
            texts.update(" ".join(u.split()) for u in v.unknown)
        per_file[file] = (f_labels, f_items, f_unknown)
        labels += f_labels
        items += f_items
        unknown += f_unknown
    return UnknownResult(items, unknown, labels, skipped, per_file, texts, time.perf_counter() - t0)


@dataclass
class VerdictShares:
    per_file: dict[str, Counter]  # file -> labels, unreadable, at_least, unknown, possible
    possible_texts: Counter  # (item text, could be, why) -> times
    seconds: float

    def share(self, without: str | None = None) -> tuple[int, int, int]:
        """(cannot tell, labels checked, of them with a lower bound) over the files, one left out."""
        t: Counter = Counter()
        for f, c in self.per_file.items():
            if f != without:
                t.update(c)
        return t["unreadable"], t["labels"], t["at_least"]


def verdict_shares(shared: Path) -> VerdictShares:
    """Every real label of every product file (INGREDIENT_COLUMNS): how many get no verdict, how many
    of those carry a lower bound, and what the unread items could be."""
    t0 = time.perf_counter()
    per_file: dict[str, Counter] = {}
    texts: Counter = Counter()
    for file, col in INGREDIENT_COLUMNS.items():
        c: Counter = Counter()
        for row in read_rows(shared, file):
            text = row.get(col) or ""
            if not text.strip():
                continue
            c["labels"] += 1
            try:
                v = check_label(text).verdict
            except InputError:
                c["unreadable"] += 1  # over a limit: no verdict either
                continue
            c["unreadable"] += v.status == "unreadable"
            c["at_least"] += v.at_least_hours is not None
            c["unknown"] += len(v.unknown)
            c["possible"] += len(v.possible)
            texts.update((" ".join(i.text.split())[:70], i.how, (i.reason or "").split(":")[0]) for i in v.possible)
        per_file[file] = c
    return VerdictShares(per_file, texts, time.perf_counter() - t0)


# ---------------------------------------------------------------------------------------------
# report


def _mark(ok: bool) -> str:
    return "ok" if ok else "BELOW TARGET"


def _short(s: str, n: int = 70) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED,
                    help="the shared folder that holds eval-data/ (default: ../shared beside the repo)")
    ap.add_argument("--noise-seeds", type=int, default=5, metavar="N", help="seeds of the noise run (default 5)")
    ap.add_argument("--show-errors", action="store_true", help="print every error and the frequent unknown items")
    args = ap.parse_args(argv)
    shared = args.shared
    if not (eval_dir(shared)).is_dir():
        print(f"accuracy.py: {eval_dir(shared)} not found: pass --shared PATH (the folder holding eval-data/)",
              file=sys.stderr)
        return 2
    if args.noise_seeds < 0:
        print("accuracy.py: --noise-seeds must be >= 0", file=sys.stderr)
        return 2

    shown = " ".join(["python", "bench/accuracy.py", *(argv if argv is not None else sys.argv[1:])])
    print(f"$ {shown}")
    t_start = time.perf_counter()
    anns = load_annotations()
    res = evaluate(shared, anns)
    t = res.tally
    files = Counter(a.file.split("/")[0] for a in anns)
    print(f"\n== 1. annotated products: {len(anns)} ({', '.join(f'{k} {v}' for k, v in sorted(files.items()))})")
    cats = sorted(set(t.tp) | set(t.fp) | set(t.fn))
    print(f"{'category':<20} {'precision':>9} {'recall':>7} {'support':>8} {'tp':>4} {'fp':>4} {'fn':>4}")
    for c in cats:
        tp, fp, fn = t.tp[c], t.fp[c], t.fn[c]
        print(f"{c:<20} {_ratio(tp, tp + fp):>9.3f} {_ratio(tp, tp + fn):>7.3f} {tp + fn:>8} {tp:>4} {fp:>4} {fn:>4}")
    p, r = t.micro()
    exact = _ratio(t.exact, t.products)
    print(f"{'micro (all)':<20} {p:>9.3f} {r:>7.3f} {sum(t.tp.values()) + sum(t.fn.values()):>8}")
    print(f"micro precision {p:.3f}  (target >= {TARGET_PRECISION:.2f}: {_mark(p >= TARGET_PRECISION)})")
    print(f"micro recall    {r:.3f}  (target >= {TARGET_RECALL:.2f}: {_mark(r >= TARGET_RECALL)})")
    print(f"exactly right products {t.exact}/{t.products} = {exact:.3f}")
    print(f"verdicts earlier than the annotated need {len(res.early)}  (target 0: {_mark(not res.early)}); "
          f"cannot tell {res.unreadable}, of them with a lower bound {res.at_least}")
    for ann, hours, need in res.early:
        print(f"  EARLY {ann.source}:{ann.line} {ann.ref}: {hours} h, needs {need} h")

    if args.noise_seeds:
        nr = evaluate_noise(shared, args.noise_seeds, anns)
        np_, nrec, nex = nr.mean()
        print(f"\n== 2. under seeded noise ({args.noise_seeds} seeds: typo in ~{TYPO_SHARE:.0%} of items, OCR swap in "
              f"~{OCR_SHARE:.0%}, OCR digits in ~{DIGIT_SHARE:.0%}, separators , -> ; or newline, "
              f"~{LOST_SEPARATOR_SHARE:.0%} of commas lost to a line break, casing)")
        per_seed = ", ".join(f"{x.micro()[1]:.3f}" for x in nr.tallies)
        print(f"micro recall    {nrec:.3f}  (target >= {TARGET_NOISE_RECALL:.2f}: {_mark(nrec >= TARGET_NOISE_RECALL)}; "
              f"per seed {per_seed})")
        print(f"micro precision {np_:.3f}   exactly right products {nex:.3f}")
    else:
        nr = None

    ur = unknown_rate(shared)
    print(f"\n== 3. unknown items over every real label of {len(UNKNOWN_RATE_FILES)} product files "
          f"({ur.labels} labels with a list, {ur.skipped} fields without one skipped)")
    for file, (n_l, n_i, n_u) in ur.per_file.items():
        print(f"  {file:<62} {n_l:>5} labels {n_i:>7} items {n_u:>5} unknown {_ratio(n_u, n_i) if n_i else 0:.2%}")
    print(f"unknown-item rate {ur.unknown}/{ur.items} = {ur.rate:.2%}  "
          f"(target <= {TARGET_UNKNOWN_RATE:.0%}: {_mark(ur.rate <= TARGET_UNKNOWN_RATE)})")

    vs = verdict_shares(shared)
    total_u, total_n, total_b = vs.share()
    less_u, less_n, less_b = vs.share(without=MARKETING_FILE)
    n_unknown = sum(c["unknown"] for c in vs.per_file.values())
    n_possible = sum(c["possible"] for c in vs.per_file.values())
    print(f"\n== 4. verdicts over every real label of {len(INGREDIENT_COLUMNS)} product files")
    print(f"cannot tell {total_u}/{total_n} = {_ratio(total_u, total_n):.1%} of the labels "
          f"(without the marketing-text file: {less_u}/{less_n} = {_ratio(less_u, less_n):.1%}); "
          f"of them with a lower bound (at_least_hours): {total_b} ({less_b} without that file)")
    print(f"unread items that could be an irritant (\"possible\"): {n_possible} of {n_unknown + n_possible} "
          f"= {_ratio(n_possible, n_unknown + n_possible):.1%}")
    p13 = sum(vs.per_file[f]["possible"] for f in UNKNOWN_RATE_FILES)
    u13 = sum(vs.per_file[f]["unknown"] for f in UNKNOWN_RATE_FILES) + p13
    print(f"  over the {len(UNKNOWN_RATE_FILES)} files of section 3 (no pre-cleaned, no marketing text): "
          f"{p13} of {u13} = {_ratio(p13, u13):.1%}")

    if args.show_errors:
        print(f"\n== errors on the annotated products ({len(res.errors)})")
        for kind, ann, c, texts, out in res.errors:
            where = f"{ann.source}:{ann.line} {ann.ref}"
            if kind == "FP":
                print(f"  FP {c:<18} {where}  <- {'; '.join(_short(x, 60) for x in texts)}")
            else:
                extra = []
                if out.demoted:
                    extra.append("after 1% line: " + "; ".join(_short(x, 40) for x in out.demoted))
                if out.unknown:
                    extra.append("unknown: " + "; ".join(_short(x, 40) for x in out.unknown[:8]))
                if not out.confident:
                    extra.append(f"status {out.status}")
                print(f"  FN {c:<18} {where}  {' | '.join(extra)}")
        if nr is not None:
            print(f"\n== categories lost under noise (category, clean item -> noisy item, times over {args.noise_seeds} seeds)")
            for (c, a, b), n in nr.misses.most_common(60):
                print(f"  {n:>3} {c:<18} {_short(a, 50)!r} -> {_short(b, 50)!r}")
        print("\n== the unread items that could be an irritant (text, could be, why; times)")
        for (text, could, why), n in sorted(vs.possible_texts.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:>4}  {text!r} {could} ({why})")
        print("\n== the 30 most frequent unknown items")
        for text, n in ur.texts.most_common(30):
            print(f"  {n:>4}  {_short(text, 90)}")
    print(f"\n({time.perf_counter() - t_start:.1f} s)")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BrokenPipeError:  # piped into head
        sys.stderr.close()
        raise SystemExit(0) from None
