"""What ``delta.update_site`` needs to know about the site the last render wrote, without the events
themselves.

A full render (``render_site`` with a cache dir) records it at its end, and every ``update_site``
keeps it up to date: the small parts in the build database's ``site_state`` table (one row per
part), the orders and spans (tens of MB at 10^5 events, marshal and numpy arrays as raw bytes) in a
file beside it, ``site-state-<token>.bin``, named by a row of that table. Writing them into SQLite
cost a quarter of a second per update (every page journaled, then written); a new file costs a few
milliseconds, and the row naming it changes in the same transaction as the rest, so a state is
always read whole (a crash before the commit leaves the previous file named; the dirty mark below
says it is stale). Recorded:

- the two *orders* the site's files follow, as the columns their sort keys are made of: the list
  order (``list_groups.list_key``: index.html, years/, data/) and the export order
  (``store.event_sort_key``: the exports; those with a calendar span are flagged, they alone are in
  events.ics and timelinejs.json);
- the list's groups (key and size, in order) and the source names of the undated groups' articles;
- every filter value's number of events (the index's options, meta.js's order);
- the feed's reserve: the ``FEED_RESERVE`` most recent events, whole (the feed shows the newest 100
  of all);
- per *family* of files (the exports, data/events-NNN.js, search-NNN.js, html-*.js, years/*.html, a
  small site's index.html), where each event's fragment sits, by its position in the family's order:
  file, offset, length;
- the stamp (size, inode, modification and change times) of every file of the site, so that a file
  changed, added or removed behind the renderer's back is noticed and the site rebuilt in full;
- the renderer's identity (templates, code, libraries, title) and a *dirty* mark, set while
  update_site changes files: a run that died half-way leaves it set, and the next build renders in
  full.
"""

from __future__ import annotations

import hashlib
import heapq
import marshal
import os
import pickle
import secrets
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..infra.atomic import stamp_of
from ..models import Event
from ..store.yaml_store import event_sort_key
from .client_data import html_cut
from .dates import day_span
from .exports import ATOM_ENTRIES, stamp_day
from .list_groups import GroupKey, ListKey

SCHEMA = "CREATE TABLE IF NOT EXISTS site_state (name TEXT PRIMARY KEY, value BLOB NOT NULL)"
# events kept whole for the feed: removals eat into it before a full render refills it
FEED_RESERVE = 5 * ATOM_ENTRIES // 2
LIST_FAMILIES = ("rows", "search", "html", "years", "index")  # files in list order
EXPORT_FAMILIES = ("events.json", "events.csv")  # every event, in export order
# the events with a calendar span, in export order
CALENDAR_FAMILIES = ("events.ics", "timelinejs.json")


def order_key(kind: str, nums: tuple[int, ...], text: str, event_id: str) -> tuple:
    """The sort key of one row of an Order (the one definition: the render sorts by it, and a
    site update places new rows by it)."""
    if kind == "export":
        return (nums[0], text, event_id)
    return (*nums[:5], text, event_id) if nums[0] == 0 else (1, text, event_id)


class Order:
    """Events in one order, as the columns of their sort keys: ids, one text column and small
    integers.

    List order: nums = (flag, year, month, first day, -last day, ends an html chunk
    (``client_data.html_cut``)),
    text = date (dated) or first article (undated);
    export order: nums = (flag, has a calendar span), text = date or ""."""

    def __init__(self, kind: str, ids: list[str], texts: list[str], nums: np.ndarray) -> None:
        self.kind, self.ids, self.texts, self.nums = kind, ids, texts, nums

    def __len__(self) -> int:
        return len(self.ids)

    def key(self, i: int) -> tuple:
        return order_key(self.kind, tuple(self.nums[i].tolist()), self.texts[i], self.ids[i])

    def dump(self) -> tuple:
        return (
            self.kind,
            self.ids,
            self.texts,
            self.nums.shape[1],
            self.nums.astype(np.int32).tobytes(),
        )

    @classmethod
    def load(cls, parts: tuple) -> Order:
        kind, ids, texts, width, nums = parts
        return cls(
            kind,
            ids,
            texts,
            np.frombuffer(nums, dtype=np.int32).reshape(-1, width).astype(np.int64),
        )


def list_row(key: ListKey, cut: bool | None = None) -> tuple[tuple[int, ...], str, str]:
    """(nums, text, id) of a list key; ``cut``: whether it ends an html chunk (None: work it
    out)."""
    event_id = key[-1]
    cut = html_cut(event_id) if cut is None else cut
    if key[0] == 0:
        return (*key[:5], int(cut)), key[5], event_id
    return (1, 0, 0, 0, 0, int(cut)), key[1], event_id


def export_row(event: Event) -> tuple[tuple[int, ...], str, str]:
    flag, date, event_id = event_sort_key(event)
    return (flag, int(day_span(event.date, event.date_end) is not None)), date, event_id


def list_order(keys: list[ListKey], cuts: list[bool]) -> Order:
    """The list order of a full render (``keys`` sorted), built a column at a time (10^5 events)."""
    n = len(keys)
    dated = sum(1 for k in keys if k[0] == 0)  # the dated come first
    nums = np.zeros((n, 6), dtype=np.int64)
    nums[dated:, 0] = 1
    for column in (1, 2, 3, 4):
        nums[:dated, column] = np.fromiter(
            (k[column] for k in keys[:dated]), dtype=np.int64, count=dated
        )
    nums[:, 5] = np.fromiter(cuts, dtype=np.int64, count=n)
    texts = [k[5] for k in keys[:dated]] + [k[1] for k in keys[dated:]]
    return Order("list", [k[-1] for k in keys], texts, nums)


def export_order(events: list[Event], calendar: list[bool]) -> Order:
    """``events`` in export order, and whether each has a calendar span."""
    n = len(events)
    nums = np.zeros((n, 2), dtype=np.int64)
    nums[:, 0] = np.fromiter((not e.date for e in events), dtype=np.int64, count=n)
    nums[:, 1] = np.fromiter(calendar, dtype=np.int64, count=n)
    return Order("export", [e.id for e in events], [e.date or "" for e in events], nums)


@dataclass
class Spans:
    """Where a family's fragments are, by position in its order: index into ``files``, offset,
    length."""

    files: list[str]
    file: np.ndarray
    offset: np.ndarray
    length: np.ndarray

    def dump(self) -> tuple:
        """Positions are in file order, so per file a count stands for the file index of each."""
        counts = (
            np.bincount(self.file, minlength=len(self.files))
            if len(self.file)
            else np.zeros(len(self.files), np.int64)
        )
        wide = len(self.offset) and int(self.offset.max()) >= 1 << 31  # a file over 2 GB
        return (
            self.files,
            counts.astype(np.int64).tobytes(),
            wide,
            self.offset.astype(np.int64 if wide else np.int32).tobytes(),
            self.length.astype(np.int32).tobytes(),
        )

    @classmethod
    def load(cls, parts: tuple) -> Spans:
        files, counts, wide, offset, length = parts
        file = np.repeat(
            np.arange(len(files), dtype=np.int64), np.frombuffer(counts, dtype=np.int64)
        )
        return cls(
            files,
            file,
            np.frombuffer(offset, dtype=np.int64 if wide else np.int32).astype(np.int64),
            np.frombuffer(length, dtype=np.int32).astype(np.int64),
        )


def feed_key(event: Event) -> tuple[int, str]:
    """The feed's order (exports.atom_bytes): newest stamp first, then id."""
    return (stamp_day(event), event.id)


@dataclass
class SiteState:
    base: str  # digest of the renderer's identity (templates, code, libraries, title)
    # more than LIST_MAX events: year pages and html chunks instead of the list in the index
    split: bool
    article_count: int
    list_order: Order
    export_order: Order
    groups: list[GroupKey]
    group_counts: list[int]
    undated_names: dict[str, str]  # undated group's article path → its source name
    facets: dict[str, dict[str, int]]  # filter → value → number of events
    feed: list[Event]  # the FEED_RESERVE most recent events (all of them when there are fewer)
    spans: dict[str, Spans]
    # every file of the site → size:mtime_ns:inode
    stamps: dict[str, str] = field(default_factory=dict)
    media: dict[str, str] = field(default_factory=dict)  # event id → its picture in media/, if any
    # event id → the file under content/ its picture is asked from; those files → their stamps
    wanted: dict[str, str] = field(default_factory=dict)
    pictures: dict[str, str] = field(default_factory=dict)

    def save(self, db: sqlite3.Connection, cache_dir: Path) -> Path:
        """Replace the recorded state (within the caller's transaction: the new arrays file is
        written first, the previous one is left to ``drop_stale``) and clear the dirty mark.
        Returns the arrays file written."""
        arrays = cache_dir / f"site-state-{secrets.token_hex(8)}.bin"
        write_file_atomic(
            arrays,
            marshal.dumps(
                (
                    self.list_order.dump(),
                    self.export_order.dump(),
                    {name: s.dump() for name, s in self.spans.items()},
                    self.stamps,
                )
            ),
        )
        parts = {
            "base": self.base.encode(),
            "split": marshal.dumps(self.split),
            "article_count": marshal.dumps(self.article_count),
            "groups": marshal.dumps((self.groups, self.group_counts, self.undated_names)),
            "facets": marshal.dumps(self.facets),
            "feed": pickle.dumps(self.feed, protocol=pickle.HIGHEST_PROTOCOL),
            "arrays": arrays.name.encode(),
            "media": marshal.dumps((self.media, self.wanted, self.pictures)),
        }
        db.execute(SCHEMA)
        db.execute("DELETE FROM site_state")
        db.executemany("INSERT INTO site_state VALUES (?, ?)", list(parts.items()))
        return arrays

    @classmethod
    def load(cls, db: sqlite3.Connection, base: str, cache_dir: Path) -> SiteState | None:
        """The recorded state, or None when there is none, it is dirty or it was written by
        another renderer."""
        db.execute(SCHEMA)
        parts = dict(db.execute("SELECT name, value FROM site_state"))
        if "dirty" in parts or parts.get("base") != base.encode():
            return None
        if not {"arrays", "media"} <= set(parts):
            return None
        try:
            lists, exports, spans, stamps = marshal.loads(
                (cache_dir / parts["arrays"].decode()).read_bytes()
            )
        except (OSError, ValueError, EOFError, TypeError):
            return None
        groups, counts, names = marshal.loads(parts["groups"])
        return cls(
            base,
            marshal.loads(parts["split"]),
            marshal.loads(parts["article_count"]),
            Order.load(lists),
            Order.load(exports),
            [tuple(g) for g in groups],
            counts,
            names,
            marshal.loads(parts["facets"]),
            pickle.loads(parts["feed"]),
            {name: Spans.load(b) for name, b in spans.items()},
            stamps,
            *marshal.loads(parts["media"]),
        )


def drop_stale(cache_dir: Path, keep: Path | None) -> None:
    """Remove the arrays files of earlier states (after the new state is committed)."""
    for path in cache_dir.glob("site-state-*.bin"):
        if path != keep:
            path.unlink(missing_ok=True)


def write_file_atomic(path: Path, data: bytes) -> None:
    """A new file, complete or absent (no fsync: after a crash the state is rebuilt by a full
    render anyway)."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def mark_dirty(db: sqlite3.Connection) -> None:
    """Committed before update_site changes the first file: until the new state replaces it, no
    update trusts it."""
    with db:
        db.execute(SCHEMA)
        db.execute("INSERT OR REPLACE INTO site_state VALUES ('dirty', x'01')")


def forget(db: sqlite3.Connection) -> None:
    db.execute(SCHEMA)
    db.execute("DELETE FROM site_state")


def base_digest(base: str) -> str:
    return hashlib.sha256(base.encode("utf-8", "surrogatepass")).hexdigest()


def site_stamps(site: Path) -> dict[str, str]:
    """Every file under ``site`` (relative POSIX path) → its stamp; folders are walked, links not
    followed."""
    stamps: dict[str, str] = {}
    todo = [("", str(site))]
    while todo:
        rel, folder = todo.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    todo.append((f"{rel}{entry.name}/", entry.path))
                else:
                    stamps[rel + entry.name] = stamp_of(entry.stat(follow_symlinks=False))
    return stamps


def family_spans(
    fresh: dict[str, tuple[str, str, bytes, bytes, bytes]], family: str, files: list[str]
) -> Spans:
    """A family's spans from the rows the render's splice manifest wrote for its files (in
    ``files`` order)."""
    offsets, lengths, counts = [], [], []
    for rel in files:
        spans = np.frombuffer(fresh[rel][3], dtype=np.uint64).reshape(-1, 3).astype(np.int64)
        offsets.append(spans[:, 0])
        lengths.append(spans[:, 1])
        counts.append(len(spans))
    empty = np.zeros(0, dtype=np.int64)
    return Spans(
        list(files),
        np.repeat(np.arange(len(files), dtype=np.int64), counts),
        np.concatenate(offsets) if offsets else empty,
        np.concatenate(lengths) if lengths else empty,
    )


def feed_reserve(events: list[Event], order: Order) -> list[Event]:
    """The FEED_RESERVE most recent events of a full render; ``events`` in list order
    (``order``). A dated event's stamp is its first day (in the order's columns already): only
    candidates at or above the FEED_RESERVE-th largest of those, and the undated (whose stamp
    comes from their sources), go through ``feed_key``."""
    dated = order.nums[:, 0] == 0
    firsts = order.nums[dated, 3]
    if len(firsts) > FEED_RESERVE:
        floor = np.partition(firsts, len(firsts) - FEED_RESERVE)[len(firsts) - FEED_RESERVE]
        candidates = np.flatnonzero(~dated | (order.nums[:, 3] >= floor)).tolist()
    else:
        candidates = list(range(len(events)))
    return heapq.nlargest(FEED_RESERVE, (events[i] for i in candidates), key=feed_key)
