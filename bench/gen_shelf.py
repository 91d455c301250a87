"""A seeded synthetic shelf CSV for the speed benchmark (issue 7).

    python bench/gen_shelf.py OUT.csv [--rows 100000] [--seed 7] [--typo-rate 0.05] [--vocab auto|data|builtin] [--shared PATH]

Header ``name,type,ingredients``; one product per row, 20 to 40 ingredients each.

Vocabulary and weights
    Real INCI names only: the EU CosIng vocabulary shipped in ``lexicons/cosing-vocabulary.tsv`` plus
    the ``inci`` of every entry of ``lexicons/irritants.toml`` and ``lexicons/soothing.toml``.

    - ``data`` (the default when ``<shared>/eval-data`` exists): every real product list of the
      eval-data product files is split at top-level commas and each item is looked up in the CosIng
      names (as printed, then without its parentheses: "Butyrospermum Parkii (Shea) Butter" is
      BUTYROSPERMUM PARKII BUTTER). The ``VOCAB_SIZE`` most frequent names, with their real
      frequencies as weights, plus every lexicon name (weight: its real count, at least 1), make the
      vocabulary: heavy repetition (water, glycerin, phenoxyethanol...) and a long tail, as on a real
      shelf. The most common mixed-case spelling with parentheses of a name ("Aqua (Water)") is kept
      as its label form.
    - ``builtin`` (the fallback): a fixed ordering shipped in this file (the commonest cosmetic
      ingredients first, then the lexicon names, then a seeded sample of CosIng names) weighted by a
      Zipf law (weight 1/rank).

    Names holding a comma that is not between digits ("CINNAMOMUM CAMPHORA WOOD OIL, DECAMPHORISED")
    are left out: no label could print them unambiguously. "1,2-HEXANEDIOL" stays.

Products
    Ingredients are drawn without repetition inside a product and ordered roughly by frequency
    (water first, as on real labels, with noise). Casing per product: 55% label style (title case,
    the real "(Water)" parentheses where known), 35% INCI upper case, 10% lower case. About 5% of
    items get one typo (deletion, insertion, substitution or transposition of a letter, on an item
    of 4 or more letters). The product type is one of the tool's types.

The output is a function of (rows, seed, vocabulary); the first N rows of a larger shelf are the
N-row shelf, so 10,000 and 100,000 rows are comparable.
"""

from __future__ import annotations

import argparse
import ast
import bisect
import csv
import hashlib
import itertools
import math
import random
import re
import sys
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LEXICONS = REPO / "lexicons"
DEFAULT_SHARED = REPO.parent / "shared"

VOCAB_SIZE = 2000  # most frequent real names; the lexicon names come on top
TYPO_RATE = 0.05
MIN_ITEMS, MAX_ITEMS = 20, 40
STYLE_WEIGHTS = (("label", 0.55), ("upper", 0.35), ("lower", 0.10))

# The real product files and their ingredient column: the same files over which accuracy.py counts
# unknown items (it leaves out the pre-cleaned lowercase copy of lookfantastic, a duplicate, and the
# 2019 Sephora scrape, marketing text).
sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import INGREDIENT_COLUMNS, UNKNOWN_RATE_FILES  # noqa: E402

PRODUCT_FILES = {name: INGREDIENT_COLUMNS[name] for name in UNKNOWN_RATE_FILES}

# The builtin ordering: the commonest ingredients of skincare labels, most frequent first.
COMMON = """
AQUA; GLYCERIN; PHENOXYETHANOL; BUTYLENE GLYCOL; DIMETHICONE; TOCOPHEROL; ETHYLHEXYLGLYCERIN;
CAPRYLIC/CAPRIC TRIGLYCERIDE; CETEARYL ALCOHOL; XANTHAN GUM; CITRIC ACID; DISODIUM EDTA; PARFUM;
SODIUM HYDROXIDE; LIMONENE; LINALOOL; SODIUM HYALURONATE; GLYCERYL STEARATE; CARBOMER; PANTHENOL;
POTASSIUM SORBATE; SODIUM BENZOATE; 1,2-HEXANEDIOL; ALLANTOIN; CETYL ALCOHOL; STEARIC ACID;
TOCOPHERYL ACETATE; PROPANEDIOL; SQUALANE; NIACINAMIDE; PEG-100 STEARATE; CAPRYLYL GLYCOL;
ALOE BARBADENSIS LEAF JUICE; HYDROXYETHYLCELLULOSE; ISOHEXADECANE; TRIETHANOLAMINE; CHLORPHENESIN;
BUTYROSPERMUM PARKII BUTTER; SIMMONDSIA CHINENSIS SEED OIL; STEARYL ALCOHOL; CYCLOPENTASILOXANE;
SODIUM CHLORIDE; LECITHIN; POLYSORBATE 20; POLYSORBATE 60; DIPROPYLENE GLYCOL; PENTYLENE GLYCOL;
ETHYLHEXYL PALMITATE; ISOPROPYL MYRISTATE; MICA; CI 77891; TITANIUM DIOXIDE; CI 77491; CI 77492;
SILICA; ALCOHOL DENAT.; ALCOHOL; GLYCERYL CAPRYLATE; SODIUM PCA; BETAINE; TREHALOSE; ADENOSINE;
CERAMIDE NP; CHOLESTEROL; PHYTOSPHINGOSINE; SODIUM LAUROYL LACTYLATE; CARBOMER; ACRYLATES/C10-30
ALKYL ACRYLATE CROSSPOLYMER; AMMONIUM ACRYLOYLDIMETHYLTAURATE/VP COPOLYMER; SORBITAN OLIVATE;
CETEARYL OLIVATE; HELIANTHUS ANNUUS SEED OIL; PRUNUS AMYGDALUS DULCIS OIL; ARGANIA SPINOSA KERNEL OIL;
BHT; SODIUM CITRATE; LACTIC ACID; SALICYLIC ACID; GLYCOLIC ACID; RETINOL; ASCORBIC ACID;
CAMELLIA SINENSIS LEAF EXTRACT; CHAMOMILLA RECUTITA FLOWER EXTRACT; BISABOLOL; CITRONELLOL; GERANIOL;
COUMARIN; BENZYL ALCOHOL; BENZYL SALICYLATE; HEXYL CINNAMAL; DEHYDROACETIC ACID; SODIUM POLYACRYLATE;
POLYACRYLATE-13; POLYISOBUTENE; HYDROGENATED LECITHIN; C12-15 ALKYL BENZOATE; OCTOCRYLENE;
ETHYLHEXYL METHOXYCINNAMATE; BUTYL METHOXYDIBENZOYLMETHANE; ZINC OXIDE; UREA; ARGININE; HYALURONIC ACID
"""

# Label spellings with parentheses for the builtin mode (the data mode learns them from real labels).
LABEL_FORMS = {
    "AQUA": "Aqua (Water)",
    "PARFUM": "Parfum (Fragrance)",
    "BUTYROSPERMUM PARKII BUTTER": "Butyrospermum Parkii (Shea) Butter",
    "SIMMONDSIA CHINENSIS SEED OIL": "Simmondsia Chinensis (Jojoba) Seed Oil",
    "ALOE BARBADENSIS LEAF JUICE": "Aloe Barbadensis (Aloe Vera) Leaf Juice",
    "HELIANTHUS ANNUUS SEED OIL": "Helianthus Annuus (Sunflower) Seed Oil",
    "PRUNUS AMYGDALUS DULCIS OIL": "Prunus Amygdalus Dulcis (Sweet Almond) Oil",
    "ARGANIA SPINOSA KERNEL OIL": "Argania Spinosa (Argan) Kernel Oil",
    "CAMELLIA SINENSIS LEAF EXTRACT": "Camellia Sinensis (Green Tea) Leaf Extract",
    "CHAMOMILLA RECUTITA FLOWER EXTRACT": "Chamomilla Recutita (Matricaria) Flower Extract",
    "TITANIUM DIOXIDE": "Titanium Dioxide (CI 77891)",
    "TOCOPHEROL": "Tocopherol (Vitamin E)",
}

# Product types of the tool (timeline.PRODUCT_TYPES), with a rough shelf mix.
TYPES = (("serum", 20), ("moisturiser", 25), ("cleanser", 15), ("toner", 10), ("mask", 6),
         ("sunscreen", 8), ("makeup", 6), ("exfoliant", 4), ("self-tanner", 1), ("other", 5))

KEEP_UPPER = {"PEG", "PPG", "EDTA", "BHT", "BHA", "PCA", "CI", "HDI", "VP", "DEA", "MEA", "TEA", "PVP",
              "PVM/MA", "MA", "SD", "DMDM", "PHB", "II", "III", "IV", "NP", "AP", "EOP", "EOS", "NS", "AS",
              "UV", "DNA", "RNA", "HCL", "TPGS", "ZN", "C", "E", "A"}
_ODD_COMMA = re.compile(r",(?!\d)|(?<!\d),")
_PARENS = re.compile(r"\s*\([^()]*\)")
_SPACE = re.compile(r"\s+")
# A label form: "Name Words (Common Name) More Words", one short parenthesis of words or a CI number.
_LABEL_FORM = re.compile(r"[A-Za-z][^()]*? \((?:[A-Za-z][A-Za-z' -]{1,24}|CI \d{5})\)(?: [^()]+)?")
_JUNK = {"source", "natural", "naturally", "derived", "plant", "based", "organic", "vegetable", "origin",
         "certified", "from", "and", "or", "preservative", "fermentation", "antioxidant", "humectant",
         "emollient", "thickener", "sugar", "coconut-derived", "corn", "palm", "nonnano", "non-nano", "and/or"}
_SLASH_FORM = re.compile(r"[A-Za-z]+(?: ?/ ?[A-Za-z]+){1,2}")
_PLAIN_FORM = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,./'-]*")
MERGE = {"WATER": "AQUA"}
MIN_FORM_COUNT = 3  # a label form must occur this often in the real labels


@dataclass
class Vocabulary:
    names: list[str]           # canonical INCI names (upper case)
    weights: list[float]
    label_forms: dict[str, list[tuple[str, int]]]  # mixed-case label spellings and how often seen
    source: str                # "data" or "builtin"
    detail: str                # what it was built from

    def fingerprint(self) -> str:
        h = hashlib.sha256()
        for n, w in zip(self.names, self.weights):
            h.update(f"{n}\t{w:.6g}\n".encode())
        return h.hexdigest()[:12]


# ---------------------------------------------------------------------------------------------
# vocabulary


def cosing_names(lexicons: Path = LEXICONS) -> list[str]:
    names = []
    with open(lexicons / "cosing-vocabulary.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("inci_name\t"):
                continue
            name = line.split("\t", 1)[0].strip()
            if name and not _ODD_COMMA.search(name):
                names.append(name)
    return names


def lexicon_names(lexicons: Path = LEXICONS) -> list[str]:
    out: list[str] = []
    for file in ("irritants.toml", "soothing.toml"):
        with open(lexicons / file, "rb") as fh:
            data = tomllib.load(fh)
        for entry in data.get("entry", []):
            inci = str(entry.get("inci", "")).strip().upper()
            if inci and not _ODD_COMMA.search(inci) and inci not in out:
                out.append(inci)
    return out


def split_top(text: str) -> list[str]:
    """Split a label at top-level commas and semicolons (not inside brackets, not digit,digit)."""
    items, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0:
            if ch == "," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                continue
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:])
    return [s.strip(" \t\r\n.*'\"") for s in items if s.strip(" \t\r\n.*'\"")]


def _plain(text: str) -> str:
    t = text.strip()
    if t.startswith("["):
        try:
            value = ast.literal_eval(t)
            if isinstance(value, list):
                return ", ".join(str(v) for v in value)
        except (ValueError, SyntaxError):
            pass
        return t.strip("[]")
    return t


def canonical(raw: str, cosing: set[str]) -> str | None:
    """The CosIng name a printed item stands for: as printed, without parentheses, or the first of
    slash alternatives ("Aqua/Water/Eau"); WATER counts as AQUA (one product never lists both)."""
    key = raw.upper()
    if key not in cosing:
        key = _SPACE.sub(" ", _PARENS.sub("", key)).strip()
        if key not in cosing and "/" in key:
            key = key.split("/", 1)[0].strip()
        if key not in cosing:
            return None
    return MERGE.get(key, key)


def good_form(raw: str) -> bool:
    if _SLASH_FORM.fullmatch(raw) or _PLAIN_FORM.fullmatch(raw):
        return True
    if _LABEL_FORM.fullmatch(raw):
        inner = raw[raw.index("(") + 1:raw.index(")")].lower().split()
        return not _JUNK.intersection(inner)
    return False


def derive_from_data(eval_data: Path, cosing: set[str], lexicon: list[str]) -> Vocabulary | None:
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    files = 0
    csv.field_size_limit(10_000_000)
    for rel, column in PRODUCT_FILES.items():
        path = eval_data / rel
        if not path.is_file():
            continue
        files += 1
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
            for row in csv.DictReader(fh):
                text = row.get(column) or ""
                seen: set[str] = set()
                for item in split_top(_plain(text)):
                    raw = _SPACE.sub(" ", item)
                    key = canonical(raw, cosing)
                    if key is None or key in seen:
                        continue
                    seen.add(key)
                    counts[key] += 1
                    if raw != raw.upper() and raw != raw.lower() and good_form(raw):
                        forms[key][raw] += 1
    if files == 0 or len(counts) < 500:
        return None
    top = [n for n, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:VOCAB_SIZE]]
    names = list(top)
    have = set(names)
    for n in lexicon:
        if n not in have:
            names.append(n)
            have.add(n)
    weights = [float(max(1, counts.get(n, 0))) for n in names]
    label_forms = {}
    for k, c in forms.items():
        kept = sorted(((f, n) for f, n in c.items() if n >= MIN_FORM_COUNT), key=lambda fn: (-fn[1], fn[0]))
        if k in have and kept:
            label_forms[k] = kept
    detail = (f"{files} eval-data product files, {sum(counts.values())} matched items, "
              f"{len(counts)} distinct CosIng names; top {len(top)} + {len(names) - len(top)} lexicon names")
    return Vocabulary(names, weights, label_forms, "data", detail)


def builtin_vocabulary(cosing_list: list[str], lexicon: list[str]) -> Vocabulary:
    cosing = set(cosing_list)
    names: list[str] = []
    for n in (s.strip() for s in " ".join(COMMON.split()).split(";")):
        if n and n not in names and (n in cosing or n in lexicon):
            names.append(n)
    for n in lexicon:
        if n not in names:
            names.append(n)
    pool = sorted(n for n in cosing_list if len(n) <= 40 and n not in set(names))
    rng = random.Random(1500)
    names.extend(rng.sample(pool, max(0, VOCAB_SIZE - len(names))))
    weights = [1.0 / (rank + 1) for rank in range(len(names))]
    label_forms = {k: [(v, 1)] for k, v in LABEL_FORMS.items() if k in set(names)}
    return Vocabulary(names, weights, label_forms, "builtin",
                      f"{len(COMMON.split(';'))} shipped common names + lexicon names + seeded CosIng sample, Zipf 1/rank")


def load_vocabulary(mode: str = "auto", shared: Path = DEFAULT_SHARED) -> Vocabulary:
    cos = cosing_names()
    lex = lexicon_names()
    if mode in ("auto", "data"):
        vocab = derive_from_data(shared / "eval-data", set(cos), lex)
        if vocab is not None:
            return vocab
        if mode == "data":
            raise SystemExit(f"gen_shelf: no usable product files under {shared / 'eval-data'}")
    return builtin_vocabulary(cos, lex)


# ---------------------------------------------------------------------------------------------
# products


def title_word(word: str) -> str:
    if word.upper() in KEEP_UPPER or any(ch.isdigit() for ch in word):
        return word.upper()
    return word[:1].upper() + word[1:].lower()


def label_case(name: str) -> str:
    """CosIng upper case -> label title case ("PEG-100 STEARATE" -> "PEG-100 Stearate")."""
    return re.sub(r"[A-Za-z0-9']+", lambda m: title_word(m.group(0)), name)


def typo(text: str, rng: random.Random) -> str:
    """One edit of a letter: deletion, insertion, substitution or transposition."""
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 4:
        return text
    i = rng.choice(letters)
    op = rng.randrange(4)
    ch = text[i]
    new = rng.choice("abcdefghijklmnopqrstuvwxyz")
    new = new.upper() if ch.isupper() else new
    if op == 0:
        return text[:i] + text[i + 1:]
    if op == 1:
        return text[:i] + new + text[i:]
    if op == 2:
        if new.lower() == ch.lower():
            new = "e" if ch.lower() != "e" else "a"
            new = new.upper() if ch.isupper() else new
        return text[:i] + new + text[i + 1:]
    j = i + 1 if i + 1 < len(text) and text[i + 1].isalpha() else i - 1
    if j < 0 or not text[j].isalpha() or text[j] == ch:
        return text[:i] + text[i + 1:]
    a, b = min(i, j), max(i, j)
    return text[:a] + text[b] + text[a] + text[b + 1:]


class ShelfGenerator:
    def __init__(self, vocab: Vocabulary, seed: int = 7, typo_rate: float = TYPO_RATE):
        self.vocab = vocab
        self.rng = random.Random(seed)
        self.typo_rate = typo_rate
        self.cum = list(itertools.accumulate(vocab.weights))
        self.total = self.cum[-1]
        top = max(vocab.weights)
        # ordering key on a label: frequent names first (log scale), with noise
        self.rank = [math.log(top / w) for w in vocab.weights]
        self.forms = {
            "label": [self._label_choices(vocab.label_forms.get(n), n) for n in vocab.names],
            "upper": list(vocab.names),
            "lower": [n.lower() for n in vocab.names],
        }
        self.styles = [s for s, _ in STYLE_WEIGHTS]
        self.style_cum = list(itertools.accumulate(w for _, w in STYLE_WEIGHTS))
        self.types = [t for t, _ in TYPES]
        self.type_cum = list(itertools.accumulate(w for _, w in TYPES))
        self.items = 0
        self.typos = 0
        self.originals: list[tuple[str, str]] = []  # (typo'd item, the item as it was) for each typo

    @staticmethod
    def _label_choices(forms: list[tuple[str, int]] | None, name: str):
        if not forms:
            return label_case(name)
        if len(forms) == 1:
            return forms[0][0]
        return [f for f, _ in forms], list(itertools.accumulate(n for _, n in forms))

    def product(self, index: int) -> tuple[str, str, str]:
        rng = self.rng
        n = rng.randint(MIN_ITEMS, MAX_ITEMS)
        chosen: dict[int, None] = {}
        cum, total, nv = self.cum, self.total, len(self.cum)
        while len(chosen) < n:
            for k in range(n - len(chosen) + 4):
                chosen[min(nv - 1, bisect.bisect(cum, rng.random() * total))] = None
                if len(chosen) >= n:
                    break
        rank = self.rank
        order = sorted(chosen, key=lambda k: rank[k] + rng.gauss(0.0, 1.0))
        style = self.styles[bisect.bisect(self.style_cum, rng.random() * self.style_cum[-1])]
        forms = self.forms[style]
        out = []
        for k in order:
            text = forms[k]
            if type(text) is tuple:  # several real label spellings: pick one by their frequency
                choices, cum = text
                text = choices[bisect.bisect(cum, rng.random() * cum[-1])]
            if rng.random() < self.typo_rate:
                changed = typo(text, rng)
                if changed != text:
                    self.typos += 1
                    self.originals.append((changed, text))
                text = changed
            out.append(text)
        self.items += len(out)
        ptype = self.types[bisect.bisect(self.type_cum, rng.random() * self.type_cum[-1])]
        name = f"Synthetic {ptype} {index:06d}"
        return name, ptype, ", ".join(out)

    def write(self, path: Path, rows: int) -> None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["name", "type", "ingredients"])
            for i in range(1, rows + 1):
                w.writerow(self.product(i))


def generate(path: Path, rows: int, seed: int = 7, vocab: Vocabulary | None = None,
             typo_rate: float = TYPO_RATE) -> dict:
    vocab = vocab or load_vocabulary()
    gen = ShelfGenerator(vocab, seed, typo_rate)
    gen.write(Path(path), rows)
    return {"rows": rows, "seed": seed, "items": gen.items, "typos": gen.typos,
            "typo_share": gen.typos / max(1, gen.items), "vocab_size": len(vocab.names),
            "vocab_source": vocab.source, "vocab_detail": vocab.detail, "vocab_fingerprint": vocab.fingerprint(),
            "bytes": Path(path).stat().st_size}


def typo_originals(rows: int, seed: int = 7, vocab: Vocabulary | None = None,
                   typo_rate: float = TYPO_RATE) -> list[tuple[str, str]]:
    """(typo'd item, original item) for every typo of the ``rows``-row shelf ``generate`` writes with
    the same arguments, in shelf order: the known answers for judging typo correction
    (bench/speed.py target 5). Nothing is written; the random stream is the same as ``generate``'s."""
    gen = ShelfGenerator(vocab or load_vocabulary(), seed, typo_rate)
    for i in range(1, rows + 1):
        gen.product(i)
    return gen.originals


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--typo-rate", type=float, default=TYPO_RATE,
                    help="share of items given one typo (default 0.05; 0 for a shelf of known spellings)")
    ap.add_argument("--vocab", choices=("auto", "data", "builtin"), default="auto")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    args = ap.parse_args(argv)
    info = generate(args.out, args.rows, args.seed, load_vocabulary(args.vocab, args.shared), args.typo_rate)
    for k, v in info.items():
        print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
