"""One commit for the two files that must agree: data/events.yaml and its snapshot
(.events.machine.json).

The three-way reconcile (reconcile.py) reads "in the snapshot but not in the file" as "a person
deleted it", so a snapshot newer than the file would turn every new event into a tombstone. Both
files therefore carry the id of the build that wrote them (``build:`` in the file's header,
``"build"`` in the snapshot's), and a build writes them in this order:

    1. the new snapshot, complete and synced, to ``.events.machine.json.pending``
    2. data/events.yaml (temporary file, fsync, rename)
    3. the pending snapshot renamed over ``.events.machine.json``

Killed or out of space at any point, the next build tells which state it is in by the ids
(``recover``):

    a pending snapshot, its id not the file's   stopped before 2: dropped, the previous pair stands
    a pending snapshot with the file's id       stopped between 2 and 3: put in place, the new
                                                pair stands
    no pending one, two different ids           a file copied in from another build, say: the
                                                reconcile then infers no deletion
                                                (``PairIds.in_step``)

The id is a digest of the snapshot's own lines, never a random token (the same input still gives
byte-identical files) and never the code's (the events file changes only when events do): the sum of
a hash of each line, so that an incremental build updates it from the lines it removes and adds, and
reaches the id a full build would give the same lines. The snapshot keeps it in its last line.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..infra.atomic import fsync_dir

EDGE_BYTES = 4096  # the events file's id sits in its first lines, the snapshot's in its last
ID_DIGITS = 32
_FILE_ID = re.compile(rf"^build: ([0-9a-f]{{{ID_DIGITS}}})$", re.MULTILINE)
_SNAPSHOT_ID = re.compile(rf'"build":"([0-9a-f]{{{ID_DIGITS}}})"')
_MODULUS = 1 << (4 * ID_DIGITS)


class LineSum:
    """The id of a set of snapshot lines: the sum of a hash of each, so lines can be taken out and
    put in, in any order."""

    def __init__(self, build: str | None = None) -> None:
        self.total = int(build, 16) if build else 0

    def add(self, line: bytes | str, sign: int = 1) -> None:
        raw = line.encode("utf-8") if isinstance(line, str) else line
        digest = hashlib.blake2b(raw, digest_size=ID_DIGITS // 2).digest()
        self.total = (self.total + sign * int.from_bytes(digest, "big")) % _MODULUS

    def remove(self, line: bytes | str) -> None:
        self.add(line, -1)

    @property
    def build(self) -> str:
        return f"{self.total:0{ID_DIGITS}x}"


def snapshot_file(data: Path) -> Path:
    """The machine's last output, beside the events file (commit it with the file)."""
    return data.with_name(f".{data.stem}.machine.json")


def pending_file(data: Path) -> Path:
    """Where a build puts its snapshot until the events file it pairs with is in place."""
    return data.with_name(f".{data.stem}.machine.json.pending")


@dataclass(frozen=True)
class PairIds:
    file: str | None  # the events file's build id (None: no file, or one without an id)
    snapshot: str | None
    pending: str | None  # a snapshot a build left before committing it (None: none)

    def in_step(self) -> bool:
        """Whether the snapshot is the one the events file was written with. A file without an id is
        taken as it is: files of older versions have none, and a person's YAML tool may drop the
        line when it rewrites the file (an interrupted build is told by its pending snapshot
        instead)."""
        if self.file is None or self.snapshot is None:
            return True
        return self.file == self.snapshot


def read_ids(data: Path) -> PairIds:
    return PairIds(file_id(data), snapshot_id(snapshot_file(data)), snapshot_id(pending_file(data)))


def file_id(data: Path) -> str | None:
    return _edge_id(data, _FILE_ID, tail=False)


def snapshot_id(snapshot: Path) -> str | None:
    return _edge_id(snapshot, _SNAPSHOT_ID, tail=True)


def _edge_id(path: Path, pattern: re.Pattern[str], tail: bool) -> str | None:
    try:
        with open(path, "rb") as handle:
            if tail:
                handle.seek(max(0, os.fstat(handle.fileno()).st_size - EDGE_BYTES))
            edge = handle.read(EDGE_BYTES).decode("utf-8", "replace")
    except OSError:
        return None
    found = pattern.findall(edge)
    return found[-1 if tail else 0] if found else None


def recover(data: Path) -> str | None:
    """Finish or undo what an interrupted build left (see the module's docstring); the one line
    to say about it, or None when the last build completed."""
    pending = pending_file(data)
    if not pending.exists():
        return None
    ids = read_ids(data)
    if ids.pending is not None and ids.pending == ids.file:
        commit(data)
        return (
            f"{data}: the last build was interrupted after writing this file; "
            "its snapshot is now in place (nothing lost)"
        )
    pending.unlink(missing_ok=True)
    return (
        f"{data}: the last build was interrupted before writing this file; "
        "its unfinished snapshot was dropped (nothing lost)"
    )


def commit(data: Path) -> None:
    """Step 3: the pending snapshot becomes the snapshot (a no-op when the build wrote none)."""
    try:
        os.replace(pending_file(data), snapshot_file(data))
    except FileNotFoundError:
        return
    fsync_dir(data.parent)


def findings(data: Path) -> list[str]:
    """What `timeline check` says of the pair, one line each."""
    ids = read_ids(data)
    lines = []
    if pending_file(data).exists():
        lines.append(
            f"interrupted build: {pending_file(data)} is left over "
            "(the next build finishes or undoes it)"
        )
    elif not ids.in_step():
        lines.append(
            f"{data} and {snapshot_file(data)} are from different builds "
            "(the next build infers no deletion from them)"
        )
    return lines
