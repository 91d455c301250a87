"""Reading a label from a photo (issue 17): ``check --image`` and ``shelf --image-column``.

The images are rendered here, with the renderer of ``bench/ocr.py`` (Pillow's own font, no system
font), small enough that the real engine reads each in about a second; one engine serves the whole
session. The layout rules (columns, wraps, hyphenation, skew) are also tested on word boxes built by
hand, without the engine, so that a failure says which rule broke.
"""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from ingredient_check import ocr
from ingredient_check.check import check_label
from ingredient_check.cli import main
from ingredient_check.layout import ReadText, Word, PlacedWord, rebuild
from ingredient_check.photo import ImageRead, check_image, marked_text
from ingredient_check.timeline import Options

REPO = Path(__file__).resolve().parents[1]


def _load_bench():
    spec = importlib.util.spec_from_file_location("bench_ocr", REPO / "bench" / "ocr.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


bench = _load_bench()


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="session")
def engine():
    return ocr.get_engine()


def irritants(verdict) -> list[str]:
    return sorted(i.inci for i in verdict.ingredients if i.role == "irritant")


# -- the layout rules, on word boxes built by hand ------------------------------------------------

def words_at(lines: list[str], x: float = 10, y: float = 10, pitch: float = 30, char: float = 10,
             angle_deg: float = 0.0, confidence: float = 0.99) -> list[Word]:
    """Words laid out as printed: one string per line, a space = one character, turned by angle_deg."""
    out = []
    a = math.radians(angle_deg)

    def turn(px, py):
        return (px * math.cos(a) - py * math.sin(a), px * math.sin(a) + py * math.cos(a))

    for k, line in enumerate(lines):
        at = 0
        for word in line.split(" "):
            if word:
                x0, y0 = x + at * char, y + k * pitch
                x1, y1 = x0 + len(word) * char, y0 + 20
                out.append(Word(word, confidence, (turn(x0, y0), turn(x1, y0), turn(x1, y1), turn(x0, y1))))
            at += len(word) + 1
    return out


LAYOUTS = [
    pytest.param(["Aqua, Glycolic Acid, Hamamelis", "Virginiana Water, Lactic", "Acid, Glycerin."],
                 "Aqua, Glycolic Acid, Hamamelis Virginiana Water, Lactic Acid, Glycerin.", id="name-broken-over-lines"),
    pytest.param(["Aqua, Glycerin, Phenoxy-", "ethanol, Retinol."],
                 "Aqua, Glycerin, Phenoxyethanol, Retinol.", id="printer-hyphen-dropped"),
    pytest.param(["Aqua, Glycerin, Coco-", "Glucoside, PEG-", "100 Stearate, Retinol."],
                 "Aqua, Glycerin, Coco-Glucoside, PEG-100 Stearate, Retinol.", id="name-hyphen-kept"),
    pytest.param(["Aqua, Caprylic/", "Capric Triglyceride, Retinol."],
                 "Aqua, Caprylic/Capric Triglyceride, Retinol.", id="slash-at-line-end"),
    pytest.param(["Aqua", "Glycerin", "Retinol", "Niacinamide"],
                 "Aqua\nGlycerin\nRetinol\nNiacinamide", id="one-item-per-line-keeps-line-ends"),
    pytest.param(["Aqua · Glycerin · Sodium", "Hyaluronate · Retinol"],
                 "Aqua · Glycerin · Sodium Hyaluronate · Retinol", id="bullets-are-separators-too"),
]


@pytest.mark.parametrize("lines,expected", LAYOUTS)
def test_layout_joins_lines_as_a_list_reads(lines, expected):
    assert rebuild(words_at(lines)).text == expected


@pytest.mark.parametrize("angle", [-4.0, 3.0, 6.0])
def test_layout_reads_a_turned_label_line_by_line(angle):
    lines = ["Ingredients: Aqua, Glycerin, Sodium", "Hyaluronate, Retinol, Tocopherol,", "Phenoxyethanol."]
    assert rebuild(words_at(lines, x=60, y=60, angle_deg=angle)).text == (
        "Ingredients: Aqua, Glycerin, Sodium Hyaluronate, Retinol, Tocopherol, Phenoxyethanol.")


def test_layout_reads_columns_one_after_the_other():
    left = words_at(["Ingredients: Aqua, Glycerin,", "Butylene Glycol, Retinol,", "Niacinamide,"])
    right = words_at(["Tocopherol, Sodium", "Hyaluronate, Xanthan", "Gum, Phenoxyethanol."], x=400)
    # the engine's order interleaves the two columns line by line
    mixed = [w for pair in zip(left, right) for w in pair] + left[len(right):] + right[len(left):]
    text = rebuild(mixed).text
    assert text == ("Ingredients: Aqua, Glycerin, Butylene Glycol, Retinol, Niacinamide,\n\n"
                    "Tocopherol, Sodium Hyaluronate, Xanthan Gum, Phenoxyethanol.")


def test_layout_a_taller_gap_starts_a_paragraph():
    words = words_at(["Ingredients: Aqua, Glycerin,", "Retinol."]) + words_at(["Directions: apply at night."], y=130)
    assert rebuild(words).text == "Ingredients: Aqua, Glycerin, Retinol.\n\nDirections: apply at night."


def test_layout_keeps_each_words_confidence_and_span():
    words = words_at(["Aqua, Glycerin, Phenoxy-"]) + [
        w._replace(confidence=0.41) for w in words_at(["ethanol, Retinal."], y=40)]
    read = rebuild(words)
    assert read.text == "Aqua, Glycerin, Phenoxyethanol, Retinal."
    for w in read.words:
        assert read.text[w.start:w.end] == w.text
    assert [(w.text, w.confidence) for w in read.low_confidence()] == [("ethanol,", 0.41), ("Retinal.", 0.41)]


def test_layout_of_nothing_is_empty():
    assert rebuild([]) == ReadText("", ())


def test_low_confidence_words_are_marked_in_the_text():
    read = ReadText("Aqua, Retinal, Glycerin", (PlacedWord("Aqua,", 0.99, 0, 5), PlacedWord("Retinal,", 0.52, 6, 14),
                                                PlacedWord("Glycerin", 0.97, 15, 23)))
    assert marked_text(ImageRead("x.png", "test", read, (10, 10))) == "Aqua, [Retinal,?] Glycerin"


class _Engine:
    """An engine that returns fixed words: what a real one returns for a worn label."""

    name = "fixed"

    def __init__(self, words):
        self._words = words

    def words(self, image):
        return self._words


def test_low_confidence_words_reach_the_report_and_the_check_unchanged(tmp_path):
    path = tmp_path / "worn.png"
    Image.new("RGB", (400, 100), "white").save(path)
    words = words_at(["Ingredients: Aqua, Glycerin,"]) + [
        w._replace(confidence=0.46) for w in words_at(["Retinal,"], y=40)] + words_at(["Tocopherol."], y=70)
    report, image = check_image(path, Options(), engine=_Engine(words))
    assert image.text == "Ingredients: Aqua, Glycerin, Retinal, Tocopherol."
    # the word goes into the check as read: Retinal is a retinoid, and it decides the wait
    assert irritants(report.verdict) == ["RETINAL"]
    assert any("low confidence: Retinal, (46%)" in w for w in report.verdict.warnings)
    from ingredient_check.photo import image_json

    low = image_json(report, image)["low_confidence"]
    assert low == [{"word": "Retinal,", "confidence": 0.46, "span": [29, 37], "item": "Retinal"}]


# -- images read by the real engine ---------------------------------------------------------------

LABELS = [
    pytest.param("Ingredients: Aqua (Water), Glycerin, Cetearyl Alcohol, Retinol, Niacinamide, Tocopherol, "
                 "Phenoxyethanol, Parfum (Fragrance), Linalool.", id="night-cream"),
    pytest.param("INGREDIENTS: AQUA, GLYCOLIC ACID, HAMAMELIS VIRGINIANA (WITCH HAZEL) WATER, GLYCERIN, "
                 "SODIUM HYDROXIDE, PANTHENOL, DISODIUM EDTA.", id="toner-in-capitals"),
    pytest.param("Ingredients: Water, Butylene Glycol, Glycerin, Sodium Hyaluronate, Allantoin, Panthenol, "
                 "Centella Asiatica Extract, Ethylhexylglycerin.", id="bland-serum"),
]


@pytest.mark.parametrize("label", LABELS)
def test_a_rendered_label_gives_the_texts_verdict(engine, tmp_path, label):
    path = tmp_path / "label.png"
    bench.render(label, 20, 44).save(path)
    report, image = check_image(path, Options(), engine=engine)
    text = check_label(label).verdict
    assert irritants(report.verdict) == irritants(text)
    assert (report.verdict.status, report.verdict.safe_after_hours) == (text.status, text.safe_after_hours)


def test_narrow_column_with_hyphenation_reads_whole_names(engine, tmp_path):
    label = ("Ingredients: Aqua, Propanediol, Phenoxyethanol, Ethylhexylglycerin, Hydroxyethylcellulose, "
             "Glycolic Acid, Sodium Hyaluronate.")
    lines = bench.wrap(label, 16, hyphenate=True)
    assert any(line.endswith("-") for line in lines)  # the render really breaks words
    path = tmp_path / "narrow.png"
    bench.render(label, 22, 16, hyphenate=True).save(path)
    report, image = check_image(path, Options(), engine=engine)
    for name in ("Phenoxyethanol", "Ethylhexylglycerin", "Hydroxyethylcellulose", "Glycolic Acid", "Sodium Hyaluronate"):
        assert name in image.text
    assert irritants(report.verdict) == ["GLYCOLIC ACID"]


def test_two_columns_are_read_in_order(engine, tmp_path):
    label = ("Ingredients: Aqua, Glycerin, Butylene Glycol, Niacinamide, Panthenol, Squalane, Tocopherol, "
             "Retinol, Xanthan Gum, Sodium Hyaluronate, Phenoxyethanol, Disodium EDTA.")
    path = tmp_path / "columns.png"
    bench.render(label, 20, 26, columns=2).save(path)
    report, image = check_image(path, Options(), engine=engine)
    names = [i.inci for i in report.verdict.ingredients]
    assert names == [i.inci for i in check_label(label).verdict.ingredients]


@pytest.mark.parametrize("orientation,turn", [(6, Image.Transpose.ROTATE_90), (8, Image.Transpose.ROTATE_270),
                                              (3, Image.Transpose.ROTATE_180)], ids=["exif-6", "exif-8", "exif-3"])
def test_exif_rotation_is_honoured(engine, tmp_path, orientation, turn):
    label = "Ingredients: Aqua, Glycerin, Retinol, Phenoxyethanol."
    upright = bench.render(label, 22, 40)
    stored = upright.transpose(turn)  # as a phone stores it: sideways pixels plus an orientation tag
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = tmp_path / "photo.jpg"
    stored.save(path, "JPEG", quality=92, exif=exif.tobytes())
    assert ocr.load_image(path).size == upright.size
    report, image = check_image(path, Options(), engine=engine)
    assert irritants(report.verdict) == ["RETINOL"]


def test_a_heic_photo_is_read(engine, tmp_path):
    from pillow_heif import register_heif_opener

    register_heif_opener()  # to write one here; ocr registers it to read
    path = tmp_path / "IMG_0042.HEIC"
    bench.render("Ingredients: Aqua, Glycerin, Retinol.", 22, 30).save(path, quality=90)
    report, image = check_image(path, Options(), engine=engine)
    assert irritants(report.verdict) == ["RETINOL"]


def test_a_large_photo_is_scaled(tmp_path):
    path = tmp_path / "big.png"
    Image.new("RGB", (4000, 3000), "white").save(path)
    assert max(ocr.load_image(path).size) == ocr.MAX_SIDE


def test_check_image_table_and_json(engine, tmp_path):
    path = tmp_path / "back.png"
    bench.render("Ingredients: Aqua, Glycerin, Retinol, Parfum.", 22, 40).save(path)
    r = run("check", "--image", str(path), "--treated-on", "2026-11-20", "--today", "2026-11-21")
    assert r.exit_code == 0
    assert r.output.startswith(f"Read from {path}:\n  Ingredients: Aqua, Glycerin, Retinol, Parfum.\n")
    assert "Not yet: safe from 7 days" in r.output and "Retinol" in r.output.split("Keep off for now")[1]
    d = json.loads(run("check", "--image", str(path), "--format", "json").output)
    assert d["status"] == "wait" and d["safe_after_hours"] == 168
    assert d["image"]["text"] == "Ingredients: Aqua, Glycerin, Retinol, Parfum."
    assert d["image"]["engine"] == "rapidocr" and isinstance(d["image"]["low_confidence"], list)


def test_a_photo_with_no_list_says_so_and_never_safe(engine, tmp_path):
    path = tmp_path / "photo.png"
    bench.render("Shake well before use. Keep out of reach of children.", 22, 40).save(path)
    r = run("check", "--image", str(path), "--treated-on", "2026-11-20")
    assert r.exit_code == 0
    assert "Safe" not in r.output and "safe from" not in r.output
    d = json.loads(run("check", "--image", str(path), "--format", "json").output)
    assert d["status"] in ("no_list", "unreadable") and d["safe_after_hours"] is None


def test_a_blank_photo_exits_2_saying_no_text_was_found(engine, tmp_path):
    path = tmp_path / "photo.png"
    Image.new("RGB", (600, 400), (235, 235, 230)).save(path)
    _one_line_exit_2(run("check", "--image", str(path)), str(path), "no text found in the image")


def _one_line_exit_2(r, *expected):
    assert r.exit_code == 2
    lines = r.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.output
    for text in expected:
        assert text in lines[0]


@pytest.mark.parametrize("content,expected", [
    (b"Aqua, Glycerin, Retinol\n", "is not an image that can be read"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "is not an image that can be read"),  # a truncated PNG
    (b"", "is empty"),
], ids=["text-file", "broken-png", "empty-file"])
def test_a_file_that_is_not_an_image_exits_2(tmp_path, content, expected):
    path = tmp_path / "label.png"
    path.write_bytes(content)
    _one_line_exit_2(run("check", "--image", str(path)), str(path), expected)


def test_a_missing_image_exits_2(tmp_path):
    _one_line_exit_2(run("check", "--image", str(tmp_path / "nope.jpg")), "no such file")


def test_a_photo_name_given_as_the_label_points_to_image():
    _one_line_exit_2(run("check", "back-of-bottle.jpg"), "did you mean --image back-of-bottle.jpg?")


def test_image_and_text_together_is_a_usage_error(tmp_path):
    _one_line_exit_2(run("check", "--image", str(tmp_path / "x.jpg"), "Aqua, Glycerin"), "not more than one")


@pytest.mark.parametrize("module", ["rapidocr", "PIL"])
def test_without_the_extra_image_says_how_to_install_it(tmp_path, monkeypatch, module):
    path = tmp_path / "label.png"
    bench.render("Ingredients: Aqua, Retinol.", 22, 30).save(path)
    monkeypatch.setattr(ocr, "_engine", None)
    monkeypatch.setitem(sys.modules, module, None)  # import fails as when the package is absent
    _one_line_exit_2(run("check", "--image", str(path)), "pip install 'ingredient-check[ocr]'")


def test_a_pasted_label_never_imports_the_engine():
    code = ("import sys; from ingredient_check.cli import main; sys.argv = ['ingredient-check', 'check', "
            "'Aqua, Glycerin, Retinol']\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in ('PIL', 'rapidocr', 'onnxruntime', 'cv2', 'ingredient_check.ocr') "
            "if m in sys.modules)\nprint('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert "HEAVY []" in out.stdout, out.stdout + out.stderr


def test_the_models_ship_inside_the_package(engine):
    import rapidocr

    models = Path(rapidocr.__file__).parent / "models"
    assert sorted(p.name for p in models.glob("*.onnx")) == [
        "PP-OCRv6_det_small.onnx", "PP-OCRv6_rec_small.onnx", "ch_ppocr_mobile_v2.0_cls_mobile.onnx"]


def test_reading_never_downloads(tmp_path, monkeypatch):
    """Offline by construction: a fresh engine reads a label with the network and RapidOCR's
    downloader both made to fail."""
    import socket

    from rapidocr.utils import download_file

    def refuse(*args, **kwargs):
        raise AssertionError("the OCR tried to reach the network")

    monkeypatch.setattr(download_file.DownloadFile, "run", classmethod(refuse))
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    path = tmp_path / "label.png"
    bench.render("Ingredients: Aqua, Retinol.", 22, 30).save(path)
    report, image = check_image(path, Options(), engine=ocr._RapidOCR())
    assert irritants(report.verdict) == ["RETINOL"]


# -- shelf --image-column -------------------------------------------------------------------------

def test_shelf_reads_photos_where_the_list_is_not_typed(engine, tmp_path):
    bench.render("Ingredients: Aqua, Glycerin, Retinol, Niacinamide, Phenoxyethanol.", 22, 32).save(
        tmp_path / "night.png")
    (tmp_path / "notes.txt").write_text("not a photo")
    (tmp_path / "shelf.csv").write_text(
        "name,ingredients,photo\n"
        "Night cream,,night.png\n"
        'Typed toner,"Aqua, Glycolic Acid, Glycerin",notes.txt\n'  # typed: the photo cell is not read
        "Broken,,notes.txt\n"
        "Lost,,gone.jpg\n")
    r = run("shelf", str(tmp_path / "shelf.csv"), "--image-column", "photo", "--format", "jsonl")
    assert r.exit_code == 0
    rows = [json.loads(line) for line in r.output.splitlines() if line.startswith("{")]
    night, toner, broken, lost = rows
    assert night["status"] == "ok" and night["safe_after_hours"] == 168
    assert sorted(d["inci"] for d in night["deciding"]) == ["NIACINAMIDE", "RETINOL"]
    assert toner["status"] == "ok" and [d["inci"] for d in toner["deciding"]] == ["GLYCOLIC ACID"]
    assert broken["status"] == "error" and "is not an image" in broken["error"]
    assert lost["status"] == "error" and "no such file" in lost["error"]


def test_shelf_of_photos_only_and_a_wrong_image_column(engine, tmp_path):
    bench.render("Ingredients: Aqua, Lactic Acid, Glycerin.", 22, 32).save(tmp_path / "peel.png")
    (tmp_path / "photos.csv").write_text("name,photo\nPeel,peel.png\n")
    r = run("shelf", str(tmp_path / "photos.csv"), "--image-column", "photo", "--format", "csv")
    assert r.exit_code == 0 and "LACTIC ACID" in r.output
    _one_line_exit_2(run("shelf", str(tmp_path / "photos.csv"), "--image-column", "picture"),
                     "--image-column 'picture': no such column")
