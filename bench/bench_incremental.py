"""Full build vs. rebuild after one new article, on generated content.

    python bench/bench_incremental.py            # 200 and 1000 articles
    python bench/bench_incremental.py 50 100     # other sizes
    python bench/bench_incremental.py --jobs 2 10000

Before the store rework (1,000 articles, jobs 1, this 2-core machine under load): full 30.0 s,
unchanged 32.5 s,
+1 article 26.1 s. After: see the commit history and the report of the performance pass.

Prints, per size: the time of a cold extract (empty cache), of a rebuild with nothing changed, and
of a rebuild after adding one article, with how many articles each read afresh.
"""

from __future__ import annotations

import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from timeline.config import load_config
from timeline.pipeline import extract
from timeline.report import BufferReporter

PEOPLE = [
    "Chancellor Olaf Scholz",
    "President Emmanuel Macron",
    "Defense Minister Boris Pistorius",
    "General Anna Berg",
]
VERBS = ["announced", "confirmed", "rejected", "discussed", "signed"]
THINGS = [
    "a new aid package",
    "the delivery of Patriot systems",
    "sanctions against Russia",
    "a training mission",
]
PLACES = ["Berlin", "Paris", "Kyiv", "Brussels", "Warsaw"]


def article(n: int, rng: random.Random) -> str:
    day = 1 + n % 28
    lines = [f"Report number {n}", f"Mar {day}, 2024 - 10:00"]
    for i in range(12):
        lines.append(
            f"{rng.choice(PEOPLE)} {rng.choice(VERBS)} {rng.choice(THINGS)} in "
            f"{rng.choice(PLACES)} "
            f"on {1 + (day + i) % 28} March, officials said in statement {n}-{i}."
        )
    return "\n".join(lines) + "\n"


def timed(cfg, label: str) -> tuple[float, int]:
    started = time.perf_counter()
    outcome = extract(cfg, BufferReporter())
    return time.perf_counter() - started, outcome.extracted


def run(size: int, jobs: int = 1) -> None:
    rng = random.Random(size)
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        content.mkdir()
        for n in range(size):
            (content / f"{n:05d}.txt").write_text(article(n, rng), encoding="utf-8")
        cfg = load_config(
            None, content=content, data=Path(tmp) / "data" / "events.yaml", quiet=True, jobs=jobs
        )
        full, full_n = timed(cfg, "full")
        same, same_n = timed(cfg, "unchanged")
        (content / "zz_new.txt").write_text(article(size + 1, rng), encoding="utf-8")
        plus, plus_n = timed(cfg, "+1")
        print(
            f"{size:>6} articles  full {full:7.2f}s ({full_n} read)   unchanged {same:6.2f}s "
            f"({same_n} read)   "
            f"+1 article {plus:6.2f}s ({plus_n} read)   peak RSS of this process "
            f"{_peak_mb():.0f} MB",
            flush=True,
        )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    args = sys.argv[1:]
    jobs = 1
    if args[:1] == ["--jobs"]:
        jobs, args = int(args[1]), args[2:]
    for size in [int(a) for a in args] or [200, 1000]:
        run(size, jobs)
