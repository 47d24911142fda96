"""Mentions of the same happening in several articles → one event listing every source.

Deterministic and explainable: every compared pair gets a Decision with the figures and the rule
that decided it (`timeline explain EVENT_ID` prints them).

    candidates   pairs of mentions sharing at least MIN_SHARED content words (inverted index, so the
                 work grows with the overlap, not with the square of the number of mentions); words
                 in more than MAX_POSTING mentions are not counted
    figures      two mentions that both report figures (counts, amounts, shares) and share none
                 report different things: kept apart, however alike their words ("the toll rose to
                 3,500" / "to 16,000")
    rule         different articles, compatible dates, and either near-identical words
                 (similarity ≥ NEAR) or a paraphrase (similarity ≥ PARAPHRASE with a shared actor)
    repeat       the same sentence (similarity ≥ REPEAT, or ≥ REPEAT_ALIKE with the same actor and
                 figures) in articles up to REPEAT_DAYS apart, both dated by their publication only
                 or the later one only: background copied forward, one report
    weak         a weak mention (happenings.is_weak: a clause below MIN_CONFIDENCE, kept because a
                 paragraph repeated from another article scores lower in its new place) joins only
                 by near-identical words, never by paraphrase; a copy cut off mid-sentence also
                 joins when nearly all of its words are in the other mention (containment ≥
                 CONTAINED)
    clusters     pairs joined best-first; a cluster never takes two mentions of one article, so a
                 chain of loose resemblances cannot swallow a whole story; a weak mention never
                 joins two clusters that already hold events of their own, a cluster of weak
                 mentions only is no event, and a weak member never speaks for its event
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import date as Date
from functools import lru_cache
from itertools import chain, groupby
from operator import attrgetter, itemgetter
from typing import Protocol

from ..errors import NotIncremental
from ..models import Event
from .happenings import MIN_CONFIDENCE, is_weak
from .ids import article_of_key, event_id, source_key
from .words import content_words

__all__ = [
    "Decision",
    "MergeChange",
    "MergeIndex",
    "MergeRecord",
    "MergeResult",
    "RegionMerge",
    "content_words",
    "dates_compatible",
    "decide",
    "merge_events",
    "merge_events_indexed",
    "merge_mentions",
    "merge_region",
    "remerge",
]

NEAR = 0.6
PARAPHRASE = 0.35  # 0.3 merged two acts of one person on nearby days (issue #13)
# A cut-off copy ("… delivering Taurus long-ran") has few of the full sentence's words (Jaccard 0.5)
# but all of its own: the share of the smaller side's words found in the other. Only for a weak
# mention and only on enough words, since a short phrase is contained in many different sentences.
CONTAINED = 0.9
MIN_CONTAINED = 8
# The same sentence again in a later article (background copied forward): one report, however
# many days later it reappears, up to REPEAT_DAYS.
REPEAT = 0.8
REPEAT_ALIKE = 0.45  # with the same actor and the same figures
REPEAT_DAYS = 14
MIN_SHARED = 3
MAX_POSTING = 400  # a word in more mentions than this says nothing about sameness


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


def merge_events(
    mentions: list[Event], known_words: Iterable[Collection[str] | None] | None = None
) -> list[Event]:
    """The merged events alone, as merge_mentions gives them: what a build needs. Only the merged
    pairs' decisions are kept on the way and no members are listed (on real news about seven
    pairs per mention are compared: millions of Decisions at 100,000 articles, which only
    `timeline explain` reads)."""
    return _merge(mentions, known_words, explain=False).events


def merge_mentions(
    mentions: list[Event], known_words: Iterable[Collection[str] | None] | None = None
) -> MergeResult:
    """``known_words``: content_words() of each mention where already known (from the cache),
    else None. Any collection of distinct stems will do: a frozenset, or a tuple (an eighth of a
    frozenset's memory for the synthetic corpus's 7 stems a mention, 11 MB instead of 84 MB at
    10,000 articles)."""
    return _merge(mentions, known_words, explain=True)


@dataclass
class MergeIndex:
    """What a build keeps of its merge so that the next one can merge again only where articles
    changed (``incremental/``): every mention's key and content words (sorted by key), and the
    merged decisions."""

    keys: list[str]
    words: list[Collection[str]]
    merged: list[Decision]
    # event id → its first (smallest) mention key
    firsts: dict[str, str] = field(default_factory=dict)


def merge_events_indexed(
    mentions: list[Event], known_words: Iterable[Collection[str] | None] | None = None
) -> tuple[list[Event], MergeIndex]:
    """merge_events, with the MergeIndex of this merge."""
    index = MergeIndex([], [], [])
    return _merge(mentions, known_words, explain=False, index=index).events, index


def merge_region(by_key: dict[str, Event], merged: list[Decision]) -> list[Event]:
    """The events of a set of mentions closed under merging (every merged decision touching one
    of them is given): what ``_merge`` makes of them within a whole corpus, since clusters never
    reach beyond."""
    keys = sorted(by_key)
    events = []
    for members in _clusters(keys, merged, by_key):
        if not all(is_weak(by_key[k]) for k in members):
            events.append(_combine([by_key[k] for k in members], members[0]))
    events.sort(key=lambda e: (e.date is None, e.date or "", e.id))
    return events


class MergeRecord(Protocol):
    """What the last build kept of its merge (incremental/state.py), as a region's merge reads
    it."""

    def word_counts(self, words: Iterable[str]) -> dict[str, int]: ...
    def postings(self, words: Iterable[str]) -> dict[str, list[str]]: ...  # word → mention keys
    def comps_of(self, keys: Iterable[str]) -> dict[str, str]: ...  # key → component
    # key → article, of these components
    def members(self, comps: Iterable[str]) -> dict[str, str]: ...
    def decisions(self, comps: Iterable[str]) -> list[tuple[str, str, float]]: ...  # merged pairs


# key → article of the mentions wanted ⇒ those mentions and their words, by key (from the mention
# cache)
LoadMentions = Callable[[dict[str, str]], tuple[dict[str, Event], dict[str, Collection[str]]]]


@dataclass(frozen=True)
class MergeChange:
    """The mentions a change adds and those it takes away."""

    added: dict[str, tuple[Event, Collection[str]]]  # key → mention and its content words
    removed: dict[str, str]  # key → the component it was in
    removed_words: dict[str, Collection[str]]  # key → content words


@dataclass(frozen=True)
class RegionMerge:
    """The merge again where a change reaches: every component it touches, whole."""

    events: list[Event]  # the region's events, as a full merge makes them
    decisions: list[Decision]  # the region's merged decisions
    mentions: dict[str, Event]  # key → every mention of the region
    comps: frozenset[str]  # the components of the last build merged again
    word_change: Counter[str]  # content word → change of the number of mentions holding it
    rare: frozenset[str]  # the changed mentions' words within MAX_POSTING mentions after the change


def remerge(change: MergeChange, record: MergeRecord, load: LoadMentions) -> RegionMerge:
    """The merge of a change alone, equal to the corresponding part of a full merge (tests compare
    them).

    A mention can only join mentions it shares rare words with, and a cluster never reaches
    beyond the mentions linked by merged decisions (its component). So the new mentions are
    compared with the recorded postings of their rare words (the pairs ``_candidates`` would
    find), and the components they link to, and those of the removed mentions, are merged again
    from their mentions and decisions. NotIncremental: a word crossed the rarity limit (which
    changes candidate pairs everywhere)."""
    word_change = _word_change(change)
    counts = _counts_after(record, word_change)
    rare = frozenset(w for w, n in counts.items() if n <= MAX_POSTING)
    new, partners = _new_decisions(change, rare, record, load)
    comps = frozenset(change.removed.values()) | frozenset(record.comps_of(partners).values())
    members = {k: a for k, a in record.members(comps).items() if k not in change.removed}
    mentions, _ = load(members)
    for k, (m, _words) in change.added.items():
        mentions[k] = m
    kept = [
        Decision(a, b, True, sim, (), "")
        for a, b, sim in record.decisions(comps)
        if a not in change.removed and b not in change.removed
    ]
    decisions = kept + new
    return RegionMerge(
        merge_region(mentions, decisions), decisions, mentions, comps, word_change, rare
    )


def _word_change(change: MergeChange) -> Counter[str]:
    out: Counter[str] = Counter()
    for words in change.removed_words.values():
        out.subtract(words)
    for _, words in change.added.values():
        out.update(words)
    return out


def _counts_after(record: MergeRecord, change: Counter[str]) -> dict[str, int]:
    """The content words' counts after the change, for every word of a changed mention."""
    before = record.word_counts(change)
    after = {w: before.get(w, 0) + n for w, n in change.items()}
    for w, n in after.items():
        if (before.get(w, 0) <= MAX_POSTING) != (n <= MAX_POSTING):
            raise NotIncremental(f"the word {w!r} crossed the rarity limit")
    return after


def _new_decisions(
    change: MergeChange, rare: frozenset[str], record: MergeRecord, load: LoadMentions
) -> tuple[list[Decision], set[str]]:
    """The merged decisions of every pair a new mention makes, and the old mentions they link to."""
    pairs = _new_pairs(change, rare, record)
    added = change.added
    old = {k for pair in pairs for k in pair if k not in added}
    mentions, words = load({k: article_of_key(k) for k in old})
    for k, (mention, its_words) in added.items():
        mentions[k], words[k] = mention, its_words
    decisions = [
        d
        for a, b in sorted(pairs)
        if (d := decide(a, b, mentions[a], mentions[b], words[a], words[b])).merged
    ]
    return decisions, {k for d in decisions for k in (d.a, d.b) if k not in added}


def _new_pairs(
    change: MergeChange, rare: frozenset[str], record: MergeRecord
) -> set[tuple[str, str]]:
    """The candidate pairs (smaller key first) of the new mentions: with the recorded mentions
    and with each other, by the rule of ``_candidates`` (MIN_SHARED rare words, different
    articles)."""
    rare_of = {k: [w for w in set(words) if w in rare] for k, (_, words) in change.added.items()}
    postings = {
        w: [k for k in keys if k not in change.removed]
        for w, keys in record.postings(chain.from_iterable(rare_of.values())).items()
    }
    local: dict[str, list[str]] = defaultdict(list)
    for k in sorted(rare_of):
        for w in rare_of[k]:
            local[w].append(k)
    pairs = set()
    for k, words in rare_of.items():
        shared = Counter(chain.from_iterable(postings.get(w, []) + local.get(w, []) for w in words))
        article = same_article(k)
        for other, n in shared.items():
            if n >= MIN_SHARED and other != k and same_article(other) != article:
                pairs.add((min(k, other), max(k, other)))
    return pairs


def decide(
    ka: str, kb: str, a: Event, b: Event, wa: Collection[str], wb: Collection[str]
) -> Decision:
    """The decision for one pair of mentions (``ka`` < ``kb``), as the merge takes it."""
    wa = wa if isinstance(wa, (set, frozenset)) else frozenset(wa)
    return _decide(ka, kb, a, b, len(wa.intersection(wb)), len(wa), len(set(wb)))


def _merge(
    mentions: list[Event],
    known_words: Iterable[Collection[str] | None] | None,
    explain: bool,
    index: MergeIndex | None = None,
) -> MergeResult:
    """``explain``: keep every decision and each event's members (else only the merged decisions,
    no members). ``index``: filled with the keys, words and merged decisions."""
    by_key: dict[str, Event] = {}
    given: dict[str, Collection[str]] = {}
    known = iter(known_words or ())
    for m in mentions:
        k = _key(m)
        by_key[k] = m
        w = next(known, None)  # known_words may be shorter than mentions: the rest are read here
        if w is not None:
            given[k] = w
    keys = sorted(by_key)
    ordered = [by_key[k] for k in keys]
    words = [
        given[k] if k in given else content_words(m) for k, m in zip(keys, ordered, strict=True)
    ]
    del given
    decisions = _decisions(keys, ordered, words, _candidates(keys, words), explain)
    if index is not None:
        index.keys, index.words, index.merged = keys, words, [d for d in decisions if d.merged]
    result = MergeResult([], {}, decisions, by_key)
    for members in _clusters(keys, decisions, by_key):
        if all(is_weak(by_key[k]) for k in members):
            continue  # weak mentions only repeat an event; alone they are none
        # members are sorted: the first is the smallest key
        event = _combine([by_key[k] for k in members], members[0])
        result.events.append(event)
        if index is not None:
            index.firsts[event.id] = members[0]
        if explain:
            result.members[event.id] = members
    result.events.sort(key=lambda e: (e.date is None, e.date or "", e.id))
    return result


def _key(mention: Event) -> str:
    source = mention.sources[0]
    return source_key(source.article, source.quote)


def _candidates(keys: list[str], words: list[Collection[str]]) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j in key order, of mentions of different articles sharing at least
    MIN_SHARED words, counting only words in at most MAX_POSTING mentions; sorted.

    The keys are sorted, so the mentions of one article are adjacent. Article by article, each
    mention counts its shared words with the mentions already in the postings (all of earlier
    articles: same article pairs are never counted), in C (Counter over the chained posting
    lists); the article's mentions join the postings once it is done. Only one mention's counts
    are held at a time, where a dict of every pair sharing a word held tens of millions of
    entries on real news (1.8 GB for the 33,580 mentions of eight Timeline17 topics; 0.1 GB this
    way)."""
    frequency = Counter(chain.from_iterable(words))
    rare = {w for w, n in frequency.items() if n <= MAX_POSTING}
    del frequency
    postings: dict[str, list[int]] = {}
    pairs: list[tuple[int, int]] = []
    for _, run in groupby(range(len(keys)), key=lambda i: same_article(keys[i])):
        article = [(i, rare.intersection(words[i])) for i in run]
        for i, rare_words in article:
            lists = [postings[w] for w in rare_words if w in postings]
            # else fewer of its words are in earlier mentions than a pair needs
            if len(lists) >= MIN_SHARED:
                shared = Counter(chain.from_iterable(lists))
                pairs.extend([(j, i) for j, n in shared.items() if n >= MIN_SHARED])
        for i, rare_words in article:
            for w in rare_words:
                postings.setdefault(w, []).append(i)
    pairs.sort()
    return pairs


def same_article(key: str) -> str:
    """What pairs of one article share (never compared): the key up to its first '#'. Mentions of
    one article are adjacent in key order; for a path holding a '#' this also groups its
    neighbours in that order ("c#1.txt" with "c"), which only keeps a few such pairs from being
    compared."""
    return key.split("#", 1)[0]


def _decisions(
    keys: list[str],
    mentions: list[Event],
    words: list[Collection[str]],
    pairs: list[tuple[int, int]],
    keep_all: bool = True,
) -> list[Decision]:
    """A Decision for every candidate pair (only the merged ones unless ``keep_all``), in the
    pairs' order. The words of the first mention of a run of pairs are made a set once (they may
    come as a tuple), the other side's are looked up in it."""
    decisions = []
    for i, run in groupby(pairs, key=itemgetter(0)):
        wi = words[i] if isinstance(words[i], (set, frozenset)) else frozenset(words[i])
        for _, j in run:
            shared = len(wi.intersection(words[j]))
            decision = _decide(
                keys[i], keys[j], mentions[i], mentions[j], shared, len(wi), len(words[j])
            )
            if keep_all or decision.merged:
                decisions.append(decision)
    return decisions


def _decide(
    ka: str, kb: str, a: Event, b: Event, shared: int, size_a: int, size_b: int
) -> Decision:
    """``shared``: how many content words the mentions have in common; ``size_a``, ``size_b``:
    how many each has."""
    union = size_a + size_b - shared
    similarity = round(shared / union, 3) if union else 0.0
    actors = tuple(sorted(set(a.actors) & set(b.actors))) if a.actors and b.actors else ()
    dates = _dates_compatible(a.date, b.date, "publication" in (a.date_source, b.date_source))
    if not dates[0] and _repeated(a, b, similarity):
        # the same sentence in a later article, dated only by its publication: recycled copy of the
        # first report, not a second happening
        dates = (True, f"{dates[1]}, but a report repeated within {REPEAT_DAYS} days")
    if not dates[0]:
        return Decision(ka, kb, False, similarity, actors, f"kept apart: {dates[1]}")
    fa, fb = figures(a.text), figures(b.text)
    # "the death toll rose to 3,500" is not "… to 16,000", however alike the words
    if fa and fb and not fa & fb:
        return Decision(
            ka,
            kb,
            False,
            similarity,
            actors,
            f"kept apart: different figures ({', '.join(sorted(fa))} / "
            f"{', '.join(sorted(fb))}); {dates[1]}",
        )
    weak = [m for m in (a, b) if is_weak(m)]
    if weak:
        contained = _containment(shared, min(size_a, size_b))
        return _decide_weak(
            ka, kb, min(m.confidence for m in weak), similarity, actors, dates[1], contained
        )
    if similarity >= NEAR:
        return Decision(
            ka,
            kb,
            True,
            similarity,
            actors,
            f"merged: near-identical words ({similarity:.2f} ≥ {NEAR}); {dates[1]}",
        )
    if dates[1] == "one undated":  # only the words can tie an undated mention to a dated one
        return Decision(
            ka,
            kb,
            False,
            similarity,
            actors,
            f"kept apart: one undated and words not near-identical ({similarity:.2f} < {NEAR})",
        )
    if similarity >= PARAPHRASE and actors:
        return Decision(
            ka,
            kb,
            True,
            similarity,
            actors,
            f"merged: paraphrase ({similarity:.2f} ≥ {PARAPHRASE}) with shared actors "
            f"{', '.join(actors)}; {dates[1]}",
        )
    why = (
        "no shared actor"
        if similarity >= PARAPHRASE
        else f"words differ ({similarity:.2f} < {PARAPHRASE})"
    )
    return Decision(ka, kb, False, similarity, actors, f"kept apart: {why}; {dates[1]}")


def _repeated(a: Event, b: Event, similarity: float) -> bool:
    """A later report of the same happening: near-identical in words, or alike and telling the
    same figures of the same actor ("Bellerive says more than 100,000 people may have died" /
    "… said he believed more than 100,000 people had died"), within REPEAT_DAYS; both dated by
    their publication only, or the later one by its publication and the first by its own date."""
    if "publication" not in (a.date_source, b.date_source):
        return False
    if similarity < REPEAT and not (
        similarity >= REPEAT_ALIKE
        and set(a.actors) & set(b.actors)
        and figures(a.text) & figures(b.text)
    ):
        return False
    da, db = _day(a.date or ""), _day(b.date or "")
    if da is None or db is None or abs((da - db).days) > REPEAT_DAYS:
        return False
    if a.date_source == b.date_source:
        return True
    dated, retold = (da, db) if a.date_source != "publication" else (db, da)
    return len((a if a.date_source != "publication" else b).date or "") == 10 and retold >= dated


def _decide_weak(
    ka: str,
    kb: str,
    weakest: float,
    similarity: float,
    actors: tuple[str, ...],
    dates: str,
    contained: float,
) -> Decision:
    """A weak mention joins by near-identical words (or as a cut-off copy), never by paraphrase:
    its low confidence says it is no event of its own, only the repetition of one."""
    weak = f"weak mention (confidence {weakest:.2f} < {MIN_CONFIDENCE})"
    if similarity >= NEAR:
        return Decision(
            ka,
            kb,
            True,
            similarity,
            actors,
            f"merged: {weak} repeats near-identical words ({similarity:.2f} ≥ {NEAR}); {dates}",
        )
    if contained >= CONTAINED:
        return Decision(
            ka,
            kb,
            True,
            similarity,
            actors,
            f"merged: {weak} is a cut-off copy ({contained:.2f} of the shorter one's words in "
            f"the other "
            f"≥ {CONTAINED}); {dates}",
        )
    return Decision(
        ka,
        kb,
        False,
        similarity,
        actors,
        f"kept apart: {weak} joins only near-identical words ({similarity:.2f} < {NEAR}, "
        f"containment {contained:.2f} < {CONTAINED}); {dates}",
    )


_FIGURE = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[,.]\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?(?=\s*(?:%|per "
    r"?cent|m\b|bn\b|million|billion|thousand))|(?<![\w.,])\d{3,}(?![\w])"
)


@lru_cache(maxsize=1 << 16)
def figures(text: str) -> frozenset[str]:
    """The figures a mention reports (counts, amounts, shares), thousands separators removed; years
    (1900-2100) are dates, not figures. Two mentions with figures and none in common report
    different things."""
    out = set()
    for m in _FIGURE.finditer(text):
        value = re.sub(r"[,.](?=\d{3}(?!\d))", "", m.group())
        if len(value) == 4 and value.isdigit() and 1900 <= int(value) <= 2100:
            continue
        out.add(value)
    return frozenset(out)


def containment(wa: frozenset[str], wb: frozenset[str]) -> float:
    """|A∩B| / min(|A|, |B|): how much of the shorter mention the longer one holds; 0 below
    MIN_CONTAINED words."""
    return _containment(len(wa & wb), min(len(wa), len(wb)))


def _containment(shared: int, smaller: int) -> float:
    return round(shared / smaller, 3) if smaller >= MIN_CONTAINED else 0.0


def dates_compatible(a: Event, b: Event) -> tuple[bool, str]:
    """Same happening dates: equal, one inside the other (2024-03-03 in 2024-W09), or a day apart
    when either date is only the publication date (reports of one happening appear on consecutive
    days)."""
    return _dates_compatible(a.date, b.date, "publication" in (a.date_source, b.date_source))


# a corpus has far fewer pairs of dates than pairs of mentions to compare
@lru_cache(maxsize=1 << 16)
def _dates_compatible(a: str | None, b: str | None, loose: bool) -> tuple[bool, str]:
    """``loose``: either date is only a publication date."""
    if a is None or b is None:
        if a == b:
            return True, "both undated"
        return True, "one undated"
    if a == b:
        return True, f"same date {a}"
    if _contains(a, b) or _contains(b, a):
        return True, f"dates {a} and {b} overlap"
    da, db = _day(a), _day(b)
    if loose and da and db and abs((da - db).days) <= 1:
        return True, f"publication dates {a} and {b} a day apart"
    return False, f"dates {a} and {b} differ"


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


def _clusters(
    keys: list[str], decisions: list[Decision], by_key: dict[str, Event]
) -> Iterator[list[str]]:
    """The mentions' clusters, each sorted, in the order of their smallest key (keys: sorted).
    Only the mentions of a merged decision enter the union-find; every other one is a cluster of
    its own."""
    parent: dict[str, str] = {}
    articles: dict[str, set[str]] = {}  # per root: the articles of the cluster
    strong: dict[str, bool] = {}  # per root: the cluster holds an event of its own

    def root(k: str) -> str:
        if k not in parent:
            parent[k] = k
            articles[k] = {by_key[k].sources[0].article}
            strong[k] = not is_weak(by_key[k])
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
        low, high = sorted((ra, rb))  # the root stays the smallest key of its cluster
        parent[high] = low
        articles[low] |= articles.pop(high)
        strong[low] = strong.pop(high) or strong[low]
    groups: dict[str, list[str]] = defaultdict(list)
    for k in sorted(parent):
        groups[root(k)].append(k)
    for k in keys:
        if k not in parent:
            yield [k]
        elif k in groups:  # k is a root: its cluster's smallest key
            yield groups.pop(k)


def _combine(members: list[Event], first_key: str) -> Event:
    """One event from its mentions: the most confident mention that is not weak speaks for it; every
    source is listed, a weak mention's too."""
    # most events: the mention itself, when it has the id already (it usually does)
    if len(members) == 1:
        new_id = event_id(first_key)
        return members[0] if members[0].id == new_id else with_field(members[0], "id", new_id)
    speakers = [m for m in members if not is_weak(m)]
    # the best-dated mention speaks; among equals the first report (a repeat is later copy)
    lead = sorted(
        speakers,
        key=lambda m: (-_date_rank(m), _report_day(m), -m.confidence, m.sources[0].article),
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


def _report_day(m: Event) -> str:
    """For a mention dated by its publication only: that day, so the first report leads."""
    return m.date or "" if m.date_source == "publication" else ""


def _date_rank(m: Event) -> int:
    return {"explicit": 3, "inferred": 2, "publication": 1}.get(m.date_source, 0) if m.date else 0


def _union(groups) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    out: list[str] = []
    for group in groups:
        out.extend(x for x in group if x not in out)
    return tuple(out)


_EVENT_FIELDS = tuple(f.name for f in fields(Event))
_event_values = attrgetter(*_EVENT_FIELDS)


def with_field(event: Event, name: str, value: object) -> Event:
    """``dataclasses.replace(event, **{name: value})`` at half the cost (replace inspects every
    field on every call): a million events go through here at 100,000 articles."""
    values = list(_event_values(event))
    values[_EVENT_FIELDS.index(name)] = value
    return Event(*values)
