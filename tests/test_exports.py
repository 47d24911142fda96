"""Every export parsed back with a real parser for its format."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from icalendar import Calendar
from lxml import etree
from synthetic import tricky  # tests/synthetic.py

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def site(tricky_site: Path) -> Path:
    return tricky_site


def test_events_json_holds_every_event(site: Path) -> None:
    doc = json.loads((site / "events.json").read_text(encoding="utf-8"))
    assert doc["version"] == 1 and {e["id"] for e in doc["events"]} == {e.id for e in tricky()[0]}


def test_timelinejs_json(site: Path) -> None:
    doc = json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))
    slides = {s["unique_id"]: s for s in doc["events"]}
    assert set(slides) == {e.id for e in tricky()[0] if e.date}
    # ISO parts, no display date baked in: TimelineJS3's language option writes them
    assert slides["ev-month"]["start_date"] == {"year": 2024, "month": 2}
    assert "display_date" not in json.dumps(doc)
    assert (
        slides["ev-year"]["start_date"]["year"] == 1998
        and "month" not in slides["ev-year"]["start_date"]
    )
    assert slides["ev-week"]["start_date"]["day"] == 19 and slides["ev-week"]["end_date"] == {
        "year": 2024,
        "month": 2,
        "day": 25,
    }
    assert slides["ev-range"]["end_date"]["day"] == 20
    assert "<script>" not in slides["ev-xss"]["text"]["headline"]


def test_icalendar_all_day_events(site: Path) -> None:
    cal = Calendar.from_ical((site / "events.ics").read_bytes())
    items = {str(c["uid"]): c for c in cal.walk("VEVENT")}
    assert set(items) == {f"{e.id}@timeline" for e in tricky()[0] if e.date}
    day = items["ev-day@timeline"]
    assert day.decoded("dtstart") == dt.date(2024, 3, 3) and day.decoded("dtend") == dt.date(
        2024, 3, 4
    )
    assert not isinstance(day.decoded("dtstart"), dt.datetime)  # all-day
    month = items["ev-month@timeline"]
    assert (month.decoded("dtstart"), month.decoded("dtend")) == (
        dt.date(2024, 2, 1),
        dt.date(2024, 3, 1),
    )
    assert str(items["ev-xss@timeline"]["summary"]).startswith("</script>")


def test_atom_feed(site: Path) -> None:
    root = etree.parse(str(site / "events.atom")).getroot()
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert {e.findtext(f"{ATOM}id").rsplit(":", 1)[1] for e in entries} == {
        e.id for e in tricky()[0]
    }
    assert root.findtext(f"{ATOM}updated") == "2024-12-31T00:00:00+00:00"
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert "</script><script>alert(1)</script> \u2028 & <b>" in titles


def test_csv(site: Path) -> None:
    with (site / "events.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["id"] for r in rows} == {e.id for e in tricky()[0]}
    day = next(r for r in rows if r["id"] == "ev-day")
    assert (
        day["date"] == "2024-03-03"
        and day["actors"] == "Bundeswehr; Olaf Scholz"
        and day["date_label"] == "3 March 2024"
    )


def test_icalendar_matches_the_icalendar_library(site: Path) -> None:
    """The hand-written calendar says what icalendar itself would: every property of every event,
    decoded."""
    from icalendar import Event as CalendarEvent

    from timeline.render.dates import day_span
    from timeline.render.exports import _day, _sources_text

    events, articles = tricky()
    by_path = {a.path: a for a in articles}
    ours = {
        str(c["uid"]): c
        for c in Calendar.from_ical((site / "events.ics").read_bytes()).walk("VEVENT")
    }
    for event in events:
        span = day_span(event.date, event.date_end)
        if span is None:
            continue
        ref = CalendarEvent()
        ref.add("summary", event.title)
        ref.add("dtstart", _day(span[0]))
        ref.add("dtend", _day(span[1] + 1))
        ref.add(
            "description", "\n\n".join(p for p in (event.text, _sources_text(event, by_path)) if p)
        )
        if event.places:
            ref.add("location", ", ".join(event.places))
        ref = CalendarEvent.from_ical(ref.to_ical())
        mine = ours[f"{event.id}@timeline"]
        for key in ("summary", "dtstart", "dtend", "description", "location"):
            assert mine.decoded(key, None) == ref.decoded(key, None), (event.id, key)
        assert (
            [str(c) for c in mine.get("categories").cats] == list(event.tags)
            if event.tags
            else "categories" not in mine
        )


def test_icalendar_lines_fold_at_75_octets_and_survive_hostile_text(tmp_path: Path) -> None:
    from timeline.models import Event, Source
    from timeline.render.exports import fold_line, icalendar_bytes

    long = "Ä€😀\\;, " * 40 + "x\x0c\x07y\r\nz"
    event = Event(
        id="ev-1",
        date="2024-03-03",
        precision="day",
        title=long,
        text=long,
        sources=(Source("a.md", long, 0, 1),),
        tags=("a,b", "c;d"),
        places=("Köln",),
    )
    raw = icalendar_bytes([event], {}, "two\nlines, a; b")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # never cut inside a character
    cal = Calendar.from_ical(raw)
    assert b"\r\nX-WR-CALNAME:two\\nlines\\, a\\; b\r\n" in raw
    item = cal.walk("VEVENT")[0]
    assert str(item["summary"]) == long.replace("\x0c", " ").replace("\x07", " ").replace(
        "\r\n", "\n"
    )
    assert [str(c) for c in item["categories"].cats] == ["a,b", "c;d"]
    assert fold_line("short") == "short"


def test_absurd_dates_reach_every_export(tmp_path: Path) -> None:
    """Year 0, the last day of 9999, a span of eight centuries, the 19th century, a year BC: the
    site is written (31 December 9999 has no next day: it used to stop the TimelineJS3 and
    iCalendar exports with an OverflowError) and each export still parses."""
    from dataclasses import replace

    from synthetic import story

    from timeline.render import render_site

    events, articles = story(20)
    odd = {
        "ev-y0": ("0000", None, "year"),
        "ev-y9999": ("9999-12-31", None, "day"),
        "ev-year9999": ("9999", None, "year"),
        "ev-centuries": ("1200", "2010-05-01", "year"),
        "ev-c18": ("18", None, "century"),
        "ev-bc": ("-0044", None, "year"),
    }
    events += [
        replace(events[0], id=k, date=d, date_end=e, precision=p, title=k)
        for k, (d, e, p) in odd.items()
    ]
    site = tmp_path / "site"
    render_site(events, articles, site, title="Odd")
    slides = {
        s["unique_id"]: s
        for s in json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))["events"]
    }
    assert slides["ev-y9999"]["start_date"] == {"year": 9999, "month": 12, "day": 31}
    assert slides["ev-year9999"]["start_date"] == {"year": 9999}
    assert slides["ev-centuries"]["end_date"] == {"year": 2010, "month": 5, "day": 1}
    weekend = next(s for s in slides.values() if s["text"]["headline"].startswith("Weekend of"))
    assert (weekend["start_date"], weekend["end_date"]) == (  # 2010-W16-WE, ISO parts
        {"year": 2010, "month": 4, "day": 24},
        {"year": 2010, "month": 4, "day": 25},
    )
    calendar = {
        str(c["uid"]): c
        for c in Calendar.from_ical((site / "events.ics").read_bytes()).walk("VEVENT")
    }
    last = calendar["ev-y9999@timeline"]
    assert last.decoded("dtstart") == dt.date(9999, 12, 31) and "dtend" not in last
    assert last.decoded("duration") == dt.timedelta(days=1)
    assert calendar["ev-year9999@timeline"].decoded("duration") == dt.timedelta(days=365)
    listed = {e["id"] for e in json.loads((site / "events.json").read_text("utf-8"))["events"]}
    assert set(odd) <= listed  # every one listed on the site, placed on the axis or not
