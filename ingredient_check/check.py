"""The library API: one label in, one report out (read -> parse -> classify -> timeline).

Every label takes this road, a pasted one and each row of a shelf alike (``shelf`` calls
``check_label`` once per row, in every output format); its speed on a shelf comes from the
classifier's memo of finished readings per printed segment (``Classifier.classify_layout``).
"""

from __future__ import annotations

from typing import NamedTuple

from .classify import Classifier, Ingredient, get_classifier
from .errors import InputError
from .parse import item_count, parse_label, prose_warnings, split_label
from .read import MAX_ITEMS
from .timeline import Options, Verdict, decide

__all__ = ["Report", "check_label", "DISCLAIMER"]

DISCLAIMER = "Information, not medical advice: your practitioner's aftercare instructions come first."


class Report(NamedTuple):
    verdict: Verdict
    options: Options
    prose: tuple[str, ...]

    @property
    def ingredients(self) -> tuple[Ingredient, ...]:
        return self.verdict.ingredients


def check_label(text: str, options: Options | None = None, classifier: Classifier | None = None,
                max_items: int = MAX_ITEMS) -> Report:
    """Check one label's text. Raises InputError when the list is too long to be a label."""
    options = options or Options()
    classifier = classifier or get_classifier()
    layout = split_label(text)
    if layout.no_list is not None:
        verdict = decide([], classifier.index["timeline"], options, list(layout.warnings))
        return Report(verdict, options, (layout.no_list,))
    read = classifier.classify_layout(layout, max_items)
    if read is None:
        count = sum(map(item_count, parse_label(text).items))
        raise InputError(f"the label holds {count:,} items, over the limit of {max_items:,} (--max-items)")
    warnings = [*layout.warnings, *prose_warnings(read.items, len(read.prose))]
    if read.named:
        shown = [p.text if len(p.text) <= 60 else p.text[:57] + "..." for p in read.named]
        warnings.append("a sentence in the list names " + ", ".join(f'"{t}"' for t in shown)
                        + ": counted by what it names")
    verdict = decide(read.ingredients, classifier.index["timeline"], options, warnings)
    return Report(verdict, options, tuple(read.prose))
