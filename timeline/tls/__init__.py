"""Timeline-summarization scoring on public gold standards (Timeline17-style folders): ``timeline
eval-tls``."""

from .evaluate import evaluate, format_table

__all__ = ["evaluate", "format_table"]
