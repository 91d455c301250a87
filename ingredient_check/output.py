"""Writing a file the user named (--output, --ics): through a temporary file beside it, renamed into
place at the end, so a failed run never leaves half a file; one line on stderr when it cannot be written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError

__all__ = ["temp_beside", "write_file"]


def temp_beside(path: str, option: str) -> tuple[int, str]:
    """(file descriptor, name) of a new temporary file in the folder of ``path``, or InputError naming
    ``option`` ("--output", "--ics") and why the file cannot be written there."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{option} {path}: is a directory")
    try:
        return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    except FileNotFoundError:
        raise InputError(f"{option} {path}: the folder {target.parent} does not exist") from None
    except PermissionError:
        raise InputError(f"{option} {path}: permission denied") from None


def write_file(path: str, data: bytes, option: str) -> None:
    """Write ``data`` to ``path`` whole, or not at all."""
    fd, tmp = temp_beside(path, option)
    try:
        with open(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
