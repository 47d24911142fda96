"""Run `timeline` with every write point of the process numbered, failing at one of them.

    python tests/crashpoints.py count OUT -- ARGS...   run ARGS, write the number of points to OUT
    python tests/crashpoints.py kill N -- ARGS...      SIGKILL the process at point N
    python tests/crashpoints.py enospc N -- ARGS...    make point N fail with ENOSPC (the build
                                                       goes on as it would on a full disk)

A point is each file opened for writing, each write, kernel copy, fsync, rename/replace, directory
exchange, link, removal and folder creation of the build's own process, in the order they happen (as
SQLite's crash tests and the ALICE/CrashMonkey studies enumerate them). Python's audit hooks see the
opens, renames, links and removals; os.write, os.fsync, os.copy_file_range and the exchange are
wrapped. Worker processes are not numbered: the build under test runs with the serial executor.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

AUDITED = {
    "os.rename",
    "os.link",
    "os.remove",
    "os.rmdir",
    "os.mkdir",
    "os.truncate",
    "shutil.rmtree",
}
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


class Points:
    def __init__(self, action: str, target: int) -> None:
        self.action, self.target, self.count, self.pid = action, target, 0, os.getpid()

    def hit(self, what: str) -> None:
        if os.getpid() != self.pid:
            return
        self.count += 1
        if self.count != self.target:
            return
        if self.action == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        if self.action == "enospc":
            raise OSError(errno.ENOSPC, f"No space left on device (injected at {what})")


def _opens_for_writing(args: tuple[Any, ...]) -> bool:
    path, mode, flags = args
    if isinstance(mode, str) and mode:
        return any(c in mode for c in "wax+")
    return isinstance(flags, int) and bool(flags & WRITE_FLAGS)


def install(points: Points) -> None:
    def audit(event: str, args: tuple[Any, ...]) -> None:
        if event == "open" and len(args) == 3 and _opens_for_writing(args):
            path = args[0]
            if isinstance(path, (str, bytes, os.PathLike)) and "/proc/" not in os.fsdecode(path):
                points.hit(f"open {os.fsdecode(path)}")
        elif event in AUDITED:
            points.hit(event)

    sys.addaudithook(audit)
    for name in ("write", "fsync", "copy_file_range"):
        setattr(os, name, _counted(points, name, getattr(os, name)))
    import timeline.infra.atomic as atomic

    if hasattr(atomic, "_exchange"):
        atomic._exchange = _counted(points, "exchange", atomic._exchange)  # type: ignore[attr-defined]


def _counted(points: Points, name: str, call: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        points.hit(name)
        return call(*args, **kwargs)

    return wrapper


def main(argv: list[str]) -> int:
    action, value, sep, *args = argv
    assert sep == "--"
    points = Points(action, 0 if action == "count" else int(value))
    install(points)
    from timeline.cli import main as cli

    try:
        cli.main(args, prog_name="timeline", standalone_mode=True)
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 1
    else:
        code = 0
    if action == "count":
        with open(value + ".tmp", "w") as out:  # after counting: this open is a point too
            out.write(str(points.count))
        os.rename(value + ".tmp", value)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
