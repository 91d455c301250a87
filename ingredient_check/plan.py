"""plan: the shelf as a timeline (``--plan``), the "what may I use today" view (``--today``) and the
calendar file (``--ics``).

All three need every product before they can print (the plan is grouped by day), so they keep one
small ``PlanEntry`` per product, never the full check: a few hundred bytes each.

Days count from the treatment: the treatment day is day 0, and a product whose wait is 168 hours
comes back on day 7 (a wait of 60 hours rounds up to day 3, as ``timeline`` dates it). Products
that are never safe (by the user's rules), that could not be read with confidence, that hold no
ingredient list, or whose row was an error are listed after the days, as such: never as "safe". A
product that could not be read but holds irritants has a lower bound ("not before 7 days"): the plan
lists it on that day marked "at least", ``--today`` keeps it under "not yet" until then and under
"cannot tell" after, and the calendar never announces it as back.

The calendar holds one all-day event per day on which something comes back, naming the products.
It is written with the ``icalendar`` library (RFC 5545 escaping, line folding and all-day dates);
each event's UID is derived from the treatment date and the day, so importing an updated plan
replaces the old events in calendars that honour UIDs. DTSTAMP is the current time, or
``$SOURCE_DATE_EPOCH`` when set (reproducible files).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Iterable

from .check import DISCLAIMER
from .shelf import Record, display_name
from .style import GO, STOP, WAIT, Style
from .text import fit, long_date, plural

__all__ = ["PlanEntry", "entry", "plan_text", "today_text", "to_ics", "REDNESS_NOTE"]

REDNESS_NOTE = "Whatever the date, nothing goes on skin that is still red, broken or peeling."

_NAME_WIDTH = 44


@dataclass(frozen=True, slots=True)
class PlanEntry:
    row: int
    product: str  # display name
    status: str  # ok | error
    check_status: str | None
    day: int | None  # day after treatment from which it may be used
    hours: int | None
    safe_on: date | None
    decided_by: str
    at_least: bool = False  # unreadable: ``day`` is only the earliest it could come back


def entry(rec: Record) -> PlanEntry:
    if rec.day is None and rec.at_least_day is not None:
        return PlanEntry(rec.row, display_name(rec), rec.status, rec.check_status, rec.at_least_day,
                         rec.at_least_hours, None, rec.decided_by, at_least=True)
    return PlanEntry(rec.row, display_name(rec), rec.status, rec.check_status, rec.day, rec.safe_after_hours,
                     rec.safe_date, rec.decided_by)


_long_date = long_date
_plural = plural


def _line(name: str, note: str, style: Style | None = None) -> str:
    """'  Product name ....  note', the note wrapped under its column at spaces."""
    style = style or Style()
    width = max(16, min(_NAME_WIDTH, style.width // 2 - 4))
    pad = " " * (width + 4)
    lines = style.wrap(note, indent=pad) if note else [""]
    return "\n".join([f"  {fit(name, width):<{width}}  {lines[0].lstrip()}".rstrip(), *lines[1:]])


def _groups(entries: Iterable[PlanEntry]) -> tuple[dict[int, list[PlanEntry]], dict[str, list[PlanEntry]]]:
    days: dict[int, list[PlanEntry]] = {}
    rest: dict[str, list[PlanEntry]] = {"avoid": [], "unreadable": [], "no_list": [], "error": []}
    for e in entries:
        if e.day is not None:
            days.setdefault(e.day, []).append(e)
        elif e.status == "error":
            rest["error"].append(e)
        else:
            rest.get(e.check_status or "error", rest["error"]).append(e)
    return dict(sorted(days.items())), rest


_REST_TITLES = {
    "avoid": "Never, by your own rules",
    # short enough that the count stays on the line at 80 columns: "... (12)"
    "unreadable": "Cannot tell: too much not recognised (unknown never means safe)",
    "no_list": "No ingredient list found in the text",
    "error": "Not checked: the row could not be read",
}


def _rest_lines(rest: dict[str, list[PlanEntry]], style: Style | None = None) -> list[str]:
    style = style or Style()
    out: list[str] = []
    for key, title in _REST_TITLES.items():
        items = rest[key]
        if not items:
            continue
        out.append("")
        out += [style.paint(x, fg=STOP, bold=True) for x in style.wrap(f"{title} ({len(items)})", subsequent="  ")]
        for e in items:
            note = e.decided_by
            if key == "error":
                note = f"row {e.row}: {note}"
            out.append(_line(e.product, note, style))
    return out


def _note(e: PlanEntry) -> str:
    hours = e.hours or 0
    extra = f"from {hours} h; " if hours % 24 else ""
    if e.at_least:
        extra = f"at least, cannot tell beyond: {extra}"
    return extra + e.decided_by


def plan_text(entries: list[PlanEntry], treated_on: date | None = None, today: date | None = None,
              style: Style | None = None) -> str:
    """Products grouped by the day they come back, then those that never do or could not be checked."""
    style = style or Style()
    days, rest = _groups(entries)
    out: list[str] = []
    n = len(entries)
    if treated_on is not None:
        out.append(f"Aftercare plan for {_plural(n, 'product')}: treated on {_long_date(treated_on)} (day 0)")
    else:
        out.append(f"Aftercare plan for {_plural(n, 'product')}, in days after treatment (day 0); "
                   "add --treated-on for dates")
    if not entries:
        out.append("")
        out.append("No products to plan.")
    today_day = (today - treated_on).days if (today is not None and treated_on is not None) else None
    marked = today_day is None
    for day, items in days.items():
        if not marked and day > today_day:
            out.append("")
            where = f"day {today_day}" if today_day >= 0 else f"{_plural(-today_day, 'day')} before the treatment"
            out.append(f"-- today: {_long_date(today)}, {where} --")
            marked = True
        out.append("")
        head = f"Day {day}"
        if treated_on is not None:
            head += f"  {_long_date(treated_on + timedelta(days=day))}"
        back = today_day is not None and day <= today_day
        if back:
            head += "  (back already)"
        out.append(style.paint(head, fg=GO if back else WAIT, bold=True))
        for e in items:
            out.append(_line(e.product, _note(e), style))
    if not marked:
        out.append("")
        out.append(f"-- today: {_long_date(today)}, day {today_day}: everything above is back --")
    out.extend(_rest_lines(rest, style))
    out.append("")
    out.append(REDNESS_NOTE)
    out.append(DISCLAIMER)
    return _finish(out, style)


def today_text(entries: list[PlanEntry], treated_on: date, today: date, style: Style | None = None) -> str:
    """What may I use today, and what not yet (until when). Before the treatment there is nothing to
    wait for yet: the view says so and lists when each product comes back after it."""
    style = style or Style()
    days, rest = _groups(entries)
    today_day = (today - treated_on).days
    if today_day < 0:
        return _before_text(days, rest, treated_on, today, style)
    ready = [e for day, items in days.items() if day <= today_day for e in items if not e.at_least]
    waiting = [e for day, items in days.items() if day > today_day for e in items]
    # an unreadable product past its lower bound: still cannot tell
    rest["unreadable"] = [e for day, items in days.items() if day <= today_day for e in items if e.at_least] + rest["unreadable"]
    ready.sort(key=lambda e: e.row)
    out: list[str] = []
    if today_day >= 0:
        out.append(f"Today, {_long_date(today)}, is day {today_day} after your treatment on {_long_date(treated_on)}.")
    else:
        out.append(f"Today, {_long_date(today)}, is {_plural(-today_day, 'day')} before your treatment on "
                   f"{_long_date(treated_on)}: the waits below count from the treatment.")
    out.append("")
    out.append(style.paint(f"You may use today ({len(ready)})", fg=GO, bold=True))
    if not ready:
        out.append("  nothing yet: water and your clinic's own aftercare only")
    for e in ready:
        since = f"since day {e.day}"
        if e.safe_on is not None:
            since += f" ({_long_date(e.safe_on)})"
        out.append(_line(e.product, since, style))
    out.append("")
    out.append(style.paint(f"Not yet ({len(waiting)})", fg=WAIT, bold=True))
    if not waiting:
        out.append("  nothing: every product that can come back is back")
    for e in waiting:
        left = e.day - today_day
        until = f"from {_long_date(e.safe_on)}" if e.safe_on is not None else f"from day {e.day}"
        if e.at_least:
            until = f"not before {_long_date(treated_on + timedelta(days=e.day))}"
        out.append(_line(e.product, f"{until} (day {e.day}, in {_plural(left, 'day')}): {e.decided_by}", style))
    out.extend(_rest_lines(rest, style))
    out.append("")
    out.append(REDNESS_NOTE)
    out.append(DISCLAIMER)
    return _finish(out, style)


def _finish(out: list[str], style: Style) -> str:
    """The view as text: headings and notes that are longer than the width wrapped at spaces
    (product lines are already fitted by ``_line``)."""
    lines: list[str] = []
    for line in out:
        if line and not line.startswith(" ") and "\x1b" not in line and len(line) > style.width:
            lines += style.wrap(line)
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def _before_text(days: dict[int, list[PlanEntry]], rest: dict[str, list[PlanEntry]], treated_on: date, today: date,
                 style: Style) -> str:
    """--today before --treated-on: the treatment has not happened yet, so nothing is waiting yet."""
    ahead = (treated_on - today).days
    out = [f"Today, {_long_date(today)}, is {_plural(ahead, 'day')} before your treatment on {_long_date(treated_on)}:",
           "the treatment has not happened yet, so nothing here is waiting yet. Before a treatment, your",
           "practitioner says what to stop and when. After it, each product comes back on its day:"]
    for day, items in days.items():
        out.append("")
        out.append(style.paint(f"Day {day}  {_long_date(treated_on + timedelta(days=day))}", fg=WAIT, bold=True))
        for e in items:
            out.append(_line(e.product, _note(e), style))
    out.extend(_rest_lines(rest, style))
    out += ["", REDNESS_NOTE, DISCLAIMER]
    return _finish(out, style)


def _stamp() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


_TITLE_MAX = 30  # a phone's calendar shows about the first 30 characters of an event title
REMINDER_HOUR = 9  # the reminder goes off at 09:00 on the day (all-day events start at midnight)


def _title(head: str, names: list[str]) -> str:
    """A short event title: 'Back: Gentle Cleanser' or 'Back: 3 products' (head and all within 30)."""
    if len(names) == 1 and len(head) + len(names[0]) + 2 <= _TITLE_MAX:
        return f"{head}: {names[0]}"
    if len(names) == 1:
        return f"{head}: " + fit(names[0], _TITLE_MAX - len(head) - 2)
    return f"{head}: {_plural(len(names), 'product')}"


def _event(Event, uid: str, stamp: datetime, when: date, title: str, lines: list[str]):
    from icalendar import Alarm  # noqa: PLC0415

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", when)
    event.add("dtend", when + timedelta(days=1))
    event.add("summary", title)
    event.add("description", "\n".join(lines))
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", timedelta(hours=REMINDER_HOUR))
    event.add_component(alarm)
    return event


def to_ics(entries: list[PlanEntry], treated_on: date) -> bytes:
    """An iCalendar file: one all-day event per day on which something comes back, and one on the
    treatment day naming the products that never come back or cannot be told (so they are not
    simply absent). Titles are short enough for a phone; each event reminds at 09:00 that day."""
    from icalendar import Calendar, Event  # noqa: PLC0415 - only for --ics

    days, rest = _groups(entries)
    # an unreadable product is never announced as back: only its lower bound is known
    rest["unreadable"] += [e for items in days.values() for e in items if e.at_least]
    days = {day: kept for day, items in days.items() if (kept := [e for e in items if not e.at_least])}
    stamp = _stamp()
    cal = Calendar()
    cal.add("prodid", "-//ingredient-check//aftercare plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Aftercare after {treated_on.isoformat()}")
    tail = ["", REDNESS_NOTE, DISCLAIMER]
    kept = [e for key in ("avoid", "unreadable", "no_list", "error") for e in rest[key]]
    if kept:
        lines = [f"Treatment day, {_long_date(treated_on)}. Keep these off your skin until your practitioner says "
                 "otherwise:"]
        for key, title in _REST_TITLES.items():
            if rest[key]:
                lines.append(f"{title}:")
                lines += [f"- {e.product}: {e.decided_by}" if e.decided_by else f"- {e.product}" for e in rest[key]]
        cal.add_component(_event(Event, f"{treated_on:%Y%m%d}-never@ingredient-check", stamp, treated_on,
                                 _title("Never / unknown", [e.product for e in kept]), lines + tail))
    for day, items in days.items():
        when = treated_on + timedelta(days=day)
        lines = [f"Day {day} after your treatment on {_long_date(treated_on)}. From today you may use again:"]
        lines += [f"- {e.product}: {_note(e)}" for e in items]
        if kept:
            lines.append(f"Still not on the list: {_plural(len(kept), 'product')} that are never safe or could "
                         "not be told (see the treatment day).")
        cal.add_component(_event(Event, f"{treated_on:%Y%m%d}-day{day}@ingredient-check", stamp, when,
                                 _title(f"Day {day} back", [e.product for e in items]), lines + tail))
    return cal.to_ical()
