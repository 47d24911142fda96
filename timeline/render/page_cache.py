"""Skip re-rendering article pages whose inputs did not change.

A manifest (the ``pages`` table of the build database, infra/builddb.py) maps a page's path inside
the site to the digest of everything its bytes depend on (the article, the events citing it, the
site title, every template file, the renderer's own source) and to the SHA-256 of the bytes written.
On the next render, a page whose input digest matches and whose file in the previous site still has
exactly those bytes is hard-linked (or copied) into the staging directory instead of being rendered.
Any template or renderer change changes every digest."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from ..infra.builddb import connect
from ..models import Article, Event
from .media import article_media

RENDER_CODE = Path(__file__).resolve().parent
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS pages (path TEXT PRIMARY KEY, digest TEXT NOT NULL, output TEXT "
    "NOT NULL)"
)


def tree_digest(*roots: Path) -> str:
    """SHA-256 over the relative paths and bytes of every file under the given folders."""
    h = hashlib.sha256()
    for root in roots:
        h.update(f"root\0{root.name}\0".encode())
        if not root.is_dir():
            continue
        for path in sorted(
            p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        ):
            data = path.read_bytes()
            h.update(
                f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode(
                    "utf-8", "surrogatepass"
                )
            )
            h.update(data)
    return h.hexdigest()


def _digest(value: Article | Event) -> bytes:
    """The dataclass's repr: every field (text, sources, extra ...), strings exactly as they are."""
    return hashlib.sha256(repr(value).encode("utf-8", "surrogatepass")).digest()


def page_digest(
    base: str, article: Article, events: list[Event], memo: dict[int, bytes] | None = None
) -> str:
    """``base`` (templates + renderer + title) plus the article and the events citing it, in page
    order; ``memo``: id(event) → its digest, kept by the caller across pages."""
    h = hashlib.sha256(base.encode("utf-8", "surrogatepass"))
    h.update(_digest(article))
    media = article_media(article)  # its picture's file is named by its bytes
    h.update(media.src.encode("utf-8") if media is not None else b"-")
    for event in events:
        d = memo.get(id(event)) if memo is not None else None
        if d is None:
            d = _digest(event)
            if memo is not None:
                memo[id(event)] = d
        h.update(d)
    return h.hexdigest()


_INPUTS_CHANGED = (
    "rendered again: its article, the events citing it, the title, templates or renderer changed"
)


class PageCache:
    """The manifest for one render; ``None`` cache dir = no caching (every page is rendered)."""

    def __init__(self, cache_dir: Path, base: str) -> None:
        self.base = base
        self.db = connect(cache_dir, SCHEMA)
        self.known = {
            p: (d, o) for p, d, o in self.db.execute("SELECT path, digest, output FROM pages")
        }
        self.fresh: dict[str, tuple[str, str]] = {}
        self.reused = 0
        self.why: dict[str, str] = {}  # page → why it is rendered again (--explain-rebuild)
        # id(event) → digest; the events outlive the render
        self.event_digests: dict[int, bytes] = {}

    def article_digest(self, article: Article, events: list[Event]) -> str:
        return page_digest(self.base, article, events, self.event_digests)

    def reuse(self, rel: str, digest: str, old: Path | None, new: Path) -> bool:
        """Link the previous site's file into staging when its inputs and its bytes are the
        recorded ones."""
        entry = self.known.get(rel)
        if old is None or entry is None or entry[0] != digest:
            self.why[rel] = "new" if entry is None or old is None else _INPUTS_CHANGED
            return False
        try:
            data = old.read_bytes()
        except OSError:
            data = None
        if data is None or hashlib.sha256(data).hexdigest() != entry[1]:
            self.why[rel] = "rendered again: its file in the site was changed or removed"
            return False
        new.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(old, new)
        except OSError:
            shutil.copyfile(old, new)
        self.fresh[rel] = entry
        self.reused += 1
        return True

    def record(self, rel: str, digest: str, raw: bytes) -> None:
        self.fresh[rel] = (digest, hashlib.sha256(raw).hexdigest())

    def record_output(self, rel: str, digest: str, output: str) -> None:
        """``record`` given the SHA-256 (hex) of the bytes written."""
        self.fresh[rel] = (digest, output)

    def save(self, also: Callable[[], None] | None = None) -> None:
        """Replace the manifest with this render's pages (pages gone from the site are
        forgotten); ``also`` writes the rest of the render's manifest (splice.Manifest.save) in
        the same transaction."""
        with self.db:
            self.db.execute("DELETE FROM pages")
            self.db.executemany(
                "INSERT INTO pages VALUES (?, ?, ?)",
                [(p, d, o) for p, (d, o) in self.fresh.items()],
            )
            if also is not None:
                also()

    def close(self) -> None:
        self.db.close()
