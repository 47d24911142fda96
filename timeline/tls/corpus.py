"""Timeline17-style corpora: a topic folder holds ``articles.jsonl.gz`` (``id``, ``pubdate``,
``text``) and gold timelines in ``timelines/*.txt`` (tilse format: a date line, one sentence a
line, a dashed line)."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import ContentError
from ..ingest.language import detect_language
from ..models import Article

ARTICLES = "articles.jsonl.gz"
PTB_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
PTB_QUOTES = re.compile(r"``\s*|\s*''")
PTB_CLITIC = re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE)
PTB_PUNCT = re.compile(r"\s+([,.;:!?%)\]}])")
PTB_OPEN = re.compile(r"([(\[{$])\s+")
SEPARATOR = re.compile(r"^-{5,}\s*$")
DATE_LINE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\s*$")

Timeline = dict[date, list[str]]


@dataclass
class Topic:
    name: str
    folder: Path
    gold: dict[str, Timeline] = field(default_factory=dict)  # timeline file stem → timeline
    warnings: list[str] = field(default_factory=list)

    def articles(self, limit: int | None = None, lang: str | None = None) -> Iterator[Article]:
        """The topic's articles, publication date as the document creation time, streamed from disk.

        ``lang`` None: each article's language is detected (as ingest does for files without
        one)."""
        with gzip.open(self.folder / ARTICLES, "rt", encoding="utf-8") as lines:
            for count, line in enumerate(lines):
                if limit is not None and count >= limit:
                    return
                row = json.loads(line)
                text = row.get("text") or ""
                if not text.strip():
                    continue
                yield Article(
                    path=str(row.get("file") or row.get("id") or count),
                    title="",
                    text=untokenize(text) if is_tokenized(text) else text,
                    lang=lang or detect_language(text),
                    published=str(row["pubdate"])[:10] if row.get("pubdate") else None,
                    published_from="front matter",
                )


def is_tokenized(text: str) -> bool:
    """Penn-Treebank-tokenized text ("Apr 20 , 2010 , BP 's") as some TLS corpora ship it: nearly
    every comma has a space before it."""
    commas = text.count(",")
    return commas >= 2 and text.count(" ,") >= 0.8 * commas


def untokenize(text: str) -> str:
    """Undo Penn Treebank tokenization so the tagger and the sentence splitter see ordinary
    prose."""
    for token, char in PTB_BRACKETS.items():
        text = text.replace(token, char)
    text = PTB_QUOTES.sub('"', text)
    text = PTB_CLITIC.sub(r"\1", text)
    text = PTB_PUNCT.sub(r"\1", text)
    return PTB_OPEN.sub(r"\1", text)


def find_topics(path: Path) -> list[Path]:
    """A topic folder itself, or every topic folder directly inside ``path``."""
    if (path / ARTICLES).is_file():
        return [path]
    topics = sorted(p for p in path.iterdir() if p.is_dir() and (p / ARTICLES).is_file())
    if not topics:
        raise ContentError(f"no topic folders with {ARTICLES} found", str(path))
    return topics


def load_topic(folder: Path) -> Topic:
    """Gold timelines from ``<topic>/timelines/*.txt`` (Timeline17, Crisis) or, in the multilingual
    Crisis layout, ``<lang>/reference/<topic>.txt`` next to the topic folder."""
    topic = Topic(folder.name, folder)
    files = sorted((folder / "timelines").glob("*.txt")) or sorted(
        (folder.parent / "reference").glob(f"{folder.name}.txt")
    )
    for file in files:
        topic.gold[file.stem] = read_timeline(file, topic.warnings)
    if not topic.gold:
        raise ContentError(
            "no gold timelines in timelines/*.txt (or ../reference/<topic>.txt)", str(folder)
        )
    return topic


def read_timeline(file: Path, warnings: list[str] | None = None) -> Timeline:
    """Parse the tilse text format; a repeated date adds to that date's summary (as tilse does).

    A malformed date line (Timeline17 has one: ``2011-04-0``) skips its block with a warning."""
    timeline: Timeline = {}
    current: list[str] | None = None
    expect_date = True
    for number, raw in enumerate(
        file.read_text(encoding="utf-8", errors="replace").splitlines(), 1
    ):
        line = raw.strip()
        if SEPARATOR.match(line):
            expect_date, current = True, None
            continue
        if expect_date:
            if not line:
                continue
            expect_date = False
            found = DATE_LINE.match(line)
            try:
                day = date(*(int(g) for g in found.groups())) if found else None
            except ValueError:
                day = None
            if day is None:
                if warnings is not None:
                    warnings.append(f"{file}:{number}: malformed date line {line!r}; block skipped")
                current = None
            else:
                current = timeline.setdefault(day, [])
            continue
        if current is not None and line:
            current.append(line)
    return timeline
