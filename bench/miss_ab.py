"""A never-seen typo'd segment, read by this checkout and by another, interleaved (issue 16).

    python bench/miss_ab.py --against DIR [--rows 20000] [--chunk 1000] [--seed 7]

DIR is another checkout (a ``git worktree add`` of an older commit). Two worker processes, one
importing each checkout's ``ingredient_check`` (``PYTHONPATH``), build their whole-name index,
then read the distinct typo'd segments of the seeded shelf (``gen_shelf.typo_originals``, as the
shelf prints them, after ", "), shuffled, in chunks: the two take turns, the order flipping every
chunk, so a slow moment of the shared machine hits both. Each segment is read once in each worker,
its first sighting (``Classifier._segment_reading``, every memo cold for it: parsing, the exact
readings, the corrections, the finished ingredients). Prints the median CPU microseconds a segment
of each side, their ratio, and whether the two read every segment the same (a digest of the
readings, chunk by chunk).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

_WORKER = r"""
import hashlib, sys, time
from ingredient_check.classify import get_classifier
c = get_classifier()
c.vocab.fuzzy_index(complete=True)
segments = sys.stdin.readline().rstrip("\n").split("\x1f")
print("ready", flush=True)
for line in sys.stdin:
    a, b = map(int, line.split())
    t = time.process_time()
    readings = [c._segment_reading(s, False) for s in segments[a:b]]
    dt = time.process_time() - t
    print(dt, hashlib.sha1(repr(readings).encode()).hexdigest(), flush=True)
"""


def _worker(checkout: Path, segments: list[str]) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(checkout), "PYTHONHASHSEED": "0"}
    p = subprocess.Popen([sys.executable, "-c", _WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         text=True, env=env, cwd="/")
    p.stdin.write("\x1f".join(segments) + "\n")
    p.stdin.flush()
    assert p.stdout.readline().strip() == "ready"
    return p


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--against", type=Path, required=True, help="the other checkout")
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--chunk", type=int, default=1000)
    args = ap.parse_args(argv)
    import gen_shelf  # noqa: PLC0415

    segments = sorted({" " + typo for typo, _ in gen_shelf.typo_originals(args.rows, args.seed)})
    random.Random(args.seed).shuffle(segments)
    sides = {"this": _worker(HERE.parent, segments), "other": _worker(args.against.resolve(), segments)}
    times: dict[str, list[float]] = {"this": [], "other": []}
    same = True
    for k, a in enumerate(range(0, len(segments), args.chunk)):
        b = min(len(segments), a + args.chunk)
        digests = {}
        for name in (("this", "other") if k % 2 == 0 else ("other", "this")):
            p = sides[name]
            p.stdin.write(f"{a} {b}\n")
            p.stdin.flush()
            dt, digests[name] = p.stdout.readline().split()
            times[name].append(float(dt) / (b - a) * 1e6)
        same = same and digests["this"] == digests["other"]
    for p in sides.values():
        p.stdin.close()
        p.wait()
    this, other = statistics.median(times["this"]), statistics.median(times["other"])
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{len(segments):,} distinct typo'd segments of the {args.rows:,}-row shelf (seed {args.seed}), "
          f"chunks of {args.chunk:,}, load average {load}")
    print(f"per never-seen segment: this checkout {this:.1f} us, {args.against} {other:.1f} us, "
          f"ratio {this / other:.2f}; readings identical: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
