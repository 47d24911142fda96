"""Exports beside the page, each written with the well-kept library for its format:

events.json (our schema), timelinejs.json (TimelineJS3's JSON), events.ics (iCalendar, RFC 5545), events.atom
(feedgen), events.csv (csv). Every export holds every event; the calendar and TimelineJS3 hold every dated one (an event
whose date has no place in the calendar, such as ``PRESENT_REF``, cannot be put on either).
Output is deterministic: no clock is read; timestamps a format demands come from the events' own dates.

The iCalendar text is written here rather than through ``icalendar.Calendar.to_ical()``: that library spent
over 20 s on 10,000 events (per-character line folding, parameter objects for every property), two thirds
of a whole build. The writer is small (TEXT escaping, all-day DATE values, folding at 75 octets) and the
tests parse its output back with icalendar and compare it with icalendar's own rendering of the same events.
Text that XML or iCalendar cannot carry (C0 controls other than tab and newline, lone surrogates, U+FFFE/FFFF,
e.g. from a hand-edited events.yaml) is replaced by a space in those two exports.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from feedgen.feed import FeedGenerator

from ..models import Article, Event
from ..store.yaml_store import SCHEMA_VERSION, event_to_dict
from .client_data import source_name
from .dates import EPOCH, day_span, range_label

CSV_COLUMNS = ("id", "date", "date_end", "precision", "date_label", "date_text", "date_source", "title", "text",
               "actors", "places", "tags", "confidence", "salience", "lang", "source_articles", "source_quotes")


def write_exports(site: Path, events: list[Event], articles: dict[str, Article], title: str,
                  write: Callable[[Path, str | bytes], None] | None = None) -> None:
    """The five exports into `site`, through `write(path, text or bytes)` when given."""
    put = write or _write
    doc = {"version": SCHEMA_VERSION, "title": title, "events": [event_to_dict(e) for e in events]}
    put(site / "events.json", json_lines(doc, "events"))
    put(site / "timelinejs.json", json_lines(timelinejs(events, articles, title), "events"))
    put(site / "events.ics", icalendar_bytes(events, articles, title))
    put(site / "events.atom", atom_bytes(events, articles, title))
    put(site / "events.csv", csv_text(events))


def _write(path: Path, data: str | bytes) -> None:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def json_lines(doc: dict[str, Any], key: str) -> str:
    """JSON with one item of ``doc[key]`` per line: readable and diffable, and written by the C encoder
    (``indent=`` would switch json to its pure-Python encoder, seconds for 10,000 events)."""
    dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    head = dump({k: v for k, v in doc.items() if k != key})[:-1]
    items = ",\n".join(dump(item) for item in doc[key])
    return f"{head}{',' if len(doc) > 1 else ''}\n{dump(key)}:[\n{items}\n]}}\n"


_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text that XML 1.0 and iCalendar can hold: forbidden characters become a space."""
    return _UNSAFE.sub(" ", text)


def _day(epoch_day: int) -> dt.date:
    return dt.date.fromordinal(epoch_day + EPOCH)


def _sources_text(event: Event, articles: dict[str, Article]) -> str:
    return "\n".join(f"- {source_name(articles.get(s.article), s.article)} ({s.article}): “{s.quote}”" for s in event.sources)


# --- TimelineJS3 -------------------------------------------------------------------------------------------

def timelinejs(events: list[Event], articles: dict[str, Article], title: str) -> dict[str, Any]:
    slides = []
    for event in events:
        span = day_span(event.date, event.date_end)
        if span is None:
            continue
        label = range_label(event.date, event.date_end)
        start, end = _tl_date(_day(span[0]), _day(span[1]))
        slide: dict[str, Any] = {"unique_id": event.id, "start_date": {**start, "display_date": label},
                                 "display_date": label, "text": {"headline": html.escape(event.title), "text": _tl_text(event, articles)}}
        if end:
            slide["end_date"] = end
        if event.tags:
            slide["group"] = event.tags[0]
        slides.append(slide)
    return {"title": {"text": {"headline": html.escape(title), "text": f"{len(slides)} dated events"}}, "events": slides}


def _tl_date(first: dt.date, last: dt.date) -> tuple[dict[str, int], dict[str, int] | None]:
    """Whole years as years, whole months as months, anything else as days; the end only when it differs."""
    after = last + dt.timedelta(days=1)
    if first.month == 1 and first.day == 1 and after.month == 1 and after.day == 1:
        start, end = {"year": first.year}, {"year": last.year}
    elif first.day == 1 and after.day == 1:
        start, end = {"year": first.year, "month": first.month}, {"year": last.year, "month": last.month}
    else:
        start = {"year": first.year, "month": first.month, "day": first.day}
        end = {"year": last.year, "month": last.month, "day": last.day}
    return start, (end if end != start else None)


def _tl_text(event: Event, articles: dict[str, Article]) -> str:
    parts = [f"<p>{html.escape(event.text)}</p>"] if event.text else []
    for s in event.sources:
        name = html.escape(source_name(articles.get(s.article), s.article))
        parts.append(f"<blockquote>{html.escape(s.quote)}</blockquote><p>— {name}</p>")
    return "".join(parts)


# --- iCalendar ---------------------------------------------------------------------------------------------

def icalendar_bytes(events: list[Event], articles: dict[str, Article], title: str) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//timeline//timeline events//EN",
             f"X-WR-CALNAME:{ics_text(title)}"]
    for event in events:
        span = day_span(event.date, event.date_end)
        if span is None:
            continue
        first, after = _day(span[0]), _day(span[1] + 1)  # all-day: DTEND is the day after, exclusive
        lines += ["BEGIN:VEVENT", f"SUMMARY:{ics_text(event.title)}", f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{after:%Y%m%d}", f"DTSTAMP:{first:%Y%m%d}T000000Z", f"UID:{ics_text(event.id + '@timeline')}"]
        description = "\n\n".join(p for p in (event.text, _sources_text(event, articles)) if p)
        if description:
            lines.append(f"DESCRIPTION:{ics_text(description)}")
        if event.places:
            lines.append(f"LOCATION:{ics_text(', '.join(event.places))}")
        if event.tags:
            lines.append("CATEGORIES:" + ",".join(ics_text(t) for t in event.tags))
        lines += [f"X-TIMELINE-DATE:{ics_text(event.date or '')}", f"X-TIMELINE-PRECISION:{ics_text(event.precision or '')}",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines).encode("utf-8")


def ics_text(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and line breaks escaped, forbidden controls dropped."""
    value = clean(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold_line(line: str, limit: int = 75) -> str:
    """Fold a content line at `limit` octets (RFC 5545 §3.1), never inside a UTF-8 sequence and, for the
    readers that mind, never between a backslash and the character it escapes."""
    if len(line) <= limit // 4:
        return line
    raw = line.encode("utf-8")
    if len(raw) <= limit:
        return line
    parts: list[bytes] = []
    at, room = 0, limit
    while len(raw) - at > room:
        cut = at + room
        while raw[cut] & 0xC0 == 0x80:  # not inside a multi-byte character
            cut -= 1
        if raw[cut - 1] == 0x5C:  # backslash
            cut -= 1
        parts.append(raw[at:cut])
        at, room = cut, limit - 1  # a continuation line starts with a space
    parts.append(raw[at:])
    return b"\r\n ".join(parts).decode("utf-8")


# --- Atom --------------------------------------------------------------------------------------------------

def atom_bytes(events: list[Event], articles: dict[str, Article], title: str) -> bytes:
    feed = FeedGenerator()
    feed.id(f"urn:timeline:{hashlib.sha1(title.encode('utf-8', 'surrogatepass')).hexdigest()}")
    feed.title(clean(title))
    feed.link(href="index.html", rel="alternate")
    feed.generator("timeline")
    stamps = [_stamp(e) for e in events]
    feed.updated(max(stamps, default=dt.datetime(1970, 1, 1, tzinfo=dt.UTC)))
    for event, stamp in zip(events, stamps, strict=True):
        entry = feed.add_entry(order="append")
        entry.id(clean(f"urn:timeline:event:{event.id}"))
        entry.title(clean(event.title))
        entry.updated(stamp)
        entry.link(href=clean(f"index.html#{event.id}"), rel="alternate")
        label = range_label(event.date, event.date_end)
        entry.summary(clean(f"{label}: {event.text}" if event.text else label))
        entry.content(clean(_tl_text(event, articles)), type="html")
        for tag in event.tags:
            entry.category(term=clean(tag))
    return bytes(feed.atom_str(pretty=True))


def _stamp(event: Event) -> dt.datetime:
    """The event's first day, else the latest publication date of its sources, else the epoch."""
    span = day_span(event.date, event.date_end) or max(
        (sp for s in event.sources if (sp := day_span(s.published)) is not None), default=(0, 0))
    return dt.datetime.combine(_day(span[0]), dt.time(), tzinfo=dt.UTC)


# --- CSV ---------------------------------------------------------------------------------------------------

def csv_text(events: list[Event]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for event in events:
        writer.writerow([_cell(v) for v in (
            event.id, event.date or "", event.date_end or "", event.precision or "", range_label(event.date, event.date_end),
            event.date_text or "", event.date_source, event.title, event.text, "; ".join(event.actors), "; ".join(event.places),
            "; ".join(event.tags), f"{event.confidence:.3f}", f"{event.salience:.3f}", event.lang,
            "; ".join(s.article for s in event.sources), "\n".join(s.quote for s in event.sources))])
    return out.getvalue()


def _cell(value: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: such text gets a leading apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(value) else value


def _number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
