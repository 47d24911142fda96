"""Article + temporal expressions → Events (one per happening), merged across articles."""

from .extract import extract_events
from .merge import merge_events

__all__ = ["extract_events", "merge_events"]
