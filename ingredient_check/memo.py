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


class GenerationMemo:
    """A bounded memo that keeps its last fill as an older generation: when full, what it holds
    becomes the old generation (the one before is dropped), and a look-up found there is put back.
    Only ``get``, ``put`` and ``clear``: a key may be in either generation, so ``in`` or ``[]`` on one
    dict would give wrong answers.

    For a shelf's typos (``Classifier._plain_typos``): most are seen once, but the typos of the
    frequent names come back ("Glycerni", "Phenoxyethanl"), often after a plain memo would have been
    emptied; each such return read anew costs a whole first sighting (~55 us). `python bench/parts.py
    --rows 100000`: the 100,000-row shelf makes 131,888 segment readings with two generations of
    10,000 (``Classifier._plain_typos``), 136,717 with one memo of 20,000 emptied when full, the same
    memory at most. Larger generations save more readings for more memory, which target 2 of issue 16
    holds within 20% between 10,000 and 100,000 rows. A hit in the current generation costs a dict
    look-up and one Python call."""

    __slots__ = ("cap", "new", "old")

    def __init__(self, cap: int = 20_000):
        self.cap = cap
        self.new: dict = {}
        self.old: dict = {}

    def __len__(self) -> int:
        return len(self.new) + len(self.old)

    def get(self, key, default=None):
        value = self.new.get(key, _ABSENT)
        if value is _ABSENT:
            value = self.old.pop(key, _ABSENT)
            if value is _ABSENT:
                return default
            self.put(key, value)
        return value

    def put(self, key, value):
        new = self.new
        if len(new) >= self.cap and key not in new:
            self.old, self.new = new, {}
        self.new[key] = value
        return value

    def clear(self) -> None:
        self.new, self.old = {}, {}
