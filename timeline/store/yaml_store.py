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
import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from sys import intern
from typing import Any

import yaml

from ..errors import StoreError
from ..infra.atomic import write_pieces_atomic
from ..models import Event, Source
from .commit import ID_DIGITS, LineSum, file_id, pending_file, snapshot_file
from .layout import Layout
from .schema import EVENT_KEYS, SCHEMA_VERSION, SOURCE_KEYS
from .yaml_emit import entry_text

MAX_ALIASES = 20  # see _safe_load: aliases nest exponentially


def event_sort_key(event: Event) -> tuple[int, str, str]:
    # Dated events first, in date order (TIMEX values sort lexically within a precision), undated
    # last.
    return (0 if event.date else 1, event.date or "", event.id)


def event_to_dict(event: Event) -> dict[str, Any]:
    # Written out field by field: this runs for every event several times a build. Strings and None
    # (nearly every value) skip the _plain call; the result is the same as _plain on every field.
    e = event
    out: dict[str, Any] = {
        "id": e.id if type(e.id) is str else _plain(e.id),
        "date": e.date if e.date is None or type(e.date) is str else _plain(e.date),
        "date_end": e.date_end
        if e.date_end is None or type(e.date_end) is str
        else _plain(e.date_end),
        "precision": e.precision
        if e.precision is None or type(e.precision) is str
        else _plain(e.precision),
        "date_source": e.date_source
        if e.date_source is None or type(e.date_source) is str
        else _plain(e.date_source),
        "date_text": e.date_text
        if e.date_text is None or type(e.date_text) is str
        else _plain(e.date_text),
        "title": e.title if type(e.title) is str else _plain(e.title),
        "text": e.text if type(e.text) is str else _plain(e.text),
        "actors": list(e.actors) if type(e.actors) is tuple else _plain(e.actors),
        "places": list(e.places) if type(e.places) is tuple else _plain(e.places),
        "tags": list(e.tags) if type(e.tags) is tuple else _plain(e.tags),
        "confidence": _plain(e.confidence),
        "salience": _plain(e.salience),
        "lang": e.lang if type(e.lang) is str else _plain(e.lang),
        "sources": [
            {
                "article": s.article,
                "quote": s.quote,
                "start": s.start,
                "end": s.end,
                "date_text": s.date_text,
                "published": s.published,
            }
            for s in e.sources
        ],
    }
    if event.extra:
        for key, value in sorted(event.extra.items()):
            out.setdefault(key, value)
    return out


def _plain(value: Any) -> Any:
    if type(value) is str or value is None:
        return value
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float):
        return rounded(value)
    return value


def rounded(number: float) -> float:
    """A score as the file holds it (three decimals)."""
    return round(number, 3)


def _source_to_dict(source: Source) -> dict[str, Any]:
    return {key: getattr(source, key) for key in SOURCE_KEYS}


def event_from_dict(data: dict[str, Any], where: str = "") -> Event:
    if not isinstance(data, dict):
        raise StoreError("an event must be a mapping", where)
    if not data.get("title"):
        raise StoreError("event without title", where)
    if not data.get("id"):  # added by hand without an id: derive one from what the person wrote
        key = f"{data.get('title')}\x1f{data.get('date') or ''}"
        data = {
            **data,
            "id": "ev-m" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:9],
            "origin": data.get("origin") or "manual",
        }
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
        actors=tuple(intern(str(a)) for a in data.get("actors") or ()),
        places=tuple(intern(str(p)) for p in data.get("places") or ()),
        tags=tuple(intern(str(t)) for t in data.get("tags") or ()),
        confidence=float(data.get("confidence") or 0.0),
        salience=float(data.get("salience") or 0.0),
        lang=intern(str(data.get("lang") or "en")),
        sources=sources,
        extra=extra,
    )


def _source_from_dict(data: Any, where: str) -> Source:
    if not isinstance(data, dict) or "article" not in data:
        raise StoreError("a source must be a mapping with at least `article`", where)
    return Source(
        article=intern(str(data["article"])),  # names repeat in every mention: one copy in memory
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


def dump_events(
    events: list[Event],
    previous: dict[str, tuple[dict[str, Any], str]] | None = None,
    build: str = "",
) -> str:
    return "".join(_pieces(events, previous, build=build))


def events_header(build: str = "") -> str:
    """The file's first lines; ``build``: the id that pairs it with its snapshot
    (store/commit.py)."""
    return f"version: {SCHEMA_VERSION}\n" + (f"build: {build}\n" if build else "") + "events:\n"


def _pieces(
    events: list[Event],
    previous: dict[str, tuple[dict[str, Any], str]] | None,
    record: Callable[[str, dict[str, Any]], None] | None = None,
    build: str = "",
) -> Iterator[str]:
    """The file as text pieces: the header, then each event's YAML (``record(text, entry)`` is told
    of each).

    Dumping every event on its own gives the same bytes as dumping the whole document (same
    indentation, same line folding), so an event whose entry did not change reuses the text it had
    in the file. The pieces are made one at a time: a million events are never held as text all at
    once.
    """
    ordered = sorted(events, key=event_sort_key)
    if not ordered:
        yield events_header(build).replace("events:\n", "events: []\n")
        return
    yield events_header(build)
    previous = previous or {}
    for event in ordered:
        entry = event_to_dict(event)
        old = previous.get(entry["id"])
        chunk = old[1] if old is not None and old[0] == entry else entry_yaml(entry)
        if record is not None:
            record(chunk, entry)
        yield chunk


def entry_yaml(entry: dict[str, Any]) -> str:
    """One event's entry as the file holds it (the fast writer, else PyYAML: the same bytes)."""
    return entry_text(entry) or _dump([entry])


def _dump(doc: Any) -> str:
    return yaml.dump(
        doc,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def save_events(
    path: Path,
    events: list[Event],
    previous: Loaded | None = None,
    cache: ChunkCache | None = None,
    layout: Layout | None = None,
    build: str | None = None,
) -> bool:
    """Write the events file (only if its bytes change); returns whether it was written.

    ``previous``: the file as read before (its event texts are reused); ``cache``: remembers the
    text of every event written, so the next read parses only the entries a person changed;
    ``layout``: filled with where each entry sits (see layout.py); ``build``: the id pairing the
    file with its snapshot (commit.py); None keeps the file's own (a program editing the file
    edits it as a person would)."""
    if build is None:
        build = file_id(path) or ""
    texts = previous.texts if previous is not None else None
    with cache.recording() if cache is not None else _no_recording() as record:
        if layout is not None:
            layout.head, layout.sep = len(events_header(build)), 0
            record = _laid_out(record, layout)
        return write_pieces_atomic(path, _pieces(events, texts, record, build))


@contextmanager
def _no_recording() -> Iterator[Callable[[str, dict[str, Any]], None] | None]:
    yield None


def _laid_out(
    record: Callable[[str, dict[str, Any]], None] | None, layout: Layout
) -> Callable[[str, dict[str, Any]], None]:
    def both(text: str, entry: dict[str, Any]) -> None:
        layout.add(entry["id"], entry["date"], text)
        if record is not None:
            record(text, entry)

    return both


def load_events(path: Path) -> list[Event]:
    """The events to publish: deleted ones left out, ones merged by hand folded into their
    target."""
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
        extra_sources = tuple(
            s for m in folded.get(e.id, []) for s in m.sources if s not in e.sources
        )
        live.append(replace(e, sources=e.sources + extra_sources) if extra_sources else e)
    return live


def _merge_target(event: Event, by_id: dict[str, Event]) -> str | None:
    """Follow merged_into chains (a → b → c) to the event that stays; a cycle or a missing target
    stops."""
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
    """The machine's last output, beside the events file (commit it with the file): compact JSON,
    one event a line, since only the program reads it and JSON loads many times faster than YAML."""
    return snapshot_file(path)


def legacy_snapshot_path(path: Path) -> Path:
    """Where older versions kept the snapshot, as YAML (still read, removed once the JSON one is
    written)."""
    return path.with_name(f".{path.stem}.machine{path.suffix or '.yaml'}")


def snapshot_exists(path: Path) -> bool:
    return snapshot_path(path).exists() or legacy_snapshot_path(path).exists()


@dataclass
class Snapshot:
    """The machine's last output. What it was made from is build state (incremental/state.py), not
    part of this committed file: a change to the code that does not change its output leaves the
    file as it is."""

    events: list[Event]


def load_snapshot(path: Path) -> Snapshot:
    """The machine output of the last build (JSON; an older YAML snapshot is read when that is
    all there is)."""
    file = snapshot_path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Snapshot(load_all(legacy_snapshot_path(path)))
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"cannot be read: {exc}", str(file)) from exc
    try:
        doc = json.loads(text)
        return Snapshot([event_from_dict(e) for e in doc["events"]])
    except (ValueError, TypeError, KeyError, AttributeError, StoreError) as exc:
        raise StoreError(
            f"damaged snapshot ({exc}); delete it to keep every value of the events file as "
            f"it stands",
            str(file),
        ) from exc


def save_snapshot(path: Path, events: list[Event], layout: Layout | None = None) -> str:
    """Step 1 of the pair's commit (commit.py): the snapshot, to its pending name (nothing is
    written when it would not change); returns the pair's id. ``layout``: filled with where each
    event's line sits (see layout.py)."""
    ids = LineSum()
    pieces = _snapshot_pieces(events, layout, ids)
    write_pieces_atomic(pending_file(path), pieces, same_as=snapshot_path(path))
    legacy_snapshot_path(path).unlink(missing_ok=True)
    return ids.build


SNAPSHOT_SEP = ",\n"


def snapshot_head() -> str:
    return f'{{"version":{SCHEMA_VERSION},"events":[\n'


def snapshot_tail(build: str) -> str:
    """The last line: the pair's id (store/commit.py), the sum over the lines before it."""
    return f'\n],"build":"{build}"}}\n'


def snapshot_line(event: Event) -> str:
    return json.dumps(event_to_dict(event), ensure_ascii=False, separators=(",", ":"))


def _snapshot_pieces(events: list[Event], layout: Layout | None, ids: LineSum) -> Iterator[str]:
    head = snapshot_head()
    if layout is not None:
        layout.head, layout.sep = len(head.encode("utf-8")), len(SNAPSHOT_SEP)
    yield head
    for n, event in enumerate(sorted(events, key=event_sort_key)):
        line = snapshot_line(event)
        ids.add(line)
        if layout is not None:
            layout.add(event.id, event.date, line)
        yield ("" if n == 0 else SNAPSHOT_SEP) + line
    yield snapshot_tail(ids.build)


@dataclass
class Loaded:
    """The events file as read: every entry, and the YAML text of each entry this program wrote."""

    events: list[Event]
    # id → (entry, its text)
    texts: dict[str, tuple[dict[str, Any], str]] = field(default_factory=dict)


class ChunkCache:
    """The YAML text of every event written last time → its entry (a file in the cache folder).

    Reading the events file then needs the YAML parser only for entries a person changed; everything
    else is recognised by the hash of its text. A lost or stale cache only costs a full parse."""

    VERSION = 1

    def __init__(self, file: Path | None) -> None:
        self.file = file
        self.known: dict[str, dict[str, Any]] = {}
        if file is None:
            return
        try:
            doc = json.loads(file.read_text(encoding="utf-8"))
            if doc.get("version") == self.VERSION and isinstance(doc.get("chunks"), dict):
                self.known = doc["chunks"]
        except (OSError, ValueError, AttributeError):
            self.known = {}

    @contextmanager
    def recording(self) -> Iterator[Callable[[str, dict[str, Any]], None]]:
        """``record(text, entry)`` for each event written; the cache file is replaced when the
        block ends (written line by line, as the events file is: at a million events neither is
        held whole)."""
        if self.file is None:
            yield lambda text, entry: None
            return
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_name(f".{self.file.name}.tmp")
        with tmp.open("w", encoding="utf-8", buffering=1 << 20) as handle:
            handle.write(f'{{"version":{self.VERSION},"chunks":{{\n')
            first = [True]

            def record(text: str, entry: dict[str, Any]) -> None:
                if _json_safe(entry):
                    handle.write(
                        ("" if first[0] else ",\n")
                        + f"{json.dumps(_chunk_key(text))}:"
                        + json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
                    )
                    first[0] = False

            yield record
            handle.write("\n}}\n")
        os.replace(tmp, self.file)
        self.known = {}  # read back by the next build's ChunkCache, not by this one


def _json_safe(entry: dict[str, Any]) -> bool:
    if len(entry) == len(EVENT_KEYS):  # only the machine's keys: strings, numbers, lists, None
        return True
    try:
        return bool(json.loads(json.dumps(entry)) == entry)
    except (TypeError, ValueError):
        return False


def _chunk_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


_HEADER = re.compile(rf"version: {SCHEMA_VERSION}\n(?:build: [0-9a-f]{{{ID_DIGITS}}}\n)?events:\n")


def load_all(path: Path) -> list[Event]:
    """Every entry, tombstones included; a damaged file raises StoreError naming the file and
    line (the file is left alone)."""
    return read_store(path).events


def read_store(path: Path, cache: ChunkCache | None = None) -> Loaded:
    """Like load_all, also keeping each entry's text; with a cache, only entries it does not know
    are parsed."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Loaded([])
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"cannot be read: {exc}", str(path)) from exc
    if cache is not None and cache.known:
        fast = _read_known(text, cache.known, str(path))
        if fast is not None:
            return fast
    return Loaded(_parse_all(text, str(path)))


def _read_known(text: str, known: dict[str, dict[str, Any]], name: str) -> Loaded | None:
    """The fast path: split at the top-level `- ` lines; None (parse it all) for any other layout
    or doubt."""
    header = _HEADER.match(text)
    if header is None:
        return None
    starts = [m.start() + 1 for m in _ITEM.finditer(text, header.end() - 1)]
    if not starts or starts[0] != header.end():
        return None
    loaded = Loaded([])
    line = header.group().count("\n") + 1
    for n, begin in enumerate(starts):
        chunk = text[begin : starts[n + 1] if n + 1 < len(starts) else len(text)]
        entry = known.get(_chunk_key(chunk))
        if entry is not None:
            loaded.texts[entry["id"]] = (entry, chunk)
        else:  # written or changed by a person: parse this entry alone
            if "&" in chunk or "\n---" in chunk or "\n..." in chunk:
                return None  # anchors or document markers: let the whole-file parse judge
            try:
                items = yaml.load(chunk, Loader=_Loader)
            except yaml.YAMLError:
                return None  # the whole-file parse gives the right message and line
            if not isinstance(items, list) or len(items) != 1:
                return None
            entry = items[0]
        try:
            loaded.events.append(event_from_dict(entry))
        except (StoreError, TypeError, ValueError) as exc:
            message = exc.args[0] if exc.args else str(exc)
            raise StoreError(f"event #{n + 1}: {message}", name, line) from exc
        line += chunk.count("\n")
    return loaded


_ITEM = re.compile(r"\n- ")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_all(text: str, name: str) -> list[Event]:
    doc = _safe_load(text, name)
    if doc is None:
        return []
    entries = doc.get("events") if isinstance(doc, dict) else doc
    if not isinstance(entries, list):
        raise StoreError("expected `events:` followed by a list of events", name, 1)
    lines = _event_lines(text)
    events = []
    for index, entry in enumerate(entries):
        line = lines[index] if index < len(lines) else None
        try:
            events.append(event_from_dict(entry))
        except (StoreError, TypeError, ValueError) as exc:
            message = exc.args[0] if exc.args else str(exc)
            raise StoreError(f"event #{index + 1}: {message}", name, line) from exc
    return events


def _safe_load(text: str, name: str) -> Any:
    loader = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
    try:
        # Security fix (ingest/hostile-input owner, issue 7): count real alias events, not '*'
        # characters; 100 nested aliases expand to 2**50 nodes when str() walks them (a hang), 20
        # stay small.
        if (
            "&" in text
            and sum(isinstance(e, yaml.AliasEvent) for e in yaml.parse(text, Loader=loader))
            > MAX_ALIASES
        ):
            raise StoreError(
                f"too many YAML aliases (more than {MAX_ALIASES}; possible alias bomb)", name
            )
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
    """Block style, multi-line strings as literal blocks, no anchors: a file people can edit by
    hand."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str_representer(dumper: Any, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)
