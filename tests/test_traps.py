"""Every false-positive trap of shared/spec/categories.md, and the positive side of every category.

Each case is a realistic label (written for these tests, not copied from a shop) and one item of it,
checked through the public API ``check_label``: the item's ``role`` and ``category``. A trap that
goes wrong here is the kind of mistake that teaches a user to ignore the checker (cetyl alcohol
flagged as "alcohol", jojoba as an essential oil); a missed positive is worse (a retinoid on
healing skin).

The last table holds mistakes found on real labels by ``bench/accuracy.py`` whose fix is in the code
(parsing, matching, classification), each marked ``xfail(strict=True)`` with the function to
change: they turn into plain regression tests once fixed.
"""

from __future__ import annotations

import re

import pytest

from ingredient_check.check import check_label
from ingredient_check.fold import fold

IRR, SOOTH, NEUTRAL = "irritant", "soothing", "neutral"


def _key(text: str) -> str:
    """An item's printed text without percentages, footnote marks and trailing full stops."""
    text = re.sub(r"\(?\s*\d{1,3}(?:[.,]\d+)?\s*%\s*\)?", " ", text)
    return fold(text).strip(" .*+")


def find(label: str, item: str):
    """The one ingredient of ``label`` printed as ``item``."""
    hits = [i for i in check_label(label).ingredients if _key(i.text) == _key(item)]
    assert len(hits) == 1, f"{item!r} found {len(hits)} times in {[i.text for i in check_label(label).ingredients]}"
    return hits[0]


def categories(label: str) -> set[str]:
    return {i.category for i in check_label(label).ingredients if i.category}


# (label, item, role, category)
TRAPS = {
    # retinoid: not bakuchiol, not palmitoyl peptides
    "bakuchiol is not a retinoid": ("Aqua, Squalane, Bakuchiol, Tocopherol, Phenoxyethanol", "Bakuchiol", NEUTRAL, None),
    "palmitoyl tripeptide-1": ("Aqua, Glycerin, Palmitoyl Tripeptide-1, Palmitoyl Tetrapeptide-7, Phenoxyethanol",
                               "Palmitoyl Tripeptide-1", NEUTRAL, None),
    "palmitoyl tetrapeptide-7": ("Aqua, Glycerin, Palmitoyl Tripeptide-1, Palmitoyl Tetrapeptide-7, Phenoxyethanol",
                                 "Palmitoyl Tetrapeptide-7", NEUTRAL, None),
    "palmitoyl pentapeptide-4 (matrixyl)": ("Aqua, Butylene Glycol, Palmitoyl Pentapeptide-4, Carbomer",
                                            "Palmitoyl Pentapeptide-4", NEUTRAL, None),
    # aha: not ferments, lactate salts, fatty acids, hyaluronic acid
    "lactobacillus ferment is not aha": ("Aqua, Lactobacillus Ferment, Glycerin, Phenoxyethanol", "Lactobacillus Ferment", NEUTRAL, None),
    "lactobacillus/soybean ferment extract": ("Aqua, Lactobacillus/Soybean Ferment Extract, Glycerin",
                                              "Lactobacillus/Soybean Ferment Extract", NEUTRAL, None),
    "sodium lactate (humectant)": ("Aqua, Glycerin, Sodium Lactate, Sodium PCA, Urea", "Sodium Lactate", NEUTRAL, None),
    "stearic acid": ("Aqua, Stearic Acid, Palmitic Acid, Glyceryl Stearate, Phenoxyethanol", "Stearic Acid", NEUTRAL, None),
    "palmitic acid": ("Aqua, Stearic Acid, Palmitic Acid, Glyceryl Stearate, Phenoxyethanol", "Palmitic Acid", NEUTRAL, None),
    "oleic acid": ("Aqua, Oleic Acid, Linoleic Acid, Tocopherol", "Oleic Acid", NEUTRAL, None),
    "linoleic acid": ("Aqua, Oleic Acid, Linoleic Acid, Tocopherol", "Linoleic Acid", NEUTRAL, None),
    "hyaluronic acid is soothing, not aha": ("Aqua, Hyaluronic Acid, Glycerin", "Hyaluronic Acid", SOOTH, "hyaluronic"),
    # bha: UV-filter and fragrance salicylates
    "ethylhexyl salicylate is a uv filter": ("Aqua, Homosalate, Ethylhexyl Salicylate, Octocrylene, Glycerin",
                                             "Ethylhexyl Salicylate", IRR, "chemical_uv_filter"),
    "octisalate is a uv filter": ("Active Ingredients: Octisalate 5%, Avobenzone 3%. Inactive Ingredients: Aqua, Glycerin",
                                  "Octisalate", IRR, "chemical_uv_filter"),
    "homosalate is a uv filter": ("Aqua, Homosalate, Ethylhexyl Salicylate, Octocrylene, Glycerin", "Homosalate", IRR, "chemical_uv_filter"),
    "benzyl salicylate is fragrance": ("Aqua, Glycerin, Parfum, Benzyl Salicylate, Linalool", "Benzyl Salicylate", IRR, "fragrance"),
    # drying_alcohol: fatty alcohols, benzyl and phenethyl alcohol
    "cetyl alcohol": ("Aqua, Cetyl Alcohol, Glycerin, Dimethicone", "Cetyl Alcohol", NEUTRAL, None),
    "cetearyl alcohol": ("Aqua, Cetearyl Alcohol, Ceteareth-20, Glycerin", "Cetearyl Alcohol", NEUTRAL, None),
    "stearyl alcohol": ("Aqua, Stearyl Alcohol, Glycerin", "Stearyl Alcohol", NEUTRAL, None),
    "behenyl alcohol": ("Aqua, Behenyl Alcohol, Glycerin", "Behenyl Alcohol", NEUTRAL, None),
    "lanolin alcohol": ("Petrolatum, Lanolin Alcohol, Paraffinum Liquidum", "Lanolin Alcohol", NEUTRAL, None),
    "myristyl alcohol": ("Aqua, Myristyl Alcohol, Glycerin", "Myristyl Alcohol", NEUTRAL, None),
    "benzyl alcohol (preservative)": ("Aqua, Glycerin, Benzyl Alcohol, Dehydroacetic Acid", "Benzyl Alcohol", NEUTRAL, None),
    "phenethyl alcohol": ("Aqua, Glycerin, Phenethyl Alcohol, Ethylhexylglycerin", "Phenethyl Alcohol", NEUTRAL, None),
    # essential_oil: carrier (fixed) oils and butters
    "jojoba seed oil": ("Simmondsia Chinensis (Jojoba) Seed Oil, Tocopherol", "Simmondsia Chinensis (Jojoba) Seed Oil", NEUTRAL, None),
    "jojoba oil (common name)": ("Jojoba Oil, Vitamin E", "Jojoba Oil", NEUTRAL, None),
    "argan kernel oil": ("Argania Spinosa Kernel Oil, Tocopherol", "Argania Spinosa Kernel Oil", NEUTRAL, None),
    "sunflower seed oil": ("Helianthus Annuus (Sunflower) Seed Oil, Tocopherol", "Helianthus Annuus (Sunflower) Seed Oil", NEUTRAL, None),
    "rosehip fruit oil is a carrier": ("Rosa Canina Fruit Oil, Tocopherol", "Rosa Canina Fruit Oil", NEUTRAL, None),
    "rosehip oil (common name)": ("Rosehip Oil, Tocopherol", "Rosehip Oil", NEUTRAL, None),
    "sweet almond oil": ("Prunus Amygdalus Dulcis (Sweet Almond) Oil, Tocopherol", "Prunus Amygdalus Dulcis (Sweet Almond) Oil", NEUTRAL, None),
    "squalane": ("Squalane, Caprylic/Capric Triglyceride", "Squalane", NEUTRAL, None),
    "olive fruit oil": ("Olea Europaea (Olive) Fruit Oil, Cera Alba", "Olea Europaea (Olive) Fruit Oil", NEUTRAL, None),
    "shea butter": ("Butyrospermum Parkii (Shea) Butter, Cocos Nucifera Oil", "Butyrospermum Parkii (Shea) Butter", NEUTRAL, None),
    "shea butter (common name)": ("Shea Butter, Coconut Oil, Beeswax", "Shea Butter", NEUTRAL, None),
    "'plant oil' on a label is not a part": ("Aqua, Sweet Almond Plant Oil, Glycerin", "Sweet Almond Plant Oil", "unknown", None),
    # chemical_uv_filter: mineral filters are neutral
    "zinc oxide": ("Zinc Oxide, Aqua, Caprylic/Capric Triglyceride, Glycerin", "Zinc Oxide", NEUTRAL, None),
    "titanium dioxide": ("Titanium Dioxide, Aqua, Dimethicone, Glycerin", "Titanium Dioxide", NEUTRAL, None),
    "ci 77891 (titanium dioxide)": ("Aqua, Mica, CI 77891, CI 77491", "CI 77891", NEUTRAL, None),
    # fuzzy matching snaps to the nearest REAL ingredient, never to the nearest irritant
    "glycerin": ("Aqua, Glycerin, Glycolic Acid", "Glycerin", NEUTRAL, None),
    "glycerine (UK spelling)": ("Aqua, Glycerine, Glycolic Acid", "Glycerine", NEUTRAL, None),
    "glycerin typo stays glycerin": ("Aqua, Glycerim, Niacinamide", "Glycerim", NEUTRAL, None),
    "glycolic acid beside glycerin": ("Aqua, Glycerin, Glycolic Acid", "Glycolic Acid", IRR, "aha"),
    "glycolic acid typo stays glycolic": ("Aqua, Glycolc Acid, Glycerin", "Glycolc Acid", IRR, "aha"),
    "cetyl alcohol typo stays cetyl alcohol": ("Aqua, Cetyl Alcohl, Glycerin", "Cetyl Alcohl", NEUTRAL, None),
}

# (label, item, expected INCI): names one letter apart must not be merged
INCI_CASES = {
    "methylisothiazolinone": ("Aqua, Methylchloroisothiazolinone, Methylisothiazolinone", "Methylisothiazolinone",
                              "METHYLISOTHIAZOLINONE"),
    "methylchloroisothiazolinone": ("Aqua, Methylchloroisothiazolinone, Methylisothiazolinone",
                                    "Methylchloroisothiazolinone", "METHYLCHLOROISOTHIAZOLINONE"),
    "methylisothiazolinone typo": ("Aqua, Methylisothiazolinon, Glycerin", "Methylisothiazolinon", "METHYLISOTHIAZOLINONE"),
    "methylchloroisothiazolinone typo": ("Aqua, Methylchloroisothiazolinon, Glycerin", "Methylchloroisothiazolinon",
                                         "METHYLCHLOROISOTHIAZOLINONE"),
    "glycerin is not glycolic acid": ("Aqua, Glycerin, Glycolic Acid", "Glycerin", "GLYCERIN"),
    # a typo that one CosIng name shares ("PERFLUORONONYLETHYL PEG-8 PHENYLISOPROPYL DIMETHCONE"), seen
    # on a real Sephora label: the rare word's far more common neighbour is tried
    "a typo that is also a rare vocabulary word": ("Water, Dimethcone, Glycerin", "Dimethcone", "DIMETHICONE"),
    # ...but not a neighbour about as rare: citronella (an essential oil) is not the aroma chemical
    "citronella is not citronellal": ("Aqua, Citronella, Glycerin", "Citronella", None),
    # a shade, a phase or a group label before the name (real Ulta and Sephora lists)
    "shade before the name": ("Sweet Citrus: Water, Glycerin, Parfum", "Sweet Citrus: Water", "WATER"),
    "group label before the name": ("Aqua, Naturally Occurring Allergens: Citronellol", "Naturally Occurring Allergens: Citronellol",
                                    "CITRONELLOL"),
    "a note after the name": ("Aqua, Limonene *: Napiers Original Formula", "Limonene *: Napiers Original Formula", "LIMONENE"),
    # a blurb of several "name: what it does" is split at each ". -": every name is read, none hides another
    "a blurb's names are each read": ("Aqua, -Titanium Dioxide 3.55%: Sunscreen. -Octinoxate 3.74%: Sunscreen",
                                      "-Octinoxate 3.74%", "ETHYLHEXYL METHOXYCINNAMATE"),
}

# (label, category that must NOT appear): claims on the pack are not ingredients
ABSENT = {
    "retinol-free": ("Retinol-free night cream. Ingredients: Aqua, Squalane, Bakuchiol, Tocopherol", "retinoid"),
    "alcohol-free": ("Alcohol-free toner. Ingredients: Aqua, Glycerin, Cetyl Alcohol, Niacinamide", "drying_alcohol"),
    "alcohol free (no hyphen)": ("Aqua, Glycerin, Panthenol. Alcohol free, paraben free.", "drying_alcohol"),
    "fragrance-free": ("Fragrance-free. Ingredients: Aqua, Glycerin, Panthenol", "fragrance"),
    "fragrance free, unscented": ("Unscented, fragrance free. Ingredients: Aqua, Glycerin, Allantoin", "fragrance"),
    "jojoba, argan, sunflower, rosehip, almond, squalane, olive, shea": (
        "Simmondsia Chinensis Seed Oil, Argania Spinosa Kernel Oil, Helianthus Annuus Seed Oil, Rosa Canina Fruit Oil, "
        "Prunus Amygdalus Dulcis Oil, Squalane, Olea Europaea Fruit Oil, Butyrospermum Parkii Butter, Tocopherol",
        "essential_oil"),
    "lactate, ferment and fatty acids": ("Aqua, Sodium Lactate, Lactobacillus Ferment, Stearic Acid, Palmitic Acid, "
                                         "Oleic Acid, Linoleic Acid, Hyaluronic Acid, Phenoxyethanol", "aha"),
    "uv-filter and fragrance salicylates": ("Aqua, Ethylhexyl Salicylate, Homosalate, Benzyl Salicylate", "bha"),
    "mineral sunscreen": ("Zinc Oxide 20%, Aqua, Titanium Dioxide, Caprylic/Capric Triglyceride", "chemical_uv_filter"),
}

# the positive side of every category (label, item, role, category)
POSITIVES = {
    "retinol": ("Aqua, Squalane, Retinol, Tocopherol, Phenoxyethanol", "Retinol", IRR, "retinoid"),
    "retinal": ("Aqua, Retinal, Glycerin", "Retinal", IRR, "retinoid"),
    "retinyl palmitate": ("Aqua, Retinyl Palmitate, Glycerin", "Retinyl Palmitate", IRR, "retinoid"),
    "hydroxypinacolone retinoate": ("Dimethyl Isosorbide, Hydroxypinacolone Retinoate, Squalane", "Hydroxypinacolone Retinoate", IRR, "retinoid"),
    "tretinoin": ("Tretinoin 0.025%, Aqua, Glycerin", "Tretinoin", IRR, "retinoid"),
    "adapalene": ("Adapalene 0.1%, Aqua, Carbomer", "Adapalene", IRR, "retinoid"),
    "glycolic acid": ("Aqua, Glycolic Acid, Sodium Hydroxide, Glycerin", "Glycolic Acid", IRR, "aha"),
    "mandelic acid after the 1% line still counts": ("Aqua, Glycerin, Phenoxyethanol, Mandelic Acid", "Mandelic Acid", IRR, "aha"),
    "lactic acid before the 1% line": ("Aqua, Lactic Acid, Glycerin, Phenoxyethanol", "Lactic Acid", IRR, "aha"),
    "citric acid high in the list": ("Citric Acid, Aqua, Glycerin, Phenoxyethanol", "Citric Acid", IRR, "aha"),
    "citric acid after phenoxyethanol adjusts pH": ("Aqua, Glycerin, Phenoxyethanol, Citric Acid", "Citric Acid", NEUTRAL, None),
    "salicylic acid": ("Aqua, Salicylic Acid, Glycerin", "Salicylic Acid", IRR, "bha"),
    "betaine salicylate": ("Aqua, Betaine Salicylate, Glycerin", "Betaine Salicylate", IRR, "bha"),
    "sodium salicylate, a salt of the acid, as a preservative late in the list": (
        "Aqua, Glycerin, Cetearyl Alcohol, Sodium Salicylate, Sodium Benzoate", "Sodium Salicylate", IRR, "bha"),
    "trolamine salicylate is a sunscreen filter, not a BHA": ("Aqua, TEA-Salicylate, Glycerin", "TEA-Salicylate", IRR,
                                                              "chemical_uv_filter"),
    "capryloyl salicylic acid (LHA)": ("Aqua, Capryloyl Salicylic Acid, Glycerin", "Capryloyl Salicylic Acid", IRR, "bha"),
    "willow bark extract": ("Aqua, Salix Alba (Willow) Bark Extract, Glycerin", "Salix Alba (Willow) Bark Extract", IRR, "bha"),
    "gluconolactone": ("Aqua, Gluconolactone, Glycerin", "Gluconolactone", IRR, "pha"),
    "lactobionic acid": ("Aqua, Lactobionic Acid, Glycerin", "Lactobionic Acid", IRR, "pha"),
    "maltobionic acid": ("Aqua, Maltobionic Acid, Glycerin", "Maltobionic Acid", IRR, "pha"),
    "ascorbic acid": ("Aqua, Ascorbic Acid, Ferulic Acid, Tocopherol", "Ascorbic Acid", IRR, "vitamin_c"),
    "sodium ascorbyl phosphate": ("Aqua, Sodium Ascorbyl Phosphate, Glycerin", "Sodium Ascorbyl Phosphate", IRR, "vitamin_c"),
    "magnesium ascorbyl phosphate": ("Aqua, Magnesium Ascorbyl Phosphate, Glycerin", "Magnesium Ascorbyl Phosphate", IRR, "vitamin_c"),
    "ascorbyl glucoside": ("Aqua, Ascorbyl Glucoside, Glycerin", "Ascorbyl Glucoside", IRR, "vitamin_c"),
    "ascorbyl palmitate": ("Squalane, Ascorbyl Palmitate, Tocopherol", "Ascorbyl Palmitate", IRR, "vitamin_c"),
    "tetrahexyldecyl ascorbate": ("Squalane, Tetrahexyldecyl Ascorbate, Tocopherol", "Tetrahexyldecyl Ascorbate", IRR, "vitamin_c"),
    "3-o-ethyl ascorbic acid": ("Aqua, 3-O-Ethyl Ascorbic Acid, Glycerin", "3-O-Ethyl Ascorbic Acid", IRR, "vitamin_c"),
    "ascorbyl tetraisopalmitate": ("Squalane, Ascorbyl Tetraisopalmitate, Tocopherol", "Ascorbyl Tetraisopalmitate", IRR, "vitamin_c"),
    "benzoyl peroxide": ("Benzoyl Peroxide 5%, Aqua, Carbomer", "Benzoyl Peroxide", IRR, "benzoyl_peroxide"),
    "alcohol": ("Aqua, Alcohol, Glycerin", "Alcohol", IRR, "drying_alcohol"),
    "alcohol denat.": ("Alcohol Denat., Aqua, Glycerin", "Alcohol Denat.", IRR, "drying_alcohol"),
    "sd alcohol 40-b": ("SD Alcohol 40-B, Aqua, Glycerin", "SD Alcohol 40-B", IRR, "drying_alcohol"),
    "isopropyl alcohol": ("Aqua, Isopropyl Alcohol, Glycerin", "Isopropyl Alcohol", IRR, "drying_alcohol"),
    "ethanol": ("Aqua, Ethanol, Glycerin", "Ethanol", IRR, "drying_alcohol"),
    "ethyl alcohol": ("Aqua, Ethyl Alcohol, Glycerin", "Ethyl Alcohol", IRR, "drying_alcohol"),
    "parfum": ("Aqua, Glycerin, Parfum", "Parfum", IRR, "fragrance"),
    "fragrance": ("Aqua, Glycerin, Fragrance", "Fragrance", IRR, "fragrance"),
    "parfum/fragrance": ("Aqua, Glycerin, Parfum/Fragrance", "Parfum/Fragrance", IRR, "fragrance"),
    "aroma": ("Aqua, Glycerin, Aroma", "Aroma", IRR, "fragrance"),
    "linalool": ("Aqua, Parfum, Linalool, Limonene", "Linalool", IRR, "fragrance"),
    "limonene": ("Aqua, Parfum, Linalool, Limonene", "Limonene", IRR, "fragrance"),
    "citronellol": ("Aqua, Parfum, Citronellol, Geraniol", "Citronellol", IRR, "fragrance"),
    "hexyl cinnamal": ("Aqua, Parfum, Hexyl Cinnamal, Coumarin", "Hexyl Cinnamal", IRR, "fragrance"),
    "lavender oil": ("Aqua, Lavandula Angustifolia (Lavender) Oil, Glycerin", "Lavandula Angustifolia (Lavender) Oil", IRR, "essential_oil"),
    "tea tree leaf oil": ("Aqua, Melaleuca Alternifolia (Tea Tree) Leaf Oil, Glycerin", "Melaleuca Alternifolia (Tea Tree) Leaf Oil", IRR, "essential_oil"),
    "peppermint oil is an essential oil": ("Aqua, Mentha Piperita (Peppermint) Oil, Glycerin", "Mentha Piperita (Peppermint) Oil", IRR, "essential_oil"),
    "bergamot fruit oil is essential": ("Aqua, Citrus Aurantium Bergamia (Bergamot) Fruit Oil, Glycerin",
                                        "Citrus Aurantium Bergamia (Bergamot) Fruit Oil", IRR, "essential_oil"),
    "lemon peel oil": ("Aqua, Citrus Limon (Lemon) Peel Oil, Glycerin", "Citrus Limon (Lemon) Peel Oil", IRR, "essential_oil"),
    "rose flower oil": ("Aqua, Rosa Damascena Flower Oil, Glycerin", "Rosa Damascena Flower Oil", IRR, "essential_oil"),
    "ylang ylang flower oil": ("Aqua, Cananga Odorata Flower Oil, Glycerin", "Cananga Odorata Flower Oil", IRR, "essential_oil"),
    "star anise fruit/seed oil": ("Aqua, Illicium Verum (Anise) Fruit/Seed Oil, Glycerin", "Illicium Verum (Anise) Fruit/Seed Oil", IRR, "essential_oil"),
    "a genus the vocabulary lacks, by its part": ("Aqua, Lavandula Stoechas Flower Oil, Glycerin", "Lavandula Stoechas Flower Oil", IRR, "essential_oil"),
    "menthol": ("Aqua, Menthol, Glycerin", "Menthol", IRR, "sensate"),
    "camphor": ("Aqua, Camphor, Glycerin", "Camphor", IRR, "sensate"),
    "menthyl lactate": ("Aqua, Menthyl Lactate, Glycerin", "Menthyl Lactate", IRR, "sensate"),
    "capsicum extract": ("Aqua, Capsicum Annuum Fruit Extract, Glycerin", "Capsicum Annuum Fruit Extract", IRR, "sensate"),
    "walnut shell powder": ("Aqua, Juglans Regia (Walnut) Shell Powder, Glycerin", "Juglans Regia (Walnut) Shell Powder", IRR, "physical_exfoliant"),
    "apricot seed powder": ("Aqua, Prunus Armeniaca (Apricot) Seed Powder, Glycerin", "Prunus Armeniaca (Apricot) Seed Powder", IRR, "physical_exfoliant"),
    "pumice": ("Aqua, Pumice, Glycerin", "Pumice", IRR, "physical_exfoliant"),
    "polyethylene beads": ("Aqua, Polyethylene, Sodium Laureth Sulfate", "Polyethylene", IRR, "physical_exfoliant"),
    "cherry pit (shell) powder": ("Aqua, Prunus Cerasus Shell Powder, Glycerin", "Prunus Cerasus Shell Powder", IRR, "physical_exfoliant"),
    "avobenzone": ("Avobenzone 3%, Aqua, Glycerin", "Avobenzone", IRR, "chemical_uv_filter"),
    "oxybenzone": ("Oxybenzone 6%, Aqua, Glycerin", "Oxybenzone", IRR, "chemical_uv_filter"),
    "octinoxate": ("Octinoxate 7.5%, Aqua, Glycerin", "Octinoxate", IRR, "chemical_uv_filter"),
    "octocrylene": ("Aqua, Octocrylene, Glycerin", "Octocrylene", IRR, "chemical_uv_filter"),
    "bemotrizinol": ("Aqua, Bis-Ethylhexyloxyphenol Methoxyphenyl Triazine, Glycerin",
                     "Bis-Ethylhexyloxyphenol Methoxyphenyl Triazine", IRR, "chemical_uv_filter"),
    "dihydroxyacetone": ("Aqua, Dihydroxyacetone, Glycerin", "Dihydroxyacetone", IRR, "self_tanner"),
    "erythrulose": ("Aqua, Erythrulose, Glycerin", "Erythrulose", IRR, "self_tanner"),
    "hydroquinone": ("Aqua, Hydroquinone 2%, Glycerin", "Hydroquinone", IRR, "depigmenting"),
    "kojic acid": ("Aqua, Kojic Acid, Glycerin", "Kojic Acid", IRR, "depigmenting"),
    "alpha-arbutin": ("Aqua, Alpha-Arbutin, Glycerin", "Alpha-Arbutin", IRR, "depigmenting"),
    "witch hazel water": ("Hamamelis Virginiana (Witch Hazel) Water, Aqua, Glycerin", "Hamamelis Virginiana (Witch Hazel) Water", IRR, "astringent"),
    "witch hazel extract": ("Aqua, Hamamelis Virginiana Leaf Extract, Glycerin", "Hamamelis Virginiana Leaf Extract", IRR, "astringent"),
    "sodium hyaluronate": ("Aqua, Sodium Hyaluronate, Glycerin", "Sodium Hyaluronate", SOOTH, "hyaluronic"),
    "hydrolyzed hyaluronic acid": ("Aqua, Hydrolyzed Hyaluronic Acid, Glycerin", "Hydrolyzed Hyaluronic Acid", SOOTH, "hyaluronic"),
    "aloe leaf juice": ("Aloe Barbadensis Leaf Juice, Aqua, Glycerin", "Aloe Barbadensis Leaf Juice", SOOTH, "aloe"),
    "aloe vera (common name)": ("Aqua, Aloe Vera, Glycerin", "Aloe Vera", SOOTH, "aloe"),
    "bisabolol": ("Aqua, Bisabolol, Glycerin", "Bisabolol", SOOTH, "chamomile"),
    "chamomile flower extract": ("Aqua, Chamomilla Recutita (Matricaria) Flower Extract, Glycerin",
                                 "Chamomilla Recutita (Matricaria) Flower Extract", SOOTH, "chamomile"),
    "chamomile flower OIL is essential": ("Aqua, Chamomilla Recutita (Matricaria) Flower Oil, Glycerin",
                                          "Chamomilla Recutita (Matricaria) Flower Oil", IRR, "essential_oil"),
    "centella asiatica extract": ("Aqua, Centella Asiatica Extract, Glycerin", "Centella Asiatica Extract", SOOTH, "centella"),
    "madecassoside": ("Aqua, Madecassoside, Glycerin", "Madecassoside", SOOTH, "centella"),
    "panthenol": ("Aqua, Panthenol, Glycerin", "Panthenol", SOOTH, "panthenol"),
    "ceramide np": ("Aqua, Ceramide NP, Cholesterol", "Ceramide NP", SOOTH, "ceramide"),
    "ceramide 3": ("Aqua, Ceramide 3, Cholesterol", "Ceramide 3", SOOTH, "ceramide"),
    "allantoin": ("Aqua, Allantoin, Glycerin", "Allantoin", SOOTH, "allantoin"),
    "colloidal oatmeal": ("Aqua, Colloidal Oatmeal, Glycerin", "Colloidal Oatmeal", SOOTH, "oat"),
    "oat kernel flour": ("Aqua, Avena Sativa (Oat) Kernel Flour, Glycerin", "Avena Sativa (Oat) Kernel Flour", SOOTH, "oat"),
}


@pytest.mark.parametrize(("label", "item", "role", "category"), list(TRAPS.values()), ids=list(TRAPS))
def test_false_positive_trap(label, item, role, category):
    ing = find(label, item)
    assert (ing.role, ing.category) == (role, category), f"{item}: {ing.role}/{ing.category} ({ing.inci}, {ing.match})"


@pytest.mark.parametrize(("label", "item", "inci"), list(INCI_CASES.values()), ids=list(INCI_CASES))
def test_similar_names_stay_apart(label, item, inci):
    assert find(label, item).inci == inci


@pytest.mark.parametrize(("label", "category"), list(ABSENT.values()), ids=list(ABSENT))
def test_trap_category_absent(label, category):
    assert category not in categories(label)


@pytest.mark.parametrize(("label", "item", "role", "category"), list(POSITIVES.values()), ids=list(POSITIVES))
def test_category_positive(label, item, role, category):
    ing = find(label, item)
    assert (ing.role, ing.category) == (role, category), f"{item}: {ing.role}/{ing.category} ({ing.inci}, {ing.match})"


def test_every_category_has_a_positive_case():
    from ingredient_check.lexicon import IRRITANT_CATEGORIES, SOOTHING_CATEGORIES

    covered = {case[3] for case in POSITIVES.values()}
    assert set(IRRITANT_CATEGORIES + SOOTHING_CATEGORIES) <= covered


# ---------------------------------------------------------------------------------------------
# Mistakes found on real labels (bench/accuracy.py) that needed a code change. Fixed ones are
# regression tests (marked _fixed, with the original diagnosis); open ones are strict xfails naming the
# function to change. kind "category": the label must report that category; kind "inci": that INCI
# name must be recognised; kind "no_list": status no_list.


def _xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


def _fixed(reason: str):
    """A mistake that was fixed: the case stays as a regression test, its old diagnosis as history."""
    return ()


CODE_ISSUES = [
    pytest.param("Aqua, Asc0rbic Acid, Glycerin", "category", "vitamin_c", id="ocr digit in a word: Asc0rbic",
                 marks=_fixed("vocab.Vocabulary._fuzzy_lookup: the numbers check (_NUMBERS) rejects 'ascorbic acid' "
                              "for 'asc0rbic acid' because the OCR '0' counts as a number; compare numbers only in "
                              "tokens that are numbers, or after the OCR map")),
    pytest.param("Aqua, Retin0l, Squalane", "category", "retinoid", id="ocr digit in a word: Retin0l",
                 marks=_fixed("vocab.Vocabulary._fuzzy_lookup: same numbers check as Asc0rbic")),
    pytest.param("Aqua, Alochol, Glycerin", "category", "drying_alcohol", id="transposed letters: Alochol",
                 marks=_fixed("vocab._FuzzyIndex.word_candidates: the deletion index finds 'alcohol' but the "
                              "Levenshtein filter counts a transposition as 2 edits (limit 1 under 8 letters); use an "
                              "OSA/Damerau distance")),
    pytest.param("Aqua, Octinxoate, Glycerin", "category", "chemical_uv_filter", id="typo in a synonym: Octinxoate",
                 marks=_fixed("vocab._FuzzyIndex is built over CosIng names only (Vocabulary.names), not over the "
                              "lexicon synonyms/aliases, so a typo of 'Octinoxate' or 'Fragrance' never resolves")),
    pytest.param("Aqua, Fragrence, Glycerin", "category", "fragrance", id="typo in a synonym: Fragrence",
                 marks=_fixed("vocab._FuzzyIndex: aliases are not in the fuzzy index (see Octinxoate)")),
    pytest.param("Aqua, Lycium Chinese Fruit Extract, Glycerin", "inci", "LYCIUM CHINENSE FRUIT EXTRACT",
                 id="misspelt word that is itself a vocabulary word",
                 marks=_fixed("vocab._FuzzyIndex.word_candidates returns only [w] when w is a vocabulary word "
                              "('chinese'), so the right combination 'lycium chinense ...' is never tried")),
    pytest.param("Water\\Aqua\\Eau, Glycerin, Phenoxyethanol", "inci", "AQUA", id="backslash between synonyms",
                 marks=_fixed("fold/matcher.resolve_name: Sephora and Ulta print 'Water\\Aqua\\Eau' (156 items in "
                              "the eval data); treat a backslash like '/' between synonyms")),
    pytest.param("Active: Salicylic Acid 2%. Inactive: Aqua, Glycerin, Phenoxyethanol", "category", "bha",
                 id="'Active:' prefix", marks=_fixed(
                     "parse._HEAD_WORDS / _COLON_PREFIXES: 'Active:' and 'Inactive:' alone (without 'Ingredients') "
                     "are not taken as headings, so 'Active: Salicylic Acid 2%. Inactive: Aqua' is one unknown item")),
    pytest.param("Active Ingredients: Avobenzone 3% Octocrylene 7%. Inactive Ingredients: Aqua, Glycerin",
                 "category", "chemical_uv_filter", id="actives separated only by their percentages",
                 marks=_fixed("parse._split_points: '%' ends an item only when a letter follows directly; "
                              "'Avobenzone 3% Octocrylene 7%' needs '% ' followed by a name to end an item too")),
    pytest.param("Organic Aloe Barbadensis Leaf Juice, Aqua, Organic Glycerin", "category", "aloe",
                 id="'Organic' before the name", marks=_fixed(
                     "parse._clean_name (or fold): a leading 'Organic'/'Certified Organic' marketing word is kept, "
                     "so 'Organic Aloe Barbadensis Leaf Juice' and 'Organic Glycerin' are unknown (227 items)")),
    pytest.param("Aqua, Glycerin+, Fragrance+, Phenoxyethanol", "inci", "PARFUM",
                 id="'+' footnote mark", marks=_fixed(
                     "parse._FOOTNOTE / fold._DECORATION_TABLE: a trailing '+' footnote mark is not stripped; "
                     "'Glycerin+' and 'Parfum+' only resolve by fuzzy luck, 'Fragrance+' (an alias) stays unknown")),
    pytest.param("Aqua, Glycerin, Parfum, Limonene. +Natural origin.", "inci", "LIMONENE",
                 id="'+' footnote sentence glued to the last item", marks=_fixed(
                     "parse._SPECIAL: a full stop splits only before ' <Capital>', not before ' +Footnote' or "
                     "' *Footnote', so the last item is lost in the footnote")),
    pytest.param("Aqua, Glycerin, Limonene. *Our original formula.", "category", "fragrance",
                 id="footnote sentence glued to the last item", marks=_fixed(
                     "parse._SPECIAL: a full stop splits only before ' <Capital>'; before ' *Footnote' it does not, "
                     "so the last item ('Limonene') is lost in the footnote")),
    pytest.param("Camellia Sinensis (Black Tea Leaf Extract), Triticum Vulgare (Wheat Bran) Extract, Aqua",
                 "inci", "CAMELLIA SINENSIS LEAF EXTRACT", id="plant part inside the parentheses", marks=_fixed(
                     "classify.Classifier.classify_item: 'Genus species (Common Part Extract)' and 'Genus species "
                     "(Common Part) Extract' need the part words of the parentheses put back into the Latin name "
                     "(CAMELLIA SINENSIS LEAF EXTRACT, TRITICUM VULGARE BRAN EXTRACT)")),
    pytest.param("Aqua Glycerin Alcohol Denat. Salicylic Acid Parfum Phenoxyethanol", "category", "bha",
                 id="list without commas", marks=_fixed(
                     "parse: a list with no separators is one item; it should be segmented greedily on vocabulary "
                     "names. Today the whole run is classed 'fragrance' by structure rule fragrance_named (anchor any) "
                     "with status 'wait', a confident verdict that misses the BHA and the alcohol")),
    pytest.param("Sucrose, Prunus Amygdalus Dulcis Oil, Parfum, Tocopherol", "category", "physical_exfoliant",
                 id="sugar as the scrub base", marks=_fixed(
                     "classify: sugar/salt/alumina/jojoba esters are a scrub only as the base (GUIDE: high in the list "
                     "of a scrub); needs a position rule (e.g. first or second item), like the 1% line")),
    pytest.param("Aqua, Kaolin, Glycerin, Lactic Acid, Phenoxyethanol", "category", "aha",
                 id="kaolin is not the 1% line", marks=_fixed(
                     "label_rules._is_line_marker: the CosIng COLORANT flag makes kaolin (and titanium dioxide, "
                     "zinc oxide) a 1% line; GUIDE counts CI numbers, iron oxides and mica only")),
    pytest.param("Aqua, Alcohol Denat., Salicylic Acid, Citric Acid, Sodium Benzoate", "category", "aha",
                 id="salicylic acid is not the 1% line", marks=_fixed(
                     "label_rules._is_line_marker: salicylic acid has the CosIng PRESERVATIVE flag, but as "
                     "an active (bha entry) it is not a preservative marker; skip items with an irritant category")),
    pytest.param("Step 1 Peel: Silica, Sodium Bicarbonate, Fragrance. Step 2 Activator: Water, Lactic Acid, "
                 "Fragrance, Phenoxyethanol", "category", "aha", id="kit: the 1% line is per list", marks=_fixed(
                     "parse._find_region / label_rules._apply_one_percent_line: 'Step N <name>:' opens a new list in a "
                     "kit; the 1% line must restart per list, and 'Step 1 Peel:' must not stay in the item")),
    pytest.param("Aqua, 1, 2-Hexanediol, Glycerin", "inci", "1,2-HEXANEDIOL", id="'1, 2-Hexanediol' with a space",
                 marks=_fixed("parse._split_points: the digit-comma-digit rule needs no space; '1, 2-Hexanediol' "
                              "splits into '1' and '2-Hexanediol'")),
    pytest.param("Aqua, Hydrogenated Poly(C6-14 Olefin), Glycerin", "inci", "HYDROGENATED POLY(C6-14 OLEFIN)",
                 id="parentheses inside a chemical name", marks=_fixed(
                     "parse._take_parentheses: '(' glued to a word is part of the name (POLY(C6-14 OLEFIN), "
                     "TRIS(TETRAMETHYLHYDROXYPIPERIDINOL) CITRATE), not an alias")),
    pytest.param("Aqua, Glycerin, SalicylicAcid", "category", "bha", id="words glued together",
                 marks=_fixed("vocab.Vocabulary._fuzzy_lookup: requires the same number of words; 'SalicylicAcid', "
                              "'PentyleneGlycol' need a space-insensitive look-up")),
    pytest.param("Aqua, Glycerin, PEG 100 Stearate, Ceteareth 20", "inci", "PEG-100 STEARATE",
                 id="space for hyphen in PEG-100", marks=_fixed(
                     "vocab.Vocabulary._fuzzy_lookup: 'peg 100 stearate' has 3 words, 'peg-100 stearate' 2; compare "
                     "with hyphens and spaces folded alike")),
    pytest.param("Aqua, Ceramide 6-11, Cholesterol", "category", "ceramide", id="OCR 'II' read as '11'",
                 marks=_fixed("vocab._fuzzy_lookup numbers check: 'Ceramide 6-11' is the OCR of CERAMIDE 6 II; now a "
                              "label-habit variant of classify (a trailing '-11' after a number read as 'ii')")),
    pytest.param("Cotton Seed Oil, Trade secret perfume premix formulated by our founder in 1892, CI 73360",
                 "category", "fragrance", id="a perfume named in a sentence", marks=_fixed(
                     "parse.looks_like_prose drops the item silently (prose < items, so no warning); a prose segment "
                     "inside a list that names perfume/fragrance should still report fragrance or warn")),
    pytest.param("#NAME?", "no_list", None, id="spreadsheet error instead of a list", marks=_fixed(
        "parse._NO_LIST: '#NAME?' (Excel damage, 25 fields in the eval data) is not a list; today it is one unknown "
        "item, status 'unreadable' (safe), but it counts in the unknown-item rate")),
]


@pytest.mark.parametrize(("label", "kind", "expected"), CODE_ISSUES)
def test_known_code_issue(label, kind, expected):
    report = check_label(label)
    if kind == "category":
        assert expected in {i.category for i in report.ingredients}
    elif kind == "inci":
        assert expected in {i.inci for i in report.ingredients}
    else:
        assert report.verdict.status == "no_list"


# -- polyethylene: beads in a scrub, a film former in what stays on the skin --------------------
_PE_MOISTURISER = ("Aqua, Glycerin, Caprylic/Capric Triglyceride, Polyethylene, Cetearyl Alcohol, Dimethicone, "
                   "Phenoxyethanol, Ethylhexylglycerin")


@pytest.mark.parametrize(("product_type", "role", "category"), [
    (None, "irritant", "physical_exfoliant"),  # type unknown: the conservative default
    ("exfoliant", "irritant", "physical_exfoliant"),
    ("cleanser", "irritant", "physical_exfoliant"),  # a wash-off scrub carries it as beads
    ("moisturiser", "neutral", None),
    ("serum", "neutral", None),
])
def test_polyethylene_scrubs_unless_the_product_stays_on(product_type, role, category):
    from ingredient_check.timeline import Options  # noqa: PLC0415

    verdict = check_label(_PE_MOISTURISER, Options(product_type=product_type)).verdict
    pe = next(i for i in verdict.ingredients if i.text == "Polyethylene")
    assert (pe.role, pe.category) == (role, category)
    assert verdict.safe_after_hours == (168 if role == "irritant" else 24)


def test_polyethylene_in_makeup_inferred_from_the_list_is_a_film_former():
    verdict = check_label("Mica, CI 77891, Polyethylene, Dimethicone, Zinc Stearate, Phenoxyethanol").verdict
    pe = next(i for i in verdict.ingredients if i.text == "Polyethylene")
    assert verdict.product_type == "makeup" and pe.role == "neutral" and pe.how == "product type: makeup"
