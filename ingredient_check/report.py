"""report: the verdict as a table for people, JSON and CSV for scripts. No terminal I/O here."""

from __future__ import annotations

import io
import json
import weakref
from datetime import date

from .check import DISCLAIMER, Report
from .classify import Ingredient
from .cite import source_json
from .memo import BoundedMemo
from .view import cited_keys, evidence_level

__all__ = ["to_json", "json_line", "to_table", "to_csv", "ingredient_json", "CSV_FIELDS", "SCHEMA_VERSION", "wait_origin"]

# The JSON contract's version (ingredient_check/schema/check.schema.json). 2: schema_version itself,
# wait_from as a short id with the detail in `how`, positions in `deciding`, sources as title,
# publisher and url, `evidence` per ingredient, `text` without a list's closing full stop.
SCHEMA_VERSION = "2"

# timeline/classify record where a wait came from as a phrase; the JSON gives a short id, and puts
# the detail (a rule id, the user's rule key) in `how`.
_ORIGINS = (("lexicon", "lexicon"), ("structure.toml rule", "structure_rule"),
            ("botanicals.toml", "botanical_rule"), ("position: scrub base", "scrub_base"),
            ("position:", "position"), ("product type", "product_type"), ("user rules", "user_rules"))


def wait_origin(ing: Ingredient) -> tuple[str | None, str | None]:
    """(wait_from id, how detail): ("lexicon", None), ("user_rules", 'ingredients."Lanolin"'),
    ("structure_rule", "essential_oil_leaf"), ("position", "after the 1% line") ..."""
    raw = ing.wait_from or ing.how
    if not raw:
        return None, None
    origin = next((oid for prefix, oid in _ORIGINS if raw.startswith(prefix)), "other")
    detail = raw
    for prefix, _ in _ORIGINS:
        if raw.startswith(prefix):
            detail = raw[len(prefix):].strip(" :()") or None
            break
    if origin == "product_type":
        detail = raw.split(":", 1)[-1].strip()
    return (origin if ing.wait_from else None), detail


def shown_item(ing: Ingredient) -> tuple[str, int]:
    """The item as printed, without the full stop that closes a list ("Linalool.") unless the name
    itself ends with one ("Alcohol Denat."); and the end of its span to match."""
    if ing.text.endswith(".") and not (ing.inci or ing.name or "").endswith("."):
        return ing.text.rstrip(". "), ing.end - (len(ing.text) - len(ing.text.rstrip(". ")))
    return ing.text, ing.end

CSV_FIELDS = ["position", "text", "inci", "role", "category", "wait_hours", "match", "score", "reason",
              "sources", "wait_from", "may_contain", "product_status", "product_safe_after_hours", "product_safe_on"]


def ingredient_json(ing: Ingredient, position: int, evidence: str | None = None) -> dict:
    text, end = shown_item(ing)
    wait_from, how = wait_origin(ing)
    return {
        "position": position,
        "text": text,
        "inci": ing.inci,
        "role": ing.role,
        "category": ing.category,
        "wait_hours": ing.wait_hours if ing.role == "irritant" else None,
        "match": ing.match,
        "score": ing.score,
        "reason": ing.reason,
        "sources": list(ing.sources),
        "wait_from": wait_from,
        "how": how,
        "evidence": evidence if ing.role == "irritant" and wait_from != "user_rules" else None,
        "may_contain": ing.may_contain,
        "percent": ing.percent,
        "span": [ing.start, end],
    }


_DECIDING_FIELDS = ("position", "text", "inci", "category", "wait_hours", "reason", "sources", "wait_from", "how",
                    "evidence")


def to_json(report: Report, sources: dict[str, dict], lexicon=None) -> dict:
    """The check object for scripts (schema: ingredient_check/schema/check.schema.json). ``lexicon``
    (a Classifier, default the shared one) gives each wait's evidence level."""
    from .classify import get_classifier  # noqa: PLC0415

    lexicon = lexicon or get_classifier()
    items = [ingredient_json(i, k, evidence_level(i, lexicon.categories, lexicon.entries))
             for k, i in enumerate(report.verdict.ingredients, 1)]
    head, tail = _check_json(report, sources, items.__getitem__)
    return {**head, "ingredients": items, **tail}


def json_line(report: Report, sources: dict[str, dict], status_key: str, after: dict, lexicon=None) -> str:
    """A shelf's jsonl body: ``to_json``'s object with its "status" first and named ``status_key``,
    then ``after``'s keys, as ``json.dumps(..., ensure_ascii=False)`` writes it; the same text, faster.

    A shelf prints the same items in thousands of rows, so the JSON of each ingredient and of each
    deciding entry, but for its position and span, is encoded once and kept (``_ItemJson``), and so is
    the "sources" object of each set of cited sources. Those parts are put into the text of the rest
    in place of placeholders (strings holding a NUL, which no label, reason or source can hold: the
    read stage refuses NUL bytes)."""
    if lexicon is None:
        from .classify import get_classifier  # noqa: PLC0415

        lexicon = get_classifier()
    encoded = _ITEM_JSON.get(lexicon)
    if encoded is None:
        encoded = _ITEM_JSON[lexicon] = _ItemJson(lexicon)
    ingredients = report.verdict.ingredients
    parts: dict[str, str] = {}

    def deciding(chosen, position):
        parts[_DECIDING] = "[" + ", ".join(encoded.deciding_text(i, position[id(i)] + 1) for i in chosen) + "]"
        return _DECIDING

    def cited(keys):
        parts[_SOURCES] = encoded.sources_text(sources, keys)
        return _SOURCES

    head, tail = _check_json(report, sources, lambda k: encoded.item(ingredients[k], k + 1), deciding, cited)
    status = head.pop("status")
    before = json_text({status_key: status, **head}).replace(_ENCODED[_DECIDING], parts[_DECIDING], 1)
    rest = json_text({**tail, **after}).replace(_ENCODED[_SOURCES], parts[_SOURCES], 1)
    return "".join((before[:-1], ', "ingredients": [', encoded.items_text(ingredients), "], ", rest[1:]))  # one copy of each


# json.dumps(obj, ensure_ascii=False), without building its encoder again for every call (a shelf row
# of jsonl makes three)
json_text = json.JSONEncoder(ensure_ascii=False).encode

_DECIDING, _SOURCES = "\x00deciding", "\x00sources"  # placeholders, and how json.dumps writes them
_ENCODED = {p: json.dumps(p) for p in (_DECIDING, _SOURCES)}


class _ItemJson:
    """One classifier's ingredients as JSON text, memoised on everything but their span; and the
    "sources" objects of the sets of sources its verdicts cite."""

    _HEAD = '{"position": 0, '

    def __init__(self, lexicon):
        self.lexicon = lexicon
        self.memo = BoundedMemo()
        self.deciding_memo = BoundedMemo()
        self.sources_memo = BoundedMemo()

    def item(self, ing: Ingredient, position: int) -> dict:
        return ingredient_json(ing, position, evidence_level(ing, self.lexicon.categories, self.lexicon.entries))

    @staticmethod
    def key(ing: Ingredient) -> tuple:
        return ing.text, ing[3:]  # every field but start and end

    def items_text(self, ingredients: tuple[Ingredient, ...]) -> str:
        """The "ingredients" array's items, numbered from 1 (one loop: a shelf row holds about 30)."""
        get = self.memo.get
        out = []
        for position, ing in enumerate(ingredients, 1):
            got = get((ing.text, ing[3:]))  # self.key(ing), inlined
            if got is None:
                got = self._middle(ing)
            out.append(f'{{"position": {position}, {got[0]}, "span": [{ing.start}, {ing.end - got[1]}]}}')
        return ", ".join(out)

    def _middle(self, ing: Ingredient) -> tuple[str, int]:
        """An ingredient's JSON between its position and its span, and what its span's end drops."""
        whole = json.dumps(self.item(ing, 0), ensure_ascii=False)
        cut = whole.rindex(', "span": [')  # span is the last key, its value holds no string
        return self.memo.put(self.key(ing), (whole[len(self._HEAD):cut], ing.end - shown_item(ing)[1]))

    def deciding_text(self, ing: Ingredient, position: int) -> str:
        key = self.key(ing)
        rest = self.deciding_memo.get(key)
        if rest is None:
            entry = _deciding_json(self.item(ing, 0))
            rest = self.deciding_memo.put(key, json.dumps(entry, ensure_ascii=False)[len(self._HEAD):])
        return f'{{"position": {position}, {rest}'

    def sources_text(self, sources: dict[str, dict], keys: list[str]) -> str:
        if sources is not self.lexicon.sources:  # a caller's own table: not kept
            return json.dumps(_sources_json(sources, keys), ensure_ascii=False)
        key = tuple(keys)
        got = self.sources_memo.get(key)
        if got is None:
            got = self.sources_memo.put(key, json.dumps(_sources_json(sources, keys), ensure_ascii=False))
        return got


_ITEM_JSON: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _deciding_json(item: dict) -> dict:
    """A deciding ingredient's entry: the fields of its item (``ingredient_json``) that say why."""
    return {k: item[k] for k in _DECIDING_FIELDS}


def _sources_json(sources: dict[str, dict], keys: list[str]) -> dict:
    return {k: source_json(sources[k]) for k in keys if k in sources}


def _check_json(report: Report, sources: dict[str, dict], item, deciding=None, cited=None) -> tuple[dict, dict]:
    """The check object's keys before "ingredients" and after it; ``item(k)`` is the JSON of the
    k-th ingredient (0-based), whose fields "deciding" and "possible" repeat. ``deciding(chosen,
    position)`` and ``cited(keys)``, when given, stand for the deciding list and the sources object
    (``json_line`` puts their encoded text in)."""
    v = report.verdict
    o = report.options
    position = {id(i): k for k, i in enumerate(v.ingredients)}
    roles = [i.role for i in v.ingredients]
    counts = {role: roles.count(role) for role in ("irritant", "soothing", "neutral", "unknown")}
    head = {
        "schema_version": SCHEMA_VERSION,
        "status": v.status,
        "safe_after_hours": v.safe_after_hours,
        "at_least_hours": v.at_least_hours,
        "safe_on": v.safe_on.isoformat() if v.safe_on else None,
        "treated_on": o.treated_on.isoformat() if o.treated_on else None,
        "depth_mm": o.depth_mm,
        "product_type": v.product_type,
        "product_type_inferred": v.type_inferred,
        # each deciding ingredient is items[position - 1]: the same fields, so scripts need not join
        "deciding": (deciding(v.deciding, position) if deciding else
                     [_deciding_json(item(position[id(i)])) for i in v.deciding]),
        "baseline": {"wait_hours": v.baseline_hours, "reason": v.baseline_reason, "sources": list(v.baseline_sources)},
        "type_rule": v.type_rule,
    }
    keys = cited_keys(report)
    tail = {
        "counts": {"items": len(v.ingredients), **counts},
        "unknown": list(v.unknown),
        "possible": [_possible_json(i, item(position[id(i)])) for i in v.possible],
        "skipped": [{"text": k.text, "span": [k.start, k.end], "reason": k.reason} for k in report.skipped],
        "components": [_component_json(c) for c in report.components],  # empty for a text of one list
        "warnings": list(v.warnings),
        "rules_files": [str(getattr(r, "path", r)) for r in o.rules],
        "sources": cited(keys) if cited else _sources_json(sources, keys),
        "disclaimer": DISCLAIMER,
    }
    return head, tail


def _possible_json(i: Ingredient, item: dict) -> dict:
    """An item counted as the irritant it could be (possible.py): what it could be, why, its sources."""
    return {"text": item["text"], "inci": i.inci, "category": i.category, "wait_hours": i.wait_hours,
            "could_be": i.how, "reason": i.reason, "sources": list(i.sources), "position": item["position"],
            "span": item["span"]}


def _component_json(c) -> dict:
    return {"name": c.name, "span": [c.start, c.end], "status": c.status, "safe_after_hours": c.safe_after_hours,
            "deciding": [{"text": i.text, "inci": i.inci, "category": i.category, "wait_hours": i.wait_hours}
                         for i in c.deciding]}


def to_table(report: Report, sources: dict[str, dict], today: date | None = None, color: bool = False,
             names_in=None, style=None) -> str:
    """The table for people: ``view.check_table`` (grouped reasons, labels, numbered sources, wrapping,
    the lists of a kit and the skipped text that names an ingredient)."""
    from .classify import get_classifier  # noqa: PLC0415
    from .style import Style  # noqa: PLC0415
    from .view import check_table  # noqa: PLC0415

    c = get_classifier()
    return check_table(report, sources, c.categories, c.entries, today, style or Style(color), names_in)


def to_csv(report: Report) -> str:
    import csv  # noqa: PLC0415 - only for --format csv

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    v = report.verdict
    for k, i in enumerate(v.ingredients, 1):
        row = ingredient_json(i, k)
        writer.writerow({
            **{f: row[f] for f in CSV_FIELDS[:12]},
            "score": "" if row["score"] is None else row["score"],
            "wait_hours": "" if row["wait_hours"] is None else row["wait_hours"],
            "sources": " ".join(row["sources"]),
            "may_contain": "yes" if row["may_contain"] else "",
            "product_status": v.status,
            "product_safe_after_hours": "" if v.safe_after_hours is None else v.safe_after_hours,
            "product_safe_on": v.safe_on.isoformat() if v.safe_on else "",
        })
    return buf.getvalue()
