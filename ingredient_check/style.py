"""style: colour and width for the views people read (check's table, the shelf table, --plan, --today).

One meaning for each colour, everywhere:

- green  (``GO``):   may be used now ("Safe now", "You may use today", a day already back);
- yellow (``WAIT``): not yet, with the date it comes back;
- red    (``STOP``): never (the user's own rules), or cannot tell (too much of the list unknown,
  no list, a row that could not be read): unknown never means safe.

Colour follows the conventions of the CLIs people like (ruff, gh, httpie): ``--color always``
forces it, ``--color never`` drops it, and ``auto`` (the default) colours only a terminal and
never when ``NO_COLOR`` is set to anything non-empty (https://no-color.org). ``click.style``
writes the escapes; no other library is needed for three colours and bold (rich was measured and
costs a pasted label more than its whole budget: see README, "Colour and width").

Width: the terminal's width when printing to a terminal, else ``$COLUMNS`` when set (so a pager or
a test can ask for one), else 80. Text is wrapped at spaces only: never inside a word, never at a
hyphen ("1,2-Hexanediol" stays whole), and a word longer than the line is left whole.
"""

from __future__ import annotations

import os
from typing import TextIO

import click

__all__ = ["Style", "COLOR_CHOICES", "color_option", "use_color", "is_terminal", "terminal_width", "wrap", "GO", "WAIT", "STOP"]

COLOR_CHOICES = ("auto", "always", "never")
GO, WAIT, STOP = "green", "yellow", "red"

MIN_WIDTH, MAX_WIDTH, DEFAULT_WIDTH = 40, 200, 80


def is_terminal(stream: TextIO | None) -> bool:
    """Whether ``stream`` is a terminal (False for a closed, replaced or missing stream)."""
    try:
        return bool(stream is not None and stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def use_color(choice: str | None, stream: TextIO | None) -> bool:
    """``--color`` resolved: always, never, or auto (a terminal, and NO_COLOR unset or empty)."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    return is_terminal(stream) and os.environ.get("TERM") != "dumb"


def terminal_width(stream: TextIO | None) -> int:
    """$COLUMNS when set, else the terminal's width, else 80; kept within 40..200."""
    width = None
    env = os.environ.get("COLUMNS", "")
    if env.strip().isdigit():
        width = int(env)
    elif is_terminal(stream):
        import shutil  # noqa: PLC0415 - with bz2 and lzma, 3 ms a check printing JSON need not pay

        width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, width or DEFAULT_WIDTH))


def wrap(text: str, width: int, indent: str = "", subsequent: str | None = None) -> list[str]:
    """Lines of at most ``width`` characters, broken at spaces only (a longer word stands alone on
    its line): ``textwrap.wrap``'s lines with ``break_long_words`` and ``break_on_hyphens`` off."""
    subsequent = indent if subsequent is None else subsequent
    if not (text.isprintable() and text[:1] != " " and text[-1:] not in ("", " ") and "  " not in text):
        # tabs, line breaks, runs of spaces: textwrap's own whitespace rules
        import textwrap  # noqa: PLC0415 - rare here, and a check printing JSON need not import it

        return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=subsequent,
                             break_long_words=False, break_on_hyphens=False) or [indent.rstrip()]
    if len(indent) + len(text) <= width:
        return [indent + text]
    # words parted by single spaces: textwrap's greedy fill, without its regular expressions (a
    # shelf table wraps every row's "decided by"; tests/test_terminal.py holds the two to agree)
    lines: list[str] = []
    line: list[str] = []
    room, used = width - len(indent), 0
    for word in text.split(" "):
        if line and used + 1 + len(word) > room:
            lines.append((subsequent if lines else indent) + " ".join(line))
            line, room, used = [word], width - len(subsequent), len(word)
        else:
            used += len(word) + (1 if line else 0)
            line.append(word)
    lines.append((subsequent if lines else indent) + " ".join(line))
    return lines


class Style:
    """How to paint and how wide: one value passed to every renderer."""

    __slots__ = ("color", "width")

    def __init__(self, color: bool = False, width: int = DEFAULT_WIDTH):
        self.color = color
        self.width = width

    def paint(self, text: str, fg: str | None = None, bold: bool = False, dim: bool = False) -> str:
        if not self.color or not text:
            return text
        return click.style(text, fg=fg, bold=bold or None, dim=dim or None)

    def wrap(self, text: str, indent: str = "", subsequent: str | None = None) -> list[str]:
        return wrap(text, self.width, indent, subsequent)

    @classmethod
    def for_stream(cls, choice: str | None, stream: TextIO | None) -> "Style":
        return cls(use_color(choice, stream), terminal_width(stream))


def color_option(fn):
    """``--color auto|always|never`` for every command that prints a view for people."""
    return click.option("--color", "color", type=click.Choice(COLOR_CHOICES), default="auto", show_default=True,
                        help="Colour the view: auto = on a terminal unless NO_COLOR is set.")(fn)
