"""A bounded memo: a dict that empties itself when full.

Batches repeat the same few thousand ingredient spellings, so most look-ups hit; a shelf's typos
are mostly unique, so an unbounded memo would grow with the file. Emptying at a cap keeps memory
flat (the frequent names come back within a few labels) at the cost of no bookkeeping per hit,
which an LRU would add to every look-up. `python bench/speed.py` reports the peak memory of a
10,000-row and a 100,000-row shelf, which the speed issue wants within 20% of each other.
"""

from __future__ import annotations

__all__ = ["BoundedMemo", "GenerationMemo"]


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


_ABSENT = object()


class GenerationMemo(BoundedMemo):
    """A ``BoundedMemo`` that keeps its last fill as an older generation: when full, what it holds
    becomes the old generation (the one before is dropped), and a look-up found there is put back.

    For a shelf's typos (``Classifier._plain_typos``): most are seen once, but the typos of the
    frequent names come back ("Glycerni", "Phenoxyethanl"), often after a plain memo would have been
    emptied; each such return read anew costs a whole first sighting (~60 us). The 148,000 typos of
    the 100,000-row shelf (103,700 distinct) are read 129,800 times through one memo of 20,000
    readings, 124,000 through two generations of 10,000 (the same memory at most), 115,300 through
    two of 20,000 (+14 MB peak). A hit in the current generation costs a dict's plus one Python call."""

    __slots__ = ("old",)

    def __init__(self, cap: int = 20_000):
        super().__init__(cap)
        self.old: dict = {}

    def get(self, key, default=None):
        value = dict.get(self, key, _ABSENT)
        if value is _ABSENT:
            value = self.old.pop(key, _ABSENT)
            if value is _ABSENT:
                return default
            self.put(key, value)
        return value

    def put(self, key, value):
        if len(self) >= self.cap:
            self.old = dict(self)
            dict.clear(self)
        self[key] = value
        return value

    def clear(self) -> None:
        dict.clear(self)
        self.old = {}
