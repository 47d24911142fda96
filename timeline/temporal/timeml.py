"""TimeML (.tml) reading and writing: the TEXT element's character content plus its TIMEX3 spans.

Offsets are Python character offsets into the TEXT element's content, exactly as ``tag()`` produces,
so gold and system annotations of one document can be compared span by span.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from timeline.models import TemporalExpression


@dataclass(frozen=True, slots=True)
class TimemlDoc:
    text: str
    dct: str | None
    timexes: list[TemporalExpression]


def read_tml(path: str | Path) -> TimemlDoc:
    root = ET.parse(path).getroot()
    text_el = root.find("TEXT")
    if text_el is None:
        raise ValueError(f"{path}: no TEXT element")
    parts: list[str] = []
    timexes: list[TemporalExpression] = []
    _walk(text_el, parts, timexes)
    return TimemlDoc("".join(parts), _dct(root), sorted(timexes, key=lambda t: t.start))


def _dct(root: ET.Element) -> str | None:
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            return timex.get("value")
    return None


def _walk(el: ET.Element, parts: list[str], out: list[TemporalExpression]) -> None:
    """Depth-first over mixed content; records each TIMEX3's offsets (nested tags are rare but
    legal)."""
    if el.text:
        parts.append(el.text)
    for child in el:
        start = sum(map(len, parts))
        _walk(child, parts, out)
        if child.tag == "TIMEX3":
            end = sum(map(len, parts))
            text = "".join(parts)[start:end]
            out.append(_gold_timex(child, text, start, end))
        if child.tail:
            parts.append(child.tail)


def _gold_timex(el: ET.Element, text: str, start: int, end: int) -> TemporalExpression:
    return TemporalExpression(
        text=text,
        start=start,
        end=end,
        type=el.get("type", "DATE"),  # type: ignore[arg-type]
        value=el.get("value", ""),
        mod=el.get("mod"),
        rule="gold",
    )


def to_timeml(text: str, dct: str | None, timexes: list[TemporalExpression]) -> str:
    """A TimeML document: DCT TIMEX3 (CREATION_TIME) plus the text with inline TIMEX3 tags."""
    body: list[str] = []
    pos = 0
    for i, t in enumerate(sorted(timexes, key=lambda t: t.start), start=1):
        if t.start < pos:  # overlapping spans cannot nest in TimeML; keep the first
            continue
        body.append(escape(text[pos : t.start]))
        attrs = f'tid="t{i}" type={quoteattr(t.type)} value={quoteattr(t.value)}'
        if t.mod:
            attrs += f" mod={quoteattr(t.mod)}"
        body.append(f"<TIMEX3 {attrs}>{escape(text[t.start : t.end])}</TIMEX3>")
        pos = t.end
    body.append(escape(text[pos:]))
    dct_xml = ""
    if dct:
        dct_xml = (
            f'<DCT><TIMEX3 tid="t0" type="{"TIME" if "T" in dct else "DATE"}" '
            f"value={quoteattr(dct)} "
            f'temporalFunction="false" '
            f'functionInDocument="CREATION_TIME">{escape(dct)}</TIMEX3></DCT>\n'
        )
    return f'<?xml version="1.0" ?>\n<TimeML>\n{dct_xml}<TEXT>{"".join(body)}</TEXT>\n</TimeML>\n'
