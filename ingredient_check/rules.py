"""The practitioner's own rules: a small TOML file that replaces the defaults it names.

```toml
[categories.retinoid]
wait_days = 10

[ingredients."Niacinamide"]
wait_days = 5

[ingredients."Lanolin"]
avoid = true              # personal allergy: never safe
reason = "allergic"

[types.makeup]
wait_hours = 72
```

Each table takes ``wait_days`` (a number >= 0; fractions become hours, rounded up) or ``wait_hours``
(a whole number >= 0), not both; ``avoid`` (true: never safe); ``reason`` (a string). Anything else is
an error, reported as ``<file>: line N: <key path>: <what is wrong>``. The file is parsed as data
with the standard library's ``tomllib``; nothing in it is ever executed.

Ingredient names go through the same normaliser as label items: "Niacinamid" or "NIACINAMIDE" both
name Niacinamide. A name the vocabulary does not know still applies to labels that spell it the same
way (up to case and spacing).

Files are applied in order, later ones winning: the user's default file first (``$INGREDIENT_CHECK_RULES``,
else ``$XDG_CONFIG_HOME/ingredient-check/rules.toml``, ``%APPDATA%\\ingredient-check\\rules.toml`` on
Windows), then every ``--rules FILE`` as given.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import tomllib
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from .config import ENV_VAR, default_rules_location
from .errors import InputError
from .read import open_input, shown_path
from .fold import fold
from .lexicon import IRRITANT_CATEGORIES, SOOTHING_CATEGORIES
from .timeline import PRODUCT_TYPES, RuleOverride, UserRules

__all__ = ["load_rules", "load_rules_chain", "default_rules_path", "validate_rules", "ENV_VAR",
           "MAX_RULES_BYTES", "MAX_WAIT_DAYS"]

MAX_RULES_BYTES = 1_000_000  # a rules file is a few dozen lines; this is far beyond any real one
MAX_WAIT_DAYS = 3650  # ten years; a longer wait is "avoid = true"
CATEGORY_IDS = IRRITANT_CATEGORIES + SOOTHING_CATEGORIES
_SECTIONS = ("categories", "ingredients", "types")
_RULE_KEYS = ("wait_days", "wait_hours", "avoid", "reason")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")
_MAX_REASON = 500


# -- key paths and lines ----------------------------------------------------------------------
def _quote(key: str) -> str:
    """A TOML basic string for a key, as a person would type it."""
    out = []
    for ch in key:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _key_path(parts: tuple[str, ...]) -> str:
    """``ingredients."Lanolin".avoid``: ingredient names always quoted, other keys when needed."""
    shown = []
    for i, p in enumerate(parts):
        quoted = (i == 1 and parts[0] == "ingredients") or not _BARE_KEY.match(p)
        shown.append(_quote(p) if quoted else p)
    return ".".join(shown)


def _collect_paths(data: dict, prefix: tuple[str, ...], line: int, into: dict[tuple[str, ...], int]) -> None:
    for k, v in data.items():
        path = prefix + (k,)
        into.setdefault(path, line)
        if isinstance(v, dict):
            _collect_paths(v, path, line, into)


def _key_lines(text: str) -> dict[tuple[str, ...], int]:
    """Best effort: the line where each key path is first written (a table header or a key line).

    Each header or ``key = value`` line is parsed on its own with tomllib, so quoting and escapes are
    read exactly as the real parse reads them; a line that does not parse alone (inside a multi-line
    string or array) is skipped. Only used to point error messages at a line.
    """
    lines: dict[tuple[str, ...], int] = {}
    prefix: tuple[str, ...] | None = ()
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            if line.startswith("[["):  # an array of tables: not part of the format, the loader reports it
                prefix = None
                _collect_paths(tomllib.loads(line), (), n, lines)
            elif line.startswith("["):
                parsed = tomllib.loads(line)
                header: tuple[str, ...] = ()
                node = parsed
                while isinstance(node, dict) and len(node) == 1:
                    (k, node), = node.items()
                    header += (k,)
                prefix = header
                _collect_paths(parsed, (), n, lines)
            elif "=" in line and prefix is not None:
                _collect_paths(tomllib.loads(line), prefix, n, lines)
        except tomllib.TOMLDecodeError:
            continue
    return lines


@dataclass
class _Context:
    path: str
    name: str
    lines: dict[tuple[str, ...], int]

    def error(self, parts: tuple[str, ...], what: str) -> InputError:
        line = None
        for k in range(len(parts), 0, -1):  # the key's own line, else its table's
            line = self.lines.get(parts[:k])
            if line is not None:
                break
        where = f"line {line}: " if line is not None else ""
        return InputError(f"{self.path}: {where}{_key_path(parts)}: {what}")


# -- reading ----------------------------------------------------------------------------------
def _read_text(path: str) -> str:
    shown = shown_path(path)
    with open_input(path, "a rules file", missing="rules file not found") as fh:
        try:
            data = fh.read(MAX_RULES_BYTES + 1)
        except OSError as exc:
            raise InputError(f"{shown}: cannot read the rules file ({exc.strerror or exc})") from None
    if len(data) > MAX_RULES_BYTES:
        raise InputError(f"{shown}: over {MAX_RULES_BYTES:,} bytes: too large to be a rules file")
    if not data.strip():
        raise InputError(f"{shown}: the rules file is empty (see the format: [categories.retinoid] wait_days = 10)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a byte-order mark from a Windows editor
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{shown}: not UTF-8 text (undecodable byte at offset {exc.start}); save the rules file as UTF-8") from None
    if "\x00" in text:
        raise InputError(f"{shown}: holds NUL bytes: not a text file")
    return text


def _parse_toml(path: str, text: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = " ".join(str(exc).split())
        raise InputError(f"{path}: not valid TOML: {message}") from None


# -- one rule ---------------------------------------------------------------------------------
def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _days_to_hours(days: int | float) -> int:
    return math.ceil(Fraction(repr(days)) * 24) if isinstance(days, float) else days * 24


def _rule(ctx: _Context, parts: tuple[str, ...], table: object, allow_avoid: bool = True) -> RuleOverride:
    if not isinstance(table, dict):
        example = _key_path(parts)
        raise ctx.error(parts, f"expected a table such as [{example}] with wait_days = 5, "
                               f"got {_got(table)}")
    for k in table:
        if k not in _RULE_KEYS:
            hint = difflib.get_close_matches(k, _RULE_KEYS, n=1)
            did = f" (did you mean {hint[0]}?)" if hint else ""
            raise ctx.error(parts + (k,), f"unknown key{did}; allowed: {', '.join(_RULE_KEYS)}")
    if "wait_days" in table and "wait_hours" in table:
        raise ctx.error(parts, "both wait_days and wait_hours: give one of them")
    hours: int | None = None
    if "wait_days" in table:
        days = table["wait_days"]
        where = parts + ("wait_days",)
        if not _is_number(days) or not math.isfinite(days):
            raise ctx.error(where, f"expected a number of days >= 0, got {_got(days)}")
        if days < 0:
            raise ctx.error(where, f"a wait cannot be negative ({days})")
        if days > MAX_WAIT_DAYS:
            raise ctx.error(where, f"{days} days is over {MAX_WAIT_DAYS}; to never use it, write avoid = true")
        hours = _days_to_hours(days)
    if "wait_hours" in table:
        value = table["wait_hours"]
        where = parts + ("wait_hours",)
        if not isinstance(value, int) or isinstance(value, bool):
            hint = " (use wait_days for fractions)" if isinstance(value, float) else ""
            raise ctx.error(where, f"expected a whole number of hours >= 0, got {_got(value)}{hint}")
        if value < 0:
            raise ctx.error(where, f"a wait cannot be negative ({value})")
        if value > MAX_WAIT_DAYS * 24:
            raise ctx.error(where, f"{value} hours is over {MAX_WAIT_DAYS * 24}; to never use it, write avoid = true")
        hours = value
    avoid = table.get("avoid", False)
    if not isinstance(avoid, bool):
        raise ctx.error(parts + ("avoid",), f"expected true or false, got {_got(avoid)}")
    if avoid and not allow_avoid:
        raise ctx.error(parts + ("avoid",), "a product type cannot be avoided; give it a wait_days or wait_hours")
    if avoid and hours is not None:
        raise ctx.error(parts, "avoid = true and a wait together: give one of them")
    reason = table.get("reason")
    if reason is not None:
        if not isinstance(reason, str):
            raise ctx.error(parts + ("reason",), f"expected a string, got {_got(reason)}")
        reason = " ".join(reason.split())  # one line in every report
        if not reason:
            raise ctx.error(parts + ("reason",), "is empty")
        if len(reason) > _MAX_REASON:
            raise ctx.error(parts + ("reason",), f"over {_MAX_REASON} characters; keep it to one line")
    if hours is None and not avoid:
        raise ctx.error(parts, "sets no wait_days, wait_hours or avoid = true: the rule would change nothing")
    return RuleOverride(wait_hours=hours, avoid=avoid, reason=reason, key=f"{ctx.name}: {_key_path(parts)}")


def _type_name(value: object) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "an array",
            dict: "a table"}.get(type(value), type(value).__name__)


def _got(value: object) -> str:
    shown = _show(value)
    return f"{_type_name(value)} {shown}" if shown else _type_name(value)


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return _quote(shown)
    if isinstance(value, (dict, list)):
        return ""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# -- a whole file -----------------------------------------------------------------------------
@dataclass
class _Note:
    """What validate_rules tells about one ingredient key."""

    key: str
    inci: str | None
    how: str | None  # exact | alias | fuzzy | None (not in the vocabulary)


@dataclass
class _Loaded:
    rules: UserRules
    notes: list[_Note] = field(default_factory=list)
    listed: list[tuple[str, str, RuleOverride]] = field(default_factory=list)  # (section, key path, rule) in file order


def _section(ctx: _Context, data: dict, name: str) -> dict:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise ctx.error((name,), f"expected tables such as [{name}.<name>], got {_got(value)}")
    return value


def _ingredient_targets(key: str) -> tuple[list[str], _Note]:
    """Folded names a rule for ``key`` applies to: the vocabulary's INCI name it resolves to, and itself."""
    from .matcher import get_matcher  # noqa: PLC0415 - loads the index only when needed

    matcher = get_matcher()
    targets = [fold(key)]
    hit = matcher.resolve_name(key)
    if hit is None:
        return targets, _Note(key, None, None)
    inci = matcher.vocab.inci(hit.index)
    names = [inci]
    entry = matcher.entries.get(matcher.classes.get(str(hit.index), ""), {})
    if entry.get("inci"):
        names.append(entry["inci"])  # the name classified items carry
    for n in names:
        f = fold(n)
        if f not in targets:
            targets.insert(0, f)
    return targets, _Note(key, inci, hit.how)


def _load(path: str | os.PathLike) -> _Loaded:
    text = _read_text(str(path))
    path = shown_path(path)  # messages are one line, whatever the file is called
    data = _parse_toml(path, text)
    ctx = _Context(path, Path(path).name or path, _key_lines(text))
    if not data:
        raise InputError(f"{path}: holds no rules (only comments); see the format: [categories.retinoid] wait_days = 10")
    for k in data:
        if k not in _SECTIONS:
            hint = difflib.get_close_matches(k, _SECTIONS, n=1)
            did = f" (did you mean {hint[0]}?)" if hint else ""
            raise ctx.error((k,), f"unknown top-level key{did}; allowed: {', '.join(_SECTIONS)}")

    categories: dict[str, RuleOverride] = {}
    for cid, table in _section(ctx, data, "categories").items():
        if cid not in CATEGORY_IDS:
            hint = difflib.get_close_matches(cid.lower().replace("-", "_").replace(" ", "_"), CATEGORY_IDS, n=1)
            did = f" (did you mean {hint[0]}?)" if hint else ""
            raise ctx.error(("categories", cid), f"unknown category{did}; valid ids: {', '.join(CATEGORY_IDS)}")
        categories[cid] = _rule(ctx, ("categories", cid), table)

    types: dict[str, RuleOverride] = {}
    for tid, table in _section(ctx, data, "types").items():
        if tid not in PRODUCT_TYPES:
            hint = difflib.get_close_matches(tid.lower(), PRODUCT_TYPES, n=1)
            did = f" (did you mean {hint[0]}?)" if hint else ""
            raise ctx.error(("types", tid), f"unknown product type{did}; valid types: {', '.join(PRODUCT_TYPES)}")
        types[tid] = _rule(ctx, ("types", tid), table, allow_avoid=False)

    ingredients: dict[str, RuleOverride] = {}
    owner: dict[str, tuple[str, int]] = {}  # folded name -> (the key that set it, its priority)
    notes: list[_Note] = []
    listed = [("categories", _key_path(("categories", k)), o) for k, o in categories.items()]
    listed += [("types", _key_path(("types", k)), o) for k, o in types.items()]
    section = _section(ctx, data, "ingredients")
    for name, table in section.items():
        parts = ("ingredients", name)
        if not fold(name):
            raise ctx.error(parts, "an ingredient name cannot be empty")
        rule = _rule(ctx, parts, table)
        listed.append(("ingredients", _key_path(parts), rule))
        targets, note = _ingredient_targets(name)
        notes.append(note)
        for target in targets:
            priority = 1 if target == fold(name) else 0  # a name as written beats a resolved one
            prev = owner.get(target)
            if prev is not None and prev[0] != name:
                other = ingredients[target]
                same = (other.wait_hours, other.avoid, other.reason) == (rule.wait_hours, rule.avoid, rule.reason)
                if not same and prev[1] == priority:
                    raise ctx.error(parts, f"names the same ingredient ({note.inci or name}) as "
                                           f"{_key_path(('ingredients', prev[0]))} with a different rule: keep one")
                if prev[1] > priority:
                    continue
            owner[target] = (name, priority)
            ingredients[target] = rule
    rules = UserRules(path=path, categories=categories, ingredients=ingredients, types=types)
    return _Loaded(rules, notes, listed)


# -- public API -------------------------------------------------------------------------------
def load_rules(path: str | os.PathLike) -> UserRules:
    """Read and check one rules file. Raises InputError naming the file (and the key or line)."""
    return _load(path).rules


def default_rules_path() -> Path:
    """``$INGREDIENT_CHECK_RULES``, else the rules file in the user's configuration directory."""
    return Path(default_rules_location())


def load_rules_chain(paths, use_default: bool = True) -> tuple[UserRules, ...]:
    """The default file first (if it exists and ``use_default``), then each path in order: later ones win.

    A default named by ``$INGREDIENT_CHECK_RULES`` must exist: silently skipping it would drop the
    rules (an allergy, say) the user asked for.
    """
    chain: list[UserRules] = []
    if use_default:
        try:
            default = default_rules_path()
        except RuntimeError:  # no home directory to look in
            default = None
        if default is not None:
            if default.exists():
                chain.append(load_rules(default))
            elif os.environ.get(ENV_VAR):
                raise InputError(f"{default}: rules file not found (named by ${ENV_VAR}; "
                                 f"unset it or use --no-user-rules)")
    for p in paths or ():
        chain.append(load_rules(p))
    return tuple(chain)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _describe(rule: RuleOverride) -> str:
    if rule.avoid:
        what = "avoid (never safe)"
    else:
        h = rule.wait_hours
        what = f"wait {h} h" + (f" ({h // 24} days)" if h and h % 24 == 0 else "")
    return what + (f", {rule.reason}" if rule.reason else "")


def validate_rules(path: str | os.PathLike) -> str:
    """Load a rules file and say, in one paragraph, what it will change (raises InputError if invalid)."""
    loaded = _load(path)
    r = loaded.rules
    name = Path(str(path)).name or str(path)
    ingredient_rules = [o for section, _, o in loaded.listed if section == "ingredients"]
    n_avoid = sum(1 for o in ingredient_rules if o.avoid)
    n_cat_avoid = sum(1 for o in r.categories.values() if o.avoid)
    counts = [
        _plural(len(r.categories), "category rule") + (f" ({n_cat_avoid} avoid)" if n_cat_avoid else ""),
        _plural(len(ingredient_rules), "ingredient rule") + (f" ({n_avoid} avoid)" if n_avoid else ""),
        _plural(len(r.types), "product-type rule"),
    ]
    ordered = sorted(loaded.listed, key=lambda t: _SECTIONS.index(t[0]))
    details = [f"{shown}: {_describe(o)}" for _, shown, o in ordered]
    notes = []
    for note in loaded.notes:
        shown = _key_path(("ingredients", note.key))
        if note.inci is None:
            notes.append(f"{shown} is not in the ingredient vocabulary: it applies only to labels that "
                         f"spell it the same way")
        elif note.how == "fuzzy":
            notes.append(f"{shown} was read as {note.inci} (a close match: check the spelling)")
        elif fold(note.inci) != fold(note.key):
            notes.append(f"{shown} was read as {note.inci}")
    text = f"{name}: " + ", ".join(counts) + ". " + "; ".join(details) + "."
    if notes:
        text += " " + "; ".join(notes) + "."
    return text
