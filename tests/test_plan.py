"""The plan views of a shelf (--plan, --today) and the calendar (--ics), read back with icalendar."""

from __future__ import annotations

from datetime import date, datetime

import icalendar
import pytest
from click.testing import CliRunner

from ingredient_check.cli import main
from ingredient_check.plan import PlanEntry, plan_text, to_ics, today_text

from .conftest import SAMPLES

SHELF = SAMPLES / "shelf.csv"
TREATED = date(2026, 11, 20)

RULES = """\
[ingredients."Lanolin"]
avoid = true
reason = "allergic"
"""


def run(*args):
    return CliRunner().invoke(main, ["shelf", *map(str, args)], catch_exceptions=False)


def write(tmp_path, text: str, name: str = "shelf.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def E(row, name, day, status="ok", check="wait", note="no irritant", hours=None):  # noqa: N802
    hours = hours if hours is not None else (None if day is None else day * 24)
    safe_on = None if day is None else date.fromordinal(TREATED.toordinal() + day)
    return PlanEntry(row, name, status, check, day, hours, safe_on, note)


ENTRIES = [
    E(1, "Cream", 1),
    E(2, "Retinol serum", 7, note="Retinol (retinoid)"),
    E(3, "Lanolin balm", None, check="avoid", note="Lanolin (your rules: allergic)"),
    E(4, "Mystery", None, check="unreadable", note="5 of 6 items not recognised"),
    E(5, "Broken row", None, status="error", check=None, note="the ingredients cell is empty"),
    E(6, "Toner", 1),
    E(7, "Tan", 14, note="the product type (self-tanner)"),
    E(8, "Deep serum", 3, hours=60, note="Something (other active)"),
]


def test_plan_groups_by_day_in_order_with_dates_and_lists_the_rest_last():
    text = plan_text(ENTRIES, TREATED)
    days = [line for line in text.splitlines() if line.startswith("Day ")]
    assert days == ["Day 1  Sat 21 Nov 2026", "Day 3  Mon 23 Nov 2026", "Day 7  Fri 27 Nov 2026",
                    "Day 14  Fri 4 Dec 2026"]
    assert text.index("Cream") < text.index("Toner") < text.index("Deep serum") < text.index("Retinol serum")
    assert "from 60 h; Something" in text
    tail = text[text.index("Never, by your own rules"):]
    assert "Lanolin balm" in tail and "Mystery" in tail and "row 5: the ingredients cell is empty" in tail
    assert tail.index("Never") < tail.index("Cannot tell") < tail.index("Not checked")
    assert text.count("not medical advice") == 1


def test_every_group_heading_keeps_its_count_on_its_line_at_80_columns():
    """At 80 columns the unreadable group's heading once wrapped and left "(1)" on a line of its own."""
    from ingredient_check.style import Style

    many = [E(100 + k, f"Product {k}", None, check=check, status="error" if check is None else "ok")
            for k in range(1234) for check in ("avoid", "unreadable", "no_list", None)]
    text = plan_text(ENTRIES + many, TREATED, style=Style(width=80))
    for title, count in (("Never", 1235), ("Cannot tell", 1235), ("No ingredient list", 1234), ("Not checked", 1235)):
        line = next(x for x in text.splitlines() if x.startswith(title))
        assert line.endswith(f" ({count})"), line


def test_plan_without_a_treatment_date_counts_days_only():
    text = plan_text(ENTRIES, None)
    assert "Day 7\n" in text and "2026" not in text and "--treated-on" in text


def test_plan_marks_today():
    text = plan_text(ENTRIES, TREATED, date(2026, 11, 24))
    assert "Day 3  Mon 23 Nov 2026  (back already)" in text
    assert text.index("-- today: Tue 24 Nov 2026, day 4 --") < text.index("Day 7")
    late = plan_text(ENTRIES, TREATED, date(2027, 1, 1))
    assert "everything above is back" in late


def test_today_view_splits_may_use_from_not_yet_with_dates():
    text = today_text(ENTRIES, TREATED, date(2026, 11, 24))
    may, rest = text.split("Not yet", 1)
    assert "You may use today (3)" in may and "Cream" in may and "Deep serum" in may
    assert "Retinol serum" not in may
    flat = " ".join(rest.split())  # notes wrap under their column at 80
    assert "Retinol serum" in rest and "from Fri 27 Nov 2026 (day 7, in 3 days): Retinol (retinoid)" in flat
    assert "from Fri 4 Dec 2026 (day 14, in 10 days)" in flat
    assert "Lanolin balm" in rest and "Mystery" in rest


def test_today_before_the_treatment_says_it_has_not_happened_yet():
    text = today_text(ENTRIES, TREATED, date(2026, 11, 10))
    assert "10 days before your treatment" in text and "has not happened yet" in text
    assert "You may use today" not in text and "Not yet (" not in text  # not a treatment-day answer
    assert "Day 1  Sat 21 Nov 2026" in text and "Day 14  Fri 4 Dec 2026" in text
    assert "Never, by your own rules" in text and "Lanolin balm" in text


def _events(data: bytes) -> list:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_ics_has_one_all_day_event_per_day_naming_the_products(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    data = to_ics(ENTRIES, TREATED)
    assert data == to_ics(ENTRIES, TREATED)  # reproducible with SOURCE_DATE_EPOCH
    events = _events(data)
    starts = [e.decoded("dtstart") for e in events]
    # the treatment day first: what never comes back or cannot be told, then one event per day
    assert starts == [TREATED, date(2026, 11, 21), date(2026, 11, 23), date(2026, 11, 27), date(2026, 12, 4)]
    assert all(type(s) is date for s in starts)  # all-day, not a time
    assert [e.decoded("dtend") for e in events][1:] == [date(2026, 11, 22), date(2026, 11, 24), date(2026, 11, 28),
                                                        date(2026, 12, 5)]
    assert [str(e["summary"]) for e in events] == [
        "Never / unknown: 3 products", "Day 1 back: 2 products", "Day 3 back: Deep serum",
        "Day 7 back: Retinol serum", "Day 14 back: Tan"]
    assert "Cream" in str(events[1]["description"]) and "Toner" in str(events[1]["description"])
    assert len({str(e["uid"]) for e in events}) == 5
    assert isinstance(events[0].decoded("dtstamp"), datetime)


def test_ics_titles_fit_a_phone_and_every_event_has_a_reminder():
    many = [E(i, f"Product number {i:02d} with a long name", 7) for i in range(20)]
    events = _events(to_ics([*many, E(30, "A product whose name is far too long for a phone", 3)], TREATED))
    assert [str(e["summary"]) for e in events] == ["Day 3 back: A product whose n\u2026", "Day 7 back: 20 products"]
    assert all(len(str(e["summary"])) <= 30 for e in events)
    for e in events:
        (alarm,) = e.walk("VALARM")
        assert str(alarm["action"]) == "DISPLAY" and alarm.decoded("trigger").total_seconds() == 9 * 3600
    assert all(f"Product number {i:02d}" in str(events[1]["description"]) for i in range(20))


def test_ics_lists_never_and_cannot_tell_on_the_treatment_day_without_nested_brackets():
    entries = [*ENTRIES, E(9, "Foundation", 3, note="no irritant (makeup: 3 days)")]
    events = _events(to_ics(entries, TREATED))
    first = events[0]
    assert first.decoded("dtstart") == TREATED
    text = str(first["description"])
    assert "Lanolin balm: Lanolin (your rules: allergic)" in text
    assert "Mystery: 5 of 6 items not recognised" in text and "Broken row" in text
    day3 = next(str(e["description"]) for e in events if e.decoded("dtstart") == date(2026, 11, 23))
    assert "- Foundation: no irritant (makeup: 3 days)" in day3
    for e in events:
        for line in str(e["description"]).splitlines():
            depth = 0
            for ch in line:
                depth += {"(": 1, ")": -1}.get(ch, 0)
                assert depth <= 1, line  # never "(no irritant (makeup: 3 days))"


def test_shelf_ics_from_the_command(tmp_path):
    out = tmp_path / "aftercare.ics"
    r = run(SHELF, "--no-user-rules", "--treated-on", "2026-11-20", "--plan", "--ics", out)
    assert r.exit_code == 0, r.output
    assert "calendar in" in r.stderr
    events = {e.decoded("dtstart"): e for e in _events(out.read_bytes())}
    assert date(2026, 11, 27) in events and date(2026, 12, 4) in events and date(2026, 11, 21) in events
    assert "Verdane Skin Retinol 0.5% Repair Night Cream" in str(events[date(2026, 11, 27)]["description"])
    assert "Goldhour Gradual Glow Self Tan Lotion" in str(events[date(2026, 12, 4)]["description"])
    assert "Softwater Gentle Cream Cleanser" in str(events[date(2026, 11, 21)]["description"])


def test_rules_avoid_puts_a_product_under_never_and_on_the_treatment_day(tmp_path):
    rules = write(tmp_path, RULES, "clinic.toml")
    shelf = write(tmp_path, "name,ingredients\n"
                            "Lanolin balm,\"Lanolin, Cera Alba, Tocopherol\"\n"
                            "Retinol cream,\"Aqua, Glycerin, Retinol\"\n")
    ics = tmp_path / "plan.ics"
    r = run(shelf, "--rules", rules, "--treated-on", "2026-11-20", "--plan", "--ics", ics)
    assert r.exit_code == 0, r.output
    never = r.stdout[r.stdout.index("Never, by your own rules"):]
    assert "Lanolin balm" in never and "your rules: allergic" in never
    events = _events(ics.read_bytes())
    assert [str(e["summary"]) for e in events] == ["Never / unknown: Lanolin balm", "Day 7 back: Retinol cream"]
    assert "Lanolin balm" in str(events[0]["description"])


def test_depth_shifts_the_plan(tmp_path):
    shelf = write(tmp_path, "name,ingredients\nRetinol cream,\"Aqua, Glycerin, Retinol\"\n")
    standard = run(shelf, "--no-user-rules", "--treated-on", "2026-11-20", "--plan")
    deep = run(shelf, "--no-user-rules", "--treated-on", "2026-11-20", "--plan", "--depth", "2.0")
    assert "Day 7  Fri 27 Nov 2026" in standard.stdout
    assert "Day 14  Fri 4 Dec 2026" in deep.stdout


@pytest.mark.parametrize("args", [["--plan"], ["--treated-on", "2026-11-20", "--today", "2026-11-24"]])
def test_views_of_an_empty_shelf(tmp_path, args):
    shelf = write(tmp_path, "name,ingredients\n")
    r = run(shelf, "--no-user-rules", *args)
    assert r.exit_code == 0 and "0 products" in r.stderr
