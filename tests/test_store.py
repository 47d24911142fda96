"""The events store's fast paths give exactly what the plain YAML paths give."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from timeline.config import load_config
from timeline.errors import StoreError
from timeline.pipeline import extract, store_cache
from timeline.report import BufferReporter
from timeline.store import (
    ChunkCache,
    load_all,
    load_snapshot,
    read_store,
    save_events,
    snapshot_path,
)
from timeline.store.yaml_store import _Dumper, event_to_dict, legacy_snapshot_path


def built(sample_content: Path, tmp_path: Path) -> Path:
    data = tmp_path / "events.yaml"
    extract(load_config(None, content=sample_content, data=data, quiet=True), BufferReporter())
    return data


def test_event_by_event_dump_is_the_whole_document_dump(
    sample_content: Path, tmp_path: Path
) -> None:
    data = built(sample_content, tmp_path)
    events = load_all(data)
    build = yaml.safe_load(data.read_text(encoding="utf-8"))["build"]  # pairs it with its snapshot
    whole = yaml.dump(
        {"version": 1, "build": build, "events": [event_to_dict(e) for e in events]},
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    assert data.read_text(encoding="utf-8") == whole


def test_cached_read_equals_full_parse_also_after_hand_edits(
    sample_content: Path, tmp_path: Path
) -> None:
    data = built(sample_content, tmp_path)
    cfg = load_config(None, content=sample_content, data=data, quiet=True)
    cache = store_cache(cfg)
    assert cache.known, "the build remembers the text of the events it wrote"
    assert read_store(data, cache).events == load_all(data)
    text = data.read_text(encoding="utf-8")
    edited = (
        text.replace("  title: ", "  title: Edited by hand ", 1)
        + "# a comment\n- title: Added by hand\n  date: 2024-03-09\n"
    )
    data.write_text(edited, encoding="utf-8")
    fast = read_store(data, cache)
    assert fast.events == load_all(data)
    assert [e.extra for e in fast.events] == [e.extra for e in load_all(data)]
    # parsed: the edited entry, the one the comment joined, the new one
    assert len(fast.texts) == len(fast.events) - 3


def test_damaged_entry_is_reported_with_its_line_on_the_fast_path(
    sample_content: Path, tmp_path: Path
) -> None:
    data = built(sample_content, tmp_path)
    cache = ChunkCache(tmp_path / ".cache" / "events-yaml.json")
    lines = data.read_text(encoding="utf-8").split("\n")
    third = [n for n, line in enumerate(lines) if line.startswith("- ")][2]
    lines[third + 1] = "  title: [unclosed"
    data.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(StoreError) as err:
        read_store(data, cache)
    assert err.value.line is not None and str(data) in str(err.value)


def test_unchanged_files_are_not_rewritten(sample_content: Path, tmp_path: Path) -> None:
    data = built(sample_content, tmp_path)
    stamps = {p: p.stat().st_mtime_ns for p in (data, snapshot_path(data))}
    before = data.read_bytes()
    built(sample_content, tmp_path)
    assert data.read_bytes() == before
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
    assert save_events(data, load_all(data)) is False


def test_yaml_snapshot_of_older_versions_is_read_then_replaced(
    sample_content: Path, tmp_path: Path
) -> None:
    data = built(sample_content, tmp_path)
    machine = load_snapshot(data).events
    legacy = legacy_snapshot_path(data)
    save_events(legacy, machine)
    snapshot_path(data).unlink()
    assert load_snapshot(data).events == machine
    before = data.read_bytes()
    built(sample_content, tmp_path)
    assert not legacy.exists() and snapshot_path(data).exists()
    assert data.read_bytes() == before


def test_unchanged_inputs_shortcut_gives_what_a_full_merge_gives(
    sample_content: Path, tmp_path: Path
) -> None:
    data = built(sample_content, tmp_path)
    items = yaml.safe_load(data.read_text(encoding="utf-8"))["events"]
    items[0]["title"] = "Edited"
    data.write_text(
        yaml.safe_dump({"version": 1, "events": items}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    cfg = load_config(None, content=sample_content, data=data, quiet=True)
    # the shortcut: the snapshot is the machine output
    assert extract(cfg, BufferReporter()).extracted == 0
    shortcut = data.read_bytes(), snapshot_path(data).read_bytes()
    # a snapshot the build state cannot vouch for (copied back, checked out): every mention from
    # the cache, merged again
    snapshot = snapshot_path(data)
    copy = snapshot.with_name("copy")
    copy.write_bytes(snapshot.read_bytes())
    copy.replace(snapshot)
    assert extract(cfg, BufferReporter()).extracted == 0
    assert (data.read_bytes(), snapshot_path(data).read_bytes()) == shortcut
    (sample_content / "005_new.txt").write_text(
        "A new report\nMar 5, 2024 - 10:00\nThe minister resigned on 4 March.\n", encoding="utf-8"
    )
    assert extract(cfg, BufferReporter()).extracted == 1
    assert (tmp_path / ".cache" / "build.sqlite").is_file() and not (
        tmp_path / ".cache" / "mentions"
    ).exists()
