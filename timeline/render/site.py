"""Write the site: index (the timeline), one page per article, static assets and exports."""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future
from contextlib import AbstractContextManager, ExitStack
from contextvars import ContextVar, Token
from functools import lru_cache, partial
from itertools import groupby
from pathlib import Path
from typing import Any

import jinja2
from babel.numbers import format_decimal
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ..infra.atomic import staging_directory, swap_directory
from ..infra.executor import process_pool, resolve_jobs
from ..infra.outputs import MARKER, MARKER_TEXT
from ..models import Article, Event
from ..store.yaml_store import event_sort_key
from .client_data import (
    ROWS,
    HtmlChunk,
    article_title,
    chunk_count,
    collect_facets,
    html_chunks,
    html_cut,
    html_items,
    meta_file,
    rows_files,
    script_json,
    search_files,
    source_name,
)
from .dates import date_label, day_span, range_label
from .embed import embed_page, embed_snippet
from .event_html import EventHtml, event_html_renderer
from .exports import write_exports
from .highlight import highlighted_paragraphs
from .list_groups import (
    GroupKey,
    group_name,
    group_of,
    heading,
    list_context,
    list_key,
    skeleton,
    source_names,
    year_pages,
)
from .locale import LOCALE, strings, t
from .media import (
    article_link,
    article_media,
    event_media,
    media_files,
    media_names,
    picture_stamps,
    wanted_pictures,
)
from .page import PAGE, PageOptions, page_scope, theme_css
from .page_cache import RENDER_CODE, PageCache, tree_digest
from .site_state import (
    CALENDAR_FAMILIES,
    EXPORT_FAMILIES,
    SiteState,
    base_digest,
    drop_stale,
    export_order,
    family_spans,
    feed_reserve,
    forget,
    list_order,
    site_stamps,
)
from .splice import Family, FragmentKeys, Manifest

# more events than this: the no-JS list moves to one page per year (years/YYYY.html)
LIST_MAX = 2000
HTML_DATETIME = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2})?)?)?)?|\d{4}-W\d{2}")
# media names, wanted pictures and their stamps: what the site state keeps of the media
MediaState = tuple[dict[str, str], dict[str, str], dict[str, str]]
PACKAGE_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@lru_cache(maxsize=1 << 16)
def article_slug(path: str) -> str:
    """A safe file name for an article page: letters, digits, '-', '_' only, plus a short hash
    for uniqueness."""
    stem = "".join(
        ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "-"
        for ch in path.rsplit(".", 1)[0]
    )
    stem = stem.strip("-")[:60] or "article"
    return f"{stem}-{hashlib.sha1(path.encode('utf-8')).hexdigest()[:6]}"


def make_environment(templates: Path | None) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates or PACKAGE_TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["date_label"] = date_label
    env.globals["range_label"] = range_label
    env.globals["timetag"] = time_tag
    env.globals["article_slug"] = article_slug
    env.globals["article_title"] = article_title
    env.globals["t"] = t  # reads the render's locale when called (locale.LOCALE)
    env.globals["page"] = PAGE.get()
    env.globals["num"] = number
    env.globals["event_media"] = event_media
    env.globals["article_media"] = article_media
    env.globals["article_link"] = article_link
    env.globals["embed_snippet"] = embed_snippet
    return env


def time_tag(value: str) -> Markup:
    """<time datetime> when the TIMEX value is also a valid HTML date string, else a plain span
    with the label."""
    return _time_tag(value, LOCALE.get())


def number(n: int) -> str:
    """``n`` with the locale's digit grouping: 6,050 / 6.050 / 6 050."""
    return format_decimal(n, locale=strings(LOCALE.get())["babel"])


@lru_cache(maxsize=1 << 16)
def _time_tag(value: str, locale: str) -> Markup:
    label = escape(date_label(value))
    if HTML_DATETIME.fullmatch(value):
        return Markup(f'<time datetime="{escape(value)}">{label}</time>')
    return Markup(f"<span>{label}</span>")


def render_site(
    events: list[Event],
    articles: Iterable[Article],
    site: Path,
    templates: Path | None = None,
    title: str = "Timeline",
    cache_dir: Path | None = None,
    jobs: int = 0,
    page: PageOptions | None = None,
) -> None:
    """``cache_dir``: where the render manifest lives (the build database: article pages, fragments
    of the big files); None renders everything. ``jobs``: processes for the article pages (0: every
    core). ``page``: the page's settings (language, look, first view; its title wins over
    ``title``)."""
    SiteRender(events, articles, site, templates, title, cache_dir, jobs, page).finish()


class SiteRender:
    """A render in two steps. Making one sets up the staging folder and, in a first render of
    many events, starts the exports in a forked process; ``finish`` writes the pages and swaps
    the folder in (``abort``: nothing changes). A build makes it before writing the events file,
    so the exports take the second core while the one writing the file has the first and the
    article pages over the worker pool."""

    def __init__(
        self,
        events: list[Event],
        articles: Iterable[Article],
        site: Path,
        templates: Path | None = None,
        title: str = "Timeline",
        cache_dir: Path | None = None,
        jobs: int = 0,
        page: PageOptions | None = None,
    ) -> None:
        self.page = page if page is not None else PageOptions(title=title)
        title = self.page.title
        # every template, date label and data file below is in its locale
        self.scope: AbstractContextManager[None] | None = page_scope(self.page)
        self.scope.__enter__()
        self.env = make_environment(templates)
        self.templates = templates or PACKAGE_TEMPLATES
        self.site, self.title, self.cache_dir, self.jobs = site, title, cache_dir, jobs
        self.articles_by_path = {a.path: a for a in articles}
        self.events = sorted(events, key=event_sort_key)
        self.staging = staging_directory(site)
        self.previous = site if site.is_dir() else None
        self.token: Token[tuple[Path, Path] | None] | None = _PREVIOUS.set(
            (self.staging, site) if self.previous is not None else None
        )
        self.cache: PageCache | None = None
        self.stack = ExitStack()
        try:
            self.base = render_base(self.templates, title)
            if cache_dir is not None:
                self.cache = PageCache(cache_dir, self.base)
            self.manifest = Manifest(
                self.cache.db if self.cache is not None else None, self.previous
            )
            # fragment keys only matter with a cache (without one, nothing is looked up or recorded)
            self.key = (
                FragmentKeys(self.base, self.articles_by_path, self.cache.event_digests).all(
                    self.events
                )
                if self.cache is not None
                else _no_key
            )
            self.exports = _start_exports(
                self.stack,
                self.staging,
                self.events,
                self.articles_by_path,
                title,
                self.manifest,
                self.key,
                jobs,
            )
            self.article_pages = _ArticlePages(
                self.env,
                self.staging,
                _pages(self.events, self.articles_by_path),
                title,
                self.cache,
                self.previous,
                jobs,
                self.stack,
            )
        except BaseException:
            self.abort()
            raise

    def finish(self) -> None:
        try:
            context, split, media = self._write_pages()
        except BaseException:
            self.abort()
            raise
        self._let_go()
        try:
            swap_directory(self.staging, self.site)
        except BaseException:
            self.abort()
            raise
        if self.cache is not None:
            self._save_state(context, split, media)

    def abort(self) -> None:
        """Stop the exports' process, remove the staging folder: the site stays as it was."""
        self._let_go()
        shutil.rmtree(self.staging, ignore_errors=True)
        if self.cache is not None:
            self.cache.close()

    def _let_go(self) -> None:
        self.stack.close()
        if self.token is not None:
            _PREVIOUS.reset(self.token)
            self.token = None
        if self.scope is not None:
            self.scope.__exit__(None, None, None)
            self.scope = None

    def _write_pages(self) -> tuple[dict[str, Any], bool, MediaState]:
        env, staging, events, articles_by_path, manifest, key = (
            self.env,
            self.staging,
            self.events,
            self.articles_by_path,
            self.manifest,
            self.key,
        )
        context = _context(events, articles_by_path, self.title)
        li = event_html_renderer(
            env, self.templates, PACKAGE_TEMPLATES, context, time_tag, article_slug
        )
        split = len(events) > LIST_MAX
        ids = [e.id for e, _ in context["ordered"]]
        context["html_cuts"] = [html_cut(i) for i in ids] if split else []
        context["html_chunks"] = (
            html_chunks(ids, [n + 1 for n, cut in enumerate(context["html_cuts"]) if cut])
            if split
            else []
        )
        context["data_chunks"] = data_chunks(len(events), context["html_chunks"])
        if split:
            context["event_html"] = LazyHtml(context["ordered"], li)
            context["year_pages"] = _write_year_pages(env, staging, context, li, key, manifest)
            _write(staging / "index.html", env.get_template("index.html").render(**context))
        else:  # small: the list is in the index, and the search words come with the page
            context["year_pages"] = []
            _write_small_index(env, staging, context, li, key, manifest)
        embed = embed_page(env, context, (staging / "index.html").read_bytes())
        if embed is not None:
            _write(staging / "embed.html", embed)
        _write(
            staging / "data" / "meta.js",
            meta_file(
                len(events),
                context["facets"],
                context["heads"],
                context["group_keys"],
                context["html_chunks"] if split else None,
            ),
        )
        with Family(staging, manifest, ROWS.family) as family:
            for rel, items in rows_files(
                [(e, context["group_keys"][g]) for e, g in context["ordered"]],
                articles_by_path,
                key,
            ):
                family.write(rel, items)
        with Family(staging, manifest, "search") as family:
            for rel, items in search_files([e for e, _ in context["ordered"]], key):
                family.write(rel, items)
        self.article_pages.finish()
        _copy_static(self.templates, staging)
        _write(
            staging / MARKER, MARKER_TEXT
        )  # the folder is the build's to replace (infra/outputs.py)
        _write_branding(self.page, staging)
        for rel, data in media_files(events, articles_by_path).items():
            _write(staging / rel, data)
        # for the state (saved after the page's scope has ended)
        wanted = wanted_pictures(events, articles_by_path)
        media = (media_names(events, articles_by_path), wanted, picture_stamps(wanted.values()))
        if self.exports is None:
            write_exports(
                staging, events, articles_by_path, self.title, manifest, key, write=_write
            )
        else:
            manifest.fresh.update(self.exports.result())
        return context, split, media

    def _save_state(self, context: dict[str, Any], split: bool, media: MediaState) -> None:
        cache, cache_dir, manifest = self.cache, self.cache_dir, self.manifest
        assert cache is not None and cache_dir is not None
        try:
            state = _site_state(
                self.base,
                self.site,
                self.templates,
                context,
                self.events,
                len(self.articles_by_path),
                split,
                manifest,
                media,
            )

            written: list[Path] = []

            def save() -> None:
                manifest.save()
                if state is None:
                    forget(cache.db)
                else:
                    written.append(state.save(cache.db, cache_dir))

            cache.save(save)
            drop_stale(cache_dir, written[0] if written else None)
        finally:
            cache.close()


def _pages(events: list[Event], articles: dict[str, Article]) -> list[tuple[Article, list[Event]]]:
    """Every article (in path order) with the events citing it (in ``events``' order)."""
    by_article: dict[str, list[Event]] = {}
    for event in events:
        for path in sorted({s.article for s in event.sources}):
            by_article.setdefault(path, []).append(event)
    return [
        (a, by_article.get(a.path, [])) for a in sorted(articles.values(), key=lambda a: a.path)
    ]


def shipped_templates(templates: Path) -> bool:
    """Whether ``templates`` is the package's templates folder, byte for byte (what update_site
    supports)."""
    return templates == PACKAGE_TEMPLATES or tree_digest(templates) == tree_digest(
        PACKAGE_TEMPLATES
    )


def _site_state(
    base: str,
    site: Path,
    templates: Path,
    context: dict[str, Any],
    events: list[Event],
    article_count: int,
    split: bool,
    manifest: Manifest,
    media: MediaState,
) -> SiteState | None:
    """What update_site needs (site_state.py), from this render; None when it could not follow
    this site (templates of one's own; fragments not where the list order puts them)."""
    if not shipped_templates(templates):
        return None
    fresh = manifest.fresh
    by_family: dict[str, list[str]] = {}
    for rel, row in fresh.items():
        by_family.setdefault(row[0], []).append(rel)
    lists = {
        "rows": sorted(by_family.get("rows", [])),
        "search": sorted(by_family.get("search", [])),
    }
    if split:
        lists["html"] = [chunk.rel for chunk in context["html_chunks"]]
        lists["years"] = [rel for rel, _, _ in context["year_pages"]]
    else:
        lists["index"] = ["index.html"]
    spans = {name: family_spans(fresh, name, files) for name, files in lists.items()}
    spans.update(
        {name: family_spans(fresh, name, [name]) for name in (*EXPORT_FAMILIES, *CALENDAR_FAMILIES)}
    )
    exported = export_order(events, [day_span(e.date, e.date_end) is not None for e in events])
    calendar = int(exported.nums[:, 1].sum()) if len(events) else 0
    wanted = {
        **dict.fromkeys(lists, len(events)),
        **dict.fromkeys(EXPORT_FAMILIES, len(events)),
        **dict.fromkeys(CALENDAR_FAMILIES, calendar),
    }
    if any(len(spans[name].offset) != count for name, count in wanted.items()):
        return None
    groups = context["groups"]
    listed = list_order(context["list_keys"], context["html_cuts"] or [False] * len(events))
    return SiteState(
        base_digest(base),
        split,
        article_count,
        listed,
        exported,
        groups,
        context["group_counts"],
        source_names(context["articles"], [g[1] for g in groups if g[0] == 1]),
        {name: dict(items) for name, items in context["facets"].values.items()},
        feed_reserve([e for e, _ in context["ordered"]], listed),
        spans,
        site_stamps(site),
        *media,
    )


# fewer events than this: the exports are written here, after the pages
EXPORTS_APART_MIN = LIST_MAX
# (staging, events, articles, title, manifest, key) for the exports' process (forked: never pickled)
_EXPORTS_JOB: (
    tuple[Path, list[Event], dict[str, Article], str, Manifest, Callable[[Event], bytes]] | None
) = None


def _start_exports(
    stack: ExitStack,
    staging: Path,
    events: list[Event],
    articles: dict[str, Article],
    title: str,
    manifest: Manifest,
    key: Callable[[Event], bytes],
    jobs: int,
) -> Future[dict[str, Any]] | None:
    """In a first render (no previous site: nothing to copy, nothing looked up in the manifest)
    of many events with more than one core, the exports are written by a forked process while
    this one writes the pages; the future gives their manifest rows. None: write them here."""
    if (
        manifest.previous is not None
        or len(events) < EXPORTS_APART_MIN
        or resolve_jobs(jobs) < 2
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return None
    global _EXPORTS_JOB
    _EXPORTS_JOB = (staging, events, articles, title, manifest, key)
    pool = stack.enter_context(process_pool(1))
    # the child's collections leave the inherited objects alone (no copy-on-write of the heap)
    gc.freeze()
    try:
        return pool.submit(_exports_job)
    finally:
        gc.unfreeze()
        _EXPORTS_JOB = None


def _exports_job() -> dict[str, Any]:
    """The exports, in the forked process; returns the manifest rows of their files."""
    assert _EXPORTS_JOB is not None
    staging, events, articles, title, manifest, key = _EXPORTS_JOB
    manifest.fresh = {}
    write_exports(staging, events, articles, title, manifest, key, write=_write)
    return manifest.fresh


def _no_key(event: Event) -> bytes:
    return b""


def render_base(templates: Path, title: str) -> str:
    """Everything every output byte depends on besides the events and articles: templates,
    renderer, title."""
    return (
        f"{tree_digest(templates, RENDER_CODE)}\0{jinja2.__version__}\0{render_inputs()}\0{title}"
        f"\0{LOCALE.get()}\0{PAGE.get().digest()}"
    )


@lru_cache(maxsize=1)
def render_inputs() -> str:
    """What the output depends on beyond templates/ and timeline/render/: the data model, the
    events' JSON form (store/yaml_store.py) and the escaping and feed libraries."""
    h = hashlib.sha256()
    for path in (
        Path(__file__).resolve().parents[1] / "models.py",
        Path(__file__).resolve().parents[1] / "store" / "yaml_store.py",
    ):
        h.update(path.read_bytes())
    for name in ("markupsafe", "feedgen", "babel"):
        h.update(f"\0{name}\0{_version(name)}".encode())
    return h.hexdigest()


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


class LazyHtml(Mapping[str, Markup]):
    """event id → its <li>, rendered when a template asks for it (the big site's index does not)."""

    def __init__(self, ordered: list[tuple[Event, int]], li: EventHtml) -> None:
        self.events = {e.id: e for e, _ in ordered}
        self.li = li

    def __getitem__(self, event_id: str) -> Markup:
        return Markup(self.li(self.events[event_id]))

    def __iter__(self) -> Iterator[str]:
        return iter(self.events)

    def __len__(self) -> int:
        return len(self.events)


def _context(events: list[Event], articles: dict[str, Article], title: str) -> dict[str, Any]:
    """Groups for the list (year → month → events; undated → article → events) and the flat list
    order (``list_groups.py``). Dated events are ordered by the first day they cover; within a
    year those spanning more than a month come first under their own heading. Events whose date
    has no calendar position join the undated group."""
    keyed = sorted(((list_key(e), e) for e in events), key=lambda ke: ke[0])
    groups: list[GroupKey] = []
    members: list[list[Event]] = []
    for group, items in groupby(keyed, key=lambda ke: group_of(ke[0])):
        groups.append(group)
        members.append([e for _, e in items])
    names = source_names(articles, [g[1] for g in groups if g[0] == 1])
    heads = [heading(g, names.get(g[1], "")) for g in groups]
    ordered = [(event, g) for g, items in enumerate(members) for event in items]
    facets = collect_facets(events, articles)
    return {
        "title": title,
        **list_context(groups, members),
        "articles": articles,
        "event_count": len(events),
        "ordered": ordered,
        "list_keys": [k for k, _ in keyed],
        "groups": groups,
        "group_counts": [len(m) for m in members],
        "group_keys": [group_name(g) for g in groups],
        "heads": heads,
        "facets": facets,
        "source_name": source_name,
        "data_chunks": [
            ROWS.name(n).removeprefix("data/") for n in range(chunk_count(len(ordered)))
        ],
    }


class _Markers(Mapping[str, Markup]):
    """``event_html`` for rendering a year page once: each event's <li> is a marker (with a nonce
    no text of the input can know) where the page's bytes will take the event's fragment."""

    def __init__(self, positions: dict[str, int], nonce: str) -> None:
        self.positions, self.nonce = positions, nonce

    def __getitem__(self, event_id: str) -> Markup:
        return Markup(f"\x00{self.nonce}:{self.positions[event_id]}\x00")

    def __iter__(self) -> Iterator[str]:
        return iter(self.positions)

    def __len__(self) -> int:
        return len(self.positions)


def data_chunks(total: int, html: list[HtmlChunk]) -> list[str]:
    """The data files the index loads with the page (under data/, after meta.js); ``html``: a
    large site's html chunks, all loaded on demand (the first window of the list shows titles and
    dates from the rows at once, its details arrive once the first frame is drawn)."""
    rows = [ROWS.name(n).removeprefix("data/") for n in range(chunk_count(total))]
    if html:
        return rows
    return [*rows, *(n.replace("events-", "search-") for n in rows)]


def _write_small_index(
    env: Environment,
    staging: Path,
    context: dict[str, Any],
    li: EventHtml,
    key: Callable[[Event], bytes],
    manifest: Manifest,
) -> None:
    """index.html with the whole list: the page's text around each group
    (``list_groups.skeleton``), each event's <li> a fragment (family "index"), so that a rebuild
    copies the unchanged ones."""
    parts = skeleton(env, "index.html", context, context["groups"])
    with Family(staging, manifest, "index") as family:
        out = family.open("index.html")
        start = 0
        for n, count in enumerate(context["group_counts"]):
            out.text(parts[n])
            for event, _ in context["ordered"][start : start + count]:
                out.piece(key(event), partial(li, event))
            start += count
        out.text(parts[-1])
        out.close()


def _write_year_pages(
    env: Environment,
    staging: Path,
    context: dict[str, Any],
    li: EventHtml,
    key: Callable[[Event], bytes],
    manifest: Manifest,
) -> list[tuple[str, str, int]]:
    """years/YYYY.html (and years/undated.html): together they list every event without
    JavaScript; and the list's rows for the script, data/html-*.js (client_data.HtmlChunk). Each
    page is rendered once with a marker per event, then written as its literal text around the
    events' fragments (``splice.py``), their links made relative to years/; each event's <li> is
    rendered at most once, and not at all when both its fragments are reused."""
    members: list[list[Event]] = []
    start = 0
    for count in context["group_counts"]:
        members.append([e for e, _ in context["ordered"][start : start + count]])
        start += count
    pages = [
        (
            page.rel.removeprefix("years/"),
            page.label,
            list_context(
                [context["groups"][g] for g in page.groups], [members[g] for g in page.groups]
            ),
            page.count,
        )
        for page in year_pages(context["groups"], context["group_counts"])
    ]
    events = [e for e, _ in context["ordered"]]
    nonce = secrets.token_hex(16)
    marker = re.compile(f"\x00{nonce}:(\\d+)\x00")
    markers = _Markers({e.id: n for n, e in enumerate(events)}, nonce)
    template = env.get_template("year.html")
    rendered = []
    for n, (name, label, lists, count) in enumerate(pages):
        page = template.render(
            **{
                **context,
                **lists,
                "event_html": markers,
                "page_label": label,
                "page_count": count,
                "prev_page": pages[n - 1][:2] if n else None,
                "next_page": pages[n + 1][:2] if n + 1 < len(pages) else None,
            }
        )
        rendered.append((f"years/{name}", marker.split(page)))
    in_order = [int(p) for _, parts in rendered for p in parts[1::2]] == list(range(len(events)))
    starts = {chunk.start: chunk for chunk in context["html_chunks"]}
    with Family(staging, manifest, "years") as years, Family(staging, manifest, "html") as chunks:
        html_out = None
        direct = not any(f.lookup and f.lookup.where for f in (years, chunks))
        for rel, parts in rendered:
            out = years.open(rel)
            for n, part in enumerate(parts):
                if n % 2 == 0:
                    out.text(part)
                    continue
                at = int(part)
                event, k = events[at], key(events[at])
                if direct:  # nothing to reuse: make the <li> now
                    made = [li(event)]
                    out.made(
                        k,
                        made[0]
                        .replace(' href="articles/', ' href="../articles/')
                        .replace(' src="media/', ' src="../media/'),
                    )
                else:
                    made = []
                    out.piece(k, partial(_year_page_li, made, li, event))
                if in_order:
                    chunk = starts.get(at)
                    if chunk is not None:
                        if html_out is not None:
                            html_out.text(HtmlChunk.TAIL)
                            html_out.close()
                        html_out = chunks.open(chunk.rel)
                        html_out.text(chunk.head())
                    else:
                        html_out.text(HtmlChunk.SEP)  # type: ignore[union-attr]
                    if direct:
                        html_out.made(k, script_json(made[0]))  # type: ignore[union-attr]
                    else:
                        html_out.piece(k, partial(_li_json, made, li, event))  # type: ignore[union-attr]
            out.close()
        if html_out is not None:
            html_out.text(HtmlChunk.TAIL)
            html_out.close()
        if not in_order:  # a year.html of one's own that lists events in another order
            for chunk in context["html_chunks"]:
                chunks.write(
                    chunk.rel,
                    html_items(
                        chunk,
                        (
                            (key(e), partial(_li_json, [], li, e))
                            for e in events[chunk.start : chunk.stop]
                        ),
                    ),
                )
    return [
        (rel, label, count) for (rel, _), (_, label, _, count) in zip(rendered, pages, strict=True)
    ]


def _year_page_li(made: list[str], li: EventHtml, event: Event) -> str:
    """An event's list item as a year page (one folder down) links to its article and picture."""
    return (
        _once(made, li, event)
        .replace(' href="articles/', ' href="../articles/')
        .replace(' src="media/', ' src="../media/')
    )


def _li_json(made: list[str], li: EventHtml, event: Event) -> str:
    return script_json(_once(made, li, event))


def _once(made: list[str], li: EventHtml, event: Event) -> str:
    """The event's <li>, rendered on first use and kept in ``made``."""
    if not made:
        made.append(li(event))
    return made[0]


ARTICLE_POOL_MIN = 200  # fewer pages to render than this: not worth starting worker processes
# (environment, staging folder, site being replaced, title, the pages to render: (rel, article,
# events)) for the article page workers: forked, so they have it without pickling; a job is an index
# into the pages
_ARTICLE_JOB: (
    tuple[Environment, Path, Path | None, str, list[tuple[str, Article, list[Event]]]] | None
) = None


class _ArticlePages:
    """One page per article (``pages``: each article with the events citing it). Pages whose
    inputs are the recorded ones are linked from the previous site (``cache``); the rest are
    rendered, over a pool of forked processes when there are many and more than one core. The
    workers start at once, each writing its pages into ``staging`` while this process goes on
    (the events file, the list pages); ``finish`` takes their digests and keeps the manifest,
    here in this process. Without a pool, ``finish`` renders them."""

    def __init__(
        self,
        env: Environment,
        staging: Path,
        pages: list[tuple[Article, list[Event]]],
        title: str,
        cache: PageCache | None,
        previous: Path | None,
        jobs: int,
        stack: ExitStack,
    ) -> None:
        self.cache = cache
        self.todo: list[tuple[str, str]] = []  # (rel, digest of the inputs) of the pages to render
        rendered = []
        for article, mine in pages:
            rel = f"articles/{article_slug(article.path)}.html"
            digest = ""
            if cache is not None:
                digest = cache.article_digest(article, mine)
                if cache.reuse(
                    rel, digest, previous / rel if previous is not None else None, staging / rel
                ):
                    continue
            self.todo.append((rel, digest))
            rendered.append((rel, article, mine))
        global _ARTICLE_JOB
        _ARTICLE_JOB = (env, staging, previous, title, rendered)
        self.futures: list[Future[list[str]]] | None = None
        jobs = resolve_jobs(jobs)
        if (
            jobs > 1
            and len(rendered) >= ARTICLE_POOL_MIN
            and "fork" in multiprocessing.get_all_start_methods()
        ):
            pool = stack.enter_context(process_pool(jobs))
            # the forked workers' collections leave this process's objects alone (no copy-on-write
            # storm)
            gc.freeze()
            try:
                self.futures = [
                    pool.submit(_article_pages, first, min(first + ARTICLE_CHUNK, len(rendered)))
                    for first in range(0, len(rendered), ARTICLE_CHUNK)
                ]
            finally:
                gc.unfreeze()
        stack.callback(_forget_article_job)

    def finish(self) -> None:
        if self.futures is None:
            written: Iterable[str] = map(_article_page, range(len(self.todo)))
        else:
            written = (digest for future in self.futures for digest in future.result())
        for (rel, digest), output in zip(self.todo, written, strict=True):
            if self.cache is not None:
                self.cache.record_output(rel, digest, output)


ARTICLE_CHUNK = 32  # pages per task of the pool


def _forget_article_job() -> None:
    global _ARTICLE_JOB
    _ARTICLE_JOB = None


def _article_pages(first: int, stop: int) -> list[str]:
    return [_article_page(job) for job in range(first, stop)]


def _article_page(job: int) -> str:
    """Render and write the ``job``-th page to render (in a worker or here); returns the SHA-256
    of its bytes."""
    assert _ARTICLE_JOB is not None
    env, staging, previous, title, todo = _ARTICLE_JOB
    rel, article, mine = todo[job]
    raw = article_page(env, title, article, mine)
    _write_to(staging / rel, raw, (staging, previous) if previous is not None else None)
    return hashlib.sha256(raw).hexdigest()


def article_page(env: Environment, title: str, article: Article, events: list[Event]) -> bytes:
    """The bytes of the article's page; ``events``: those citing it, in ``store.event_sort_key``
    order."""
    spans = [(s.start, s.end, e.id) for e in events for s in e.sources if s.article == article.path]
    page = env.get_template("article.html").render(
        title=title,
        article=article,
        events=events,
        paragraphs=highlighted_paragraphs(article.text, spans),
    )
    return page.encode("utf-8")


def _copy_static(templates: Path, staging: Path) -> None:
    """templates/static/ → static/, each file through _write (an unchanged file keeps its inode)."""
    static = templates / "static"
    if static.is_dir():
        for path in sorted(p for p in static.rglob("*") if p.is_file()):
            _write(staging / "static" / path.relative_to(static), path.read_bytes())


def _write_branding(page: PageOptions, staging: Path) -> None:
    """static/theme.css (always: the page links it), the logo and the font from timeline.yaml. A
    missing file is left out (the page still works: no logo, the system font)."""
    _write(staging / "static" / "theme.css", theme_css(page))
    for path, name in (
        (page.logo, page.logo_name),
        (page.font, f"font{page.font.suffix.lower()}" if page.font else None),
    ):
        if path is not None and name is not None and path.is_file():
            _write(staging / "static" / name, path.read_bytes())


# (staging, site) while render_site runs over an existing site
_PREVIOUS: ContextVar[tuple[Path, Path] | None] = ContextVar("previous_site", default=None)


def _write(path: Path, data: str | bytes) -> None:
    """Write a file of the staging tree; when the site being replaced has the same bytes at the
    same place, hard-link that file instead, so an unchanged page or data chunk keeps its inode
    and modification time (servers, caches and rsync see it unchanged). Files are never rewritten
    in place, so sharing is safe."""
    _write_to(path, data.encode("utf-8") if isinstance(data, str) else data, _PREVIOUS.get())


def _write_to(path: Path, raw: bytes, previous: tuple[Path, Path] | None) -> None:
    """``_write`` with (staging, site being replaced) given."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if previous is not None:
        old = previous[1] / path.relative_to(previous[0])
        try:
            if old.stat().st_size == len(raw) and old.read_bytes() == raw:
                os.link(old, path)
                return
        except OSError:
            pass  # no previous file, another file system, links refused: write it
    path.write_bytes(raw)
