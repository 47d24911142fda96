"""Where each entry sits in a file the store wrote, so a rebuild that changes a few events can write the new
file from byte ranges of the old one (``incremental/``) instead of from every event.

A file is ``head`` bytes, then the entries in the store's order (``event_sort_key``), ``sep`` bytes between two
entries, then a tail. The layout keeps, per entry in file order, the event's id, its date (the order's key)
and the byte length of its text; offsets follow by summing.
"""

from __future__ import annotations

import json
import os
import stat
from array import array
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path


@dataclass
class Layout:
    head: int = 0  # bytes before the first entry
    sep: int = 0  # bytes between two entries
    ids: list[str] = field(default_factory=list)
    dates: list[str | None] = field(default_factory=list)
    lengths: array = field(default_factory=lambda: array("Q"))

    def add(self, event_id: str, date: str | None, text: str) -> None:
        self.ids.append(event_id)
        self.dates.append(date)
        self.lengths.append(len(text) if text.isascii() else len(text.encode("utf-8")))

    def offsets(self) -> list[int]:
        """The byte offset of every entry's text."""
        return [self.head + n * self.sep + before for n, before in enumerate(accumulate(self.lengths, initial=0))][:-1]

    def position(self, date: str | None, event_id: str) -> int:
        """Where an entry with this key goes in the order (``store.event_sort_key``): the index of the first
        entry that sorts after it."""
        key = (0 if date else 1, date or "", event_id)
        return bisect_left(range(len(self.ids)), key, key=lambda n: (0 if self.dates[n] else 1, self.dates[n] or "", self.ids[n]))

    def to_json(self) -> str:
        return json.dumps({"head": self.head, "sep": self.sep, "ids": self.ids, "dates": self.dates}, separators=(",", ":"))

    @classmethod
    def from_parts(cls, text: str, lengths: bytes) -> Layout:
        doc = json.loads(text)
        sizes = array("Q")
        sizes.frombytes(lengths)
        return cls(int(doc["head"]), int(doc["sep"]), list(doc["ids"]), list(doc["dates"]), sizes)


def rewrite(path: Path, old: Layout, head: str, tail: str, sep: str, removed: set[str],
            upserts: list[tuple[str, str | None, str]]) -> Layout:
    """Write ``path`` anew from its old bytes: every entry of ``old`` but the ``removed`` ids, plus ``upserts``
    ((id, date, text), placed in the store's order), between a new ``head`` and ``tail``. Runs of kept entries
    are copied by the kernel (``os.copy_file_range``), so the work grows with the number of changes, not with
    the size of the file. Returns the new layout. The file is replaced atomically (temporary file, fsync, rename)."""
    inserts = sorted(((old.position(date, event_id), (0 if date else 1, date or "", event_id), event_id, date, text)
                      for event_id, date, text in upserts), key=lambda item: item[:2])
    offsets = old.offsets()
    new = Layout(len(head.encode("utf-8")), len(sep.encode("utf-8")))
    sep_raw = sep.encode("utf-8")
    with open(path, "rb") as source, _AtomicOut(path) as out:
        out.write(head.encode("utf-8"))
        run: list[int] = []  # [first, last] index of a run of kept old entries

        def flush_run() -> None:
            if run:
                first, last = run
                start, end = offsets[first], offsets[last] + old.lengths[last]
                out.copy(source.fileno(), start, end - start)
                new.ids.extend(old.ids[first : last + 1])
                new.dates.extend(old.dates[first : last + 1])
                new.lengths.extend(old.lengths[first : last + 1])
                run.clear()

        def separate() -> None:  # before an entry that is not the first (any pending run was flushed)
            if new.ids:
                out.write(sep_raw)

        at = 0
        for position, _, event_id, date, text in [*inserts, (len(old.ids), None, None, None, None)]:
            for n in range(at, position):  # the kept entries before this insert, merged into runs
                if old.ids[n] in removed:
                    flush_run()
                elif run and run[1] == n - 1:
                    run[1] = n
                else:
                    flush_run()
                    separate()
                    run[:] = [n, n]
            at = max(at, position)
            if event_id is None:
                break
            flush_run()
            separate()
            raw = text.encode("utf-8")
            out.write(raw)
            new.ids.append(event_id)
            new.dates.append(date)
            new.lengths.append(len(raw))
        flush_run()
        out.write(tail.encode("utf-8"))
    return new


class _AtomicOut:
    """A temporary file beside the target, written through a buffer and by kernel copies, renamed over the
    target when the block ends without an error."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        self.buffer: list[bytes] = []

    def __enter__(self) -> _AtomicOut:
        self.fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IMODE(os.stat(self.target).st_mode))
        return self

    def write(self, raw: bytes) -> None:
        self.buffer.append(raw)

    def copy(self, source: int, offset: int, count: int) -> None:
        self._flush()
        while count > 0:
            done = os.copy_file_range(source, self.fd, count, offset)
            if done <= 0:
                raise OSError(f"short copy from {self.target}")
            offset += done
            count -= done

    def _flush(self) -> None:
        data = b"".join(self.buffer)
        self.buffer.clear()
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view):]

    def __exit__(self, kind: object, *rest: object) -> None:
        try:
            if kind is None:
                self._flush()
                os.fsync(self.fd)
        finally:
            os.close(self.fd)
        if kind is None:
            os.replace(self.tmp, self.target)
        else:
            self.tmp.unlink(missing_ok=True)


def read_entries(path: Path, layout: Layout, ids: list[str]) -> list[bytes]:
    """The bytes of these entries of the file (KeyError: an id the layout does not hold)."""
    where = {event_id: n for n, event_id in enumerate(layout.ids)}
    offsets = layout.offsets()
    out = []
    with open(path, "rb") as handle:
        for event_id in ids:
            n = where[event_id]
            handle.seek(offsets[n])
            out.append(handle.read(layout.lengths[n]))
    return out
