"""rules: the practitioner's TOML rules file, its checks, and what it changes in a verdict."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from ingredient_check.check import check_label
from ingredient_check.errors import InputError
from ingredient_check.rules import (
    ENV_VAR,
    default_rules_path,
    load_rules,
    load_rules_chain,
    validate_rules,
)
from ingredient_check.timeline import Options

from .conftest import CLINIC_RULES

EXAMPLE = CLINIC_RULES + """
[types.makeup]
wait_hours = 72
"""


@pytest.fixture(autouse=True)
def _no_real_config(tmp_path, monkeypatch):
    """Never read the developer's own rules file."""
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))


def write(tmp_path: Path, text: str | bytes, name: str = "my-clinic.toml") -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


def verdict(label: str, *rules):
    return check_label(label, Options(rules=tuple(rules))).verdict


def item(v, inci: str):
    return next(i for i in v.ingredients if (i.inci or "").upper() == inci.upper())


# -- behaviour --------------------------------------------------------------------------------
def test_example_avoid_wins(tmp_path):
    rules = load_rules(write(tmp_path, EXAMPLE))
    v = verdict("Aqua, Glycerin, Retinol, Niacinamide, Lanolin", rules)
    assert v.status == "avoid"
    assert v.safe_after_hours is None
    assert [i.inci.upper() for i in v.deciding] == ["LANOLIN"]
    lanolin = v.deciding[0]
    assert lanolin.reason == "allergic"
    assert lanolin.wait_from.startswith("user rules")
    assert 'my-clinic.toml: ingredients."Lanolin"' in lanolin.wait_from


def test_example_waits(tmp_path):
    rules = load_rules(write(tmp_path, EXAMPLE))
    v = verdict("Aqua, Glycerin, Retinol, Niacinamide", rules)
    assert v.status == "wait"
    retinol, niacinamide = item(v, "Retinol"), item(v, "Niacinamide")
    assert retinol.wait_hours == 240
    assert niacinamide.wait_hours == 120
    assert retinol.wait_from.startswith("user rules")
    assert niacinamide.wait_from.startswith("user rules")
    assert "categories.retinoid" in retinol.wait_from
    assert 'ingredients."Niacinamide"' in niacinamide.wait_from
    assert v.safe_after_hours == 240


def test_category_rule_reaches_other_members(tmp_path):
    rules = load_rules(write(tmp_path, EXAMPLE))
    v = verdict("Aqua, Glycerin, Retinyl Palmitate", rules)
    rp = item(v, "Retinyl Palmitate")
    assert rp.category == "retinoid"
    assert rp.wait_hours == 240
    assert "categories.retinoid" in rp.wait_from


def test_without_rules_defaults_apply(tmp_path):
    v = verdict("Aqua, Glycerin, Retinol, Niacinamide")
    assert item(v, "Retinol").wait_hours != 240
    assert not (item(v, "Retinol").wait_from or "").startswith("user rules")


def test_type_rule(tmp_path):
    rules = load_rules(write(tmp_path, EXAMPLE))
    v = check_label("Aqua, Glycerin", Options(product_type="makeup", rules=(rules,))).verdict
    assert v.baseline_hours == 72


def test_typo_key_goes_through_the_normaliser(tmp_path):
    rules = load_rules(write(tmp_path, '[ingredients."Niacinamid"]\nwait_days = 5\n'))
    v = verdict("Aqua, Glycerin, Niacinamide", rules)
    assert item(v, "Niacinamide").wait_hours == 120
    assert item(v, "Niacinamide").wait_from.startswith("user rules")


def test_case_and_spacing_of_key_do_not_matter(tmp_path):
    rules = load_rules(write(tmp_path, '[ingredients."  NIACINAMIDE "]\nwait_hours = 50\n'))
    assert item(verdict("Aqua, Niacinamide", rules), "Niacinamide").wait_hours == 50


def test_unknown_ingredient_key_kept_by_exact_name(tmp_path):
    rules = load_rules(write(tmp_path, '[ingredients."Zqxv Wibblewort Hyperessence"]\navoid = true\n'))
    assert "zqxv wibblewort hyperessence" in rules.ingredients
    r = rules.ingredients["zqxv wibblewort hyperessence"]
    assert r.avoid and r.wait_hours is None


def test_fractional_days_round_up(tmp_path):
    rules = load_rules(write(tmp_path, "[categories.aha]\nwait_days = 1.01\n[categories.bha]\nwait_days = 0.5\n"))
    assert rules.categories["aha"].wait_hours == 25  # 24.24 h -> 25
    assert rules.categories["bha"].wait_hours == 12  # exact, no float noise


def test_keys_name_the_file_and_table(tmp_path):
    rules = load_rules(write(tmp_path, EXAMPLE))
    assert rules.categories["retinoid"].key == "my-clinic.toml: categories.retinoid"
    assert rules.types["makeup"].key == "my-clinic.toml: types.makeup"
    assert rules.ingredients["niacinamide"].key == 'my-clinic.toml: ingredients."Niacinamide"'
    assert rules.path == str(tmp_path / "my-clinic.toml")


def test_inline_tables_and_dotted_keys(tmp_path):
    text = '[ingredients]\n"Lanolin" = { avoid = true }\ncategories.aha.wait_hours = 5\n'
    # the last line sits under [ingredients]: it means ingredients.categories.aha.wait_hours -> error
    with pytest.raises(InputError, match=r"line 3"):
        load_rules(write(tmp_path, text))
    ok = load_rules(write(tmp_path, '[ingredients]\n"Lanolin" = { avoid = true }\n', "b.toml"))
    assert ok.ingredients["lanolin"].avoid


# -- errors -----------------------------------------------------------------------------------
INVALID = [
    ("unknown top-level key", "[categorie.retinoid]\nwait_days = 1\n", ["categorie", "line 1", "categories, ingredients, types"]),
    ("unknown category", "[categories.retinol]\nwait_days = 1\n", ["categories.retinol", "line 1", "retinoid", "vitamin_c"]),
    ("unknown type", "[types.lipstick]\nwait_hours = 1\n", ["types.lipstick", "line 1", "makeup", "self-tanner"]),
    ("unknown key", '[ingredients."Lanolin"]\navoidd = true\n', ['ingredients."Lanolin".avoidd', "line 2", "avoid"]),
    ("wait_days string", "[categories.retinoid]\nwait_days = \"ten\"\n", ["categories.retinoid.wait_days", "line 2", "number"]),
    ("avoid string", '[ingredients."Lanolin"]\navoid = "yes"\n', ['ingredients."Lanolin".avoid', "line 2", "true or false"]),
    ("reason not a string", "[categories.aha]\nwait_days = 1\nreason = 3\n", ["categories.aha.reason", "line 3", "string"]),
    ("wait_hours float", "[types.serum]\nwait_hours = 1.5\n", ["types.serum.wait_hours", "whole number"]),
    ("wait_hours bool", "[types.serum]\nwait_hours = true\n", ["types.serum.wait_hours", "whole number"]),
    ("negative days", "[categories.aha]\nwait_days = -1\n", ["categories.aha.wait_days", "negative"]),
    ("negative hours", '[ingredients."Retinol"]\nwait_hours = -5\n', ['ingredients."Retinol".wait_hours', "negative"]),
    ("nan days", "[categories.aha]\nwait_days = nan\n", ["categories.aha.wait_days", "number"]),
    ("huge days", "[categories.aha]\nwait_days = 1e300\n", ["categories.aha.wait_days", "avoid = true"]),
    ("both waits", "[categories.aha]\nwait_days = 1\nwait_hours = 24\n", ["categories.aha", "both"]),
    ("rule does nothing", "[categories.aha]\nreason = \"x\"\n", ["categories.aha", "no wait_days"]),
    ("avoid and wait", '[ingredients."Lanolin"]\navoid = true\nwait_days = 2\n', ['ingredients."Lanolin"', "one of them"]),
    ("type avoid", "[types.makeup]\navoid = true\n", ["types.makeup.avoid", "cannot be avoided"]),
    ("rule not a table", "[ingredients]\nNiacinamide = 5\n", ['ingredients."Niacinamide"', "line 2", "table"]),
    ("section not a table", "categories = 3\n", ["categories", "line 1", "tables"]),
    ("syntax error", "[categories.retinoid]\nwait_days = = 10\n", ["not valid TOML", "line 2"]),
    ("unclosed header", "[categories.retinoid\nwait_days = 10\n", ["not valid TOML", "line 1"]),
    ("array of tables", "[[categories.retinoid]]\nwait_days = 10\n", ["categories.retinoid", "table"]),
    ("empty ingredient name", '[ingredients.""]\nwait_days = 1\n', ['ingredients.""', "empty"]),
    ("comments only", "# nothing here yet\n", ["no rules"]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in INVALID], ids=[c[0] for c in INVALID])
def test_invalid_files(tmp_path, text, expected):
    p = write(tmp_path, text)
    with pytest.raises(InputError) as exc:
        load_rules(p)
    message = str(exc.value)
    assert message.startswith(f"{p}: ")
    assert "\n" not in message
    for part in expected:
        assert part in message, (part, message)


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"\xef\xbb\xbf"], ids=["zero bytes", "blank", "bom only"])
def test_empty_file(tmp_path, content):
    p = write(tmp_path, content)
    with pytest.raises(InputError, match="empty") as exc:
        load_rules(p)
    assert str(p) in str(exc.value)


def test_missing_file(tmp_path):
    p = tmp_path / "nope.toml"
    with pytest.raises(InputError, match="not found") as exc:
        load_rules(p)
    assert str(p) in str(exc.value)


def test_directory(tmp_path):
    with pytest.raises(InputError, match="directory") as exc:
        load_rules(tmp_path)
    assert str(tmp_path) in str(exc.value)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied(tmp_path):
    p = write(tmp_path, EXAMPLE)
    p.chmod(0)
    try:
        with pytest.raises(InputError, match="permission") as exc:
            load_rules(p)
        assert str(p) in str(exc.value)
    finally:
        p.chmod(0o600)


def test_not_utf8(tmp_path):
    p = write(tmp_path, '[ingredients."Cr\xe8me"]\nwait_days = 1\n'.encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8") as exc:
        load_rules(p)
    assert str(p) in str(exc.value)


def test_bom_is_accepted(tmp_path):
    rules = load_rules(write(tmp_path, b"\xef\xbb\xbf" + EXAMPLE.encode()))
    assert rules.categories["retinoid"].wait_hours == 240


def test_conflicting_names_for_one_ingredient(tmp_path):
    text = '[ingredients."Niacinamide"]\nwait_days = 5\n[ingredients."NIACINAMIDE"]\nwait_days = 6\n'
    with pytest.raises(InputError, match="same ingredient"):
        load_rules(write(tmp_path, text))


def test_exact_name_beats_a_close_match(tmp_path):
    text = '[ingredients."Niacinamid"]\nwait_days = 9\n[ingredients."Niacinamide"]\nwait_days = 5\n'
    rules = load_rules(write(tmp_path, text))
    assert rules.ingredients["niacinamide"].wait_hours == 120


def test_data_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = f'[ingredients."__import__(\'os\').system(\'touch {marker}\')"]\nwait_days = 1\n'
    load_rules(write(tmp_path, text))
    assert not marker.exists()


# -- chain and default file -------------------------------------------------------------------
def test_chain_later_file_wins(tmp_path):
    a = write(tmp_path, "[categories.retinoid]\nwait_days = 10\n", "a.toml")
    b = write(tmp_path, "[categories.retinoid]\nwait_days = 3\n", "b.toml")
    chain = load_rules_chain([a, b])
    assert [r.path for r in chain] == [str(a), str(b)]
    v = verdict("Aqua, Glycerin, Retinol", *chain)
    assert item(v, "Retinol").wait_hours == 72
    assert "b.toml" in item(v, "Retinol").wait_from
    v = verdict("Aqua, Glycerin, Retinol", *load_rules_chain([b, a]))
    assert item(v, "Retinol").wait_hours == 240


def test_chain_empty(tmp_path):
    assert load_rules_chain(()) == ()
    assert load_rules_chain(None) == ()


def test_env_var_names_the_default(tmp_path, monkeypatch):
    d = write(tmp_path, "[categories.retinoid]\nwait_days = 1\n", "default.toml")
    given = write(tmp_path, "[categories.aha]\nwait_days = 2\n", "given.toml")
    monkeypatch.setenv(ENV_VAR, str(d))
    assert default_rules_path() == d
    chain = load_rules_chain([given])
    assert [r.path for r in chain] == [str(d), str(given)]  # default first
    assert [r.path for r in load_rules_chain([given], use_default=False)] == [str(given)]


def test_env_var_missing_file_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "gone.toml"))
    with pytest.raises(InputError, match=ENV_VAR):
        load_rules_chain(())
    assert load_rules_chain((), use_default=False) == ()


@pytest.mark.skipif(sys.platform == "win32", reason="XDG is for POSIX")
def test_xdg_default(tmp_path, monkeypatch):
    assert default_rules_path() == tmp_path / "xdg" / "ingredient-check" / "rules.toml"
    assert load_rules_chain(()) == ()  # no file there: nothing to load
    folder = tmp_path / "xdg" / "ingredient-check"
    folder.mkdir(parents=True)
    d = write(folder, "[categories.retinoid]\nwait_days = 1\n", "rules.toml")
    assert [r.path for r in load_rules_chain(())] == [str(d)]
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/dir")  # ignored, as the XDG spec says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_rules_path() == tmp_path / "home" / ".config" / "ingredient-check" / "rules.toml"


# -- validate ---------------------------------------------------------------------------------
def test_validate_summary(tmp_path):
    summary = validate_rules(write(tmp_path, EXAMPLE))
    assert summary.startswith("my-clinic.toml: 1 category rule, 2 ingredient rules (1 avoid), 1 product-type rule.")
    assert "categories.retinoid: wait 240 h (10 days)" in summary
    assert 'ingredients."Lanolin": avoid (never safe), allergic' in summary
    assert "\n" not in summary
    typo = validate_rules(write(tmp_path, '[ingredients."Niacinamid"]\nwait_days = 5\n', "t.toml"))
    assert "NIACINAMIDE" in typo.upper() and "close match" in typo


def test_validate_raises_on_invalid(tmp_path):
    with pytest.raises(InputError):
        validate_rules(write(tmp_path, "[types.nope]\nwait_hours = 1\n"))
