"""Lexicons: the curated data files in ``lexicons/``, loaded and validated.

The files are TOML (parsed as data only, with the standard library's ``tomllib``); their format is
documented in ``lexicons/README.md``. This module is used when the index is built and by the tests;
a normal check never parses TOML, it reads the prebuilt ``index.json``.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .data import lexicon_dir
from .fold import fold

__all__ = ["Lexicons", "LexiconError", "load_lexicons", "load_vocabulary", "IRRITANT_CATEGORIES", "SOOTHING_CATEGORIES",
           "EXTRA_IRRITANT_CATEGORIES", "EVIDENCE_LEVELS", "ROLES"]

# The output contract (shared/spec/categories.md): ids spelled exactly so.
IRRITANT_CATEGORIES = (
    "retinoid", "aha", "bha", "pha", "vitamin_c", "benzoyl_peroxide", "drying_alcohol", "fragrance",
    "essential_oil", "sensate", "physical_exfoliant", "chemical_uv_filter", "self_tanner",
    "depigmenting", "astringent",
)
# Irritants the contract leaves without a category get an id of their own (categories.toml explains
# why): the JSON never says `category: null` for an ingredient that sets a wait.
EXTRA_IRRITANT_CATEGORIES = ("niacinamide", "copper_peptide", "growth_factor")
EVIDENCE_LEVELS = ("low", "moderate", "high")
SOOTHING_CATEGORIES = ("hyaluronic", "aloe", "chamomile", "centella", "panthenol", "ceramide", "allantoin", "oat")
ROLES = ("irritant", "soothing", "neutral", "unknown")

_ENTRY_KEYS = {
    "id", "inci", "name", "synonyms", "category", "role", "wait_hours", "deep_wait_hours", "reason",
    "sources", "late_is_ph_adjuster", "note", "evidence",
}
_CATEGORY_KEYS = {"role", "label", "wait_hours", "deep_wait_hours", "reason", "sources", "note", "evidence"}


class LexiconError(ValueError):
    """A lexicon file breaks its documented format."""


@dataclass
class Lexicons:
    sources: dict[str, dict]
    categories: dict[str, dict]
    entries: dict[str, dict]  # id -> entry with category defaults filled in
    aliases: dict[str, str]  # common name -> INCI
    botanicals: dict
    structure: list[dict]
    timeline: dict
    position: dict
    vocabulary: list[tuple[str, str]]  # (INCI name, functions)
    files: list[Path] = field(default_factory=list)
    possible: dict = field(default_factory=dict)  # could-be matching of unknown items (possible.toml)


def _load_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{path.name}: {exc}") from None


def _check_wait(where: str, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise LexiconError(f"{where}: a wait must be a whole number of hours >= 0, not {value!r}")


def load_lexicons(directory: Path | None = None) -> Lexicons:
    """Load and validate every lexicon file (raises LexiconError with the file and entry)."""
    d = directory or lexicon_dir()
    files = [d / n for n in ("sources.toml", "categories.toml", "irritants.toml", "soothing.toml",
                             "aliases.toml", "botanicals.toml", "structure.toml", "timeline.toml", "position.toml",
                             "cosing-vocabulary.tsv", "possible.toml")]
    sources = _load_toml(files[0]).get("sources", {})
    for key, src in sources.items():
        _validate_source(key, src)
    categories = _load_toml(files[1]).get("categories", {})
    for cid, cat in categories.items():
        where = f"categories.toml [{cid}]"
        if cid not in IRRITANT_CATEGORIES + EXTRA_IRRITANT_CATEGORIES + SOOTHING_CATEGORIES:
            raise LexiconError(f"{where}: not a category id of the output contract")
        unknown = set(cat) - _CATEGORY_KEYS
        if unknown:
            raise LexiconError(f"{where}: unknown keys {sorted(unknown)}")
        expected_role = "soothing" if cid in SOOTHING_CATEGORIES else "irritant"
        if cat.get("evidence") not in EVIDENCE_LEVELS:
            raise LexiconError(f"{where}: evidence must be one of {', '.join(EVIDENCE_LEVELS)}")
        if cat.get("role") != expected_role:
            raise LexiconError(f"{where}: role must be {expected_role!r}")
        for key in ("wait_hours", "deep_wait_hours"):
            _check_wait(f"{where} {key}", cat.get(key))
        if cat["deep_wait_hours"] < cat["wait_hours"]:
            raise LexiconError(f"{where}: deep_wait_hours is shorter than wait_hours")
        for key in ("label", "reason"):
            if not isinstance(cat.get(key), str) or not cat[key].strip():
                raise LexiconError(f"{where}: {key} is required")
        _check_sources(where, cat.get("sources"), sources)
    missing = set(IRRITANT_CATEGORIES + SOOTHING_CATEGORIES) - set(categories)
    if missing:
        raise LexiconError(f"categories.toml: missing categories {sorted(missing)}")

    entries: dict[str, dict] = {}
    for path in files[2:4]:
        for i, raw in enumerate(_load_toml(path).get("entry", []), 1):
            entry = _validate_entry(path.name, i, raw, categories, sources)
            if entry["id"] in entries:
                raise LexiconError(f"{path.name} entry {entry['id']!r}: id used twice")
            entries[entry["id"]] = entry
    aliases = _load_toml(files[4]).get("aliases", {})
    botanicals = _load_toml(files[5])
    structure = _load_toml(files[6]).get("rule", [])
    for rule in structure:
        where = f"structure.toml rule {rule.get('id')!r}"
        if rule.get("category") not in categories:
            raise LexiconError(f"{where}: unknown category {rule.get('category')!r}")
        _check_sources(where, rule.get("sources"), sources)
    timeline = _load_toml(files[7])
    _check_sources("timeline.toml [baseline]", timeline["baseline"].get("sources"), sources)
    _check_sources("timeline.toml [depth]", timeline["depth"].get("sources"), sources)
    for tid, t in timeline["types"].items():
        _check_sources(f"timeline.toml [types.{tid}]", t.get("sources"), sources)
    if "leave_on_film_formers" in timeline:
        _validate_film_formers(timeline["leave_on_film_formers"], timeline["types"], entries, sources)
    _validate_type_words(timeline.get("type_words", []), timeline["types"])
    position = _load_toml(files[8])
    _check_sources("position.toml", position.get("sources"), sources)
    if "scrub_base" in position:
        _check_sources("position.toml [scrub_base]", position["scrub_base"].get("sources"), sources)
    vocabulary = load_vocabulary(files[9])
    possible = _load_toml(files[10])
    _validate_possible(possible, entries, categories)
    return Lexicons(sources, categories, entries, aliases, botanicals, structure, timeline, position,
                    vocabulary, files, possible)


def _validate_possible(data: dict, entries: dict, categories: dict) -> None:
    """possible.toml: every cue names an irritant entry or an irritant category, and the tables exist."""
    for key in ("ocr", "genus_oil", "loose"):
        if not isinstance(data.get(key), dict):
            raise LexiconError(f"possible.toml: the [{key}] table is required")
    groups = data["ocr"].get("groups")
    if not isinstance(groups, list) or not all(isinstance(g, list) and len(g) >= 2 and all(isinstance(x, str) and x for x in g)
                                               for g in groups):
        raise LexiconError("possible.toml [ocr]: groups must be lists of two or more letters")
    for digit, letters in data["ocr"].get("digits", {}).items():
        if not (digit.isdigit() and len(digit) == 1 and letters and all(isinstance(x, str) and x.isalpha() for x in letters)):
            raise LexiconError(f"possible.toml [ocr] digits: {digit!r} must map one digit to letters")
    allowed = {"text", "entry", "category", "prefix", "anywhere", "unless"}
    for n, cue in enumerate(data.get("cue", []), 1):
        where = f"possible.toml cue {n} ({cue.get('text')!r})"
        if set(cue) - allowed:
            raise LexiconError(f"{where}: unknown keys {sorted(set(cue) - allowed)}")
        if not isinstance(cue.get("text"), str) or fold(cue["text"]) != cue["text"]:
            raise LexiconError(f"{where}: text must be a folded name fragment")
        if ("entry" in cue) == ("category" in cue):
            raise LexiconError(f"{where}: give an entry or a category, not both")
        if "entry" in cue and entries.get(cue["entry"], {}).get("role") != "irritant":
            raise LexiconError(f"{where}: entry {cue['entry']!r} is not an irritant entry")
        if "category" in cue and categories.get(cue["category"], {}).get("role") != "irritant":
            raise LexiconError(f"{where}: category {cue['category']!r} is not an irritant category")
    if categories.get(data["genus_oil"].get("category"), {}).get("role") != "irritant":
        raise LexiconError("possible.toml [genus_oil]: category must be an irritant category")
    loose = data["loose"]
    if not (isinstance(loose.get("cutoff"), float) and 50 <= loose["cutoff"] <= 100 and isinstance(loose.get("min_length"), int)):
        raise LexiconError("possible.toml [loose]: cutoff (50-100) and min_length are required")


def _validate_film_formers(film: dict, types: dict, entries: dict, sources: dict) -> None:
    where = "timeline.toml [leave_on_film_formers]"
    _check_sources(where, film.get("sources"), sources)
    for key, known in (("types", types), ("entries", entries)):
        unknown = [x for x in film.get(key, []) if x not in known]
        if unknown or not film.get(key):
            raise LexiconError(f"{where}: {key} must name known {key}, not {unknown or 'nothing'}")
    if not str(film.get("reason", "")).strip():
        raise LexiconError(f"{where}: a reason is required")


def _validate_type_words(words: list, types: dict) -> None:
    """timeline.toml [[type_words]]: each names a known type and holds a regular expression that
    compiles (linear: no nested quantifier over a type cell of a few words)."""
    import re  # noqa: PLC0415

    for k, w in enumerate(words, 1):
        where = f"timeline.toml [[type_words]] #{k}"
        _check_keys(where, w, {"type", "pattern"}, ("type", "pattern"))
        if w["type"] not in types:
            raise LexiconError(f"{where}: type {w['type']!r} is not one of [types] ({', '.join(types)})")
        try:
            re.compile(w["pattern"])
        except re.error as exc:
            raise LexiconError(f"{where}: the pattern is not a regular expression ({exc})") from None


_SOURCE_KEYS = {"title", "publisher", "url", "url_note", "also", "kind"}


def _check_keys(where: str, raw: dict, allowed: set[str], required: tuple[str, ...]) -> None:
    """No key the format does not document; each required key a non-empty string."""
    unknown = set(raw) - allowed
    if unknown:
        raise LexiconError(f"{where}: unknown keys {sorted(unknown)}")
    for key in required:
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise LexiconError(f"{where}: {key} is required")


def _validate_source(key: str, src: dict) -> None:
    """A source is what a person can follow: a title, a publisher, and an https address (or a note
    saying why there is none); never a path that exists only in the development tree."""
    where = f"sources.toml [{key}]"
    _check_keys(where, src, _SOURCE_KEYS, ("title", "publisher", "kind"))
    if not src.get("url") and not src.get("url_note"):
        raise LexiconError(f"{where}: a url (or a url_note saying why there is none) is required")
    for field in ("url", "also"):
        value = src.get(field)
        if value is not None and (not isinstance(value, str) or not value.startswith("https://") or " " in value):
            raise LexiconError(f"{where}: {field} must be an https:// address, not {value!r}")


def _check_sources(where: str, keys: object, sources: dict) -> None:
    if not isinstance(keys, list) or not keys:
        raise LexiconError(f"{where}: sources must be a non-empty list of keys")
    for key in keys:
        if key not in sources:
            raise LexiconError(f"{where}: source {key!r} is not in sources.toml")


def _validate_entry(file: str, i: int, raw: dict, categories: dict, sources: dict) -> dict:
    where = f"{file} entry {raw.get('id', i)!r}"
    _check_keys(where, raw, _ENTRY_KEYS, ("id", "inci", "name"))
    category = raw.get("category")
    role = raw.get("role")
    if category is not None:
        if category not in categories:
            raise LexiconError(f"{where}: unknown category {category!r}")
        cat = categories[category]
        if role is not None and role != cat["role"]:
            raise LexiconError(f"{where}: role {role!r} differs from its category's {cat['role']!r}")
        role = cat["role"]
    else:
        cat = {}
        if role not in ("irritant", "soothing"):
            raise LexiconError(f"{where}: an entry without a category needs role irritant or soothing")
        for key in ("wait_hours", "reason", "sources"):
            if key not in raw:
                raise LexiconError(f"{where}: an entry without a category needs its own {key}")
    entry = {
        "id": raw["id"],
        "inci": raw["inci"],
        "name": raw["name"],
        "synonyms": list(raw.get("synonyms", [])),
        "category": category,
        "role": role,
        "wait_hours": raw.get("wait_hours", cat.get("wait_hours")),
        "deep_wait_hours": raw.get("deep_wait_hours", cat.get("deep_wait_hours", raw.get("wait_hours"))),
        "reason": raw.get("reason", cat.get("reason")),
        "sources": list(raw.get("sources", cat.get("sources", []))),
        "late_is_ph_adjuster": bool(raw.get("late_is_ph_adjuster", False)),
        "note": raw.get("note"),
        "evidence": raw.get("evidence", cat.get("evidence", "low")),
    }
    if entry["evidence"] not in EVIDENCE_LEVELS:
        raise LexiconError(f"{where}: evidence must be one of {', '.join(EVIDENCE_LEVELS)}")
    _check_wait(f"{where} wait_hours", entry["wait_hours"])
    _check_wait(f"{where} deep_wait_hours", entry["deep_wait_hours"])
    if entry["deep_wait_hours"] < entry["wait_hours"]:
        raise LexiconError(f"{where}: deep_wait_hours is shorter than wait_hours")
    if not isinstance(entry["reason"], str) or not entry["reason"].strip():
        raise LexiconError(f"{where}: reason is required")
    if not all(isinstance(s, str) and s.strip() for s in entry["synonyms"]):
        raise LexiconError(f"{where}: synonyms must be non-empty strings")
    _check_sources(where, entry["sources"], sources)
    return entry


def load_vocabulary(path: Path) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    with open(path, encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        for row in csv.reader(lines, delimiter="\t"):
            if row and row[0] != "inci_name":
                rows.append((row[0], row[1] if len(row) > 1 else ""))
    return rows


def folded_claims(lex: Lexicons) -> dict[str, list[str]]:
    """Every folded name (INCI or synonym) -> the entry ids that claim it (tests want one each)."""
    claims: dict[str, list[str]] = {}
    for entry in lex.entries.values():
        for name in {fold(entry["inci"]), *(fold(s) for s in entry["synonyms"])}:
            claims.setdefault(name, []).append(entry["id"])
    return claims
