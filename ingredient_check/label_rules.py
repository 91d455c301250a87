"""label_rules: the rules that look at the whole text, after each item is read and before the timeline.

``check_label`` runs them in this order on the classifier's reading (``Classifier.classify_layout``):

- the text before the first heading is a list only when its items are ingredient names
  (``read_preamble``); otherwise it is the product's name or a blurb, skipped with its span;
- a segment that reads as a sentence is read by what it names (``read_prose``): an ingredient after
  all, the names left of a "Name: what it does" colon, an irritant a sentence puts on the skin;
- ``finish``, per component of the text (a kit's lists, a drug-facts panel's actives and
  inactives): pieces of one name split by a stray comma joined back, the 1% line, then the scrub base;
- the warnings about the text as a whole (``list_warnings``), and each list's own verdict when the
  text holds several (``component_verdict``).

The 1% line: EU and US labels list ingredients above 1% in descending order (EU Regulation 1223/2009
Art. 19(1)(g); US 21 CFR 701.3), and a preservative such as phenoxyethanol is capped at 1% (Annex V),
so whatever follows the first preservative, colourant or fragrance sits at or below 1%. There,
citric, lactic, malic or tartaric acid adjust pH; they do not exfoliate. Such acids are reported
as neutral with that reason. Glycolic, mandelic and salicylic acid are never demoted.

Not here: leave-on film formers (polyethylene in a serum is not a scrub) are finished in
``timeline.decide``, because they need the product type that only the timeline infers.
"""

from __future__ import annotations

import bisect
import re

from .classify import Classifier, recognised
from .fold import fold
from .model import ComponentVerdict, Ingredient, Options, RawItem, Skipped, Verdict
from .timeline import decide
from .vocab import FUNCTION_FLAGS, Hit

__all__ = ["read_preamble", "read_prose", "finish", "list_warnings", "component_of", "component_verdict"]

PRESERVATIVE = FUNCTION_FLAGS["PRESERVATIVE"]
_COLOUR_INDEX_NAME = re.compile(r"ci \d{5}$")


# The text before the first heading is a list when its items are ingredient names: at least two of
# them, or one and half of its items (drug-facts actives "Zinc Oxide 20%"); otherwise it is the
# product's name or a blurb ("Enlighten Dark Spot Night Serum Division: El (Estee Lauder)").
_PREAMBLE_MIN_NAMES = 2


def read_preamble(found: list[Ingredient], prose: list[RawItem], skipped: list[Skipped], first,
                  text: str, c: Classifier) -> tuple[list[Ingredient], list[RawItem]]:
    """The text before the first heading (``first``, a "preamble" component): kept as a list when its
    items read as ingredient names (_PREAMBLE_MIN_NAMES), else skipped as a product name or a blurb."""
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


# A sentence that says an ingredient is absent names it without putting it on the skin.
_NEGATION = re.compile(r"(?i)\b(?:not|no|without|free|never|instead of|avoid)\b")


def read_prose(prose: list[RawItem], found: list[Ingredient], skipped: list[Skipped],
               c: Classifier) -> list[Ingredient]:
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
        read = c.classify_item(p)
        if any(map(recognised, read)):
            kept += read
            continue
        left, colon, _ = p.name.partition(":")
        names = c.matcher.names_in(left) if colon else []
        if not names and not _NEGATION.search(p.name):
            names = [n for n in c.matcher.names_in(p.name) if c.matcher.is_irritant_name(n)]
        if names:
            named += [i for n in names
                      for i in c.classify_item(p._replace(name=n, alts=(), sublist=False, lines=()))]
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


def finish(c: Classifier, result: list[Ingredient], starts: tuple[int, ...] = ()) -> list[Ingredient]:
    """The rules that look at the list's order, per component of the text (``starts``: where
    each begins in the input): pieces of one name split by a stray comma joined back, the 1%
    line; then the scrub base."""
    if len(starts) > 1:
        groups: list[list[Ingredient]] = [[] for _ in starts]
        for ing in result:
            groups[component_of(starts, ing.start)].append(ing)
    else:
        groups = [result]
    out: list[Ingredient] = []
    for group in groups:
        if not all(map(recognised, group)):
            group = _rejoin_all(c, group)
        out += _apply_one_percent_line(c, group)
    return _apply_scrub_base(c, out)


def _rejoin_all(c: Classifier, group: list[Ingredient]) -> list[Ingredient]:
    out: list[Ingredient] = []
    for k, ing in enumerate(group):
        alone = (not out or out[-1].start != ing.start) and (k + 1 == len(group) or group[k + 1].start != ing.start)
        if out and alone:
            joined = _rejoin(c, out[-2:], ing)
            if joined is not None:
                n, merged = joined
                out[len(out) - n:] = [merged]
                continue
        out.append(ing)
    return out


def _rejoin(c: Classifier, before: list[Ingredient], b: Ingredient) -> tuple[int, Ingredient] | None:
    """Neighbours split by a stray comma that make one name exactly ("Retinyl, Palmitate", "Caprylic,
    Capric Triglyceride"; scrapers
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
        # the names of one ingredient are joined by a space or, in chemical names, a slash ("Caprylic,
        # Capric Triglyceride" is CAPRYLIC/CAPRIC TRIGLYCERIDE); a slash join must be one name whole,
        # never slash synonyms picked apart
        name = " ".join(i.name for i in run)
        hit = c.matcher.exact_any(fold(name))
        if hit is None:
            name = "/".join(i.name for i in run)
            hit = c.matcher.vocab.exact(fold(name))
        if hit is not None:
            raw = RawItem(", ".join(i.text for i in run), run[0].start, b.end, name, may_contain=b.may_contain)
            return n, c.ingredient(raw, raw.text, raw.name, Hit(hit.index, "alias", 100.0))
    return None


def _apply_scrub_base(c: Classifier, items: list[Ingredient]) -> list[Ingredient]:
    """Sugar, salt or alumina first or second in the list is the product's scrubbing base."""
    rule = c.position.get("scrub_base")
    if not rule or not items:
        return items
    limit = rule["max_position"]
    names = c.scrub_names
    for k in range(min(limit, len(items))):
        ing = items[k]
        if ing.role == "neutral" and ing.inci and ing.inci.casefold() in names:
            cat = c.categories["physical_exfoliant"]
            items[k] = ing._replace(role="irritant", category="physical_exfoliant", entry="physical_exfoliant",
                                    wait_hours=cat["wait_hours"], deep_wait_hours=cat["deep_wait_hours"],
                                    reason=rule["reason"], sources=tuple(rule["sources"]),
                                    how="position: scrub base", wait_from="position: scrub base")
    return items


def _is_line_marker(c: Classifier, ing: Ingredient) -> bool:
    if ing.match == "possible":
        return False  # an item that only could be a fragrance does not draw the line
    if ing.category == "fragrance":
        return True
    if ing.inci is None or ing.role == "irritant":
        return False  # an active (salicylic acid is also a CosIng preservative) is not the line
    known = c.marker_memo.get(ing.inci)
    if known is None:
        known = c.marker_memo[ing.inci] = _is_marker_name(c, ing.inci)
    return known


def _is_marker_name(c: Classifier, inci: str) -> bool:
    key = fold(inci)
    if key in c.line_markers:
        return True
    if _COLOUR_INDEX_NAME.match(key):
        return True
    # CosIng's COLORANT function also covers kaolin and titanium dioxide, which sit high in
    # lists: only colour-index names and the curated markers count as colourants
    i = c.vocab.index_of(key)
    return i is not None and bool(c.vocab.flags(i) & PRESERVATIVE)


def _apply_one_percent_line(c: Classifier, items: list[Ingredient]) -> list[Ingredient]:
    adjusters = c.ph_adjusters
    if adjusters.isdisjoint([ing.entry for ing in items]):
        return items  # no acid the line could demote (most labels): where the line is does not matter
    line = next((k for k, ing in enumerate(items) if _is_line_marker(c, ing)), None)
    if line is None or not any(ing.entry in adjusters for ing in items[line:]):
        return items
    reason = c.position.get("reason", "after the 1% line this acid adjusts pH")
    sources = tuple(c.position.get("sources", ()))
    out = items[:line]
    for ing in items[line:]:
        if ing.entry in adjusters and ing.role == "irritant":
            ing = Ingredient(ing.text, ing.start, ing.end, ing.name, ing.inci, "neutral", None,
                             ing.entry, None, None, ing.match, ing.score, reason, sources,
                             "position: after the 1% line", ing.may_contain, ing.percent)
        out.append(ing)
    return out


def component_of(starts: tuple[int, ...], pos: int) -> int:
    """Which component of the text the input offset ``pos`` belongs to (the one that starts last before it)."""
    return max(0, bisect.bisect_right(starts, pos) - 1)


def list_warnings(present, items: list[Ingredient], skipped: list[Skipped]) -> list[str]:
    """What the whole text says about itself: several lists (a kit), or prose rather than a list."""
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


def component_verdict(k: int, comp, mine: list[Ingredient], verdict: Verdict, timeline: dict,
                      options: Options) -> ComponentVerdict:
    """One list's own verdict: the same rules as the product's, on its items alone (the product's
    verdict is the longest wait over all of them)."""
    v = decide(mine, timeline, options._replace(product_type=verdict.product_type), [])
    name = comp.name or f"list {k + 1}"
    return ComponentVerdict(name, comp.start, comp.end, v.status, v.safe_after_hours, v.deciding)
