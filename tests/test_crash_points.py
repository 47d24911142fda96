"""Every write point of a build, one at a time: killed there (SIGKILL), or failing there (ENOSPC).

For a full build and an incremental one, each with a person's corrections and a new article in play:
the build is run with point N made to fail (tests/crashpoints.py numbers the points), then the build
is run again as a person would; the result must equal an uninterrupted build from the same inputs
and the same corrections, byte for byte (events file, snapshot, site): no tombstone the person did
not write, no lost correction, no lost event, no link pointing nowhere. Builds run in forks of this
process, so each costs the build and not Python's start-up.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import crashpoints  # noqa: E402

import timeline.cli  # noqa: E402,F401  (imported before forking: a fork then costs only the build)
from timeline.store import load_all  # noqa: E402

HELD_BACK = "004_cc5cec77c7c7ad46.txt"  # the article that arrives after the corrections
EDITED_TITLE = "Corrected by the desk: the title a person wrote"


def _warm_up(content: Path) -> None:
    """Load the tagger's and the extractor's data here, once, so that every fork starts with
    them."""
    from timeline.events.mention_cache import extractor_fingerprint, machine_fingerprint
    from timeline.events.per_article import article_work
    from timeline.ingest import read_articles
    from timeline.report import BufferReporter
    from timeline.temporal import available_languages

    # read from the files once: every fork the same code
    extractor_fingerprint(), machine_fingerprint()
    for article in read_articles(content, BufferReporter()):
        if article.lang in available_languages():
            article_work(article)


def _run(root: Path, action: str = "none", point: int = 0, log: bool = False) -> tuple[int, int]:
    """One `timeline build` in a fork, point ``point`` failing by ``action``; (exit status, points).
    ``log``: its progress lines go to ``root/build.log``."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns to pytest
        os.close(read)
        code = 70
        try:
            os.chdir(root)
            os.dup2(os.open("build.log" if log else os.devnull, os.O_WRONLY | os.O_CREAT), 2)
            # not pytest's capture, whatever it is
            sys.stderr = open(2, "w", buffering=1, closefd=False)
            points = crashpoints.Points(action, point)
            crashpoints.install(points)
            args = ["build", "--executor", "serial", "-j", "1"] + ([] if log else ["-q"])
            try:
                timeline.cli.main.main(args, prog_name="timeline", standalone_mode=True)
                code = 0
            except SystemExit as done:
                code = done.code if isinstance(done.code, int) else 1
            os.write(write, str(points.count).encode())  # not a point: counted already
        finally:
            sys.stderr.flush()
            os._exit(code)
    os.close(write)
    with os.fdopen(read) as pipe:
        reported = pipe.read()
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    return code, int(reported) if reported else 0


def _tree(root: Path) -> dict[str, bytes]:
    """What must equal a clean build's: the events file, its snapshot and every file of the site."""
    site = root / "site"
    files = {p.relative_to(root).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    for name in ("events.yaml", ".events.machine.json"):
        files[f"data/{name}"] = (root / "data" / name).read_bytes()
    return files


def _correct(root: Path) -> None:
    """A person's corrections: one title edited, one event deleted (a tombstone)."""
    data = root / "data" / "events.yaml"
    text = data.read_text(encoding="utf-8")
    events = [e for e in load_all(data) if not e.extra]
    first, second = events[0], events[1]
    text = text.replace(f"title: {first.title}\n", f"title: '{EDITED_TITLE}'\n", 1)
    text = text.replace(f"- id: {second.id}\n", f"- id: {second.id}\n  deleted: true\n", 1)
    data.write_text(text, encoding="utf-8")


def _scenario(base: Path, content: Path, incremental: bool) -> Path:
    """A project folder just before the build under test."""
    root = base / "project"
    (root / "content").mkdir(parents=True)
    for article in sorted(content.iterdir()):
        if article.name != HELD_BACK:
            shutil.copy(article, root / "content" / article.name)
    assert _run(root)[0] == 0
    _correct(root)
    if incremental:  # the corrections already taken in by a build: the next one is incremental
        assert _run(root)[0] == 0
    shutil.copy(content / HELD_BACK, root / "content" / HELD_BACK)
    return root


def _restore(start: Path, work: Path) -> None:
    """``work`` as ``start`` left it, at the same path and with the same inodes (the incremental
    state trusts a file by its size, time and inode): files the build replaces by renaming are
    hard links, the caches it changes in place (SQLite) are copies."""
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(
        start, work, symlinks=True, copy_function=os.link, ignore=shutil.ignore_patterns(".cache")
    )
    shutil.copytree(start / "data" / ".cache", work / "data" / ".cache", symlinks=True)


def _check_every_point(
    tmp_path: Path, sample_content: Path, incremental: bool, action: str
) -> None:
    _warm_up(sample_content)
    work = _scenario(tmp_path, sample_content, incremental)
    start = tmp_path / "start"
    shutil.copytree(
        work, start, symlinks=True, copy_function=os.link, ignore=shutil.ignore_patterns(".cache")
    )
    shutil.copytree(work / "data" / ".cache", start / "data" / ".cache", symlinks=True)
    code, points = _run(work, log=True)
    assert code == 0 and points > 20
    said = (work / "build.log").read_text()
    assert ("(incremental:" in said) == incremental, said
    expected = _tree(work)
    _assert_corrections_kept(work)
    failures: list[str] = []
    for point in range(1, points + 1):
        _restore(start, work)
        _run(work, action, point)
        code, _ = _run(work)
        got = _tree(work) if code == 0 else {}
        if code != 0 or got != expected:
            differ = sorted(
                k for k in expected.keys() | got.keys() if expected.get(k) != got.get(k)
            )
            failures.append(f"point {point}: exit {code}, differs: {differ[:4]}")
    kind = "incremental" if incremental else "full"
    print(
        f"\ncrash points: {points} points of a {kind} build, each {action}: {len(failures)} "
        f"not recovered"
    )
    assert not failures, failures


def _assert_corrections_kept(root: Path) -> None:
    entries = load_all(root / "data" / "events.yaml")
    assert any(e.title == EDITED_TITLE for e in entries)
    assert sum(1 for e in entries if e.extra.get("deleted")) == 1
    assert any(s.article == HELD_BACK for e in entries for s in e.sources)


@pytest.mark.parametrize("action", ["kill", "enospc"])
@pytest.mark.parametrize("incremental", [False, True], ids=["full", "incremental"])
def test_every_write_point_of_a_build_killed_or_out_of_space_loses_nothing(
    tmp_path: Path, sample_content: Path, incremental: bool, action: str
) -> None:
    _check_every_point(tmp_path, sample_content, incremental, action)
