"""layout: the OCR engine's word boxes in, the label's list text out, with each word's confidence.

An OCR engine returns boxes in the order it found them, not in reading order, and it knows nothing of
ingredient lists. What the backs of real bottles do, and the rule each one taught us:

- The list is printed in a narrow column, or in two or three columns side by side (tubes, folded
  leaflets). Columns are read one after the other, left to right: the words' horizontal extents are
  merged, and a vertical strip of white at least about one line high separates two columns. A line
  wider than most of the page (a title over both columns) does not bridge the gap.
- A photo is rarely square to the label: the page is turned by the median slope of the long boxes
  before lines are formed, so a label rotated a few degrees still reads line by line.
- Names break over lines ("Hamamelis / Virginiana", "Caprylic/ / Capric Triglyceride"). Where the
  paragraph is a comma-separated list, a line end is a wrap, joined with a space (or with nothing
  after a slash); a label set one item per line, with no commas, keeps its line ends as separators.
- Hyphenation at a line end: "Phenoxy- / ethanol" continues in lower case, so the hyphen is the
  printer's and is dropped; "Coco- / Glucoside" and "PEG- / 100" continue with a capital or a digit,
  so the hyphen belongs to the name and stays (without a space).
- A taller gap between lines starts a new paragraph (a heading, the directions): paragraphs are
  separated by a blank line so that the parser sees where the list stops.

Every word keeps its confidence and its span in the rebuilt text, so the report can mark what was
read with low confidence and which list item it belongs to. Words are never corrected here: a word
read badly goes into the same parse, match and could-be stages as a typo in a pasted label.
"""

from __future__ import annotations

import math
import statistics
from typing import NamedTuple, Sequence

__all__ = ["Word", "PlacedWord", "ReadText", "rebuild", "LOW_CONFIDENCE"]

_SEPARATORS = ",;•·|"  # what separates a list's items on one line (parse.py splits on the same)
LOW_CONFIDENCE = 0.85  # below this a word is marked in the report (see bench/ocr.py for the rates)


class Word(NamedTuple):
    """One word as the engine returned it: text, confidence in 0..1, and its box's four corners
    (x, y) in the order top-left, top-right, bottom-right, bottom-left."""

    text: str
    confidence: float
    box: tuple[tuple[float, float], ...]


class PlacedWord(NamedTuple):
    """A word in the rebuilt text: ``text[start:end]`` (a hyphen dropped at a line end is not in it)."""

    text: str
    confidence: float
    start: int
    end: int


class ReadText(NamedTuple):
    text: str
    words: tuple[PlacedWord, ...]

    def low_confidence(self, threshold: float = LOW_CONFIDENCE) -> tuple[PlacedWord, ...]:
        return tuple(w for w in self.words if w.confidence < threshold)


class _Box(NamedTuple):
    x0: float
    y0: float
    x1: float
    y1: float
    word: Word

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def _slope(word: Word) -> float | None:
    (ax, ay), (bx, by) = word.box[0], word.box[1]
    (dx, dy) = word.box[3]
    width, height = math.hypot(bx - ax, by - ay), math.hypot(dx - ax, dy - ay)
    if width < 2 * height:  # short boxes have unreliable slopes
        return None
    return math.atan2(by - ay, bx - ax)


def _deskewed(words: Sequence[Word]) -> list[_Box]:
    slopes = [s for s in map(_slope, words) if s is not None]
    angle = statistics.median(slopes) if slopes else 0.0
    cos, sin = math.cos(-angle), math.sin(-angle)
    boxes = []
    for w in words:
        xs = [x * cos - y * sin for x, y in w.box]
        ys = [x * sin + y * cos for x, y in w.box]
        boxes.append(_Box(min(xs), min(ys), max(xs), max(ys), w))
    return boxes


def _columns(boxes: list[_Box], line_height: float) -> list[list[_Box]]:
    """Boxes grouped into columns, left to right (see the module docstring)."""
    left, right = min(b.x0 for b in boxes), max(b.x1 for b in boxes)
    wide = [b for b in boxes if b.x1 - b.x0 > 0.6 * (right - left)]
    narrow = [b for b in boxes if b.x1 - b.x0 <= 0.6 * (right - left)]
    if len(narrow) < 2:
        return [boxes]
    spans: list[list[float]] = []
    for b in sorted(narrow, key=lambda b: b.x0):
        if spans and b.x0 < spans[-1][1] + line_height:
            spans[-1][1] = max(spans[-1][1], b.x1)
        else:
            spans.append([b.x0, b.x1])
    columns: list[list[_Box]] = [[] for _ in spans]
    for b in narrow:
        columns[max(range(len(spans)), key=lambda k: min(b.x1, spans[k][1]) - max(b.x0, spans[k][0]))].append(b)
    for b in wide:  # a title over several columns is read with the column it starts in
        columns[min(range(len(spans)), key=lambda k: abs(b.x0 - spans[k][0]))].append(b)
    return [c for c in columns if c]


def _lines(column: list[_Box]) -> list[list[_Box]]:
    """Boxes grouped into lines, top to bottom, each line left to right.

    Lines are followed from left to right, each word joining the line whose last word is level
    with it: on a curved bottle the ends of a line sit higher (or lower) than its middle by as much
    as a line's height, so comparing each word with the line as a whole would mix lines."""
    lines: list[list[_Box]] = []
    for b in sorted(column, key=lambda b: b.x0):
        best, best_dy = None, None
        for line in lines:
            last = line[-1]
            dy = abs(b.yc - last.yc)
            if last.x1 <= b.x0 + 0.5 * b.height and dy < 0.5 * max(last.height, b.height):
                if best_dy is None or dy < best_dy:
                    best, best_dy = line, dy
        if best is None:
            lines.append([b])
        else:
            best.append(b)
    return sorted(lines, key=lambda line: statistics.fmean(b.yc for b in line))


def _paragraphs(lines: list[list[_Box]], line_height: float) -> list[list[list[_Box]]]:
    paragraphs: list[list[list[_Box]]] = []
    previous_top = None
    for line in lines:
        top = min(b.y0 for b in line)
        if previous_top is None or top - previous_top > 2.0 * line_height:
            paragraphs.append([])
        paragraphs[-1].append(line)
        previous_top = top
    return paragraphs


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.words: list[PlacedWord] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def word(self, text: str, confidence: float) -> None:
        self.words.append(PlacedWord(text, confidence, self.size, self.size + len(text)))
        self.add(text)

    def drop_last_char(self) -> None:
        """Drop the trailing hyphen of the last word (a hyphenation at a line end)."""
        last = self.words[-1]
        self.parts[-1] = self.parts[-1][:-1]
        self.size -= 1
        self.words[-1] = last._replace(text=last.text[:-1], end=last.end - 1)


def _join_line_end(out: _Builder, next_word: str, wrapped: bool) -> None:
    """What goes between the last word of a line and the first word of the next one."""
    if not wrapped:
        out.add("\n")
        return
    tail = out.parts[-1] if out.parts else ""
    if tail.endswith("-") and len(tail) > 1 and tail[-2].isalpha():
        if next_word[:1].islower():
            out.drop_last_char()  # "Phenoxy-" + "ethanol": the printer's hyphen
        return  # "Coco-" + "Glucoside", "PEG-" + "100": the name's own hyphen, no space
    if tail.endswith("/"):
        return  # "Caprylic/" + "Capric Triglyceride"
    out.add(" ")


def rebuild(words: Sequence[Word]) -> ReadText:
    """The text of a label from the engine's words, in reading order, with each word's span."""
    words = [w for w in words if w.text.strip()]
    if not words:
        return ReadText("", ())
    boxes = _deskewed(words)
    line_height = statistics.median(b.height for b in boxes)
    out = _Builder()
    for c, column in enumerate(_columns(boxes, line_height)):
        for p, paragraph in enumerate(_paragraphs(_lines(column), line_height)):
            if c or p:
                out.add("\n\n")
            text = " ".join(b.word.text for line in paragraph for b in line)
            wrapped = sum(text.count(c) for c in _SEPARATORS) >= 2 or len(paragraph) == 1
            for k, line in enumerate(paragraph):
                for j, b in enumerate(line):
                    if j:
                        out.add(" ")
                    elif k:
                        _join_line_end(out, b.word.text, wrapped)
                    out.word(b.word.text.strip(), b.word.confidence)
    return ReadText("".join(out.parts), tuple(out.words))
