"""One ``fold()`` for both sides of every comparison: label items and vocabulary names.

Real labels spell one ingredient many ways: "Aqua", "AQUA", "aqua" ; "Sodium Laureth Sulphate" (UK)
and "Sulfate" ; "Alcohol Denat." and "alcohol denat" ; "PEG - 100 Stearate" ; "Cl 77491" typed
from a photo where the INCI colour index is "CI 77491" ; "Аqua" with a Cyrillic A pasted from a
shop page ; "Capric/\u200bTriglyceride" with a zero-width space from an INCIDecoder scrape.
The vocabulary index is built with the very same function, so a folded label item and a folded
INCI name are equal exactly when they name the same thing up to these spelling noises.

The steps are small pure functions applied in order; the order matters (NFKC first so that
full-width letters become ASCII; case before the confusable map and the word rules; the colour
index before full stops are dropped, so "C.I. 77491" is still seen).
Every step is linear in the input and uses no regular expression that can backtrack.
"""

from __future__ import annotations

import re
import unicodedata

from .memo import BoundedMemo

__all__ = ["fold", "fold_ascii", "fold_steps", "strip_invisible", "INVISIBLE"]

# Zero-width characters, bidi controls, soft hyphen and BOM: never part of a name.
INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_INVISIBLE_TABLE = {ord(c): None for c in INVISIBLE}

# Letters from other scripts that look like Latin ones (pasted or OCR'd labels carry them).
_CONFUSABLES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "һ": "h",
    "ԁ": "d", "ԛ": "q", "ԝ": "w",
    # Greek
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "γ": "y",
}
_CONFUSABLE_TABLE = {ord(k): v for k, v in _CONFUSABLES.items()}

# Every character up to U+3000 that str.isspace() accepts, spelled out (a test checks the list):
# scanning all 12,288 code points at import was work added to every check's start-up.
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
              "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_PUNCT_TABLE = {
    **{ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"},
    **{ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4`"},
    **{ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033"},
    ord("\\"): "/",  # Sephora and Ulta print "Water\\Aqua\\Eau"
    **{ord(c): " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\r\n"},
    # every other whitespace too (vertical tab, form feed, U+001C-U+001F, NEL, U+2028...): ``str.strip``
    # removes them at the ends, so left alone they made fold(fold(x)) differ from fold(x)
    **{ord(c): " " for c in WHITESPACE},
}
# Marks that decorate a name but are not part of it; removed before NFKC, which would turn
# "™" into "TM" and a superscript footnote "¹" into a digit.
_DECORATION_TABLE = {ord(c): None for c in "*\u2020\u2021\u00b0\u2122\u2120\u00ae\u00a9\u00b9\u00b2\u00b3\u2074\u2075\u00a7\u00b6"}

# UK spellings found on LookFantastic labels -> the INCI (US) spelling.
_SPELLINGS = (
    ("sulph", "sulf"),
    ("aluminium", "aluminum"),
    ("glycerine", "glycerin"),
    ("colour", "color"),
    ("flavour", "flavor"),
)

_SPACE_RUN = re.compile(r" {2,}")
_SPACE_AROUND = re.compile(r" ?([/\-,]) ?")
# A full stop that is not a decimal point ("alcohol denat." / "2.5%").
_DOT = re.compile(r"\.(?!\d)|(?<!\d)\.")
# OCR reads the colour index "CI" as "Cl" or "C1", and digits as letters inside it.
_COLOUR_INDEX = re.compile(r"\b(?:c\.? ?[il1|]\.?|ci) ?([0-9olis|]{5})\b")
_OCR_DIGITS = str.maketrans({"o": "0", "l": "1", "i": "1", "|": "1", "s": "5"})


def strip_invisible(text: str) -> str:
    return text.translate(_INVISIBLE_TABLE)


def _decorations(text: str) -> str:
    return text.translate(_DECORATION_TABLE)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _confusables(text: str) -> str:
    return text.translate(_CONFUSABLE_TABLE)


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _punctuation(text: str) -> str:
    return text.translate(_PUNCT_TABLE)


# One pass; "glycerine+" because "glycerinee" -> "glycerine" would need a second pass (fold must be
# idempotent), and no other replacement can form a new match with its neighbours.
_SPELLING_RE = re.compile("|".join(uk + ("+" if uk.endswith("e") else "") for uk, _ in _SPELLINGS))
_SPELLING_MAP = dict(_SPELLINGS)


_SPELLING_UK = tuple(uk for uk, _ in _SPELLINGS)


def _spellings(text: str) -> str:
    # every match of _SPELLING_RE holds one of the UK spellings whole: a name holding none (nearly
    # every name) is not searched. A loop, not any() over a generator: every new name passes here
    for uk in _SPELLING_UK:
        if uk in text:
            return _SPELLING_RE.sub(lambda m: _SPELLING_MAP.get(m.group(), "glycerin"), text)
    return text


def _dots(text: str) -> str:
    return _DOT.sub(" ", text) if "." in text else text


def _colour_index(text: str) -> str:
    if "c" not in text:
        return text
    return _COLOUR_INDEX.sub(lambda m: "ci " + m.group(1).translate(_OCR_DIGITS), text)


def _spaces(text: str) -> str:
    text = text.strip()
    if "  " in text:  # _SPACE_RUN's only matches
        text = _SPACE_RUN.sub(" ", text)
    if "/" in text or "-" in text or "," in text:
        text = _SPACE_AROUND.sub(r"\1", text)
    return text.strip(" -/,'\"")


# Order, and why some steps run twice (each was a case where fold(fold(x)) != fold(x)):
# invisible and decoration marks again after NFKC, which makes some of them ("\uffa0" -> "\u1160",
# small asterisk -> "*"); the confusable map after accents are stripped ("\u1f33" -> iota -> "i");
# the colour index again at the end, once full stops and spaces are gone ("c..i 77491" -> "c i 77491").
_STEPS = (
    strip_invisible,
    _decorations,
    _nfkc,
    strip_invisible,
    _decorations,
    str.casefold,
    _strip_accents,
    _confusables,
    _punctuation,
    _spellings,
    _colour_index,
    _dots,
    _spaces,
    _colour_index,
)


def fold_steps(text: str) -> str:
    """``fold`` by the full list of steps (the reference the ASCII path is tested against)."""
    for step in _STEPS:
        text = step(text)
    return text


# On ASCII text the Unicode steps do nothing (ASCII is NFKC-stable, casefold is lower, no ASCII
# character is invisible, accented or confusable) and the two character maps that do act (the
# decoration "*" and ASCII whitespace, backslash and backtick) touch no letter: one translate.
_ASCII_TABLE = {k: v for k, v in {**_DECORATION_TABLE, **_PUNCT_TABLE}.items() if k < 128}
# ... as one bytes.translate that also lowers A-Z (``str.lower`` of an ASCII text, and no mapped
# character is a capital): str.translate with a dict looks up every character in Python's dict,
# about four times slower on a name (a typo's first fold, issue 16)
_ASCII_DELETE = bytes(k for k, v in _ASCII_TABLE.items() if v is None)
_ASCII_BYTES = bytes((ord(_ASCII_TABLE[k]) if k in _ASCII_TABLE and _ASCII_TABLE[k] is not None
                      else k + 32 if 65 <= k <= 90 else k) for k in range(256))
_ASCII_STEPS = (_spellings, _colour_index, _dots, _spaces, _colour_index)

# A miss folds one printed name several times on its way through the matchers (exact, label
# habits, fuzzy): a small memo makes the repeats free.
_MEMO = BoundedMemo(4096)


def fold_ascii(text: str) -> str:
    """``fold_steps`` for an ASCII text (``text.isascii()``; other text raises UnicodeEncodeError), in
    fewer steps."""
    key = text.encode("ascii").translate(_ASCII_BYTES, _ASCII_DELETE).decode("ascii")
    for step in _ASCII_STEPS:
        key = step(key)
    return key


def fold(text: str) -> str:
    """Fold a name to its comparison key. Idempotent: ``fold(fold(x)) == fold(x)``."""
    key = _MEMO.get(text)
    if key is not None:
        return key
    return _MEMO.put(text, fold_ascii(text) if text.isascii() else fold_steps(text))
