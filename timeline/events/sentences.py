"""Sentences with their character offsets (the rule-based splitter, per language), one paragraph
at a time."""

from __future__ import annotations

from collections.abc import Iterator

from .splitter import split_spans


def sentences(
    text: str, lang: str, start: int = 0, end: int | None = None
) -> Iterator[tuple[int, int]]:
    """(start, end) of every sentence in text[start:end], never crossing a line break."""
    stop = len(text) if end is None else end
    offset = start
    for line in text[start:stop].split("\n"):
        if line.strip():
            yield from paragraph_sentences(text, lang, offset, offset + len(line))
        offset += len(line) + 1


def paragraph_sentences(text: str, lang: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """(start, end) of every sentence of one paragraph; a wrapped line break counts as a space."""
    chunk = text[start:end].replace("\n", " ")  # same length: offsets stay valid
    for s, e in _spans(chunk, lang):
        s, e = start + s, start + e
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield s, e


def _spans(chunk: str, lang: str) -> Iterator[tuple[int, int]]:
    yield from split_spans(chunk, lang)
