"""Are the events of a history dated in the right year? Measured on WikiWars (public war histories
with hand-corrected TIMEX2 values), not on text we wrote.

    python bench/judge_history.py [../shared/data/wikiwars-en/keyinline] [--type auto|narrative]

Each history goes through the events stage as a newsroom would drop it in (its DATETIME, the day
it was downloaded, as the publication date; document type ``auto``, so the tagger decides that it
is a narrative). For every event the narrative's year at its sentence is read from the gold: the
first gold date with a year inside the sentence, else the last one before it. An event is in the
right year when its date (or its range) falls in that year. An event dated by the download day
(2009-2010) is in the wrong year: that is the failure issue #13 names ("73 % of its events in
2010-2011").

Prints, per history and in all: events, events in the right year, events dated by the
publication day.
"""

from __future__ import annotations

import argparse
import sys
from bisect import bisect_right
from pathlib import Path

from timeline import temporal
from timeline.events import extract_events
from timeline.events.happenings import is_weak
from timeline.models import Article, Event, TemporalExpression
from timeline.temporal.corpora import read_timex2

HEADER = "History\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[2] / "shared/data/wikiwars-en/keyinline"
    parser.add_argument("folder", nargs="?", type=Path, default=default)
    parser.add_argument("--type", default="auto", choices=("auto", "narrative", "news"))
    args = parser.parse_args(argv)
    files = sorted(args.folder.glob("*.xml")) or sorted(args.folder.glob("*"))
    if not files:
        print(f"{args.folder}: no histories", file=sys.stderr)
        return 2
    totals = [0, 0, 0]
    for path in files:
        counts = judge(path, args.type)
        totals = [t + c for t, c in zip(totals, counts, strict=True)]
        print(
            f"{path.stem:24} events {counts[0]:4}  right year {_share(counts[1], counts[0])}  "
            f"dated by the download day {_share(counts[2], counts[0])}"
        )
    print(
        f"{'all':24} events {totals[0]:4}  right year {_share(totals[1], totals[0])}  "
        f"dated by the download day {_share(totals[2], totals[0])}"
    )
    return 0


def judge(path: Path, doc_type: str) -> tuple[int, int, int]:
    doc = read_timex2(path)
    text = HEADER + doc.text
    article = Article(
        path=path.name,
        title="History",
        text=text,
        lang="en",
        published=doc.dct,
        body_start=len(HEADER),
        doc_type=doc_type,
    )
    timexes = temporal.tag(text, "en", doc.dct, doc_type)
    events = [e for e in extract_events(article, timexes) if not is_weak(e)]
    gold = [t for t in doc.timexes if t.value[:4].isdigit()]
    starts = [t.start for t in gold]
    right = sum(_right_year(e, gold, starts) for e in events)
    download = sum(e.date_source == "publication" for e in events)
    return len(events), right, download


def _right_year(event: Event, gold: list[TemporalExpression], starts: list[int]) -> bool:
    """The event's date or range covers the narrative's year at its sentence."""
    source = event.sources[0]
    lo, hi = source.start - len(HEADER), source.end - len(HEADER)
    inside = [t for t in gold if lo <= t.start < hi]
    before = bisect_right(starts, lo) - 1
    anchor = inside[0] if inside else gold[before] if before >= 0 else None
    if anchor is None or not event.date or not event.date[:4].isdigit():
        return False
    year = int(anchor.value[:4])
    first = int(event.date[:4])
    last = int(event.date_end[:4]) if event.date_end and event.date_end[:4].isdigit() else first
    return first <= year <= last


def _share(part: int, whole: int) -> str:
    return f"{part:4} ({100 * part / whole:5.1f} %)" if whole else "   0 (  -  %)"


if __name__ == "__main__":
    sys.exit(main())
