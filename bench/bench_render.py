"""The render stage alone: a full render vs. cached re-renders after a one-article change.

    python bench/bench_render.py --data /tmp/rnd10k/data/events.yaml --content
    /tmp/timeline-bench/corpus-10000

Build the data first (``timeline build --content C --data D/events.yaml --site S``). Events and
articles are loaded the way ``pipeline.render`` loads them; then, in a scratch folder:

- full render, no cache (what ``render_site`` costs from nothing; also the reference output),
- full render with an empty cache (the first build: renders everything and fills the cache),
- then, ``--repeat`` times: +1 article (one new article with two events, one old event edited)
  rendered over the cached site, and back to the original events (one article gone), each timed;
- with ``--check``: the cached site compared byte for byte with a fresh uncached render of the same
  input;
- ``update_site`` (``render/delta.py``) for +1 article's worth of changes (``delta_plus_one``: 12
  new events citing one new article, one old event upserted with that article as an extra source)
  over a fresh cached full render, then back (``delta_back``), each timed and (``--check``) compared
  with an uncached render of the same input.

Prints seconds per step and the peak resident memory of this process.
"""

from __future__ import annotations

import argparse
import dataclasses
import filecmp
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

# this checkout's timeline, not an installed one
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.config import load_config
from timeline.errors import NotIncremental
from timeline.events.salience import top_dates
from timeline.models import Article, Event, Source
from timeline.pipeline import read_content, store_cache
from timeline.render import render_site
from timeline.render.delta import SiteChanges, update_site
from timeline.report import BufferReporter
from timeline.store import live_events, read_store
from timeline.store.yaml_store import event_sort_key


def plus_one(events: list[Event], articles: list[Article]) -> tuple[list[Event], list[Article]]:
    """One new article with two events (one dated, one citing an old article too) and one old
    event edited."""
    new = Article(
        path="zz-bench/new-article.md",
        title="A new article",
        lang="en",
        published="2024-05-03",
        text="Talks began in Berlin on 3 May 2024.\nThe ministers met again on 4 May 2024.",
    )
    dated = [e for e in events if e.date]
    base, other = dated[len(dated) // 2], dated[len(dated) // 3]
    added = [
        dataclasses.replace(
            base,
            id="ev-bench-new-1",
            date="2024-05-03",
            title="Talks began in Berlin",
            sources=(
                Source(
                    article=new.path, quote="Talks began in Berlin on 3 May 2024.", start=0, end=36
                ),
            ),
        ),
        dataclasses.replace(
            other,
            id="ev-bench-new-2",
            date="2024-05-04",
            title="The ministers met again",
            sources=(
                Source(article=new.path, quote="The ministers met again", start=37, end=60),
                *other.sources[:1],
            ),
        ),
    ]
    edited = [
        dataclasses.replace(e, text=e.text + " (updated)") if e.id == dated[7].id else e
        for e in events
    ]
    return [*edited, *added], [*articles, new]


def delta_plus_one(
    events: list[Event], articles: list[Article]
) -> tuple[list[Event], list[Article], SiteChanges]:
    """+1 article as update_site sees it: 12 new events citing one new article, one old event
    upserted with that article as an extra source. The lookups the caller supplies (events citing
    a path, articles by path) are indexed here, before the clock starts."""
    new = Article(
        path="zz-bench/delta-article.md",
        title="A delta article",
        lang="en",
        published="2024-05-03",
        text="Talks began in Berlin on 3 May 2024.\nThe ministers met again on 4 May 2024.",
    )
    source = Source(article=new.path, quote="Talks began in Berlin on 3 May 2024.", start=0, end=36)
    dated = [e for e in events if e.date]
    added = [
        dataclasses.replace(
            dated[(n * 7919) % len(dated)],
            id=f"ev-delta-{n:02d}",
            title=f"Delta event {n}",
            date=f"{2019 + n % 4}-{1 + n % 12:02d}-{1 + n:02d}",
            date_end=None,
            precision="day",
            sources=(source,),
        )
        for n in range(12)
    ]
    edited = dataclasses.replace(
        dated[len(dated) // 2], sources=(*dated[len(dated) // 2].sources, source)
    )
    after = [edited if e.id == edited.id else e for e in events] + added
    articles_after = [*articles, new]
    by_path = {a.path: a for a in articles_after}
    citing: dict[str, list[Event]] = {}
    for event in sorted(after, key=event_sort_key):
        for path in sorted({s.article for s in event.sources}):
            citing.setdefault(path, []).append(event)
    changes = SiteChanges(
        removed={edited.id},
        upserted=[*added, edited],
        articles_changed=[new],
        articles_removed=[],
        article_count=len(articles_after),
        events_citing=lambda paths: {p: citing.get(p, []) for p in paths},
        articles_by_path=lambda paths: {p: by_path[p] for p in paths if p in by_path},
    )
    return after, articles_after, changes


def delta_back(events: list[Event], articles: list[Article], forward: SiteChanges) -> SiteChanges:
    """The reverse of ``delta_plus_one``: its article and new events go, the edited event is what
    it was."""
    by_id = {e.id: e for e in events}
    by_path = {a.path: a for a in articles}
    citing: dict[str, list[Event]] = {}
    for event in sorted(events, key=event_sort_key):
        for path in sorted({s.article for s in event.sources}):
            citing.setdefault(path, []).append(event)
    return SiteChanges(
        removed={e.id for e in forward.upserted},
        upserted=[by_id[e.id] for e in forward.upserted if e.id in by_id],
        articles_changed=[],
        articles_removed=[a.path for a in forward.articles_changed],
        article_count=len(articles),
        events_citing=lambda paths: {p: citing.get(p, []) for p in paths},
        articles_by_path=lambda paths: {p: by_path[p] for p in paths if p in by_path},
    )


def timed(label: str, fn, results: dict[str, list[float]]) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    fn()
    results.setdefault(label, []).append(time.perf_counter() - started)
    print(f"  {label}: {results[label][-1]:.2f} s", flush=True)


def _applied(changes: SiteChanges, site: Path, title: str, cache: Path) -> bool:
    """update_site, False when it declines (it says why)."""
    try:
        return update_site(changes, site, None, title, cache)
    except NotIncremental as why:
        print(f"  update_site declined: {why}", flush=True)
        return False


def same_tree(a: Path, b: Path) -> bool:
    left = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    right = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    if left != right:
        print("  file lists differ:", sorted(set(left) ^ set(right))[:10])
        return False
    bad = [p for p in left if not filecmp.cmp(a / p, b / p, shallow=False)]
    if bad:
        print("  files differ:", bad[:10])
    return not bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="events.yaml of a finished build")
    parser.add_argument("--content", type=Path, required=True, help="the articles of that build")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument(
        "--check", action="store_true", help="compare the cached site with an uncached render"
    )
    parser.add_argument(
        "--scratch", type=Path, default=None, help="scratch folder (default: a temporary one)"
    )
    args = parser.parse_args()

    cfg = load_config(None, content=args.content, data=args.data, quiet=True)
    started = time.perf_counter()
    events = top_dates(live_events(read_store(cfg.data, store_cache(cfg)).events), cfg.top)
    articles = read_content(cfg, BufferReporter())
    print(
        f"{len(articles)} articles, {len(events)} events (loaded in "
        f"{time.perf_counter() - started:.1f} s)",
        flush=True,
    )
    more_events, more_articles = plus_one(events, articles)

    scratch = Path(tempfile.mkdtemp(prefix="bench-render-", dir=args.scratch))
    site, cache, fresh = scratch / "site", scratch / "cache", scratch / "fresh"
    results: dict[str, list[float]] = {}
    try:
        timed(
            "full render, no cache",
            lambda: render_site(events, articles, fresh, None, cfg.title, None),
            results,
        )
        timed(
            "full render, empty cache (first build)",
            lambda: render_site(events, articles, site, None, cfg.title, cache),
            results,
        )
        if args.check:
            print("  cached first build == uncached render:", same_tree(site, fresh), flush=True)
        for _ in range(args.repeat):
            timed(
                "+1 article, cached",
                lambda: render_site(more_events, more_articles, site, None, cfg.title, cache),
                results,
            )
            timed(
                "-1 article (back), cached",
                lambda: render_site(events, articles, site, None, cfg.title, cache),
                results,
            )
        timed(
            "nothing changed, cached",
            lambda: render_site(events, articles, site, None, cfg.title, cache),
            results,
        )
        delta_events, delta_articles, changes = delta_plus_one(events, articles)
        delta_site, delta_cache = scratch / "delta-site", scratch / "delta-cache"
        timed(
            "full render, empty cache (for update_site)",
            lambda: render_site(events, articles, delta_site, None, cfg.title, delta_cache),
            results,
        )
        # the full render's 500 MB flushed, as between two builds (else its writeback slows every
        # rename)
        os.sync()
        updated: list[bool] = []
        timed(
            "update_site, +1 article",
            lambda: updated.append(_applied(changes, delta_site, cfg.title, delta_cache)),
            results,
        )
        print(f"  update_site applied: {updated[-1]}", flush=True)
        if args.check:
            render_site(
                delta_events, delta_articles, scratch / "delta-fresh", None, cfg.title, None
            )
            print(
                "  update_site == uncached render (+1 article):",
                same_tree(delta_site, scratch / "delta-fresh"),
                flush=True,
            )
        back = delta_back(events, articles, changes)
        os.sync()
        timed(
            "update_site, -1 article (back)",
            lambda: updated.append(update_site(back, delta_site, None, cfg.title, delta_cache)),
            results,
        )
        print(f"  update_site applied: {updated[-1]}", flush=True)
        if args.check:
            print(
                "  update_site == uncached render (original input):",
                same_tree(delta_site, fresh),
                flush=True,
            )
        if args.check:
            print("  cached == uncached (original input):", same_tree(site, fresh), flush=True)
            render_site(more_events, more_articles, site, None, cfg.title, cache)
            render_site(more_events, more_articles, fresh, None, cfg.title, None)
            print("  cached == uncached (+1 article):", same_tree(site, fresh), flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("summary (median seconds):")
    for label, values in results.items():
        print(f"  {label:<40} {statistics.median(values):7.2f}")
    print(
        f"  peak RSS of this process: "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
