"""How important is an event? A score in 0..1 from the evidence the corpus gives for it.

The evidence is read from every mention (one sentence of one article, dated by our tagger):

* **date references** - how many distinct articles refer to the event's day with an explicit date
  expression, counted over the whole corpus. A day that later articles keep coming back to ("the
  April 20 explosion") is a day that mattered: a reference from an article published *after* the
  day counts more the later it was made (1 + ln(1 + days later), capped at a month), a same-day
  reference counts a quarter, and each article published on the day adds a half (coverage volume).
  This is the date score of :func:`date_scores`, which also ranks the days of a summary timeline
  (``--top N``) and of ``timeline eval-tls``.
* **support** - how many distinct articles, and how many distinct outlets, report the event itself.
* **position** - news puts the important facts first: the earliest position of a quote in its
  article.
* **agreement** - the share of the event's sources that date it explicitly and independently
  (instead of inheriting the publication date).

Each count is scaled to 0..1 against a fixed reference, not the corpus maximum:
``log(1 + n) / (log(1 + n) + log(1 + half))``, which is one half at ``n = half`` (HALF: a date score
of 10, 3 articles, 2 outlets) and approaches 1 for more. An event's score then depends only on its
own evidence and that of its day, so a new article changes the scores of the events it touches and
of the days it refers to, never of the whole timeline (what lets a rebuild after one new article
rewrite a handful of entries). Then

    salience = 0.40 date + 0.25 support + 0.10 outlets + 0.10 position + 0.15 agreement

multiplied by a precision factor (a day or a time: 1; a week or a month: 0.8; a season, quarter or
year: 0.6; coarser or undated: 0.3), so vague dates never outrank precise ones at equal evidence.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from operator import mul

from ..models import Event
from .happenings import is_weak
from .merge import with_field

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
WEIGHTS = {"date": 0.40, "support": 0.25, "outlets": 0.10, "position": 0.10, "agreement": 0.15}
PRECISION_FACTOR = {
    "time": 1.0,
    "day": 1.0,
    "week": 0.8,
    "month": 0.8,
    "season": 0.6,
    "quarter": 0.6,
    "year": 0.6,
}
# date score, articles, outlets at which the part is one half (see the docstring)
HALF = (10.0, 3.0, 2.0)
# characters: a quote this far into its article keeps 1/e of the position credit
POSITION_SCALE = 1500.0

# The date score of a day: each later article referring to it gives 1 + LAG_WEIGHT * ln(1 + days
# later, capped at LAG_CAP); a reference made on the day (or before it) gives SAME_DAY_REFERENCE; an
# article published on the day gives PUBLISHED.
LAG_WEIGHT, LAG_CAP = 1.0, 30
SAME_DAY_REFERENCE, PUBLISHED = 0.25, 0.5


@lru_cache(maxsize=1 << 16)  # a corpus has a few thousand distinct dates, read for every mention
def day_of(value: str | None) -> str | None:
    """``2010-04-20`` for any value with day precision (``2010-04-20T10:00`` included), else
    None."""
    return value[:10] if value and DAY.match(value) else None


@dataclass(frozen=True, slots=True)
class Reference:
    """One piece of date evidence: ``article`` (published on ``published``) refers explicitly to
    ``day``; ``day`` None: the article only counts for its publication day."""

    article: str
    published: str | None
    day: str | None


@dataclass
class DayEvidence:
    # article published after the day → days later
    later_refs: dict[str, int] = field(default_factory=dict)
    # articles published that day or before referring to it
    same_refs: set[str] = field(default_factory=set)
    published: set[str] = field(default_factory=set)  # articles published that day

    def score(self) -> float:
        # summed in article order, not insertion order: the same evidence gives the same float
        # however it was gathered (a whole corpus or one article added to the stored evidence:
        # incremental/)
        later = sum(
            1 + LAG_WEIGHT * math.log1p(min(lag, LAG_CAP))
            for _, lag in sorted(self.later_refs.items())
        )
        same = SAME_DAY_REFERENCE * len(self.same_refs - self.later_refs.keys())
        return later + same + PUBLISHED * len(self.published)


def references_of(mentions: Iterable[Event]) -> Iterator[Reference]:
    """Date evidence read from event mentions: explicitly dated sources refer to the event's day.
    A weak mention (happenings.is_weak) is no evidence: it only repeats what another article
    reports."""
    for mention in mentions:
        if is_weak(mention):
            continue
        day = day_of(mention.date) if mention.date_source == "explicit" else None
        for source in mention.sources:
            yield Reference(
                source.article, source.published, day if source.date_text is not None else None
            )


def day_evidence(references: Iterable[Reference]) -> dict[str, DayEvidence]:
    """Per day: which articles refer to it explicitly (before / after their publication) or were
    published on it."""
    days: dict[str, DayEvidence] = defaultdict(DayEvidence)
    for ref in references:
        published = day_of(ref.published)
        if published:
            days[published].published.add(ref.article)
        day = day_of(ref.day)
        if day is None:
            continue
        if published and published > day:
            lag = _days_between(day, published)
            days[day].later_refs[ref.article] = max(lag, days[day].later_refs.get(ref.article, 0))
        else:
            days[day].same_refs.add(ref.article)
    return dict(days)


# the same (day, publication day) pairs come back for every article of a day
@lru_cache(maxsize=1 << 16)
def _days_between(early: str, late: str) -> int:
    try:
        return (date.fromisoformat(late) - date.fromisoformat(early)).days
    except ValueError:  # an impossible calendar day such as 2010-02-30 from a sloppy text
        return 1


def date_scores(references: Iterable[Reference]) -> dict[str, float]:
    """Importance of every day referred to or published on, from date-reference counting (higher:
    more important)."""
    return {day: found.score() for day, found in day_evidence(references).items()}


def score_salience(
    events: list[Event],
    mentions: Iterable[Event] | None = None,
    outlets: Mapping[str, str] | None = None,
    kept: list[tuple[float, float, float, float, float]] | None = None,
    days: dict[str, DayEvidence] | None = None,
) -> list[Event]:
    """The events with ``salience`` set in 0..1 (same order).

    ``mentions`` are the per-sentence events before merging (default: the events' own sources);
    ``outlets`` maps an article path to its outlet (``Article.source``) to count distinct outlets;
    ``kept``: each event's evidence is appended to it, ``days``: filled with each day's evidence
    (what an incremental rebuild stores).
    """
    if not events:
        return []
    found_days = day_evidence(references_of(mentions if mentions is not None else events))
    by_day = {day: found.score() for day, found in found_days.items()}
    if days is not None:
        days.update(found_days)
    outlet_of = outlets or {}
    scored = []
    for event in events:
        found = evidence(event, by_day, outlet_of)
        if kept is not None:
            kept.append(found)
        scored.append(with_field(event, "salience", salience_of(event.precision, found)))
    return scored


def salience_of(
    precision: str | None, evidence_of: tuple[float, float, float, float, float]
) -> float:
    """The score of an event of this precision from its evidence (``evidence``): the weighted
    parts times the precision factor."""
    date_refs, support, outlet_count, position, agreement = evidence_of
    parts = (
        _saturating(date_refs, HALF[0]),
        _saturating(support, HALF[1]),
        _saturating(outlet_count, HALF[2]),
        position,
        agreement,
    )
    value = sum(map(mul, _WEIGHTS, parts)) * PRECISION_FACTOR.get(precision or "", 0.3)
    return round(min(1.0, max(0.0, value)), 4)


def _saturating(count: float, half: float) -> float:
    """0 for 0, one half at ``half``, towards 1 above: a log-scaled count with no corpus-wide
    maximum."""
    grown = math.log1p(count)
    return grown / (grown + math.log1p(half))


# the order of evidence()'s figures
EVIDENCE = ("date", "support", "outlets", "position", "agreement")
_WEIGHTS = tuple(WEIGHTS[k] for k in EVIDENCE)


def evidence(
    event: Event, by_day: Mapping[str, float], outlet_of: Mapping[str, str]
) -> tuple[float, float, float, float, float]:
    """The event's figures in EVIDENCE order: its day's date score, articles, outlets, position,
    agreement."""
    sources = event.sources
    day = day_of(event.date)
    date_refs = by_day.get(day, 0.0) if day else 0.0
    # most events: the figures below for one source, without the sets and generators
    if len(sources) == 1:
        only = sources[0]
        agreement = (1.0 if only.date_text else 0.0) if event.date else 0.0
        return date_refs, 1.0, 1.0, math.exp(-only.start / POSITION_SCALE), agreement
    articles = {s.article for s in sources}
    return (
        date_refs,
        float(len(articles)),
        float(len({outlet_of.get(a, a) for a in articles})),  # no outlet known: one per article
        math.exp(-min((s.start for s in sources), default=0) / POSITION_SCALE),
        (sum(1 for s in sources if s.date_text) / len(sources)) if sources and event.date else 0.0,
    )


def top_dates(events: list[Event], n: int) -> list[Event]:
    """A summary timeline: only the events on the ``n`` most salient dates (all events when ``n`` <=
    0).

    A date's weight is the sum of its events' salience, so a day many sources report on ranks first;
    undated events are left out of a summary. Order is kept."""
    if n <= 0:
        return events
    weight: dict[str, float] = defaultdict(float)
    for event in events:
        if event.date:
            weight[event.date] += event.salience
    keep = set(sorted(weight, key=lambda d: (-weight[d], d))[:n])
    return [e for e in events if e.date in keep]
