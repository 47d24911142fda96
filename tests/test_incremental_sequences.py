"""Random sequences of changes: after every step, the build (incremental where it can be) gives the
events file and snapshot a full build gives from the same starting files, byte for byte.

A step adds, changes, removes or touches an article, or edits the events file as a person would
(a corrected title, a deleted event, an event added by hand). The articles are the five samples,
articles made from their paragraphs and articles of generated sentences. ``make test`` runs a few
sequences; ``make differential`` runs TIMELINE_SEQUENCES=200 of them.
"""

from __future__ import annotations

import os
import random
import re
import shutil
from pathlib import Path

import pytest
from test_incremental import PAST, build, copy_data, paragraphs, same_as_full, write_article

SEQUENCES = int(os.environ.get("TIMELINE_SEQUENCES", "4"))
STEPS = 6
ACTIONS = ["add", "add", "change", "remove", "touch", "edit title", "delete event", "add event"]
PEOPLE = ["Olaf Scholz", "Emmanuel Macron", "Kaja Kallas", "Mark Rutte", "Ursula von der Leyen"]
ACTS = ["announced new aid for", "met envoys from", "criticised the plan of", "signed a deal with"]
PLACES = ["Berlin", "Paris", "Brussels", "Warsaw", "Kyiv"]
MONTHS = ["January", "February", "March", "April"]


def generated(rng: random.Random) -> str:
    """A paragraph of made-up reports, each dated in the text."""
    return " ".join(
        f"{rng.choice(PEOPLE)} {rng.choice(ACTS)} {rng.choice(PLACES)} on "
        f"{rng.randint(1, 28)} {rng.choice(MONTHS)} 2024, officials said."
        for _ in range(rng.randint(2, 4))
    )


def edit_title(data: Path, rng: random.Random) -> None:
    text = data.read_text(encoding="utf-8")
    titles = list(re.finditer(r"^  title: (.*)$", text, re.M))
    if titles:
        found = rng.choice(titles)
        text = text[: found.start(1)] + f"Edited {rng.randint(1, 99)}" + text[found.end(1) :]
        data.write_text(text, encoding="utf-8")


def delete_event(data: Path, rng: random.Random) -> None:
    text = data.read_text(encoding="utf-8")
    ids = list(re.finditer(r"^- id: (\S+)$", text, re.M))
    if ids:
        found = rng.choice(ids)
        at = found.end()
        data.write_text(text[:at] + "\n  deleted: true" + text[at:], encoding="utf-8")


def add_event(data: Path, rng: random.Random) -> None:
    text = data.read_text(encoding="utf-8")
    n = rng.randint(1, 10_000)
    entry = (
        f"- id: by-hand-{n}\n  date: '2024-03-{rng.randint(1, 28):02d}'\n"
        f"  title: Added by hand {n}\n  origin: manual\n"
    )
    data.write_text(text.replace("events:\n", "events:\n" + entry, 1), encoding="utf-8")


@pytest.mark.parametrize("sequence", range(SEQUENCES))
def test_a_random_sequence_of_changes_builds_what_a_full_build_builds(
    sample_content: Path, tmp_path: Path, sequence: int
) -> None:
    rng = random.Random(1000 + sequence)
    content = sample_content
    pool = paragraphs(content) + [generated(rng) for _ in range(8)]
    for path in content.iterdir():
        os.utime(path, (PAST, PAST))
    for n in range(rng.randint(2, 6)):
        write_article(content, f"made-{n}", rng, pool)
    data = tmp_path / "data" / "events.yaml"
    build(content, data)
    made = 100
    for step in range(STEPS):
        action = rng.choice(ACTIONS)
        names = sorted(p.name for p in content.iterdir())
        if action == "edit title":
            edit_title(data, rng)
        elif action == "delete event":
            delete_event(data, rng)
        elif action == "add event":
            add_event(data, rng)
        reference = copy_data(data, tmp_path / f"full-{step}")
        if action == "add":
            write_article(content, f"made-{made}", rng, pool)
            made += 1
        elif action == "change":
            made_names = [n for n in names if n.startswith("made-")] or ["made-0.md"]
            write_article(content, rng.choice(made_names).removesuffix(".md"), rng, pool)
        elif action == "remove" and len(names) > 1:
            (content / rng.choice(names)).unlink()
        elif action == "touch":
            os.utime(content / rng.choice(names), (PAST + 60 * step, PAST + 60 * step))
        build(content, data)
        same_as_full(content, data, reference)
        shutil.rmtree(reference.parent)
