"""Issue 13: an unread item that could be an irritant holds the verdict; OCR digits read as letters; a
lower bound instead of nothing; the unknown rule. Labels written for the project."""

from __future__ import annotations

import copy
import csv
import io
import json

import pytest
from click.testing import CliRunner

from ingredient_check.check import check_label
from ingredient_check.cli import main
from ingredient_check.data import load_index
from ingredient_check.lexicon import LexiconError, _validate_possible, load_lexicons
from ingredient_check.possible import digit_readings, skeleton
from ingredient_check.report import to_json
from ingredient_check.view import headline
from ingredient_check.classify import get_classifier


def verdict(text: str):
    return check_label(text).verdict


def item(text: str, printed: str):
    return next(i for i in verdict(text).ingredients if i.text == printed)


def run(*args, input=None):
    return CliRunner().invoke(main, [*map(str, args)], input=input, catch_exceptions=False)


# -- the examples of the issue -----------------------------------------------------------------------
def test_ocr_digits_are_read_as_the_vitamin_c_they_spell():
    v = verdict("AQUA, GLYCER1N, ASC0RBIC AC1D, TOCOPHEROL, FERULIC ACID")
    assert (v.status, v.safe_after_hours) == ("wait", 168)
    vit_c = item("AQUA, GLYCER1N, ASC0RBIC AC1D, TOCOPHEROL, FERULIC ACID", "ASC0RBIC AC1D")
    assert (vit_c.inci, vit_c.category, vit_c.match) == ("ASCORBIC ACID", "vitamin_c", "fuzzy")
    assert [i.text for i in v.deciding] == ["ASC0RBIC AC1D"]


def test_lost_line_break_between_names_hides_no_acid():
    text = "Aqua, Glycerin, Squalane, Dimethicone, Glycolic Acid\nPANTHENOI, Carbomer"
    v = verdict(text)
    assert (v.status, v.safe_after_hours) == ("wait", 168)
    assert any(i.inci == "GLYCOLIC ACID" and i.category == "aha" for i in v.ingredients)


LOTION = ("Water, Glycerin, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Dimethicone, Sodium Hyaluronate, "
          "Tocopherol, Xanthan Gum, Phenoxyethanol, Ethylhexylglycerin, ascorbyl palmitate. d227948/1.")


def test_batch_code_glued_to_vitamin_c_counts_as_vitamin_c():
    # the formula code is cut off as a batch code (tests/test_lost_text.py), so the vitamin C is read
    # by its name, with confidence, not merely as a could-be
    v = verdict(LOTION)
    assert (v.status, v.safe_after_hours) == ("wait", 168)
    last = v.ingredients[-1]
    assert (last.role, last.category, last.inci) == ("irritant", "vitamin_c", "ASCORBYL PALMITATE")
    assert last in v.deciding and last.text not in v.unknown
    assert last.sources and set(last.sources) <= set(get_classifier().sources)


# a night oil: a retinoid, essential oils and three carrier oils spelled as no vocabulary spells them
NIGHT_OIL = ("Squalane, Retinol, Lavandula Angustifolia Oil, Citrus Aurantium Bergamia Peel Oil, "
             "Rosa Rubiginosa Seed Oyl Unrefined, Sclerocraya Birrea Kernel Oyl Virgin, "
             "Camelina Sativa Seed Oyl Cold Pressed, Tocopherol")


def test_night_oil_says_not_before_7_days():
    r = check_label(NIGHT_OIL)
    v = r.verdict
    assert (v.status, v.safe_after_hours, v.at_least_hours) == ("unreadable", None, 168)
    assert len(v.unknown) == 3 and not v.possible
    assert headline(r)[0] == ("Not before 7 days (retinoid, essential oil); 3 items not recognised, "
                              "so possibly longer.")
    data = to_json(r, get_classifier().sources)
    assert data["safe_after_hours"] is None and data["at_least_hours"] == 168
    assert {"RN", "SP2"} <= set(data["sources"])  # the bound cites the retinoid's and the oils' sources


def test_unreadable_without_irritants_has_no_bound():
    v = verdict("Zorblax Quintessence, Frobnium Complex, Glycerin")
    assert (v.status, v.at_least_hours) == ("unreadable", None)


# -- could be: what an unread item is compared with --------------------------------------------------
POSSIBLE = {
    # printed item: (category, INCI it could be, or None when only the category is known)
    "bare first word of a vitamin C ester": ("Ascorbyl", "vitamin_c", None),
    "vitamin C ester run together": ("Sodiumascorbylphosphate", "vitamin_c", None),
    "denat. split from its alcohol": ("Denat.", "drying_alcohol", "ALCOHOL DENAT."),
    "retinoid behind OCR noise": ("Rn Retinol", "retinoid", None),
    "fragrance blend with a trade number": ("Fragrance Blend No 5", "fragrance", "PARFUM"),
    "drug facts line": ("octocrylene (6%) purpose sunscreen", "chemical_uv_filter", "OCTOCRYLENE"),
    "a typo too far for a confident snap": ("Cintrellol", "fragrance", "CITRONELLOL"),
    "salicylic acid misspelt twice": ("SALYCILIC ACID", "bha", "SALICYLIC ACID"),
    "essential oil named without its part": ("Lavandula Angustifolia (Lavender)", "essential_oil",
                                             "LAVANDULA ANGUSTIFOLIA OIL"),
}


@pytest.mark.parametrize(("printed", "category", "inci"), list(POSSIBLE.values()), ids=list(POSSIBLE))
def test_unread_item_could_be_an_irritant(printed, category, inci):
    text = f"Water, Glycerin, Dimethicone, Cetearyl Alcohol, Tocopherol, {printed}, Xanthan Gum"
    ing = item(text, printed)
    assert (ing.role, ing.category, ing.inci, ing.match) == ("irritant", category, inci, "possible")
    assert ing.how.startswith("could be ") and ing.wait_hours >= 168 and ing.sources
    v = verdict(text)
    assert v.safe_after_hours == ing.wait_hours and ing in v.deciding


def test_possible_item_in_json_and_table():
    text = "Water, Glycerin, Dimethicone, Cetearyl Alcohol, Tocopherol, Denat., Xanthan Gum"
    r = run("check", "--format", "json", text)
    data = json.loads(r.output)
    assert data["possible"] == [{
        "text": "Denat.", "inci": "ALCOHOL DENAT.", "category": "drying_alcohol", "wait_hours": 336,
        "could_be": "could be ALCOHOL DENAT. (drying alcohol)", "reason": data["possible"][0]["reason"],
        "sources": data["possible"][0]["sources"], "position": 6, "span": [text.index("Denat."), text.index("Denat.") + 6]}]
    assert data["possible"][0]["sources"] and data["possible"][0]["sources"][0] in data["sources"]
    assert data["safe_after_hours"] == 336 and data["at_least_hours"] is None
    assert [i["match"] for i in data["ingredients"] if i["text"] == "Denat."] == ["possible"]
    table = " ".join(run("check", text).output.split())  # wrapped to the terminal's width
    assert "Denat. could be ALCOHOL DENAT. (drying alcohol): counted as 14 days" in table


# -- never a false alarm on plain neutral items --------------------------------------------------------
NEVER_POSSIBLE = {
    "fatty alcohol is not alcohol denat": "Cetyl Alcohol",
    "fatty alcohol typo": "Cetyl Alcohl",
    "glycerin is not glycolic acid": "Glycerin",
    "glycerin typo": "Glyceryn",
    "UV filter salicylate is not salicylic acid": "Ethylhexyl Salicylate",
    "a bitterant is not denatured alcohol": "Denatonium Benzoate",
    "a preservative with ethanol in its name": "Phenoxyethanol",
    "the same split in two": "Phenoxy Ethanol",
    "sorbate is not ascorbate": "Potassium Sorbate",
    "carrier oil with an odd spelling": "Rosa Rubiginosa Seed Oyl Unrefined",
    "another carrier oil": "Sclerocraya Birrea Kernel Oyl Virgin",
    "a citrus seed oil is a carrier": "Citrus Medica Limonum (Lemon) Seed Oil",
    "a plant extract is no essential oil": "Melissa Officinalis (Lemon Balm Leaf Extract)",
    "lemon juice is no peel oil": "Citrus Medica Limonum (Lemon) Juice",
}


@pytest.mark.parametrize("printed", list(NEVER_POSSIBLE.values()), ids=list(NEVER_POSSIBLE))
def test_plain_item_never_becomes_possible(printed):
    text = f"Water, Glycerin, Dimethicone, {printed}, Tocopherol, Xanthan Gum"
    found = [i for i in verdict(text).ingredients if i.start >= text.index(printed) and i.end <= text.index(printed) + len(printed)]
    assert found and all(i.match != "possible" for i in found), [(i.text, i.inci, i.how) for i in found]
    if printed not in ("Ethylhexyl Salicylate",):
        assert all(i.category not in ("drying_alcohol", "aha", "bha", "vitamin_c", "essential_oil") for i in found)


# -- OCR digits for the confident match, numbers kept ---------------------------------------------------
OCR = {
    "GLYC0LIC AC1D": "GLYCOLIC ACID",
    "LACT1C ACID": "LACTIC ACID",
    "Sal1cyl1c Ac1d": "SALICYLIC ACID",
    "Retinyl Palrnitate": "RETINYL PALMITATE",
    "5ODIUM HYALURONATE": "SODIUM HYALURONATE",
}


@pytest.mark.parametrize(("printed", "inci"), list(OCR.items()), ids=list(OCR))
def test_ocr_letters_read_confidently(printed, inci):
    ing = item(f"Water, {printed}, Glycerin", printed)
    assert (ing.inci, ing.match) == (inci, "fuzzy")


NUMBERED = {"PEG-100 Stearate": "PEG-100 STEARATE", "CI 77491": "CI 77491", "Ceramide 6 II": "CERAMIDE 6 II",
            "1,2-Hexanediol": "1,2-HEXANEDIOL", "C12-15 Alkyl Benzoate": "C12-15 ALKYL BENZOATE",
            "Polysilicone-15": "POLYSILICONE-15", "Steareth-21": "STEARETH-21"}


@pytest.mark.parametrize(("printed", "inci"), list(NUMBERED.items()), ids=list(NUMBERED))
def test_names_that_hold_numbers_keep_them(printed, inci):
    ocr = get_classifier().index["possible"]["ocr"]
    from ingredient_check.fold import fold

    assert digit_readings(fold(printed), ocr["digits"], ocr["max_digits"]) == []
    assert item(f"Water, {printed}, Glycerin", printed).inci == inci


def test_digit_readings_and_skeleton():
    digits = {"0": ["o"], "1": ["i", "l"], "5": ["s"]}
    assert digit_readings("asc0rbic ac1d", digits, 3) == ["ascorbic acid", "ascorbic acld"]
    assert digit_readings("peg-100 stearate", digits, 3) == []
    groups = load_index()["possible"]["ocr"]["groups"]
    assert skeleton("asc0rbic ac1d", groups) == skeleton("ascorbic acid", groups)
    assert skeleton("retinyl palrnitate", groups) == skeleton("retinyl palmitate", groups)
    assert skeleton("glycerin", groups) != skeleton("glycolic acid", groups)


# -- the unknown rule --------------------------------------------------------------------------------
RULE = {
    # label: (status, safe_after_hours, at_least_hours)
    "one plain carrier oil alone": ("Sclerocraya Birrea (Marula) Kernel Oil", "wait", 24, None),
    "short label, one plain carrier oil, the rest known": ("Rosa Rubiginosa Seed Oyl, Tocopherol", "wait", 24, None),
    "short label, one word nobody knows": ("Zorblax Quintessence, Tocopherol", "unreadable", None, None),
    "short label, the unread item could be an essential oil": (
        "Lavandula Angustifolia (Lavender), Simmondsia Chinensis Seed Oil", "unreadable", None, 168),
    "a possible item counts toward the unread share": (
        "Water, Glycerin, Ascorbyl, Denat., Cintrellol, Tocopherol", "unreadable", None, 336),
    "one unknown in six is not too much": (
        "Water, Glycerin, Zorblax Quintessence, Tocopherol, Xanthan Gum, Retinol", "wait", 168, None),
}


@pytest.mark.parametrize(("label", "status", "hours", "at_least"), list(RULE.values()), ids=list(RULE))
def test_unknown_rule(label, status, hours, at_least):
    v = verdict(label)
    assert (v.status, v.safe_after_hours, v.at_least_hours) == (status, hours, at_least)


# -- shelf, plan and today ----------------------------------------------------------------------------
def _shelf(tmp_path):
    p = tmp_path / "shelf.csv"
    with open(p, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["name", "ingredients"])
        w.writerow(["Moonlit Night Oil", NIGHT_OIL])
        w.writerow(["Plain Gel", "Water, Glycerin, Carbomer, Sodium Hydroxide"])
    return p


def test_shelf_csv_and_table_show_the_bound(tmp_path):
    p = _shelf(tmp_path)
    rows = list(csv.DictReader(io.StringIO(run("shelf", p, "--format", "csv").output)))
    assert list(rows[0])[-1] == "at_least_hours"
    assert (rows[0]["check_status"], rows[0]["safe_after_hours"], rows[0]["at_least_hours"]) == ("unreadable", "", "168")
    assert rows[1]["at_least_hours"] == ""
    table = " ".join(run("shelf", p).output.split())  # the table wraps to the terminal's width
    assert "Moonlit Night Oil at least day 7 3 of 8 items not recognised; found: Retinol (retinoid)" in table


def test_plan_and_today_place_the_product_no_earlier_than_the_bound(tmp_path):
    p = _shelf(tmp_path)
    plan = run("shelf", p, "--treated-on", "2026-11-20", "--plan").output
    day7 = plan[plan.index("Day 7"):]
    assert "Moonlit Night Oil" in day7.split("\n\n")[0] and "at least, cannot tell beyond" in day7.split("\n\n")[0]
    early = run("shelf", p, "--treated-on", "2026-11-20", "--today", "2026-11-23").output
    not_yet = early[early.index("Not yet"):]
    assert "Moonlit Night Oil" in not_yet and "not before Fri 27 Nov" in not_yet
    assert "Moonlit" not in early[:early.index("Not yet")]
    late = run("shelf", p, "--treated-on", "2026-11-20", "--today", "2026-12-01").output
    assert "Moonlit" not in late[:late.index("Not yet")]  # past its bound it is still "cannot tell"
    assert "Moonlit" in late[late.index("Cannot tell"):]


def test_user_rules_apply_to_what_an_item_could_be(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text("[categories.vitamin_c]\nwait_days = 3\n", encoding="utf-8")
    label = "Water, Glycerin, Dimethicone, Phenoxyethanol, Stabilised Ascorbyl Complex"  # a could-be vitamin C
    data = json.loads(run("check", "--format", "json", "--rules", rules, label).output)
    assert data["safe_after_hours"] == 72
    assert data["possible"][0]["category"] == "vitamin_c"


# -- the data ----------------------------------------------------------------------------------------
def test_possible_lexicon_is_validated():
    lex = load_lexicons()
    good = lex.possible
    _validate_possible(good, lex.entries, lex.categories)
    for broken, message in (
        ({"cue": [{"text": "glycerin", "entry": "glycerin"}]}, "not an irritant entry"),
        ({"cue": [{"text": "retin", "category": "hyaluronic"}]}, "not an irritant category"),
        ({"cue": [{"text": "Retin", "category": "retinoid"}]}, "folded"),
        ({"cue": [{"text": "retin", "category": "retinoid", "entry": "retinol"}]}, "not both"),
        ({"loose": {"cutoff": 20.0, "min_length": 6}}, "cutoff"),
    ):
        data = copy.deepcopy(good)
        data.update(broken)
        with pytest.raises(LexiconError, match=message):
            _validate_possible(data, lex.entries, lex.categories)
