"""TIMEX values → human labels and calendar spans, computed at build time so no reader's time zone can shift a date.

Spans are counted in *epoch days* (days since 1970-01-01 in the proleptic Gregorian calendar), plain integers
that the page's script turns back into calendar dates with integer arithmetic: no ``Date`` parsing, no zone.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]
SEASONS = {"SP": ("Spring", 3, 5), "SU": ("Summer", 6, 8), "FA": ("Autumn", 9, 11), "AU": ("Autumn", 9, 11),
           "WI": ("Winter", 12, 14)}
EPOCH = dt.date(1970, 1, 1).toordinal()
Span = tuple[int, int]  # first and last epoch day, both inclusive

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2})?)?")
_WEEK = re.compile(r"(\d{4})-W(\d{2})(?:-(\d))?")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|AU|WI)")


@lru_cache(maxsize=1 << 16)  # a big timeline repeats its dates: labels and spans are computed once each
def date_label(value: str | None) -> str:
    if not value:
        return "Undated"
    if m := _DAY.fullmatch(value):
        y, mo, d, hh, mm = m.groups()
        label = f"{int(d)} {MONTH_NAMES[int(mo) - 1]} {y}" if 1 <= int(mo) <= 12 else value
        return f"{label}, {hh}:{mm}" if hh else label
    if (m := _MONTH.fullmatch(value)) and 1 <= int(m.group(2)) <= 12:
        return f"{MONTH_NAMES[int(m.group(2)) - 1]} {m.group(1)}"
    if m := _WEEK.fullmatch(value):
        monday = _iso_day(int(m.group(1)), int(m.group(2)), 1)
        if monday is None:
            return value
        if m.group(3):
            day = monday + dt.timedelta(days=int(m.group(3)) - 1)
            return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"
        return f"Week {int(m.group(2))} of {m.group(1)} (from {monday.day} {MONTH_NAMES[monday.month - 1]})"
    if m := _QUARTER.fullmatch(value):
        return f"Q{m.group(2)} {m.group(1)}"
    if m := _HALF.fullmatch(value):
        return f"{'First' if m.group(2) == '1' else 'Second'} half of {m.group(1)}"
    if m := _SEASON.fullmatch(value):
        return f"{SEASONS[m.group(2)][0]} {m.group(1)}"
    if re.fullmatch(r"\d{4}", value):
        return value
    if m := re.fullmatch(r"(\d{3})X?", value):
        return f"the {m.group(1)}0s"
    if m := re.fullmatch(r"(\d{2})X{0,2}", value):
        return f"the {int(m.group(1)) + 1}{_ordinal_suffix(int(m.group(1)) + 1)} century"
    return value


def range_label(start: str | None, end: str | None) -> str:
    """'3 March 2024 – 5 March 2024' for a range, the plain label otherwise."""
    if end and end != start:
        return f"{date_label(start)} – {date_label(end)}"
    return date_label(start)


@lru_cache(maxsize=1 << 16)
def day_span(value: str | None, end: str | None = None) -> Span | None:
    """The calendar days a TIMEX value covers (a month spans its month, a week its ISO week); with ``end``
    the range runs to the last day of ``end``. None when the value is not a calendar date (undated, vague)."""
    first = _span(value) if value else None
    if first is None:
        return None
    last = _span(end) if end else None
    if last is None or last[1] < first[0]:
        return first
    return (first[0], last[1])


def _span(value: str) -> Span | None:
    try:
        return _span_or_raise(value)
    except ValueError:
        return None


def _span_or_raise(value: str) -> Span | None:
    if m := _DAY.match(value):
        day = _days(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        return (day, day)
    if m := _WEEK.fullmatch(value):
        monday = _iso_day(int(m.group(1)), int(m.group(2)), 1)
        if monday is None:
            return None
        if m.group(3):
            day = _days(monday) + int(m.group(3)) - 1
            return (day, day)
        return (_days(monday), _days(monday) + 6)
    if m := _MONTH.fullmatch(value):
        return _months(int(m.group(1)), int(m.group(2)), int(m.group(2)))
    if m := _QUARTER.fullmatch(value):
        q = int(m.group(2))
        return _months(int(m.group(1)), 3 * q - 2, 3 * q)
    if m := _HALF.fullmatch(value):
        h = int(m.group(2))
        return _months(int(m.group(1)), 6 * h - 5, 6 * h)
    if m := _SEASON.fullmatch(value):
        _, first, last = SEASONS[m.group(2)]
        return _months(int(m.group(1)), first, last)
    if re.fullmatch(r"\d{4}", value):
        return _years(int(value), 1)
    if m := re.fullmatch(r"(\d{3})X?", value):
        return _years(int(m.group(1)) * 10, 10)
    if m := re.fullmatch(r"(\d{2})X{0,2}", value):
        return _years(max(1, int(m.group(1)) * 100), 100)
    return None


def _months(year: int, first: int, last: int) -> Span:
    """Months `first`..`last` of `year`; a last month above 12 runs into the next year (winter)."""
    start = dt.date(year, first, 1)
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    after = dt.date(end_year + end_month // 12, end_month % 12 + 1, 1)
    return (_days(start), _days(after) - 1)


def _years(year: int, count: int) -> Span:
    return (_days(dt.date(year, 1, 1)), _days(dt.date(min(year + count, 9999), 1, 1)) - 1)


def _days(day: dt.date) -> int:
    return day.toordinal() - EPOCH


def _iso_day(year: int, week: int, weekday: int) -> dt.date | None:
    try:
        return dt.date.fromisocalendar(year, week, weekday)
    except ValueError:
        return None


def iso_date(epoch_day: int) -> str:
    return dt.date.fromordinal(epoch_day + EPOCH).isoformat()


def _ordinal_suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def year_month(value: str | None) -> tuple[str, str]:
    """Grouping keys: ('2024', 'March') for 2024-03-03; ('2024', '') when only the year is known."""
    if not value:
        return ("Undated", "")
    year = value[:4]
    m = re.match(r"\d{4}-(\d{2})", value)
    if m and 1 <= int(m.group(1)) <= 12:
        return (year, MONTH_NAMES[int(m.group(1)) - 1])
    m = re.match(r"(\d{4})-W(\d{2})", value)
    if m:
        thursday = _iso_day(int(m.group(1)), int(m.group(2)), 4)
        if thursday:
            return (str(thursday.year), MONTH_NAMES[thursday.month - 1])
    return (year, "")
