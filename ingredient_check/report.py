"""report: the verdict as a table for people, JSON and CSV for scripts. No terminal I/O here."""

from __future__ import annotations

import csv
import io
from datetime import date

import click

from .check import DISCLAIMER, Report
from .classify import Ingredient
from .fold import fold
from .possible import short_label
from .text import fit, human_wait, one_line

__all__ = ["to_json", "to_table", "to_csv", "ingredient_json", "CSV_FIELDS"]

CSV_FIELDS = ["position", "text", "inci", "role", "category", "wait_hours", "match", "score", "reason",
              "sources", "wait_from", "may_contain", "product_status", "product_safe_after_hours", "product_safe_on"]


def ingredient_json(ing: Ingredient, position: int) -> dict:
    return {
        "position": position,
        "text": ing.text,
        "inci": ing.inci,
        "role": ing.role,
        "category": ing.category,
        "wait_hours": ing.wait_hours if ing.role == "irritant" else None,
        "match": ing.match,
        "score": ing.score,
        "reason": ing.reason,
        "sources": list(ing.sources),
        "wait_from": ing.wait_from,
        "how": ing.how,
        "may_contain": ing.may_contain,
        "percent": ing.percent,
        "span": [ing.start, ing.end],
    }


def _cited(report: Report, with_baseline: bool = True) -> list[str]:
    keys: list[str] = []
    v = report.verdict
    for ing in (*v.deciding, *(i for i in v.ingredients if i.role == "irritant")):
        keys.extend(k for k in ing.sources if k not in keys)
    # the table cites the baseline only when it is the verdict; the JSON always carries it
    if with_baseline or (v.status == "wait" and not v.deciding and not v.type_rule):
        keys.extend(k for k in v.baseline_sources if k not in keys)
    return keys


def to_json(report: Report, sources: dict[str, dict]) -> dict:
    v = report.verdict
    o = report.options
    counts = {role: sum(1 for i in v.ingredients if i.role == role) for role in ("irritant", "soothing", "neutral", "unknown")}
    return {
        "status": v.status,
        "safe_after_hours": v.safe_after_hours,
        "at_least_hours": v.at_least_hours,
        "safe_on": v.safe_on.isoformat() if v.safe_on else None,
        "treated_on": o.treated_on.isoformat() if o.treated_on else None,
        "depth_mm": o.depth_mm,
        "product_type": v.product_type,
        "product_type_inferred": v.type_inferred,
        "deciding": [
            {"text": i.text, "inci": i.inci, "category": i.category, "wait_hours": i.wait_hours,
             "reason": i.reason, "sources": list(i.sources), "wait_from": i.wait_from}
            for i in v.deciding
        ],
        "baseline": {"wait_hours": v.baseline_hours, "reason": v.baseline_reason, "sources": list(v.baseline_sources)},
        "type_rule": v.type_rule,
        "ingredients": [ingredient_json(i, k) for k, i in enumerate(v.ingredients, 1)],
        "counts": {"items": len(v.ingredients), **counts},
        "unknown": list(v.unknown),
        "possible": [
            {"text": i.text, "inci": i.inci, "category": i.category, "wait_hours": i.wait_hours,
             "could_be": i.how, "reason": i.reason, "sources": list(i.sources), "span": [i.start, i.end]}
            for i in v.possible
        ],
        "skipped": [{"text": k.text, "span": [k.start, k.end], "reason": k.reason} for k in report.skipped],
        "components": [_component_json(c) for c in report.components],  # empty for a text of one list
        "warnings": list(v.warnings),
        "sources": {k: {"title": sources[k].get("title"), "where": sources[k].get("where")} for k in _cited(report) if k in sources},
        "disclaimer": DISCLAIMER,
    }


def _component_json(c) -> dict:
    return {"name": c.name, "span": [c.start, c.end], "status": c.status, "safe_after_hours": c.safe_after_hours,
            "deciding": [{"text": i.text, "inci": i.inci, "category": i.category, "wait_hours": i.wait_hours}
                         for i in c.deciding]}


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
            out.append(f'  "{fit(one_line(k.text), 60)}" ({k.reason}; names {", ".join(names[:3])})')
    if len(out) > _SKIPPED_SHOWN:
        out = out[:_SKIPPED_SHOWN] + [f"  ... and {len(out) - _SKIPPED_SHOWN} more"]
    return out


def component_lines(report: Report) -> list[str]:
    """One line per list of a text that holds several (a kit, a drug-facts panel)."""
    out = []
    for c in report.components:
        if c.safe_after_hours is not None:
            wait = human_wait(c.safe_after_hours)
        else:
            wait = "never" if c.status == "avoid" else "cannot tell"
        names = ", ".join(_safe(i.name or i.text) for i in c.deciding[:3])
        out.append(f"  {wait:>8}  {fit(one_line(c.name), 40)}" + (f": {names}" if names else ""))
    return out


def headline(report: Report, today: date | None = None) -> str:
    v = report.verdict
    if v.status == "no_list":
        return "No ingredient list found: nothing to check."
    if v.status == "unreadable" and v.at_least_hours is not None:
        found = ", ".join(dict.fromkeys(_category_name(i) for i in v.deciding))
        unread = len(v.unknown) + len(v.possible)
        return (f"Not before {human_wait(v.at_least_hours)} ({found}); {unread} item{'s' if unread != 1 else ''} "
                "not recognised, so possibly longer.")
    if v.status == "unreadable":
        return "Cannot tell: too much of this list was not recognised (unknown never means safe)."
    if v.status == "avoid":
        names = ", ".join(_safe(i.name or i.text) for i in v.deciding)
        return f"Never, by your own rules: {names}."
    hours = v.safe_after_hours or 0
    when = f"{human_wait(hours)} ({hours} h) after treatment"
    if v.safe_on is None:
        return f"Safe from {when}."
    day = v.safe_on.strftime("%a %d %b %Y")
    if today is not None and v.safe_on <= today:
        return f"Safe now: from {when}, {day}."
    return f"Not yet: safe from {when}, on {day}."


_SHOWN_MAX = 80


def _category_name(i: Ingredient) -> str:
    from .classify import get_classifier  # noqa: PLC0415 - the categories' labels, loaded once per process

    label = get_classifier().categories.get(i.category or "", {}).get("label")
    return short_label(label) if label else "other active"


def _could_be(i: Ingredient) -> str:
    """ "ASC0RBIC AC1D could be ASCORBIC ACID (vitamin C): counted as 7 days" """
    wait = "never" if i.wait_hours is None else human_wait(i.wait_hours)
    return f"{_safe(i.text)} {i.how}: counted as {wait}"


def _safe(text: str) -> str:
    """Item text for a terminal: one line, no bidi controls, cut to a readable length."""
    return fit(one_line(text), _SHOWN_MAX)


def _shown(i: Ingredient) -> str:
    """The name as printed, with the INCI name beside it when they differ."""
    name = _safe(i.name or i.text)
    if i.inci and fold(i.inci) != fold(name):
        return f"{name} ({i.inci})"
    return name


def to_table(report: Report, sources: dict[str, dict], today: date | None = None, color: bool = False,
             names_in=None) -> str:
    v = report.verdict
    style = (lambda s, **kw: click.style(s, **kw)) if color else (lambda s, **kw: s)
    out: list[str] = []
    good = v.status == "wait" and (v.safe_after_hours or 0) <= v.baseline_hours
    out.append(style(headline(report, today), bold=True, fg="green" if good else "yellow" if v.status == "wait" else "red"))
    if v.deciding and v.status == "wait":
        names = ", ".join(_safe(i.name or i.text) + (f" - {i.how}" if i.match == "possible" else "") for i in v.deciding)
        where = report.deciding_component
        out.append(f"Decided by: {names} ({human_wait(v.safe_after_hours or 0)})"
                   + (f", in {fit(one_line(where), 40)}" if where else ""))
    elif v.type_rule:
        out.append(f"Decided by the product type ({v.product_type}): {v.type_rule}")
    elif v.status == "wait":
        out.append(f"No irritant found: {v.baseline_reason} [{', '.join(v.baseline_sources)}]")
    if v.product_type:
        out.append(f"Product type: {v.product_type}" + (" (inferred from the list)" if v.type_inferred else ""))
    irritants = [i for i in v.ingredients if i.role == "irritant"]
    if irritants:
        out.append("")
        out.append(style("Keep off for now", bold=True))
        for i in irritants:
            wait = "never" if i.wait_hours is None else human_wait(i.wait_hours)
            cat = i.category or "other active"
            origin = f" [{i.wait_from}]" if i.wait_from and i.wait_from.startswith("user rules") else f" [{', '.join(i.sources)}]"
            shown = f"{_safe(i.name)} (read as {i.inci}, {i.score:.0f}% alike)" if i.match == "fuzzy" else _shown(i)
            if i.match == "possible":
                shown = _could_be(i)
            out.append(f"  {wait:>8}  {shown} - {cat}")
            out.append(f"            {i.reason or ''}{origin}")
    soothing = [i for i in v.ingredients if i.role == "soothing"]
    if soothing:
        out.append("")
        out.append(style("Welcome on healing skin", bold=True))
        out.append("  " + ", ".join(f"{_shown(i)} ({i.category})" for i in soothing))
    neutral = sum(1 for i in v.ingredients if i.role == "neutral")
    out.append("")
    out.append(f"{len(v.ingredients)} items: {len(irritants)} to keep off, {len(soothing)} soothing, "
               f"{neutral} neutral, {len(v.unknown) + len(v.possible)} not recognised"
               + (f" ({len(v.possible)} counted as what they could be)" if v.possible else ""))
    if v.unknown:
        out.append("Not recognised: " + ", ".join(_safe(u) for u in v.unknown[:12]) + (" ..." if len(v.unknown) > 12 else ""))
    if report.components:
        out.append(f"This text holds {len(report.components)} lists; the longest wait counts:")
        out.extend(component_lines(report))
    if names_in is not None:
        shown = skipped_lines(report, names_in)
        if shown:
            out.append("Not read as ingredients, but naming some (check them against the bottle):")
            out.extend(shown)
    for w in v.warnings:
        if not w.startswith(f"{len(v.unknown)} item(s) not recognised"):
            out.append(style(f"Warning: {w}", fg="yellow"))
    cited = [k for k in _cited(report, with_baseline=False) if k in sources]
    if cited:
        out.append("Sources: " + "; ".join(f"{k} {sources[k].get('where') or sources[k].get('title')}" for k in cited))
    out.append(style(DISCLAIMER, dim=True))
    return "\n".join(out) + "\n"


def to_csv(report: Report) -> str:
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
