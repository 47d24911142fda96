"""Sentences with their character offsets, paragraph by paragraph (pysbd, per language)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import pysbd


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
            for span in _segmenter(lang).segment(line):
                s, e = offset + span.start, offset + span.end
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if e > s:
                    yield s, e
        offset += len(line) + 1
