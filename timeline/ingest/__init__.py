"""content/ → Article. One reader per file extension; a bad file is reported and skipped, never
fatal.

The publication date comes from front matter, an HTML page's metadata, or a dateline in the text;
otherwise the article is undated. It is never taken from the file's modification time.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import ContentError
from ..models import Article
from ..report import Reporter
from .cache import ArticleCache, file_stamp
from .decode import decode, display_name
from .html import read_html
from .language import use_model_cache
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
    """Every readable file under content_dir in a stable order; hidden files and folders skipped.

    Symlinked folders are not followed (a link to / would walk the whole disk); symlinked files are
    listed and read_article() refuses those that point outside content_dir."""
    return [content_dir / rel for rel in article_names(content_dir)]


def article_names(content_dir: Path) -> list[str]:
    """article_paths as paths relative to content_dir ('/'-separated), sorted: what a rebuild
    compares with the last build's list (strings from os.scandir, no Path objects: 10,000 files
    in a few ms)."""
    if not content_dir.is_dir():
        raise ContentError("content folder not found", str(content_dir))
    found: list[str] = []
    folders = [("", str(content_dir))]
    while folders:
        prefix, folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue  # an unreadable folder: as os.walk, skipped
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():  # a link to a folder is a folder here too, but never walked into
                if not entry.is_symlink():
                    folders.append((f"{prefix}{entry.name}/", entry.path))
            elif os.path.splitext(entry.name)[1].lower() in READERS:
                found.append(prefix + entry.name)
    found.sort()
    return found


def read_article(path: Path, content_dir: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one file into an Article or raise ContentError naming it (and the line, where there
    is one)."""
    rel = display_name(path.relative_to(content_dir).as_posix())
    raw = _read_inside(path, content_dir, rel, max_bytes)
    text = decode(raw, rel)
    article = READERS[path.suffix.lower()](path.relative_to(content_dir).as_posix(), text)
    return _with_hash(article, raw)


def _read_inside(path: Path, content_dir: Path, rel: str, max_bytes: int) -> bytes:
    """The file's bytes, at most max_bytes, only if it really lies inside content_dir and is a
    regular file."""
    try:
        real = path.resolve(strict=True)
        if not real.is_relative_to(content_dir.resolve(strict=True)):
            raise ContentError("is a symlink pointing outside the content folder; not read", rel)
        with open(real, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise ContentError("not a regular file; not read", rel)
            if info.st_size > max_bytes:
                raise ContentError(
                    f"too large ({info.st_size:,} bytes; the limit is {max_bytes:,}, setting "
                    f"max_bytes)",
                    rel,
                )
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ContentError(f"cannot be read: {exc.strerror}", rel) from exc
    except RuntimeError as exc:  # a symlink loop
        raise ContentError(f"cannot be read: {exc}", rel) from exc
    if len(raw) > max_bytes:
        raise ContentError(f"too large (over {max_bytes:,} bytes, setting max_bytes)", rel)
    return raw


Mapper = Callable[
    [Callable[[tuple[Path, Path, int]], "Article | str"], list[tuple[Path, Path, int]]],
    Iterable["Article | str"],
]


def read_articles(
    content_dir: Path,
    reporter: Reporter,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache: ArticleCache | None = None,
    mapper: Mapper | None = None,
    paths: list[Path] | None = None,
    doc_type: str = "auto",
) -> Iterator[Article]:
    """Every article under content_dir (or these ``paths`` of it), in path order; with a cache,
    an unchanged file is not read again (see ingest/cache.py). ``mapper`` (``map`` by default)
    runs the reads of the other files, in worker processes when the caller gives a parallel map
    that keeps the input order. ``doc_type``: the site's document type (timeline.yaml), given to
    every article whose front matter names none (the cache keeps the article as its file says)."""
    # path, cached article, stamp before reading
    plan: list[tuple[Path, Article | None, str | None]] = []
    if cache is not None:
        use_model_cache(cache.cache_dir)  # before any worker forks: they inherit it
    for path in article_paths(content_dir) if paths is None else paths:
        rel = path.relative_to(content_dir).as_posix()
        article = cache.get(rel, path, max_bytes) if cache is not None else None
        stamp = file_stamp(path) if cache is not None and article is None else None
        plan.append((path, article, stamp[0] if stamp else None))
    misses = [(path, content_dir, max_bytes) for path, article, _ in plan if article is None]
    outcomes = iter((mapper or map)(read_outcome, misses))
    for path, article, stamp_before in plan:
        if article is None:
            outcome = next(outcomes)
            if isinstance(outcome, str):
                reporter.error(outcome)
                continue
            article = outcome
            if cache is not None:
                cache.put(path.relative_to(content_dir).as_posix(), path, article, stamp_before)
        yield article if article.doc_type is not None else _with_doc_type(article, doc_type)


def read_outcome(job: tuple[Path, Path, int]) -> Article | str:
    """One file read (in a worker, possibly): the Article, or the one-line error naming the file."""
    path, content_dir, max_bytes = job
    try:
        return read_article(path, content_dir, max_bytes)
    except ContentError as exc:
        return _one_line(str(exc))
    except RecursionError:
        return (
            f"{display_name(path.relative_to(content_dir).as_posix())}: nested too deeply to be "
            f"read"
        )


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _with_doc_type(article: Article, doc_type: str) -> Article:
    from dataclasses import replace

    return replace(article, doc_type=doc_type)


def _with_hash(article: Article, raw: bytes) -> Article:
    from dataclasses import replace

    return replace(article, sha256=hashlib.sha256(raw).hexdigest())
