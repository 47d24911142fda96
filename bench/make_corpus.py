"""Synthetic news corpus for the build benchmarks: N Markdown articles made from sentence templates.

    python bench/make_corpus.py 10000 /tmp/corpus-10k [--seed 1]

Each article has front matter (title, date, source), 12-22 sentences, about 1,500 characters, and a
mix of explicit dates ("March 3, 2024"), relative ones ("last Tuesday", "two days ago") and undated
sentences, so the tagger and the event extraction do their real work. Deterministic for a seed.
Files go 1,000 to a sub-folder.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ACTORS = [
    "The health ministry",
    "The prime minister",
    "Rescue teams",
    "The central bank",
    "BP engineers",
    "The city council",
    "Opposition leaders",
    "The World Health Organization",
    "Investigators",
    "The coast guard",
    "Shareholders",
    "The European Commission",
    "Local officials",
    "The company",
    "Doctors at the main hospital",
    "Protesters",
]
ACTIONS = [
    "announced new measures",
    "confirmed the first cases",
    "approved an emergency plan",
    "suspended operations",
    "opened an inquiry",
    "raised interest rates",
    "signed the agreement",
    "evacuated the coastal area",
    "published the final report",
    "rejected the proposal",
    "lifted the restrictions",
    "held crisis talks",
    "reported heavy losses",
    "sealed the damaged well",
    "called for calm",
    "voted on the resolution",
]
PLACES = [
    "in Geneva",
    "in the capital",
    "off the coast of Louisiana",
    "in Port-au-Prince",
    "in Mexico City",
    "in Brussels",
    "in Edinburgh",
    "at the headquarters",
    "in the northern province",
    "near the border",
]
FILLER = [
    "Officials said the situation remained under close review.",
    "Analysts expect further announcements in the coming days.",
    "The decision drew criticism from several groups.",
    "Markets reacted cautiously to the news.",
    "Residents described scenes of confusion.",
    "Further details were not immediately available.",
    "The figures could not be independently verified.",
    "Critics said the response came too late.",
]
RELATIVE = [
    "on Monday",
    "on Tuesday",
    "last week",
    "two days ago",
    "yesterday",
    "earlier this month",
    "last Friday",
    "this morning",
]
SOURCES = ["Reuters", "BBC", "The Guardian", "Fox News", "Washington Post", "CNN"]


def explicit(day: date, rng: random.Random) -> str:
    month = day.strftime("%B")
    return rng.choice(
        [
            f"on {month} {day.day}, {day.year}",
            f"on {day.day} {month} {day.year}",
            f"on {month} {day.day}",
            f"in {month} {day.year}",
        ]
    )


def article(number: int, rng: random.Random, start: date, span_days: int) -> str:
    published = start + timedelta(days=rng.randrange(span_days))
    story_days = [published - timedelta(days=rng.randrange(0, 60)) for _ in range(3)]
    sentences = []
    for _ in range(rng.randint(12, 22)):
        kind = rng.random()
        body = f"{rng.choice(ACTORS)} {rng.choice(ACTIONS)} {rng.choice(PLACES)}"
        if kind < 0.35:
            sentences.append(f"{body} {explicit(rng.choice(story_days), rng)}.")
        elif kind < 0.6:
            sentences.append(f"{body} {rng.choice(RELATIVE)}.")
        elif kind < 0.8:
            sentences.append(f"{body}.")
        else:
            sentences.append(rng.choice(FILLER))
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    title = f"{rng.choice(ACTORS)} {rng.choice(ACTIONS)} (report {number})"
    front = (
        f'---\ntitle: "{title}"\ndate: {published.isoformat()}\nsource: '
        f"{rng.choice(SOURCES)}\n---\n\n"
    )
    return front + "\n\n".join(paragraphs) + "\n"


def make_corpus(count: int, folder: Path, seed: int = 1, first: int = 0) -> list[Path]:
    rng = random.Random(seed * 1_000_003 + first)
    return write_numbered(
        folder, first, count, lambda number: article(number, rng, date(2020, 1, 1), 3 * 365)
    )


def write_numbered(folder: Path, first: int, count: int, text: Callable[[int], str]) -> list[Path]:
    """Articles ``first`` … ``first + count - 1``, 1,000 to a sub-folder, each ``text(number)``."""
    written = []
    for number in range(first, first + count):
        path = folder / f"part-{number // 1000:04d}" / f"article-{number:07d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text(number), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--first",
        type=int,
        default=0,
        help="number of the first article (to add articles to a corpus)",
    )
    args = parser.parse_args()
    make_corpus(args.count, args.folder, args.seed, args.first)
    print(f"wrote {args.count} articles to {args.folder}")


if __name__ == "__main__":
    main()
