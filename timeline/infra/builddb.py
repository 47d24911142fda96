"""The build database: one SQLite file, ``<cache dir>/build.sqlite``, holds everything a build keeps
for the next one (Lektor's build state):

    articles        ingest/cache.py       each article as read, by path and file stamp
    mentions        events/mention_cache.py  each article's mentions and content words
    meta, article, mention, word, posting, decision, dayref, event
                    incremental/state.py  the last build's merge, salience and ids
    pages, splice, site_state
                    render/               the site's pages, fragments and big files' orders

Everything in it is a shortcut: a file that is damaged, truncated, from another version or missing
is said so in one line (``check``) and made again; nothing of data/events.yaml depends on it.

Every part opens its own connection (write-ahead log: readers never wait for the one writer) and
commits in its own transactions; the parts of one build write one after the other.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Self

NAME = "build.sqlite"
# the schema of every part together: a file written under another number is made again
VERSION = 1
# the files of the four databases older versions kept
LEGACY = ("articles.sqlite", "mentions.sqlite", "state.sqlite", "render.sqlite")
WAIT_S = 30.0  # a writer of another part of the same build finishing its transaction


def build_db_file(cache_dir: Path) -> Path:
    return cache_dir / NAME


def in_chunks(values: Sequence[str], size: int = 500) -> Iterator[tuple[list[str], str]]:
    """``values`` in chunks with the ``?, ?, …`` list each needs in an ``IN (…)``: SQLite limits
    the parameters of one statement."""
    for start in range(0, len(values), size):
        chunk = list(values[start : start + size])
        yield chunk, ",".join("?" * len(chunk))


def check(cache_dir: Path) -> str | None:
    """Open the build database once before a build reads it: one that cannot be used is removed
    (with the files of older versions) and the reason returned, for one line of the build's
    report; None when it is usable or there is none yet."""
    for name in LEGACY:
        for suffix in ("", "-wal", "-shm", "-journal"):
            (cache_dir / f"{name}{suffix}").unlink(missing_ok=True)
    file = build_db_file(cache_dir)
    if not file.exists():
        return None
    # pages only in the log of a build killed mid-write are no truncation (SQLite recovers them)
    logged = Path(f"{file}-wal").exists()
    try:
        db = _connect(file)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            db.execute("SELECT name FROM sqlite_master").fetchall()
            pages = db.execute("PRAGMA page_count").fetchone()[0]
            size = pages * db.execute("PRAGMA page_size").fetchone()[0]
        finally:
            db.close()
        if not logged and file.stat().st_size < size:
            raise sqlite3.DatabaseError(f"{file.stat().st_size:,} of its {size:,} bytes")
    except (sqlite3.DatabaseError, OSError) as exc:
        remove(cache_dir)
        return f"{file}: damaged ({exc}); everything it kept is made again"
    if version != VERSION:
        remove(cache_dir)
        return f"{file}: written by another version; everything it kept is made again"
    return None


def remove(cache_dir: Path) -> None:
    file = build_db_file(cache_dir)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{file}{suffix}").unlink(missing_ok=True)


def connect(cache_dir: Path, schema: str = "") -> sqlite3.Connection:
    """A connection to the build database (made, with the folder, when missing), ``schema`` run;
    a damaged file is removed and made again (a cache is never an error)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    file = build_db_file(cache_dir)
    try:
        return _prepared(file, schema)
    except sqlite3.DatabaseError:
        remove(cache_dir)
        return _prepared(file, schema)


def _prepared(file: Path, schema: str) -> sqlite3.Connection:
    db = _connect(file)
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] == 0:
            db.execute(f"PRAGMA user_version = {VERSION}")
        if schema:
            db.executescript(schema)
    except BaseException:
        db.close()
        raise
    return db


def _connect(file: Path) -> sqlite3.Connection:
    db = sqlite3.connect(file, timeout=WAIT_S)
    db.execute("PRAGMA journal_mode=WAL")  # readers never wait for the one writer
    # a lost last commit after a power cut only costs work done again
    db.execute("PRAGMA synchronous=NORMAL")
    return db


class CacheDb:
    """Lazy connection, batched commits and close for one part of the build database; subclasses
    give the schema."""

    schema = ""
    commit_every = 256  # rows between commits: what a killed build can lose at most

    def __init__(self, cache_dir: Path) -> None:
        self.cache_dir = cache_dir
        self._db: sqlite3.Connection | None = None
        self._pending = 0

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = connect(self.cache_dir, self.schema)
        return self._db

    def _wrote_row(self) -> None:
        self._pending += 1
        if self._pending >= self.commit_every:
            self.commit()

    def commit(self) -> None:
        if self._db is not None:
            self._db.commit()
            self._pending = 0

    def close(self) -> None:
        if self._db is not None:
            self.commit()
            self._db.close()
            self._db = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
