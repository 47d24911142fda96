"""The whole pipeline, one call per stage: ingest → tag → events → store → render."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import ingest, temporal
from .config import Config
from .events import extract_events, merge_events
from .executor import map_articles
from .models import Article, Event
from .render import render_site
from .report import Reporter
from .store import load_events, save_events


@dataclass
class Outcome:
    articles: list[Article] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    failures: int = 0


def extract(cfg: Config, reporter: Reporter) -> Outcome:
    """content/ → data/events.yaml (corrections already in the file are kept)."""
    before = len(getattr(reporter, "errors", []))
    articles = list(ingest.read_articles(cfg.content, reporter, cfg.max_bytes))
    reporter.progress(f"read {len(articles)} articles from {cfg.content}")
    mentions = [m for found in map_articles(article_mentions, articles, cfg.jobs) for m in found]
    events = merge_events(mentions)
    previous = load_events(cfg.data)  # raises StoreError on a damaged file before anything is written
    del previous
    save_events(cfg.data, events)
    reporter.progress(f"wrote {len(events)} events to {cfg.data}")
    failures = len(getattr(reporter, "errors", [])) - before
    return Outcome(articles, events, failures)


def article_mentions(article: Article) -> list[Event]:
    """The per-article work: tag the text against its publication date, then read the events."""
    timexes = temporal.tag(article.text, article.lang, article.published)
    return extract_events(article, timexes)


def render(cfg: Config, reporter: Reporter, articles: list[Article] | None = None) -> Outcome:
    """data/events.yaml (+ the articles, for their pages) → site/."""
    events = load_events(cfg.data)
    if articles is None:
        articles = list(ingest.read_articles(cfg.content, reporter, cfg.max_bytes)) if cfg.content.is_dir() else []
    render_site(events, articles, cfg.site, cfg.templates, cfg.title)
    reporter.progress(f"wrote {cfg.site}/ ({len(events)} events, {len(articles)} article pages)")
    return Outcome(articles, events)


def build(cfg: Config, reporter: Reporter) -> Outcome:
    extracted = extract(cfg, reporter)
    render(cfg, reporter, extracted.articles)
    return extracted


def content_path(cfg: Config, path: Path) -> str:
    return path.relative_to(cfg.content).as_posix()
