"""The `explain` and `lexicon` commands: thin click wrappers over ``explain.py`` and ``rules.py``.

Imported by ``cli.py`` once its shared helpers exist (``_fail_cleanly``, ``timeline_options``,
``build_options``); import ``ingredient_check.cli``, not this module, to get the commands.
"""

from __future__ import annotations

import json
import sys

import click

from .cli import FORMAT_ALIASES, AliasChoice, _fail_cleanly, build_options, timeline_options
from .errors import InputError

__all__ = ["explain", "lexicon"]


@click.command(context_settings={"help_option_names": ["-h", "--help"]},
               short_help="Explain one ingredient: role, category, wait, why, sources.")
@click.argument("term", nargs=-1, required=True)
@timeline_options
@click.option("--format", "fmt", type=AliasChoice(["table", "json"], FORMAT_ALIASES), default="table", show_default=True,
              help="table for people (the older 'text' works too), json (one object) for scripts.")
@_fail_cleanly
def explain(term, treated_on, depth, rules_files, no_user_rules, fmt):
    """Explain one ingredient: what it is, its role and category, its wait, why, and the sources.

    TERM is read like a label item (typos, synonyms and "Ingredients:" included); several words
    need no quotes. The wait takes --depth and your rules (--rules, and the default rules file)
    into account exactly as `check` does, and says when it comes from your rules.

    \b
    Exit codes:
      0  explained; a misspelt name is read as the nearest real ingredient and the output says
         so ("read as RETINOL (fuzzy, 93)") with other close names
      2  nothing matched: one line on stderr, "not recognised: 'xyz'; did you mean: ...?"
         (with --format json the object is still printed on stdout); also bad options,
         an empty term, a whole list, or an invalid rules file

    \b
    Examples:
      ingredient-check explain "retinyl palmitate"
      ingredient-check explain retinoll
      ingredient-check explain retinol --depth 2.0 --treated-on 2026-11-20
      ingredient-check explain niacinamide --rules my-clinic.toml
      ingredient-check explain --format json "Lavandula Stoechas Flower Oil"
    """
    from .classify import get_classifier  # noqa: PLC0415
    from .explain import (  # noqa: PLC0415
        explain_term,
        explanation_json,
        explanation_text,
        not_recognised_message,
    )

    text = " ".join(term)
    options = build_options(treated_on, depth, rules_files, no_user_rules)
    classifier = get_classifier()
    result = explain_term(text, options, classifier)
    timeline = classifier.index["timeline"]
    if fmt == "json":
        click.echo(json.dumps(explanation_json(result, classifier.sources, timeline), ensure_ascii=False, indent=2))
    elif result.recognised:
        from .style import terminal_width  # noqa: PLC0415

        click.echo(explanation_text(result, classifier.sources, timeline, terminal_width(sys.stdout)), nl=False)
    if not result.recognised:
        raise InputError(not_recognised_message(result))


@click.command(context_settings={"help_option_names": ["-h", "--help"]},
               short_help="List the categories and their waits; --validate a rules file.")
@click.option("--validate", "validate", metavar="FILE",
              help="Check a rules file (TOML) and say what it changes, without checking any label.")
@click.option("--format", "fmt", type=AliasChoice(["table", "json"], FORMAT_ALIASES), default="table", show_default=True,
              help="table for people (the older 'text' works too), json (one object) for scripts.")
@_fail_cleanly
def lexicon(validate, fmt):
    """List the categories (role, label, waits, entries, sources) and the lexicon's size.

    With --validate FILE, check a practitioner's rules file instead: a valid file prints what it
    will change and exits 0; an invalid one exits 2 with one line naming the file, the line or key,
    and what is wrong.

    \b
    Examples:
      ingredient-check lexicon
      ingredient-check lexicon --format json
      ingredient-check lexicon --validate my-clinic.toml
    """
    if validate is not None:
        from .rules import validate_rules  # noqa: PLC0415

        summary = validate_rules(validate)
        if fmt == "json":
            click.echo(json.dumps({"file": validate, "valid": True, "summary": summary}, ensure_ascii=False, indent=2))
        else:
            click.echo(summary)
        return
    from .explain import lexicon_summary, lexicon_text  # noqa: PLC0415

    summary = lexicon_summary()
    if fmt == "json":
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        click.echo(lexicon_text(summary), nl=False)
