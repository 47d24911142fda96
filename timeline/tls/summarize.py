"""Our pipeline's mentions → a summary timeline of ``l`` dates with ``k`` sentences each.

Dates: ranked by the date score of :mod:`timeline.events.salience` (explicit date references
counted over the corpus, later references weighted up, plus publication volume), limited to days
inside the corpus' publication span (a margin either side), since a story's timeline is about the
period it was reported in, not about the background dates its articles recall.

Sentences: for each chosen day, the sentences our pipeline dated to it; those that date it
explicitly come first when there are enough of them. Each candidate is a TF-IDF vector (IDF over
all sentences of the corpus); the summary takes the candidates closest to the day's centroid,
skipping one too similar to a sentence already taken (a greedy MMR-style filter).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ..events.salience import Reference, date_scores, day_of
from .corpus import Timeline
from .extract import Candidate

WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)


@dataclass(frozen=True)
class Settings:
    margin_days: int = 7  # dates this far outside the publication span are still candidates
    min_words: int = 6  # shorter sentences are not summary material
    max_words: int = 60
    redundancy: float = 0.5  # cosine above which a sentence repeats one already chosen
    # True: when a day has k explicitly dated sentences, choose among those only
    explicit_only: bool = False
    # weight of the similarity to the whole corpus (the story) next to the day's centroid
    topic_weight: float = 1.0


DEFAULT_SETTINGS = Settings()


def candidate_days(references: Sequence[Reference], settings: Settings) -> dict[str, float]:
    """Every day with evidence, scored; days far outside the publication span dropped."""
    scores = date_scores(references)
    published = sorted({d for r in references if (d := day_of(r.published))})
    if not published:
        return scores
    low = (date.fromisoformat(published[0]) - timedelta(days=settings.margin_days)).isoformat()
    high = (date.fromisoformat(published[-1]) + timedelta(days=settings.margin_days)).isoformat()
    return {d: s for d, s in scores.items() if low <= d <= high and _valid(d)}


def rank_days(references: Sequence[Reference], settings: Settings = DEFAULT_SETTINGS) -> list[str]:
    scores = candidate_days(references, settings)
    return sorted(scores, key=lambda d: (-scores[d], d))


def summarize(
    candidates: Sequence[Candidate],
    days: Iterable[str],
    k: int,
    settings: Settings = DEFAULT_SETTINGS,
) -> Timeline:
    """A timeline: each day → up to ``k`` sentences chosen by centrality."""
    chosen = set(days)
    by_day: dict[str, list[Candidate]] = {d: [] for d in chosen}
    for c in candidates:
        if c.day in by_day and settings.min_words <= len(c.text.split()) <= settings.max_words:
            by_day[c.day].append(c)
    idf = _idf(c.text for c in candidates)
    topic: Counter[str] = Counter()
    if settings.topic_weight:
        for c in candidates:
            topic.update(_unit(_tfidf(c.text, idf)))
    timeline: Timeline = {}
    for d in sorted(chosen):
        explicit = [c for c in by_day[d] if c.explicit]
        pool = explicit if settings.explicit_only and len(explicit) >= k else by_day[d]
        timeline[date.fromisoformat(d)] = _central(pool, k, idf, settings, topic)
    return timeline


def _central(
    pool: list[Candidate],
    k: int,
    idf: dict[str, float],
    settings: Settings,
    topic: Mapping[str, float],
) -> list[str]:
    seen: set[str] = set()
    texts = []
    for m in pool:
        key = " ".join(m.text.lower().split())
        if key not in seen:
            seen.add(key)
            texts.append(m.text)
    vectors = [_tfidf(t, idf) for t in texts]
    centroid: Counter[str] = Counter()
    for v in vectors:
        centroid.update(_unit(v))
    score = [
        _cosine(v, centroid) + (settings.topic_weight * _cosine(v, topic) if topic else 0.0)
        for v in vectors
    ]
    ranked = sorted(range(len(texts)), key=lambda i: -score[i])
    picked: list[int] = []
    for i in ranked:
        if len(picked) == k:
            break
        if all(_cosine(vectors[i], vectors[j]) < settings.redundancy for j in picked):
            picked.append(i)
    return [texts[i] for i in picked]


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _idf(texts: Iterable[str]) -> dict[str, float]:
    df: Counter[str] = Counter()
    n = 0
    for t in texts:
        n += 1
        df.update(set(_words(t)))
    return {w: math.log((n + 1) / (c + 1)) + 1 for w, c in df.items()}


def _tfidf(text: str, idf: dict[str, float]) -> dict[str, float]:
    tf = Counter(_words(text))
    return {w: c * idf.get(w, 1.0) for w, c in tf.items()}


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {w: v / norm for w, v in vector.items()} if norm else vector


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _valid(day: str) -> bool:
    try:
        date.fromisoformat(day)
    except ValueError:
        return False
    return True
