"""Plain text: the first non-empty line is the title; a dateline near the top gives the
publication date."""

from __future__ import annotations

import re

from ..models import Article
from .dateline import find_dateline
from .language import detect_language


def read_text(path: str, text: str) -> Article:
    title = first_line(text)
    found = find_dateline(text)
    return Article(
        path=path,
        title=title or path,
        text=text,
        lang=detect_language(text),
        published=found.value if found else None,
        published_from="dateline" if found else "none",
        body_start=found.end if found else 0,
    )


TITLE_MAX = 120


def first_line(text: str) -> str:
    """The first non-empty line; when it is a whole paragraph, its first sentence, cut at a word."""
    for line in text.splitlines():
        if line.strip():
            return _headline(" ".join(line.split()))
    return ""


def _headline(line: str) -> str:
    if len(line) <= TITLE_MAX:
        return line
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z\u00c0-\u024f\"“])", line, maxsplit=1)[0]
    if len(sentence) <= TITLE_MAX:
        return sentence.rstrip(".")
    return sentence[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:") + "…"
