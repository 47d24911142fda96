"""A rebuild after a few articles changed, in time proportional to what they touch.

A full build merges every mention, scores every event, reconciles and writes them all: at 10,000
articles, 115,000 events, about 30 s even when one article was added. Every one of those steps is
local, though:

* merging: a mention can only join mentions it shares rare words with (``events/merge.py``), and a
  cluster never reaches beyond the mentions linked by merged decisions (its *component*). The new
  mentions are compared with the stored postings of their rare words; the components they link to,
  and those of the removed mentions, are merged again from their mentions and decisions
  (``merge_region``), nothing else;
* salience depends on the event's own evidence and on its day's date score (``events/salience.py``,
  with no corpus-wide maximum): the events of the region, and those on days the changed articles
  refer to, are scored again;
* ids and corrections (``store/reconcile.py``): a new event can only take the id of an old event it
  shares sources with, i.e. one of the region;
* the files: events.yaml and its snapshot are written from byte ranges of their old selves plus the
  new entries (``store/layout.py``).

The result is the same, byte for byte, as a full build's (tests/test_incremental.py compares them on
random changes). Whenever that cannot be promised cheaply the answer is None and the caller runs a
full build: no state or a stale one (code, configuration, the events file or the snapshot changed
since the state was written, e.g. a person's edit), too many changed articles, a word crossing the
rarity limit (which changes candidate pairs everywhere), entries in the region a person touched or
added, a damaged cache entry.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import defaultdict
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .. import ingest
from ..config import Config
from ..errors import ContentError, NotIncremental
from ..events.ids import article_of_key, source_key
from ..events.mention_cache import (
    MentionCache,
    inputs_digest_of,
    machine_fingerprint,
    with_doc_type,
)
from ..events.merge import MergeChange, RegionMerge, remerge, with_field
from ..events.per_article import article_work
from ..events.salience import day_evidence, day_of, evidence, references_of, salience_of
from ..infra.atomic import identity_or_none
from ..infra.builddb import in_chunks
from ..ingest.cache import ArticleCache
from ..models import Article, Event
from ..report import Reporter
from ..store import commit
from ..store.layout import Layout, read_entries, rewrite
from ..store.reconcile import as_written, stable_ids
from ..store.yaml_store import (
    SNAPSHOT_SEP,
    entry_yaml,
    event_from_dict,
    event_sort_key,
    event_to_dict,
    events_header,
    rounded,
    snapshot_head,
    snapshot_line,
    snapshot_path,
    snapshot_tail,
)
from .record import component_map, day_rows, evidence_from_rows
from .state import EventRow, State, drop_stale_layouts, save_layout

MAX_CHANGED = 50  # changed articles: more than this and a full build is about as fast

# the last build's articles: path → (stamp, sha256, outlet)
Known = dict[str, tuple[str | None, str, str | None]]
# a day's evidence from one article (incremental/record.py)
DayRow = tuple[str, str, int | None, int, int]
# an article's mentions and their content words
Found = tuple[Article, list[Event], list[Collection[str]]]


@dataclass
class Delta:
    """What an incremental rebuild changed: for the report and for the render."""

    articles_changed: list[Article] = field(default_factory=list)
    articles_removed: list[str] = field(default_factory=list)
    removed: set[str] = field(default_factory=set)  # ids gone from the events file
    # entries new or changed, as the file holds them
    upserted: list[Event] = field(default_factory=list)
    new: int = 0
    dropped: int = 0
    # where each line of the new snapshot sits (for the render's lookups)
    snapshot_layout: Layout | None = None
    extracted: int = 0
    article_count: int = 0
    events_count: int = 0


@dataclass(frozen=True)
class Change:
    """The articles a rebuild takes in, against the last build's record of them."""

    known: Known
    added: list[Article]  # new or changed articles, read
    # paths whose mentions leave: deleted, unreadable, or changed (their old version)
    gone: list[str]
    vanished: list[str]  # paths no longer in content/ (or no longer readable)
    stamps: dict[str, str | None]  # path → file stamp of every article read

    def outlets(self) -> dict[str, str]:
        """path → outlet of every article after the change."""
        vanished = set(self.vanished)
        out = {p: o for p, (_, _, o) in self.known.items() if o and p not in vanished}
        return out | {a.path: a.source for a in self.added if a.source}

    def hashes(self) -> dict[str, str | None]:
        """path → content hash of every article after the change."""
        vanished = set(self.vanished)
        out: dict[str, str | None] = {
            p: sha for p, (_, sha, _) in self.known.items() if p not in vanished
        }
        return out | {a.path: a.sha256 for a in self.added}


@dataclass(frozen=True)
class Scored:
    """The region's events with their salience, and the days whose date scores the change moved."""

    events: list[Event]
    # events/salience.evidence of each event
    evidence: list[tuple[float, float, float, float, float]]
    day_rows: list[DayRow]  # the new articles' day evidence
    days: set[str]  # the days the change touches
    scores: dict[str, float]  # day → its date score after the change


@dataclass(frozen=True)
class RegionReconciled:
    """The region's events with the ids of the old ones, and the entries outside it re-scored."""

    events: list[Event]
    old_rows: list[EventRow]
    old_events: list[Event]
    rescored: list[Event]


@dataclass(frozen=True)
class Written:
    """Where the entries sit in the files written, and the inputs digest the build state now
    carries."""

    events: Layout
    snapshot: Layout
    inputs: str


def state_meta(cfg: Config) -> dict[str, str]:
    """What the machine output depends on besides the articles: a state recorded under other
    values is stale."""
    return {
        "fingerprint": with_doc_type(machine_fingerprint(), cfg.doc_type),
        "content": str(cfg.content.resolve()),
        "max_bytes": str(cfg.max_bytes),
        "data": str(cfg.data.resolve()),
    }


def rebuild(cfg: Config, reporter: Reporter) -> Delta | None:
    """Bring data/events.yaml (and its snapshot) up to date with content/ incrementally; None:
    run a full build."""
    try:
        state = State.load(cfg.cache_dir)
    except NotIncremental as why:
        _full_build(reporter, why)
        return None
    try:
        return _Rebuild(cfg, reporter, state).run()
    except NotIncremental as why:
        _full_build(reporter, why)
        return None
    finally:
        state.close()


def _full_build(reporter: Reporter, why: NotIncremental) -> None:
    reporter.progress(f"full build: {why}")
    reporter.explain(f"events: every article merged, scored and written again: {why}")


class _Rebuild:
    """The stages of a full build, each on what the change reaches: read → extract → merge →
    salience → ids and corrections → the pair written → the state recorded."""

    def __init__(self, cfg: Config, reporter: Reporter, state: State) -> None:
        self.cfg, self.reporter, self.state = cfg, reporter, state
        self.snapshot_file = snapshot_path(cfg.data)
        self.layouts: dict[str, Layout] = {}  # read from the state once

    def run(self) -> Delta:
        self._check_state()
        change = self._change()
        delta = Delta(articles_changed=change.added, articles_removed=change.vanished)
        if not change.added and not change.gone:
            self._save_stamps(change.stamps)
            return self._counted(delta, change, None)
        with MentionCache(self.cfg.cache_dir, doc_type=self.cfg.doc_type) as cache:
            mentions = _CachedMentions(cache, change.known)
            found = _extract(cache, change.added, delta)
            merge_change = self._merge_change(mentions, change, found)
            region = remerge(merge_change, self.state, mentions.load)
        scored = self._score(change, found, region.events)
        reconciled = self._reconcile(scored, region.comps)
        written = self._write(reconciled, delta, change)
        self._save(change, merge_change, region, scored, reconciled, written)
        return self._counted(delta, change, written)

    # --- conditions -------------------------------------------------------------------------------

    def _check_state(self) -> None:
        meta = self.state.meta
        if any(meta.get(k) != v for k, v in state_meta(self.cfg).items()):
            raise NotIncremental("the code or the configuration changed since the last build")
        if identity_or_none(self.cfg.data) != meta.get("events_stamp") or identity_or_none(
            self.snapshot_file
        ) != meta.get("snapshot_stamp"):
            raise NotIncremental(f"{self.cfg.data} or its snapshot changed since the last build")
        if meta.get("manual") != "0":
            raise NotIncremental(f"{self.cfg.data} holds entries added by hand")

    # --- the stages -------------------------------------------------------------------------------

    def _change(self) -> Change:
        known = self.state.articles()
        read, stamps, removed, failed = self._changed_articles(known)
        added = [a for a in read if known.get(a.path, (None, None, None))[1] != a.sha256]
        vanished = set(removed) | set(failed) & known.keys()  # deleted, or no longer readable
        gone = sorted(vanished | {a.path for a in added if a.path in known})
        return Change(known, added, gone, sorted(vanished), stamps)

    def _changed_articles(
        self, known: Known
    ) -> tuple[list[Article], dict[str, str | None], list[str], list[str]]:
        """The articles whose files changed (read), their stamps, the paths gone and those that
        failed to read."""
        try:
            names = ingest.article_names(self.cfg.content)
        except ContentError as exc:
            raise NotIncremental(str(exc)) from exc
        base = str(self.cfg.content)
        with ArticleCache(self.cfg.cache_dir) as articles:
            todo = [
                rel
                for rel in names
                if (old := known.get(rel)) is None
                or old[0] is None
                or old[0] != articles.current_stamp(os.path.join(base, rel))
            ]
            removed = sorted(known.keys() - set(names))
            if len(todo) + len(removed) > MAX_CHANGED:
                raise NotIncremental(f"{len(todo) + len(removed)} articles changed")
            paths = [self.cfg.content / rel for rel in todo]
            read = list(
                ingest.read_articles(
                    self.cfg.content,
                    self.reporter,
                    self.cfg.max_bytes,
                    articles,
                    paths=paths,
                    doc_type=self.cfg.doc_type,
                )
            )
            articles.commit()
            # a file too new to trust has none: it is read again next time
            recorded = articles.stamps(todo)
        stamps = {a.path: recorded.get(a.path) for a in read}
        got = {a.path for a in read}
        return read, stamps, removed, [p for p in todo if p not in got]

    def _merge_change(
        self, mentions: _CachedMentions, change: Change, found: list[Found]
    ) -> MergeChange:
        removed = self.state.mention_keys(change.gone)  # key → component
        added = {
            _key(m): (m, w)
            for _, events, words in found
            for m, w in zip(events, words, strict=True)
        }
        return MergeChange(added, removed, mentions.words_of_articles(change.gone, set(removed)))

    def _score(self, change: Change, found: list[Found], machine: list[Event]) -> Scored:
        """Salience (events/salience.py) of the region's events: their own evidence and their
        days' scores."""
        scores, new_rows, days = self._day_scores(change.gone, found, machine)
        outlets = change.outlets()
        found_evidence = [evidence(e, scores, outlets) for e in machine]
        scored = [
            with_salience(e, salience_of(e.precision, ev))
            for e, ev in zip(machine, found_evidence, strict=True)
        ]
        return Scored(scored, found_evidence, new_rows, days, scores)

    def _day_scores(
        self, gone: list[str], found: list[Found], machine: list[Event]
    ) -> tuple[dict[str, float], list[DayRow], set[str]]:
        """Date scores of the days the change touches and of the region's days; the new articles'
        day rows; the days whose evidence changed."""
        new_rows = list(
            day_rows(day_evidence(references_of(m for _, events, _ in found for m in events)))
        )
        changed_days = self.state.days_of_articles(gone) | {r[0] for r in new_rows}
        wanted = changed_days | {d for d in (day_of(e.date) for e in machine) if d}
        gone_set = set(gone)
        rows: dict[str, list[DayRow]] = defaultdict(list)
        for row in self.state.dayrefs(wanted):
            if row[1] not in gone_set:
                rows[row[0]].append(row)
        for row in new_rows:
            rows[row[0]].append(row)
        scores = {
            day: evidence_from_rows(sorted(found, key=lambda r: r[1])).score()
            for day, found in rows.items()
        }
        return scores, new_rows, changed_days

    def _reconcile(self, scored: Scored, comps: frozenset[str]) -> RegionReconciled:
        """Ids and corrections (store/reconcile.py): a new event can only take the id of an old
        event it shares sources with, one of the region's components; one a person edited needs
        the full reconcile."""
        old_rows = self.state.events_where("comp", comps)
        if any(not r.plain for r in old_rows):
            raise NotIncremental("a person edited an event the change touches")
        old_ids = {r.id for r in old_rows}
        old_events = self._load_events([r.id for r in old_rows])
        events = self._stable(scored.events, old_events, old_ids)
        return RegionReconciled(
            events, old_rows, old_events, self._rescored(scored.days, scored.scores, old_ids)
        )

    def _stable(
        self, machine: list[Event], old_events: list[Event], old_ids: set[str]
    ) -> list[Event]:
        """stable_ids within the region; the ids of the events outside it are taken (a fresh id
        equal to one of them gets "-2", as in a full build)."""
        outside = frozenset(
            r.id
            for r in self.state.events_where("id", [e.id for e in machine if e.id not in old_ids])
        )
        renamed = stable_ids(machine, sorted(old_events, key=event_sort_key), outside - old_ids)
        if self.state.events_where("id", [e.id for e in renamed if e.id not in old_ids]):
            raise NotIncremental("an id clash the region cannot settle")
        return renamed

    def _rescored(self, days: set[str], scores: dict[str, float], region: set[str]) -> list[Event]:
        """Events outside the region on a day whose date score changed, with their new salience
        (changed only)."""
        rows = [r for r in self.state.events_where("day", days) if r.id not in region]
        changed = [
            (r, salience_of(r.precision, (scores.get(r.day or "", 0.0), *r.evidence))) for r in rows
        ]
        if not changed:
            return []
        events = {e.id: e for e in self._load_events([r.id for r, _ in changed])}
        out = []
        for row, value in changed:
            old = events[row.id]
            if rounded(old.salience) == rounded(value):
                continue
            if not row.plain:
                raise NotIncremental("a person edited an event whose salience changes")
            out.append(with_salience(old, value))
        return out

    def _load_events(self, ids: list[str]) -> list[Event]:
        """Machine events as the snapshot holds them."""
        return snapshot_events(self.snapshot_file, self._layout("snapshot"), ids) if ids else []

    def _layout(self, name: str) -> Layout:
        cached = self.layouts.get(name)
        if cached is None:
            cached = self.state.layout(name)
            if cached is None or not cached.ids:
                raise NotIncremental("no layout of the files")
            self.layouts[name] = cached
        return cached

    def _write(self, reconciled: RegionReconciled, delta: Delta, change: Change) -> Written:
        machine, old_events = reconciled.events, reconciled.old_events
        old_ids = {e.id for e in old_events}
        now = {e.id for e in machine}
        delta.removed = old_ids - now
        delta.new = len(now - old_ids)
        delta.dropped = len(old_ids - now)
        old_by_id = {e.id: e for e in old_events}
        machine_changed = [
            e
            for e in machine
            if e.id not in old_by_id or event_to_dict(old_by_id[e.id]) != event_to_dict(e)
        ]
        machine_changed += reconciled.rescored
        written = [as_written(e) for e in machine_changed]
        delta.upserted = written
        # entries to take out: those gone and those written anew (an unchanged one keeps its bytes
        # where they are)
        replaced = delta.removed | {e.id for e in machine_changed}
        fingerprint = with_doc_type(machine_fingerprint(), self.cfg.doc_type)
        inputs = inputs_digest_of(fingerprint, change.hashes().items())
        # both at once (copying, syncing and replacing release the GIL), committed as a full build
        # commits them (store/commit.py): the snapshot to its pending name, the events file renamed
        # only once that is complete, the snapshot renamed last; the stamps of a build killed in
        # between no longer match the state, so the next build is a full one and
        # store.commit.recover finishes or undoes this one
        snapshot_lines = [(e.id, e.date, snapshot_line(e)) for e in machine_changed]
        entries = [(e.id, e.date, _entry_text(e)) for e in written]
        snapshot_layout, events_layout = self._layout("snapshot"), self._layout("events")
        build = self._next_id(snapshot_layout, replaced, [line for _, _, line in snapshot_lines])
        with ThreadPoolExecutor(max_workers=2) as pool:
            snapshot = pool.submit(
                rewrite,
                self.snapshot_file,
                snapshot_layout,
                snapshot_head(),
                snapshot_tail(build),
                SNAPSHOT_SEP,
                replaced,
                snapshot_lines,
                self.cfg.data,
                commit.pending_file(self.cfg.data),
            )
            events = pool.submit(
                rewrite,
                self.cfg.data,
                events_layout,
                events_header(build),
                "",
                "",
                replaced,
                entries,
                self.cfg.data,
                before_replace=snapshot.result,
            )
            done = Written(events.result(), snapshot.result(), inputs)
        commit.commit(self.cfg.data)
        delta.snapshot_layout = done.snapshot
        return done

    def _next_id(self, layout: Layout, removed: set[str], added: list[str]) -> str:
        """The pair's id after the change (store/commit.py), from the snapshot's and the lines
        changed."""
        old = commit.snapshot_id(self.snapshot_file)
        if old is None:
            raise NotIncremental("the snapshot carries no build id (an older version wrote it)")
        ids = commit.LineSum(old)
        index = layout.index()
        for raw in read_entries(
            self.snapshot_file, layout, sorted(i for i in removed if i in index)
        ):
            ids.remove(raw)
        for line in added:
            ids.add(line)
        return ids.build

    def _save(
        self,
        change: Change,
        merge: MergeChange,
        region: RegionMerge,
        scored: Scored,
        reconciled: RegionReconciled,
        written: Written,
    ) -> None:
        """The state after the change, in one transaction."""
        db = self.state.db
        comp = component_map(sorted(region.mentions), region.decisions)
        gone, stamps = change.gone, change.stamps
        with db:
            _delete(db, "article", "path", gone)
            db.executemany(
                "INSERT OR REPLACE INTO article VALUES (?, ?, ?, ?)",
                [(a.path, stamps.get(a.path), a.sha256, a.source) for a in change.added],
            )
            db.executemany(
                "UPDATE article SET stamp = ? WHERE path = ?", [(s, p) for p, s in stamps.items()]
            )
            _delete(db, "mention", "key", list(merge.removed))
            # by word: the indexed column
            db.executemany(
                "DELETE FROM posting WHERE word = ? AND key = ?",
                [(w, k) for k, ws in sorted(merge.removed_words.items()) for w in sorted(set(ws))],
            )
            db.executemany(
                "INSERT OR REPLACE INTO mention VALUES (?, ?, ?)",
                [(k, article_of_key(k), comp[k]) for k in sorted(region.mentions)],
            )
            for w, n in sorted(region.word_change.items()):
                if n:
                    db.execute(
                        "INSERT INTO word VALUES (?, ?) ON CONFLICT(word) DO UPDATE SET n = n "
                        "+ excluded.n",
                        (w, n),
                    )
            db.executemany(
                "DELETE FROM word WHERE word = ? AND n <= 0",
                [(w,) for w, n in sorted(region.word_change.items()) if n < 0],
            )
            db.executemany(
                "INSERT INTO posting VALUES (?, ?)",
                [
                    (w, k)
                    for k, (_, ws) in sorted(merge.added.items())
                    for w in sorted(set(ws))
                    if w in region.rare
                ],
            )
            _delete(db, "decision", "comp", sorted(region.comps))
            db.executemany(
                "INSERT INTO decision VALUES (?, ?, ?, ?)",
                [(comp[d.a], d.a, d.b, d.similarity) for d in region.decisions],
            )
            _delete(db, "dayref", "article", gone)
            db.executemany("INSERT OR REPLACE INTO dayref VALUES (?, ?, ?, ?, ?)", scored.day_rows)
            _delete(db, "event", "id", [r.id for r in reconciled.old_rows])
            db.executemany(
                "INSERT INTO event VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (e.id, comp[_key(e)], day_of(e.date), e.precision, *ev[1:], 1)
                    for e, ev in zip(reconciled.events, scored.evidence, strict=True)
                ],
            )
            for name, layout in (("events", written.events), ("snapshot", written.snapshot)):
                save_layout(db, self.state.folder, name, layout)
            db.executemany(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                [
                    ("events_stamp", identity_or_none(self.cfg.data) or ""),
                    ("snapshot_stamp", identity_or_none(self.snapshot_file) or ""),
                    ("inputs", written.inputs),
                ],
            )
        drop_stale_layouts(self.state.folder)

    def _save_stamps(self, stamps: dict[str, str | None]) -> None:
        with self.state.db as db:
            db.executemany(
                "UPDATE article SET stamp = ? WHERE path = ?", [(s, p) for p, s in stamps.items()]
            )

    def _counted(self, delta: Delta, change: Change, written: Written | None) -> Delta:
        paths = (change.known.keys() - set(change.gone)) | {a.path for a in change.added}
        delta.article_count = len(paths)
        layout = written.events if written is not None else self.state.layout("events")
        delta.events_count = len(layout.ids) if layout is not None else 0
        return delta


def _extract(cache: MentionCache, added: list[Article], delta: Delta) -> list[Found]:
    """The new articles' mentions and words: from the mention cache, or extracted
    (events/per_article.py)."""
    out: list[Found] = []
    for article in added:
        entry = cache.entry(article.path, article.sha256 or "")
        if entry is None or any(w is None for w in entry[1]):
            events, words = article_work(article)
            cache.put(article, events, words)
            delta.extracted += 1
            out.append((article, events, list[Collection[str]](words)))
        else:
            out.append((article, entry[0], list(entry[1])))  # type: ignore[arg-type]
    return out


class _CachedMentions:
    """The last build's mentions and their words, read back from the mention cache."""

    def __init__(self, cache: MentionCache, known: Known) -> None:
        self.cache, self.known = cache, known

    def _entry(self, path: str) -> tuple[list[Event], list[Collection[str] | None]]:
        if path not in self.known:
            raise NotIncremental(f"no record of {path}")
        entry = self.cache.entry(path, self.known[path][1])
        if entry is None:
            raise NotIncremental(f"no cached mentions of {path}")
        return entry

    def words_of_articles(self, paths: list[str], keys: set[str]) -> dict[str, Collection[str]]:
        """key → content words of these articles' mentions that are among ``keys``."""
        words: dict[str, Collection[str]] = {}
        for path in paths:
            for m, w in zip(*self._entry(path), strict=True):
                if w is None:
                    raise NotIncremental(f"no cached words of {path}")
                k = _key(m)
                if k in keys:
                    words[k] = w
        return words

    def load(self, keys: dict[str, str]) -> tuple[dict[str, Event], dict[str, Collection[str]]]:
        """The mentions (and words) of these keys (key → article): events/merge.LoadMentions."""
        by_key: dict[str, Event] = {}
        words: dict[str, Collection[str]] = {}
        wanted: dict[str, set[str]] = defaultdict(set)
        for k, article in keys.items():
            wanted[article].add(k)
        for article, ks in sorted(wanted.items()):
            for m, w in zip(*self._entry(article), strict=True):
                k = _key(m)
                if k in ks:
                    if w is None:
                        raise NotIncremental(f"no cached words of {article}")
                    # a repeated key: the last one, as the merge takes it
                    by_key[k], words[k] = m, w
        if len(by_key) != len(keys):
            raise NotIncremental("the mention cache and the state disagree")
        return by_key, words


def snapshot_events(snapshot: Path, layout: Layout, ids: list[str]) -> list[Event]:
    """These events as the snapshot holds them (NotIncremental: one is not there)."""
    try:
        return [event_from_dict(json.loads(raw)) for raw in read_entries(snapshot, layout, ids)]
    except KeyError as missing:
        raise NotIncremental(f"{missing} is not in the snapshot") from None


def _key(mention: Event) -> str:
    """A mention's key (events/merge.py); for a merged event, that of its first source, one of
    its mentions."""
    source = mention.sources[0]
    return source_key(source.article, source.quote)


def with_salience(event: Event, value: float) -> Event:
    return with_field(event, "salience", value)


def _entry_text(event: Event) -> str:
    return entry_yaml(event_to_dict(event))


def _delete(db: sqlite3.Connection, table: str, column: str, values: list[str]) -> None:
    for chunk, marks in in_chunks(values):
        db.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)
