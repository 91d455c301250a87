"""Names real labels print that the lexicons did not read, and the traps beside them (issue 12).

Measured with ``bench/coverage.py`` over every real label of ``../shared/eval-data``: each class of
unknown item that the data can fix (a trade or common name of one CosIng ingredient, a structural
rule that did not see a name's shape) has a row here, on a label written for these tests (never a
shop's text). Every row checks what a user relies on: the item is read, as the right INCI name, with
the right role. The traps check the other side: a new name or rule must not turn a carrier oil, a
flower water or an extract into an irritant, and must not catch a name that only looks alike.
"""

from __future__ import annotations

import pytest

from tests.test_traps import find

IRR, SOOTH, NEUTRAL = "irritant", "soothing", "neutral"

# (label, item, inci or None when read by a rule on a name CosIng lacks, role, category)
READS = {
    # structure.toml: a citrus peel oil named with how it was obtained is still the volatile rind oil
    "sweet orange peel oil expressed": (
        "Aqua, Glycerin, Caprylic/Capric Triglyceride, Citrus Sinensis Peel Oil Expressed, Tocopherol",
        "Citrus Sinensis Peel Oil Expressed", "CITRUS SINENSIS PEEL OIL EXPRESSED", IRR, "essential_oil"),
    "lime peel oil distilled": (
        "Aqua, Glycerin, Citrus Aurantifolia Peel Oil Distilled, Xanthan Gum",
        "Citrus Aurantifolia Peel Oil Distilled", "CITRUS AURANTIFOLIA PEEL OIL DISTILLED", IRR, "essential_oil"),
    "bergamot peel oil expressed": (
        "Squalane, Citrus Bergamia Peel Oil Expressed, Tocopherol",
        "Citrus Bergamia Peel Oil Expressed", "CITRUS BERGAMIA PEEL OIL EXPRESSED", IRR, "essential_oil"),
    "lemon peel oil expressed, name CosIng lacks": (
        "Aqua, Glycerin, Citrus Limonum (Lemon) Peel Oil Expressed, Phenoxyethanol",
        "Citrus Limonum (Lemon) Peel Oil Expressed", None, IRR, "essential_oil"),
    # structure.toml: absolutes are solvent-extracted perfume materials
    "jasmine flower absolute": (
        "Simmondsia Chinensis Seed Oil, Jasminum Officinale Flower Absolute, Tocopherol",
        "Jasminum Officinale Flower Absolute", None, IRR, "fragrance"),
    "jasmine sambac absolute with common name": (
        "Squalane, Jasminum Sambac (Jasmine) Absolute, Tocopherol",
        "Jasminum Sambac (Jasmine) Absolute", None, IRR, "fragrance"),
    "rose flower absolute": (
        "Aqua, Glycerin, Rosa Damascena Flower Absolute, Phenoxyethanol",
        "Rosa Damascena Flower Absolute", None, IRR, "fragrance"),
    "mimosa absolute without a part": (
        "Helianthus Annuus Seed Oil, Acacia Decurrens Absolute, Tocopherol",
        "Acacia Decurrens Absolute", None, IRR, "fragrance"),
    "tuberose absolute oil": (
        "Cocos Nucifera Oil, Tuberose Absolute Oil, Tocopherol",
        "Tuberose Absolute Oil", None, IRR, "fragrance"),
    "frankincense gum absolute (CosIng)": (
        "Squalane, Boswellia Carterii Gum Absolute, Tocopherol",
        "Boswellia Carterii Gum Absolute", "BOSWELLIA CARTERII GUM ABSOLUTE", IRR, "fragrance"),
}

# (label, item, role, category): neighbours of the new names and rules that must stay as they were
TRAPS = {
    "grapefruit seed oil stays a carrier": (
        "Aqua, Citrus Paradisi Seed Oil, Glycerin", "Citrus Paradisi Seed Oil", NEUTRAL, None),
    "sweet orange seed oil stays a carrier": (
        "Aqua, Citrus Aurantium Dulcis Seed Oil, Glycerin", "Citrus Aurantium Dulcis Seed Oil", NEUTRAL, None),
    "orange peel extract is not an oil": (
        "Aqua, Citrus Sinensis Peel Extract, Glycerin", "Citrus Sinensis Peel Extract", NEUTRAL, None),
    "lemon peel water is not an oil": (
        "Citrus Limon Peel Water, Glycerin, Xanthan Gum", "Citrus Limon Peel Water", NEUTRAL, None),
    "orange flower water is a hydrosol": (
        "Citrus Aurantium Amara Flower Water, Glycerin, Sodium Benzoate", "Citrus Aurantium Amara Flower Water",
        NEUTRAL, None),
    "jasmine flower extract is not an absolute": (
        "Aqua, Jasminum Officinale Flower Extract, Glycerin", "Jasminum Officinale Flower Extract", NEUTRAL, None),
    "jasmine flower water is not an absolute": (
        "Jasminum Officinale Flower Water, Glycerin, Phenoxyethanol", "Jasminum Officinale Flower Water", NEUTRAL, None),
    "jasmine flower wax is not an absolute": (
        "Jasminum Officinale Flower Wax, Ricinus Communis Seed Oil, Tocopherol", "Jasminum Officinale Flower Wax",
        NEUTRAL, None),
    "vanilla fruit extract is not an absolute": (
        "Aqua, Vanilla Planifolia Fruit Extract, Glycerin", "Vanilla Planifolia Fruit Extract", NEUTRAL, None),
    "rosehip oil stays a carrier": (
        "Rosa Canina Fruit Oil, Tocopherol", "Rosa Canina Fruit Oil", NEUTRAL, None),
}


@pytest.mark.parametrize(("label", "item", "inci", "role", "category"), list(READS.values()), ids=list(READS))
def test_real_label_name_is_read(label, item, inci, role, category):
    ing = find(label, item)
    assert (ing.inci, ing.role, ing.category) == (inci, role, category), f"{item}: {ing.match} {ing.entry}"


@pytest.mark.parametrize(("label", "item", "role", "category"), list(TRAPS.values()), ids=list(TRAPS))
def test_neighbour_stays_apart(label, item, role, category):
    ing = find(label, item)
    assert (ing.role, ing.category) == (role, category), f"{item}: {ing.inci} {ing.match} {ing.entry}"


def test_alcohol_absolute_is_not_a_perfume_absolute():
    """Pure ethanol is sold as "alcohol absolute": the absolute rule must not call it a fragrance."""
    ing = find("Alcohol Absolute, Aqua, Glycerin", "Alcohol Absolute")
    assert ing.category != "fragrance"
