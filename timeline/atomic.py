"""Atomic writes: a reader (or a build killed half-way) sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, fsync, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def swap_directory(built: Path, target: Path) -> None:
    """Replace `target` with the fully built directory `built` (same file system) in two renames.

    The old tree is moved aside first and removed only after the new one is in place, so at every
    moment either the old complete site or the new complete site exists under `target`'s name
    (or, for an instant between the renames, `target.old` holds it and a rerun restores it)."""
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(built, target)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def staging_directory(target: Path) -> Path:
    """A fresh empty directory beside `target` to build into before swap_directory()."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.building.", dir=target.parent))
