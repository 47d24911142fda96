"""Per-event fragments: the Python twin of _event.html, splicing from the previous site, the
capped feed."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from lxml import etree
from sitefiles import assert_same  # tests/sitefiles.py (pytest puts tests/ on sys.path)
from synthetic import synthetic, tricky  # tests/synthetic.py

import timeline.render.event_html as event_html_module
from timeline.models import Article, Event, Source
from timeline.render import render_site
from timeline.render.event_html import event_li, is_shipped
from timeline.render.exports import ATOM_ENTRIES, _stamp
from timeline.render.site import (
    LIST_MAX,
    PACKAGE_TEMPLATES,
    article_slug,
    make_environment,
    time_tag,
)

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = "</li><script>alert(1)</script> & \"q\" 'a' <!--/event--> \x00 \u2028 {{ x }}"


def hostile_events() -> tuple[list[Event], list[Article]]:
    art = Article(
        path=f"x/{HOSTILE[:12]}.md", title=HOSTILE, text="a\nb", lang="en", source=HOSTILE
    )
    src = Source(art.path, HOSTILE, 0, 1, HOSTILE, HOSTILE)
    events = [
        Event(
            id=HOSTILE,
            date=HOSTILE,
            precision=HOSTILE,
            title=HOSTILE,
            text=HOSTILE,
            sources=(src, src),
            date_source="publication",
            date_text=HOSTILE,
            date_end=HOSTILE + "x",
            actors=(HOSTILE, "b"),
            places=(HOSTILE,),
            tags=(HOSTILE, HOSTILE),
        ),
        Event(
            id="ev-same",
            date="2024-01-02",
            precision=None,
            title="Same",
            text="Same",
            sources=(),
            date_end="2024-01-02",
        ),
        Event(
            id="ev-empty",
            date=None,
            precision=None,
            title="",
            text="",
            sources=(Source("missing.md", "", 0, 0),),
        ),
        Event(
            id="ev-end",
            date="2024",
            precision="year",
            title="T",
            text="",
            sources=(src,),
            date_end="2025",
            tags=("t",),
        ),
    ]
    return events, [art]


def test_the_twin_serves_a_templates_folder_only_while_its_event_template_is_the_shipped_one(
    tmp_path: Path,
) -> None:
    own = tmp_path / "templates"
    shutil.copytree(PACKAGE_TEMPLATES, own)
    assert is_shipped(PACKAGE_TEMPLATES, PACKAGE_TEMPLATES) and is_shipped(own, PACKAGE_TEMPLATES)
    event = own / "_event.html"
    event.write_text(event.read_text(encoding="utf-8") + "<!-- ours -->", encoding="utf-8")
    assert not is_shipped(own, PACKAGE_TEMPLATES)


@pytest.mark.parametrize("sample", [tricky, lambda: synthetic(400, articles=9), hostile_events])
def test_the_twin_writes_what_jinja_writes(sample) -> None:  # type: ignore[no-untyped-def]
    events, articles = sample()
    by_path = {a.path: a for a in articles}
    env = make_environment(None)
    template = env.get_template("_event.html")
    from timeline.render.client_data import source_name

    for event in events:
        jinja = template.render(event=event, root="", articles=by_path, source_name=source_name)
        assert event_li(event, by_path, time_tag, article_slug) == jinja.strip("\n"), event.id


def test_an_edited_event_template_goes_through_jinja(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(PACKAGE_TEMPLATES, templates)
    item = templates / "_event.html"
    item.write_text(
        item.read_text(encoding="utf-8").replace(
            '<p class="event-links">', '<p class="event-links mine">'
        ),
        encoding="utf-8",
    )
    events, articles = synthetic(LIST_MAX + 50, articles=4)
    render_site(
        events, articles, tmp_path / "site", templates, title="T", cache_dir=tmp_path / "cache"
    )
    year = next((tmp_path / "site" / "years").glob("20*.html")).read_text(encoding="utf-8")
    assert 'class="event-links mine"' in year
    assert all(
        "event-links mine" in p.read_text(encoding="utf-8")
        for p in (tmp_path / "site" / "data").glob("html-*.js")
    )


def change(
    events: list[Event], articles: list[Article], step: int
) -> tuple[list[Event], list[Article]]:
    """Add an article with new events, edit some events, delete others, rename an article (its
    source name)."""
    new = Article(
        path=f"synthetic/new-{step}.txt",
        title=f"New {step}",
        text="Talks began.",
        lang="en",
        source="Outlet new",
    )
    added = [
        dataclasses.replace(
            events[10 * step + n],
            id=f"ev-new-{step}-{n}",
            title=f"New {step} {n}",
            sources=(Source(new.path, "Talks began.", 0, 12),),
        )
        for n in range(3)
    ]
    edited = {events[5 + step].id, events[-7 - step].id}
    deleted = {events[100 + step].id, events[len(events) // 2].id}
    kept = [
        dataclasses.replace(e, title=e.title + " (edited)") if e.id in edited else e
        for e in events
        if e.id not in deleted
    ]
    renamed = [
        dataclasses.replace(a, source="Renamed outlet") if a.path == articles[2].path else a
        for a in articles
    ]
    return [*kept, *added], [*renamed, new]


def test_cached_rebuilds_are_byte_identical_to_fresh_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = event_html_module.event_li

    def spy(event: Event, *args: object) -> str:
        calls.append(event.id)
        return real(event, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(event_html_module, "event_li", spy)
    events, articles = synthetic(LIST_MAX + 600, articles=12)
    site, cache, fresh = tmp_path / "site", tmp_path / "cache", tmp_path / "fresh"
    render_site(events, articles, site, title="T", cache_dir=cache)
    # each <li> rendered once, for its year page and its html chunk
    assert len(calls) == len(events)
    for step in range(3):
        events, articles = change(events, articles, step)
        calls.clear()
        render_site(events, articles, site, title="T", cache_dir=cache)
        assert 0 < len(calls) < len(events) // 4  # only new, edited and re-sourced events
        shutil.rmtree(fresh, ignore_errors=True)
        render_site(events, articles, fresh, title="T")
        assert_same(site, fresh)
    calls.clear()
    # nothing changed: every file kept
    render_site(events, articles, site, title="T", cache_dir=cache)
    assert calls == []
    assert_same(site, fresh)
    # the title is in every fragment's key
    render_site(events, articles, site, title="Other", cache_dir=cache)
    shutil.rmtree(fresh)
    render_site(events, articles, fresh, title="Other")
    assert_same(site, fresh)


def test_a_previous_file_changed_behind_the_cache_is_not_spliced_from(tmp_path: Path) -> None:
    events, articles = synthetic(LIST_MAX + 100, articles=6)
    site, cache, fresh = tmp_path / "site", tmp_path / "cache", tmp_path / "fresh"
    render_site(events, articles, site, title="T", cache_dir=cache)
    html = sorted((site / "data").glob("html-*.js"))[3].relative_to(site).as_posix()
    for name in ("events.json", "events.csv", "years/2000.html", html):
        path = site / name
        data = path.read_bytes()
        path.unlink()
        path.write_bytes(data.replace(b"e", b"E"))  # same size, another inode and mtime
    events = [*events, dataclasses.replace(events[0], id="ev-added")]
    render_site(events, articles, site, title="T", cache_dir=cache)
    render_site(events, articles, fresh, title="T")
    assert_same(site, fresh)


def test_unchanged_big_files_keep_their_inode(tmp_path: Path) -> None:
    events, articles = synthetic(LIST_MAX + 100, articles=6)
    site, cache = tmp_path / "site", tmp_path / "cache"
    render_site(events, articles, site, title="T", cache_dir=cache)
    before = {p.relative_to(site): p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    render_site(events, articles, site, title="T", cache_dir=cache)
    after = {p.relative_to(site): p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    assert before == after


def test_the_feed_holds_the_most_recent_events_newest_first(tmp_path: Path) -> None:
    events, articles = synthetic(ATOM_ENTRIES * 3, articles=5)
    render_site(events, articles, tmp_path / "site", title="T")
    root = etree.parse(str(tmp_path / "site" / "events.atom")).getroot()
    ids = [e.findtext(f"{ATOM}id").rsplit(":", 1)[1] for e in root.findall(f"{ATOM}entry")]
    expected = [
        e.id for e in sorted(events, key=lambda e: (_stamp(e), e.id), reverse=True)[:ATOM_ENTRIES]
    ]
    assert ids == expected
    newest = max(_stamp(e) for e in events)
    assert root.findtext(f"{ATOM}updated") == newest.isoformat()
