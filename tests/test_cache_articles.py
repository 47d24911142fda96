"""The article cache: a rebuild stats unchanged files instead of reading them; any change
re-reads."""

from __future__ import annotations

import os
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from timeline.incremental import forget_state
from timeline.ingest import cache as article_cache
from timeline.ingest import read_articles
from timeline.ingest.cache import ArticleCache
from timeline.report import BufferReporter

ARTICLE = (
    "---\ntitle: Storm\ndate: 2024-03-03\nsource: Wire\n---\nThe storm reached the coast on March "
    "2, 2024, officials said.\n"
)


def _age(path: Path, seconds: int = 60) -> None:
    """Make a file look written long ago (so it is not 'racy'); ctime still moves, as for any
    write."""
    past = time.time() - seconds
    os.utime(path, (past, past))


def _read(content: Path, cache_dir: Path) -> tuple[list, ArticleCache]:
    with ArticleCache(cache_dir) as cache:
        articles = list(read_articles(content, BufferReporter(), cache=cache))
        cache.prune()
    return articles, cache


def test_unchanged_files_come_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(article_cache, "RACY_NS", 0)
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text(ARTICLE, encoding="utf-8")
    (content / "b.txt").write_text(
        "Quake hits city\nMarch 4, 2024 - Rescue teams searched the rubble.\n", encoding="utf-8"
    )
    fresh = list(read_articles(content, BufferReporter()))
    first, cache = _read(content, tmp_path / "cache")
    assert (cache.hits, cache.misses) == (0, 2)
    again, cache = _read(content, tmp_path / "cache")
    assert (cache.hits, cache.misses) == (2, 0)
    assert again == first == fresh


def test_any_change_is_read_again(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(article_cache, "RACY_NS", 0)
    content = tmp_path / "content"
    content.mkdir()
    path = content / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    _age(path)
    _read(content, tmp_path / "cache")
    stat = path.stat()
    # same size, mtime put back: the ctime still tells the file was written
    path.write_text(ARTICLE.replace("Storm", "Flood"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    articles, cache = _read(content, tmp_path / "cache")
    assert cache.misses == 1 and articles[0].title == "Flood"


def test_recent_writes_are_not_trusted(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text(ARTICLE, encoding="utf-8")
    _read(content, tmp_path / "cache")
    _, cache = _read(content, tmp_path / "cache")
    assert cache.hits == 0  # written just now: read every time until it is older than a clock tick


def test_reader_change_and_damage_read_again(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(article_cache, "RACY_NS", 0)
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text(ARTICLE, encoding="utf-8")
    _read(content, tmp_path / "cache")
    with ArticleCache(tmp_path / "cache", fingerprint="other") as cache:
        list(read_articles(content, BufferReporter(), cache=cache))
    assert cache.hits == 0
    (tmp_path / "cache" / "build.sqlite").write_bytes(b"not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        (tmp_path / "cache" / f"build.sqlite{suffix}").unlink(missing_ok=True)
    articles, cache = _read(content, tmp_path / "cache")
    assert articles[0].title == "Storm"


def test_deleted_files_are_forgotten_and_limits_still_apply(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(article_cache, "RACY_NS", 0)
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text(ARTICLE, encoding="utf-8")
    (content / "b.md").write_text(ARTICLE, encoding="utf-8")
    _read(content, tmp_path / "cache")
    (content / "b.md").unlink()
    articles, _ = _read(content, tmp_path / "cache")
    assert [a.path for a in articles] == ["a.md"]
    reporter = BufferReporter()
    with ArticleCache(tmp_path / "cache") as cache:
        assert list(read_articles(content, reporter, max_bytes=10, cache=cache)) == []
    assert reporter.errors and "too large" in reporter.errors[0]


def test_rebuild_from_cached_articles_writes_the_same_bytes(tmp_path: Path, monkeypatch) -> None:
    from timeline.config import load_config
    from timeline.pipeline import extract

    monkeypatch.setattr(article_cache, "RACY_NS", 0)
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text(ARTICLE, encoding="utf-8")
    (content / "b.txt").write_text(
        "Quake hits city\nMarch 4, 2024 - Rescue teams searched the rubble on March 3, 2024.\n",
        encoding="utf-8",
    )
    data = tmp_path / "data" / "events.yaml"
    cfg = load_config(None, content=content, data=data, quiet=True, jobs=1)
    first = extract(cfg, BufferReporter())
    written = data.read_bytes()
    # force the merge path, not the snapshot shortcut, with no mention cached
    forget_state(tmp_path / "data" / ".cache")
    with closing(sqlite3.connect(tmp_path / "data" / ".cache" / "build.sqlite")) as db, db:
        db.execute("DELETE FROM mentions")
    # the full path, from the article cache
    again = extract(cfg, BufferReporter(), incremental=False)
    assert again.articles == first.articles
    assert data.read_bytes() == written
