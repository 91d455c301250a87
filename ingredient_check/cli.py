"""The command line: a thin layer over the library. Only this module prints or sets exit codes.

Exit codes: 0 a report was produced; 2 bad input or usage (one line on stderr); 1 an internal error
(one line on stderr, please report it). Never a traceback.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from datetime import date

import click

from .check import check_label
from .config import ENV_VAR, default_rules_location
from .errors import InputError
from .read import MAX_ITEMS, MAX_LABEL_BYTES, decode_label, read_label_file
from .style import Style, color_option
from .timeline import PRODUCT_TYPES, Options

__all__ = ["main"]


def _fail_cleanly(fn):
    """Turn every user-facing failure into one line on stderr and the documented exit code."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            raise click.UsageError(str(exc)) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            sys.stderr.close()
            raise click.exceptions.Exit(0) from None
        except KeyboardInterrupt:
            raise click.exceptions.Exit(130) from None
        except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
            click.echo(f"ingredient-check: internal error: {type(exc).__name__}: {exc} (please report this)", err=True)
            raise click.exceptions.Exit(1) from None

    return wrapper


class _Group(click.Group):
    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *_LAZY_COMMANDS})

    def get_command(self, ctx, name):
        if name in _LAZY_COMMANDS and name not in self.commands:
            import importlib  # noqa: PLC0415

            module, attr = _LAZY_COMMANDS[name]
            self.add_command(getattr(importlib.import_module(module), attr), name)
        return super().get_command(ctx, name)

    def main(self, *args, **kwargs):  # one line for usage errors, not click's multi-line block
        try:
            # without standalone mode click *returns* an Exit's code instead of exiting
            code = super().main(*args, **{**kwargs, "standalone_mode": False})
            if isinstance(code, int) and code:
                sys.exit(code)
            return code
        except click.exceptions.NoArgsIsHelpError as exc:  # bare `ingredient-check`: the help, not an error
            click.echo(exc.ctx.get_help() if exc.ctx else exc.format_message())
            sys.exit(0)
        except click.UsageError as exc:
            click.echo(f"ingredient-check: {exc.format_message()}", err=True)
            sys.exit(2)
        except click.ClickException as exc:
            click.echo(f"ingredient-check: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("ingredient-check: aborted", err=True)
            sys.exit(130)


class AliasChoice(click.Choice):
    """A choice that also accepts other spellings (US English, an older format name) without listing
    them in the help: ``--type moisturizer`` is ``moisturiser``, ``--format text`` is ``table``."""

    def __init__(self, choices, aliases: dict[str, str]):
        super().__init__(choices, case_sensitive=False)
        self.aliases = aliases

    def convert(self, value, param, ctx):
        if isinstance(value, str):
            value = self.aliases.get(value.strip().lower(), value)
        return super().convert(value, param, ctx)


# product types as people write them; the shelf's type column reads free text by its own rules
TYPE_ALIASES = {"moisturizer": "moisturiser", "moisturiser": "moisturiser", "cream": "moisturiser",
                "make-up": "makeup", "make up": "makeup", "self tanner": "self-tanner",
                "self_tanner": "self-tanner", "selftanner": "self-tanner", "tanner": "self-tanner",
                "exfoliator": "exfoliant", "scrub": "exfoliant", "peel": "exfoliant", "sunblock": "sunscreen",
                "spf": "sunscreen", "face wash": "cleanser", "wash": "cleanser", "tonic": "toner", "masque": "mask"}
# one scheme for output formats on every command: `table` for people, `json` for one object,
# `jsonl` for one object per line, `csv`; the older `text` (explain, lexicon) still works
FORMAT_ALIASES = {"text": "table", "ndjson": "jsonl"}


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-11-20") from None


def _depth(ctx, param, value):
    if value is None:
        return None
    if not 0.1 <= value <= 3.0:
        raise click.BadParameter(f"{value} mm is outside 0.1 to 3.0 mm")
    return value


def timeline_options(fn):
    """Options every command that computes waits shares."""
    fn = click.option("--treated-on", callback=_date, metavar="DATE", help="Treatment date (YYYY-MM-DD): adds calendar dates.")(fn)
    fn = click.option("--depth", "depth", type=float, callback=_depth, metavar="MM", help="Needle depth in mm (0.1-3.0): scales the waits.")(fn)
    fn = click.option("--rules", "rules_files", multiple=True, metavar="FILE", help="Your practitioner's rules (TOML); may be repeated.")(fn)
    fn = click.option("--no-user-rules", is_flag=True, help="Skip the default rules file in your config directory.")(fn)
    return fn


def _may_have_default_rules() -> bool:
    """Cheap test (no import of the TOML machinery) for a default rules file to load."""
    return bool(os.environ.get(ENV_VAR)) or os.path.exists(default_rules_location())


def build_options(treated_on, depth, rules_files, no_user_rules, product_type=None) -> Options:
    rules = ()
    if rules_files or (not no_user_rules and _may_have_default_rules()):
        from .rules import load_rules_chain  # noqa: PLC0415 - TOML parsing only when there are rules

        rules = load_rules_chain(rules_files, use_default=not no_user_rules)
    return Options(treated_on=treated_on, depth_mm=depth, product_type=product_type, rules=rules)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ingredient-check", prog_name="ingredient-check", message="%(prog)s %(version)s")
def main():
    """When is each skincare product safe again after microneedling?

    Reads an INCI ingredient list, recognises every item, and reports the wait, the ingredient that
    decides it, why, and on what evidence. Information, not medical advice: your practitioner's
    instructions come first.

    \b
    Paste a label:  ingredient-check check   (then Ctrl-D; Ctrl-Z Enter on Windows)
    Shell completion (bash; zsh and fish alike, see the README):
      eval "$(_INGREDIENT_CHECK_COMPLETE=bash_source ingredient-check)"
    """


@main.command(short_help="Check one label: paste it, pass it as text, or --file PATH.")
@click.argument("label", required=False)
@click.option("--file", "-f", "file_", metavar="PATH", help="Read the label from a file ('-' = stdin).")
@click.option("--image", metavar="PATH", help="Read the label from a photo (JPEG, PNG, HEIC; needs the ocr extra).")
@click.option("--format", "fmt", type=AliasChoice(["table", "json", "csv"], FORMAT_ALIASES), default="table",
              show_default=True, help="table for people; json (one object) or csv (one row per ingredient) for scripts.")
@click.option("--output", "-o", metavar="PATH", help="Write to PATH instead of standard output.")
@color_option
@click.option("--type", "product_type", type=AliasChoice(PRODUCT_TYPES, TYPE_ALIASES),
              help="Product type (otherwise inferred where obvious); US spellings such as moisturizer work too.")
@timeline_options
@click.option("--today", callback=_date, metavar="DATE", help="Today's date, to say 'safe now' (default: the system date).")
@click.option("--encoding", metavar="NAME", help="Encoding of the file (default UTF-8).")
@click.option("--max-bytes", type=click.IntRange(1), default=MAX_LABEL_BYTES, show_default=True, help="Largest label accepted.")
@click.option("--max-items", type=click.IntRange(1), default=MAX_ITEMS, show_default=True, help="Most items accepted in one label.")
@_fail_cleanly
def check(label, file_, image, fmt, output, color, product_type, treated_on, depth, rules_files, no_user_rules, today,
          encoding, max_bytes, max_items):
    """Check one label: LABEL text, '-' or nothing for standard input, or --file PATH.

    On a terminal with nothing piped in, it asks you to paste the list: paste, then press Ctrl-D
    (Ctrl-Z then Enter on Windows).

    \b
    Examples:
      ingredient-check check          (paste the list, then Ctrl-D)
      ingredient-check check "Aqua (Water), Glycerin, Retinol, Parfum/Fragrance, Cetyl Alcohol"
      pbpaste | ingredient-check check
      ingredient-check check --file label.txt --treated-on 2026-11-20
      ingredient-check check --format json - < label.txt
      ingredient-check check --file label.txt --format json --output verdict.json
      ingredient-check check --image back-of-bottle.jpg --treated-on 2026-11-20
    """
    if label is not None and file_ is not None:
        raise InputError("give the label as text or with --file, not both")
    photo = None
    if image is not None:
        if label is not None or file_ is not None:
            raise InputError("give the label as text, with --file or with --image, not more than one")
        from .photo import check_image  # noqa: PLC0415 - the OCR engine only for a photo

        options = build_options(treated_on, depth, rules_files, no_user_rules, product_type)
        report, photo = check_image(image, options, max_items)
    else:
        if file_ is not None and file_ != "-":
            text = read_label_file(file_, encoding, max_bytes)
            where = file_
        elif label is not None and label != "-":
            _refuse_file_name(label)
            text, where = label, "the label"
        else:
            text, where = _read_stdin(encoding, max_bytes), "standard input"
        options = build_options(treated_on, depth, rules_files, no_user_rules, product_type)
        report = check_label(text, options, max_items=max_items, max_bytes=max_bytes, where=where)
    from .classify import get_classifier  # noqa: PLC0415
    from .report import to_csv, to_json, to_table  # noqa: PLC0415

    sources = get_classifier().sources
    if fmt == "json":
        data = to_json(report, sources)
        if photo is not None:  # what was read from the photo (photo.py)
            from .photo import image_json  # noqa: PLC0415

            data["image"] = image_json(report, photo)
        result = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        result = to_csv(report)
    else:
        style = Style.for_stream(color, None if output else sys.stdout)
        result = to_table(report, sources, today or (date.today() if treated_on else None),
                          names_in=get_classifier().names_in, style=style)
        if photo is not None:
            from .photo import image_table  # noqa: PLC0415

            result = image_table(photo) + result
    if output:
        from .output import write_file  # noqa: PLC0415

        write_file(output, result.encode("utf-8"), "--output")
        click.echo(f"ingredient-check: wrote {output}", err=True)
    else:
        click.echo(result, nl=False, color=True)


PASTE_PROMPT = "Paste the ingredient list, then press Ctrl-D (Ctrl-Z Enter on Windows)"


def _read_stdin(encoding: str | None, max_bytes: int) -> str:
    """Standard input; on a terminal, ask for the paste first (the prompt goes to stderr, so a
    redirected stdout holds only the report)."""
    stream = getattr(sys.stdin, "buffer", sys.stdin)
    prompted = stream.isatty()
    if prompted:
        click.echo(PASTE_PROMPT + ":", err=True)
    data = stream.read(max_bytes + 1)
    if prompted:
        click.echo("", err=True)  # a blank line between the paste and the report
    if isinstance(data, str):
        data = data.encode("utf-8")
    return decode_label(data, "standard input", encoding, max_bytes)


# what a forgotten --file looks like: one word with a file extension and no list separators
_FILE_EXTENSIONS = {"txt", "text", "csv", "tsv", "md", "json", "rtf", "html", "htm", "pdf", "png", "jpg", "jpeg",
                    "heic", "webp", "doc", "docx", "toml", "ics"}
_IMAGE_EXTENSIONS = {"png", "jpg", "jpeg", "heic", "webp"}  # a photo of the label: check --image


def _refuse_file_name(label: str) -> None:
    """``check label.txt`` means the file, not a one-item label called "label.txt". Reading the file
    silently would make the same command mean different things depending on which files happen to
    exist, and a script that meant text would never learn otherwise; so the command stops with the
    fix in one line (exit 2) whether or not the file exists."""
    candidate = label.strip()
    if "," in candidate or "\n" in candidate or not candidate:
        return
    stem, dot, ext = candidate.rpartition(".")
    # "label.txt", "./label", "notes.label1": a path; "Alcohol Denat.", "Vitamin E 0.5": a label
    has_extension = bool(dot and stem and 1 <= len(ext) <= 5 and ext.isalnum() and not ext.isdigit())
    looks_like_path = has_extension or os.sep in candidate or "/" in candidate
    exists = looks_like_path and os.path.isfile(candidate)
    if exists or (has_extension and ext.lower() in _FILE_EXTENSIONS):
        where = "" if exists else f" (there is no such file here: {os.getcwd()})"
        option = "--image" if ext.lower() in _IMAGE_EXTENSIONS else "--file"
        raise InputError(f"{candidate!r} looks like a file name, not an ingredient list{where}: "
                         f"did you mean {option} {candidate}?")


@main.command("build-index", short_help="Rebuild lexicons/index.json after editing a lexicon.")
@_fail_cleanly
def build_index_cmd():
    """Rebuild lexicons/index.json after editing a lexicon file (needs spaCy)."""
    from .build import write_index  # noqa: PLC0415
    from .lexicon import LexiconError  # noqa: PLC0415

    try:
        click.echo(f"wrote {write_index()}")
    except LexiconError as exc:
        raise InputError(str(exc)) from None


# Commands that live in their own modules, imported only when named (a pasted check does not pay
# for the CSV machinery of `shelf`): command name -> (module, attribute).
_LAZY_COMMANDS = {
    "shelf": ("ingredient_check.cli_shelf", "shelf"),
    "explain": ("ingredient_check.cli_explain", "explain"),
    "lexicon": ("ingredient_check.cli_explain", "lexicon"),
}
