"""Atomic writes: a reader (or a build killed half-way, even by ``kill -9``) sees the old output or
the new one, never half of one.

Files: written to a temporary file beside the target, fsynced, renamed over it (``write_atomic``).
Directories (``site/``): built in a staging folder beside the target, then swapped in with one
``renameat2(RENAME_EXCHANGE)`` where the kernel has it (Linux ≥ 3.15), so ``site/`` never stops
existing; elsewhere with two renames, and ``recover_directory`` puts the old tree back if a build
died between them. Leftovers of killed builds (temporary files, staging folders) are removed by
``clean_leftovers``, which callers run while holding the build lock (``timeline.infra.lock``).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import ctypes.util
import errno
import hashlib
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

# read once at import (os.umask can only be read by setting it), then restored
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside `path`, fsync, then rename over it."""
    write_pieces_atomic(path, [data], keep_same=False)


def write_pieces_atomic(
    path: Path, pieces: Iterable[str | bytes], keep_same: bool = True, same_as: Path | None = None
) -> bool:
    """write_atomic for data given in pieces, never held whole (a 1-million-event events file is
    700 MB). With ``keep_same``, a file whose bytes would not change is left untouched (returns
    False); ``same_as``: the file to compare with, when it is not ``path`` itself."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    new = hashlib.sha256()
    try:
        os.fchmod(fd, _mode_for(path, 0o666))
        with os.fdopen(fd, "wb", buffering=1 << 20) as handle:
            for piece in pieces:
                raw = piece.encode("utf-8") if isinstance(piece, str) else piece
                new.update(raw)
                handle.write(raw)
            handle.flush()
            if keep_same and _file_digest(same_as or path) == new.digest():
                Path(tmp).unlink()
                return False
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
    return True


# The two file stamps every cache records, both here. A file is trusted only while its stamp is
# the one recorded.


def stamp_of(st: os.stat_result) -> str:
    """The stamp of a file read (an article) or found in place (the site's files): size,
    modification and change times, inode and device. A write in place moves the times (the change
    time also when a tool puts the modification time back), a replacement or a copy the inode."""
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}"


def file_identity(path: Path) -> str:
    """The stamp of a file the build writes by renaming it into place (the events file, its
    snapshot, spliced site files; OSError when it is not there): size, modification time and
    inode. Not the change time: a rename moves it, and so does linking the file elsewhere."""
    st = os.stat(path)
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


def identity_or_none(path: Path) -> str | None:
    """``file_identity``, or None when the file is not there (a record of no file)."""
    try:
        return file_identity(path)
    except OSError:
        return None


def replace_soon_freed(tmp: Path, target: Path, root: Path) -> None:
    """``os.replace(tmp, target)`` without freeing the old file's blocks now: on ext4 freeing a
    50 MB file costs 30-40 ms, and an incremental rebuild replaces half a dozen of them (events
    file, snapshot, exports). The old file is first linked into ``.ROOT.trash-<pid>`` beside
    ``root`` (the events file, the site folder: outside the tree it belongs to), and that folder
    is removed by a detached ``rm`` when this process exits, or by clean_leftovers at the start
    of the next build. Where links are refused the replace frees it in line."""
    trash = root.parent / f".{root.name}.trash-{os.getpid()}"
    try:
        trash.mkdir(exist_ok=True)
        os.link(target, trash / str(next(_TRASH_NUMBERS)))
    except OSError:  # no old file, another file system, links refused
        os.replace(tmp, target)
        return
    # Exchanged rather than renamed over: ext4 starts writing out a file renamed over another one
    # (auto_da_alloc, against zero-length files after a crash) and the rename waits for that: 4-25
    # ms for 60 MB. An exchange is as atomic and does not; ``tmp`` then names the old file, already
    # in the trash.
    if _exchange(tmp, target):
        os.unlink(tmp)
    else:
        os.replace(tmp, target)
    if not _TRASH:
        atexit.register(_empty_trash)
    _TRASH.add(trash)


_TRASH_NUMBERS = itertools.count()
_TRASH: set[Path] = set()


def _empty_trash() -> None:
    """At exit: the trash folders go in a process of their own, which this one does not wait for."""
    folders = sorted(str(p) for p in _TRASH if p.is_dir())
    _TRASH.clear()
    if not folders:
        return
    try:
        subprocess.Popen(
            ["rm", "-rf", "--", *folders],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except OSError:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


def _file_digest(path: Path) -> bytes | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").digest()
    except OSError:
        return None


def staging_directory(target: Path) -> Path:
    """A fresh empty directory beside `target` to build into before swap_directory()."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building.", dir=target.parent))
    staging.chmod(_mode_for(target, 0o777))
    return staging


def _mode_for(existing: Path, default: int) -> int:
    """The permissions a replacement gets: those of the file it replaces, else the default less
    the umask. (mkstemp and mkdtemp create 0600/0700, which would hide a published site from the
    web server.)"""
    try:
        return existing.stat().st_mode & 0o7777
    except OSError:
        return default & ~_UMASK


def swap_directory(built: Path, target: Path) -> None:
    """Replace `target` with the fully built directory `built` (same file system).

    With an atomic exchange, `target` names the old complete tree until the instant it names the new
    one. Without it, the old tree is moved to `.NAME.old` first and removed only once the new one
    is in place; recover_directory() undoes a build that died in between."""
    recover_directory(target)
    if target.exists() and _exchange(built, target):
        shutil.rmtree(built, ignore_errors=True)  # `built` now holds the previous tree
        fsync_dir(target.parent)
        return
    old = _old_name(target)
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        os.replace(target, old)
    os.replace(built, target)
    fsync_dir(target.parent)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def recover_directory(target: Path) -> None:
    """If a two-rename swap died half-way (target gone, `.NAME.old` present), put the old tree
    back."""
    old = _old_name(target)
    if old.is_dir() and not target.exists():
        os.replace(old, target)


def clean_leftovers(*targets: Path) -> list[Path]:
    """Remove what killed builds left beside `targets`: `.NAME.*.tmp` files, `.NAME.building.*`
    folders and `.NAME.trash-*` folders (replace_soon_freed).

    Call only while holding the build lock, or a running build's staging folder could be removed."""
    removed: list[Path] = []
    for target in targets:
        recover_directory(target)
        parent = target.parent
        if not parent.is_dir():
            continue
        for leftover in parent.glob(f".{target.name}.*"):
            if leftover.name.endswith(".tmp") and leftover.is_file():
                leftover.unlink(missing_ok=True)
            elif leftover.name.startswith(f".{target.name}.building.") and leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            elif leftover.name == _old_name(target).name and target.exists():
                shutil.rmtree(leftover, ignore_errors=True)
            elif leftover.name.startswith(f".{target.name}.trash-") and leftover.is_dir():
                # replaced files of an earlier build (killed, or this process's last one)
                _TRASH.discard(leftover)
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                continue
            removed.append(leftover)
    return removed


def _old_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.old")


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths with renameat2(RENAME_EXCHANGE); False where unsupported."""
    libc = _libc()
    func = getattr(libc, "renameat2", None) if libc is not None else None
    if func is None:
        return False
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    result = func(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


_LIBC: list[ctypes.CDLL | None] = []


def _libc() -> ctypes.CDLL | None:
    if not _LIBC:
        name = ctypes.util.find_library("c")
        try:
            _LIBC.append(ctypes.CDLL(name, use_errno=True) if name else None)
        except OSError:
            _LIBC.append(None)
    return _LIBC[0]


def fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


COPY_CHUNK = 1 << 20  # bytes read and written at a time where the kernel cannot copy


def write_all(fd: int, data: bytes) -> None:
    """All of ``data`` to ``fd`` (os.write may write less than it is given)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def copy_range(src: int, dst: int, offset: int, length: int) -> None:
    """``length`` bytes of ``src`` from ``offset`` appended to ``dst`` (at its current position):
    by the kernel (copy_file_range: no bytes through Python, shared extents where the file system
    has them), else read and written. A source shorter than that is an error (it changed since it
    was measured)."""
    end = offset + length
    try:
        while offset < end:
            done = os.copy_file_range(src, dst, end - offset, offset)
            if done == 0:
                raise OSError(errno.EIO, "the file to copy from is shorter than recorded")
            offset += done
        return
    except OSError as exc:
        if exc.errno not in (
            errno.EXDEV,
            errno.ENOSYS,
            errno.EOPNOTSUPP,
            errno.EINVAL,
            errno.EPERM,
        ):
            raise
    except AttributeError:  # no copy_file_range on this platform
        pass
    while offset < end:
        data = os.pread(src, min(COPY_CHUNK, end - offset), offset)
        if not data:
            raise OSError(errno.EIO, "the file to copy from is shorter than recorded")
        write_all(dst, data)
        offset += len(data)
