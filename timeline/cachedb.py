"""The SQLite file behind each build cache (articles read, mentions extracted).

A cache is only ever a shortcut: a damaged or unreadable file is deleted and started afresh,
never reported as an error."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Self


def in_chunks(values: Sequence[str], size: int = 500) -> Iterator[tuple[list[str], str]]:
    """``values`` in chunks with the ``?, ?, …`` list each needs in an ``IN (…)``: SQLite limits
    the parameters of one statement."""
    for start in range(0, len(values), size):
        chunk = list(values[start : start + size])
        yield chunk, ",".join("?" * len(chunk))


def open_cache_db(file: Path, schema: str) -> sqlite3.Connection:
    """Open (creating the folder and the table with `schema`) or, when damaged, recreate the
    cache file."""
    file.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _connect(file, schema)
    except sqlite3.DatabaseError:
        file.unlink(missing_ok=True)
        return _connect(file, schema)


def _connect(file: Path, schema: str) -> sqlite3.Connection:
    db = sqlite3.connect(file)
    db.execute("PRAGMA journal_mode=WAL")  # readers never wait for the one writer
    # a lost last commit after a power cut only costs a re-read
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(schema)
    return db


class CacheDb:
    """Lazy connection, batched commits and close for one cache file; subclasses give the schema."""

    schema = ""
    commit_every = 256  # rows between commits: what a killed build can lose at most

    def __init__(self, file: Path) -> None:
        self.file = file
        self._db: sqlite3.Connection | None = None
        self._pending = 0

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = open_cache_db(self.file, self.schema)
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
