"""ocr: a photo of a label in, the label's text out (``check --image``, ``shelf --image-column``).

The optional extra ``ocr`` (``pip install 'ingredient-check[ocr]'``) brings the engine: RapidOCR 3
(PP-OCRv6 small detection and recognition models, ONNX, Apache-2.0) on onnxruntime, with Pillow to
read the image and pillow-heif for the HEIC photos phones save. Why this engine, with the figures:
the README's "Reading a label from a photo" and ``bench/ocr.py``. Nothing here is imported for a
pasted label: the CLI imports this module only when ``--image`` is given, and this module imports
the engine only when a photo is read.

Offline by construction: the three model files ship inside the rapidocr wheel, and the engine is
given their paths explicitly, so RapidOCR's download code (used when no path is given) never runs.
A missing model file is an installation problem, reported as such.

What phone photos do, and the rule each one taught us:

- Phones store the picture sideways and an EXIF orientation tag that says how to turn it: the tag is
  honoured before anything else.
- A 12-megapixel photo is far larger than the detector needs and slow to read: the image is scaled
  so that its long side is at most ``MAX_SIDE`` pixels.
- Transparent PNGs (screenshots, scans from apps) are put on white, as the label was printed.
- A file that is not an image, or one Pillow cannot decode, is bad input: one line, exit 2.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import InputError
from .layout import ReadText, Word, rebuild
from .read import open_input, shown_path

if TYPE_CHECKING:  # pragma: no cover
    from PIL import Image

__all__ = ["INSTALL_HINT", "MAX_IMAGE_BYTES", "MAX_SIDE", "ImageRead", "load_image", "read_image", "read_words",
           "get_engine"]

INSTALL_HINT = "reading a photo needs the OCR extra: pip install 'ingredient-check[ocr]'"
MAX_IMAGE_BYTES = 50_000_000  # a phone's HEIC is 2-5 MB, a PNG scan under 20 MB
MAX_SIDE = 2000  # pixels; the detector itself works at DETECT_SIDE, recognition on crops of this image
# the detector's input, long side: RapidOCR's 736 loses a label that fills a fraction of a photo
# (bench/ocr.py condition in-a-photo: 29% of irritants found at 736, 100% at 1280)
DETECT_SIDE = 1280
MIN_TEXT_SCORE = 0.2  # lines the engine is less sure of are still kept (and marked), not dropped


class ImageRead(NamedTuple):
    """What was read from one image: the rebuilt text with each word's confidence."""

    path: str
    engine: str
    read: ReadText
    size: tuple[int, int]  # the image's size as the engine saw it (upright, scaled)

    @property
    def text(self) -> str:
        return self.read.text


def _pillow():
    try:
        from PIL import Image, ImageOps  # noqa: PLC0415
    except ImportError:
        raise InputError(INSTALL_HINT) from None
    try:
        from pillow_heif import register_heif_opener  # noqa: PLC0415
    except ImportError:  # HEIC is an optional part of the extra: JPEG and PNG still read
        pass
    else:
        register_heif_opener()
    return Image, ImageOps


def load_image(path: str | os.PathLike) -> Image.Image:
    """The image at ``path``, upright (EXIF), RGB on white, its long side at most ``MAX_SIDE``."""
    Image, ImageOps = _pillow()
    shown = shown_path(path)
    with open_input(path, "an image") as fh:
        data = fh.read(MAX_IMAGE_BYTES + 1)
    if len(data) > MAX_IMAGE_BYTES:
        raise InputError(f"{shown} is over {MAX_IMAGE_BYTES // 1_000_000} MB: not a label photo")
    if not data:
        raise InputError(f"{shown} is empty: not an image")
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            img = ImageOps.exif_transpose(img)
    except Image.DecompressionBombError:
        raise InputError(f"{shown} is too many pixels to be a label photo") from None
    except (OSError, SyntaxError, ValueError, EOFError):  # UnidentifiedImageError is an OSError
        raise InputError(f"{shown} is not an image that can be read (JPEG, PNG or HEIC)") from None
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        img = img.convert("RGBA")
        background = Image.new("RGBA", img.size, "white")
        img = Image.alpha_composite(background, img)
    img = img.convert("RGB")
    if max(img.size) > MAX_SIDE:
        img.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    return img


class _RapidOCR:
    """RapidOCR 3 on onnxruntime, with the models of its own wheel (no download)."""

    name = "rapidocr"

    def __init__(self) -> None:
        try:
            import rapidocr  # noqa: PLC0415
            from rapidocr import RapidOCR  # noqa: PLC0415
        except ImportError:
            raise InputError(INSTALL_HINT) from None
        models = Path(rapidocr.__file__).parent / "models"
        paths = {
            "Det.model_path": models / "PP-OCRv6_det_small.onnx",
            "Rec.model_path": models / "PP-OCRv6_rec_small.onnx",
            "Cls.model_path": models / "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
        }
        missing = [p.name for p in paths.values() if not p.is_file()]
        if missing:
            raise InputError(f"the OCR models are missing from the installed rapidocr ({', '.join(missing)}): "
                             "reinstall with pip install --force-reinstall 'ingredient-check[ocr]'")
        from importlib.metadata import version  # noqa: PLC0415

        self.version = version("rapidocr")
        self._engine = RapidOCR(params={
            **{k: str(v) for k, v in paths.items()},
            "Global.log_level": "error",
            "Global.text_score": MIN_TEXT_SCORE,
            "Det.limit_type": "max",
            "Det.limit_side_len": DETECT_SIDE,
        })

    def words(self, image: Image.Image) -> list[Word]:
        result = self._engine(image, return_word_box=True)
        if not result.txts:
            return []
        words: list[Word] = []
        lines = result.word_results or ()
        for k, (text, score, box) in enumerate(zip(result.txts, result.scores, result.boxes)):
            parts = lines[k] if k < len(lines) else ()
            if parts and all(len(p) == 3 and p[2] is not None for p in parts):
                words.extend(Word(str(t), float(s), tuple(map(tuple, b))) for t, s, b in parts if str(t).strip())
            else:  # no word boxes (a vertical or very short line): the line as one word
                words.append(Word(str(text), float(score), tuple(tuple(map(float, p)) for p in box)))
        return words


_engine: _RapidOCR | None = None


def get_engine() -> _RapidOCR:
    """The engine, built once per process (loading the models takes about a second)."""
    global _engine  # noqa: PLW0603 - one engine per process, like the classifier
    if _engine is None:
        _engine = _RapidOCR()
    return _engine


def read_words(image: Image.Image, engine=None) -> list[Word]:
    return (engine or get_engine()).words(image)


def read_image(path: str | os.PathLike, engine=None) -> ImageRead:
    """Read the label in the image at ``path``. Raises InputError for a file that is not a readable
    image, and for a missing OCR extra (with the command that installs it)."""
    image = load_image(path)  # a file that is not an image fails before the engine loads
    engine = engine or get_engine()
    size = image.size
    return ImageRead(shown_path(path), engine.name, rebuild(engine.words(image)), size)
