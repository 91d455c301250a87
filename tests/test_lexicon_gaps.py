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
    # aliases.toml: chemical names of one CosIng ingredient (same CAS number)
    "silicon dioxide is silica": (
        "Aqua, Glycerin, Silicon Dioxide, Phenoxyethanol", "Silicon Dioxide", "SILICA", NEUTRAL, None),
    "sodium copper chlorophyllin": (
        "Aqua, Glycerin, Sodium Copper Chlorophyllin, Phenoxyethanol", "Sodium Copper Chlorophyllin",
        "CHLOROPHYLLIN-COPPER COMPLEX", NEUTRAL, None),
    "l-alanyl-l-glutamine": (
        "Aqua, Glycerin, L-Alanyl-L-Glutamine, Sodium Benzoate", "L-Alanyl-L-Glutamine", "ALANYL GLUTAMINE", NEUTRAL, None),
    "tris buffer with spaced parentheses": (
        "Aqua, Carbomer, Tris (Hydroxymethyl) Aminomethane, Phenoxyethanol", "Tris (Hydroxymethyl) Aminomethane",
        "TROMETHAMINE", NEUTRAL, None),
    "dmae with its abbreviation": (
        "Aqua, Glycerin, Dimethylaminoethanol (DMAE), Tocopherol", "Dimethylaminoethanol (DMAE)", "DIMETHYL MEA",
        NEUTRAL, None),
    "cetyl stearyl alcohol is a fatty alcohol": (
        "Aqua, Cetyl Stearyl Alcohol, Glycerin", "Cetyl Stearyl Alcohol", "CETEARYL ALCOHOL", NEUTRAL, None),
    "behenyl trimethyl ammonium chloride": (
        "Aqua, Cetearyl Alcohol, Behenyl Trimethyl Ammonium Chloride", "Behenyl Trimethyl Ammonium Chloride",
        "BEHENTRIMONIUM CHLORIDE", NEUTRAL, None),
    "monosodium phosphate buffer": (
        "Aqua, Glycerin, Monosodium Phosphate, Disodium Phosphate", "Monosodium Phosphate", "SODIUM PHOSPHATE",
        NEUTRAL, None),
    "n-acetyl glucosamine": (
        "Aqua, Niacinamide, N-Acetyl Glucosamine, Glycerin", "N-Acetyl Glucosamine", "ACETYL GLUCOSAMINE", NEUTRAL, None),
    "tartrazine is yellow 5": (
        "Aqua, Glycerin, Phenoxyethanol, Tartrazine", "Tartrazine", "CI 19140", NEUTRAL, None),
    "red iron oxides with a descriptor": (
        "Mica, Talc, Red Iron Oxides (Mineral), Yellow Iron Oxides (Mineral)", "Red Iron Oxides (Mineral)", "CI 77491",
        NEUTRAL, None),
    # aliases.toml: peptides under their former INCI names
    "matrixyl's former name": (
        "Aqua, Glycerin, Palmitoyl Pentapeptide-3, Phenoxyethanol", "Palmitoyl Pentapeptide-3", "PALMITOYL PENTAPEPTIDE-4",
        NEUTRAL, None),
    "rigin's former name": (
        "Aqua, Butylene Glycol, Palmitoyl Oligopeptide, Palmitoyl Tetrapeptide-3", "Palmitoyl Tetrapeptide-3",
        "PALMITOYL TETRAPEPTIDE-7", NEUTRAL, None),
    # aliases.toml: trade names with the INCI printed beside them
    "leucidal with its ferment": (
        "Aqua, Glycerin, Leucidal (Radish Root Ferment), Xanthan Gum", "Leucidal (Radish Root Ferment)",
        "LEUCONOSTOC/RADISH ROOT FERMENT FILTRATE", NEUTRAL, None),
    "cbd isolate": (
        "Squalane, Caprylic/Capric Triglyceride, CBD Isolate, Tocopherol", "CBD Isolate",
        "CANNABIDIOL - DERIVED FROM EXTRACT OR TINCTURE OR RESIN OF CANNABIS", NEUTRAL, None),
    # aliases.toml: botanical label spellings with one CosIng reading
    "shea nut butter, latin name": (
        "Aqua, Butyrospermum Parkii (Shea) Nut Butter, Glycerin", "Butyrospermum Parkii (Shea) Nut Butter",
        "BUTYROSPERMUM PARKII BUTTER", NEUTRAL, None),
    "cocoa butter without the part": (
        "Theobroma Cacao (Cocoa) Butter, Cera Alba, Tocopherol", "Theobroma Cacao (Cocoa) Butter",
        "THEOBROMA CACAO SEED BUTTER", NEUTRAL, None),
    "jojoba under its old latin name": (
        "Buxus Chinensis (Jojoba) Oil, Tocopherol", "Buxus Chinensis (Jojoba) Oil", "SIMMONDSIA CHINENSIS SEED OIL",
        NEUTRAL, None),
    "pracaxi oil without the part": (
        "Pentaclethra Macroloba Oil, Squalane, Tocopherol", "Pentaclethra Macroloba Oil", "PENTACLETHRA MACROLOBA SEED OIL",
        NEUTRAL, None),
    "carnauba written latin first": (
        "Ricinus Communis Seed Oil, Cera Carnauba, Cera Alba", "Cera Carnauba", "COPERNICIA CERIFERA CERA", NEUTRAL, None),
    "soybean sterols": (
        "Aqua, Glycerin, Soybean Sterols, Tocopherol", "Soybean Sterols", "GLYCINE SOJA STEROLS", NEUTRAL, None),
    "rosemary leaf water is a hydrosol": (
        "Rosemary Leaf Water, Glycerin, Sodium Benzoate", "Rosemary Leaf Water", "ROSMARINUS OFFICINALIS LEAF WATER",
        NEUTRAL, None),
    "peppermint leaf extract is not the oil": (
        "Aqua, Glycerin, Peppermint Leaf Extract, Phenoxyethanol", "Peppermint Leaf Extract",
        "MENTHA PIPERITA LEAF EXTRACT", NEUTRAL, None),
    "red clover extract, partless CosIng name": (
        "Aqua, Glycerin, Red Clover Extract, Phenoxyethanol", "Red Clover Extract", "TRIFOLIUM PRATENSE EXTRACT",
        NEUTRAL, None),
    "irish moss extract": (
        "Aqua, Irish Moss Extract, Glycerin", "Irish Moss Extract", "CHONDRUS CRISPUS EXTRACT", NEUTRAL, None),
    "myrtle extract is not myrtle oil": (
        "Aqua, Glycerin, Myrtle Extract, Sodium Benzoate", "Myrtle Extract", "MYRTUS COMMUNIS EXTRACT", NEUTRAL, None),
    "calendula oil is an infused carrier": (
        "Helianthus Annuus Seed Oil, Calendula Oil, Tocopherol", "Calendula Oil", "CALENDULA OFFICINALIS FLOWER OIL",
        NEUTRAL, None),
    "carbomer with its grade": (
        "Aqua, Glycerin, Carbomer 940, Triethanolamine", "Carbomer 940", "CARBOMER", NEUTRAL, None),
    "lauric arginate": (
        "Aqua, Glycerin, Lauric Arginate, Sodium Benzoate", "Lauric Arginate", "ETHYL LAUROYL ARGINATE HCL", NEUTRAL, None),
    "phenoxy ethanol spaced": (
        "Aqua, Glycerin, Phenoxy Ethanol, Ethylhexylglycerin", "Phenoxy Ethanol", "PHENOXYETHANOL", NEUTRAL, None),
    "methyl cellulose spaced": (
        "Aqua, Methyl Cellulose, Glycerin", "Methyl Cellulose", "METHYLCELLULOSE", NEUTRAL, None),
    "us colour name with No.": (
        "Aqua, Glycerin, Phenoxyethanol, FD&C Yellow No. 5, FD&C Blue No. 1", "FD&C Yellow No. 5", "CI 19140",
        NEUTRAL, None),
    "copolymer written with spaces": (
        "Aqua, Glycerin, Hydroxyethyl Acrylate/Sodium Acryloyl Dimethyl Taurate Copolymer, Squalane",
        "Hydroxyethyl Acrylate/Sodium Acryloyl Dimethyl Taurate Copolymer",
        "HYDROXYETHYL ACRYLATE/SODIUM ACRYLOYLDIMETHYL TAURATE COPOLYMER", NEUTRAL, None),
    "prickly pear flower extract without the hyphen": (
        "Aqua, Hydrolyzed Opuntia Ficus Indica Flower Extract, Glycerin", "Hydrolyzed Opuntia Ficus Indica Flower Extract",
        "HYDROLYZED OPUNTIA FICUS-INDICA FLOWER EXTRACT", NEUTRAL, None),
    "alkyl benzoate with both carbon numbers": (
        "Aqua, C12-C15 Alkyl Benzoate, Glycerin", "C12-C15 Alkyl Benzoate", "C12-15 ALKYL BENZOATE", NEUTRAL, None),
    "watermelon seed oil under the old latin name": (
        "Citrullus Vulgaris (Watermelon) Seed Oil, Squalane", "Citrullus Vulgaris (Watermelon) Seed Oil",
        "CITRULLUS LANATUS SEED OIL", NEUTRAL, None),
    # irritants.toml / soothing.toml synonyms: an irritant's or soothing ingredient's other label names
    "limonene with the isomer after": (
        "Aqua, Glycerin, Parfum, Linalool, Limonene-D", "Limonene-D", "LIMONENE", IRR, "fragrance"),
    "alpha-arbutin abbreviated": (
        "Aqua, Niacinamide, A-Arbutin, Glycerin", "A-Arbutin", "ALPHA-ARBUTIN", IRR, "depigmenting"),
    "sodium hyaluronic acid": (
        "Aqua, Glycerin, Sodium Hyaluronic Acid, Phenoxyethanol", "Sodium Hyaluronic Acid", "SODIUM HYALURONATE",
        SOOTH, "hyaluronic"),
    "dexpanthenol, pharmacopoeia latin": (
        "Aqua, Glycerin, Dexpanthenolum, Alcohol Cetylicus", "Dexpanthenolum", "PANTHENOL", SOOTH, "panthenol"),
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
    "rosehip oil without the part stays a carrier": (
        "Rosa Canina (Rosehip) Oil, Tocopherol", "Rosa Canina (Rosehip) Oil", NEUTRAL, None),
    "broccoli seed oil is a carrier": (
        "Brassica Oleracea Italica (Broccoli) Seed Oil, Squalane", "Brassica Oleracea Italica (Broccoli) Seed Oil",
        NEUTRAL, None),
    "rosemary leaf water is not rosemary oil": (
        "Rosmarinus Officinalis Leaf Water, Glycerin", "Rosmarinus Officinalis Leaf Water", NEUTRAL, None),
    "peppermint leaf extract is not peppermint oil": (
        "Aqua, Mentha Piperita Leaf Extract, Glycerin", "Mentha Piperita Leaf Extract", NEUTRAL, None),
    "silica stays neutral (not a scrub by its new name)": (
        "Aqua, Dimethicone, Silicon Dioxide, Glycerin", "Silicon Dioxide", NEUTRAL, None),
    "trans-resveratrol is an antioxidant": (
        "Aqua, Glycerin, Trans-Resveratrol, Tocopherol", "Trans-Resveratrol", NEUTRAL, None),
    "arnica oil is an infused carrier": (
        "Arnica Oil, Helianthus Annuus Seed Oil, Tocopherol", "Arnica Oil", NEUTRAL, None),
    "nettle extract is not an astringent": (
        "Aqua, Nettle Extract, Glycerin", "Nettle Extract", NEUTRAL, None),
    "sea salt low in a cream is not a scrub": (
        "Aqua, Glycerin, Cetearyl Alcohol, Squalane, Sicilian Sea Salt, Phenoxyethanol", "Sicilian Sea Salt", NEUTRAL, None),
    "rosemary extract is not an essential oil": (
        "Aqua, Rosemary Leaf Extract, Glycerin", "Rosemary Leaf Extract", NEUTRAL, None),
}


@pytest.mark.parametrize(("label", "item", "inci", "role", "category"), list(READS.values()), ids=list(READS))
def test_real_label_name_is_read(label, item, inci, role, category):
    ing = find(label, item)
    assert (ing.inci, ing.role, ing.category) == (inci, role, category), f"{item}: {ing.match} {ing.entry}"


@pytest.mark.parametrize(("label", "item", "role", "category"), list(TRAPS.values()), ids=list(TRAPS))
def test_neighbour_stays_apart(label, item, role, category):
    ing = find(label, item)
    assert (ing.role, ing.category) == (role, category), f"{item}: {ing.inci} {ing.match} {ing.entry}"


def test_sea_salt_first_in_a_scrub_is_the_scrub_base():
    """The alias brings a printed salt under the scrub-base rule of position.toml, as "Sea Salt" is."""
    ing = find("Sicilian Sea Salt, Prunus Amygdalus Dulcis Oil, Tocopherol", "Sicilian Sea Salt")
    assert (ing.inci, ing.role, ing.category) == ("MARIS SAL", IRR, "physical_exfoliant")


def test_alcohol_absolute_is_not_a_perfume_absolute():
    """Pure ethanol is sold as "alcohol absolute": the absolute rule must not call it a fragrance."""
    ing = find("Alcohol Absolute, Aqua, Glycerin", "Alcohol Absolute")
    assert ing.category != "fragrance"


def test_no_alias_names_an_irritant_or_soothing_ingredient():
    """aliases.toml is for neutral ingredients only: an irritant's or a soothing ingredient's other
    names belong in its entry's synonyms (where they carry its reason and sources). A label name that
    would read straight into an irritant class must be decided in that entry, not slipped in as a
    spelling. (Position rules still apply to an alias: jojoba esters first in a list are a scrub.)"""
    from ingredient_check.classify import get_classifier
    from ingredient_check.lexicon import load_lexicons

    classifier = get_classifier()
    classed = []
    for name, inci in load_lexicons().aliases.items():
        hit = classifier.resolve_exact(inci)
        if hit is not None and classifier.classes.get(str(hit.index)):
            classed.append((name, inci, classifier.classes[str(hit.index)]))
    assert classed == []
