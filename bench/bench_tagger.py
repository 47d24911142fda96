"""Throughput of the temporal tagger: 1 KB, 1 MB and 10 MB inputs (linearity), then articles per
second side by side with dateparser.search.search_dates on the same articles (one core, one
process).

    python bench/bench_tagger.py [--sample N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from timeline.temporal import tag
from timeline.temporal.evaluate import DEFAULT_CORPUS, tml_files
from timeline.temporal.timeml import read_tml

ROOT = Path(__file__).resolve().parents[1]


def articles() -> list[tuple[str, str | None]]:
    docs = [(p.read_text(encoding="utf-8"), None) for p in sorted((ROOT / "content").glob("*.txt"))]
    if DEFAULT_CORPUS.exists():
        docs += [(d.text, d.dct) for d in map(read_tml, tml_files([DEFAULT_CORPUS]))]
    return docs


def _rate(fn, items) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    for item in items:
        fn(item)
    return time.perf_counter() - t0


def linearity(corpus: str) -> None:
    print(f"{'input':>8} {'seconds':>9} {'MB/s':>8} {'timexes':>9}")
    for label, size in (("1 KB", 1_000), ("1 MB", 1_000_000), ("10 MB", 10_000_000)):
        text = (corpus * (size // len(corpus) + 1))[:size]
        t0 = time.perf_counter()
        n = len(tag(text, "en", "2024-03-03"))
        dt = time.perf_counter() - t0
        print(f"{label:>8} {dt:9.3f} {size / dt / 1e6:8.2f} {n:9d}")


def versus_dateparser(docs: list[tuple[str, str | None]], sample: int) -> None:
    from dateparser.search import search_dates

    subset = docs[:sample]
    ours = _rate(lambda d: tag(d[0], "en", d[1]), subset)
    theirs = _rate(lambda d: search_dates(d[0], languages=["en"]), subset)
    print(
        f"\n{len(subset)} articles ({sum(len(d[0]) for d in subset) // len(subset)} chars on "
        f"average)"
    )
    print(f"  timeline.temporal.tag      {len(subset) / ours:10.1f} articles/s")
    print(f"  dateparser.search_dates    {len(subset) / theirs:10.1f} articles/s")
    print(f"  ratio                      {theirs / ours:10.1f}x")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=40, help="articles for the dateparser comparison")
    args = ap.parse_args()
    docs = articles()
    tag("warm up: compile the rules once", "en")
    linearity("\n\n".join(d[0] for d in docs))
    versus_dateparser(docs, args.sample)


if __name__ == "__main__":
    main()
