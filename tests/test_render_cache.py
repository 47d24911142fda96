"""The render cache (its tables in the build database): a cached rebuild is byte-identical to a full
render without cache."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitefiles import assert_same  # tests/sitefiles.py (pytest puts tests/ on sys.path)
from synthetic import synthetic  # tests/synthetic.py

import timeline.render.site as site_module
from timeline.models import Article, Event, Source
from timeline.render import render_site
from timeline.render.site import PACKAGE_TEMPLATES

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Paths of the article pages actually rendered."""
    calls: list[str] = []
    real = site_module.highlighted_paragraphs

    def spy(text: str, spans: list) -> object:
        calls.append(text)
        return real(text, spans)

    monkeypatch.setattr(site_module, "highlighted_paragraphs", spy)
    return calls


def add_article(events: list[Event], articles: list[Article]) -> tuple[list[Event], list[Article]]:
    new = Article(
        path="synthetic/new.txt",
        title="A new article",
        text="Talks began in Berlin on 3 May 2024.",
        lang="en",
    )
    cited = articles[1].path
    event = dataclasses.replace(
        events[0],
        id="ev-new",
        title="Talks began",
        sources=(
            Source(article=new.path, start=0, end=11, quote="Talks began"),
            *[s for s in events[0].sources if s.article == cited][:1],
        ),
    )
    changed = [
        dataclasses.replace(e, text=e.text + " More.") if e.id == events[3].id else e
        for e in events
    ]
    return [*changed, event], [*articles, new]


def test_cached_rebuild_after_a_new_article_is_byte_identical(
    tmp_path: Path, counted: list[str]
) -> None:
    events, articles = synthetic(300, articles=8)
    cache = tmp_path / "cache"
    render_site(events, articles, tmp_path / "site", title="T", cache_dir=cache)
    assert len(counted) == 8
    events, articles = add_article(events, articles)
    counted.clear()
    render_site(events, articles, tmp_path / "site", title="T", cache_dir=cache)
    # the new page and the pages whose events changed; the others are reused
    assert 1 <= len(counted) < 9
    render_site(events, articles, tmp_path / "fresh", title="T")
    assert_same(tmp_path / "site", tmp_path / "fresh")
    counted.clear()
    render_site(events, articles, tmp_path / "site", title="Other title", cache_dir=cache)
    assert len(counted) == 9  # the title is on every page
    render_site(events, articles, tmp_path / "fresh", title="Other title")
    assert_same(tmp_path / "site", tmp_path / "fresh")


def test_a_template_change_invalidates_every_page(tmp_path: Path, counted: list[str]) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(PACKAGE_TEMPLATES, templates)
    events, articles = synthetic(100, articles=5)
    cache = tmp_path / "cache"
    render_site(events, articles, tmp_path / "site", templates, title="T", cache_dir=cache)
    base = templates / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace("</body>", "<!-- changed --></body>"),
        encoding="utf-8",
    )
    counted.clear()
    render_site(events, articles, tmp_path / "site", templates, title="T", cache_dir=cache)
    assert len(counted) == 5
    render_site(events, articles, tmp_path / "fresh", templates, title="T")
    assert_same(tmp_path / "site", tmp_path / "fresh")
    assert "<!-- changed -->" in next((tmp_path / "site" / "articles").iterdir()).read_text(
        encoding="utf-8"
    )


def test_a_site_replaced_behind_the_cache_is_not_trusted(
    tmp_path: Path, counted: list[str]
) -> None:
    """A render without the cache (other inputs) in between: the manifest's digests match, the
    files do not."""
    events, articles = synthetic(100, articles=5)
    cache, site = tmp_path / "cache", tmp_path / "site"
    render_site(events, articles, site, title="T", cache_dir=cache)
    render_site(events, articles, site, title="Elsewhere")
    counted.clear()
    render_site(events, articles, site, title="T", cache_dir=cache)
    assert len(counted) == 5
    render_site(events, articles, tmp_path / "fresh", title="T")
    assert_same(site, tmp_path / "fresh")


def test_cli_rebuild_after_one_new_article_matches_a_fresh_build(tmp_path: Path) -> None:
    def run(*args: str) -> None:
        subprocess.run([sys.executable, *args], check=True, cwd=ROOT, capture_output=True)

    content = tmp_path / "content"
    run("bench/make_corpus.py", "30", str(content))
    build = ["-m", "timeline", "build", "-q", "--content", str(content)]
    run(
        *build,
        "--data",
        str(tmp_path / "a" / "events.yaml"),
        "--site",
        str(tmp_path / "a" / "site"),
    )
    assert (tmp_path / "a" / ".cache" / "build.sqlite").is_file()
    run("bench/make_corpus.py", "1", str(content), "--first", "30")
    run(
        *build,
        "--data",
        str(tmp_path / "a" / "events.yaml"),
        "--site",
        str(tmp_path / "a" / "site"),
    )
    run(
        *build,
        "--data",
        str(tmp_path / "b" / "events.yaml"),
        "--site",
        str(tmp_path / "b" / "site"),
    )
    assert_same(tmp_path / "a" / "site", tmp_path / "b" / "site")


def test_parallel_first_render_is_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Article pages over a process pool and the exports in a forked process give the serial
    render's bytes, and the manifest they leave serves a cached rebuild."""
    # more than two chunks of the pool: the pages go to workers
    events, articles = synthetic(300, articles=80)
    render_site(events, articles, tmp_path / "serial", title="T", cache_dir=tmp_path / "c1", jobs=1)
    monkeypatch.setattr(site_module, "ARTICLE_POOL_MIN", 0)
    monkeypatch.setattr(site_module, "EXPORTS_APART_MIN", 0)
    cache = tmp_path / "c2"
    render_site(events, articles, tmp_path / "site", title="T", cache_dir=cache, jobs=2)
    assert_same(tmp_path / "site", tmp_path / "serial")
    events, articles = add_article(events, articles)
    render_site(events, articles, tmp_path / "site", title="T", cache_dir=cache, jobs=2)
    render_site(events, articles, tmp_path / "fresh", title="T", jobs=1)
    assert_same(tmp_path / "site", tmp_path / "fresh")
