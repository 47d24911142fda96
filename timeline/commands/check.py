"""`timeline check`: content readable, YAML valid, undated articles and unresolved dates listed."""

from __future__ import annotations

from .. import ingest
from ..config import Config
from ..report import ConsoleReporter
from ..store import commit, load_events


def run_checks(cfg: Config, reporter: ConsoleReporter) -> int:
    """Print findings; return how many problems make the check fail."""
    problems = 0
    articles = list(
        ingest.read_articles(cfg.content, reporter, cfg.max_bytes, doc_type=cfg.doc_type)
    )
    problems += len(reporter.errors)
    undated = [a.path for a in articles if not a.published]
    for path in undated:
        print(f"undated article: {path}")
    for finding in commit.findings(cfg.data):  # an interrupted build: the next one recovers
        print(finding)
        problems += 1
    events = load_events(cfg.data) if cfg.data.exists() else []
    if not cfg.data.exists():
        print(f"no events file yet: {cfg.data} (run `timeline extract`)")
    for event in events:
        if event.date is None:
            print(f"unresolved date: {event.id} ({', '.join(s.article for s in event.sources)})")
    print(
        f"{len(articles)} articles ({len(undated)} undated), {len(events)} events, {problems} "
        f"problem(s)"
    )
    return problems
