"""Per-article event mentions cached on disk, so a rebuild re-reads only the articles that changed.

An entry is keyed by the article's content hash (Article.sha256), its path (sources name it) and the
extractor fingerprint: a hash of the code and language data of the tagger and the event reader, so a
change to either invalidates every entry without anyone remembering to bump a version. The site's
default document type (timeline.yaml ``doc_type:``) joins the fingerprint (``with_doc_type``).

All entries live in one table (``mentions``) of the build database (infra/builddb.py): one row per
article, its mentions as JSON with the content words the merge compares (so a rebuild neither
re-reads nor re-tokenizes them). Reading ten thousand rows in one query costs a fraction of opening
ten thousand small files, and a build killed half-way keeps every row committed before it.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
from collections.abc import Callable, Collection, Iterable
from functools import lru_cache
from pathlib import Path
from sys import intern
from typing import Any

from ..infra.builddb import CacheDb
from ..models import Article, Event
from ..store.yaml_store import event_from_dict, event_to_dict

PACKAGE = Path(__file__).resolve().parents[1]
FINGERPRINTED = ("events", "temporal", "models.py")
# What runs after the cache (merging mentions, scoring them, explaining): it shapes the machine
# output (so the snapshot's inputs digest covers it) but not the cached mentions, so editing it
# re-extracts nothing.
AFTER_THE_CACHE = ("events/merge.py", "events/salience.py", "events/explain.py")
COMMIT_EVERY = 256  # rows: what a killed build can lose at most


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """The code and language data that make an article's mentions (the mention cache's key)."""
    return _code_digest(lambda rel: rel not in AFTER_THE_CACHE)


@lru_cache(maxsize=1)
def machine_fingerprint() -> str:
    """Everything that makes the machine output from the articles: extraction, merge, salience."""
    return _code_digest(lambda rel: True)


def _code_digest(include: Callable[[str], bool]) -> str:
    digest = hashlib.sha256()
    for name in FINGERPRINTED:
        root = PACKAGE / name
        files = (
            [root]
            if root.is_file()
            else sorted(p for p in root.rglob("*") if p.suffix in (".py", ".yaml", ".yml"))
        )
        for file in files:
            rel = file.relative_to(PACKAGE).as_posix()
            if include(rel):
                digest.update(rel.encode())
                digest.update(without_comments(file.read_text(encoding="utf-8")).encode())
    return digest.hexdigest()[:16]


_HASH = re.compile(r"\s#")


def without_comments(source: str) -> str:
    """The lines of Python or YAML source that say something: comments and blank lines do not
    change what the code makes, so editing them must not invalidate a cache or a committed
    snapshot."""
    kept = []
    for line in source.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        kept.append(_code_part(line))
    return "\n".join(kept)


def _code_part(line: str) -> str:
    """The line without its trailing comment: the first `` #`` outside quotes (quotes counted
    before it; a line where that count is odd, such as an apostrophe in a YAML word, keeps its
    comment: a harmless miss)."""
    for found in _HASH.finditer(line):
        before = line[: found.start()]
        if before.count('"') % 2 == 0 and before.count("'") % 2 == 0:
            return before.rstrip()
    return line.rstrip()


def with_doc_type(fingerprint: str, doc_type: str) -> str:
    """The fingerprint for a site whose default document type (timeline.yaml ``doc_type:``) is
    this one: an article's effective type is its front matter's (in its content hash) or this
    default, so the pair keys it. ``auto`` leaves the fingerprint as it is: the caches and
    snapshots of sites without the key stay valid."""
    return fingerprint if doc_type == "auto" else f"{fingerprint}:{doc_type}"


def inputs_digest(fingerprint: str, articles: Iterable[Article]) -> str:
    """What the machine output depends on: the extractor and every article (path and content)."""
    return inputs_digest_of(fingerprint, ((a.path, a.sha256) for a in articles))


def inputs_digest_of(fingerprint: str, hashes: Iterable[tuple[str, str | None]]) -> str:
    """inputs_digest from (path, content hash) pairs."""
    digest = hashlib.sha256(fingerprint.encode())
    for path, sha in sorted(hashes):
        if not sha:
            return ""  # an article that cannot be keyed: no shortcut
        digest.update(f"\x1e{path}\x1f{sha}".encode())
    return digest.hexdigest()


class MentionCache(CacheDb):
    schema = "CREATE TABLE IF NOT EXISTS mentions (key TEXT PRIMARY KEY, data TEXT NOT NULL)"
    commit_every = COMMIT_EVERY

    def __init__(
        self, folder: Path, fingerprint: str | None = None, doc_type: str = "auto"
    ) -> None:
        super().__init__(folder)
        self.fingerprint = with_doc_type(fingerprint or extractor_fingerprint(), doc_type)
        self.hits = 0

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            # the one-file-per-article cache of older versions
            shutil.rmtree(self.cache_dir / "mentions", ignore_errors=True)
        return super()._conn()

    def key(self, article: Article) -> str:
        return self.key_of(article.path, article.sha256)

    def key_of(self, path: str, sha256: str | None) -> str:
        return hashlib.sha256(f"{self.fingerprint}\x1f{path}\x1f{sha256}".encode()).hexdigest()[:32]

    def get(self, article: Article) -> list[Event] | None:
        if not article.sha256:
            return None
        row = (
            self._conn()
            .execute("SELECT data FROM mentions WHERE key = ?", (self.key(article),))
            .fetchone()
        )
        found = _decode(row[0]) if row else None
        return None if found is None else found[0]

    def entry(
        self, path: str, sha256: str
    ) -> tuple[list[Event], list[Collection[str] | None]] | None:
        """The mentions and their content words of the article at ``path`` with this content
        hash, or None."""
        row = (
            self._conn()
            .execute("SELECT data FROM mentions WHERE key = ?", (self.key_of(path, sha256),))
            .fetchone()
        )
        return _decode(row[0]) if row else None

    def known(self, articles: list[Article]) -> set[str]:
        """Keys of the articles that have an entry."""
        wanted = {self.key(a) for a in articles if a.sha256}
        return {k for (k,) in self._conn().execute("SELECT key FROM mentions") if k in wanted}

    def get_all(
        self, articles: list[Article]
    ) -> tuple[list[Event], list[Collection[str] | None], list[Article]]:
        """The mentions of these articles (in their order), the content words of each (None: not
        stored), and the articles without a usable entry (to extract again)."""
        wanted = {self.key(a) for a in articles if a.sha256}
        # decoded as the rows come (the JSON of 100,000 articles is a gigabyte), then put in article
        # order
        rows = {
            k: _decode(data)
            for k, data in self._conn().execute("SELECT key, data FROM mentions")
            if k in wanted
        }
        mentions: list[Event] = []
        words: list[Collection[str] | None] = []
        missing: list[Article] = []
        for article in articles:
            found = rows.pop(self.key(article), None) if article.sha256 else None
            if found is None:
                missing.append(article)
                continue
            mentions.extend(found[0])
            words.extend(found[1])
        self.hits += len(articles) - len(missing)
        return mentions, words, missing

    def put(
        self, article: Article, mentions: list[Event], words: list[frozenset[str]] | None = None
    ) -> None:
        self.put_encoded(article, encode_mentions(mentions, words))

    def put_encoded(self, article: Article, data: str) -> None:
        """Store what encode_mentions() made (in a worker: the main process only inserts the
        row)."""
        if not article.sha256:
            return
        self._conn().execute(
            "INSERT OR REPLACE INTO mentions (key, data) VALUES (?, ?)", (self.key(article), data)
        )
        self._wrote_row()

    def prune(self, articles: list[Article]) -> int:
        """Remove entries of articles that are gone or changed; returns how many."""
        keep = {self.key(a) for a in articles}
        db = self._conn()
        gone = [(k,) for (k,) in db.execute("SELECT key FROM mentions") if k not in keep]
        db.executemany("DELETE FROM mentions WHERE key = ?", gone)
        self.commit()
        return len(gone)


def encode_mentions(mentions: list[Event], words: list[frozenset[str]] | None = None) -> str:
    """One cache row: the mentions as JSON, each with its sorted content words under ``_words``."""
    entries = []
    for n, m in enumerate(mentions):
        entry = event_to_dict(m)
        if words is not None:
            entry["_words"] = sorted(words[n])
        entries.append(entry)
    return json.dumps(entries, ensure_ascii=False, separators=(",", ":"))


def _decode(data: str) -> tuple[list[Event], list[Collection[str] | None]] | None:
    try:
        entries: list[dict[str, Any]] = json.loads(data)
        # stems are interned: a few thousand distinct words shared by millions of mentions (100k
        # articles) (tuples: put() stored each mention's distinct words sorted; a tuple is a seventh
        # of a frozenset's size)
        words: list[Collection[str] | None] = [
            tuple(map(intern, e.pop("_words"))) if "_words" in e else None for e in entries
        ]
        return [event_from_dict(e) for e in entries], words
    except (ValueError, TypeError, KeyError, AttributeError):  # damaged: extract again
        return None
