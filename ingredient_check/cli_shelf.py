"""The `shelf` command (batch-check a CSV). Being written: see issue 4."""

from __future__ import annotations

import click


@click.command()
def shelf():
    """Batch-check a skincare shelf from a CSV (not yet available)."""
    raise click.UsageError("the shelf command is not available yet")
