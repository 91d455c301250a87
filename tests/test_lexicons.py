"""The lexicons are data: schema, ids, conflicts, citations, and the shipped index is current."""

from __future__ import annotations

import json
import tomllib

import pytest

from ingredient_check.build import build_index, lexicon_digest
from ingredient_check.classify import get_classifier
from ingredient_check.data import lexicon_dir, load_index
from ingredient_check.fold import fold
from ingredient_check.lexicon import (
    IRRITANT_CATEGORIES,
    SOOTHING_CATEGORIES,
    LexiconError,
    _validate_film_formers,
    _validate_entry,
    EXTRA_IRRITANT_CATEGORIES,
    folded_claims,
    load_lexicons,
)

LEX = load_lexicons()
CLASSIFIER = get_classifier()


def test_every_category_of_the_contract_is_defined():
    assert set(LEX.categories) == set(IRRITANT_CATEGORIES + EXTRA_IRRITANT_CATEGORIES + SOOTHING_CATEGORIES)


def test_every_irritant_entry_has_a_category():
    """The JSON never says `category: null` for an ingredient that sets a wait (niacinamide included)."""
    assert [e["id"] for e in LEX.entries.values() if e["role"] == "irritant" and not e["category"]] == []


def test_every_category_has_an_entry():
    used = {e["category"] for e in LEX.entries.values()}
    assert set(IRRITANT_CATEGORIES + SOOTHING_CATEGORIES) <= used


def test_no_name_is_claimed_by_two_entries():
    conflicts = {name: ids for name, ids in folded_claims(LEX).items() if len(set(ids)) > 1}
    assert conflicts == {}


def test_aliases_never_shadow_an_entry_name():
    claimed = folded_claims(LEX)
    assert [a for a in LEX.aliases if fold(a) in claimed] == []


@pytest.mark.parametrize("entry_id", sorted(LEX.entries))
def test_every_name_resolves_to_its_own_entry(entry_id):
    entry = LEX.entries[entry_id]
    for name in [entry["inci"], *entry["synonyms"]]:
        hit = CLASSIFIER.resolve_name(name)
        assert hit is not None and hit.how in ("exact", "alias"), name
        assert CLASSIFIER.classes.get(str(hit.index)) == entry_id, name


def test_every_entry_cites_known_sources_and_has_a_reason():
    for entry in LEX.entries.values():
        assert entry["sources"] and all(s in LEX.sources for s in entry["sources"]), entry["id"]
        assert entry["reason"].strip() and "\n" not in entry["reason"], entry["id"]
        assert entry["wait_hours"] >= 0 and entry["deep_wait_hours"] >= entry["wait_hours"], entry["id"]


def test_alias_targets_are_vocabulary_names():
    names = set(CLASSIFIER.vocab.keys)
    assert [t for t in LEX.aliases.values() if fold(t) not in names] == []


def test_entry_ids_are_unique_across_files():
    ids = []
    for name in ("irritants.toml", "soothing.toml"):
        with open(lexicon_dir() / name, "rb") as fh:
            ids += [e["id"] for e in tomllib.load(fh)["entry"]]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("broken,message", [
    ({"id": "x", "inci": "X", "name": "X", "category": "nonsense"}, "unknown category"),
    ({"id": "x", "inci": "X", "name": "X", "category": "retinoid", "wait_hours": -1}, "wait"),
    ({"id": "x", "inci": "X", "name": "X", "category": "retinoid", "sources": ["NOPE"]}, "not in sources"),
    ({"id": "x", "inci": "X", "name": "X", "category": "retinoid", "colour": "red"}, "unknown keys"),
    ({"id": "x", "inci": "X", "name": "X", "role": "irritant"}, "needs its own"),
])
def test_validation_rejects_broken_entries(broken, message):
    with pytest.raises(LexiconError, match=message):
        _validate_entry("test.toml", 1, broken, LEX.categories, LEX.sources)


@pytest.mark.parametrize("broken,message", [
    ({"entries": ["no_such_entry"], "types": ["serum"], "reason": "r", "sources": ["COSING"]}, "known entries"),
    ({"entries": ["polyethylene"], "types": ["lotion"], "reason": "r", "sources": ["COSING"]}, "known types"),
    ({"entries": ["polyethylene"], "types": ["serum"], "reason": " ", "sources": ["COSING"]}, "reason"),
    ({"entries": ["polyethylene"], "types": ["serum"], "reason": "r", "sources": []}, "sources"),
])
def test_validation_rejects_a_broken_film_former_rule(broken, message):
    with pytest.raises(LexiconError, match=message):
        _validate_film_formers(broken, LEX.timeline["types"], LEX.entries, LEX.sources)


def test_shipped_index_is_current():
    """Fails when a lexicon file changed without `ingredient-check build-index`."""
    shipped = load_index()
    assert shipped["digest"] == lexicon_digest(LEX), "run: ingredient-check build-index"
    rebuilt = json.loads(json.dumps(build_index(LEX), ensure_ascii=False))
    assert rebuilt == shipped


def test_structural_rules_only_cite_known_sources():
    for rule in LEX.structure:
        assert all(s in LEX.sources for s in rule["sources"])


@pytest.mark.parametrize("words, message", [
    ([{"type": "lotion", "pattern": "lotion"}], "not one of \\[types\\]"),  # "lotion" is a word, not a type
    ([{"type": "mask", "pattern": "\\bmask(s?"}], "not a regular expression"),
    ([{"type": "mask"}], "pattern is required"),
    ([{"type": "mask", "pattern": "mask", "wait_hours": 24}], "unknown keys"),
], ids=["unknown-type", "bad-pattern", "no-pattern", "extra-key"])
def test_type_words_must_name_a_type_with_a_pattern(words, message):
    from ingredient_check.lexicon import _validate_type_words  # noqa: PLC0415

    types = load_lexicons().timeline["types"]
    with pytest.raises(LexiconError, match=message):
        _validate_type_words(words, types)


def test_the_shipped_type_words_are_in_order_and_cover_every_type_but_other():
    words = load_lexicons().timeline["type_words"]
    named = {w["type"] for w in words}
    assert named == set(load_lexicons().timeline["types"]) - {"other"}
    order = [w["type"] for w in words]
    # a peel-off mask is a mask, not a peel: its words come before the exfoliant's
    assert order.index("mask") < order.index("exfoliant")
