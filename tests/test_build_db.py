"""The build database (timeline/infra/builddb.py): one file for everything a build keeps, and
nothing of the events file or its corrections depends on it. Truncated, from another version, locked
by a process that died, or deleted: the build says so in one line (or needs not), makes it again,
and gives what a build from scratch gives."""

from __future__ import annotations

import os
import signal
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
import yaml

from timeline.config import Config, load_config
from timeline.infra import builddb
from timeline.pipeline import build
from timeline.report import BufferReporter

EDITED = "A title the desk wrote"


def _site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _edited(cfg: Config) -> None:
    """A person's correction: the first event's title."""
    doc = yaml.safe_load(cfg.data.read_text(encoding="utf-8"))
    doc["events"][0]["title"] = EDITED
    cfg.data.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")


def _truncated(file: Path) -> None:
    data = file.read_bytes()
    file.write_bytes(data[: len(data) // 2])


def _other_version(file: Path) -> None:
    with closing(sqlite3.connect(file)) as db:
        db.execute(f"PRAGMA user_version = {builddb.VERSION + 1}")


def _locked_by_a_dead_process(file: Path) -> None:
    """A process that took the write lock and wrote half a transaction, then was killed."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover  (the child)
        db = sqlite3.connect(file)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("BEGIN IMMEDIATE")
        db.execute("DELETE FROM mentions")
        db.execute("CREATE TABLE half_done (x)")
        os.kill(os.getpid(), signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status)


def _deleted(file: Path) -> None:
    file.unlink()


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (_truncated, "damaged"),
        (_other_version, "another version"),
        (_locked_by_a_dead_process, None),
        (_deleted, None),
    ],
)
def test_a_build_database_that_cannot_be_used_is_made_again_and_nothing_is_lost(
    sample_content: Path, tmp_path: Path, damage: Callable[[Path], None], said: str | None
) -> None:
    cfg = load_config(
        None, content=sample_content, data=tmp_path / "data" / "events.yaml", quiet=True
    )
    build(cfg, BufferReporter())
    _edited(cfg)
    build(cfg, BufferReporter())
    events, site = cfg.data.read_bytes(), _site_files(cfg.site)
    file = builddb.build_db_file(cfg.cache_dir)
    assert file.is_file() and EDITED.encode() in events

    damage(file)
    reporter = BufferReporter()
    build(cfg, reporter)
    assert reporter.errors == []
    lines = [w for w in reporter.warnings if str(file) in w]
    if said is None:
        assert lines == []
    else:
        assert len(lines) == 1 and said in lines[0]
    assert cfg.data.read_bytes() == events
    assert _site_files(cfg.site) == site
    # made again whole: the build after is incremental
    again = BufferReporter()
    build(cfg, again)
    assert any("incremental" in m for m in again.messages) and again.warnings == []
    assert cfg.data.read_bytes() == events


def test_older_versions_caches_are_removed(tmp_path: Path) -> None:
    for name in builddb.LEGACY:
        (tmp_path / name).write_bytes(b"old")
    assert builddb.check(tmp_path) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == []
