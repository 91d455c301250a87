"""The batch fast path (issue 7) gives the verdict the full pipeline gives.

``check.plain_verdict`` skips the spans and memoises whole printed segments; ``fold`` takes a
shortcut on ASCII text; ``parse.is_simple`` is a faster form of one regular expression. Each is
checked here against the slow form it replaces: on labels written for these tests, on generated
lists, and (when ``../shared`` is present) on every real label of the evaluation data.
"""

from __future__ import annotations

import csv
import re
import string
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingredient_check.check import check_label, plain_verdict
from ingredient_check.classify import Classifier, get_classifier
from ingredient_check.data import load_index
from ingredient_check.fold import fold, fold_steps
from ingredient_check.parse import NOT_SIMPLE_PATTERN, _split_commas, is_simple, plain_segments
from ingredient_check.rules import load_rules
from ingredient_check.timeline import Options

from .conftest import CLINIC_RULES

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PROPS = settings(max_examples=300, derandomize=True, database=None, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])


def span_free(verdict):
    """The verdict with every ingredient's span blanked (the fast path computes none)."""
    def blank(items):
        return tuple(i._replace(start=0, end=0) for i in items)
    return verdict._replace(ingredients=blank(verdict.ingredients), deciding=blank(verdict.deciding),
                            possible=blank(verdict.possible))


def same_as_full(text: str, options: Options = Options(), classifier: Classifier | None = None):
    """The fast verdict (or None), after asserting it equals the full pipeline's."""
    classifier = classifier or get_classifier()
    fast = plain_verdict(text, options, classifier)
    if fast is not None:
        full = check_label(text, options, classifier).verdict
        assert fast == span_free(full), text
    return fast


PLAIN = [
    # a moisturiser as a shop page prints it
    "Aqua (Water), Glycerin, Cetearyl Alcohol, Caprylic/Capric Triglyceride, Butyrospermum Parkii (Shea) Butter, "
    "Glyceryl Stearate, PEG-100 Stearate, Panthenol, 1,2-Hexanediol, Sodium Hyaluronate, Phenoxyethanol, "
    "Citric Acid, Parfum (Fragrance), Limonene",
    # an exfoliating toner: the glycolic acid sets the wait; citric acid after the 1% line does not
    "WATER, GLYCOLIC ACID, BUTYLENE GLYCOL, SODIUM HYDROXIDE, ALOE BARBADENSIS LEAF JUICE, PHENOXYETHANOL, CITRIC ACID",
    # typos, as typed from a photo
    "Aqua, Glycerni, Niacinamdie, Retinol, Tocopherol, Phenoxyethanol",
    # a sugar scrub: sucrose first is the scrubbing base
    "Sucrose, Prunus Amygdalus Dulcis Oil, Simmondsia Chinensis (Jojoba) Seed Oil, Tocopherol",
    # pigment-led makeup, so the type is inferred
    "Mica, CI 77891, Zinc Stearate, Dimethicone, CI 77491, CI 77492, Phenoxyethanol",
    # glued names
    "Aqua, Gluconolactone & Sodium Benzoate, Glycerin",
    # lower case, no spaces after commas, a trailing comma
    "aqua,glycerin,alcohol denat.,salicylic acid,menthol,",
]


@pytest.mark.parametrize("text", PLAIN)
def test_the_fast_path_takes_plain_lists_and_agrees(text):
    assert same_as_full(text) is not None


@pytest.mark.parametrize("options", [
    Options(depth_mm=0.25), Options(depth_mm=2.0, treated_on=date(2026, 11, 2)), Options(product_type="cleanser"),
    Options(product_type="makeup"),
], ids=["shallow", "deep-dated", "cleanser", "makeup"])
def test_the_fast_path_agrees_under_options(options):
    for text in PLAIN:
        assert same_as_full(text, options) is not None


def test_the_fast_path_agrees_under_user_rules(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(CLINIC_RULES, encoding="utf-8")
    options = Options(rules=(load_rules(path),))
    for text in [*PLAIN, "Aqua, Lanolin, Glycerin", "Water, Niacinamide, Retinol"]:
        assert same_as_full(text, options) is not None


@pytest.mark.parametrize("text", [
    "Ingredients: Aqua, Glycerin, Retinol",  # a heading
    "Aqua, Glycerin, Retinol. Directions: apply at night.",  # a panel after the list
    "Aqua, Glycerin, Mica, May Contain: CI 77491, CI 77891",  # a may-contain section
    "Aqua, Glycerin, Mica, MAY CONTAIN CI 77491, CI 77891",  # the same in capitals
    "Aqua, Glycerin, ±, CI 77491, CI 77891",  # a lone "±" opens one too (found by bench/fuzz.py)
    "Aqua, Glycerin, Fragrance (Limonene, Linalool, Citral)",  # a sub-list
    "Aqua, Glycerin, formulated without parabens or sulfates for sensitive skin, Retinol",  # prose
    "Aqua; Glycerin; Retinol",  # another separator
    "Aqua, Glycerin &amp; Retinol",  # an HTML entity
    "['Aqua', 'Glycerin', 'Retinol']",  # a scraper list string
    "Aqua, Retinol 0.5%, Glycerin",  # a percentage
    "N/A",
    "Aqua, Qwzx, Blorp Extract, Zzyzx Oil, Glycerin",  # unknown items: label-level readings (a stray comma)
    "Aqua, Retinyl, Palmitate, Glycerin",  # ... such as two halves of one name
])
def test_the_fast_path_leaves_other_texts_to_the_parser(text):
    assert plain_verdict(text, Options(), get_classifier()) is None


def test_too_many_segments_go_to_the_full_path_for_its_error():
    text = ", ".join(["Glycerin"] * 30)
    assert plain_verdict(text, Options(), get_classifier(), max_items=20) is None
    assert plain_verdict(text, Options(), get_classifier(), max_items=30) is not None


def test_typos_are_memoised_apart_from_the_spellings_every_label_uses():
    classifier = Classifier(load_index())
    assert classifier.classify_plain("Aqua, Glycerni, Retinol", 100) is not None
    assert {"Aqua", " Retinol"} <= set(classifier._segment_memo)
    assert " Glycerni" in classifier._typo_memo and " Glycerni" not in classifier._segment_memo
    for k in range(classifier._typo_memo.cap + 1):  # a shelf of unseen typos empties the typo memo...
        classifier._typo_memo.put(f"typo {k}", ())
    assert "Aqua" in classifier._segment_memo  # ...but not the memo of the common names


# -- generated lists -----------------------------------------------------------------------------
_NAMES = sorted(get_classifier().vocab.names)[::40]
_PIECES = ["Aqua (Water)", "Parfum (Fragrance)", "1,2-Hexanediol", "Alcohol Denat.", "CI 77491", "Citric Acid",
           "Sucrose", "Mica", "Glycolic Acid", "Retinol", "Glycerni", "Aqau", "Sodium Benzoate & Gluconolactone",
           "", " ", "(", ")", "Aqua (", "Extract)", "±", "+/-"]


def _cased(name: str, how: int) -> str:
    return (name.upper(), name.lower(), string.capwords(name.lower()))[how]


@PROPS
@given(st.lists(st.tuples(st.sampled_from(_NAMES + _PIECES), st.integers(0, 2)), min_size=1, max_size=30),
       st.sampled_from([", ", ",", " , "]))
def test_generated_lists_agree(items, sep):
    same_as_full(sep.join(_cased(n, how) for n, how in items))


@PROPS
@given(st.text(alphabet=",() 0123456789abcMmayCcontain.;%+/-\n\t[]•·|A*†\u0661\u00b2", max_size=40))
def test_is_simple_is_the_regular_expression(text):
    assert is_simple(text) == (re.search(NOT_SIMPLE_PATTERN, text) is None)


@PROPS
@given(st.text(alphabet=",() 0123456789abcdefgh.;-\u00b2\u0661", max_size=40))
def test_plain_segments_are_the_comma_spans(text):
    segments = plain_segments(text)
    if segments is not None:
        assert segments == [text[s:e] for s, e in _split_commas(text, 0, len(text))]


@PROPS
@given(st.one_of(st.text(alphabet=string.printable, max_size=40), st.sampled_from(_NAMES),
                 st.text(alphabet="glycerine sulphaluminium.colourflavour ci1l|o5s7 49-/,'\"*\\`\t\x0b\x1c", max_size=30)))
def test_the_ascii_fold_is_the_full_fold(text):
    assert fold(text) == fold_steps(text)


# -- real labels -----------------------------------------------------------------------------------
@pytest.mark.skipif(not (SHARED / "eval-data").is_dir(), reason="evaluation data not found beside the project")
def test_every_real_label_gets_the_same_verdict():
    sys.path.insert(0, str(ROOT / "bench"))
    import accuracy  # noqa: PLC0415 - the benchmark's own reader of the real product files

    classifier = get_classifier()
    taken = total = 0
    csv.field_size_limit(10_000_000)
    for file in accuracy.UNKNOWN_RATE_FILES:
        column = accuracy.INGREDIENT_COLUMNS[file]
        for row in accuracy.read_rows(SHARED, file):
            text = row.get(column) or ""
            total += 1
            if same_as_full(text, classifier=classifier) is not None:
                taken += 1
    assert total > 4000
    assert taken > total // 4, f"the fast path took only {taken} of {total} real labels"
