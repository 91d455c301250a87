"""Build ``lexicons/index.json``: the folded look-up index a check loads instead of the lexicons.

Run after editing any lexicon file (a test fails while the shipped index is stale):

    ingredient-check build-index          # or: python -m ingredient_check.build

It folds every CosIng name and every lexicon name once, runs the structural rules (spaCy) over the
whole vocabulary, and writes the result as plain JSON, so that checking a label whose items are all
known costs dictionary look-ups and never imports spaCy.

``python -m ingredient_check.build vocabulary COSING_CSV`` regenerates ``cosing-vocabulary.tsv``
from the EU CosIng inventory export (columns inci_name, ..., function).
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from pathlib import Path

from .data import INDEX_NAME, lexicon_dir
from .fold import fold
from .lexicon import Lexicons, load_lexicons
from .possible import build_table
from .structure import StructureRules, triggers
from .vocab import FUNCTION_FLAGS

__all__ = ["build_index", "write_index", "lexicon_digest", "main"]

INDEX_FORMAT = 2  # 2: names in blocks, with names_unsorted
NAMES_BLOCK = 64



def lexicon_digest(lex: Lexicons) -> str:
    h = hashlib.sha256()
    for path in lex.files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _flags(functions: str) -> int:
    f = functions.upper()
    return sum(bit for name, bit in FUNCTION_FLAGS.items() if name in f)


def _botanical_lists(lex: Lexicons) -> dict[str, list[str]]:
    b = lex.botanicals
    parts = b.get("parts", {})
    essential = [p.casefold() for p in parts.get("essential", [])]
    carrier = [p.casefold() for p in parts.get("carrier", [])]
    return {
        "essential_parts": essential,
        "carrier_parts": carrier,
        "any_parts": sorted(set(essential) | set(carrier)),
        "aromatic_genera": [g.casefold() for g in b.get("aromatic_genera", [])],
    }


def _unsorted(names: list[str]) -> list[int]:
    """The positions of the names that break the list's sorted order, so that the rest is sorted.
    CosIng's order is its printed names' ("ALPHA,GAMMA-..." before "ALPHA,3-..."), not the folded
    names'; a lexicon name CosIng lacks is added at the end."""
    out, last = [], ""
    for i, name in enumerate(names):
        if name < last:
            out.append(i)
        else:
            last = name
    return out


def build_index(lex: Lexicons) -> dict:
    names: dict[str, int] = {}
    ordered: list[str] = []
    display: dict[str, str] = {}
    functions: dict[int, str] = {}

    def add(name: str, funcs: str = "") -> int:
        key = fold(name)
        idx = names.get(key)
        if idx is None:
            idx = names[key] = len(ordered)
            ordered.append(key)
            shown = name.strip()
            if shown != key.upper():
                display[str(idx)] = shown
        if funcs:
            functions[idx] = functions.get(idx, "") + "," + funcs
        return idx

    for inci, funcs in sorted(lex.vocabulary):
        add(inci, funcs)
    classes: dict[str, str] = {}
    aliases: dict[str, int] = {}
    entries: dict[str, dict] = {}
    for entry in lex.entries.values():
        idx = add(entry["inci"])
        classes[str(idx)] = entry["id"]
        for syn in entry["synonyms"]:
            key = fold(syn)
            if key not in names:
                aliases[key] = idx
            else:  # a synonym that is itself a CosIng name ("AROMA"): it takes this entry's class
                classes.setdefault(str(names[key]), entry["id"])
        entries[entry["id"]] = {k: entry[k] for k in (
            "name", "inci", "category", "role", "wait_hours", "deep_wait_hours", "reason", "sources",
            "late_is_ph_adjuster", "note", "evidence")}
        entries[entry["id"]]["how"] = "lexicon"
    for common, inci in lex.aliases.items():
        key = fold(common)
        if key not in names and key not in aliases:
            aliases[key] = add(inci)

    # botanical exceptions, then the structural rules over every name no entry claims
    for exc in lex.botanicals.get("exception", []):
        idx = add(exc["inci"])
        if str(idx) in classes:
            continue
        if exc["kind"] == "essential":
            eid = "botanical:" + fold(exc["inci"])
            cat = lex.categories["essential_oil"]
            entries[eid] = {
                "name": exc["inci"].title(), "inci": exc["inci"], "category": "essential_oil",
                "role": "irritant", "wait_hours": cat["wait_hours"], "deep_wait_hours": cat["deep_wait_hours"],
                "reason": exc.get("reason", cat["reason"]), "sources": exc.get("sources", cat["sources"]),
                "late_is_ph_adjuster": False, "note": None, "how": "botanicals.toml exception", "evidence": cat["evidence"],
            }
            classes[str(idx)] = eid
        else:
            classes[str(idx)] = "neutral"  # a curated carrier oil: recognised, no concern
    lists = _botanical_lists(lex)
    for rule in lex.structure:
        cat = lex.categories[rule["category"]]
        entries[rule["id"]] = {
            "name": None, "inci": None, "category": rule["category"], "role": cat["role"],
            "wait_hours": cat["wait_hours"], "deep_wait_hours": cat["deep_wait_hours"],
            "reason": rule["reason"], "sources": rule["sources"], "late_is_ph_adjuster": False,
            "note": None, "how": f"structure.toml rule {rule['id']}", "evidence": cat["evidence"],
        }
    rules = StructureRules(lex.structure, lists)
    todo = [i for i in range(len(ordered)) if str(i) not in classes]
    verdicts = rules.classify_many([(ordered[i], functions.get(i, "")) for i in todo])
    for i, rule_id in zip(todo, verdicts):
        if rule_id:
            classes[str(i)] = rule_id
    classes = {k: v for k, v in classes.items() if v != "neutral"}

    flags = {str(i): f for i, funcs in sorted(functions.items()) if (f := _flags(funcs))}
    return {
        "format": INDEX_FORMAT,
        "digest": lexicon_digest(lex),
        # blocks of NAMES_BLOCK names, one string each: ~5 times faster to read than a JSON list of
        # 28,700 strings, and a label splits only the few blocks it reads (vocab._PackedNames)
        "names": ["\n".join(ordered[i:i + NAMES_BLOCK]) for i in range(0, len(ordered), NAMES_BLOCK)],
        # the names out of sorted order (see vocab._PackedNames): a check finds the others by bisection
        "names_unsorted": _unsorted(ordered),
        "display": display,
        "flags": flags,
        "aliases": dict(sorted(aliases.items())),
        "classes": dict(sorted(classes.items(), key=lambda kv: int(kv[0]))),
        "entries": dict(sorted(entries.items())),
        "categories": lex.categories,
        "sources": lex.sources,
        "timeline": {**lex.timeline, "inference": {
            **lex.timeline.get("inference", {}),
            **{k: sorted(fold(x) for x in lex.timeline.get("inference", {}).get(k, [])) for k in ("makeup_leaders", "makeup_pigments")},
        }},
        "position": {
            **lex.position,
            "markers": sorted(fold(m) for m in lex.position.get("markers", [])),
            "scrub_base": {**lex.position.get("scrub_base", {}),
                           "names": sorted(fold(m) for m in lex.position.get("scrub_base", {}).get("names", []))},
        },
        "structure": {"rules": lex.structure, "lists": lists, "triggers": sorted(triggers(lex.structure))},
        "possible": build_table(lex.possible, ordered, classes, aliases, entries),
    }


def write_index(path: Path | None = None, lex: Lexicons | None = None) -> Path:
    lex = lex or load_lexicons()
    path = path or lexicon_dir() / INDEX_NAME
    index = build_index(lex)
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


_ATTRIBUTION = (
    "# EU CosIng Ingredients & Fragrance Inventory (European Commission, DG GROW), reduced to INCI\n"
    "# name and functions. Source: https://ec.europa.eu/growth/tools-databases/cosing/ ; reused with\n"
    "# attribution under the Commission's reuse policy (Decision 2011/833/EU). Snapshot of 2020-12-30.\n"
    "# Regenerate: python -m ingredient_check.build vocabulary ../shared/eval-data/cosing-inventory-reduced/cosing.csv\n"
)


def write_vocabulary(cosing_csv: Path, out: Path | None = None) -> Path:
    out = out or lexicon_dir() / "cosing-vocabulary.tsv"
    rows: dict[str, str] = {}
    with open(cosing_csv, encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            name = re.sub(r"\s+", " ", row["inci_name"].replace("\xa0", " ")).strip()
            if name:
                rows[name] = row.get("function", "").upper().strip()
    with open(out, "w", encoding="utf-8", newline="") as fh:
        fh.write(_ATTRIBUTION)
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["inci_name", "functions"])
        for name in sorted(rows):
            writer.writerow([name, rows[name]])
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["vocabulary"] and len(argv) == 2:
        print(write_vocabulary(Path(argv[1])))
        return 0
    if argv:
        print("usage: python -m ingredient_check.build [vocabulary COSING_CSV]", file=sys.stderr)
        return 2
    print(write_index())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
