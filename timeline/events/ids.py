"""Stable event ids: a hash of what identifies a mention, so a rebuild with the same input gives the same id."""

from __future__ import annotations

import hashlib


def mention_id(article: str, start: int, end: int, date: str | None) -> str:
    key = f"{article}\x1f{start}\x1f{end}\x1f{date or ''}"
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
