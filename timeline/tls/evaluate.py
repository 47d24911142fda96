"""``timeline eval-tls``: build each topic's timeline with our pipeline and score it against the
gold timelines.

Per gold timeline (length ``l`` dates, ``k`` = its mean number of sentences per date, rounded):

* ``date_f1``      Date-F1 of our top-``l`` dates (the standard TLS setting; the headline figure);
* ``date_f1_all``  Date-F1 of every day our pipeline dated an event to (no summarization);
* ``ar1_f1``, ``ar2_f1``  alignment ROUGE-1/2 F1 (tilse "align+ m:1") of the top-``l`` timeline with
  ``k`` sentences a date.

The average is the plain mean over timelines.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..events.salience import Reference
from ..infra.executor import map_articles
from .corpus import Topic, find_topics, load_topic
from .extract import Candidate, read_article
from .metrics import AlignmentRouge, date_f1
from .summarize import DEFAULT_SETTINGS, Settings, candidate_days, rank_days, summarize

AVERAGED = ("date_f1", "date_f1_all", "ar1_f1", "ar2_f1")


@dataclass
class TopicEvidence:
    articles: int = 0
    references: list[Reference] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)


def extract_topic(
    topic: Topic,
    jobs: int = 0,
    executor: str = "process",
    scheduler: str | None = None,
    max_articles: int | None = None,
) -> TopicEvidence:
    """Run our per-article pipeline (tagger + event extraction) over the topic; publication date
    = DCT."""
    evidence = TopicEvidence()
    for found in map_articles(
        read_article, topic.articles(max_articles), jobs, executor=executor, scheduler=scheduler
    ):
        evidence.articles += 1
        evidence.references.extend(found.references)
        evidence.candidates.extend(found.candidates)
    return evidence


def score_topic(
    topic: Topic,
    evidence: TopicEvidence,
    settings: Settings = DEFAULT_SETTINGS,
    scorer: AlignmentRouge | None = None,
) -> list[dict[str, Any]]:
    scorer = scorer or AlignmentRouge()
    ranked = rank_days(evidence.references, settings)
    all_days = set(candidate_days(evidence.references, settings))
    rows = []
    for name, gold in topic.gold.items():
        length = len(gold)
        k = max(1, round(sum(len(s) for s in gold.values()) / length)) if length else 1
        predicted = summarize(evidence.candidates, ranked[:length], k, settings)
        rouge = scorer.score(predicted, gold)
        rows.append(
            {
                "topic": topic.name,
                "timeline": name,
                "gold_dates": length,
                "sentences_per_date": k,
                "date_f1": date_f1(predicted, gold).f1,
                "date_f1_all": date_f1({date.fromisoformat(d) for d in all_days}, gold).f1,
                "ar1_f1": rouge[1].f1,
                "ar2_f1": rouge[2].f1,
                "ar1_precision": rouge[1].precision,
                "ar1_recall": rouge[1].recall,
            }
        )
    return rows


def evaluate(
    path: Path,
    jobs: int = 0,
    executor: str = "process",
    scheduler: str | None = None,
    max_articles: int | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """Score every topic under ``path`` (or the topic ``path`` itself)."""
    rows: list[dict[str, Any]] = []
    scorer = AlignmentRouge()
    for folder in find_topics(path):
        started = time.perf_counter()
        topic = load_topic(folder)
        for warning in topic.warnings:
            progress(f"warning: {warning}")
        evidence = extract_topic(topic, jobs, executor, scheduler, max_articles)
        for row in score_topic(topic, evidence, scorer=scorer):
            row["articles"] = articles = evidence.articles
            row["seconds"] = round(time.perf_counter() - started, 1)
            rows.append(row)
            progress(
                f"{row['topic']}/{row['timeline']}: Date-F1 {row['date_f1']:.3f}, AR-1 "
                f"{row['ar1_f1']:.3f} ({articles} articles, {row['seconds']} s)"
            )
    return {"timelines": rows, "average": average(rows)}


def average(rows: Sequence[dict[str, Any]]) -> dict[str, float]:
    return {key: (sum(r[key] for r in rows) / len(rows) if rows else 0.0) for key in AVERAGED}


def format_table(result: dict[str, Any]) -> str:
    head = (
        f"{'timeline':<48} {'articles':>8} {'dates':>5} {'Date-F1':>7} {'all':>6} {'AR-1':>6} "
        f"{'AR-2':>6}"
    )
    lines = [head, "-" * len(head)]
    for r in result["timelines"]:
        name = f"{r['topic']}/{r['timeline']}"
        lines.append(
            f"{name:<48} {r['articles']:>8} {r['gold_dates']:>5} {r['date_f1']:>7.3f} "
            f"{r['date_f1_all']:>6.3f} {r['ar1_f1']:>6.3f} {r['ar2_f1']:>6.3f}"
        )
    a = result["average"]
    lines.append("-" * len(head))
    lines.append(
        f"{'average':<48} {'':>8} {'':>5} {a['date_f1']:>7.3f} {a['date_f1_all']:>6.3f} "
        f"{a['ar1_f1']:>6.3f} {a['ar2_f1']:>6.3f}"
    )
    return "\n".join(lines)
