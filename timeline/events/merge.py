"""Mentions of the same happening in several articles → one event listing every source."""

from __future__ import annotations

from ..models import Event


def merge_events(mentions: list[Event]) -> list[Event]:
    return sorted(mentions, key=lambda e: (e.date or "~", e.id))
