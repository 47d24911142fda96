"""The whole pipeline, one call per stage: ingest → tag → events → store → render."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from . import ingest
from .config import Config
from .errors import NotIncremental
from .events import merge_mentions
from .events.extract import MAX_BODY_CHARS
from .events.mention_cache import (
    MentionCache,
    encode_mentions,
    inputs_digest,
    machine_fingerprint,
    with_doc_type,
)
from .events.merge import MergeIndex, merge_events_indexed
from .events.per_article import article_work
from .events.salience import DayEvidence, score_salience, top_dates
from .incremental import (
    Delta,
    FullBuild,
    Published,
    forget_site_source,
    forget_state,
    rebuild,
    record_full_build,
    record_site_source,
    recorded_inputs,
    refresh_state,
    site_in_step,
    state_file,
    state_meta,
    why_extracted,
)
from .infra import builddb
from .infra.executor import map_articles
from .ingest.cache import ArticleCache
from .models import Article, Event
from .render import SiteRender
from .render.dates import day_span
from .render.delta import SiteChanges, update_site
from .render.media import media_problems
from .render.page import page_options
from .report import Reporter
from .store import (
    ChunkCache,
    Loaded,
    Reconciled,
    Snapshot,
    commit,
    event_sort_key,
    live_events,
    load_snapshot,
    read_store,
    reconcile,
    save_events,
    save_snapshot,
    snapshot_exists,
    snapshot_path,
)
from .store.layout import Layout

if TYPE_CHECKING:
    from .incremental import Published


@dataclass
class Outcome:
    articles: list[Article] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    failures: int = 0
    extracted: int = 0  # articles read afresh (the rest came from the cache)
    # an incremental rebuild: what it changed (articles and events are then not all listed)
    delta: Delta | None = None


EventsReady = Callable[[list[Article], list[Event]], None]


def extract(
    cfg: Config, reporter: Reporter, incremental: bool = True, on_events: EventsReady | None = None
) -> Outcome:
    """content/ → data/events.yaml; every correction already in the file stays in force.
    ``incremental``: when only a few articles changed since the last build, redo only what they
    touch (incremental/). ``on_events``: called by a full extraction with the articles and the
    live events as they will be written, before the events file is (a build starts the site's
    render there)."""
    with _gc_paused():
        before = _errors(reporter)
        interrupted = commit.recover(cfg.data)  # before anything reads the pair
        if interrupted is not None:
            reporter.warning(interrupted)
        _check_build_db(cfg, reporter)
        delta = rebuild(cfg, reporter) if incremental else None
        if not incremental:
            reporter.explain("events: every article merged, scored and written again: asked for")
        if delta is not None:
            _explain_delta(reporter, delta)
            reporter.progress(
                f"wrote {delta.events_count} events to {cfg.data} (incremental: "
                f"{len(delta.articles_changed)} articles "
                f"added or changed, {len(delta.articles_removed)} removed, {delta.extracted} "
                f"extracted; {delta.new} new, "
                f"{len(delta.upserted) - delta.new} updated, {delta.dropped} no longer found)"
            )
            failures = _errors(reporter) - before
            return Outcome(failures=failures, extracted=delta.extracted, delta=delta)
        return _extract(cfg, reporter, on_events)


def _explain_delta(reporter: Reporter, delta: Delta) -> None:
    why = {a.path: "added or changed" for a in delta.articles_changed}
    why |= {path: "removed" for path in delta.articles_removed}
    explain_paths(
        reporter,
        "events: only what the changed articles touch was merged, scored and written again"
        + ("" if why else ": no article changed"),
        why,
    )


@contextmanager
def _gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off for a stage that builds millions of acyclic objects (events,
    dicts, JSON): each of its full passes walks every live object, and at 10,000 articles those
    passes were half of the store's time. Reference counting still frees everything; cycles wait
    until after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _gc_running() -> Iterator[None]:
    """The collector back on (for the extraction: worker processes inherit the setting when they
    fork)."""
    enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not enabled:
            gc.disable()


def _extract(cfg: Config, reporter: Reporter, on_events: EventsReady | None = None) -> Outcome:
    """The full extraction: articles → machine events → reconciled with the file → the pair
    written."""
    before = _errors(reporter)
    store = _read_store(cfg)  # raises StoreError on a damaged file before anything is written
    articles = read_content(cfg, reporter)
    reporter.progress(f"read {len(articles)} articles from {cfg.content}")
    machine = _machine_output(cfg, articles, store.snapshot, reporter)
    result = reconcile(
        machine.events,
        store.snapshot.events,
        store.loaded.events,
        snapshot_known=snapshot_exists(cfg.data) or not store.loaded.events,
        in_step=_pair_in_step(cfg, reporter),
    )
    live = live_events(sorted(result.events, key=event_sort_key))
    if on_events is not None:
        on_events(articles, live)
    layouts = _write_store(cfg, store, result)
    _remember(cfg, articles, machine, result, layouts)
    _report(reporter, cfg, articles, machine.todo, result)
    return Outcome(articles, live, _errors(reporter) - before, len(machine.todo))


def _check_build_db(cfg: Config, reporter: Reporter) -> None:
    """A build database that cannot be used (damaged, truncated, from another version) is said so
    in one line and made again: everything in it is a shortcut."""
    problem = builddb.check(cfg.cache_dir)
    if problem is not None:
        reporter.warning(problem)


def _errors(reporter: Reporter) -> int:
    return len(getattr(reporter, "errors", []))


@dataclass(frozen=True)
class StoreRead:
    """data/ as the build found it: the events file as people left it, and the last machine
    output."""

    loaded: Loaded
    snapshot: Snapshot
    chunks: ChunkCache


def _read_store(cfg: Config) -> StoreRead:
    chunks = store_cache(cfg)
    return StoreRead(read_store(cfg.data, chunks), load_snapshot(cfg.data), chunks)


@dataclass(frozen=True)
class MachineOutput:
    """The events the articles give, and how they were got (``made``: None when taken from the
    snapshot)."""

    events: list[Event]
    todo: list[Article]  # the articles extracted afresh
    inputs: str  # digest of the articles and the extractor
    made: Made | None


def _machine_output(
    cfg: Config, articles: list[Article], snapshot: Snapshot, reporter: Reporter
) -> MachineOutput:
    inputs = inputs_digest(with_doc_type(machine_fingerprint(), cfg.doc_type), articles)
    if inputs and inputs == recorded_inputs(cfg.cache_dir, snapshot_path(cfg.data)):
        # Same articles, same extractor as the last build: its machine output is the snapshot.
        # Without the build state that says so (a fresh clone of a folder whose events file is
        # committed) the events are made again, from the mention cache, so that the state can be
        # recorded and the next build be incremental.
        reporter.explain(
            "events: the same articles and extractor as the last build: its machine output (the "
            "snapshot) is used, nothing is extracted"
        )
        return MachineOutput(snapshot.events, [], inputs, None)
    with MentionCache(cfg.cache_dir, doc_type=cfg.doc_type) as cache:
        made = _machine_events(cfg, cache, articles, reporter)
    if reporter.explaining:  # the reasons cost a read of the last build's record
        explain_paths(
            reporter,
            f"events: the mentions of {len(articles) - len(made.todo)} article(s) from the cache",
            why_extracted(cfg.cache_dir, made.todo, state_meta(cfg)) if made.todo else {},
        )
    return MachineOutput(made.events, made.todo, inputs, made)


def _write_store(cfg: Config, store: StoreRead, result: Reconciled) -> tuple[Layout, Layout]:
    """The pair's commit (store/commit.py): snapshot pending, events file, snapshot in place.
    Returns where each entry went in the events file and in the snapshot."""
    layouts = (Layout(), Layout())
    build = save_snapshot(cfg.data, result.snapshot, layouts[1])
    save_events(cfg.data, result.events, store.loaded, store.chunks, layouts[0], build)
    commit.commit(cfg.data)
    return layouts


def _remember(
    cfg: Config,
    articles: list[Article],
    machine: MachineOutput,
    result: Reconciled,
    layouts: tuple[Layout, Layout],
) -> None:
    """What lets the next build be incremental (incremental/)."""
    meta = {**state_meta(cfg), "inputs": machine.inputs}
    if machine.made is not None:
        _record_state(cfg, articles, machine.made, result, layouts, meta)
    elif not refresh_state(
        cfg.cache_dir, meta, result, *layouts, cfg.data, snapshot_path(cfg.data)
    ):
        # stale: its stamps no longer match, but 70 MB at 10,000 articles is worth freeing
        forget_state(cfg.cache_dir)


def _pair_in_step(cfg: Config, reporter: Reporter) -> bool:
    in_step = commit.read_ids(cfg.data).in_step()
    if not in_step:
        reporter.warning(
            f"{cfg.data}: its snapshot is from another build; no deletion is inferred this time"
        )
    return in_step


@dataclass
class Made:
    """The machine events of a full extraction and what the incremental state keeps of their
    making."""

    events: list[Event]
    todo: list[Article]
    days: dict[str, DayEvidence]
    index: MergeIndex
    evidence: list[tuple[float, float, float, float, float]]


def _record_state(
    cfg: Config,
    articles: list[Article],
    made: Made,
    result: Reconciled,
    layouts: tuple[Layout, Layout],
    meta: dict[str, str],
) -> None:
    """What lets the next build redo only what changed articles touch (incremental/): about 1.8 s
    of a 10,000-article full build (a thread beside the render cost the render more than it
    saved, GIL-bound). A state that cannot be written is no state."""
    try:
        with ArticleCache(cfg.cache_dir) as cache:
            stamps = cache.stamps()
        build = FullBuild(
            articles,
            stamps,
            made.events,
            made.days,
            made.index,
            made.evidence,
            result,
            *layouts,
            meta,
        )
        record_full_build(state_file(cfg.cache_dir), build, cfg.data, snapshot_path(cfg.data))
    except Exception:  # noqa: BLE001  (a full disk, a read-only cache folder: the next build is a full one)
        forget_state(cfg.cache_dir)


PROGRESS_EVERY = 500  # articles between two progress lines on long runs (-q silences them)


def _machine_events(
    cfg: Config, cache: MentionCache, articles: list[Article], reporter: Reporter
) -> Made:
    """Extract the articles the cache does not know (in parallel), then merge every mention."""
    known = cache.known(articles)
    todo = [a for a in articles if cache.key(a) not in known]
    results = map_articles(
        encoded_article_work, todo, cfg.jobs, executor=cfg.executor, scheduler=cfg.scheduler
    )
    with _gc_running():  # the workers fork from here: they keep the collector
        for done, (article, row) in enumerate(zip(todo, results, strict=True), 1):
            cache.put_encoded(article, row)
            if done % PROGRESS_EVERY == 0:
                reporter.progress(f"extracted {done:,} of {len(todo):,} articles")
    mentions, words, missing = cache.get_all(articles)
    for article in missing:  # not cacheable (no content hash) or a damaged entry
        found, found_words = article_work(article)
        cache.put(article, found, found_words)
        mentions.extend(found)
        words.extend(found_words)
    todo += [a for a in missing if a not in todo]
    cache.prune(articles)
    merged, index = merge_events_indexed(mentions, words)
    del words  # the index keeps each distinct mention's words (the incremental state stores them)
    outlets = {a.path: a.source for a in articles if a.source}
    evidence: list[tuple[float, float, float, float, float]] = []
    days: dict[str, DayEvidence] = {}
    scored = score_salience(merged, mentions, outlets=outlets, kept=evidence, days=days)
    return Made(scored, todo, days, index, evidence)


# files per task: a read is short (about 1 ms), so bigger chunks save a fifth of the round trips'
# cost
READ_CHUNK = 64


def read_content(cfg: Config, reporter: Reporter) -> list[Article]:
    """Every article of content/; files unchanged since the last build come from the article
    cache, the others are read by a local process pool (decoding, Markdown and language detection
    cost about as much as tagging; with Dask the files still live on this machine, so they are
    read here too)."""
    engine = "serial" if cfg.executor == "serial" else "process"
    with ArticleCache(cfg.cache_dir) as cache:
        mapper = partial(map_articles, jobs=cfg.jobs, executor=engine, chunksize=READ_CHUNK)
        articles = list(
            ingest.read_articles(
                cfg.content, reporter, cfg.max_bytes, cache, mapper, doc_type=cfg.doc_type
            )
        )
        cache.prune()
    explain_paths(
        reporter, f"{cfg.content}: {cache.hits} unchanged file(s) from the cache", cache.why
    )
    return articles


SHOWN_PATHS = 10  # paths named per reason by --explain-rebuild; the rest are counted


def explain_paths(reporter: Reporter, head: str, why: dict[str, str]) -> None:
    """One --explain-rebuild line: ``head``, then the paths grouped by the reason each was
    redone."""
    if not reporter.explaining:
        return
    by_reason: dict[str, list[str]] = {}
    for path, reason in sorted(why.items()):
        by_reason.setdefault(reason, []).append(path)
    parts = [head] + [
        f"{len(paths)} {reason}: {', '.join(paths[:SHOWN_PATHS])}"
        + (f" and {len(paths) - SHOWN_PATHS} more" if len(paths) > SHOWN_PATHS else "")
        for reason, paths in by_reason.items()
    ]
    reporter.explain("; ".join(parts))


def store_cache(cfg: Config) -> ChunkCache:
    """The text of every event of data/events.yaml as last written, so reading it parses only
    what people changed."""
    return ChunkCache(cfg.cache_dir / "events-yaml.json")


def encoded_article_work(article: Article) -> str:
    """article_work as the cache row it becomes: the worker encodes it, so the main process
    (which reads every row back for the merge anyway) neither unpickles events nor encodes JSON
    for each article."""
    return encode_mentions(*article_work(article))


def _report(
    reporter: Reporter,
    cfg: Config,
    articles: list[Article],
    todo: list[Article],
    result: Reconciled,
) -> None:
    for article in articles:
        if len(article.text) - article.body_start > MAX_BODY_CHARS:
            reporter.warning(
                f"{article.path}: only the first {MAX_BODY_CHARS:,} characters were read for events"
            )
    for event_id, messages in sorted(result.conflicts.items()):
        for message in messages:
            reporter.warning(f"{cfg.data}: {event_id} needs review: {message}")
    reporter.progress(
        f"wrote {len(result.events)} events to {cfg.data} ({len(todo)} articles extracted, "
        f"{len(articles) - len(todo)} from cache; "
        f"{len(result.new)} new, {len(result.kept_edits)} with your edits, "
        f"{len(result.conflicts)} to review, "
        f"{len(result.dropped)} no longer found)"
    )


def render(
    cfg: Config,
    reporter: Reporter,
    articles: list[Article] | None = None,
    events: list[Event] | None = None,
) -> Outcome:
    """data/events.yaml (+ the articles, for their pages) → site/; ``events``: the file's live
    events, already read."""
    _check_build_db(cfg, reporter)
    reporter.explain("site: rendered from the events file as it is now")
    if events is None:
        events = live_events(read_store(cfg.data, store_cache(cfg)).events)
    if articles is None:
        articles = read_content(cfg, reporter) if cfg.content.is_dir() else []
    finish_render(cfg, reporter, start_render(cfg, articles, events), articles, events)
    return Outcome(articles, events)


def start_render(cfg: Config, articles: list[Article], events: list[Event]) -> SiteRender:
    """The render's first step (render/site.py: SiteRender); until it finishes, the site is not
    in step."""
    forget_site_source(cfg.cache_dir)
    return SiteRender(
        top_dates(events, cfg.top),
        articles,
        cfg.site,
        cfg.templates,
        cfg.title,
        cfg.cache_dir,
        cfg.jobs,
        page_options(cfg),
    )


def finish_render(
    cfg: Config,
    reporter: Reporter,
    started: SiteRender,
    articles: list[Article],
    events: list[Event],
) -> None:
    started.finish()
    record_site_source(cfg.cache_dir, cfg.data, cfg.site)
    if started.cache is not None:
        explain_paths(
            reporter,
            f"site: every page assembled again; {started.cache.reused} article page(s) linked "
            "unchanged from the last site",
            started.cache.why,
        )
    _report_media(cfg, reporter, events, articles)
    reporter.progress(f"wrote {cfg.site}/ ({len(events)} events, {len(articles)} article pages)")


def _report_media(
    cfg: Config, reporter: Reporter, events: list[Event], articles: Iterable[Article]
) -> None:
    """One line for each picture left out, naming events.yaml (an editor's ``image:``) or the
    article, and for each date the axis cannot place."""
    by_path = {a.path: a for a in articles}
    for path, read in sorted(by_path.items()):
        if read.image_remote:
            reporter.warning(
                f"{cfg.content / path}: image {read.image_remote!r} not fetched (a web address: "
                "nothing is fetched; put the file under content/ and name its path)"
            )
    for article, problem in media_problems(events, cfg.content, by_path):
        reporter.warning(f"{cfg.data if article is None else cfg.content / article}: {problem}")
    for event in events:
        # a calendar date the axis cannot place (year 0, a year BC, 2010-02-30): said, then listed
        # with the undated events; a vague value (PAST_REF) is undated by design
        if event.date and event.date[0] in "-0123456789" and day_span(event.date) is None:
            reporter.warning(
                f"{cfg.data}: {event.id}: date {event.date!r} is not a day of the years 1 to 9999: "
                "listed with the undated events, not on the axis"
            )


def build(cfg: Config, reporter: Reporter) -> Outcome:
    # a change applies only to the state it follows
    site_was_in_step = site_in_step(cfg.cache_dir, cfg.data, cfg.site)
    started: list[SiteRender] = []
    try:
        extracted = extract(
            cfg,
            reporter,
            on_events=lambda articles, events: started.append(start_render(cfg, articles, events)),
        )
    except BaseException:
        for early in started:
            early.abort()
        raise
    # a full extraction, which started the render before writing the events file
    if extracted.delta is None:
        finish_render(cfg, reporter, started[0], extracted.articles, extracted.events)
    elif not _update_site(cfg, reporter, extracted.delta, site_was_in_step):
        render(cfg, reporter)  # every event and article read back from the files
    return extracted


def _update_site(cfg: Config, reporter: Reporter, delta: Delta, site_was_in_step: bool) -> bool:
    """After an incremental rebuild, the site's incremental update (render/delta.py): only the
    pages and the fragments of the events and articles that changed. False: render it all."""
    if not site_was_in_step:  # a change applies only to the state it follows
        _full_render(reporter, f"{cfg.site}/ did not show {cfg.data} as the last build left it")
        return False
    if cfg.top > 0:  # a summary timeline: which dates make the cut is decided over every event
        _full_render(reporter, f"a summary timeline (top {cfg.top}) is chosen from every event")
        return False
    with Published(cfg, delta.articles_changed, delta.snapshot_layout) as published:
        changes = SiteChanges(
            delta.removed,
            delta.upserted,
            delta.articles_changed,
            delta.articles_removed,
            delta.article_count,
            published.events_citing,
            published.articles,
        )
        try:
            forget_site_source(cfg.cache_dir)
            update_site(
                changes,
                cfg.site,
                cfg.templates,
                cfg.title,
                cfg.cache_dir,
                cfg.jobs,
                page_options(cfg),
            )
            shown = _shown_anew(delta, published)
            cited = published.articles({s.article for e in shown for s in e.sources})
        except NotIncremental as why:
            _full_render(reporter, str(why))
            return False
    record_site_source(cfg.cache_dir, cfg.data, cfg.site)
    _report_media(cfg, reporter, shown, cited.values())
    reporter.explain(
        f"site: updated in place: the pages and fragments of {len(delta.upserted)} changed "
        f"event(s) and {len(delta.articles_changed)} changed article(s), the rest kept"
    )
    reporter.progress(
        f"updated {cfg.site}/ ({delta.events_count} events, {delta.article_count} articles; "
        f"{len(delta.upserted)} events and {len(delta.articles_changed)} article pages changed)"
    )
    return True


def _full_render(reporter: Reporter, why: str) -> None:
    reporter.progress(f"full render: {why}")
    reporter.explain(f"site: not updated in place: {why}")


def _shown_anew(delta: Delta, published: Published) -> list[Event]:
    """The events an update rendered again: those changed and those citing a changed article (its
    picture)."""
    events = {e.id: e for e in delta.upserted}
    for citing in published.events_citing([a.path for a in delta.articles_changed]).values():
        events.update((e.id, e) for e in citing if e.id not in events)
    return list(events.values())


def content_path(cfg: Config, path: Path) -> str:
    return path.relative_to(cfg.content).as_posix()


def explain(cfg: Config, reporter: Reporter, event_id: str) -> list[str]:
    """The merge decisions behind one event of data/events.yaml (mentions come from the cache
    when fresh)."""
    from .errors import StoreError
    from .events.explain import explain as explain_event

    entries = {e.id: e for e in read_store(cfg.data, store_cache(cfg)).events}
    if event_id not in entries:
        raise StoreError(f"no event with id {event_id}", str(cfg.data))
    articles = read_content(cfg, reporter)
    with MentionCache(cfg.cache_dir, doc_type=cfg.doc_type) as cache:
        mentions, words, missing = cache.get_all(articles)
    for article in missing:
        found, found_words = article_work(article)
        mentions.extend(found)
        words.extend(found_words)
    return explain_event(entries[event_id], merge_mentions(mentions, words), entries[event_id])
