"""A bounded memo: a dict that empties itself when full.

Batches repeat the same few thousand ingredient spellings, so most look-ups hit; a shelf's typos
are mostly unique, so an unbounded memo would grow with the file. Emptying at a cap keeps memory
flat (the frequent names come back within a few labels) at the cost of no bookkeeping per hit,
which an LRU would add to every look-up. `python bench/speed.py` reports the peak memory of a
10,000-row and a 100,000-row shelf, which the speed issue wants within 20% of each other.
"""

from __future__ import annotations

__all__ = ["BoundedMemo"]


class BoundedMemo(dict):
    __slots__ = ("cap",)

    def __init__(self, cap: int = 20_000):
        super().__init__()
        self.cap = cap

    def put(self, key, value):
        if len(self) >= self.cap:
            self.clear()
        self[key] = value
        return value
