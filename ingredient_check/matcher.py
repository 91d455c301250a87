"""matcher: from a printed name to a vocabulary entry (a ``Hit``), or to nothing.

Name resolution, apart from what a name means: the classifier (classify.py) asks the matcher which
vocabulary entry an item names and then attaches role, category and wait; the rules loader
(rules.py), ``explain``'s suggestions and the rules on the whole list (the stray comma rejoin, prose
that names an irritant) ask it too. What real labels do, and the reading each one taught us:

- exact or alias first: the whole name, then its "/" synonyms ("Aqua/Water/Eau", the one with a
  concern wins when they differ), then label habits that hide an exact name (``_variants``: "Organic
  Glycerin", "SalicylicAcid", "Glycerin USP", "Sunscreen Homosalate", "D&C Red No. 27 Aluminum Lake"),
  a long word glued from two ("retinylpalmitate"), a plant part left out of the Latin name
  ("Melaleuca Alternifolia (Tea Tree) Extract"), the parentheses of an item (``resolve_item``);
- then fuzzy: OCR digits read as letters ("SAL1CYL1C AC1D"), typos (``Vocabulary.resolve``);
- an unknown item that is several names in one ("Gluconolactone & Sodium Benzoate", a list typed
  with no commas) is segmented into known names (``_unglue``);
- an item that still reads as nothing may be matched to an irritant it COULD be (possible.py's
  ``PossibleMatcher``, reached through ``could_be``, built on the first unknown item).
"""

from __future__ import annotations

import functools
import re

from .data import load_index
from .fold import fold
from .lazy_re import bind, lazy_re
from .model import RawItem
from .parse import PURPOSES
from .possible import PossibleMatcher, digit_readings
from .vocab import Hit, Vocabulary

__all__ = ["Matcher", "get_matcher", "MAX_NAME_WORDS"]

_GLUE = lazy_re(r"\s+(?:&|and|\+)\s+", re.I)
_MAX_NAME_WORDS = 8
_TRAILING_COLOUR_INDEX = lazy_re(r"(?i)^(.+?)\s+\(?((?:ci|c\.i\.)\s*\d{5})\)?$")
_QUALIFIER = lazy_re(r"^(?:certified |100% )?(?:organic|bio|biologique|natural|wildcrafted|pure|raw|cold-pressed|cold pressed|"
                        r"fair trade|unrefined|refined|virgin|extra virgin|kosher|and) ")
_CAMEL = lazy_re(r"(?<=[a-z])(?=[A-Z])")
_SPACED_NUMBER = lazy_re(r"(?<=[a-z]) (?=\d)")
_ROMAN_OCR = lazy_re(r"(?<=\d)[- ]([1l]{1,3})$")
_STEREO = lazy_re(r"^(?:dl|d|l)[- ]+(?=[a-z]{3})")  # "L (+) Lactic Acid", "D Panthenol": the isomer prefix
_GLUED_MIN = 8  # a word this long may be two vocabulary words run together ("retinylpalmitate")
# a pharmacopoeia grade ("USP", "NF"), a qualifier after the name, a supplier's code in angle brackets (a
# footnote legend after a mark never reaches here: parse cuts it off, and names carry no marks)
_TRAILER = lazy_re(r"(?: (?:usp|nf|bp|ep|fcc|usp/nf|usp-nf|certified organic|organic|naturally derived|natural origin)"
                      r"| ?<[^<>]{1,20}>)$")
_TRAILER_ENDS = "pfcnd>"  # the last letters of _TRAILER's alternatives: a name ending otherwise has none ("$" may
# also match before a final newline, hence the test for one beside it)
# a drug-facts purpose printed before the active ("Sunscreen Homosalate"): parse's list of purposes
_PURPOSE_FIRST = lazy_re("^(?:" + "|".join(sorted(map(re.escape, PURPOSES), key=len, reverse=True)) + ") (?=[a-z])")
_SPACED_DIOL = lazy_re(r"^(\d) (\d)-")
_LETTER_DIGIT = lazy_re(r"(?<=[a-z]{4})(?=\d)")
_US_COLOUR = lazy_re(r"^(?:ext )?f?d ?& ?c ")
_US_NUMBER = lazy_re(r"\bno (?=\d)")
_US_LAKE = lazy_re(r" (?:aluminum|aluminium|calcium|barium|zirconium|strontium) lake$")
_WORD_SPLIT = lazy_re(r"[\s,;:.!?()\[\]{}\"*]+")  # the words of a sentence (names_in)
_DIGIT = lazy_re(r"\d")  # the class the rewrites on numbers below need: without it none of them can apply
_FORMS = frozenset("extract oil water juice powder butter wax ferment filtrate gel distillate flour meal".split())
bind(globals())  # the patterns above compile on first use: a label whose names are all exact uses none (lazy_re.py)


def _slash_parts(key: str) -> list[str]:
    """Alternative names split at '/', when each part is short enough to be a name of its own
    ("Aqua/Water/Eau"), not a slash inside a long run ("... saccharomyces/xylinum/black tea ...")."""
    if "/" not in key:
        return []
    parts = [p.strip() for p in key.split("/") if p.strip()]
    return parts if len(parts) > 1 and all(p.count(" ") < 4 for p in parts) else []


def _variants(name: str, key: str, known: dict | None = None) -> list[str]:
    """Label habits that hide an exact name, each a rewrite of the folded name to try, in order.

    Rewrites that cannot change anything are not attempted, by exact tests: a trailer ends the name
    with one of its last letters (``_TRAILER_ENDS``); the four on numbers need a digit (each pattern
    holds ``\\d``); the camel-case split needs a lower-case letter before an upper-case one, so
    neither an all-lower, an all-upper nor a title-case name (where every capital follows a
    character without case: "Sodium Hyaluronate"); with ``known`` (every word of every name and alias,
    ``Vocabulary.known_words``), a space taken out between two words can only make a name when every
    other word is a known word and the two make one ("Fl ower" -> "flower"): it keeps all other
    words as they are (only for a name without "/", whose slash parts are looked up too)."""
    out = []
    digits = _DIGIT.search(key) is not None
    qualifier = _QUALIFIER.match(key)  # anchored and never empty: the one match sub() would remove
    if qualifier:
        out.append(key[qualifier.end():])
    if key[-1:] in _TRAILER_ENDS or key.endswith("\n"):
        trimmed = _TRAILER.sub("", key)
        if trimmed != key and trimmed:  # "Glycerin USP", "Glycerin Certified Organic", "BHT <ILN41346>"
            out.append(trimmed)
    if _PURPOSE_FIRST.match(key):  # a drug-facts purpose printed before the active: "Sunscreen Homosalate"
        out.append(_PURPOSE_FIRST.sub("", key))
    if "-" in key:  # "Vitamin-C"
        out.append(key.replace("-", " "))
    if digits and _SPACED_DIOL.match(key):  # "1 2-Hexanediol"
        out.append(_SPACED_DIOL.sub(r"\1,\2-", key))
    if not (name.islower() or name.isupper() or name.istitle()) and _CAMEL.search(name):
        out.append(fold(_CAMEL.sub(" ", name)))
    if digits and _SPACED_NUMBER.search(key):
        out.append(_SPACED_NUMBER.sub("-", key))
    if digits and _ROMAN_OCR.search(key):  # "Ceramide 6-11": OCR of the roman numeral in CERAMIDE 6 II
        out.append(_ROMAN_OCR.sub(lambda m: " " + "i" * len(m.group(1)), key))
    if _STEREO.match(key):
        out.append(_STEREO.sub("", key))
    if digits and _LETTER_DIGIT.search(key):  # "Polysorbate20"
        out.append(_LETTER_DIGIT.sub(" ", key))
    words = key.split(" ")
    if 1 < len(words) <= _MAX_NAME_WORDS:  # a space inside a word ("Fl ower", "Phenoxy Ethanol")
        joins = range(len(words) - 1)
        if known is not None and "/" not in key:
            joins = _joins_keeping_known(words, known)
        out.extend(" ".join((*words[:i], words[i] + words[i + 1], *words[i + 2:])) for i in joins)
    if "&c " in key:  # US certified colours: "D&C Red No. 27 Aluminum Lake" is Red 27 Lake (CI 45410)
        out.append(_US_LAKE.sub(" lake", _US_NUMBER.sub("", _US_COLOUR.sub("", key))))
    return out


def _joins_keeping_known(words: list[str], known: dict) -> list[int]:
    """The joins ``i`` (words i and i+1 made one) after which every word is in ``known``, the joined
    one included: only those can make a name or alias. Every unknown word must be one of the two
    joined, so the candidates are: none unknown, every join; one, at u, the joins u-1 and u; two
    neighbours u, u+1, the join u; any other, none."""
    unknown = [k for k, w in enumerate(words) if w not in known]
    if not unknown:
        joins = range(len(words) - 1)
    elif len(unknown) == 1:
        joins = [i for i in (unknown[0] - 1, unknown[0]) if 0 <= i < len(words) - 1]
    elif len(unknown) == 2 and unknown[1] == unknown[0] + 1:
        joins = [unknown[0]]
    else:
        return []
    return [i for i in joins if words[i] + words[i + 1] in known]


def _unglued_words(key: str, known: dict | None = None):
    """The name with one long word split in two ("retinylpalmitate" -> "retinyl palmitate"), each way.
    Only names of at most three words: beyond that a split is a guess among too many.

    With ``known`` (every word of every name and alias, ``Vocabulary.known_words``), only the splits
    that can be a name are made: a split keeps the other words as they are and makes two words of
    one, so it is a name only when the other words and both halves are known words (exact: any
    other split has a word no name has)."""
    words = key.split(" ")
    if len(words) > 3:
        return
    # a split keeps every other word as it is, so the word split must be the one unknown word, if any
    unknown = [k for k, w in enumerate(words) if w not in known] if known is not None else []
    if len(unknown) > 1:
        return
    for k in unknown or range(len(words)):
        w = words[k]
        if len(w) >= _GLUED_MIN and w.isalpha():
            for i in range(3, len(w) - 2):
                if known is None or (w[:i] in known and w[i:] in known):
                    yield " ".join((*words[:k], w[:i], w[i:], *words[k + 1:]))


def _with_parts_from(name: str, alt: str, plant_words: frozenset[str]) -> str:
    """Put the plant part and form words of the parentheses back into the Latin name."""
    words = name.split(" ")
    k = len(words)
    while k > 0 and words[k - 1] in _FORMS:
        k -= 1
    alt_words = alt.split("/")[0].split(" ")  # "(organic jojoba seed oil/huile de graines de jojoba bio)"
    parts = [w for w in alt_words if w in plant_words]
    forms = words[k:] or [w for w in alt_words if w in _FORMS]
    return " ".join(words[:k] + parts + forms)

class Matcher:
    """Name resolution over the prebuilt index: ``resolve_name`` (exact, then fuzzy), ``resolve_exact``,
    ``resolve_fuzzy``, the names a sentence holds (``names_in``), and the could-be matching of an item
    that resolves nowhere (``could_be``, ``plain_oil``)."""

    def __init__(self, index: dict):
        self.index = index
        self.vocab = Vocabulary(index)
        self.entries: dict[str, dict] = index["entries"]
        self.classes: dict[str, str] = index["classes"]
        lists = index["structure"]["lists"]
        self._plant_words = frozenset(lists.get("any_parts", [])) | {"bran", "hull", "husk", "shell", "sprout", "callus"}
        self._plant_word_list = sorted(self._plant_words)
        self._ocr = index["possible"]["ocr"]
        self._possible: PossibleMatcher | None = None  # could-be matching, built on the first unknown item

    def resolve_name(self, name: str) -> Hit | None:
        """Exact or alias first (whole, slash parts, label habits), then fuzzy (whole, then parts)."""
        return self.resolve_exact(name) or self.resolve_fuzzy(name)

    def resolve_exact(self, name: str) -> Hit | None:
        key = fold(name)
        hit = self.exact_any(key)
        if hit is not None:
            return hit
        # label habits that hide an exact name: "Organic Glycerin", "SalicylicAcid", "PEG 100 Stearate"
        known = self.vocab.known_words()  # None until the first miss: then every attempt is made
        for variant in _variants(name, key, known):
            hit = self.exact_any(variant)
            if hit is not None:
                return Hit(hit.index, "alias", 100.0)
        for variant in _unglued_words(key, known):
            hit = self.vocab.exact(variant)
            if hit is not None:
                return Hit(hit.index, "alias", 100.0)
        return self._with_plant_part(key)

    def _with_plant_part(self, key: str) -> Hit | None:
        """ "Melaleuca Alternifolia (Tea Tree) Extract": the plant part left out of the Latin name. Read
        as the one vocabulary name the name becomes with a plant part before its form word (MELALEUCA
        ALTERNIFOLIA LEAF EXTRACT); when several parts fit (ROSA CANINA FRUIT / SEED / FLOWER EXTRACT),
        the name stays unread rather than guessed."""
        found = self.plant_part_candidates(key)
        return Hit(found.pop(), "alias", 100.0) if len(found) == 1 else None

    def plant_part_candidates(self, key: str) -> set[int]:
        """The vocabulary names ``key`` becomes with a plant part before its last (form) word. Each
        candidate keeps every word of ``key``, so when a word is in no name or alias (a typo,
        ``Vocabulary.known_words``) none can be a name: no look-up is made (exact, not a guess)."""
        words = key.split(" ")
        if len(words) < 3 or words[-1] not in _FORMS or words[-2] in self._plant_words:
            return set()
        known = self.vocab.known_words()
        if known is not None and not all(w in known for w in words):
            return set()
        return {h.index for h in (self.vocab.exact(" ".join((*words[:-1], part, words[-1])))
                                  for part in self._plant_word_list) if h is not None}

    def resolve_fuzzy(self, name: str) -> Hit | None:
        vocab = self.vocab
        hit = self._ocr_digits(name)
        if hit is not None:
            return hit
        hit = vocab.resolve(name)
        if hit is None:
            plain = _QUALIFIER.sub("", fold(name))  # "Unrefined Sclerocraya Birrea Kernel Oil": a qualifier and a typo
            if plain != fold(name):
                hit = vocab.resolve(plain)
        parts = _slash_parts(fold(name))
        if hit is not None or not parts:
            return hit
        found = [h for h in (vocab.resolve(p) for p in parts) if h is not None]
        return self._pick_synonym(found, None) if found else None

    def _ocr_digits(self, name: str) -> Hit | None:
        """ "ASC0RBIC AC1D", "SAL1CYL1C AC1D": digits inside words that are otherwise letters, read as
        the letters they stand for (possible.toml [ocr]), when that reading is a real name. A fuzzy
        hit (shown as "read as"), scored like one; names that hold numbers keep them."""
        key = fold(name)
        for reading in digit_readings(key, self._ocr["digits"], self._ocr["max_digits"]):
            hit = self.exact_any(reading)
            if hit is not None:
                return Hit(hit.index, "fuzzy", round(self.vocab.fuzzy_index().ratio(key, reading), 1))
        return None

    def resolve_item(self, raw: RawItem) -> Hit | None:
        """Every exact reading of the item before any fuzzy one."""
        if raw.name:
            hit = self.resolve_exact(raw.name)
            if hit is not None:
                return hit
            if raw.alts and not raw.sublist:
                # "Camellia Sinensis (Black Tea Leaf Extract)": the plant part stood in the parentheses
                with_parts = _with_parts_from(fold(raw.name), fold(raw.alts[0]), self._plant_words)
                hit = self.exact_any(with_parts) or self._with_plant_part(with_parts)
                if hit is not None:
                    return Hit(hit.index, "alias", 100.0)
            if len(raw.alts) == 1 and not raw.sublist:
                # "Hydrogenated Poly(C6-14 Olefin)": parentheses that belong to the name
                words, alt = fold(raw.name).split(" "), fold(raw.alts[0])
                for i in range(1, len(words) + 1):
                    hit = self.vocab.exact(" ".join(words[:i]) + f"({alt})" + "".join(" " + w for w in words[i:]))
                    if hit is not None:
                        return hit
        colon = bool(raw.name) and raw.name.count(":") == 1 and ". " not in raw.name
        if raw.alts and not raw.sublist and not colon:
            # "Vitamin E (Tocopherol)": the alias is readable, the name is not. Not in "Salicylic Acid
            # (BHA): Helps loosen sebum": there the name is left of the colon, the bracket describes it
            for alt in raw.alts:
                hit = self.resolve_exact(alt)
                if hit is not None:
                    return hit
        if colon:
            # a label before the name ("Sweet Citrus: Water", "Preservatives: Butylene Glycol") or a
            # note after it ("Limonene: Napiers Original Formula"): a side that is a name. Not in a
            # blurb of several ("-Charcoal: Detoxifies. -Volcanic Pumice: Exfoliates"): unknown
            # says more than its first name would
            left, _, right = raw.name.partition(":")
            for side in (right.strip(), left.strip()):
                hit = self.resolve_exact(side) if side else None
                if hit is not None:
                    return Hit(hit.index, "alias", 100.0)
        if raw.name:
            hit = self.resolve_fuzzy(raw.name)
            if hit is not None:
                return hit
        if raw.alts and not raw.sublist:
            for alt in raw.alts:
                hit = self.resolve_fuzzy(alt)
                if hit is not None:
                    return hit
        return None

    def unglue(self, name: str) -> list[tuple[str, Hit | None]] | None:
        """Split an unknown item into known names, or None.

        "Gluconolactone & Sodium Benzoate" and "Iron Oxides CI 77492" are two names in one item; a
        list typed with no commas at all ("aqua/water/eau dimethicone glycerin alcohol denat ...")
        is one long item: it is segmented into the longest known names, word by word (dynamic
        programming over at most _MAX_NAME_WORDS words a name). Words no name covers stay as
        unknown fragments, so nothing is silently dropped.
        """
        parts = [p.strip() for p in _GLUE.split(name) if p.strip()]
        if len(parts) < 2:
            m = _TRAILING_COLOUR_INDEX.match(name)
            parts = [m.group(1), m.group(2)] if m else []
        if len(parts) >= 2:
            hits = [self.exact_any(fold(p)) for p in parts]
            if all(h is not None for h in hits):
                return list(zip(parts, hits))
        words = fold(name).split(" ")
        if len(words) < 2:
            return None
        return self._segment(words)

    def exact_any(self, key: str) -> Hit | None:
        """Exact or alias for a folded name, or for the synonyms of "Parfum/Fragrance"."""
        hit = self.vocab.exact(key)
        if hit is None and "/" in key:
            found = [h for h in (self.vocab.exact(p) for p in _slash_parts(key)) if h is not None]
            hit = self._pick_synonym(found, "alias") if found else None
        return hit

    def _segment(self, words: list[str]) -> list[tuple[str, Hit | None]] | None:
        n = len(words)
        # best[i]: (words covered, -pieces) of the best segmentation of words[:i], and its last step
        best: list[tuple[int, int]] = [(0, 0)] + [(-1, 0)] * n
        step: list[tuple[int, Hit | None]] = [(0, None)] * (n + 1)
        for i in range(1, n + 1):
            covered, pieces = best[i - 1]
            best[i], step[i] = (covered, pieces - 1), (1, None)  # words[i-1] stays unknown
            for length in range(1, min(_MAX_NAME_WORDS, i) + 1):
                hit = self.exact_any(" ".join(words[i - length:i]))
                if hit is not None:
                    c, p = best[i - length]
                    if (c + length, p - 1) > best[i]:
                        best[i], step[i] = (c + length, p - 1), (length, hit)
        if best[n][0] < 0.8 * n:
            return None
        pieces: list[tuple[str, Hit | None]] = []
        i = n
        while i > 0:
            length, hit = step[i]
            text = " ".join(words[i - length:i])
            if hit is None and pieces and pieces[-1][1] is None:
                pieces[-1] = (text + " " + pieces[-1][0], None)  # one fragment per unknown run
            else:
                pieces.append((text, hit))
            i -= length
        pieces.reverse()
        return pieces if len(pieces) >= 2 else None

    def _pick_synonym(self, hits: list[Hit], how: str | None) -> Hit:
        """ "Water/Aqua/Eau", "Parfum/Fragrance": names of one ingredient. When the parts carry
        different classes, the one with a concern wins (unknown never means safe)."""
        ranked = sorted(hits, key=lambda h: self._concern(h))  # stable: label order within a rank
        best = ranked[0]
        return Hit(best.index, how or best.how, best.score if how is None else 100.0)

    def _concern(self, hit: Hit) -> int:
        entry = self.entries.get(self.classes.get(str(hit.index), ""), {})
        return {"irritant": 0, "soothing": 1}.get(entry.get("role"), 2)

    def names_in(self, text: str) -> list[str]:
        """The ingredient names a piece of text names, as INCI names, in text order: runs of up to
        _MAX_NAME_WORDS words that are a vocabulary name or alias, longest first. A single word counts
        only when it names a lexicon entry ("retinol", "fragrance"), so that the everyday words the
        vocabulary also holds ("water", "skin") do not flag every sentence. For skipped text: the
        report shows skipped text that names an ingredient, so a person sees what was not read."""
        words = [w for w in _WORD_SPLIT.split(fold(text)) if w]
        found: list[str] = []
        i = 0
        while i < len(words):
            for length in range(min(_MAX_NAME_WORDS, len(words) - i), 0, -1):
                hit = self.vocab.exact(" ".join(words[i:i + length]))
                if hit is not None and (length > 1 or str(hit.index) in self.classes):
                    inci = self.vocab.inci(hit.index)
                    if inci not in found:
                        found.append(inci)
                    i += length
                    break
            else:
                i += 1
        return found

    def is_irritant_name(self, inci: str) -> bool:
        """Whether a vocabulary name (as ``names_in`` returns it) is a lexicon irritant."""
        hit = self.vocab.exact(fold(inci))
        entry = self.entries.get(self.classes.get(str(hit.index), "")) if hit is not None else None
        return bool(entry) and entry.get("role") == "irritant"


    def inci_of(self, index: int) -> str:
        """The name classified items carry for a vocabulary index: the lexicon entry's INCI name when it
        has one, else the vocabulary's."""
        entry = self.entries.get(self.classes.get(str(index), ""), {})
        return entry.get("inci") or self.vocab.inci(index)

    # -- could be ------------------------------------------------------------------------------
    def possible_matcher(self) -> PossibleMatcher:
        if self._possible is None:
            self._possible = PossibleMatcher(self.index, self.vocab)
        return self._possible

    def could_be(self, name: str, context: str):
        """The irritant an unread name could be (possible.py), or None."""
        return self.possible_matcher().match(name, context) if name.strip() else None

    def plain_oil(self, name: str) -> bool:
        """Whether an unread name is shaped like a fixed plant oil, butter or wax (possible.py)."""
        return self.possible_matcher().plain_oil(name)


# the longest name, in words, a run of words is matched against (segmenting, names in a sentence)
MAX_NAME_WORDS = _MAX_NAME_WORDS


@functools.cache
def get_matcher() -> Matcher:
    """The matcher over the installed index (shared with ``classify.get_classifier``)."""
    return Matcher(load_index())
