"""check_label end to end on realistic labels: the verdicts a user relies on."""

from __future__ import annotations

from datetime import date

import pytest

from ingredient_check import Options, check_label


def by_text(report):
    return {i.text: i for i in report.ingredients}


def test_issue_example_flags_retinol_and_fragrance_not_cetyl_alcohol():
    r = check_label("Aqua (Water), Glycerin, Retinol, Parfum/Fragrance, Cetyl Alcohol")
    items = by_text(r)
    assert items["Retinol"].role == "irritant" and items["Retinol"].category == "retinoid"
    assert items["Retinol"].wait_hours == 168 and items["Retinol"].reason and items["Retinol"].sources
    assert items["Parfum/Fragrance"].category == "fragrance" and items["Parfum/Fragrance"].wait_hours == 168
    assert items["Cetyl Alcohol"].role == "neutral" and items["Cetyl Alcohol"].category is None
    assert r.verdict.status == "wait" and r.verdict.safe_after_hours == 168
    assert {i.text for i in r.verdict.deciding} == {"Retinol", "Parfum/Fragrance"}


def test_longest_wait_decides():
    r = check_label("Aqua, Alcohol Denat., Glycolic Acid, Glycerin")
    assert r.verdict.safe_after_hours == 336
    assert [i.category for i in r.verdict.deciding] == ["drying_alcohol"]


def test_bland_product_gets_the_baseline_not_zero():
    r = check_label("Aqua, Glycerin, Sodium Hyaluronate, Panthenol, Caprylic/Capric Triglyceride, Xanthan Gum")
    assert r.verdict.status == "wait" and r.verdict.safe_after_hours == 24
    assert r.verdict.deciding == ()
    assert {i.category for i in r.ingredients if i.role == "soothing"} == {"hyaluronic", "panthenol"}


def test_unknown_never_means_safe():
    r = check_label("Aqua, Zorblax Quintessence, Frobnium Complex, Mystery Blend 7, Glycerin")
    assert r.verdict.status == "unreadable"
    assert r.verdict.safe_after_hours is None
    assert set(r.verdict.unknown) == {"Zorblax Quintessence", "Frobnium Complex", "Mystery Blend 7"}


def test_one_unknown_in_a_long_list_is_reported_but_does_not_block():
    label = ("Aqua, Glycerin, Butylene Glycol, Dimethicone, Cetearyl Alcohol, Glyceryl Stearate, "
             "Xanthan Gum, Phenoxyethanol, Ethylhexylglycerin, Zorblax Quintessence")
    r = check_label(label)
    assert r.verdict.status == "wait" and r.verdict.safe_after_hours == 24
    assert r.verdict.unknown == ("Zorblax Quintessence",)
    assert any("not recognised" in w for w in r.verdict.warnings)


def test_safe_on_date():
    r = check_label("Aqua, Retinol", Options(treated_on=date(2026, 11, 20)))
    assert r.verdict.safe_on == date(2026, 11, 27)


@pytest.mark.parametrize("label,category", [
    ("Aqua, Glycerine, Retinoll, Phenoxyethanol", "retinoid"),  # typo
    ("Aqua, Salicylic Acld, Glycerin", "bha"),  # OCR l for i
    ("AQUA, SODIUM HYALURONATE, GLYCERIN", "hyaluronic"),  # all caps
    ("Water (Aqua, Eau), Sodium Laureth Sulphate, Parfum", "fragrance"),  # UK spelling, synonyms
    ("Eau, Glycérine, Alcool Denat., Parfum", "fragrance"),
])
def test_noisy_labels(label, category):
    r = check_label(label)
    assert category in {i.category for i in r.ingredients}


def test_typo_snaps_to_the_real_ingredient_not_the_irritant():
    r = check_label("Aqua, Cetyl Alcohl, Glycerin")
    cetyl = r.ingredients[1]
    assert cetyl.inci == "CETYL ALCOHOL" and cetyl.match == "fuzzy" and cetyl.role == "neutral"


def test_glycerin_typo_is_not_glycolic_acid():
    r = check_label("Aqua, Glycerln, Dimethicone")
    assert r.ingredients[1].inci == "GLYCERIN" and r.ingredients[1].role == "neutral"


def test_acid_after_the_one_percent_line_is_a_ph_adjuster():
    early = check_label("Aqua, Lactic Acid, Glycerin, Phenoxyethanol, Parfum")
    late = check_label("Aqua, Glycerin, Dimethicone, Phenoxyethanol, Citric Acid")
    assert by_text(early)["Lactic Acid"].category == "aha"
    citric = by_text(late)["Citric Acid"]
    assert citric.role == "neutral" and citric.category is None and "1% line" in citric.how
    assert late.verdict.safe_after_hours == 24


def test_glycolic_acid_is_never_demoted():
    r = check_label("Aqua, Glycerin, Phenoxyethanol, Glycolic Acid")
    assert by_text(r)["Glycolic Acid"].category == "aha"


def test_fragrance_sublist_is_reported_item_by_item():
    r = check_label("Aqua, Glycerin, Fragrance (Limonene, Linalool)")
    assert [i.text for i in r.ingredients][-3:] == ["Fragrance (Limonene, Linalool)", "Limonene", "Linalool"]
    assert all(i.category == "fragrance" for i in r.ingredients[-3:])


def test_essential_oil_by_plant_part_even_outside_the_vocabulary():
    r = check_label("Aqua, Glycerin, Lavandula Stoechas Flower Oil, Simmondsia Chinensis Seed Oil")
    assert by_text(r)["Lavandula Stoechas Flower Oil"].category == "essential_oil"
    assert by_text(r)["Simmondsia Chinensis Seed Oil"].role == "neutral"


def test_may_contain_colours_still_count():
    r = check_label("Talc, Mica, Dimethicone, May Contain (+/-): CI 77491, CI 77492")
    assert [i.may_contain for i in r.ingredients] == [False, False, False, True, True]
    assert all(i.role == "neutral" for i in r.ingredients)


def test_makeup_is_inferred_from_a_pigment_led_list():
    r = check_label("Mica, Talc, Zinc Stearate, Dimethicone, Iron Oxides")
    assert r.verdict.product_type == "makeup" and r.verdict.type_inferred


def test_conventional_makeup_waits_longer_than_mineral_makeup():
    conventional = check_label("Aqua, Cyclopentasiloxane, Mica, Glycerin, Iron Oxides", Options(product_type="makeup"))
    mineral = check_label("Mica, Zinc Oxide, Titanium Dioxide, Iron Oxides", Options(product_type="makeup"))
    assert conventional.verdict.safe_after_hours == 48
    assert mineral.verdict.safe_after_hours == 24


@pytest.mark.parametrize("ptype,hours", [("exfoliant", 168), ("self-tanner", 336), ("serum", 24), ("cleanser", 24)])
def test_type_floors(ptype, hours):
    r = check_label("Aqua, Glycerin, Xanthan Gum", Options(product_type=ptype))
    assert r.verdict.safe_after_hours == hours


def test_active_rinse_off_waits_like_a_leave_on():
    r = check_label("Aqua, Sodium Laureth Sulfate, Salicylic Acid, Glycerin", Options(product_type="cleanser"))
    assert r.verdict.safe_after_hours == 168


@pytest.mark.parametrize("depth", [0.1, 0.25, 0.3, 0.4, 0.5, 0.75, 1.0, 1.2, 1.5, 2.0, 2.5, 3.0])
def test_depth_changes_waits_monotonically(depth):
    label = "Aqua, Retinol, Alcohol Denat., Parfum, Glycolic Acid, Dihydroxyacetone"
    shallower = check_label(label, Options(depth_mm=max(0.1, depth - 0.1))).ingredients
    here = check_label(label, Options(depth_mm=depth)).ingredients
    for a, b in zip(shallower, here):
        if a.wait_hours is not None:
            assert a.wait_hours <= b.wait_hours


def test_depth_extremes():
    label = "Aqua, Retinol, Glycerin"
    assert check_label(label, Options(depth_mm=0.25)).verdict.safe_after_hours == 72
    assert check_label(label, Options(depth_mm=0.75)).verdict.safe_after_hours == 168
    assert check_label(label, Options(depth_mm=2.0)).verdict.safe_after_hours == 336


def test_no_list_text():
    r = check_label("Visit the Perricone MD boutique")
    assert r.verdict.status == "no_list" and r.verdict.safe_after_hours is None


@pytest.mark.parametrize("label,ptype,status", [
    ("Aqua, Zorbitex Complex, Quinafluvate, Merolan Blend, Glycerin", None, "unreadable"),
    ("Aqua, Glycerin, Retinol, Niacinamide, Panthenol, Xanthan Gum, Tocopherol, Zorbitex Complex", None, "wait"),
    ("Aqua, Glycerin, Polyethylene, Dimethicone, Phenoxyethanol", "serum", "wait"),
], ids=["unreadable-adds-a-warning", "unknown-item-adds-a-warning", "leave-on-film-former"])
def test_decide_leaves_the_callers_items_and_warnings_as_they_were(label, ptype, status):
    """A library caller (the batch API, explain) may decide twice on one reading: the timeline returns a
    new verdict and never appends to the caller's warnings or rewrites its items."""
    from ingredient_check.classify import get_classifier
    from ingredient_check.timeline import decide

    c = get_classifier()
    items = list(check_label(label).ingredients)
    before_items = list(items)
    warnings = ["this text holds 2 ingredient lists (a kit?): the verdict covers all of them"]
    first = decide(items, c.index["timeline"], Options(product_type=ptype), warnings)
    second = decide(items, c.index["timeline"], Options(product_type=ptype), warnings)
    assert first.status == status
    assert warnings == ["this text holds 2 ingredient lists (a kit?): the verdict covers all of them"]
    assert items == before_items
    assert first == second and len(first.warnings) == len(second.warnings) >= 1
