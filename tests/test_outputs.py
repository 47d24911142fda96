"""A build never writes into, or deletes, what is not its own (--site and --data pointed at the
wrong place)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.infra.outputs import MARKER


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def project(tmp_path: Path, sample_content: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _build(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "-q", "--executor", "serial", *args])
    return result.exit_code, result.output


def _refused(project: Path, *args: str, says: str) -> None:
    before = _files(project)
    code, output = _build(*args)
    lines = [line for line in output.splitlines() if line.strip()]
    assert code != 0 and len(lines) == 1 and says in lines[0], output
    assert "Traceback" not in output
    assert _files(project) == before  # nothing written, nothing lost


@pytest.mark.parametrize("site", ["content", "content/sub", ".", ".."])
def test_a_site_at_or_around_the_articles_is_refused(project: Path, site: str) -> None:
    _refused(project, "--site", site, says="articles folder")


def test_a_site_holding_the_events_file_is_refused(project: Path) -> None:
    _refused(project, "--site", "data", says="holds the events file")


def test_an_events_file_inside_the_articles_is_refused(project: Path) -> None:
    _refused(project, "--data", "content/events.yaml", says="articles folder")


def test_a_site_at_the_home_folder_is_refused(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = project / "home"
    home.mkdir()
    (home / "notes.txt").write_text("mine")
    monkeypatch.setenv("HOME", str(home))
    _refused(project, "--site", str(home), says="is or holds")


def test_a_folder_with_foreign_files_is_refused_unless_forced(project: Path) -> None:
    www = project / "www"
    www.mkdir()
    (www / "CNAME").write_text("timeline.example.org\n")
    _refused(project, "--site", "www", says="did not write (CNAME)")
    code, output = _build("--site", "www", "--force")
    assert code == 0, output
    assert (www / "index.html").is_file() and (www / MARKER).is_file()


def test_the_builds_own_site_is_rebuilt_and_an_empty_folder_is_taken(project: Path) -> None:
    (project / "empty").mkdir()
    assert _build("--site", "empty")[0] == 0
    assert (project / "empty" / MARKER).is_file()
    assert _build("--site", "empty")[0] == 0  # its own now: rebuilt without --force


def test_a_site_of_an_older_version_without_the_marker_is_still_the_builds(project: Path) -> None:
    assert _build()[0] == 0
    (project / "site" / MARKER).unlink()
    assert _build()[0] == 0


def test_content_survives_every_refused_attempt(project: Path) -> None:
    articles = _files(project / "content")
    for site in ("content", ".", ".."):
        _build("--site", site)
    assert _files(project / "content") == articles
