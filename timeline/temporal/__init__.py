"""The temporal tagger: ``tag(text, lang, dct)`` -> TIMEX3 expressions with offsets and normalized
values.

text --extract (rules)--> candidates --normalize--> UNDEF values --resolve (DCT, tense)--> values
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from timeline.models import TemporalExpression
from timeline.temporal.extract import Candidate, candidates
from timeline.temporal.narrative import evidence, narrative_flags
from timeline.temporal.normalize import fill
from timeline.temporal.resolve import SEASON, SEASON_IN_RANGE, Point, parse_point, resolve
from timeline.temporal.resources import Language, available_languages, language_for
from timeline.temporal.tense import tense_at
from timeline.temporal.timex import is_valid_date, parse_dct, precision_of

__all__ = ["tag", "precision_of", "available_languages"]

_TENSE_SENSITIVE = ("UNDEF-year", "UNDEF-weekday", "UNDEF-quarter", "UNDEF-season", "UNDEF-weekend")


def tag(
    text: str, lang: str, dct: str | None = None, doc_type: str = "auto"
) -> list[TemporalExpression]:
    """Temporal expressions of ``text`` (sorted, non-overlapping; offsets are str indices).

    ``dct`` is the document creation time as a TIMEX value; without it relative expressions keep
    their underspecified value and ``resolved=False`` (never resolved against today). A language
    without resources of its own ("es", "it", ...) gets the language-independent rules (ISO and
    numeric dates). ``doc_type``: ``news``, ``narrative`` or ``auto`` (per passage, see
    ``narrative.py``).
    """
    language = language_for(lang)
    out: list[TemporalExpression] = []
    ref: Point | None = None
    dct_day = parse_dct(dct)
    cands = list(candidates(text, language))
    values = [fill(c.rule.value, c.values) for c in cands]
    tenses = [_tense(text, c, v, language) for c, v in zip(cands, values, strict=True)]
    stamps = _live_stamps(text, cands, values, dct_day)
    kinds = [
        None if i in stamps else _evidence(c, v, t, dct_day)
        for i, (c, v, t) in enumerate(zip(cands, values, tenses, strict=True))
    ]
    story = narrative_flags(text, [c.start for c in cands], kinds, doc_type)
    joiner = _joiner(language.settings.get("range_joiner"))
    years = [_written_year(v) for v in values]
    returns = _next_other_year(years)
    for i, cand in enumerate(cands):
        if i in stamps and dct_day is not None:
            out.append(_stamp(text, cand, dct_day))
            continue
        narrative = ref if story[i] else None
        if joiner is not None and i + 1 < len(cands) and values[i].startswith(_RANGE_STARTS):
            narrative = _range_year(text, cand, cands[i + 1], joiner) or narrative
        here = _day_after_clock(text, cands, values, tenses, i, dct, ref) or ref
        expr = _expression(text, cand, values[i], tenses[i], dct, here, narrative)
        if expr is None:
            continue
        out.append(expr)
        if expr.type in _REFERENCES and expr.resolved and not _anaphoric(values[i], story[i]):
            if not (story[i] and _aside(years[i], returns[i], ref)):
                ref = parse_point(expr.value) or ref
    return out


# a clock time and the day it is on, after it: "until 5 p.m. EST Nov. 9", "at 10 a.m., Nov. 6"
_CLOCK_THEN_DAY = re.compile(r"(?:\s+[A-Z]{2,4})?,?\s+(?:on\s+)?")


def _day_after_clock(
    text: str,
    cands: list[Candidate],
    values: list[str],
    tenses: list[str | None],
    i: int,
    dct: str | None,
    ref: Point | None,
) -> Point | None:
    """The day a clock time is on when the date follows it ("the offer expires at 5 p.m. EST
    Nov. 9" is 9 November's, not the day last told about)."""
    if not values[i].startswith("UNDEF-REF-day+T") or i + 1 >= len(cands):
        return None
    if not _CLOCK_THEN_DAY.fullmatch(text, cands[i].end, cands[i + 1].start):
        return None
    value, resolved = resolve(values[i + 1], dct, tenses[i + 1], ref)
    point = parse_point(value) if resolved else None
    return point if point is not None and point[1] == "day" else None


_RANGE_STARTS = ("UNDEF-year-", "UNDEF-season-")
# a time of a day named ("Friday morning", "esta noche") is as much the day being told about
_REFERENCES = frozenset({"DATE", "TIME"})

# A live page's entries open with the time of day: four digits before a capitalised word, at the
# start of a line or after a sentence ("1746 The US military has begun ..."). Read as years they
# would date the page's news centuries back and become the reference of "2100 GMT".
_LINE_STAMP = re.compile(
    r"(?:^|(?<=[.!?\u201d\"]\s))(?:[01]\d|2[0-3])[0-5]\d(?=\s+[A-Z])", re.MULTILINE
)


def _live_stamps(
    text: str, cands: list[Candidate], values: list[str], dct_day: dt.date | None
) -> set[int]:
    """The candidates that are a live page's time stamps: line-opening four-digit "years" of a
    page where another line opens with a stamp after the publication (no year of the story,
    "2105" in 2010). A chronology's years ("1804 Haiti declares independence") are all in the
    past, so a chronology stays a chronology."""
    if dct_day is None:
        return set()
    found = [
        i
        for i, (c, v) in enumerate(zip(cands, values, strict=True))
        if len(v) == 4 and v.isdigit() and c.end == c.start + 4 and _LINE_STAMP.match(text, c.start)
    ]
    if not found or all(int(m.group()) <= dct_day.year for m in _LINE_STAMP.finditer(text)):
        return set()
    return set(found)


def _stamp(text: str, cand: Candidate, day: dt.date) -> TemporalExpression:
    hhmm = text[cand.start : cand.end]
    return TemporalExpression(
        text=hhmm, start=cand.start, end=cand.end, type="TIME",
        value=f"{day.isoformat()}T{hhmm[:2]}:{hhmm[2:]}", mod=None, rule="live_stamp",
        resolved=True,
    )  # fmt: skip


def _written_year(value: str) -> int | None:
    """The year a date writes out ("1813", "14 September 1978"), None for an underspecified
    value, a decade, a century or a non-date."""
    if value.startswith("UNDEF") or not (value[:4].isdigit() or value[2:6].isdigit()):
        return None  # "BC0480" is written out, a decade "BC048" is not
    point = parse_point(value)
    return point[0].year if point else None


def _next_other_year(years: list[int | None]) -> list[int | None]:
    """Per expression: the next year written out after it that is not its own."""
    out: list[int | None] = [None] * len(years)
    nxt = other = None
    for i in range(len(years) - 1, -1, -1):
        y = years[i]
        out[i] = other if y is not None and y == nxt else nxt
        if y is not None and y != nxt:
            nxt, other = y, nxt
    return out


def _aside(year: int | None, returns: int | None, ref: Point | None) -> bool:
    """A written-out year that leaves the narrative's line for an aside ("the largest cavalry
    battle since 1813", "a publication declassified in 2005", a citation "(2003)"): the next year
    the text writes out comes back nearer the narrative's time than to it. It is no new reference
    time: the "6 September" that follows is still the narrative's."""
    if year is None or returns is None or ref is None or abs(year - ref[0].year) < _ASIDE_YEARS:
        return False  # a year or two on is the narrative moving on, not leaving
    return abs(returns - ref[0].year) < min(_ASIDE_YEARS, abs(returns - year))


_ASIDE_YEARS = 3


@functools.cache
def _joiner(pattern: str | None) -> re.Pattern[str] | None:
    return re.compile(pattern, re.IGNORECASE) if pattern else None


def _range_year(
    text: str, cand: Candidate, nxt: Candidate, joiner: re.Pattern[str]
) -> Point | None:
    """'vom 25. Juli bis zum 3. August 1943', 'from January to October 2023', 'the spring and
    summer of 1979': the range's end gives the year of its start (the year before when the start's
    month comes later, as in 'December to March'). The joiner ends where the second's rule matched
    ("al" of "del 25 de julio al 3 de agosto" is in its extent)."""
    if nxt.rule.value.startswith("UNDEF-") or not joiner.fullmatch(text, cand.end, nxt.match_start):
        return None
    end_value = fill(nxt.rule.value, nxt.values)
    end = parse_point(end_value)
    if end is None or (end[1] not in ("day", "month") and not SEASON.search(end_value)):
        return None
    start = fill(cand.rule.value, cand.values).split("-")[2]
    month = SEASON_IN_RANGE[start] if start in SEASON_IN_RANGE else int(start)
    year = end[0].year - (1 if month > end[0].month else 0)
    return dt.date(year, 1, 1), "year"


def _anaphoric(value: str, narrative: bool) -> bool:
    """A date reached from another one ("a year earlier") is no new reference: chaining them
    drifts. In a narrative passage neither is a deictic one ("last week" in a quote), counted
    from the narrative's time."""
    if narrative and value.startswith(_DEICTIC_VALUES):
        return True
    return value.startswith(("UNDEF-REF", "UNDEF-ago-"))


_DEICTIC_VALUES = ("UNDEF-this-", "UNDEF-last-", "UNDEF-next-", "UNDEF-weekday", "UNDEF-weekend")


def _tense(text: str, cand: Candidate, value: str, lang: Language) -> str | None:
    return (
        tense_at(text, cand.start, cand.end, lang) if value.startswith(_TENSE_SENSITIVE) else None
    )


def _evidence(
    cand: Candidate, value: str, tense: str | None, dct_day: dt.date | None
) -> str | None:
    """What the expression says about its passage's time (narrative.py). The tense is no
    evidence: guessed from words ("would", "by"), it is as often future in a history as in the
    news."""
    if dct_day is None or cand.rule.deictic is False:
        return None
    return evidence(value, dct_day)


def _expression(
    text: str,
    cand: Candidate,
    value: str,
    tense: str | None,
    dct: str | None,
    ref: Point | None,
    narrative: Point | None = None,
) -> TemporalExpression | None:
    rule = cand.rule
    value, resolved = resolve(value, dct, tense, ref, narrative)
    if not is_valid_date(value):  # "31 February": the words matched but name no day
        return None
    mod = fill(rule.mod, cand.values) if rule.mod else None
    return TemporalExpression(
        text=text[cand.start : cand.end], start=cand.start, end=cand.end, type=rule.type,  # type: ignore[arg-type]
        value=value, mod=mod or None, rule=rule.name, resolved=resolved,
    )  # fmt: skip
