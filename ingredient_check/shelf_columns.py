"""shelf_columns: which cell of a shelf's rows holds what, and what a type cell's words mean.

Columns (``find_columns``)
    Headers are matched case-insensitively after trimming, with spaces and hyphens read as
    underscores ("Product Name" = product_name). The ingredients column is required; the name
    column is optional (without it products are called by their row number, with a warning); the
    type column is optional, and its values are mapped to the product types of ``timeline``
    ("Moisturizer" -> moisturiser, "Sun protect" -> sunscreen, "Peel" -> exfoliant); a value that
    maps to none leaves the type to be inferred from the list. A header found twice: the first is
    used, with a warning.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .errors import InputError
from .shelf_reader import Warn, _no_warn
from .timeline import PRODUCT_TYPES

__all__ = ["NAME_HEADERS", "INGREDIENTS_HEADERS", "TYPE_HEADERS", "Columns", "header_key", "find_columns", "map_product_type"]

NAME_HEADERS = ("name", "product", "product_name", "productname", "title")
INGREDIENTS_HEADERS = ("ingredients", "ingredient_list", "ingredients_list", "inci", "incide_ingredients",
                       "clean_ingreds")
TYPE_HEADERS = ("type", "product_type", "producttype", "category", "label")


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

@functools.cache
def _type_words() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """timeline.toml [[type_words]], in order, compiled once per process."""
    from .classify import get_classifier  # noqa: PLC0415

    words = get_classifier().index["timeline"].get("type_words", [])
    return tuple((w["type"], re.compile(w["pattern"])) for w in words)


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
    for kind, pattern in _type_words():
        if pattern.search(v):
            return kind
    return None
