"""The bounded memo never grows past its cap, and a stored None is a value, not a miss."""

from __future__ import annotations

import pytest

from ingredient_check.memo import BoundedMemo, GenerationMemo


def test_never_grows_past_its_cap():
    memo = BoundedMemo(cap=100)
    for i in range(10_000):
        assert memo.put(i, i) == i
        assert len(memo) <= 100
    assert 9_999 in memo


def test_none_is_a_value_and_missing_is_a_key_error():
    memo = BoundedMemo(cap=2)
    memo.put("miss", None)
    assert "miss" in memo and memo["miss"] is None
    with pytest.raises(KeyError):
        memo["absent"]


def test_a_generation_memo_keeps_its_last_fill_and_gives_back_what_returns():
    """A typo of a frequent name returns after its memo filled up: it is found in the older
    generation and moved back; what did not return in two fills is dropped, so memory stays flat."""
    memo = GenerationMemo(cap=3)
    for k in "abc":
        memo.put(k, k.upper())
    memo.put("d", "D")  # full: a, b, c become the old generation
    assert len(memo.new) == 1 and memo.get("a") == "A"  # moved back into the current one
    assert memo.get("b") == "B" and memo.get("zz") is None and memo.get("zz", 0) == 0
    memo.put("e", "E")  # full again: the old generation (c) is dropped
    assert memo.get("c") is None and memo.get("d") == "D"
    for i in range(1000):
        memo.put(i, i)
        assert len(memo) <= 2 * memo.cap
    memo.clear()
    assert memo.get(999) is None and len(memo) == 0


def test_a_generation_memo_updates_a_key_it_holds_without_dropping_a_generation():
    memo = GenerationMemo(cap=2)
    memo.put("a", 1)
    memo.put("b", 2)
    memo.put("a", 3)  # full, but "a" is there: updated in place
    assert memo.get("a") == 3 and memo.get("b") == 2 and len(memo) == 2


@pytest.mark.parametrize("memo", [BoundedMemo(2), GenerationMemo(2)], ids=["bounded", "generations"])
def test_a_stored_none_is_found_as_none(memo):
    memo.put("miss", None)
    assert memo.get("miss", "absent") is None
