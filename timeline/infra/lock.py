"""One build at a time: an advisory fcntl lock on a file beside the events YAML.

A cron job and an editor running `timeline build` at the same moment would otherwise race on
data/events.yaml and site/. The lock file (``data/events.yaml.lock``) holds the pid of the build
that owns it, so the second build can say who is in the way. The kernel drops an flock when its
process dies (even by ``kill -9``), so a stale lock file never blocks anyone: only a live holder
does.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import LockError


def lock_path(data: Path) -> Path:
    return data.with_name(data.name + ".lock")


@contextlib.contextmanager
def build_lock(
    data: Path, wait: bool = False, timeout: float | None = None, poll: float = 0.1
) -> Iterator[Path]:
    """Hold the build lock for `data` while the block runs.

    wait=False: raise LockError("another build is running (pid N)") at once when the lock is held.
    wait=True: wait for it (up to `timeout` seconds when given, then raise the same LockError)."""
    path = lock_path(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not wait or (deadline is not None and time.monotonic() >= deadline):
                    raise LockError(
                        f"another build is running (pid {_holder(fd)}); wait for it or use --wait",
                        str(path),
                    ) from None
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield path
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    """The pid written by the holder, or '?' when it has not written it yet."""
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return "?"
    return text if text.isdigit() else "?"
