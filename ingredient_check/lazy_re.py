"""Module-level regular expressions compiled on first use.

Compiling parse.py's 34 patterns cost every check about 7 ms at import, a tenth of a pasted label's
whole run, and a plain list uses about half of them (headings, percentages, scraper lists, drug-facts
panels and legends only where a label prints them). A ``LazyPattern`` stands for
``re.compile(pattern, flags)`` until its first use; then it compiles the pattern and, once its module
called ``bind(globals())``, puts the compiled pattern in the module's globals in its own place, so
every later use in that module is a plain ``re.Pattern`` (a shelf pays nothing per row).
"""

from __future__ import annotations

import re

__all__ = ["LazyPattern", "lazy_re", "bind"]


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled when an attribute (``search``, ``match``, ``sub``,
    ``pattern`` ...) is first asked for."""

    __slots__ = ("_args", "_compiled", "_home")

    def __init__(self, pattern: str, flags: int = 0):
        self._args = (pattern, flags)
        self._compiled: re.Pattern | None = None
        self._home: tuple[dict, str] | None = None

    def __getattr__(self, attr: str):
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(*self._args)
            if self._home is not None:
                namespace, name = self._home
                if namespace.get(name) is self:
                    namespace[name] = compiled
        return getattr(compiled, attr)

    def __repr__(self) -> str:
        return f"lazy_re({self._args[0]!r}, {self._args[1]!r})"


lazy_re = LazyPattern


def bind(namespace: dict) -> None:
    """Tell each LazyPattern of a module's ``globals()`` its name there, so that its first use puts
    the compiled pattern in its place. Call it once, after the last pattern is defined."""
    for name, value in list(namespace.items()):
        if type(value) is LazyPattern:
            value._home = (namespace, name)
