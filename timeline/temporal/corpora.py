"""Public temporal gold as evaluation sets: readers for the formats the corpora come in, and the
registry.

Formats: TimeML ``.tml`` (TIMEX3 inline, DCT as CREATION_TIME), WikiWars' inline TIMEX2 (``val=``,
the type guessed from the value, as TIMEX2 has none), and the TempEval-3 Spanish BIO file (one token
a line, text rebuilt with single spaces). The corpora stay in ``../shared/data/`` (never copied
here); a set whose files are absent is skipped. Published rows are HeidelTime's figures as the issue
quotes them, on the corpus's own *test* part, which we do not have: they are beside our figures, not
comparable to a decimal.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from timeline.models import TemporalExpression
from timeline.temporal.timeml import TimemlDoc, read_tml

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
OWN = Path(__file__).resolve().parents[2] / "tests" / "data"


@dataclass(frozen=True, slots=True)
class EvalSet:
    name: str
    lang: str
    path: Path
    format: str  # tml | timex2 | bio
    doc_type: str  # news | narrative: what the texts are (the tagger is run with ``auto``)
    own: bool = False  # written and annotated by the team: an upper bound, not evidence
    # HeidelTime, on the corpus's test part
    published: dict[str, float] = field(default_factory=dict)
    published_note: str = ""

    def present(self) -> bool:
        return self.path.exists()

    def documents(self) -> Iterator[tuple[str, TimemlDoc]]:
        if self.format == "tml":
            for f in sorted(self.path.rglob("*.tml")) if self.path.is_dir() else [self.path]:
                yield f.name, read_tml(f)
        elif self.format == "timex2":
            for f in sorted(self.path.glob("*.xml")):
                yield f.name, read_timex2(f)
        else:
            yield from read_bio(self.path)


def public_sets() -> list[EvalSet]:
    return [
        EvalSet(
            "en-tbaq",
            "en",
            SHARED / "te3-tbaq-cleaned",
            "tml",
            "news",
            published={"strict": 81.34, "value": 77.61},
            published_note="HeidelTime, TempEval-3 platinum test (20 docs)",
        ),
        EvalSet("en-wikiwars", "en", SHARED / "wikiwars-en" / "keyinline", "timex2", "narrative"),
        EvalSet(
            "de-krauts-dolomiten",
            "de",
            SHARED / "krauts-dolomiten-100",
            "tml",
            "news",
            published={"strict": 77.69},
            published_note="HeidelTime on KRAUTS (as the issue quotes it)",
        ),
        EvalSet("fr-timebank", "fr", SHARED / "fr-timebank", "tml", "news"),
        EvalSet(
            "es-te3-train",
            "es",
            SHARED / "te3-spanish" / "train.tsv",
            "bio",
            "news",
            published={"strict": 85.3, "relaxed": 90.1, "value": 87.5},
            published_note="HeidelTime, TempEval-3 Spanish test",
        ),
    ]


def own_sets() -> list[EvalSet]:
    out = []
    for lang in ("de", "fr", "es", "it"):
        out.append(EvalSet(f"{lang}-own", lang, OWN / lang, "tml", "mixed", own=True))
    return out


def all_sets() -> list[EvalSet]:
    return public_sets() + own_sets()


def find_set(name: str) -> EvalSet:
    for s in all_sets():
        if s.name == name:
            return s
    raise KeyError(name)


# --- WikiWars: inline TIMEX2 ----------------------------------------------------------------------


def read_timex2(path: Path) -> TimemlDoc:
    """The TEXT element's content and its outermost TIMEX2 spans (TIMEX2 nests; TIMEX3 does not)."""
    root = ET.parse(path).getroot()
    text_el = root.find("TEXT")
    if text_el is None:
        raise ValueError(f"{path}: no TEXT element")
    parts: list[str] = []
    out: list[TemporalExpression] = []
    _walk2(text_el, parts, out, depth=0)
    dct_el = root.find("DATETIME/TIMEX2")
    dct = dct_el.get("val") if dct_el is not None else None
    return TimemlDoc("".join(parts), dct[:10] if dct else None, sorted(out, key=lambda t: t.start))


def _walk2(el: ET.Element, parts: list[str], out: list[TemporalExpression], depth: int) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        start = sum(map(len, parts))
        _walk2(child, parts, out, depth + (child.tag == "TIMEX2"))
        if child.tag == "TIMEX2" and depth == 0:
            end = sum(map(len, parts))
            value = child.get("val") or ""
            kind = "SET" if child.get("set") else _timex2_type(value)
            out.append(
                TemporalExpression(
                    "".join(parts)[start:end],
                    start,
                    end,
                    kind,  # type: ignore[arg-type]
                    value,
                    mod=child.get("mod"),
                    rule="gold",
                )
            )
        if child.tail:
            parts.append(child.tail)


def _timex2_type(value: str) -> str:
    if value.startswith("P"):
        return "DURATION"
    return "TIME" if re.search(r"T(?:\d|MO|AF|EV|NI|DT)", value) else "DATE"


# --- TempEval-3 Spanish: BIO tokens ---------------------------------------------------------------

_DCT_LINE = re.compile(r'^\*!-DCTVALUE="(?P<dct>[^"]*)"-!\*')


def read_bio(path: Path) -> Iterator[tuple[str, TimemlDoc]]:
    """Documents of a BIO file: tokens joined by one space (none before "," or after "("), a
    blank line (sentence end) as a newline."""
    doc: list[str] | None = None
    n = -1
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _DCT_LINE.match(line)
        if m:
            if doc is not None:
                yield _bio_doc(doc, n)
            doc, n = [m["dct"]], n + 1
        elif doc is not None:
            doc.append(line)
    if doc is not None:
        yield _bio_doc(doc, n)


_NO_SPACE_BEFORE = frozenset(",.;:!?)]»%")
_NO_SPACE_AFTER_END = ("( ", "[ ", "¿ ", "¡ ", "« ")


def _bio_doc(lines: list[str], n: int) -> tuple[str, TimemlDoc]:
    text, timexes = "", []
    current: list[Any] | None = None  # [start, end, type, value]
    for line in lines[1:]:
        cols = line.split("\t")
        if len(cols) < 3 or not cols[0]:
            text, current = text.rstrip(" ") + "\n", None
            continue
        token, tag, value = cols[0], cols[1], cols[2]
        if token in _NO_SPACE_BEFORE or (text.endswith(_NO_SPACE_AFTER_END) and text[-1] == " "):
            text = text.rstrip(" ")  # "hoy, jueves", not "hoy , jueves": the text as it was written
        start = len(text)
        text += token + " "
        if tag.startswith("B-"):
            current = [start, start + len(token), tag[2:], value]  # (start, end, type, value)
            timexes.append(current)
        elif tag.startswith("I-") and current is not None:
            current[1] = start + len(token)
        else:
            current = None
    out = [
        TemporalExpression(text[s:e], s, e, k, v, rule="gold")  # type: ignore[arg-type]
        for s, e, k, v in timexes
    ]
    return f"doc{n:03d}", TimemlDoc(text, lines[0] or None, out)
