"""parse: find the ingredient list inside a pasted text and split it into items with their spans.

What real labels do, and the rule each one taught us:

- Shop pages wrap the list in prose: a product name, "Ingredients:" (or "INCI:", "Ingrédients",
  "Inactive Ingredients:"), then the list, then "Directions", "Warnings" or Sephora's "Please be aware
  that ingredient lists may change...". The list starts after the first heading and stops at the first
  panel heading or disclaimer; with no heading the whole text is the list.
- Items are separated at top level only: commas, semicolons, newlines, bullets (• · |) and full stops
  that end an item. Never inside parentheses or brackets ("Fragrance (Limonene, Linalool)"), and never
  the comma between digits ("1,2-Hexanediol").
- Hard-wrapped pastes break a name over two lines ("Caprylic/Capric\\nTriglyceride"): when commas are
  the list's separator, a newline that touches no separator is a wrap, not a separator.
- Scrapers store lists as Python list strings split naively on commas
  ("['aqua (water', ' eau)', ' 1', '2-hexanediol']"): the pieces are joined back into the label
  they came from before splitting, so the parentheses and "1,2-" come back whole.
- US drug-facts panels glue an active header to the list ("Octocrylene 5.0%Water"): a percent sign
  followed directly by a letter ends an item.
- "May contain", "[+/-]" and "+/-" open a section (usually colours); items there still count.
- Percentages, footnote marks (* † ‡ °), ™ ® and HTML entities are stripped from the name and kept.
- A segment that reads as a sentence (many words, function words) is prose, not an ingredient; a
  text that is mostly prose yields a warning instead of a list.

Everything here is linear in the input: the regular expressions have no nested quantifiers, the
parenthesis matcher is an explicit stack, and work is done only at the special characters found by
one ``finditer`` pass.
"""

from __future__ import annotations

import bisect
import itertools
import re
from typing import NamedTuple

from .fold import fold, strip_invisible
from .lazy_re import bind, lazy_re
from .memo import BoundedMemo
from .model import Component, Layout, ParsedLabel, RawItem, Skipped

__all__ = ["RawItem", "Skipped", "Component", "ParsedLabel", "Layout", "parse_label", "split_label", "read_segment",
           "place_segment", "is_plain", "is_list_item", "item_count", "looks_like_prose", "MEMO_MAX_SEGMENT", "PURPOSES"]


# ---------------------------------------------------------------------------------------------
# pre-pass: scraper list strings, HTML entities, scraper markers (same-length where possible)

_LIST_STRING = lazy_re(r"\A\s*\[\s*['\"]")
_LIST_END = lazy_re(r"['\"]\s*\]\s*\Z")
_QUOTED = lazy_re(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"", re.S)
# "\\n", "\\'" and the hex escapes scrapers leave in list strings ("\\xa0retinol", "\\u00a0")
_ESCAPES = lazy_re(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)", re.S)
_ENTITY = lazy_re(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SCRAPER_MARKS = lazy_re(r"\[more\]|\[less\]", re.I)


def _quoted_strings(text: str):
    """(offset, content) of each quoted string, exactly as ``_QUOTED.finditer`` finds them, in linear time.

    The regular expression retries from every later quote when a string never closes
    ("['" followed by 20,000 escaped quotes took 5 s). Here a quote kind that once failed to close is
    not tried again: a scan from any later quote of that kind would fail the same way, because it
    falls into step with the failed scan at the next character.
    """
    dead: set[str] = set()
    pos, n = 0, len(text)
    while pos < n:
        found = [i for i in (text.find(q, pos) for q in "'\"" if q not in dead) if i >= 0]
        if not found:
            return
        p = min(found)
        q = text[p]
        j = p + 1
        while True:
            k = text.find(q, j)
            if k < 0:
                dead.add(q)
                pos = p + 1
                break
            b = k
            while b > p + 1 and text[b - 1] == "\\":
                b -= 1
            if (k - b) % 2 == 0:  # an even run of backslashes: the quote closes the string
                yield p + 1, text[p + 1:k]
                pos = k + 1
                break
            j = k + 1


def _escape_sub(m: re.Match[str]) -> str:
    c = m.group(1)
    if len(c) > 1:  # a hex escape of a space or symbol: blanks of the same length
        return " " * (len(c) + 1)
    return " " + ("\n" if c in "nr" else " " if c == "t" else c)


# Separators that labels typed on East Asian keyboards or copied from Asian shop pages use: the
# full-width comma, semicolon and colon, and the ideographic comma. One character each way, so
# offsets do not move. "(and)" joins the two names of a trade blend ("Phenoxyethanol (and)
# Ethylhexylglycerin"): each is an ingredient of its own, so it separates like a comma.
_WIDE_SEPARATORS = str.maketrans({"\uff0c": ",", "\u3001": ",", "\uff1b": ";", "\uff1a": ":", "\ufe50": ",",
                                  "\ufe54": ";"})
_AND_BLEND = lazy_re(r"(?i)\(\s?and\s?\)")
_HEX_ESCAPE = lazy_re(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})")


class _Text:
    """The text the parser scans, and the way back from its offsets to the input's.

    Each rewrite that changes lengths (rejoining a scraper list string, unescaping HTML entities)
    adds a layer of runs ``(new_start, old_start)``; ``origin`` walks the layers back.
    """

    __slots__ = ("text", "_layers", "rejoined", "identity", "blends")

    def __init__(self, original: str):
        self.rejoined = False
        self._layers: list[tuple[list[int], list[int]]] = []
        text = original
        if _LIST_STRING.match(text) and _LIST_END.search(text):
            pieces = []
            for offset, content in _quoted_strings(text):
                if "\\" in content:
                    content = _ESCAPES.sub(_escape_sub, content)  # same length
                pieces.append((offset, content))
            if pieces:
                # the scraper split on commas: put them back, each mapped to the quote before it
                text = self._rewrite([(o, o + len(c), c) for o, c in pieces], sep=",")
                self.rejoined = True
        if "&" in text and _ENTITY.search(text):
            import html  # noqa: PLC0415 - its 2,000-entry table (see -X importtime) only for labels that need it

            text = self._substitute(text, _ENTITY, lambda m: html.unescape(m.group()))
        if "[" in text and _SCRAPER_MARKS.search(text):
            text = self._substitute(text, _SCRAPER_MARKS, lambda m: " ")
        if not text.isascii():
            text = text.translate(_WIDE_SEPARATORS)
        self.blends = "(" in text and _AND_BLEND.search(text) is not None
        if self.blends:
            text = _AND_BLEND.sub(lambda m: "," + " " * (len(m.group()) - 1), text)
        self.text = text
        self.identity = not self._layers  # offsets in text are offsets in the input

    def _rewrite(self, pieces: list[tuple[int, int, str]], sep: str) -> str:
        """pieces: (old_start, old_end, new content); sep goes between pieces."""
        new_starts: list[int] = []
        old_starts: list[int] = []
        old_ends: list[int] = []
        parts: list[str] = []
        pos = 0
        for i, (old, old_end, content) in enumerate(pieces):
            if i and sep:
                parts.append(sep)
                new_starts.append(pos)
                old_starts.append(max(0, old - 1))
                old_ends.append(old)
                pos += len(sep)
            parts.append(content)
            new_starts.append(pos)
            old_starts.append(old)
            old_ends.append(old_end)
            pos += len(content)
        self._layers.append((new_starts, old_starts, old_ends))
        return "".join(parts)

    def _substitute(self, text: str, pattern: re.Pattern[str], repl) -> str:
        pieces: list[tuple[int, int, str]] = []
        last = 0
        for m in pattern.finditer(text):
            pieces.append((last, m.start(), text[last:m.start()]))
            pieces.append((m.start(), m.end(), repl(m)))
            last = m.end()
        pieces.append((last, len(text), text[last:]))
        return self._rewrite(pieces, sep="")

    def origin(self, i: int) -> int:
        """Input offset of the character at scanned offset ``i``."""
        for new_starts, old_starts, old_ends in reversed(self._layers):
            k = max(0, bisect.bisect_right(new_starts, i) - 1)
            i = min(old_starts[k] + (i - new_starts[k]), max(old_starts[k], old_ends[k] - 1))
        return i

    def origin_end(self, i: int) -> int:
        """Input offset just past the character at scanned offset ``i - 1``."""
        j = i - 1
        for new_starts, old_starts, old_ends in reversed(self._layers):
            k = max(0, bisect.bisect_right(new_starts, j) - 1)
            new_len = (new_starts[k + 1] if k + 1 < len(new_starts) else None)
            copied = new_len is None or new_len - new_starts[k] == old_ends[k] - old_starts[k]
            # a replaced run (an HTML entity) ends where the original run ends
            j = old_starts[k] + (j - new_starts[k]) if copied else old_ends[k] - 1
        return j + 1


# ---------------------------------------------------------------------------------------------
# where the list is

_HEAD_WORDS = (r"(?:(?:full |other |inactive |active |cosmetic )?(?:ingr[eé]dients?|inci|composition)(?: list)?|(?:in)?active"
               r"|step (?:[0-9]{1,2}|one|two|three|four|five|six|i{1,3}|iv|vi?)(?: [a-z]{2,20}){0,3})")
_HEADING = lazy_re(
    r"(?i)(?<![\w-])" + _HEAD_WORDS + r"[ \t]*+(?:\([^()\n]{0,40}\)[ \t]*+)?(?:[:：]|(?=[ \t]*\n))"
)
_NO_LIST = lazy_re(
    r"(?is)\A\s*+(?:no info(?:rmation)?|n/?a|none|not available|unknown|tbd|-+|\.+|visit the .{0,80} boutique|"
    r"#name\?|#value!|#ref!|#n/a|#div/0!|nan|null)\s*+[.!]?\s*+\Z"
)
_STOP = lazy_re(
    r"(?im)(?:(?:^[ \t]*|(?<=[.!?])[ \t]*)(?:directions|how to use|to use|usage|suggested use|warnings?|"
    r"cautions?|precautions?|made in|please be aware|disclaimer|storage|keep out of reach|"
    r"for external use|questions\?|net wt|net contents|distributed by|manufactured (?:for|by)|"
    r"what it is|what else you need to know|formulated without|free of|clean at sephora|"
    # a footnote's legend ("*Certified organic", "**Plant origin.") but not a list that starts with a
    # marked item ("*organic aloe barbadensis leaf juice, ..."): no comma before the legend's end
    r"[*†‡]+[ \t]*(?:[a-z]{2,15}[ \t]+){0,2}(?:organic|natural|naturally|certified|from|derived|origin|ingredients?)"
    r"(?=[^,\n.]{0,120}+(?!,)))\b"
    # Sephora's disclaimer, glued to the last item ("Retinol Please be aware that ingredient lists may change")
    r"|\bplease be aware that\b|\bingredient lists? (?:may|are subject to) change\b)"
)
# What a stop opens, by its first word: the reason a skipped tail is given.
_STOP_REASONS = (("direction", "directions"), ("how to", "directions"), ("to use", "directions"), ("usage", "directions"),
                 ("suggested", "directions"), ("warning", "warning"), ("caution", "warning"), ("precaution", "warning"),
                 ("keep out", "warning"), ("for external", "warning"), ("storage", "storage"),
                 ("please be aware", "disclaimer"), ("ingredient list", "disclaimer"), ("disclaimer", "disclaimer"),
                 ("made in", "packaging text"), ("net ", "packaging text"), ("distributed", "packaging text"),
                 ("manufactured", "packaging text"), ("questions", "packaging text"), ("what ", "marketing text"),
                 ("formulated without", "marketing text"), ("free of", "claim"), ("clean at", "marketing text"))


def _stop_reason(stop: str) -> str:
    word = stop.strip().casefold()
    if word[:1] in _FOOTNOTE_MARKS:
        return "footnote legend"
    return next((reason for prefix, reason in _STOP_REASONS if word.startswith(prefix)), "panel text")

# ---------------------------------------------------------------------------------------------
# splitting

_SPECIAL = lazy_re(
    # zero-width: a may-contain section opens, also as "(may contain / peut contenir):"
    r"(?=\[\+/-\]|\(\+/-\)|(?<![\w/\[(])\+/-|\b[Mm]ay [Cc]ontain\b|\([ \t]?(?:[Mm]ay [Cc]ontain|[Pp]eut [Cc]ontenir)\b)"
    r"|[(){}\[\],;\n•·|\u2022\u00b7\u2219\u25cf\u25aa]|\.(?=[ \t]+(?:[A-Za-z*+†‡#]|-[ \t]?[A-Za-z])|[A-Za-z]{3})|(?:(?<=\d)|(?<=\d[ \t]))%(?=[ \t]*[A-Za-z])"  # "5.0%Water"; "%s" is no percentage
)
_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = {")", "]", "}"}
_DIGIT_HYPHEN = lazy_re(r"\d{1,2}-")
_ABBREVIATIONS = frozenset({"denat", "st", "ext", "vit", "no", "sd", "e.g", "i.e", "spp", "var", "ssp", "subsp", "aq"})

_MAY_CONTAIN = lazy_re(
    r"(?i)^[\s\[\](){}:]*(?:may contain|peut contenir|puede contener|kann enthalten|contains? one or more of|"
    r"\+/-|\+/–|±)[\s\[\](){}:/+\-–]*(?:(?:may contain|peut contenir)[\s\[\](){}:/+\-–]*)*"
)
# Bounded runs of whitespace: with "\s*" each of them, a long run of spaces or digits before a "%" backtracked
# cubically (2,000 digits and 2,000 spaces: 15 s). Percentages are printed with a space or two at most.
_PERCENT = lazy_re(r"\(?\s{0,3}<?\s{0,3}\d{1,3}(?:[.,]\d{1,4})?\s{0,3}%\s{0,3}(?:w/w|w/v)?\s{0,3}\)?")
_PERCENT_VALUE = lazy_re(r"(\d{1,3}(?:[.,]\d{1,4})?)\s{0,3}%")
_LEAD_JUNK = lazy_re(r"^[\s\-–—•·*>~#_.:;,\"'`]+")
_LEAD_NUMBER = lazy_re(r"^\d{1,3}[.)]\s+(?=[A-Za-z])")
_TRAIL_JUNK_CHARS = frozenset(".,;:\"'`")  # and whitespace: stripped from the end of a name
_FOOTNOTE = str.maketrans("", "", "*†‡°™®©¹²³")
_TRAIL_PLUS = lazy_re(r"(?<=[A-Za-z)\]])\++$|^\++(?=[A-Za-z])")  # "Glycerin+", "+Natural origin": footnote marks
_SPACES = lazy_re(r"\s+")
PURPOSES = frozenset(  # what a drug-facts panel's Purpose column says
    {"sunscreen", "skin protectant", "acne treatment", "acne medication", "antiperspirant",
     "anti-dandruff", "purpose", "active", "inactive", "uva/uvb protection", "uv filter", "exfoliant"}
)
_PANEL_LINE = lazy_re(r"[A-Z][A-Za-z]{2,15}(?: [A-Za-z]{2,15})?[ \t]*:")
_PANEL_LABELS = frozenset({"purpose", "purposes", "uses", "use", "warning", "warnings", "directions", "other information",
                           "inactive", "drug facts", "caution", "storage", "questions", "note", "notes", "skin type",
                           "how to use", "benefits", "texture", "scent", "size"})
# "fragrance free", "paraben-free", "free of sulfates". Written so that no two quantifiers can split the
# same characters between them: the obvious "(?:[\w-]+[ -]){0,3}free" backtracked cubically on a
# name of hyphens ("a------...-x": seconds at 1,000 characters).
_CLAIM = lazy_re(r"(?i)^(?:(?:[\w-]++ ){0,3}|(?:[\w-]++ ){0,2}[\w-]+-)free(?: of .*| from .*)?$|^(?:no|without) [\w -]{1,40}$|^(?:dermatologist|clinically|ophthalmologist)[\w -]*tested$|^(?:vegan|cruelty[ -]free|non[ -]comedogenic|hypoallergenic)$")
# A footnote's legend after the list, split off at its full stop: "*Allergen.", "*Pitera™."
_FOOTNOTE_MARKS = "*†‡"
_LEGEND_MARKS = "*†‡+"  # "+Fragrances of natural origin."
# one legend: its mark, a few words ending in what legends say, or a trade name; a bilingual label adds
# the translation after a slash, and two legends may share the segment ("*organic/biologique
# **vegan/végétalien", the last item of a list with no full stop before it)
_ONE_LEGEND = (r"[*†‡+]+ ?(?:(?:[^\W\d_][\w'-]{0,20} ){0,3}(?:allergens?|organic|organically grown|origin|derived|"
               r"farming|wildcrafted|fair ?trade|ingredients?|vegan)(?:/[^\W\d_][\w'-]{0,20})?|[^\W\d_][\w'-]* ?[™®])\.?")
_LEGEND = lazy_re(rf"(?i)^{_ONE_LEGEND}(?: {_ONE_LEGEND})*$")
_BATCH_CODE = lazy_re(r"(?i)^(?:f\.? ?i\.? ?l\.? ?)?[a-z]?\d{5,7}(?:/\d{1,2})?\.?$")
_BATCH_TAIL = lazy_re(r"(?i)[\s.]{1,4}(?:f\.? ?i\.? ?l\.? ?[a-z]?\d{4,7}(?:/\d{1,2})?|[a-z]\d{5,7}/\d{1,2})\.?$")
_LEGEND_TAIL = lazy_re(r"\s[*†‡]+\s?[^\W\d_][^*†‡]{2,40}$")
_GLUED_HEADING = lazy_re(r"(?i)(?:(?:in)?active |full )?ingr[eé]dients?(?: list)?[ \t]+(?=[a-z0-9(])")
_COLON_PREFIXES = lazy_re(r"(?i)^(?:" + _HEAD_WORDS + r"|shade|color|colour|variant|product|formula|" r"\d{1,3}|[a-z]?\d{1,3}[a-z]?)$")

# The end of a product's name before its list ("Retinol Youth Renewal Night Cream: Water, ...",
# "Step One: ..."), as sets print them: a product type, never an ingredient's own form word alone
# ("oil" and "butter" only as "facial oil", "body butter").
_PRODUCT_NAME = lazy_re(
    r"(?:\b(?:serum|cream|creme|crème|cleanser|mask|masque|lotion|toner|tonic|moisturi[sz]er|gel|balm|essence|mist|"
    r"spray|scrub|peel|exfoliant|exfoliator|foundation|primer|sunscreen|concealer|emulsion|ampoule|bar|wash|soap|"
    r"treatment|fluid|jelly|pads|drops|(?:facial|face|body|cleansing|hair|lip) (?:oil|butter))(?: spf ?\d{1,3})?"
    r"|\bspf ?\d{1,3}|^step (?:one|two|three|four|five|six))$")

_STOPWORDS = frozenset(
    "a an the and or but with without for from to of in on at by is are was be been it its this that "
    "these those your you our we us my as into onto while which who what when how all any no not "
    "can will may helps help skin more most than so such".split()
)


def looks_like_prose(segment: str) -> bool:
    """True when a segment reads as a sentence rather than an ingredient name."""
    words = segment.split()
    if len(words) < 4:
        return False
    # "No." before a number names a colour ("D&C Red No. 27 Aluminum Lake"): not a function word
    function_words = sum(1 for k, w in enumerate(words) if w.strip(".,:;!?()").casefold() in _STOPWORDS
                         and not (w[:2].casefold() == "no" and k + 1 < len(words) and words[k + 1][:1].isdigit()))
    if function_words == 0:
        return False  # a run of names typed without commas is a list, not a sentence
    if len(words) >= 12:
        return True
    # one "and", "of" or "from" is often part of names ("Sodium Hyaluronate and Retinyl Palmitate",
    # "Extract of Rose Petals"): when in doubt a segment is an item (an unknown one if need be), never silence
    return function_words >= 2 or (function_words >= 1 and len(words) >= 7)


def _paren_pairs(text: str, matches: list[re.Match[str]]) -> dict[int, int]:
    """Matching bracket positions among the special characters; unmatched ones are ignored."""
    pairs: dict[int, int] = {}
    stack: list[tuple[str, int]] = []
    for m in matches:
        c = m.group()
        if c in _OPEN:
            stack.append((c, m.start()))
        elif c in _CLOSE:
            # pop back to the nearest opener of the same kind; stray closers are ignored
            for k in range(len(stack) - 1, max(-1, len(stack) - 8), -1):
                if _OPEN[stack[k][0]] == c:
                    pairs[stack[k][1]] = m.start()
                    del stack[k:]
                    break
    return pairs


# Anything but commas and round parentheses sends a region down the general scanner: a region is
# simple when this pattern is not found in it. is_simple() runs the test in pieces, each guarded by a
# substring test, because one regular expression of five alternatives tries them all at every
# character (twice as slow on a 30-item list: `python bench/parts.py`); tests/test_parse.py
# checks the two agree. Kept as text, the specification, not compiled at start-up.
NOT_SIMPLE_PATTERN = r"[;\n\r•·|\[\]{}%\u2022\u00b7\u2219\u25cf\u25aa]|\.(?:[ \t]+(?:[A-Za-z*+†‡#]|-[ \t]?[A-Za-z])|[A-Za-z]{3})|[Mm]ay [Cc]ontain|\+/-|\d, \d"
# the characters of the pattern's class, once: the class for any text, its ASCII ones for a substring scan
_NOT_SIMPLE_CHARS = ";\n\r|[]{}%\u2022\u00b7\u2219\u25cf\u25aa"
_SPECIAL_CHAR = lazy_re("[" + re.escape(_NOT_SIMPLE_CHARS) + "]")
_SPECIAL_ASCII = "".join(c for c in _NOT_SIMPLE_CHARS if c.isascii())
_SENTENCE_END = lazy_re(r"\.(?:[ \t]+(?:[A-Za-z*+†‡#]|-[ \t]?[A-Za-z])|[A-Za-z]{3})")
_MAY_CONTAIN_WORDS = lazy_re(r"[Mm]ay [Cc]ontain")
_COMMA_SPACE_DIGIT = lazy_re(r", \d")  # a literal start: found by a fast scan, unlike "\d, \d"


def is_simple(region: str) -> bool:
    """``re.search(NOT_SIMPLE_PATTERN, region) is None``, faster."""
    # most labels are ASCII: then one substring scan in C per special character beats the class
    special = any(map(region.__contains__, _SPECIAL_ASCII)) if region.isascii() else _SPECIAL_CHAR.search(region)
    return not (special or "+/-" in region
                or "." in region and _SENTENCE_END.search(region)
                or "ontain" in region and _MAY_CONTAIN_WORDS.search(region)
                or bool(_COMMA_SPACE_DIGIT.search(region))
                and any(region[m.start() - 1:m.start()].isdecimal() for m in _COMMA_SPACE_DIGIT.finditer(region)))


def _split_commas(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """Fast path for the common comma-only list: str.split in C, then rejoin the pieces a comma
    inside parentheses or between digits ("1,2-Hexanediol") cut apart. None when not applicable."""
    if not is_simple(text[start:end]):
        return None
    return _comma_spans(text, start, end)


_COMMA_DIGIT = lazy_re(",[0-9]")  # the "1,2-" that _comma_spans rejoins


def _comma_spans(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    region = text[start:end]
    if "(" not in region and ")" not in region and not _COMMA_DIGIT.search(region):
        # nothing to rejoin: every comma separates. The spans from the pieces' lengths, in C loops
        ends = list(itertools.accumulate(map(len, region.split(",")), lambda pos, n: pos + n + 1, initial=start - 1))
        return list(zip(map((1).__add__, ends), ends[1:]))
    spans: list[tuple[int, int]] = []
    pos = start
    item_start = start
    depth = 0
    previous = ""
    for piece in region.split(","):
        if depth == 0 and pos > item_start and not (previous[-1:].isdigit() and piece[:1].isdigit()):
            spans.append((item_start, pos - 1))
            item_start = pos
        if "(" in piece or ")" in piece:
            depth += piece.count("(") - piece.count(")")
            if depth < 0:
                return None
        previous = piece
        pos += len(piece) + 1
    if depth != 0:
        return None  # unbalanced: the general scanner ignores the stray parenthesis
    spans.append((item_start, end))
    return spans


def _split_points(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Top-level item spans in text[start:end]."""
    fast = _split_commas(text, start, end)
    if fast is not None:
        return fast
    matches = list(_SPECIAL.finditer(text, start, end))
    if not matches:
        return [(start, end)]
    pairs = _paren_pairs(text, matches) if any(m.group() in _OPEN for m in matches) else {}
    region = text[start:end]
    # the list's own separator: commas, or bullets / semicolons / pipes when a photo used those
    commas = max(region.count(","), sum(region.count(c) for c in "•·|;\u2022\u00b7\u2219\u25cf\u25aa"))
    lone_newlines = 0
    if "\n" in region:
        for m in matches:
            if m.group() == "\n" and not _touches_separator(text, m.start(), start, end):
                lone_newlines += 1
    commas_lead = commas >= 3 and commas >= 2 * lone_newlines
    # a full stop before a lower-case word ends an item only in text that is all lower case (scrapers:
    # "petrolatum. avobenzone"); elsewhere it is inside a name or a sentence
    lower_case = not any(c.isupper() for c in region)

    spans: list[tuple[int, int]] = []
    item_start = start
    skip_until = -1
    for m in matches:
        pos = m.start()
        if pos < skip_until:
            continue
        c = m.group()
        if not c:  # a may-contain marker: end the item before it, the marker opens the next one
            if pos > item_start and text[item_start:pos].strip():
                spans.append((item_start, pos))
                item_start = pos
            continue
        if c in _OPEN:
            close = pairs.get(pos)
            if close is not None and not (c == "[" and _MAY_CONTAIN.match(text[pos:close])):
                skip_until = close + 1
            continue
        if c in _CLOSE:
            continue
        if c == ",":
            if 0 < pos < len(text) - 1 and text[pos - 1].isdigit() and (
                    text[pos + 1].isdigit() or text.startswith(" ", pos + 1) and _DIGIT_HYPHEN.match(text, pos + 2)
                    and pos - item_start <= 4 and text[item_start:pos].strip().isdigit()):  # "1, 2-" but not "Steareth-20, 3-O-"
                continue  # 1,2-Hexanediol (also typed "1, 2-Hexanediol")
        elif c == "\n":
            if commas_lead and not _touches_separator(text, pos, start, end):
                continue  # a hard wrap inside a name
        elif c == ".":
            word_start = pos
            while word_start > item_start and text[word_start - 1].isalpha():
                word_start -= 1
            # an abbreviation or an initial ("Alcohol Denat.", "C.I.") goes on; a full stop after a
            # closing parenthesis ends a sentence ("Iron Oxides (CI 77491). Eye Serum: Water")
            word = text[word_start:pos]
            if word.casefold() in _ABBREVIATIONS or len(word) == 1:
                continue
            if not lower_case and text[pos + 1:pos + 3].lstrip()[:1].islower():
                continue
            if not word and text[pos - 1:pos] != ")" and (
                    not text[item_start:pos].strip() or text[item_start:pos].strip().isdigit()):
                continue  # a list's own numbering ("1. Aqua"), or a stray full stop: not an item's end
        elif c == "%":
            spans.append((item_start, pos + 1))
            item_start = pos + 1
            continue
        spans.append((item_start, pos))
        item_start = pos + 1
    spans.append((item_start, end))
    return spans


def _touches_separator(text: str, pos: int, start: int, end: int) -> bool:
    i = pos - 1
    while i >= start and text[i] in " \t\r":
        i -= 1
    if i < start or text[i] in ",;•·|:\n":
        return True
    j = pos + 1
    while j < end and text[j] in " \t\r":
        j += 1
    if j >= end or text[j] in ",;•·|\n-":
        return True
    return bool(_PANEL_LINE.match(text, j))  # the next line is a panel label ("Purpose: ...")


def _parse_percent(text: str) -> float | None:
    m = _PERCENT_VALUE.search(text)
    if not m:
        return None
    try:
        return float(m.group(1).replace(",", "."))
    except ValueError:  # pragma: no cover - the pattern only admits numbers
        return None


def _has_bracket(text: str) -> bool:
    # six substring scans in C: a quarter of the cost of any() over a generator, for every new name
    return "(" in text or ")" in text or "[" in text or "]" in text or "{" in text or "}" in text


def _take_parentheses(name: str) -> tuple[str, list[str]]:
    """Split "Citrus Aurantium Dulcis (Orange) Peel Oil" into the name without and the contents."""
    if not _has_bracket(name):
        return name, []
    out: list[str] = []
    alts: list[str] = []
    depth = 0
    buf: list[str] = []
    for c in name:
        if c in _OPEN:
            if depth == 0:
                buf = []
            else:
                buf.append(c)
            depth += 1
        elif c in _CLOSE and depth:
            depth -= 1
            if depth == 0:
                alts.append("".join(buf).strip())
            else:
                buf.append(c)
        elif depth:
            buf.append(c)
        elif c in _CLOSE:
            out.append(" ")  # a closer that opened nothing: noise, not part of the name
        else:
            out.append(c)
    if depth and buf:  # an unclosed parenthesis: what follows it is still an alias
        alts.append("".join(buf).strip())
    return _SPACES.sub(" ", "".join(out)).strip(), [a for a in alts if a]


def _strip_trailing_junk(segment: str) -> str:
    """Drop trailing whitespace and ``.,;:"'` ``; a scan from the end, where the regular expression
    "[\\s.,;:]+$" retried at every junk character and went quadratic on "a" + 10,000 spaces + "b"."""
    i = len(segment)
    while i and (segment[i - 1] in _TRAIL_JUNK_CHARS or segment[i - 1].isspace()):
        i -= 1
    return segment[:i]


# Bounds on what can be an ingredient name: the longest CosIng name has 1,928 characters, its longest
# word 167 (a test checks both against the vocabulary). Longer text is still an item (unknown, never
# safe); the cut only bounds the work of looking it up (fuzzy matching is quadratic in a word's length).
_MAX_WORD = 256
_MAX_NAME = 4096


def _bound_name(name: str) -> str:
    if len(name) > _MAX_NAME:
        name = name[:_MAX_NAME] + "\u2026"
    if len(name) > _MAX_WORD:
        name = " ".join(w if len(w) <= _MAX_WORD else w[:_MAX_WORD] + "\u2026" for w in name.split(" "))
    return name


def _unwrap(text: str) -> str:
    """"((Aqua))" -> "Aqua": brackets that match nothing are dropped, brackets around the whole text peeled.

    Linear: one pass pairs the brackets, a second peels the layers (10,000 nested parentheses are
    one pass, not 10,000).
    """
    text = text.strip()
    if not _has_bracket(text):
        return text
    stack: list[int] = []
    stray: list[int] = []
    for i, c in enumerate(text):
        if c in _OPEN:
            stack.append(i)
        elif c in _CLOSE:
            if stack:
                stack.pop()
            else:
                stray.append(i)
    if stray or stack:
        drop = set(stray) | set(stack)
        text = "".join(" " if i in drop else c for i, c in enumerate(text)).strip()
    stack = []
    match: dict[int, int] = {}
    for i, c in enumerate(text):
        if c in _OPEN:
            stack.append(i)
        elif c in _CLOSE:
            match[stack.pop()] = i
    i, j = 0, len(text) - 1
    while i < j and text[i] in _OPEN and match.get(i) == j:
        i, j = i + 1, j - 1
        while i <= j and text[i].isspace():
            i += 1
        while j >= i and text[j].isspace():
            j -= 1
    return text[i:j + 1]


def _is_clean(segment: str) -> bool:
    """Whether ``_clean_name`` would return ``segment`` as it is, by an exact test cheaper than its
    steps (most printed names, "Glycerin", "Sodium Hyaluronate"): ASCII, so no invisible character
    and no footnote mark but "*"; printable ASCII, so no whitespace but the space, and no two spaces
    in a row; no "*" and no "+"; a letter first (no leading number, junk or space) and neither junk
    nor a space last."""
    return (segment[:1].isalpha() and segment.isascii() and segment.isprintable() and "  " not in segment
            and "*" not in segment and "+" not in segment and segment[-1] not in _TRAIL_JUNK_CHARS
            and segment[-1] != " ")


def _clean_name(segment: str) -> str:
    """The name without footnote marks, a leading number or junk, trailing junk, and with single spaces."""
    return segment if _is_clean(segment) else _clean_steps(segment)


def _clean_steps(segment: str) -> str:
    segment = strip_invisible(segment).translate(_FOOTNOTE)
    if "+" in segment:
        segment = _TRAIL_PLUS.sub("", segment.strip())
    segment = _LEAD_NUMBER.sub("", segment)
    segment = _LEAD_JUNK.sub("", segment)
    segment = _strip_trailing_junk(segment)
    return _SPACES.sub(" ", segment).strip()


# Batches repeat the same segments ("Glycerin", " Phenoxyethanol") across thousands of labels: the
# span-free part of an item is memoised on (segment, may_contain state).
_ITEM_MEMO = BoundedMemo()
MEMO_MAX_SEGMENT = 512  # real items are short; huge junk is kept out of the memos


class _Parts(NamedTuple):
    """The span-free reading of one printed segment: what ``_item_parts`` returns and the memo holds."""

    lead: int  # whitespace before and after the segment's text
    trail: int
    stripped: str
    name: str
    alts: tuple[str, ...]
    sublist: bool
    percent: float | None
    prose: bool
    prose_kind: str
    lines: tuple[str, ...]
    cut_left: int  # characters at the start of ``stripped`` that are not the item (a product name before a colon)
    cut_right: int  # ... and at its end (a drug-facts purpose after a colon)
    cut_reason: str
    skip_reason: str  # not an item at all, with this reason ("" for an item)


def read_segment(segment: str, may_contain: bool, caller_memoises: bool = False) -> tuple[_Parts | None, bool]:
    """The span-free reading of one printed segment (None for a segment that holds nothing: blank,
    decoration), and the may-contain state after it. Memoised on (segment, may-contain state): a shelf
    repeats the same segments across thousands of labels.

    ``caller_memoises``: the caller keeps what it makes of the reading on the same key
    (``Classifier._segment_reading``), so this memo is skipped and a shelf's typos, each read once,
    do not fill it for nothing (0.6% of them were found here). A segment with a colon still goes
    through it: ``split_label`` reads such a segment first, to find a product's name before its list,
    and the classifier then finds that reading here instead of making it twice."""
    if len(segment) > MEMO_MAX_SEGMENT or caller_memoises and ":" not in segment:
        return _item_parts(segment, may_contain)
    key = (segment, may_contain)
    parts = _ITEM_MEMO.get(key)
    if parts is None:
        parts = _ITEM_MEMO.put(key, _item_parts(segment, may_contain))
    return parts


def is_plain(fields: _Parts | None) -> bool:
    """A reading that is one item and nothing else: no text cut off it, not prose, not skipped. Its
    span is the segment without the blanks around it, so a caller may place it without ``place_segment``."""
    return fields is not None and not (fields.skip_reason or fields.cut_left or fields.cut_right or fields.prose)


def place_segment(layout: Layout, s: int, e: int, fields: _Parts, may_contain: bool, part: int,
                  skipped: list[Skipped]) -> RawItem | None:
    """The item of a segment's reading, with its span in the input (None when the whole segment is
    skipped). Text of the segment that is not the item (a product name before a colon, a drug-facts
    purpose, a panel label) goes to ``skipped`` with its reason."""
    src, original = layout.src, layout.original
    a, b = s + fields.lead, e - fields.trail
    if fields.skip_reason:
        skipped.append(_skip(src, original, a, b, fields.skip_reason))
        return None
    if fields.cut_left:
        skipped.append(_skip(src, original, a, a + fields.cut_left, fields.cut_reason))
        a += fields.cut_left
        while a < b and src.text[a].isspace():
            a += 1
    if fields.cut_right:
        skipped.append(_skip(src, original, b - fields.cut_right, b, fields.cut_reason))
        b -= fields.cut_right
        while b > a and src.text[b - 1].isspace():
            b -= 1
    if src.identity:
        start, end = a, b
    else:
        start, end = src.origin(a), src.origin_end(b)
    if src.rejoined:  # a scraper's list string shows the rejoined item, not the quotes around its pieces
        shown = fields.stripped[a - s - fields.lead:len(fields.stripped) - (e - fields.trail - b)]
    else:
        shown = original[start:end]
    return RawItem(shown, start, end, fields.name, fields.alts, fields.sublist, fields.percent, may_contain,
                   fields.prose, part, fields.lines, fields.prose_kind)


def _skip(src: _Text, original: str, a: int, b: int, reason: str) -> Skipped:
    """A skipped region from scanned offsets: mapped back to the input, whitespace trimmed."""
    start, end = (a, b) if src.identity else (src.origin(a), src.origin_end(b))
    while start < end and original[start].isspace():
        start += 1
    while end > start and original[end - 1].isspace():
        end -= 1
    return Skipped(_SPACES.sub(" ", original[start:end]), start, end, reason)


_DIGIT = lazy_re(r"\d")


def _has_footnote_mark(text: str) -> bool:
    return "*" in text or "\u2020" in text or "\u2021" in text  # _FOOTNOTE_MARKS


def _item_parts(segment: str, may_contain: bool) -> tuple[_Parts | None, bool]:
    """The span-free fields of the item in ``segment``, and the may-contain state after it."""
    stripped = segment.strip()
    if not stripped:
        return None, may_contain
    lead = len(segment) - len(segment.lstrip())
    trail = len(segment) - len(segment.rstrip())
    body = stripped
    body_at = 0  # where body starts in stripped
    cut_left = cut_right = 0
    cut_reason = ""

    def skip(reason: str) -> tuple[_Parts, bool]:
        return _Parts(lead, trail, stripped, "", (), False, None, False, "", (), 0, 0, "", reason), may_contain

    m = _MAY_CONTAIN.match(body)
    if m and m.end() > 0 and any(ch.isalpha() or ch in "+±" for ch in m.group()):
        may_contain = True
        body = body[m.end():]
        body_at = m.end()
        if not any(c.isalnum() for c in body):
            if any(c.isalnum() for c in stripped):
                return skip("may-contain marker")
            return None, may_contain
    # the batch code patterns need a digit (``\d{4,7}``), the legend's tail a footnote mark: a name
    # with neither (most of them) is not searched
    digits = _DIGIT.search(body) is not None
    if digits and _BATCH_CODE.match(body):
        return skip("batch code")  # "... ascorbyl palmitate. D227948/1.": L'Oreal's formula code
    m = digits and _BATCH_TAIL.search(body) or _has_footnote_mark(body) and _LEGEND_TAIL.search(body)
    if m and m.start() > 0 and (m.re is _BATCH_TAIL or _LEGEND.match(m.group().strip())):
        # "CI 77891 / Titanium Dioxide F.I.L. D267915/1.", "Linalool* *Naturally derived"
        cut_right, cut_reason = len(body) - m.start(), "batch code" if m.re is _BATCH_TAIL else "footnote legend"
        body = body[:m.start()]
    m = _GLUED_HEADING.match(body)
    if m and m.end() < len(body):  # "active ingredients avobenzone 3%": a heading that lost its colon
        cut_left, cut_reason = body_at + m.end(), "heading"
        body = body[m.end():]
        body_at += m.end()
    percent = _parse_percent(body) if "%" in body else None
    if percent is not None:
        body = _PERCENT.sub(" ", body)
    if ":" in body:
        left, _, right = body.partition(":")
        left_f, right_f = fold(left).strip(), fold(right).strip()
        colon = stripped.find(":", body_at)
        if left_f in _PANEL_LABELS:
            return skip("drug facts panel")
        if _COLON_PREFIXES.match(left_f) or not left_f:
            body = right
            cut_left, cut_reason = colon + 1, "heading" if _HEADING.match(left + ":") else "label"
        elif right_f in PURPOSES or not right_f:
            body = left
            cut_right, cut_reason = len(stripped) - colon, "drug facts purpose" if right_f else "label"
        elif _PRODUCT_NAME.search(left_f) or "\u2122" in left or "\u00ae" in left:
            body = right  # a set's next product: "C-Firma™ Day Serum: Water, ..."
            cut_left, cut_reason = colon + 1, "product name"
    lines: tuple[str, ...] = ()
    if "\n" in body:  # a line break inside the item: a wrap, or a comma the photo or the typist lost
        lines = tuple(x for x in (_clean_name(_take_parentheses(line)[0]) for line in body.split("\n")) if x)
        if len(lines) < 2:
            lines = ()
    name, alts = _take_parentheses(body)
    name = _clean_name(name)
    alts = [_clean_name(_unwrap(a)) for a in alts]
    sublist = False
    parts: list[str] = []
    for a in alts:
        if "," in a and not re.search(r"\d,\d", a):
            sublist = True
            parts.extend(p for p in map(_sub_name, _top_level_commas(a)) if p)
        elif a:
            parts.append(a)
    if not name and parts and not sublist:
        name, parts = parts[0], parts[1:]
    if not name and not parts:
        if any(c.isalnum() for c in stripped):
            return skip("label")
        return None, may_contain
    if not (name[:1].isalnum() or any(c.isalnum() for c in name)) and not any(c.isalnum() for p in parts for c in p):
        if any(c.isalnum() for c in stripped):  # a percentage with no name ("5%"): said, not dropped
            return skip("percentage" if percent is not None else "label")
        return None, may_contain  # no letter or digit ("***", "🧴", "-->"): decoration or noise, not an ingredient
    if len(name) > _MAX_WORD or any(len(p) > _MAX_WORD for p in parts):
        name, parts = _bound_name(name), [_bound_name(p) for p in parts]
    if not parts and fold(name) in PURPOSES:
        return skip("drug facts purpose")  # "Active: 1% Salicylic Acid, Acne Treatment."
    prose_kind = ""
    if _CLAIM.match(name):
        prose_kind = "claim"
    elif stripped[:1] in _LEGEND_MARKS and _LEGEND.match(stripped):
        prose_kind = "footnote legend"
    elif looks_like_prose(name):
        # "Time in a Bottle: Water": a product name glued to the first item is not a sentence
        left, colon, right = name.partition(":")
        if not colon or looks_like_prose(right) or looks_like_prose(left) and not right.strip():
            prose_kind = "prose"
    return _Parts(lead, trail, stripped, name, tuple(parts), sublist, percent, bool(prose_kind), prose_kind, lines,
                  cut_left, cut_right, cut_reason, ""), may_contain


def _sub_name(part: str) -> str:
    """One name of a sub-list, its own parentheses taken out: "Hamamelis Virginiana Extract (Witch
    Hazel*)" in a blend's list is HAMAMELIS VIRGINIANA EXTRACT, its common name a descriptor."""
    part = _unwrap(part)
    name, alts = _take_parentheses(part)
    return _clean_name(name) or (_clean_name(alts[0]) if alts else "")


def _top_level_commas(text: str) -> list[str]:
    """Split a sub-list at the commas outside its own nested parentheses
    ("Hamamelis Virginiana Extract (Witch Hazel), Aloe Barbadensis Leaf Juice")."""
    if "(" not in text and "[" not in text:
        return text.split(",")
    out, depth, last = [], 0, 0
    for k, c in enumerate(text):
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE and depth:
            depth -= 1
        elif c == "," and depth == 0:
            out.append(text[last:k])
            last = k + 1
    out.append(text[last:])
    return out


class _Region(NamedTuple):
    start: int
    end: int
    component: Component


def _layout(text: str) -> tuple[list[_Region], list[tuple[int, int, str]], bool]:
    """Where the lists are: (regions, skipped spans with reasons, heading found).

    Real texts hold more than one list: a kit's products each under "<Product name> Ingredients:" or
    "Step One:", a US drug-facts panel's actives and inactives, and lists printed BEFORE the first
    heading (drug-facts actives "Avobenzone 3%, Octinoxate 7.5%. Inactive: Water, ..."; a kit whose
    first product has no heading). So the text is walked heading by heading: each heading opens a
    component that runs to the next heading's product name, or to a stop ("Directions", a warning, a
    disclaimer, a footnote legend), after which the text is skipped until the next heading. The text
    before the first heading is a "preamble" component: whether it is a list or a product name is
    decided after matching (``check.py``), by whether its items are ingredient names.
    """
    lower = text.casefold()
    maybe_heading = "ingr" in lower or "inci" in lower or "compos" in lower or "active" in lower or "step" in lower
    headings = [m for m in _HEADING.finditer(text) if not _is_marketing(text, m)] if maybe_heading else []
    searchable = ("\n" in text or "." in text or "!" in text or "?" in text or "please" in lower
                  or "ingredient list" in lower)
    n = len(text)
    skipped: list[tuple[int, int, str]] = []
    spans: list[tuple[int, int, str, str]] = []  # (start, limit, name, kind)
    if not headings:
        spans.append((0, n, "", "list"))
    else:
        floor = 0
        prefixes = []
        for m in headings:
            p = _line_prefix_start(text, m.start(), floor)
            prefixes.append(p)
            floor = m.end()
        first = headings[0].group().casefold()
        if text[:prefixes[0]].strip():
            spans.append((0, prefixes[0], "active ingredients" if "inactive" in first else "", "preamble"))
        for k, m in enumerate(headings):
            p = prefixes[k]
            name = " ".join(text[p:m.start()].split())
            if name:
                skipped.append((p, m.start(), "product name"))
            skipped.append((m.start(), m.end(), "heading"))
            word = m.group().casefold()
            kind = "inactives" if "inactive" in word else "actives" if "active" in word else "list"
            if not name and word.startswith("step"):
                name = " ".join(m.group().rstrip(": \t\n").split())
            if not name and kind != "list":
                name = "inactive ingredients" if kind == "inactives" else "active ingredients"
            spans.append((m.end(), prefixes[k + 1] if k + 1 < len(headings) else n, name, kind))
    regions: list[_Region] = []
    for a, b, name, kind in spans:
        if searchable:
            stop = _STOP.search(text, a, b)
        else:
            stop = _STOP.match(text, a, b) if a == 0 else None
        end = stop.start() if stop else b
        regions.append(_Region(a, end, Component(name, a, end, kind)))
        if stop:
            skipped.append((stop.start(), b, _stop_reason(stop.group())))
    return regions, skipped, bool(headings)


_PREFIX_WINDOW = 200


def _line_prefix_start(text: str, pos: int, floor: int = 0) -> int:
    """A kit's inner heading takes its product name along ("Toner Ingredients:", "Water, Retinol. Hydra
    Serum 1 oz Ingredients:"): the words since the line's start or the last sentence's end, when they
    are few and hold no list punctuation."""
    window = max(floor, pos - _PREFIX_WINDOW)
    newline = text.rfind("\n", window, pos)
    sentence = text.rfind(". ", window, pos)
    if newline < 0 and sentence < 0 and window > floor:
        return pos  # no line start within reach: too long to be a product name (and no quadratic rescan)
    line_start = max(newline + 1, sentence + 2 if sentence >= 0 else 0, floor)
    prefix = text[line_start:pos]
    if not any(c in prefix for c in ",;:%") and len(prefix.split()) <= 6:
        return line_start
    return pos


def _is_marketing(text: str, m: re.Match[str]) -> bool:
    before = text[max(0, m.start() - 12):m.start()].casefold()
    return any(before.rstrip().endswith(w) for w in ("key", "highlighted", "hero", "star", "main", "featured"))


def split_label(original: str) -> Layout:
    """Find the lists in ``original`` and the spans of their items (never raises on text).

    A set's product named before its first item ("... Retinol. Barrier Night Cream: Water, ...")
    opens a component of its own: the segments holding a colon are read here (memoised) to find it."""
    src = _Text(original)
    text = src.text
    if _NO_LIST.match(text):
        whole = RawItem(original.strip(), 0, len(original), text.strip(), prose=True)
        skipped = (_skip(_Text(""), original, 0, len(original), "no list"),) if original.strip() else ()
        return Layout(original, src, (), (), skipped, False, whole)
    found, spans, heading = _layout(text)
    skipped = [_skip(src, original, a, b, reason) for a, b, reason in spans]
    if not src.identity and "[" in original:
        skipped.extend(Skipped(m.group(), m.start(), m.end(), "scraper marker")
                       for m in _SCRAPER_MARKS.finditer(original))
    if src.rejoined and "\\" in original:  # "\xa0" in a scraper's list string: an escaped space
        skipped.extend(Skipped(m.group(), m.start(), m.end(), "escape") for m in _HEX_ESCAPE.finditer(original))
    # "(and)" between the two names of a blend: when nothing was rewritten, _Text's search of the same
    # text already says whether there are any
    blends = src.blends if src.identity else "(" in original and _AND_BLEND.search(original) is not None
    if blends:
        skipped.extend(Skipped(m.group(), m.start(), m.end(), "separator") for m in _AND_BLEND.finditer(original))
    regions: list[tuple[int, tuple[tuple[int, int], ...]]] = []
    components: list[Component] = []
    for region in found:
        comp = region.component
        points = _split_points(text, region.start, region.end)
        while points and not text[points[-1][0]:points[-1][1]].strip():
            points.pop()  # blank after the list (a pasted label's last line break) holds nothing, hides no legend
        while points and _is_legend(text, region.start, *points[-1]):
            s, e = points.pop()
            skipped.append(_skip(src, original, s, e, "footnote legend"))
        first = 0
        colons = points if text.find(":", region.start, region.end) >= 0 else ()
        for k, (s, e) in enumerate(colons):
            if ":" not in text[s:e]:
                continue
            fields, _ = read_segment(text[s:e], False)
            if fields is None or fields.cut_reason != "product name" or not fields.cut_left:
                continue
            name = " ".join(text[s + fields.lead:s + fields.lead + fields.cut_left].rstrip(": \t").split())
            if any(text[x:y].strip() for x, y in points[first:k]):
                # the products before it are a list of their own
                regions.append((len(components), tuple(points[first:k])))
                components.append(comp._replace(end=s))
                comp = Component(name, s, comp.end, "list")
                first = k
            elif not comp.name:
                comp = comp._replace(name=name)
        regions.append((len(components), tuple(points[first:] if first else points)))
        components.append(comp)
    if not src.identity:
        components = [c._replace(start=src.origin(c.start), end=src.origin_end(c.end) if c.end > c.start
                                 else src.origin(c.start)) for c in components]
    return Layout(original, src, tuple(regions), tuple(components), tuple(skipped), heading)


def _is_legend(text: str, start: int, s: int, e: int) -> bool:
    """The last segment of a list is a footnote's legend when it starts with a mark that an item
    before it carries and follows a full stop ("... Galactomyces Ferment Filtrate*, Parfum. *Pitera."):
    what it says is not an ingredient (a trade name, "Napiers original formula")."""
    body = text[s:e].strip()
    if not body or body[0] not in _FOOTNOTE_MARKS or "," in body or len(body) > 80:
        return False
    mark = body[0]
    before = text[start:s].rstrip()
    return before.endswith(".") and mark in before


def item_count(item: RawItem) -> int:
    """How many ingredients an item counts for against ``--max-items``: a parenthesised sub-list
    ("Fragrance (Limonene, Linalool)") becomes one ingredient per part."""
    return 1 + len(item.alts) if item.sublist else 1


def parse_label(original: str) -> ParsedLabel:
    """Find the ingredient lists in ``original`` and split them into items (never raises on text).

    Every letter and digit of the input ends up in an item's span or in a skipped region with its
    reason (``bench/coverage.py`` checks this over every real label)."""
    layout = split_label(original)
    if layout.no_list is not None:
        return ParsedLabel((), ("this text holds no ingredient list",), (layout.no_list,), False, 0, layout.skipped)
    text = layout.src.text
    skipped = list(layout.skipped)
    items: list[RawItem] = []
    prose: list[RawItem] = []
    for part, spans in layout.regions:
        may_contain = False
        for s, e in spans:
            fields, after = read_segment(text[s:e], may_contain)
            if fields is not None:
                item = place_segment(layout, s, e, fields, after, part, skipped)
                if item is not None and is_list_item(item, prose, skipped):
                    items.append(item)
            may_contain = after
    skipped.sort(key=lambda k: k.start)
    kinds = [c.kind for c in layout.components]
    kits = kinds.count("list") + ("actives" in kinds or "inactives" in kinds)
    warnings = []
    if kits > 1:
        warnings.append(f"this text holds {kits} ingredient lists (a kit?): the verdict covers all of them")
    return ParsedLabel(tuple(items), tuple(warnings), tuple(prose), layout.heading, max(kits, 1), tuple(skipped),
                       layout.components)


def is_list_item(item: RawItem, prose: list[RawItem], skipped: list[Skipped]) -> bool:
    """Whether a placed item belongs to the list. A claim or a footnote's legend goes to the skipped
    regions, other prose to ``prose`` (to be read by what it names, in ``label_rules``)."""
    if not item.prose:
        return True
    if item.prose_kind in ("claim", "footnote legend"):
        skipped.append(Skipped(_SPACES.sub(" ", item.text), item.start, item.end, item.prose_kind))
    else:
        prose.append(item)
    return False


bind(globals())  # the patterns above compile on first use, then stand in their own place (lazy_re.py)
