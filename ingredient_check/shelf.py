"""shelf: batch-check a CSV of products, one record per data row, in input order, streaming.

Reading (``ShelfReader``)
    A path or a binary stream (stdin). The first 64 KiB are read ahead to sniff the delimiter and
    decide the encoding; the rest is read one physical line at a time, so memory does not grow with
    the number of rows.

    - Encoding: UTF-8 with or without BOM. A line that is not valid UTF-8 is read as Windows-1252
      (Excel's "CSV" export on Windows), decided line by line, with one warning: a cp1252 file's
      ASCII lines decode the same either way, and a file pasted together from both still comes out
      right. A UTF-16 BOM (Excel's "Unicode text") is honoured. ``--encoding`` forces one encoding;
      a line it cannot decode makes its row an error.
    - Line ends: LF, CRLF, and old-Mac CR-only files. Quoted fields may hold newlines.
    - Delimiter: comma, semicolon or tab, sniffed on the sample (an Excel ``sep=;`` first line
      wins). ``csv.Sniffer`` proposes; the choice is checked by parsing the sample with each
      candidate (the header must split into several columns and the rows must agree with it), and
      the candidate that fits best is taken when the Sniffer's does not.
    - Limits: a field over twice ``--max-bytes`` characters, or a physical line over eight times
      it, makes its row an error without being held in memory. The ingredients cell itself must fit
      ``--max-bytes`` (UTF-8) and parse into at most ``--max-items`` items.

Columns (``find_columns``)
    Headers are matched case-insensitively after trimming, with spaces and hyphens read as
    underscores ("Product Name" = product_name). The ingredients column is required; the name
    column is optional (without it products are called by their row number, with a warning); the
    type column is optional, and its values are mapped to the product types of ``timeline``
    ("Moisturizer" -> moisturiser, "Sun protect" -> sunscreen, "Peel" -> exfoliant); a value that
    maps to none leaves the type to be inferred from the list. A header found twice: the first is
    used, with a warning.

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

Batches (``check_rows``)
    One process, or ``jobs`` worker processes that each build their own classifier once. Chunks of
    rows go out in order and their records come back in order, at most a few chunks in flight: the
    output is identical to one process, and a 100,000-row file is never held in memory (``Pool.imap``
    would read the whole input ahead of the workers). A product repeated verbatim (same ingredients
    text and type) is answered from a small LRU cache; single ingredients are memoised by the
    classifier itself.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gc
import io
import itertools
import json
import math
import os
import re
from collections import OrderedDict, deque
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, NamedTuple

from .check import DISCLAIMER
from .errors import InputError
from .read import MAX_ITEMS, MAX_LABEL_BYTES, open_input
from .report import SCHEMA_VERSION
from .text import fit, human_wait, long_date, one_line
from .timeline import PRODUCT_TYPES, Options

__all__ = [
    "NAME_HEADERS", "INGREDIENTS_HEADERS", "TYPE_HEADERS", "CSV_COLUMNS", "Columns", "Limits", "RawRow",
    "Record", "ShelfReader", "RowChecker", "Summary", "find_columns", "map_product_type", "check_rows",
    "check_shelf", "csv_row", "table_header", "table_line", "verdict_text", "display_name", "sniff_delimiter",
]

NAME_HEADERS = ("name", "product", "product_name", "productname", "title")
INGREDIENTS_HEADERS = ("ingredients", "ingredient_list", "ingredients_list", "inci", "incide_ingredients",
                       "clean_ingreds")
TYPE_HEADERS = ("type", "product_type", "producttype", "category", "label")

CSV_COLUMNS = ["row", "product", "status", "safe_after_hours", "safe_on", "irritants", "soothing",
               "unknown_count", "error", "check_status", "deciding", "product_type", "line", "at_least_hours"]

SAMPLE_BYTES = 64 * 1024
DELIMITERS = ",;\t"
CACHE_SIZE = 1024  # products repeated verbatim
CACHE_MAX_TEXT = 20_000  # longer labels are not cached
CHUNK_ROWS = 512
_BOM = b"\xef\xbb\xbf"
# stands in for a physical line too long to hold: not blank, so its row is recorded (as an error)
_OVERLONG_BYTES = b"\x00\n"

Warn = Callable[[str], None]


def _no_warn(message: str) -> None:
    pass


# ---------------------------------------------------------------------------------------------
# decoding helpers


def _cp1252_or_latin1(exc: UnicodeError):
    """cp1252 leaves five bytes undefined (0x81 0x8D 0x8F 0x90 0x9D): read them as Latin-1, as browsers do."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("latin-1"), exc.end


codecs.register_error("ingredient_check.latin1", _cp1252_or_latin1)


def _codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def _ascii_compatible(encoding: str) -> bool:
    try:
        return "a,;\t\"\r\n".encode(encoding) == b"a,;\t\"\r\n" and not encoding.startswith(("utf_16", "utf_32"))
    except (UnicodeError, LookupError):
        return False


class _Prefixed(io.RawIOBase):
    """The bytes already read for sniffing, then the rest of the stream: one readable stream."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n


# ---------------------------------------------------------------------------------------------
# the reader


@dataclass(frozen=True, slots=True)
class RawRow:
    row: int  # 1-based data row
    line: int  # physical line where the row starts (the header is on some line before)
    fields: tuple[str, ...] | None  # None when the row could not be parsed
    problem: str | None = None  # why the row cannot be checked, found while reading


class ShelfReader:
    """A CSV file or stream, decoded and sniffed, yielding ``RawRow``s one at a time.

    Use as a context manager (it sets ``csv.field_size_limit`` for its own reading and restores it).
    Raises ``InputError`` for an unusable file: missing, unreadable, empty, binary, no header.
    """

    def __init__(self, source: str | os.PathLike | BinaryIO, where: str | None = None, encoding: str | None = None,
                 max_bytes: int = MAX_LABEL_BYTES, warn: Warn | None = None):
        self.where = where or (str(source) if isinstance(source, (str, os.PathLike)) else "standard input")
        self.warn = warn or _no_warn
        self.max_bytes = max_bytes
        self.field_limit = max(2 * max_bytes, 1 << 17)
        self.line_cap = 4 * self.field_limit + (1 << 16)
        self.total_bytes: int | None = None
        self.bytes_read = 0
        self.encoding = "utf-8"
        self.fallback_lines = 0
        self._problems: dict[int, str] = {}
        self._owned: BinaryIO | None = None
        self._old_limit: int | None = None
        stream = self._open(source)
        head = self._read_head(stream)
        self._check_head(head, encoding)
        self._setup_decoding(head, stream, encoding)
        self._old_limit = csv.field_size_limit()
        csv.field_size_limit(self.field_limit)
        try:
            self._setup_csv()
        except BaseException:
            self.close()
            raise

    # -- opening ---------------------------------------------------------------------------
    def _open(self, source) -> BinaryIO:
        if not isinstance(source, (str, os.PathLike)):
            return source
        p = Path(source)
        fh = open_input(p, "a CSV file")  # closed in close()
        self._owned = fh
        try:
            st = os.fstat(fh.fileno())
            if st.st_size and os.path.isfile(p):
                self.total_bytes = st.st_size
        except OSError:
            pass
        return fh

    def _read_head(self, stream: BinaryIO) -> bytes:
        parts, size = [], 0
        try:
            while size < SAMPLE_BYTES:
                data = stream.read(SAMPLE_BYTES - size)
                if not data:
                    break
                parts.append(data)
                size += len(data)
        except OSError as exc:
            self.close()
            raise InputError(f"{self.where}: cannot read ({exc})") from None
        self._eof_in_head = size < SAMPLE_BYTES
        return b"".join(parts)

    def _check_head(self, head: bytes, encoding: str | None) -> None:
        body = head[3:] if head.startswith(_BOM) else head
        if not body.strip(b" \t\r\n"):
            self.close()
            raise InputError(f"{self.where} is empty: it needs a header row (name, ingredients) and one row per product")
        if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
            self.close()
            raise InputError(f"{self.where} looks like a spreadsheet workbook or an archive, not CSV text: "
                             "save it as CSV (for example File > Save As > CSV UTF-8)")
        if head.startswith((b"%PDF", b"\x1f\x8b", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"BZh", b"\xfd7zXZ")):
            self.close()
            raise InputError(f"{self.where} is not CSV text (a PDF, an image or a compressed file?)")
        wide = encoding is not None and not _ascii_compatible(_codec_name(encoding))
        if not wide and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            first_line = head.split(b"\n", 1)[0]
            if b"\x00" in first_line or head.count(b"\x00") > max(16, len(head) // 100):
                self.close()
                hint = ""
                if head[1:2] == b"\x00" or head[:1] == b"\x00":
                    hint = " (UTF-16 without a byte-order mark? pass --encoding utf-16-le or utf-16-be)"
                raise InputError(f"{self.where} looks binary (it holds NUL bytes), not a CSV file{hint}")

    def _setup_decoding(self, head: bytes, stream: BinaryIO, encoding: str | None) -> None:
        buffered = io.BufferedReader(_Prefixed(head, stream), buffer_size=1 << 16)
        self._buffered = buffered
        self._text: io.TextIOWrapper | None = None
        self._strict: str | None = None
        self._cr_only = b"\n" not in head and b"\r" in head
        if encoding:
            try:
                name = codecs.lookup(encoding).name
            except LookupError:
                self.close()
                raise InputError(f"unknown encoding {encoding!r} (try utf-8 or cp1252)") from None
            self.encoding = name
            if _ascii_compatible(name):
                self._strict = name
            else:
                self._text = io.TextIOWrapper(buffered, encoding=name, errors="strict", newline="")
        elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
            self.encoding = "utf-16"
            self._text = io.TextIOWrapper(buffered, encoding="utf-16", errors="strict", newline="")

    # -- lines -------------------------------------------------------------------------------
    def _byte_lines(self) -> Iterator[bytes]:
        cap = self.line_cap
        readline = self._buffered.readline
        n = 0
        if self._cr_only:
            yield from self._cr_lines()
            return
        while True:
            raw = readline(cap)
            if not raw:
                return
            n += 1
            self.bytes_read += len(raw)
            if len(raw) >= cap and not raw.endswith(b"\n"):
                self._problems[n] = f"line {n} is over {cap:,} bytes"
                while True:  # skip the rest of the line without holding it
                    more = readline(cap)
                    self.bytes_read += len(more)
                    if not more or more.endswith(b"\n"):
                        break
                raw = _OVERLONG_BYTES
            yield raw

    def _cr_lines(self) -> Iterator[bytes]:
        """Old Mac files: lines end with CR alone."""
        cap = self.line_cap
        pending = b""
        n = 0
        skipping = False
        while True:
            block = self._buffered.read(1 << 16)
            if not block:
                break
            self.bytes_read += len(block)
            pieces = (pending + block).split(b"\r")
            pending = pieces.pop()
            for piece in pieces:
                n += 1
                if skipping:
                    skipping = False
                    yield _OVERLONG_BYTES
                    continue
                yield piece + b"\r"
            if len(pending) > cap:
                if not skipping:
                    self._problems[n + 1] = f"line {n + 1} is over {cap:,} bytes"
                skipping, pending = True, b""
        if skipping:
            yield _OVERLONG_BYTES
        elif pending:
            yield pending

    def _decoded_lines(self) -> Iterator[str]:
        if self._text is not None:
            yield from self._text_lines()
            return
        strict = self._strict
        first = True
        for n, raw in enumerate(self._byte_lines(), 1):
            if strict:
                try:
                    text = raw.decode(strict)
                except UnicodeDecodeError as exc:
                    self._problems.setdefault(n, f"line {n} cannot be decoded as {strict} (byte 0x{raw[exc.start]:02X})")
                    text = raw.decode(strict, errors="replace")
            else:
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    text = raw.decode("cp1252", errors="ingredient_check.latin1")
                    self.fallback_lines += 1
                    if self.fallback_lines == 1:
                        self.encoding = "utf-8+cp1252"
                        self.warn(f"{self.where}: line {n} is not valid UTF-8: reading such lines as Windows-1252 "
                                  "(pass --encoding to choose)")
            if first:
                first = False
                if text.startswith("\ufeff"):
                    text = text[1:]
            yield text

    def _text_lines(self) -> Iterator[str]:
        cap = self.line_cap
        readline = self._text.readline
        n = 0
        while True:
            try:
                text = readline(cap)
            except UnicodeDecodeError as exc:
                raise InputError(f"{self.where} cannot be decoded as {self.encoding} after line {n}: {exc.reason}") from None
            if not text:
                return
            n += 1
            self.bytes_read += len(text) * 2
            if len(text) >= cap and not text.endswith(("\n", "\r")):
                self._problems[n] = f"line {n} is over {cap:,} characters"
                while True:
                    more = readline(cap)
                    if not more or more.endswith(("\n", "\r")):
                        break
                text = _OVERLONG_BYTES.decode()
            if n == 1 and text.startswith("\ufeff"):
                text = text[1:]
            yield text

    # -- csv -----------------------------------------------------------------------------------
    def _setup_csv(self) -> None:
        lines = self._decoded_lines()
        sample: list[str] = []
        size = 0
        for text in lines:
            sample.append(text)
            size += len(text)
            if size >= SAMPLE_BYTES or len(sample) >= 400:
                break
        complete = self._eof_in_head and size < SAMPLE_BYTES and len(sample) < 400
        self._line_offset = 0
        delimiter = None
        if sample:
            m = re.fullmatch(r"\s*sep=(.)\s*", sample[0], re.I)
            if m and m.group(1) in DELIMITERS + "|":
                delimiter = m.group(1)
                sample.pop(0)
                self._line_offset = 1
        if delimiter is None:
            delimiter = sniff_delimiter(sample, complete)
        self.delimiter = delimiter
        self._reader = csv.reader(itertools.chain(sample, lines), delimiter=delimiter, quotechar='"',
                                  doublequote=True, skipinitialspace=False, strict=False)
        self._prev_line = 0
        header = None
        while header is None:
            try:
                fields = next(self._reader)
            except StopIteration:
                break
            except csv.Error as exc:
                raise InputError(f"{self.where}: the header row cannot be read ({exc})") from None
            if fields and any(f.strip() for f in fields):
                header = fields
        if header is None:
            raise InputError(f"{self.where} holds no header row (only blank lines)")
        self.header_line = self._reader.line_num + self._line_offset
        self._prev_line = self._reader.line_num
        for n in sorted(k for k in self._problems if k <= self.header_line):
            raise InputError(f"{self.where}: the header row cannot be read: {self._problems[n]}")
        self.headers = tuple(h.replace("\ufeff", "").strip() for h in header)

    def rows(self) -> Iterator[RawRow]:
        reader = self._reader
        offset = self._line_offset
        problems = self._problems
        n = 0
        while True:
            problem = None
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                fields = None
                problem = f"the row cannot be parsed: {exc}"
                if "field limit" in str(exc):
                    problem = (f"a cell is over {self.field_limit:,} characters (the label limit is "
                               f"{self.max_bytes:,} bytes, --max-bytes; an unclosed quote?)")
            start, end = self._prev_line + 1, reader.line_num
            self._prev_line = end
            if fields is not None and (not fields or (len(fields) == 1 and not fields[0].strip())):
                if start == end:
                    problems.pop(start + offset, None)
                    continue  # a blank (or all-space) line is not a row
            n += 1
            if problems:
                found = [k for k in problems if k <= end + offset]
                if found:
                    found.sort()
                    messages = [problems.pop(k) for k in found]
                    problem = problem or messages[0]
            yield RawRow(n, start + offset, None if fields is None else tuple(fields), problem)

    def close(self) -> None:
        if self._old_limit is not None:
            csv.field_size_limit(self._old_limit)
            self._old_limit = None
        if self._owned is not None:
            self._owned.close()
            self._owned = None

    def __enter__(self) -> ShelfReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def sniff_delimiter(lines: list[str], complete: bool = True) -> str:
    """Comma, semicolon or tab: csv.Sniffer's guess when it fits the sample as well as the best.

    A candidate fits when the header splits into more than one column and the sample's rows have
    the header's number of cells; ties go to the Sniffer, then to more columns, then to , ; TAB.
    """
    sample = "".join(lines)
    scores: dict[str, tuple[bool, float, int]] = {}
    for d in DELIMITERS:
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), delimiter=d, strict=False) if r]
        except csv.Error:
            continue
        if not complete and len(rows) > 2:
            rows = rows[:-1]  # the sample may end inside a row
        if not rows:
            continue
        width = len(rows[0])
        data = rows[1:]
        agree = sum(len(r) == width for r in data) / len(data) if data else 1.0
        scores[d] = (width > 1, agree, width)
    if not scores:
        return ","
    top = max(s[:2] for s in scores.values())
    best = [d for d in DELIMITERS if d in scores and scores[d][:2] == top]
    try:
        sniffed = csv.Sniffer().sniff(sample[:32768], delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = None
    if sniffed in best and top[0]:
        return sniffed
    return max(best, key=lambda d: scores[d][2])


# ---------------------------------------------------------------------------------------------
# columns


def header_key(header: str) -> str:
    """'Ingredients (INCI)', ' product-name ' -> 'ingredients', 'product_name': a bracketed note in a
    header (a unit, a language, "INCI") does not change what the column holds."""
    h = header.replace("\ufeff", "").strip().strip("\"'").strip().lower()
    h = re.sub(r"\s*[(\[][^()\[\]]*[)\]]\s*", " ", h).strip() or h
    return re.sub(r"[\s\-]+", "_", h)


@dataclass(frozen=True, slots=True)
class Columns:
    ingredients: int
    name: int | None
    type: int | None
    width: int  # cells in the header


def _locate(headers: tuple[str, ...], wanted: str, warn: Warn, what: str) -> int | None:
    key = header_key(wanted)
    hits = [i for i, h in enumerate(headers) if header_key(h) == key]
    if not hits:
        return None
    if len(hits) > 1:
        where = ", ".join(str(i + 1) for i in hits)
        warn(f"the {what} header {headers[hits[0]]!r} appears {len(hits)} times (columns {where}): using column {hits[0] + 1}")
    return hits[0]


def _describe_headers(headers: tuple[str, ...]) -> str:
    shown = [repr(h) for h in headers[:30]]
    return ", ".join(shown) + (f" ... ({len(headers)} in all)" if len(headers) > 30 else "")


def find_columns(headers: tuple[str, ...], name_column: str | None = None, ingredients_column: str | None = None,
                 type_column: str | None = None, warn: Warn | None = None, where: str = "the file") -> Columns:
    """Which cell holds what. Raises InputError when the ingredients column (or a named one) is missing."""
    warn = warn or _no_warn

    def named(option: str, value: str, what: str) -> int:
        i = _locate(headers, value, warn, what)
        if i is None and value.strip().isdigit() and 1 <= int(value) <= len(headers):
            i = int(value) - 1  # a column number, for files whose headers are unhelpful
        if i is None:
            raise InputError(f"{option} {value!r}: no such column in {where}; the headers found are: {_describe_headers(headers)}")
        return i

    def detect(candidates: tuple[str, ...], what: str, taken: set[int]) -> int | None:
        for c in candidates:
            i = _locate(headers, c, warn, what)
            if i is not None and i not in taken:
                return i
        return None

    taken: set[int] = set()
    if ingredients_column is not None:
        ing = named("--ingredients-column", ingredients_column, "ingredients")
    else:
        ing = detect(INGREDIENTS_HEADERS, "ingredients", taken)
        if ing is None:
            raise InputError(
                f"no ingredients column in {where} (looked for {', '.join(INGREDIENTS_HEADERS)}); the headers "
                f"found are: {_describe_headers(headers)}. Name it with --ingredients-column"
                + (" (does the file have a header row?)" if len(headers) > 1 else ""))
    taken.add(ing)
    if name_column is not None:
        name = named("--name-column", name_column, "name")
    else:
        name = detect(NAME_HEADERS, "name", taken)
        if name is None:
            warn(f"no product name column in {where} (looked for {', '.join(NAME_HEADERS)}): products are called by "
                 "their row number; name one with --name-column")
    if name is not None:
        taken.add(name)
    if type_column is not None:
        kind = named("--type-column", type_column, "type")
    else:
        kind = detect(TYPE_HEADERS, "type", taken)
    return Columns(ing, name, kind, len(headers))


# ---------------------------------------------------------------------------------------------
# product types from free text

_TYPE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((t, re.compile(p)) for t, p in (
    ("self-tanner", r"self[\s_-]*tan|\btann(?:ing|er)\b|\bgradual tan"),
    ("sunscreen", r"\bsun|\bspf\b|\buv\b"),
    ("mask", r"peel[\s-]*off"),
    ("exfoliant", r"exfoli|\bpeels?\b|\bpeeling\b|\bscrubs?\b|\baha\b|\bbha\b|\bpolish"),
    ("cleanser", r"cleans|\bwash\b|micellar|remover|\bsoap\b"),
    ("mask", r"\bmasks?\b|\bmasque"),
    ("makeup", r"make[\s-]*up|foundation|concealer|primer|powder|blush|bronzer|\b[bc]c\s*cream|tinted|lipstick|mascara|"
               r"eye\s*shadow|highlighter"),
    ("toner", r"\btoner|\btonic|\bmists?\b|\bessence"),
    ("serum", r"\bserums?\b|ampoule|booster|treatment|concentrate"),
    ("moisturi", r"moistu?ri[sz]|\bcreams?\b|lotion|\bbalms?\b|emulsion|\beye\s*(?:care|gel)"),
))


def map_product_type(value: str | None) -> str | None:
    """A type cell ("Moisturizer", "Sun protect", "Face Mask") -> one of PRODUCT_TYPES, or None."""
    if not value:
        return None
    v = value.strip().lower().replace("_", " ")
    if not v:
        return None
    if v in PRODUCT_TYPES:
        return v
    if v.replace(" ", "-") in PRODUCT_TYPES:
        return v.replace(" ", "-")
    for kind, pattern in _TYPE_RULES:
        if pattern.search(v):
            return "moisturiser" if kind == "moisturi" else kind
    return None


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
    irritants: tuple[str, ...] = ()
    soothing: tuple[str, ...] = ()
    items: int | None = None
    unknown_count: int | None = None
    longer_than_basic: bool = False  # waits beyond the basic wait of a bland product of its type
    internal: bool = False  # the error is a bug
    json: str | None = None  # the jsonl line (only when asked for)
    at_least_hours: int | None = None  # "unreadable" with irritants found: not before this many hours

    @property
    def at_least_day(self) -> int | None:
        """The day before which an unreadable product surely may not be used (its irritants' wait)."""
        if self.status != "ok" or self.check_status != "unreadable" or self.at_least_hours is None:
            return None
        return math.ceil(self.at_least_hours / 24)

    @property
    def day(self) -> int | None:
        """The day after treatment from which the product may be used (treatment day = day 0)."""
        if self.status != "ok" or self.check_status != "wait" or self.safe_after_hours is None:
            return None
        return math.ceil(self.safe_after_hours / 24)

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
        return json.dumps({"row": raw.row, "line": raw.line, "product": product, "status": status, "error": error},
                          ensure_ascii=False)[:-1]

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
        if not any(f.strip() for f in fields):
            return self.error(raw, product, "empty row", type_value=type_value)
        if not text.strip():
            return self.error(raw, product, "the ingredients cell is empty", type_value=type_value)
        size = len(text.encode("utf-8", "surrogatepass")) if len(text) * 4 > self.limits.max_bytes else len(text)
        if size > self.limits.max_bytes:
            return self.error(raw, product, f"the ingredients cell is {size:,} bytes, over the label limit of "
                                            f"{self.limits.max_bytes:,} bytes (--max-bytes)", type_value=type_value)
        if "\x00" in text:
            return self.error(raw, product, "the ingredients cell holds NUL bytes: not a label", type_value=type_value)
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
        from .check import check_label  # noqa: PLC0415

        options = self._options_for(product_type)
        # csv and table rows need no spans: a plain list takes the memoised fast path
        report = check_label(text, options, self.classifier, max_items=self.limits.max_items)
        v = report.verdict
        component = report.deciding_component
        irritants = [i for i in v.ingredients if i.role == "irritant"]
        soothing = [i for i in v.ingredients if i.role == "soothing"]
        body = None
        if self.want_json:
            from .report import to_json  # noqa: PLC0415

            data = to_json(report, self.sources)
            check_status = data.pop("status")
            body = json.dumps({"check_status": check_status, **data, "type_value": type_value}, ensure_ascii=False)
        longer = v.status == "wait" and (v.safe_after_hours or 0) > v.baseline_hours
        return Record(
            0, 0, None, "ok",
            check_status=v.status,
            safe_after_hours=v.safe_after_hours,
            safe_on=v.safe_on.isoformat() if v.safe_on else None,
            product_type=v.product_type,
            decided_by=self._decided_by(v) + (f" in {one_line(component)}" if component else ""),
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
            for i in v.deciding:
                name = one_line(i.text) or (i.inci or "")
                named.setdefault(name.lower(), (name, i))
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
            if v.status == "unreadable":
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


# ---------------------------------------------------------------------------------------------
# batches, in one process or several

_WORKER: RowChecker | None = None


def _init_worker(columns: Columns, options: Options, limits: Limits, fmt: str) -> None:
    global _WORKER  # noqa: PLW0603 - one checker per worker process
    _WORKER = RowChecker(columns, options, limits, fmt)
    _tune_gc()  # for the worker's life


# A batch allocates millions of short-lived objects and makes almost no reference cycles, while the
# collector's default thresholds rescan the growing memos again and again: 3 to 8% of a shelf's time
# (`python bench/parts.py`). Objects alive at the start are frozen out of the scans.
_BATCH_GC_THRESHOLD = (50_000, 20, 100)


def _tune_gc() -> tuple[tuple[int, ...], bool]:
    """Tune the collector for a batch; returns the old thresholds and whether anything was frozen."""
    old, frozen = gc.get_threshold(), gc.get_freeze_count() > 0
    gc.freeze()
    gc.set_threshold(*_BATCH_GC_THRESHOLD)
    return old, frozen


@contextlib.contextmanager
def _batch_gc() -> Iterator[None]:
    old, frozen = _tune_gc()
    try:
        yield
    finally:
        gc.set_threshold(*old)
        if not frozen:  # a caller's own frozen objects stay frozen
            gc.unfreeze()


def _work(chunk: list[RawRow]) -> list[Record]:
    assert _WORKER is not None
    return [_WORKER(raw) for raw in chunk]


def _chunks(rows: Iterable[RawRow], size: int) -> Iterator[list[RawRow]]:
    it = iter(rows)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def check_rows(rows: Iterable[RawRow], columns: Columns, options: Options, limits: Limits = Limits(),
               fmt: str = "table", jobs: int = 1, chunk_rows: int = CHUNK_ROWS) -> Iterator[Record]:
    """Records for rows, in order. With jobs > 1, worker processes check chunks of rows.

    At most ``4 * jobs`` chunks are in flight, so reading never runs far ahead of writing.
    Close the generator (or exhaust it) to stop the workers.
    """
    if jobs <= 1:
        checker = RowChecker(columns, options, limits, fmt)
        with _batch_gc():
            for raw in rows:
                yield checker(raw)
        return
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    from .classify import get_classifier  # noqa: PLC0415

    # built once here, so that forked workers inherit the index instead of each building its own
    get_classifier().vocab.fuzzy_index()
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(columns, options, limits, fmt))
    pending: deque = deque()
    try:
        for chunk in _chunks(rows, chunk_rows):
            pending.append(pool.submit(_work, chunk))
            if len(pending) >= 4 * jobs:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def check_shelf(source, *, options: Options | None = None, name_column: str | None = None,
                ingredients_column: str | None = None, type_column: str | None = None, encoding: str | None = None,
                limits: Limits = Limits(), fmt: str = "table", jobs: int = 1, warn: Warn | None = None,
                where: str | None = None) -> Iterator[Record]:
    """The whole pipeline for library use: a path or binary stream in, Records out (a generator)."""
    with ShelfReader(source, where, encoding, limits.max_bytes, warn) as reader:
        columns = find_columns(reader.headers, name_column, ingredients_column, type_column, warn, reader.where)
        records = check_rows(reader.rows(), columns, options or Options(), limits, fmt, jobs)
        try:
            yield from records
        finally:
            records.close()


# ---------------------------------------------------------------------------------------------
# outputs


def csv_row(rec: Record) -> list:
    def blank(v):
        return "" if v is None else v

    return [rec.row, blank(rec.product), rec.status, blank(rec.safe_after_hours), blank(rec.safe_on),
            "; ".join(rec.irritants), "; ".join(rec.soothing), blank(rec.unknown_count), blank(rec.error),
            blank(rec.check_status), "; ".join(rec.deciding), blank(rec.product_type), rec.line,
            blank(rec.at_least_hours)]


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
        else:
            self.no_list += 1

    def text(self) -> str:
        n = self.products
        parts = [f"{n:,} product" + ("s" if n != 1 else "")]
        detail = [f"{self.longer:,} need a longer wait" + (f" (up to {human_wait(self.longest)})" if self.longer and self.longest else ""),
                  f"{self.basic:,} only the basic wait"]
        if self.avoid:
            detail.append(f"{self.avoid:,} never (your rules)")
        detail.append(f"{self.unreadable:,} cannot tell (too much not recognised)")
        if self.no_list:
            detail.append(f"{self.no_list:,} without an ingredient list")
        detail.append(f"{self.errors:,} error" + ("s" if self.errors != 1 else ""))
        return parts[0] + ": " + ", ".join(detail)


def _cells(n: int) -> str:
    return f"{n} cell" if n == 1 else f"{n} cells"
