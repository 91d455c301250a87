"""The `shelf` command: batch-check a CSV of products (see ``shelf`` for the reading rules and
``plan`` for the plan, today and calendar views). Only this module prints for the shelf.

Exit codes as for ``check``: 0 the records were written (rows that could not be checked are records
with status ``error``); 2 unusable input or usage (missing or empty file, no header, no ingredients
column, a bad option or rules file), one line on stderr; 1 an internal error. A bug hit on a single
row becomes that row's error record, the other rows are still written, and the command ends with 1.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from datetime import date
from pathlib import Path

import click

from .cli import FORMAT_ALIASES, AliasChoice, _date, _fail_cleanly, build_options, timeline_options
from .errors import InputError
from .output import temp_beside, write_file
from .read import MAX_ITEMS, MAX_LABEL_BYTES
from .style import Style, color_option, is_terminal, terminal_width

PROGRESS_MIN_BYTES = 1 << 20  # a progress bar only for files of 1 MB or more (about 1,000 products)


def _warn(message: str) -> None:
    click.echo(f"ingredient-check: warning: {message}", err=True)


def _for_stderr(line: str) -> str:
    """The closing summary: one line for a script or a log, wrapped at words for a person at a
    terminal (the terminal itself would cut it mid-word at 80 columns: "the ba" / "sic wait")."""
    if not is_terminal(sys.stderr):
        return line
    return "\n".join(Style(width=terminal_width(sys.stderr)).wrap(line, subsequent="  "))


class _Output:
    """stdout, or PATH written through a temporary file and renamed into place at the end."""

    def __init__(self, path: str | None):
        self.path = path
        self.tmp: str | None = None
        if path:
            fd, self.tmp = temp_beside(path, "--output")
            self.fh = open(fd, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in finish/abort
            self.tty = False
        else:
            stream = getattr(sys.stdout, "buffer", None)
            if stream is None:
                raise InputError("standard output does not accept bytes: use --output PATH")
            self.tty = bool(getattr(sys.stdout, "isatty", lambda: False)())
            sys.stdout.flush()
            self.fh = io.TextIOWrapper(stream, encoding="utf-8", newline="", line_buffering=self.tty)

    def write(self, text: str) -> None:
        self.fh.write(text)

    def finish(self) -> None:
        if self.tmp is not None:
            self.fh.close()
            os.replace(self.tmp, self.path)
            self.tmp = None
        else:
            self.fh.flush()
            self.fh.detach()

    def abort(self) -> None:
        if self.tmp is not None:
            try:
                self.fh.close()
            finally:
                Path(self.tmp).unlink(missing_ok=True)
                self.tmp = None
        else:
            try:
                self.fh.flush()
                self.fh.detach()
            except (OSError, ValueError):
                pass


def _same_file(a: str | None, b: str | None) -> bool:
    if not a or not b or a == "-" or b == "-":
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


@click.command(short_help="Check a whole shelf (a CSV); --plan, --today and --ics views.")
@click.argument("file", metavar="FILE|-")
@click.option("--format", "fmt", type=AliasChoice(["table", "csv", "jsonl"], FORMAT_ALIASES), default="table",
              show_default=True,
              help="table: one line per product; csv: one row per product; jsonl: the check JSON object per product.")
@click.option("--output", "-o", metavar="PATH", help="Write to PATH instead of standard output.")
@color_option
@click.option("--name-column", metavar="HEADER", help="Header (or 1-based number) of the product name column.")
@click.option("--ingredients-column", metavar="HEADER", help="Header (or number) of the ingredients column.")
@click.option("--type-column", metavar="HEADER", help="Header (or number) of the product type column.")
@click.option("--image-column", metavar="HEADER", help="Header (or number) of a column of label photos (paths relative "
              "to the CSV), read where the ingredients cell is empty (needs the ocr extra).")
@timeline_options
@click.option("--today", callback=_date, metavar="DATE", help="With --treated-on: what may I use on DATE, and what not yet.")
@click.option("--plan", is_flag=True, help="Print the shelf as a timeline: products grouped by the day they come back.")
@click.option("--ics", metavar="PATH", help="With --treated-on: write a calendar file, one event per day something comes back.")
@click.option("--jobs", "-j", type=click.IntRange(0), default=1, show_default=True,
              help="Worker processes (0 = one per CPU); output is identical to --jobs 1.")
@click.option("--encoding", metavar="NAME", help="Encoding of the file (default: UTF-8, else Windows-1252 line by line).")
@click.option("--max-bytes", type=click.IntRange(1), default=MAX_LABEL_BYTES, show_default=True,
              help="Largest ingredients cell accepted (bytes); larger rows become errors.")
@click.option("--max-items", type=click.IntRange(1), default=MAX_ITEMS, show_default=True,
              help="Most items accepted in one label; longer rows become errors.")
@_fail_cleanly
def shelf(file, fmt, output, color, name_column, ingredients_column, type_column, image_column, treated_on, depth,
          rules_files,
          no_user_rules, today, plan, ics, jobs, encoding, max_bytes, max_items):
    """Batch-check a shelf: FILE is a CSV with a name and an ingredients column ('-' = stdin).

    One record per data row, in input order; rows that cannot be checked are marked as errors.
    Columns are found by header (name/product/title, ingredients/inci, an optional type); comma,
    semicolon or tab, UTF-8 or Windows-1252 are detected.

    \b
    Examples:
      ingredient-check shelf my-shelf.csv
      ingredient-check shelf my-shelf.csv --treated-on 2026-11-20 --plan
      ingredient-check shelf my-shelf.csv --treated-on 2026-11-20 --today 2026-11-24
      ingredient-check shelf my-shelf.csv --treated-on 2026-11-20 --ics aftercare.ics
      ingredient-check shelf export.csv --format csv --output verdicts.csv
      ingredient-check shelf big.csv --format jsonl --jobs 4 | jq .safe_after_hours
      ingredient-check shelf shelf.csv --image-column photo
    """
    from .plan import entry, plan_text, to_ics, today_text  # noqa: PLC0415
    from .shelf import (  # noqa: PLC0415
        CSV_COLUMNS, Limits, ShelfReader, Summary, check_rows, csv_row, find_columns,
    )
    from .shelf_view import ShelfTable  # noqa: PLC0415
    from .check import DISCLAIMER  # noqa: PLC0415

    if today is not None and treated_on is None:
        raise InputError("--today needs --treated-on (the date of the treatment)")
    if ics and treated_on is None:
        raise InputError("--ics needs --treated-on (the calendar needs the date of the treatment)")
    if (plan or today is not None) and fmt != "table":
        raise InputError(f"--plan and --today are views for people; with --format {fmt} use the safe_on field instead")
    if _same_file(output, file) or _same_file(ics, file):
        raise InputError("--output and --ics must not overwrite the input file")
    if output and ics and os.path.abspath(output) == os.path.abspath(ics):
        raise InputError("--output and --ics name the same file")
    if jobs == 0:
        jobs = os.cpu_count() or 1
    options = build_options(treated_on, depth, rules_files, no_user_rules)
    limits = Limits(max_bytes, max_items)

    source = getattr(sys.stdin, "buffer", sys.stdin) if file == "-" else file
    where = "standard input" if file == "-" else file
    if file == "-" and getattr(source, "isatty", lambda: False)():
        raise InputError("no CSV given: name a file, or pipe one in with '-'")
    views = plan or today is not None
    keep_entries = views or bool(ics)
    entries = []
    summary = Summary()
    with ShelfReader(source, where, encoding, max_bytes, _warn) as reader:
        rows = reader.rows()
        if image_column is None:
            columns = find_columns(reader.headers, name_column, ingredients_column, type_column, _warn, where)
        else:
            from .shelf_photos import photo_columns, photo_rows  # noqa: PLC0415

            columns, image, only_photos = photo_columns(reader.headers, image_column, name_column, ingredients_column,
                                                        type_column, _warn, where)
            folder = os.path.dirname(os.path.abspath(file)) if file != "-" else os.getcwd()
            rows = photo_rows(rows, columns, image, only_photos, folder, _warn)
        out = _Output(output)
        style = Style.for_stream(color, None if output else sys.stdout)
        table = ShelfTable(style, date.today() if treated_on else None)
        records = check_rows(rows, columns, options, limits, fmt, jobs)
        progress = None
        stderr = sys.stderr
        if (reader.total_bytes or 0) >= PROGRESS_MIN_BYTES and stderr.isatty() and not out.tty:
            progress = click.progressbar(length=reader.total_bytes, label="Checking", file=stderr)
        try:
            writer = None
            if fmt == "csv":
                writer = csv.writer(out.fh, lineterminator="\n")
                writer.writerow(CSV_COLUMNS)
            elif fmt == "table" and not views:
                out.write(table.header() + "\n")
            seen = 0
            for rec in records:
                summary.add(rec)
                if keep_entries:
                    entries.append(entry(rec))
                if fmt == "jsonl":
                    out.write(rec.json + "\n")
                elif writer is not None:
                    writer.writerow(csv_row(rec))
                elif not views:
                    out.write(table.line(rec) + "\n")
                seen += 1
                if progress is not None and seen % 64 == 0:
                    progress.update(reader.bytes_read - progress.pos)
            if fmt == "table":
                if plan:
                    out.write(plan_text(entries, treated_on, today, style))
                elif today is not None:
                    out.write(today_text(entries, treated_on, today, style))
                else:
                    if summary.products == 0:
                        out.write(f"(no products: {where} holds a header row and nothing else)\n")
                    out.write("\n".join(style.wrap(DISCLAIMER)) + "\n")
            if ics:
                data = to_ics(entries, treated_on)
                write_file(ics, data, "--ics")
            out.finish()
            if progress is not None:
                progress.update(max(0, progress.length - progress.pos))
        except BaseException:
            records.close()
            out.abort()
            raise
        finally:
            if progress is not None:
                progress.render_finish()
    if fmt == "table" or output or ics:
        line = (f"ingredient-check: {summary.text()}" + (f"; wrote {output}" if output else "")
                + (f"; calendar in {ics}" if ics else ""))
        click.echo(_for_stderr(line), err=True)
    if summary.internal:
        first = summary.internal[0]
        click.echo(f"ingredient-check: internal error on {summary.internal_count} row(s), first row {first.row}: "
                   f"{first.error}", err=True)
        # sys.exit, not click's Exit: cli._Group.main runs click with standalone_mode=False, where click
        # returns an Exit's code instead of raising it, so Exit(1) would end with status 0
        sys.exit(1)
