"""timeline: from classified ingredients to the product's wait, adjusted by depth, type and rules.

A product's wait is the longest wait among its irritants; with none, the baseline of a bland product
(of its type). Needle depth scales waits as ``lexicons/timeline.toml`` documents; a practitioner's
rules (``--rules``) replace the defaults they name and are reported as such. Unknown never means safe:
when too much of the list could not be read, there is no "safe" verdict at all, only a lower bound
when irritants were found ("not before 7 days"). The unknown rule, and the figures that chose it, are
in the README ("Unknown items"): an item that could be an irritant (possible.py) always counts at that
irritant's wait and, not being recognised with confidence, also toward the unread share; a short label
whose one unread item is shaped like a fixed plant oil still gets a verdict.
"""

from __future__ import annotations

import math
from typing import NamedTuple
from datetime import timedelta

from .model import Ingredient, Options, Verdict
from .fold import fold
from .possible import PLAIN_OIL

__all__ = ["Options", "Verdict", "RuleOverride", "UserRules", "decide", "wait_at_depth", "override_for",
           "UNKNOWN_MAX_SHARE", "PRODUCT_TYPES"]

# More than this share of items not recognised with confidence (unknown or only "possible") and the
# label is not read with confidence. Chosen by measurement (README, "Unknown items").
UNKNOWN_MAX_SHARE = 0.20
# ... except on a label of at most this many items whose one unread item is a plain plant oil by shape
SHORT_LABEL_ITEMS = 3
PRODUCT_TYPES = ("cleanser", "toner", "serum", "moisturiser", "mask", "sunscreen", "makeup",
                 "exfoliant", "self-tanner", "other")


class RuleOverride(NamedTuple):
    wait_hours: int | None = None
    avoid: bool = False
    reason: str | None = None
    key: str = ""  # where it came from, e.g. 'categories.retinoid' or 'ingredients."Niacinamide"'


class UserRules(NamedTuple):
    path: str
    categories: dict[str, RuleOverride] = {}  # category id -> override (never mutated)
    ingredients: dict[str, RuleOverride] = {}  # folded INCI -> override
    types: dict[str, RuleOverride] = {}


def wait_at_depth(base: int, deep: int, depth_mm: float | None, depth: dict, irritant: bool) -> int:
    """The wait at a needle depth: capped when shallow, the upper end when deep, linear between."""
    if depth_mm is None:
        return base
    shallow = min(base, depth["shallow_cap_hours"]) if irritant else base
    lo, s0, s1, hi = depth["shallow_max_mm"], depth["standard_min_mm"], depth["standard_max_mm"], depth["deep_min_mm"]
    if depth_mm <= lo:
        value = shallow
    elif depth_mm < s0:
        value = shallow + (base - shallow) * (depth_mm - lo) / (s0 - lo)
    elif depth_mm <= s1:
        value = base
    elif depth_mm < hi:
        value = base + (deep - base) * (depth_mm - s1) / (hi - s1)
    else:
        value = deep
    return int(math.ceil(value - 1e-9))


def override_for(ing: Ingredient, rules: tuple[UserRules, ...]) -> RuleOverride | None:
    """The last rules file wins; within a file an ingredient rule beats a category rule."""
    found = None
    keys = [fold(ing.inci), fold(ing.name)] if ing.inci else [fold(ing.name)]  # the INCI name first
    for r in rules:
        hit = next((r.ingredients[k] for k in keys if k in r.ingredients), None)
        if hit is None and ing.category:
            hit = r.categories.get(ing.category)
        if hit is not None:
            found = hit
    return found


def _infer_type(items: list[Ingredient], inference: dict) -> tuple[str | None, bool]:
    # the index stores these lists folded (see build.py)
    leaders, pigments = inference.get("makeup_leaders", ()), inference.get("makeup_pigments", ())
    lead = [i.inci.casefold() for i in items[: inference.get("lead_items", 3)] if i.inci]
    if not lead or lead[0] not in leaders:
        return None, False
    # led by a mineral or pigment, with a pigment among the first items: makeup; with no water
    # and only minerals and pigments up front: mineral makeup
    if lead and lead[0] in leaders and any(x in pigments for x in lead):
        return "makeup", "aqua" not in lead and "water" not in lead and all(x in leaders for x in lead[:2])
    return None, False


def _film_former(ing: Ingredient, film: dict, product_type: str) -> Ingredient:
    """Polyethylene in a leave-on product: a film former, not a scrub (timeline.toml)."""
    how = f"product type: {product_type}"
    return ing._replace(role="neutral", category=None, wait_hours=None, deep_wait_hours=None, reason=film["reason"],
                        sources=tuple(film["sources"]), how=how, wait_from=how)


def too_much_unread(items: list[Ingredient]) -> bool:
    """The unknown rule: more than UNKNOWN_MAX_SHARE of the items unread (unknown or possible), unless
    the label is short and its one unread item is a plain plant oil by its shape."""
    unread = [i for i in items if i.role == "unknown" or i.match == "possible"]
    if len(unread) <= UNKNOWN_MAX_SHARE * len(items):
        return False
    return not (len(items) <= SHORT_LABEL_ITEMS and len(unread) == 1 and unread[0].how == PLAIN_OIL)


def decide(items: list[Ingredient], timeline: dict, options: Options, warnings: list[str]) -> Verdict:
    """The product's verdict from its finished ingredients. ``items`` and ``warnings`` are the
    caller's and are not changed: the verdict carries its own copies (``Verdict.ingredients``,
    ``Verdict.warnings``, with the timeline's own warnings added)."""
    warnings = list(warnings)
    depth = timeline["depth"]
    baseline = timeline["baseline"]
    types = timeline["types"]
    product_type = options.product_type
    inferred = False
    mineral = False
    if product_type is None:
        product_type, mineral = _infer_type(items, timeline.get("inference", {}))
        inferred = product_type is not None
    elif product_type == "makeup":
        _, mineral = _infer_type(items, timeline.get("inference", {}))
    tdef = types.get(product_type or "other", {})
    # Film formers are a classification finished here, not with the rules on the whole list: the
    # rule needs the product type, and the inferred type is only known here (_infer_type reads the
    # items before it). Moving it would have to move type inference too; it stays, output unchanged.
    film = timeline.get("leave_on_film_formers")
    if film and product_type in film["types"]:
        entries = film["entries"]
        items = [_film_former(i, film, product_type) if i.entry in entries and i.role == "irritant" else i
                 for i in items]

    # per-ingredient waits: depth, then the practitioner's rules (classify already set the defaults)
    adjusted: list[Ingredient] = [] if options.rules or options.depth_mm is not None else items
    avoid: list[Ingredient] = []
    for ing in items if adjusted is not items else ():
        override = override_for(ing, options.rules) if options.rules else None
        if override is not None:
            if override.avoid:
                ing = ing._replace(role="irritant" if ing.role in ("neutral", "unknown") else ing.role,
                              wait_hours=None, reason=override.reason or "your rules: never use",
                              wait_from=f"user rules ({override.key})")
                avoid.append(ing)
            elif override.wait_hours is not None:
                ing = ing._replace(role="irritant" if ing.role in ("neutral", "unknown") else ing.role,
                              wait_hours=override.wait_hours, reason=override.reason or ing.reason,
                              wait_from=f"user rules ({override.key})")
            adjusted.append(ing)
            continue
        if ing.wait_hours is not None and ing.role == "irritant":
            hours = wait_at_depth(ing.wait_hours, ing.deep_wait_hours or ing.wait_hours, options.depth_mm, depth, True)
            if hours != ing.wait_hours:
                ing = ing._replace(wait_hours=hours)
        adjusted.append(ing)

    bland = tdef.get("bland_hours", baseline["wait_hours"])
    if product_type == "makeup" and mineral:
        bland = tdef.get("mineral_bland_hours", bland)
    deep_bland = tdef.get("deep_bland_hours", bland)
    base_hours = wait_at_depth(bland, max(bland, deep_bland), options.depth_mm, depth, False)
    base_reason = tdef.get("reason") if "bland_hours" in tdef else baseline["reason"]
    base_sources = tuple(tdef.get("sources") if "bland_hours" in tdef else baseline["sources"])
    type_override = next((r.types[product_type] for r in reversed(options.rules) if product_type in r.types), None)
    if type_override is not None and type_override.wait_hours is not None:
        base_hours = type_override.wait_hours
        base_reason = type_override.reason or f"your rules ({type_override.key})"
        base_sources = ()

    irritants = [i for i in adjusted if i.role == "irritant"]
    unknown = tuple([i.text for i in adjusted if i.role == "unknown"])
    possible = tuple([i for i in irritants if i.match == "possible"])
    n = len(adjusted)
    status = "wait"
    hours: int | None
    at_least = None
    deciding: tuple[Ingredient, ...] = ()
    type_rule = None
    waits = [i for i in irritants if i.wait_hours is not None]
    top = max([i.wait_hours for i in waits], default=None)
    if n == 0:
        status, hours = "no_list", None
    elif avoid:
        status, hours, deciding = "avoid", None, tuple(avoid)
    elif too_much_unread(adjusted):
        status, hours = "unreadable", None
        unread = len(unknown) + len(possible)
        warnings.append(f"{unread} of {n} items were not recognised: too many to call this product safe at any time")
        if top is not None:  # what it does know: not before the longest wait found
            at_least = max(top, base_hours)
            deciding = tuple(i for i in waits if i.wait_hours == top)
    else:
        hours = base_hours if top is None else max(base_hours, top)
        if top is not None and top >= base_hours:
            deciding = tuple(i for i in waits if i.wait_hours == top)
        floor = tdef.get("min_hours")
        if floor is not None and type_override is None:
            floor = wait_at_depth(floor, floor, options.depth_mm, depth, True)
            if floor > hours:
                hours, deciding, type_rule = floor, (), tdef.get("reason")
        if unknown:
            warnings.append(f"{len(unknown)} item(s) not recognised and not counted: " + ", ".join(unknown[:8]))
    safe_on = None
    if hours is not None and options.treated_on is not None:
        safe_on = options.treated_on + timedelta(days=math.ceil(hours / 24))
    return Verdict(status, hours, safe_on, deciding, tuple(adjusted), product_type, inferred, base_hours,
                   base_reason, base_sources, type_rule, tuple(warnings), unknown, at_least, possible)
