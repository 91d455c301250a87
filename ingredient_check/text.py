"""Text for people: one line, no control or bidi characters, a readable length, waits in words.

Label and CSV text is shown in terminals and calendar events: a control character breaks a table
line, a bidi control (U+202E) reorders what the terminal shows, and a 1 MB junk item would fill
the screen. Every human-facing output (check's table, the shelf table, the plan, the calendar)
goes through these.
"""

from __future__ import annotations

import re

__all__ = ["one_line", "fit", "human_wait", "long_date", "plural"]

# C0 and C1 controls, line and paragraph separators, bidi marks, embeddings, overrides, isolates
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+")


def one_line(text: str) -> str:
    return _UNSAFE.sub(" ", text).strip()


def fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def plural(n: int, word: str) -> str:
    """'1 item', '2 items' (never '1 items')."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def human_wait(hours: int) -> str:
    """'7 days', '1 day', '36 hours'; from two days on a part day rounds up ('404 hours' is '17 days'),
    as the calendar date does: a depth-scaled wait never reads as shorter than the day it ends on."""
    if hours % 24 == 0:
        return plural(hours // 24, "day")
    if hours < 48:
        return f"{hours} hours"
    return plural(-(-hours // 24), "day")


def long_date(d) -> str:
    """The one date format of every view for people: 'Fri 4 Dec 2026'."""
    return f"{d:%a} {d.day} {d:%b %Y}"
