"""The JSON contract: every `check --format json` object validates against the JSON Schema shipped in
the package (ingredient_check/schema/check.schema.json), for the samples, labels written to reach every
status and origin, and (when ../shared is present) real labels of the evaluation data."""

from __future__ import annotations

import csv
import json
from importlib import resources

import pytest
from click.testing import CliRunner

from ingredient_check.check import check_label
from ingredient_check.classify import get_classifier
from ingredient_check.cli import main
from ingredient_check.report import SCHEMA_VERSION, to_json
from ingredient_check.rules import load_rules_chain
from ingredient_check.timeline import Options

from .conftest import SAMPLES, SHARED

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads(resources.files("ingredient_check").joinpath("schema/check.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

WRITTEN = {
    "plain": "Aqua, Glycerin, Cetearyl Alcohol",
    "closing-full-stop": "Aqua, Glycerin, Alcohol Denat., Linalool.",
    "typo": "Aqua, Glycerine, Retinoll, Niacinamid",
    "unreadable": "Xqzv, Blorf Wibble, Plonk Zarg",
    "no-list": "Directions: apply daily.",
    "structure-rule": "Aqua, Lavandula Stoechas Flower Oil",
    "one-percent-line": "Aqua, Glycerin, Phenoxyethanol, Citric Acid",
    "makeup": "Mica, CI 77491, Talc, Dimethicone",
}


def _errors(data: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def test_the_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["schema_version"]["const"] == SCHEMA_VERSION


@pytest.mark.parametrize("label", sorted(p.name for p in SAMPLES.glob("*.txt")))
def test_samples_validate(label):
    r = CliRunner().invoke(main, ["check", "--no-user-rules", "--file", str(SAMPLES / label), "--format", "json",
                                  "--treated-on", "2026-11-20"])
    data = json.loads(r.stdout)
    assert _errors(data) == []
    for d in data["deciding"]:  # positions link into the ingredients
        assert data["ingredients"][d["position"] - 1]["text"] == d["text"]


@pytest.mark.parametrize("name", sorted(WRITTEN))
def test_written_labels_validate(name):
    data = to_json(check_label(WRITTEN[name], Options(depth_mm=1.2)), get_classifier().sources)
    assert _errors(data) == []
    assert all(not i["text"].endswith(".") or i["inci"].endswith(".") for i in data["ingredients"])


def test_user_rules_validate_with_short_wait_from(tmp_path):
    p = tmp_path / "r.toml"
    p.write_text('[ingredients."Lanolin"]\navoid = true\n[categories.retinoid]\nwait_days = 10\n', encoding="utf-8")
    data = to_json(check_label("Aqua, Retinol, Lanolin", Options(rules=load_rules_chain([p], use_default=False))),
                   get_classifier().sources)
    assert _errors(data) == []
    by = {i["text"]: i for i in data["ingredients"]}
    assert by["Lanolin"]["wait_from"] == "user_rules" and "Lanolin" in by["Lanolin"]["how"]
    assert by["Retinol"]["wait_from"] == "user_rules" and by["Retinol"]["evidence"] is None
    assert data["rules_files"] == [str(p)]


@pytest.mark.skipif(not (SHARED / "eval-data").is_dir(), reason="needs ../shared/eval-data")
def test_real_labels_validate():
    path = SHARED / "eval-data" / "ulta-skincare-2022"
    files = sorted(path.glob("*.csv"))
    assert files
    checked = 0
    with open(files[0], encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = next((v for k, v in row.items() if k and "ingredient" in k.lower() and v), None)
            if not text:
                continue
            data = to_json(check_label(text, max_items=5000), get_classifier().sources)
            assert _errors(data) == [], text[:80]
            checked += 1
            if checked >= 150:
                break
    assert checked >= 50


# A shelf's jsonl rows are written by report.json_line (each ingredient's JSON but its position and
# span memoised); they must be the very text json.dumps makes of to_json's object, on every label.
JSONL_LABELS = {
    **WRITTEN,
    "kit": "Cleanser Ingredients: Aqua, Glycerin, Salicylic Acid. Toner Ingredients: Aqua, Glycolic Acid, Parfum.",
    "drug-facts": "Active Ingredients: Avobenzone 3%, Octocrylene 10%. Inactive Ingredients: Water, Glycerin.",
    "possible-and-skipped": "Aqua, Glycerin, Citrus Peel Extrct Oil, Niacinamide. *Organic. Fragrance free.",
    "unicode-and-repeats": "Eau (Aqua), Glycérine, Aqua, Rétinol, Glycérine, Lavandula Angustifolia Oil.",
}


@pytest.mark.parametrize("name", sorted(JSONL_LABELS))
def test_a_shelf_jsonl_line_is_the_json_of_the_check_object(name):
    from ingredient_check.report import json_line

    report = check_label(JSONL_LABELS[name], Options(depth_mm=1.2))
    sources = get_classifier().sources
    expected = to_json(report, sources)
    status = expected.pop("status")
    expected = json.dumps({"check_status": status, **expected, "type_value": "Serum"}, ensure_ascii=False)
    for _ in range(2):  # the second time from the memo
        assert json_line(report, sources, "check_status", {"type_value": "Serum"}) == expected
    # a caller's own table of sources (not the classifier's): encoded each time, the same text
    assert json_line(report, dict(sources), "check_status", {"type_value": "Serum"}) == expected
