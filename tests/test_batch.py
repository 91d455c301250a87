"""The batch API (issue 16): records in, records out, identical to ``shelf --format csv``; and a shelf
run through Dask's ``map_partitions`` on a local cluster gives the CLI's output (skipped where the
optional ``dask`` extra is not installed; the ``test`` extra installs it, so CI runs it)."""

from __future__ import annotations

import csv
import io
import sys

import pytest
from click.testing import CliRunner

from ingredient_check.batch import CSV_COLUMNS, check_records
from ingredient_check.cli import main

from .conftest import ROOT

# Written for this test: a plain list, a typo, a may-contain section, a heading, a sub-list, a type
# cell, an empty ingredients cell (an error row) and a kit.
ROWS = [
    ("Hydra Serum", "serum", "Aqua (Water), Glycerin, Sodium Hyaluronate, Panthenol, Phenoxyethanol"),
    ("Night Cream", "", "Aqua, Glycerni, Retinol, Cetearyl Alcohol, Tocopherol"),
    ("Eye Palette", "makeup", "Talc, Mica, Dimethicone, May Contain (+/-): CI 77491, CI 77492"),
    ("Glow Toner", "Toner", "Ingredients: Water, Glycolic Acid, Sodium Hydroxide, Citric Acid"),
    ("Scented Balm", "", "Butyrospermum Parkii Butter, Parfum (Limonene, Linalool)"),
    ("Broken row", "", ""),
    ("Duo", "", "Cleanser Ingredients: Aqua, Glycerin; Toner Ingredients: Aqua, Lactic Acid"),
]


def shelf_file(tmp_path, rows=ROWS):
    path = tmp_path / "shelf.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["name", "type", "ingredients"])
        w.writerows(rows)
    return path


def cli_records(path) -> list[dict[str, str]]:
    result = CliRunner().invoke(main, ["shelf", str(path), "--format", "csv", "--no-user-rules"])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_records_out_are_the_shelf_csv_rows(tmp_path):
    expected = cli_records(shelf_file(tmp_path))
    records = [{"name": n, "type": t, "ingredients": i, "row": k, "line": k + 1} for k, (n, t, i) in enumerate(ROWS, 1)]
    got = list(check_records(records, product_type="type"))
    assert got == expected
    assert [r["status"] for r in got].count("error") == 1


def test_records_without_numbers_are_counted_in_order():
    got = list(check_records([{"ingredients": "Aqua, Retinol"}, {"ingredients": "Aqua, Glycerin"}], name=None))
    assert [(r["row"], r["line"], r["product"]) for r in got] == [("1", "", ""), ("2", "", "")]
    assert list(got[0]) == CSV_COLUMNS and got[0]["deciding"] == "RETINOL"


def test_a_shelf_through_dask_map_partitions_on_a_local_cluster(tmp_path):
    pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("dask.distributed")
    sys.path.insert(0, str(ROOT / "bench"))
    import dask_shelf  # noqa: PLC0415 - the example this test runs
    import gen_shelf  # noqa: PLC0415

    gen = gen_shelf.ShelfGenerator(gen_shelf.load_vocabulary(), 7, gen_shelf.TYPO_RATE)
    rows = [gen.product(i) for i in range(1, 301)] + ROWS
    path = shelf_file(tmp_path, rows)
    expected = cli_records(path)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        frame = dask_shelf.check_shelf_with_dask(str(path), partitions=4, client=client)
    assert frame.to_dict("records") == expected
