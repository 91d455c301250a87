"""The structural rules give the same answer with spaCy (index build) and without it (check time)."""

from __future__ import annotations

import pytest

from ingredient_check.data import load_index
from ingredient_check.patterns import TokenRules, tokenize
from ingredient_check.structure import StructureRules

INDEX = load_index()
RULES, LISTS = INDEX["structure"]["rules"], INDEX["structure"]["lists"]
NAMES = "\n".join(INDEX["names"]).split("\n")  # the index holds them in blocks

OUTSIDE_THE_VOCABULARY = [
    ("lavandula stoechas flower oil", "essential_oil_by_part"),
    ("eucalyptus smithii leaf/twig oil", "essential_oil_by_part"),
    ("ylang-ylang flower oil", "essential_oil_by_part"),
    ("mentha arvensis oil", "essential_oil_by_genus"),
    ("essential oil blend", "essential_oil_named"),
    ("natural fragrance", "fragrance_named"),
    ("sd alcohol 39-c", "drying_alcohol_denatured"),
    ("alcohol denat (sd alcohol 40-b)", "drying_alcohol_denatured"),
    ("fragrance free", None),
    ("hydrogenated nepeta cataria oil", None),
    ("rosa canina fruit oil", None),
    ("cetyl alcohol", None),
]


def test_both_matchers_agree_on_every_vocabulary_name():
    with_spacy = StructureRules(RULES, LISTS).classify_many([(n, None) for n in NAMES])
    without = TokenRules(RULES, LISTS)
    disagree = [(n, a) for n, a in zip(NAMES, with_spacy) if without.classify(n) != a]
    assert disagree == []


@pytest.mark.parametrize("name,rule", OUTSIDE_THE_VOCABULARY)
def test_names_the_vocabulary_lacks(name, rule):
    assert TokenRules(RULES, LISTS).classify(name) == rule
    assert StructureRules(RULES, LISTS).classify(name) == rule


@pytest.mark.parametrize("name,tokens", [
    ("leaf/twig oil", ["leaf", "/", "twig", "oil"]),
    ("ylang-ylang", ["ylang", "-", "ylang"]),
    ("c12-15 alkyl benzoate", ["c12-15", "alkyl", "benzoate"]),
    ("peg-100 stearate", ["peg-100", "stearate"]),
    ("sd alcohol 40-b", ["sd", "alcohol", "40", "-", "b"]),
])
def test_tokenize(name, tokens):
    assert tokenize(name) == tokens


def test_a_check_never_imports_spacy():
    import subprocess
    import sys

    code = ("import sys; from ingredient_check import check_label; "
            "check_label('Aqua, Lavandula Stoechas Flower Oil, Glycerin, Zorblax'); "
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
