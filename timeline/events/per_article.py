"""The work done for each article, in a worker process: tag its text, then read its events.

One definition for every caller: the full build's workers, the incremental build's extraction of the
articles that changed, and eval-tls.
"""

from __future__ import annotations

from .. import temporal
from ..models import Article, Event, TemporalExpression
from .extract import extract_events
from .words import content_words


def tag_article(article: Article) -> list[TemporalExpression]:
    """The text's time expressions, against its publication date; none in a language the tagger
    does not know yet (its events are then dated by publication only)."""
    if article.lang not in temporal.available_languages():
        return []
    return temporal.tag(article.text, article.lang, article.published, article.doc_type or "auto")


def article_mentions(article: Article) -> list[Event]:
    """Tag the text, then read the events."""
    return extract_events(article, tag_article(article))


def article_work(article: Article) -> tuple[list[Event], list[frozenset[str]]]:
    """article_mentions, plus the words the merge compares (read in the worker, kept in the
    cache)."""
    found = article_mentions(article)
    return found, [content_words(m) for m in found]
