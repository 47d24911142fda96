"""Nothing is lost: atomic file and directory replacement, and `kill -9` of real builds at random
moments."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from lxml import html as lxml_html

from timeline.incremental import forget_state
from timeline.infra.atomic import (
    clean_leftovers,
    recover_directory,
    replace_soon_freed,
    staging_directory,
    swap_directory,
    write_atomic,
)
from timeline.store import load_events

KILL_RUNS = int(os.environ.get("TIMELINE_KILL_RUNS", "6"))


def test_write_atomic_replaces_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "data" / "events.yaml"
    write_atomic(target, "one")
    write_atomic(target, b"two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["events.yaml"]


def test_swap_directory_exchanges_and_recovers(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for version in ("v1", "v2"):
        built = staging_directory(site)
        (built / "index.html").write_text(version)
        swap_directory(built, site)
        assert (site / "index.html").read_text() == version
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    # A build that died between the two renames of the fallback path: site/ gone, .site.old kept.
    os.replace(site, tmp_path / ".site.old")
    recover_directory(site)
    assert (site / "index.html").read_text() == "v2"


def test_clean_leftovers(tmp_path: Path) -> None:
    site, data = tmp_path / "site", tmp_path / "events.yaml"
    site.mkdir()
    staging_directory(site)
    (tmp_path / ".events.yaml.abc.tmp").write_text("half")
    (tmp_path / ".site.old").mkdir()
    removed = clean_leftovers(data, site)
    assert len(removed) == 3 and sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def _cli(root: Path, content: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "timeline",
        "build",
        "-q",
        "--keep-going",
        "--content",
        str(content),
        "--data",
        str(root / "data" / "events.yaml"),
        "--site",
        str(root / "site"),
    ]


def _site_is_complete(site: Path) -> int:
    """index.html parses and every article page it links to exists; returns the number of pages."""
    tree = lxml_html.fromstring((site / "index.html").read_bytes())
    links = {href.split("#")[0] for href in tree.xpath("//a/@href") if href.startswith("articles/")}
    missing = [link for link in links if not (site / link).is_file()]
    assert not missing, missing
    for page in (site / "articles").glob("*.html"):
        assert page.read_bytes().rstrip().endswith(b"</html>"), page
    return len(links)


def test_kill_9_at_random_moments_loses_nothing(tmp_path: Path, sample_content: Path) -> None:
    root = tmp_path
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    start = time.monotonic()
    subprocess.run(_cli(root, sample_content), check=True, env=env, capture_output=True)
    duration = time.monotonic() - start
    data = root / "data" / "events.yaml"
    rng = random.Random(7)
    killed = finished = 0
    for run in range(KILL_RUNS):
        (sample_content / f"extra-{run}.txt").write_text(
            f"Extra report {run}\n\nThe committee met on {run + 1} April 2024 and agreed on "
            f"item {run}.\n"
        )
        proc = subprocess.Popen(
            _cli(root, sample_content),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.05, duration * 1.1))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            killed += 1
        else:
            finished += 1
        proc.wait()
        # The previous complete output (or the new complete one) is there, and valid.
        events = load_events(data)
        assert events, "events.yaml must stay loadable"
        assert _site_is_complete(root / "site") > 0
    print(
        f"\nkill tests: {KILL_RUNS} runs, {killed} killed mid-build, {finished} finished "
        f"first, 0 lost or half-written files"
    )
    # The next build is not blocked by a stale lock and clears what the killed ones left.
    subprocess.run(
        _cli(root, sample_content), check=True, env=env, capture_output=True, timeout=300
    )
    assert not list(root.glob(".site.*")) and not list(data.parent.glob(".events.yaml.*"))
    assert _site_is_complete(root / "site") > 0
    # ... and shows every article, also those whose build was killed between the events file and the
    # site.
    pages = {p.name.rsplit("-", 1)[0] for p in (root / "site" / "articles").glob("extra-*.html")}
    assert pages == {f"extra-{run}" for run in range(KILL_RUNS)}


def test_replace_soon_freed_keeps_the_old_file_in_a_trash_folder_until_cleaned(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    target, tmp = site / "events.json", site / ".events.json.new"
    target.write_text("old")
    tmp.write_text("new")
    replace_soon_freed(tmp, target, site)
    assert target.read_text() == "new" and not tmp.exists()
    trash = [p for p in tmp_path.iterdir() if p.name.startswith(".site.trash-")]
    # outside site/
    assert len(trash) == 1 and [p.read_text() for p in trash[0].iterdir()] == ["old"]
    assert sorted(p.name for p in site.iterdir()) == ["events.json"]
    clean_leftovers(site)
    assert not trash[0].exists()


def test_replace_soon_freed_without_an_old_file_is_a_replace(tmp_path: Path) -> None:
    tmp = tmp_path / "new"
    tmp.write_text("x")
    replace_soon_freed(tmp, tmp_path / "target", tmp_path)
    assert (tmp_path / "target").read_text() == "x"


def test_a_build_whose_events_file_cannot_be_written_leaves_the_site_as_it_was(
    tmp_path: Path, sample_content: Path, monkeypatch
) -> None:
    """The site's render starts before the events file is written (pipeline.start_render); when
    that write fails, the render started is abandoned: the previous site stays, byte for byte,
    and no staging folder is left."""
    import pytest

    from timeline import pipeline
    from timeline.config import load_config
    from timeline.report import BufferReporter

    cfg = load_config(
        None,
        content=sample_content,
        data=tmp_path / "data" / "events.yaml",
        site=tmp_path / "site",
        quiet=True,
    )
    pipeline.build(cfg, BufferReporter())
    before = {
        p.relative_to(tmp_path): p.read_bytes()
        for p in (tmp_path / "site").rglob("*")
        if p.is_file()
    }
    (sample_content / "late.txt").write_text(
        "Late report\n\nThe council met on 3 May 2024 and voted.\n"
    )
    # a full build: the render starts early
    forget_state(tmp_path / "data" / ".cache")

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pipeline, "save_events", full_disk)
    with pytest.raises(OSError):
        pipeline.build(cfg, BufferReporter())
    after = {
        p.relative_to(tmp_path): p.read_bytes()
        for p in (tmp_path / "site").rglob("*")
        if p.is_file()
    }
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []
