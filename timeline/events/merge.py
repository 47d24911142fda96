"""Mentions of the same happening in several articles → one event listing every source.

Deterministic and explainable: every compared pair gets a Decision with the figures and the rule
that decided it (`timeline explain EVENT_ID` prints them).

    candidates   pairs of mentions sharing at least MIN_SHARED content words (inverted index, so the
                 work grows with the overlap, not with the square of the number of mentions)
    rule         different articles, compatible dates, and either near-identical words
                 (similarity ≥ NEAR) or a paraphrase (similarity ≥ PARAPHRASE with a shared actor)
    weak         a weak mention (happenings.is_weak: a clause below MIN_CONFIDENCE, kept because a
                 paragraph repeated from another article scores lower in its new place) joins only by
                 near-identical words, never by paraphrase; a copy cut off mid-sentence also joins when
                 nearly all of its words are in the other mention (containment ≥ CONTAINED)
    clusters     pairs joined best-first; a cluster never takes two mentions of one article, so a
                 chain of loose resemblances cannot swallow a whole story; a weak mention never joins
                 two clusters that already hold events of their own, a cluster of weak mentions only
                 is no event, and a weak member never speaks for its event
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date as Date

from ..models import Event
from .happenings import MIN_CONFIDENCE, is_weak
from .ids import event_id, source_key
from .lexicon import lexicon

NEAR = 0.6
PARAPHRASE = 0.3
# A cut-off copy ("… delivering Taurus long-ran") has few of the full sentence's words (Jaccard 0.5) but
# all of its own: the share of the smaller side's words found in the other. Only for a weak mention and
# only on enough words, since a short phrase is contained in many different sentences.
CONTAINED = 0.9
MIN_CONTAINED = 8
MIN_SHARED = 3
MAX_POSTING = 400  # a word in more mentions than this says nothing about sameness
STEM = 5
_WORD = re.compile(r"[^\W\d_][\w\-]{2,}")


@dataclass(frozen=True, slots=True)
class Decision:
    a: str  # source keys of the two mentions
    b: str
    merged: bool
    similarity: float
    shared_actors: tuple[str, ...]
    reason: str


@dataclass
class MergeResult:
    events: list[Event]
    members: dict[str, list[str]] = field(default_factory=dict)  # event id → source keys
    decisions: list[Decision] = field(default_factory=list)
    mentions: dict[str, Event] = field(default_factory=dict)  # source key → mention


def merge_events(mentions: list[Event]) -> list[Event]:
    return merge_mentions(mentions).events


def merge_mentions(mentions: list[Event], known_words: list[frozenset[str] | None] | None = None) -> MergeResult:
    """``known_words``: content_words() of each mention where already known (from the cache), else None."""
    by_key = {_key(m): m for m in mentions}
    given = {_key(m): w for m, w in zip(mentions, known_words or [], strict=False) if w is not None}
    keys = sorted(by_key)
    words = {k: given[k] if k in given else content_words(by_key[k]) for k in keys}
    decisions = [_decide(a, b, by_key[a], by_key[b], words[a], words[b]) for a, b in _candidates(keys, words)]
    clusters = _cluster(keys, decisions, by_key)
    result = MergeResult([], {}, decisions, by_key)
    for members in clusters:
        if all(is_weak(by_key[k]) for k in members):
            continue  # weak mentions only repeat an event; alone they are none
        event = _combine([by_key[k] for k in members], min(members))
        result.events.append(event)
        result.members[event.id] = members
    result.events.sort(key=lambda e: (e.date is None, e.date or "", e.id))
    return result


def _key(mention: Event) -> str:
    source = mention.sources[0]
    return source_key(source.article, source.quote)


def content_words(mention: Event) -> frozenset[str]:
    """Word stems that carry meaning, plus the canonical names of actors and places."""
    stop = lexicon(mention.lang).stopwords
    stems = {w[:STEM] for w in (x.lower() for x in _WORD.findall(mention.text)) if w not in stop}
    return frozenset(stems | {"@" + n for n in mention.actors + mention.places})


def _candidates(keys: list[str], words: dict[str, frozenset[str]]) -> list[tuple[str, str]]:
    postings: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        for w in words[k]:
            postings[w].append(k)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for w in sorted(postings):
        ks = postings[w]
        if len(ks) > MAX_POSTING:
            continue
        for i, a in enumerate(ks):
            for b in ks[i + 1 :]:
                if a.split("#")[0] != b.split("#")[0]:
                    shared[(a, b)] += 1
    return sorted(pair for pair, n in shared.items() if n >= MIN_SHARED)


def _decide(ka: str, kb: str, a: Event, b: Event, wa: frozenset[str], wb: frozenset[str]) -> Decision:
    similarity = round(len(wa & wb) / len(wa | wb), 3) if wa | wb else 0.0
    actors = tuple(sorted(set(a.actors) & set(b.actors)))
    dates = dates_compatible(a, b)
    if not dates[0]:
        return Decision(ka, kb, False, similarity, actors, f"kept apart: {dates[1]}")
    weak = [m for m in (a, b) if is_weak(m)]
    if weak:
        return _decide_weak(ka, kb, min(m.confidence for m in weak), similarity, actors, dates[1], wa, wb)
    if similarity >= NEAR:
        return Decision(ka, kb, True, similarity, actors, f"merged: near-identical words ({similarity:.2f} ≥ {NEAR}); {dates[1]}")
    if dates[1] == "one undated":  # only the words can tie an undated mention to a dated one
        return Decision(ka, kb, False, similarity, actors, f"kept apart: one undated and words not near-identical ({similarity:.2f} < {NEAR})")
    if similarity >= PARAPHRASE and actors:
        return Decision(ka, kb, True, similarity, actors,
                        f"merged: paraphrase ({similarity:.2f} ≥ {PARAPHRASE}) with shared actors {', '.join(actors)}; {dates[1]}")
    why = "no shared actor" if similarity >= PARAPHRASE else f"words differ ({similarity:.2f} < {PARAPHRASE})"
    return Decision(ka, kb, False, similarity, actors, f"kept apart: {why}; {dates[1]}")


def _decide_weak(ka: str, kb: str, weakest: float, similarity: float, actors: tuple[str, ...], dates: str,
                 wa: frozenset[str], wb: frozenset[str]) -> Decision:
    """A weak mention joins by near-identical words (or as a cut-off copy), never by paraphrase: its low
    confidence says it is no event of its own, only the repetition of one."""
    weak = f"weak mention (confidence {weakest:.2f} < {MIN_CONFIDENCE})"
    if similarity >= NEAR:
        return Decision(ka, kb, True, similarity, actors,
                        f"merged: {weak} repeats near-identical words ({similarity:.2f} ≥ {NEAR}); {dates}")
    contained = containment(wa, wb)
    if contained >= CONTAINED:
        return Decision(ka, kb, True, similarity, actors,
                        f"merged: {weak} is a cut-off copy ({contained:.2f} of the shorter one's words in the other "
                        f"≥ {CONTAINED}); {dates}")
    return Decision(ka, kb, False, similarity, actors,
                    f"kept apart: {weak} joins only near-identical words ({similarity:.2f} < {NEAR}, "
                    f"containment {contained:.2f} < {CONTAINED}); {dates}")


def containment(wa: frozenset[str], wb: frozenset[str]) -> float:
    """|A∩B| / min(|A|, |B|): how much of the shorter mention the longer one holds; 0 below MIN_CONTAINED words."""
    smaller = min(len(wa), len(wb))
    return round(len(wa & wb) / smaller, 3) if smaller >= MIN_CONTAINED else 0.0


def dates_compatible(a: Event, b: Event) -> tuple[bool, str]:
    """Same happening dates: equal, one inside the other (2024-03-03 in 2024-W09), or a day apart when
    either date is only the publication date (reports of one happening appear on consecutive days)."""
    if a.date is None or b.date is None:
        if a.date == b.date:
            return True, "both undated"
        return True, "one undated"
    if a.date == b.date:
        return True, f"same date {a.date}"
    if _contains(a.date, b.date) or _contains(b.date, a.date):
        return True, f"dates {a.date} and {b.date} overlap"
    da, db = _day(a.date), _day(b.date)
    loose = "publication" in (a.date_source, b.date_source)
    if loose and da and db and abs((da - db).days) <= 1:
        return True, f"publication dates {a.date} and {b.date} a day apart"
    return False, f"dates {a.date} and {b.date} differ"


def _contains(outer: str, inner: str) -> bool:
    if "W" in outer:
        day = _day(inner)
        return day is not None and outer == f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}"
    return inner.startswith(outer) and len(inner) > len(outer)


def _day(value: str) -> Date | None:
    try:
        return Date.fromisoformat(value[:10])
    except ValueError:
        return None


def _cluster(keys: list[str], decisions: list[Decision], by_key: dict[str, Event]) -> list[list[str]]:
    parent = {k: k for k in keys}
    articles = {k: {by_key[k].sources[0].article} for k in keys}
    strong = {k: not is_weak(by_key[k]) for k in keys}  # per root: the cluster holds an event of its own

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
            continue  # a weak mention may join an event, never bridge two
        low, high = sorted((ra, rb))
        parent[high] = low
        articles[low] |= articles.pop(high)
        strong[low] = strong.pop(high) or strong[low]
    groups: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        groups[root(k)].append(k)
    return [sorted(g) for _, g in sorted(groups.items())]


def _combine(members: list[Event], first_key: str) -> Event:
    """One event from its mentions: the most confident mention that is not weak speaks for it; every
    source is listed, a weak mention's too."""
    if len(members) == 1:
        return replace(members[0], id=event_id(first_key))
    speakers = [m for m in members if not is_weak(m)]
    lead = sorted(speakers, key=lambda m: (-_date_rank(m), -m.confidence, m.sources[0].article))[0]
    sources = tuple(sorted((s for m in members for s in m.sources), key=lambda s: (s.article, s.start)))
    return replace(
        lead,
        id=event_id(first_key),
        sources=sources,
        actors=_union(m.actors for m in members),
        places=_union(m.places for m in members),
        tags=tuple(sorted({t for m in members for t in m.tags})),
        confidence=round(min(0.99, max(m.confidence for m in speakers) + 0.05 * (len(members) - 1)), 2),
    )


def _date_rank(m: Event) -> int:
    return {"explicit": 3, "inferred": 2, "publication": 1}.get(m.date_source, 0) if m.date else 0


def _union(groups) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    out: list[str] = []
    for group in groups:
        out.extend(x for x in group if x not in out)
    return tuple(out)
