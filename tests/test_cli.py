"""The check command through click's CliRunner: output contract, exit codes, one-line errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ingredient_check.cli import main
from ingredient_check.lexicon import IRRITANT_CATEGORIES, SOOTHING_CATEGORIES

LABEL = "Aqua (Water), Glycerin, Retinol, Parfum/Fragrance, Cetyl Alcohol"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_table_default():
    r = run("check", LABEL)
    assert r.exit_code == 0
    assert "7 days" in r.output and "retinoid" in r.output and "fragrance" in r.output
    assert "Cetyl Alcohol" not in r.output.split("Keep off for now")[1].split("\n\n")[0]
    assert "not medical advice" in r.output
    assert r.output.count("not medical advice") == 1


def test_json_contract():
    r = run("check", "--format", "json", "--treated-on", "2026-11-20", LABEL)
    assert r.exit_code == 0
    d = json.loads(r.output)
    assert d["safe_after_hours"] == 168 and d["safe_on"] == "2026-11-27"
    assert isinstance(d["warnings"], list)
    assert [i["text"] for i in d["ingredients"]] == ["Aqua (Water)", "Glycerin", "Retinol", "Parfum/Fragrance", "Cetyl Alcohol"]
    for i in d["ingredients"]:
        assert set(i) >= {"text", "inci", "role", "category", "wait_hours", "match"}
        assert i["role"] in ("irritant", "soothing", "neutral", "unknown")
        assert i["category"] is None or i["category"] in IRRITANT_CATEGORIES + SOOTHING_CATEGORIES
        assert i["match"] in ("exact", "alias", "fuzzy", "none")
        assert i["wait_hours"] is None or isinstance(i["wait_hours"], int)
        if i["role"] == "irritant":
            assert i["reason"] and i["sources"]
    retinol = d["ingredients"][2]
    assert (retinol["inci"], retinol["role"], retinol["category"], retinol["wait_hours"]) == ("RETINOL", "irritant", "retinoid", 168)
    cetyl = d["ingredients"][4]
    assert (cetyl["role"], cetyl["category"], cetyl["wait_hours"]) == ("neutral", None, None)
    assert all(k in d["sources"] for k in retinol["sources"])


def test_json_safe_after_is_null_when_unreadable():
    r = run("check", "--format", "json", "Zorblax, Quintessence Frob, Glycerin")
    d = json.loads(r.output)
    assert r.exit_code == 0 and d["safe_after_hours"] is None and d["status"] == "unreadable"


def test_csv_one_row_per_ingredient():
    r = run("check", "--format", "csv", LABEL)
    lines = r.output.strip().splitlines()
    assert lines[0].startswith("position,text,inci,role,category,wait_hours,match")
    assert len(lines) == 1 + 5


def test_stdin_and_dash(tmp_path):
    assert json.loads(run("check", "--format", "json", "-", input=LABEL).output)["safe_after_hours"] == 168
    assert json.loads(run("check", "--format", "json", input=LABEL).output)["safe_after_hours"] == 168


def test_file(tmp_path):
    p = tmp_path / "label.txt"
    p.write_text("Ingredients: " + LABEL + "\nDirections: apply daily.", encoding="utf-8")
    d = json.loads(run("check", "--format", "json", "--file", str(p)).output)
    assert d["safe_after_hours"] == 168 and len(d["ingredients"]) == 5


def test_file_with_bom_and_crlf(tmp_path):
    p = tmp_path / "label.txt"
    p.write_bytes(b"\xef\xbb\xbfIngredients:\r\nAqua,\r\nRetinol\r\n")
    d = json.loads(run("check", "--format", "json", "--file", str(p)).output)
    assert [i["text"] for i in d["ingredients"]] == ["Aqua", "Retinol"]


def test_encoding_option_reads_cp1252(tmp_path):
    p = tmp_path / "label.txt"
    p.write_bytes("Aqua, Glycérine, Retinol".encode("cp1252"))
    assert run("check", "--file", str(p)).exit_code == 2
    d = json.loads(run("check", "--format", "json", "--encoding", "cp1252", "--file", str(p)).output)
    assert d["ingredients"][1]["text"] == "Glycérine"


BAD = [
    ("empty argument", ["check", ""], None, "empty"),
    ("whitespace only", ["check", "   \n\t "], None, "empty"),
    ("empty stdin", ["check", "-"], "", "empty"),
    ("missing file", ["check", "--file", "/nonexistent/label.txt"], None, "no such file"),
    ("bad date", ["check", "--treated-on", "20/11/2026", "Aqua"], None, "not a date"),
    ("depth out of range", ["check", "--depth", "5", "Aqua"], None, "outside 0.1 to 3.0"),
    ("unknown format", ["check", "--format", "xml", "Aqua"], None, "xml"),
    ("text and file", ["check", "--file", "x.txt", "Aqua"], None, "not both"),
    ("over max bytes", ["check", "--max-bytes", "10", "Aqua, Glycerin, Retinol"], None, "limit"),
    ("over max items", ["check", "--max-items", "2", "Aqua, Glycerin, Retinol"], None, "limit"),
]


@pytest.mark.parametrize("args,stdin,message", [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_exits_2_with_one_line(args, stdin, message):
    r = CliRunner().invoke(main, args, input=stdin)
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output
    err = r.stderr.strip()
    assert len(err.splitlines()) == 1 and message in err


def test_directory_binary_and_undecodable_files(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"Aqua\x00\x01\x02")
    (tmp_path / "latin.txt").write_bytes(b"Aqua, Glyc\xe9rine")
    for path, message in ((tmp_path, "directory"), (tmp_path / "bin.txt", "binary"), (tmp_path / "latin.txt", "UTF-8")):
        r = CliRunner().invoke(main, ["check", "--file", str(path)])
        assert r.exit_code == 2 and message in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_every_command_has_help_with_an_example():
    for name in main.list_commands(None):
        command = main.get_command(None, name)
        r = run(name, "--help")
        assert r.exit_code == 0 and command.help, name
        if name != "build-index":
            assert "ingredient-check " + name in r.output or "Example" in r.output, name


def test_internal_error_is_one_line_and_exit_1(monkeypatch):
    import ingredient_check.cli as cli

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "check_label", boom)
    r = CliRunner().invoke(main, ["check", "Aqua"])
    assert r.exit_code == 1
    assert "Traceback" not in r.output
    assert r.stderr.strip() == "ingredient-check: internal error: RuntimeError: boom (please report this)"


def test_bare_command_prints_help_and_exits_0():
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "ingredient_check"], capture_output=True, text=True)
    assert r.returncode == 0
    assert "Usage:" in r.stdout and "check" in r.stdout and r.stderr == ""
