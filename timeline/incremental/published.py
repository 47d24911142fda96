"""The events and articles as they stand after an incremental rebuild, looked up a few at a time.

A full render reads every event and article; the incremental one (``render/delta.py``) asks only
for the events citing the articles whose pages change and for the articles it names. They come
from the state and the files it describes: a plain event (as the machine made it, untouched by a
person) is its line of the snapshot, an article its entry in the article cache."""

from __future__ import annotations

from collections.abc import Collection

from .. import ingest
from ..config import Config
from ..errors import ContentError, NotIncremental
from ..ingest.cache import ArticleCache
from ..models import Article, Event
from ..store.layout import Layout
from ..store.yaml_store import event_sort_key, snapshot_path
from .state import State
from .update import snapshot_events


class Published:
    """Lookups over the state after an incremental rebuild (one connection, the snapshot's layout
    read once, each event and article looked up once); use as a context manager."""

    def __init__(
        self, cfg: Config, fresh: Collection[Article] = (), snapshot_layout: Layout | None = None
    ) -> None:
        """``fresh``: the articles this rebuild read (a file too new to trust is not in the
        article cache); ``snapshot_layout``: the snapshot's layout, when the rebuild has it at
        hand."""
        self.cache_dir, self.snapshot = cfg.cache_dir, snapshot_path(cfg.data)
        self.content, self.max_bytes = cfg.content, cfg.max_bytes
        self.fresh = {a.path: a for a in fresh}
        self.layout = snapshot_layout
        self.state: State | None = None
        self.events: dict[str, Event] = {}
        self.known: dict[str, Article] = {}

    def __enter__(self) -> Published:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.state is not None:
            self.state.close()
            self.state = None

    def events_citing(self, paths: Collection[str]) -> dict[str, list[Event]]:
        """path → every live event citing it, in the store's order. Raises NotIncremental when
        one of them is not as the machine made it (its published form needs the whole file: a
        full render)."""
        state = self._state()
        rows = state.events_where("comp", set(state.mention_keys(paths).values()))
        if any(not r.plain for r in rows):
            raise NotIncremental("an event on a changed page was edited by a person")
        missing = [r.id for r in rows if r.id not in self.events]
        if missing:
            if self.layout is None:
                self.layout = state.layout("snapshot")
                if self.layout is None:
                    raise NotIncremental("no layout of the snapshot")
            self.events.update(
                (e.id, e) for e in snapshot_events(self.snapshot, self.layout, missing)
            )
        wanted = set(paths)
        out: dict[str, list[Event]] = {p: [] for p in paths}
        for event in sorted((self.events[r.id] for r in rows), key=event_sort_key):
            for path in sorted({s.article for s in event.sources} & wanted):
                out[path].append(event)
        return out

    def articles(self, paths: Collection[str]) -> dict[str, Article]:
        """path → the article as the last build read it: from this rebuild, the article cache, or
        (a file too new for the cache to trust) read again, when its content hash is still the
        one the state recorded."""
        wanted = sorted(set(paths) - self.fresh.keys() - self.known.keys())
        if wanted:
            with ArticleCache(self.cache_dir) as cache:
                found = cache.stored(wanted)
            hashes = self._state().article_hashes(wanted)
            for path in wanted:
                if path in found and found[path].sha256 == hashes.get(path):
                    self.known[path] = found[path]
                    continue
                try:
                    article = ingest.read_article(self.content / path, self.content, self.max_bytes)
                except (ContentError, RecursionError) as exc:
                    raise NotIncremental(f"{path} cannot be read again") from exc
                if article.sha256 != hashes.get(path):
                    raise NotIncremental(f"{path} changed during the build")
                self.known[path] = article
        return {p: self.fresh[p] if p in self.fresh else self.known[p] for p in paths}

    def _state(self) -> State:
        if self.state is None:
            self.state = State.load(self.cache_dir)  # NotIncremental says why there is none
        return self.state
