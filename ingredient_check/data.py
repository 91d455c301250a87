"""Where the shipped data lives: ``lexicons/`` inside the wheel, or beside the package in a checkout."""

from __future__ import annotations

import functools
import json
import os

__all__ = ["lexicon_dir", "load_index", "INDEX_NAME"]

INDEX_NAME = "index.json"


@functools.cache
def lexicon_dir():
    """The lexicons folder as a ``pathlib.Path`` (imported here only: pathlib costs a check 2-3 ms)."""
    from pathlib import Path  # noqa: PLC0415

    return Path(_lexicon_dir())


@functools.cache
def _lexicon_dir() -> str:
    here = os.path.dirname(os.path.abspath(__file__))
    for candidate in (os.path.join(here, "lexicons"), os.path.join(os.path.dirname(here), "lexicons")):
        if os.path.isfile(os.path.join(candidate, "structure.toml")):
            return candidate
    raise FileNotFoundError("the lexicons folder is missing from this installation")


@functools.cache
def load_index() -> dict:
    """The precomputed look-up index (see ``ingredient_check.build``), parsed once per process."""
    with open(os.path.join(_lexicon_dir(), INDEX_NAME), "rb") as fh:
        return json.loads(fh.read())
