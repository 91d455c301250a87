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
from .read import MAX_ITEMS, MAX_LABEL_BYTES, check_label_text, decode_label, read_label_file
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
@click.version_option(package_name="ingredient-check")
def main():
    """When is each skincare product safe again after microneedling?

    Reads an INCI ingredient list, recognises every item, and reports the wait, the ingredient that
    decides it, why, and on what evidence. Information, not medical advice: your practitioner's
    instructions come first.
    """


@main.command()
@click.argument("label", required=False)
@click.option("--file", "-f", "file_", metavar="PATH", help="Read the label from a file ('-' = stdin).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--type", "product_type", type=click.Choice(PRODUCT_TYPES), help="Product type (otherwise inferred where obvious).")
@timeline_options
@click.option("--today", callback=_date, metavar="DATE", help="Today's date, to say 'safe now' (default: the system date).")
@click.option("--encoding", metavar="NAME", help="Encoding of the file (default UTF-8).")
@click.option("--max-bytes", type=click.IntRange(1), default=MAX_LABEL_BYTES, show_default=True, help="Largest label accepted.")
@click.option("--max-items", type=click.IntRange(1), default=MAX_ITEMS, show_default=True, help="Most items accepted in one label.")
@_fail_cleanly
def check(label, file_, fmt, product_type, treated_on, depth, rules_files, no_user_rules, today, encoding, max_bytes, max_items):
    """Check one label: LABEL text, '-' or nothing for stdin, or --file PATH.

    \b
    Examples:
      ingredient-check check "Aqua (Water), Glycerin, Retinol, Parfum/Fragrance, Cetyl Alcohol"
      pbpaste | ingredient-check check
      ingredient-check check --file label.txt --treated-on 2026-11-20
      ingredient-check check --format json - < label.txt
    """
    if label is not None and file_ is not None:
        raise InputError("give the label as text or with --file, not both")
    if file_ is not None and file_ != "-":
        text = read_label_file(file_, encoding, max_bytes)
        where = file_
    elif label is not None and label != "-":
        text, where = label, "the label"
    else:
        stream = getattr(sys.stdin, "buffer", sys.stdin)
        if stream.isatty():
            raise InputError("no label given: pass it as an argument, with --file, or on stdin")
        text = decode_label(stream.read(max_bytes + 1), "standard input", encoding, max_bytes)
        where = "standard input"
    check_label_text(text, where, max_bytes)
    options = build_options(treated_on, depth, rules_files, no_user_rules, product_type)
    report = check_label(text, options, max_items=max_items)
    from .classify import get_classifier  # noqa: PLC0415
    from .report import to_csv, to_json, to_table  # noqa: PLC0415

    sources = get_classifier().sources
    if fmt == "json":
        click.echo(json.dumps(to_json(report, sources), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(to_csv(report), nl=False)
    else:
        color = sys.stdout.isatty()
        click.echo(to_table(report, sources, today or (date.today() if treated_on else None), color,
                            names_in=get_classifier().names_in), nl=False, color=color)


@main.command("build-index")
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
