"""Text for people: one line, no control or bidi characters, a readable length, waits in words.

Label and CSV text is shown in terminals and calendar events: a control character breaks a table
line, a bidi control (U+202E) reorders what the terminal shows, and a 1 MB junk item would fill
the screen. Every human-facing output (check's table, the shelf table, the plan, the calendar)
goes through these.
"""

from __future__ import annotations

import re

__all__ = ["one_line", "fit", "human_wait"]

# C0 and C1 controls, line and paragraph separators, bidi marks, embeddings, overrides, isolates
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]+")


def one_line(text: str) -> str:
    return _UNSAFE.sub(" ", text).strip()


def fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def human_wait(hours: int) -> str:
    """'7 days', '1 day', '36 hours', '2.5 days'."""
    if hours % 24 == 0:
        days = hours // 24
        return f"{days} day" + ("s" if days != 1 else "")
    if hours < 48:
        return f"{hours} hours"
    return f"{hours / 24:.1f} days"
