"""Article + temporal expressions → Events (one per happening), merged across articles."""

from .extract import extract_events
from .merge import MergeResult, merge_events, merge_mentions

__all__ = ["MergeResult", "extract_events", "merge_events", "merge_mentions"]
