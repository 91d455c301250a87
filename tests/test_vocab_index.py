"""Whole-name typo correction (vocab._NameIndex, step 0 of Vocabulary._fuzzy_lookup).

A label item one typing slip away from a whole vocabulary name or alias is read as that name; the
word-level corrector stays behind it, so a name it read before is still read. The items are label
spellings with the slips people and scrapers make (a letter dropped, doubled, swapped; two words
glued together)."""

from __future__ import annotations

import pytest

from ingredient_check.data import load_index
from ingredient_check.vocab import Vocabulary


@pytest.fixture(scope="module")
def index():
    return load_index()


def _vocab(index, whole_names: bool = True) -> Vocabulary:
    v = Vocabulary(index)
    v.whole_names = whole_names
    return v


def _read(v: Vocabulary, printed: str) -> str | None:
    hit = v.resolve(printed)
    return v.inci(hit.index) if hit is not None else None


NOW_READ = [
    # the word-level corrector read none of these: two words glued, or the slip makes another word
    pytest.param("CitricAcid", "CITRIC ACID", None, id="glued words: CitricAcid"),
    pytest.param("Caprylic/CapricTriglyceride", "CAPRYLIC/CAPRIC TRIGLYCERIDE", None, id="glued after a slash"),
    pytest.param("Geranoil", "GERANIOL", "GERANIAL", id="swap: Geranoil is the allergen geraniol"),
    pytest.param("Citronelllo", "CITRONELLOL", "CITRONELLAL", id="doubled letter and swap: citronellol"),
]

STILL_READ = [
    pytest.param("Niacinamdie", "NIACINAMIDE", id="swapped letters"),
    pytest.param("Glycerni", "GLYCERIN", id="swapped last letters"),
    pytest.param("Phenoxyethanl", "PHENOXYETHANOL", id="dropped letter"),
    pytest.param("Tocopheryl Acetat", "TOCOPHERYL ACETATE", id="dropped last letter"),
    pytest.param("PEG-100 Staerate", "PEG-100 STEARATE", id="swap beside a number kept"),
    pytest.param("Butyrospermum Parkii Buter", "BUTYROSPERMUM PARKII BUTTER", id="shea butter, one t"),
    pytest.param("Octinxoate", "ETHYLHEXYL METHOXYCINNAMATE", id="typo of an alias (octinoxate)"),
    pytest.param("Acrylates/C10-30 Alkyl Acrylate Crosspolymr", "ACRYLATES/C10-30 ALKYL ACRYLATE CROSSPOLYMER",
                 id="name longer than the index: word-level corrector"),
]


@pytest.mark.parametrize("printed, now, before", NOW_READ)
def test_whole_name_correction_reads_what_the_word_corrector_missed(index, printed, now, before):
    assert _read(_vocab(index), printed) == now
    assert _read(_vocab(index, whole_names=False), printed) == before


@pytest.mark.parametrize("printed, inci", STILL_READ)
def test_a_typo_read_before_is_still_read_the_same(index, printed, inci):
    assert _read(_vocab(index, whole_names=False), printed) == inci
    assert _read(_vocab(index), printed) == inci


@pytest.mark.parametrize("printed", [
    pytest.param("CI 7749", id="a digit short: CI 77491 and CI 77492 are one edit away, numbers differ"),
    pytest.param("citronella", id="real words only: not snapped to the allergen citronellal"),
    pytest.param("Aqau", id="too short for a swap to score the cutoff"),
])
def test_no_guess_where_the_neighbour_is_another_ingredient(index, printed):
    assert _read(_vocab(index), printed) is None


def test_a_label_builds_only_the_name_lengths_its_typos_need(index):
    v = _vocab(index)
    assert _read(v, "Niacinamdie") == "NIACINAMIDE"
    assert v._names.built == {10, 11, 12}
    v.fuzzy_index(complete=True)
    assert v._names.built == set(v._names.by_length)


def test_the_reading_does_not_depend_on_which_lengths_were_built_first(index):
    typos = ["Glycerni", "Sodium Chloirde", "Linalol", "Geranoil", "PEG-100 Staerate", "SR-Polypeptide-1",
             "Dimethicnoe", "Sodium Hyaluronat", "Cetyl Alochol", "Parfmu"]
    lazy, complete = _vocab(index), _vocab(index)
    complete.fuzzy_index(complete=True)
    assert [lazy.resolve(t) for t in reversed(typos)][::-1] == [complete.resolve(t) for t in typos]


@pytest.mark.parametrize("printed, inci", [
    pytest.param("Acetylated Hydrogenated Tallow Glycerids", "ACETYLATED HYDROGENATED TALLOW GLYCERIDES",
                 id="40 letters, the name 41: not the indexed GLYCERIDE"),
    pytest.param("Narcissus Pseud-Narcissus Flower Extract", "NARCISSUS PSEUDO-NARCISSUS FLOWER EXTRACT",
                 id="40 letters, the name 41: not the indexed PSEUDONARCISSUS spelling"),
])
def test_a_typo_whose_neighbours_are_not_all_indexed_skips_the_whole_name_step(index, printed, inci):
    """The index holds names up to 40 letters: a typo of 40 could be one letter short of a 41-letter
    name it cannot see, so it is read as the word corrector reads it, never by the best of a part."""
    assert _read(_vocab(index), printed) == inci == _read(_vocab(index, whole_names=False), printed)
