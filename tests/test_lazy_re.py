"""Module-level patterns compiled on first use (lazy_re.py): a pattern that stands in for
``re.compile`` must answer exactly as the compiled pattern, then give way to it."""

from __future__ import annotations

import re

import pytest

from ingredient_check import parse
from ingredient_check.lazy_re import LazyPattern, bind, lazy_re


def _module(**patterns) -> dict:
    namespace = dict(patterns)
    bind(namespace)
    return namespace


def test_first_use_compiles_and_puts_the_pattern_in_its_place():
    ns = _module(_PERCENT=lazy_re(r"(\d{1,3}(?:[.,]\d{1,4})?)\s{0,3}%"), OTHER=lazy_re(r"x"))
    held = ns["_PERCENT"]  # what another module imported before the first use
    m = held.search("Niacinamide 5%")
    assert m.group(1) == "5"
    assert type(ns["_PERCENT"]) is re.Pattern and m.re is ns["_PERCENT"]
    assert type(ns["OTHER"]) is LazyPattern  # untouched until used
    assert held.sub("", "Niacinamide 5%") == "Niacinamide "  # the held stand-in still answers


@pytest.mark.parametrize("pattern, flags, text", [
    (r"\[more\]|\[less\]", re.I, "Aqua, Glycerin [MORE]"),
    (r"(?im)^[ \t]*directions", 0, "Aqua, Glycerin\nDirections: apply"),
    (r"'((?:[^'\\]|\\.)*)'", re.S, "['Aqua', 'Glyc\\'erin']"),
], ids=["flags", "inline flags", "dotall"])
def test_a_stand_in_answers_as_the_compiled_pattern(pattern, flags, text):
    lazy, compiled = lazy_re(pattern, flags), re.compile(pattern, flags)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.pattern == compiled.pattern and lazy.flags == compiled.flags


def test_parse_patterns_give_way_to_compiled_ones_as_labels_use_them():
    parse.parse_label("Ingredients: Aqua (Water), Niacinamide 5%, Glycerin*. *Organic. Directions: apply daily.")
    for name in ("_HEADING", "_PERCENT", "_STOP", "_SPECIAL_CHAR"):
        assert type(getattr(parse, name)) is re.Pattern, name
