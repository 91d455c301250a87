"""How long a fresh process takes to load the index a check reads, for each way of storing it (issue 16).

    python bench/index_load.py [--repeats 15]

Each way is timed in its own fresh process (the memory a first load touches is part of what a pasted
label pays), the ways alternating round by round, and the medians printed. The index is the shipped
``lexicons/index.json``; the other forms are written to a temporary folder first:

- ``json``: ``json.loads`` of index.json (the reviewed source, and what a check read before);
- ``marshal``, ``pickle``: the same dict in those formats, read with no check that it is current;
- ``marshal, checked``: what ``data.read_index`` does: index.json's size, modification time and
  first 128 bytes compared with the copy's header, then the copy unmarshalled;
- ``+ vocabulary``: the same load and then ``Vocabulary(index)``, what a label pays before its first
  look-up (the names stay in their blocks, vocab._PackedNames); ``unpacked``: then the 28,700 names
  split into a list and a dict, as every check did before.
"""

from __future__ import annotations

import argparse
import json
import marshal
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
INDEX = REPO / "lexicons" / "index.json"

# each way: (imports, outside the timer: a check imports json and the package anyway; the load)
WAYS = {
    "json": ("import json", "with open({json!r}, 'rb') as fh: index = json.loads(fh.read())"),
    "marshal": ("import marshal", "with open({marshal!r}, 'rb') as fh: index = marshal.loads(fh.read())"),
    "pickle": ("import pickle", "with open({pickle!r}, 'rb') as fh: index = pickle.loads(fh.read())"),
    "marshal, checked": ("from ingredient_check.data import read_index", "index = read_index({json!r}, [{cached!r}])"),
    "json + vocabulary unpacked (before issue 16)": (
        "import json; from ingredient_check.vocab import Vocabulary",
        "with open({json!r}, 'rb') as fh: index = json.loads(fh.read())\nv = Vocabulary(index); v.keys"),
    "json + vocabulary": ("import json; from ingredient_check.vocab import Vocabulary",
                          "with open({json!r}, 'rb') as fh: index = json.loads(fh.read())\nv = Vocabulary(index)"),
    "marshal, checked + vocabulary": ("from ingredient_check.data import read_index; from ingredient_check.vocab import Vocabulary",
                                     "index = read_index({json!r}, [{cached!r}])\nv = Vocabulary(index)"),
}
TIMER = "{setup}\nimport time; t = time.perf_counter()\n{load}\nprint(time.perf_counter() - t)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeats", type=int, default=15)
    args = ap.parse_args()
    raw = INDEX.read_bytes()
    index = json.loads(raw)
    with tempfile.TemporaryDirectory() as tmp:
        paths = {"json": str(INDEX), "marshal": os.path.join(tmp, "index.marshal"),
                 "pickle": os.path.join(tmp, "index.pickle"), "cached": os.path.join(tmp, "index.cached")}
        Path(paths["marshal"]).write_bytes(marshal.dumps(index))
        Path(paths["pickle"]).write_bytes(pickle.dumps(index, protocol=5))
        from ingredient_check.data import read_index  # noqa: PLC0415 - writes the checked copy

        assert read_index(paths["json"], [paths["cached"]]) == index
        sizes = {"json": len(raw), "marshal": os.path.getsize(paths["marshal"]),
                 "pickle": os.path.getsize(paths["pickle"]), "marshal, checked": os.path.getsize(paths["cached"])}
        scripts = {k: TIMER.format(setup=setup, load=load.format(**paths)) for k, (setup, load) in WAYS.items()}
        times: dict[str, list[float]] = {k: [] for k in scripts}
        for r in range(args.repeats):
            order = list(scripts) if r % 2 == 0 else list(scripts)[::-1]
            for k in order:
                out = subprocess.run([sys.executable, "-c", scripts[k]], capture_output=True, text=True, check=True)
                times[k].append(float(out.stdout))
    base = statistics.median(times["json"])
    print(f"index.json: {len(raw):,} bytes; {args.repeats} fresh processes per way\n")
    print("| way | size | load (median) | vs json |")
    print("|---|---|---|---|")
    for k, ts in times.items():
        size = f"{sizes[k]:,} B" if k in sizes else ""
        print(f"| {k} | {size} | {statistics.median(ts) * 1000:.1f} ms | {statistics.median(ts) / base:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
