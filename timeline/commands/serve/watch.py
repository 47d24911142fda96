"""Polling watcher: a change of any file's (mtime, size) under the watched folders calls
`on_change`.

Polling needs no extra package and behaves the same everywhere; for a newsroom's content folder a
half-second poll of stat() calls is cheap. Lock files, temporary files and caches written by the
build itself are ignored, so a build never triggers the next one."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]


def _ignored(name: str) -> bool:
    return name.startswith(".") or name.endswith((".lock", ".tmp", "~", ".swp"))


def scan(folders: list[Path]) -> Snapshot:
    seen: Snapshot = {}
    for folder in folders:
        if folder.is_file():
            stat = folder.stat()
            seen[str(folder)] = (stat.st_mtime_ns, stat.st_size)
            continue
        for parent, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not _ignored(d)]
            for name in files:
                if _ignored(name):
                    continue
                path = os.path.join(parent, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                seen[path] = (stat.st_mtime_ns, stat.st_size)
    return seen


class Watcher:
    def __init__(self, folders: list[Path], interval: float, on_change: Callable[[], None]) -> None:
        self.folders = folders
        self.interval = interval
        self.on_change = on_change
        self.last: Snapshot = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="serve-watch")

    def snapshot(self) -> None:
        self.last = scan(self.folders)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            now = scan(self.folders)
            if now != self.last:
                self.on_change()
                self.last = scan(self.folders)  # what the build itself wrote is not a change
