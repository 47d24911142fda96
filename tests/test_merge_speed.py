"""The fast merge and salience give exactly what the straightforward algorithms gave.

The reference below is the merge and the salience scoring as they were before the speed-up (pairs
counted in a dict over every posting list, a union-find over every mention, dataclasses.replace for
every event). Random corpora with many near-duplicates, weak mentions, day-apart and nested dates,
undated mentions, repeated keys and article paths containing '#' go through both; events, ids,
order, members, decisions (the `timeline explain` text) and salience must be equal.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import replace
from datetime import date

import pytest

from timeline.events import merge
from timeline.events.happenings import is_weak
from timeline.events.ids import event_id, source_key
from timeline.events.merge import (
    Decision,
    MergeResult,
    content_words,
    dates_compatible,
    merge_events,
    merge_mentions,
)
from timeline.events.salience import (
    HALF,
    POSITION_SCALE,
    PRECISION_FACTOR,
    WEIGHTS,
    date_scores,
    day_of,
    references_of,
    score_salience,
)
from timeline.models import Event, Source

# ── the reference: the algorithms before the speed-up ────────────────────────────────────────────


def reference_merge(
    mentions: list[Event], known_words: list[frozenset[str] | None] | None = None
) -> MergeResult:
    by_key = {_key(m): m for m in mentions}
    given = {_key(m): w for m, w in zip(mentions, known_words or [], strict=False) if w is not None}
    keys = sorted(by_key)
    words = {k: frozenset(given[k]) if k in given else content_words(by_key[k]) for k in keys}
    decisions = [
        _decide(a, b, by_key[a], by_key[b], words[a], words[b]) for a, b in _candidates(keys, words)
    ]
    clusters = _cluster(keys, decisions, by_key)
    result = MergeResult([], {}, decisions, by_key)
    for members in clusters:
        if all(is_weak(by_key[k]) for k in members):
            continue
        event = _combine([by_key[k] for k in members], min(members))
        result.events.append(event)
        result.members[event.id] = members
    result.events.sort(key=lambda e: (e.date is None, e.date or "", e.id))
    return result


def _key(mention: Event) -> str:
    return source_key(mention.sources[0].article, mention.sources[0].quote)


def _candidates(keys: list[str], words: dict[str, frozenset[str]]) -> list[tuple[str, str]]:
    postings: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        for w in words[k]:
            postings[w].append(k)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for w in sorted(postings):
        ks = postings[w]
        if len(ks) > merge.MAX_POSTING:
            continue
        for i, a in enumerate(ks):
            for b in ks[i + 1 :]:
                if a.split("#")[0] != b.split("#")[0]:
                    shared[(a, b)] += 1
    return sorted(pair for pair, n in shared.items() if n >= merge.MIN_SHARED)


def _decide(
    ka: str, kb: str, a: Event, b: Event, wa: frozenset[str], wb: frozenset[str]
) -> Decision:
    near, paraphrase = merge.NEAR, merge.PARAPHRASE
    similarity = round(len(wa & wb) / len(wa | wb), 3) if wa | wb else 0.0
    actors = tuple(sorted(set(a.actors) & set(b.actors)))
    dates = dates_compatible(a, b)
    if not dates[0] and _repeat(a, b, similarity):
        dates = (True, f"{dates[1]}, but a report repeated within {merge.REPEAT_DAYS} days")
    if not dates[0]:
        return Decision(ka, kb, False, similarity, actors, f"kept apart: {dates[1]}")
    weak = [m for m in (a, b) if is_weak(m)]
    if weak:
        return _decide_weak(
            ka, kb, min(m.confidence for m in weak), similarity, actors, dates[1], wa, wb
        )
    if similarity >= near:
        return Decision(
            ka,
            kb,
            True,
            similarity,
            actors,
            f"merged: near-identical words ({similarity:.2f} ≥ {near}); {dates[1]}",
        )
    if dates[1] == "one undated":
        return Decision(
            ka,
            kb,
            False,
            similarity,
            actors,
            f"kept apart: one undated and words not near-identical ({similarity:.2f} < {near})",
        )
    if similarity >= paraphrase and actors:
        return Decision(
            ka,
            kb,
            True,
            similarity,
            actors,
            f"merged: paraphrase ({similarity:.2f} ≥ {paraphrase}) with shared actors "
            f"{', '.join(actors)}; {dates[1]}",
        )
    why = (
        "no shared actor"
        if similarity >= paraphrase
        else f"words differ ({similarity:.2f} < {paraphrase})"
    )
    return Decision(ka, kb, False, similarity, actors, f"kept apart: {why}; {dates[1]}")


def _repeat(a: Event, b: Event, similarity: float) -> bool:
    if "publication" not in {a.date_source, b.date_source}:
        return False
    alike = similarity >= merge.REPEAT_ALIKE and bool(
        set(a.actors) & set(b.actors) and merge.figures(a.text) & merge.figures(b.text)
    )
    if similarity < merge.REPEAT and not alike:
        return False
    try:
        da, db = date.fromisoformat((a.date or "")[:10]), date.fromisoformat((b.date or "")[:10])
    except ValueError:
        return False
    if abs((da - db).days) > merge.REPEAT_DAYS:
        return False
    if a.date_source == b.date_source:
        return True
    (first, first_day), later_day = (
        ((a, da), db) if b.date_source == "publication" else ((b, db), da)
    )
    return len(first.date or "") == 10 and later_day >= first_day


def _decide_weak(
    ka: str,
    kb: str,
    weakest: float,
    similarity: float,
    actors: tuple[str, ...],
    dates: str,
    wa: frozenset[str],
    wb: frozenset[str],
) -> Decision:
    weak = f"weak mention (confidence {weakest:.2f} < {merge.MIN_CONFIDENCE})"
    if similarity >= merge.NEAR:
        return Decision(
            ka,
            kb,
            True,
            similarity,
            actors,
            f"merged: {weak} repeats near-identical words ({similarity:.2f} ≥ {merge.NEAR}); "
            f"{dates}",
        )
    smaller = min(len(wa), len(wb))
    contained = round(len(wa & wb) / smaller, 3) if smaller >= merge.MIN_CONTAINED else 0.0
    if contained >= merge.CONTAINED:
        return Decision(
            ka,
            kb,
            True,
            similarity,
            actors,
            f"merged: {weak} is a cut-off copy ({contained:.2f} of the shorter one's words in "
            f"the other "
            f"≥ {merge.CONTAINED}); {dates}",
        )
    return Decision(
        ka,
        kb,
        False,
        similarity,
        actors,
        f"kept apart: {weak} joins only near-identical words ({similarity:.2f} < {merge.NEAR}, "
        f"containment {contained:.2f} < {merge.CONTAINED}); {dates}",
    )


def _cluster(
    keys: list[str], decisions: list[Decision], by_key: dict[str, Event]
) -> list[list[str]]:
    parent = {k: k for k in keys}
    articles = {k: {by_key[k].sources[0].article} for k in keys}
    strong = {k: not is_weak(by_key[k]) for k in keys}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for d in sorted((d for d in decisions if d.merged), key=lambda d: (-d.similarity, d.a, d.b)):
        ra, rb = root(d.a), root(d.b)
        if ra == rb or articles[ra] & articles[rb]:
            continue
        if strong[ra] and strong[rb] and (is_weak(by_key[d.a]) or is_weak(by_key[d.b])):
            continue
        low, high = sorted((ra, rb))
        parent[high] = low
        articles[low] |= articles.pop(high)
        strong[low] = strong.pop(high) or strong[low]
    groups: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        groups[root(k)].append(k)
    return [sorted(g) for _, g in sorted(groups.items())]


def _combine(members: list[Event], first_key: str) -> Event:
    if len(members) == 1:
        return replace(members[0], id=event_id(first_key))
    speakers = [m for m in members if not is_weak(m)]
    rank = {"explicit": 3, "inferred": 2, "publication": 1}
    lead = sorted(
        speakers,
        key=lambda m: (
            -(rank.get(m.date_source, 0) if m.date else 0),
            (m.date or "") if m.date_source == "publication" else "",
            -m.confidence,
            m.sources[0].article,
        ),
    )[0]
    sources = tuple(
        sorted((s for m in members for s in m.sources), key=lambda s: (s.article, s.start))
    )
    return replace(
        lead,
        id=event_id(first_key),
        sources=sources,
        actors=_union(m.actors for m in members),
        places=_union(m.places for m in members),
        tags=tuple(sorted({t for m in members for t in m.tags})),
        confidence=round(
            min(0.99, max(m.confidence for m in speakers) + 0.05 * (len(members) - 1)), 2
        ),
    )


def _union(groups) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    out: list[str] = []
    for group in groups:
        out.extend(x for x in group if x not in out)
    return tuple(out)


def reference_salience(
    events: list[Event], mentions: list[Event], outlets: dict[str, str]
) -> list[Event]:
    by_day = date_scores(references_of(mentions))
    raw = []
    for event in events:
        sources = event.sources
        articles = {s.article for s in sources}
        day = day_of(event.date)
        raw.append(
            {
                "date": by_day.get(day, 0.0) if day else 0.0,
                "support": float(len(articles)),
                "outlets": float(len({outlets.get(a, a) for a in articles})),
                "position": math.exp(-min((s.start for s in sources), default=0) / POSITION_SCALE),
                "agreement": (sum(1 for s in sources if s.date_text) / len(sources))
                if sources and event.date
                else 0.0,
            }
        )
    half = dict(zip(("date", "support", "outlets"), HALF, strict=True))
    scored = []
    for event, r in zip(events, raw, strict=True):
        parts = {
            k: math.log1p(r[k]) / (math.log1p(r[k]) + math.log1p(half[k]))
            for k in ("date", "support", "outlets")
        }
        parts |= {"position": r["position"], "agreement": r["agreement"]}
        value = sum(WEIGHTS[k] * v for k, v in parts.items()) * PRECISION_FACTOR.get(
            event.precision or "", 0.3
        )
        scored.append(replace(event, salience=round(min(1.0, max(0.0, value)), 4)))
    return scored


# ── random corpora ────────────────────────────────────────────────────────────────────────────────

VOCABULARY = (
    "minister announced sanctions against exporters after talks collapsed in brussels while "
    "parliament debated emergency funding for flooded regions and engineers inspected damaged "
    "bridges "
    "near the border crossing where protesters gathered demanding answers about contracts"
).split()
DATES = [
    None,
    "2024-03-03",
    "2024-03-04",
    "2024-03-05",
    "2024-W09",
    "2024-03",
    "2024",
    "2024-03-04T10:00",
    "2024-02-30",
]
PRECISION = {
    None: None,
    "2024-W09": "week",
    "2024-03": "month",
    "2024": "year",
    "2024-03-04T10:00": "time",
}
ACTORS = ["Germany", "Ukraine", "NATO", "Reuters"]
ARTICLES = [
    "a.txt",
    "b.txt",
    "c#1.txt",
    "c#2.txt",
    "c",
    "d/e.md",
    "f#.txt",
    "g.txt",
    "h.txt",
    "i.txt",
]


def random_mentions(rng: random.Random, n: int) -> list[Event]:
    sentences = [rng.sample(VOCABULARY, rng.randint(4, 14)) for _ in range(max(3, n // 4))]
    mentions = []
    for _ in range(n):
        words = list(rng.choice(sentences))
        for _ in range(rng.randint(0, 3)):  # paraphrase: drop, swap or add a word
            if words and rng.random() < 0.5:
                words.pop(rng.randrange(len(words)))
            else:
                words.insert(rng.randrange(len(words) + 1), rng.choice(VOCABULARY))
        text = " ".join(words).capitalize() + "."
        article = rng.choice(ARTICLES)
        date = rng.choice(DATES)
        start = rng.randrange(0, 5000)
        explicit = date is not None and rng.random() < 0.5
        published = rng.choice(["2024-03-03", "2024-03-05", "2024-03-20", None])
        source = Source(
            article, text, start, start + len(text), date if explicit else None, published
        )
        mentions.append(
            Event(
                id=event_id(source_key(article, text)) if rng.random() < 0.8 else "ev-other",
                date=date,
                precision=PRECISION.get(date, "day"),
                title=text[:30],
                text=text,
                sources=(source,),
                date_source="explicit" if explicit else rng.choice(["publication", "inferred"]),
                date_text=date if explicit else None,
                actors=tuple(rng.sample(ACTORS, rng.randint(0, 2))),
                places=tuple(rng.sample(["Berlin", "Kyiv"], rng.randint(0, 1))),
                tags=tuple(rng.sample(["war", "economy"], rng.randint(0, 2))),
                confidence=rng.choice([0.3, 0.44, 0.45, 0.6, 0.8]),
                extra={"n": rng.random()} if rng.random() < 0.1 else {},
            )
        )
    return mentions + rng.sample(mentions, n // 20)  # repeated keys: the last one wins


def known_words(
    rng: random.Random, mentions: list[Event]
) -> list[frozenset[str] | tuple[str, ...] | None] | None:
    """As the cache gives them: frozensets, tuples, some unknown (None), or a list shorter than
    the mentions."""
    if rng.random() < 0.2:
        return None
    words: list[frozenset[str] | tuple[str, ...] | None] = []
    for m in mentions:
        w = content_words(m)
        words.append(rng.choice([w, tuple(sorted(w)), None]))
    return words[: rng.randint(0, len(words))] if rng.random() < 0.3 else words


def as_plain(result: MergeResult) -> tuple:  # type: ignore[type-arg]
    return (
        [(repr(e), e.extra) for e in result.events],
        list(result.members.items()),
        result.decisions,
        [(k, repr(m)) for k, m in result.mentions.items()],
    )


@pytest.mark.parametrize("seed", range(40))
def test_fast_merge_and_salience_equal_the_reference(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    if seed % 2:  # a small cap, so that frequent words are skipped as on a large corpus
        monkeypatch.setattr(merge, "MAX_POSTING", rng.randint(3, 30))
    mentions = random_mentions(rng, rng.randint(0, 160))
    words = known_words(rng, mentions)
    fast = merge_mentions(mentions, words)
    slow = reference_merge(
        mentions,
        [frozenset(w) if w is not None else None for w in words] if words is not None else None,
    )
    assert as_plain(fast) == as_plain(slow)
    # the build's path
    assert [(repr(e), e.extra) for e in merge_events(mentions, words)] == as_plain(slow)[0]
    outlets = {a: rng.choice(["BBC", "Reuters"]) for a in ARTICLES if rng.random() < 0.7}
    fast_scored = score_salience(fast.events, mentions, outlets=outlets)
    slow_scored = reference_salience(slow.events, mentions, outlets)
    assert [repr(e) for e in fast_scored] == [repr(e) for e in slow_scored]


def test_random_corpora_exercise_every_rule() -> None:
    """The corpora above are worth comparing on: they reach each rule of the merge."""
    reasons = [
        d.reason
        for seed in range(40)
        for d in merge_mentions(random_mentions(random.Random(seed), 160)).decisions
    ]
    for rule in (
        "merged: near-identical",
        "merged: paraphrase",
        "repeats near-identical words",
        "is a cut-off copy",
        "kept apart: dates",
        "joins only near-identical words",
        "kept apart: one undated",
        "words differ",
        "no shared actor",
        "a day apart",
        "overlap",
        "both undated",
    ):
        assert any(rule in r for r in reasons), rule
