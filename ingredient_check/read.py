"""read: bytes or text in, checked text out. Decoding, size limits and their messages live here only."""

from __future__ import annotations

import os
from typing import BinaryIO

from .errors import InputError
from .fold import strip_invisible

__all__ = ["MAX_LABEL_BYTES", "MAX_ITEMS", "decode_label", "read_label_file", "check_label_text", "shown_path",
           "open_input"]

MAX_LABEL_BYTES = 1_000_000  # a label beyond 1 MB is not a label; --max-bytes changes it
MAX_ITEMS = 1_000  # real lists hold under 100 items, kits a few hundred; --max-items changes it


def decode_label(data: bytes, where: str, encoding: str | None = None, max_bytes: int = MAX_LABEL_BYTES) -> str:
    if len(data) > max_bytes:
        raise InputError(f"{where} is {len(data):,} bytes, over the label limit of {max_bytes:,} bytes (--max-bytes)")
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{where} looks binary (it holds NUL bytes), not a label")
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"{where} cannot be decoded as {encoding}: {exc.reason if hasattr(exc, 'reason') else exc}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{where} starts like UTF-16 but is not valid UTF-16") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where} is not valid UTF-8 (byte 0x{data[exc.start]:02X} at offset {exc.start}); "
            "save it as UTF-8 or pass --encoding (e.g. cp1252)"
        ) from None


def shown_path(path: str | os.PathLike) -> str:
    """A path for a one-line message: control characters and undecodable bytes escaped."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "surrogateescape")
    return text if text.isprintable() else "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def open_input(path: str | os.PathLike, what: str, missing: str = "no such file") -> BinaryIO:
    """Open a file the user named, for reading bytes, or raise InputError with one line saying why
    not. ``what`` names the kind of file ("a label file", "a CSV file", "a rules file")."""
    shown = shown_path(path)
    try:
        if os.path.isdir(path):
            raise InputError(f"{shown} is a directory, not {what}")
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    except FileNotFoundError:
        raise InputError(f"{shown}: {missing}") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{shown} is a directory, not {what}") from None
    except OSError as exc:
        raise InputError(f"{shown}: cannot read ({os.strerror(exc.errno) if exc.errno else exc})") from None
    except ValueError:  # "embedded null byte": no file can have that name
        raise InputError(f"{shown}: not a valid file name") from None


def read_label_file(path: str, encoding: str | None = None, max_bytes: int = MAX_LABEL_BYTES) -> str:
    with open_input(path, "a label file") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > max_bytes:
            raise InputError(f"{shown_path(path)} is {size:,} bytes, over the label limit of {max_bytes:,} bytes "
                             "(--max-bytes)")
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(f"{shown_path(path)}: cannot read ({exc.strerror or exc})") from None
    return decode_label(data, shown_path(path), encoding, max_bytes)


def check_label_text(text: str, where: str, max_bytes: int = MAX_LABEL_BYTES) -> str:
    """The checks every label passes, however it came in (``check_label`` runs them, for a pasted
    label, a shelf's cell and a library caller alike): size as UTF-8, valid Unicode, no NUL, not empty."""
    if len(text) > max_bytes:  # every character is at least one byte: no need to encode a huge text
        raise InputError(f"{where} is over the label limit of {max_bytes:,} bytes (--max-bytes)")
    one_byte = text.isascii()  # most labels: their size is their length, and no invisible char is ASCII
    if not one_byte:
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError as exc:  # lone surrogates: undecodable bytes in a command-line argument
            raise InputError(f"{where} is not valid text (an undecodable byte at character {exc.start + 1}); "
                             "pass the label as UTF-8") from None
        if size > max_bytes:
            raise InputError(f"{where} is {size:,} bytes as UTF-8, over the label limit of {max_bytes:,} bytes (--max-bytes)")
    if "\x00" in text:
        raise InputError(f"{where} holds NUL bytes: not a label")
    if not text or text.isspace() or not one_byte and not strip_invisible(text).strip():
        raise InputError(f"{where} is empty: paste an ingredient list")
    return text
