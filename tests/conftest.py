from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = Path(os.environ.get("INGREDIENT_CHECK_SHARED", ROOT.parent / "shared"))


# The practitioner's rules file of issue 6, as a user would write it.
CLINIC_RULES = """\
[categories.retinoid]
wait_days = 10

[ingredients."Niacinamide"]
wait_days = 5

[ingredients."Lanolin"]
avoid = true              # personal allergy: never safe
reason = "allergic"
"""


@pytest.fixture(autouse=True)
def _no_user_rules(monkeypatch, tmp_path_factory):
    """Tests never read the developer's own rules file."""
    home = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    monkeypatch.delenv("INGREDIENT_CHECK_RULES", raising=False)


def assert_golden(path: Path, text: str) -> None:
    """``text`` equals the golden file; REGEN_GOLDEN=1 rewrites it (read the diff before committing)."""
    if os.environ.get("REGEN_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
