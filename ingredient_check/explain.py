"""explain: one ingredient name in, everything the checker knows about it out; and the lexicon's summary.

``explain_term`` reads a name exactly as a label item is read (``parse_label`` for the percentages,
parentheses and "Ingredients:" heading people paste along with it, then ``classify_item``: exact,
alias, fuzzy against the whole CosIng vocabulary, and the structural rules for names the vocabulary
lacks), then runs the one-item "product" through ``timeline.decide`` so that needle depth and the
practitioner's rules apply with exactly the precedence a real check uses. Nothing here prints: the
``explain`` and ``lexicon`` commands (``cli_explain.py``) format and echo what these functions return.

"Did you mean": ``Vocabulary.suggestions`` ranks the whole vocabulary and the lexicon synonyms with
rapidfuzz's WRatio, which scores any short name found inside the term at 90 ("tin" for "retinoll").
So its pool is re-ranked here by the mean of WRatio and the plain ratio, names much shorter than the
term are dropped, and a name that starts with the whole term ("salicylic" -> "salicylic acid") is
lifted: people type the first words of an ingredient.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from .cite import cite, source_json
from .classify import Classifier, Ingredient, get_classifier
from .matcher import get_matcher
from .errors import InputError
from .fold import fold
from .parse import RawItem, parse_label
from .text import long_date
from .timeline import Options, RuleOverride, Verdict, override_for, decide, wait_at_depth

__all__ = ["Suggestion", "Explanation", "explain_term", "suggest", "cosing_functions", "explanation_json",
           "explanation_text", "not_recognised_message", "lexicon_summary", "lexicon_text", "MAX_TERM_CHARS", "NEUTRAL_TEXT"]

# The longest CosIng name is under 2,000 characters; anything longer is not one ingredient's name.
MAX_TERM_CHARS = 2000
NEUTRAL_TEXT = "recognised, no post-treatment concern in our lexicons"
# Suggestions: how many, the lowest re-ranked score shown, and how much shorter than the term a
# suggestion may be (WRatio rewards short names found inside the term).
SUGGESTIONS = 5
_SUGGEST_POOL = 300
_SUGGEST_MIN = 70.0
_SUGGEST_MIN_AFTER_HIT = 78.0  # beside a fuzzy hit, only names nearly as close as the one we read
_SUGGEST_MIN_LENGTH_SHARE = 0.5
_ROLE_TEXT = {
    "irritant": "irritant: keep off healing skin for a while",
    "soothing": "soothing: welcome on healing skin",
    "neutral": NEUTRAL_TEXT,
}


@dataclass(frozen=True)
class Suggestion:
    name: str  # the folded vocabulary name or lexicon synonym that scored
    inci: str  # the INCI name it stands for
    score: float

    @property
    def shown(self) -> str:
        return self.inci if fold(self.inci) == self.name else f"{self.name} ({self.inci})"


@dataclass(frozen=True)
class Explanation:
    term: str
    recognised: bool
    ingredient: Ingredient | None = None  # as classified from the term (lexicon defaults)
    adjusted: Ingredient | None = None  # after depth and the practitioner's rules
    verdict: Verdict | None = None  # a product made of this one ingredient
    override: RuleOverride | None = None  # the practitioner's rule that applied, if any
    options: Options = field(default_factory=Options)
    functions: tuple[str, ...] | None = None  # CosIng functions; None when CosIng does not list it
    name: str | None = None  # the lexicon's display name
    category_label: str | None = None
    ph_adjuster_note: str | None = None  # for acids that are only pH adjusters after the 1% line
    also: tuple[Ingredient, ...] = ()  # a sub-list in parentheses: "Fragrance (Limonene, Linalool)"
    suggestions: tuple[Suggestion, ...] = ()
    source_keys: tuple[str, ...] = ()
    evidence: str | None = None  # low | moderate | high: how well the lexicon's wait is supported
    depth_note: str | None = None  # why the depth changed the wait

    @property
    def status(self) -> str:
        """``avoid`` (your rules), ``wait`` (an irritant), ``baseline`` (soothing or neutral), ``not_recognised``."""
        if not self.recognised:
            return "not_recognised"
        a = self.adjusted
        if self.override is not None and self.override.avoid:
            return "avoid"
        if a is not None and a.role == "irritant" and a.wait_hours is not None:
            return "wait"
        return "baseline"


# -- CosIng functions -------------------------------------------------------------------------
@functools.cache
def _functions_by_name() -> dict[str, tuple[str, ...]]:
    """Folded INCI name -> its CosIng functions, read from the TSV once (the index keeps only flags)."""
    from .data import lexicon_dir  # noqa: PLC0415
    from .lexicon import load_vocabulary  # noqa: PLC0415 - the one reader of the TSV format

    found: dict[str, list[str]] = {}
    for inci, functions in load_vocabulary(lexicon_dir() / "cosing-vocabulary.tsv"):
        bucket = found.setdefault(fold(inci), [])
        for f in functions.split(","):
            f = " ".join(f.split()).lower()
            if f and f not in bucket:
                bucket.append(f)
    return {k: tuple(v) for k, v in found.items()}


def cosing_functions(inci: str) -> tuple[str, ...] | None:
    """The CosIng functions of an INCI name (lower case), () when CosIng lists none, None when absent."""
    return _functions_by_name().get(fold(inci))


# -- suggestions ------------------------------------------------------------------------------
def suggest(term: str, classifier: Classifier | None = None, limit: int = SUGGESTIONS,
            exclude: str | None = None, min_score: float = _SUGGEST_MIN) -> tuple[Suggestion, ...]:
    """Nearest vocabulary names and synonyms for "did you mean", one per ingredient, best first."""
    from rapidfuzz import fuzz  # noqa: PLC0415

    m = classifier.matcher if classifier is not None else get_matcher()  # names only: no classifier needed
    v = m.vocab
    key = fold(term)
    if not key:
        return ()
    scored: list[tuple[float, str, int]] = []
    for cand, wratio in v.suggestions(term, limit=_SUGGEST_POOL):
        index = v.keys.get(cand)
        if index is None:
            index = v.aliases.get(cand)
        if index is None or len(cand) < _SUGGEST_MIN_LENGTH_SHARE * len(key):
            continue
        score = (fuzz.ratio(key, cand) + wratio) / 2
        if cand.startswith(key + " ") or cand.startswith(key + "-"):
            score = max(score, 92.0 - 0.1 * (len(cand) - len(key)))  # the first words of a name
        if score >= min_score:
            scored.append((score, cand, index))
    scored.sort(key=lambda t: (-t[0], t[1]))
    seen: set[str] = {fold(exclude)} if exclude else set()
    out: list[Suggestion] = []
    for score, cand, index in scored:
        inci = m.inci_of(index)
        if fold(inci) in seen:
            continue
        seen.add(fold(inci))
        out.append(Suggestion(cand, inci, round(score, 1)))
        if len(out) == limit:
            break
    return tuple(out)


# -- explain ----------------------------------------------------------------------------------
def _read_term(term: str, c: Classifier) -> tuple[Ingredient, tuple[Ingredient, ...]]:
    """Classify a term as a label item: the main ingredient, and any sub-list items in parentheses."""
    parsed = parse_label(term)
    if len(parsed.items) == 1:
        found = c.classify_item(parsed.items[0])
        return found[0], tuple(found[1:])
    if len(parsed.items) > 1:
        hit = c.vocab.exact_name(term)  # a real name with a comma that the label splitter cut
        if hit is None:
            names = ", ".join(i.name or i.text for i in parsed.items[:4])
            more = ", ..." if len(parsed.items) > 4 else ""
            raise InputError(f"{term!r} holds {len(parsed.items)} ingredients ({names}{more}): explain takes "
                             f"one name; to check a whole list use 'ingredient-check check'")
    # no item (the parser read the text as prose: "retinol-free"), or one real name holding a comma
    name = " ".join(term.split())
    return c.classify_item(RawItem(term, 0, len(term), name))[0], ()


def explain_term(term: str, options: Options | None = None, classifier: Classifier | None = None) -> Explanation:
    """Everything known about one ingredient name, with the wait at ``options``' depth and rules.

    Raises InputError for a term that is empty, far too long, or a list of several ingredients.
    An unrecognised name is not an error here: the result has ``recognised=False`` and suggestions.
    """
    options = options or Options()
    c = classifier or get_classifier()
    if not term or not term.strip():
        raise InputError("no ingredient name given: try  ingredient-check explain retinol")
    if len(term) > MAX_TERM_CHARS:
        raise InputError(f"the term is {len(term):,} characters long, over {MAX_TERM_CHARS:,}: not one ingredient name")
    ing, also = _read_term(term, c)
    override = override_for(ing, options.rules) if options.rules else None
    if (ing.role == "unknown" or ing.match == "possible") and override is None:  # a "could be" is not a name
        return Explanation(term, False, ing, options=options, suggestions=suggest(term, c))

    timeline = c.index["timeline"]
    # A one-item product, classified as a label's would be: the same depth scaling and rule precedence.
    verdict = decide([ing], timeline, options, [])
    adjusted = verdict.ingredients[0]

    entry = c.entries.get(ing.entry or "", {})
    category = c.categories.get(ing.category or "", {})
    functions = cosing_functions(ing.inci) if ing.inci else None
    suggestions = (suggest(term, c, limit=3, exclude=ing.inci, min_score=_SUGGEST_MIN_AFTER_HIT)
                   if ing.match == "fuzzy" else ())
    ph_note = None
    if entry.get("late_is_ph_adjuster") and ing.role == "irritant":
        ph_note = c.position.get("reason")

    keys: list[str] = list(ing.sources)  # the lexicon's evidence, even when your rules set the wait
    if override is None and ing.role in ("soothing", "neutral"):
        keys.extend(k for k in verdict.baseline_sources if k not in keys)  # the wait is the baseline's
    depth_note = None
    if (options.depth_mm is not None and override is None and ing.wait_hours is not None
            and ing.role == "irritant" and adjusted.wait_hours != ing.wait_hours):
        depth = timeline["depth"]
        depth_note = depth.get("reason")
        keys.extend(k for k in depth.get("sources", []) if k not in keys)
    if ph_note:
        keys.extend(k for k in c.position.get("sources", []) if k not in keys)
    return Explanation(
        term=term, recognised=True, ingredient=ing, adjusted=adjusted, verdict=verdict, override=override,
        options=options, functions=functions, name=entry.get("name"), category_label=category.get("label"),
        ph_adjuster_note=ph_note, also=also,
        suggestions=suggestions, source_keys=tuple(keys), depth_note=depth_note,
        evidence=(entry.get("evidence") or category.get("evidence")) if ing.role == "irritant" else None,
    )


def _status_is_wait(adjusted: Ingredient, override: RuleOverride | None) -> bool:
    return adjusted.role == "irritant" and adjusted.wait_hours is not None and not (override and override.avoid)


# -- formatting -------------------------------------------------------------------------------
def _hours(h: int) -> str:
    """'7 days (168 hours)', '36 hours', '1 day (24 hours)'."""
    if h % 24 == 0 and h:
        days = h // 24
        return f"{days} day{'s' if days != 1 else ''} ({h} hours)"
    if h >= 48:
        return f"{h / 24:.1f} days ({h} hours)"
    return f"{h} hour{'s' if h != 1 else ''}"


def _mm(x: float) -> str:
    return f"{x:.1f}" if round(x, 1) == x else f"{x:g}"  # 1.0 mm, not 1 mm; 0.25 mm as typed


def _short(h: int) -> str:
    return f"{h // 24} d" if h % 24 == 0 and h else f"{h} h"


def _by_depth(ing: Ingredient, depth: dict) -> list[tuple[str, int]]:
    base, deep = ing.wait_hours or 0, ing.deep_wait_hours or ing.wait_hours or 0
    return [
        (f"up to {_mm(depth['shallow_max_mm'])} mm", wait_at_depth(base, deep, depth["shallow_max_mm"], depth, True)),
        (f"{_mm(depth['standard_min_mm'])}-{_mm(depth['standard_max_mm'])} mm", base),
        (f"from {_mm(depth['deep_min_mm'])} mm", wait_at_depth(base, deep, depth["deep_min_mm"], depth, True)),
    ]


def _match_text(e: Explanation) -> str:
    ing = e.ingredient
    assert ing is not None
    if ing.match == "exact":
        return "exact INCI name"
    if ing.match == "alias":
        return f"another name for {ing.inci} (a synonym in our lexicons)"
    if ing.match == "fuzzy":
        return f"read as {ing.inci} (fuzzy, {ing.score:.0f}): check the spelling"
    if ing.how and ing.how.startswith("structure.toml"):
        rule = ing.how.removeprefix("structure.toml rule ")
        return f"not in the vocabulary; classed by the shape of its name (structural rule {rule})"
    return "not in the vocabulary; named in your rules"


def explanation_json(e: Explanation, sources: dict[str, dict], timeline: dict | None = None) -> dict:
    """One JSON object for scripts (``--format json``). The lexicon's notes (how its authors weighed
    the sources, with references to their files) are for maintainers and are not shown."""
    from .check import DISCLAIMER  # noqa: PLC0415
    from .report import wait_origin  # noqa: PLC0415

    suggestions = [{"name": s.name, "inci": s.inci, "score": s.score} for s in e.suggestions]
    if not e.recognised:
        return {"term": e.term, "recognised": False, "status": e.status, "suggestions": suggestions,
                "disclaimer": DISCLAIMER}
    ing, a, v = e.ingredient, e.adjusted, e.verdict
    assert ing is not None and a is not None and v is not None
    o = e.override
    out = {
        "term": e.term,
        "recognised": True,
        "status": e.status,
        "inci": ing.inci,
        "name": e.name,
        "match": ing.match,
        "score": ing.score,
        "how": wait_origin(a)[1],
        "functions": list(e.functions) if e.functions is not None else None,
        "role": a.role,
        "category": ing.category,
        "category_label": e.category_label,
        "depth_mm": e.options.depth_mm,
        "wait_hours": a.wait_hours if _status_is_wait(a, o) else None,
        "wait_from": wait_origin(a)[0],
        "default_wait_hours": ing.wait_hours if ing.role == "irritant" else None,
        "deep_wait_hours": ing.deep_wait_hours if ing.role == "irritant" else None,
        "safe_after_hours": v.safe_after_hours,
        "safe_on": v.safe_on.isoformat() if v.safe_on else None,
        "baseline_hours": v.baseline_hours,
        "rule": ({"key": o.key, "wait_hours": o.wait_hours, "avoid": o.avoid, "reason": o.reason}
                 if o is not None else None),
        "reason": a.reason if o is not None else ing.reason,
        "baseline_reason": v.baseline_reason,
        "ph_adjuster_after_1pct_line": e.ph_adjuster_note,
        "depth_reason": e.depth_note,
        "sources": {k: source_json(sources[k]) for k in e.source_keys if k in sources},
        "evidence": e.evidence,
        "also_in_parentheses": [{"text": i.text, "inci": i.inci, "role": i.role, "category": i.category}
                                for i in e.also],
        "suggestions": suggestions,
        "disclaimer": DISCLAIMER,
    }
    if timeline is not None and ing.role == "irritant" and ing.wait_hours is not None:
        out["by_depth"] = {label: hours for label, hours in _by_depth(ing, timeline["depth"])}
    return out


def explanation_text(e: Explanation, sources: dict[str, dict], timeline: dict, width: int = 100) -> str:
    """The explanation for people: one labelled line per fact, prose wrapped under its label."""
    import textwrap  # noqa: PLC0415

    from .check import DISCLAIMER  # noqa: PLC0415

    assert e.recognised and e.ingredient is not None and e.adjusted is not None and e.verdict is not None
    ing, a, v, o = e.ingredient, e.adjusted, e.verdict, e.override
    pad = " " * 17
    lines: list[str] = []

    def add(label: str, text: str, wrap: bool = True) -> None:
        head = f"  {label + ':' if label else '':<15}"
        if wrap:
            lines.append(textwrap.fill(text, width, initial_indent=head, subsequent_indent=pad,
                                       break_long_words=False, break_on_hyphens=False))
        else:
            lines.append(head + text)

    lines.append(ing.inci or ing.name)
    if e.name:
        add("name", e.name)
    add("matched", _match_text(e))
    if e.suggestions:
        add("or perhaps", ", ".join(s.shown for s in e.suggestions))
    if e.functions:
        add("what it is", "CosIng functions: " + ", ".join(e.functions))
    elif e.functions == ():
        add("what it is", "listed in the EU CosIng inventory, with no function given")
    elif ing.inci:
        add("what it is", "named by our lexicons; not in the EU CosIng inventory snapshot")
    elif ing.role == "unknown":
        add("what it is", "not an ingredient name we know (not in the EU CosIng inventory or our lexicons)")
    else:
        add("what it is", "not in the EU CosIng inventory; read from the shape of its name")
    if ing.role == "unknown":
        add("role", "not recognised; only your rules name it")
    else:
        add("role", _ROLE_TEXT.get(ing.role, ing.role) + ("" if ing.category or ing.role != "irritant"
                                                          else " (no category of its own)"))
    if ing.category:
        add("category", e.category_label or ing.category)

    depth = timeline["depth"]
    at = f"at {_mm(e.options.depth_mm)} mm" if e.options.depth_mm is not None else \
        f"after a {_mm(depth['standard_min_mm'])}-{_mm(depth['standard_max_mm'])} mm treatment"
    if o is not None and o.avoid:
        add("wait", f"never: avoid, by your rules ({o.key})" + (f": {o.reason}" if o.reason else ""))
    elif o is not None:
        default = (f"; our default is {_hours(ing.wait_hours)} {at}"
                   if ing.role == "irritant" and ing.wait_hours is not None else "")
        add("wait", f"{_hours(a.wait_hours or 0)}, from your rules ({o.key}), at any depth{default}")
        if (a.wait_hours or 0) < v.baseline_hours:
            add("", f"(a product with it still waits the {_hours(v.baseline_hours)} baseline of every product)")
    elif ing.role == "irritant" and a.wait_hours is not None:
        add("wait", f"{_hours(a.wait_hours)} {at}")
        if e.options.depth_mm is None and ing.wait_hours is not None:
            add("by depth", "; ".join(f"{label}: {_short(h)}" for label, h in _by_depth(ing, depth)), wrap=False)
    else:
        add("wait", f"none of its own; like every product, {_hours(v.baseline_hours)} after treatment "
                    "(the first day belongs to water and the clinic's aftercare)")
    if v.safe_on is not None and v.safe_after_hours is not None:
        add("safe from", long_date(v.safe_on)
            + f" ({v.safe_after_hours} hours after treatment on {long_date(e.options.treated_on)})")
    elif e.options.treated_on is not None and v.status == "avoid":
        add("safe from", "never (your rules)")
    if o is not None and (o.reason or o.avoid or not ing.reason):
        add("why", f"{o.reason} (your rules)" if o.reason else
            "your rules: never use" if o.avoid else "your rules set this wait")
        if ing.reason:
            add("our reason", ing.reason)
    elif ing.reason:
        add("why", ing.reason)
    elif ing.role in ("neutral",):
        add("why", v.baseline_reason)
    if e.depth_note:
        add("depth", e.depth_note)
    if e.ph_adjuster_note:
        add("on a label", e.ph_adjuster_note + " It then does not count.")
    if e.also:
        shown = ", ".join(f"{i.inci or i.text} ({i.category or i.role})" for i in e.also)
        add("also named", f"in the parentheses: {shown}; explain them one at a time")
    if e.evidence == "low" and a.role == "irritant" and o is None:
        add("evidence", "weak: few or no microneedling sources give a day count, so this is a cautious default; "
                        "your practitioner may set a shorter wait (--rules)")
    elif e.evidence and a.role == "irritant" and o is None:
        add("evidence", f"{e.evidence}: from clinic and device-maker aftercare sheets (no trial compares waits)")
    cited = [k for k in e.source_keys if k in sources]
    for n, k in enumerate(cited):
        add("sources" if n == 0 else "", f"[{n + 1}] {cite(sources[k])}")
    # the lexicon's `note` (how its authors weighed the sources) stays in the JSON for maintainers
    lines += textwrap.wrap(DISCLAIMER, width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(line.rstrip() for line in lines) + "\n"


def not_recognised_message(e: Explanation) -> str:
    """The one line on stderr for a name that matched nothing."""
    if e.suggestions:
        return f"not recognised: {e.term!r}; did you mean: {', '.join(s.shown for s in e.suggestions)}?"
    return f"not recognised: {e.term!r}, and no ingredient name is close to it"


# -- lexicon ----------------------------------------------------------------------------------
def lexicon_summary(classifier: Classifier | None = None) -> dict:
    """Categories with their waits, entry counts and sources; counts of the whole lexicon."""
    c = classifier or get_classifier()
    index = c.index
    entries = index["entries"]
    curated = {k: e for k, e in entries.items() if not (e.get("how") or "").startswith("structure.toml")}
    per_category: dict[str, int] = {}
    for e in curated.values():
        if e["category"]:
            per_category[e["category"]] = per_category.get(e["category"], 0) + 1
    names_per_category: dict[str, int] = {}
    for entry_id in index["classes"].values():
        cat = entries.get(entry_id, {}).get("category")
        if cat:
            names_per_category[cat] = names_per_category.get(cat, 0) + 1
    categories = []
    for cid, cat in index["categories"].items():
        categories.append({
            "id": cid, "role": cat["role"], "label": cat["label"], "wait_hours": cat["wait_hours"],
            "deep_wait_hours": cat["deep_wait_hours"], "evidence": cat.get("evidence"),
            "entries": per_category.get(cid, 0),
            "names": names_per_category.get(cid, 0), "sources": list(cat["sources"]),
        })
    uncategorised = sorted(e["name"] or e["inci"] for e in curated.values() if not e["category"])
    example = next((n for n in uncategorised if fold(n) == "niacinamide"), uncategorised[0] if uncategorised else None)
    depth = index["timeline"]["depth"]
    return {
        "categories": categories,
        "counts": {
            "entries": sum(1 for e in curated.values() if e.get("how") == "lexicon"),
            "entries_without_category": len(uncategorised),
            "botanical_exceptions": sum(1 for e in curated.values() if e.get("how") != "lexicon"),
            "aliases": len(index["aliases"]),
            "vocabulary_names": len(c.vocab.names),  # the index stores them packed: count the parsed list
            "classified_names": len(index["classes"]),
            "structural_rules": len(index["structure"]["rules"]),
            "sources": len(index["sources"]),
        },
        "example_without_category": example,
        "depth": {k: depth[k] for k in ("shallow_max_mm", "shallow_cap_hours", "standard_min_mm",
                                         "standard_max_mm", "deep_min_mm") if k in depth},
    }


def lexicon_text(summary: dict) -> str:
    rows = summary["categories"]
    head = ("id", "role", "label", "wait", "deep", "evidence", "entries", "names", "sources")
    table = [head] + [(c["id"], c["role"], c["label"], _short(c["wait_hours"]), _short(c["deep_wait_hours"]),
                       c.get("evidence") or "", str(c["entries"]), str(c["names"]), " ".join(c["sources"]))
                      for c in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(head) - 1)]
    right = {3, 4, 6, 7}
    lines = [f"{len(rows)} categories (wait: after 0.5-1.0 mm; deep: from 1.5 mm; entries: curated lexicon "
             f"entries; names: vocabulary names classed into it)"]
    for r in table:
        cells = [r[i].rjust(widths[i]) if i in right else r[i].ljust(widths[i]) for i in range(len(head) - 1)]
        lines.append("  " + "  ".join(cells) + "  " + r[-1])
    n = summary["counts"]
    lines.append("")
    example = f", such as {summary['example_without_category']}" if summary.get("example_without_category") else ""
    lines.append(f"{n['entries']} lexicon entries ({n['entries_without_category']} with a role but no category"
                 f"{example}), {n['botanical_exceptions']} botanical exceptions, {n['aliases']} aliases "
                 f"and synonyms, {n['vocabulary_names']} vocabulary names ({n['classified_names']} classed), "
                 f"{n['structural_rules']} structural rules, {n['sources']} sources.")
    d = summary["depth"]
    if d:
        lines.append(f"Depth: waits capped at {d['shallow_cap_hours']} h up to {_mm(d['shallow_max_mm'])} mm, the "
                     f"'wait' column at {_mm(d['standard_min_mm'])}-{_mm(d['standard_max_mm'])} mm, the 'deep' column "
                     f"from {_mm(d['deep_min_mm'])} mm, linear between.")
    return "\n".join(lines) + "\n"
