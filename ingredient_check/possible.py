"""possible: what an item the checker cannot recognise could be, on the irritant side only.

Unknown never means safe, and one unread item can be the very irritant that decides the wait. Real
labels show how: typed from a photo ("ASC0RBIC AC1D", "Retinyl Palrnitate"), two names run together
when a line break stood for the comma ("Glycolic Acid PANTHENOI"), a batch code glued to the last name
("ascorbyl palmitate. d227948/1."), a disclaimer glued to it ("Retinol Please be aware ..."), a
drug-facts line ("active ingredients avobenzone 3%"), a bilingual essential oil ("Litsea Cubeba (May
Chang Oil/Huile de Chang Mai)"). So every item that stays unknown is compared, more loosely than the
snap to a real name (vocab.py), with the irritant names of the lexicons, in the order and with the data
of ``lexicons/possible.toml``: OCR letters merged, an irritant name or category word inside it, an
aromatic genus with "oil", a looser edit distance. What it could be counts toward the wait as that
irritant would, with ``match = "possible"``: never a confident match, always shown as "could be".

Only irritants are looked for: a plain unknown carrier-oil spelling is not made into anything, and a
loose match must be closer to its irritant than to any other real name (a typo of Cetyl Alcohol is
never Alcohol), so the false alarms stay few (README, "Unknown items", has the figures).

Also here, because it is the same OCR data: the confident reading of digits inside a word that is
otherwise letters ("GLYC0LIC AC1D" is GLYCOLIC ACID), which classify.py tries before the fuzzy match.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from typing import NamedTuple

from .fold import fold
from .vocab import _NUMBERS  # numbers that stand as numbers: "peg-100", "ci 77491", not "asc0rbic"

__all__ = ["Possible", "PossibleMatcher", "skeleton", "digit_readings", "build_table", "short_label", "PLAIN_OIL"]

# Ingredient.how of an unknown item shaped like a fixed plant oil, butter or wax: it may be waived on a
# short label (timeline.py, the unknown rule)
PLAIN_OIL = "unknown: a plant oil by its shape"

_WORDS = re.compile(r"[a-z]+")
# a run of letters and digits inside a name: "ac1d", "peg", "100", "c12"
_RUN = re.compile(r"[a-z0-9]+")
_MAX_READINGS = 16


def short_label(label: str) -> str:
    """A category's label without its parentheses: "alpha hydroxy acid (AHA)" -> "alpha hydroxy acid"."""
    return re.sub(r"\s*\([^)]*\)", "", label).strip() or label


class Possible(NamedTuple):
    entry: str | None  # the lexicon entry or rule id it could be; None when only the category is known
    inci: str | None  # that entry's INCI name (None: category only)
    category: str | None  # None: an irritant entry with a role but no category
    why: str  # for people: "the letters read alike (OCR)", 'it contains "retin"', "86% alike"
    score: float | None  # the loose match's score


def skeleton(key: str, groups: list[list[str]]) -> str:
    """The folded name with the letters that photographs confuse merged ("asc0rbic ac1d" and
    "ascorbic acid" both become "ascorblc acld"). Groups of several letters go first (rn -> m)."""
    for group in sorted(groups, key=lambda g: -max(len(x) for x in g[1:])):
        for other in group[1:]:
            if other in key:
                key = key.replace(other, group[0])
    return key


def digit_readings(key: str, digits: dict[str, list[str]], max_digits: int) -> list[str]:
    """Letter readings of a folded name whose words hold OCR digits between letters ("glyc0lic",
    "ac1d", "sal1cyl1c"). A run with fewer than three letters, a digit that stands for no letter or
    more than ``max_digits`` of them is left alone, so "peg-100", "ci 77491", "c12-15" and
    "1,2-hexanediol" keep their numbers. Empty when nothing changes."""
    for c in digits:  # a loop, not any() over a generator: every new name passes here
        if c in key:
            break
    else:
        return []
    choices: list[list[str]] = []
    pos = 0
    for m in _RUN.finditer(key):
        run = m.group()
        n_digits = sum(c.isdigit() for c in run)
        if (0 < n_digits <= max_digits and len(run) - n_digits >= 3 and all(c in digits for c in run if c.isdigit())
                and not run[0].isdigit() and not run[-1].isdigit()):
            choices.append([key[pos:m.start()]])
            choices.append(["".join(p) for p in itertools.product(*([digits[c] if c.isdigit() else [c] for c in run]))])
            pos = m.end()
    if not choices:
        return []
    choices.append([key[pos:]])
    return ["".join(p) for p in itertools.islice(itertools.product(*choices), _MAX_READINGS)]


def _irritant_names(names: list[str], classes: dict[str, str], aliases: dict[str, int],
                    entries: dict[str, dict]) -> dict[str, int]:
    """Folded irritant name -> its vocabulary index: names whose class is an irritant, and aliases of them."""
    irritant = {int(i) for i, e in classes.items() if entries.get(e, {}).get("role") == "irritant"}
    found = {names[i]: i for i in sorted(irritant)}
    for alias, i in aliases.items():
        if i in irritant:
            found.setdefault(alias, i)
    return found


def build_table(data: dict, names: list[str], classes: dict[str, str], aliases: dict[str, int],
                entries: dict[str, dict]) -> dict:
    """The ``possible`` part of the index (build time): the data of possible.toml, cues folded, and
    the OCR skeleton of every irritant name that no other vocabulary name shares."""
    groups = data["ocr"]["groups"]
    irritant = _irritant_names(names, classes, aliases, entries)
    skeletons: dict[str, int] = {}
    taken: set[str] = set()  # skeletons of every other name: those are ambiguous, left out
    for name in itertools.chain(names, aliases):
        s = skeleton(name, groups)
        if name in irritant:
            i = irritant[name]
            if skeletons.setdefault(s, i) != i:
                taken.add(s)  # two different irritants read alike
        else:
            taken.add(s)
    cues = [{**c, "text": fold(c["text"])} for c in data.get("cue", [])]
    return {
        "ocr": data["ocr"],
        "skeletons": {s: i for s, i in sorted(skeletons.items()) if s not in taken},
        "cues": cues,
        "genus_oil": data["genus_oil"],
        "loose": data["loose"],
    }


def _has_cue(key: str, cue: dict, words: set[str]) -> bool:
    text = cue["text"]
    if any(w in words for w in cue.get("unless", ())):
        return False
    if cue.get("anywhere"):
        return text in key
    start = key.find(text)
    while start >= 0:
        end = start + len(text)
        if (start == 0 or not key[start - 1].isalnum()) and (
                cue.get("prefix") or end == len(key) or not key[end].isalnum()):
            return True
        start = key.find(text, start + 1)
    return False


def _length_range(n: int, score: float) -> tuple[int, int]:
    """The lengths ``[lo, hi]`` a text must have to score ``score`` or more by ``fuzz.ratio`` against
    a text of ``n`` letters. Exact: the ratio is 100 * (1 - indel / (n + m)), and the indel distance
    of texts of n and m letters is at least |n - m|, so a text of m letters scores at most
    200 * min(n, m) / (n + m): at least ``score`` needs s * n / (200 - s) <= m <= n * (200 - s) / s.
    Half a point is taken off ``score`` and the bounds rounded outwards, so rounding never excludes
    a text that reaches it (a wider range only costs time)."""
    s = score - 0.5
    if s <= 0:
        return 0, 1 << 30
    return math.floor(s * n / (200 - s)), math.ceil(n * (200 - s) / s)


class PossibleMatcher:
    """Could-be matching of unknown items against the irritant side of the index (built once per
    process, on the first unknown item: a label whose items are all known never pays for it)."""

    def __init__(self, index: dict, vocab):
        table = index["possible"]
        self.vocab = vocab
        self.entries: dict[str, dict] = index["entries"]
        self.classes: dict[str, str] = index["classes"]
        self.categories: dict[str, dict] = index["categories"]
        self.groups = table["ocr"]["groups"]
        self.skeletons: dict[str, int] = table["skeletons"]
        self.cues: list[dict] = table["cues"]
        self.loose = table["loose"]
        self.not_essential_oil = frozenset(self.loose.get("not_essential_oil", ()))
        genus = table["genus_oil"]
        lists = index["structure"]["lists"]
        self.genus_category = genus["category"]
        self.oil_words = frozenset(genus["oil_words"])
        self.genus_unless = frozenset(genus["unless"])
        self.genera = frozenset(lists["aromatic_genera"])
        self.carrier_parts = frozenset(lists["carrier_parts"])
        self.essential_parts = frozenset(lists["essential_parts"])
        self._irritants: dict[str, int] | None = None
        self._irritant_list: list[str] = []
        self._longest = 0
        self._others: list[str] | None = None  # sorted by length (``_other_names``)
        self._other_lengths: list[int] = []
        self._near: dict[int, list[str]] = {}  # name length -> irritant names within reach (``_irritants_near``)

    # -- the four ways, in order -------------------------------------------------------------
    def match(self, name: str, context: str = "") -> Possible | None:
        """What ``name`` could be; ``context``: the words of its parentheses, which say the form
        ("Lavandula Angustifolia (Organic Lavender Extract)" is no essential oil)."""
        key = fold(name)
        if not key:
            return None
        words = set(_WORDS.findall(key))
        around = words | set(_WORDS.findall(fold(context))) if context else words
        return (self._by_ocr(key) or self._by_cue(key, words) or self._by_genus(around)
                or self._by_distance(key, around))

    def _by_ocr(self, key: str) -> Possible | None:
        i = self.skeletons.get(skeleton(key, self.groups))
        return None if i is None else self._of_name(i, "the letters read alike (OCR)", None)

    def _by_cue(self, key: str, words: set[str]) -> Possible | None:
        for cue in self.cues:
            if _has_cue(key, cue, words):
                why = f'it contains "{cue["text"]}"'
                entry = cue.get("entry")
                if entry is not None:
                    return Possible(entry, self.entries[entry]["inci"], self.entries[entry]["category"], why, None)
                return Possible(None, None, cue["category"], why, None)
        return None

    def _by_genus(self, words: set[str]) -> Possible | None:
        if (words & self.genera and words & self.oil_words and not words & self.carrier_parts
                and not words & self.genus_unless):
            genus = sorted(words & self.genera)[0]
            return Possible(None, None, self.genus_category, f'an aromatic genus ({genus}) with "oil"', None)
        return None

    def _by_distance(self, key: str, words: set[str]) -> Possible | None:
        loose = self.loose
        if len(key) < loose["min_length"]:
            return None
        fz = self.vocab.fuzzy_index()
        irritants = self._irritant_pool()
        if len(key) > 2 * self._longest:
            return None  # a run of text, not one garbled name: ratio >= 80 is out of reach anyway
        numbers = _NUMBERS.findall(key)
        found = fz.extract_one(key, self._irritants_near(len(key)), scorer=fz.ratio, score_cutoff=loose["cutoff"])
        if found is None:
            return None
        name, score, _ = found
        if _NUMBERS.findall(name) != numbers:
            return None
        i = irritants[name]
        if (self.entries[self.classes[str(i)]]["category"] == "essential_oil"
                and not self.not_essential_oil.isdisjoint(words)):
            return None
        # closer to that irritant than to any other real name: else it is a typo of that name
        if fz.extract_one(key, self._other_names(len(key), score), scorer=fz.ratio, score_cutoff=score) is not None:
            return None
        return self._of_name(i, f"{score:.0f}% alike", round(score, 1))

    # -- helpers ----------------------------------------------------------------------------------
    def _of_name(self, i: int, why: str, score: float | None) -> Possible:
        entry = self.classes[str(i)]
        e = self.entries[entry]
        return Possible(entry, e["inci"] or self.vocab.inci(i), e["category"], why, score)

    def _irritant_pool(self) -> dict[str, int]:
        if self._irritants is None:
            self._irritants = _irritant_names(self.vocab.names, self.classes, self.vocab.aliases, self.entries)
            self._irritant_list = list(self._irritants)
            self._longest = max(map(len, self._irritant_list))
        return self._irritants

    def _irritants_near(self, n: int) -> list[str]:
        """The irritant names a name of ``n`` letters can score the loose cutoff against
        (``_length_range``), in the pool's order, so that ties go to the same name as in the whole pool."""
        near = self._near.get(n)
        if near is None:
            lo, hi = _length_range(n, self.loose["cutoff"])
            near = self._near[n] = [x for x in self._irritant_list if lo <= len(x) <= hi]
        return near

    def _other_names(self, n: int, score: float) -> list[str]:
        """The names and aliases that are not irritants and whose length lets them score ``score``
        against a name of ``n`` letters (``_length_range``): of 28,000 names (1.5 ms a scan) a fifth
        or so. Whether any of them reaches the score is all the caller asks, so their order is free."""
        if self._others is None:
            irritants = self._irritant_pool()
            others = [n for n in itertools.chain(self.vocab.names, self.vocab.aliases) if n not in irritants]
            self._others = sorted(others, key=len)
            self._other_lengths = [len(o) for o in self._others]
        lo, hi = _length_range(n, score)
        return self._others[bisect.bisect_left(self._other_lengths, lo):bisect.bisect_right(self._other_lengths, hi)]

    def plain_oil(self, name: str) -> bool:
        """Shaped like a fixed plant oil: an oil word with a seed, kernel, nut or fruit part ("Sclerocraya
        Birrea (Marula) Kernel Oil"), or a butter or wax; no aromatic genus, no essential part, and a
        name, not a blurb ("- Meadowfoam Seed Oil: Provides moisture." is marketing text)."""
        words = _WORDS.findall(fold(name))
        if ":" in name or len(words) > 8:
            return False
        found = set(words)
        fixed = bool(found & self.oil_words and found & self.carrier_parts) or bool(found & {"butter", "wax"})
        return fixed and not found & (self.genera | self.essential_parts)
