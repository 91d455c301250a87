"""The library API: one label in, one report out (read -> parse -> classify -> timeline)."""

from __future__ import annotations

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
    raws = list(parsed.items)
    if parsed.prose:
        raws = _read_prose(parsed.prose, raws, skipped, classifier)
    components = list(parsed.components)
    if components and components[0].kind == "preamble":
        raws = _read_preamble(raws, skipped, classifier)
    skipped.sort(key=lambda k: k.start)
    warnings = [w for w in parsed.warnings if "ingredient lists (a kit?)" not in w and "prose" not in w]
    present = sorted({r.part for r in raws})
    kits = [components[k] for k in present if components[k].kind in ("list", "preamble")]
    if len(kits) + any(components[k].kind in ("actives", "inactives") for k in present) > 1:
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


def _read_prose(prose, raws: list[RawItem], skipped: list[Skipped], classifier: Classifier) -> list[RawItem]:
    """A segment that reads as a sentence is read as an item when it names something: an ingredient
    ("Sodium Hyaluronate and Retinyl Palmitate" is two), or a perfume or an essential oil by its
    shape ("trade secret perfume premix"). What names nothing is skipped as prose, with its span."""
    kept = []
    for p in prose:
        found = classifier.classify_item(p)
        if any(map(recognised, found)):
            kept.append(p)
        else:
            skipped.append(Skipped(" ".join(p.text.split()), p.start, p.end, "prose"))
    return sorted((*raws, *kept), key=lambda r: r.start) if kept else raws


# The text before the first heading is a list when its items are ingredient names: at least two of
# them, or one and half of its items (drug-facts actives "Zinc Oxide 20%"); otherwise it is the
# product's name or a blurb ("Enlighten Dark Spot Night Serum Division: El (Estee Lauder)").
_PREAMBLE_MIN_NAMES = 2


def _read_preamble(raws: list[RawItem], skipped: list[Skipped], classifier: Classifier) -> list[RawItem]:
    first = [r for r in raws if r.part == 0]
    if not first:
        return raws
    known = sum(1 for r in first if any(map(recognised, classifier.classify_item(r))))
    if known >= _PREAMBLE_MIN_NAMES or known and 2 * known >= len(first):
        return raws
    reason = "product name" if len(first) == 1 and len(first[0].text.split()) <= 8 else "text before the list"
    skipped.extend(Skipped(" ".join(r.text.split()), r.start, r.end, reason) for r in first)
    return [r for r in raws if r.part != 0]


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
