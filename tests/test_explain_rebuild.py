"""``timeline build --explain-rebuild`` (``-v``): each stage says why it was redone or reused, and
names the files that made it."""

from __future__ import annotations

import os
import time
from pathlib import Path

from click.testing import CliRunner

from timeline.cli import main

PAST = time.time() - 3600  # older than the article cache's racy window


def _why(runner: CliRunner, root: Path, *extra: str) -> list[str]:
    args = ["build", "-q", "-v", "--content", str(root / "content")]
    args += ["--data", str(root / "data" / "events.yaml"), "--site", str(root / "site"), *extra]
    result = runner.invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return [line[5:] for line in result.stderr.splitlines() if line.startswith("why: ")]


def _content(sample_content: Path, root: Path) -> Path:
    content = root / "content"
    assert sample_content == content  # the fixture's private copy, in tmp_path
    for path in content.iterdir():
        os.utime(path, (PAST, PAST))
    return content


def test_first_build_says_there_was_no_record(sample_content: Path, tmp_path: Path) -> None:
    _content(sample_content, tmp_path)
    why = _why(CliRunner(), tmp_path)
    assert any(line.startswith("events: every article") and "no record" in line for line in why)
    assert any("5 new" in line for line in why if line.startswith(str(tmp_path / "content")))
    assert any(line.startswith("site: every page assembled again; 0 article") for line in why)


def test_a_changed_article_is_named_and_nothing_else(sample_content: Path, tmp_path: Path) -> None:
    content = _content(sample_content, tmp_path)
    runner = CliRunner()
    _why(runner, tmp_path)
    assert "no article changed" in " ".join(_why(runner, tmp_path))
    changed = sorted(content.iterdir())[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    os.utime(changed, (PAST + 60, PAST + 60))
    why = _why(runner, tmp_path)
    events = [line for line in why if line.startswith("events: ")]
    assert len(events) == 1 and f"1 added or changed: {changed.name}" in events[0], why
    others = [p.name for p in content.iterdir() if p != changed]
    assert not any(name in events[0] for name in others)
    assert any(line.startswith("site: updated in place") for line in why), why


def test_a_site_changed_behind_the_builds_back_is_the_reason(
    sample_content: Path, tmp_path: Path
) -> None:
    content = _content(sample_content, tmp_path)
    runner = CliRunner()
    _why(runner, tmp_path)
    (tmp_path / "site" / "index.html").write_text("edited", "utf-8")
    touched = sorted(content.iterdir())[0]
    touched.write_text(touched.read_text(encoding="utf-8") + "\nAnother line.\n", "utf-8")
    os.utime(touched, (PAST + 60, PAST + 60))
    why = _why(runner, tmp_path)
    assert any(line.startswith("site: not updated in place: ") for line in why), why


def test_without_the_flag_nothing_is_explained(sample_content: Path, tmp_path: Path) -> None:
    _content(sample_content, tmp_path)
    args = ["build", "--content", str(tmp_path / "content"), "--data"]
    args += [str(tmp_path / "data" / "events.yaml"), "--site", str(tmp_path / "site")]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0
    assert "why: " not in result.stderr
