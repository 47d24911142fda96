"""A full build's state (state.py), gathered from what the build made on its way."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..events.ids import article_of_key
from ..events.merge import MAX_POSTING, Decision, MergeIndex
from ..events.salience import DayEvidence, day_of
from ..infra.atomic import identity_or_none
from ..models import Article, Event
from ..store.layout import Layout
from ..store.reconcile import Reconciled
from .state import EventRow, State, drop_stale_layouts, save_layout, write_state


@dataclass
class FullBuild:
    """What a full build hands over: its articles (with the article cache's file stamps), its
    merged events with the merge's index, each day's date evidence and each event's salience
    evidence (same order as ``result.snapshot``), the reconciled result and where each entry went
    in the two files."""

    articles: list[Article]
    stamps: dict[str, str]
    # the merged events before reconciling, ids as the merge gave them (result.snapshot's order)
    machine: list[Event]
    days: dict[str, DayEvidence]
    index: MergeIndex
    evidence: list[tuple[float, float, float, float, float]]
    result: Reconciled
    yaml_layout: Layout
    snapshot_layout: Layout
    meta: dict[str, str]


def record_full_build(file: Path, build: FullBuild, events_file: Path, snapshot_file: Path) -> None:
    comp = components(build.index)
    counts = word_counts(build.index.words)
    machine_ids = {e.id for e in build.result.snapshot}
    meta = {
        **build.meta,
        "events_stamp": identity_or_none(events_file) or "",
        "snapshot_stamp": identity_or_none(snapshot_file) or "",
        "manual": str(sum(1 for e in build.result.events if e.id not in machine_ids)),
    }
    write_state(
        file,
        meta,
        articles=((a.path, build.stamps.get(a.path), a.sha256, a.source) for a in build.articles),
        mentions=((k, article_of_key(k), comp.get(k, k)) for k in build.index.keys),
        words=counts.items(),
        postings=postings(build.index, counts),
        decisions=((comp[d.a], d.a, d.b, d.similarity) for d in build.index.merged),
        dayrefs=day_rows(build.days),
        events=event_rows(
            build.result, build.evidence, [build.index.firsts[e.id] for e in build.machine], comp
        ),
        layouts={"events": build.yaml_layout, "snapshot": build.snapshot_layout},
    )


def components(index: MergeIndex) -> dict[str, str]:
    """key → the smallest key of its set of mentions linked by merged decisions (keys in no
    merged decision are their own component and are left out)."""
    return component_map([], index.merged)


def component_map(keys: Iterable[str], merged: Iterable[Decision]) -> dict[str, str]:
    """Every key (of ``keys`` and of the decisions) → the smallest key of its component."""
    parent: dict[str, str] = {k: k for k in keys}

    def root(k: str) -> str:
        parent.setdefault(k, k)
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for d in merged:
        ra, rb = root(d.a), root(d.b)
        if ra != rb:
            low, high = sorted((ra, rb))
            parent[high] = low
    return {k: root(k) for k in list(parent)}


def word_counts(words: Iterable[Iterable[str]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for w in words:
        counts.update(w)
    return counts


def postings(index: MergeIndex, counts: Counter[str]) -> Iterator[tuple[str, str]]:
    for key, words in zip(index.keys, index.words, strict=True):
        for w in words:
            if counts[w] <= MAX_POSTING:
                yield w, key


def day_rows(days: dict[str, DayEvidence]) -> Iterator[tuple[str, str, int | None, int, int]]:
    """(day, article, days later it referred to the day or None, referred to it on or before,
    published on it)."""
    for day, found in days.items():
        for article in sorted(found.later_refs.keys() | found.same_refs | found.published):
            yield (
                day,
                article,
                found.later_refs.get(article),
                int(article in found.same_refs),
                int(article in found.published),
            )


def evidence_from_rows(rows: Iterable[tuple[str, str, int | None, int, int]]) -> DayEvidence:
    """day_rows of one day, back to its evidence."""
    found = DayEvidence()
    for _, article, later, same, published in rows:
        if later is not None:
            found.later_refs[article] = later
        if same:
            found.same_refs.add(article)
        if published:
            found.published.add(article)
    return found


def event_rows(
    result: Reconciled,
    evidence: list[tuple[float, float, float, float, float]],
    firsts: list[str],
    comp: dict[str, str],
) -> Iterator[EventRow]:
    """A row per entry of the events file; ``evidence`` and ``firsts`` (each event's first
    mention key) are aligned with ``result.snapshot`` (the machine events)."""
    machine = {
        e.id: (e, found, key)
        for e, found, key in zip(result.snapshot, evidence, firsts, strict=True)
    }
    plain = plain_entries(result)
    for event in result.events:
        made = machine.get(event.id)
        if made is None:  # added by hand
            yield EventRow(
                event.id, None, day_of(event.date), event.precision, (0.0, 0.0, 0.0, 0.0), False
            )
            continue
        m, found, key = made
        yield EventRow(
            event.id, comp.get(key, key), day_of(m.date), m.precision, found[1:], event.id in plain
        )


def plain_entries(result: Reconciled) -> set[str]:
    """Ids of the entries the file holds exactly as the machine made them (published as they
    are)."""
    # an event others were merged into by hand is published with their sources: not as the machine
    # made it
    targets = {
        e.extra["merged_into"]
        for e in result.events
        if e.extra and isinstance(e.extra.get("merged_into"), str)
    }
    return result.plain - targets


def refresh_state(
    cache_dir: Path,
    meta: dict[str, str],
    result: Reconciled,
    yaml_layout: Layout,
    snapshot_layout: Layout,
    events_file: Path,
    snapshot_file: Path,
) -> bool:
    """After a full build of the very articles and code the state was recorded for (a person
    edited the events file; the machine output is the snapshot's), bring the state's view of the
    file up to date: which entries are plain, the entries added by hand, the layouts, the stamps.
    False: the state does not fit (forget it)."""
    state = State.open(cache_dir)
    if state is None:
        return False
    try:
        if any(state.meta.get(k) != v for k, v in meta.items()):
            return False
        plain = plain_entries(result)
        machine = {e.id for e in result.snapshot}
        stored = dict(state.db.execute("SELECT id, plain FROM event"))
        written = {e.id: e for e in result.events}
        if not machine <= stored.keys():
            return False
        with state.db as db:
            db.executemany(
                "UPDATE event SET plain = ? WHERE id = ?",
                [(int(i in plain), i) for i in sorted(machine) if bool(stored[i]) != (i in plain)],
            )
            db.executemany(
                "DELETE FROM event WHERE id = ?", [(i,) for i in sorted(stored.keys() - machine)]
            )
            db.executemany(
                "INSERT INTO event VALUES (?, NULL, ?, ?, 0, 0, 0, 0, 0)",
                [
                    (i, day_of(written[i].date), written[i].precision)
                    for i in sorted(written.keys() - machine)
                ],
            )
            for name, layout in (("events", yaml_layout), ("snapshot", snapshot_layout)):
                save_layout(db, state.folder, name, layout)
            db.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [
                    ("events_stamp", identity_or_none(events_file) or ""),
                    ("snapshot_stamp", identity_or_none(snapshot_file) or ""),
                    ("manual", str(len(written.keys() - machine))),
                ],
            )
        drop_stale_layouts(state.folder)
        return True
    finally:
        state.close()
