"""The marshal copy of the index (data.read_index): a cache a check reads instead of decoding 1.35 MB
of JSON, never a second source. Whatever happens to index.json or to the copy, a check reads what
index.json says now."""

from __future__ import annotations

import json
import os

import pytest

from ingredient_check import data
from ingredient_check.data import INDEX_NAME, index_cache_paths, lexicon_dir, read_index


def _index(digest: str, wait: int) -> dict:
    """A small index shaped like the shipped one: the digest first, then the data."""
    return {"format": 1, "digest": digest, "names": "glycerin\nretinol",
            "entries": {"retinol": {"wait_hours": wait, "sources": ["AAD"]}}}


def _write(path, index: dict) -> None:
    path.write_text(json.dumps(index, separators=(",", ":")) + "\n", encoding="utf-8")


@pytest.fixture
def index_file(tmp_path):
    path = tmp_path / "lexicons" / INDEX_NAME
    path.parent.mkdir()
    _write(path, _index("a" * 64, 72))
    return path


def test_the_first_load_writes_the_copy_and_the_next_reads_it(index_file, tmp_path, monkeypatch):
    copy = tmp_path / "cache" / "index.marshal"
    first = read_index(str(index_file), [str(copy)])
    assert first == json.loads(index_file.read_text("utf-8")) and copy.exists()

    def no_json(*args, **kwargs):
        raise AssertionError("the JSON was decoded although its copy is current")

    monkeypatch.setattr(data.json, "loads", no_json)
    assert read_index(str(index_file), [str(copy)]) == first


@pytest.mark.parametrize("change", ["rebuilt, same size", "edited by hand", "same time, new digest"])
def test_a_changed_index_is_read_afresh_never_from_the_stale_copy(index_file, tmp_path, change):
    copy = tmp_path / "cache" / "index.marshal"
    assert read_index(str(index_file), [str(copy)])["entries"]["retinol"]["wait_hours"] == 72
    before = os.stat(index_file)
    if change == "rebuilt, same size":  # a wait changed from 72 to 48 hours: not one byte more
        _write(index_file, _index("b" * 64, 48))
        assert os.stat(index_file).st_size == before.st_size
        os.utime(index_file, ns=(before.st_atime_ns, before.st_mtime_ns + 1))
    elif change == "edited by hand":
        _write(index_file, _index("a" * 64, 168))
    else:  # the same size and modification time (a copy that kept them), another lexicon digest
        _write(index_file, _index("c" * 64, 48))
        os.utime(index_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    now = json.loads(index_file.read_text("utf-8"))["entries"]["retinol"]["wait_hours"]
    assert read_index(str(index_file), [str(copy)])["entries"]["retinol"]["wait_hours"] == now != 72
    assert read_index(str(index_file), [str(copy)])["entries"]["retinol"]["wait_hours"] == now  # rewritten


@pytest.mark.parametrize("damage", ["truncated", "empty", "another program's file"])
def test_a_damaged_copy_is_ignored_and_rewritten(index_file, tmp_path, damage):
    copy = tmp_path / "cache" / "index.marshal"
    expected = read_index(str(index_file), [str(copy)])
    data = copy.read_bytes()
    copy.write_bytes({"truncated": data[:-20], "empty": b"", "another program's file": b"\x00" * 64}[damage])
    assert read_index(str(index_file), [str(copy)]) == expected
    assert copy.read_bytes() == data


def test_the_copy_goes_to_the_next_place_when_the_first_cannot_be_written(index_file, tmp_path):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    second = tmp_path / "user cache" / "index.marshal"
    expected = json.loads(index_file.read_text("utf-8"))
    assert read_index(str(index_file), [str(blocked / "index.marshal"), str(second)]) == expected
    assert second.exists()
    # nowhere to write: the check still reads the JSON
    assert read_index(str(index_file), [str(blocked / "index.marshal")]) == expected


def test_the_shipped_index_reads_the_same_through_its_copy(tmp_path):
    path = str(lexicon_dir() / INDEX_NAME)
    copy = str(tmp_path / "index.marshal")
    with open(path, "rb") as fh:
        expected = json.loads(fh.read())
    assert read_index(path, [copy]) == expected  # decoded, copy written
    assert read_index(path, [copy]) == expected  # read from the copy


def test_copies_live_beside_the_index_then_in_the_user_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    beside, user = index_cache_paths(os.path.join("lexicons", INDEX_NAME))
    assert os.path.dirname(beside) == os.path.join("lexicons", "__pycache__")
    if os.name != "nt":
        assert user.startswith(str(tmp_path / "ingredient-check"))
