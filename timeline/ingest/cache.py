"""Articles read by an earlier build, so a rebuild stats the unchanged files instead of decoding
them.

One table (``articles``) of the build database (infra/builddb.py), one row per content file: the
Article the readers made of it, stored with a stamp of the file as it was then (size, mtime_ns,
ctime_ns, inode, device) and the reader fingerprint (a hash of the ingest code, the data model, the
versions of the libraries the readers call and the tagger's language list). A row is used only when
every part of the stamp matches; any change to the file (a write, a touch, a rename over it, a copy)
re-reads it. The publication date still comes from the file's content: the stamp only says the
content is the same.

Rows are JSON (never pickle: a cache file must not be able to run code). A file whose mtime or ctime
is less than RACY_NS old is read but not stored: a write within the same clock tick as the read
could otherwise leave the stamp unchanged (git's "racy clean" problem). Symlinks and anything but a
regular file are always read afresh (read_article does the checks).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import sys
import time
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..infra.atomic import stamp_of
from ..infra.builddb import CacheDb, in_chunks
from ..models import Article, ArticleImage

PACKAGE = Path(__file__).resolve().parent.parent
LIBRARIES = (
    "py3langid",
    "markdown-it-py",
    "nh3",
    "lxml",
    "PyYAML",
    "trafilatura",
    "htmldate",
    "charset-normalizer",
)
RACY_NS = 2_000_000_000
COMMIT_EVERY = 512
_FIELDS = tuple(f.name for f in fields(Article))


@lru_cache(maxsize=1)
def reader_fingerprint() -> str:
    from importlib import metadata

    from ..temporal import available_languages

    digest = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    files = sorted((PACKAGE / "ingest").glob("*.py")) + [
        PACKAGE / "models.py",
        PACKAGE / "errors.py",
    ]
    for file in files:
        digest.update(file.relative_to(PACKAGE).as_posix().encode() + b"\0" + file.read_bytes())
    for name in LIBRARIES:
        try:
            digest.update(f"\x1e{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"\x1e{name}=-".encode())
    digest.update(("\x1e" + ",".join(available_languages())).encode())
    return digest.hexdigest()[:16]


def file_stamp(path: Path | str) -> tuple[str, os.stat_result] | None:
    """The stamp of a regular file (not a symlink), or None: read it afresh."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return stamp_of(info), info


class ArticleCache(CacheDb):
    schema = (
        "CREATE TABLE IF NOT EXISTS articles (path TEXT PRIMARY KEY, stamp TEXT NOT NULL, data "
        "TEXT NOT NULL)"
    )
    commit_every = COMMIT_EVERY

    def __init__(self, folder: Path, fingerprint: str | None = None) -> None:
        super().__init__(folder)
        self.fingerprint = fingerprint or reader_fingerprint()
        self.hits = 0
        self.misses = 0
        self._seen: set[str] = set()
        self.why: dict[str, str] = {}  # path → why it is read afresh (--explain-rebuild)

    def get(self, rel: str, path: Path, max_bytes: int) -> Article | None:
        """The Article read earlier from this very file, or None (read it)."""
        self._seen.add(rel)
        found = file_stamp(path)
        if found is None or found[1].st_size > max_bytes:
            self._miss(rel, "not a regular file within the size limit")
            return None
        try:
            row = (
                self._conn()
                .execute("SELECT stamp, data FROM articles WHERE path = ?", (rel,))
                .fetchone()
            )
        except sqlite3.DatabaseError:
            row = None
        article = (
            _decode(row[1])
            if row is not None and row[0] == f"{self.fingerprint}:{found[0]}"
            else None
        )
        if article is None or article.path != rel:
            self._miss(rel, _why_read(row, self.fingerprint, found[0]))
            return None
        self.hits += 1
        return article

    def _miss(self, rel: str, why: str) -> None:
        self.misses += 1
        self.why[rel] = why

    def put(self, rel: str, path: Path, article: Article, stamp_before: str | None) -> None:
        """Remember a fresh read, if the file did not change while it was read and is not too new
        to trust."""
        found = file_stamp(path)
        if found is None or stamp_before is None or found[0] != stamp_before:
            return
        info = found[1]
        if max(info.st_mtime_ns, info.st_ctime_ns) > time.time_ns() - RACY_NS:
            return  # racy: a write in the same clock tick would not change the stamp
        try:
            self._conn().execute(
                "INSERT OR REPLACE INTO articles (path, stamp, data) VALUES (?, ?, ?)",
                (rel, f"{self.fingerprint}:{found[0]}", _encode(article)),
            )
        except sqlite3.DatabaseError:
            return
        self._wrote_row()

    def stamps(self, paths: list[str] | None = None) -> dict[str, str]:
        """path → the stamp its entry was stored under (reader fingerprint and file stamp), for
        every entry or for these paths."""
        try:
            if paths is None:
                return dict(self._conn().execute("SELECT path, stamp FROM articles"))
            found: dict[str, str] = {}
            for chunk, marks in in_chunks(paths):
                found.update(
                    self._conn().execute(
                        f"SELECT path, stamp FROM articles WHERE path IN ({marks})", chunk
                    )
                )
            return found
        except sqlite3.DatabaseError:
            return {}

    def current_stamp(self, path: Path | str) -> str | None:
        """The stamp an entry for this file would be stored under now (None: not a regular file)."""
        found = file_stamp(path)
        return f"{self.fingerprint}:{found[0]}" if found is not None else None

    def stored(self, paths: list[str]) -> dict[str, Article]:
        """The articles stored for these paths, whatever the files hold now (the caller knows
        they are current)."""
        found: dict[str, Article] = {}
        try:
            for chunk, marks in in_chunks(paths):
                for path, data in self._conn().execute(
                    f"SELECT path, data FROM articles WHERE path IN ({marks})", chunk
                ):
                    article = _decode(data)
                    if article is not None:
                        found[path] = article
        except sqlite3.DatabaseError:
            pass
        return found

    def prune(self) -> None:
        """Forget files not seen in this read (deleted or renamed)."""
        try:
            db = self._conn()
            gone = [(p,) for (p,) in db.execute("SELECT path FROM articles") if p not in self._seen]
            db.executemany("DELETE FROM articles WHERE path = ?", gone)
        except sqlite3.DatabaseError:
            pass

    def commit(self) -> None:
        try:
            super().commit()
        except sqlite3.DatabaseError:  # a damaged file only costs re-reading
            self._pending = 0


def _encode(article: Article) -> str:
    values = [getattr(article, name) for name in _FIELDS]
    if article.image is not None:
        image = article.image
        values[_FIELDS.index("image")] = [image.src, image.alt, image.credit, image.caption]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def _decode(data: str) -> Article | None:
    try:
        values: list[Any] = json.loads(data)
        if not isinstance(values, list) or len(values) != len(_FIELDS):
            return None
        kwargs = dict(zip(_FIELDS, values, strict=True))
        kwargs["tags"] = tuple(kwargs["tags"])
        if kwargs["image"] is not None:
            kwargs["image"] = ArticleImage(*map(str, kwargs["image"]))
        return Article(**kwargs)
    except (ValueError, TypeError):
        return None


def _why_read(row: tuple[str, str] | None, fingerprint: str, stamp: str) -> str:
    if row is None:
        return "new"
    recorded_fingerprint, _, recorded_stamp = row[0].partition(":")
    if recorded_fingerprint != fingerprint:
        return "read again: the readers changed (code, libraries or languages)"
    if recorded_stamp != stamp:
        return "changed on disk"
    return "read again: the cached copy cannot be used"
