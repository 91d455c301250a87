"""classify: attach role, category, wait, reason and sources to every parsed item.

A name resolved to the vocabulary takes its class from the prebuilt index (a lexicon entry, a
botanical exception or a structural rule run at build time); a resolved name with no class is
"neutral" (a real ingredient with no post-treatment concern). A name that resolves nowhere is
"unknown", unless its shape alone says what it is ("Lavandula Stoechas Flower Oil" is an essential
oil even when the vocabulary lacks it): then the structural rules run on it (patterns.py interprets
the rules' spaCy patterns without importing spaCy).

The rules that look at the whole list (the 1% line, the scrub base, stray commas, prose and the
text before the first heading) are in label_rules.py; name resolution is in matcher.py.
"""

from __future__ import annotations

import functools
import operator
import re

from .data import load_index
from .fold import fold
from .matcher import MAX_NAME_WORDS, Matcher, get_matcher
from .memo import BoundedMemo, GenerationMemo
from .model import Ingredient, LabelReading, Layout, RawItem, Skipped
from .parse import MEMO_MAX_SEGMENT, is_list_item, is_plain, item_count, place_segment, read_segment
from .possible import PLAIN_OIL, short_label
from .vocab import Hit

__all__ = ["Ingredient", "Classifier", "get_classifier", "recognised"]

_BLEND_NAME = re.compile(r"\b(?:blend|complex|mix|mixture|system|base|concentrate|infusion)\b")


def recognised(ing: Ingredient) -> bool:
    """Read with confidence: neither unknown nor only "possible" (an unread item that could be an
    irritant, possible.py). Prose, a preamble or a blend's trade name is read as a name only so."""
    return ing.role != "unknown" and ing.match != "possible"


# An item's ingredients are memoised without what belongs to the printed item (its text, span,
# may-contain state and percentage); ``_tail`` puts the item's own state into a memoised one
_FROM_NAME = Ingredient._fields.index("name")
_MAY_CONTAIN = Ingredient._fields.index("may_contain")
_AFTER_PERCENT = Ingredient._fields.index("percent") + 1
_TAIL_MATCH = Ingredient._fields.index("match") - _FROM_NAME  # in an ingredient's fields from the name on
_WEIGHT = operator.itemgetter(5)  # a reading's count against --max-items
_new = tuple.__new__  # a NamedTuple from the tuple of its fields, in C (no Python-level __new__)


def _tail(template: Ingredient, may_contain: bool, percent: float | None) -> tuple:
    """A memoised ingredient's fields from the name on, with an item's may-contain state and percentage."""
    return template[_FROM_NAME:_MAY_CONTAIN] + (may_contain, percent) + template[_AFTER_PERCENT:]


class Classifier:
    """Reads a label's items: asks its ``Matcher`` which vocabulary entry each names, attaches role,
    category, wait, reason and sources (``ingredient``), and memoises finished readings per printed
    segment (``classify_layout``). Holds the index data the rules on the whole list use
    (label_rules.py)."""

    def __init__(self, index: dict, matcher: Matcher | None = None):
        self.index = index
        self.matcher = matcher or Matcher(index)  # name resolution (matcher.py); the classifier attaches meaning
        self.vocab = self.matcher.vocab
        self.entries: dict[str, dict] = index["entries"]
        self.classes: dict[str, str] = index["classes"]
        self.categories: dict[str, dict] = index["categories"]
        self.sources: dict[str, dict] = index["sources"]
        self.position = index.get("position", {})
        # index data for the rules on the whole list (label_rules.py reads these): the 1% line's
        # markers, the scrub base's names, the entries an acid past the 1% line is demoted from
        # (citric, lactic ... as pH adjusters), and a memo of which INCI names mark the 1% line
        self.line_markers = frozenset(self.position.get("markers", []))
        self.scrub_names = frozenset(self.position.get("scrub_base", {}).get("names", ()))
        self.ph_adjusters = frozenset(k for k, e in self.entries.items() if e.get("late_is_ph_adjuster"))
        self.marker_memo: dict[str | None, bool] = {}
        self._triggers = frozenset(index["structure"]["triggers"])
        self._structure = None
        self._structure_memo = BoundedMemo(10_000)
        self._item_memo = BoundedMemo()
        # printed segment -> its finished reading (classify_layout). A shelf repeats a few thousand
        # spellings and adds typos that are mostly seen once: the typos get their own memo, so that
        # emptying it when full never drops the spellings every label uses.
        self._plain = BoundedMemo(50_000)  # plain items read with may-contain off and leaving it off
        # the same, for items matched by typo correction: two generations of 10,000 (memo.GenerationMemo),
        # the memory of one memo of 20,000, as the typos of frequent names come back
        self._plain_typos = GenerationMemo(10_000)
        self._other = BoundedMemo(20_000)  # (segment, may-contain state) -> any other reading
        self._entry_sources = {k: tuple(e["sources"]) for k, e in self.entries.items()}  # one tuple per entry

    # -- names: resolution is the matcher's (matcher.py); these delegate for callers that hold a classifier
    def resolve_name(self, name: str) -> Hit | None:
        return self.matcher.resolve_name(name)

    def resolve_exact(self, name: str) -> Hit | None:
        return self.matcher.resolve_exact(name)

    def names_in(self, text: str) -> list[str]:
        return self.matcher.names_in(text)

    def _part_not_named(self, raw: RawItem, name: str) -> Ingredient | None:
        """ "Rosa Canina Extract": a Latin name whose plant part is not printed, where several parts fit
        (ROSA CANINA FRUIT / SEED / FLOWER EXTRACT) and NONE of them has a post-treatment class. Which
        part it is cannot be told, but the reading is the same for all: a neutral ingredient. When any
        candidate has a class (chamomile flower extract is soothing, a peel oil is an essential oil),
        the name stays unread."""
        found = self.matcher.plant_part_candidates(fold(name))
        if len(found) < 2 or any(str(i) in self.classes for i in found):
            return None
        shown = f"{name.upper()} (plant part not named)"
        return Ingredient(raw.text, raw.start, raw.end, name, shown, "neutral", None, None, None, None, "alias", 100.0,
                          "Every plant part CosIng lists for this name is an ingredient with no post-treatment "
                          "concern.", (), "plant part not named", raw.may_contain, raw.percent)

    def structure_rule(self, name: str) -> str | None:
        key = fold(name)
        if key in self._structure_memo:
            return self._structure_memo[key]
        words = set(key.replace("/", " ").split())
        rule = None
        if words & self._triggers:
            if self._structure is None:
                from .patterns import TokenRules  # noqa: PLC0415 - spaCy's pattern language, without spaCy

                s = self.index["structure"]
                self._structure = TokenRules(s["rules"], s["lists"])
            rule = self._structure.classify(key, None)
        return self._structure_memo.put(key, rule)

    # -- items -----------------------------------------------------------------------------
    def ingredient(self, raw: RawItem, text: str, name: str, hit: Hit | None) -> Ingredient:
        if hit is None:
            rule = self.structure_rule(name)
            if rule is not None:
                e = self.entries[rule]
                return Ingredient(text, raw.start, raw.end, name, None, e["role"], e["category"], rule,
                                  e["wait_hours"], e["deep_wait_hours"], "none", None, e["reason"],
                                  self._entry_sources[rule], e["how"], raw.may_contain, raw.percent, e["how"])
            could = self.matcher.could_be(name, " ".join(raw.alts) if name == raw.name and not raw.sublist else "")
            if could is not None:
                return self._possible_ingredient(raw, text, name, could)
            how = PLAIN_OIL if self.matcher.plain_oil(name) else None
            return Ingredient(text, raw.start, raw.end, name, None, "unknown", None, None, None, None,
                              "none", None, None, (), how, raw.may_contain, raw.percent)
        inci = self.vocab.inci(hit.index)
        entry_id = self.classes.get(str(hit.index))
        if entry_id is None:
            return Ingredient(text, raw.start, raw.end, name, inci, "neutral", None, None, None, None,
                              hit.how, hit.score, None, (), None, raw.may_contain, raw.percent)
        e = self.entries[entry_id]
        return Ingredient(text, raw.start, raw.end, name, e["inci"] or inci, e["role"], e["category"],
                          entry_id, e["wait_hours"], e["deep_wait_hours"], hit.how, hit.score,
                          e["reason"], self._entry_sources[entry_id], e["how"], raw.may_contain, raw.percent, e["how"])

    def _possible_ingredient(self, raw: RawItem, text: str, name: str, could) -> Ingredient:
        """An unknown item that could be an irritant: counted as that irritant, match "possible"."""
        e = self.entries[could.entry] if could.entry else self.categories[could.category or ""]
        label = short_label(self.categories[could.category]["label"]) if could.category else "other active"
        target = f"{could.inci} ({label})" if could.inci else ("an " if label[0] in "aeiou" else "a ") + label
        return Ingredient(text, raw.start, raw.end, name, could.inci, "irritant", could.category, could.entry,
                          e["wait_hours"], e["deep_wait_hours"], "possible", could.score,
                          f"Not recognised, but {could.why}: counted as that irritant. {e['reason']}", tuple(e["sources"]),
                          f"could be {target}", raw.may_contain, raw.percent, e.get("how", "lexicon"))

    def classify_item(self, raw: RawItem) -> list[Ingredient]:
        """The ingredients of one printed item (several when its parentheses hold a sub-list)."""
        # a template's text is None where the item's own printed text belongs; spans are the item's
        return [_new(Ingredient, (raw.text if t[0] is None else t[0], raw.start, raw.end)
                     + _tail(t, raw.may_contain, raw.percent)) for t in self._templates(raw)]

    def _templates(self, raw: RawItem) -> tuple[Ingredient, ...]:
        """The item's ingredients as read from its name and parentheses alone, memoised on them: a
        template's text is None where the item's own text belongs, and its span, may-contain state and
        percentage are not the item's (``classify_item`` puts the item's in)."""
        key = (raw.name, raw.alts, raw.sublist, raw.lines)
        templates = self._item_memo.get(key)
        if templates is None:
            # a segment's reading (_segment_reading) builds its item with no text already
            templates = self._item_memo.put(key, tuple(self._classify_uncached(
                raw if raw.text is None else raw._replace(text=None))))
        return templates

    def _classify_uncached(self, raw: RawItem) -> list[Ingredient]:
        name = raw.name or (raw.alts[0] if raw.alts else "")
        if raw.name and raw.name.count(" ") >= MAX_NAME_WORDS and self.matcher.resolve_exact(raw.name) is None:
            # a run of names with no commas ("... Mica Titanium Dioxide (CI 77891) Tin Oxide ..."): a
            # bracket inside it must not name the whole run; segment it first (a long CosIng name,
            # "Lactobacillus/Honeysuckle Flower/... Extract Ferment Filtrate", is read whole first)
            glued = self.matcher.unglue(raw.name)
            if glued:
                return [self.ingredient(raw, part, part, h) for part, h in glued]
        hit = self.matcher.resolve_item(raw)
        if hit is None and raw.lines:
            # a line break inside an item that reads as no name: a comma lost between two names
            # ("Glycolic Acid" newline "PANTHENOI"): each line is an item of its own
            return [self.ingredient(raw, line, line, self.matcher.resolve_name(line)) for line in raw.lines]
        if hit is None and raw.name:
            unnamed = self._part_not_named(raw, raw.name)
            if unnamed is not None:
                return [unnamed]
            glued = self.matcher.unglue(raw.name)
            if glued:
                # "Gluconolactone & Sodium Benzoate", "Iron Oxides CI 77492": two names in one item
                return [self.ingredient(raw, part, part, h) for part, h in glued]
        out = [self.ingredient(raw, raw.text, name, hit)]
        if raw.sublist:
            seen = {hit.index} if hit else set()
            for part in raw.alts:
                sub = self.matcher.resolve_name(part)
                if sub is not None and sub.index in seen:
                    continue  # "Water (Aqua, Eau)": synonyms of the main name
                if sub is None and hit is not None and part.count(" ") < 3 and not self.structure_rule(part):
                    # "Butyrospermum Parkii (Shea, Karite) Butter", "(May Chang Oil, Huile de ...)": common
                    # names and translations of a name that was read; they are part of its printed text
                    continue
                if sub is not None:
                    seen.add(sub.index)
                out.append(self.ingredient(raw, part, part, sub))
            if hit is None and len(out) > 1 and not recognised(out[0]) and (
                    not raw.name or _BLEND_NAME.search(fold(raw.name)) and all(map(recognised, out[1:]))):
                # "(Aqua, Glycerin)" with no name, or a blend's trade name whose parts were all read
                # ("Witch Hazel Extract Blend (Hamamelis Virginiana Extract, ...)"): the parts are the ingredients
                out = out[1:]
        return out

    def classify_layout(self, layout: Layout, max_items: int) -> LabelReading | None:
        """A label's ingredients, in label order, before the rules that look at the whole list
        (``label_rules.finish``); None when the list counts more than ``max_items`` ingredients.

        Every label, pasted or a shelf's row, comes this way, and reads each segment as
        ``parse_label`` does (``read_segment``, ``place_segment``, ``classify_item``). A shelf repeats
        the same printed segments ("Glycerin", " Phenoxyethanol") across thousands of labels, so a
        segment that reads as one plain item keeps its finished reading whole: the ingredients
        without their span, and the blanks around the item. What stays per label is the span.
        """
        src = layout.src
        text = src.text
        identity = src.identity  # offsets in text are the input's (no scraper list rejoined, no entity)
        new = tuple.__new__
        result: list[Ingredient] = []
        prose: list[RawItem] = []
        skipped: list[Skipped] = list(layout.skipped)
        count = items = 0
        for part, spans in layout.regions:
            if identity:
                # the usual region: plain items only. Their readings are found and their ingredients
                # built in C loops (3 times faster than item by item)
                segments = [text[s:e] for s, e in spans]
                found = self._plain_readings(segments)
                if found is not None:
                    count += sum(map(_WEIGHT, found))
                    if count > max_items:
                        return None
                    items += len(found)
                    result += [new(Ingredient, (shown if own is None else own, s + lead, e - trail) + tail)
                               for (s, e), (_, shown, lead, trail, tails, _, _) in zip(spans, found)
                               for own, tail in tails]
                    continue
            may_contain = False
            for s, e in spans:
                after, shown, lead, trail, tails, weight, fields = self._segment_reading(text[s:e], may_contain)
                if fields is None:
                    may_contain = after
                    continue
                if tails is not None:  # a plain item
                    if identity:
                        start, end = s + lead, e - trail
                    else:
                        raw = place_segment(layout, s, e, fields, after, part, skipped)
                        shown, start, end = raw.text, raw.start, raw.end
                    found_here = [new(Ingredient, (shown if own is None else own, start, end) + tail)
                                  for own, tail in tails]
                else:
                    raw = place_segment(layout, s, e, fields, after, part, skipped)
                    may_contain = after
                    if raw is None or not is_list_item(raw, prose, skipped):
                        continue
                    found_here = self.classify_item(raw)
                items += 1
                count += weight
                if count > max_items:
                    return None
                result += found_here
                may_contain = after
        return LabelReading(result, items, prose, skipped)

    def _plain_readings(self, segments: list[str]) -> list[tuple] | None:
        """The readings of a region's segments when each is a plain item read with may-contain off and
        leaving it off, else None (the caller then reads the region segment by segment)."""
        found = list(map(self._plain.get, segments))  # one C loop for the usual all-hit case
        if None in found:
            typos = self._plain_typos
            for k, got in enumerate(found):
                if got is None:
                    got = typos.get(segments[k]) or self._segment_reading(segments[k], False)
                    if got[4] is None or got[0]:
                        return None
                    found[k] = got
        return found

    def _segment_reading(self, segment: str, may_contain: bool) -> tuple:
        """A segment's reading, memoised: (may-contain state after it, the item's printed text, blanks
        before and after it, for a plain item its ingredients as (own text or None, fields from the
        parsed name on) else None, its count against --max-items, the parse stage's fields)."""
        if not may_contain:
            reading = self._plain.get(segment) or self._plain_typos.get(segment)
            if reading is not None:
                return reading
        reading = self._other.get((segment, may_contain))
        if reading is not None:
            return reading
        fields, after = read_segment(segment, may_contain, caller_memoises=True)  # the reading is memoised below
        if fields is None:
            reading = (after, None, 0, 0, None, 0, None)
        elif is_plain(fields):
            raw = RawItem(None, 0, 0, fields.name, fields.alts, fields.sublist, fields.percent, after,
                          lines=fields.lines)
            # (own text or None, the fields from the name on) as classify_item's ingredients would give
            # them for this item, whose text is None, without building those ingredients
            tails = tuple((t[0], _tail(t, after, fields.percent)) for t in self._templates(raw))
            reading = (after, fields.stripped, fields.lead, fields.trail, tails, item_count(raw), fields)
        else:
            weight = 0 if fields.prose or fields.skip_reason else 1 + (len(fields.alts) if fields.sublist else 0)
            reading = (after, fields.stripped, fields.lead, fields.trail, None, weight, fields)
        if len(segment) > MEMO_MAX_SEGMENT:
            return reading
        if reading[4] is not None and not may_contain and not after:
            fuzzy = any(tail[_TAIL_MATCH] == "fuzzy" for _, tail in reading[4])
            (self._plain_typos if fuzzy else self._plain).put(segment, reading)
        else:
            self._other.put((segment, may_contain), reading)
        return reading


@functools.cache
def get_classifier() -> Classifier:
    return Classifier(load_index(), get_matcher())
