"""Runs the per-article work (tagging and event extraction) over many articles.

Local and in order for now; the scale issue adds a process pool and distributed engines behind
this same function, so the pipeline does not change."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_articles(func: Callable[[T], R], items: Iterable[T], jobs: int = 0) -> Iterator[R]:
    """Apply func to every item, yielding results in input order."""
    for item in items:
        yield func(item)
