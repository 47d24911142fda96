"""`timeline explain` prints the merge decisions behind an event."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from timeline.cli import main
from timeline.store import load_events

PARAPHRASE = (
    "Berlin prepares Taurus step\n"
    "The German government is preparing a formal announcement on delivering Taurus long-range "
    "missiles to Ukraine, "
    "a shift in the alliance’s posture, insiders in the ruling coalition said.\n"
)


def test_explain_merged_event(sample_content: Path, tmp_path: Path) -> None:
    (sample_content / "009_other.txt").write_text(PARAPHRASE, encoding="utf-8")
    data = tmp_path / "events.yaml"
    paths = ["--content", str(sample_content), "--data", str(data)]
    assert CliRunner().invoke(main, ["extract", "-q", *paths]).exit_code == 0
    merged = next(e for e in load_events(data) if len(e.sources) == 2)
    result = CliRunner().invoke(main, ["explain", merged.id, *paths])
    assert result.exit_code == 0, result.output
    assert (
        "mentions (2)" in result.output
        and "merged: " in result.output
        and "009_other.txt" in result.output
    )
    missing = CliRunner().invoke(main, ["explain", "ev-nothing", *paths])
    assert missing.exit_code != 0 and "no event with id ev-nothing" in missing.output
