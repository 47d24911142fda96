"""Output files made of literal text and per-event fragments; a rebuild copies the unchanged
fragments' bytes.

The big outputs of a site (the exports, the year pages, the list's HTML chunks, the search words)
are each a concatenation: a little literal text (headers, headings, separators) around one
*fragment* per event, whose bytes depend only on that event, the titles of the articles it cites and
the renderer (templates, code, site title). Each fragment has a key, a digest of exactly those
inputs (``FragmentKeys``).

A render with a cache dir records, per file, the keys of its fragments and where their bytes sit
(offset, length). The next render looks every fragment up in the previous site's files of the same
*family* (e.g. every ``data/html-*.js``, since an inserted event moves its chunk's boundary): a
fragment found there is copied from the old file by the kernel (``os.copy_file_range``, neighbouring
fragments in one call), only new or changed events are rendered, and literal text is always written
afresh. A previous file is trusted only while its size, modification time and inode are the ones
recorded when it was written (files of the site are never rewritten in place: every render writes
new files or hard-links unchanged ones).

Whatever the path, a file whose new bytes equal the previous site's file at the same place is
replaced by a hard link to that file, as ``site._write`` does for other files (unchanged files keep
their inode and mtime). Files are written as they are assembled, through a buffer of about a
megabyte: a 70 MB export never sits in memory whole.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

from ..infra.atomic import copy_range, file_identity, write_all
from ..models import Article, Event
from .client_data import article_title, source_name
from .media import event_media

KEY_BYTES = 16
FLUSH = 1 << 20
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS splice (path TEXT PRIMARY KEY, family TEXT NOT NULL, stamp "
    "TEXT NOT NULL, "
    "keys BLOB NOT NULL, spans BLOB NOT NULL, gaps BLOB NOT NULL)"
)


@dataclass
class Previous:
    """One file of the previous site: its path, (offset, length, gap start) per fragment, and the
    gaps: the literal bytes before each fragment (after the previous one), so neighbouring
    fragments copy as one range when the text between them is still the same."""

    path: str
    spans: array
    gaps: bytes

    def gap(self, n: int) -> bytes:
        start = self.spans[3 * n + 2]
        before = self.spans[3 * n] - (self.spans[3 * n - 3] + self.spans[3 * n - 2] if n else 0)
        return self.gaps[start : start + before]


@dataclass
class Lookup:
    """Where each fragment of a family's previous files is: key → (file, index in that file)."""

    files: list[Previous]
    where: dict[bytes, tuple[int, int]]


def event_digest(event: Event) -> bytes:
    """Every field of the event (its repr: text, sources, extra …), strings exactly as they are."""
    return hashlib.sha256(repr(event).encode("utf-8", "surrogatepass")).digest()


def cited(article: Article | None, path: str) -> str:
    outlet = article.source if article else ""
    return f"{source_name(article, path)}\1{article_title(article, path)}\1{outlet}"


class FragmentKeys:
    """The key of an event's fragments: renderer + event + the names of the articles it cites,
    memoized per render."""

    def __init__(
        self, base: str, articles: dict[str, Article], digests: dict[int, bytes] | None = None
    ) -> None:
        self.base = hashlib.sha256(base.encode("utf-8", "surrogatepass")).digest()
        self.articles = articles
        # id(event) → event_digest, shared with the page cache
        self.digests = digests if digests is not None else {}
        self.keys: dict[int, bytes] = {}

    def __call__(self, event: Event) -> bytes:
        key = self.keys.get(id(event))
        if key is None:
            key = self._make(event)
        return key

    def _make(self, event: Event) -> bytes:
        digest = self.digests.get(id(event))
        if digest is None:
            digest = self.digests[id(event)] = event_digest(event)
        # what the event's fragments show of each article: its title and outlet (the card), its
        # source name (filters)
        names = "\0".join(cited(self.articles.get(s.article), s.article) for s in event.sources)
        media = event_media(event, self.articles)  # its picture (an editor's or an article's)
        if media is not None:
            names += f"\0{media!r}"
        key = self.keys[id(event)] = hashlib.blake2b(
            self.base + digest + names.encode("utf-8", "surrogatepass"), digest_size=KEY_BYTES
        ).digest()
        return key

    def all(self, events: Iterable[Event]) -> Callable[[Event], bytes]:
        """Every event's key computed now; returns the faster lookup for them (keys must exist)."""
        for event in events:
            self(event)
        keys = self.keys
        return lambda event: keys[id(event)]


@dataclass
class Manifest:
    """The fragments table of the build database: what the previous render wrote, and what this one
    writes."""

    db: sqlite3.Connection | None
    previous: Path | None  # the site being replaced
    # path → the row
    fresh: dict[str, tuple[str, str, bytes, bytes, bytes]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.db is not None:
            self.db.execute(SCHEMA)

    def lookup(self, family: str) -> Lookup | None:
        """Where each fragment of the family's previous files is; None without a cache (nothing
        reused)."""
        if self.db is None:
            return None
        found = Lookup([], {})
        if self.previous is None:
            return found
        for path, recorded, keys, spans, gaps in self.db.execute(
            "SELECT path, stamp, keys, spans, gaps FROM splice WHERE family = ?", (family,)
        ):
            try:
                if file_identity(self.previous / path) != recorded:
                    continue
            except OSError:
                continue
            at = array("Q")
            at.frombytes(spans)
            n = len(found.files)
            found.files.append(Previous(path, at, gaps))
            found.where.update(
                zip(
                    [keys[i : i + KEY_BYTES] for i in range(0, len(keys), KEY_BYTES)],
                    zip(repeat(n), range(len(at) // 3)),
                    strict=True,
                )
            )
        return found

    def record(
        self, path: str, family: str, file: Path, keys: list[bytes], spans: array, gaps: list[bytes]
    ) -> None:
        if self.db is not None:
            self.fresh[path] = (
                family,
                file_identity(file),
                b"".join(keys),
                spans.tobytes(),
                b"".join(gaps),
            )

    def save(self) -> None:
        """Replace the table with this render's files (within the caller's transaction)."""
        if self.db is not None:
            self.db.execute("DELETE FROM splice")
            self.db.executemany(
                "INSERT INTO splice VALUES (?, ?, ?, ?, ?, ?)",
                [(p, *rest) for p, rest in self.fresh.items()],
            )


class Sources:
    """Open files of the previous site, shared by the writers of one family."""

    def __init__(self, previous: Path | None) -> None:
        self.previous = previous
        self.fds: dict[str, int] = {}

    def fd(self, rel: str) -> int:
        fd = self.fds.get(rel)
        if fd is None:
            assert self.previous is not None
            fd = self.fds[rel] = os.open(self.previous / rel, os.O_RDONLY)
        return fd

    def close(self) -> None:
        for fd in self.fds.values():
            os.close(fd)
        self.fds.clear()


class Spliced:
    """One output file, written front to back from ``text(...)`` and ``piece(key, make)`` calls,
    then ``close()``."""

    def __init__(
        self,
        staging: Path,
        rel: str,
        family: str,
        manifest: Manifest,
        lookup: Lookup | None,
        sources: Sources,
    ) -> None:
        self.path, self.rel, self.family = staging / rel, rel, family
        self.manifest, self.lookup, self.sources = manifest, lookup, sources
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        self.size = 0  # bytes written, buffered or in the pending copy
        self.buffer: list[bytes] = []
        self.buffered = 0
        self.literal: list[bytes] = []  # text since the last fragment, not yet placed
        # pending range of a previous file: [file, first offset, end offset, index of its last
        # fragment, where it goes]
        self.copy: list[int] | None = None
        self.keys: list[bytes] = []
        self.spans = array("Q")  # offset, length, gap start per fragment
        self.gaps: list[bytes] = []
        self.gaps_size = 0
        self.record = manifest.db is not None
        self.closed = False
        # the previous site's file at the same place, while every byte so far equals it
        self.old_fd: int | None = None
        if manifest.previous is not None:
            try:
                self.old_fd = sources.fd(rel)
                self.old_size = os.fstat(self.old_fd).st_size
            except OSError:
                self.old_fd = None
        # nothing to copy and no previous file to compare with (a first render): every fragment is
        # made and buffered straight away, no lookup per piece
        self.fast = (lookup is None or not lookup.where) and self.old_fd is None

    def text(self, value: str) -> None:
        self.literal.append(value.encode("utf-8"))

    def piece(self, key: bytes | None, make: Callable[[], str]) -> None:
        if self.fast:
            self.made(key, make())
            return
        gap = b"".join(self.literal) if len(self.literal) != 1 else self.literal[0]
        self.literal = []
        found = self.lookup.where.get(key) if self.lookup is not None and key is not None else None
        copy = self.copy
        if found is not None:
            file, n = found
            old = self.lookup.files[file]  # type: ignore[union-attr]
            offset, length = old.spans[3 * n], old.spans[3 * n + 1]
            if copy is not None and copy[0] == file and copy[3] + 1 == n and old.gap(n) == gap:
                # the text between them is the same: one range
                copy[2], copy[3] = offset + length, n
                self.size += len(gap)
            else:
                self._place(gap)
                self._flush_copy()
                self._flush_buffer()
                self.copy = [file, offset, offset + length, n, self.size]
            start = self.size
            self.size += length
        else:
            self._place(gap)
            data = make().encode("utf-8")
            start = self.size
            length = len(data)
            self._bytes(data)
        if self.record and key is not None:
            self.keys.append(key)
            self.spans.extend((start, length, self.gaps_size))
            self.gaps.append(gap)
            self.gaps_size += len(gap)

    def made(self, key: bytes | None, value: str) -> None:
        """A fragment whose text is already made: ``piece(key, lambda: value)``, without the
        lambda."""
        if not self.fast:
            self.piece(key, lambda: value)
            return
        literal = self.literal
        if literal:
            gap = literal[0] if len(literal) == 1 else b"".join(literal)
            self.literal = []
            self.buffer.append(gap)
        else:
            gap = b""
        data = value.encode("utf-8")
        self.buffer.append(data)
        start = self.size + len(gap)
        length = len(data)
        self.size = start + length
        self.buffered += len(gap) + length
        if self.buffered >= FLUSH:
            self._flush_buffer()
        if self.record and key is not None:
            self.keys.append(key)
            self.spans.extend((start, length, self.gaps_size))
            self.gaps.append(gap)
            self.gaps_size += len(gap)

    def _place(self, data: bytes) -> None:
        """Literal text after the pending copy."""
        if data:
            self._flush_copy()
            self._bytes(data)

    def _bytes(self, data: bytes) -> None:
        if not data:
            return
        self._flush_copy()
        self.buffer.append(data)
        self.buffered += len(data)
        self.size += len(data)
        if self.buffered >= FLUSH:
            self._flush_buffer()

    def _flush_buffer(self) -> None:
        if not self.buffer:
            return
        data = b"".join(self.buffer)
        at = self.size - len(data)
        self.buffer, self.buffered = [], 0
        if self.old_fd is not None and os.pread(self.old_fd, len(data), at) != data:
            self.old_fd = None
        write_all(self.fd, data)

    def _flush_copy(self) -> None:
        if self.copy is None:
            return
        file, offset, end, _, at = self.copy
        self.copy = None
        src = self.lookup.files[file].path  # type: ignore[union-attr]
        if self.old_fd is not None and (src != self.rel or offset != at):
            self.old_fd = None
        copy_range(self.sources.fd(src), self.fd, offset, end - offset)

    def close(self) -> None:
        self._place(b"".join(self.literal))
        self.literal = []
        self._flush_buffer()
        self._flush_copy()
        os.close(self.fd)
        self.closed = True
        # the same bytes: keep the previous file
        if self.old_fd is not None and self.size == self.old_size:
            assert self.manifest.previous is not None
            try:
                self.path.unlink()
                os.link(self.manifest.previous / self.rel, self.path)
            except OSError:
                pass
        self.manifest.record(self.rel, self.family, self.path, self.keys, self.spans, self.gaps)
        self.keys, self.spans, self.gaps = [], array("Q"), []

    def abort(self) -> None:
        self.closed = True
        try:
            os.close(self.fd)
        except OSError:
            pass


class Family:
    """The files of one family written in this render: one lookup of the previous fragments,
    shared open files."""

    def __init__(self, staging: Path, manifest: Manifest, name: str) -> None:
        self.staging, self.manifest, self.name = staging, manifest, name
        self.lookup = manifest.lookup(name)
        self.sources = Sources(manifest.previous)
        self.open_files: list[Spliced] = []

    def open(self, rel: str) -> Spliced:
        out = Spliced(self.staging, rel, self.name, self.manifest, self.lookup, self.sources)
        self.open_files = [f for f in self.open_files if not f.closed]
        self.open_files.append(out)
        return out

    def write(
        self, rel: str, items: Iterable[tuple[bytes | None, str | Callable[[], str]]]
    ) -> None:
        """A whole file from items: (None, literal text) or (key, function making the fragment's
        text)."""
        out = self.open(rel)
        for key, value in items:
            if key is None:
                out.text(value)  # type: ignore[arg-type]
            else:
                out.piece(key, value)  # type: ignore[arg-type]
        out.close()

    def close(self) -> None:
        """Close what is still open (after an error: the staging folder is thrown away) and the
        previous files."""
        for out in self.open_files:
            if not out.closed:
                out.abort()
        self.open_files.clear()
        self.sources.close()

    def __enter__(self) -> Family:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
