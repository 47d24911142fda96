"""content/ → Article. One reader per file extension; a bad file is reported and skipped, never fatal.

The publication date comes from front matter, an HTML page's metadata, or a dateline in the text;
otherwise the article is undated. It is never taken from the file's modification time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import ContentError
from ..models import Article
from ..report import Reporter
from .decode import decode
from .html import read_html
from .markdown import read_markdown
from .text import read_text

Reader = Callable[[str, str], Article]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
}

DEFAULT_MAX_BYTES = 5_000_000


def article_paths(content_dir: Path) -> list[Path]:
    """Every readable file under content_dir in a stable order; hidden files and folders skipped."""
    if not content_dir.is_dir():
        raise ContentError("content folder not found", str(content_dir))
    found = []
    for path in content_dir.rglob("*"):
        rel = path.relative_to(content_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file() and path.suffix.lower() in READERS:
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(content_dir).as_posix())


def read_article(path: Path, content_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one file into an Article or raise ContentError naming it."""
    rel = path.relative_to(content_dir).as_posix()
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ContentError(f"too large ({size:,} bytes; the limit is {max_bytes:,})", rel)
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError(f"cannot be read: {exc.strerror}", rel) from exc
    text = decode(raw, rel)
    article = READERS[path.suffix.lower()](rel, text)
    return _with_hash(article, raw)


def read_articles(content_dir: Path, reporter: Reporter, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article]:
    for path in article_paths(content_dir):
        try:
            yield read_article(path, content_dir, max_bytes)
        except ContentError as exc:
            reporter.error(str(exc))


def _with_hash(article: Article, raw: bytes) -> Article:
    from dataclasses import replace

    return replace(article, sha256=hashlib.sha256(raw).hexdigest())
