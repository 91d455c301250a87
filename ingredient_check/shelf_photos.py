"""shelf_photos: a shelf CSV whose products are photos (``shelf --image-column photo``).

People list their shelf with a photo of each bottle's back rather than the typed list. The column
named by ``--image-column`` holds image paths, relative to the CSV's folder (to the current folder
for a CSV on standard input). A row's photo is read when its ingredients cell is empty; a CSV with
no ingredients column at all is read entirely from its photos. A typed list, where there is one, is
kept: the person typed it from the bottle and it needs no OCR.

The photo's text replaces the empty ingredients cell and the row goes through the same checks as
typed rows (``shelf.RowChecker``), so its record, its limits and its errors are those of any row. A
photo that cannot be read, or holds no text, makes its row an error that names the photo (never a
verdict, never "safe"); words read with low confidence are listed in a warning on stderr with the
row, so the person knows which bottles to compare with the report.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import InputError
from .shelf import Columns, RawRow, find_columns

__all__ = ["photo_columns", "photo_rows"]


def photo_columns(headers: tuple[str, ...], image_column: str, name_column: str | None, ingredients_column: str | None,
                  type_column: str | None, warn: Callable[[str], None], where: str) -> tuple[Columns, int, bool]:
    """(columns, the image column's index, whether every row is read from its photo)."""
    try:  # the image column is found by the same rules as the others (header, or a 1-based number)
        image = find_columns(headers, name_column, image_column, type_column, None, where).ingredients
    except InputError:
        raise InputError(f"--image-column {image_column!r}: no such column in {where}") from None
    try:
        columns = find_columns(headers, name_column, ingredients_column, type_column, warn, where)
    except InputError:
        if ingredients_column is not None:
            raise
        return find_columns(headers, name_column, image_column, type_column, warn, where), image, True
    return columns, image, False


def photo_rows(rows: Iterable[RawRow], columns: Columns, image: int, only_photos: bool, folder: str | os.PathLike,
               warn: Callable[[str], None], read=None) -> Iterator[RawRow]:
    """The rows, with the photo's text in the ingredients cell of each row that needs it."""
    from .ocr import INSTALL_HINT  # noqa: PLC0415

    if read is None:
        from .ocr import read_image as read  # noqa: PLC0415 - the engine only when a photo is read
    for raw in rows:
        fields = raw.fields
        if raw.problem is not None or fields is None or image >= len(fields):
            yield raw
            continue
        cell = fields[image].strip()
        typed = "" if only_photos else fields[columns.ingredients]
        if typed.strip() or not cell:
            yield raw
            continue
        path = Path(folder) / cell
        try:
            result = read(path)
        except InputError as exc:
            if str(exc) == INSTALL_HINT:
                raise  # not a row's problem: no photo can be read
            yield replace(raw, problem=str(exc))  # the message names the photo
            continue
        if not result.text.strip():  # the same words as check --image
            yield replace(raw, problem=f"{result.path}: no text found in the image")
            continue
        low = result.read.low_confidence()
        if low:
            warn(f"row {raw.row}: {len(low)} word(s) read from {cell} with low confidence: "
                 + ", ".join(w.text for w in low[:8]) + (" ..." if len(low) > 8 else ""))
        new = list(fields)
        new[columns.ingredients] = result.text
        yield replace(raw, fields=tuple(new))
