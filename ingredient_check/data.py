"""Where the shipped data lives: ``lexicons/`` inside the wheel, or beside the package in a checkout.

``lexicons/index.json`` is the index a check reads (built by ``ingredient-check build-index``, reviewed
as text). Decoding its 1.35 MB of JSON was the largest single cost of a pasted label, about 9 ms in a
fresh process; the same data in ``marshal`` form loads in about half that (``python
bench/index_load.py``). So the first check after the index changes writes a marshal copy, and later
checks read the copy. Like Python's own ``__pycache__``, the copy is a cache, never a second source:
its header holds index.json's size, modification time and first 128 bytes (where the index keeps its
format and the digest of the lexicons it was built from), compared on every load for the cost of a
``stat``, so an edited, rebuilt or reinstalled index.json is read afresh, never from a stale copy. It is
written beside the index when that folder is writable, else in the user's cache folder, else not at
all (the check then decodes the JSON, as before); a copy that cannot be read is ignored and rewritten.
"""

from __future__ import annotations

import functools
import gc
import json
import marshal
import os
import sys

__all__ = ["lexicon_dir", "load_index", "read_index", "index_cache_paths", "INDEX_NAME"]

INDEX_NAME = "index.json"
# marshal's format belongs to the Python version: one copy per interpreter ("cpython-311")
_CACHE_NAME = f"index.{sys.implementation.cache_tag or 'python'}.marshal"
_HEAD = 128  # bytes of index.json in the copy's header: '{"format":2,"digest":"<sha256 of the lexicons>"'


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
    """The precomputed look-up index (see ``ingredient_check.build``), read once per process."""
    path = os.path.join(_lexicon_dir(), INDEX_NAME)
    return read_index(path, index_cache_paths(path))


def index_cache_paths(path: str) -> list[str]:
    """Where the marshal copy of the index at ``path`` may live, in order of preference: a
    ``__pycache__`` folder beside it, then the user's cache folder."""
    if os.name == "nt":
        user = os.environ.get("LOCALAPPDATA") or os.path.join(os.path.expanduser("~"), "AppData", "Local")
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")  # the XDG spec says to ignore a relative one
        user = xdg if xdg and os.path.isabs(xdg) else os.path.join(os.path.expanduser("~"), ".cache")
    return [os.path.join(os.path.dirname(path), "__pycache__", _CACHE_NAME),
            os.path.join(user, "ingredient-check", _CACHE_NAME)]


def read_index(path: str, cache_paths: list[str]) -> dict:
    """The JSON index at ``path``, from the first of ``cache_paths`` that holds a marshal copy of
    this very file; otherwise decoded from the JSON and cached in the first that can be written.

    The cyclic garbage collector is paused meanwhile: decoding makes ~20,000 dicts and lists, none
    of them garbage and none in a cycle, and each 700 of them set off a collection that scans the
    young objects for nothing (30 or so collections, 2-5 ms of a pasted label)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        return _read_index(path, cache_paths)
    finally:
        if paused:
            gc.enable()


def _read_index(path: str, cache_paths: list[str]) -> dict:
    with open(path, "rb") as fh:
        st = os.fstat(fh.fileno())
        head = fh.read(_HEAD)
        header = b"%d %d %d %s\n" % (st.st_size, st.st_mtime_ns, len(head), head)
        for cached in cache_paths:
            try:
                with open(cached, "rb") as cf:
                    data = cf.read()
                if data.startswith(header):
                    index = marshal.loads(memoryview(data)[len(header):])
                    if type(index) is dict:
                        return index
            except (OSError, ValueError, EOFError, TypeError):  # absent, unreadable, truncated or foreign
                pass
        index = json.loads(head + fh.read())
    _write_cache(header + marshal.dumps(_shared(index, {})), cache_paths)
    return index


def _shared(value, seen: dict):
    """``value`` with each repeated string one object ("irritant", "lexicon", a category's reason in
    every entry of it): marshal then writes a reference instead of the text, and a load makes 12%
    fewer objects (JSON decoding shares only the keys)."""
    if type(value) is str:
        return seen.setdefault(value, value)
    if type(value) is dict:
        return {seen.setdefault(k, k): _shared(v, seen) for k, v in value.items()}
    if type(value) is list:
        return [_shared(v, seen) for v in value]
    return value


def _write_cache(data: bytes, cache_paths: list[str]) -> None:
    """Write the copy to the first place that takes it (a temporary file renamed into place, so a
    process reading at the same moment sees the old copy or the new one, never half of one)."""
    for cached in cache_paths:
        tmp = f"{cached}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(cached), exist_ok=True)
            with open(tmp, "wb") as fh:
                fh.write(data)
            os.replace(tmp, cached)
            return
        except OSError:
            try:
                os.remove(tmp)
            except OSError:
                pass
