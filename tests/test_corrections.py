"""Human corrections survive a scripted round of edit → add articles → rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from timeline.config import load_config
from timeline.errors import StoreError
from timeline.pipeline import extract
from timeline.report import BufferReporter
from timeline.store import load_all, load_events

NEW_ARTICLE = """Ukraine receives new air defence systems
Mar 5, 2024 - 10:00
German Defense Minister Boris Pistorius announced on 5 March that Germany will send two more Patriot systems to Ukraine.
"""  # noqa: E501  (one paragraph as an article has it)


def run(content: Path, data: Path) -> BufferReporter:
    reporter = BufferReporter()
    extract(load_config(None, content=content, data=data, quiet=True), reporter)
    assert reporter.errors == []
    return reporter


def entries(data: Path) -> list[dict]:
    return yaml.safe_load(data.read_text(encoding="utf-8"))["events"]


def by_quote(items: list[dict], words: str) -> dict:
    return next(e for e in items if any(words in s["quote"] for s in e["sources"]))


def test_every_correction_survives_new_articles(sample_content: Path, tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    run(sample_content, data)
    items = entries(data)
    edited = by_quote(items, "launched an investigation")
    edited["title"] = "Berlin investigates the leaked Taurus call"
    edited["tags"] = ["investigation", "espionage"]
    deleted = by_quote(items, "Russia, in turn, has demanded")
    items.remove(deleted)  # deletion by removing the entry
    flagged = by_quote(items, "remarks sparked criticism")
    flagged["deleted"] = True  # deletion by tombstone
    folded = by_quote(items, "described the call leak")
    folded["merged_into"] = edited["id"]  # a merge by hand
    items.append(
        {
            "title": "Bundestag debate on the leak",
            "date": "2024-03-04",
            "text": "Added by an editor.",
        }
    )
    data.write_text(
        yaml.safe_dump({"version": 1, "events": items}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )

    (sample_content / "005_new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    reporter = run(sample_content, data)

    after = {e["id"]: e for e in entries(data)}
    assert after[edited["id"]]["title"] == "Berlin investigates the leaked Taurus call"
    assert after[edited["id"]]["tags"] == ["investigation", "espionage"]
    assert after[deleted["id"]]["deleted"] is True
    assert after[flagged["id"]]["deleted"] is True
    assert after[folded["id"]]["merged_into"] == edited["id"]
    manual = [e for e in after.values() if e.get("origin") == "manual"]
    assert [m["title"] for m in manual] == ["Bundestag debate on the leak"]
    assert any("005_new.txt" in s["article"] for e in after.values() for s in e["sources"])
    assert "new" in reporter.messages[-1]

    live = {e.id: e for e in load_events(data)}
    assert deleted["id"] not in live and flagged["id"] not in live and folded["id"] not in live
    assert {s.article for s in live[edited["id"]].sources} == {"002_7b5cd5dd2eaa4b1c.txt"}
    assert len(live[edited["id"]].sources) == 2  # its own and the folded event's

    # A third build changes nothing: corrections are stable, the file is byte-identical.
    first = data.read_bytes()
    run(sample_content, data)
    assert data.read_bytes() == first


def test_conflict_is_reported_not_dropped(sample_content: Path, tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    run(sample_content, data)
    items = entries(data)
    edited = by_quote(items, "29 February")
    edited["title"] = "EP resolution on Taurus"
    data.write_text(
        yaml.safe_dump({"version": 1, "events": items}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    article = sample_content / "002_7b5cd5dd2eaa4b1c.txt"
    article.write_text(
        article.read_text(encoding="utf-8").replace("29 February", "28 February"), encoding="utf-8"
    )
    reporter = run(sample_content, data)
    after = [e for e in entries(data) if e["title"] == "EP resolution on Taurus"]
    assert len(after) == 1 and after[0]["needs_review"], after
    assert any("needs review" in w for w in reporter.warnings)


def test_unedited_event_of_removed_article_goes_edited_one_stays(
    sample_content: Path, tmp_path: Path
) -> None:
    data = tmp_path / "events.yaml"
    run(sample_content, data)
    items = entries(data)
    kept = by_quote(items, "Kallas insisted")
    kept["title"] = "Kallas: aid must not wait for consensus"
    data.write_text(
        yaml.safe_dump({"version": 1, "events": items}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    (sample_content / "003_09682512032707ef.txt").unlink()
    run(sample_content, data)
    after = entries(data)
    assert [
        e["title"] for e in after if any(s["article"].startswith("003") for s in e["sources"])
    ] == [kept["title"]]


def test_damaged_yaml_names_file_and_line_and_is_kept(sample_content: Path, tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    run(sample_content, data)
    damaged = data.read_text(encoding="utf-8").replace("  title: ", "  title: [unclosed ", 1)
    data.write_text(damaged, encoding="utf-8")
    with pytest.raises(StoreError) as err:
        extract(load_config(None, content=sample_content, data=data, quiet=True), BufferReporter())
    assert str(data) in str(err.value) and ":" in str(err.value).replace(str(data), "")
    assert err.value.line is not None
    assert data.read_text(encoding="utf-8") == damaged


def test_lost_snapshot_keeps_the_file(sample_content: Path, tmp_path: Path) -> None:
    data = tmp_path / "events.yaml"
    run(sample_content, data)
    items = entries(data)
    items[0]["title"] = "Edited while the snapshot was lost"
    data.write_text(
        yaml.safe_dump({"version": 1, "events": items}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    (tmp_path / ".events.machine.json").unlink()
    shutil.rmtree(tmp_path / ".cache")
    run(sample_content, data)
    assert any(e.title == "Edited while the snapshot was lost" for e in load_all(data))
