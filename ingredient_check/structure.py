"""Structural rules: classify a name by its shape (plant part + "Oil", "Alcohol Denat.", ...).

The rules are data (``lexicons/structure.toml``): spaCy Matcher token patterns over the folded name.
spaCy costs about a second and 80 MB to import, so only the index build uses this module: it runs
the rules over the whole CosIng vocabulary once. At check time the odd name the vocabulary lacks goes
through ``patterns.py``, which interprets the same patterns without spaCy; a test requires both to
agree on every vocabulary name.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["StructureRules", "triggers"]


@dataclass(frozen=True)
class _Rule:
    id: str
    anchor: str
    unless_words: frozenset[str]
    functions_all_of: tuple[str, ...]
    functions_none_of: tuple[str, ...]


def _resolve(pattern: list[dict], lists: dict[str, list[str]]) -> list[dict]:
    """Replace "@key" in IN / NOT_IN with the list of the same name (lower-cased)."""
    out = []
    for token in pattern:
        token = dict(token)
        for attr, spec in list(token.items()):
            if isinstance(spec, dict):
                spec = dict(spec)
                for op in ("IN", "NOT_IN"):
                    ref = spec.get(op)
                    if isinstance(ref, str) and ref.startswith("@"):
                        spec[op] = [w.casefold() for w in lists[ref[1:]]]
                token[attr] = spec
        out.append(token)
    return out


def triggers(rules: list[dict]) -> frozenset[str]:
    """Words without which no rule can fire (a cheap filter before spaCy is loaded)."""
    return frozenset(w for rule in rules for w in rule.get("trigger", "").split())


class StructureRules:
    def __init__(self, rules: list[dict], lists: dict[str, list[str]]):
        import spacy  # noqa: PLC0415 - deliberately lazy: ~1 s import
        from spacy.matcher import Matcher  # noqa: PLC0415

        self._nlp = spacy.blank("en")
        self._matcher = Matcher(self._nlp.vocab, validate=True)
        self._rules: dict[str, _Rule] = {}
        self._order: dict[str, int] = {}
        for i, rule in enumerate(rules):
            self._matcher.add(rule["id"], [_resolve(p, lists) for p in rule["patterns"]])
            self._rules[rule["id"]] = _Rule(
                rule["id"],
                rule.get("anchor", "any"),
                frozenset(rule.get("unless_words", [])),
                tuple(f.upper() for f in rule.get("functions_all_of", [])),
                tuple(f.upper() for f in rule.get("functions_none_of", [])),
            )
            self._order[rule["id"]] = i

    def classify(self, folded: str, functions: str | None = None) -> str | None:
        return self.classify_many([(folded, functions)])[0]

    def classify_many(self, names: list[tuple[str, str | None]]) -> list[str | None]:
        """Rule id (or None) for each (folded name, CosIng functions or None when unknown)."""
        results: list[str | None] = []
        docs = self._nlp.tokenizer.pipe(n for n, _ in names)
        strings = self._nlp.vocab.strings
        for (name, functions), doc in zip(names, docs):
            words = {t.lower_ for t in doc}
            best: tuple[int, str] | None = None
            for match_id, start, end in self._matcher(doc):
                rule = self._rules[strings[match_id]]
                if rule.anchor == "end" and end != len(doc):
                    continue
                if rule.anchor == "start" and start != 0:
                    continue
                if rule.unless_words & words:
                    continue
                if rule.functions_all_of or rule.functions_none_of:
                    if functions is None:
                        continue  # function evidence is required and not known
                    f = functions.upper()
                    if not all(x in f for x in rule.functions_all_of):
                        continue
                    if any(x in f for x in rule.functions_none_of):
                        continue
                rank = self._order[rule.id]
                if best is None or rank < best[0]:
                    best = (rank, rule.id)
            results.append(best[1] if best else None)
        return results
