"""classify: attach role, category, wait, reason and sources to every parsed item.

A name resolved to the vocabulary takes its class from the prebuilt index (a lexicon entry, a
botanical exception or a structural rule run at build time); a resolved name with no class is
"neutral" (a real ingredient with no post-treatment concern). A name that resolves nowhere is
"unknown", unless its shape alone says what it is ("Lavandula Stoechas Flower Oil" is an essential
oil even when the vocabulary lacks it): then the structural rules run on it (spaCy, loaded lazily).

The 1% line: EU and US labels list ingredients above 1% in descending order (EU Regulation 1223/2009
Art. 19(1)(g); US 21 CFR 701.3), and a preservative such as phenoxyethanol is capped at 1% (Annex V),
so whatever follows the first preservative, colourant or fragrance sits at or below 1%. There,
citric, lactic, malic or tartaric acid adjust pH; they do not exfoliate. Such acids are reported
as neutral with that reason. Glycolic, mandelic and salicylic acid are never demoted.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from .data import load_index
from .fold import fold
from .memo import BoundedMemo
from .parse import RawItem
from .vocab import Hit, Vocabulary

__all__ = ["Ingredient", "Classifier", "get_classifier", "PRESERVATIVE", "COLORANT"]

PRESERVATIVE = 1
_GLUE = re.compile(r"\s+(?:&|and|\+)\s+", re.I)
_TRAILING_COLOUR_INDEX = re.compile(r"(?i)^(.+?)\s+\(?((?:ci|c\.i\.)\s*\d{5})\)?$")
COLORANT = 2


class Ingredient(NamedTuple):
    text: str  # as printed
    start: int
    end: int
    name: str  # the parsed name that was looked up
    inci: str | None
    role: str  # irritant | soothing | neutral | unknown
    category: str | None
    entry: str | None  # lexicon entry or rule id behind the class
    wait_hours: int | None
    deep_wait_hours: int | None
    match: str  # exact | alias | fuzzy | none
    score: float | None
    reason: str | None
    sources: tuple[str, ...]
    how: str | None  # where the class came from: lexicon, a structure rule, the 1% line ...
    may_contain: bool = False
    percent: float | None = None
    wait_from: str | None = None  # filled by the timeline: "lexicon" | "user rules" | ...


class Classifier:
    def __init__(self, index: dict):
        self.index = index
        self.vocab = Vocabulary(index)
        self.entries: dict[str, dict] = index["entries"]
        self.classes: dict[str, str] = index["classes"]
        self.categories: dict[str, dict] = index["categories"]
        self.sources: dict[str, dict] = index["sources"]
        self.position = index.get("position", {})
        self._line_markers = frozenset(self.position.get("markers", []))
        self._triggers = frozenset(index["structure"]["triggers"])
        self._structure = None
        self._structure_memo: dict[str, str | None] = {}
        self._item_memo = BoundedMemo()
        self._marker_memo: dict[str | None, bool] = {}

    # -- names -----------------------------------------------------------------------------
    def resolve_name(self, name: str) -> Hit | None:
        """Exact or alias first (whole, then slash parts), then fuzzy (whole, then parts)."""
        vocab = self.vocab
        hit = vocab.exact_name(name)
        if hit is not None:
            return hit
        parts = [p for p in name.split("/") if p.strip()] if "/" in name else []
        if len(parts) > 1:
            found = [h for h in (vocab.exact_name(p) for p in parts) if h is not None]
            if found:
                return self._pick_synonym(found, "alias")
        hit = vocab.resolve(name)
        if hit is not None or len(parts) < 2:
            return hit
        found = [h for h in (vocab.resolve(p) for p in parts) if h is not None]
        return self._pick_synonym(found, None) if found else None

    def _unglue(self, name: str) -> list[tuple[str, Hit]] | None:
        """Split an unknown item into names that are each known exactly, or None."""
        parts = [p.strip() for p in _GLUE.split(name) if p.strip()]
        if len(parts) < 2:
            m = _TRAILING_COLOUR_INDEX.match(name)
            parts = [m.group(1), m.group(2)] if m else []
        if len(parts) < 2:
            return None
        hits = [self.vocab.exact_name(p) for p in parts]
        if any(h is None for h in hits):
            return None
        return list(zip(parts, hits))

    def _pick_synonym(self, hits: list[Hit], how: str | None) -> Hit:
        """ "Water/Aqua/Eau", "Parfum/Fragrance": names of one ingredient. When the parts carry
        different classes, the one with a concern wins (unknown never means safe)."""
        ranked = sorted(hits, key=lambda h: self._concern(h))  # stable: label order within a rank
        best = ranked[0]
        return Hit(best.index, how or best.how, best.score if how is None else 100.0)

    def _concern(self, hit: Hit) -> int:
        entry = self.entries.get(self.classes.get(str(hit.index), ""), {})
        return {"irritant": 0, "soothing": 1}.get(entry.get("role"), 2)

    def _structure_rule(self, name: str) -> str | None:
        key = fold(name)
        if key in self._structure_memo:
            return self._structure_memo[key]
        words = set(key.replace("/", " ").split())
        rule = None
        if words & self._triggers:
            if self._structure is None:
                from .structure import StructureRules  # noqa: PLC0415 - lazy: imports spaCy

                s = self.index["structure"]
                self._structure = StructureRules(s["rules"], s["lists"])
            rule = self._structure.classify(key, None)
        self._structure_memo[key] = rule
        return rule

    # -- items -----------------------------------------------------------------------------
    def _ingredient(self, raw: RawItem, text: str, name: str, hit: Hit | None) -> Ingredient:
        if hit is None:
            rule = self._structure_rule(name)
            if rule is not None:
                e = self.entries[rule]
                return Ingredient(text, raw.start, raw.end, name, None, e["role"], e["category"], rule,
                                  e["wait_hours"], e["deep_wait_hours"], "none", None, e["reason"],
                                  tuple(e["sources"]), e["how"], raw.may_contain, raw.percent)
            return Ingredient(text, raw.start, raw.end, name, None, "unknown", None, None, None, None,
                              "none", None, None, (), None, raw.may_contain, raw.percent)
        inci = self.vocab.inci(hit.index)
        entry_id = self.classes.get(str(hit.index))
        if entry_id is None:
            return Ingredient(text, raw.start, raw.end, name, inci, "neutral", None, None, None, None,
                              hit.how, hit.score, None, (), None, raw.may_contain, raw.percent)
        e = self.entries[entry_id]
        return Ingredient(text, raw.start, raw.end, name, e["inci"] or inci, e["role"], e["category"],
                          entry_id, e["wait_hours"], e["deep_wait_hours"], hit.how, hit.score,
                          e["reason"], tuple(e["sources"]), e["how"], raw.may_contain, raw.percent)

    def classify_item(self, raw: RawItem) -> list[Ingredient]:
        """The ingredients of one printed item (several when its parentheses hold a sub-list)."""
        key = (raw.name, raw.alts, raw.sublist)
        templates = self._item_memo.get(key)
        if templates is None:
            templates = self._item_memo.put(key, tuple(self._classify_uncached(raw._replace(text=None))))
        # a template's text is None where the item's own printed text belongs; spans are the item's
        return [Ingredient(raw.text if t[0] is None else t[0], raw.start, raw.end, *t[3:15], raw.may_contain, raw.percent)
                for t in templates]

    def _classify_uncached(self, raw: RawItem) -> list[Ingredient]:
        hit = self.resolve_name(raw.name) if raw.name else None
        if hit is None and raw.alts and not raw.sublist:
            # "Vitamin E (Tocopherol)", or a main name we cannot read with a readable alias
            for alt in raw.alts:
                hit = self.resolve_name(alt)
                if hit is not None:
                    break
        name = raw.name or (raw.alts[0] if raw.alts else "")
        if hit is None and raw.name:
            glued = self._unglue(raw.name)
            if glued:
                # "Gluconolactone & Sodium Benzoate", "Iron Oxides CI 77492": two names in one item
                return [self._ingredient(raw, raw.text if k == 0 else part, part, h) for k, (part, h) in enumerate(glued)]
        out = [self._ingredient(raw, raw.text, name, hit)]
        if raw.sublist:
            seen = {hit.index} if hit else set()
            for part in raw.alts:
                sub = self.resolve_name(part)
                if sub is not None and sub.index in seen:
                    continue  # "Water (Aqua, Eau)": synonyms of the main name
                if sub is not None:
                    seen.add(sub.index)
                out.append(self._ingredient(raw, part, part, sub))
            if hit is None and len(out) > 1 and out[0].role == "unknown" and not raw.name:
                out = out[1:]
        return out

    def classify(self, items: tuple[RawItem, ...]) -> list[Ingredient]:
        result: list[Ingredient] = []
        for raw in items:
            result.extend(self.classify_item(raw))
        return self._apply_one_percent_line(result)

    def _is_line_marker(self, ing: Ingredient) -> bool:
        if ing.category == "fragrance":
            return True
        if ing.inci is None:
            return False
        known = self._marker_memo.get(ing.inci)
        if known is None:
            known = self._marker_memo[ing.inci] = self._is_marker_name(ing.inci)
        return known

    def _is_marker_name(self, inci: str) -> bool:
        key = fold(inci)
        if key in self._line_markers:
            return True
        i = self.vocab.keys.get(key)
        return i is not None and bool(self.vocab.flags(i) & (PRESERVATIVE | COLORANT))

    def _apply_one_percent_line(self, items: list[Ingredient]) -> list[Ingredient]:
        line = next((k for k, ing in enumerate(items) if self._is_line_marker(ing)), None)
        if line is None:
            return items
        reason = self.position.get("reason", "after the 1% line this acid adjusts pH")
        sources = tuple(self.position.get("sources", ()))
        out = items[:line]
        for ing in items[line:]:
            e = self.entries.get(ing.entry or "")
            if e is not None and e.get("late_is_ph_adjuster") and ing.role == "irritant":
                ing = Ingredient(ing.text, ing.start, ing.end, ing.name, ing.inci, "neutral", None,
                                 ing.entry, None, None, ing.match, ing.score, reason, sources,
                                 "position: after the 1% line", ing.may_contain, ing.percent)
            out.append(ing)
        return out


@functools.cache
def get_classifier() -> Classifier:
    return Classifier(load_index())
