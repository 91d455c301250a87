"""photo: check a label from a photo, and say what was read from it (``check --image``).

The text read from the image (``ocr`` + ``layout``) goes into the same ``check_label`` as a pasted
label, unchanged: a word the engine was unsure of is not corrected or dropped here, so it meets the
parse, match and could-be stages like a typo in a pasted label, and an item that is not recognised
counts as unknown (never as safe). What this module adds is the evidence a person needs to compare
the report with the bottle:

- the recognised text, with the words read with low confidence marked ``[word?]``;
- for each low-confidence word, the list item it belongs to (JSON ``image.low_confidence``);
- a warning in the report when there are such words, so that a script reading only the warnings
  still learns that the list came from a photo and which words to check.

A photo with text and no list in it gives the report's own "no list" answer (``no_list``); a photo
with no text at all (blank, out of focus, the wrong side of the bottle) is an input the check cannot
use, like an empty pasted label: one line naming the photo, exit 2. Never "safe".
"""

from __future__ import annotations

import os
import textwrap

from .check import Report, check_label
from .errors import InputError
from .layout import LOW_CONFIDENCE
from .ocr import ImageRead, read_image
from .read import MAX_ITEMS
from .text import one_line
from .timeline import Options

__all__ = ["check_image", "image_json", "image_table"]

_SHOWN_WORDS = 8  # low-confidence words named in the warning


def check_image(path: str | os.PathLike, options: Options, max_items: int = MAX_ITEMS,
                engine=None) -> tuple[Report, ImageRead]:
    """Read the photo and check its text. Raises InputError for an unreadable file or a missing extra."""
    image = read_image(path, engine)
    if not image.text.strip():
        raise InputError(f"{image.path}: no text found in the image (is the list in the photo, and in focus?)")
    report = check_label(image.text, options, max_items=max_items, where=image.path)
    low = image.read.low_confidence()
    if low:
        shown = ", ".join(f"{one_line(w.text)} ({w.confidence:.0%})" for w in low[:_SHOWN_WORDS])
        more = f" and {len(low) - _SHOWN_WORDS} more" if len(low) > _SHOWN_WORDS else ""
        warning = (f"{len(low)} word(s) read from the photo with low confidence: {shown}{more}; "
                   "compare them with the bottle")
        report = report._replace(verdict=report.verdict._replace(warnings=(*report.verdict.warnings, warning)))
    return report, image


def _item_of(report: Report, start: int, end: int) -> str | None:
    for ing in report.ingredients:
        if ing.start < end and start < ing.end:
            return ing.text
    return None


def image_json(report: Report, image: ImageRead) -> dict:
    """The ``image`` object of the check JSON: what was read, and what was read with low confidence."""
    return {
        "path": image.path,
        "engine": image.engine,
        "size": list(image.size),
        "text": image.text,
        "low_confidence_below": LOW_CONFIDENCE,
        "low_confidence": [
            {"word": w.text, "confidence": round(w.confidence, 3), "span": [w.start, w.end],
             "item": _item_of(report, w.start, w.end)}
            for w in image.read.low_confidence()
        ],
    }


def marked_text(image: ImageRead) -> str:
    """The recognised text with each low-confidence word written ``[word?]``."""
    text = image.text
    out, at = [], 0
    for w in image.read.low_confidence():
        out.append(text[at:w.start])
        out.append(f"[{text[w.start:w.end]}?]")
        at = w.end
    out.append(text[at:])
    return "".join(out)


def image_table(image: ImageRead, width: int = 80) -> str:
    """The section printed above the report: the recognised text, wrapped, low-confidence words marked."""
    head = f"Read from {one_line(image.path)}"
    low = image.read.low_confidence()
    note = " (words marked [word?] were read with low confidence)" if low else ""
    out = [f"{head}{note}:"]
    for paragraph in marked_text(image).split("\n"):
        if paragraph.strip():
            out.extend(textwrap.wrap(one_line(paragraph), width - 2, initial_indent="  ", subsequent_indent="  ",
                                     break_on_hyphens=False))
    return "\n".join(out) + "\n\n"
