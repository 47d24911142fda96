"""Exports beside the page: events.json (our schema). Further formats are added by the page issue."""

from __future__ import annotations

import json
from pathlib import Path

from ..models import Event
from ..store.yaml_store import SCHEMA_VERSION, event_to_dict


def write_exports(site: Path, events: list[Event], title: str) -> None:
    doc = {"version": SCHEMA_VERSION, "title": title, "events": [event_to_dict(e) for e in events]}
    (site / "events.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")
