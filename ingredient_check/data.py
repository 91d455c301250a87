"""Where the shipped data lives: ``lexicons/`` inside the wheel, or beside the package in a checkout."""

from __future__ import annotations

import functools
import json
from pathlib import Path

__all__ = ["lexicon_dir", "load_index", "INDEX_NAME"]

INDEX_NAME = "index.json"


@functools.cache
def lexicon_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "lexicons", here.parent / "lexicons"):
        if (candidate / "structure.toml").is_file():
            return candidate
    raise FileNotFoundError("the lexicons folder is missing from this installation")


@functools.cache
def load_index() -> dict:
    """The precomputed look-up index (see ``ingredient_check.build``), parsed once per process."""
    with open(lexicon_dir() / INDEX_NAME, "rb") as fh:
        return json.loads(fh.read())
