"""The foundation: the sample content through the whole pipeline, asserting concrete events."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from lxml import html as lxml_html

from timeline.config import load_config
from timeline.pipeline import build
from timeline.report import BufferReporter
from timeline.store import load_events


def run_build(content: Path, tmp_path: Path) -> tuple[list, Path]:
    cfg = load_config(
        None,
        content=content,
        data=tmp_path / "data" / "events.yaml",
        site=tmp_path / "site",
        quiet=True,
    )
    reporter = BufferReporter()
    build(cfg, reporter)
    assert reporter.errors == []
    return load_events(cfg.data), cfg.site


def find(events: list, article: str, *words: str):
    for event in events:
        for source in event.sources:
            if source.article == article and all(w.lower() in source.quote.lower() for w in words):
                return event
    raise AssertionError(f"no event from {article} with {words}")


def test_sample_events(sample_content: Path, tmp_path: Path) -> None:
    events, site = run_build(sample_content, tmp_path)
    leak = find(events, "002_7b5cd5dd2eaa4b1c.txt", "launched an investigation")
    assert leak.date == "2024-03-03"
    resolution = find(events, "002_7b5cd5dd2eaa4b1c.txt", "29 February", "resolution")
    assert resolution.date == "2024-02-29"
    paris = find(events, "001_0b1bb55fbd960858.txt", "meeting", "Thursday")
    assert paris.date is None  # 001 has no publication date: "Thursday" cannot be resolved


def test_paris_meeting_dated_once_article_has_a_date(sample_content: Path, tmp_path: Path) -> None:
    path = sample_content / "001_0b1bb55fbd960858.txt"
    md = sample_content / "001_0b1bb55fbd960858.md"
    md.write_text(
        "---\ndate: 2025-09-02\n---\n" + path.read_text(encoding="utf-8"), encoding="utf-8"
    )
    path.unlink()
    events, _ = run_build(sample_content, tmp_path)
    paris = find(events, "001_0b1bb55fbd960858.md", "meeting", "Thursday")
    assert paris.date == "2025-09-04"


def test_site_is_readable_without_javascript(sample_content: Path, tmp_path: Path) -> None:
    events, site = run_build(sample_content, tmp_path)
    page = lxml_html.parse(str(site / "index.html")).getroot()
    times = page.xpath("//ol//li//time/@datetime")
    assert "2024-03-03" in times and "2024-02-29" in times
    assert page.xpath("//h2[normalize-space()='Undated']")
    articles = sorted((site / "articles").glob("*.html"))
    assert len(articles) == 5
    assert all(not src.startswith("http") for src in page.xpath("//script/@src | //link/@href"))


def test_yaml_is_deterministic(sample_content: Path, tmp_path: Path) -> None:
    run_build(sample_content, tmp_path / "a")
    run_build(sample_content, tmp_path / "b")
    first = (tmp_path / "a" / "data" / "events.yaml").read_bytes()
    assert first == (tmp_path / "b" / "data" / "events.yaml").read_bytes()
    doc = yaml.safe_load(first)
    assert (
        doc["version"] == 1
        and {"id", "date", "title", "text", "sources"} <= doc["events"][0].keys()
    )


def test_cli_bad_file_reported_and_rest_built(sample_content: Path, tmp_path: Path) -> None:
    (sample_content / "broken.txt").write_bytes(b"\xff\xfe\x00\x00binary\x00")
    (sample_content / "latin1.txt").write_bytes("Caf\xe9 on 3 March 2024".encode("latin-1"))
    cmd = [
        sys.executable,
        "-m",
        "timeline",
        "build",
        "-q",
        "--content",
        str(sample_content),
        "--data",
        str(tmp_path / "events.yaml"),
        "--site",
        str(tmp_path / "site"),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True)
    assert result.returncode == 1
    assert "latin1.txt" in result.stderr and "not UTF-8" in result.stderr
    assert (tmp_path / "site" / "index.html").exists()
    kept = subprocess.run([*cmd, "--keep-going"], capture_output=True, text=True)
    assert kept.returncode == 0


def test_the_committed_events_file_is_what_this_code_makes_of_content(tmp_path: Path) -> None:
    """`make site` in a clean clone leaves the tree unchanged only while data/ holds what this
    code makes of content/: a change to what the extractor makes (its rules, its language data)
    must come with the rebuilt data/; a change that makes the same events (a comment, a refactor)
    needs nothing, since what the events were made from is build state, not part of data/."""
    from timeline.pipeline import extract
    from timeline.store.yaml_store import snapshot_path

    repo = Path(__file__).resolve().parents[1]
    data = tmp_path / "events.yaml"
    cfg = load_config(None, content=repo / "content", data=data, quiet=True)
    extract(cfg, BufferReporter())
    committed = repo / "data" / "events.yaml"
    for made, kept in ((data, committed), (snapshot_path(data), snapshot_path(committed))):
        assert made.read_bytes() == kept.read_bytes(), f"run `make site` and commit {kept}"


def test_an_absurd_date_is_named_and_the_build_goes_on(
    sample_content: Path, tmp_path: Path
) -> None:
    """An editor's year 0 or last day of 9999 in events.yaml: the rebuild names the first (the
    axis cannot place it) and lists both; neither stops the exports (31 December 9999 has no next
    day)."""
    events, site = run_build(sample_content, tmp_path)
    data = tmp_path / "data" / "events.yaml"
    doc = yaml.safe_load(data.read_text(encoding="utf-8"))
    first, second = doc["events"][0]["id"], doc["events"][1]["id"]
    doc["events"][0]["date"], doc["events"][1]["date"] = "0000", "9999-12-31"
    data.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for full in (False, True):  # the incremental update, then a full build from scratch
        if full:
            subprocess.run(["rm", "-rf", str(site), str(tmp_path / "data" / ".cache")], check=True)
        cfg = load_config(None, content=sample_content, data=data, site=site, quiet=True)
        reporter = BufferReporter()
        build(cfg, reporter)
        assert reporter.errors == [], reporter.errors
        named = [w for w in reporter.warnings if "'0000'" in w]
        assert len(named) == 1 and first in named[0] and "\n" not in named[0], reporter.warnings
        assert not any("'9999-12-31'" in w for w in reporter.warnings), reporter.warnings
        index = (site / "index.html").read_text(encoding="utf-8")
        assert f'id="{first}"' in index and f'id="{second}"' in index
        assert "99991231" in (site / "events.ics").read_text(encoding="utf-8")
