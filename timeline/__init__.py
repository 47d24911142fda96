"""timeline: a folder of news articles → an interactive timeline website.

Public facade: the models, the pipeline stages, the version."""

from .models import Article, Event, Source, TemporalExpression

__version__ = "0.1.0"

__all__ = ["Article", "Event", "Source", "TemporalExpression", "__version__"]
