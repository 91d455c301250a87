"""The library API: one label in, one report out (read -> parse -> classify -> label rules -> timeline).

This module is the orchestration only: the read stage's limits (read.py), where the lists and items
are (``parse.split_label``), each item read and matched (``Classifier.classify_layout``, matcher.py),
the rules on the whole text (label_rules.py), the wait (``timeline.decide``); the types it passes
along are in model.py.

Every label takes this road, a pasted one and each row of a shelf alike (``shelf`` calls
``check_label`` once per row, in every output format); its speed on a shelf comes from the
classifier's memo of finished readings per printed segment (``Classifier.classify_layout``).
"""

from __future__ import annotations

from .classify import Classifier, get_classifier
from .errors import InputError
from .label_rules import component_of, component_verdict, finish, list_warnings, read_preamble, read_prose
from .model import ComponentVerdict, Ingredient, Report
from .parse import item_count, parse_label, split_label
from .read import MAX_ITEMS, MAX_LABEL_BYTES, check_label_text
from .timeline import Options, decide

__all__ = ["Report", "ComponentVerdict", "check_label", "DISCLAIMER"]

DISCLAIMER = "Information, not medical advice: your practitioner's aftercare instructions come first."


def check_label(text: str, options: Options | None = None, classifier: Classifier | None = None,
                max_items: int = MAX_ITEMS, max_bytes: int = MAX_LABEL_BYTES, where: str = "the label") -> Report:
    """Check one label's text. Raises InputError, in one line naming ``where``, when the text is not
    a label (the read stage's limits, ``read.check_label_text``: over ``max_bytes`` as UTF-8, not
    valid text, NUL bytes, empty) or its list counts more than ``max_items`` ingredients; a library
    caller, the CLI's ``check`` and each row of a shelf get the same limits and messages.

    Every label takes this road, a pasted one and each row of a shelf alike, in every output format:
    parse (``split_label``: where the lists, items and skipped text are), read and match each segment
    (``Classifier.classify_layout``, memoised per printed segment), the rules that look at the whole
    text (label_rules.py: the preamble, prose, ``finish``: stray commas, the 1% line, the scrub base), then
    the timeline."""
    check_label_text(text, where, max_bytes)
    options = options or Options()
    classifier = classifier or get_classifier()
    timeline = classifier.index["timeline"]
    layout = split_label(text)
    if layout.no_list is not None:
        verdict = decide([], timeline, options, ["this text holds no ingredient list"])
        return Report(verdict, options, (layout.no_list.text,), layout.skipped)
    read = classifier.classify_layout(layout, max_items)
    if read is None:
        count = sum(map(item_count, parse_label(text).items))
        raise InputError(f"the label holds {count:,} items, over the limit of {max_items:,} (--max-items)")
    skipped, prose, found = read.skipped, read.prose, read.ingredients
    components = layout.components
    if components and components[0].kind == "preamble":
        found, prose = read_preamble(found, prose, skipped, components[0], text, classifier)
    if prose:
        found = read_prose(prose, found, skipped, classifier)
    skipped.sort(key=lambda k: k.start)
    starts = tuple(c.start for c in components)
    items = finish(classifier, found, starts)
    present = sorted({component_of(starts, i.start) for i in items}) if len(starts) > 1 else [0]
    warnings = list_warnings([components[k] for k in present if k < len(components)], items, skipped)
    verdict = decide(items, timeline, options, warnings)
    results: tuple[ComponentVerdict, ...] = ()
    if len(present) > 1:
        by_component: dict[int, list[Ingredient]] = {}
        for i in verdict.ingredients:
            by_component.setdefault(component_of(starts, i.start), []).append(i)
        results = tuple(component_verdict(k, components[k], by_component[k], verdict, timeline, options) for k in present)
    return Report(verdict, options, tuple(p.text for p in prose), tuple(skipped), results)
