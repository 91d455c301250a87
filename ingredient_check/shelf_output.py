"""shelf_output: a shelf's records as CSV rows, table lines and the closing summary.
"""

from __future__ import annotations

from datetime import date

from .shelf_rows import Record, display_name
from .text import fit, human_wait, long_date, one_line

__all__ = ["CSV_COLUMNS", "csv_row", "verdict_text", "short_date", "table_header", "table_line", "Summary"]

CSV_COLUMNS = ["row", "product", "status", "safe_after_hours", "safe_on", "irritants", "soothing",
               "unknown_count", "error", "check_status", "deciding", "product_type", "line", "deciding_list",
               "at_least_hours"]


# ---------------------------------------------------------------------------------------------
# outputs


def csv_row(rec: Record) -> list:
    def blank(v):
        return "" if v is None else v

    return [rec.row, blank(rec.product), rec.status, blank(rec.safe_after_hours), blank(rec.safe_on),
            "; ".join(rec.irritants), "; ".join(rec.soothing), blank(rec.unknown_count), blank(rec.error),
            blank(rec.check_status), "; ".join(rec.deciding), blank(rec.product_type), rec.line,
            blank(rec.deciding_list), blank(rec.at_least_hours)]


def verdict_text(rec: Record) -> str:
    """A short verdict: "day 7 (Fri 27 Nov)", "never (your rules)", "cannot tell", "error"."""
    if rec.status == "error":
        return "error"
    if rec.check_status == "avoid":
        return "never (your rules)"
    if rec.check_status == "unreadable":
        return "cannot tell" if rec.at_least_day is None else f"at least day {rec.at_least_day}"
    if rec.check_status == "no_list":
        return "no list"
    hours = rec.safe_after_hours or 0
    text = f"day {rec.day}"
    if hours % 24:
        text += f", {hours} h"
    d = rec.safe_date
    if d is not None:
        text += f" ({short_date(d)})"
    return text


def short_date(d: date) -> str:
    return long_date(d)  # one date format in every view (text.long_date)


_PRODUCT_WIDTH = 44
_VERDICT_WIDTH = 20


def table_header() -> str:
    return f"{'row':>5}  {'product':<{_PRODUCT_WIDTH}}  {'safe from':<{_VERDICT_WIDTH}}  decided by"


def table_line(rec: Record) -> str:
    decided = one_line(rec.decided_by)
    return (f"{rec.row:>5}  {fit(display_name(rec), _PRODUCT_WIDTH):<{_PRODUCT_WIDTH}}  "
            f"{verdict_text(rec):<{_VERDICT_WIDTH}}  {decided}").rstrip()


class Summary:
    """Counts for the closing line on stderr."""

    def __init__(self) -> None:
        self.products = 0
        self.longer = 0
        self.basic = 0
        self.avoid = 0
        self.unreadable = 0
        self.no_list = 0
        self.errors = 0
        self.internal: list[Record] = []  # the first few rows that hit a bug
        self.internal_count = 0
        self.longest: int | None = None
        # "unreadable" products that still name irritants: not before their wait, whatever the rest is
        self.bounded = 0
        self.bounds: tuple[int, int] | None = None  # the shortest and longest of those waits

    def add(self, rec: Record) -> None:
        self.products += 1
        if rec.status == "error":
            self.errors += 1
            if rec.internal:
                self.internal_count += 1
                if len(self.internal) < 3:
                    self.internal.append(rec)
            return
        status = rec.check_status
        if status == "wait":
            if rec.longer_than_basic:
                self.longer += 1
            else:
                self.basic += 1
            h = rec.safe_after_hours or 0
            self.longest = h if self.longest is None else max(self.longest, h)
        elif status == "avoid":
            self.avoid += 1
        elif status == "unreadable":
            self.unreadable += 1
            h = rec.at_least_hours
            if h is not None:
                self.bounded += 1
                self.bounds = (h, h) if self.bounds is None else (min(self.bounds[0], h), max(self.bounds[1], h))
        else:
            self.no_list += 1

    def text(self) -> str:
        n = self.products
        parts = [f"{n:,} product" + ("s" if n != 1 else "")]
        detail = [f"{self.longer:,} need a longer wait" + (f" (up to {human_wait(self.longest)})" if self.longer and self.longest else ""),
                  f"{self.basic:,} only the basic wait"]
        if self.avoid:
            detail.append(f"{self.avoid:,} never (your rules)")
        bounded = ""
        if self.bounds is not None:
            lo, hi = self.bounds
            them = "" if self.unreadable == 1 else f"{self.bounded:,} of them "
            bounded = f"; {them}not before {human_wait(lo)}" + (f" to {human_wait(hi)}" if hi != lo else "")
        detail.append(f"{self.unreadable:,} cannot tell (too much not recognised{bounded})")
        if self.no_list:
            detail.append(f"{self.no_list:,} without an ingredient list")
        detail.append(f"{self.errors:,} error" + ("s" if self.errors != 1 else ""))
        return parts[0] + ": " + ", ".join(detail)
