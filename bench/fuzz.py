"""Fuzz the whole check pipeline for crashes, broken invariants and slow labels (outside CI).

    python bench/fuzz.py --minutes 10                 # atheris if installed, else structured random
    python bench/fuzz.py --minutes 10 --engine mutate # structured mutations of samples/ (no atheris)
    python bench/fuzz.py --minutes 5 --engine hypothesis
    python bench/fuzz.py --replay bench/fuzz-findings/exception-1a2b3c4d.txt

Every input goes through the reader (bytes -> checked text, as the CLI does), ``parse_label``,
``check_label`` and all three report formats (table, JSON, CSV). A finding is:

- an exception other than the documented ``InputError`` (and that one only from the reader or for an
  over-limit item count);
- a broken invariant: an item span outside the input or not matching the item's text, items out of
  label order, ``fold`` not idempotent on an item's name, ``check_label`` answering differently with
  the classifier's memos of readings warm and emptied;
- a label that takes longer than ``--slow`` seconds (default 1 s) to check;
- a hang: libFuzzer's ``-timeout`` under atheris; otherwise faulthandler stops the run after
  ``--hang`` seconds, leaving the input in ``last-input.txt`` and the stack in ``hang-traceback.txt``.

Findings are de-duplicated (kind, exception type, innermost ingredient_check frame), each saved as an
input file under ``--out`` (default ``bench/fuzz-findings/``) and listed in ``findings.jsonl``; the
run ends with a summary and exit code 0 when clean, 1 when something was found.

Engines: ``atheris`` (coverage-guided libFuzzer; ``pip install atheris``) starts from a corpus written
from samples/ and the pathological seeds below and mutates bytes, read as UTF-8. ``mutate`` builds
labels from samples/, shelf rows, vocabulary names and random unicode, then applies random structural
mutations (separators, brackets, headings, list strings, entities, confusables, bidi marks, combining
marks, emoji, long repeated runs). ``hypothesis`` draws labels from hypothesis strategies in chunks.
``--seed`` makes ``mutate`` and ``hypothesis`` runs reproducible.
"""

from __future__ import annotations

import argparse
import faulthandler
import hashlib
import json
import os
import random
import signal
import sys
import time
import traceback
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Seeds that once broke something, or are meant to (issue 8).
PATHOLOGICAL = [
    "," * 2000,
    "(" * 2000 + "Aqua" + ")" * 2000,
    "a" * 5000,
    "!@#$%^&*()_+-=[]{};':\",./<>?\\|`~" * 50,
    "\u0410qua, Glycerin",
    "\u200fAqua, \u202eGlycerin\u202c, Retin\u0301ol, \U0001F9F4, Cre\u0300me",
    "['" + "\\'" * 500 + '"]',
    "a" + "-" * 300 + "x",
    "Ingredients: " * 300,
    "Ingredients" + " " * 2000 + "x",
    "none" + " " * 2000 + "x",
    "Aqua" + " " * 2000 + "b",
    "{0.__class__}, %s%n, ../../etc/passwd, (?:a+)+$",
    "Aqua, Glycerin,\n  May Contain (+/-): CI 77491, CI 77492 [+/-] Mica",
    "Octocrylene 5.0%Water, Glycerin &amp; Tocopherol &#40;Vitamin E&#41;",
    "['aqua (water', ' eau)', ' 1', '2-hexanediol', ' glycerin']",
    "Cleanser Ingredients: Aqua, Glycerin\nToner Ingredients: Aqua, Alcohol Denat.\nDirections: none",
]

TOKENS = [
    ",", ", ", ";", "\n", "\r\n", " • ", "·", " | ", ". ", ".", "%", "5%", "10.5%", "(1%)", "1,2-", "(", ")",
    "[", "]", "{", "}", "((", "))", ":", "：", "*", "†", "™", "®", "+", "+/-", "[+/-]", "(+/-)", "±",
    "May Contain", "may contain:", "Ingredients:", "INCI:", "Inactive Ingredients:", "Active Ingredients:",
    "Directions:", "Warnings:", "Please be aware that ingredient lists may change.", "*Certified organic",
    "&amp;", "&#40;", "&#x41;", "&nbsp;", "&bogus;", "[more]", "'", '"', "\\", "\\'", "['", "']", "\t",
    "\u200b", "\u200f", "\u202e", "\u2066", "\ufeff", "\u00ad", "\u0301", "\u0308\u0301", "\U0001F9F4",
    "\U0001F469\u200d\U0001F52C", "\u0410", "\u0430", "\u03bf", "\uff21", "\u2013", "\u2019", "\u00a0",
    "Aqua", "Water", "Glycerin", "Retinol", "Parfum/Fragrance", "Alcohol Denat.", "CI 77491", "Cl 7749l",
    "Limonene", "Citric Acid", "Phenoxyethanol", "Lavandula Angustifolia Oil", "fragrance free",
    "{0}", "%s", "%n", "../", "(?:a+)+$", "\x0b", "\x1c", "\x85", "\u2028",
]


def _load_corpus(vocab_names: list[str]) -> list[str]:
    corpus = list(PATHOLOGICAL)
    for p in sorted((ROOT / "samples").glob("*.txt")):
        corpus.append(p.read_text(encoding="utf-8"))
    shelf = ROOT / "samples" / "shelf.csv"
    if shelf.exists():
        import csv  # noqa: PLC0415

        with open(shelf, newline="", encoding="utf-8") as fh:
            corpus.extend(row.get("ingredients", "") for row in csv.DictReader(fh))
    rng = random.Random(0)
    for _ in range(20):
        corpus.append(", ".join(rng.choice(vocab_names) for _ in range(rng.randint(1, 40))))
    return [c for c in corpus if c]


class Mutator:
    """Structural mutations of a label, from a seeded random generator."""

    def __init__(self, rng: random.Random, corpus: list[str], names: list[str], max_len: int):
        self.rng, self.corpus, self.names, self.max_len = rng, corpus, names, max_len

    def random_char(self) -> str:
        r = self.rng
        while True:
            cp = r.choice((r.randint(0x20, 0x7E), r.randint(0, 0x2FF), r.randint(0x300, 0x36F), r.randint(0x370, 0x52F),
                           r.randint(0x2000, 0x206F), r.randint(0xFE00, 0xFFFF), r.randint(0x1F300, 0x1FAFF),
                           r.randint(0, 0x10FFFF)))
            if not 0xD800 <= cp <= 0xDFFF:
                return chr(cp)

    def token(self) -> str:
        r = self.rng
        k = r.random()
        if k < 0.5:
            return r.choice(TOKENS)
        if k < 0.7:
            return r.choice(self.names).upper() if r.random() < 0.5 else r.choice(self.names).title()
        return "".join(self.random_char() for _ in range(r.randint(1, 8)))

    def base(self) -> str:
        r = self.rng
        k = r.random()
        if k < 0.6:
            return r.choice(self.corpus)
        if k < 0.8:
            seps = r.choice([", ", ",", "; ", "\n", " • ", " | ", ". "])
            return seps.join(self.token() for _ in range(r.randint(1, 60)))
        return "".join(self.random_char() for _ in range(r.randint(0, 200)))

    def mutate(self, text: str) -> str:
        r = self.rng
        for _ in range(r.randint(1, 8)):
            n = len(text)
            i, j = sorted((r.randint(0, n), r.randint(0, n)))
            op = r.randrange(12)
            if op <= 2:
                text = text[:i] + self.token() + text[i:]
            elif op == 3:
                text = text[:i] + text[j:]
            elif op == 4 and j > i:  # repeat a slice many times: the shape of most pathological input
                piece = text[i:min(j, i + 50)]
                times = r.choice((2, 10, 100, 1000, 10000))
                text = text[:i] + piece * min(times, max(1, (self.max_len - n) // max(1, len(piece)))) + text[i:]
            elif op == 5:
                text = text[:i] + self.random_char() * r.choice((1, 3, 50, 2000)) + text[i:]
            elif op == 6:
                text = repr([p for p in text.split(",")]) if r.random() < 0.5 else json.dumps(text.split(","))
            elif op == 7:
                text = text.swapcase() if r.random() < 0.5 else text.upper()
            elif op == 8:
                text = unicodedata.normalize(r.choice(("NFC", "NFD", "NFKC", "NFKD")), text)
            elif op == 9:
                text = text.replace(",", r.choice(TOKENS[:12]))
            elif op == 10:
                text = text[:i] + text[i:j][::-1] + text[j:]
            else:
                other = r.choice(self.corpus)
                a = r.randint(0, len(other))
                text = text[:i] + other[a:a + r.randint(0, 400)] + text[i:]
        return text[: self.max_len]

    def bytes_variant(self, text: str) -> bytes:
        r = self.rng
        data = text.encode(r.choice(("utf-8", "utf-8-sig", "utf-16", "utf-16-le")), "replace")
        if r.random() < 0.5 and data:
            k = r.randrange(len(data))
            data = data[:k] + bytes([r.randrange(256)]) + data[k + 1:]
        return data


class Harness:
    def __init__(self, out: Path, slow: float, hang: float):
        from ingredient_check.check import check_label  # noqa: PLC0415
        from ingredient_check.classify import Classifier, get_classifier  # noqa: PLC0415
        from ingredient_check.data import load_index  # noqa: PLC0415
        from ingredient_check.errors import InputError  # noqa: PLC0415
        from ingredient_check.fold import fold  # noqa: PLC0415
        from ingredient_check.parse import parse_label  # noqa: PLC0415
        from ingredient_check.read import check_label_text, decode_label  # noqa: PLC0415
        from ingredient_check.report import to_csv, to_json, to_table  # noqa: PLC0415

        self.check_label, self.InputError, self.fold, self.parse_label = check_label, InputError, fold, parse_label
        self.decode_label, self.check_label_text = decode_label, check_label_text
        self.to_csv, self.to_json, self.to_table = to_csv, to_json, to_table
        self.classifier = get_classifier()
        self.cold = Classifier(load_index())  # its memos are emptied before each input
        self.sources = self.classifier.sources
        # warm up what loads lazily (fuzzy index, spaCy for the structure rules), so it is not timed
        check_label("Aqau, Lavandula Stoechas Flower Oil, Xyzzya Folium Leaf Oil, Glycerine")
        self.out, self.slow, self.hang = out, slow, hang
        out.mkdir(parents=True, exist_ok=True)
        self.findings: dict[tuple, dict] = {}
        self.execs = 0
        self.slowest = (0.0, "")
        self.started = time.monotonic()
        self._hang_file = open(out / "hang-traceback.txt", "w")  # noqa: SIM115 - faulthandler writes into it
        # Where a slow label spends its time: a profiling timer samples the innermost
        # ingredient_check frame every 20 ms of CPU time; a slow finding is keyed by the top sample.
        self._samples: dict[str, int] = {}
        if hasattr(signal, "setitimer"):
            signal.signal(signal.SIGPROF, self._sample)
            signal.setitimer(signal.ITIMER_PROF, 0.02, 0.02)

    def _sample(self, signum, frame) -> None:
        while frame is not None and "ingredient_check" not in frame.f_code.co_filename:
            frame = frame.f_back
        if frame is not None:
            key = f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno} {frame.f_code.co_name}"
            self._samples[key] = self._samples.get(key, 0) + 1

    # -- the target ------------------------------------------------------------------------------
    def run_text(self, text: str) -> None:
        self._samples.clear()
        self._arm(text)
        self._seconds = 0.0
        try:
            self._pipeline(text)
        except Exception as exc:  # noqa: BLE001 - a finding, recorded below
            self._record("exception", exc, text)
        finally:
            faulthandler.cancel_dump_traceback_later()
        self._timed(text, self._seconds)

    def run_bytes(self, data: bytes) -> None:
        try:
            text = self.decode_label(data, "fuzz input")
            text = self.check_label_text(text, "fuzz input")
        except self.InputError:
            return
        except Exception as exc:  # noqa: BLE001
            self._record("exception", exc, data.decode("utf-8", "replace"))
            return
        self.run_text(text)

    def _pipeline(self, text: str) -> None:
        self.execs += 1
        parsed = self.parse_label(text)
        last_end = 0
        list_string = _is_list_string(text)  # once: per item it made this harness quadratic
        for item in parsed.items:
            if not 0 <= item.start <= item.end <= len(text):
                raise AssertionError(f"span {item.start}:{item.end} outside the input of {len(text)}")
            if item.start < last_end:
                raise AssertionError(f"span {item.start}:{item.end} before the previous item's end {last_end}")
            last_end = item.end
            if not list_string and text[item.start:item.end] != item.text:
                raise AssertionError(f"span {item.start}:{item.end} is {text[item.start:item.end]!r}, item text {item.text!r}")
            for name in (item.name, *item.alts):
                once = self.fold(name)
                if self.fold(once) != once:
                    raise AssertionError(f"fold not idempotent on {name!r}")
        # timed: what the CLI does with a label (check it, render it); the invariant checks above are not
        self._samples.clear()
        t0 = time.perf_counter()
        try:
            report = self.check_label(text)
        except self.InputError as exc:
            self._seconds = time.perf_counter() - t0
            try:  # check_label applies the read stage's limits itself: the same message is documented
                self.check_label_text(text, "the label")
            except self.InputError as limit:
                if str(limit) == str(exc):
                    return
            if "items" not in str(exc):
                raise
            return
        json.dumps(self.to_json(report, self.sources), ensure_ascii=False)
        self.to_table(report, self.sources, None, False)
        self.to_csv(report)
        self._seconds = time.perf_counter() - t0
        # the classifier's memo of readings must never change an answer: a classifier with its
        # memos emptied reads the label afresh (not timed)
        c = self.cold
        for memo in (c._plain, c._plain_typos, c._other, c._item_memo):
            memo.clear()
        if self.check_label(text, report.options, c) != report:
            raise AssertionError("check_label with memos warm and emptied disagree")

    # -- bookkeeping -----------------------------------------------------------------------------
    def _arm(self, text: str) -> None:
        if self.hang:
            with open(self.out / "last-input.txt", "w", encoding="utf-8", errors="surrogatepass") as fh:
                fh.write(text)
            faulthandler.dump_traceback_later(self.hang, exit=True, file=self._hang_file)

    def _timed(self, text: str, seconds: float) -> None:
        if seconds > self.slowest[0]:
            self.slowest = (seconds, text[:80])
        if seconds > self.slow:
            hot = max(self._samples, key=self._samples.get) if self._samples else ""
            self._record("slow", None, text, seconds, hot)

    def _record(self, kind: str, exc: BaseException | None, text: str, seconds: float | None = None,
                where: str = "") -> None:
        if exc is not None:
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if "ingredient_check" in f.filename]
            if frames:
                where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno} {frames[-1].name}"
        key = (kind, type(exc).__name__ if exc else "", where)
        digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        entry = self.findings.get(key)
        if entry is not None:
            entry["count"] += 1
            if len(text) < entry["length"]:  # keep the smallest input of each kind
                entry.update(length=len(text), file=self._save(kind, digest, text))
            return
        entry = {"kind": kind, "type": key[1], "where": where, "message": str(exc)[:300] if exc else "",
                 "seconds": round(seconds, 3) if seconds else None, "length": len(text), "count": 1,
                 "file": self._save(kind, digest, text)}
        if exc is not None:
            entry["traceback"] = "".join(traceback.format_exception(exc))[-3000:]
        self.findings[key] = entry
        with open(self.out / "findings.jsonl", "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        print(f"FINDING {kind} {key[1]} {where} len={len(text)} {entry['message'][:120]!r} -> {entry['file']}", flush=True)

    def _save(self, kind: str, digest: str, text: str) -> str:
        path = self.out / f"{kind}-{digest}.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)

    def progress(self) -> str:
        elapsed = time.monotonic() - self.started
        return (f"{self.execs:,} labels in {elapsed:,.0f} s ({self.execs / max(elapsed, 1e-9):,.0f}/s), "
                f"{len(self.findings)} distinct finding(s), slowest {self.slowest[0]:.3f} s")

    def summary(self) -> int:
        print("\n== fuzz summary:", self.progress())
        for e in self.findings.values():
            print(f"  {e['kind']:9} {e['type']:18} {e['where']:40} x{e['count']:<5} {e['file']}  {e['message'][:100]}")
        if not self.findings:
            print("  clean: no exception, no broken invariant, no label over "
                  f"{self.slow:g} s")
        return 1 if self.findings else 0


def _is_list_string(text: str) -> bool:
    from ingredient_check.parse import _LIST_END, _LIST_STRING  # noqa: PLC0415

    return bool(_LIST_STRING.match(text) and _LIST_END.search(text))


# -- engines ----------------------------------------------------------------------------------------
def run_mutate(h: Harness, deadline: float, seed: int, max_len: int, names: list[str]) -> None:
    rng = random.Random(seed)
    m = Mutator(rng, _load_corpus(names), names, max_len)
    for seed_text in m.corpus:
        h.run_text(seed_text)
    next_report = time.monotonic() + 30
    while time.monotonic() < deadline:
        text = m.mutate(m.base())
        if rng.random() < 0.15:
            h.run_bytes(m.bytes_variant(text))
        else:
            h.run_text(text)
        if time.monotonic() > next_report:
            print("..", h.progress(), flush=True)
            next_report += 30


def run_hypothesis(h: Harness, deadline: float, seed: int, max_len: int, names: list[str]) -> None:
    from hypothesis import HealthCheck, given, settings  # noqa: PLC0415
    from hypothesis import seed as hseed  # noqa: PLC0415
    from hypothesis import strategies as st  # noqa: PLC0415

    token = st.one_of(st.sampled_from(TOKENS), st.sampled_from(names), st.text(max_size=8))
    labels = st.one_of(
        st.text(max_size=300),
        st.lists(token, max_size=60).map("".join),
        st.lists(st.sampled_from(names), max_size=40).map(lambda xs: repr(xs)),
        st.tuples(st.lists(token, max_size=10).map("".join), st.integers(1, 2000)).map(lambda t: (t[0] * t[1])[:max_len]),
    )
    chunk = 0
    while time.monotonic() < deadline:
        chunk += 1

        @hseed(seed * 1_000_003 + chunk)
        @settings(max_examples=500, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck))
        @given(labels)
        def target(text):
            if time.monotonic() < deadline:
                h.run_text(text)

        target()
        print("..", h.progress(), flush=True)


def run_atheris(h: Harness, seconds: int, max_len: int, names: list[str]) -> None:
    import atheris  # noqa: PLC0415

    corpus_dir = h.out / "atheris-corpus"
    corpus_dir.mkdir(exist_ok=True)
    for text in _load_corpus(names):
        data = text.encode("utf-8")[:max_len]
        (corpus_dir / hashlib.sha1(data).hexdigest()).write_bytes(data)
    h.hang = 0  # libFuzzer's own -timeout handles hangs (and saves the input)
    stop = time.monotonic() + seconds
    state = {"next": time.monotonic() + 30}

    def one_input(data: bytes) -> None:
        if data[:1] == b"\x00":  # one input in 256 goes through the reader as raw bytes
            h.run_bytes(data[1:])
        else:
            h.run_text(data.decode("utf-8", "replace"))
        now = time.monotonic()
        if now > state["next"]:
            print("..", h.progress(), flush=True)
            state["next"] += 30
        if now > stop:  # libFuzzer's own exit skips Python's atexit: end here, with the summary
            sys.stdout.flush()
            code = h.summary()
            sys.stdout.flush()
            os._exit(code)

    args = [sys.argv[0], str(corpus_dir), f"-max_total_time={seconds + 60}", f"-max_len={max_len}",
            "-timeout=60", "-rss_limit_mb=4096", f"-artifact_prefix={h.out}/", "-print_final_stats=1"]
    atheris.Setup(args, one_input)
    atheris.Fuzz()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=10.0, help="how long to fuzz (default 10)")
    ap.add_argument("--engine", choices=("auto", "atheris", "mutate", "hypothesis"), default="auto")
    ap.add_argument("--seed", type=int, default=None, help="seed for mutate/hypothesis (default: random, printed)")
    ap.add_argument("--slow", type=float, default=1.0, help="report labels slower than this many seconds (default 1)")
    ap.add_argument("--hang", type=float, default=60.0, help="stop and report after this many seconds on one label")
    ap.add_argument("--max-len", type=int, default=100_000, help="longest generated label in characters")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "fuzz-findings")
    ap.add_argument("--replay", nargs="*", type=Path, help="run saved inputs once and report")
    args = ap.parse_args(argv)

    engine = "replay" if args.replay else args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401, PLC0415

            engine = "atheris"
        except ImportError:
            engine = "mutate"
    if engine == "atheris":
        import atheris  # noqa: PLC0415

        with atheris.instrument_imports(include=["ingredient_check"]):  # coverage feedback from our code only
            h = Harness(args.out, args.slow, args.hang)
    else:
        h = Harness(args.out, args.slow, args.hang)
    names = [n for n in h.classifier.vocab.names if n][::7]
    if args.replay:
        for path in args.replay:
            h.run_text(path.read_text(encoding="utf-8", errors="surrogatepass"))
        return h.summary()
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    print(f"fuzzing for {args.minutes:g} min with {engine} (seed {seed}); findings go to {args.out}", flush=True)
    deadline = time.monotonic() + args.minutes * 60
    if engine == "atheris":
        run_atheris(h, int(args.minutes * 60), args.max_len, names)  # exits the process when done
        return 0
    if engine == "hypothesis":
        run_hypothesis(h, deadline, seed, args.max_len, names)
    else:
        run_mutate(h, deadline, seed, args.max_len, names)
    return h.summary()


if __name__ == "__main__":
    sys.exit(main())
