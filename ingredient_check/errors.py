"""The one error type a user can cause: bad input or usage. The CLI turns it into one line and exit 2."""

from __future__ import annotations

__all__ = ["InputError"]


class InputError(Exception):
    """Unusable input: empty, binary, undecodable, too large, missing or unreadable."""
