"""The explain and lexicon commands through click's CliRunner: what a person asking about one
ingredient (or about the lexicon, or about their clinic's rules file) sees, and the exit codes."""

from __future__ import annotations

import json
import re

import click
import pytest
from click.testing import CliRunner

from ingredient_check.classify import get_classifier
from ingredient_check.cli import main
from ingredient_check.explain import NEUTRAL_TEXT, explain_term, suggest
from ingredient_check.lexicon import IRRITANT_CATEGORIES, SOOTHING_CATEGORIES
from ingredient_check.timeline import Options

from .conftest import CLINIC_RULES, SHARED


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def explain_json(*args) -> dict:
    r = run("explain", "--format", "json", *args)
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


@pytest.fixture
def rules_file(tmp_path):
    p = tmp_path / "my-clinic.toml"
    p.write_text(CLINIC_RULES, encoding="utf-8")
    return p


# -- explain: recognised names --------------------------------------------------------------------
def test_retinyl_palmitate_is_a_retinoid_with_its_wait_and_sources():
    r = run("explain", "retinyl palmitate")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert out.startswith("RETINYL PALMITATE\n")
    assert "retinoid" in out and "retinoid (vitamin A)" in out
    assert "168 hours" in out and "7 days" in out
    assert "exact INCI name" in out
    sources = get_classifier().sources
    flat = " ".join(out.split())  # the sources are wrapped to the width
    for key in get_classifier().categories["retinoid"]["sources"]:
        # every source as a person can follow it: title, publisher, address; never the internal key
        assert sources[key]["title"] in flat and sources[key]["publisher"] in flat and sources[key]["url"] in flat
        assert f"{key} =" not in out
    assert "toml" not in out and "GUIDE" not in out  # no maintainers' notes
    assert out.count("not medical advice") == 1


def test_retinyl_palmitate_json():
    d = explain_json("retinyl palmitate")
    assert d["inci"] == "RETINYL PALMITATE" and d["recognised"] is True and d["status"] == "wait"
    assert d["role"] == "irritant" and d["category"] == "retinoid"
    assert d["category_label"] == "retinoid (vitamin A)"
    assert d["wait_hours"] == 168 and d["deep_wait_hours"] == 336 and d["wait_from"] == "lexicon"
    assert d["match"] == "exact" and d["score"] == 100.0
    assert d["reason"] and set(d["sources"]) >= {"RN", "CL"}
    assert all(s["title"] and s["publisher"] and s["url"].startswith("https://") for s in d["sources"].values())
    assert d["evidence"] == "moderate"
    assert "skin conditioning" in d["functions"]  # from the CosIng TSV
    assert d["by_depth"] == {"up to 0.3 mm": 72, "0.5-1.0 mm": 168, "from 1.5 mm": 336}


def test_words_need_no_quotes():
    a = run("explain", "retinyl", "palmitate")
    assert a.exit_code == 0 and a.stdout == run("explain", "retinyl palmitate").stdout


@pytest.mark.parametrize("term, inci, how", [
    ("Vitamin A", "RETINOL", "alias"),
    ("RETINOL", "RETINOL", "exact"),
    ("Ingredients: Retinol 1%", "RETINOL", "exact"),  # pasted with a heading and a percentage
    ("Parfum/Fragrance", "PARFUM", "alias"),
    ("Alcohol Denat.", "ALCOHOL DENAT.", "exact"),
], ids=["synonym", "upper-case", "heading-and-percent", "slash-pair", "full-stop"])
def test_names_are_read_like_label_items(term, inci, how):
    d = explain_json(term)
    assert (d["inci"], d["match"]) == (inci, how)


def test_misspelling_is_read_as_the_nearest_real_ingredient():
    r = run("explain", "retinoll")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("RETINOL\n")
    assert re.search(r"read as RETINOL \(fuzzy, \d\d\)", r.stdout)
    assert "retinoid" in r.stdout and "7 days" in r.stdout
    d = explain_json("retinoll")
    assert d["match"] == "fuzzy" and 85 <= d["score"] < 100
    assert all(s["inci"] != "RETINOL" for s in d["suggestions"])  # the others, not the one we read


def test_a_name_the_vocabulary_lacks_is_classed_by_its_shape():
    term = "Lavandula Stoechas Flower Oil"
    assert get_classifier().vocab.exact_name(term) is None, "pick another name the vocabulary lacks"
    r = run("explain", term)
    assert r.exit_code == 0, r.output
    assert "essential_oil" in r.stdout and "structural rule" in r.stdout
    assert "7 days" in r.stdout
    d = explain_json(term)
    assert d["role"] == "irritant" and d["category"] == "essential_oil" and d["inci"] is None
    assert d["wait_from"] == "structure_rule" and d["how"] == "essential_oil_by_part" and d["sources"]


@pytest.mark.parametrize("term", ["Glycerin", "Water", "Cetyl Alcohol"])
def test_neutral_ingredient(term):
    r = run("explain", term)
    assert r.exit_code == 0, r.output
    assert NEUTRAL_TEXT in r.stdout
    assert "24 hours" in r.stdout  # the baseline every product waits, with its reason and sources
    d = explain_json(term)
    assert d["role"] == "neutral" and d["category"] is None and d["wait_hours"] is None
    assert d["safe_after_hours"] == 24 and d["sources"]


def test_soothing_ingredient():
    d = explain_json("sodium hyaluronate")
    assert d["role"] == "soothing" and d["category"] == "hyaluronic" and d["status"] == "baseline"
    assert d["safe_after_hours"] == 24


def test_ph_adjusting_acid_mentions_the_one_percent_line():
    r = run("explain", "citric acid")
    assert r.exit_code == 0 and "1% line" in r.stdout


def test_sub_list_in_parentheses_is_named():
    d = explain_json("Fragrance (Limonene, Linalool)")
    assert d["inci"] == "PARFUM"
    assert [i["inci"] for i in d["also_in_parentheses"]] == ["LIMONENE", "LINALOOL"]


# -- explain: not recognised, bad input ------------------------------------------------------------
def test_nothing_matches_exits_2_with_one_line():
    r = run("explain", "zzqx")
    assert r.exit_code == 2
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "not recognised: 'zzqx'" in lines[0]
    assert "Traceback" not in r.output


def test_not_recognised_suggests_real_names():
    r = run("explain", "glycolic")  # the first word of an INCI name is not the name
    assert r.exit_code == 2
    line = r.stderr.strip()
    assert "\n" not in line
    assert re.search(r"did you mean: GLYCOLIC ACID\b.*\?$", line), line


def test_not_recognised_json_still_prints_the_object():
    r = run("explain", "--format", "json", "salicylic")
    assert r.exit_code == 2
    d = json.loads(r.stdout)
    assert d["recognised"] is False and d["status"] == "not_recognised"
    assert d["suggestions"][0]["inci"] == "SALICYLIC ACID"


def test_suggestions_include_lexicon_synonyms():
    found = suggest("tea tre")
    assert any(s.inci == "MELALEUCA ALTERNIFOLIA LEAF OIL" for s in found), found


@pytest.mark.parametrize("args, message", [
    (["retinol, glycerin"], "holds 2 ingredients"),
    (["   "], "no ingredient name given"),
    (["x" * 3000], "not one ingredient name"),
    (["retinol", "--depth", "5"], "outside 0.1 to 3.0 mm"),
    (["retinol", "--rules", "missing.toml"], "rules file not found"),
], ids=["a-list", "blank", "too-long", "depth-range", "missing-rules"])
def test_unusable_input_exits_2(args, message):
    r = run("explain", *args)
    assert r.exit_code == 2
    err = r.stderr.strip()
    assert message in err and "\n" not in err and "Traceback" not in r.output


# -- explain: depth and the practitioner's rules ---------------------------------------------------
def test_depth_never_shortens_the_default_wait():
    default = explain_json("retinol")["wait_hours"]
    deep = explain_json("retinol", "--depth", "2.0")
    assert deep["wait_hours"] >= default and deep["depth_mm"] == 2.0
    assert deep["wait_hours"] == deep["deep_wait_hours"] == 336
    r = run("explain", "retinol", "--depth", "2.0")
    assert "at 2.0 mm" in r.stdout and "14 days" in r.stdout


def test_waits_are_monotonic_in_depth():
    depths = ["0.1", "0.3", "0.4", "0.5", "1.0", "1.2", "1.5", "3.0"]
    waits = [explain_json("retinol", "--depth", d)["wait_hours"] for d in depths]
    assert waits == sorted(waits) and waits[0] == 72 and waits[-1] == 336


def test_ingredient_rule_from_your_rules(rules_file):
    r = run("explain", "niacinamide", "--rules", str(rules_file))
    assert r.exit_code == 0, r.output
    assert "120 hours" in r.stdout and "from your rules" in r.stdout
    assert 'ingredients."Niacinamide"' in r.stdout and "168 hours" in r.stdout  # and our default
    d = explain_json("niacinamide", "--rules", str(rules_file))
    assert d["wait_hours"] == 120 and d["wait_from"] == "user_rules" and d["how"].endswith('ingredients."Niacinamide"')
    assert d["rule"]["key"].endswith('ingredients."Niacinamide"')


def test_category_rule_applies_at_every_depth(rules_file):
    d = explain_json("retinyl palmitate", "--rules", str(rules_file), "--depth", "2.0")
    assert d["wait_hours"] == 240 and d["wait_from"] == "user_rules" and "categories.retinoid" in d["how"]


def test_avoid_rule_is_never_safe(rules_file):
    r = run("explain", "lanolin", "--rules", str(rules_file), "--treated-on", "2026-11-20")
    assert r.exit_code == 0, r.output
    assert "never" in r.stdout and "allergic" in r.stdout
    d = explain_json("lanolin", "--rules", str(rules_file))
    assert d["status"] == "avoid" and d["wait_hours"] is None and d["safe_after_hours"] is None


def test_no_user_rules_skips_the_default_file(rules_file, monkeypatch):
    monkeypatch.setenv("INGREDIENT_CHECK_RULES", str(rules_file))
    assert explain_json("niacinamide")["wait_hours"] == 120
    assert explain_json("niacinamide", "--no-user-rules")["wait_hours"] == 168


def test_treated_on_gives_the_date():
    d = explain_json("retinol", "--treated-on", "2026-11-20")
    assert d["safe_on"] == "2026-11-27"
    assert "Fri 27 Nov 2026" in run("explain", "retinol", "--treated-on", "2026-11-20").stdout


def test_library_call_matches_the_command():
    e = explain_term("retinoll", Options(depth_mm=2.0))
    assert e.recognised and e.ingredient.inci == "RETINOL" and e.adjusted.wait_hours == 336


# -- lexicon ---------------------------------------------------------------------------------------
def _contract_ids() -> list[str]:
    path = SHARED / "spec" / "categories.md"
    if not path.is_file():
        return list(IRRITANT_CATEGORIES + SOOTHING_CATEGORIES)
    ids = re.findall(r"^\| `([a-z_]+)` \|", path.read_text(encoding="utf-8"), re.M)
    assert len(ids) >= 20, "categories.md changed shape"
    return ids


def test_lexicon_lists_every_category():
    r = run("lexicon")
    assert r.exit_code == 0, r.output
    rows = {line.split()[0] for line in r.stdout.splitlines() if line.startswith("  ")}
    for cid in _contract_ids():
        assert cid in rows, cid
    assert "structural rules" in r.stdout and "aliases" in r.stdout and "vocabulary names" in r.stdout


def test_lexicon_json_counts():
    r = run("lexicon", "--format", "json")
    d = json.loads(r.stdout)
    assert [c["id"] for c in d["categories"]] == list(get_classifier().categories)
    assert {c["id"] for c in d["categories"]} >= set(_contract_ids())
    c = get_classifier()
    n = d["counts"]
    assert n["vocabulary_names"] == len(c.vocab.names) > 20000
    assert n["aliases"] == len(c.vocab.aliases) and n["structural_rules"] == len(c.index["structure"]["rules"])
    assert sum(cat["entries"] for cat in d["categories"]) + n["entries_without_category"] \
        == n["entries"] + n["botanical_exceptions"]
    for cat in d["categories"]:
        assert cat["deep_wait_hours"] >= cat["wait_hours"] and cat["sources"] and cat["role"] in ("irritant", "soothing")


def test_validate_good_file(rules_file):
    r = run("lexicon", "--validate", str(rules_file))
    assert r.exit_code == 0, r.output
    assert "my-clinic.toml" in r.stdout and "240 h" in r.stdout and "avoid" in r.stdout
    d = json.loads(run("lexicon", "--validate", str(rules_file), "--format", "json").stdout)
    assert d["valid"] is True


@pytest.mark.parametrize("text, expected", [
    ("[categories.retinoidz]\nwait_days = 3\n", ["line 1", "categories.retinoidz", "unknown category", "retinoid"]),
    ('[ingredients."Niacinamide"]\nwait_days = -1\n', ["line 2", "wait_days", "negative"]),
    ("[categories.retinoid]\nwait_days = \n", ["not valid TOML"]),
    ('[ingredients."Lanolin"]\navoid = "yes"\n', ["avoid", "true or false"]),
], ids=["unknown-category", "negative-wait", "bad-toml", "wrong-type"])
def test_validate_bad_file(tmp_path, text, expected):
    p = tmp_path / "bad.toml"
    p.write_text(text, encoding="utf-8")
    r = run("lexicon", "--validate", str(p))
    assert r.exit_code == 2
    err = r.stderr.strip()
    assert "\n" not in err and "bad.toml" in err and "Traceback" not in r.output
    for part in expected:
        assert part in err, err


# -- help ------------------------------------------------------------------------------------------
# Commands written elsewhere that do not show an example yet; remove a name once its help has one.
WITHOUT_EXAMPLES = {"build-index"}


@pytest.mark.parametrize("name", main.list_commands(None))
def test_every_command_has_help(name):
    command = main.get_command(None, name)
    assert (command.help or "").strip(), f"{name} has no docstring"
    r = run(name, "--help")
    assert r.exit_code == 0 and "Usage:" in r.stdout and f" {name} " in r.stdout
    if name not in WITHOUT_EXAMPLES:
        assert "Examples:" in command.help and f"ingredient-check {name}" in command.help, name


@pytest.mark.parametrize("name", ["explain", "lexicon"])
def test_every_option_is_described(name):
    command = main.get_command(None, name)
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{name} {param.opts[0]} has no help text"


def test_main_help_lists_the_commands():
    out = run("--help").stdout
    assert "explain" in out and "lexicon" in out
