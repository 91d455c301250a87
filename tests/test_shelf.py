"""The shelf: real CSV dialects and encodings, one record per data row in input order, the output
contracts, --jobs, exit codes and golden outputs for samples/shelf.csv.

Golden files live in tests/golden/shelf/. Regenerate them after an intended change with

    REGEN_GOLDEN=1 pytest tests/test_shelf.py -k golden

then read the diff (git diff tests/golden/shelf) before committing it. Without REGEN_GOLDEN the
tests compare against the committed files.
"""

from __future__ import annotations

import csv
import io
import json
import os

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingredient_check.cli import main
from ingredient_check.errors import InputError
from ingredient_check.fold import strip_invisible
from ingredient_check.shelf import (
    CSV_COLUMNS,
    Limits,
    ShelfReader,
    check_shelf,
    find_columns,
    map_product_type,
    sniff_delimiter,
)
from ingredient_check.timeline import Options

from .conftest import ROOT, SAMPLES

GOLDEN = ROOT / "tests" / "golden" / "shelf"
SHELF = SAMPLES / "shelf.csv"
BLAND = "Aqua, Glycerin, Panthenol"
RETINOL = "Aqua, Glycerin, Retinol, Tocopherol"


def run(*args, input=None):
    return CliRunner().invoke(main, ["shelf", *map(str, args)], input=input, catch_exceptions=False)


def records(data: bytes | str, **kw):
    if isinstance(data, str):
        data = data.encode("utf-8")
    kw.setdefault("options", Options())
    return list(check_shelf(io.BytesIO(data), **kw))


def write(tmp_path, data: bytes | str, name="shelf.csv"):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return p


# --- dialects and encodings ------------------------------------------------------------------

DIALECTS = {
    "utf8-bom-crlf": b'\xef\xbb\xbfname,ingredients\r\n"Cr\xc3\xa8me riche","Aqua, Glycerin, Retinol"\r\nGel,"Aqua, Glycerin, Panthenol"\r\n',
    "cp1252-semicolon": b'Name;Ingredients\r\nCr\xe8me de nuit;Aqua, Glycerin, Retinol\r\nGel;Aqua, Glycerin, Panthenol\r\n',
    "quoted-newlines": b'name,ingredients\n"Cr\xc3\xa8me\nriche","Aqua,\nGlycerin,\r\nRetinol"\n"Gel","Aqua, Glycerin, Panthenol"\n',
    "tab": b'product\tinci\nCr\xc3\xa8me riche\tAqua, Glycerin, Retinol\nGel\tAqua, Glycerin, Panthenol\n',
    "list-string": b'title,clean_ingreds\nCr\xc3\xa8me riche,"[\'aqua (water\', \' eau)\', \' glycerin\', \' retinol\']"\nGel,"[\'aqua\', \'glycerin\', \'panthenol\']"\n',
    "utf16-excel-unicode-text": "name\tingredients\r\nCrème riche\tAqua, Glycerin, Retinol\r\nGel\tAqua, Glycerin, Panthenol\r\n".encode("utf-16"),
    "cr-only-old-mac": b'name,ingredients\r"Cr\xc3\xa8me riche","Aqua, Glycerin, Retinol"\rGel,"Aqua, Glycerin, Panthenol"\r',
    "excel-sep-line": b'sep=;\nname;ingredients\nCr\xc3\xa8me riche;Aqua, Glycerin, Retinol\nGel;Aqua, Glycerin, Panthenol\n',
    "no-final-newline": b'name,ingredients\nCr\xc3\xa8me riche,"Aqua, Glycerin, Retinol"\nGel,"Aqua, Glycerin, Panthenol"',
}


@pytest.mark.parametrize("dialect", sorted(DIALECTS))
def test_every_dialect_reads_the_same_two_products(dialect):
    recs = records(DIALECTS[dialect])
    assert [r.row for r in recs] == [1, 2]
    assert recs[0].product.replace("\n", " ") in ("Crème riche", "Crème de nuit")
    assert [r.status for r in recs] == ["ok", "ok"]
    assert recs[0].safe_after_hours == 168 and "RETINOL" in recs[0].deciding
    assert recs[1].safe_after_hours == 24 and recs[1].deciding == ()


def test_cp1252_is_read_line_by_line_with_one_warning():
    warnings = []
    data = "name,ingredients\nCrème,\"Aqua, Glycerin\"\nSérum,\"Aqua, Retinol\"\nPlain,Aqua\n".encode("cp1252")
    recs = records(data, warn=warnings.append)
    assert [r.product for r in recs] == ["Crème", "Sérum", "Plain"]
    assert len(warnings) == 1 and "Windows-1252" in warnings[0] and "line 2" in warnings[0]


def test_a_file_mixing_utf8_and_cp1252_lines_reads_both():
    data = 'name,ingredients\nCrème,Aqua\n'.encode("utf-8") + 'Crème,Aqua\n'.encode("cp1252")
    assert [r.product for r in records(data)] == ["Crème", "Crème"]


def test_bytes_cp1252_leaves_undefined_are_kept_not_lost():
    recs = records(b"name,ingredients\nA\x81B,Aqua\n")
    assert recs[0].product == "A\x81B" and recs[0].status == "ok"


def test_forced_encoding_and_an_undecodable_line_is_that_rows_error():
    data = "name,ingredients\nCrème,Aqua\n".encode("latin-1")
    assert records(data, encoding="latin-1")[0].product == "Crème"
    recs = records(b"name,ingredients\nOK,Aqua\nBad \xe8,Aqua\nOK2,Aqua\n", encoding="utf-8")
    assert [r.status for r in recs] == ["ok", "error", "ok"]
    assert "cannot be decoded as utf-8" in recs[1].error and "line 3" in recs[1].error


def test_unknown_encoding_is_a_usage_error():
    with pytest.raises(InputError, match="unknown encoding"):
        records(b"name,ingredients\nA,Aqua\n", encoding="no-such-codec")


def test_sniffer_prefers_the_delimiter_that_fits_the_rows():
    assert sniff_delimiter(["name;ingredients\n", 'A;"Aqua, Glycerin, Retinol"\n']) == ";"
    assert sniff_delimiter(["name,ingredients\n", '"A","Aqua; Glycerin; Retinol"\n']) == ","
    assert sniff_delimiter(["name\tingredients\n", "A\tAqua, Glycerin; Retinol\n"]) == "\t"
    assert sniff_delimiter(["ingredients\n", '"Aqua, Glycerin"\n']) == ","


# --- nothing lost: one record per row ---------------------------------------------------------

def test_empty_garbage_and_ragged_rows_are_kept_in_order():
    data = (
        "name,type,ingredients\n"
        f'Good,serum,"{RETINOL}"\n'
        "Empty,serum,\n"
        "Blank cell,serum,   \n"
        "No info,serum,No Info\n"
        "Boutique,serum,Visit the Aurelle boutique\n"
        "Gibberish,serum,qwxz plorf vrrk\n"
        "Too few,serum\n"
        f"Too many,serum,{BLAND}\n"
        ",,\n"
        "\n"
        f'Last,serum,"{BLAND}"\n'
    )
    recs = records(data)
    assert [r.row for r in recs] == list(range(1, 11))
    assert [r.product for r in recs] == ["Good", "Empty", "Blank cell", "No info", "Boutique", "Gibberish",
                                         "Too few", "Too many", "", "Last"]
    by = {r.product: r for r in recs}
    assert by["Good"].status == "ok" and by["Last"].status == "ok"
    assert by["Empty"].status == "error" and "empty" in by["Empty"].error
    assert by["Blank cell"].status == "error"
    for name in ("No info", "Boutique"):
        assert by[name].status == "ok" and by[name].check_status == "no_list"
    assert by["Gibberish"].status == "ok" and by["Gibberish"].check_status == "unreadable"
    assert by["Gibberish"].safe_after_hours is None
    assert "2 cells but the header has 3" in by["Too few"].error
    assert "5 cells but the header has 3" in by["Too many"].error and "quote" in by["Too many"].error
    assert recs[8].error == "empty row"
    assert [r.line for r in recs] == [2, 3, 4, 5, 6, 7, 8, 9, 10, 12]


def test_limits_make_row_errors_not_a_failed_run():
    long_list = ", ".join(["Glycerin"] * 60)
    data = f'name,ingredients\nA,"{BLAND}"\nBig,"{long_list}"\nC,"{BLAND}"\n'
    recs = records(data, limits=Limits(max_bytes=200))
    assert [r.status for r in recs] == ["ok", "error", "ok"]
    assert "--max-bytes" in recs[1].error
    recs = records(data, limits=Limits(max_items=50))
    assert [r.status for r in recs] == ["ok", "error", "ok"] and "--max-items" in recs[1].error


def test_a_cell_over_the_csv_field_limit_is_one_error_row():
    huge = "Aqua, " * 60_000  # 360 KB: over the reader's field limit at --max-bytes 1000
    data = f'name,ingredients\nA,"{BLAND}"\nHuge,"{huge}"\nC,"{BLAND}"\n'
    recs = records(data, limits=Limits(max_bytes=1000))
    assert [(r.product, r.status) for r in recs] == [("A", "ok"), (None, "error"), ("C", "ok")]
    assert "over" in recs[1].error


def test_a_physical_line_over_the_cap_is_skipped_without_holding_it():
    huge = "x" * 700_000  # over the line cap at --max-bytes 1000 (4 * 131072 + 65536 bytes)
    data = f'name,ingredients\nA,"{BLAND}"\nHuge,{huge}\nC,"{BLAND}"\n'
    recs = records(data, limits=Limits(max_bytes=1000))
    assert [r.status for r in recs] == ["ok", "error", "ok"]
    assert "line 3 is over" in recs[1].error and recs[2].product == "C"


def test_nul_in_a_later_row_is_that_rows_error():
    recs = records(b"name,ingredients\nA,Aqua\nB,Aq\x00ua\nC,Aqua\n")
    assert [r.status for r in recs] == ["ok", "error", "ok"] and "NUL" in recs[1].error


_CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
_ROW = st.tuples(_CELL, st.one_of(_CELL, st.sampled_from([BLAND, RETINOL, "No Info", "", "Aqua; Retinol"])))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(_ROW, max_size=12), delimiter=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig"]), crlf=st.booleans())
def test_property_one_record_per_row_in_order(rows, delimiter, encoding, crlf):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if crlf else "\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["name", "ingredients"])
    writer.writerows(rows)
    recs = records(buf.getvalue().encode(encoding))
    assert [r.row for r in recs] == list(range(1, len(rows) + 1))
    assert [r.product for r in recs] == [name.strip() for name, _ in rows]
    for rec, (_, text) in zip(recs, rows):
        assert rec.status in ("ok", "error")
        # a cell of invisible characters only (a soft hyphen, a zero-width space) is empty, as a pasted one is
        assert (rec.status == "error") == (not strip_invisible(text).strip())


# --- columns ------------------------------------------------------------------------------------

def test_columns_are_found_by_header_case_and_spacing_insensitive():
    c = find_columns(("  Brand ", "Product Name", "Price", "INGREDIENTS_LIST", "productType"))
    assert (c.name, c.ingredients, c.type, c.width) == (1, 3, 4, 5)
    c = find_columns(("Label", "Brand", "Name", "Price", "Ingredients"))  # Sephora's Kaggle export
    assert (c.name, c.ingredients, c.type) == (2, 4, 0)
    c = find_columns(("product_type", "clean_ingreds"), warn=lambda m: None)
    assert (c.name, c.ingredients, c.type) == (None, 1, 0)


def test_column_overrides_by_name_or_number_and_not_found_messages():
    headers = ("brand", "productName", "short_product_name", "ingredients_list")
    assert find_columns(headers, name_column="short_product_name").name == 2
    assert find_columns(headers, name_column="3", ingredients_column="4").name == 2
    with pytest.raises(InputError, match=r"--name-column 'nope'.*'brand', 'productName'"):
        find_columns(headers, name_column="nope")
    with pytest.raises(InputError) as exc:
        find_columns(("brand", "price", "description"))
    message = str(exc.value)
    assert "no ingredients column" in message and "'brand', 'price', 'description'" in message
    assert "\n" not in message


def test_duplicate_headers_use_the_first_and_warn():
    warnings = []
    c = find_columns(("name", "ingredients", "Ingredients "), warn=warnings.append)
    assert c.ingredients == 1
    assert len(warnings) == 1 and "2 times" in warnings[0]


def test_type_column_values_are_mapped_to_product_types():
    cases = {"Moisturizer": "moisturiser", "moisturiser": "moisturiser", "Sun protect": "sunscreen",
             "Face Mask": "mask", "Peel": "exfoliant", "Exfoliating Cleanser": "exfoliant", "Body Wash": "cleanser",
             "Cleansing Balm": "cleanser", "Treatment": "serum", "Eye cream": "moisturiser", "Mist": "toner",
             "self tanner": "self-tanner", "Gradual Tan Lotion": "self-tanner", "Foundation": "makeup",
             "Tinted Moisturiser": "makeup", "Bath Salts": None, "": None, None: None, "other": "other"}
    assert {k: map_product_type(k) for k in cases} == cases


def test_the_type_column_changes_the_verdict():
    data = f'name,category,ingredients\nTan,Self Tan,"{BLAND}"\nNone,,"{BLAND}"\n'
    tan, plain = records(data)
    assert tan.product_type == "self-tanner" and tan.safe_after_hours == 336
    assert plain.product_type is None and plain.safe_after_hours == 24


def test_a_product_repeated_verbatim_gets_the_same_record():
    data = "name,type,ingredients\n" + "".join(f'P{i},serum,"{RETINOL}"\n' for i in range(5))
    recs = records(data, fmt="jsonl")
    bodies = {json.dumps({k: v for k, v in json.loads(r.json).items() if k not in ("row", "line", "product")})
              for r in recs}
    assert len(bodies) == 1 and [r.product for r in recs] == [f"P{i}" for i in range(5)]


# --- the command ----------------------------------------------------------------------------------

def test_jsonl_contract(tmp_path):
    p = write(tmp_path, f'name,ingredients\nA,"{RETINOL}"\nB,\nC,Visit the X boutique\n')
    r = run(p, "--format", "jsonl", "--treated-on", "2026-11-20")
    assert r.exit_code == 0 and r.stderr == ""
    rows = [json.loads(line) for line in r.stdout.splitlines()]
    assert [d["row"] for d in rows] == [1, 2, 3]
    assert [d["status"] for d in rows] == ["ok", "error", "ok"]
    assert rows[0]["error"] is None and rows[0]["check_status"] == "wait"
    assert rows[0]["safe_after_hours"] == 168 and rows[0]["safe_on"] == "2026-11-27"
    assert rows[0]["deciding"][0]["inci"] == "RETINOL" and rows[0]["ingredients"]
    assert rows[1]["error"] == "the ingredients cell is empty" and rows[1]["check_status"] is None
    assert rows[2]["check_status"] == "no_list"
    assert list(rows[0]) == list(rows[1]) == list(rows[2])  # the same keys, in the same order
    assert list(rows[0])[:6] == ["row", "line", "product", "status", "error", "check_status"]


def test_csv_contract_and_output_file(tmp_path):
    p = write(tmp_path, f'name;ingredients\nA;"{RETINOL}"\nB;\n')
    out = tmp_path / "verdicts.csv"
    r = run(p, "--format", "csv", "--output", out, "--treated-on", "2026-11-20")
    assert r.exit_code == 0 and r.stdout == ""
    assert "2 products" in r.stderr and str(out) in r.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert list(rows[0]) == CSV_COLUMNS
    assert set(CSV_COLUMNS) >= {"row", "product", "status", "safe_after_hours", "safe_on", "irritants", "soothing",
                                "unknown_count", "error"}
    assert rows[0]["safe_after_hours"] == "168" and rows[0]["safe_on"] == "2026-11-27"
    assert rows[0]["irritants"] == "RETINOL" and rows[0]["status"] == "ok" and rows[0]["error"] == ""
    assert rows[1]["status"] == "error" and rows[1]["safe_after_hours"] == ""
    assert not [f for f in os.listdir(tmp_path) if f.endswith(".tmp")]


def test_table_summary_goes_to_stderr_and_stdin_works():
    data = f'name,ingredients\nA,"{RETINOL}"\nB,\n'
    r = run("-", input=data.encode())
    assert r.exit_code == 0
    assert "A" in r.stdout and "day 7" in r.stdout and "not medical advice" in r.stdout
    assert r.stderr.strip() == ("ingredient-check: 2 products: 1 need a longer wait (up to 7 days), 0 only the basic "
                                "wait, 0 cannot tell (too much not recognised), 1 error")


@pytest.mark.parametrize("rows, says", [
    # a label mostly unread that still names retinol: not before its 7 days, whatever the rest is
    (['"Moonlit Frobble, Velvet Quux Complex, Retinol, Starlit Zanth, Dewdrop Blorple"'],
     "1 cannot tell (too much not recognised; not before 7 days)"),
    (['"Moonlit Frobble, Velvet Quux Complex, Retinol, Starlit Zanth, Dewdrop Blorple"',
      '"Moonlit Frobble, Velvet Quux Complex, Starlit Zanth"',
      '"Moonlit Frobble, Velvet Quux Complex, Dihydroxyacetone, Starlit Zanth, Dewdrop Blorple"'],
     "3 cannot tell (too much not recognised; 2 of them not before 7 days to 14 days)"),
    (['"Moonlit Frobble, Velvet Quux Complex, Starlit Zanth"'], "1 cannot tell (too much not recognised)"),
], ids=["one-bounded", "two-bounded-of-three", "unbounded"])
def test_summary_says_how_long_the_unreadable_products_surely_wait(tmp_path, rows, says):
    p = write(tmp_path, "name,ingredients\n" + "".join(f"P{k},{r}\n" for k, r in enumerate(rows)))
    r = run(p, "--format", "csv", "--output", tmp_path / "out.csv")
    assert r.exit_code == 0 and says in r.stderr, r.stderr


def test_the_summary_wraps_at_words_on_a_terminal_and_stays_one_line_for_a_log(tmp_path, monkeypatch):
    """At 80 columns the terminal cut the summary mid-word ("the ba" / "sic wait")."""
    import ingredient_check.cli_shelf as cli_shelf

    rows = ['"Moonlit Frobble, Velvet Quux Complex, Retinol, Starlit Zanth, Dewdrop Blorple"', '"Aqua, Glycerin"']
    p = write(tmp_path, "name,ingredients\n" + "".join(f"P{k},{r}\n" for k, r in enumerate(rows)))
    log = run(p, "--format", "csv", "--output", tmp_path / "out.csv").stderr.strip()
    assert "\n" not in log and "1 cannot tell" in log and len(log) > 80
    monkeypatch.setattr(cli_shelf, "is_terminal", lambda stream: True)
    monkeypatch.setenv("COLUMNS", "80")
    shown = run(p, "--format", "csv", "--output", tmp_path / "out.csv").stderr.rstrip("\n").split("\n")
    assert len(shown) > 1 and all(len(line) <= 80 for line in shown)
    assert " ".join(line.strip() for line in shown) == log  # every word whole, none lost


def test_jobs_2_gives_the_same_output_as_jobs_1(tmp_path):
    with SHELF.open(encoding="utf-8", newline="") as fh:
        sample = list(csv.reader(fh))
    rows = [["name", "type", "ingredients"]]
    for i in range(300):  # several chunks, with typos, errors and repeats
        name, kind, text = sample[1 + i % (len(sample) - 1)]
        if i % 7 == 0:
            text = text.replace("Glycerin", "Glycerine").replace("Retinol", "Retinoll")
        if i % 31 == 0:
            text = ""
        rows.append([f"{name} #{i}", kind, text])
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    p = write(tmp_path, buf.getvalue())
    one = run(p, "--format", "jsonl", "--jobs", "1", "--treated-on", "2026-11-20")
    two = run(p, "--format", "jsonl", "--jobs", "2", "--treated-on", "2026-11-20")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout.count("\n") == 300
    assert one.stdout == two.stdout


@pytest.mark.parametrize(("content", "args", "message"), [
    (None, [], "no such file"),
    (b"", [], "is empty"),
    (b"\xef\xbb\xbf\r\n\r\n", [], "is empty"),
    (b"PK\x03\x04\x14\x00", [], "spreadsheet workbook"),
    (b"\x00\x01\x02name", [], "looks binary"),
    (b"brand,price\nA,3\n", [], "the headers found are: 'brand', 'price'"),
    (b"name,ingredients\nA,Aqua\n", ["--ingredients-column", "inci_text"], "no such column"),
    (b"name,ingredients\nA,Aqua\n", ["--today", "2026-11-24"], "--today needs --treated-on"),
    (b"name,ingredients\nA,Aqua\n", ["--ics", "x.ics"], "--ics needs --treated-on"),
    (b"name,ingredients\nA,Aqua\n", ["--plan", "--format", "csv"], "--plan and --today"),
    (b"name,ingredients\nA,Aqua\n", ["--treated-on", "20/11/2026"], "not a date"),
    (b"name,ingredients\nA,Aqua\n", ["--rules", "missing-rules.toml"], "missing-rules.toml"),
])
def test_unusable_input_exits_2_with_one_line(tmp_path, content, args, message):
    p = tmp_path / "in.csv" if content is None else write(tmp_path, content, "in.csv")
    r = run(p, *args)
    assert r.exit_code == 2, r.output
    assert r.stdout == ""
    assert message in r.stderr and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_header_only_file_gives_zero_records_and_exit_0(tmp_path):
    p = write(tmp_path, "name,ingredients\r\n")
    r = run(p, "--format", "csv")
    assert r.exit_code == 0 and r.stdout == ",".join(CSV_COLUMNS) + "\n"
    r = run(p, "--format", "jsonl")
    assert r.exit_code == 0 and r.stdout == ""
    r = run(p)
    assert r.exit_code == 0 and "no products" in r.stdout and "0 products" in r.stderr


def test_output_must_not_overwrite_the_input(tmp_path):
    p = write(tmp_path, "name,ingredients\nA,Aqua\n")
    r = run(p, "--format", "csv", "--output", p)
    assert r.exit_code == 2 and "overwrite the input" in r.stderr
    assert p.read_text() == "name,ingredients\nA,Aqua\n"


def test_an_internal_error_on_one_row_keeps_the_others_and_exits_1(tmp_path, monkeypatch):
    import ingredient_check.shelf as shelf_mod

    real = shelf_mod.RowChecker._check

    def flaky(self, text, product_type, type_value):
        if "Boom" in text:
            raise KeyError("boom")
        return real(self, text, product_type, type_value)

    monkeypatch.setattr(shelf_mod.RowChecker, "_check", flaky)
    p = write(tmp_path, f'name,ingredients\nA,"{BLAND}"\nB,"Aqua, Boom"\nC,"{BLAND}"\n')
    r = run(p, "--format", "csv")
    assert r.exit_code == 1
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [x["status"] for x in rows] == ["ok", "error", "ok"]
    assert "internal error" in rows[1]["error"] and "internal error on 1 row" in r.stderr


def test_help_has_examples():
    r = run("--help")
    assert r.exit_code == 0 and "ingredient-check shelf my-shelf.csv --treated-on 2026-11-20 --plan" in r.stdout


def test_reader_restores_the_csv_field_limit():
    before = csv.field_size_limit()
    with ShelfReader(io.BytesIO(b"name,ingredients\nA,Aqua\n"), max_bytes=10_000_000) as reader:
        assert csv.field_size_limit() == 20_000_000
        list(reader.rows())
    assert csv.field_size_limit() == before


# --- golden outputs for samples/shelf.csv -------------------------------------------------------

GOLDEN_RUNS = {
    "table.txt": ["--treated-on", "2026-11-20"],
    "shelf.csv": ["--format", "csv", "--treated-on", "2026-11-20"],
    "shelf.jsonl": ["--format", "jsonl", "--treated-on", "2026-11-20"],
    "plan.txt": ["--treated-on", "2026-11-20", "--today", "2026-11-24", "--plan"],
    "today.txt": ["--treated-on", "2026-11-20", "--today", "2026-11-24"],
    "table-no-date.txt": [],
}


@pytest.mark.parametrize("name", sorted(GOLDEN_RUNS))
def test_golden(name):
    r = run(SHELF, "--no-user-rules", *GOLDEN_RUNS[name])
    assert r.exit_code == 0, r.output
    path = GOLDEN / name
    if os.environ.get("REGEN_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(r.stdout_bytes)
    assert r.stdout_bytes == path.read_bytes()


def test_golden_sample_shelf_covers_every_row():
    assert (GOLDEN / "shelf.jsonl").read_text(encoding="utf-8").count("\n") == 14
    plan = (GOLDEN / "plan.txt").read_text(encoding="utf-8")
    assert "Day 14  Fri 4 Dec 2026" in plan and "-- today: Tue 24 Nov 2026, day 4 --" in plan


def test_a_trailing_delimiter_is_not_a_ragged_row():
    recs = records(f'name,ingredients\nA,"{BLAND}",\nB,"{BLAND}",,  \nC,"{BLAND}",x\n')
    assert [r.status for r in recs] == ["ok", "ok", "error"]


def test_blank_and_all_space_lines_are_not_rows():
    recs = records(f'name,ingredients\n\n   \nA,"{BLAND}"\n \t \n\nB,"{BLAND}"\n  \n')
    assert [(r.row, r.product, r.line) for r in recs] == [(1, "A", 4), (2, "B", 7)]


def test_a_batch_leaves_the_garbage_collector_as_it_found_it():
    """A shelf tunes the collector for its run (bench/README.md); a library caller gets it back."""
    import gc  # noqa: PLC0415

    before = gc.get_threshold()
    records = check_shelf(ROOT / "samples" / "shelf.csv")
    next(records)
    assert gc.get_threshold() != before and gc.get_freeze_count() > 0  # tuned while it runs
    rest = list(records)
    assert rest and gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_decided_by_names_three_and_counts_the_rest_once():
    from ingredient_check.shelf import Columns, RawRow, RowChecker  # noqa: PLC0415

    checker = RowChecker(Columns(1, 0, None, 2), Options())
    rec = checker(RawRow(1, 2, ("Toner", "Aqua, Parfum, Limonene, Linalool, LIMONENE, Citral, Geraniol")))
    # LIMONENE printed twice is one name; the three shown carry their category
    assert rec.decided_by == "Parfum (fragrance), Limonene (fragrance), Linalool (fragrance) +2 more"
    assert rec.deciding == ("PARFUM", "LIMONENE", "LINALOOL", "CITRAL", "GERANIOL")
