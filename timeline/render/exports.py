"""Exports beside the page, each written with the well-kept library for its format:

events.json (our schema), timelinejs.json (TimelineJS3's JSON), events.ics (iCalendar, RFC 5545),
events.atom (feedgen), events.csv (csv). Every export but the feed holds every event; the calendar
and TimelineJS3 hold every dated one (an event whose date has no place in the calendar, such as
``PRESENT_REF``, cannot be put on either). The Atom feed holds the ``ATOM_ENTRIES`` (100) most
recent events, newest first, as feeds do. Output is deterministic: no clock is read; timestamps a
format demands come from the events' own dates.

Each export other than the feed is written as one fragment per event between literal head and tail
(``splice.py``), so a cached rebuild copies the fragments of unchanged events from the previous
files.

The iCalendar text is written here rather than through ``icalendar.Calendar.to_ical()``: that
library spent over 20 s on 10,000 events (per-character line folding, parameter objects for every
property), two thirds of a whole build. The writer is small (TEXT escaping, all-day DATE values,
folding at 75 octets) and the tests parse its output back with icalendar and compare it with
icalendar's own rendering of the same events. Text that XML or iCalendar cannot carry (C0 controls
other than tab and newline, lone surrogates, U+FFFE/FFFF, e.g. from a hand-edited events.yaml) is
replaced by a space in those two exports.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import heapq
import html
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from feedgen.feed import FeedGenerator

from ..models import Article, Event
from ..store.yaml_store import SCHEMA_VERSION, event_to_dict
from .client_data import article_title, source_name
from .dates import EPOCH, day_span, range_label
from .media import event_media
from .splice import Family, Manifest

ATOM_ENTRIES = 100  # the feed holds the most recent events, not the archive
CSV_COLUMNS = (
    "id",
    "date",
    "date_end",
    "precision",
    "date_label",
    "date_text",
    "date_source",
    "title",
    "text",
    "actors",
    "places",
    "tags",
    "confidence",
    "salience",
    "lang",
    "source_articles",
    "source_quotes",
)


def write_exports(
    site: Path,
    events: list[Event],
    articles: dict[str, Article],
    title: str,
    manifest: Manifest | None = None,
    key: Callable[[Event], bytes] | None = None,
    write: Callable[[Path, str | bytes], None] | None = None,
) -> None:
    """The five exports into ``site``, each assembled from one fragment per event (see
    splice.py): with a ``manifest`` of the previous render, unchanged events' fragments are
    copied from the previous files. ``write(path, text or bytes)``: how the feed is written."""
    manifest = manifest or Manifest(None, None)
    keys = key or (lambda event: b"")
    dated = [e for e in events if day_span(e.date, e.date_end) is not None]
    for layout in LAYOUTS:
        with Family(site, manifest, layout.name) as family:
            family.write(
                layout.name,
                layout.items(dated if layout.calendar else events, articles, title, keys),
            )
    (write or _write)(site / "events.atom", atom_bytes(events, articles, title))


@dataclass(frozen=True)
class Layout:
    """An export other than the feed: ``head`` + one fragment per event joined by ``sep`` +
    ``tail``. The events are in ``store.event_sort_key`` order: all of them, or (``calendar``)
    those with a calendar span only."""

    name: str
    calendar: bool
    # (site title, number of events in the file) → the text before the fragments
    head: Callable[[str, int], str]
    sep: str
    tail: str
    fragment: Callable[[Event, dict[str, Article]], str]

    def items(
        self,
        events: list[Event],
        articles: dict[str, Article],
        title: str,
        key: Callable[[Event], bytes] = lambda event: b"",
    ) -> Items:
        yield None, self.head(title, len(events))
        fragment = self.fragment
        for n, event in enumerate(events):
            if n and self.sep:
                yield None, self.sep
            yield key(event), partial(fragment, event, articles)
        if self.tail:
            yield None, self.tail


def _write(path: Path, data: str | bytes) -> None:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


_dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
Items = Iterator[tuple[bytes | None, str | Callable[[], str]]]


def json_lines(doc: dict[str, Any], key: str) -> str:
    """JSON with one item of ``doc[key]`` per line: readable and diffable, and written by the C
    encoder (``indent=`` would switch json to its pure-Python encoder, seconds for 10,000
    events)."""
    return _join(_lines(doc, key, ((b"", partial(_dump, item)) for item in doc[key])))


def _join(items: Items) -> str:
    """The text of a file given as items (what a render without a cache writes)."""
    return "".join(value if isinstance(value, str) else value() for _, value in items)


def _lines(
    doc: dict[str, Any], key: str, items: Iterable[tuple[bytes | None, Callable[[], str]]]
) -> Items:
    """json_lines as items: the head, then the items (``(key, make)``) separated by ",\n", then
    the tail."""
    yield None, _lines_head(doc, key)
    for n, item in enumerate(items):
        if n:
            yield None, LINES_SEP
        yield item
    yield None, LINES_TAIL


def _lines_head(doc: dict[str, Any], key: str) -> str:
    """What json_lines writes before the first item of ``doc[key]``."""
    head = _dump({k: v for k, v in doc.items() if k != key})[:-1]
    return f"{head}{',' if len(doc) > 1 else ''}\n{_dump(key)}:[\n"


LINES_SEP, LINES_TAIL = ",\n", "\n]}\n"


def _json_head(title: str, count: int) -> str:
    return _lines_head({"version": SCHEMA_VERSION, "title": title, "events": None}, "events")


def _json_fragment(event: Event, articles: dict[str, Article]) -> str:
    return _dump(event_to_dict(event))


_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text that XML 1.0 and iCalendar can hold: forbidden characters become a space."""
    return _UNSAFE.sub(" ", text)


def _day(epoch_day: int) -> dt.date:
    return dt.date.fromordinal(epoch_day + EPOCH)


def _sources_text(event: Event, articles: dict[str, Article]) -> str:
    return "\n".join(
        f"- {source_name(articles.get(s.article), s.article)} ({s.article}): “{s.quote}”"
        for s in event.sources
    )


# --- TimelineJS3 ----------------------------------------------------------------------------------


def timelinejs(events: list[Event], articles: dict[str, Article], title: str) -> dict[str, Any]:
    slides = [slide for event in events if (slide := timelinejs_slide(event, articles)) is not None]
    return {"title": _tl_title(title, len(slides)), "events": slides}


def _tl_title(title: str, count: int) -> dict[str, Any]:
    return {"text": {"headline": html.escape(title), "text": f"{count} dated events"}}


def timelinejs_slide(event: Event, articles: dict[str, Article]) -> dict[str, Any] | None:
    span = day_span(event.date, event.date_end)
    if span is None:
        return None
    # ISO parts only, no display date: TimelineJS3 writes dates in the language its embed asks for
    start, end = _tl_date(_day(span[0]), _day(span[1]))
    slide: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": start,
        "text": {"headline": html.escape(event.title), "text": _tl_text(event, articles)},
    }
    media = event_media(event, articles)
    # the site's own copy of the picture, or the link
    if media is not None and (media.src or media.link):
        slide["media"] = {
            "url": media.src or media.link,
            "caption": html.escape(media.caption or media.alt),
            "credit": html.escape(media.credit),
        }
    if end:
        slide["end_date"] = end
    if event.tags:
        slide["group"] = event.tags[0]
    return slide


def _timelinejs_head(title: str, count: int) -> str:
    return _lines_head({"title": _tl_title(title, count), "events": None}, "events")


def _timelinejs_fragment(event: Event, articles: dict[str, Article]) -> str:
    return _dump(timelinejs_slide(event, articles))


def _tl_date(first: dt.date, last: dt.date) -> tuple[dict[str, int], dict[str, int] | None]:
    """Whole years as years, whole months as months, anything else as days; the end only when it
    differs."""
    # the day after the last (31 December 9999 has none: it ends a year and a month)
    after = (last + dt.timedelta(days=1)) if last < dt.date.max else dt.date(1, 1, 1)
    if first.month == 1 and first.day == 1 and after.month == 1 and after.day == 1:
        start, end = {"year": first.year}, {"year": last.year}
    elif first.day == 1 and after.day == 1:
        start, end = (
            {"year": first.year, "month": first.month},
            {"year": last.year, "month": last.month},
        )
    else:
        start = {"year": first.year, "month": first.month, "day": first.day}
        end = {"year": last.year, "month": last.month, "day": last.day}
    return start, (end if end != start else None)


def _tl_text(event: Event, articles: dict[str, Article]) -> str:
    parts = [f"<p>{html.escape(event.text)}</p>"] if event.text else []
    for s in event.sources:  # each sentence once: a quote the text already says is not repeated
        article = articles.get(s.article)
        name = html.escape(
            article_title(article, s.article)
            + (f", {article.source}" if article and article.source else "")
        )
        quote = (
            f"<blockquote>{html.escape(s.quote)}</blockquote>"
            if s.quote and s.quote not in event.text
            else ""
        )
        parts.append(f"{quote}<p>— {name}</p>")
    return "".join(parts)


# --- iCalendar ------------------------------------------------------------------------------------


def icalendar_bytes(events: list[Event], articles: dict[str, Article], title: str) -> bytes:
    dated = [e for e in events if day_span(e.date, e.date_end) is not None]
    return _join(ICALENDAR.items(dated, articles, title)).encode("utf-8")


def _icalendar_head(title: str, count: int) -> str:
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//timeline//timeline events//EN",
        f"X-WR-CALNAME:{ics_text(title)}",
    ]
    return "".join(fold_line(line) + "\r\n" for line in head)


def _icalendar_fragment(event: Event, articles: dict[str, Article]) -> str:
    span = day_span(event.date, event.date_end)
    assert span is not None  # the calendar holds dated events only
    return ics_event(event, span, articles)


def ics_event(event: Event, span: tuple[int, int], articles: dict[str, Article]) -> str:
    """The VEVENT of a dated event, folded, each line ending in CRLF."""
    first = _day(span[0])
    # all-day: DTEND is the day after, exclusive; past 31 December 9999 (no such date) a duration
    end = (
        f"DTEND;VALUE=DATE:{_day(span[1] + 1):%Y%m%d}"
        if _day(span[1]) < dt.date.max
        else f"DURATION:P{span[1] - span[0] + 1}D"
    )
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{ics_text(event.title)}",
        f"DTSTART;VALUE=DATE:{first:%Y%m%d}",
        end,
        f"DTSTAMP:{first:%Y%m%d}T000000Z",
        f"UID:{ics_text(event.id + '@timeline')}",
    ]
    description = "\n\n".join(p for p in (event.text, _sources_text(event, articles)) if p)
    if description:
        lines.append(f"DESCRIPTION:{ics_text(description)}")
    if event.places:
        lines.append(f"LOCATION:{ics_text(', '.join(event.places))}")
    if event.tags:
        lines.append("CATEGORIES:" + ",".join(ics_text(t) for t in event.tags))
    lines += [
        f"X-TIMELINE-DATE:{ics_text(event.date or '')}",
        f"X-TIMELINE-PRECISION:{ics_text(event.precision or '')}",
        "END:VEVENT",
    ]
    return "".join(fold_line(line) + "\r\n" for line in lines)


def ics_text(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and line breaks escaped, forbidden
    controls dropped."""
    value = clean(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold_line(line: str, limit: int = 75) -> str:
    """Fold a content line at `limit` octets (RFC 5545 §3.1), never inside a UTF-8 sequence and,
    for the readers that mind, never between a backslash and the character it escapes."""
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


# --- Atom -----------------------------------------------------------------------------------------


def atom_bytes(
    events: list[Event], articles: dict[str, Article], title: str, limit: int = ATOM_ENTRIES
) -> bytes:
    """The feed of the ``limit`` most recent events (by ``_stamp``, then id; newest first): a
    feed reader wants what is new, not an archive of 10^5 entries. ``updated`` is the newest
    stamp of all events."""
    feed = FeedGenerator()
    feed.id(f"urn:timeline:{hashlib.sha1(title.encode('utf-8', 'surrogatepass')).hexdigest()}")
    feed.title(clean(title))
    feed.link(href="index.html", rel="alternate")
    feed.generator("timeline")
    stamped = [(stamp_day(e), e.id, e) for e in events]
    feed.updated(_midnight(max((s for s, _, _ in stamped), default=0)))
    for day, _, event in heapq.nlargest(limit, stamped, key=lambda s: s[:2]):
        stamp = _midnight(day)
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
    return _midnight(stamp_day(event))


def stamp_day(event: Event) -> int:
    span = day_span(event.date, event.date_end) or max(
        (sp for s in event.sources if (sp := day_span(s.published)) is not None), default=(0, 0)
    )
    return span[0]


def _midnight(epoch_day: int) -> dt.datetime:
    return dt.datetime.combine(_day(epoch_day), dt.time(), tzinfo=dt.UTC)


# --- CSV ------------------------------------------------------------------------------------------


def csv_text(events: list[Event]) -> str:
    return _join(CSV.items(events, {}, ""))


_csv_out = io.StringIO()
_csv_writer = csv.writer(_csv_out)


def _csv_row(values: Iterable[str]) -> str:
    _csv_out.seek(0)
    _csv_out.truncate()
    _csv_writer.writerow(values)
    return _csv_out.getvalue()


def _csv_head(title: str, count: int) -> str:
    return _csv_row(CSV_COLUMNS)


def _csv_fragment(event: Event, articles: dict[str, Article]) -> str:
    return _csv_row(
        [
            _cell(v)
            for v in (
                event.id,
                event.date or "",
                event.date_end or "",
                event.precision or "",
                range_label(event.date, event.date_end),
                event.date_text or "",
                event.date_source,
                event.title,
                event.text,
                "; ".join(event.actors),
                "; ".join(event.places),
                "; ".join(event.tags),
                f"{event.confidence:.3f}",
                f"{event.salience:.3f}",
                event.lang,
                "; ".join(s.article for s in event.sources),
                "\n".join(s.quote for s in event.sources),
            )
        ]
    )


def _cell(value: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: such text gets a leading
    apostrophe."""
    return (
        "'" + value
        if value[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(value)
        else value
    )


def _number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


JSON = Layout("events.json", False, _json_head, LINES_SEP, LINES_TAIL, _json_fragment)
TIMELINEJS = Layout(
    "timelinejs.json", True, _timelinejs_head, LINES_SEP, LINES_TAIL, _timelinejs_fragment
)
ICALENDAR = Layout(
    "events.ics", True, _icalendar_head, "", "END:VCALENDAR\r\n", _icalendar_fragment
)
CSV = Layout("events.csv", False, _csv_head, "", "", _csv_fragment)
LAYOUTS = (JSON, TIMELINEJS, ICALENDAR, CSV)
