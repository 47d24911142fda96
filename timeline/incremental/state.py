"""What a build keeps so that the next one can redo only what a few changed articles touch.

Tables of the build database (infra/builddb.py), written whole at the end of a full build (dropped
and made again in one transaction) and updated in one transaction by an incremental one:

    meta       fingerprint of the code, stamps of the events file and snapshot as written, inputs
               digest
    article    every article read: its file stamp, content hash, outlet
    mention    every mention key → its article and its merge component (the smallest key of the set
               of mentions linked by merged decisions: clusters never reach beyond one)
    word       how many mentions hold each content word (a word's rarity decides whether it counts)
    posting    rare word → mentions holding it (only words in at most MAX_POSTING mentions)
    decision   the merged decisions, per component
    dayref     per day and article: the date evidence salience counts (referred to later / the same
               day / published that day)
    event      every event of the events file → its component, day, precision, the evidence of its
               salience other than the day's score, and whether the file holds it exactly as the
               machine made it (``plain``: anything a person touched is left to a full build)
    layout     where each entry sits in the events file and in the snapshot (store/layout.py): a
               file of its own beside the state, named in meta (rewritten whole on every build: as a
               row it cost 0.1 s)

The state is only a shortcut: a missing, damaged or stale state means a full build, never an error.
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from ..errors import NotIncremental
from ..infra.atomic import identity_or_none, write_atomic
from ..infra.builddb import build_db_file, connect, in_chunks
from ..models import Article
from ..store.layout import Layout

VERSION = "4"  # 4: the inputs digest lives here only, no longer in the snapshot
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS article (path TEXT PRIMARY KEY, stamp TEXT, sha256 TEXT NOT NULL,
                                     outlet TEXT);
CREATE TABLE IF NOT EXISTS mention (key TEXT PRIMARY KEY, article TEXT NOT NULL,
                                    comp TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS word (word TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS posting (word TEXT NOT NULL, key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS decision (comp TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL,
                                     similarity REAL NOT NULL);
CREATE TABLE IF NOT EXISTS dayref (day TEXT NOT NULL, article TEXT NOT NULL, later INTEGER,
                                   same INTEGER NOT NULL, published INTEGER NOT NULL,
                                   PRIMARY KEY (day, article));
CREATE TABLE IF NOT EXISTS event (id TEXT PRIMARY KEY, comp TEXT, day TEXT, precision TEXT,
                                  support REAL, outlets REAL, position REAL, agreement REAL,
                                  plain INTEGER NOT NULL);
"""
# created after the rows are in: building an index once is faster than keeping it up to date row by
# row
INDEXES = """
CREATE INDEX IF NOT EXISTS mention_article ON mention (article);
CREATE INDEX IF NOT EXISTS mention_comp ON mention (comp);
CREATE INDEX IF NOT EXISTS posting_word ON posting (word);
CREATE INDEX IF NOT EXISTS decision_comp ON decision (comp);
CREATE INDEX IF NOT EXISTS dayref_article ON dayref (article);
CREATE INDEX IF NOT EXISTS event_comp ON event (comp);
CREATE INDEX IF NOT EXISTS event_day ON event (day);
"""


TABLES = ("meta", "article", "mention", "word", "posting", "decision", "dayref", "event")


def state_file(cache_dir: Path) -> Path:
    """The file the state lives in (with the rest of the build database)."""
    return build_db_file(cache_dir)


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


@dataclass
class EventRow:
    id: str
    comp: str | None
    day: str | None
    precision: str | None
    # support, outlets, position, agreement (salience.EVIDENCE[1:])
    evidence: tuple[float, float, float, float]
    plain: bool


def write_state(
    file: Path,
    meta: dict[str, str],
    articles: Iterable[tuple[str, str | None, str, str | None]],
    mentions: Iterable[tuple[str, str, str]],
    words: Iterable[tuple[str, int]],
    postings: Iterable[tuple[str, str]],
    decisions: Iterable[tuple[str, str, str, float]],
    dayrefs: Iterable[tuple[str, str, int | None, int, int]],
    events: Iterable[EventRow],
    layouts: dict[str, Layout],
) -> None:
    """The whole state, its tables dropped and made again in one transaction (a build killed
    half-way leaves the old state, whose stamps no longer match the files: the next build is a full
    one)."""
    with closing(connect(file.parent)) as db:
        db.execute("BEGIN")
        for table in TABLES:
            db.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in _statements(SCHEMA):
            db.execute(statement)
        db.executemany(
            "INSERT INTO meta VALUES (?, ?)", sorted({**meta, "version": VERSION}.items())
        )
        db.executemany("INSERT INTO article VALUES (?, ?, ?, ?)", articles)
        db.executemany("INSERT INTO mention VALUES (?, ?, ?)", mentions)
        db.executemany("INSERT INTO word VALUES (?, ?)", words)
        db.executemany("INSERT INTO posting VALUES (?, ?)", postings)
        db.executemany("INSERT INTO decision VALUES (?, ?, ?, ?)", decisions)
        db.executemany("INSERT OR REPLACE INTO dayref VALUES (?, ?, ?, ?, ?)", dayrefs)
        db.executemany(
            "INSERT INTO event VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", _event_tuples(events)
        )
        for statement in _statements(INDEXES):
            db.execute(statement)
        for name, layout in layouts.items():
            save_layout(db, file.parent, name, layout)
        db.commit()
    drop_stale_layouts(file.parent)


def _event_tuples(events: Iterable[EventRow]) -> Iterator[tuple[object, ...]]:
    for e in events:
        yield (e.id, e.comp, e.day, e.precision, *e.evidence, int(e.plain))


def save_layout(db: sqlite3.Connection, folder: Path, name: str, layout: Layout) -> None:
    """Write the layout to a new file and name it in meta (within the caller's transaction)."""
    target = folder / f"state-{name}-{secrets.token_hex(8)}.layout"
    write_atomic(target, layout.to_bytes())  # synced before the transaction that names it commits
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"layout_{name}", target.name))


def drop_stale_layouts(folder: Path) -> None:
    """Remove the layout files the state no longer names (after its transaction is committed)."""
    state = State.open(folder)
    named = set(state.meta.values()) if state is not None else set()
    if state is not None:
        state.close()
    for path in folder.glob("state-*.layout"):
        if path.name not in named:
            path.unlink(missing_ok=True)


def recorded_inputs(cache_dir: Path, snapshot_file: Path) -> str | None:
    """The digest of the articles and code the snapshot was made from, as the last build recorded
    it; None when the state cannot vouch for the snapshot (no state, or the file changed since)."""
    state = State.open(cache_dir)
    if state is None:
        return None
    meta = state.meta
    state.close()
    if meta.get("snapshot_stamp") != identity_or_none(snapshot_file):
        return None
    return meta.get("inputs") or None


# update.state_meta's keys, for a reader
_DEPENDS_ON = {
    "fingerprint": "extractor (its code, language data or doc_type)",
    "content": "content folder",
    "max_bytes": "size limit",
    "data": "events file's path",
}


def why_extracted(cache_dir: Path, articles: list[Article], meta: dict[str, str]) -> dict[str, str]:
    """path → why each of these articles was extracted again, against the last build's record
    (``meta``: what the machine output depends on now, update.state_meta)."""
    state = State.open(cache_dir)
    if state is None:
        return {a.path: "extracted: no record of a last build" for a in articles}
    try:
        known = state.article_hashes(a.path for a in articles)
        changed = [k for k, v in meta.items() if state.meta.get(k) != v]
    finally:
        state.close()
    what = " and ".join(_DEPENDS_ON.get(k, k) for k in changed)
    same = f"extracted again: the {what} changed" if changed else "extracted again: not cached"
    return {
        a.path: "new" if a.path not in known else ("changed" if known[a.path] != a.sha256 else same)
        for a in articles
    }


def forget_state(cache_dir: Path) -> None:
    """A full build that cannot record its state (or a change made outside the state) removes the
    old one."""
    if state_file(cache_dir).is_file():
        try:
            with closing(connect(cache_dir)) as db, db:
                for table in TABLES:
                    db.execute(f"DROP TABLE IF EXISTS {table}")
        except sqlite3.DatabaseError:
            pass  # an unreadable build database holds no state either
    for path in cache_dir.glob("state-*.layout"):
        path.unlink(missing_ok=True)


class State:
    """An open state file, read and updated by an incremental build."""

    def __init__(self, db: sqlite3.Connection, meta: dict[str, str], folder: Path) -> None:
        self.db, self.meta, self.folder = db, meta, folder

    @classmethod
    def open(cls, cache_dir: Path) -> State | None:
        """The record of the last build, or None without a usable one."""
        try:
            return cls.load(cache_dir)
        except NotIncremental:
            return None

    @classmethod
    def load(cls, cache_dir: Path) -> State:
        """The record of the last build; NotIncremental says why there is none to use."""
        file = state_file(cache_dir)
        if not file.is_file():
            raise NotIncremental(f"no record of a last build in {cache_dir}")
        try:
            # a commit appends to the write-ahead log without waiting for the disk: a state lost in
            # a power cut only costs a full build (its stamps no longer match), and each incremental
            # one commits once
            db = connect(cache_dir)
            db.isolation_level = "DEFERRED"
            if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
                db.close()
                raise NotIncremental(f"no record of a last build in {cache_dir}")
            meta = dict(db.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as exc:
            raise NotIncremental(f"{file} cannot be read ({exc}): it is made again") from None
        if meta.get("version") != VERSION:
            db.close()
            raise NotIncremental(f"{file} was written by another version")
        return cls(db, meta, cache_dir)

    def close(self) -> None:
        self.db.close()

    def articles(self) -> dict[str, tuple[str | None, str, str | None]]:
        """path → (file stamp, content hash, outlet)."""
        return {
            p: (st, sha, outlet)
            for p, st, sha, outlet in self.db.execute(
                "SELECT path, stamp, sha256, outlet FROM article"
            )
        }

    def article_hashes(self, paths: Iterable[str]) -> dict[str, str]:
        """path → content hash of these articles."""
        return self._pairs("SELECT path, sha256 FROM article WHERE path IN ({})", list(paths))

    def mention_keys(self, articles: Iterable[str]) -> dict[str, str]:
        """key → component of every mention of these articles."""
        return self._pairs("SELECT key, comp FROM mention WHERE article IN ({})", list(articles))

    def members(self, comps: Iterable[str]) -> dict[str, str]:
        """key → article of every mention in these components."""
        return self._pairs("SELECT key, article FROM mention WHERE comp IN ({})", list(comps))

    def comps_of(self, keys: Iterable[str]) -> dict[str, str]:
        return self._pairs("SELECT key, comp FROM mention WHERE key IN ({})", list(keys))

    def word_counts(self, words: Iterable[str]) -> dict[str, int]:
        return self._pairs("SELECT word, n FROM word WHERE word IN ({})", list(words))

    def postings(self, words: Iterable[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for chunk, marks in in_chunks(sorted(set(words))):
            for word, key in self.db.execute(
                f"SELECT word, key FROM posting WHERE word IN ({marks})", chunk
            ):
                found.setdefault(word, []).append(key)
        return found

    def decisions(self, comps: Iterable[str]) -> list[tuple[str, str, float]]:
        out: list[tuple[str, str, float]] = []
        for chunk, marks in in_chunks(sorted(set(comps))):
            out += self.db.execute(
                f"SELECT a, b, similarity FROM decision WHERE comp IN ({marks})", chunk
            )
        return out

    def dayrefs(self, days: Iterable[str]) -> list[tuple[str, str, int | None, int, int]]:
        out: list[tuple[str, str, int | None, int, int]] = []
        for chunk, marks in in_chunks(sorted(set(days))):
            out += self.db.execute(
                f"SELECT day, article, later, same, published FROM dayref WHERE day IN "
                f"({marks}) ORDER BY day, article",
                chunk,
            )
        return out

    def days_of_articles(self, articles: Iterable[str]) -> set[str]:
        return set(
            self._pairs("SELECT day, article FROM dayref WHERE article IN ({})", list(articles))
        )

    def events_where(self, column: str, values: Iterable[str]) -> list[EventRow]:
        assert column in ("comp", "day", "id")
        out = []
        for chunk, marks in in_chunks(sorted(set(values))):
            for row in self.db.execute(
                f"SELECT id, comp, day, precision, support, outlets, position, agreement, plain "
                f"FROM event WHERE {column} IN ({marks})",
                chunk,
            ):
                out.append(
                    EventRow(
                        row[0],
                        row[1],
                        row[2],
                        row[3],
                        (row[4], row[5], row[6], row[7]),
                        bool(row[8]),
                    )
                )
        return out

    def layout(self, name: str) -> Layout | None:
        file = self.meta.get(f"layout_{name}")
        try:
            return Layout.from_bytes((self.folder / file).read_bytes()) if file else None
        except (OSError, ValueError, TypeError, EOFError):
            return None

    def _pairs(self, sql: str, values: list[str]) -> dict:  # type: ignore[type-arg]
        out: dict = {}  # type: ignore[type-arg]
        for chunk, marks in in_chunks(sorted(set(values))):
            out.update(self.db.execute(sql.format(marks), chunk))
        return out
