"""The temporal tagger: ``tag(text, lang, dct)`` -> TIMEX3 expressions with offsets and normalized values.

    text --extract (rules)--> candidates --normalize--> UNDEF values --resolve (DCT, tense)--> values
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from timeline.models import TemporalExpression
from timeline.temporal.extract import Candidate, candidates
from timeline.temporal.normalize import fill
from timeline.temporal.resolve import Point, parse_point, resolve
from timeline.temporal.resources import Language, available_languages, language_for
from timeline.temporal.tense import tense_at
from timeline.temporal.timex import is_valid_date, parse_dct, precision_of

__all__ = ["tag", "precision_of", "available_languages"]

_TENSE_SENSITIVE = ("UNDEF-year", "UNDEF-weekday", "UNDEF-quarter", "UNDEF-season", "UNDEF-weekend")


def tag(text: str, lang: str, dct: str | None = None) -> list[TemporalExpression]:
    """Temporal expressions of ``text`` (sorted, non-overlapping; offsets are str indices).

    ``dct`` is the document creation time as a TIMEX value; without it relative expressions keep their
    underspecified value and ``resolved=False`` (never resolved against today). A language without
    resources of its own ("es", "it", ...) gets the language-independent rules (ISO and numeric dates).
    """
    language = language_for(lang)
    out: list[TemporalExpression] = []
    ref: Point | None = None
    explicit: Point | None = None  # the last date mentioned with its year written out
    dct_day = parse_dct(dct)
    cands = list(candidates(text, language))
    story = _narrative_document(cands, dct_day)
    explicit_end = 0
    joiner = _joiner(language.settings.get("range_joiner"))
    for i, cand in enumerate(cands):
        near = cand.start - explicit_end <= _NARRATIVE_CHARS
        narrative = ref if story and near and _far(explicit, dct_day) else None
        if joiner is not None and i + 1 < len(cands) and cand.rule.value.startswith("UNDEF-year-"):
            narrative = _range_year(text, cand, cands[i + 1], joiner) or narrative
        expr = _expression(text, cand, language, dct, ref, narrative)
        if expr is None:
            continue
        out.append(expr)
        if expr.type == "DATE" and expr.resolved and not _anaphoric(cand):
            point = parse_point(expr.value)
            ref = point or ref
            if point is not None and not cand.rule.value.startswith("UNDEF-"):
                explicit, explicit_end = point, cand.end
    return out


@functools.cache
def _joiner(pattern: str | None) -> re.Pattern[str] | None:
    return re.compile(pattern, re.IGNORECASE) if pattern else None


def _range_year(text: str, cand: Candidate, nxt: Candidate, joiner: re.Pattern[str]) -> Point | None:
    """'vom 25. Juli bis zum 3. August 1943', 'from January to October 2023': the range's end gives the
    year of its start (the year before when the start's month comes later, as in 'December to March')."""
    if nxt.rule.value.startswith("UNDEF-") or not joiner.fullmatch(text, cand.end, nxt.start):
        return None
    end = parse_point(fill(nxt.rule.value, nxt.values))
    if end is None or end[1] not in ("day", "month"):
        return None
    month = int(fill(cand.rule.value, cand.values).split("-")[2])
    year = end[0].year - (1 if month > end[0].month else 0)
    return dt.date(year, 1, 1), "year"


# HeidelTime's "narrative" documents: once the text's own explicit dates are this many years from the
# DCT, dates without a year and anaphoric offsets count from the last date mentioned, not from the DCT.
_NARRATIVE_YEARS = 2
_NARRATIVE_CHARS = 300  # and the last date written out with its year is this close before


_DEICTIC = ("UNDEF-this-", "UNDEF-ago-", "UNDEF-weekday", "UNDEF-last-", "UNDEF-next-", "UNDEF-weekend")


def _narrative_document(cands: list[Candidate], dct_day: dt.date | None) -> bool:
    """Most of the dates written out with a year lie years away from the DCT: a history, not news."""
    if dct_day is None:
        return False
    years = []
    for cand in cands:
        if cand.rule.value.startswith(_DEICTIC):
            return False  # "Friday", "last week", "two years ago": counted from the DCT, so news
        if cand.rule.type == "DATE" and not cand.rule.value.startswith(("UNDEF-", "P", "X")):
            point = parse_point(fill(cand.rule.value, cand.values))
            if point is not None:
                years.append(abs(point[0].year - dct_day.year) >= _NARRATIVE_YEARS)
    return len(years) >= 2 and all(years)  # news mentions its own year somewhere


def _far(explicit: Point | None, dct_day: dt.date | None) -> bool:
    return explicit is not None and dct_day is not None and abs(explicit[0].year - dct_day.year) >= _NARRATIVE_YEARS


def _anaphoric(cand: Candidate) -> bool:
    """A date reached from another one ("a year earlier") is no new reference: chaining them drifts."""
    return cand.rule.value.startswith(("UNDEF-REF", "UNDEF-ago-"))


def _expression(
    text: str, cand: Candidate, lang: Language, dct: str | None, ref: Point | None, narrative: Point | None = None
) -> TemporalExpression | None:
    rule = cand.rule
    value = fill(rule.value, cand.values)
    tense = tense_at(text, cand.start, cand.end, lang) if value.startswith(_TENSE_SENSITIVE) else None
    value, resolved = resolve(value, dct, tense, ref, narrative)
    if not is_valid_date(value):  # "31 February": the words matched but name no day
        return None
    mod = fill(rule.mod, cand.values) if rule.mod else None
    return TemporalExpression(
        text=text[cand.start : cand.end], start=cand.start, end=cand.end, type=rule.type,  # type: ignore[arg-type]
        value=value, mod=mod or None, rule=rule.name, resolved=resolved,
    )  # fmt: skip
