"""Accuracy on real labels (issue 5): the annotated products of bench/annotations/ against the targets.

Needs the evaluation data beside the project (``../shared/eval-data``); without it the whole module
is skipped. The figures come from ``bench/accuracy.py`` (the same code the README quotes), run once
per session: about 5 s.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

if not (SHARED / "eval-data").is_dir():
    pytest.skip(f"evaluation data not found at {SHARED / 'eval-data'} (it lives beside the project, not in it)",
                allow_module_level=True)


def _load_bench():
    spec = importlib.util.spec_from_file_location("bench_accuracy", REPO / "bench" / "accuracy.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _load_bench()

NOISE_SEEDS = 3

@pytest.fixture(scope="module")
def annotations():
    return bench.load_annotations()


@pytest.fixture(scope="module")
def result(annotations):
    return bench.evaluate(SHARED, annotations)


@pytest.fixture(scope="module")
def unknown():
    return bench.unknown_rate(SHARED)


def test_annotations_are_well_formed(annotations):
    from ingredient_check.lexicon import IRRITANT_CATEGORIES, SOOTHING_CATEGORIES

    ids = set(IRRITANT_CATEGORIES + SOOTHING_CATEGORIES) | {bench.NO_LIST}
    seen = set()
    for a in annotations:
        where = f"{a.source}:{a.line}"
        assert a.file in bench.INGREDIENT_COLUMNS, where
        assert 1 <= a.row <= len(bench.read_rows(SHARED, a.file)), where
        assert a.categories <= ids and a.ambiguous <= ids, where
        assert not (bench.NO_LIST in a.categories and len(a.categories) > 1), where
        assert (a.file, a.row) not in seen, f"{where}: product annotated twice"
        seen.add((a.file, a.row))


def test_annotations_cover_the_shops(annotations):
    assert len(annotations) >= 150
    shops = {a.file.split("/")[0] for a in annotations}
    for shop in ("sephora", "lookfantastic", "ulta", "incidecoder"):
        assert any(s.startswith(shop) for s in shops), shop


def test_precision_target(result):
    precision, _ = result.tally.micro()
    assert precision >= bench.TARGET_PRECISION, _errors(result)


def test_recall_target(result):
    _, recall = result.tally.micro()
    assert recall >= bench.TARGET_RECALL, _errors(result)


def test_no_verdict_earlier_than_the_annotated_need(result):
    """Issue 13: an unread item never lets a product through before the irritants a person read in it."""
    assert result.early == [], [(a.ref, hours, need) for a, hours, need in result.early]


def test_recall_under_noise_target(annotations):
    noise = bench.evaluate_noise(SHARED, NOISE_SEEDS, annotations)
    _, recall, _ = noise.mean()
    assert recall >= bench.TARGET_NOISE_RECALL


def test_unknown_item_rate_target(unknown):
    assert unknown.rate <= bench.TARGET_UNKNOWN_RATE, unknown.texts.most_common(20)


def test_no_list_fields_get_no_confident_verdict(annotations, result):
    """A field that holds no list ("Visit the ... boutique") never gets a verdict (not a target: a rule)."""
    missed = [(kind, a.ref) for kind, a, c, _, _ in result.errors if c == bench.NO_LIST and kind == "FN"]
    assert not missed


def test_bench_exits_2_without_shared(tmp_path, capsys):
    assert bench.main(["--shared", str(tmp_path), "--noise-seeds", "0"]) == 2
    assert "eval-data" in capsys.readouterr().err


def _errors(result) -> str:
    return "\n".join(f"{kind} {c} {a.ref} {texts}" for kind, a, c, texts, _ in result.errors[:40])
