"""A build that finds what an interrupted build left says so in one line, recovers, and `check`
reports it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.store import commit, load_all


@pytest.fixture
def built(tmp_path: Path, sample_content: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["build", "-q", "--executor", "serial"]).exit_code == 0
    return tmp_path / "data" / "events.yaml"


def _run(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, [line for line in result.output.splitlines() if line.strip()]


def test_a_build_stopped_after_the_events_file_is_finished_by_the_next(built: Path) -> None:
    pending = commit.pending_file(built)
    # its id is the events file's: step 3 was not done
    shutil.copy(commit.snapshot_file(built), pending)
    code, lines = _run("check")
    assert code == 1 and any(line.startswith("interrupted build:") for line in lines)
    events = load_all(built)
    code, lines = _run("build", "--executor", "serial")
    said = [line for line in lines if "interrupted" in line]
    assert code == 0 and len(said) == 1 and "snapshot is now in place" in said[0]
    assert not pending.exists() and load_all(built) == events
    assert not any(e.extra.get("deleted") for e in load_all(built))
    assert _run("check")[0] == 0


def test_a_build_stopped_before_the_events_file_is_undone_by_the_next(built: Path) -> None:
    pending = commit.pending_file(built)
    snapshot = commit.snapshot_file(built).read_text(encoding="utf-8")
    pending.write_text(
        re.sub(r'"build":"\w+"', '"build":"' + "0" * 32 + '"', snapshot), encoding="utf-8"
    )
    code, lines = _run("build", "--executor", "serial")
    said = [line for line in lines if "interrupted" in line]
    assert code == 0 and len(said) == 1 and "unfinished snapshot was dropped" in said[0]
    assert (
        not pending.exists() and commit.snapshot_file(built).read_text(encoding="utf-8") == snapshot
    )


def test_an_events_file_from_another_build_infers_no_deletion(built: Path) -> None:
    entries = built.read_text(encoding="utf-8").split("\n- id: ")
    other = "\n- id: ".join(entries[:1] + entries[2:])  # one event fewer than its snapshot...
    built.write_text(
        re.sub(r"^build: \w+$", "build: " + "0" * 32, other, count=1, flags=re.M), encoding="utf-8"
    )
    assert commit.findings(built)  # ... and the id of another build
    code, _ = _run("build", "--executor", "serial")
    assert code == 0
    assert not any(e.extra.get("deleted") for e in load_all(built))
