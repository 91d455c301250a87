"""shelf_rows: one data row in, one ``Record`` out, through ``check_label``.

Records (``RowChecker``)
    Exactly one ``Record`` per data row, in input order. Blank lines are not rows (as in
    ``csv.DictReader``), nor are lines of spaces; a row of empty cells (",,") is. Status ``ok``
    means the check ran: its own status (``wait``, ``avoid``, ``unreadable``, ``no_list``) is
    ``check_status``; a text with no ingredient
    list in it ("Visit the ... boutique", "No Info") is ``ok`` with ``check_status`` ``no_list``,
    because the check itself gave that answer. Status ``error`` means the check could not run on the
    row: a row with more or fewer cells than the header, an empty ingredients cell, a cell over a
    limit, a line that could not be decoded or parsed, or an internal error (a bug, marked as such).
    Empty cells after the header's last column (a trailing delimiter) are dropped: they hold nothing.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import date
from typing import Iterable, NamedTuple

from .check import DISCLAIMER, check_label
from .errors import InputError
from .memo import BoundedMemo
from .read import MAX_ITEMS, MAX_LABEL_BYTES
from .report import SCHEMA_VERSION, json_line, json_text, shown_item
from .shelf_columns import Columns, map_product_type
from .shelf_reader import RawRow
from .text import human_wait, one_line
from .timeline import Options

__all__ = ["Limits", "Record", "RowChecker", "display_name"]

CACHE_SIZE = 1024  # products repeated verbatim
CACHE_MAX_TEXT = 20_000  # longer labels are not cached


# ---------------------------------------------------------------------------------------------
# records


@dataclass(frozen=True)
class Limits:
    max_bytes: int = MAX_LABEL_BYTES
    max_items: int = MAX_ITEMS


class Record(NamedTuple):
    """One data row's outcome: everything every output format needs, small enough to ship between
    processes (a NamedTuple: made 100,000 times a shelf, it is built faster than a frozen dataclass)."""

    row: int
    line: int
    product: str | None  # the name cell (None when the file has no name column)
    status: str  # ok | error
    error: str | None = None
    check_status: str | None = None  # wait | avoid | unreadable | no_list
    safe_after_hours: int | None = None
    safe_on: str | None = None  # ISO date (with a treatment date)
    product_type: str | None = None
    decided_by: str = ""  # what sets the wait, for people
    deciding: tuple[str, ...] = ()  # INCI names that set the wait
    deciding_list: str | None = None  # the list that sets it, when the text holds several (a kit)
    irritants: tuple[str, ...] = ()
    soothing: tuple[str, ...] = ()
    items: int | None = None
    unknown_count: int | None = None
    longer_than_basic: bool = False  # waits beyond the basic wait of a bland product of its type
    internal: bool = False  # the error is a bug
    json: str | None = None  # the jsonl line (only when asked for)
    at_least_hours: int | None = None  # "unreadable" with irritants found: not before this many hours

    @property
    def day(self) -> int | None:
        """The day after treatment from which the product may be used (treatment day = day 0)."""
        if self.status != "ok" or self.check_status != "wait" or self.safe_after_hours is None:
            return None
        return math.ceil(self.safe_after_hours / 24)

    @property
    def at_least_day(self) -> int | None:
        """The day before which an unreadable product surely may not be used (its irritants' wait)."""
        if self.status != "ok" or self.check_status != "unreadable" or self.at_least_hours is None:
            return None
        return math.ceil(self.at_least_hours / 24)

    @property
    def safe_date(self) -> date | None:
        return date.fromisoformat(self.safe_on) if self.safe_on else None


# the check JSON object's keys, with the value an error row carries
_EMPTY_CHECK = {
    "schema_version": SCHEMA_VERSION, "safe_after_hours": None, "at_least_hours": None, "safe_on": None, "treated_on": None, "depth_mm": None,
    "product_type": None,
    "product_type_inferred": False, "deciding": [], "baseline": None, "type_rule": None, "ingredients": [],
    "counts": None, "unknown": [], "possible": [], "skipped": [], "components": [], "warnings": [], "rules_files": [], "sources": {},
    "disclaimer": DISCLAIMER,
}


def display_name(rec: Record) -> str:
    if rec.product:
        name = one_line(rec.product)
        if name:
            return name
    return f"(row {rec.row})" if rec.product is None else f"(no name, row {rec.row})"


def _category_label(categories: dict, category: str | None) -> str | None:
    if not category:
        return None
    label = categories.get(category, {}).get("label") or category.replace("_", " ")
    return re.sub(r"\s*\([^)]*\)", "", label).strip() or label


class RowChecker:
    """Turns RawRows into Records. One per process: it owns a classifier and a small LRU cache."""

    def __init__(self, columns: Columns, options: Options, limits: Limits = Limits(), fmt: str = "table",
                 classifier=None):
        from .classify import get_classifier  # noqa: PLC0415

        self.columns = columns
        self.options = options
        self.limits = limits
        self.want_json = fmt == "jsonl"
        self.classifier = classifier or get_classifier()
        self.sources = self.classifier.sources
        self.categories = self.classifier.categories
        self.base_hours = self.classifier.index["timeline"]["baseline"]["wait_hours"]
        self._options: dict[str | None, Options] = {}
        self._labels: dict[str | None, str | None] = {}  # category -> its short label
        self._shown = BoundedMemo()  # a deciding ingredient's (text, inci, name) -> its name as shown, lower-cased first
        self._cache: OrderedDict[tuple[str, str | None], Record] = OrderedDict()  # (text, type cell) -> Record
        empty = dict(_EMPTY_CHECK)
        empty["treated_on"] = options.treated_on.isoformat() if options.treated_on else None
        empty["depth_mm"] = options.depth_mm
        empty["rules_files"] = [str(getattr(r, "path", r)) for r in options.rules]
        self._empty_check = empty

    # -- helpers ---------------------------------------------------------------------------
    def _options_for(self, product_type: str | None) -> Options:
        o = self._options.get(product_type)
        if o is None:
            o = _with_type(self.options, product_type)
            self._options[product_type] = o
        return o

    def _json_head(self, raw: RawRow, product: str | None, status: str, error: str | None) -> str:
        return json_text({"row": raw.row, "line": raw.line, "product": product, "status": status, "error": error})[:-1]

    def error(self, raw: RawRow, product: str | None, message: str, internal: bool = False,
              type_value: str | None = None) -> Record:
        text = None
        if self.want_json:
            body = {"check_status": None, **self._empty_check, "type_value": type_value}
            text = self._json_head(raw, product, "error", message) + ", " + json.dumps(body, ensure_ascii=False)[1:]
        return Record(raw.row, raw.line, product, "error", error=message, decided_by=message, internal=internal,
                      json=text)

    # -- one row ---------------------------------------------------------------------------
    def __call__(self, raw: RawRow) -> Record:
        cols = self.columns
        fields = raw.fields
        product = None
        if fields is not None and cols.name is not None:
            product = fields[cols.name].strip() if cols.name < len(fields) else ""
        if raw.problem is not None or fields is None:
            return self.error(raw, product, raw.problem or "the row cannot be parsed")
        if len(fields) > cols.width and not any(f.strip() for f in fields[cols.width:]):
            fields = fields[: cols.width]  # empty cells after the last column (a trailing delimiter) hold nothing
        if len(fields) != cols.width:
            hint = (": quote cells that contain the delimiter or line breaks" if len(fields) > cols.width
                    else ": a cell or a delimiter is missing")
            return self.error(raw, product, f"the row has {_cells(len(fields))} but the header has {_cells(cols.width)}{hint}")
        text = fields[cols.ingredients]
        type_value = fields[cols.type].strip() if cols.type is not None else None
        if not text or text.isspace():  # blank (not text.strip(), without its copy of the text)
            if not any(f.strip() for f in fields):
                return self.error(raw, product, "empty row", type_value=type_value)
            return self.error(raw, product, "the ingredients cell is empty", type_value=type_value)
        product_type = map_product_type(type_value)
        key = (text, type_value)
        cached = self._cache.get(key) if len(text) <= CACHE_MAX_TEXT else None
        if cached is not None:
            self._cache.move_to_end(key)
            return self._with_row(cached, raw, product)
        try:
            result = self._check(text, product_type, type_value)
        except InputError as exc:
            return self.error(raw, product, str(exc), type_value=type_value)
        except Exception as exc:  # noqa: BLE001 - one bad row must not lose the others
            return self.error(raw, product, f"internal error: {type(exc).__name__}: {exc} (please report this)",
                              internal=True, type_value=type_value)
        if len(text) <= CACHE_MAX_TEXT:
            self._cache[key] = result
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return self._with_row(result, raw, product)

    def _with_row(self, result: Record, raw: RawRow, product: str | None) -> Record:
        line = None
        if result.json is not None:
            line = self._json_head(raw, product, "ok", None) + ", " + result.json[1:]
        return result._replace(row=raw.row, line=raw.line, product=product, json=line)

    def _check(self, text: str, product_type: str | None, type_value: str | None) -> Record:
        # the read stage's limits (size, NUL bytes, items) are check_label's: one rule for every label
        report = check_label(text, self._options_for(product_type), self.classifier, max_items=self.limits.max_items,
                             max_bytes=self.limits.max_bytes, where="the ingredients cell")
        v = report.verdict
        component = report.deciding_component
        irritants = [i for i in v.ingredients if i.role == "irritant"]
        soothing = [i for i in v.ingredients if i.role == "soothing"]
        body = None
        if self.want_json:
            body = json_line(report, self.sources, "check_status", {"type_value": type_value}, self.classifier)
        longer = v.status == "wait" and (v.safe_after_hours or 0) > v.baseline_hours
        return Record(
            0, 0, None, "ok",
            check_status=v.status,
            safe_after_hours=v.safe_after_hours,
            safe_on=v.safe_on.isoformat() if v.safe_on else None,
            product_type=v.product_type,
            decided_by=self._decided_by(v) + (f" in {one_line(component)}" if component else ""),
            deciding_list=one_line(component) if component else None,
            deciding=_unique(i.inci or i.text for i in v.deciding),
            irritants=_unique(i.inci or i.text for i in irritants),
            soothing=_unique(i.inci or i.text for i in soothing),
            items=len(v.ingredients),
            unknown_count=len(v.unknown),
            longer_than_basic=longer,
            json=body,
            at_least_hours=v.at_least_hours,
        )

    def _short_label(self, category: str | None) -> str | None:
        label = self._labels.get(category)
        if label is None and category:
            label = self._labels[category] = _category_label(self.categories, category)
        return label

    def _decided_by(self, v) -> str:
        if v.status == "no_list":
            return "no ingredient list in the text"
        unread = f"{len(v.unknown) + len(v.possible)} of {len(v.ingredients)} items not recognised"
        if v.status == "unreadable" and not v.deciding:
            return unread
        if v.deciding:
            named: dict[str, tuple] = {}  # name (lower case) -> (name as first printed, its ingredient)
            shown = self._shown
            for i in v.deciding:
                key = (i.text, i.inci, i.name)
                got = shown.get(key)
                if got is None:
                    name = one_line(shown_item(i)[0]) or (i.inci or "")
                    got = shown.put(key, (name.lower(), name))
                named.setdefault(got[0], (got[1], i))
            parts = []
            for name, i in itertools.islice(named.values(), 3):  # a note for the three shown
                from_rules = bool(i.wait_from and i.wait_from.startswith("user rules"))
                if v.status == "avoid":
                    reason = i.reason or "your rules"
                    note = reason if reason.startswith("your rules") else f"your rules: {reason}"
                else:
                    note = self._short_label(i.category) or ("other active" if i.role == "irritant" and not from_rules
                                                             else None)
                    if from_rules:
                        note = f"{note}, your rules" if note else "your rules"
                parts.append(f"{name} ({note})" if note else name)
            more = f" +{len(named) - 3} more" if len(named) > 3 else ""
            if v.status == "unreadable":  # what it did find: the lower bound's irritants
                return f"{unread}; found: " + ", ".join(parts) + more
            return ", ".join(parts) + more
        if v.type_rule:
            return f"the product type ({v.product_type})"
        if v.baseline_hours != self.base_hours and v.product_type:
            return f"no irritant ({v.product_type}: {human_wait(v.baseline_hours)})"
        return "no irritant"


def _with_type(options: Options, product_type: str | None) -> Options:
    if hasattr(options, "_replace"):  # a NamedTuple
        return options._replace(product_type=product_type)
    return replace(options, product_type=product_type)


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def _cells(n: int) -> str:
    return f"{n} cell" if n == 1 else f"{n} cells"
