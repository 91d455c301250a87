"""view: check's table, the report a person reads after pasting a label. No terminal I/O here.

What a person needs first is the verdict, in the colour that means it (``style``: green may use now,
yellow not yet with the date, red never or cannot tell), then what decides it. A real label repeats
the same reason for every fragrance allergen (17 times on one perfumed cream), so the irritants are
grouped: one line per category, wait and reason, the names beside it. Items the user's own rules
forbid come first, under "Never", above what only has to wait. Categories are shown by their
labels (``categories.toml``), never by the contract ids the JSON keeps. Sources are numbered once
at the foot as title, publisher and address (``cite``), and a wait that rests on weak evidence says
so beside its category.

Everything is wrapped to the width in ``Style`` at spaces only, so nothing breaks mid-word at 80
columns, and the wait column is eight characters wide whatever the depth ("17 days", "36 hours").
"""

from __future__ import annotations

from datetime import date

from .check import DISCLAIMER, Report
from .cite import cite
from .classify import Ingredient
from .fold import fold
from .style import GO, STOP, WAIT, Style
from .text import fit, human_wait, long_date, one_line, plural

__all__ = ["check_table", "headline", "category_label", "cited_keys", "evidence_level", "skipped_lines",
           "component_lines", "USER_RULES"]

USER_RULES = "user rules"  # the prefix timeline.decide gives wait_from for a practitioner's rule
_SHOWN_MAX = 80
_WAIT_WIDTH = 8
_GAP = "  "


def _safe(text: str) -> str:
    """Item text for a terminal: one line, no bidi controls, cut to a readable length."""
    return fit(one_line(text), _SHOWN_MAX)


def _shown(i: Ingredient) -> str:
    """The name as printed, with the INCI name beside it when they differ (and how sure a typo's reading is)."""
    if i.match == "possible":  # "ASC0RBIC AC1D could be ASCORBIC ACID (vitamin C): counted as 7 days"
        wait = "never" if i.wait_hours is None else human_wait(i.wait_hours)
        return f"{_safe(i.text)} {i.how}: counted as {wait}"
    name = _safe(i.name or i.text)
    if i.match == "fuzzy" and i.inci:
        return f"{name} (read as {i.inci}, {i.score:.0f}% alike)"
    if i.inci and fold(i.inci) != fold(name):
        return f"{name} ({i.inci})"
    return name


def _by_rules(i: Ingredient) -> bool:
    return bool(i.wait_from and i.wait_from.startswith(USER_RULES))


def category_label(i: Ingredient, categories: dict[str, dict]) -> str:
    """The human label of an ingredient's category ("vitamin C", not "vitamin_c")."""
    if i.category and i.category in categories:
        return categories[i.category].get("label") or i.category
    if _by_rules(i):
        return "avoided by your rules" if i.wait_hours is None else "set by your rules"
    return i.category or "other active"


def evidence_level(i: Ingredient, categories: dict[str, dict], entries: dict[str, dict]) -> str | None:
    """low | moderate | high for a wait from our lexicon; None for the user's own rules (theirs to weigh)
    and for what sets no wait."""
    if _by_rules(i) or i.role != "irritant":
        return None
    return (entries.get(i.entry or "") or {}).get("evidence") or (categories.get(i.category or "") or {}).get("evidence")


def headline(report: Report, today: date | None = None) -> tuple[str, str]:
    """The verdict in one sentence, and its colour."""
    v = report.verdict
    treated = report.options.treated_on
    if v.status == "no_list":
        return "No ingredient list found: nothing to check.", STOP
    if v.status == "unreadable" and v.at_least_hours is not None:
        return _at_least(report), STOP
    if v.status == "unreadable":
        return "Cannot tell: too much of this list was not recognised (unknown never means safe).", STOP
    if v.status == "avoid":
        names = ", ".join(_safe(i.name or i.text) for i in v.deciding)
        return f"Never, by your own rules: {names}.", STOP
    when = f"{human_wait(v.safe_after_hours or 0)} after treatment"
    if v.safe_on is None:
        return f"Safe from {when}.", WAIT
    day = long_date(v.safe_on)
    if today is not None and treated is not None and today < treated:
        return (f"Not yet: your treatment has not happened yet ({long_date(treated)}); "
                f"then safe from {when}, on {day}."), WAIT
    if today is not None and v.safe_on <= today:
        return f"Safe now: from {when}, {day}.", GO
    return f"Not yet: safe from {when}, on {day}.", WAIT


def _at_least(report: Report) -> str:
    """ "Not before 7 days (retinoid, essential oil); 3 items not recognised, so possibly longer." """
    from .classify import get_classifier  # noqa: PLC0415 - the categories' labels, loaded once per process
    from .possible import short_label  # noqa: PLC0415

    v = report.verdict
    categories = get_classifier().categories
    found = ", ".join(dict.fromkeys(short_label(category_label(i, categories)) for i in v.deciding))
    unread = len(v.unknown) + len(v.possible)
    return (f"Not before {human_wait(v.at_least_hours or 0)} ({found}); {plural(unread, 'item')} not recognised, "
            "so possibly longer.")


def _numbers(keys: tuple[str, ...], numbered: dict[str, int]) -> str:
    """'[1, 3-5]' for the source numbers of one reason."""
    ns = sorted({numbered[k] for k in keys if k in numbered})
    if not ns:
        return ""
    runs: list[str] = []
    start = prev = ns[0]
    for n in [*ns[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        runs.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return "[" + ", ".join(runs) + "]"


def _groups(items: list[Ingredient]) -> list[list[Ingredient]]:
    """Irritants with the same wait, category, reason and origin together; the longest wait first."""
    groups: dict[tuple, list[Ingredient]] = {}
    for i in items:
        key = (i.wait_hours, i.category, i.reason, i.wait_from if _by_rules(i) else None)
        groups.setdefault(key, []).append(i)
    return sorted(groups.values(), key=lambda g: -(g[0].wait_hours or 0))


def _group_lines(group: list[Ingredient], style: Style, categories: dict, entries: dict,
                 numbered: dict[str, int]) -> list[str]:
    first = group[0]
    wait = "never" if first.wait_hours is None else human_wait(first.wait_hours)
    label = category_label(first, categories)
    if evidence_level(first, categories, entries) == "low":
        label += ", weak evidence"
    names = ", ".join(_shown(i) for i in group)
    pad = " " * (_WAIT_WIDTH + len(_GAP) + 2)
    lines = style.wrap(f"{label}: {names}", indent=pad)
    lines[0] = f"  {wait:>{_WAIT_WIDTH}}{_GAP}" + lines[0][len(pad):]
    if _by_rules(first):
        origin = "(" + first.wait_from[len(USER_RULES):].strip(" ()") + ")"  # the file and the rule's key
    else:
        origin = _numbers(tuple(k for i in group for k in i.sources), numbered)
    why = " ".join(x for x in (first.reason or "", origin) if x)
    lines += style.wrap(why, indent=pad)
    return lines


def cited_keys(report: Report, with_baseline: bool = True) -> list[str]:
    """Source keys in the order they are cited: the deciding ingredients', every irritant's, then the
    baseline's (the table cites the baseline only when it is the verdict; the JSON always carries it)."""
    v = report.verdict
    cited = (*v.deciding, *[i for i in v.ingredients if i.role == "irritant"])
    keys = dict.fromkeys(k for ing in cited for k in ing.sources)  # each key at its first citation
    if with_baseline or (v.status == "wait" and not v.deciding and not v.type_rule):
        keys.update(dict.fromkeys(v.baseline_sources))  # the ones not cited yet, at the end
    return list(keys)


_SKIPPED_SHOWN = 5


def skipped_lines(report: Report, names_in) -> list[str]:
    """The skipped text that names an ingredient the list does not hold, one line each ("Fragrance
    free." with no fragrance read; a product name "Retinol Serum" above a list with no retinol), so a
    person can check it against the bottle. ``names_in`` finds the names (``Classifier.names_in``)."""
    out = []
    read = {i.inci for i in report.ingredients}
    for k in report.skipped:
        names = [n for n in names_in(k.text) if n not in read]  # what the list itself did not count
        if names:
            out.append(f'"{fit(one_line(k.text), 60)}" ({k.reason}; names {", ".join(names[:3])})')
    if len(out) > _SKIPPED_SHOWN:
        out = out[:_SKIPPED_SHOWN] + [f"... and {len(out) - _SKIPPED_SHOWN} more"]
    return out


def component_lines(report: Report, style: Style) -> list[str]:
    """One line per list of a text that holds several (a kit, a drug-facts panel), in the wait column."""
    out = []
    pad = " " * (_WAIT_WIDTH + len(_GAP) + 2)
    for c in report.components:
        if c.safe_after_hours is not None:
            wait = human_wait(c.safe_after_hours)
        else:
            wait = "never" if c.status == "avoid" else "cannot tell"
        names = ", ".join(_safe(i.name or i.text) for i in c.deciding[:3])
        lines = style.wrap(fit(one_line(c.name), 40) + (f": {names}" if names else ""), indent=pad)
        lines[0] = f"  {wait:>{_WAIT_WIDTH}}{_GAP}" + lines[0][len(pad):]
        out += lines
    return out


def check_table(report: Report, sources: dict[str, dict], categories: dict[str, dict], entries: dict[str, dict],
                today: date | None = None, style: Style | None = None, names_in=None) -> str:
    style = style or Style()
    v = report.verdict
    cited = [k for k in cited_keys(report, with_baseline=False) if k in sources]
    numbered = {k: n for n, k in enumerate(cited, 1)}
    out: list[str] = []
    text, colour = headline(report, today)
    out += [style.paint(x, fg=colour, bold=True) for x in style.wrap(text)]
    if v.deciding and v.status == "wait":
        names = ", ".join(_safe(i.name or i.text) + (f" - {i.how}" if i.match == "possible" else "") for i in v.deciding)
        where = report.deciding_component
        out += style.wrap(f"Decided by: {names} ({human_wait(v.safe_after_hours or 0)})"
                          + (f", in {fit(one_line(where), 40)}" if where else ""), subsequent="  ")
    elif v.type_rule:
        out += style.wrap(f"Decided by the product type ({v.product_type}): {v.type_rule}", subsequent="  ")
    elif v.status == "wait":
        out += style.wrap(f"No irritant found: {v.baseline_reason} {_numbers(v.baseline_sources, numbered)}".rstrip(),
                          subsequent="  ")
    if v.product_type:
        out.append(f"Product type: {v.product_type}" + (" (inferred from the list)" if v.type_inferred else ""))
    for rules in report.options.rules:
        out += style.wrap(f"Your rules applied: {getattr(rules, 'path', rules)}", subsequent="  ")

    irritants = [i for i in v.ingredients if i.role == "irritant"]
    never = [i for i in irritants if i.wait_hours is None]
    waiting = [i for i in irritants if i.wait_hours is not None]
    for title, items, colour in (("Never, by your rules", never, STOP), ("Keep off for now", waiting, None)):
        if not items:
            continue
        out.append("")
        out.append(style.paint(title, fg=colour, bold=True))
        for group in _groups(items):
            out += _group_lines(group, style, categories, entries, numbered)
    soothing = [i for i in v.ingredients if i.role == "soothing"]
    if soothing:
        out.append("")
        out.append(style.paint("Welcome on healing skin", fg=GO, bold=True))
        by_label: dict[str, list[str]] = {}
        for i in soothing:
            by_label.setdefault(category_label(i, categories), []).append(_shown(i))
        for label, names in by_label.items():
            out += style.wrap(f"{label}: {', '.join(names)}", indent="  ", subsequent="    ")
    neutral = sum(1 for i in v.ingredients if i.role == "neutral")
    out.append("")
    out += style.wrap(f"{plural(len(v.ingredients), 'item')}: {len(irritants)} to keep off, {len(soothing)} soothing, "
                      f"{neutral} neutral, {len(v.unknown) + len(v.possible)} not recognised"
                      + (f" ({len(v.possible)} counted as what they could be)" if v.possible else ""))
    if v.unknown:
        shown = ", ".join(_safe(u) for u in v.unknown[:12]) + (" ..." if len(v.unknown) > 12 else "")
        out += [style.paint(x, fg=STOP) for x in style.wrap(f"Not recognised: {shown}", subsequent="  ")]
    if report.components:
        out += style.wrap(f"This text holds {len(report.components)} lists; the longest wait counts:")
        out += component_lines(report, style)
    shown = skipped_lines(report, names_in) if names_in is not None else []
    if shown:
        out += style.wrap("Not read as ingredients, but naming some (check them against the bottle):")
        for line in shown:
            out += style.wrap(line, indent="  ", subsequent="    ")
    for w in v.warnings:
        if not w.startswith(f"{len(v.unknown)} item(s) not recognised"):
            out += [style.paint(x, fg=WAIT) for x in style.wrap(f"Warning: {w}", subsequent="  ")]
    if cited:
        out.append("")
        out.append(style.paint("Sources", bold=True))
        for k, n in numbered.items():
            tag = f"  [{n}]"
            out += style.wrap(cite(sources[k]), indent=f"{tag} ", subsequent=" " * (len(tag) + 1))
    out.append("")
    out += [style.paint(x, dim=True) for x in style.wrap(DISCLAIMER)]
    return "\n".join(line.rstrip() for line in out) + "\n"
