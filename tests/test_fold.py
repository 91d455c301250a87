"""fold: one comparison key for label items and vocabulary names."""

from __future__ import annotations

import pytest

from ingredient_check.fold import fold

SAME = [
    ("case", "AQUA", "aqua"),
    ("uk spelling", "Sodium Laureth Sulphate", "sodium laureth sulfate"),
    ("aluminium", "Aluminium Starch Octenylsuccinate", "aluminum starch octenylsuccinate"),
    ("glycerine", "Glycerine", "glycerin"),
    ("trailing full stop", "Alcohol Denat.", "alcohol denat"),
    ("spaces around hyphen", "PEG - 100 Stearate", "peg-100 stearate"),
    ("spaces around slash", "Caprylic / Capric Triglyceride", "caprylic/capric triglyceride"),
    ("OCR Cl for CI", "Cl 77491", "ci 77491"),
    ("C.I. with dots", "C.I. 77491", "ci 77491"),
    ("OCR l for 1 in a colour index", "CI 7749l", "ci 77491"),
    ("glued colour index", "CI77491", "ci 77491"),
    ("cyrillic A", "\u0410qua", "aqua"),
    ("full-width letters", "\uff21\uff31\uff35\uff21", "aqua"),
    ("zero-width space", "Capric/\u200bTriglyceride", "capric/triglyceride"),
    ("right-to-left mark", "\u200fGlycerin", "glycerin"),
    ("accents", "Huile Min\u00e9rale", "huile minerale"),
    ("combining accent", "Cre\u0300me", "creme"),
    ("en dash", "PEG\u2013100 Stearate", "peg-100 stearate"),
    ("trademark and asterisk", "Matrixyl\u2122 3000*", "matrixyl 3000"),
    ("decimal kept", "Niacinamide 2.5%", "niacinamide 2.5%"),
    ("digit comma kept", "1,2-Hexanediol", "1,2-hexanediol"),
    ("non-breaking space", "Sodium\u00a0Hyaluronate", "sodium hyaluronate"),
]


@pytest.mark.parametrize("raw,folded", [c[1:] for c in SAME], ids=[c[0] for c in SAME])
def test_fold(raw, folded):
    assert fold(raw) == folded


@pytest.mark.parametrize("raw", [c[1] for c in SAME])
def test_fold_is_idempotent(raw):
    assert fold(fold(raw)) == fold(raw)


def test_fold_keeps_distinct_names_distinct():
    assert fold("Cetyl Alcohol") != fold("Alcohol")
    assert fold("PEG-100 Stearate") != fold("PEG-10 Stearate")
    assert fold("CI 77491") != fold("CI 77492")


def test_the_spelled_out_whitespace_is_every_space_character_fold_maps():
    from ingredient_check.fold import WHITESPACE  # noqa: PLC0415

    assert sorted(WHITESPACE) == [chr(i) for i in range(0x3000 + 1) if chr(i).isspace()]
