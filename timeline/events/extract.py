"""One article → event mentions: each sentence reporting a happening, dated by its anchoring expression."""

from __future__ import annotations

from ..models import Article, Event, Source, TemporalExpression
from ..temporal import precision_of
from .ids import mention_id
from .sentences import sentences

DATE_TYPES = {"DATE", "TIME"}


def extract_events(article: Article, timexes: list[TemporalExpression]) -> list[Event]:
    events = []
    for start, end in sentences(article.text, article.lang, article.body_start, article.body_stop):
        inside = [t for t in timexes if t.start >= start and t.end <= end and t.type in DATE_TYPES]
        anchor = _anchor(inside)
        date, date_source, date_text = _date(anchor, article)
        quote = article.text[start:end]
        events.append(
            Event(
                id=mention_id(article.path, start, end, date),
                date=date,
                precision=precision_of(date) if date else None,
                title=_title(quote),
                text=quote,
                sources=(Source(article.path, quote, start, end, date_text, article.published),),
                date_source=date_source,  # type: ignore[arg-type]
                date_text=date_text,
                lang=article.lang,
            )
        )
    return events


def _anchor(timexes: list[TemporalExpression]) -> TemporalExpression | None:
    for t in timexes:
        if t.resolved and t.value[:1].isdigit():
            return t
    return None


def _date(anchor: TemporalExpression | None, article: Article) -> tuple[str | None, str, str | None]:
    if anchor is not None:
        return anchor.value, "explicit", anchor.text
    if article.published:
        return article.published[:10], "publication", None
    return None, "publication", None


def _title(quote: str, limit: int = 90) -> str:
    if len(quote) <= limit:
        return quote
    return quote[:limit].rsplit(" ", 1)[0] + "…"
