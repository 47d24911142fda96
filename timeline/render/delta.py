"""Bring a rendered site up to date with a few changed events and articles, in time proportional to
the change.

``render_site`` writes every file from every event; on a big archive a one-article rebuild would
walk 10^5 events. ``update_site`` is given only what changed (``SiteChanges``) and writes exactly
the bytes a full render of the new state would, from what the last render recorded
(``site_state.py``) and the site's own files:

- *Orders.* Each big file lists one fragment per event in the list order or the export order. The
  removed and replaced events are taken out of the recorded orders by id, the new versions put in by
  binary search on their sort keys; ``origin`` maps every new position to its old one (or -1: new).
- *Files.* Each file is literal text around runs of positions: the chunked data files and the
  exports cut the order by count, the year pages (or a small site's index) by group, their text
  rendered from the templates with a marker per group (``list_groups.skeleton``). ``rewrite.py``
  copies the old fragments' bytes run by run from the previous files and makes only the new ones; a
  file whose bytes do not change is left alone.
- *Old events.* Whatever the state lacks about an event on its way out is read back from the site:
  its row in events-NNN.js gives its filter values (to count them down), its entry in events.json
  the articles it cited (whose pages change).
- *Totals.* meta.js, index.html, the feed and the year pages' headers are rendered anew from the
  recorded groups, filter counts and the feed's reserve of recent events.
- *Article pages.* Only those of changed articles and of articles cited by removed or new events.

It declines (returns False, site untouched) whenever it cannot be sure: no state, a dirty one (an
update died half-way), another renderer (templates, code, title), templates of one's own, a site
file whose stamp differs from the recorded one, an event to remove that the site does not have, a
change of more than ``MAX_SHARE`` of the events, a site crossing ``LIST_MAX`` (the list moves
between the index and the year pages), a feed reserve run dry. The caller then runs ``render_site``.
A failure while writing leaves the state marked dirty: the next build renders in full.
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import json
import os
import sqlite3
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import NotIncremental
from ..infra.builddb import build_db_file, connect
from ..models import Article, Event
from .client_data import (
    FACETS,
    ROWS,
    SEARCH,
    ChunkedArray,
    Facets,
    HtmlChunk,
    chunk_count,
    event_facets,
    html_chunks,
    meta_file,
    row_json,
    script_json,
    search_json,
)
from .embed import embed_page
from .event_html import event_li
from .exports import CSV, ICALENDAR, JSON, TIMELINEJS, Layout, atom_bytes
from .list_groups import (
    GroupKey,
    SourceNames,
    group_name,
    group_of,
    heading,
    list_key,
    name_of,
    skeleton,
    source_names,
    year_pages,
)
from .media import ARTICLE, media_files, media_names, picture_stamps, wanted_pictures
from .page import PageOptions, page_scope
from .page_cache import page_digest
from .rewrite import FamilyPlan, Run, SiteWriter
from .site import (
    LIST_MAX,
    PACKAGE_TEMPLATES,
    article_page,
    article_slug,
    data_chunks,
    make_environment,
    render_base,
    shipped_templates,
    time_tag,
)
from .site_state import (
    ATOM_ENTRIES,
    FEED_RESERVE,
    SiteState,
    Spans,
    base_digest,
    drop_stale,
    export_row,
    feed_key,
    list_row,
    mark_dirty,
    order_key,
    site_stamps,
)

MAX_SHARE = 0.05  # more events touched than this share: a full render is as quick and simpler


@dataclass
class SiteChanges:
    """What changed since the site was last written (see update_site)."""

    # ids of live events no longer in the site (an id also in upserted = replaced)
    removed: set[str]
    # live events that are new or whose content changed (complete Event objects)
    upserted: list[Event]
    articles_changed: list[Article]  # articles added or changed (full text, for their pages)
    articles_removed: list[str]  # paths of articles gone
    # number of articles after the change (the index says "N events from M articles")
    article_count: int
    # path -> every live event citing it, in store.event_sort_key order (after the change)
    events_citing: Callable[[Collection[str]], dict[str, list[Event]]]
    # current Article objects (after the change) for these paths (paths without an article are left
    # out)
    articles_by_path: Callable[[Collection[str]], dict[str, Article]]


def update_site(
    changes: SiteChanges,
    site: Path,
    templates: Path | None,
    title: str,
    cache_dir: Path,
    jobs: int = 0,
    page: PageOptions | None = None,
) -> bool:
    """``update_site`` in the page's settings and locale (``page``, as render_site takes them)."""
    page = page if page is not None else PageOptions(title=title)
    with page_scope(page):
        return _update_site(changes, site, templates, page.title, cache_dir, jobs)


def _update_site(
    changes: SiteChanges,
    site: Path,
    templates: Path | None,
    title: str,
    cache_dir: Path,
    jobs: int = 0,
) -> bool:
    """Bring site/ (last written by render_site or update_site with this cache_dir) to exactly
    the bytes render_site(all events after, all articles after, ...) would write, in time
    proportional to the change (True). NotIncremental, saying why, with the site untouched, when it
    cannot: no/stale state, templates or renderer code or title changed, a site file changed behind
    its back (stamps), too large a change (fall back: the caller then runs render_site). ``jobs`` is
    accepted for symmetry with render_site: the few pages an update renders are rendered here."""
    templates = templates or PACKAGE_TEMPLATES
    if not build_db_file(cache_dir).is_file() or not site.is_dir():
        raise NotIncremental(f"no record of the site {site}/ the last build wrote")
    if not shipped_templates(templates):
        raise NotIncremental(f"the templates in {templates} are not the shipped ones")
    base = render_base(templates, title)
    db = connect(cache_dir)
    collecting = gc.isenabled()
    # the state is 10^5 strings in a few lists, no cycles: a collection would walk the caller's heap
    # for nothing
    gc.disable()
    try:
        state = SiteState.load(db, base_digest(base), cache_dir)
        if state is None:
            raise NotIncremental("no record of the last render under this title and renderer")
        if site_stamps(site) != state.stamps:
            raise NotIncremental(f"a file in {site}/ was changed, added or removed since")
        if picture_stamps(state.pictures) != state.pictures:
            raise NotIncremental("a picture under the content folder was replaced or removed")
        writer = SiteWriter(site)
        try:
            stock = _take_stock(state, changes, site)
            update = _Update(state, changes, stock, site, templates, title, base, writer)
            update.plan()
            mark_dirty(db)
            changed = writer.commit()
        except BaseException:
            writer.abort()
            raise
        drop_stale(cache_dir, update.save(db, changed, cache_dir))
        if not update.state.media:
            _remove_if_empty(site / "media")  # as a full render: no media/ without a picture
        return True
    finally:
        db.close()
        if collecting:
            gc.enable()


@dataclass(frozen=True)
class _Stock:
    """What an update takes out and puts in (``_take_stock``)."""

    renamed: list[str]  # articles changed or removed: fragments naming them change
    old_list: dict[str, int]  # leaving event → its position in the list order
    old_export: dict[str, int]  # … in the export order
    new_events: list[Event]  # the arriving events (new versions)
    articles: dict[str, Article]  # the articles they cite
    old_cited: set[str]  # the articles the leaving events cited


@dataclass(frozen=True)
class _Orders:
    """Both orders after the change (``_reorder``): for each, the old position of every new one
    (-1: arriving) and the arriving events by new position."""

    left_groups: list[GroupKey]  # the list groups the leaving events were in
    list_origin: np.ndarray
    list_new: dict[int, Event]
    export_origin: np.ndarray
    export_new: dict[int, Event]
    calendar_origin: np.ndarray  # the calendar order: events with a span, in export order
    calendar_new: dict[int, Event]
    html: list[HtmlChunk]  # the html chunks of the new list order


def _take_stock(state: SiteState, changes: SiteChanges, site: Path) -> _Stock:
    """Which events leave (old versions) and arrive (new versions); NotIncremental when the change
    is not one this site can take (an event to remove it does not have) or is too large to be worth
    it."""
    upserted = {e.id: e for e in changes.upserted}
    renamed = [a.path for a in changes.articles_changed] + list(changes.articles_removed)
    # their fragments name the article
    for events in changes.events_citing(renamed).values():
        for event in events:
            upserted.setdefault(event.id, event)
    leaving = set(changes.removed) | set(upserted)
    old_list = _positions(state.list_order.ids, leaving)
    if not set(changes.removed) - set(upserted) <= set(old_list):
        raise NotIncremental("the site does not hold an event the change removes")
    if len(leaving) > max(50, MAX_SHARE * len(state.list_order)):
        raise NotIncremental(f"{len(leaving)} events change: rendering all is about as fast")
    old_export = _positions(state.export_order.ids, set(old_list))
    new_events = list(upserted.values())
    articles = changes.articles_by_path({s.article for e in new_events for s in e.sources})
    old_cited = _forget_old(state, site, old_list, old_export)
    return _Stock(renamed, old_list, old_export, new_events, articles, old_cited)


def _forget_old(
    state: SiteState, site: Path, old_list: dict[str, int], old_export: dict[str, int]
) -> set[str]:
    """Count down the filter values of the events leaving (from their rows) and return the
    articles they cite (from their events.json entries)."""
    rows, entries = state.spans["rows"], state.spans["events.json"]
    facets = state.facets
    for at in old_list.values():
        row = json.loads(_fragment(site, rows, at))
        for name, values in zip(FACETS, (row[8], row[9], row[10], row[11], [row[12]]), strict=True):
            for value in values:
                left = facets[name][value] - 1
                if left:
                    facets[name][value] = left
                else:
                    del facets[name][value]
    cited: set[str] = set()
    for at in old_export.values():
        cited.update(s["article"] for s in json.loads(_fragment(site, entries, at))["sources"])
    return cited


def _reorder(state: SiteState, stock: _Stock) -> _Orders:
    """The leaving events out of both orders, the arriving ones in (the orders change in place);
    the html chunks of the new list order."""
    left_groups = [group_of(state.list_order.key(at)) for at in stock.old_list.values()]
    list_origin, list_new = _edit(
        state.list_order,
        stock.old_list.values(),
        [(list_row(list_key(e)), e) for e in stock.new_events],
    )
    old_calendar = state.export_order.nums[:, 1] == 1
    export_origin, export_new = _edit(
        state.export_order,
        stock.old_export.values(),
        [(export_row(e), e) for e in stock.new_events],
    )
    calendar_origin, calendar_new = _calendar(
        export_origin, export_new, old_calendar, state.export_order.nums[:, 1] == 1
    )
    order = state.list_order
    html = (
        html_chunks(order.ids, (np.flatnonzero(order.nums[:, 5]) + 1).tolist())
        if state.split
        else []
    )
    return _Orders(
        left_groups,
        list_origin,
        list_new,
        export_origin,
        export_new,
        calendar_origin,
        calendar_new,
        html,
    )


def _calendar(
    export_origin: np.ndarray, export_new: dict[int, Event], old: np.ndarray, new: np.ndarray
) -> tuple[np.ndarray, dict[int, Event]]:
    """The calendar order (events with a span, in export order) from the export order's edit:
    origin and the arriving events by calendar position."""
    origin = export_origin[new]
    old_index = np.cumsum(old) - 1
    if len(old_index):
        calendar_origin = np.where(origin >= 0, old_index[np.maximum(origin, 0)], -1)
    else:
        calendar_origin = np.full(len(origin), -1, dtype=np.int64)
    new_index = np.cumsum(new) - 1
    return calendar_origin, {int(new_index[p]): e for p, e in export_new.items() if new[p]}


class _Update:
    """One update: ``plan`` works out every new file (temporary files written, the site
    untouched), ``save`` records the new state once they are in place."""

    def __init__(
        self,
        state: SiteState,
        changes: SiteChanges,
        stock: _Stock,
        site: Path,
        templates: Path,
        title: str,
        base: str,
        writer: SiteWriter,
    ) -> None:
        self.state, self.changes, self.stock, self.site, self.title, self.base, self.writer = (
            state,
            changes,
            stock,
            site,
            title,
            base,
            writer,
        )
        self.orders = _reorder(state, stock)
        self.env = make_environment(templates)
        self.new_spans: dict[str, Spans] = {}
        # article page → (inputs digest, output digest) or None: gone
        self.pages: dict[str, tuple[str, str] | None] = {}
        self.media_before: set[str] = set()  # the pictures the site showed (_plan_media)

    # --- what changed -----------------------------------------------------------------------------

    def plan(self) -> None:
        total = len(self.state.list_order)
        if (total > LIST_MAX) != self.state.split:
            raise NotIncremental("the list moves between index.html and the year pages")
        self._regroup()
        self._count_facets()
        if not self._refill_feed(total):
            raise NotIncremental("the feed's reserve of recent events ran out")
        self._plan_list_families(total)
        self._plan_exports()
        self._plan_pages(total)
        self._plan_articles(
            self.stock.old_cited | {s.article for e in self.stock.new_events for s in e.sources}
        )
        self._drop_media()

    def _regroup(self) -> None:
        """The list's groups after the change (sizes; new groups in key order; undated groups'
        source names)."""
        state = self.state
        counts = dict(zip(state.groups, state.group_counts, strict=True))
        for group in self.orders.left_groups:
            counts[group] -= 1
        for event in self.stock.new_events:
            group = group_of(list_key(event))
            counts[group] = counts.get(group, 0) + 1
        state.groups = sorted(g for g, c in counts.items() if c > 0)
        state.group_counts = [counts[g] for g in state.groups]
        undated = [g[1] for g in state.groups if g[0] == 1]
        present, renamed_paths = set(undated), set(self.stock.renamed)
        names = {p: n for p, n in state.undated_names.items() if p in present}
        fresh = [p for p in undated if p not in names or p in renamed_paths]
        names.update(source_names(self.changes.articles_by_path(fresh), fresh))
        state.undated_names = names

    def _count_facets(self) -> None:
        facets = self.state.facets
        for event in self.stock.new_events:
            for name, values in event_facets(event, self.stock.articles).items():
                counts = facets.setdefault(name, {})
                for value in values:
                    counts[value] = counts.get(value, 0) + 1

    def _refill_feed(self, total: int) -> bool:
        """The feed's reserve after the change; False when it no longer surely holds the newest
        ATOM_ENTRIES. The reserve holds every event whose feed key is at least its smallest one
        (or every event at all): so do the events it keeps, plus the arriving events at or above
        that key."""
        state, leaving = self.state, set(self.stock.old_list)
        complete = len(state.feed) == total + len(leaving) - len(self.stock.new_events)
        floor = min((feed_key(e) for e in state.feed), default=None)
        kept = [e for e in state.feed if e.id not in leaving]
        kept += [
            e
            for e in self.stock.new_events
            if complete or (floor is not None and feed_key(e) >= floor)
        ]
        kept.sort(key=feed_key, reverse=True)
        state.feed = kept[:FEED_RESERVE]
        return len(state.feed) >= min(ATOM_ENTRIES, total)

    def _facets(self) -> Facets:
        """The filter values after the change, in the order client_data.collect_facets gives."""
        counts = self.state.facets
        return Facets(
            {
                name: sorted(counts.get(name, {}).items(), key=lambda kv: (-kv[1], kv[0]))
                for name in FACETS
            }
        )

    # --- the big files ----------------------------------------------------------------------------

    def _li(self, event: Event) -> str:
        return event_li(event, self.stock.articles, time_tag, article_slug)

    def _plan_list_families(self, total: int) -> None:
        new = self.orders.list_new
        group = {p: group_name(group_of(list_key(e))) for p, e in new.items()}
        self._chunked(ROWS, total, lambda p: row_json(new[p], group[p], self.stock.articles))
        self._chunked(SEARCH, total, lambda p: search_json(new[p]))
        if self.state.split:
            self._html_chunks(lambda p: script_json(self._li(new[p])))
            self._year_pages(total)
        else:
            self._small_index(total)
        embed = embed_page(self.env, self._context(total), self.writer.current("index.html"))
        if embed is not None:
            self.writer.put_bytes("embed.html", embed)

    def _chunked(self, kind: ChunkedArray, total: int, fragment: Callable[[int], str]) -> None:
        old = self.state.spans[kind.family]
        plan = FamilyPlan(old, self.orders.list_origin, kind.SEP, fragment)
        for n in range(chunk_count(total)):
            rel, run = kind.name(n), Run(n * kind.size, min(total, (n + 1) * kind.size))
            # the same name holds the same first position: the head is the same
            if not plan.kept(rel, run):
                self.writer.put_ops(rel, plan.ops(rel, [kind.head(n), run, kind.TAIL]), old.files)
        self._finish(kind.family, plan)

    def _html_chunks(self, fragment: Callable[[int], str]) -> None:
        """The html chunks: cut where the events say (client_data.HtmlChunk), so only those
        around a change differ."""
        old = self.state.spans["html"]
        plan = FamilyPlan(old, self.orders.list_origin, HtmlChunk.SEP, fragment)
        for chunk in self.orders.html:
            run = Run(chunk.start, chunk.stop)
            if not plan.kept(chunk.rel, run):  # the head holds only the name
                self.writer.put_ops(
                    chunk.rel, plan.ops(chunk.rel, [chunk.head(), run, chunk.TAIL]), old.files
                )
        self._finish("html", plan)

    def _finish(self, family: str, plan: FamilyPlan) -> None:
        for rel in set(self.state.spans[family].files) - set(plan.files):
            self.writer.remove(rel)
        self.new_spans[family] = plan.spans()

    def _context(self, total: int) -> dict[str, Any]:
        """What index.html and the year pages read besides the list itself."""
        return {
            "title": self.title,
            "event_count": total,
            "facets": self._facets(),
            "source_name": name_of,
            "articles": SourceNames(self.state.undated_names, self.changes.article_count),
            "data_chunks": data_chunks(total, self.orders.html),
        }

    def _group_runs(self) -> list[Run]:
        starts = np.concatenate(([0], np.cumsum(self.state.group_counts))).tolist()
        return [Run(a, b) for a, b in zip(starts[:-1], starts[1:], strict=True)]

    def _year_pages(self, total: int) -> None:
        state = self.state
        old = state.spans["years"]
        new = self.orders.list_new
        plan = FamilyPlan(
            old,
            self.orders.list_origin,
            "",
            lambda p: (
                self._li(new[p])
                .replace(' href="articles/', ' href="../articles/')
                .replace(' src="media/', ' src="../media/')
            ),
        )
        context = self._context(total)
        pages = year_pages(state.groups, state.group_counts)
        listed = [(page.rel, page.label, page.count) for page in pages]
        runs = self._group_runs()
        names = [(p.rel.removeprefix("years/"), p.label) for p in pages]  # prev/next links
        for n, page in enumerate(pages):
            parts = skeleton(
                self.env,
                "year.html",
                {
                    **context,
                    "page_label": page.label,
                    "page_count": page.count,
                    "prev_page": names[n - 1] if n else None,
                    "next_page": names[n + 1] if n + 1 < len(pages) else None,
                },
                [state.groups[g] for g in page.groups],
            )
            self.writer.put_ops(
                page.rel,
                plan.ops(page.rel, _interleave(parts, [runs[g] for g in page.groups])),
                old.files,
            )
        self._finish("years", plan)
        index = self.env.get_template("index.html").render(
            **context, year_pages=listed, years=[], undated=[], event_html={}
        )
        self.writer.put_bytes("index.html", index.encode("utf-8"))

    def _small_index(self, total: int) -> None:
        old = self.state.spans["index"]
        new = self.orders.list_new
        plan = FamilyPlan(old, self.orders.list_origin, "", lambda p: self._li(new[p]))
        parts = skeleton(
            self.env, "index.html", {**self._context(total), "year_pages": []}, self.state.groups
        )
        self.writer.put_ops(
            "index.html", plan.ops("index.html", _interleave(parts, self._group_runs())), old.files
        )
        self._finish("index", plan)

    def _plan_exports(self) -> None:
        for layout in (JSON, TIMELINEJS, ICALENDAR, CSV):
            if layout.calendar:
                self._export(layout, self.orders.calendar_origin, self.orders.calendar_new)
            else:
                self._export(layout, self.orders.export_origin, self.orders.export_new)

    def _export(self, layout: Layout, origin: np.ndarray, new: dict[int, Event]) -> None:
        old, count = self.state.spans[layout.name], len(origin)
        plan = FamilyPlan(
            old, origin, layout.sep, lambda p: layout.fragment(new[p], self.stock.articles)
        )
        ops = plan.ops(layout.name, [layout.head(self.title, count), Run(0, count), layout.tail])
        self.writer.put_ops(layout.name, ops, old.files)
        self._finish(layout.name, plan)

    # --- the small files --------------------------------------------------------------------------

    def _plan_pages(self, total: int) -> None:
        state = self.state
        heads = [heading(g, state.undated_names.get(g[1], "")) for g in state.groups]
        meta = meta_file(
            total,
            self._facets(),
            heads,
            [group_name(g) for g in state.groups],
            self.orders.html if state.split else None,
        )
        self.writer.put_bytes("data/meta.js", meta.encode("utf-8"))
        self._plan_media()
        feed = state.feed[:ATOM_ENTRIES]
        articles = self.changes.articles_by_path({s.article for e in feed for s in e.sources})
        self.writer.put_bytes("events.atom", atom_bytes(feed, articles, self.title))

    def _plan_media(self) -> None:
        """The pictures of new and changed events in (the article pages' follow in _plan_articles;
        _drop_media takes out what nothing shows any more)."""
        shown, wanted = self.state.media, self.state.wanted
        self.media_before = set(shown.values())
        for event_id in self.stock.old_list:
            shown.pop(event_id, None)
            wanted.pop(event_id, None)
        shown.update(media_names(self.stock.new_events, self.stock.articles))
        wanted.update(wanted_pictures(self.stock.new_events, self.stock.articles))
        for rel, data in media_files(self.stock.new_events, self.stock.articles).items():
            self.writer.put_bytes(rel, data)

    def _drop_media(self) -> None:
        """A picture no event and no article page shows any more out (a full render copies only
        those they show)."""
        shown = self.state.media
        self.state.pictures = picture_stamps(self.state.wanted.values())
        for rel in sorted(self.media_before - set(shown.values())):
            self.writer.remove(rel)

    def _plan_articles(self, paths: set[str]) -> None:
        """Pages of the changed articles and of those cited by events that came or went."""
        changes = self.changes
        paths |= {a.path for a in changes.articles_changed}
        gone = set(changes.articles_removed)
        articles = changes.articles_by_path(paths - gone)
        citing = changes.events_citing(list(articles))
        shown, wanted = self.state.media, self.state.wanted
        for path in sorted(paths):
            rel = f"articles/{article_slug(path)}.html"
            article = articles.get(path)
            shown.pop(ARTICLE + path, None)
            wanted.pop(ARTICLE + path, None)
            if article is not None:  # its page's picture
                shown.update(media_names([], {path: article}))
                wanted.update(wanted_pictures([], {path: article}))
                for media_rel, data in media_files([], {path: article}).items():
                    self.writer.put_bytes(media_rel, data)
            if article is None:
                if rel in self.state.stamps:
                    self.writer.remove(rel)
                    self.pages[rel] = None
                continue
            mine = citing.get(path, [])
            raw = article_page(self.env, self.title, article, mine)
            self.writer.put_bytes(rel, raw)
            self.pages[rel] = (
                page_digest(self.base, article, mine),
                hashlib.sha256(raw).hexdigest(),
            )

    # --- after the files are in place -------------------------------------------------------------

    def save(self, db: sqlite3.Connection, changed: dict[str, str | None], cache_dir: Path) -> Path:
        """Record the new state (clearing the dirty mark) and the article pages; returns the
        state's arrays file. The splice manifest's rows of the files replaced stay: render_site
        will not trust them (their stamps changed) and replaces the table at its end."""
        state = self.state
        state.spans.update(self.new_spans)
        for rel, stamp in changed.items():
            if stamp is None:
                state.stamps.pop(rel, None)
            else:
                state.stamps[rel] = stamp
        state.article_count = self.changes.article_count
        with db:
            arrays = state.save(db, cache_dir)
            db.executemany(
                "DELETE FROM pages WHERE path = ?",
                [(rel,) for rel, v in self.pages.items() if v is None],
            )
            db.executemany(
                "INSERT OR REPLACE INTO pages VALUES (?, ?, ?)",
                [(rel, *v) for rel, v in self.pages.items() if v is not None],
            )
        return arrays


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass  # not there, or still holding a file


def _positions(ids: list[str], wanted: Iterable[str]) -> dict[str, int]:
    """Position of each wanted id present in ``ids`` (a scan in C per id: cheaper than a dict of
    10^5 ids for a few, the dict when there are many)."""
    wanted = list(wanted)
    if len(wanted) > 16:
        where = dict(zip(ids, range(len(ids)), strict=True))
        return {i: where[i] for i in wanted if i in where}
    found = {}
    for event_id in wanted:
        try:
            found[event_id] = ids.index(event_id)
        except ValueError:
            pass
    return found


class _Keys:
    """The sort keys of an order's kept positions, for bisect."""

    def __init__(self, order: Any, kept: np.ndarray) -> None:
        self.order, self.kept = order, kept

    def __len__(self) -> int:
        return len(self.kept)

    def __getitem__(self, i: int) -> tuple:
        return self.order.key(int(self.kept[i]))


def _edit(
    order: Any,
    leaving: Iterable[int],
    arriving: list[tuple[tuple[tuple[int, ...], str, str], Event]],
) -> tuple[np.ndarray, dict[int, Event]]:
    """Take the positions ``leaving`` out of ``order`` and put the ``arriving`` rows (nums, text,
    id) in by key; the order is changed in place. Returns origin (new position → old, -1 for the
    arriving) and the arriving events by new position."""
    gone = sorted(leaving)
    kept = np.delete(np.arange(len(order), dtype=np.int64), gone)
    probe = _Keys(order, kept)
    placed = []
    for row, event in arriving:
        key = order_key(order.kind, *row)
        placed.append((bisect.bisect_left(probe, key), key, row, event))
    placed.sort(key=lambda p: (p[0], p[1]))
    at = [p[0] for p in placed]
    origin = np.insert(kept, at, -1) if placed else kept
    for position in reversed(gone):
        del order.ids[position]
        del order.texts[position]
    new: dict[int, Event] = {}
    for j, (position, _, (_, text, event_id), event) in enumerate(placed):
        order.ids.insert(position + j, event_id)
        order.texts.insert(position + j, text)
        new[position + j] = event
    nums = np.delete(order.nums, gone, axis=0)
    if placed:
        nums = np.insert(nums, at, np.array([p[2][0] for p in placed], dtype=np.int64), axis=0)
    order.nums = nums
    return origin, new


def _interleave(parts: list[str], runs: list[Run]) -> list[str | Run]:
    out: list[str | Run] = [parts[0]]
    for run, part in zip(runs, parts[1:], strict=True):
        out += [run, part]
    return out


def _fragment(site: Path, spans: Spans, at: int) -> bytes:
    """The bytes of the fragment at position ``at`` of a family, read from its file."""
    with open(site / spans.files[int(spans.file[at])], "rb") as f:
        return os.pread(f.fileno(), int(spans.length[at]), int(spans.offset[at]))
