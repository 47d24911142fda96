"""Keep every human correction in force when the machine extracts events again.

Three inputs, compared field by field (three-way, as a version-control merge does):
    machine   what extraction produces now
    snapshot  what extraction produced last time (``.<name>.machine.json`` beside the events file)
    file      data/events.yaml as people left it

A field whose file value differs from the snapshot was edited by a person: the edit wins. If the
machine's value changed as well, the event gets a ``needs_review`` note and a warning (a conflict is
reported, never resolved silently). Corrections people can make:

    edit any field          kept, as above
    delete an event         remove the entry, or set ``deleted: true``: a tombstone is kept
                            either way
    merge two events        ``merged_into: <id>`` on the one to fold away (its sources join the
                            other)
    add an event            any entry whose id the machine never produced (``origin: manual`` is
                            set)

Ids stay stable when new articles arrive: a machine event takes the id of the previous event with
which it shares the most sources.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from ..models import Event, source_key
from .yaml_store import event_from_dict, event_to_dict, rounded

HUMAN_KEYS = ("deleted", "merged_into", "origin", "needs_review", "note")


@dataclass
class Reconciled:
    events: list[Event]  # everything to write, tombstones included
    snapshot: list[Event]  # the machine output, with the ids it was given
    new: list[str] = field(default_factory=list)
    kept_edits: dict[str, list[str]] = field(default_factory=dict)  # id → edited fields
    conflicts: dict[str, list[str]] = field(default_factory=dict)  # id → messages
    dropped: list[str] = field(default_factory=list)  # machine events no longer found, never edited
    tombstones: list[str] = field(default_factory=list)
    # ids of the entries written exactly as the machine made them
    plain: set[str] = field(default_factory=set)


def reconcile(
    machine: list[Event],
    snapshot: list[Event],
    file: list[Event],
    snapshot_known: bool = True,
    in_step: bool = True,
) -> Reconciled:
    """``in_step``: the snapshot is the one the file was written with (store/commit.py); when it
    is not, an entry missing from the file is not read as a person's deletion."""
    machine = stable_ids(machine, snapshot)
    before = {e.id: e for e in snapshot}
    current = {e.id: e for e in file}
    out = Reconciled([], machine)
    produced = set()
    for event in machine:
        produced.add(event.id)
        old, cur = before.get(event.id), current.get(event.id)
        if old is not None and cur is not None and not cur.extra and cur == old:
            out.events.append(as_written(event))  # the common case: nobody touched the entry
            out.plain.add(event.id)
            continue
        if old is None and cur is None:  # new: as the machine made it
            out.new.append(event.id)
            out.events.append(as_written(event))
            out.plain.add(event.id)
            continue
        made = event_to_dict(event)
        merged = _one(made, _dict(old), _dict(cur), out, snapshot_known, in_step)
        if merged is not None:
            out.events.append(event_from_dict(merged))
            if merged is made:
                out.plain.add(event.id)
    for event_id, cur in current.items():
        if event_id not in produced:
            kept = _not_produced(event_id, event_to_dict(cur), _dict(before.get(event_id)), out)
            if kept is not None:
                out.events.append(event_from_dict(kept))
    return out


def _dict(event: Event | None) -> dict[str, Any] | None:
    return None if event is None else event_to_dict(event)


def as_written(event: Event) -> Event:
    """The event as the file will hold it (numbers rounded as event_to_dict writes them)."""
    if event.extra:
        return event_from_dict(event_to_dict(event))
    confidence, salience = rounded(event.confidence), rounded(event.salience)
    if confidence == event.confidence and salience == event.salience:
        return event
    return replace(event, confidence=confidence, salience=salience)


def _one(
    new: dict[str, Any],
    old: dict[str, Any] | None,
    cur: dict[str, Any] | None,
    out: Reconciled,
    snapshot_known: bool,
    in_step: bool = True,
) -> dict[str, Any] | None:
    event_id = new["id"]
    if cur is None and (old is None or not in_step):
        out.new.append(event_id)
        return new
    if cur is None:  # the machine wrote it last time and a person removed the entry: a deletion
        out.tombstones.append(event_id)
        return {**new, "deleted": True}
    if old is None and not snapshot_known:
        # no record of the last machine output: nothing can be told apart, keep the file as it is
        old = new
    if cur == old:  # the common case, compared in C: nobody touched the entry
        if cur.keys() == new.keys():
            return new
        return {**new, **{k: v for k, v in cur.items() if k not in new}}
    edited = [k for k in new if k != "id" and cur.get(k) != (old or {}).get(k)]
    result = {k: (cur.get(k) if k in edited else v) for k, v in new.items()}
    result.update({k: v for k, v in cur.items() if k not in new})
    if edited:
        out.kept_edits[event_id] = edited
        _conflicts(new, old or {}, cur, edited, result, out)
    return result


def _conflicts(
    new: dict[str, Any],
    old: dict[str, Any],
    cur: dict[str, Any],
    edited: list[str],
    result: dict[str, Any],
    out: Reconciled,
) -> None:
    messages = []
    for k in edited:
        if k != "sources" and new.get(k) != old.get(k) and new.get(k) != cur.get(k):
            messages.append(f"{k}: you wrote {cur.get(k)!r}; the articles now give {new.get(k)!r}")
    if new.get("sources") != old.get("sources") and any(k != "sources" for k in edited):
        added = sorted(
            {s["article"] for s in new.get("sources") or []}
            - {s["article"] for s in old.get("sources") or []}
        )
        removed = sorted(
            {s["article"] for s in old.get("sources") or []}
            - {s["article"] for s in new.get("sources") or []}
        )
        messages.append(
            f"sources changed since your edit (added: {', '.join(added) or '-'}; removed: "
            f"{', '.join(removed) or '-'})"
        )
    if "sources" in edited and new.get("sources") != old.get("sources"):
        messages.append("you edited the sources and the articles now give different ones")
    if messages:
        notes = list(result.get("needs_review") or [])
        result["needs_review"] = notes + [m for m in messages if m not in notes]
        out.conflicts[new["id"]] = messages


def _not_produced(
    event_id: str, entry: dict[str, Any], old: dict[str, Any] | None, out: Reconciled
) -> dict[str, Any] | None:
    if entry.get("deleted") or entry.get("merged_into"):
        return entry  # a person's decision stays, even while its article is away
    if old is None:  # never produced by the machine: added by hand
        return {**entry, "origin": entry.get("origin") or "manual"}
    edited = [k for k in entry if k != "id" and entry.get(k) != old.get(k)]
    if not edited:
        out.dropped.append(event_id)
        return None
    note = "no longer found in the articles; kept because you edited it"
    out.conflicts[event_id] = [note]
    notes = list(entry.get("needs_review") or [])
    return {**entry, "needs_review": notes + ([note] if note not in notes else [])}


def stable_ids(
    machine: list[Event], snapshot: list[Event], carried: frozenset[str] = frozenset()
) -> list[Event]:
    """Give each machine event the previous id it shares most sources with (one id, one event).
    ``carried``: ids other events keep (an incremental rebuild gives only the events of a region:
    the ids of the unchanged ones are taken all the same)."""
    # (article, quote) → id: equal pairs have equal source keys
    owner: dict[tuple[str, str], str] = {}
    by_key: dict[str, str] = {}
    for event in snapshot:
        for s in event.sources:
            pair = (s.article, s.quote)
            if pair not in owner:
                owner[pair] = by_key.setdefault(source_key(s.article, s.quote), event.id)
    claims: list[tuple[int, str, str]] = []  # (-shared sources, old id, new id)
    for event in machine:
        counts: dict[str, int] = defaultdict(int)
        for s in event.sources:
            pair = (s.article, s.quote)
            old = owner[pair] if pair in owner else by_key.get(source_key(s.article, s.quote))
            if old:
                counts[old] += 1
        claims.extend((-n, old, event.id) for old, n in counts.items())
    renamed: dict[str, str] = {}
    taken: set[str] = set(carried)
    for _, old, new in sorted(claims):
        if new not in renamed and old not in taken:
            renamed[new] = old
            taken.add(old)
    fresh_ids = {e.id for e in machine} - set(renamed)
    clash = fresh_ids & taken  # a fresh id equal to an id now carried by another event
    result = []
    for event in machine:
        new_id = renamed.get(event.id, event.id)
        if event.id in clash and event.id not in renamed:
            new_id = event.id + "-2"
        result.append(event if new_id == event.id else replace(event, id=new_id))
    return result
