"""The library API: one label in, one report out (read -> parse -> classify -> label rules -> timeline).

Every label takes this road, a pasted one and each row of a shelf alike (``shelf`` calls
``check_label`` once per row, in every output format); its speed on a shelf comes from the
classifier's memo of finished readings per printed segment (``Classifier.classify_layout``).
"""

from __future__ import annotations

import bisect
import re
from .classify import Classifier, get_classifier, recognised
from .errors import InputError
from .model import ComponentVerdict, Ingredient, RawItem, Report, Skipped
from .parse import item_count, parse_label, split_label
from .read import MAX_ITEMS, MAX_LABEL_BYTES, check_label_text
from .timeline import Options, Verdict, decide

__all__ = ["Report", "ComponentVerdict", "check_label", "DISCLAIMER"]

DISCLAIMER = "Information, not medical advice: your practitioner's aftercare instructions come first."


def check_label(text: str, options: Options | None = None, classifier: Classifier | None = None,
                max_items: int = MAX_ITEMS, max_bytes: int = MAX_LABEL_BYTES, where: str = "the label") -> Report:
    """Check one label's text. Raises InputError, in one line naming ``where``, when the text is not
    a label (the read stage's limits, ``read.check_label_text``: over ``max_bytes`` as UTF-8, not
    valid text, NUL bytes, empty) or its list counts more than ``max_items`` ingredients; a library
    caller, the CLI's ``check`` and each row of a shelf get the same limits and messages.

    Every label takes this road, a pasted one and each row of a shelf alike, in every output format:
    parse (``split_label``: where the lists, items and skipped text are), read and match each segment
    (``Classifier.classify_layout``, memoised per printed segment), the rules that look at the whole
    text (the preamble, prose, ``Classifier.finish``: stray commas, the 1% line, the scrub base), then
    the timeline."""
    check_label_text(text, where, max_bytes)
    options = options or Options()
    classifier = classifier or get_classifier()
    timeline = classifier.index["timeline"]
    layout = split_label(text)
    if layout.no_list is not None:
        verdict = decide([], timeline, options, ["this text holds no ingredient list"])
        return Report(verdict, options, (layout.no_list.text,), layout.skipped)
    read = classifier.classify_layout(layout, max_items)
    if read is None:
        count = sum(map(item_count, parse_label(text).items))
        raise InputError(f"the label holds {count:,} items, over the limit of {max_items:,} (--max-items)")
    skipped, prose, found = read.skipped, read.prose, read.ingredients
    components = layout.components
    if components and components[0].kind == "preamble":
        found, prose = _read_preamble(found, prose, skipped, components[0], text, classifier)
    if prose:
        found = _read_prose(prose, found, skipped, classifier)
    skipped.sort(key=lambda k: k.start)
    starts = tuple(c.start for c in components)
    items = classifier.finish(found, starts)
    present = sorted({_component_of(starts, i.start) for i in items}) if len(starts) > 1 else [0]
    warnings = _list_warnings([components[k] for k in present if k < len(components)], items, skipped)
    verdict = decide(items, timeline, options, warnings)
    results: tuple[ComponentVerdict, ...] = ()
    if len(present) > 1:
        by_component: dict[int, list[Ingredient]] = {}
        for i in verdict.ingredients:
            by_component.setdefault(_component_of(starts, i.start), []).append(i)
        results = tuple(_component(k, components[k], by_component[k], verdict, timeline, options) for k in present)
    return Report(verdict, options, tuple(p.text for p in prose), tuple(skipped), results)


def _component_of(starts: tuple[int, ...], pos: int) -> int:
    """Which component of the text the input offset ``pos`` belongs to (the one that starts last before it)."""
    return max(0, bisect.bisect_right(starts, pos) - 1)


def _list_warnings(present, items: list[Ingredient], skipped: list[Skipped]) -> list[str]:
    warnings = []
    # a drug-facts panel's actives and inactives are one product; a kit's lists are several
    panel = any(c.kind in ("actives", "inactives") or c.name == "active ingredients" for c in present)
    kits = [c for c in present if c.kind == "list" or c.kind == "preamble" and c.name != "active ingredients"]
    if len(kits) + panel > 1:
        warnings.append(f"this text holds {len(present)} ingredient lists (a kit?): the verdict covers all of them")
    prose = sum(1 for k in skipped if k.reason == "prose")
    if not items and prose:
        warnings.append("this text reads as prose, not an ingredient list")
    elif prose and prose >= len(items):
        warnings.append("much of this text reads as prose, not as an ingredient list")
    return warnings


# A sentence that says an ingredient is absent names it without putting it on the skin.
_NEGATION = re.compile(r"(?i)\b(?:not|no|without|free|never|instead of|avoid)\b")


def _read_prose(prose: list[RawItem], found: list[Ingredient], skipped: list[Skipped],
                classifier: Classifier) -> list[Ingredient]:
    """A segment that reads as a sentence is read as an item when it names something, because when in
    doubt the text is an item, never silence:

    - it is an ingredient after all ("Sodium Hyaluronate and Retinyl Palmitate" is two), or a perfume
      or an essential oil by its shape ("trade secret perfume premix");
    - shop pages describe key ingredients as "Name: what it does" ("-4% Glycolic Acid Complex: Helps
      to exfoliate ..."), sometimes with no list beside them: the names left of the colon are counted;
    - a sentence that names an irritant ("pure vitamin C from pure ascorbic acid ...") puts it on the
      skin, unless it says the ingredient is absent ("does not contain retinol").

    A name the list itself also holds is not counted twice. What names nothing is skipped as prose,
    with its span; the report shows skipped text that names an ingredient, so a person sees what was
    not counted."""
    kept: list[Ingredient] = []
    named: list[Ingredient] = []
    for p in prose:
        read = classifier.classify_item(p)
        if any(map(recognised, read)):
            kept += read
            continue
        left, colon, _ = p.name.partition(":")
        names = classifier.matcher.names_in(left) if colon else []
        if not names and not _NEGATION.search(p.name):
            names = [n for n in classifier.matcher.names_in(p.name) if classifier.matcher.is_irritant_name(n)]
        if names:
            named += [i for n in names
                      for i in classifier.classify_item(p._replace(name=n, alts=(), sublist=False, lines=()))]
        else:
            skipped.append(Skipped(" ".join(p.text.split()), p.start, p.end, "prose"))
    if named:
        listed = {i.inci for i in (*found, *kept)}
        fresh = [i for i in named if i.inci not in listed]
        counted = {(i.start, i.end) for i in fresh}
        for i in named:
            if (i.start, i.end) not in counted:
                counted.add((i.start, i.end))
                skipped.append(Skipped(" ".join(i.text.split()), i.start, i.end, "prose"))
        kept += fresh
    return sorted((*found, *kept), key=lambda i: i.start) if kept else found


# The text before the first heading is a list when its items are ingredient names: at least two of
# them, or one and half of its items (drug-facts actives "Zinc Oxide 20%"); otherwise it is the
# product's name or a blurb ("Enlighten Dark Spot Night Serum Division: El (Estee Lauder)").
_PREAMBLE_MIN_NAMES = 2


def _read_preamble(found: list[Ingredient], prose: list[RawItem], skipped: list[Skipped], first,
                   text: str, classifier: Classifier) -> tuple[list[Ingredient], list[RawItem]]:
    mine = [i for i in found if first.start <= i.start < first.end]
    spans: dict[tuple[int, int], bool] = {}  # each item of the preamble -> whether it reads as a name
    for i in mine:
        spans[(i.start, i.end)] = spans.get((i.start, i.end), False) or recognised(i)
    known = sum(spans.values())
    first_prose = [p for p in prose if p.part == 0]
    if known >= _PREAMBLE_MIN_NAMES or known and 2 * known >= len(spans) + len(first_prose):
        return found, prose
    # not a list: a product name or a blurb. Its items are skipped; its sentences are read as any
    # sentence is (a key-ingredient blurb "-Vitamin A (Retinol): Helps firm skin" still counts)
    reason = "product name" if len(spans) == 1 and not first_prose and len(
        text[next(iter(spans))[0]:next(iter(spans))[1]].split()) <= 8 else "text before the list"
    skipped.extend(Skipped(" ".join(text[a:b].split()), a, b, reason) for a, b in spans)
    return [i for i in found if (i.start, i.end) not in spans], prose


def _component(k: int, comp, mine: list[Ingredient], verdict: Verdict, timeline: dict,
               options: Options) -> ComponentVerdict:
    """One list's own verdict: the same rules as the product's, on its items alone (the product's
    verdict is the longest wait over all of them)."""
    v = decide(mine, timeline, options._replace(product_type=verdict.product_type), [])
    name = comp.name or f"list {k + 1}"
    return ComponentVerdict(name, comp.start, comp.end, v.status, v.safe_after_hours, v.deciding)
