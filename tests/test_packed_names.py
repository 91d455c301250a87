"""Names looked up in the index's blocks of names (vocab._PackedNames) before the vocabulary is unpacked.

A pasted label looks up a few dozen names: it reads them by bisection over the blocks instead of
splitting 28,700 names into a list and a dict. Every answer must be the dict's answer, for every
name, every miss, and the names CosIng keeps out of sorted order."""

from __future__ import annotations

import pytest

from ingredient_check.build import _unsorted
from ingredient_check.classify import Classifier
from ingredient_check.check import check_label
from ingredient_check.data import load_index
from ingredient_check.fold import fold
from ingredient_check.vocab import Vocabulary, _PackedNames

INDEX = load_index()
NAMES = "\n".join(INDEX["names"]).split("\n")
KEYS = dict(zip(NAMES, range(len(NAMES))))


@pytest.fixture(scope="module")
def packed():
    return _PackedNames(INDEX["names"], INDEX["names_unsorted"])


def test_every_name_is_found_at_its_index_and_read_back(packed):
    assert [packed.get(n) for n in NAMES] == list(range(len(NAMES)))
    assert [packed.name(i) for i in range(len(NAMES))] == NAMES


@pytest.mark.parametrize("printed", [
    "Glycerin", "Aqua", "Alpha,3,3-Trimethylcyclohexylmethyl Acetate", "Citral Diethyl Acetal",
    "(20S)-Protopanaxadiol", "Zinc Oxide", "Glycerine", "Glycerin Extra", "Aaa", "", "~~~", "0",
    "Sodium Chlorid", "Sodium Chloride ", "Zzzzz",
], ids=["known", "short", "out of CosIng order", "out of order, neighbour", "the first name", "near the end",
        "a letter added", "a word added", "before every name", "empty", "after every name", "a digit",
        "a letter dropped", "a trailing space", "past the last"])
def test_a_look_up_gives_the_dicts_answer(packed, printed):
    for key in (fold(printed), printed):
        assert packed.get(key) == KEYS.get(key)


def test_the_neighbours_of_every_name_out_of_order_miss_as_the_dict_does(packed):
    for i in INDEX["names_unsorted"]:
        name = NAMES[i]
        for key in (name[:-1], name + " ", name + "a", name[:len(name) // 2]):
            assert packed.get(key) == KEYS.get(key), key


LABEL = ("Aqua (Water), Glycerin, Niacinamide, Cetearyl Alcohol, Caprylic/Capric Triglyceride, "
         "Dimethicone, Panthenol, Sodium Hyaluronate, Tocopherol, Phenoxyethanol, Retinol, Citric Acid")


def test_a_pasted_label_is_read_without_unpacking_the_vocabulary():
    c = Classifier(INDEX)
    report = check_label(LABEL, classifier=c)
    assert [i.role for i in report.ingredients].count("unknown") == 0
    assert c.vocab._packed is not None, "a known label should not split the 28,700 names"
    assert "keys" not in vars(c.vocab) and "names" not in vars(c.vocab)


def test_many_look_ups_unpack_the_vocabulary_with_the_same_answers():
    v = Vocabulary(INDEX)
    sample = NAMES[::7]
    first = [v.exact(n) for n in sample[:Vocabulary.PACKED_LOOKUPS]]
    assert v._packed is not None
    rest = [v.exact(n) for n in sample[Vocabulary.PACKED_LOOKUPS:]]
    assert v._packed is None and len(v.keys) == len(NAMES)
    assert [h.index for h in first + rest] == [KEYS[n] for n in sample]
    assert v.exact("octinoxate") == Vocabulary({**INDEX}).exact("octinoxate")  # an alias, either way


@pytest.mark.parametrize("older", ["no order list", "one string of names"])
def test_an_index_without_the_order_list_is_unpacked_at_once(older):
    index = {k: v for k, v in INDEX.items() if k != "names_unsorted"}
    if older == "one string of names":  # the layout before blocks
        index["names"] = "\n".join(NAMES)
    v = Vocabulary(index)
    assert v._packed is None and v.names == NAMES
    assert v.exact("glycerin").index == KEYS["glycerin"]


def test_reading_names_or_keys_unpacks_them():
    v = Vocabulary(INDEX)
    assert len(v.names) == len(NAMES) and v.keys["glycerin"] == KEYS["glycerin"]
    assert v._packed is None
    with pytest.raises(AttributeError):
        v.no_such_attribute  # noqa: B018


@pytest.mark.parametrize("names, expected", [
    (["a", "b", "c"], []),
    (["a", "c", "b", "d"], [2]),
    (["alpha,gamma", "alpha,3", "beta"], [1]),
    (["a", "b", "aa"], [2]),  # a lexicon name added after CosIng's
], ids=["sorted", "one swapped", "cosing punctuation order", "appended"])
def test_the_unsorted_positions_leave_the_rest_in_order(names, expected):
    assert _unsorted(names) == expected
    rest = [n for i, n in enumerate(names) if i not in set(expected)]
    assert rest == sorted(rest)


def test_blocks_hold_the_same_number_of_names_but_the_last():
    sizes = [b.count("\n") + 1 for b in INDEX["names"]]
    assert len(set(sizes[:-1])) == 1 and sizes[-1] <= sizes[0] and sum(sizes) == len(NAMES)


def test_the_shipped_names_outside_the_list_are_in_order():
    out = set(INDEX["names_unsorted"])
    rest = [n for i, n in enumerate(NAMES) if i not in out]
    assert all(a < b for a, b in zip(rest, rest[1:]))
