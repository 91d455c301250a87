"""The README is the front door: its two set-up commands exist, and CI runs the test one verbatim."""

from __future__ import annotations

import re

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _setup_commands() -> list[str]:
    section = README.split("## Set up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in section.splitlines() if line.startswith("    ")]


def test_exactly_two_setup_commands():
    commands = _setup_commands()
    assert len(commands) == 2
    assert commands[0].startswith("pip install . && ingredient-check check --file samples/")
    sample = re.search(r"samples/\S+", commands[0]).group()
    assert (ROOT / sample).is_file()


def test_ci_runs_the_readme_test_command_exactly():
    test_command = _setup_commands()[1]
    ci_lines = [line.strip() for line in CI.splitlines() if not line.strip().startswith("#")]
    assert test_command in ci_lines
    assert "venv" in CI


def test_readme_shows_every_command():
    from ingredient_check.cli import main

    for name in main.list_commands(None):
        assert f"ingredient-check {name}" in README, name
