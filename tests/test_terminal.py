"""The terminal experience (issue 15): the paste prompt on a real pseudo-terminal, --color and
NO_COLOR, width-aware wrapping, snapshots of the table at 80 and 120 columns with and without colour,
the did-you-mean for a forgotten --file, input as people write it, and citations a person can follow.

Regenerate the snapshots after an intended change:  REGEN_GOLDEN=1 pytest tests/test_terminal.py
"""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
import time
import tomllib

import pytest
from click.testing import CliRunner

from ingredient_check.classify import get_classifier
from ingredient_check.cli import PASTE_PROMPT, main
from ingredient_check.data import lexicon_dir

from .conftest import ROOT, SAMPLES, assert_golden

GOLDEN = ROOT / "tests" / "golden" / "table"
LABELS = sorted(p.name for p in SAMPLES.glob("*.txt"))
ESC = "\x1b["
DATES = ["--treated-on", "2026-11-20", "--today", "2026-11-24"]


def run(*args, env=None, input=None):
    return CliRunner().invoke(main, ["check", "--no-user-rules", *map(str, args)], env=env, input=input)


# -- snapshots: 80 and 120 columns, with and without colour ------------------------------------------
@pytest.mark.parametrize("color", ["never", "always"])
@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("label", LABELS)
def test_table_snapshot(label, width, color):
    r = run("--file", SAMPLES / label, *DATES, "--color", color, env={"COLUMNS": str(width), "NO_COLOR": ""})
    assert r.exit_code == 0, r.output
    assert_golden(GOLDEN / f"{label.removesuffix('.txt')}-{width}{'-color' if color == 'always' else ''}.txt", r.stdout)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", r.stdout)
    assert (ESC in r.stdout) == (color == "always")
    for line in plain.splitlines():  # wrapped to the width; only a single word longer than a line may pass it
        assert len(line) <= width or " " not in line.strip(), line


@pytest.mark.parametrize("label", LABELS)
def test_wrapping_never_breaks_a_word(label):
    narrow = run("--file", SAMPLES / label, *DATES, env={"COLUMNS": "80"}).stdout
    wide = run("--file", SAMPLES / label, *DATES, env={"COLUMNS": "200"}).stdout
    assert narrow.split() == wide.split()  # the same words, only the line breaks differ


def test_colour_means_one_thing():
    safe = run("--file", SAMPLES / "hydrating-serum.txt", *DATES, "--color", "always").stdout
    later = run("--file", SAMPLES / "retinol-night-cream.txt", *DATES, "--color", "always").stdout
    assert safe.startswith("\x1b[32m\x1b[1mSafe now")  # green: may use now
    assert later.startswith("\x1b[33m\x1b[1mNot yet")  # yellow: not yet, with the date
    unreadable = run("Xqzv, Blorf Wibble, Plonk Zarg", "--color", "always").stdout
    assert unreadable.startswith("\x1b[31m\x1b[1mCannot tell")  # red: cannot tell


@pytest.mark.parametrize(("env", "args", "coloured"), [
    ({"NO_COLOR": "1"}, ["--color", "auto"], False),
    ({"NO_COLOR": "1"}, ["--color", "always"], True),  # an explicit choice wins over the environment
    ({}, ["--color", "never"], False),
    ({}, [], False),  # auto, and CliRunner's stdout is not a terminal
], ids=["no-color-env", "always-beats-env", "never", "auto-not-a-tty"])
def test_color_option_and_no_color(env, args, coloured):
    r = run("--file", SAMPLES / "retinol-night-cream.txt", *args, env=env)
    assert r.exit_code == 0 and (ESC in r.stdout) == coloured


def _pty_run(args: list[str], send: bytes, env: dict[str, str], columns: int = 80) -> str:
    """Run the CLI on a pseudo-terminal (stdin, stdout and stderr a tty), type ``send``, return the screen."""
    pty = pytest.importorskip("pty")  # POSIX only
    termios = pytest.importorskip("termios")
    import fcntl  # noqa: PLC0415
    import struct  # noqa: PLC0415

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "ingredient_check", *args], stdin=slave, stdout=slave,
                            stderr=slave, env={**os.environ, **env}, close_fds=True)
    os.close(slave)
    out = b""
    deadline = time.monotonic() + 60
    sent = False
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                out += chunk
            if not sent and PASTE_PROMPT.encode() in out:
                os.write(master, send)
                sent = True
            if proc.poll() is not None and not ready:
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.close(master)
    return out.decode("utf-8", "replace").replace("\r\n", "\n")


def test_paste_prompt_on_a_terminal():
    screen = _pty_run(["check", "--no-user-rules"], b"Aqua, Glycerin, Retinol, Parfum\n\x04",
                      {"NO_COLOR": "", "INGREDIENT_CHECK_RULES": ""})
    assert PASTE_PROMPT in screen
    after = screen.split(PASTE_PROMPT, 1)[1]
    assert "Not yet" not in after and "Safe from 7 days after treatment." in after
    assert "retinoid (vitamin A): Retinol" in after
    assert ESC in after  # a terminal, NO_COLOR empty: colour


def test_no_color_on_a_terminal():
    screen = _pty_run(["check", "--no-user-rules", "-"], b"Aqua, Glycerin, Retinol\n\x04", {"NO_COLOR": "1"})
    assert PASTE_PROMPT in screen and "retinoid (vitamin A): Retinol" in screen and ESC not in screen


def test_piped_input_gets_no_prompt():
    r = run(input="Aqua, Glycerin, Retinol\n")
    assert r.exit_code == 0 and PASTE_PROMPT not in r.output


# -- a forgotten --file ------------------------------------------------------------------------------
def test_existing_file_name_as_label_says_did_you_mean(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "label.txt").write_text("Aqua, Retinol", encoding="utf-8")
    r = run("label.txt")
    assert r.exit_code == 2 and r.stdout == ""
    assert "did you mean --file label.txt?" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert "Not recognised" not in r.output


@pytest.mark.parametrize("arg", ["label.txt", "shelf.csv", "photo.jpg"])
def test_missing_file_name_as_label_is_refused_too(tmp_path, monkeypatch, arg):
    monkeypatch.chdir(tmp_path)
    r = run(arg)
    option = "--image" if arg.endswith(".jpg") else "--file"  # a photo of the label is read with --image
    assert r.exit_code == 2 and f"did you mean {option} {arg}?" in r.stderr and "no such file" in r.stderr


@pytest.mark.parametrize("label", ["Alcohol Denat.", "Glycerin", "Aqua, Glycerin, Retinol.", "Vitamin E 0.5"],
                         ids=["name-ending-in-full-stop", "one-word", "list", "number"])
def test_labels_that_are_not_file_names_are_checked(label, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Glycerin").write_text("x", encoding="utf-8")  # a file of that name does not make it a path
    r = run(label)
    assert r.exit_code == 0 and "did you mean" not in r.output


# -- the verdict at a glance ---------------------------------------------------------------------------
def test_depth_gives_a_clean_aligned_wait():
    out = run("Aqua, Retinol, Glycerin, Parfum, Alcohol Denat.", "--depth", "1.2").stdout
    assert not re.search(r"\d\.\d+ days|\d+ h\)", out)  # not "16.8 days (404 h)"
    assert re.match(r"Safe from \d+ days after treatment\.", out)
    waits = [line[:12] for line in out.splitlines() if re.match(r"^ +\d+ (days|hours)  ", line)]
    assert len(waits) >= 2 and all(w[10:] == "  " and w[:10].endswith(("days", "hours")) for w in waits)


def test_one_item_is_singular():
    assert "1 item:" in run("Retinol").stdout


def test_never_sits_above_keep_off_and_says_it_is_your_rule(tmp_path):
    rules = tmp_path / "r.toml"
    rules.write_text('[ingredients."Lanolin"]\navoid = true\nreason = "allergic"\n', encoding="utf-8")
    r = run("Aqua, Retinol, Lanolin", "--rules", rules)
    out = r.stdout
    assert out.index("Never, by your rules") < out.index("Keep off for now")
    assert "avoided by your rules: Lanolin" in out and "other active" not in out
    assert f"Your rules applied: {rules}" in " ".join(out.split())


def test_repeated_reasons_are_grouped_by_category():
    out = run("Aqua, Parfum, Linalool, Limonene, Citronellol, Geraniol, Coumarin").stdout
    assert out.count("Perfume materials are common contact allergens") == 1
    assert "fragrance, weak evidence: Parfum" in " ".join(out.split())


def test_check_shows_category_labels_not_ids():
    out = " ".join(run("Aqua, Ascorbic Acid, Salicylic Acid, Menthol, Walnut Shell Powder, Niacinamide").stdout.split())
    for label in ("vitamin C", "beta hydroxy acid (BHA)", "cooling or warming agent", "physical scrub",
                  "niacinamide (vitamin B3), weak evidence"):
        assert label in out
    for cid in ("vitamin_c", " bha", "sensate", "physical_exfoliant", "other active"):
        assert cid not in out


# -- input as people give it -----------------------------------------------------------------------------
@pytest.mark.parametrize(("given", "read"), [("moisturizer", "moisturiser"), ("Moisturiser", "moisturiser"),
                                             ("make-up", "makeup"), ("self tanner", "self-tanner")])
def test_type_spellings(given, read):
    r = run("Aqua, Glycerin", "--type", given, "--format", "json")
    assert r.exit_code == 0, r.output and json.loads(r.stdout)["product_type"] == read


def test_today_before_the_treatment():
    out = run("Aqua, Retinol", "--treated-on", "2026-11-20", "--today", "2026-11-10").stdout
    assert out.startswith("Not yet: your treatment has not happened yet (Fri 20 Nov 2026)")
    assert "Safe now" not in out


def test_check_output_file(tmp_path):
    target = tmp_path / "v.json"
    r = run("Aqua, Retinol", "--format", "json", "--output", target)
    assert r.exit_code == 0 and r.stdout == "" and f"wrote {target}" in r.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["safe_after_hours"] == 168
    bad = run("Aqua", "--output", tmp_path / "missing" / "v.txt")
    assert bad.exit_code == 2 and "does not exist" in bad.stderr


def test_ingredients_inci_header_is_found(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text('Product Name,Ingredients (INCI)\nCream,"Aqua, Retinol"\n', encoding="utf-8")
    r = CliRunner().invoke(main, ["shelf", str(p), "--no-user-rules", "--format", "csv"])
    assert r.exit_code == 0, r.output and ",168," in r.stdout


@pytest.mark.parametrize(("cmd", "fmt"), [(["explain", "retinol"], "text"), (["lexicon"], "text"),
                                          (["check", "Aqua"], "table"), (["explain", "retinol"], "table")])
def test_format_names_old_and_new(cmd, fmt):
    r = CliRunner().invoke(main, [*cmd, "--format", fmt])
    assert r.exit_code == 0, r.output


def test_version_and_help_summaries():
    r = CliRunner().invoke(main, ["--version"])
    assert r.exit_code == 0 and re.fullmatch(r"ingredient-check \d+\.\d+\.\d+\S*\n", r.output)
    help_text = CliRunner().invoke(main, ["--help"]).output
    commands = help_text.split("Commands:", 1)[1]
    assert "..." not in commands  # summaries are whole sentences, not cut off
    assert "_INGREDIENT_CHECK_COMPLETE" in help_text  # shell completion is documented
    assert "--format" in CliRunner().invoke(main, ["check", "--help"]).output
    check_help = CliRunner().invoke(main, ["check", "--help"]).output
    assert "table for people" in check_help


# -- citations a person can follow -------------------------------------------------------------------------
_PATHLIKE = re.compile(r"shared/|eval-data|seeds/|\.toml\b|\.csv\b|\.txt\b|GUIDE|annotation guide")


def test_every_source_is_a_title_a_publisher_and_an_address():
    sources = tomllib.loads((lexicon_dir() / "sources.toml").read_text(encoding="utf-8"))["sources"]
    for key, s in sources.items():
        assert s["title"].strip() and s["publisher"].strip(), key
        assert s.get("url", "").startswith("https://") or s.get("url_note"), key
        # an address recorded cut short ("...-after-instructions-", "…") opens nothing
        assert not re.search(r"[-…]$|\.\.\.", s.get("url", "")), (key, s.get("url"))
        for field in ("title", "publisher", "url", "also"):
            assert not _PATHLIKE.search(s.get(field) or ""), (key, field)


def test_sources_without_an_address_are_never_cited_alone():
    c = get_classifier()
    lists = [e["sources"] for e in c.entries.values()] + [cat["sources"] for cat in c.categories.values()]
    lists += [c.index["timeline"]["baseline"]["sources"]]
    for keys in lists:
        if any(not c.sources[k].get("url") for k in keys):
            assert any(c.sources[k].get("url") for k in keys), keys


def test_no_user_visible_source_or_note_is_a_path_over_the_whole_lexicon():
    """Every lexicon entry as a one-item label, in the table and the JSON, and through explain."""
    c = get_classifier()
    names = sorted({e["inci"] for e in c.entries.values() if e.get("inci")})
    label = ", ".join(names)
    r = run(label, "--max-items", "5000", env={"COLUMNS": "200"})
    assert r.exit_code == 0 and not _PATHLIKE.search(r.stdout), _PATHLIKE.search(r.stdout)
    j = run(label, "--max-items", "5000", "--format", "json")
    data = json.loads(j.stdout)
    assert not _PATHLIKE.search(json.dumps(data["sources"]))
    for name in ("niacinamide", "tretinoin", "kojic acid", "salix alba bark extract", "centella asiatica extract"):
        out = CliRunner().invoke(main, ["explain", name, "--no-user-rules"]).stdout
        assert not _PATHLIKE.search(out), (name, _PATHLIKE.search(out))


# -- the shelf's views in colour -----------------------------------------------------------------------------
@pytest.mark.parametrize("view", [[], ["--plan"], ["--today", "2026-11-24"]], ids=["table", "plan", "today"])
def test_shelf_views_colour_and_no_color(view):
    import datetime

    # the table colours against the real today: a treatment two days ago leaves 7-day waits to come
    # (a fixed date turned every row green once its 14 days had passed)
    treated = "2026-11-20" if view else (datetime.date.today() - datetime.timedelta(days=2)).isoformat()
    args = ["shelf", str(SAMPLES / "shelf.csv"), "--no-user-rules", "--treated-on", treated, *view]
    coloured = CliRunner().invoke(main, [*args, "--color", "always"], env={"NO_COLOR": ""}).stdout
    plain = CliRunner().invoke(main, args, env={"NO_COLOR": "1"}).stdout
    assert ESC in coloured and ESC not in plain
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain  # colour adds nothing but colour
    assert "\x1b[33m" in coloured  # yellow: not yet
    if view:
        assert "\x1b[31m" in coloured or "Never" not in plain  # red: never, cannot tell


def test_shelf_table_fits_the_width():
    r = CliRunner().invoke(main, ["shelf", str(SAMPLES / "shelf.csv"), "--no-user-rules"], env={"COLUMNS": "80"})
    assert r.exit_code == 0 and max(len(line) for line in r.stdout.splitlines()) <= 80


@pytest.mark.parametrize("text, width, indent", [
    ("Retinol (retinoid), Glycolic Acid (AHA)", 80, " " * 56),
    ("Retinol (retinoid), Glycolic Acid (AHA), Salicylic Acid (BHA) +2 more", 80, " " * 56),
    ("no irritant", 30, ""),
    ("  two leading spaces", 40, "  "),
    ("a trailing space ", 40, ""),
    ("a tab\tinside", 40, ""),
    ("a line\nbreak", 40, ""),
    ("a\xa0no-break space", 40, ""),
    ("exactly twenty chars", 20, ""),
    ("exactly twenty chars", 19, ""),
    ("", 10, "   "),
])
def test_wrap_is_textwrap_broken_at_spaces(text, width, indent):
    """style.wrap answers a line that fits without textwrap; the lines must be textwrap's own."""
    import textwrap

    from ingredient_check.style import wrap

    expected = textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent,
                             break_long_words=False, break_on_hyphens=False) or [indent.rstrip()]
    assert wrap(text, width, indent) == expected


def test_wrap_is_textwrap_on_any_text():
    import textwrap

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from ingredient_check.style import wrap

    @settings(max_examples=3000, deadline=None)
    @given(st.text(alphabet="ab .-()é\t\n\xa0", max_size=60), st.integers(1, 30), st.integers(0, 10),
           st.one_of(st.none(), st.integers(0, 12)))
    def agree(text, width, lead, sub):
        indent, subsequent = " " * lead, None if sub is None else " " * sub
        expected = textwrap.wrap(text, width=width, initial_indent=indent,
                                 subsequent_indent=indent if subsequent is None else subsequent,
                                 break_long_words=False, break_on_hyphens=False) or [indent.rstrip()]
        assert wrap(text, width, indent, subsequent) == expected

    agree()
