"""Article text → paragraphs of (text, event id or None) runs, so quoted sentences can be marked
up."""

from __future__ import annotations

Run = tuple[str, str | None]


def highlighted_paragraphs(text: str, spans: list[tuple[int, int, str]]) -> list[list[Run]]:
    """Split text into paragraphs (one per line) and each paragraph into runs; a run inside a quoted
    span carries that event's id. Overlapping spans: the earliest wins."""
    marks: list[str | None] = [None] * len(text)
    for start, end, event_id in sorted(spans):
        for i in range(max(0, start), min(end, len(text))):
            if marks[i] is None:
                marks[i] = event_id
    paragraphs: list[list[Run]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append(_runs(line, marks[offset : offset + len(line)]))
        offset += len(line) + 1
    return paragraphs


def _runs(line: str, marks: list[str | None]) -> list[Run]:
    runs: list[Run] = []
    start = 0
    for i in range(1, len(line) + 1):
        if i == len(line) or marks[i] != marks[start]:
            runs.append((line[start:i], marks[start]))
            start = i
    return runs
