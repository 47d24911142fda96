"""The work done for each article, in a worker process: tag its text, then read its events.

One definition for every caller: the full build's workers, the incremental build's extraction of the
articles that changed, and eval-tls.
"""

from __future__ import annotations

from .. import temporal
from ..models import Article, Event
from .extract import extract_events
from .words import content_words


def article_mentions(article: Article) -> list[Event]:
    """Tag the text against its publication date, then read the events."""
    # A language the tagger does not know yet still gives events, dated by publication only.
    known = article.lang in temporal.available_languages()
    timexes = temporal.tag(article.text, article.lang, article.published) if known else []
    return extract_events(article, timexes)


def article_work(article: Article) -> tuple[list[Event], list[frozenset[str]]]:
    """article_mentions, plus the words the merge compares (read in the worker, kept in the cache)."""
    found = article_mentions(article)
    return found, [content_words(m) for m in found]
