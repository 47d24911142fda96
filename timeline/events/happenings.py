"""Within one sentence: where its happenings are, which date anchors each, and how sure we are.

A sentence with two dated clauses ("X signed on 3 May, and Y answered on 5 May") gives two happenings;
each takes the date expression inside its clause. A clause without its own date takes the date of an
earlier sentence of the same paragraph (``inferred``: the story goes on) or the publication date
(``publication``: news reports what is happening now).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import TemporalExpression
from .lexicon import Lexicon

DATE_TYPES = {"DATE", "TIME"}
# Clause boundaries where a sentence may hold a second happening.
_CLAUSE_BREAK = re.compile(r"\s*(?:;|,?\s+—\s+|,\s+(?=\w))")
_WORD = re.compile(r"[\w’'\-]+")


@dataclass(frozen=True, slots=True)
class Happening:
    start: int  # offsets in the article text
    end: int
    anchor: TemporalExpression | None


def is_anchor(t: TemporalExpression) -> bool:
    """A date that places a happening on the calendar: resolved and concrete (not PRESENT_REF, not a duration)."""
    return t.type in DATE_TYPES and t.value[:1].isdigit()


def split_happenings(text: str, start: int, end: int, timexes: list[TemporalExpression]) -> list[Happening]:
    """One happening per anchoring date, split at the clause break between two differently dated clauses."""
    inside = [t for t in timexes if t.start >= start and t.end <= end and t.type in DATE_TYPES]
    anchors = [t for t in inside if is_anchor(t)]
    distinct = {t.value for t in anchors}
    if len(distinct) < 2:
        return [Happening(start, end, anchors[0] if anchors else _first_unresolved(inside))]
    pieces, piece_start = [], start
    for left, right in zip(anchors, anchors[1:], strict=False):
        if left.value == right.value:
            continue
        cut = _break_between(text, left.end, right.start)
        if cut is None:
            continue
        pieces.append(Happening(piece_start, cut[0], left))
        piece_start = cut[1]
    pieces.append(Happening(piece_start, end, anchors[-1]))
    return pieces


def _first_unresolved(inside: list[TemporalExpression]) -> TemporalExpression | None:
    """'on Thursday' in an undated article: no value yet, but the date expression is worth keeping."""
    for t in inside:
        if not t.resolved and t.type in DATE_TYPES:
            return t
    return None


def _break_between(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The last clause break between two date expressions, as (end of first clause, start of second)."""
    found = None
    for m in _CLAUSE_BREAK.finditer(text, lo, hi):
        found = (m.start(), m.end())
    if found is None:
        return None
    after = text[found[1] : hi]
    conj = re.match(r"(?:and|but|while|und|aber|während)\s+", after)
    return (found[0], found[1] + (conj.end() if conj else 0))


def has_verb(words: list[str], lex: Lexicon) -> bool:
    return any(lex.is_verb(w) for w in words[1:]) or (bool(words) and words[0].lower() in lex.auxiliaries)


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def confidence(words: list[str], lex: Lexicon, explicit: bool, has_actor: bool) -> float:
    """How likely the clause reports something that happened (or is firmly announced), from cue words."""
    lowered = {w.lower() for w in words}
    score = 0.5
    score += 0.2 if explicit else 0.0
    score += 0.1 if has_actor else -0.1
    score += 0.1 if lowered & (lex.verbs | lex.speech_verbs) else 0.0
    score -= 0.2 if lowered & lex.hedges else 0.0
    score -= 0.15 if words and words[0].lower() in lex.commentary else 0.0
    score -= 0.1 if lowered & lex.background else 0.0
    return round(min(0.95, max(0.05, score)), 2)


def tags_of(text: str, lex: Lexicon, words: list[str]) -> list[str]:
    lowered = text.lower()
    tags = [tag for tag, stems in lex.tags if any(_has_stem(lowered, stem) for stem in stems)]
    if {w.lower() for w in words} & lex.future:
        tags.append("planned")
    return sorted(set(tags))


def _has_stem(lowered: str, stem: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(stem)}", lowered) is not None
