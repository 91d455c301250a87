"""The library API: one label in, one report out (read -> parse -> classify -> timeline)."""

from __future__ import annotations

import re
from typing import NamedTuple

from .classify import Classifier, Ingredient, get_classifier, recognised
from .errors import InputError
from .parse import RawItem, Skipped, parse_label
from .read import MAX_ITEMS
from .timeline import Options, Verdict, decide

__all__ = ["Report", "ComponentVerdict", "check_label", "plain_verdict", "DISCLAIMER"]

DISCLAIMER = "Information, not medical advice: your practitioner's aftercare instructions come first."


class ComponentVerdict(NamedTuple):
    """The verdict of one list of a text that holds several (a kit's product, a drug-facts panel)."""

    name: str  # as printed before the list ("Hydra Serum 1 oz", "Step One"), or "list N"
    start: int
    end: int
    status: str
    safe_after_hours: int | None
    deciding: tuple[Ingredient, ...]


class Report(NamedTuple):
    verdict: Verdict
    options: Options
    prose: tuple[str, ...]
    skipped: tuple[Skipped, ...] = ()  # every piece of the text that is not an item, with its reason
    components: tuple[ComponentVerdict, ...] = ()  # when the text holds more than one list

    @property
    def ingredients(self) -> tuple[Ingredient, ...]:
        return self.verdict.ingredients

    @property
    def deciding_component(self) -> str | None:
        """The name of the list that sets the product's wait, when the text holds several."""
        v = self.verdict
        if not self.components or v.safe_after_hours is None:
            return None
        return next((c.name for c in self.components if c.deciding and c.safe_after_hours == v.safe_after_hours), None)


def check_label(text: str, options: Options | None = None, classifier: Classifier | None = None,
                max_items: int = MAX_ITEMS) -> Report:
    """Check one label's text. Raises InputError when the list is too long to be a label."""
    options = options or Options()
    classifier = classifier or get_classifier()
    parsed = parse_label(text)
    # a parenthesised sub-list ("Fragrance (Limonene, Linalool)") becomes one ingredient per part
    count = len(parsed.items) + sum(len(i.alts) for i in parsed.items if i.sublist)
    if count > max_items:
        raise InputError(f"the label holds {count:,} items, over the limit of {max_items:,} (--max-items)")
    skipped = list(parsed.skipped)
    raws, prose = list(parsed.items), list(parsed.prose)
    components = list(parsed.components)
    if components and components[0].kind == "preamble":
        raws, prose = _read_preamble(raws, prose, skipped, classifier)
    if prose:
        raws = _read_prose(prose, raws, skipped, classifier)
    skipped.sort(key=lambda k: k.start)
    warnings = [w for w in parsed.warnings if "ingredient lists (a kit?)" not in w and "prose" not in w]
    present = sorted({r.part for r in raws})
    # a drug-facts panel's actives and inactives are one product; a kit's lists are several
    panel = {"actives", "inactives"}
    kits = [c for c in (components[k] for k in present)
            if c.kind == "list" or c.kind == "preamble" and c.name != "active ingredients"]
    if len(kits) + any(components[k].kind in panel or components[k].name == "active ingredients" for k in present) > 1:
        warnings.append(f"this text holds {len(present)} ingredient lists (a kit?): the verdict covers all of them")
    prose_left = [k for k in skipped if k.reason == "prose"]
    if not raws and prose_left:
        warnings.append("this text reads as prose, not an ingredient list")
    elif prose_left and len(prose_left) >= len(raws):
        warnings.append("much of this text reads as prose, not as an ingredient list")
    items = classifier.classify(tuple(raws))
    timeline = classifier.index["timeline"]
    verdict = decide(items, timeline, options, warnings)
    results: tuple[ComponentVerdict, ...] = ()
    if len(present) > 1:
        results = tuple(_component(k, components[k], verdict, timeline, options) for k in present)
    return Report(verdict, options, tuple(p.text for p in parsed.prose), tuple(skipped), results)


# A sentence that says an ingredient is absent names it without putting it on the skin.
_NEGATION = re.compile(r"(?i)\b(?:not|no|without|free|never|instead of|avoid)\b")


def _read_prose(prose, raws: list[RawItem], skipped: list[Skipped], classifier: Classifier) -> list[RawItem]:
    """A segment that reads as a sentence is read as an item when it names something, because when in
    doubt the text is an item, never silence:

    - it is an ingredient after all ("Sodium Hyaluronate and Retinyl Palmitate" is two), or a perfume
      or an essential oil by its shape ("trade secret perfume premix");
    - shop pages describe key ingredients as "Name: what it does" ("-4% Glycolic Acid Complex: Helps
      to exfoliate ..."), sometimes with no list beside them: the names left of the colon are counted;
    - a sentence that names an irritant ("pure vitamin C from pure ascorbic acid ...") puts it on the
      skin, unless it says the ingredient is absent ("does not contain retinol").

    What names nothing is skipped as prose, with its span; the report shows skipped text that names an
    ingredient, so a person sees what was not counted."""
    kept: list[RawItem] = []
    named: list[RawItem] = []
    for p in prose:
        found = classifier.classify_item(p)
        if any(map(recognised, found)):
            kept.append(p)
            continue
        left, colon, _ = p.name.partition(":")
        names = classifier.names_in(left) if colon else []
        if not names and not _NEGATION.search(p.name):
            names = [n for n in classifier.names_in(p.name) if classifier.is_irritant_name(n)]
        if names:
            named.extend(p._replace(name=n, alts=(), sublist=False, lines=(), prose_kind="named") for n in names)
        else:
            skipped.append(Skipped(" ".join(p.text.split()), p.start, p.end, "prose"))
    if named:
        # a sentence's name that the list itself also holds ("... Retinol Night Cream" above a list with
        # retinol) is not a second ingredient: the sentence is skipped, the list's item counts
        listed = {i.inci for r in (*raws, *kept) for i in classifier.classify_item(r)}
        fresh = [r for r in named if classifier.classify_item(r)[0].inci not in listed]
        counted = {(r.start, r.end) for r in fresh}
        for r in named:
            if (r.start, r.end) not in counted:
                counted.add((r.start, r.end))
                skipped.append(Skipped(" ".join(r.text.split()), r.start, r.end, "prose"))
        kept.extend(fresh)
    return sorted((*raws, *kept), key=lambda r: r.start) if kept else raws


# The text before the first heading is a list when its items are ingredient names: at least two of
# them, or one and half of its items (drug-facts actives "Zinc Oxide 20%"); otherwise it is the
# product's name or a blurb ("Enlighten Dark Spot Night Serum Division: El (Estee Lauder)").
_PREAMBLE_MIN_NAMES = 2


def _read_preamble(raws: list[RawItem], prose: list[RawItem], skipped: list[Skipped],
                   classifier: Classifier) -> tuple[list[RawItem], list[RawItem]]:
    first = [r for r in raws if r.part == 0]
    first_prose = [p for p in prose if p.part == 0]
    known = sum(1 for r in first if any(map(recognised, classifier.classify_item(r))))
    if known >= _PREAMBLE_MIN_NAMES or known and 2 * known >= len(first) + len(first_prose):
        return raws, prose
    # not a list: a product name or a blurb. Its items are skipped; its sentences are read as any
    # sentence is (a key-ingredient blurb "-Vitamin A (Retinol): Helps firm skin" still counts)
    reason = "product name" if len(first) == 1 and not first_prose and len(first[0].text.split()) <= 8 \
        else "text before the list"
    skipped.extend(Skipped(" ".join(r.text.split()), r.start, r.end, reason) for r in first)
    return [r for r in raws if r.part != 0], prose


def _component(k: int, comp, verdict: Verdict, timeline: dict, options: Options) -> ComponentVerdict:
    """One list's own verdict: the same rules as the product's, on its items alone (the product's
    verdict is the longest wait over all of them)."""
    mine = [i for i in verdict.ingredients if comp.start <= i.start < comp.end]
    v = decide(mine, timeline, options._replace(product_type=verdict.product_type), [])
    name = comp.name or f"list {k + 1}"
    return ComponentVerdict(name, comp.start, comp.end, v.status, v.safe_after_hours, v.deciding)


def plain_verdict(text: str, options: Options, classifier: Classifier, max_items: int = MAX_ITEMS) -> Verdict | None:
    """``check_label(text, ...).verdict`` without the ingredients' spans, by the batch fast path
    (``Classifier.classify_plain``); None when the text is not a plain comma-separated list."""
    items = classifier.classify_plain(text, max_items)
    if items is None:
        return None
    return decide(items, classifier.index["timeline"], options, [])
