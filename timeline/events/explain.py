"""`timeline explain EVENT_ID`: why an event's mentions were merged, and why near neighbours were
not.

A weak mention (a clause below MIN_CONFIDENCE, see merge.py) is marked as such, and the decision
that let it join names the rule: near-identical words or a cut-off copy, never a paraphrase."""

from __future__ import annotations

from ..models import Event
from .happenings import MIN_CONFIDENCE, is_weak
from .merge import Decision, MergeResult

NEIGHBOURS = 5


def explain(event: Event, result: MergeResult, file_entry: Event | None = None) -> list[str]:
    """Lines of plain text about one event of the store, read against a fresh merge of the
    mentions."""
    keys = _member_keys(event, result)
    lines = [f"{event.id}  {event.date or 'undated'}  {event.title}"]
    if file_entry is not None:
        lines += _corrections(file_entry)
    lines.append(f"mentions ({len(keys)}):")
    lines += [f"  {_where(result.mentions[k])}  [{_status(result.mentions[k])}]" for k in keys]
    inside = [d for d in result.decisions if d.a in keys and d.b in keys]
    if inside:
        lines.append("merged because:")
        lines += [f"  {_pair(d, result)}: {d.reason}" for d in inside]
    apart = sorted(
        (d for d in result.decisions if (d.a in keys) != (d.b in keys)),
        key=lambda d: (-d.similarity, d.a, d.b),
    )
    if apart:
        lines.append("closest mentions kept apart:")
        lines += [f"  {_pair(d, result)}: {d.reason}" for d in apart[:NEIGHBOURS]]
    if not inside and not apart:
        lines.append("no other mention shares enough words to be compared")
    return lines


def _status(m: Event) -> str:
    """Date, how it was found, and for a weak mention why it is one (it joined by near-identical
    words only)."""
    status = f"{m.date or 'undated'}, {m.date_source}"
    return (
        f"{status}, weak: confidence {m.confidence:.2f} < {MIN_CONFIDENCE}"
        if is_weak(m)
        else status
    )


def _member_keys(event: Event, result: MergeResult) -> list[str]:
    """The mention keys behind an event of the store (its id may be an older one kept for
    stability)."""
    from .ids import source_key

    wanted = {source_key(s.article, s.quote) for s in event.sources}
    for keys in result.members.values():
        if wanted & set(keys):
            return keys
    return sorted(wanted & set(result.mentions))


def _corrections(entry: Event) -> list[str]:
    notes = []
    for key in ("origin", "deleted", "merged_into", "needs_review"):
        if entry.extra.get(key):
            notes.append(f"correction: {key} = {entry.extra[key]}")
    return notes


def _pair(d: Decision, result: MergeResult) -> str:
    return f"{_where(result.mentions[d.a])} ~ {_where(result.mentions[d.b])}"


def _where(m: Event) -> str:
    s = m.sources[0]
    quote = s.quote if len(s.quote) <= 60 else s.quote[:57] + "…"
    return f"{s.article}:{s.start}-{s.end} “{quote}”"
