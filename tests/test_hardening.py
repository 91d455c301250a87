"""Hostile and broken input (issue 8): a result or one clear line, exit 2, never a traceback or a hang.

Bounded time is shown by counting operations, not seconds: ``work()`` counts the Python-level calls
(ours and the C functions they call) while a label is checked, and the count for an input of size 2n
must stay under 2.5 times the count for n. A quadratic loop doubles that ratio to 4 whatever the
machine. A regular expression's backtracking happens inside one C call and is invisible to that
count, so the pathological inputs also run at full size (100,000 commas, a 1 MB item ...), sizes at
which the backtracking patterns this file pins (see the ids) ran for minutes to hours; a watchdog turns
such a hang into a failure naming the test instead of a stuck CI job. It is not a speed test: a pass
takes milliseconds, the watchdog fires at 60 s.
"""

from __future__ import annotations

import builtins
import json
import os
import re
import signal
import sys
import threading

import pytest
from click.testing import CliRunner

from ingredient_check.check import check_label
from ingredient_check.classify import get_classifier
from ingredient_check.cli import main
from ingredient_check.errors import InputError
from ingredient_check.parse import _MAX_NAME, _MAX_WORD, parse_label
from ingredient_check.read import MAX_ITEMS, MAX_LABEL_BYTES, check_label_text, decode_label, read_label_file

UNLIMITED = 10**9


class Hang(Exception):
    pass


@pytest.fixture(autouse=True)
def _watchdog():
    """Fail (not hang) when a case runs 60 s: it normally takes milliseconds."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def fire(signum, frame):
        raise Hang("still running after 60 s: catastrophic backtracking or quadratic work")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, float(os.environ.get("INGREDIENT_CHECK_WATCHDOG", "60")))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def assert_one_line_error(r, *words):
    assert r.exit_code == 2, (r.exit_code, r.output)
    assert "Traceback" not in r.output
    assert r.stdout == ""
    err = r.stderr.strip()
    assert err.startswith("ingredient-check: ") and len(err.splitlines()) == 1, err
    for w in words:
        assert w in err, (w, err)


def assert_report(r):
    assert r.exit_code == 0, (r.exit_code, r.output, r.exception)
    assert "Traceback" not in r.output and r.stderr == ""
    assert "not medical advice" in r.stdout


def check_json(label, *options):
    r = run("check", "--format", "json", *options, "-", input=label.encode("utf-8"))
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


# -- counting operations ------------------------------------------------------------------------
def work(fn, *args) -> int:
    """How many Python-level calls, and calls of C functions, ``fn(*args)`` makes."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call" or event == "c_call":
            count += 1

    sys.setprofile(profile)
    try:
        fn(*args)
    finally:
        sys.setprofile(None)
    return count


def check_all(text):
    return check_label(text, max_items=UNLIMITED)


# (id, build(n, tag) -> label, n). ``tag`` differs on every call, so that where items are meant to be
# distinct the larger input does not reuse what the memos kept from the smaller one.
FAMILIES = [
    ("commas", lambda n, t: "," * n, 20_000),
    ("distinct-items", lambda n, t: ", ".join(f"Glycerin{t}{i}" for i in range(n)), 250),
    ("typo-items", lambda n, t: ", ".join(f"Cety{t}{chr(97 + i % 26)}{chr(97 + i // 26 % 26)} Alcohol" for i in range(n)), 120),
    ("nested-parentheses", lambda n, t: "(" * n + "Aqua" + t + ")" * n, 5_000),
    ("unclosed-parentheses", lambda n, t: "".join(f"Aqua{t}{i} (" for i in range(n)), 2_000),
    ("stray-closers", lambda n, t: "Aqua" + t + ")]}" * n, 5_000),
    ("no-separator", lambda n, t: t + "".join(chr(97 + (i * 7) % 26) for i in range(n)), 50_000),
    ("long-words", lambda n, t: " ".join(t + "x" * 300 + str(i) for i in range(n)), 25),
    ("punctuation-only", lambda n, t: "!?@#$^&*_=+~<>/\\\"'`-." * n, 2_000),
    ("confusables-bidi-emoji", lambda n, t: "".join(f"\u0410qua{t}{i}\u200f, \U0001F9F4, Cre\u0300me, \u202eRetinol\u202c, " for i in range(n)), 300),
    ("combining-marks", lambda n, t: "A" + "\u0301" * n + "qua" + t + ", Glycerin", 20_000),
    ("list-string", lambda n, t: repr([f"aqua{t}{i} (water" for i in range(n)]), 500),
    ("list-string-unclosed-escapes", lambda n, t: "['" + t + "\\'" * n + '"]', 20_000),
    ("headings", lambda n, t: "Ingredients: " * n + t, 5_000),
    ("kit-headings", lambda n, t: "".join(f"Product {i} Ingredients: Aqua{t}{i}, Glycerin\n" for i in range(n)), 300),
    ("hyphens", lambda n, t: "a" + t + "-" * n + "x", 20_000),
    ("trailing-junk", lambda n, t: "Aqua" + t + " ." * n + "b", 20_000),
    ("entities", lambda n, t: "".join(f"Aqua{t}{i} &#40;Water&#41; &amp; Glycerin, " for i in range(n)), 300),
    ("may-contain", lambda n, t: "".join(f"Talc{t}{i}, May Contain (+/-): CI 77491, [+/-] " for i in range(n)), 300),
    ("newlines", lambda n, t: "".join(f"Aqua{t}{i}\n" for i in range(n)), 600),
    ("sentences", lambda n, t: "".join(f"Aqua{t}{i}. Glycerin. Retinol. " for i in range(n)), 300),
    ("percentages", lambda n, t: "".join(f"Niacinamide{t}{i} 5%Zinc 1.5 %Water, " for i in range(n)), 300),
    ("spaces", lambda n, t: "Ingredients" + " " * n + t + ", none" + " " * n + "y " + "1" * n + " " * n + "%", 20_000),
]
_TAGS = iter(f"q{k}z" for k in range(10**9))


@pytest.mark.parametrize("build,n", [f[1:] for f in FAMILIES], ids=[f[0] for f in FAMILIES])
def test_work_grows_linearly(build, n):
    check_all(build(max(1, n // 10), next(_TAGS)))  # load what loads lazily, outside the count
    small = work(check_all, build(n, next(_TAGS)))
    large = work(check_all, build(2 * n, next(_TAGS)))
    assert large <= 2.5 * max(small, 1), f"{small:,} operations for n={n:,}, {large:,} for 2n"


# -- the pathological inputs of issue 8, at full size, through the CLI and the library ---------------
def test_100000_commas():
    label = "," * 100_000
    assert parse_label(label).items == ()
    r = run("check", label)
    assert_report(r)
    assert "No ingredient list found" in r.stdout


def test_100000_items_hit_the_item_limit():
    r = run("check", ", ".join(["Aqua"] * 100_000))
    assert_one_line_error(r, "100,000 items", f"limit of {MAX_ITEMS:,}", "--max-items")
    assert len(check_all(", ".join(["Aqua"] * 100_000)).ingredients) == 100_000  # the library takes a limit


def test_10000_nested_parentheses():
    label = "(" * 10_000 + "Aqua" + ")" * 10_000
    assert check_json(label)["ingredients"][0]["inci"] == "AQUA"
    for label in ("(" * 10_000 + "Aqua", "Aqua" + ")" * 10_000, "[{(" * 3_333 + "Aqua"):
        assert check_json(label)["ingredients"][0]["inci"] == "AQUA", label[:20]


def test_a_1_mb_item_with_no_separator():
    label = "".join(chr(97 + (i * 7) % 26) for i in range(MAX_LABEL_BYTES))
    data = check_json(label)
    assert data["status"] == "unreadable" and data["safe_after_hours"] is None
    assert data["ingredients"][0]["span"] == [0, MAX_LABEL_BYTES]


def test_one_byte_over_the_limit():
    r = run("check", "-", input=b"a" * (MAX_LABEL_BYTES + 1))
    assert_one_line_error(r, f"{MAX_LABEL_BYTES:,} bytes", "--max-bytes")


@pytest.mark.parametrize("label", ["!@#$%^&*()_+-=[]{};':\",./<>?\\|`~" * 1000, ".", "()", "%%%", "- - -", "***"])
def test_only_punctuation(label):
    assert parse_label(label).items == ()  # no letter or digit: no ingredient
    r = run("check", "-", input=label.encode())
    assert_report(r)
    assert "No ingredient list found" in r.stdout and "Safe from" not in r.stdout


def test_cyrillic_a_in_aqua_resolves_to_aqua():
    report = check_label("\u0410qua, Glycerin")
    assert [i.inci for i in report.ingredients] == ["AQUA", "GLYCERIN"]
    assert report.ingredients[0].match == "exact"
    assert check_json("\u0410qua, Glycerin")["ingredients"][0]["inci"] == "AQUA"


def test_right_to_left_marks_emoji_and_combining_characters():
    label = "\u200fAqua\u200f, Glycer\u0301in, \U0001F9F4, \u202eRetinol\u202c, \u2067Niacinamide\u2069, Cre\u0300me"
    data = check_json(label)
    # the emoji has no letter or digit: noise, not an item
    assert [i["inci"] for i in data["ingredients"]] == ["AQUA", "GLYCERIN", "RETINOL", "NIACINAMIDE", None]
    assert data["unknown"] == ["Cre\u0300me"]
    for item in data["ingredients"]:  # spans point into the input, marks and all
        assert label[item["span"][0]:item["span"][1]] == item["text"]
    assert_report(run("check", label))


@pytest.mark.parametrize("label", [
    "\U0001F9F4" * 100_000,
    "a" + "\u0301" * 100_000,
    "\u200f" * 100_000 + "Aqua",
    "\ufdfa" * 50_000,  # NFKC makes 18 characters of each
    "a" + "-" * 100_000 + "x",  # the claim pattern backtracked cubically on this
    "Aqua" + " " * 200_000 + "b",  # the trailing-junk pattern, quadratically
    "Ingredients: " * 50_000,  # the kit-heading prefix scan, quadratically
    "Ingredients" + " " * 200_000 + "x",  # the heading pattern
    "none" + " " * 200_000 + "x",  # the no-list pattern
    "['" + "\\'" * 200_000 + '"]',  # the scraper list-string pattern, quadratically
    "Aqua " + "1" * 100_000 + " " * 100_000 + "x%",  # the percentage pattern, cubically
], ids=["emoji", "combining", "rtl", "nfkc-expansion", "hyphens", "trailing-spaces", "headings", "heading-spaces",
        "no-list-spaces", "list-string-escapes", "percent-digits-spaces"])
def test_pathological_text_at_full_size(label):
    report = check_label(label, max_items=UNLIMITED)
    assert report.verdict.status in {"wait", "unreadable", "no_list"}


# -- files ---------------------------------------------------------------------------------------
def test_missing_file(tmp_path):
    assert_one_line_error(run("check", "--file", tmp_path / "nope.txt"), "nope.txt", "no such file")


def test_directory(tmp_path):
    assert_one_line_error(run("check", "--file", tmp_path), "is a directory")


def test_no_permission(tmp_path):
    p = tmp_path / "locked.txt"
    p.write_text("Aqua, Glycerin")
    p.chmod(0)
    try:
        if os.access(p, os.R_OK):
            pytest.skip("running as a user who can read any file (root)")
        assert_one_line_error(run("check", "--file", p), "permission denied")
    finally:
        p.chmod(0o600)


@pytest.mark.parametrize("content,message", [
    (b"Aqua, Glyc\xe9rine", "not valid UTF-8 (byte 0xE9 at offset 10)"),
    (b"\xff\xfeA\x00q", "not valid UTF-16"),
    (b"Aqua\x00Glycerin", "NUL bytes"),
    (b"", "is empty"),
    (b"   \n\t\r\n  ", "is empty"),
    ("\u200b\u200f\ufeff \n".encode(), "is empty"),  # only invisible characters
    (b"\x7fELF\x02\x01\x01\x00\x00\x00", "NUL bytes"),
])
def test_unusable_files(tmp_path, content, message):
    p = tmp_path / "label.txt"
    p.write_bytes(content)
    assert_one_line_error(run("check", "--file", p), "label.txt", message)
    assert_one_line_error(run("check", "-", input=content), "standard input", message)


def test_utf16_and_bom_files_are_read(tmp_path):
    p = tmp_path / "label.txt"
    for data in ("Aqua, Glycerin".encode("utf-16"), "\ufeffAqua, Glycerin".encode()):
        p.write_bytes(data)
        assert_report(run("check", "--file", p))


def test_over_max_bytes(tmp_path):
    p = tmp_path / "label.txt"
    p.write_text("Aqua, Glycerin, Retinol")
    assert_one_line_error(run("check", "--max-bytes", 10, "--file", p), "23 bytes", "limit of 10 bytes", "--max-bytes")
    assert_one_line_error(run("check", "--max-bytes", 10, "-", input=b"Aqua, Glycerin, Retinol"), "--max-bytes")
    assert_one_line_error(run("check", "--max-bytes", 10, "Aqua, Glycerin, Retinol"), "--max-bytes")
    # characters are not bytes: 7 characters, 13 bytes as UTF-8
    assert_one_line_error(run("check", "--max-bytes", 10, "\u0410\u0410\u0410\u0410\u0410\u0410a"), "13 bytes")
    assert_report(run("check", "--max-bytes", 23, "--file", p))


def test_over_max_items():
    assert_one_line_error(run("check", "--max-items", 2, "Aqua, Glycerin, Retinol"), "3 items", "limit of 2", "--max-items")
    assert_report(run("check", "--max-items", 3, "Aqua, Glycerin, Retinol"))


@pytest.mark.parametrize("option,value", [("--max-bytes", "0"), ("--max-items", "0"), ("--max-bytes", "lots")])
def test_bad_limits(option, value):
    assert_one_line_error(run("check", option, value, "Aqua"), option)


def test_undecodable_command_line_argument():
    # Python hands undecodable argv bytes over as lone surrogates; printing them used to crash (exit 1)
    assert_one_line_error(run("check", "Aqua, Glyc\udce9rine"), "not valid text")


def test_file_name_with_a_nul_or_a_newline(tmp_path):
    assert_one_line_error(run("check", "--file", "a\x00b"), "not a valid file name")
    assert_one_line_error(run("check", "--file", tmp_path / "two\nlines"), "two\\nlines", "no such file")


def test_unknown_encoding(tmp_path):
    p = tmp_path / "label.txt"
    p.write_text("Aqua")
    assert_one_line_error(run("check", "--encoding", "no-such-codec", "--file", p), "no-such-codec")
    assert_one_line_error(run("check", "--encoding", "rot13", "--file", p), "rot13")


def test_reader_functions_raise_only_input_error(tmp_path):
    for data in (b"\xff\xfe\x00", b"\xfe\xff\xd8\x00", b"\x00" * 10, b"\xc3\x28", b"a" * 11):
        with pytest.raises(InputError):
            check_label_text(decode_label(data, "x", max_bytes=10), "x", max_bytes=10)
    with pytest.raises(InputError):
        read_label_file(str(tmp_path))


# -- rules files (through check --rules) ----------------------------------------------------------
@pytest.mark.parametrize("content,message", [
    (b"", "empty"),
    (b"# only a comment\n", "no rules"),
    (b"[categories.retinoid\nwait_days = 3\n", "not valid TOML"),
    (b"[categories.retinoid]\nwait_days = 3\nwait_days = 4\n", "not valid TOML"),
    (b"[categories.retinoid]\nwait_dayz = 3\n", "unknown key"),
    (b"[colours.red]\nwait_days = 3\n", "unknown top-level key"),
    (b"[categories.retinoid]\nwait_days = \"three\"\n", "expected a number of days"),
    (b"[categories.retinoid]\navoid = \"yes\"\n", "expected true or false"),
    (b"categories = 5\n", "expected tables"),
    (b"[categories.retinoid]\nwait_days = -1\n", "cannot be negative"),
    (b"[categories.retinoid]\nwait_days = 1e400\n", "retinoid"),
    (b"[categories.retinoid]\nwait_days = nan\n", "retinoid"),
    (b"\xff\xfe[\x00", "UTF-8"),
    (b"[categories.retinoid]\x00\nwait_days = 3\n", "NUL"),
])
def test_bad_rules_files(tmp_path, content, message):
    p = tmp_path / "rules.toml"
    p.write_bytes(content)
    assert_one_line_error(run("check", "--rules", p, "Aqua, Retinol"), "rules.toml", message)


def test_rules_file_missing_or_a_directory(tmp_path):
    assert_one_line_error(run("check", "--rules", tmp_path / "none.toml", "Aqua"), "none.toml")
    assert_one_line_error(run("check", "--rules", tmp_path, "Aqua"), "directory")


# -- data never runs code -------------------------------------------------------------------------
PAYLOADS = ["{0.__class__}", "%s%n", "../../etc/passwd", "(?:a+)+$"]


def test_hostile_strings_are_only_text(monkeypatch):
    label = ", ".join(PAYLOADS)
    seen: list[str] = []

    def spy(real):
        def wrapper(*args, **kwargs):
            seen.extend(str(a) for a in args if isinstance(a, (str, bytes, os.PathLike)))
            return real(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(builtins, "open", spy(builtins.open))
    monkeypatch.setattr(os, "open", spy(os.open))
    monkeypatch.setattr(os, "stat", spy(os.stat))
    monkeypatch.setattr(re, "_compile", spy(re._compile))  # every re.compile/search/sub with a new pattern
    report = check_label(label)
    assert not [s for s in seen if any(p in s for p in PAYLOADS)], seen

    assert [i.text for i in report.ingredients] == PAYLOADS
    assert list(report.verdict.unknown) == PAYLOADS
    data = check_json(label)
    assert data["unknown"] == PAYLOADS and data["status"] == "unreadable"
    r = run("check", label)
    assert_report(r)
    assert "Not recognised: " + ", ".join(PAYLOADS) in r.stdout
    assert "<class" not in r.stdout and "passwd:" not in r.stdout


# -- the bounds parse puts on a name stay above every real name ------------------------------------
def test_name_bounds_are_above_every_vocabulary_name():
    names = get_classifier().vocab.names
    assert max(map(len, names)) < _MAX_NAME
    assert max(len(w) for n in names for w in n.split(" ")) < _MAX_WORD


# -- bugs the fuzzer found in vocab and check, fixed: regression tests ------------------------------
def test_fuzzy_matching_a_long_folded_word_is_linear():
    check_all("a" + "\u321d" * 8)
    small, large = work(check_all, "a" + "\u321d" * 60), work(check_all, "b" + "\u321d" * 120)
    assert large <= 2.5 * small, f"{small:,} operations, then {large:,} for a word twice as long"


def test_a_sub_list_counts_toward_the_item_limit():
    label = "Fragrance (" + ", ".join(f"Glycerin{i}" for i in range(50)) + ")"
    with pytest.raises(InputError, match="items"):
        check_label(label, max_items=20)
