"""update_site: a site brought up to date from a change alone is byte for byte a fresh render of
the new state."""

from __future__ import annotations

import dataclasses
import random
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from sitefiles import assert_same, files  # tests/sitefiles.py (pytest puts tests/ on sys.path)
from synthetic import synthetic  # tests/synthetic.py

from timeline.errors import NotIncremental
from timeline.models import Article, Event, Source
from timeline.render import delta, render_site
from timeline.render.delta import SiteChanges, update_site
from timeline.render.page import PageOptions
from timeline.render.site import LIST_MAX, PACKAGE_TEMPLATES
from timeline.store.yaml_store import event_sort_key

Corpus = tuple[list[Event], list[Article]]


def changes_between(before: Corpus, after: Corpus) -> SiteChanges:
    """What a caller would hand update_site for the change before → after (an event's ``extra``,
    which equality leaves out, counts too: its picture)."""
    old = {e.id: _Versioned(e) for e in before[0]}
    new_articles = {a.path: a for a in after[1]}
    old_articles = {a.path: a for a in before[1]}
    order = sorted(after[0], key=event_sort_key)

    def citing(paths: object) -> dict[str, list[Event]]:
        return {p: [e for e in order if p in {s.article for s in e.sources}] for p in paths}  # type: ignore[attr-defined]

    return SiteChanges(
        removed={i for i in old if i not in {e.id for e in after[0]}}
        | {e.id for e in after[0] if e.id in old and old[e.id] != _Versioned(e)},
        upserted=[e for e in after[0] if old.get(e.id) != _Versioned(e)],
        articles_changed=[a for a in after[1] if old_articles.get(a.path) != a],
        articles_removed=[p for p in old_articles if p not in new_articles],
        article_count=len(after[1]),
        events_citing=citing,
        articles_by_path=lambda paths: {p: new_articles[p] for p in paths if p in new_articles},
    )


@dataclasses.dataclass(frozen=True)
class _Versioned:
    event: Event

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, _Versioned)
            and self.event == other.event
            and self.event.extra == other.event.extra
        )

    def __hash__(self) -> int:
        return hash(self.event)


def inodes(site: Path) -> dict[Path, int]:
    return {p.relative_to(site): p.stat().st_ino for p in site.rglob("*") if p.is_file()}


def assert_updated(
    tmp_path: Path, before: Corpus, after: Corpus, title: str = "T", page: PageOptions | None = None
) -> None:
    """update_site over the site of ``before`` gives the fresh render of ``after``; files whose
    bytes did not change keep their inode."""
    site, cache, fresh = tmp_path / "site", tmp_path / "cache", tmp_path / "fresh"
    old_bytes, old_inodes = files(site), inodes(site)
    assert update_site(changes_between(before, after), site, None, title, cache, page=page)
    shutil.rmtree(fresh, ignore_errors=True)
    render_site(*after, fresh, title=title, page=page)
    assert_same(site, fresh)
    new_inodes = inodes(site)
    for rel, data in files(site).items():
        if old_bytes.get(rel) == data:
            assert new_inodes[rel] == old_inodes[rel], f"{rel} unchanged but rewritten"
    assert not list(site.rglob(".*.delta"))


def add_article(corpus: Corpus, rng: random.Random, step: int) -> Corpus:
    events, articles = corpus
    new = Article(
        path=f"synthetic/new-{step}.txt",
        title=f"New {step}",
        text="Talks began.\nMinisters met.",
        lang="en",
        source=f"Outlet new {step}",
    )
    added = [
        dataclasses.replace(
            rng.choice(events),
            id=f"ev-new-{step}-{n}",
            title=f"New {step} {n}",
            sources=(Source(new.path, "Talks began.", 0, 12),),
        )
        for n in range(12)
    ]
    return [*events, *added], [*articles, new]


def remove_article(corpus: Corpus, rng: random.Random, step: int) -> Corpus:
    events, articles = corpus
    gone = rng.choice(articles).path
    return [e for e in events if gone not in {s.article for s in e.sources}], [
        a for a in articles if a.path != gone
    ]


def move_event(corpus: Corpus, rng: random.Random, step: int) -> Corpus:
    """A new title and date for a few events: they move in both orders."""
    events, articles = corpus
    moved = {e.id for e in rng.sample(events, 3)}
    return [
        dataclasses.replace(
            e,
            title=f"Moved {step}",
            date=f"{rng.randint(1990, 2025)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
            date_end=None,
            precision="day",
        )
        if e.id in moved
        else e
        for e in events
    ], articles


def new_year(corpus: Corpus, rng: random.Random, step: int) -> Corpus:
    events, articles = corpus
    return [
        *events,
        dataclasses.replace(
            rng.choice(events),
            id=f"ev-year-{step}",
            date=f"{2030 + step}-05-0{step % 9 + 1}",
            date_end=None,
            precision="day",
        ),
    ], articles


def drop_year(corpus: Corpus, rng: random.Random, step: int) -> Corpus:
    """Every event of the first year goes: its year page (or its part of the index) goes, the
    next one's links change."""
    events, articles = corpus
    first = min(e.date[:4] for e in events if e.date)
    return [e for e in events if not (e.date or "").startswith(first)], articles


def undated_and_back(corpus: Corpus, rng: random.Random, step: int) -> Corpus:
    """One dated event loses its date (joins an undated group), one undated event gets one."""
    events, articles = corpus
    dated = [e for e in events if e.date]
    undated = [e for e in events if not e.date]
    losing, gaining = rng.choice(dated).id, (rng.choice(undated).id if undated else None)
    return [
        dataclasses.replace(e, date=None, date_end=None, precision=None)
        if e.id == losing
        else dataclasses.replace(e, date="2011-11-11", precision="day")
        if e.id == gaining
        else e
        for e in events
    ], articles


def reorder_facets(corpus: Corpus, rng: random.Random, step: int) -> Corpus:
    """The rarest actor gains enough events to become the most frequent: the facet list reorders."""
    events, articles = corpus
    counts = Counter(a for e in events for a in e.actors)
    rare, top = min(counts, key=lambda a: (counts[a], a)), max(counts.values())
    without = [e for e in events if rare not in e.actors]
    chosen = {e.id for e in rng.sample(without, min(len(without), top - counts[rare] + 1))}
    return [
        dataclasses.replace(e, actors=tuple(sorted({*e.actors, rare}))) if e.id in chosen else e
        for e in events
    ], articles


def rename_article(corpus: Corpus, rng: random.Random, step: int) -> Corpus:
    """An article's source name changes: every fragment naming it, and the source filter."""
    events, articles = corpus
    renamed = rng.choice(articles).path
    return events, [
        dataclasses.replace(a, source=f"Renamed {step}") if a.path == renamed else a
        for a in articles
    ]


CHANGES: list[Callable[[Corpus, random.Random, int], Corpus]] = [
    add_article,
    remove_article,
    move_event,
    new_year,
    drop_year,
    undated_and_back,
    reorder_facets,
    rename_article,
]


@pytest.mark.parametrize("size", [300, LIST_MAX + 400], ids=["small", "split"])
@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__ for c in CHANGES])
def test_each_change_gives_a_fresh_render(
    tmp_path: Path, size: int, change: Callable[[Corpus, random.Random, int], Corpus]
) -> None:
    before = synthetic(size, articles=size // 25, seed=size)
    render_site(*before, tmp_path / "site", title="T", cache_dir=tmp_path / "cache")
    after = change(before, random.Random(size), 1)
    if change is reorder_facets:
        assert_facet_order_changes(before, after)
    assert_updated(tmp_path, before, after)


def assert_facet_order_changes(before: Corpus, after: Corpus) -> None:
    def order(events: list[Event]) -> list[str]:
        counts = Counter(a for e in events for a in e.actors)
        return sorted(counts, key=lambda a: (-counts[a], a))

    assert order(before[0]) != order(after[0])


@pytest.mark.parametrize("seed", [1, 2])
def test_random_sequences_of_changes(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several updates in a row, each a random mix of changes, over a split site (the state is
    kept up to date)."""
    # a mix may touch more than a full render's threshold
    monkeypatch.setattr(delta, "MAX_SHARE", 0.5)
    rng = random.Random(seed)
    corpus = synthetic(LIST_MAX + 300, articles=60, seed=seed)
    render_site(*corpus, tmp_path / "site", title="T", cache_dir=tmp_path / "cache")
    for step in range(4):
        after = corpus
        for change in rng.sample(CHANGES, 3):
            after = change(after, rng, 10 * seed + step)
        assert_updated(tmp_path, corpus, after)
        corpus = after


def test_nothing_changed_touches_nothing(tmp_path: Path) -> None:
    corpus = synthetic(LIST_MAX + 100, articles=6)
    site = tmp_path / "site"
    render_site(*corpus, site, title="T", cache_dir=tmp_path / "cache")
    before = {
        rel: (p.stat().st_ino, p.stat().st_mtime_ns)
        for rel, p in ((p.relative_to(site), p) for p in site.rglob("*") if p.is_file())
    }
    assert update_site(changes_between(corpus, corpus), site, None, "T", tmp_path / "cache")
    after = {
        rel: (p.stat().st_ino, p.stat().st_mtime_ns)
        for rel, p in ((p.relative_to(site), p) for p in site.rglob("*") if p.is_file())
    }
    assert before == after


def test_a_full_render_after_updates_keeps_the_site(tmp_path: Path) -> None:
    """render_site over a site update_site wrote (its splice manifest partly forgotten) still
    writes the fresh bytes, and leaves a state the next update can use."""
    corpus = synthetic(LIST_MAX + 100, articles=6)
    site, cache = tmp_path / "site", tmp_path / "cache"
    render_site(*corpus, site, title="T", cache_dir=cache)
    after = add_article(corpus, random.Random(3), 1)
    assert update_site(changes_between(corpus, after), site, None, "T", cache)
    render_site(*after, site, title="T", cache_dir=cache)
    render_site(*after, tmp_path / "fresh", title="T")
    assert_same(site, tmp_path / "fresh")
    assert_updated(tmp_path, after, move_event(after, random.Random(4), 2))


def untouched(tmp_path: Path, corpus: Corpus, after: Corpus, **kwargs: object) -> None:
    """update_site declines and leaves every file as it was."""
    site = tmp_path / "site"
    snapshot, ids = files(site), inodes(site)
    args = {"templates": None, "title": "T", "cache_dir": tmp_path / "cache", **kwargs}
    with pytest.raises(NotIncremental):
        update_site(changes_between(corpus, after), site, **args)  # type: ignore[arg-type]
    assert files(site) == snapshot and inodes(site) == ids


@pytest.mark.parametrize("how", ["edited", "added", "removed"])
def test_a_site_file_changed_behind_the_cache_is_refused(tmp_path: Path, how: str) -> None:
    corpus = synthetic(LIST_MAX + 100, articles=6)
    site = tmp_path / "site"
    render_site(*corpus, site, title="T", cache_dir=tmp_path / "cache")
    page = next((site / "articles").iterdir())
    if how == "edited":
        data = page.read_bytes()
        page.unlink()
        page.write_bytes(data.replace(b"e", b"E"))  # same size, another inode and mtime
    elif how == "added":
        (site / "years" / "stray.html").write_text("stray")
    else:
        sorted((site / "data").glob("html-*.js"))[3].unlink()
    untouched(tmp_path, corpus, add_article(corpus, random.Random(5), 1))


def test_changed_templates_or_title_are_refused(tmp_path: Path) -> None:
    corpus = synthetic(300, articles=6)
    render_site(*corpus, tmp_path / "site", title="T", cache_dir=tmp_path / "cache")
    after = add_article(corpus, random.Random(6), 1)
    templates = tmp_path / "templates"
    shutil.copytree(PACKAGE_TEMPLATES, templates)
    (templates / "year.html").write_text(
        (templates / "year.html").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    untouched(tmp_path, corpus, after, templates=templates)
    untouched(tmp_path, corpus, after, title="Another title")


def test_refused_without_state_or_across_the_list_limit_or_after_a_failed_update(
    tmp_path: Path,
) -> None:
    corpus = synthetic(LIST_MAX - 5, articles=6)
    site, cache = tmp_path / "site", tmp_path / "cache"
    render_site(*corpus, site, title="T", cache_dir=cache)
    # 2,007 events: the list leaves the index
    untouched(tmp_path, corpus, add_article(corpus, random.Random(7), 1))
    untouched(tmp_path, corpus, (corpus[0], corpus[1]), cache_dir=tmp_path / "no-cache")
    gone = dataclasses.replace(corpus[0][0], id="ev-never-rendered")
    with pytest.raises(NotIncremental, match="does not hold an event"):
        update_site(
            dataclasses.replace(changes_between(corpus, corpus), removed={gone.id}),
            site,
            None,
            "T",
            cache,
        )

    import timeline.render.rewrite as rewrite

    after = move_event(corpus, random.Random(8), 1)
    real = rewrite.replace_soon_freed
    calls = []

    def dies(src: Path, dst: Path, root: Path) -> None:
        calls.append(dst)
        if len(calls) == 3:
            raise OSError("disk full")
        real(src, dst, root)

    rewrite.replace_soon_freed = dies  # type: ignore[assignment]
    try:
        with pytest.raises(OSError):
            update_site(changes_between(corpus, after), site, None, "T", cache)
    finally:
        rewrite.replace_soon_freed = real
    # half-written: refused
    with pytest.raises(NotIncremental):
        update_site(changes_between(corpus, after), site, None, "T", cache)
    render_site(*after, site, title="T", cache_dir=cache)  # the full render repairs it
    render_site(*after, tmp_path / "fresh", title="T")
    assert_same(site, tmp_path / "fresh")


def test_hostile_text_and_odd_events(tmp_path: Path) -> None:
    """Escaping hazards, ids with control characters, events without sources or with dates off
    the calendar."""
    from test_render_fragments import HOSTILE, hostile_events

    events, articles = synthetic(LIST_MAX + 50, articles=80)
    odd, odd_articles = hostile_events()
    before = ([*events, *odd], [*articles, *odd_articles])
    render_site(*before, tmp_path / "site", title=HOSTILE, cache_dir=tmp_path / "cache")
    after = (
        [
            dataclasses.replace(e, title=e.title + HOSTILE[:9])
            if e.id in (odd[0].id, odd[2].id)
            else e
            for e in before[0]
        ],
        [
            dataclasses.replace(a, source="x" + HOSTILE) if a.path == odd_articles[0].path else a
            for a in before[1]
        ],
    )
    after = add_article(after, random.Random(9), 1)
    assert_updated(tmp_path, before, after, title=HOSTILE)


def test_only_the_pages_of_articles_touched_are_rendered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = synthetic(LIST_MAX + 100, articles=60)
    render_site(*before, tmp_path / "site", title="T", cache_dir=tmp_path / "cache")
    events, articles = add_article(before, random.Random(10), 1)
    old = {e.id: e for e in events}[events[5].id]
    moved = dataclasses.replace(
        old, title="Moved", sources=(*old.sources, Source(articles[7].path, "q", 0, 1))
    )
    gone = events[9]
    after = ([moved if e.id == moved.id else e for e in events if e.id != gone.id], articles)
    rendered: list[str] = []
    real = delta.article_page

    def spy(env: object, title: str, article: Article, events: list[Event]) -> bytes:
        rendered.append(article.path)
        return real(env, title, article, events)  # type: ignore[arg-type]

    monkeypatch.setattr(delta, "article_page", spy)
    assert_updated(tmp_path, before, after)
    expected = {
        articles[-1].path,
        *(s.article for s in (*old.sources, *moved.sources, *gone.sources)),
    }
    assert sorted(rendered) == sorted(expected)


def _picture(n: int) -> bytes:
    from test_render_page import png

    return png() + bytes([n])  # a PNG signature, other bytes for each n


@pytest.mark.parametrize("size", [300, LIST_MAX + 400], ids=["small", "split"])
def test_pictures_that_no_event_shows_leave_the_site(tmp_path: Path, size: int) -> None:
    """An event with a picture removed, a picture changed, one of two events sharing a picture
    removed, the last picture gone: media/ holds what a full render copies, no more."""
    content = tmp_path / "content"
    content.mkdir()
    for n in range(4):
        (content / f"p{n}.png").write_bytes(_picture(n))
    page = PageOptions(title="T", media_root=content)
    events, articles = synthetic(size, articles=size // 25, seed=size)
    pictures = {0: "p0.png", 1: "p1.png", 2: "p2.png", 3: "p2.png"}  # 2 and 3 share one file
    events = [
        dataclasses.replace(e, extra={"image": pictures[n], "image_alt": f"Alt {n}"})
        if n in pictures
        else e
        for n, e in enumerate(events)
    ]
    ids = [e.id for e in events[:4]]
    render_site(events, articles, tmp_path / "site", cache_dir=tmp_path / "cache", page=page)
    assert len(list((tmp_path / "site" / "media").iterdir())) == 3

    def without(corpus: Corpus, gone: set[str]) -> Corpus:
        return [e for e in corpus[0] if e.id not in gone], corpus[1]

    def repictured(corpus: Corpus, event_id: str, image: str) -> Corpus:
        return [
            dataclasses.replace(e, extra={"image": image}) if e.id == event_id else e
            for e in corpus[0]
        ], corpus[1]

    steps: list[Callable[[Corpus], Corpus]] = [
        lambda c: without(c, {ids[0]}),  # p0 goes
        lambda c: repictured(c, ids[1], "p3.png"),  # p1 goes, p3 comes
        lambda c: without(c, {ids[2]}),  # p2 stays: event 3 still shows it
        lambda c: repictured(c, ids[3], "none.png"),  # a missing file: p2 goes
        lambda c: without(c, {ids[1]}),  # the last picture: media/ goes
    ]
    corpus: Corpus = (events, articles)
    for step in steps:
        after = step(corpus)
        assert_updated(tmp_path, corpus, after, page=page)
        corpus = after
    assert not (tmp_path / "site" / "media").exists()
