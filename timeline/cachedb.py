"""The SQLite file behind each build cache (articles read, mentions extracted).

A cache is only ever a shortcut: a damaged or unreadable file is deleted and started afresh,
never reported as an error."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def open_cache_db(file: Path, schema: str) -> sqlite3.Connection:
    """Open (creating the folder and the table with `schema`) or, when damaged, recreate the cache file."""
    file.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _connect(file, schema)
    except sqlite3.DatabaseError:
        file.unlink(missing_ok=True)
        return _connect(file, schema)


def _connect(file: Path, schema: str) -> sqlite3.Connection:
    db = sqlite3.connect(file)
    db.execute("PRAGMA journal_mode=WAL")  # readers never wait for the one writer
    db.execute("PRAGMA synchronous=NORMAL")  # a lost last commit after a power cut only costs a re-read
    db.execute(schema)
    return db
