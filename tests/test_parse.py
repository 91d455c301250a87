"""parse: finding the list and splitting it, on the shapes real labels take."""

from __future__ import annotations

import pytest

from ingredient_check.check import check_label
from ingredient_check.parse import looks_like_prose, parse_label


def names(text: str) -> list[str]:
    return [i.name for i in parse_label(text).items]


SPLIT_CASES = [
    ("commas", "Aqua, Glycerin, Retinol", ["Aqua", "Glycerin", "Retinol"]),
    ("semicolons", "Aqua; Glycerin; Retinol", ["Aqua", "Glycerin", "Retinol"]),
    ("newlines", "Aqua\nGlycerin\nRetinol", ["Aqua", "Glycerin", "Retinol"]),
    ("bullets", "• Aqua • Glycerin • Retinol", ["Aqua", "Glycerin", "Retinol"]),
    ("dash bullets", "- Aqua\n- Glycerin\n- Retinol", ["Aqua", "Glycerin", "Retinol"]),
    ("pipes", "Aqua | Glycerin | Retinol", ["Aqua", "Glycerin", "Retinol"]),
    ("digit comma kept", "Aqua, 1,2-Hexanediol, Glycerin", ["Aqua", "1,2-Hexanediol", "Glycerin"]),
    ("comma inside parentheses", "Fragrance (Limonene, Linalool), Glycerin", ["Fragrance", "Glycerin"]),
    ("comma inside brackets", "Mica [CI 77019, CI 77891], Talc", ["Mica", "Talc"]),
    ("common name in parentheses", "Citrus Aurantium Dulcis (Orange) Peel Oil, Aqua (Water)",
     ["Citrus Aurantium Dulcis Peel Oil", "Aqua"]),
    ("slash synonyms stay one item", "Parfum/Fragrance, Caprylic/Capric Triglyceride",
     ["Parfum/Fragrance", "Caprylic/Capric Triglyceride"]),
    ("percentages", "Niacinamide 10%, Zinc PCA (1%), Aqua", ["Niacinamide", "Zinc PCA", "Aqua"]),
    ("footnote marks and trademarks", "Aqua*, Glycerin**, Matrixyl™ 3000, Shea Butter†", ["Aqua", "Glycerin", "Matrixyl 3000", "Shea Butter"]),
    ("trailing full stop", "Aqua, Glycerin, Limonene.", ["Aqua", "Glycerin", "Limonene"]),
    ("full stop between items", "Aqua. Glycerin. Limonene", ["Aqua", "Glycerin", "Limonene"]),
    ("alcohol denat. keeps its dot", "Aqua, Alcohol Denat., Glycerin", ["Aqua", "Alcohol Denat", "Glycerin"]),
    ("glued active header", "Octocrylene 5.0%Water, Glycerin", ["Octocrylene", "Water", "Glycerin"]),
    ("html entities", "Aqua &amp; Glycerin, Tocopherol &#40;Vitamin E&#41;", ["Aqua & Glycerin", "Tocopherol"]),
    ("zero-width characters", "Aqua,\u200b Capric/\u200bCaprylic Triglyceride", ["Aqua", "Capric/Caprylic Triglyceride"]),
    ("hard wrap inside a name", "Aqua, Caprylic/Capric\nTriglyceride, Glycerin, Dimethicone",
     ["Aqua", "Caprylic/Capric Triglyceride", "Glycerin", "Dimethicone"]),
    ("one item per line with trailing commas", "Aqua,\n    Glycerin,\n    Retinol,", ["Aqua", "Glycerin", "Retinol"]),
    ("scraper list string", "['aqua (water', ' eau)', ' 1', '2-hexanediol', ' glycerin']", ["aqua", "1,2-hexanediol", "glycerin"]),
    ("scraper marker", "Aqua,\n [more]Glycerin", ["Aqua", "Glycerin"]),
    ("unbalanced parenthesis", "Aqua (Water, Glycerin, Retinol", ["Aqua", "Glycerin", "Retinol"]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in SPLIT_CASES], ids=[c[0] for c in SPLIT_CASES])
def test_split(text, expected):
    assert names(text) == expected


REGION_CASES = [
    ("heading and directions",
     "Ingredients: Aqua, Retinol\nDirections: apply at night.", ["Aqua", "Retinol"]),
    ("INCI heading", "INCI: Aqua, Glycerin", ["Aqua", "Glycerin"]),
    ("French heading", "Ingrédients : Aqua, Glycerin", ["Aqua", "Glycerin"]),
    ("heading on its own line", "Ingredients\nAqua, Glycerin", ["Aqua", "Glycerin"]),
    ("sephora disclaimer",
     "Aqua, Glycerin. Please be aware that ingredient lists may change or vary from time to time.", ["Aqua", "Glycerin"]),
    ("active and inactive panels",
     "Active Ingredients: Avobenzone 3%, Homosalate 10%\nInactive Ingredients: Water, Fragrance",
     ["Avobenzone", "Homosalate", "Water", "Fragrance"]),
    ("organic footnote line", "Aqua, Aloe Barbadensis Leaf Juice*\n*Certified organic ingredient", ["Aqua", "Aloe Barbadensis Leaf Juice"]),
    ("warnings panel", "Water, Glycerin\nWarnings: For external use only.", ["Water", "Glycerin"]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in REGION_CASES], ids=[c[0] for c in REGION_CASES])
def test_region(text, expected):
    assert names(text) == expected


def test_may_contain_section_marks_following_items():
    items = parse_label("Talc, Mica, May Contain (+/-): CI 77491, CI 77492").items
    assert [(i.name, i.may_contain) for i in items] == [
        ("Talc", False), ("Mica", False), ("CI 77491", True), ("CI 77492", True)]


@pytest.mark.parametrize("marker", ["[+/-]", "+/-", "(+/-)", "May Contain:", "may contain / peut contenir:",
                                    ". (may contain / peut contenir):"])
def test_may_contain_markers(marker):
    items = parse_label(f"Talc, Mica {marker} CI 77491, CI 77492").items
    assert [i.may_contain for i in items] == [False, False, True, True]
    assert items[2].name == "CI 77491"


def test_sublist_in_parentheses():
    item = parse_label("Fragrance (Limonene, Linalool)").items[0]
    assert item.sublist and item.alts == ("Limonene", "Linalool")


def test_percent_is_kept():
    assert parse_label("Niacinamide 10%").items[0].percent == 10.0


@pytest.mark.parametrize("text", [
    "Aqua (Water), Glycerin, Parfum/Fragrance, Cetyl Alcohol",
    "Ingredients: Aqua, Glycerin*, Limonene.\nDirections: use daily",
    "Water &amp; Glycerin, Tocopherol &#40;Vitamin E&#41;, Retinol",
])
def test_spans_point_into_the_input(text):
    for item in parse_label(text).items:
        assert text[item.start:item.end] == item.text


def test_list_string_spans_cover_the_pieces():
    text = "['aqua (water', ' eau)', ' glycerin']"
    items = parse_label(text).items
    assert items[0].text == "aqua (water, eau)"
    assert text[items[0].start:items[0].end] == "aqua (water', ' eau)"
    assert text[items[1].start:items[1].end] == "glycerin"


@pytest.mark.parametrize("text", ["Visit the Perricone MD boutique", "No Info", "N/A", "  -  "])
def test_fields_with_no_list(text):
    parsed = parse_label(text)
    assert parsed.items == ()
    assert parsed.warnings


def test_marketing_prose_is_not_an_ingredient():
    text = "This rich cream helps your skin feel soft and smooth all day long."
    parsed = parse_label(text)
    assert parsed.items == ()
    # the check reads prose by what it names (here nothing): skipped, with a warning
    report = check_label(text)
    assert [k.reason for k in report.skipped] == ["prose"]
    assert any("prose" in w for w in report.verdict.warnings)


@pytest.mark.parametrize("segment,prose", [
    ("Caprylic/Capric Triglyceride", False),
    ("Hydrolyzed Wheat Protein/PVP Crosspolymer", False),
    ("Citrus Aurantium Dulcis (Orange) Peel Oil", False),
    ("Apply a small amount to clean skin", True),
    ("Retinol 1%: improves the look of fine lines and wrinkles", True),
])
def test_prose_detector(segment, prose):
    assert looks_like_prose(segment) is prose


def test_kit_with_two_lists_warns():
    parsed = parse_label("Cleanser Ingredients: Aqua, Glycerin\nToner Ingredients: Aqua, Alcohol Denat.")
    assert parsed.lists == 2
    assert any("kit" in w for w in parsed.warnings)
    assert [i.name for i in parsed.items] == ["Aqua", "Glycerin", "Aqua", "Alcohol Denat"]


def test_kit_parts_are_numbered_and_drug_facts_panels_are_not_a_new_part():
    kit = parse_label("Step 1 Peel: Silica, Sodium Bicarbonate. Step 2 Activator: Water, Lactic Acid")
    assert [(i.name, i.part) for i in kit.items] == [
        ("Silica", 0), ("Sodium Bicarbonate", 0), ("Water", 1), ("Lactic Acid", 1)]
    # a drug-facts panel: actives and inactives are two components of one product (each its own 1%
    # line), not a kit
    panel = parse_label("Active Ingredients: Avobenzone 3%\nInactive Ingredients: Water, Glycerin")
    assert [(i.name, i.part) for i in panel.items] == [("Avobenzone", 0), ("Water", 1), ("Glycerin", 1)]
    assert [c.kind for c in panel.components] == ["actives", "inactives"] and panel.lists == 1
    assert not panel.warnings


def names(text: str) -> list[str]:
    return [i.name for i in parse_label(text).items]


def test_a_full_stop_after_parentheses_ends_an_item():
    # lists printed as sentences (a LookFantastic Avène page): each ". Capital" is a separator
    text = "Avene Thermal Spring Water (Avene Aqua). Mineral Oil (Paraffinum Liquidum). Fragrance (Parfum). Glycerin"
    assert names(text) == ["Avene Thermal Spring Water", "Mineral Oil", "Fragrance", "Glycerin"]
    # ...while initials and abbreviations do not end one
    assert names("Aqua, C.I. 77491, Alcohol Denat. Glycerin") == ["Aqua", "C.I. 77491", "Alcohol Denat. Glycerin"]


@pytest.mark.parametrize(("text", "first"), [
    ("C-Firma™ Day Serum: Water, Glycerin, Retinol", "Water"),
    ("Retinol Youth Renewal Night Cream: Water, Glycerin", "Water"),
    ("Step One: VP/VA Copolymer, Aqua", "VP/VA Copolymer"),
    ("Juju Bar: Sodium Coco-Sulfate, Glycerin", "Sodium Coco-Sulfate"),
    ("Umbra™ Sheer Physical Daily Defense SPF 30: Zinc Oxide 20%, Aqua", "Zinc Oxide"),
])
def test_a_product_name_before_its_list_is_not_part_of_the_first_item(text, first):
    assert names(text)[0] == first


@pytest.mark.parametrize("text", [
    "Sclerocarya Birrea Seed Oil: antioxidant, Aqua",  # an ingredient's form word is not a product type
    "Butyrospermum Parkii Butter: emollient, Aqua",
])
def test_an_ingredient_before_a_colon_is_not_taken_for_a_product_name(text):
    assert names(text)[0].split(":")[0] == text.split(":")[0]  # the ingredient, not "antioxidant"


def test_a_footnote_legend_after_the_list_is_not_an_ingredient():
    parsed = parse_label("Aqua, Glycerin, Red 33 (CI 17200). *Allergen.")
    assert [i.name for i in parsed.items] == ["Aqua", "Glycerin", "Red 33"]
    assert [(k.text, k.reason) for k in parsed.skipped] == [("*Allergen.", "footnote legend")]
    assert names("Aqua, Iron Oxides (CI 77491). *Pitera™.") == ["Aqua", "Iron Oxides"]
    assert names("*Aqua, *Glycerin") == ["Aqua", "Glycerin"]  # a leading mark on a real name stays an item


# The simple-list test (parse.is_simple) stands for one regular expression, NOT_SIMPLE_PATTERN, which
# it runs in cheaper pieces (substring scans on ASCII text). A region it calls simple is split at its
# commas alone, so a disagreement would split a label the general scanner reads otherwise.
SIMPLE_CASES = [
    ("plain list", "Aqua, Glycerin, Sodium Hyaluronate", True),
    ("common names in parentheses", "Prunus Armeniaca (Apricot) Kernel Oil, CI 77891 (Titanium Dioxide)", True),
    ("digit comma digit", "Aqua, 1,2-Hexanediol, Glycerin", True),
    ("semicolon", "Aqua; Glycerin", False),
    ("line break", "Aqua,\nGlycerin", False),
    ("carriage return", "Aqua,\r Glycerin", False),
    ("pipe", "Aqua | Glycerin", False),
    ("brackets", "Mica, [+/- CI 77891]", False),
    ("braces", "Aqua {Water}, Glycerin", False),
    ("percentage", "Niacinamide 10%, Aqua", False),
    ("bullet", "Aqua \u2022 Glycerin", False),
    ("middle dot", "Aqua \u00b7 Glycerin", False),
    ("bullet operator", "Aqua \u2219 Glycerin", False),
    ("black circle", "Aqua \u25cf Glycerin", False),
    ("small square", "Aqua \u25aa Glycerin", False),
    ("full stop before a word", "Aqua. Glycerin", False),
    ("abbreviation glued", "Alcohol Denat.Aqua", False),
    ("abbreviation at the end", "Aqua, Alcohol Denat.", True),
    ("may contain", "Aqua, May Contain Mica", False),
    ("plus minus", "Aqua, +/- Mica", False),
    ("digit comma space digit", "Steareth-20, 3-O-Ethyl Ascorbic Acid", False),
    ("accented plain list", "Aqua, Extrait de Rosé, Glycérine", True),
    ("accented with semicolon", "Glycérine; Aqua", False),
    ("arabic digits", "Peg-\u0663, \u0663 Glycerin", False),
]


@pytest.mark.parametrize("region,simple", [c[1:] for c in SIMPLE_CASES], ids=[c[0] for c in SIMPLE_CASES])
def test_is_simple_agrees_with_its_pattern(region, simple):
    import re

    from ingredient_check.parse import NOT_SIMPLE_PATTERN, is_simple

    assert (re.search(NOT_SIMPLE_PATTERN, region) is None) is simple
    assert is_simple(region) is simple


@pytest.mark.parametrize("ascii_label", [True, False], ids=["ascii", "unicode"])
def test_is_simple_agrees_with_its_pattern_on_every_character(ascii_label):
    """Each character of the first 0x2600 code points, inside an ASCII list and a list with an accent
    (is_simple scans those two kinds of text two ways): a separator it missed would send a list
    printed with bullets or semicolons down the comma-only path."""
    import re

    from ingredient_check.parse import NOT_SIMPLE_PATTERN, is_simple

    pattern = re.compile(NOT_SIMPLE_PATTERN)
    for code in range(0x2600):
        region = f"Aqua, Glycerin{chr(code)} Niacinamide, " + ("Panthenol" if ascii_label else "Crème Extract")
        assert is_simple(region) is (pattern.search(region) is None), (hex(code), region)
