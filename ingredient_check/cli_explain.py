"""The `explain` and `lexicon` commands. Being written: see issue 6."""

from __future__ import annotations

import click


@click.command()
def explain():
    """Explain one ingredient (not yet available)."""
    raise click.UsageError("the explain command is not available yet")


@click.command()
def lexicon():
    """List the lexicon's categories (not yet available)."""
    raise click.UsageError("the lexicon command is not available yet")
