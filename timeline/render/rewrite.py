"""Rewriting a site's files in place, from runs of the previous files' bytes: the writing half of
``delta.py``.

A file of a *family* (``site_state.Spans``) is described as *parts*: literal bytes and ``Run``s,
ranges of positions in the family's new order whose fragments follow each other joined by the
family's separator. A position either comes from the previous site (``origin``: its position in the
old order) or is new (-1) and is made by ``fragment(position)``. ``FamilyPlan.ops`` turns parts into
*ops*: literal bytes, or a range of a previous file to copy. Neighbouring old fragments that were
already neighbours in one previous file become one range, so the work is proportional to the number
of runs (changes, plus the previous files a run crosses), and the numpy arrays of the new spans are
filled a run at a time.

``SiteWriter`` then keeps a file whose ops reproduce its current bytes at the same place (its inode
and modification time stay: servers and rsync see it unchanged), and otherwise writes a temporary
file beside it. Nothing under the site changes until ``commit``: every temporary file is renamed
over its target (each replacement atomic), then the files that are gone are removed. The previous
files stay readable until then, since later files copy from earlier ones (an insertion shifts every
chunk after it).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..infra.atomic import copy_range, replace_soon_freed, stamp_of, write_all
from .site_state import Spans
from .splice import FLUSH

# literal bytes, or (index of a previous file of the family, offset, length)
Op = bytes | tuple[int, int, int]


@dataclass(frozen=True)
class Run:
    """Positions start..stop-1 of the family's new order, their fragments joined by the family's
    separator."""

    start: int
    stop: int


class FamilyPlan:
    """The new spans of one family, filled as its files are planned."""

    def __init__(
        self, old: Spans, origin: np.ndarray, sep: str, fragment: Callable[[int], str]
    ) -> None:
        self.old, self.origin, self.sep, self.fragment = old, origin, sep.encode("utf-8"), fragment
        n = len(origin)
        self.files: list[str] = []
        self.file = np.full(n, -1, dtype=np.int64)
        self.offset = np.zeros(n, dtype=np.int64)
        self.length = np.zeros(n, dtype=np.int64)
        self.ranges: dict[str, tuple[int, int]] | None = None

    def ops(self, rel: str, parts: list[str | Run]) -> list[Op]:
        """The ops of file ``rel`` (the next file of the family) made of ``parts``; records its
        fragments' spans."""
        index = len(self.files)
        self.files.append(rel)
        ops: list[Op] = []
        pos = 0
        for part in parts:
            if isinstance(part, Run):
                pos = self._run(part.start, part.stop, pos, index, ops)
            elif part:
                data = part.encode("utf-8")
                ops.append(data)
                pos += len(data)
        return ops

    def kept(self, rel: str, run: Run) -> bool:
        """When file ``rel`` held exactly the fragments now at ``run`` (same old positions, in
        one piece, none remade) and nothing else varies with their position (the caller's word),
        record their spans as they are and return True: the file need not even be looked at."""
        a, b = run.start, run.stop
        old = self._old_ranges().get(rel)
        if old is None:
            return False
        first, last = old
        o = self.origin
        # origin increases over the old positions kept (-1 at the new ones): with the same ends and
        # count and no new position between, the run is exactly the old file's
        if (
            b - a != last - first
            or b == a
            or o[a] != first
            or o[b - 1] != last - 1
            or o[a:b].min() < 0
        ):
            return False
        index = len(self.files)
        self.files.append(rel)
        self.file[a:b] = index
        self.offset[a:b] = self.old.offset[first:last]
        self.length[a:b] = self.old.length[first:last]
        return True

    def _old_ranges(self) -> dict[str, tuple[int, int]]:
        """Each previous file → the old positions it held (first, end): files hold consecutive
        positions."""
        if self.ranges is None:
            bounds = np.searchsorted(self.old.file, np.arange(len(self.old.files) + 1)).tolist()
            self.ranges = {rel: (bounds[n], bounds[n + 1]) for n, rel in enumerate(self.old.files)}
        return self.ranges

    def _run(self, a: int, b: int, pos: int, index: int, ops: list[Op]) -> int:
        if a >= b:
            return pos
        o = self.origin[a:b]
        new = o < 0
        if len(self.old.offset) == 0:
            f = off = ln = np.zeros(b - a, dtype=np.int64)
        else:
            at = np.where(new, 0, o)
            f, off, ln = self.old.file[at], self.old.offset[at], self.old.length[at]
        # a fragment continues the previous one's range when both are old and were neighbours in one
        # previous file
        follows = (
            ~new[1:]
            & ~new[:-1]
            & (f[1:] == f[:-1])
            & (off[1:] == off[:-1] + ln[:-1] + len(self.sep))
        )
        cuts = (np.flatnonzero(~follows) + 1).tolist()
        for s, e in zip([0, *cuts], [*cuts, b - a], strict=True):
            if s:
                ops.append(self.sep)
                pos += len(self.sep)
            if new[s]:
                data = self.fragment(a + s).encode("utf-8")
                ops.append(data)
                self.file[a + s], self.offset[a + s], self.length[a + s] = index, pos, len(data)
                pos += len(data)
                continue
            first, end = int(off[s]), int(off[e - 1] + ln[e - 1])
            ops.append((int(f[s]), first, end - first))
            self.file[a + s : a + e] = index
            self.offset[a + s : a + e] = off[s:e] - first + pos
            self.length[a + s : a + e] = ln[s:e]
            pos += end - first
        return pos

    def spans(self) -> Spans:
        assert not (self.file < 0).any(), "every position of the family is in one of its files"
        return Spans(self.files, self.file, self.offset, self.length)


class SiteWriter:
    """Files of ``site`` replaced or removed, all at once at ``commit``."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.fds: dict[str, int | None] = {}
        self.pending: dict[str, Path] = {}  # rel → its temporary file
        self.removed: set[str] = set()

    def old_fd(self, rel: str) -> int | None:
        if rel not in self.fds:
            try:
                self.fds[rel] = os.open(self.site / rel, os.O_RDONLY)
            except FileNotFoundError:
                self.fds[rel] = None
        return self.fds[rel]

    def put_ops(self, rel: str, ops: list[Op], sources: list[str]) -> None:
        """File ``rel`` made of ``ops`` (``sources``: the family's previous files the copies come
        from)."""
        if self._unchanged(rel, ops, sources):
            return
        fd, path = self._temporary(rel)
        self.pending[rel] = path  # removed by abort() if anything fails from here
        try:
            buffer: list[bytes] = []
            size = 0
            for op in ops:
                if isinstance(op, bytes):
                    buffer.append(op)
                    size += len(op)
                    if size >= FLUSH:
                        write_all(fd, b"".join(buffer))
                        buffer, size = [], 0
                    continue
                if buffer:
                    write_all(fd, b"".join(buffer))
                    buffer, size = [], 0
                source = self.old_fd(sources[op[0]])
                assert source is not None
                copy_range(source, fd, op[1], op[2])
            write_all(fd, b"".join(buffer))
        finally:
            os.close(fd)

    def put_bytes(self, rel: str, data: bytes) -> None:
        self.put_ops(rel, [data], [])

    def current(self, rel: str) -> bytes:
        """The bytes ``rel`` will have after ``commit``: its new file's, or the site's when it is
        unchanged."""
        return (self.pending.get(rel) or self.site / rel).read_bytes()

    def remove(self, rel: str) -> None:
        self.removed.add(rel)

    def _unchanged(self, rel: str, ops: list[Op], sources: list[str]) -> bool:
        """Whether ``ops`` give exactly the bytes ``rel`` has now (a copy from itself at the same
        offset does)."""
        fd = self.old_fd(rel)
        if fd is None:
            return False
        pos = 0
        for op in ops:
            if isinstance(op, bytes):
                if os.pread(fd, len(op), pos) != op:
                    return False
                pos += len(op)
            elif sources[op[0]] != rel or op[1] != pos:
                return False
            else:
                pos += op[2]
        return pos == os.fstat(fd).st_size

    def _temporary(self, rel: str) -> tuple[int, Path]:
        path = self.site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.delta")
        try:
            temporary.unlink()
        except FileNotFoundError:
            pass
        return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), temporary

    def commit(self) -> dict[str, str | None]:
        """Rename every new file over its target and remove the files that are gone; returns the
        new stamp of every file changed (None: removed)."""
        self.close_sources()
        changed: dict[str, str | None] = {}
        for rel in sorted(self.pending, key=self._commit_rank):
            temporary = self.pending[rel]
            # freeing a 50 MB export costs 30 ms: later
            replace_soon_freed(temporary, self.site / rel, self.site)
            changed[rel] = stamp_of(os.stat(self.site / rel))
        self.pending.clear()
        for rel in sorted(self.removed):
            try:
                os.unlink(self.site / rel)
            except FileNotFoundError:
                pass
            changed[rel] = None
        return changed

    def _commit_rank(self, rel: str) -> tuple[int, int, str]:
        """The order of the renames, so that a build killed half-way leaves no link pointing
        nowhere: files new to the site first (nothing links to them yet), then the files
        replaced, the pages people enter by last (index.html at the very end: it names the data
        files); the files that are gone are removed after all."""
        new = 0 if not (self.site / rel).exists() else 1
        entry = (
            2
            if rel == "index.html"
            else 1
            if rel.endswith(".html") and not rel.startswith("articles/")
            else 0
        )
        return new, entry, rel

    def abort(self) -> None:
        """Remove the temporary files (the site itself was not touched)."""
        self.close_sources()
        for temporary in self.pending.values():
            try:
                temporary.unlink()
            except FileNotFoundError:
                pass
        self.pending.clear()

    def close_sources(self) -> None:
        for fd in self.fds.values():
            if fd is not None:
                os.close(fd)
        self.fds.clear()
