"""shelf_reader: a CSV file or stream in, decoded and sniffed, ``RawRow``s out, one at a time.

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
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from .errors import InputError
from .read import MAX_LABEL_BYTES, open_input

__all__ = ["Warn", "RawRow", "ShelfReader", "sniff_delimiter", "SAMPLE_BYTES", "DELIMITERS"]

SAMPLE_BYTES = 64 * 1024
DELIMITERS = ",;\t"
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
