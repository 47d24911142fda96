"""Events ⇄ YAML with a fixed key order, a fixed sort order and safe loading.

Layout:
    version: 1
    events:
    - id: ev-…
      date: 2024-03-03
      …
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from ..atomic import write_atomic
from ..errors import StoreError
from ..models import Event, Source

SCHEMA_VERSION = 1
EVENT_KEYS = (
    "id", "date", "date_end", "precision", "date_source", "date_text", "title", "text",
    "actors", "places", "tags", "confidence", "salience", "lang", "sources",
)
SOURCE_KEYS = ("article", "quote", "start", "end", "date_text", "published")
MAX_ALIASES = 20  # see _safe_load: aliases nest exponentially


def event_sort_key(event: Event) -> tuple[int, str, str]:
    # Dated events first, in date order (TIMEX values sort lexically within a precision), undated last.
    return (0 if event.date else 1, event.date or "", event.id)


def event_to_dict(event: Event) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in EVENT_KEYS:
        value = getattr(event, key)
        if key == "sources":
            value = [_source_to_dict(s) for s in value]
        elif isinstance(value, tuple):
            value = list(value)
        elif isinstance(value, float):
            value = round(value, 3)
        out[key] = value
    for key, value in sorted(event.extra.items()):
        out.setdefault(key, value)
    return out


def _source_to_dict(source: Source) -> dict[str, Any]:
    return {key: getattr(source, key) for key in SOURCE_KEYS}


def event_from_dict(data: dict[str, Any], where: str = "") -> Event:
    if not isinstance(data, dict):
        raise StoreError("an event must be a mapping", where)
    if not data.get("title"):
        raise StoreError("event without title", where)
    if not data.get("id"):  # added by hand without an id: derive one from what the person wrote
        key = f"{data.get('title')}\x1f{data.get('date') or ''}"
        data = {**data, "id": "ev-m" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:9], "origin": data.get("origin") or "manual"}
    sources = tuple(_source_from_dict(s, where) for s in data.get("sources") or [])
    extra = {k: v for k, v in data.items() if k not in EVENT_KEYS}
    return Event(
        id=str(data["id"]),
        date=_str_or_none(data.get("date")),
        date_end=_str_or_none(data.get("date_end")),
        precision=_str_or_none(data.get("precision")),
        date_source=data.get("date_source") or "explicit",
        date_text=_str_or_none(data.get("date_text")),
        title=str(data["title"]),
        text=str(data.get("text") or ""),
        actors=tuple(str(a) for a in data.get("actors") or ()),
        places=tuple(str(p) for p in data.get("places") or ()),
        tags=tuple(str(t) for t in data.get("tags") or ()),
        confidence=float(data.get("confidence") or 0.0),
        salience=float(data.get("salience") or 0.0),
        lang=str(data.get("lang") or "en"),
        sources=sources,
        extra=extra,
    )


def _source_from_dict(data: Any, where: str) -> Source:
    if not isinstance(data, dict) or "article" not in data:
        raise StoreError("a source must be a mapping with at least `article`", where)
    return Source(
        article=str(data["article"]),
        quote=str(data.get("quote") or ""),
        start=int(data.get("start") or 0),
        end=int(data.get("end") or 0),
        date_text=_str_or_none(data.get("date_text")),
        published=_str_or_none(data.get("published")),
    )


def _str_or_none(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if hasattr(value, "isoformat"):
        return str(value.isoformat())  # YAML turned 2024-03-03 into a date: keep the TIMEX string
    return str(value)


def dump_events(events: list[Event]) -> str:
    doc = {"version": SCHEMA_VERSION, "events": [event_to_dict(e) for e in sorted(events, key=event_sort_key)]}
    return yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def save_events(path: Path, events: list[Event]) -> None:
    write_atomic(path, dump_events(events))


def load_events(path: Path) -> list[Event]:
    """The events to publish: deleted ones left out, ones merged by hand folded into their target."""
    return live_events(load_all(path))


def live_events(entries: list[Event]) -> list[Event]:
    by_id = {e.id: e for e in entries}
    folded: dict[str, list[Event]] = {}
    for e in entries:
        target = _merge_target(e, by_id)
        if target and target != e.id and not e.extra.get("deleted"):
            folded.setdefault(target, []).append(e)
    live = []
    for e in entries:
        if e.extra.get("deleted") or e.extra.get("merged_into"):
            continue
        extra_sources = tuple(s for m in folded.get(e.id, []) for s in m.sources if s not in e.sources)
        live.append(replace(e, sources=e.sources + extra_sources) if extra_sources else e)
    return live


def _merge_target(event: Event, by_id: dict[str, Event]) -> str | None:
    """Follow merged_into chains (a → b → c) to the event that stays; a cycle or a missing target stops."""
    seen = {event.id}
    target = event.extra.get("merged_into")
    while isinstance(target, str) and target in by_id and target not in seen:
        seen.add(target)
        nxt = by_id[target].extra.get("merged_into")
        if not isinstance(nxt, str):
            return target
        target = nxt
    return None


def snapshot_path(path: Path) -> Path:
    """The machine's last output, beside the events file (commit it with the file)."""
    return path.with_name(f".{path.stem}.machine{path.suffix or '.yaml'}")


def load_all(path: Path) -> list[Event]:
    """Every entry, tombstones included; a damaged file raises StoreError naming the file and line (the file is left alone)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"cannot be read: {exc}", str(path)) from exc
    doc = _safe_load(text, str(path))
    if doc is None:
        return []
    entries = doc.get("events") if isinstance(doc, dict) else doc
    if not isinstance(entries, list):
        raise StoreError("expected `events:` followed by a list of events", str(path), 1)
    lines = _event_lines(text)
    events = []
    for index, entry in enumerate(entries):
        line = lines[index] if index < len(lines) else None
        try:
            events.append(event_from_dict(entry))
        except (StoreError, TypeError, ValueError) as exc:
            message = exc.args[0] if exc.args else str(exc)
            raise StoreError(f"event #{index + 1}: {message}", str(path), line) from exc
    return events


def _safe_load(text: str, name: str) -> Any:
    loader = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
    try:
        # Security fix (ingest/hostile-input owner, issue 7): count real alias events, not '*' characters;
        # 100 nested aliases expand to 2**50 nodes when str() walks them (a hang), 20 stay small.
        if "&" in text and sum(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=loader)) > MAX_ALIASES:
            raise StoreError(f"too many YAML aliases (more than {MAX_ALIASES}; possible alias bomb)", name)
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise StoreError(f"damaged YAML: {problem}", name, mark.line + 1 if mark else None) from exc


def _event_lines(text: str) -> list[int]:
    """1-based line of each top-level list item under `events:` (for error messages)."""
    return [n for n, line in enumerate(text.split("\n"), 1) if line.startswith("- ")]


# libyaml's emitter when present: the pure-Python one dominates the time of a large rebuild.
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    """Block style, multi-line strings as literal blocks, no anchors: a file people can edit by hand."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str_representer(dumper: Any, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)
