"""Golden outputs for the shipped sample labels, in every format.

Regenerate after an intended change:  REGEN_GOLDEN=1 pytest tests/test_golden.py
then read the diff (git diff tests/golden) before committing it.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ingredient_check.cli import main

from .conftest import ROOT, SAMPLES, assert_golden

GOLDEN = ROOT / "tests" / "golden" / "check"
LABELS = sorted(p.name for p in SAMPLES.glob("*.txt"))
FORMATS = {"table": "txt", "json": "json", "csv": "csv"}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("label", LABELS)
def test_sample_golden(label, fmt):
    r = CliRunner().invoke(main, ["check", "--file", str(SAMPLES / label), "--format", fmt,
                                  "--treated-on", "2026-11-20", "--today", "2026-11-24"])
    assert r.exit_code == 0, r.output
    assert_golden(GOLDEN / f"{label.removesuffix('.txt')}.{FORMATS[fmt]}", r.output)
