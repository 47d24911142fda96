"""The per-article work of eval-tls, run on the executor: our tagger and our event extraction.

Date evidence comes straight from the tagger (every resolved expression with day precision is an
explicit reference to that day); summary candidates are the event mentions of our pipeline."""

from __future__ import annotations

from dataclasses import dataclass

from ..events import extract_events
from ..events.per_article import tag_article
from ..events.salience import Reference, day_of
from ..models import Article, Event

DATE_TYPES = frozenset({"DATE", "TIME"})


@dataclass(frozen=True, slots=True)
class Candidate:
    day: str
    explicit: bool  # dated by its own expression, not by the publication date
    text: str


@dataclass(frozen=True, slots=True)
class ArticleEvidence:
    references: tuple[Reference, ...]
    candidates: tuple[Candidate, ...]


def _day_of_event(event: Event) -> str | None:
    """The day a summary may put the event on: a span before the publication (an undated past
    happening, events/dates.py) is summarised on its last day, the report's, as a date-less
    report always was."""
    return event.date_end if event.date_end and event.date_source == "publication" else event.date


def read_article(article: Article) -> ArticleEvidence:
    timexes = tag_article(article)
    references = [Reference(article.path, article.published, None)]
    references += [
        Reference(article.path, article.published, day)
        for t in timexes
        if t.type in DATE_TYPES and t.resolved and (day := day_of(t.value))
    ]
    candidates = [
        Candidate(day, e.date_source == "explicit", e.text)
        for e in extract_events(article, timexes)
        if (day := day_of(_day_of_event(e)))
    ]
    return ArticleEvidence(tuple(references), tuple(candidates))
