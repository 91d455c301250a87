"""Reading labels from photos (issue 17): rendered labels, read back by ``check --image``'s code.

    python bench/ocr.py [--shared PATH] [--real N] [--conditions clean,blur,...] [--show-misses]

Every label written for the project (samples/*.txt, whole: name, claims, list, directions) and, when
``<shared>/eval-data`` is present, N real ingredient lists (read at run time, never copied; seeded
choice among the LookFantastic scrape's lists that hold an irritant) are rendered with Pillow's own
scalable font (no system font needed) under each condition of ``CONDITIONS`` (clean, small print,
a narrow hyphenated column, two columns, rotated 4 degrees, blurred, JPEG with noise, low
resolution, curved as on a bottle, and small inside a large photo), then read by the OCR engine and
checked by ``photo.check_image`` exactly as ``ingredient-check check --image`` does. The same text is
checked directly, and per condition the bench prints:

- items: the share of the list items recognised in the text (role not unknown) that are recognised,
  under the same INCI name, from the image (as multisets);
- irritants: the same share for the irritants, the figure the targets are about;
- earlier: verdicts from the image that say "safe" sooner than the text's verdict (must be 0: a
  photo may lose an irritant only into "cannot tell", never into an earlier date);
- low-conf: the share of words read below the low-confidence line;
- s/image: median seconds per image, from the file to the report (loading, OCR, layout, check); the
  load average is printed before and after, since the engine uses every core and the figure depends
  on what else runs.

Targets (issue 17): irritants >= 95% on clean and small print, >= 85% under blur and rotation, and
no earlier verdict in any condition. Exit status 0 whatever the figures (a report).
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from ingredient_check.check import check_label  # noqa: E402
from ingredient_check.timeline import Options  # noqa: E402

REAL_FILE = "lookfantastic-skincare/skincare_products.csv"
REAL_COLUMN = "ingredients"


# -- rendering ------------------------------------------------------------------------------------

def wrap(text: str, width: int, hyphenate: bool = False) -> list[str]:
    """Lines of at most ``width`` characters, as a label printer sets them: paragraphs kept, words
    moved whole to the next line, and with ``hyphenate`` a long word split with a hyphen at the end
    of the line ("Phenoxy-" / "ethanol")."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            while True:
                candidate = f"{line} {word}" if line else word
                if len(candidate) <= width:
                    line = candidate
                    break
                room = width - len(line) - (2 if line else 1)
                if hyphenate and room >= 4 and len(word) - room >= 3 and word[:room].isalpha():
                    lines.append(f"{line} {word[:room]}-" if line else f"{word[:room]}-")
                    word, line = word[room:], ""
                    continue
                if line:
                    lines.append(line)
                    line = ""
                    continue
                line = word  # a word longer than the line: set it alone
                break
        lines.append(line)
    return lines


def render(text: str, size: int = 22, width: int = 44, hyphenate: bool = False, columns: int = 1,
           margin: int = 24) -> Image.Image:
    """Black text on white in Pillow's scalable default font, ``width`` characters a line, in one or
    more columns side by side (the lines split evenly between them)."""
    font = ImageFont.load_default(size=size)
    # Pillow's font has no bullet (it would print a box, which no engine reads): the middle dot
    # stands for it, as on many labels
    lines = wrap(text.replace("\u2022", "\u00b7"), width, hyphenate)
    per_column = math.ceil(len(lines) / columns)
    pitch = round(size * 1.3)
    column_width = max(round(font.getlength(line)) for line in lines) if lines else 1
    gap = size * 2
    image = Image.new("RGB", (2 * margin + columns * column_width + (columns - 1) * gap,
                              2 * margin + per_column * pitch), "white")
    draw = ImageDraw.Draw(image)
    for k, line in enumerate(lines):
        c, r = divmod(k, per_column)
        draw.text((margin + c * (column_width + gap), margin + r * pitch), line, font=font, fill="black")
    return image


def rotate(image: Image.Image, degrees: float) -> Image.Image:
    return image.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor="white")


def curve(image: Image.Image, depth: float) -> Image.Image:
    """The label as on a round bottle seen from the front: each column of pixels shifted down by a
    sine of its position, ``depth`` pixels at the middle."""
    w, h = image.size
    out = Image.new("RGB", (w, h + math.ceil(depth)), "white")
    for x in range(0, w, 2):
        shift = round(depth * math.sin(math.pi * x / w))
        out.paste(image.crop((x, 0, x + 2, h)), (x, shift))
    return out


def jpeg_noise(image: Image.Image, quality: int = 15, sigma: float = 60, amount: float = 0.2) -> Image.Image:
    noise = Image.effect_noise(image.size, sigma).convert("RGB")
    noisy = Image.blend(image, noise, amount)
    buf = io.BytesIO()
    noisy.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def low_resolution(image: Image.Image, factor: float) -> Image.Image:
    return image.resize((round(image.width * factor), round(image.height * factor)), Image.Resampling.BILINEAR)


def in_a_photo(image: Image.Image, side: int = 2400) -> Image.Image:
    """The label as a small part of a phone photo: a grey frame ``side`` pixels wide around it."""
    frame = Image.new("RGB", (side, side * 3 // 4), (118, 112, 104))
    frame.paste(image, ((frame.width - image.width) // 3, (frame.height - image.height) // 2))
    return frame


CONDITIONS = {
    "clean": lambda t: render(t, 22, 48),
    "small-print": lambda t: render(t, 12, 64),
    "narrow-column": lambda t: render(t, 22, 18, hyphenate=True),
    "two-columns": lambda t: render(t, 20, 30, columns=2),
    "rotated-4deg": lambda t: rotate(render(t, 22, 48), 4),
    "blur": lambda t: render(t, 22, 48).filter(ImageFilter.GaussianBlur(1.4)),
    "jpeg-noise": lambda t: jpeg_noise(render(t, 22, 48)),
    "low-resolution": lambda t: low_resolution(render(t, 22, 48), 0.55),
    "curved": lambda t: curve(render(t, 22, 40), 10),
    "in-a-photo": lambda t: in_a_photo(render(t, 16, 48)),
}
TARGETS = {"clean": 0.95, "small-print": 0.95, "blur": 0.85, "rotated-4deg": 0.85}


# -- labels ---------------------------------------------------------------------------------------

def project_labels() -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted((REPO / "samples").glob("*.txt"))]


def real_labels(shared: Path, n: int, seed: int = 17) -> list[tuple[str, str]]:
    """N real lists holding an irritant, seeded; each rendered with an "Ingredients:" heading."""
    path = shared / "eval-data" / REAL_FILE
    if n <= 0 or not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [(k, r.get(REAL_COLUMN) or "") for k, r in enumerate(csv.DictReader(fh), 2)]
    random.Random(seed).shuffle(rows)
    chosen = []
    for line, text in rows:
        text = " ".join(text.split())
        if not 60 <= len(text) <= 1200:
            continue
        v = check_label(text).verdict
        if v.status == "wait" and any(i.role == "irritant" for i in v.ingredients):
            chosen.append((f"{REAL_FILE}:{line}", f"Ingredients: {text}"))
            if len(chosen) == n:
                break
    return chosen


# -- engines ----------------------------------------------------------------------------------------

class RapidOCROnnxruntime:
    """The candidate measured against: rapidocr-onnxruntime 1.x (PP-OCRv4 models in its wheel, Python
    < 3.13). Run the bench with ``--engine rapidocr-onnxruntime`` in a venv where it is installed; it
    returns lines, not words, so each line is one word for the layout."""

    name = "rapidocr-onnxruntime"

    def __init__(self) -> None:
        from importlib.metadata import version  # noqa: PLC0415

        from rapidocr_onnxruntime import RapidOCR  # noqa: PLC0415

        self.version = version("rapidocr-onnxruntime")
        self._engine = RapidOCR()

    def words(self, image):
        import numpy as np  # noqa: PLC0415

        from ingredient_check.layout import Word  # noqa: PLC0415

        result, _ = self._engine(np.asarray(image)[:, :, ::-1].copy())  # it takes BGR arrays
        return [Word(text, float(score), tuple(tuple(map(float, p)) for p in box)) for box, text, score in result or ()]


def get_engine(name: str):
    if name == "rapidocr-onnxruntime":
        return RapidOCROnnxruntime()
    from ingredient_check.ocr import get_engine as default  # noqa: PLC0415

    return default()


# -- measuring ------------------------------------------------------------------------------------

def recognised(verdict) -> tuple[Counter, Counter]:
    items = Counter(i.inci or i.name for i in verdict.ingredients if i.role != "unknown")
    irritants = Counter(i.inci or i.name for i in verdict.ingredients if i.role == "irritant")
    return items, irritants


def earlier(image_verdict, text_verdict) -> bool:
    """The photo says "safe" sooner than the text does."""
    if image_verdict.status != "wait":
        return False  # avoid, unreadable, no list: no date at all
    if text_verdict.status != "wait":
        return text_verdict.status == "avoid"
    return (image_verdict.safe_after_hours or 0) < (text_verdict.safe_after_hours or 0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--real", type=int, default=8, help="real lists to render when eval-data is present")
    ap.add_argument("--conditions", default=",".join(CONDITIONS))
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--engine", choices=["rapidocr", "rapidocr-onnxruntime"], default="rapidocr")
    ap.add_argument("--detect-side", type=int, help="the detector's input size (default: ocr.DETECT_SIDE)")
    args = ap.parse_args(argv)

    from ingredient_check.photo import check_image  # noqa: PLC0415

    if args.detect_side:
        from ingredient_check import ocr  # noqa: PLC0415

        ocr.DETECT_SIDE = args.detect_side
    t = time.perf_counter()
    engine = get_engine(args.engine)
    print(f"engine: {engine.name} {engine.version}, loaded in {time.perf_counter() - t:.2f} s")
    labels = project_labels() + real_labels(args.shared, args.real)
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
    print(f"labels: {len(labels)} ({len(project_labels())} written for the project)")
    options = Options()
    direct = {name: check_label(text, options).verdict for name, text in labels}
    print(f"{'condition':<15} {'items':>7} {'irritants':>10} {'earlier':>8} {'low-conf':>9} {'s/image':>8}  target")
    with tempfile.TemporaryDirectory() as tmp:
        for cond in args.conditions.split(","):
            make = CONDITIONS[cond]
            found_items = total_items = found_irr = total_irr = n_earlier = words = low = 0
            times = []
            for name, text in labels:
                path = Path(tmp) / f"{cond}.png"
                make(text).save(path)
                t = time.perf_counter()
                report, image = check_image(path, options, engine=engine)
                times.append(time.perf_counter() - t)
                want_items, want_irr = recognised(direct[name])
                got_items, got_irr = recognised(report.verdict)
                found_items += sum((want_items & got_items).values())
                total_items += sum(want_items.values())
                found_irr += sum((want_irr & got_irr).values())
                total_irr += sum(want_irr.values())
                words += len(image.read.words)
                low += len(image.read.low_confidence())
                if earlier(report.verdict, direct[name]):
                    n_earlier += 1
                    print(f"  EARLIER {cond} {name}: {report.verdict.safe_after_hours} h vs "
                          f"{direct[name].safe_after_hours} h")
                if args.show_misses and want_irr - got_irr:
                    print(f"  missed {cond} {name}: {sorted((want_irr - got_irr).elements())}")
            irr = found_irr / total_irr if total_irr else 1.0
            target = TARGETS.get(cond)
            verdict = "" if target is None else f">= {target:.0%} {'met' if irr >= target else 'NOT MET'}"
            print(f"{cond:<15} {found_items / total_items:>7.1%} {irr:>10.1%} {n_earlier:>8} "
                  f"{low / max(words, 1):>9.1%} {statistics.median(times):>8.2f}  {verdict}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
