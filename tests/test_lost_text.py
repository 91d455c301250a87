"""Nothing on a label is lost silently (issue 12): every list in the text is read, and every letter
of the input is in an item or in a skipped region with its reason.

Each case is a label written for the project in the shape of a real one that lost text before: the
drug-facts actives printed before "Inactive:", a kit's first product before its first heading, a
sentence-like item, separators that real pastes use, parentheses that describe a name.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingredient_check.check import check_label
from ingredient_check.classify import get_classifier
from ingredient_check.parse import parse_label


def incis(text: str) -> list[str]:
    return [i.inci for i in check_label(text).ingredients]


def hours(text: str) -> int | None:
    return check_label(text).verdict.safe_after_hours


def unaccounted(text: str) -> str:
    """The letters and digits of ``text`` in no item span and no skipped region."""
    report = check_label(text)
    covered = [False] * len(text)
    for a, b in [(i.start, i.end) for i in report.ingredients] + [(k.start, k.end) for k in report.skipped]:
        covered[a:b] = [True] * (b - a)
    return "".join(c for c, seen in zip(text, covered) if c.isalnum() and not seen)


# label, an INCI name that must be read, the wait in hours it implies
READ = {
    "drug-facts actives before the inactives": (
        "Avobenzone 3%, Octinoxate 7.5%, Oxybenzone 5%. Inactive: Water, Glycerin, Dimethicone, Phenoxyethanol",
        "BENZOPHENONE-3", 336),
    "actives after an 'Active Ingredients' heading, with a purpose column": (
        "Drug Facts\nActive Ingredients: Zinc Oxide 12%, Octisalate 5% Purpose: Sunscreen\n"
        "Inactive Ingredients: Water, Caprylic/Capric Triglyceride, Glycerin", "ETHYLHEXYL SALICYLATE", 336),
    "a kit's first product before its first heading": (
        "Water, Glycerin, Retinol. Hydra Serum 1 oz Ingredients: Water, Glycerin, Sodium Hyaluronate",
        "RETINOL", 168),
    "a peel kit in 'Step One / Step Two'": (
        "Step One: Water, Alcohol Denat., Glycolic Acid, Salicylic Acid, Fragrance. "
        "Step Two: Water, Glycerin, Sodium Bicarbonate", "GLYCOLIC ACID", 336),  # drying alcohol: 14 days
    "a footnote mark at the very start": (
        "*organic aloe barbadensis leaf juice, lavandula angustifolia oil, citrus limon peel oil, glycerin. "
        "*Certified organic", "LAVANDULA ANGUSTIFOLIA OIL", 168),
    "a footnote mark after a full stop": (
        "Aqua, Glycerin. *Rosmarinus Officinalis Leaf Oil, Tocopherol", "ROSMARINUS OFFICINALIS LEAF OIL", 168),
    "two names joined by 'and'": (
        "Water, Glycerin, Sodium Hyaluronate and Retinyl Palmitate, Phenoxyethanol", "RETINYL PALMITATE", 168),
    "a disclaimer glued to the last item": (
        "Water, Glycerin, Phenoxyethanol, Retinol Please be aware that ingredient lists may change", "RETINOL", 168),
    "a product name glued to the first item": (
        "Time in a Bottle: Water, Glycerin, Salicylic Acid, Phenoxyethanol", "SALICYLIC ACID", 168),
    "a colour with 'No.'": (
        "Ricinus Communis Seed Oil, Cera Alba, D&C Red No. 27 Aluminum Lake, Tocopherol", "CI 45410", 24),
    "a percentage, a stray full stop, then a slash synonym": (
        "Octocrylene 2.0% . Water/Aqua/Eau, Glycerin", "OCTOCRYLENE", 336),
    "a sentence-style list whose full stop follows a number": (
        "Water, Polysorbate 60. Glycerin, Salicylic Acid", "SALICYLIC ACID", 168),
    "a line break where the photo lost a comma": (
        "Aqua, Glycerin, Squalane, Dimethicone, Glycolic Acid\nPANTHENOL, Carbomer", "GLYCOLIC ACID", 168),
    "full-width commas": ("Water，Glycerin，Retinol，Phenoxyethanol", "RETINOL", 168),
    "ideographic commas and a full-width semicolon": ("Water、Glycerin；Salicylic Acid、Phenoxyethanol",
                                                      "SALICYLIC ACID", 168),
    "a full stop in lower-case scraper text": (
        "water, glycerin, petrolatum. avobenzone, octocrylene", "BUTYL METHOXYDIBENZOYLMETHANE", 336),
    "a product's end glued to the next product's name": (
        "water, beeswax, geraniol.sugar mint lip treatment: water, glycerin", "GERANIOL", 168),
    "an escaped no-break space in a scraper list string": (
        "['water', 'glycerin', '\\xa0retinol', 'phenoxyethanol']", "RETINOL", 168),
    "a trade blend written with '(and)'": (
        "Water, Glycerin, Phenoxyethanol (and) Ethylhexylglycerin, Parfum", "ETHYLHEXYLGLYCERIN", 168),
    "a name split by a stray comma": ("Water, Retinyl, Palmitate, Glycerin", "RETINYL PALMITATE", 168),
    "a chemical name split at its slash by a stray comma": (
        "Water, Caprylic, Capric Triglyceride, Glycerin, Glycolic Acid", "CAPRYLIC/CAPRIC TRIGLYCERIDE", 168),
    "two words glued together": ("water, retinylpalmitate, glycerin", "RETINYL PALMITATE", 168),
    "an isomer prefix in brackets": ("Water, L (+) Lactic Acid, Glycerin", "LACTIC ACID", 168),
    "a legend glued to the last item": ("Water, Glycerin, Eugenol*. *Plant origin.", "EUGENOL", 168),
    "a nested blend": (
        "Water, Witch Hazel Extract Blend (Hamamelis Virginiana Extract (Witch Hazel*), "
        "Aloe Barbadensis Leaf Juice), Glycerin", "HAMAMELIS VIRGINIANA EXTRACT", 168),
    "a key-ingredient blurb with no list beside it": (
        "-4% Glycolic Acid Complex: Helps to exfoliate dead surface skin cells. -Allantoin: Helps soothe "
        "and calm the skin. -2% Salicylic Acid (BHA): Helps loosen sebum within the pores.", "SALICYLIC ACID", 168),
    "a list typed with no commas": (
        "aqua glycerin cetearyl alcohol dimethicone retinol phenoxyethanol tocopherol", "RETINOL", 168),
}


@pytest.mark.parametrize("text, inci, wait", READ.values(), ids=READ.keys())
def test_every_list_and_item_is_read(text, inci, wait):
    assert inci in incis(text)
    assert hours(text) == wait
    assert unaccounted(text) == ""


def test_drug_facts_actives_and_inactives_are_two_components_of_one_product():
    report = check_label(READ["drug-facts actives before the inactives"][0])
    assert [c.name for c in report.components] == ["active ingredients", "inactive ingredients"]
    assert report.components[0].safe_after_hours == 336 and report.deciding_component == "active ingredients"
    assert not any("kit" in w for w in report.verdict.warnings)  # one product, not a kit
    assert [(k.text, k.reason) for k in report.skipped] == [("Inactive:", "heading")]


def test_a_kit_names_its_lists_and_the_one_that_decides():
    report = check_label(READ["a kit's first product before its first heading"][0])
    assert [(c.name, c.safe_after_hours) for c in report.components] == [("list 1", 168), ("Hydra Serum 1 oz", 24)]
    assert report.deciding_component == "list 1"
    assert ("Hydra Serum 1 oz", "product name") in [(k.text, k.reason) for k in report.skipped]
    assert any("2 ingredient lists" in w for w in report.verdict.warnings)


# label, the skipped text, its reason
SKIPPED = {
    "a product name above the heading": ("Night Cream 50ml\nIngredients: Aqua, Glycerin", "Night Cream 50ml",
                                         "product name"),
    "directions after the list": ("Ingredients: Aqua, Glycerin. Directions: apply at night.",
                                  "Directions: apply at night.", "directions"),
    "a disclaimer": ("Aqua, Retinol. Please be aware that ingredient lists may change.",
                     "Please be aware that ingredient lists may change.", "disclaimer"),
    "a footnote legend": ("Aqua, Glycerin, Aloe Barbadensis Leaf Juice*. *Certified organic", "*Certified organic",
                          "footnote legend"),
    "a footnote legend before a pasted label's last line break": (
        "Aqua, Glycerin, Citrus Limon (Lemon) Peel Oil*, Phenoxyethanol. *Essential Oil.\n", "*Essential Oil.",
        "footnote legend"),
    "two bilingual legends as the last item, no full stop": (
        "Aqua, Glycerin*, Butyrospermum Parkii Butter**, Phenoxyethanol, *organic/biologique **vegan/végétalien",
        "*organic/biologique", "footnote legend"),
    "a claim": ("Aqua, Glycerin, Panthenol. Fragrance free.", "Fragrance free.", "claim"),
    "a marketing sentence": ("Aqua, Glycerin, a wonderful formula that makes your skin glow every day, Panthenol",
                             "a wonderful formula that makes your skin glow every day", "prose"),
    "a formula code after the list": ("Water, Glycerin, Tocopherol, Ascorbyl Palmitate. D227948/1.", "D227948/1.",
                                      "batch code"),
    "a formula code glued in lower case": ("Water, Glycerin, Tocopherol, ascorbyl palmitate. d227948/1.",
                                           ". d227948/1.", "batch code"),
    "a drug-facts purpose": ("Active: 1% Salicylic Acid, Acne Treatment. Inactive: Water, Glycerin",
                             "Acne Treatment.", "drug facts purpose"),
}


@pytest.mark.parametrize("text, shown, reason", SKIPPED.values(), ids=SKIPPED.keys())
def test_text_that_is_not_read_is_skipped_with_its_reason(text, shown, reason):
    report = check_label(text)
    assert (shown, reason) in [(k.text, k.reason) for k in report.skipped]
    assert unaccounted(text) == ""
    for k in report.skipped:
        assert text[k.start:k.end].split() == k.text.split()  # the span is where the text is


def test_a_legend_is_no_ingredient_whatever_follows_the_list():
    """A real label ends "... Phenoxyethanol. *Essential Oil."; pasted or read from a file it ends with a
    line break, which once hid the legend, and "Essential Oil" was counted as an ingredient."""
    for end in ("", "\n", " \n\n", "\r\n"):
        text = "Aqua, Glycerin, Citrus Limon (Lemon) Peel Oil*, Phenoxyethanol. *Essential Oil." + end
        assert incis(text) == incis(text.rstrip()), repr(end)
        assert "ESSENTIAL OIL" not in incis(text), repr(end)


def test_a_long_run_with_no_commas_is_not_named_by_a_bracket_inside_it():
    run = ("Mica Titanium Dioxide (CI 77891) Tin Oxide Silica Dimethicone Tocopherol Retinol Caprylyl Glycol "
           "Phenoxyethanol Iron Oxides (CI 77491)")
    found = incis(f"Water, {run}")
    assert "RETINOL" in found and "MICA" in found and found.count("CI 77891") <= 1


def test_parentheses_that_describe_a_read_name_are_not_items():
    text = "Water, Butyrospermum Parkii (Shea, Karite) Butter, Glycerin"
    assert incis(text) == ["WATER", "BUTYROSPERMUM PARKII BUTTER", "GLYCERIN"]
    assert not check_label(text).verdict.unknown
    # a real sub-list still gives one item per part
    assert incis("Water, Fragrance (Limonene, Linalool)") == ["WATER", "PARFUM", "LIMONENE", "LINALOOL"]


def test_a_sentence_that_says_an_ingredient_is_absent_does_not_count_it():
    text = "Water, Glycerin, Panthenol, this gentle formula does not contain retinol or any acid at all"
    assert "RETINOL" not in incis(text) and hours(text) == 24
    report = check_label(text)
    assert [k.reason for k in report.skipped] == ["prose"]


def test_the_table_shows_skipped_text_that_names_an_ingredient_the_list_lacks():
    from ingredient_check.report import to_table

    c = get_classifier()
    report = check_label("Retinol Youth Serum: Water, Glycerin, Sodium Hyaluronate. Fragrance free.")
    table = to_table(report, c.sources, names_in=c.names_in)
    assert '"Fragrance free." (claim; names PARFUM)' in table
    assert '"Retinol Youth Serum:" (product name; names RETINOL)' in table


def test_the_json_lists_skipped_regions_and_components():
    from ingredient_check.report import to_json

    data = to_json(check_label(READ["a kit's first product before its first heading"][0]), get_classifier().sources)
    assert {"text": "Hydra Serum 1 oz", "span": [26, 42], "reason": "product name"} in data["skipped"]
    assert [c["name"] for c in data["components"]] == ["list 1", "Hydra Serum 1 oz"]
    assert data["components"][0]["deciding"][0]["inci"] == "RETINOL"


_WORDS = st.sampled_from(["Aqua", "Glycerin", "Retinol", "Ingredients:", "Directions:", "and", "(", ")", ",", ".",
                          "*", "may contain", "Step One:", "Inactive:", "free", "the", "with", "\n", "50ml",
                          "Parfum", "CI 77491", "%", "3", ":", "Water/Aqua/Eau", "[", "]", "&", "；", "(and)"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=40).map(" ".join))
def test_every_letter_and_digit_is_accounted_for(text):
    if not text.strip():
        return
    assert unaccounted(text) == ""


def test_parse_alone_accounts_for_every_character_of_a_kit():
    text = "Cleanser Ingredients: Water, Glycerin. Toner Ingredients: Water, Witch Hazel. Directions: mist."
    parsed = parse_label(text)
    assert [c.name for c in parsed.components] == ["Cleanser", "Toner"]
    assert [k.reason for k in parsed.skipped] == ["product name", "heading", "product name", "heading", "directions"]


def test_a_set_of_products_named_before_their_lists_gives_one_list_each():
    text = ("Brightening Day Serum: Water, Glycerin, Ascorbic Acid, Phenoxyethanol. "
            "Barrier Night Cream: Water, Squalane, Ceramide NP, Phenoxyethanol")
    report = check_label(text)
    assert [(c.name, c.safe_after_hours) for c in report.components] == [
        ("Brightening Day Serum", 168), ("Barrier Night Cream", 24)]
    assert report.deciding_component == "Brightening Day Serum"
    assert [k.reason for k in report.skipped] == ["product name", "product name"]
