"""One road for every label (issue 14): a shelf's row and a pasted label go through ``check_label``,
whose classifier memoises each printed segment's finished reading. A memo must never change an
answer: here a classifier that has read many labels answers exactly as a fresh one, spans and all,
on labels written for these tests, on generated lists and (when ``../shared`` is present) on every
real label of the evaluation data; and the faster forms of two tests (``parse.is_simple``, the
ASCII ``fold``) are checked against the slow forms they replace.
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

from ingredient_check.check import check_label
from ingredient_check.classify import Classifier, get_classifier
from ingredient_check.data import load_index
from ingredient_check.errors import InputError
from ingredient_check.fold import fold, fold_steps
from ingredient_check.parse import NOT_SIMPLE_PATTERN, is_simple
from ingredient_check.rules import load_rules
from ingredient_check.timeline import Options

from .conftest import CLINIC_RULES

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PROPS = settings(max_examples=300, derandomize=True, database=None, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])

LABELS = [
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
    # glued names and an unknown word
    "Aqua, Gluconolactone & Sodium Benzoate, Glycerin, Zorblex Complex",
    # lower case, no spaces after commas, a trailing comma
    "aqua,glycerin,alcohol denat.,salicylic acid,menthol,",
    # hard to read: more than a fifth unknown
    "Aqua, Qwzx, Blorp Extract, Zzyzx Oil, Glycerin",
    "Aqua, Retinyl, Palmitate, Glycerin",  # two halves of one name, cut by a stray comma
    "Ingredients: Aqua, Glycerin, Retinol",  # a heading
    "Aqua, Glycerin, Retinol. Directions: apply at night.",  # a panel after the list
    "Aqua, Glycerin, Mica, May Contain: CI 77491, CI 77891",  # a may-contain section
    "Aqua, Glycerin, Mica, MAY CONTAIN CI 77491, CI 77891",  # the same in capitals
    "Aqua, Glycerin, ±, CI 77491, CI 77891",  # a lone "±" opens one too (found by bench/fuzz.py)
    "Aqua, Glycerin, Fragrance (Limonene, Linalool, Citral)",  # a sub-list
    "Aqua, Glycerin, formulated without parabens or sulfates for sensitive skin, Retinol",  # prose
    "Aqua, Glycerin, trade secret perfume premix, Retinol",  # prose that names a perfume: counted
    "Aqua; Glycerin; Retinol",  # another separator
    "Aqua, Glycerin &amp; Retinol",  # an HTML entity: spans point into the input, before unescaping
    "['Aqua', 'Glycerin', 'Retinol']",  # a scraper list string
    "Aqua, Retinol 0.5%, Glycerin",  # a percentage
    "Cleanser Ingredients: Aqua, Glycerin, Citric Acid\nToner Ingredients: Aqua, Alcohol Denat., Phenoxyethanol, Lactic Acid",
    "N/A",
]
IDS = ["moisturiser", "toner", "typos", "scrub", "makeup", "glued", "lower-case", "unreadable", "cut-name",
       "heading", "panel", "may-contain", "MAY-CONTAIN", "lone-plus-minus", "sub-list", "prose", "named-prose",
       "semicolons", "entity", "list-string", "percent", "kit", "no-list"]


def fresh() -> Classifier:
    return Classifier(load_index())


def test_the_labels_and_ids_line_up():
    assert len(LABELS) == len(IDS)


@pytest.mark.parametrize("text", LABELS, ids=IDS)
def test_a_memoised_reading_is_the_first_reading(text):
    warm = get_classifier()
    for other in LABELS:  # every segment read before, in other places and may-contain states
        check_label(other, Options(), warm)
    assert check_label(text, Options(), warm) == check_label(text, Options(), fresh())


@pytest.mark.parametrize("options", [
    Options(depth_mm=0.25), Options(depth_mm=2.0, treated_on=date(2026, 11, 2)), Options(product_type="cleanser"),
    Options(product_type="makeup"),
], ids=["shallow", "deep-dated", "cleanser", "makeup"])
def test_options_act_after_the_memo(options):
    cold, warm = fresh(), get_classifier()
    for text in LABELS:
        check_label(text, Options(), warm)
    for text in LABELS:
        assert check_label(text, options, warm) == check_label(text, options, cold), text


def test_user_rules_act_after_the_memo(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(CLINIC_RULES, encoding="utf-8")
    options = Options(rules=(load_rules(path),))
    cold = fresh()
    for text in [*LABELS, "Aqua, Lanolin, Glycerin", "Water, Niacinamide, Retinol"]:
        check_label(text, Options(), get_classifier())
        assert check_label(text, options, get_classifier()) == check_label(text, options, cold), text


def test_the_same_segment_in_and_out_of_a_may_contain_section():
    """The memo is keyed by the may-contain state too: " CI 77491" is read both ways."""
    c = fresh()
    inside = check_label("Talc, Mica, May Contain: CI 77491, CI 77891", Options(), c).ingredients
    outside = check_label("Talc, Mica, CI 77491, CI 77891", Options(), c).ingredients
    again = check_label("Talc, +/- Mica, CI 77491, CI 77891", Options(), c).ingredients
    assert [i.may_contain for i in inside] == [False, False, True, True]
    assert [i.may_contain for i in outside] == [False, False, False, False]
    assert [i.may_contain for i in again] == [False, True, True, True]


def test_a_lone_plus_minus_opens_a_may_contain_section():
    items = check_label("Aqua, Glycerin, ±, CI 77491, CI 77891", Options(), fresh()).ingredients
    assert [(i.inci, i.may_contain) for i in items] == [
        ("AQUA", False), ("GLYCERIN", False), ("CI 77491", True), ("CI 77891", True)]


def test_a_kit_s_next_product_starts_outside_the_section():
    text = "Powder Ingredients: Talc, May Contain: CI 77491\nPrimer Ingredients: CI 77491, Dimethicone"
    items = check_label(text, Options(), fresh()).ingredients
    assert [i.may_contain for i in items] == [False, True, False, False]


@pytest.mark.parametrize("text", [t for t in LABELS if t != "N/A"], ids=[i for i in IDS if i != "no-list"])
def test_spans_point_into_the_input(text):
    report = check_label(text, Options(), get_classifier())
    for ing in report.ingredients:
        printed = text[ing.start:ing.end]
        assert ing.text in printed, (ing, printed)  # a sub-list's or a glued name's part: within its item


@pytest.mark.parametrize("text, limit, count", [
    (", ".join(["Glycerin"] * 30), 20, 30),
    ("Aqua, Fragrance (Limonene, Linalool, Citral), Glycerin", 5, 6),  # a sub-list counts its parts
], ids=["plain", "sub-list"])
def test_a_list_over_the_item_limit_is_refused_with_its_count(text, limit, count):
    with pytest.raises(InputError, match=f"holds {count} items, over the limit of {limit}"):
        check_label(text, Options(), get_classifier(), max_items=limit)
    assert check_label(text, Options(), get_classifier(), max_items=count).verdict.status == "wait"


def test_typos_are_memoised_apart_from_the_spellings_every_label_uses():
    c = fresh()
    check_label("Aqua, Glycerni, Retinol", Options(), c)
    assert {"Aqua", " Retinol"} <= set(c._plain)
    assert " Glycerni" in c._plain_typos and " Glycerni" not in c._plain
    for k in range(c._plain_typos.cap + 1):  # a shelf of unseen typos empties the typo memo...
        c._plain_typos.put(f"typo {k}", ())
    assert "Aqua" in c._plain  # ...but not the memo of the common names


# -- generated lists -----------------------------------------------------------------------------
_NAMES = sorted(get_classifier().vocab.names)[::40]
_PIECES = ["Aqua (Water)", "Parfum (Fragrance)", "1,2-Hexanediol", "Alcohol Denat.", "CI 77491", "Citric Acid",
           "Sucrose", "Mica", "Glycolic Acid", "Retinol", "Glycerni", "Aqau", "Sodium Benzoate & Gluconolactone",
           "", " ", "(", ")", "Aqua (", "Extract)", "±", "+/-", "May Contain:", "Ingredients:"]
_COLD = fresh()


def _cased(name: str, how: int) -> str:
    return (name.upper(), name.lower(), string.capwords(name.lower()))[how]


@PROPS
@given(st.lists(st.tuples(st.sampled_from(_NAMES + _PIECES), st.integers(0, 2)), min_size=1, max_size=30),
       st.sampled_from([", ", ",", " , ", "; "]))
def test_generated_lists_read_the_same_warm_and_cold(items, sep):
    text = sep.join(_cased(n, how) for n, how in items)
    warm = check_label(text, Options(), get_classifier())
    for memo in (_COLD._plain, _COLD._plain_typos, _COLD._other, _COLD._item_memo):
        memo.clear()
    assert warm == check_label(text, Options(), _COLD)


@PROPS
@given(st.text(alphabet=",() 0123456789abcMmayCcontain.;%+/-\n\t[]•·|A*†\u0661\u00b2", max_size=40))
def test_is_simple_is_the_regular_expression(text):
    assert is_simple(text) == (re.search(NOT_SIMPLE_PATTERN, text) is None)


@PROPS
@given(st.one_of(st.text(alphabet=string.printable, max_size=40), st.sampled_from(_NAMES),
                 st.text(alphabet="glycerine sulphaluminium.colourflavour ci1l|o5s7 49-/,'\"*\\`\t\x0b\x1c", max_size=30)))
def test_the_ascii_fold_is_the_full_fold(text):
    assert fold(text) == fold_steps(text)


# -- real labels -----------------------------------------------------------------------------------
@pytest.mark.skipif(not (SHARED / "eval-data").is_dir(), reason="evaluation data not found beside the project")
def test_every_real_label_reads_the_same_in_either_order():
    """Two classifiers read every real label, one front to back, one back to front: whatever each
    memo held when a label came, the reports are equal."""
    sys.path.insert(0, str(ROOT / "bench"))
    import accuracy  # noqa: PLC0415 - the benchmark's own reader of the real product files

    csv.field_size_limit(10_000_000)
    texts = [row.get(accuracy.INGREDIENT_COLUMNS[file]) or "" for file in accuracy.UNKNOWN_RATE_FILES
             for row in accuracy.read_rows(SHARED, file)]
    assert len(texts) > 4000

    def reports(order, classifier):
        out = {}
        for k in order:
            try:
                out[k] = check_label(texts[k], Options(), classifier)
            except InputError as exc:
                out[k] = str(exc)
        return out

    forward = reports(range(len(texts)), get_classifier())
    backward = reports(range(len(texts) - 1, -1, -1), fresh())
    assert forward == backward
