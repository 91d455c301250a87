"""shelf_view: the shelf table for people (``shelf --format table``), coloured and fitted to the width.

One line per product as long as it fits: the row, the product name (cut with an ellipsis), the verdict
in its colour (``style``: green already back, yellow not yet with its date, red never, cannot tell,
no list or an unreadable row) and what decides it, wrapped under its column at spaces when it is
longer than the line. At 80 columns the name gets 24 characters; wider terminals give it up to 44.
"""

from __future__ import annotations

from datetime import date

from .shelf import Record, display_name, verdict_text
from .style import GO, STOP, WAIT, Style
from .text import fit, one_line

__all__ = ["ShelfTable"]

_ROW, _VERDICT, _NAME_MAX, _NAME_MIN = 5, 23, 44, 16


class ShelfTable:
    def __init__(self, style: Style, today: date | None = None):
        self.style = style
        self.today = today
        fixed = _ROW + 2 + 2 + _VERDICT + 2
        self.name_width = max(_NAME_MIN, min(_NAME_MAX, (style.width - fixed) // 2))
        self.indent = " " * (fixed + self.name_width)

    def header(self) -> str:
        return self.style.paint(f"{'row':>{_ROW}}  {'product':<{self.name_width}}  {'safe from':<{_VERDICT}}  decided by",
                                bold=True)

    def colour(self, rec: Record) -> str:
        if rec.status != "ok" or rec.check_status != "wait":
            return STOP
        return GO if self.today is not None and rec.safe_date is not None and rec.safe_date <= self.today else WAIT

    def line(self, rec: Record) -> str:
        verdict = verdict_text(rec)
        head = f"{rec.row:>{_ROW}}  {fit(display_name(rec), self.name_width):<{self.name_width}}  "
        decided = self.style.wrap(one_line(rec.decided_by), indent=self.indent) if rec.decided_by else [""]
        first = head + self.style.paint(f"{verdict:<{_VERDICT}}", fg=self.colour(rec)) + "  " + decided[0].lstrip()
        return "\n".join([first.rstrip(), *decided[1:]])
