"""normalise + match: resolve a printed name to a canonical INCI name of the vocabulary.

Order: exact (folded name is an INCI name) -> alias (a synonym or common name from the lexicons)
-> fuzzy. Fuzzy matching snaps to the nearest REAL ingredient of the whole CosIng vocabulary, never to
the nearest irritant: a typo of "Cetyl Alcohol" lands on Cetyl Alcohol, not on Alcohol.

Brute force (rapidfuzz over 28,700 names) costs about 0.5 ms a miss, far too slow for a shelf whose
typos make ~100,000 distinct misses. So the candidates are narrowed first:

0. whole-name correction: a name one edit away (a letter dropped, added, changed, or two letters
   swapped: what a typing slip does to a label) from a WHOLE vocabulary name or alias, found through
   a SymSpell-style index of each name's one-letter deletions (see ``_NameIndex``). About 5 us a
   typo against ~50 us for the steps below, and it lands on the intended name more often
   (``python bench/speed.py`` target 5). Only tried when a word of the name is not a vocabulary
   word: a name made of real words ("citronella") is left to the rare-word rule of step 1; and
   only the deletions where the one edit can fall, that word and the spaces beside it, are probed
   (``edit_window``);
1. word correction: each word of the name that is not a vocabulary word is corrected to the
   vocabulary words within edit distance 1 (a SymSpell-style deletion index over the ~19,000
   distinct words, built once per process on the first miss), 2 for long words, or one OCR confusion
   (rn/m, cl/d, 0/o, 1/l/i, vv/w); the combinations that form a vocabulary name are scored.
   A word that is in the vocabulary but in at most two names ("dimethcone", a typo one CosIng
   name shares) is also tried as its neighbours in ten times as many names;
2. otherwise the names that share the name's rarest known word are scored with ``fuzz.ratio``.

Steps 1 and 2 are the fallback when step 0 finds nothing, so no name read before step 0 existed
is lost. A fuzzy hit must keep the same numbers (PEG-100 is not PEG-10, CI 77491 is not CI 77492) and the same
number of words, and score at least the cutoff below. Every result is memoised per folded name.
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import Collection, Iterable, NamedTuple

from .fold import fold
from .memo import BoundedMemo

__all__ = ["Hit", "Vocabulary", "FUZZY_CUTOFF", "FALLBACK_CUTOFF", "FUNCTION_FLAGS"]

# CosIng functions a check reads from the index, as bits of one integer per name (``Vocabulary.flags``;
# build.py writes them): only the preservatives, for the 1% line (label_rules.py). The structural
# rules read the functions at build time, and `explain` reads them from the vocabulary file.
FUNCTION_FLAGS = {
    "PRESERVATIVE": 1,
}

# Chosen by measurement (bench/accuracy.py, noise section): below ~85 typo'd words start to land
# on neighbouring real names; the fallback scorer sees whole names, so it needs more.
FUZZY_CUTOFF = 85.0
FALLBACK_CUTOFF = 90.0
_MIN_WORD = 4  # shorter words are not corrected: too many neighbours
_MAX_COMBINATIONS = 64
_RARE_WORD = 2  # a vocabulary word in at most this many names may be a typo a CosIng name shares
_COMMONER = 10  # ... when a word one edit away is in at least 10 times as many names
_SPLIT_POOL = 64  # a word in more names than this has its names split by word count
# Whole-name index: names up to this length (85% of CosIng names and aliases, nearly every name a
# shelf prints) are indexed: 620,000 keys, +56 MB RSS, 0.46 s to build (measured 2026-12-03). Their
# deletions alone at caps of 50 and 64 characters: +56 and +80 MB; every name (up to 1,928) +84 MB.
_NAME_INDEX_MAX = 40
_UNSEEN = object()  # a name the memo does not hold (None there is a name read as nothing)
# numbers that stand as numbers ("peg-100", "ci 77491"), not OCR digits inside a word ("asc0rbic")
_NUMBERS = re.compile(r"(?<![a-z])\d+(?![a-z])")
_OCR_PAIRS = (("rn", "m"), ("m", "rn"), ("cl", "d"), ("d", "cl"), ("vv", "w"), ("0", "o"), ("o", "0"),
              ("1", "l"), ("l", "1"), ("1", "i"), ("i", "l"), ("l", "i"), ("ii", "u"), ("u", "ii"))


class Hit(NamedTuple):
    index: int  # position in the vocabulary's names
    how: str  # "exact" | "alias" | "fuzzy"
    score: float  # 100 for exact and alias


def _add(found: set[str], bucket: str | list[str] | None) -> None:
    """Add a deletion bucket's words (one word is stored as the string itself)."""
    if type(bucket) is str:
        found.add(bucket)
    elif bucket:
        found.update(bucket)



def _covered(n: int) -> bool:
    """Whether every name one edit from a text of n letters (n-1 to n+1 letters) is in the whole-name
    index. A longer text gets no whole-name step at all: with only some of its neighbours indexed,
    the best of those could beat a better name left out ("acetylated hydrogenated tallow glycerids",
    40 letters, would read GLYCERIDE, not the 41-letter GLYCERIDES that the word corrector finds)."""
    return n + 1 <= _NAME_INDEX_MAX

class _FuzzyIndex:
    """Deletion index over vocabulary words, and word -> names for the fallback."""

    def __init__(self, names: list[str], aliases: dict[str, int]):
        from rapidfuzz import fuzz, process  # noqa: PLC0415 - only needed once a name misses
        from rapidfuzz.distance import OSA  # noqa: PLC0415 - a swap of two letters is one edit

        self.ratio = fuzz.ratio
        self.extract_one = process.extractOne
        self.distance = OSA.distance
        self.names = names
        word_names: dict[str, list[int]] = {}
        for i, name in enumerate(names):
            for w in set(name.split(" ")):
                word_names.setdefault(w, []).append(i)
        for alias, i in aliases.items():  # "octinoxate", "fragrance": label names are typo'd too
            for w in set(alias.split(" ")):
                word_names.setdefault(w, []).append(i)
        self.word_names = word_names
        self.longest_word = max(map(len, word_names))
        # deletion -> the word it came from, or a list of the words: 99% of the 260,000 deletions
        # come from one word (`python bench/parts.py`), and a one-item list for each would add
        # sys.getsizeof([w]) = 64 bytes a deletion, 16 MB
        deletes: dict[str, str | list[str]] = {}
        setdefault = deletes.setdefault
        for w in word_names:
            if len(w) >= _MIN_WORD:
                for k in range(len(w)):
                    bucket = setdefault(w[:k] + w[k + 1:], w)  # one look-up where the deletion is new
                    if bucket == w:  # new, or this word's own (a doubled letter: "ll")
                        continue
                    if type(bucket) is str:
                        deletes[w[:k] + w[k + 1:]] = [bucket, w]
                    elif bucket[-1] != w:
                        bucket.append(w)
        self.deletes = deletes
        # each name's numbers, which a fallback candidate must share with the label's, and its word
        # count, by which the names of a common word are split (a word in thousands of names makes
        # a slow fallback pool; the label's own word count keeps a tenth of it)
        self.numbers = [_NUMBERS.findall(name) for name in names]
        by_length: dict[tuple[str, int], list[int]] = {}
        for w, where in word_names.items():
            if len(where) > _SPLIT_POOL:
                for i in sorted(set(where)):
                    by_length.setdefault((w, names[i].count(" ") + 1), []).append(i)
        self.by_length = by_length

    def pool(self, anchor: str, n_words: int) -> Iterable[int]:
        """The names holding ``anchor`` that may have ``n_words`` words."""
        where = self.word_names[anchor]
        if len(where) > _SPLIT_POOL:
            return self.by_length.get((anchor, n_words), ())
        return where

    def word_candidates(self, w: str, rare_too: bool = False) -> list[str]:
        """Vocabulary words within one edit of ``w`` (two for long words), or ``[w]`` when ``w`` is
        itself one; ``rare_too``: ``w`` and its neighbours, for a rare word that may be a typo."""
        if w in self.word_names and not rare_too:
            return [w]
        if len(w) < _MIN_WORD or len(w) > self.longest_word + 2:
            return [w] if rare_too else []  # nothing within two edits: skip the quadratic deletion loops
        deletes, word_names = self.deletes, self.word_names
        found: set[str] = set()
        _add(found, deletes.get(w))  # a letter was dropped
        for k in range(len(w)):
            d = w[:k] + w[k + 1:]
            if d in word_names:  # a letter was added
                found.add(d)
            bucket = deletes.get(d)
            if bucket is not None:  # a letter was changed or swapped
                _add(found, bucket)
        for wrong, right in (() if found else _OCR_PAIRS):
            if wrong in w:
                v = w.replace(wrong, right)
                if v in self.word_names:
                    found.add(v)
        if not found and len(w) >= 8:  # two edits in a long word
            for k in range(len(w)):
                d1 = w[:k] + w[k + 1:]
                for j in range(k, len(d1)):
                    _add(found, deletes.get(d1[:j] + d1[j + 1:]))
        limit = 1 if len(w) < 8 else 2
        if rare_too:  # only a far more common neighbour: "citronella" must not become "citronellal"
            floor = _COMMONER * len(word_names[w])
            found = {c for c in found if c in word_names and len(word_names[c]) >= floor} | {w}
        # sorted: the order decides ties later, and must not depend on set order (PYTHONHASHSEED)
        return sorted(c for c in found if self.distance(w, c, score_cutoff=limit) <= limit)

    def rarest_known_words(self, words: list[str], n: int = 2) -> list[str]:
        """The n known words that occur in the fewest names (a misspelling can be a real word:
        "Lycium Chinese" for CHINENSE, so one anchor is not enough)."""
        known = sorted({w for w in words if w in self.word_names}, key=lambda w: (len(self.word_names[w]), w))
        return known[:n]


class _NameIndex:
    """One-edit neighbours of whole vocabulary names and aliases (SymSpell with distance 1).

    Each indexed name's deletions of one letter are stored; a typo's neighbours are then the names
    whose deletions equal the typo (a letter was dropped), the names equal to one of the typo's
    deletions (a letter was added), and the names sharing one of its deletions (a letter changed,
    or two swapped): ``len(typo) + 1`` dictionary probes, then the few candidates are checked with
    an OSA distance. The keys are ``hash()`` of the deletions, not the strings: an int key costs
    32 bytes against ~70 for a 20-letter string, 52 MB instead of 132 (a hash collision only adds a
    candidate that the distance check drops). Values are an entry id, or a tuple of them when
    several names share a deletion ("sodium chloride" and "sodium chlorite").
    """

    def __init__(self, names: list[str], aliases: dict[str, int]):
        alias_names = sorted(aliases)
        self.entries = names + alias_names  # entry id -> its folded text
        self.targets = list(range(len(names))) + [aliases[a] for a in alias_names]  # -> name index
        self.by_length: dict[int, list[int]] = {}
        for e, text in enumerate(self.entries):  # one int object per entry, shared by its deletions
            if _MIN_WORD <= len(text) <= _NAME_INDEX_MAX:
                self.by_length.setdefault(len(text), []).append(e)
        self.deletes: dict[int, int | tuple[int, ...]] = {}
        self.built: set[int] = set()
        self.complete = False  # every length that has names is built: nothing is left to build

    def add_length(self, n: int) -> None:
        """Index the names of ``n`` letters. A typo of n letters can only be one edit from a name
        of n-1, n or n+1 letters, so a label with one typo builds three of ~37 lengths (0.04 s);
        a shelf soon has them all (0.46 s in all)."""
        self.built.add(n)
        self.complete = self.by_length.keys() <= self.built  # every length that has names is built
        deletes = self.deletes
        setdefault, entries = deletes.setdefault, self.entries
        for e in self.by_length.get(n, ()):
            text = entries[e]
            # the name itself too (a letter was added to it), as SymSpell stores a word's own text
            for h in {hash(text), *map(hash, [text[:k] + text[k + 1:] for k in range(n)])}:
                bucket = setdefault(h, e)  # one look-up for the 99% of keys of one entry
                if bucket != e:  # another entry's id, or a tuple of them
                    deletes[h] = (bucket, e) if type(bucket) is int else bucket + (e,)

    def add_all(self) -> None:
        for n in sorted(self.by_length.keys() - self.built):
            self.add_length(n)

    def neighbours(self, key: str, window: tuple[int, int] | None = None, itself: bool = True) -> set[int]:
        """Entry ids of the indexed names possibly one edit from ``key`` (to be checked). With
        ``window`` (``edit_window``), only the deletions inside it are probed: the names found one
        edit away are the same. ``itself=False``: without the probe of ``key`` itself (``longer``)."""
        found: set[int] = set()
        n = len(key)
        if not _covered(n):
            return found
        self._build_around(n)
        lo, hi = (0, n) if window is None else window
        probes = [key[:k] + key[k + 1:] for k in range(lo, hi)]
        if itself:
            probes.append(key)
        for bucket in map(self.deletes.get, map(hash, probes)):
            if bucket is None:
                continue
            if type(bucket) is int:
                found.add(bucket)
            else:
                found.update(bucket)
        return found

    def longer(self, key: str) -> list[int]:
        """Entry ids of the indexed names of one letter more than ``key`` that possibly have ``key``
        as a deletion (a letter dropped from the name): the one probe of ``key`` itself, the names
        of other lengths a hash collision may bring left out."""
        n = len(key)
        if not _covered(n):
            return []
        self._build_around(n)
        bucket = self.deletes.get(hash(key))
        if bucket is None:
            return []
        entries = self.entries
        return [e for e in ((bucket,) if type(bucket) is int else bucket) if len(entries[e]) == n + 1]

    def _build_around(self, n: int) -> None:
        if self.complete:
            return
        for m in (n - 1, n, n + 1):
            if m not in self.built:
                self.add_length(m)


def edit_window(key: str, known: dict) -> tuple[int, int] | None:
    """The positions ``[lo, hi)`` of ``key`` where one edit that makes it a vocabulary name or alias
    must fall, given ``known``, every word of every name and alias (``_FuzzyIndex.word_names``);
    None when every word of ``key`` is known (an edit may then fall anywhere).

    Why it is exact: a word of ``key`` that is not in ``known`` ("glycerni") cannot be a word of any
    name. An edit (a letter dropped, added, changed; two neighbours swapped) at a position outside
    that word and the spaces around it leaves the word whole, between the same spaces, so the text
    it makes is no name. Every one-edit neighbour therefore differs from ``key`` inside the window,
    and ``_NameIndex.neighbours`` finds it through the deletion of a position inside it (a swap of
    positions k, k+1 through either; an added letter through the key itself, always probed). Several
    unknown words: the edit must touch each, so the windows intersect (empty: no name is one edit
    away, as when "glycrin stearat" has two slips). The shortest window is the fewest probes: a
    20-letter name with one typo'd word of 9 letters needs 11 deletions instead of 20.
    """
    lo, hi = 0, len(key)
    start = 0
    whole = True
    for word in key.split(" "):
        end = start + len(word)
        if word not in known:  # this word, and the space before and after it
            lo, hi, whole = max(lo, start - 1), min(hi, end + 1), False
        start = end + 1
    return None if whole else (lo, max(lo, hi))


class _PackedNames:
    """The vocabulary's names read from the index's blocks of names, without splitting them all.

    Splitting the 28,700 names and putting them in a dict costs a fresh process about 10 ms
    (``python bench/index_load.py``), more than a pasted label's whole reading; a label of 30 items
    looks up a few dozen names. The index holds the names in blocks of 64 (one string each), in
    sorted order apart from the few it lists in ``names_unsorted`` (CosIng sorts "ALPHA,GAMMA-..."
    before "ALPHA,3-..." by its printed form, and lexicon names it lacks come last; build.py). So a
    name is found by bisection over the blocks' first names: the block it would be in is split, and
    its names put in a dict, the first time it is read. The names out of order have a dict of their own.
    """

    def __init__(self, blocks: list[str], unsorted: list[int]):
        self.blocks = blocks
        self.size = blocks[0].count("\n") + 1  # names per block (the last may hold fewer)
        self._split: dict[int, list[str]] = {}
        self._keys: dict[int, dict[str, int]] = {}
        self.unsorted = {self.name(i): i for i in unsorted}
        # bisection keys: each block's first name that is in order (a block holding none is skipped)
        self._bounds: list[str] = []
        self._bound_blocks: list[int] = []
        for j, block in enumerate(blocks):
            first = block.partition("\n")[0]
            if first in self.unsorted:
                first = next((n for n in self.block(j) if n not in self.unsorted), None)
            if first is not None:
                self._bounds.append(first)
                self._bound_blocks.append(j)

    def block(self, j: int) -> list[str]:
        names = self._split.get(j)
        if names is None:
            names = self._split[j] = self.blocks[j].split("\n")
        return names

    def name(self, i: int) -> str:
        j, k = divmod(i, self.size)
        return self.block(j)[k]

    def get(self, key: str) -> int | None:
        i = self.unsorted.get(key)
        if i is not None:
            return i
        b = bisect.bisect_right(self._bounds, key) - 1
        if b < 0:
            return None
        j = self._bound_blocks[b]
        keys = self._keys.get(j)
        if keys is None:
            first = j * self.size
            keys = self._keys[j] = {n: first + k for k, n in enumerate(self.block(j))}
        return keys.get(key)


class Vocabulary:
    # look-ups through the packed names before the whole list and dict are built: a label makes a
    # few dozen, a shelf passes this many within its first rows and then reads the dict
    PACKED_LOOKUPS = 2000

    def __init__(self, index: dict):
        names = index["names"]
        self.display: dict[str, str] = index["display"]
        self._flags: dict[str, int] = index["flags"]
        self.aliases: dict[str, int] = index["aliases"]
        self._memo: BoundedMemo = BoundedMemo()
        self._fuzzy: _FuzzyIndex | None = None
        self._names: _NameIndex | None = None
        # False: step 0 (whole-name correction) is skipped, the corrector as it was before it
        # (bench/speed.py target 5 compares the two in one process)
        self.whole_names = True
        # ``names`` (index -> folded name) and ``keys`` (folded name -> index) are built on first use
        # (__getattr__); until then a look-up reads the blocks of names (_PackedNames)
        self._packed: _PackedNames | None = None
        self._lookups = 0
        if isinstance(names, list) and names and "names_unsorted" in index:
            self._packed = _PackedNames(names, index["names_unsorted"])
            self._index_of = self._packed_index_of
            self._name_of = self._packed.name
        else:
            self._unpack(names)

    def _unpack(self, names: str | list[str]) -> None:
        """``names``: the index's blocks of names, or (an index before blocks) one string of them all."""
        self.names: list[str] = (names if isinstance(names, str) else "\n".join(names)).split("\n")
        self.keys: dict[str, int] = dict(zip(self.names, range(len(self.names))))
        self._index_of = self.keys.get
        self._name_of = self.names.__getitem__

    def __getattr__(self, attr: str):
        if attr in ("names", "keys") and self.__dict__.get("_packed") is not None:
            self._unpack(self._packed.blocks)
            self._packed = None
            return getattr(self, attr)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {attr!r}")

    def _packed_index_of(self, key: str) -> int | None:
        self._lookups += 1
        if self._lookups > self.PACKED_LOOKUPS:
            return self.keys.get(key)  # builds them; later look-ups read the dict directly
        return self._packed.get(key)

    def index_of(self, folded: str) -> int | None:
        """The index of a folded vocabulary name (not an alias), or None."""
        return self._index_of(folded)

    def flags(self, i: int) -> int:
        """CosIng function bits of name i (``FUNCTION_FLAGS``)."""
        return self._flags.get(str(i), 0)

    def inci(self, i: int) -> str:
        return self.display.get(str(i)) or self._name_of(i).upper()

    def exact(self, folded: str) -> Hit | None:
        i = self._index_of(folded)
        if i is not None:
            return Hit(i, "exact", 100.0)
        i = self.aliases.get(folded)
        if i is not None:
            return Hit(i, "alias", 100.0)
        return None

    def known_words(self) -> dict[str, list[int]] | None:
        """Every word of every vocabulary name and alias, once the fuzzy index is built (the first
        miss builds it), else None. A text with a word outside it is no name or alias (``exact``
        misses it), which lets a caller skip attempts that cannot succeed without building anything."""
        return self._fuzzy.word_names if self._fuzzy is not None else None

    def exact_name(self, name: str) -> Hit | None:
        return self.exact(fold(name))  # callers memoise whole items (classify), not single names

    def resolve(self, name: str) -> Hit | None:
        """Exact, alias or fuzzy hit for a printed name (memoised on its folded form)."""
        key = fold(name)
        hit = self._memo.get(key, _UNSEEN)  # a get, not a KeyError caught: most names a shelf asks are new
        if hit is not _UNSEEN:
            return hit
        hit = self.exact(key) if key else None
        if hit is None and key:
            hit = self._fuzzy_lookup(key)
            if hit is not None:
                hit = Hit(hit.index, hit.how, round(hit.score, 1))
        return self._memo.put(key, hit)

    def fuzzy_index(self, complete: bool = False) -> _FuzzyIndex:
        """Built on the first miss (0.2-0.4 s; the whole-name index a name length at a time, 0.46 s
        when complete); a batch builds both completely before forking its workers."""
        if self._fuzzy is None:
            self._fuzzy = _FuzzyIndex(self.names, self.aliases)
        if self._names is None and self.whole_names:
            self._names = _NameIndex(self.names, self.aliases)
        if complete and self._names is not None:
            self._names.add_all()
        return self._fuzzy

    def _whole_name(self, key: str, numbers: list[str], window: tuple[int, int] | None = None) -> Hit | None:
        """Step 0: the best vocabulary name or alias one edit from ``key``, same numbers, scoring
        at least FUZZY_CUTOFF; ties to the earlier name, as in ``_best_combination``. ``window``:
        where the edit must fall (``edit_window``).

        A name with a letter dropped from it ("phenoxyethanl") is found by one probe, and when a
        name one letter longer qualifies no other neighbour can beat it: against a key of n letters
        fuzz.ratio gives a name of n + 1 letters 100 * (1 - 1 / (2n + 1)), of n - 1 letters
        100 * (1 - 1 / (2n - 1)), of n letters (a letter changed, two swapped) 100 * (1 - 1 / n), so
        the best is among the longer ones, all in that probe (ties by index among them, as before).
        The other probes are made only when none of them qualifies."""
        ni = self._names
        best = self._best_neighbour(key, numbers, ni.longer(key))
        if best is None:
            best = self._best_neighbour(key, numbers, ni.neighbours(key, window, itself=False))
        return best

    def _best_neighbour(self, key: str, numbers: list[str], entries: Collection[int]) -> Hit | None:
        if not entries:
            return None
        fz, ni = self.fuzzy_index(), self._names
        best: Hit | None = None
        for e in entries:
            text = ni.entries[e]
            if fz.distance(key, text, score_cutoff=1) > 1 or _NUMBERS.findall(text) != numbers:
                continue
            score, i = fz.ratio(key, text), ni.targets[e]
            if score >= FUZZY_CUTOFF and (best is None or (score, -i) > (best.score, -best.index)):
                best = Hit(i, "fuzzy", score)
        return best

    def _fuzzy_lookup(self, key: str) -> Hit | None:
        if len(key) < _MIN_WORD or not (key[0].isalpha() or any(c.isalpha() for c in key)):
            return None
        fz = self.fuzzy_index()
        words = key.split(" ")
        known = fz.word_names
        numbers = _NUMBERS.findall(key)
        window = edit_window(key, known) if self.whole_names else None
        if window is not None:  # a word of the name is in no name: see the module's docstring, step 0
            best = self._whole_name(key, numbers, window)
            if best is not None:
                return best
        options = [[w] if w in known else fz.word_candidates(w) for w in words]
        best = self._best_combination(key, options, numbers) if all(options) else None
        rare = [w in known and len(known[w]) <= _RARE_WORD for w in words]
        if best is None and any(rare):
            # a vocabulary word so rare that it is likely a typo that a CosIng name shares
            # ("dimethcone" is in one name, "dimethicone" in hundreds): its neighbours are tried too
            wider = [fz.word_candidates(w, rare_too=True) if r else o for w, r, o in zip(words, rare, options)]
            best = self._best_combination(key, wider, numbers) if all(wider) else None
        if best is not None:
            return best
        anchors = fz.rarest_known_words(words) or [o[0] for o in options if len(o) == 1][:1]
        n_words, names = len(words), self.names
        pool = {i for a in anchors if len(fz.word_names[a]) <= 5000 for i in fz.pool(a, n_words)}
        choices = {i: names[i] for i in sorted(pool)
                   if fz.numbers[i] == numbers and names[i].count(" ") + 1 == n_words}
        if not choices:
            return None
        found = fz.extract_one(key, choices, scorer=fz.ratio, score_cutoff=FALLBACK_CUTOFF)
        if found is None:
            return None
        _, score, i = found
        return Hit(i, "fuzzy", score)

    def _best_combination(self, key: str, options: list[list[str]], numbers: list[str]) -> Hit | None:
        """The best-scoring vocabulary name among the combinations of the words' candidates."""
        fz = self.fuzzy_index()
        best: Hit | None = None
        for combo in itertools.islice(itertools.product(*options), _MAX_COMBINATIONS):
            candidate = " ".join(combo)
            if candidate == key:
                continue
            hit = self.exact(candidate)
            if hit is None or _NUMBERS.findall(candidate) != numbers:
                continue
            score = fz.ratio(key, candidate)
            # ties go to the earlier name in the (sorted) vocabulary: deterministic in any process
            if score >= FUZZY_CUTOFF and (best is None or (score, -hit.index) > (best.score, -best.index)):
                best = Hit(hit.index, "fuzzy", score)
        return best

    def suggestions(self, name: str, limit: int = 5) -> list[tuple[str, float]]:
        """Nearest vocabulary names for 'did you mean' (whole-vocabulary scan: interactive use only)."""
        from rapidfuzz import fuzz, process  # noqa: PLC0415

        key = fold(name)
        pool = {**{n: n for n in self.names}, **{a: a for a in self.aliases}}
        found = process.extract(key, pool, scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
        return [(m, round(s, 1)) for m, s, _ in found]
