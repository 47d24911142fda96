"""Sentences with their character offsets (pysbd, per language), one paragraph at a time."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import pysbd

# pysbd's rules are slow on very long inputs; a paragraph longer than this (a pasted table, a
# run-on dump) is split with a plain end-of-sentence pattern instead, so time stays linear.
PYSBD_MAX_CHARS = 4000
_SIMPLE_END = re.compile(r"(?<=[.!?…])[\"”’»]?\s+(?=[\"“„«]?[A-ZÄÖÜ0-9])")


@lru_cache(maxsize=8)
def _segmenter(lang: str) -> pysbd.Segmenter:
    try:
        return pysbd.Segmenter(language=lang, clean=False, char_span=True)
    except ValueError:
        return pysbd.Segmenter(language="en", clean=False, char_span=True)


def sentences(text: str, lang: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
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
    if len(chunk) > PYSBD_MAX_CHARS:
        last = 0
        for m in _SIMPLE_END.finditer(chunk):
            yield last, m.start()
            last = m.start()
        yield last, len(chunk)
        return
    for span in _segmenter(lang).segment(chunk):
        yield span.start, span.end
