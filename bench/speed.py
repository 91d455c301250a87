"""Speed and memory of ingredient-check against floors measured in the same run (issues 7 and 16).

    python bench/speed.py [--rows 100000] [--repeats 5] [--jobs 2] [--quick] [--label-repeats 20]
                          [--workdir DIR] [--json FILE] [--profile] [--seed 7]

Everything runs as child processes of the current interpreter's environment: the tool is the
``ingredient-check`` console script next to ``sys.executable`` (``--invoke module`` runs
``python -m ingredient_check`` instead). Floor and tool runs alternate (the order rotates each
round), so a slow moment of the machine hits both; figures are medians. The targets are issue 16's:

1. Shelf: a seeded synthetic shelf of ``--rows`` products (``bench/gen_shelf.py``: real INCI names
   with real frequencies, 20-40 items, ~5% typos, label spellings such as "Aqua (Water)"),
   ``ingredient-check shelf FILE --format csv --output OUT`` with ``--jobs 1`` (judged) and
   ``--jobs N`` (reported), against a floor script (written below, run with the same interpreter)
   that reads the same CSV with the csv module, splits each list on commas and writes one row per
   product. Goal: <= 5. ``--format jsonl`` and ``--format table`` (``--jobs 1``) within 20% of csv.
2. Memory: peak RSS of the tool process (``/usr/bin/time -f %M`` when present, else the rusage of
   ``os.wait4``) at ``--rows`` and ``--rows/10`` rows, ``--jobs 1``. Goal: <= 250 MB and the larger
   within 20% of the smaller. With ``--jobs N`` the peak of each process is reported, and the sum of
   the proportional set sizes (PSS) of the whole process tree, sampled every 100 ms, for
   information.
3. Label: one pasted label of 30 known ingredients, ``ingredient-check check --format json "..."``,
   whole process, against the floor ``python -c "import click, rapidfuzz"``. Goal: ratio <= 1.3.
   One extra run under ``-X importtime`` tells whether spaCy was imported (it must not be).
4. ``--jobs N`` output byte-identical to ``--jobs 1`` (every repeat's output is hashed).
5. Typo correction: the generator's known originals, resolved now and with whole-name correction
   off: at least as many right.

``--quick`` is a smoke configuration: 10,000 rows, 3 repeats, 10 label repeats. ``--profile`` also
runs the shelf once (``--rows/10`` rows, ``--jobs 1``) under cProfile and prints the top functions.
Exit status: 0 when every target is met, 1 when one is missed, 2 when a command failed.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
import gen_shelf  # noqa: E402

# A realistic moisturiser label of 30 common, known ingredients (label spellings as printed).
LABEL = ("Aqua (Water), Glycerin, Butylene Glycol, Niacinamide, Cetearyl Alcohol, "
         "Caprylic/Capric Triglyceride, Dimethicone, Glyceryl Stearate, PEG-100 Stearate, Squalane, "
         "Panthenol, Sodium Hyaluronate, Tocopherol, Allantoin, Ceramide NP, Cholesterol, Phytosphingosine, "
         "Carbomer, Xanthan Gum, Sodium Hydroxide, Disodium EDTA, Phenoxyethanol, Ethylhexylglycerin, "
         "Butyrospermum Parkii (Shea) Butter, Simmondsia Chinensis (Jojoba) Seed Oil, Cetyl Alcohol, "
         "Stearic Acid, Hydroxyethylcellulose, Citric Acid, 1,2-Hexanediol")
LABEL_ITEMS = 30

FLOOR_IMPORT = "import click, rapidfuzz"

# The shelf floor: read the CSV with the csv module, split each list on commas, one row per product.
FLOOR_SHELF = '''\
import csv, sys
src, dst = sys.argv[1], sys.argv[2]
with open(src, encoding="utf-8", newline="") as fh, open(dst, "w", encoding="utf-8", newline="") as out:
    reader = csv.reader(fh)
    header = next(reader)
    name, ingredients = header.index("name"), header.index("ingredients")
    writer = csv.writer(out)
    writer.writerow(["row", "name", "items"])
    for row, rec in enumerate(reader, 1):
        items = [s.strip() for s in rec[ingredients].split(",")]
        writer.writerow([row, rec[name], len(items)])
'''

GOAL_LABEL = 1.3  # issue 16, target 3 (issue 7 asked for 2)
GOAL_SHELF = 5.0
GOAL_RSS_MB = 250.0
GOAL_RSS_SPREAD = 0.20
GOAL_FORMAT = 0.20  # every output format within 20% of the csv figure (issue 16)
FORMATS = ("jsonl", "table")
TIME_BIN = "/usr/bin/time"


# ---------------------------------------------------------------------------------------------
# running and measuring


@dataclass
class Run:
    wall: float              # seconds
    rss_kb: int              # peak RSS of the measured process (max over the process and its waited children)
    rc: int
    stderr: str
    tree_pss_kb: int = 0     # sampled peak of the summed PSS of the process tree (0 when not sampled)


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out.extend(int(x) for x in fh.read().split())
    except OSError:
        pass
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """Peak of the summed PSS of a process and all its descendants, every ``interval`` seconds."""

    def __init__(self, pid: int, skip_root: bool, interval: float = 0.1):
        super().__init__(daemon=True)
        self.pid, self.skip_root, self.interval = pid, skip_root, interval
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            todo, total, seen = [self.pid], 0, set()
            while todo:
                p = todo.pop()
                if p in seen:
                    continue
                seen.add(p)
                if not (self.skip_root and p == self.pid):
                    total += _pss_kb(p)
                todo.extend(_children(p))
            self.peak = max(self.peak, total)
            self.stop.wait(self.interval)


def run(cmd: list[str], *, stdout=subprocess.DEVNULL, wrap_time: bool = False, sample_tree: bool = False,
        cwd: Path | None = None) -> Run:
    """Run cmd to completion; wall time, peak RSS (``/usr/bin/time -f %M`` or ``os.wait4``), rc, stderr."""
    use_time = wrap_time and os.access(TIME_BIN, os.X_OK)
    with tempfile.TemporaryDirectory() as tmp:
        err_path = Path(tmp) / "stderr"
        rss_path = Path(tmp) / "rss"
        full = ([TIME_BIN, "-f", "%M", "-o", str(rss_path)] + cmd) if use_time else cmd
        with open(err_path, "wb") as err:
            t0 = time.perf_counter()
            proc = subprocess.Popen(full, stdout=stdout, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd)
            sampler = None
            if sample_tree:
                sampler = TreeSampler(proc.pid, skip_root=use_time)
                sampler.start()
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - t0
            proc.returncode = os.waitstatus_to_exitcode(status)
            if sampler:
                sampler.stop.set()
                sampler.join()
        rss = usage.ru_maxrss
        if use_time:
            try:
                rss = int(rss_path.read_text().split()[-1])
            except (OSError, ValueError, IndexError):
                pass
        stderr = err_path.read_text(encoding="utf-8", errors="replace")
    return Run(wall, rss, proc.returncode, stderr, sampler.peak if sampler else 0)


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def ms(x: float) -> str:
    return f"{x * 1000:.0f} ms"


def secs(x: float) -> str:
    return f"{x:.2f} s"


def mb(kb: float) -> str:
    return f"{kb / 1024:.0f} MB"


def sha(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Failure(Exception):
    pass


def check_ok(r: Run, what: str) -> Run:
    if r.rc != 0:
        raise Failure(f"{what} exited {r.rc}:\n{r.stderr.strip()[-2000:]}")
    return r


# ---------------------------------------------------------------------------------------------
# the machine and the tool


def machine() -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        nproc = len(os.sched_getaffinity(0))
    except AttributeError:
        nproc = os.cpu_count() or 0
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    versions = subprocess.run(
        [sys.executable, "-c", "import click, rapidfuzz, importlib.metadata as m; "
         "print(m.version('click'), rapidfuzz.__version__, m.version('ingredient-check'))"],
        capture_output=True, text=True)
    v = (versions.stdout.split() + ["?", "?", "?"])[:3]
    return {"nproc": nproc, "cpu": model, "memory": mem, "loadavg_start": loadavg(), "python": platform.python_version(),
            "platform": platform.platform(), "executable": sys.executable,
            "click": v[0], "rapidfuzz": v[1], "ingredient_check": v[2], "code": code_fingerprint()}


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def tool_command(invoke: str) -> list[str]:
    script = Path(sys.executable).parent / "ingredient-check"
    if invoke == "script" and script.exists():
        return [str(script)]
    return [sys.executable, "-m", "ingredient_check"]


def ensure_bytecode() -> str:
    """Compile the tool's modules to bytecode, as ``pip install`` does for an installed copy.

    An editable install run under PYTHONDONTWRITEBYTECODE=1 (as on the development machine) has no
    valid bytecode, so every timed run would compile every module from source again (about 14 ms of
    a label's start-up), a cost no installed copy pays; the floor's click and rapidfuzz have theirs.
    """
    import compileall  # noqa: PLC0415

    found = subprocess.run([sys.executable, "-c", "import ingredient_check, os; print(os.path.dirname(ingredient_check.__file__))"],
                           capture_output=True, text=True)
    package = found.stdout.strip()
    if found.returncode != 0 or not package:
        return "bytecode: package not found"
    ok = compileall.compile_dir(package, quiet=1)
    return f"bytecode: {'compiled' if ok else 'NOT all compiled'} for {package}"


def python_command(tool: list[str]) -> list[str]:
    """The same invocation run by the interpreter itself (for -X importtime / -m cProfile)."""
    if tool[0] == sys.executable:
        return tool[1:]
    return tool  # the console script is Python source: `python SCRIPT args` runs it


def shelf_ready(tool: list[str]) -> bool:
    help_text = subprocess.run(tool + ["shelf", "--help"], capture_output=True, text=True).stdout
    return all(opt in help_text for opt in ("--format", "--output", "--jobs"))


# ---------------------------------------------------------------------------------------------
# target 1: one label


def bench_label(tool: list[str], repeats: int) -> dict:
    cmd = tool + ["check", "--format", "json", LABEL]
    floor = [sys.executable, "-c", FLOOR_IMPORT]
    first = subprocess.run(cmd, capture_output=True, text=True)
    if first.returncode != 0:
        raise Failure(f"check exited {first.returncode}: {first.stderr.strip()}")
    report = json.loads(first.stdout)
    items = len(report.get("ingredients", []))
    unknown = report.get("unknown", [])
    check_ok(run(floor), "floor")  # warm-up
    tool_t, floor_t, tool_rss, floor_rss = [], [], [], []
    for i in range(repeats):
        pair = [("floor", floor), ("tool", cmd)]
        for kind, c in (pair if i % 2 == 0 else pair[::-1]):
            r = check_ok(run(c), kind)
            (tool_t if kind == "tool" else floor_t).append(r.wall)
            (tool_rss if kind == "tool" else floor_rss).append(r.rss_kb)
    imp = subprocess.run([sys.executable, "-X", "importtime"] + python_command(cmd),
                         capture_output=True, text=True)
    modules = []
    for line in imp.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)", line)
        if m:
            modules.append((m.group(4), int(m.group(1)), int(m.group(2)), len(m.group(3))))
    spacy_mods = sorted({name for name, *_ in modules if name == "spacy" or name.startswith("spacy.")})
    top = sorted((x for x in modules if x[3] <= 1), key=lambda x: -x[2])[:8]
    t, f = median(tool_t), median(floor_t)
    return {"command": cmd, "floor_command": floor, "items": items, "unknown": unknown,
            "tool_median_s": t, "floor_median_s": f, "ratio": t / f,
            "tool_samples_s": tool_t, "floor_samples_s": floor_t,
            "tool_rss_kb": max(tool_rss), "floor_rss_kb": max(floor_rss),
            "spacy_imported": bool(spacy_mods), "spacy_modules": spacy_mods[:10],
            "modules_imported": len(modules),
            "top_imports_cumulative_us": [(n, cum) for n, _, cum, _ in top],
            "met": t / f <= GOAL_LABEL and not spacy_mods and not unknown}


# ---------------------------------------------------------------------------------------------
# targets 2-4: the shelf


def shelf_cmd(tool: list[str], src: Path, out: Path, jobs: int, fmt: str = "csv") -> list[str]:
    return tool + ["shelf", str(src), "--format", fmt, "--output", str(out), "--jobs", str(jobs)]


def count_rows(path: Path) -> tuple[int, list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        return sum(1 for _ in reader), header


def differing_lines(a: Path, b: Path, show: int = 5) -> dict:
    """How many lines of two outputs differ, and the first few line numbers (1 = header)."""
    n, first = 0, []
    with open(a, "rb") as fa, open(b, "rb") as fb:
        for k, (x, y) in enumerate(zip(fa, fb), 1):
            if x != y:
                n += 1
                if len(first) < show:
                    first.append(k)
    return {"count": n, "first": first}


def code_fingerprint() -> str:
    """sha256 of the package sources and the shipped index: which code these figures belong to."""
    h = hashlib.sha256()
    for path in sorted((REPO / "ingredient_check").glob("*.py")) + [REPO / "lexicons" / "index.json"]:
        if path.is_file():
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:12]


def bench_shelf(tool: list[str], work: Path, big: Path, small: Path, rows: int, repeats: int, jobs: int) -> dict:
    floor_py = work / "floor_shelf.py"
    floor_py.write_text(FLOOR_SHELF, encoding="utf-8")
    floor = [sys.executable, str(floor_py), str(big), str(work / "floor-out.csv")]
    out1, outn = work / "out-jobs1.csv", work / f"out-jobs{jobs}.csv"
    t1 = shelf_cmd(tool, big, out1, 1)
    tn = shelf_cmd(tool, big, outn, jobs)

    # memory at rows/10 (these runs also warm the caches)
    small_out = work / "out-small.csv"
    small_rss, small_t = [], []
    check_ok(run([sys.executable, str(floor_py), str(small), str(work / "floor-small.csv")], wrap_time=True), "floor")
    for _ in range(max(2, repeats)):
        r = check_ok(run(shelf_cmd(tool, small, small_out, 1), wrap_time=True), "shelf (small)")
        small_rss.append(r.rss_kb)
        small_t.append(r.wall)

    # the other formats, --jobs 1: each within GOAL_FORMAT of the csv figure (their outputs are large:
    # a jsonl row carries every ingredient's JSON; each run overwrites the last)
    formats = {fmt: shelf_cmd(tool, big, work / f"out-jobs1.{fmt}", 1, fmt) for fmt in FORMATS}
    samples: dict[str, list[Run]] = {"floor": [], "jobs1": [], f"jobs{jobs}": [], **{f: [] for f in formats}}
    hashes: dict[str, list[str]] = {"jobs1": [], f"jobs{jobs}": []}
    code, stale = code_fingerprint(), 0
    order = [("floor", floor, None), ("jobs1", t1, out1), (f"jobs{jobs}", tn, outn),
             *((fmt, cmd, None) for fmt, cmd in formats.items())]
    for i in range(repeats):
        k = i % len(order)
        for kind, cmd, out in order[k:] + order[:k]:
            r = check_ok(run(cmd, wrap_time=True, sample_tree=(kind != "jobs1" and kind != "floor")), kind)
            samples[kind].append(r)
            if out is not None:
                if code_fingerprint() == code:  # a run on code edited meanwhile proves nothing about target 4
                    hashes[kind].append(sha(out))
                else:
                    stale += 1
    floor_rows, _ = count_rows(work / "floor-out.csv")
    out_rows, out_header = count_rows(out1)
    f = median([r.wall for r in samples["floor"]])
    res = {"rows": rows, "small_rows": rows // 10, "jobs": jobs, "floor_command": floor,
           "commands": {"jobs1": t1, f"jobs{jobs}": tn}, "floor_median_s": f,
           "floor_samples_s": [r.wall for r in samples["floor"]],
           "floor_rss_kb": max(r.rss_kb for r in samples["floor"]),
           "floor_rows": floor_rows, "output_rows": out_rows, "output_header": out_header,
           "small_rss_kb": small_rss, "small_samples_s": small_t}
    csv_s = median([r.wall for r in samples["jobs1"]])
    res["formats"] = {fmt: {"median_s": median([r.wall for r in samples[fmt]]),
                            "samples_s": [r.wall for r in samples[fmt]],
                            "to_csv": median([r.wall for r in samples[fmt]]) / csv_s,
                            "met": median([r.wall for r in samples[fmt]]) / csv_s <= 1 + GOAL_FORMAT}
                      for fmt in formats}
    for kind in ("jobs1", f"jobs{jobs}"):
        t = median([r.wall for r in samples[kind]])
        res[kind] = {"median_s": t, "samples_s": [r.wall for r in samples[kind]], "ratio": t / f,
                     "products_per_s": rows / t, "rss_kb": [r.rss_kb for r in samples[kind]],
                     "tree_pss_kb": [r.tree_pss_kb for r in samples[kind]], "met": t / f <= GOAL_SHELF}
    big_rss = max(res["jobs1"]["rss_kb"])
    small_peak = max(small_rss)
    spread = max(big_rss, small_peak) / min(big_rss, small_peak) - 1
    res["memory"] = {"big_kb": big_rss, "small_kb": small_peak, "spread": spread,
                     "met": max(big_rss, small_peak) / 1024 <= GOAL_RSS_MB and spread <= GOAL_RSS_SPREAD}
    all1, alln = set(hashes["jobs1"]), set(hashes[f"jobs{jobs}"])
    res["identical"] = {"jobs1_sha256": sorted(all1), f"jobs{jobs}_sha256": sorted(alln),
                        "jobs1_repeatable": len(all1) == 1, "differing_lines": differing_lines(out1, outn),
                        "runs_on_edited_code": stale,
                        "compared_runs": {"jobs1": len(hashes["jobs1"]), f"jobs{jobs}": len(hashes[f"jobs{jobs}"])}, "met": len(all1) == 1 and all1 == alln}
    res["stderr_tail"] = samples["jobs1"][-1].stderr.strip().splitlines()[-3:]
    return res


def profile_shelf(tool: list[str], work: Path, small: Path, top: int = 25) -> str:
    import pstats
    prof = work / "shelf.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof)] + python_command(
        shelf_cmd(tool, small, work / "out-profile.csv", 1))
    check_ok(run(cmd), "shelf under cProfile")
    import io
    buf = io.StringIO()
    stats = pstats.Stats(str(prof), stream=buf)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# target 5: typo correction on the shelf's known originals


def bench_typos(rows: int, seed: int, vocab, repeats: int = 3) -> dict:
    """Every typo the generator made on the ``rows``-row shelf, resolved by the vocabulary's
    corrector with whole-name correction (today's) and without it (the corrector before it,
    ``Vocabulary.whole_names = False``), in this process. The right answer is what the item
    resolves to without its typo. Timing: each distinct typo once per pass, memo cleared, the
    two correctors alternating ``repeats`` times; the indexes are built before the clock starts."""
    from ingredient_check.data import load_index  # noqa: PLC0415 - the bench's own process
    from ingredient_check.vocab import Vocabulary  # noqa: PLC0415

    pairs = dict(gen_shelf.typo_originals(rows, seed, vocab))  # typo -> original (first seen)
    index = load_index()
    new, old = Vocabulary(index), Vocabulary(index)
    old.whole_names = False
    build = {}
    for name, v in (("old", old), ("new", new)):
        t0 = time.perf_counter()
        v.fuzzy_index(complete=True)
        build[name] = time.perf_counter() - t0
    truth = {}
    for typo_text, orig in pairs.items():
        hit = new.exact_name(orig) or new.resolve(orig)
        if hit is not None:
            truth[typo_text] = hit.index
    keys = list(truth)
    samples: dict[str, list[float]] = {"old": [], "new": []}
    results = {}
    for _ in range(repeats):
        for name, v in (("old", old), ("new", new)):
            v._memo.clear()
            t0 = time.perf_counter()
            got = [v.resolve(k) for k in keys]
            samples[name].append(time.perf_counter() - t0)
            results[name] = got
    counts = {"both_right": 0, "better": 0, "worse": 0, "both_wrong": 0}
    examples: dict[str, list[str]] = {"better": [], "worse": []}
    for k, o, n in zip(keys, results["old"], results["new"]):
        ok_old = o is not None and o.index == truth[k]
        ok_new = n is not None and n.index == truth[k]
        kind = ("both_right" if ok_old else "better") if ok_new else ("worse" if ok_old else "both_wrong")
        counts[kind] += 1
        if kind in examples and len(examples[kind]) < 5:
            def shown(h):
                return new.inci(h.index) if h is not None else "-"
            examples[kind].append(f"{k!r}: old {shown(o)}, new {shown(n)} (right: {new.inci(truth[k])})")
    right = {name: sum(1 for k, h in zip(keys, results[name]) if h is not None and h.index == truth[k])
             for name in ("old", "new")}
    us = {name: median(samples[name]) / max(1, len(keys)) * 1e6 for name in samples}
    fz = new._names
    return {"rows": rows, "typos": len(pairs), "judged": len(keys), "counts": counts, "right": right,
            "examples": examples, "us_per_typo": us, "samples_s": samples, "build_s": build,
            "name_index_deletions": len(fz.deletes) if fz is not None else 0,
            "met": right["new"] >= right["old"]}


# in-process A/B: check_label over every row of a shelf, whole-name correction on / off

_AB_CHILD = r"""
import csv, resource, sys, time
from ingredient_check.check import check_label
from ingredient_check.classify import get_classifier
csv.field_size_limit(10**7)
with open(sys.argv[1], encoding="utf-8", newline="") as fh:
    texts = [row["ingredients"] for row in csv.DictReader(fh)]
c = get_classifier()
c.vocab.whole_names = sys.argv[2] == "new"
t0 = time.perf_counter()
for text in texts:
    check_label(text, classifier=c)
print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def bench_ab(python: list[str], shelf: Path, repeats: int) -> dict:
    """``check_label`` over every row of ``shelf`` in one fresh process per run (first-seen labels
    included), the corrector before whole-name correction and now alternating; time of the loop
    and peak RSS of the process."""
    out: dict[str, dict[str, list[float]]] = {k: {"s": [], "rss_kb": []} for k in ("old", "new")}
    for _ in range(repeats):
        for kind in ("old", "new"):
            r = subprocess.run(python + ["-c", _AB_CHILD, str(shelf), kind], capture_output=True, text=True)
            if r.returncode:
                raise Failure(f"A/B child failed: {r.stderr.strip()[-300:]}")
            secs_, rss = r.stdout.split()
            out[kind]["s"].append(float(secs_))
            out[kind]["rss_kb"].append(float(rss))
    return {"samples": out, "ratio": median(out["new"]["s"]) / median(out["old"]["s"])}


# ---------------------------------------------------------------------------------------------
# report


def yes(ok: bool) -> str:
    return "yes" if ok else "NO"


def table(m: dict, label: dict | None, shelf: dict | None, gen: dict | None, typos: dict | None = None) -> str:
    changed = m.get("code_end") not in (None, m["code"])
    lines = ([f"WARNING: the package or its index changed during the run (code {m['code']} -> {m['code_end']}): "
              "these figures mix versions; run again", ""] if changed else [])
    lines += [f"machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM, Python {m['python']} "
             f"({m['platform']}); click {m['click']}, rapidfuzz {m['rapidfuzz']}, "
             f"ingredient-check {m['ingredient_check']} (code {m['code']}); load average {m['loadavg_start']} at the start, "
             f"{m.get('loadavg_end', '?')} at the end", ""]
    if gen:
        lines.append(f"shelf: {gen['rows']:,} products (+ {gen['rows'] // 10:,}), seed {gen['seed']}, "
                     f"{gen['items']:,} items, {gen['typo_share']:.1%} with a typo, vocabulary {gen['vocab_size']:,} "
                     f"names ({gen['vocab_source']}: {gen['vocab_detail']}; fingerprint {gen['vocab_fingerprint']}), "
                     f"{gen['bytes'] / 1e6:.1f} MB")
        lines.append("")
    lines += ["| target | measured | floor | ratio | goal | met |", "|---|---|---|---|---|---|"]
    if label:
        note = "" if not label["unknown"] else f", {len(label['unknown'])} unknown!"
        lines.append(f"| 3. label of {label['items']} items, whole process | {ms(label['tool_median_s'])} | "
                     f"{ms(label['floor_median_s'])} | {label['ratio']:.2f} | <= {GOAL_LABEL:g} | "
                     f"{yes(label['ratio'] <= GOAL_LABEL)} |")
        lines.append(f"| 3. spaCy imported by that label | {'yes' if label['spacy_imported'] else 'no'}{note} | | | "
                     f"no | {yes(not label['spacy_imported'])} |")
    if shelf:
        j = shelf["jobs"]
        for kind in ("jobs1", f"jobs{j}"):
            s = shelf[kind]
            lines.append(f"| 1. shelf of {shelf['rows']:,}, --jobs {kind[4:]} | {secs(s['median_s'])} "
                         f"({s['products_per_s']:,.0f}/s) | {secs(shelf['floor_median_s'])} "
                         f"({shelf['rows'] / shelf['floor_median_s']:,.0f}/s) | {s['ratio']:.2f} | "
                         f"<= {GOAL_SHELF:g} | {yes(s['met'])} |")
        for fmt, s in shelf.get("formats", {}).items():
            lines.append(f"| 1. shelf of {shelf['rows']:,}, --format {fmt}, --jobs 1 | {secs(s['median_s'])} | "
                         f"csv {secs(shelf['jobs1']['median_s'])} | {s['to_csv']:.2f} x csv | "
                         f"<= {1 + GOAL_FORMAT:g} x csv | {yes(s['met'])} |")
        mem = shelf["memory"]
        lines.append(f"| 2. peak RSS, --jobs 1, {shelf['rows']:,} / {shelf['small_rows']:,} rows | "
                     f"{mb(mem['big_kb'])} / {mb(mem['small_kb'])} | {mb(shelf['floor_rss_kb'])} | "
                     f"{mem['spread']:+.1%} apart | <= {GOAL_RSS_MB:g} MB, within {GOAL_RSS_SPREAD:.0%} | "
                     f"{yes(mem['met'])} |")
        sj = shelf[f"jobs{j}"]
        lines.append(f"| 2. (info) --jobs {j}: peak RSS of one process / sampled PSS of the tree | "
                     f"{mb(max(sj['rss_kb']))} / {mb(max(sj['tree_pss_kb']))} | | | | |")
        same = shelf["identical"]
        compared = "+".join(str(v) for v in same["compared_runs"].values())
        sha1 = same["jobs1_sha256"][0][:12] if same["jobs1_sha256"] else "-"
        lines.append(f"| 4. --jobs {j} output = --jobs 1 output, {compared} runs | "
                     f"{'byte-identical' if same['met'] else 'DIFFERENT'} "
                     f"(sha256 {sha1}) | | | identical | {yes(same['met'])} |")
    if typos:
        c, r = typos["counts"], typos["right"]
        lines.append(f"| 5. typo correction, {typos['judged']:,} distinct typos of the {typos['rows']:,}-row shelf: "
                     f"right now / before whole-name correction | {r['new']:,} / {r['old']:,} "
                     f"(better {c['better']}, worse {c['worse']}, both wrong {c['both_wrong']}) | | | "
                     f"at least as many right | {yes(typos['met'])} |")
        lines.append(f"| 5. (info) time per never-seen typo, now / before | {typos['us_per_typo']['new']:.1f} us / "
                     f"{typos['us_per_typo']['old']:.1f} us | | {typos['us_per_typo']['new'] / typos['us_per_typo']['old']:.2f} | | |")
    return "\n".join(lines)


def details(label: dict | None, shelf: dict | None, typos: dict | None = None) -> str:
    out = []
    if typos:
        out.append("typo pass samples (s): now " + " ".join(f"{x:.2f}" for x in typos["samples_s"]["new"])
                   + " | before " + " ".join(f"{x:.2f}" for x in typos["samples_s"]["old"])
                   + f"; index build: now {typos['build_s']['new']:.2f} s (whole-name index "
                   f"{typos['name_index_deletions']:,} deletions), before {typos['build_s']['old']:.2f} s")
        for kind, shown in typos["examples"].items():
            if shown:
                out.append(f"{kind}: " + "; ".join(shown))
    if label:
        out.append("label samples (ms): tool " + " ".join(f"{x * 1000:.0f}" for x in label["tool_samples_s"])
                   + " | floor " + " ".join(f"{x * 1000:.0f}" for x in label["floor_samples_s"]))
        out.append(f"label peak RSS: tool {mb(label['tool_rss_kb'])}, floor {mb(label['floor_rss_kb'])}; "
                   f"{label['modules_imported']} modules imported; heaviest top-level imports (cumulative): "
                   + ", ".join(f"{n} {us / 1000:.0f} ms" for n, us in label["top_imports_cumulative_us"]))
    if shelf:
        j = shelf["jobs"]
        out.append("shelf samples (s): floor " + " ".join(f"{x:.2f}" for x in shelf["floor_samples_s"])
                   + " | jobs 1 " + " ".join(f"{x:.2f}" for x in shelf["jobs1"]["samples_s"])
                   + f" | jobs {j} " + " ".join(f"{x:.2f}" for x in shelf[f"jobs{j}"]["samples_s"])
                   + "".join(f" | {fmt} " + " ".join(f"{x:.2f}" for x in s["samples_s"])
                             for fmt, s in shelf.get("formats", {}).items()))
        out.append(f"shelf peak RSS (MB): jobs 1 at {shelf['rows']:,}: "
                   + " ".join(f"{x / 1024:.0f}" for x in shelf["jobs1"]["rss_kb"])
                   + f"; at {shelf['small_rows']:,}: " + " ".join(f"{x / 1024:.0f}" for x in shelf["small_rss_kb"])
                   + f"; jobs {j} per process: " + " ".join(f"{x / 1024:.0f}" for x in shelf[f"jobs{j}"]["rss_kb"])
                   + "; tree PSS: " + " ".join(f"{x / 1024:.0f}" for x in shelf[f"jobs{j}"]["tree_pss_kb"]))
        out.append(f"output: {shelf['output_rows']:,} rows (floor {shelf['floor_rows']:,}), columns "
                   + ",".join(shelf["output_header"]))
        same = shelf["identical"]
        if not same["met"]:
            d = same["differing_lines"]
            out.append(f"jobs {j} vs jobs 1 (last repeat, {same['runs_on_edited_code']} runs on edited code left out): "
                       f"{d['count']} lines differ, first at lines "
                       + ", ".join(map(str, d["first"])) + "; jobs 1 repeats agree with each other: "
                       + ("yes" if same["jobs1_repeatable"] else
                          f"NO ({len(same['jobs1_sha256'])} different outputs in {len(shelf['jobs1']['samples_s'])} runs)"))
        if shelf["stderr_tail"]:
            out.append("tool stderr (last lines): " + " / ".join(shelf["stderr_tail"]))
    return "\n".join(out)


def main_ab(args) -> int:
    repeats = args.repeats or 3
    with tempfile.TemporaryDirectory(prefix="ic-ab-") as tmp:
        shelf = Path(tmp) / f"shelf-{args.ab}.csv"
        gen_shelf.generate(shelf, args.ab, args.seed, gen_shelf.load_vocabulary(args.vocab, args.shared))
        start = loadavg()
        print(f"[ab] check_label over {args.ab:,} rows: {repeats} x (before, now) alternating ...", flush=True)
        try:
            ab = bench_ab([sys.executable], shelf, repeats)
        except Failure as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    s = ab["samples"]
    for kind, what in (("old", "before whole-name correction"), ("new", "now")):
        print(f"{what:>30}: " + " ".join(f"{x:.2f}" for x in s[kind]["s"]) + f" s (median {median(s[kind]['s']):.2f}); "
              f"peak RSS " + " ".join(mb(x) for x in s[kind]["rss_kb"]))
    print(f"now / before: {ab['ratio']:.3f}; load average {start} at the start, {loadavg()} at the end")
    print(f"run: python bench/speed.py --ab {args.ab} --repeats {repeats} --seed {args.seed}  ({time.strftime('%Y-%m-%d %H:%M')})")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=None, help="shelf size (default 100,000; --quick 10,000)")
    ap.add_argument("--repeats", type=int, default=None, help="shelf runs of each kind (default 5; --quick 3)")
    ap.add_argument("--label-repeats", type=int, default=None, help="label runs of each kind (default 20; --quick 10)")
    ap.add_argument("--jobs", type=int, default=2, help="N for --jobs N (default 2)")
    ap.add_argument("--quick", action="store_true", help="smoke check: 10,000 rows, 3 repeats")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--vocab", choices=("auto", "data", "builtin"), default="auto",
                    help="shelf vocabulary weights (gen_shelf.py; auto = real frequencies when eval-data is there)")
    ap.add_argument("--shared", type=Path, default=gen_shelf.DEFAULT_SHARED)
    ap.add_argument("--invoke", choices=("script", "module"), default="script")
    ap.add_argument("--workdir", type=Path, default=None, help="keep the shelves and outputs here (default: a temp dir)")
    ap.add_argument("--json", type=Path, default=None, help="also write every figure to this file")
    ap.add_argument("--profile", action="store_true", help="also profile one shelf run (cProfile, rows/10)")
    ap.add_argument("--skip-label", action="store_true")
    ap.add_argument("--skip-shelf", action="store_true")
    ap.add_argument("--skip-typos", action="store_true")
    ap.add_argument("--ab", type=int, default=0, metavar="ROWS",
                    help="only the in-process A/B: check_label over a ROWS-row shelf, whole-name correction on/off")
    args = ap.parse_args(argv)
    rows = args.rows or (10_000 if args.quick else 100_000)
    repeats = args.repeats or (3 if args.quick else 5)
    label_repeats = args.label_repeats or (10 if args.quick else 20)

    tool = tool_command(args.invoke)
    m = machine()
    print(f"tool: {' '.join(tool)}; python: {sys.executable}", flush=True)
    print(ensure_bytecode(), flush=True)
    if args.ab:
        return main_ab(args)
    label = shelf = gen = typos = None
    prof = ""
    tmp = None
    if args.workdir:
        work = args.workdir
        work.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="ic-speed-")
        work = Path(tmp.name)
    try:
        if not args.skip_label:
            print(f"[1] label: {label_repeats} x (tool, floor) alternating ...", flush=True)
            label = bench_label(tool, label_repeats)
        if not args.skip_shelf:
            big, small = work / f"shelf-{rows}.csv", work / f"shelf-{rows // 10}.csv"
            print(f"[2] generating {rows:,} + {rows // 10:,} products (seed {args.seed}) in {work} ...", flush=True)
            vocab = gen_shelf.load_vocabulary(args.vocab, args.shared)
            t0 = time.perf_counter()
            gen = gen_shelf.generate(big, rows, args.seed, vocab)
            gen_shelf.generate(small, rows // 10, args.seed, vocab)
            print(f"    done in {time.perf_counter() - t0:.1f} s", flush=True)
            if not shelf_ready(tool):
                print("    `ingredient-check shelf` lacks --format/--output/--jobs: shelf targets skipped", flush=True)
            else:
                print(f"[2-4] shelf: {repeats} x (floor, --jobs 1, --jobs {args.jobs}) rotating ...", flush=True)
                shelf = bench_shelf(tool, work, big, small, rows, repeats, args.jobs)
                if args.profile:
                    print("[profile] cProfile of one --jobs 1 run at rows/10 ...", flush=True)
                    prof = profile_shelf(tool, work, small)
        if not args.skip_typos:
            print(f"[5] typo correction on the {rows:,}-row shelf's known originals, now vs before ...", flush=True)
            typos = bench_typos(rows, args.seed, gen_shelf.load_vocabulary(args.vocab, args.shared))
    except Failure as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        if tmp is not None:
            tmp.cleanup()

    m["loadavg_end"] = loadavg()
    m["code_end"] = code_fingerprint()
    print()
    print(table(m, label, shelf, gen, typos))
    print()
    print(details(label, shelf, typos))
    print(f"\nrun: python bench/speed.py --rows {rows} --repeats {repeats} --label-repeats {label_repeats} "
          f"--jobs {args.jobs} --seed {args.seed}"
          + "".join(f" --skip-{k}" for k in ("label", "shelf", "typos") if getattr(args, f"skip_{k}"))
          + f"  ({time.strftime('%Y-%m-%d %H:%M')})")
    if prof:
        print("\n" + prof)
    if args.json:
        args.json.write_text(json.dumps({"machine": m, "label": label, "shelf": shelf, "generator": gen, "typos": typos},
                                        indent=2, default=str), encoding="utf-8")
    mets = []
    if label:
        mets.append(label["met"])
    if shelf:
        # issue 16: one process within the goal (--jobs N is reported), and every format near csv
        mets += [shelf["jobs1"]["met"], shelf["memory"]["met"], shelf["identical"]["met"],
                 *(f["met"] for f in shelf["formats"].values())]
    if typos:
        mets.append(typos["met"])
    return 0 if all(mets) and shelf is not None and label is not None else 1


if __name__ == "__main__":
    sys.exit(main())
