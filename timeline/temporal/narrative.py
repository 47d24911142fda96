"""News or narrative time, decided per passage from the balance of evidence (never by one word).

HeidelTime tells news documents (dates without a year, and relative expressions, count from the
publication date) from narrative ones (they count from the last date mentioned), once per document.
A newspaper's history feature, a chronology or a long quote are narrative passages inside a news
article, and a history's closing paragraph ("as of 2009", "today") is news inside a narrative, so we
decide per passage (a line or paragraph), with the document's balance as the default of a passage
that has no evidence of its own:

  narrative evidence  a date written out with its year, years before the DCT ("1 September 1939")
  news evidence       a deictic expression ("last week", "Friday", "two years ago", "tomorrow"): it
                      only makes sense counted from the publication (a rule may say it is none:
                      "the next day")
  no evidence         a date with its year near the DCT (chronologies write them out as much as the
                      news), a decade or century, a date without a year, a duration

The document type can also be given (``news``, ``narrative``); ``auto`` is the default.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from timeline.models import DOC_TYPES
from timeline.temporal.resolve import parse_point

_FAR_YEARS = 3  # a year this far from the DCT is the narrative's, not the news'
# deictic values: counted from the moment of writing ("UNDEF-REFCAL", "UNDEF-year" are not: they
# follow the text's own dates in news and narrative alike)
_DEICTIC = re.compile(r"^UNDEF-(?:this-|ago-|weekday|last-|next-|weekend)")
_PASSAGE = re.compile(r"\n")
# a news document turns a passage narrative only on this much more narrative evidence than news
# evidence, since one background year ("founded in 1985") must not move "in March" to 1985
_NEWS_PASSAGE_MARGIN = 3
# a document is narrative when its far dates outnumber its news evidence this many times
_DOC_RATIO = 4
_DOC_MIN_FAR = 2
# Below this many far dates the evidence is thin (an obituary: born 1941, married 1962; the funeral
# "on Monday 17 February" is the news'): narrative time then reaches only this far after a far date.
_STRONG_FAR = 5
_WEAK_REACH = 300


def narrative_flags(
    text: str, starts: Sequence[int], kinds: Sequence[str | None], doc_type: str = "auto"
) -> list[bool]:
    """Per expression (its start offset, and its evidence: 'far', 'news' or None, see
    ``evidence``): does its passage count in narrative time? Without a DCT every kind is None: no
    news time to tell from."""
    if doc_type not in DOC_TYPES:
        raise ValueError(f"doc_type must be one of {', '.join(DOC_TYPES)}, not {doc_type!r}")
    if doc_type != "auto" or not kinds:
        return [doc_type == "narrative"] * len(kinds)
    passages = _passage_index(text, starts)
    quoted = _quoted(text, starts)
    far: dict[int, int] = {}
    news: dict[int, int] = {}
    said: dict[int, int] = {}  # news evidence inside quotation marks
    total_far = total_news = 0
    for p, kind, q in zip(passages, kinds, quoted, strict=True):
        if kind == "far":
            far[p] = far.get(p, 0) + 1
            total_far += 1
        elif kind == "news":
            news[p] = news.get(p, 0) + 1
            said[p] = said.get(p, 0) + q
            total_news += 1
    story = total_far >= _DOC_MIN_FAR and total_far >= _DOC_RATIO * total_news
    # in a history, "tomorrow" in a quote is the speaker's, told in the narrative's time: it does
    # not make its passage news (in the news it is news evidence as any other)
    flags = [
        _passage_mode(far.get(p, 0), news.get(p, 0) - (said.get(p, 0) if story else 0), story)
        for p in passages
    ]
    if story and total_far < _STRONG_FAR:
        flags = _within_reach(flags, starts, kinds)
    return flags


def _within_reach(
    flags: list[bool], starts: Sequence[int], kinds: Sequence[str | None]
) -> list[bool]:
    out, last_far = [], None
    for flag, start, kind in zip(flags, starts, kinds, strict=True):
        out.append(flag and last_far is not None and start - last_far <= _WEAK_REACH)
        if kind == "far":
            last_far = start
    return out


def evidence(value: str, dct_day: dt.date) -> str | None:
    """'far', 'news' or None for one expression's value (filled, not yet resolved)."""
    if _DEICTIC.match(value):
        return "news"
    if value.startswith("BC") and value[2:3].isdigit():
        return "far"  # "490 BC"
    if value.startswith(("UNDEF", "P", "X")) or value.endswith("_REF"):
        return None
    point = parse_point(value)
    if point is None or point[1] in ("decade", "century"):
        return None  # "the 1990s", "the 19th century": background in news as much as in histories
    # a date with its year near the DCT is no evidence: chronologies write them out as much as the
    # news; nor is one years ahead ("notes due 2009", "by 2050"): plans and maturities, not a
    # narrative
    return "far" if dct_day.year - point[0].year >= _FAR_YEARS else None


def _passage_mode(far: int, news: int, story: bool) -> bool:
    if story:
        # a history's passage with more news evidence than dates of its own: news
        return news <= far
    return far >= news + _NEWS_PASSAGE_MARGIN


_QUOTE = re.compile(r'["“”„«»\n]')


def _quoted(text: str, starts: Sequence[int]) -> list[bool]:
    """Per offset (sorted): is it inside quotation marks? '"' toggles; '„' and '«' open, '»' and
    '”' close, '“' closes after '„' (German) and opens otherwise; a line break ends a quote."""
    out: list[bool] = []
    marks = _QUOTE.finditer(text)
    inside = low = False  # low: opened by "„"
    m = next(marks, None)
    for s in starts:
        while m is not None and m.start() < s:
            c = m.group()
            if c == '"':
                inside, low = not inside, False
            elif c in "„«":
                inside, low = True, c == "„"
            elif c in "»”\n":
                inside = low = False
            else:  # "“"
                inside, low = not (inside and low), False
            m = next(marks, None)
        out.append(inside)
    return out


def _passage_index(text: str, starts: Sequence[int]) -> list[int]:
    """The passage (line) number of each offset; ``starts`` is sorted, so one walk over the
    breaks."""
    breaks = [m.start() for m in _PASSAGE.finditer(text)]
    out, b = [], 0
    for s in starts:
        while b < len(breaks) and breaks[b] < s:
            b += 1
        out.append(b)
    return out
