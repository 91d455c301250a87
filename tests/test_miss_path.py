"""The cheap way through a typo (issue 16): shortcuts that skip work a never-seen spelling would
waste, each exact. A label item must read the same with the shortcut as with the full attempt:
the same name, or the same "not recognised". Each table pins the edge a wrong shortcut would cut
(an edit on the space beside a typo'd word, a typo'd word that a join or a split repairs, a name one
point within reach of a score); the properties pin each guard to the pattern it guards."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingredient_check import fold as fold_module
from ingredient_check import matcher as matcher_module
from ingredient_check import parse
from ingredient_check.data import load_index
from ingredient_check.fold import fold
from ingredient_check.matcher import Matcher
from ingredient_check.possible import _length_range
from ingredient_check.vocab import _NUMBERS, Vocabulary, edit_window

from .test_properties import props


@pytest.fixture(scope="module")
def vocab():
    v = Vocabulary(load_index())
    v.fuzzy_index(complete=True)
    return v


def _one_edit(v: Vocabulary, key: str, entries) -> list[str]:
    """The indexed names among ``entries`` really one edit from ``key``, as ``_whole_name`` checks."""
    fz, ni = v.fuzzy_index(), v._names
    return sorted({ni.entries[e] for e in entries if fz.distance(key, ni.entries[e], score_cutoff=1) <= 1})


# (folded typo, the name one edit away or None): where the one edit falls against the typo'd words
WINDOW = [
    pytest.param("glycerni", "glycerin", id="one word, swap at its end"),
    pytest.param("xlycerin", "glycerin", id="first letter changed"),
    pytest.param("sodum benzoate", "sodium benzoate", id="first word, letter dropped"),
    pytest.param("sodium benzoat", "sodium benzoate", id="last word, last letter dropped"),
    pytest.param("sodiu mchloride", "sodium chloride", id="space swapped with a letter: only the space between"),
    pytest.param("tocopheryla cetate", "tocopheryl acetate", id="space moved one letter on"),
    pytest.param("glyc erin", "glycerin", id="space typed inside a word"),
    pytest.param("sodium hyaluronat e", "sodium hyaluronate", id="space typed before the last letter"),
    pytest.param("cetylalcohol", "cetyl alcohol", id="space left out"),
    pytest.param("peg-100 staerate", "peg-100 stearate", id="swap beside a number"),
    pytest.param("ci 7749", "ci 77491", id="a digit short: all the colour indexes one edit away"),
    pytest.param("glycrin stearat", None, id="two slips in two words: nothing one edit away"),
]


@pytest.mark.parametrize("key, name", WINDOW)
def test_probing_the_edit_window_finds_every_name_one_edit_away(vocab, key, name):
    ni, known = vocab._names, vocab.known_words()
    windowed = _one_edit(vocab, key, ni.neighbours(key, edit_window(key, known)))
    assert windowed == _one_edit(vocab, key, ni.neighbours(key))
    assert (name in windowed) if name else windowed == []


def test_the_edit_window_on_slips_of_real_names(vocab):
    """Seeded slips of 2,000 vocabulary names (a letter or a space dropped, added, changed, swapped)."""
    ni, known = vocab._names, vocab.known_words()
    checked = 0
    for key in _slips(vocab, 2000):
        if edit_window(key, known) is None:
            continue  # the whole-name index is only asked about a name with a word no name has
        checked += 1
        assert _one_edit(vocab, key, ni.neighbours(key, edit_window(key, known))) == _one_edit(vocab, key, ni.neighbours(key)), key
    assert checked > 1000


def _slips(v: Vocabulary, count: int, seed: int = 16) -> list[str]:
    """Seeded slips of vocabulary names of at most 40 letters: a letter or a space dropped, added,
    changed, or two swapped."""
    rng = random.Random(seed)
    out = []
    for name in rng.sample([n for n in v.names if len(n) <= 40], count):
        k, op, ch = rng.randrange(len(name)), rng.randrange(4), rng.choice("aeilnorst -")
        out.append([name[:k] + name[k + 1:], name[:k] + ch + name[k:], name[:k] + ch + name[k + 1:],
                    name[:k] + name[k + 1:k + 2] + name[k] + name[k + 2:]][op])
    return out


@pytest.mark.parametrize("key", [
    pytest.param("phenoxyethanl", id="a letter dropped: the longer name wins at once"),
    pytest.param("glycerinn", id="a letter added"),
    pytest.param("glycerni", id="two letters swapped"),
    pytest.param("ci 7749", id="longer names with other numbers: not taken, the rest probed"),
    pytest.param("sodium chlorde", id="a letter dropped, one name"),
    pytest.param("sodium chlorite", id="a real name one letter from another"),
])
def test_the_whole_name_read_is_the_best_over_every_probe(vocab, key):
    numbers = _NUMBERS.findall(key)
    window = edit_window(key, vocab.known_words())
    assert vocab._whole_name(key, numbers, window) == vocab._best_neighbour(key, numbers, vocab._names.neighbours(key))


@pytest.mark.parametrize("key, lower, best", [
    pytest.param("beesxwax", "bees wax", "beeswax", id="a letter added; a name with a letter changed scores less"),
    pytest.param("cystxine", "cysteine", "cystine", id="a letter added; a letter changed scores less"),
])
def test_a_hash_collision_in_the_first_probe_does_not_change_the_read(key, lower, best):
    """The first probe holds hashes, not texts: a name of another length it may bring (a collision)
    is left for the other probes, where it competes with every neighbour."""
    v = Vocabulary(load_index())
    v.fuzzy_index(complete=True)
    ni = v._names
    numbers = _NUMBERS.findall(key)
    window = edit_window(key, v.known_words())
    assert v.inci(v._whole_name(key, numbers, window).index).lower() == best
    collided = ni.entries.index(lower)
    bucket = ni.deletes.get(hash(key))
    ni.deletes[hash(key)] = (collided,) + (() if bucket is None else (bucket,) if type(bucket) is int else bucket)
    assert v.inci(v._whole_name(key, numbers, window).index).lower() == best


def test_the_whole_name_read_on_slips_of_real_names(vocab):
    known = vocab.known_words()
    for key in _slips(vocab, 2000, seed=7):
        window = edit_window(key, known)
        if window is not None:
            numbers = _NUMBERS.findall(key)
            assert vocab._whole_name(key, numbers, window) == vocab._best_neighbour(
                key, numbers, vocab._names.neighbours(key)), key


def test_the_window_covers_the_typo_and_the_spaces_around_it(vocab):
    known = vocab.known_words()
    assert edit_window("sodium benzoat", known) == (6, 14)
    assert edit_window("sodiu mchloride", known) == (5, 6)
    assert edit_window("glycrin stearat", known) == (7, 8)
    assert edit_window("sodium benzoate", known) is None  # every word known: not asked


# (printed, INCI read by the exact attempts or None): read with the word table at hand (the
# shortcuts) and before any miss built it (every attempt made)
EXACT = [
    pytest.param("Hydrolyzed Soy Pro Tein", "HYDROLYZED SOY PROTEIN", id="join: the unknown word is the second"),
    pytest.param("Caprylyl Gly Col", "CAPRYLYL GLYCOL", id="join: the unknown word is the last"),
    pytest.param("Sodium Hyal Uronate", "SODIUM HYALURONATE", id="join: two unknown words"),
    pytest.param("Tocopheryl Acet Ate", "TOCOPHERYL ACETATE", id="join: two unknown words at the end"),
    pytest.param("Phenoxy Ethanol", "PHENOXYETHANOL", id="join: known words"),
    pytest.param("Caprylic/Capric Trigly Ceride", "CAPRYLIC/CAPRIC TRIGLYCERIDE", id="join in a name with a slash"),
    pytest.param("Retinylpalmitate", "RETINYL PALMITATE", id="split of a glued word"),
    pytest.param("Glycerylstearate", "GLYCERYL STEARATE", id="split of another glued word"),
    pytest.param("Melaleuca Alternifolia Extract", "MELALEUCA ALTERNIFOLIA LEAF EXTRACT", id="plant part put in"),
    pytest.param("Melaleuca Alternifolai Extract", None, id="plant part: a typo'd word, no name"),
    pytest.param("Polysorbate20", "POLYSORBATE 20", id="digit glued to a word"),
    pytest.param("PEG 100 Stearate", "PEG-100 STEARATE", id="spaced number"),
    pytest.param("1 2-Hexanediol", "1,2-HEXANEDIOL", id="spaced diol"),
    pytest.param("Ceramide 6-11", "CERAMIDE 6 II", id="roman numeral read as digits"),
    pytest.param("SalicylicAcid", "SALICYLIC ACID", id="camel case"),
    pytest.param("Glycerin USP", "GLYCERIN", id="grade after the name"),
    pytest.param("Organic Glycerin", "GLYCERIN", id="qualifier before the name"),
    pytest.param("D&C Red No. 27 Aluminum Lake", "CI 45410", id="US certified colour"),
    pytest.param("Glycerni", None, id="a typo: no exact reading"),
]


@pytest.fixture(scope="module")
def shortcuts():
    m = Matcher(load_index())
    m.vocab.fuzzy_index()
    return m


@pytest.mark.parametrize("printed, inci", EXACT)
def test_exact_attempts_read_the_same_with_the_word_table(shortcuts, printed, inci):
    every_attempt = Matcher(load_index())
    assert every_attempt.vocab.known_words() is None and shortcuts.vocab.known_words() is not None
    hit = shortcuts.resolve_exact(printed)
    assert hit == every_attempt.resolve_exact(printed)
    assert (shortcuts.vocab.inci(hit.index) if hit else None) == inci


def test_a_plant_part_is_not_put_into_a_typo(shortcuts):
    m = shortcuts
    assert m.plant_part_candidates(fold("Rosa Canina Extract"))  # several parts fit: not read, but found
    assert m.plant_part_candidates(fold("Rosa Canian Extract")) == set()


# -- the guards against their patterns ---------------------------------------------------------
# characters the guards look at, and the words of the patterns they guard
TEXT = st.lists(st.sampled_from(list("aAbCz09 1-.,;:'\"*+()[]/&%<>\t\n") + ["\u2020", "\u00e9", "\u0663", "\u2122"]
                                + ["organic ", "certified ", "100% ", "and ", "pure ", "Sodium", " usp", "Acid", "c\u2020"]),
                max_size=20).map("".join)


@props(400)
@given(TEXT)
def test_a_name_clean_by_the_quick_test_is_unchanged_by_the_steps(text):
    if parse._is_clean(text):
        assert parse._clean_steps(text) == text
    assert parse._clean_name(text) == parse._clean_steps(text)


@props(400)
@given(TEXT)
def test_the_item_guards_hold_for_their_patterns(text):
    if parse._DIGIT.search(text) is None:
        assert parse._BATCH_CODE.match(text) is None and parse._BATCH_TAIL.search(text) is None
    if not parse._has_footnote_mark(text):
        assert parse._LEGEND_TAIL.search(text) is None


@props(400)
@given(TEXT)
def test_the_rewrite_guards_hold_for_their_patterns(text):
    m = matcher_module
    if m._DIGIT.search(text) is None:
        assert not any(p.search(text) for p in (m._SPACED_DIOL, m._SPACED_NUMBER, m._ROMAN_OCR, m._LETTER_DIGIT))
    if text.islower() or text.isupper() or text.istitle():
        assert m._CAMEL.search(text) is None
    qualifier = m._QUALIFIER.match(text)
    assert m._QUALIFIER.sub("", text) == (text[qualifier.end():] if qualifier else text)
    if not (text[-1:] in m._TRAILER_ENDS or text.endswith("\n")):
        assert m._TRAILER.search(text) is None
        for trailer in (" usp", " nf", " usp/nf", " certified organic", " natural origin", " naturally derived", " <x1>"):
            assert m._TRAILER.search(text + trailer) and (text + trailer)[-1:] in m._TRAILER_ENDS


@props(400)
@given(st.text("abcdefgh -", min_size=1, max_size=40), st.text("abcdefgh -", min_size=1, max_size=40),
       st.sampled_from([80.0, 83.3, 85.0, 90.0, 99.5]))
def test_a_text_out_of_the_length_range_cannot_reach_the_score(a, b, score):
    from rapidfuzz import fuzz

    lo, hi = _length_range(len(a), score)
    if fuzz.ratio(a, b) >= score:
        assert lo <= len(b) <= hi


@pytest.mark.parametrize("printed, could_be", [
    pytest.param("Eugenl Oil", "EUGENOL", id="close to an irritant"),
    pytest.param("Benzoyl Peroxid Gel", "BENZOYL PEROXIDE", id="close to an irritant, a longer name"),
    pytest.param("Retinal Aldehyd", "RETINAL", id="close to an irritant, far in length"),
    pytest.param("Retinyl Palmitat Complex", "RETINYL PALMITATE", id="close to an irritant, a word more"),
    pytest.param("Isoeugenol Methyl", None, id="closer to another real name"),
    pytest.param("Lactic Acd Solution", None, id="closer to another real name, a longer one"),
    pytest.param("Glycolik Akid Solution", None, id="too far from any irritant"),
])
def test_could_be_reads_the_same_from_the_names_within_reach(printed, could_be):
    """An unread name compared, by the loose edit distance, with the irritant names and the other
    names whose length can reach the score, against the same comparison over every name."""
    pm = Matcher(load_index()).possible_matcher()
    key = fold(printed)
    words = set(key.split(" "))
    got = pm._by_distance(key, words)
    assert (got.inci if got else None) == could_be
    pm._other_names(len(key), 100.0)  # built: every name, sorted by length
    pm._irritants_near = lambda n: pm._irritant_list
    pm._other_names = lambda n, score: pm._others
    assert pm._by_distance(key, words) == got


# -- fold on a new name ------------------------------------------------------------------------
# pieces of ASCII names that the steps act on: every UK spelling, colour indexes, marks, whitespace
_ASCII_PIECES = ["glycerine", "e", "Sulph", "ALUMINIUM", "colour", "Flavour", "CI", "c.i.", "Cl", "7749l", "77491", " ",
                 "  ", "-", " - ", "/", ",", ".", "2.5", "*", "`", "\\", "\t", "\n", "\x0b", "\x1c", "Aqua", "z", "'", '"']
ASCII_TEXT = st.one_of(st.text(alphabet=st.characters(max_codepoint=127), max_size=40),
                       st.lists(st.sampled_from(_ASCII_PIECES), max_size=12).map("".join))


@props(400)
@given(ASCII_TEXT)
def test_fold_of_an_ascii_name_is_the_full_list_of_steps(text):
    """The ASCII path: one bytes.translate that maps the marks and whitespace and lowers the letters."""
    assert fold_module.fold_ascii(text) == fold_module.fold_steps(text)


@props(400)
@given(ASCII_TEXT)
def test_the_fold_guards_hold_for_their_patterns(text):
    """A UK spelling is searched for only in a name holding one whole, a run of spaces only where two
    spaces stand together: each step reads as its patterns applied to every name."""
    f, low = fold_module, text.lower()
    assert f._spellings(low) == f._SPELLING_RE.sub(lambda m: f._SPELLING_MAP.get(m.group(), "glycerin"), low)
    spaced = f._SPACE_AROUND.sub(r"\1", f._SPACE_RUN.sub(" ", low.strip()))
    assert f._spaces(low) == spaced.strip(" -/,'\"")


# words of real names, their typos and glued pairs: what a join or a split is tried on
_WORDS = ["sodium", "hyal", "uronate", "hyaluronate", "glycerni", "pro", "tein", "retinylpalmitate", "caprylyl",
          "gly", "col", "acet", "ate", "tocopheryl", "phenoxy", "ethanol", "xqzt", "glycerylstearate", "acid"]


@props(400)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=5))
def test_a_join_or_a_split_is_made_only_where_every_word_it_leaves_is_known(vocab, words):
    """The joins and splits made with the word table are exactly those, of all of them, that leave
    only known words: a variant with a word no name has cannot be a name."""
    known, key = vocab.known_words(), " ".join(words)
    all_known = lambda text: all(w in known for w in text.split(" "))  # noqa: E731
    joins = matcher_module._joins_keeping_known(words, known)
    every = [" ".join((*words[:i], words[i] + words[i + 1], *words[i + 2:])) for i in range(len(words) - 1)]
    assert [every[i] for i in joins] == [v for v in every if all_known(v)]
    assert list(matcher_module._unglued_words(key, known)) == [
        v for v in matcher_module._unglued_words(key) if all_known(v)]


# -- the memos a typo goes through -------------------------------------------------------------
@pytest.mark.parametrize("label, colon_segment", [
    pytest.param("Aqua, Glycerni, Phenoxyethanl, Sodium Hyaluronat", None, id="typos: read once, kept once"),
    pytest.param("Hydra Serum: Aqua, Glycerni, Tocopherol", "Hydra Serum: Aqua", id="a product name before the list"),
])
def test_no_segment_is_parsed_twice_and_a_typo_is_kept_once(monkeypatch, label, colon_segment):
    """A segment is parsed once in a check: a segment with a colon, which split_label reads first to
    find a product's name, is found again in parse's memo; any other segment's finished reading is
    kept by the classifier alone, so a shelf's typos, each seen once, are not kept twice (that memory
    is what bench/speed.py's target 2 measures; this pins where it goes)."""
    from ingredient_check.check import check_label
    from ingredient_check.classify import Classifier
    from ingredient_check.timeline import Options

    made: list[str] = []
    item_parts = parse._item_parts
    monkeypatch.setattr(parse, "_item_parts", lambda s, m: made.append(s) or item_parts(s, m))
    parse._ITEM_MEMO.clear()
    c = Classifier(load_index())
    report = check_label(label, Options(), c)
    names = [i.inci for i in report.ingredients]
    assert "GLYCERIN" in names and len(made) == len(set(made))
    assert [k for k, _ in parse._ITEM_MEMO] == [k for k in made if ":" in k]
    assert (colon_segment in made) == (colon_segment is not None)
