"""The bounded memo never grows past its cap, and a stored None is a value, not a miss."""

from __future__ import annotations

import pytest

from ingredient_check.memo import BoundedMemo


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
