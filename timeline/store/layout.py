"""Where each entry sits in a file the store wrote, so a rebuild that changes a few events can write
the new file from byte ranges of the old one (``incremental/``) instead of from every event.

A file is ``head`` bytes, then the entries in the store's order (``event_sort_key``), ``sep`` bytes
between two entries, then a tail. The layout keeps, per entry in file order, the event's id, its
date (the order's key) and the byte length of its text; offsets follow by summing.
"""

from __future__ import annotations

import marshal
import os
import stat
from array import array
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

from ..infra.atomic import copy_range, replace_soon_freed, write_all


@dataclass
class Layout:
    head: int = 0  # bytes before the first entry
    sep: int = 0  # bytes between two entries
    ids: list[str] = field(default_factory=list)
    dates: list[str | None] = field(default_factory=list)
    lengths: array = field(default_factory=lambda: array("Q"))
    _sums: list[int] | None = field(default=None, repr=False, compare=False)
    _index: dict[str, int] | None = field(default=None, repr=False, compare=False)

    def add(self, event_id: str, date: str | None, text: str) -> None:
        self.ids.append(event_id)
        self.dates.append(date)
        self.lengths.append(len(text) if text.isascii() else len(text.encode("utf-8")))

    def offset(self, n: int) -> int:
        """The byte offset of the n-th entry's text."""
        if self._sums is None:
            # in C: a few ms for 100,000 entries
            self._sums = list(accumulate(self.lengths, initial=0))
        return self.head + self._sums[n] + n * self.sep

    def index(self) -> dict[str, int]:
        """id → position."""
        if self._index is None:
            self._index = dict(zip(self.ids, range(len(self.ids)), strict=True))
        return self._index

    def position(self, date: str | None, event_id: str) -> int:
        """Where an entry with this key goes in the order (``store.event_sort_key``): the index
        of the first entry that sorts after it."""
        key = (0 if date else 1, date or "", event_id)
        return bisect_left(
            range(len(self.ids)),
            key,
            key=lambda n: (0 if self.dates[n] else 1, self.dates[n] or "", self.ids[n]),
        )

    def to_bytes(self) -> bytes:
        """marshal: C speed both ways (json took 30 ms each way for 100,000 ids, on every
        rebuild). Read back by the same Python only: another version's bytes fail to load and a
        full build follows."""
        return marshal.dumps((self.head, self.sep, self.ids, self.dates, self.lengths.tobytes()))

    @classmethod
    def from_bytes(cls, data: bytes) -> Layout:
        head, sep, ids, dates, lengths = marshal.loads(data)
        sizes = array("Q")
        sizes.frombytes(lengths)
        if len(ids) != len(dates) or len(ids) != len(sizes):
            raise ValueError("inconsistent layout")
        return cls(int(head), int(sep), list(ids), list(dates), sizes)


def rewrite(
    path: Path,
    old: Layout,
    head: str,
    tail: str,
    sep: str,
    removed: set[str],
    upserts: list[tuple[str, str | None, str]],
    trash_root: Path | None = None,
    target: Path | None = None,
    before_replace: Callable[[], object] | None = None,
) -> Layout:
    """Write ``path`` anew from its old bytes: every entry of ``old`` but the ``removed`` ids,
    plus ``upserts`` ((id, date, text), placed in the store's order), between a new ``head`` and
    ``tail``. The runs of kept entries between two changes are copied by the kernel
    (``os.copy_file_range``) and listed by slicing, so the work grows with the number of changes,
    not with the size of the file. Returns the new layout. The file is replaced atomically
    (temporary file, fsync, rename); ``target``: write there instead of over ``path``;
    ``before_replace``: called, once the new file is complete, before it takes its name."""
    index = old.index()
    # the changes in file order (position, 0 insert | 1 removal, the inserted id, its bytes, its
    # date): an insert at p goes before old entry p, a removal of p after it; inserts at one
    # position in the store's order
    inserts: list[tuple[int, int, tuple[int, str, str], bytes, str | None]] = [
        (
            old.position(date, event_id),
            0,
            (0 if date else 1, date or "", event_id),
            text.encode("utf-8"),
            date,
        )
        for event_id, date, text in upserts
    ]
    removals: list[tuple[int, int, tuple[int, str, str], bytes, str | None]] = [
        (index[event_id], 1, (0, "", ""), b"", None) for event_id in removed if event_id in index
    ]
    changes = sorted(inserts + removals)
    new = Layout(len(head.encode("utf-8")), len(sep.encode("utf-8")))
    sep_raw = sep.encode("utf-8")
    out_file = target or path
    with (
        open(path, "rb") as source,
        _AtomicOut(out_file, trash_root or out_file, path, before_replace) as out,
    ):
        out.write(head.encode("utf-8"))

        # old entries [first, end): one copy, separators included
        def keep(first: int, end: int) -> None:
            if first >= end:
                return
            if new.ids:
                out.write(sep_raw)
            start = old.offset(first)
            out.copy(source.fileno(), start, old.offset(end - 1) + old.lengths[end - 1] - start)
            new.ids.extend(old.ids[first:end])
            new.dates.extend(old.dates[first:end])
            new.lengths.extend(old.lengths[first:end])

        at = 0
        for position, kind, key, raw, date in changes:
            keep(at, position)
            at = max(at, position)
            if kind == 1:  # removed
                at = position + 1
                continue
            if new.ids:
                out.write(sep_raw)
            out.write(raw)
            new.ids.append(key[2])
            new.dates.append(date)
            new.lengths.append(len(raw))
        keep(at, len(old.ids))
        out.write(tail.encode("utf-8"))
    return new


class _AtomicOut:
    """A temporary file beside the target, written through a buffer and by kernel copies, renamed
    over the target when the block ends without an error."""

    def __init__(
        self,
        target: Path,
        trash_root: Path,
        mode_of: Path,
        before_replace: Callable[[], object] | None = None,
    ) -> None:
        self.target, self.trash_root, self.mode_of = target, trash_root, mode_of
        self.before_replace = before_replace
        self.tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        self.buffer: list[bytes] = []
        self.fd = -1  # opened on entering the block

    def __enter__(self) -> _AtomicOut:
        mode = stat.S_IMODE(os.stat(self.mode_of).st_mode)
        self.fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        return self

    def write(self, raw: bytes) -> None:
        self.buffer.append(raw)

    def copy(self, source: int, offset: int, count: int) -> None:
        self._flush()
        copy_range(source, self.fd, offset, count)

    def _flush(self) -> None:
        data = b"".join(self.buffer)
        self.buffer.clear()
        write_all(self.fd, data)

    def __exit__(self, kind: object, *rest: object) -> None:
        try:
            if kind is None:
                self._flush()
                os.fsync(self.fd)
        finally:
            os.close(self.fd)
        try:
            if kind is None and self.before_replace is not None:
                self.before_replace()
        except BaseException:
            self.tmp.unlink(missing_ok=True)
            raise
        if kind is None:
            replace_soon_freed(self.tmp, self.target, self.trash_root)
        else:
            self.tmp.unlink(missing_ok=True)


def read_entries(path: Path, layout: Layout, ids: list[str]) -> list[bytes]:
    """The bytes of these entries of the file (KeyError: an id the layout does not hold)."""
    index = layout.index()
    out = []
    with open(path, "rb") as handle:
        for event_id in ids:
            n = index[event_id]
            handle.seek(layout.offset(n))
            out.append(handle.read(layout.lengths[n]))
    return out
