"""The structural rules at check time, without spaCy.

``lexicons/structure.toml`` writes its rules in spaCy's Matcher pattern language, and the index
build runs them with spaCy over the whole vocabulary (``structure.py``). At check time they only ever
see the odd name the vocabulary lacks, and importing spaCy for that costs about a second and 80 MB
(bench/speed.py): a pasted label with one unfamiliar plant oil would wait for it, and a shelf's
memory would jump the first time one turns up. So this module interprets the same patterns, for the
subset of the language the rules use (LOWER and ORTH as a string or an IN / NOT_IN list, IS_ALPHA,
OP "?" / "*" / "+"), over a tokenisation that splits like spaCy's English tokenizer on INCI names.
``tests/test_patterns.py`` runs both over every vocabulary name and requires the same answer.
"""

from __future__ import annotations

import re

__all__ = ["TokenRules", "tokenize"]

# words (letters and digits, with an inner hyphen only between digits: "c12-15", "peg-100"),
# else any single non-space character ("/", "-", "(", ".")
_TOKEN = re.compile(r"[^\W_]+(?:-[0-9][^\W_]*)*|\S")


def tokenize(name: str) -> list[str]:
    return _TOKEN.findall(name)


def _resolve(value, lists: dict[str, list[str]]):
    if isinstance(value, str) and value.startswith("@"):
        return frozenset(w.casefold() for w in lists[value[1:]])
    return frozenset(value) if isinstance(value, list) else value


def _compile_token(spec: dict, lists: dict[str, list[str]]):
    tests = []
    for attr, want in spec.items():
        if attr == "OP":
            continue
        if attr == "IS_ALPHA":
            tests.append(lambda t, w=bool(want): t.isalpha() == w)
            continue
        get = str.casefold if attr == "LOWER" else (lambda t: t)
        if isinstance(want, dict):
            if "IN" in want:
                tests.append(lambda t, s=_resolve(want["IN"], lists), g=get: g(t) in s)
            if "NOT_IN" in want:
                tests.append(lambda t, s=_resolve(want["NOT_IN"], lists), g=get: g(t) not in s)
        else:
            tests.append(lambda t, w=want, g=get: g(t) == w)
    return spec.get("OP", "1"), tests


class TokenRules:
    """Same interface as ``structure.StructureRules``: classify(name, functions) -> rule id."""

    def __init__(self, rules: list[dict], lists: dict[str, list[str]]):
        self._rules = [
            (rule["id"], rule.get("anchor", "any"), frozenset(rule.get("unless_words", [])),
             bool(rule.get("functions_all_of") or rule.get("functions_none_of")),
             [[_compile_token(t, lists) for t in p] for p in rule["patterns"]])
            for rule in rules
        ]

    def classify(self, folded: str, functions: str | None = None) -> str | None:
        tokens = tokenize(folded)
        lowered = {t.casefold() for t in tokens}
        n = len(tokens)
        for rule_id, anchor, unless, needs_functions, patterns in self._rules:
            if needs_functions or unless & lowered:
                continue  # function evidence is known only at build time
            starts = [0] if anchor == "start" else range(n)
            for pattern in patterns:
                for start in starts:
                    ends = _ends(pattern, 0, tokens, start)
                    if ends and (anchor != "end" or n in ends):
                        return rule_id
        return None


def _ends(pattern, k: int, tokens: list[str], i: int) -> set[int]:
    """Every token position where pattern[k:] can end when it starts at token i."""
    if k == len(pattern):
        return {i}
    op, tests = pattern[k]

    def one(j: int) -> bool:
        return j < len(tokens) and all(test(tokens[j]) for test in tests)

    out: set[int] = set()
    if op in ("?", "*"):
        out |= _ends(pattern, k + 1, tokens, i)  # zero occurrences
    j = i
    while one(j):
        j += 1
        out |= _ends(pattern, k + 1, tokens, j)
        if op in ("1", "?"):
            break
    return out
