"""An incremental rebuild (timeline/incremental/) writes exactly what a full build of the same
articles writes.

Each scenario builds the sample articles plus articles made from their paragraphs (so that mentions
merge across articles), then changes a few files step by step; after every step the incremental
result (events file and snapshot) must equal, byte for byte, a full build of the same folder, and
the incremental path must really have been taken.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from sitefiles import assert_same  # tests/sitefiles.py (pytest puts tests/ on sys.path)

from timeline.config import load_config
from timeline.incremental import state_file
from timeline.pipeline import Outcome, extract, render
from timeline.pipeline import build as pipeline_build
from timeline.report import BufferReporter
from timeline.store import snapshot_path

DATES = [
    "2024-02-26",
    "2024-02-27",
    "2024-02-28",
    "2024-03-01",
    "2024-03-04",
    "2024-03-05",
    "2023-11-20",
]
# files older than the article cache's racy window, as a real archive's are
PAST = time.time() - 3600


def paragraphs(content: Path) -> list[str]:
    found = []
    for path in sorted(content.iterdir()):
        found += [
            p.strip() for p in path.read_text(encoding="utf-8").split("\n") if len(p.split()) > 12
        ]
    return found


def write_article(folder: Path, name: str, rng: random.Random, pool: list[str]) -> None:
    chosen = rng.sample(pool, rng.randint(2, 4))
    if rng.random() < 0.4:  # a paraphrase: one sentence cut, a word changed
        chosen[0] = chosen[0].replace(" the ", " a ", 1).rsplit(". ", 1)[0] + "."
    body = "\n\n".join(chosen)
    text = (
        f"---\ntitle: Report {name}\ndate: {rng.choice(DATES)}\nsource: Outlet "
        f"{rng.randint(1, 3)}\n---\n\n{body}\n"
    )
    path = folder / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    os.utime(path, (PAST, PAST))


def build(content: Path, data: Path, incremental: bool = True) -> Outcome:
    reporter = BufferReporter()
    outcome = extract(
        load_config(None, content=content, data=data, quiet=True), reporter, incremental=incremental
    )
    assert reporter.errors == []
    return outcome


def copy_data(data: Path, reference: Path) -> Path:
    """The events file and its snapshot as they stand (ids carry history: a full build compares
    from the same)."""
    reference.mkdir(parents=True)
    for path in (data, snapshot_path(data)):
        shutil.copy2(path, reference / path.name)
    return reference / data.name


def same_as_full(content: Path, data: Path, reference: Path) -> None:
    """``data`` (just built incrementally) equals a full build from ``reference`` (the files
    before that build)."""
    build(content, reference, incremental=False)
    assert data.read_bytes() == reference.read_bytes()
    assert snapshot_path(data).read_bytes() == snapshot_path(reference).read_bytes()


@pytest.fixture
def corpus(sample_content: Path, tmp_path: Path) -> tuple[Path, list[str]]:
    for path in sample_content.iterdir():
        os.utime(path, (PAST, PAST))
    return sample_content, paragraphs(sample_content)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_incremental_rebuilds_equal_full_builds(
    corpus: tuple[Path, list[str]], tmp_path: Path, seed: int
) -> None:
    content, pool = corpus
    rng = random.Random(seed)
    for n in range(6):
        write_article(content, f"made-{n}", rng, pool)
    data = tmp_path / "data" / "events.yaml"
    assert build(content, data).delta is None  # the first build is a full one
    assert state_file(data.parent / ".cache").exists()
    made = 6
    for step, action in enumerate(
        ["add", "add first", "remove", "change", "touch", "add", "remove first"]
    ):
        names = sorted(p.name for p in content.iterdir() if p.name.startswith("made-"))
        reference = copy_data(data, tmp_path / f"full-{step}")
        if action == "add":
            write_article(content, f"made-{made}", rng, pool)
            made += 1
        # sorts before every other article: its mentions lead the events they join
        elif action == "add first":
            write_article(content, "0-first", rng, pool)
        elif action == "remove first":
            (content / "0-first.md").unlink()
        elif action == "remove":
            (content / rng.choice(names)).unlink()
        elif action == "change":
            write_article(content, rng.choice(names).removesuffix(".md"), rng, pool)
        else:
            path = content / rng.choice(names)
            os.utime(path, (PAST + 60, PAST + 60))
        outcome = build(content, data)
        assert outcome.delta is not None, f"step {step} ({action}) was not incremental"
        same_as_full(content, data, reference)


def test_an_edited_events_file_makes_a_full_build(
    corpus: tuple[Path, list[str]], tmp_path: Path
) -> None:
    content, pool = corpus
    data = tmp_path / "events.yaml"
    build(content, data)
    data.write_text(
        data.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8"
    )
    write_article(content, "made-new", random.Random(3), pool)
    assert build(content, data).delta is None
    assert "title: Edited " in data.read_text(encoding="utf-8")


def test_many_changed_articles_make_a_full_build(
    corpus: tuple[Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline.incremental import update as module

    content, pool = corpus
    data = tmp_path / "events.yaml"
    build(content, data)
    monkeypatch.setattr(module, "MAX_CHANGED", 1)
    rng = random.Random(4)
    reference = copy_data(data, tmp_path / "full")
    write_article(content, "made-a", rng, pool)
    write_article(content, "made-b", rng, pool)
    assert build(content, data).delta is None
    same_as_full(content, data, reference)


def test_a_lost_state_makes_a_full_build(corpus: tuple[Path, list[str]], tmp_path: Path) -> None:
    content, pool = corpus
    data = tmp_path / "events.yaml"
    build(content, data)
    shutil.rmtree(tmp_path / ".cache")
    reference = copy_data(data, tmp_path / "full")
    write_article(content, "made-a", random.Random(5), pool)
    assert build(content, data).delta is None
    same_as_full(content, data, reference)


def test_after_an_edit_the_next_new_article_is_incremental_and_keeps_the_edit(
    corpus: tuple[Path, list[str]], tmp_path: Path
) -> None:
    """A person's correction: the full build that follows it refreshes the state, so the next new
    article is again incremental, with the correction in force and the same bytes as a full build
    from the same files."""
    content, _ = corpus
    german = next(p for p in content.iterdir() if p.read_text(encoding="utf-8").count(" der ") > 3)
    english = [p for p in paragraphs(content) if " der " not in p and " die " not in p]
    data = tmp_path / "data" / "events.yaml"
    build(content, data)
    text = data.read_text(encoding="utf-8")
    entries = text.split("\n- ")
    edited = next(
        n
        for n, e in enumerate(entries)
        if f"article: {german.name}" in e
        and "article: 0" not in e.replace(f"article: {german.name}", "")
    )
    entries[edited] = entries[edited].replace("title: ", "title: Corrected ", 1)
    data.write_text("\n- ".join(entries), encoding="utf-8")
    # the edit: a full build, which keeps it and refreshes the state
    assert build(content, data).delta is None
    write_article(content, "made-new", random.Random(6), english)
    reference = tmp_path / "reference"
    shutil.copytree(data.parent, reference, ignore=shutil.ignore_patterns(".cache"))
    assert build(content, data).delta is not None
    build(content, reference / "events.yaml", incremental=False)
    assert data.read_bytes() == (reference / "events.yaml").read_bytes()
    assert snapshot_path(data).read_bytes() == snapshot_path(reference / "events.yaml").read_bytes()
    assert "title: Corrected " in data.read_text(encoding="utf-8")


def site_build(content: Path, root: Path, incremental: bool = True) -> Outcome:
    reporter = BufferReporter()
    cfg = load_config(
        None,
        content=content,
        data=root / "data" / "events.yaml",
        site=root / "site",
        quiet=True,
        jobs=1,
    )
    if incremental:
        outcome = pipeline_build(cfg, reporter)
    else:  # a full build: extraction over every article, the site rendered whole
        outcome = extract(cfg, reporter, incremental=False)
        render(cfg, reporter, outcome.articles, outcome.events)
    assert reporter.errors == []
    return outcome


def test_a_whole_incremental_build_writes_the_site_a_full_build_writes(
    corpus: tuple[Path, list[str]], tmp_path: Path
) -> None:
    """timeline build end to end: after each change the incremental build's data and site equal a
    full build's of the same folder; the site update was incremental (the full render is never
    needed)."""
    content, pool = corpus
    rng = random.Random(8)
    for n in range(4):
        write_article(content, f"made-{n}", rng, pool)
    root = tmp_path / "incremental"
    site_build(content, root)
    for step, action in enumerate(["add", "change", "remove", "add first"]):
        names = sorted(p.name for p in content.iterdir() if p.name.startswith("made-"))
        fresh = tmp_path / f"fresh-{step}"
        copy_data(root / "data" / "events.yaml", fresh / "data")
        if action == "add":
            write_article(content, f"made-new-{step}", rng, pool)
        elif action == "add first":
            write_article(content, "0-first", rng, pool)
        elif action == "change":
            write_article(content, names[0].removesuffix(".md"), rng, pool)
        else:
            (content / names[-1]).unlink()
        reporter = BufferReporter()
        cfg = load_config(
            None,
            content=content,
            data=root / "data" / "events.yaml",
            site=root / "site",
            quiet=False,
            jobs=1,
        )
        outcome = pipeline_build(cfg, reporter)
        assert outcome.delta is not None
        assert any(line.startswith("updated ") for line in reporter.messages), reporter.messages
        site_build(content, fresh, incremental=False)
        assert (root / "data" / "events.yaml").read_bytes() == (
            fresh / "data" / "events.yaml"
        ).read_bytes()
        assert_same(root / "site", fresh / "site")


class _Killed(BaseException):
    """Stands for kill -9 at one moment of a build (BaseException: no handler of the build
    catches it)."""


def _links_resolve(site: Path) -> None:
    """Every link of every page to a file of the site names a file that is there."""
    from lxml import html as lxml_html

    for page in site.rglob("*.html"):
        tree = lxml_html.fromstring(page.read_bytes())
        for href in tree.xpath("//a/@href | //link/@href | //script/@src"):
            if "://" in href or href.startswith(("#", "mailto:", "data:")):
                continue
            target = (page.parent / href.split("#")[0].split("?")[0]).resolve()
            assert target.exists(), f"{page.relative_to(site)} links to {href}, which is not there"


def test_a_site_update_stopped_at_any_rename_leaves_no_link_pointing_nowhere(
    corpus: tuple[Path, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site update renames its new files into place one by one; stopped after any of them,
    every page's links still resolve (new files first, index.html last, removals after all), and
    the next build shows the change."""
    from timeline.render import rewrite

    content, pool = corpus
    rng = random.Random(11)
    write_article(content, "made-old", rng, pool)
    renames = rewrite.replace_soon_freed
    stop_after = 0
    while True:
        root = tmp_path / f"run-{stop_after}"
        shutil.rmtree(root, ignore_errors=True)
        (content / "made-new.md").unlink(missing_ok=True)
        (content / "made-old.md").exists() or write_article(
            content, "made-old", random.Random(11), pool
        )
        site_build(content, root)
        write_article(content, "made-new", random.Random(12), pool)
        (content / "made-old.md").unlink()  # one article page comes, one goes
        done = [0]

        def rename_then_maybe_stop(
            *args: object, done: list[int] = done, limit: int = stop_after
        ) -> None:
            if done[0] == limit:
                raise _Killed
            done[0] += 1
            renames(*args)

        monkeypatch.setattr(rewrite, "replace_soon_freed", rename_then_maybe_stop)
        try:
            site_build(content, root)
            finished = True
        except _Killed:
            finished = False
        monkeypatch.setattr(rewrite, "replace_soon_freed", renames)
        _links_resolve(root / "site")
        outcome = site_build(content, root)  # the next build mends what the stopped one left
        fresh = tmp_path / f"fresh-{stop_after}"
        site_build(content, fresh, incremental=False)
        assert_same(root / "site", fresh / "site")
        assert outcome.delta is not None
        if finished:
            break
        stop_after += 1
    assert stop_after > 3  # the update renamed several files, each a place to stop


def test_events_written_without_their_site_update_make_the_next_build_render_the_site(
    corpus: tuple[Path, list[str]], tmp_path: Path
) -> None:
    """`timeline extract` alone (or a build killed between the events file and the site) leaves
    the site one change behind; the next build, with nothing new in content/, must still bring
    the site up to the events file."""
    content, pool = corpus
    root = tmp_path / "root"
    site_build(content, root)
    write_article(content, "made-late", random.Random(3), pool)
    cfg = load_config(
        None,
        content=content,
        data=root / "data" / "events.yaml",
        site=root / "site",
        quiet=False,
        jobs=1,
    )
    # the events file moves on, the site does not
    assert extract(cfg, BufferReporter()).delta is not None
    reporter = BufferReporter()
    pipeline_build(cfg, reporter)
    assert any(line.startswith("full render:") for line in reporter.messages), reporter.messages
    fresh = tmp_path / "fresh"
    site_build(content, fresh, incremental=False)
    assert_same(root / "site", fresh / "site")
    assert any((root / "site" / "articles").glob("made-late*.html"))


def test_a_fresh_clone_with_a_committed_events_file_is_incremental_from_its_second_build(
    corpus: tuple[Path, list[str]], tmp_path: Path
) -> None:
    """A clone has events.yaml and its snapshot but no cache: the first build finds the same
    inputs as the snapshot says, and still records the incremental state (making the events
    again), so the second one is incremental."""
    content, _ = corpus
    root = tmp_path / "root"
    site_build(content, root)
    shutil.rmtree(root / "data" / ".cache")
    before = (root / "data" / "events.yaml").read_bytes()
    assert site_build(content, root).delta is None
    assert (root / "data" / "events.yaml").read_bytes() == before
    assert site_build(content, root).delta is not None


@pytest.mark.parametrize("damage", ["deleted", "truncated", "other version", "not a database"])
def test_a_damaged_record_says_why_in_one_line_and_the_full_build_keeps_the_edits(
    corpus: tuple[Path, list[str]], tmp_path: Path, damage: str
) -> None:
    content, pool = corpus
    data = tmp_path / "data" / "events.yaml"
    build(content, data)
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("title: ", "title: Corrected ", 1), encoding="utf-8")
    build(content, data)  # a full build (the file was edited): the record follows the edit
    record = state_file(data.parent / ".cache")
    if damage == "deleted":
        record.unlink()
    elif damage == "truncated":
        record.write_bytes(record.read_bytes()[:100])
    elif damage == "not a database":
        record.write_bytes(b"not a database at all" * 100)
    else:
        with sqlite3.connect(record) as db:
            db.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
        db.close()
    write_article(content, "made-late", random.Random(9), pool)
    reporter = BufferReporter()
    cfg = load_config(None, content=content, data=data, quiet=True)
    assert extract(cfg, reporter).delta is None
    said = [m for m in reporter.messages if m.startswith("full build: ")]
    assert len(said) == 1 and "\n" not in said[0], reporter.messages
    assert reporter.errors == []
    assert data.read_text(encoding="utf-8").count("title: Corrected ") == 1
    assert state_file(data.parent / ".cache").is_file()  # made again: the next build is incremental
