"""classify: attach role, category, wait, reason and sources to every parsed item.

A name resolved to the vocabulary takes its class from the prebuilt index (a lexicon entry, a
botanical exception or a structural rule run at build time); a resolved name with no class is
"neutral" (a real ingredient with no post-treatment concern). A name that resolves nowhere is
"unknown", unless its shape alone says what it is ("Lavandula Stoechas Flower Oil" is an essential
oil even when the vocabulary lacks it): then the structural rules run on it (patterns.py interprets
the rules' spaCy patterns without importing spaCy).

The 1% line: EU and US labels list ingredients above 1% in descending order (EU Regulation 1223/2009
Art. 19(1)(g); US 21 CFR 701.3), and a preservative such as phenoxyethanol is capped at 1% (Annex V),
so whatever follows the first preservative, colourant or fragrance sits at or below 1%. There,
citric, lactic, malic or tartaric acid adjust pH; they do not exfoliate. Such acids are reported
as neutral with that reason. Glycolic, mandelic and salicylic acid are never demoted.
"""

from __future__ import annotations

import functools
import bisect
import operator
import re

from .data import load_index
from .fold import fold
from .memo import BoundedMemo
from .model import Ingredient, LabelReading, Layout, RawItem, Skipped
from .parse import MEMO_MAX_SEGMENT, PURPOSES, is_plain, item_count, place_segment, read_segment
from .possible import PLAIN_OIL, PossibleMatcher, digit_readings, short_label
from .vocab import Hit, Vocabulary

__all__ = ["Ingredient", "Classifier", "get_classifier", "recognised", "PRESERVATIVE"]

PRESERVATIVE = 1
_GLUE = re.compile(r"\s+(?:&|and|\+)\s+", re.I)
_MAX_NAME_WORDS = 8
_COLOUR_INDEX_NAME = re.compile(r"ci \d{5}$")
_TRAILING_COLOUR_INDEX = re.compile(r"(?i)^(.+?)\s+\(?((?:ci|c\.i\.)\s*\d{5})\)?$")
_QUALIFIER = re.compile(r"^(?:certified |100% )?(?:organic|bio|biologique|natural|wildcrafted|pure|raw|cold-pressed|cold pressed|"
                        r"fair trade|unrefined|refined|virgin|extra virgin|kosher|and) ")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_SPACED_NUMBER = re.compile(r"(?<=[a-z]) (?=\d)")
_ROMAN_OCR = re.compile(r"(?<=\d)[- ]([1l]{1,3})$")
_STEREO = re.compile(r"^(?:dl|d|l)[- ]+(?=[a-z]{3})")  # "L (+) Lactic Acid", "D Panthenol": the isomer prefix
_BLEND_NAME = re.compile(r"\b(?:blend|complex|mix|mixture|system|base|concentrate|infusion)\b")
_GLUED_MIN = 8
# a pharmacopoeia grade ("USP", "NF"), a supplier's code in angle brackets, a footnote legend after a mark
_TRAILER = re.compile(r"(?: (?:usp|nf|bp|ep|fcc|usp/nf|usp-nf|certified organic|organic|naturally derived|natural origin)"
                      r"| ?<[^<>]{1,20}>| \*.*)$")
# a drug-facts purpose printed before the active ("Sunscreen Homosalate"): parse's list of purposes
_PURPOSE_FIRST = re.compile("^(?:" + "|".join(sorted(map(re.escape, PURPOSES), key=len, reverse=True)) + ") (?=[a-z])")
_SPACED_DIOL = re.compile(r"^(\d) (\d)-")
_LETTER_DIGIT = re.compile(r"(?<=[a-z]{4})(?=\d)")
_US_COLOUR = re.compile(r"^(?:ext )?f?d ?& ?c ")
_US_NUMBER = re.compile(r"\bno (?=\d)")
_US_LAKE = re.compile(r" (?:aluminum|aluminium|calcium|barium|zirconium|strontium) lake$")
_WORD_SPLIT = re.compile(r"[\s,;:.!?()\[\]{}\"*]+")  # a word this long may be two vocabulary words run together ("retinylpalmitate")
_FORMS = frozenset("extract oil water juice powder butter wax ferment filtrate gel distillate flour meal".split())


def _slash_parts(key: str) -> list[str]:
    """Alternative names split at '/', when each part is short enough to be a name of its own
    ("Aqua/Water/Eau"), not a slash inside a long run ("... saccharomyces/xylinum/black tea ...")."""
    if "/" not in key:
        return []
    parts = [p.strip() for p in key.split("/") if p.strip()]
    return parts if len(parts) > 1 and all(p.count(" ") < 4 for p in parts) else []


def _variants(name: str, key: str) -> list[str]:
    """Label habits that hide an exact name, each a rewrite of the folded name to try."""
    out = []
    stripped = _QUALIFIER.sub("", key)
    if stripped != key:
        out.append(stripped)
    trimmed = _TRAILER.sub("", key)
    if trimmed != key and trimmed:  # "Glycerin USP", "Linalool* *Naturally Derived", "BHT <ILN41346>"
        out.append(trimmed)
    if _PURPOSE_FIRST.match(key):  # a drug-facts purpose printed before the active: "Sunscreen Homosalate"
        out.append(_PURPOSE_FIRST.sub("", key))
    if "-" in key:  # "Vitamin-C"
        out.append(key.replace("-", " "))
    if _SPACED_DIOL.match(key):  # "1 2-Hexanediol"
        out.append(_SPACED_DIOL.sub(r"\1,\2-", key))
    if _CAMEL.search(name):
        out.append(fold(_CAMEL.sub(" ", name)))
    if _SPACED_NUMBER.search(key):
        out.append(_SPACED_NUMBER.sub("-", key))
    if _ROMAN_OCR.search(key):  # "Ceramide 6-11": OCR of the roman numeral in CERAMIDE 6 II
        out.append(_ROMAN_OCR.sub(lambda m: " " + "i" * len(m.group(1)), key))
    if _STEREO.match(key):
        out.append(_STEREO.sub("", key))
    if _LETTER_DIGIT.search(key):  # "Polysorbate20"
        out.append(_LETTER_DIGIT.sub(" ", key))
    words = key.split(" ")
    if 1 < len(words) <= _MAX_NAME_WORDS:  # a space inside a word ("Fl ower", "Phenoxy Ethanol")
        out.extend(" ".join((*words[:i], words[i] + words[i + 1], *words[i + 2:])) for i in range(len(words) - 1))
    if "&c " in key:  # US certified colours: "D&C Red No. 27 Aluminum Lake" is Red 27 Lake (CI 45410)
        out.append(_US_LAKE.sub(" lake", _US_NUMBER.sub("", _US_COLOUR.sub("", key))))
    return out


def _unglued_words(key: str):
    """The name with one long word split in two ("retinylpalmitate" -> "retinyl palmitate"), each way.
    Only names of at most three words: beyond that a split is a guess among too many."""
    words = key.split(" ")
    if len(words) > 3:
        return
    for k, w in enumerate(words):
        if len(w) >= _GLUED_MIN and w.isalpha():
            for i in range(3, len(w) - 2):
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


def recognised(ing: Ingredient) -> bool:
    """Read with confidence: neither unknown nor only "possible" (an unread item that could be an
    irritant, possible.py). Prose, a preamble or a blend's trade name is read as a name only so."""
    return ing.role != "unknown" and ing.match != "possible"


_TAIL_MATCH = Ingredient._fields.index("match") - 3  # in an ingredient's fields from the name on
_WEIGHT = operator.itemgetter(5)  # a reading's count against --max-items


class Classifier:
    def __init__(self, index: dict):
        self.index = index
        self.vocab = Vocabulary(index)
        self.entries: dict[str, dict] = index["entries"]
        self.classes: dict[str, str] = index["classes"]
        self.categories: dict[str, dict] = index["categories"]
        self.sources: dict[str, dict] = index["sources"]
        self.position = index.get("position", {})
        self._line_markers = frozenset(self.position.get("markers", []))
        self._triggers = frozenset(index["structure"]["triggers"])
        self._structure = None
        self._structure_memo = BoundedMemo(10_000)
        self._item_memo = BoundedMemo()
        # printed segment -> its finished reading (classify_layout). A shelf repeats a few thousand
        # spellings and adds typos that are mostly seen once: the typos get their own memo, so that
        # emptying it when full never drops the spellings every label uses.
        self._plain = BoundedMemo(50_000)  # plain items read with may-contain off and leaving it off
        self._plain_typos = BoundedMemo(20_000)  # the same, for items matched by typo correction
        self._other = BoundedMemo(20_000)  # (segment, may-contain state) -> any other reading
        self._scrub_names = frozenset(self.position.get("scrub_base", {}).get("names", ()))
        lists = index["structure"]["lists"]
        self._plant_words = frozenset(lists.get("any_parts", [])) | {"bran", "hull", "husk", "shell", "sprout", "callus"}
        self._plant_word_list = sorted(self._plant_words)
        self._marker_memo: dict[str | None, bool] = {}
        self._entry_sources = {k: tuple(e["sources"]) for k, e in self.entries.items()}  # one tuple per entry
        # entries an acid past the 1% line is demoted from (citric, lactic ... as pH adjusters)
        self._ph_adjusters = frozenset(k for k, e in self.entries.items() if e.get("late_is_ph_adjuster"))
        self._ocr = index["possible"]["ocr"]
        self._possible: PossibleMatcher | None = None  # could-be matching, built on the first unknown item

    # -- names -----------------------------------------------------------------------------
    def resolve_name(self, name: str) -> Hit | None:
        """Exact or alias first (whole, slash parts, label habits), then fuzzy (whole, then parts)."""
        return self.resolve_exact(name) or self.resolve_fuzzy(name)

    def resolve_exact(self, name: str) -> Hit | None:
        key = fold(name)
        hit = self._exact_any(key)
        if hit is not None:
            return hit
        # label habits that hide an exact name: "Organic Glycerin", "SalicylicAcid", "PEG 100 Stearate"
        for variant in _variants(name, key):
            hit = self._exact_any(variant)
            if hit is not None:
                return Hit(hit.index, "alias", 100.0)
        for variant in _unglued_words(key):
            hit = self.vocab.exact(variant)
            if hit is not None:
                return Hit(hit.index, "alias", 100.0)
        return self._with_plant_part(key)

    def _with_plant_part(self, key: str) -> Hit | None:
        """ "Melaleuca Alternifolia (Tea Tree) Extract": the plant part left out of the Latin name. Read
        as the one vocabulary name the name becomes with a plant part before its form word (MELALEUCA
        ALTERNIFOLIA LEAF EXTRACT); when several parts fit (ROSA CANINA FRUIT / SEED / FLOWER EXTRACT),
        the name stays unread rather than guessed."""
        found = self._plant_part_candidates(key)
        return Hit(found.pop(), "alias", 100.0) if len(found) == 1 else None

    def _plant_part_candidates(self, key: str) -> set[int]:
        words = key.split(" ")
        if len(words) < 3 or words[-1] not in _FORMS or words[-2] in self._plant_words:
            return set()
        return {h.index for h in (self.vocab.exact(" ".join((*words[:-1], part, words[-1])))
                                  for part in self._plant_word_list) if h is not None}

    def _part_not_named(self, raw: RawItem, name: str) -> Ingredient | None:
        """ "Rosa Canina Extract": a Latin name whose plant part is not printed, where several parts fit
        (ROSA CANINA FRUIT / SEED / FLOWER EXTRACT) and NONE of them has a post-treatment class. Which
        part it is cannot be told, but the reading is the same for all: a neutral ingredient. When any
        candidate has a class (chamomile flower extract is soothing, a peel oil is an essential oil),
        the name stays unread."""
        found = self._plant_part_candidates(fold(name))
        if len(found) < 2 or any(str(i) in self.classes for i in found):
            return None
        shown = f"{name.upper()} (plant part not named)"
        return Ingredient(raw.text, raw.start, raw.end, name, shown, "neutral", None, None, None, None, "alias", 100.0,
                          "Every plant part CosIng lists for this name is an ingredient with no post-treatment "
                          "concern.", (), "plant part not named", raw.may_contain, raw.percent)

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
            hit = self._exact_any(reading)
            if hit is not None:
                return Hit(hit.index, "fuzzy", round(self.vocab.fuzzy_index().ratio(key, reading), 1))
        return None

    def _resolve_item(self, raw: RawItem) -> Hit | None:
        """Every exact reading of the item before any fuzzy one."""
        if raw.name:
            hit = self.resolve_exact(raw.name)
            if hit is not None:
                return hit
            if raw.alts and not raw.sublist:
                # "Camellia Sinensis (Black Tea Leaf Extract)": the plant part stood in the parentheses
                with_parts = _with_parts_from(fold(raw.name), fold(raw.alts[0]), self._plant_words)
                hit = self._exact_any(with_parts) or self._with_plant_part(with_parts)
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

    def _unglue(self, name: str) -> list[tuple[str, Hit | None]] | None:
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
            hits = [self._exact_any(fold(p)) for p in parts]
            if all(h is not None for h in hits):
                return list(zip(parts, hits))
        words = fold(name).split(" ")
        if len(words) < 2:
            return None
        return self._segment(words)

    def _exact_any(self, key: str) -> Hit | None:
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
                hit = self._exact_any(" ".join(words[i - length:i]))
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

    def structure_rule(self, name: str) -> str | None:
        key = fold(name)
        if key in self._structure_memo:
            return self._structure_memo[key]
        words = set(key.replace("/", " ").split())
        rule = None
        if words & self._triggers:
            if self._structure is None:
                from .patterns import TokenRules  # noqa: PLC0415 - spaCy's pattern language, without spaCy

                s = self.index["structure"]
                self._structure = TokenRules(s["rules"], s["lists"])
            rule = self._structure.classify(key, None)
        return self._structure_memo.put(key, rule)

    # -- items -----------------------------------------------------------------------------
    def _ingredient(self, raw: RawItem, text: str, name: str, hit: Hit | None) -> Ingredient:
        if hit is None:
            rule = self.structure_rule(name)
            if rule is not None:
                e = self.entries[rule]
                return Ingredient(text, raw.start, raw.end, name, None, e["role"], e["category"], rule,
                                  e["wait_hours"], e["deep_wait_hours"], "none", None, e["reason"],
                                  self._entry_sources[rule], e["how"], raw.may_contain, raw.percent, e["how"])
            could = self._could_be(name, " ".join(raw.alts) if name == raw.name and not raw.sublist else "")
            if could is not None:
                return self._possible_ingredient(raw, text, name, could)
            how = PLAIN_OIL if self._possible_matcher().plain_oil(name) else None
            return Ingredient(text, raw.start, raw.end, name, None, "unknown", None, None, None, None,
                              "none", None, None, (), how, raw.may_contain, raw.percent)
        inci = self.vocab.inci(hit.index)
        entry_id = self.classes.get(str(hit.index))
        if entry_id is None:
            return Ingredient(text, raw.start, raw.end, name, inci, "neutral", None, None, None, None,
                              hit.how, hit.score, None, (), None, raw.may_contain, raw.percent)
        e = self.entries[entry_id]
        return Ingredient(text, raw.start, raw.end, name, e["inci"] or inci, e["role"], e["category"],
                          entry_id, e["wait_hours"], e["deep_wait_hours"], hit.how, hit.score,
                          e["reason"], self._entry_sources[entry_id], e["how"], raw.may_contain, raw.percent, e["how"])

    def _possible_matcher(self) -> PossibleMatcher:
        if self._possible is None:
            self._possible = PossibleMatcher(self.index, self.vocab)
        return self._possible

    def _could_be(self, name: str, context: str):
        return self._possible_matcher().match(name, context) if name.strip() else None

    def _possible_ingredient(self, raw: RawItem, text: str, name: str, could) -> Ingredient:
        """An unknown item that could be an irritant: counted as that irritant, match "possible"."""
        e = self.entries[could.entry] if could.entry else self.categories[could.category or ""]
        label = short_label(self.categories[could.category]["label"]) if could.category else "other active"
        target = f"{could.inci} ({label})" if could.inci else ("an " if label[0] in "aeiou" else "a ") + label
        return Ingredient(text, raw.start, raw.end, name, could.inci, "irritant", could.category, could.entry,
                          e["wait_hours"], e["deep_wait_hours"], "possible", could.score,
                          f"Not recognised, but {could.why}: counted as that irritant. {e['reason']}", tuple(e["sources"]),
                          f"could be {target}", raw.may_contain, raw.percent, e.get("how", "lexicon"))

    def classify_item(self, raw: RawItem) -> list[Ingredient]:
        """The ingredients of one printed item (several when its parentheses hold a sub-list)."""
        key = (raw.name, raw.alts, raw.sublist, raw.lines)
        templates = self._item_memo.get(key)
        if templates is None:
            templates = self._item_memo.put(key, tuple(self._classify_uncached(raw._replace(text=None))))
        # a template's text is None where the item's own printed text belongs; spans are the item's
        return [Ingredient(raw.text if t[0] is None else t[0], raw.start, raw.end, *t[3:15], raw.may_contain,
                           raw.percent, t[17]) for t in templates]

    def _classify_uncached(self, raw: RawItem) -> list[Ingredient]:
        name = raw.name or (raw.alts[0] if raw.alts else "")
        if raw.name and raw.name.count(" ") >= _MAX_NAME_WORDS and self.resolve_exact(raw.name) is None:
            # a run of names with no commas ("... Mica Titanium Dioxide (CI 77891) Tin Oxide ..."): a
            # bracket inside it must not name the whole run; segment it first (a long CosIng name,
            # "Lactobacillus/Honeysuckle Flower/... Extract Ferment Filtrate", is read whole first)
            glued = self._unglue(raw.name)
            if glued:
                return [self._ingredient(raw, part, part, h) for part, h in glued]
        hit = self._resolve_item(raw)
        if hit is None and raw.lines:
            # a line break inside an item that reads as no name: a comma lost between two names
            # ("Glycolic Acid" newline "PANTHENOI"): each line is an item of its own
            return [self._ingredient(raw, line, line, self.resolve_name(line)) for line in raw.lines]
        if hit is None and raw.name:
            unnamed = self._part_not_named(raw, raw.name)
            if unnamed is not None:
                return [unnamed]
            glued = self._unglue(raw.name)
            if glued:
                # "Gluconolactone & Sodium Benzoate", "Iron Oxides CI 77492": two names in one item
                return [self._ingredient(raw, part, part, h) for part, h in glued]
        out = [self._ingredient(raw, raw.text, name, hit)]
        if raw.sublist:
            seen = {hit.index} if hit else set()
            for part in raw.alts:
                sub = self.resolve_name(part)
                if sub is not None and sub.index in seen:
                    continue  # "Water (Aqua, Eau)": synonyms of the main name
                if sub is None and hit is not None and part.count(" ") < 3 and not self.structure_rule(part):
                    # "Butyrospermum Parkii (Shea, Karite) Butter", "(May Chang Oil, Huile de ...)": common
                    # names and translations of a name that was read; they are part of its printed text
                    continue
                if sub is not None:
                    seen.add(sub.index)
                out.append(self._ingredient(raw, part, part, sub))
            if hit is None and len(out) > 1 and not recognised(out[0]) and (
                    not raw.name or _BLEND_NAME.search(fold(raw.name)) and all(map(recognised, out[1:]))):
                # "(Aqua, Glycerin)" with no name, or a blend's trade name whose parts were all read
                # ("Witch Hazel Extract Blend (Hamamelis Virginiana Extract, ...)"): the parts are the ingredients
                out = out[1:]
        return out

    def classify(self, items: tuple[RawItem, ...], starts: tuple[int, ...] = ()) -> list[Ingredient]:
        """The ingredients of parsed items, in label order, with the list rules applied (``finish``)."""
        return self.finish([i for raw in items for i in self.classify_item(raw)], starts)

    def classify_layout(self, layout: Layout, max_items: int) -> LabelReading | None:
        """A label's ingredients, in label order, before the rules that look at the whole list
        (``finish``); None when the list counts more than ``max_items`` ingredients.

        Every label, pasted or a shelf's row, comes this way, and reads each segment as
        ``parse_label`` does (``read_segment``, ``place_segment``, ``classify_item``). A shelf repeats
        the same printed segments ("Glycerin", " Phenoxyethanol") across thousands of labels, so a
        segment that reads as one plain item keeps its finished reading whole: the ingredients
        without their span, and the blanks around the item. What stays per label is the span.
        """
        src = layout.src
        text = src.text
        identity = src.identity  # offsets in text are the input's (no scraper list rejoined, no entity)
        new = tuple.__new__
        result: list[Ingredient] = []
        prose: list[RawItem] = []
        skipped: list[Skipped] = list(layout.skipped)
        count = items = 0
        for part, spans in layout.regions:
            if identity:
                # the usual region: plain items only. Their readings are found and their ingredients
                # built in C loops (3 times faster than item by item)
                segments = [text[s:e] for s, e in spans]
                found = self._plain_readings(segments)
                if found is not None:
                    count += sum(map(_WEIGHT, found))
                    if count > max_items:
                        return None
                    items += len(found)
                    result += [new(Ingredient, (shown if own is None else own, s + lead, e - trail) + tail)
                               for (s, e), (_, shown, lead, trail, tails, _, _) in zip(spans, found)
                               for own, tail in tails]
                    continue
            may_contain = False
            for s, e in spans:
                after, shown, lead, trail, tails, weight, fields = self._segment_reading(text[s:e], may_contain)
                if fields is None:
                    may_contain = after
                    continue
                if tails is not None:  # a plain item
                    if identity:
                        start, end = s + lead, e - trail
                    else:
                        raw = place_segment(layout, s, e, fields, after, part, skipped)
                        shown, start, end = raw.text, raw.start, raw.end
                    found_here = [new(Ingredient, (shown if own is None else own, start, end) + tail)
                                  for own, tail in tails]
                else:
                    raw = place_segment(layout, s, e, fields, after, part, skipped)
                    may_contain = after
                    if raw is None:
                        continue
                    if raw.prose:
                        if raw.prose_kind in ("claim", "footnote legend"):
                            skipped.append(Skipped(" ".join(raw.text.split()), raw.start, raw.end, raw.prose_kind))
                        else:
                            prose.append(raw)
                        continue
                    found_here = self.classify_item(raw)
                items += 1
                count += weight
                if count > max_items:
                    return None
                result += found_here
                may_contain = after
        return LabelReading(result, items, prose, skipped)

    def _plain_readings(self, segments: list[str]) -> list[tuple] | None:
        """The readings of a region's segments when each is a plain item read with may-contain off and
        leaving it off, else None (the caller then reads the region segment by segment)."""
        found = list(map(self._plain.get, segments))  # one C loop for the usual all-hit case
        if None in found:
            typos = self._plain_typos
            for k, got in enumerate(found):
                if got is None:
                    got = typos.get(segments[k]) or self._segment_reading(segments[k], False)
                    if got[4] is None or got[0]:
                        return None
                    found[k] = got
        return found

    def _segment_reading(self, segment: str, may_contain: bool) -> tuple:
        """A segment's reading, memoised: (may-contain state after it, the item's printed text, blanks
        before and after it, for a plain item its ingredients as (own text or None, fields from the
        parsed name on) else None, its count against --max-items, the parse stage's fields)."""
        if not may_contain:
            reading = self._plain.get(segment) or self._plain_typos.get(segment)
            if reading is not None:
                return reading
        reading = self._other.get((segment, may_contain))
        if reading is not None:
            return reading
        fields, after = read_segment(segment, may_contain)
        if fields is None:
            reading = (after, None, 0, 0, None, 0, None)
        elif is_plain(fields):
            raw = RawItem(None, 0, 0, fields.name, fields.alts, fields.sublist, fields.percent, after,
                          lines=fields.lines)
            tails = tuple((i.text, i[3:]) for i in self.classify_item(raw))
            reading = (after, fields.stripped, fields.lead, fields.trail, tails, item_count(raw), fields)
        else:
            weight = 0 if fields.prose or fields.skip_reason else 1 + (len(fields.alts) if fields.sublist else 0)
            reading = (after, fields.stripped, fields.lead, fields.trail, None, weight, fields)
        if len(segment) > MEMO_MAX_SEGMENT:
            return reading
        if reading[4] is not None and not may_contain and not after:
            fuzzy = any(tail[_TAIL_MATCH] == "fuzzy" for _, tail in reading[4])
            (self._plain_typos if fuzzy else self._plain).put(segment, reading)
        else:
            self._other.put((segment, may_contain), reading)
        return reading

    def finish(self, result: list[Ingredient], starts: tuple[int, ...] = ()) -> list[Ingredient]:
        """The rules that look at the list's order, per component of the text (``starts``: where
        each begins in the input): pieces of one name split by a stray comma joined back, the 1%
        line; then the scrub base."""
        if len(starts) > 1:
            groups: list[list[Ingredient]] = [[] for _ in starts]
            for ing in result:
                groups[max(0, bisect.bisect_right(starts, ing.start) - 1)].append(ing)
        else:
            groups = [result]
        out: list[Ingredient] = []
        for group in groups:
            if not all(map(recognised, group)):
                group = self._rejoin_all(group)
            out += self._apply_one_percent_line(group)
        return self._apply_scrub_base(out)

    def _rejoin_all(self, group: list[Ingredient]) -> list[Ingredient]:
        out: list[Ingredient] = []
        for k, ing in enumerate(group):
            alone = (not out or out[-1].start != ing.start) and (k + 1 == len(group) or group[k + 1].start != ing.start)
            if out and alone:
                joined = self._rejoin(out[-2:], ing)
                if joined is not None:
                    n, merged = joined
                    out[len(out) - n:] = [merged]
                    continue
            out.append(ing)
        return out

    def _rejoin(self, before: list[Ingredient], b: Ingredient) -> tuple[int, Ingredient] | None:
        """Neighbours split by a stray comma that make one name exactly ("Retinyl, Palmitate"; scrapers
        that split at spaces: "Acrylates/C10-30 Alkyl Acrylate, Crosspolymer", "Hydroxyethyl
        Acrylate/Sodium, Acryloyldimethyl Taurate, Copolymer"): one ingredient, its span covering them.
        At least one piece must be unknown, so that two real names are never fused. Returns how many
        of ``before`` (its last one or two) the merged ingredient replaces."""
        for n in (1, 2):
            if len(before) < n:
                return None
            run = [*before[-n:], b]
            if all(map(recognised, run)) or any(not i.name for i in run):
                continue
            if any(x.end > y.start or x.may_contain != y.may_contain or x.start == y.start
                   for x, y in zip(run, run[1:])):
                continue
            name = " ".join(i.name for i in run)
            hit = self._exact_any(fold(name))
            if hit is not None:
                raw = RawItem(", ".join(i.text for i in run), run[0].start, b.end, name, may_contain=b.may_contain)
                return n, self._ingredient(raw, raw.text, raw.name, Hit(hit.index, "alias", 100.0))
        return None

    def _apply_scrub_base(self, items: list[Ingredient]) -> list[Ingredient]:
        """Sugar, salt or alumina first or second in the list is the product's scrubbing base."""
        rule = self.position.get("scrub_base")
        if not rule or not items:
            return items
        limit = rule["max_position"]
        names = self._scrub_names
        for k in range(min(limit, len(items))):
            ing = items[k]
            if ing.role == "neutral" and ing.inci and ing.inci.casefold() in names:
                cat = self.categories["physical_exfoliant"]
                items[k] = ing._replace(role="irritant", category="physical_exfoliant", entry="physical_exfoliant",
                                        wait_hours=cat["wait_hours"], deep_wait_hours=cat["deep_wait_hours"],
                                        reason=rule["reason"], sources=tuple(rule["sources"]),
                                        how="position: scrub base", wait_from="position: scrub base")
        return items

    def _is_line_marker(self, ing: Ingredient) -> bool:
        if ing.match == "possible":
            return False  # an item that only could be a fragrance does not draw the line
        if ing.category == "fragrance":
            return True
        if ing.inci is None or ing.role == "irritant":
            return False  # an active (salicylic acid is also a CosIng preservative) is not the line
        known = self._marker_memo.get(ing.inci)
        if known is None:
            known = self._marker_memo[ing.inci] = self._is_marker_name(ing.inci)
        return known

    def _is_marker_name(self, inci: str) -> bool:
        key = fold(inci)
        if key in self._line_markers:
            return True
        if _COLOUR_INDEX_NAME.match(key):
            return True
        # CosIng's COLORANT function also covers kaolin and titanium dioxide, which sit high in
        # lists: only colour-index names and the curated markers count as colourants
        i = self.vocab.keys.get(key)
        return i is not None and bool(self.vocab.flags(i) & PRESERVATIVE)

    def _apply_one_percent_line(self, items: list[Ingredient]) -> list[Ingredient]:
        line = next((k for k, ing in enumerate(items) if self._is_line_marker(ing)), None)
        if line is None:
            return items
        adjusters = self._ph_adjusters
        if not any(ing.entry in adjusters for ing in items[line:]):
            return items
        reason = self.position.get("reason", "after the 1% line this acid adjusts pH")
        sources = tuple(self.position.get("sources", ()))
        out = items[:line]
        for ing in items[line:]:
            if ing.entry in adjusters and ing.role == "irritant":
                ing = Ingredient(ing.text, ing.start, ing.end, ing.name, ing.inci, "neutral", None,
                                 ing.entry, None, None, ing.match, ing.score, reason, sources,
                                 "position: after the 1% line", ing.may_contain, ing.percent)
            out.append(ing)
        return out


@functools.cache
def get_classifier() -> Classifier:
    return Classifier(load_index())
