"""Stable ids: hashes of what identifies a mention, so a rebuild with the same input gives the same
ids.

A mention is keyed by its article and the words of its quote (not the offsets), so an edit elsewhere
in the article does not change it. An event's id is its earliest mention's key; the store then keeps
the id an event had before (see store/reconcile.py), so a new article joining an event does not
rename it.
"""

from __future__ import annotations

import hashlib

from ..models import article_of_key, source_key

__all__ = ["article_of_key", "event_id", "source_key"]


def event_id(key: str) -> str:
    """64 bits of the key's hash: 40 bits (the first versions' ids, kept by the events that have
    them) collided about once in a 100,000-article build (1.1 million events), giving two events
    one id."""
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def mention_id(article: str, start: int, end: int, date: str | None) -> str:
    """Kept for callers of the foundation API: an id from offsets."""
    key = f"{article}\x1f{start}\x1f{end}\x1f{date or ''}"
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
