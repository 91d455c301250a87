"""Properties that hold for every input, checked with hypothesis (issue 8).

Deterministic in CI (``derandomize``, no example database) and small enough to stay fast; set
``INGREDIENT_CHECK_EXAMPLES=20000`` for a long run (then examples are random, not derandomized).
The longer fuzz run lives in ``bench/fuzz.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingredient_check.check import check_label
from ingredient_check.classify import get_classifier
from ingredient_check.errors import InputError
from ingredient_check.fold import fold
from ingredient_check.parse import _LIST_END, _LIST_STRING, parse_label
from ingredient_check.read import check_label_text
from ingredient_check.vocab import Vocabulary

ROOT = Path(__file__).resolve().parent.parent
_LONG = int(os.environ.get("INGREDIENT_CHECK_EXAMPLES", "0"))


def props(examples: int):
    """Settings for one property: ``examples`` in CI, the environment's count in a long run."""
    return settings(max_examples=_LONG or examples, derandomize=not _LONG, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# -- what labels look like ---------------------------------------------------------------------
TOKENS = [
    ",", ", ", ";", "\n", " • ", " | ", ". ", ".", "%", "5%", "2.5%", "(1%)", "1,2-", "(", ")", "[", "]", "{", "}",
    ":", "*", "†", "™", "+", "+/-", "[+/-]", "(+/-)", "May Contain", "may contain:", "Ingredients:", "INCI:",
    "Inactive Ingredients:", "Directions:", "Warnings:", "*Certified organic", "&amp;", "&#40;", "&#x29;",
    "&bogus;", "[more]", "'", '"', "\\", "['", "']", "\u200b", "\u200f", "\u202e", "\ufeff", "\u0301",
    "\U0001F9F4", "\u0410", "\uff21", "\u2013", "\u00a0", "\x0b", "\x85", " ", "  ", "\t",
    "Aqua", "Water", "Glycerin", "Retinol", "Parfum/Fragrance", "Alcohol Denat.", "CI 77491", "Cl 7749l",
    "Citric Acid", "Phenoxyethanol", "Limonene", "Lavandula Angustifolia Oil", "fragrance free", "No Info",
]
_NAMES = sorted(get_classifier().vocab.names)[::50]  # a fixed sample of real names, for label shapes

token = st.one_of(st.sampled_from(TOKENS), st.sampled_from(_NAMES), st.text(max_size=6))
labels = st.one_of(
    st.text(max_size=200),  # any unicode
    st.lists(token, max_size=40).map("".join),  # label-shaped
    st.lists(st.sampled_from(_NAMES + TOKENS), min_size=1, max_size=20).map(repr),  # scraper list strings
    st.tuples(st.lists(token, min_size=1, max_size=4).map("".join), st.integers(1, 300))  # long repeated runs
    .map(lambda t: t[0] * t[1]),
)


def _is_list_string(text: str) -> bool:
    return bool(_LIST_STRING.match(text) and _LIST_END.search(text))


# -- parse ---------------------------------------------------------------------------------------
@props(300)
@given(labels)
def test_parse_never_raises_and_spans_map_back(text):
    parsed = parse_label(text)
    last_end = 0
    for item in parsed.items:
        assert 0 <= item.start <= item.end <= len(text)
        assert item.start >= last_end, "items come in label order and do not overlap"
        last_end = item.end
        assert item.name or item.alts
        if not _is_list_string(text):
            assert text[item.start:item.end] == item.text
            assert item.text == item.text.strip()


def _parses_alone(name: str) -> bool:
    items = parse_label(name).items
    return len(items) == 1 and items[0][:4] == (name, 0, len(name), name) and not items[0].alts


_ALONE = [n for n in _NAMES if _parses_alone(n)]


@props(200)
@given(st.lists(st.sampled_from(_ALONE), min_size=1, max_size=12), st.sampled_from([", ", "; ", "\n", " \u2022 ", " | "]))
def test_a_list_of_names_splits_back_into_them(names, sep):
    """Names that parse alone as themselves come back one item each, with exact spans, from a list."""
    text = sep.join(names)
    items = parse_label(text).items
    assert [i.name for i in items] == names
    pos = 0
    for item, name in zip(items, names):
        start = text.index(name, pos)
        assert (item.start, item.end) == (start, start + len(name))
        pos = item.end


# -- fold ----------------------------------------------------------------------------------------
@props(400)
@given(st.one_of(
    st.text(max_size=40),
    st.text(alphabet="glycerine sulphaluminium.colourflavour ci1l|o5s7 49-/,'\"\u00a0\x0b\x1c\x85\u2028", max_size=30),
    st.text(alphabet=st.characters(min_codepoint=0x370, max_codepoint=0x52F), max_size=12),
    st.text(alphabet=st.characters(min_codepoint=0xFB00, max_codepoint=0xFFFF), max_size=12),
))
def test_fold_is_idempotent(text):
    once = fold(text)
    assert fold(once) == once


@pytest.mark.parametrize("text", [
    "glyceringlycerinee",  # "glycerine" -> "glycerin" formed a new "glycerine"
    "c..i 77491",  # dots dropped after the colour index was read
    "X\x0c\\",  # whitespace that str.strip removes but the space rules did not
    "\u1f33",  # accented iota: the confusable map ran before accents were stripped
    "J\ufe61S",  # small asterisk: NFKC makes it '*' after decorations were removed
    "P\uffa0IM",  # halfwidth filler: NFKC makes it an invisible U+1160
])
def test_fold_is_idempotent_on_found_cases(text):
    once = fold(text)
    assert fold(once) == once


def test_fold_keeps_every_vocabulary_key_as_it_is():
    """The index was built with fold(): a change to fold() that moved a key would need a rebuild."""
    vocab = get_classifier().vocab
    assert [n for n in vocab.names if fold(n) != n] == []
    assert [a for a in vocab.aliases if fold(a) != a] == []


# -- check ---------------------------------------------------------------------------------------
@props(200)
@given(labels)
def test_check_label_never_raises(text):
    try:
        report = check_label(text)
    except InputError as exc:  # the documented failures: the read stage's limits, more items than --max-items
        try:
            check_label_text(text, "the label")
        except InputError as limit:
            assert str(exc) == str(limit)
        else:
            assert "items" in str(exc)
        return
    assert report.verdict.status in {"wait", "avoid", "unreadable", "no_list"}
    if report.verdict.status == "wait":
        assert report.verdict.safe_after_hours is not None


@props(50)
@given(st.lists(st.sampled_from(["Aqua", "Glycerin", "x"]), min_size=3, max_size=30))
def test_item_limit_is_the_only_input_error(items):
    text = ", ".join(items)
    try:
        check_label(text, max_items=len(items) - 1)
    except InputError as exc:
        assert "items" in str(exc) and f"{len(items) - 1:,}" in str(exc)
    else:
        pytest.fail("over the item limit without an InputError")


# -- vocabulary ----------------------------------------------------------------------------------
@props(300)
@given(st.data())
def test_resolving_an_exact_vocabulary_name_returns_it(data):
    vocab = get_classifier().vocab
    i = data.draw(st.integers(0, len(vocab.names) - 1))
    name = vocab.names[i]
    if not name:
        return
    for printed in (name, vocab.inci(i)):
        hit = vocab.resolve(printed)
        assert hit is not None, printed
        assert vocab.names[hit.index] == name and hit.score == 100, printed


def _typos(names: list[str], n: int, seed: int) -> list[str]:
    import random  # noqa: PLC0415

    rng = random.Random(seed)
    out = []
    for _ in range(n):
        w = rng.choice(names)
        k = rng.randrange(len(w))
        c = rng.choice("abcdeilmnorstuy0 -")
        out.append(rng.choice((w[:k] + c + w[k + 1:], w[:k] + w[k + 1:], w[:k] + c + w[k:], w[:k] + w[k + 1:k + 2] + w[k] + w[k + 2:])))
    return out


def test_matching_is_deterministic_within_a_process():
    index = get_classifier().index
    queries = _typos([n for n in _NAMES if 4 < len(n) < 40], 400, seed=8)
    a, b = Vocabulary(index), Vocabulary(index)
    first = [a.resolve(q) for q in queries]
    assert [b.resolve(q) for q in reversed(queries)][::-1] == first  # order and memo do not matter
    assert [a.resolve(q) for q in queries] == first


_CHILD = """
import json, sys
sys.path.insert(0, {root!r})
from ingredient_check.classify import get_classifier
v = get_classifier().vocab
print(json.dumps([[None if h is None else [h.index, h.how, h.score] for h in map(v.resolve, json.loads(sys.stdin.read()))]]))
"""


def test_matching_does_not_depend_on_the_hash_seed():
    """Set and dict orders change with PYTHONHASHSEED; ties between equally good names must not."""
    vocab = get_classifier().vocab
    words = [n for n in vocab.names if 4 < len(n) < 30]
    queries = _typos(words[::7], 300, seed=3)
    results = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", _CHILD.format(root=str(ROOT))], input=json.dumps(queries),
                             capture_output=True, text=True, env=env, check=True)
        results.append(out.stdout)
    assert results[0] == results[1]
