"""classify: attach role, category, wait, reason and sources to every parsed item.

A name resolved to the vocabulary takes its class from the prebuilt index (a lexicon entry, a
botanical exception or a structural rule run at build time); a resolved name with no class is
"neutral" (a real ingredient with no post-treatment concern). A name that resolves nowhere is
"unknown", unless its shape alone says what it is ("Lavandula Stoechas Flower Oil" is an essential
oil even when the vocabulary lacks it): then the structural rules run on it (patterns.py interprets
the rules' spaCy patterns without importing spaCy).

The 1% line: EU and US labels list ingredients above 1% in descending order (EU Regulation 1223/2009
Art. 19(1)(g); US 21 CFR 701.3), and a preservative such as phenoxyethanol is capped at 1% (Annex V),
so whatever follows the first preservative, colourant or fragrance sits at or below 1%. There,
citric, lactic, malic or tartaric acid adjust pH; they do not exfoliate. Such acids are reported
as neutral with that reason. Glycolic, mandelic and salicylic acid are never demoted.
"""

from __future__ import annotations

import functools
import bisect
import operator
import re

from .data import load_index
from .fold import fold
from .memo import BoundedMemo
from .model import Ingredient, LabelReading, Layout, RawItem, Skipped
from .matcher import MAX_NAME_WORDS, Matcher, get_matcher
from .parse import MEMO_MAX_SEGMENT, is_plain, item_count, place_segment, read_segment
from .possible import PLAIN_OIL, short_label
from .vocab import Hit

__all__ = ["Ingredient", "Classifier", "get_classifier", "recognised", "PRESERVATIVE"]

PRESERVATIVE = 1
_COLOUR_INDEX_NAME = re.compile(r"ci \d{5}$")
_BLEND_NAME = re.compile(r"\b(?:blend|complex|mix|mixture|system|base|concentrate|infusion)\b")


def recognised(ing: Ingredient) -> bool:
    """Read with confidence: neither unknown nor only "possible" (an unread item that could be an
    irritant, possible.py). Prose, a preamble or a blend's trade name is read as a name only so."""
    return ing.role != "unknown" and ing.match != "possible"


_TAIL_MATCH = Ingredient._fields.index("match") - 3  # in an ingredient's fields from the name on
_WEIGHT = operator.itemgetter(5)  # a reading's count against --max-items


class Classifier:
    def __init__(self, index: dict, matcher: Matcher | None = None):
        self.index = index
        self.matcher = matcher or Matcher(index)  # name resolution (matcher.py); the classifier attaches meaning
        self.vocab = self.matcher.vocab
        self.entries: dict[str, dict] = index["entries"]
        self.classes: dict[str, str] = index["classes"]
        self.categories: dict[str, dict] = index["categories"]
        self.sources: dict[str, dict] = index["sources"]
        self.position = index.get("position", {})
        self._line_markers = frozenset(self.position.get("markers", []))
        self._triggers = frozenset(index["structure"]["triggers"])
        self._structure = None
        self._structure_memo = BoundedMemo(10_000)
        self._item_memo = BoundedMemo()
        # printed segment -> its finished reading (classify_layout). A shelf repeats a few thousand
        # spellings and adds typos that are mostly seen once: the typos get their own memo, so that
        # emptying it when full never drops the spellings every label uses.
        self._plain = BoundedMemo(50_000)  # plain items read with may-contain off and leaving it off
        self._plain_typos = BoundedMemo(20_000)  # the same, for items matched by typo correction
        self._other = BoundedMemo(20_000)  # (segment, may-contain state) -> any other reading
        self._scrub_names = frozenset(self.position.get("scrub_base", {}).get("names", ()))
        self._marker_memo: dict[str | None, bool] = {}
        self._entry_sources = {k: tuple(e["sources"]) for k, e in self.entries.items()}  # one tuple per entry
        # entries an acid past the 1% line is demoted from (citric, lactic ... as pH adjusters)
        self._ph_adjusters = frozenset(k for k, e in self.entries.items() if e.get("late_is_ph_adjuster"))

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
    def _ingredient(self, raw: RawItem, text: str, name: str, hit: Hit | None) -> Ingredient:
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
        key = (raw.name, raw.alts, raw.sublist, raw.lines)
        templates = self._item_memo.get(key)
        if templates is None:
            templates = self._item_memo.put(key, tuple(self._classify_uncached(raw._replace(text=None))))
        # a template's text is None where the item's own printed text belongs; spans are the item's
        return [Ingredient(raw.text if t[0] is None else t[0], raw.start, raw.end, *t[3:15], raw.may_contain,
                           raw.percent, t[17]) for t in templates]

    def _classify_uncached(self, raw: RawItem) -> list[Ingredient]:
        name = raw.name or (raw.alts[0] if raw.alts else "")
        if raw.name and raw.name.count(" ") >= MAX_NAME_WORDS and self.matcher.resolve_exact(raw.name) is None:
            # a run of names with no commas ("... Mica Titanium Dioxide (CI 77891) Tin Oxide ..."): a
            # bracket inside it must not name the whole run; segment it first (a long CosIng name,
            # "Lactobacillus/Honeysuckle Flower/... Extract Ferment Filtrate", is read whole first)
            glued = self.matcher.unglue(raw.name)
            if glued:
                return [self._ingredient(raw, part, part, h) for part, h in glued]
        hit = self.matcher.resolve_item(raw)
        if hit is None and raw.lines:
            # a line break inside an item that reads as no name: a comma lost between two names
            # ("Glycolic Acid" newline "PANTHENOI"): each line is an item of its own
            return [self._ingredient(raw, line, line, self.matcher.resolve_name(line)) for line in raw.lines]
        if hit is None and raw.name:
            unnamed = self._part_not_named(raw, raw.name)
            if unnamed is not None:
                return [unnamed]
            glued = self.matcher.unglue(raw.name)
            if glued:
                # "Gluconolactone & Sodium Benzoate", "Iron Oxides CI 77492": two names in one item
                return [self._ingredient(raw, part, part, h) for part, h in glued]
        out = [self._ingredient(raw, raw.text, name, hit)]
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
                out.append(self._ingredient(raw, part, part, sub))
            if hit is None and len(out) > 1 and not recognised(out[0]) and (
                    not raw.name or _BLEND_NAME.search(fold(raw.name)) and all(map(recognised, out[1:]))):
                # "(Aqua, Glycerin)" with no name, or a blend's trade name whose parts were all read
                # ("Witch Hazel Extract Blend (Hamamelis Virginiana Extract, ...)"): the parts are the ingredients
                out = out[1:]
        return out

    def classify(self, items: tuple[RawItem, ...], starts: tuple[int, ...] = ()) -> list[Ingredient]:
        """The ingredients of parsed items, in label order, with the list rules applied (``finish``)."""
        return self.finish([i for raw in items for i in self.classify_item(raw)], starts)

    def classify_layout(self, layout: Layout, max_items: int) -> LabelReading | None:
        """A label's ingredients, in label order, before the rules that look at the whole list
        (``finish``); None when the list counts more than ``max_items`` ingredients.

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
                    if raw is None:
                        continue
                    if raw.prose:
                        if raw.prose_kind in ("claim", "footnote legend"):
                            skipped.append(Skipped(" ".join(raw.text.split()), raw.start, raw.end, raw.prose_kind))
                        else:
                            prose.append(raw)
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
        fields, after = read_segment(segment, may_contain)
        if fields is None:
            reading = (after, None, 0, 0, None, 0, None)
        elif is_plain(fields):
            raw = RawItem(None, 0, 0, fields.name, fields.alts, fields.sublist, fields.percent, after,
                          lines=fields.lines)
            tails = tuple((i.text, i[3:]) for i in self.classify_item(raw))
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

    def finish(self, result: list[Ingredient], starts: tuple[int, ...] = ()) -> list[Ingredient]:
        """The rules that look at the list's order, per component of the text (``starts``: where
        each begins in the input): pieces of one name split by a stray comma joined back, the 1%
        line; then the scrub base."""
        if len(starts) > 1:
            groups: list[list[Ingredient]] = [[] for _ in starts]
            for ing in result:
                groups[max(0, bisect.bisect_right(starts, ing.start) - 1)].append(ing)
        else:
            groups = [result]
        out: list[Ingredient] = []
        for group in groups:
            if not all(map(recognised, group)):
                group = self._rejoin_all(group)
            out += self._apply_one_percent_line(group)
        return self._apply_scrub_base(out)

    def _rejoin_all(self, group: list[Ingredient]) -> list[Ingredient]:
        out: list[Ingredient] = []
        for k, ing in enumerate(group):
            alone = (not out or out[-1].start != ing.start) and (k + 1 == len(group) or group[k + 1].start != ing.start)
            if out and alone:
                joined = self._rejoin(out[-2:], ing)
                if joined is not None:
                    n, merged = joined
                    out[len(out) - n:] = [merged]
                    continue
            out.append(ing)
        return out

    def _rejoin(self, before: list[Ingredient], b: Ingredient) -> tuple[int, Ingredient] | None:
        """Neighbours split by a stray comma that make one name exactly ("Retinyl, Palmitate"; scrapers
        that split at spaces: "Acrylates/C10-30 Alkyl Acrylate, Crosspolymer", "Hydroxyethyl
        Acrylate/Sodium, Acryloyldimethyl Taurate, Copolymer"): one ingredient, its span covering them.
        At least one piece must be unknown, so that two real names are never fused. Returns how many
        of ``before`` (its last one or two) the merged ingredient replaces."""
        for n in (1, 2):
            if len(before) < n:
                return None
            run = [*before[-n:], b]
            if all(map(recognised, run)) or any(not i.name for i in run):
                continue
            if any(x.end > y.start or x.may_contain != y.may_contain or x.start == y.start
                   for x, y in zip(run, run[1:])):
                continue
            name = " ".join(i.name for i in run)
            hit = self.matcher.exact_any(fold(name))
            if hit is not None:
                raw = RawItem(", ".join(i.text for i in run), run[0].start, b.end, name, may_contain=b.may_contain)
                return n, self._ingredient(raw, raw.text, raw.name, Hit(hit.index, "alias", 100.0))
        return None

    def _apply_scrub_base(self, items: list[Ingredient]) -> list[Ingredient]:
        """Sugar, salt or alumina first or second in the list is the product's scrubbing base."""
        rule = self.position.get("scrub_base")
        if not rule or not items:
            return items
        limit = rule["max_position"]
        names = self._scrub_names
        for k in range(min(limit, len(items))):
            ing = items[k]
            if ing.role == "neutral" and ing.inci and ing.inci.casefold() in names:
                cat = self.categories["physical_exfoliant"]
                items[k] = ing._replace(role="irritant", category="physical_exfoliant", entry="physical_exfoliant",
                                        wait_hours=cat["wait_hours"], deep_wait_hours=cat["deep_wait_hours"],
                                        reason=rule["reason"], sources=tuple(rule["sources"]),
                                        how="position: scrub base", wait_from="position: scrub base")
        return items

    def _is_line_marker(self, ing: Ingredient) -> bool:
        if ing.match == "possible":
            return False  # an item that only could be a fragrance does not draw the line
        if ing.category == "fragrance":
            return True
        if ing.inci is None or ing.role == "irritant":
            return False  # an active (salicylic acid is also a CosIng preservative) is not the line
        known = self._marker_memo.get(ing.inci)
        if known is None:
            known = self._marker_memo[ing.inci] = self._is_marker_name(ing.inci)
        return known

    def _is_marker_name(self, inci: str) -> bool:
        key = fold(inci)
        if key in self._line_markers:
            return True
        if _COLOUR_INDEX_NAME.match(key):
            return True
        # CosIng's COLORANT function also covers kaolin and titanium dioxide, which sit high in
        # lists: only colour-index names and the curated markers count as colourants
        i = self.vocab.keys.get(key)
        return i is not None and bool(self.vocab.flags(i) & PRESERVATIVE)

    def _apply_one_percent_line(self, items: list[Ingredient]) -> list[Ingredient]:
        line = next((k for k, ing in enumerate(items) if self._is_line_marker(ing)), None)
        if line is None:
            return items
        adjusters = self._ph_adjusters
        if not any(ing.entry in adjusters for ing in items[line:]):
            return items
        reason = self.position.get("reason", "after the 1% line this acid adjusts pH")
        sources = tuple(self.position.get("sources", ()))
        out = items[:line]
        for ing in items[line:]:
            if ing.entry in adjusters and ing.role == "irritant":
                ing = Ingredient(ing.text, ing.start, ing.end, ing.name, ing.inci, "neutral", None,
                                 ing.entry, None, None, ing.match, ing.score, reason, sources,
                                 "position: after the 1% line", ing.may_contain, ing.percent)
            out.append(ing)
        return out


@functools.cache
def get_classifier() -> Classifier:
    return Classifier(load_index(), get_matcher())
