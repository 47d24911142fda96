"""The events and articles as they stand after an incremental rebuild, looked up a few at a time.

A full render reads every event and article; the incremental one (``render/delta.py``) asks only for the
events citing the articles whose pages change and for the articles it names. They come from the state and
the files it describes: a plain event (as the machine made it, untouched by a person) is its line of the
snapshot, an article its entry in the article cache."""

from __future__ import annotations

from collections.abc import Collection

from .. import ingest
from ..config import Config
from ..errors import ContentError
from ..ingest.cache import ArticleCache
from ..models import Article, Event
from ..store.yaml_store import event_sort_key, snapshot_path
from .state import State
from .update import NotIncremental, snapshot_events


class Published:
    def __init__(self, cfg: Config, fresh: Collection[Article] = ()) -> None:
        """``fresh``: the articles this rebuild read (a file too new to trust is not in the article cache)."""
        self.cache_dir, self.snapshot = cfg.cache_dir, snapshot_path(cfg.data)
        self.content, self.max_bytes = cfg.content, cfg.max_bytes
        self.fresh = {a.path: a for a in fresh}

    def events_citing(self, paths: Collection[str]) -> dict[str, list[Event]]:
        """path → every live event citing it, in the store's order. Raises NotIncremental when one of them is
        not as the machine made it (its published form needs the whole file: a full render)."""
        state = self._state()
        try:
            comps = set(state.mention_keys(paths).values())
            rows = state.events_where("comp", comps)
            if any(not r.plain for r in rows):
                raise NotIncremental("an event on a changed page was edited by a person")
            layout = state.layout("snapshot")
        finally:
            state.close()
        if layout is None:
            raise NotIncremental("no layout of the snapshot")
        events = snapshot_events(self.snapshot, layout, [r.id for r in rows])
        wanted = set(paths)
        out: dict[str, list[Event]] = {p: [] for p in paths}
        for event in sorted(events, key=event_sort_key):
            for path in sorted({s.article for s in event.sources} & wanted):
                out[path].append(event)
        return out

    def articles(self, paths: Collection[str]) -> dict[str, Article]:
        """path → the article as the last build read it: from this rebuild, the article cache, or (a file too new
        for the cache to trust) read again, when its content hash is still the one the state recorded."""
        wanted = set(paths) - self.fresh.keys()
        with ArticleCache(self.cache_dir) as cache:
            found = cache.stored(sorted(wanted))
        state = self._state()
        try:
            known = state.articles()
        finally:
            state.close()
        for path in sorted(wanted):
            if path in found and found[path].sha256 == known.get(path, (None, None, None))[1]:
                continue
            try:
                article = ingest.read_article(self.content / path, self.content, self.max_bytes)
            except (ContentError, RecursionError) as exc:
                raise NotIncremental(f"{path} cannot be read again") from exc
            if article.sha256 != known.get(path, (None, None, None))[1]:
                raise NotIncremental(f"{path} changed during the build")
            found[path] = article
        found.update({p: self.fresh[p] for p in paths if p in self.fresh})
        return found

    def _state(self) -> State:
        state = State.open(self.cache_dir)
        if state is None:
            raise NotIncremental("no state")
        return state
