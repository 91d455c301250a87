"""What `rich` would cost a pasted label (issue 15): interleaved whole-process runs of the floor
(`import click, rapidfuzz`), the floor plus the rich modules a table and wrapping would need, the
floor plus what style.py uses (textwrap, shutil), and the real check of a 30-item label as a table.
Prints medians and ratios against the floor measured in the same run; rich must be installed
(`pip install rich`) for its row, else that row is skipped.

    python bench/rich_cost.py [--runs 15]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import time

LABEL = ("Aqua, Glycerin, Niacinamide, Butylene Glycol, Cetearyl Alcohol, Dimethicone, Retinol, Tocopherol, "
         "Sodium Hyaluronate, Panthenol, Allantoin, Phenoxyethanol, Ethylhexylglycerin, Carbomer, Xanthan Gum, "
         "Citric Acid, Sodium Citrate, Caprylyl Glycol, Squalane, Ceramide NP, Cholesterol, Linalool, Limonene, "
         "Parfum, Disodium EDTA, Sodium Hydroxide, Glyceryl Stearate, PEG-100 Stearate, Cetyl Alcohol, Stearic Acid")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    py = sys.executable
    cases = {
        "floor: import click, rapidfuzz": [py, "-c", "import click, rapidfuzz"],
        "floor + textwrap, shutil (style.py)": [py, "-c", "import click, rapidfuzz, textwrap, shutil"],
    }
    if importlib.util.find_spec("rich"):
        cases["floor + rich.console, rich.table, rich.text"] = [
            py, "-c", "import click, rapidfuzz, rich.console, rich.table, rich.text"]
    cases["check of a 30-item label, --color always"] = [
        py, "-m", "ingredient_check", "check", "--no-user-rules", "--color", "always", LABEL]
    times: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(args.runs):  # interleaved: load changes hit every case alike
        for name, cmd in cases.items():
            t = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - t)
    floor = statistics.median(times["floor: import click, rapidfuzz"])
    print(f"{'case':48} {'median':>9} {'vs floor':>9}")
    for name, ts in times.items():
        m = statistics.median(ts)
        print(f"{name:48} {m * 1000:7.1f} ms {m / floor:8.2f}x  (+{(m - floor) * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
