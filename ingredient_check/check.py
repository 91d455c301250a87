"""The library API: one label in, one report out (read -> parse -> classify -> timeline)."""

from __future__ import annotations

from typing import NamedTuple

from .classify import Classifier, Ingredient, get_classifier
from .errors import InputError
from .parse import parse_label
from .read import MAX_ITEMS
from .timeline import Options, Verdict, decide

__all__ = ["Report", "check_label", "plain_verdict", "DISCLAIMER"]

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
    parsed = parse_label(text)
    # a parenthesised sub-list ("Fragrance (Limonene, Linalool)") becomes one ingredient per part
    count = len(parsed.items) + sum(len(i.alts) for i in parsed.items if i.sublist)
    if count > max_items:
        raise InputError(f"the label holds {count:,} items, over the limit of {max_items:,} (--max-items)")
    warnings = list(parsed.warnings)
    raws = parsed.items
    if raws and parsed.prose:
        # a sentence inside a list that names a perfume or an essential oil ("trade secret perfume
        # premix") still puts one on the skin: it is counted, in its place, by the structural rules
        named = [p for p in parsed.prose if classifier.structure_rule(p.name)]
        if named:
            raws = tuple(sorted((*raws, *named), key=lambda r: r.start))
            shown = [p.text if len(p.text) <= 60 else p.text[:57] + "..." for p in named]
            warnings.append("a sentence in the list names " + ", ".join(f'"{t}"' for t in shown)
                            + ": counted by what it names")
    items = classifier.classify(raws)
    verdict = decide(items, classifier.index["timeline"], options, warnings)
    return Report(verdict, options, parsed.prose)


def plain_verdict(text: str, options: Options, classifier: Classifier, max_items: int = MAX_ITEMS) -> Verdict | None:
    """``check_label(text, ...).verdict`` without the ingredients' spans, by the batch fast path
    (``Classifier.classify_plain``); None when the text is not a plain comma-separated list."""
    items = classifier.classify_plain(text, max_items)
    if items is None:
        return None
    return decide(items, classifier.index["timeline"], options, [])
