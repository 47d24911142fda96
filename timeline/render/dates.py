"""TIMEX values → human labels and calendar spans, computed at build time so no reader's time zone
can shift a date.

Spans are counted in *epoch days* (days since 1970-01-01 in the proleptic Gregorian calendar), plain
integers that the page's script turns back into calendar dates with integer arithmetic: no ``Date``
parsing, no zone.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from babel.dates import (
    format_date,
    format_skeleton,
    format_time,
    get_month_names,
    get_quarter_names,
)
from babel.numbers import format_decimal

from .locale import LOCALE, strings, t

MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SEASONS = {
    "SP": ("spring", 3, 5),
    "SU": ("summer", 6, 8),
    "FA": ("autumn", 9, 11),
    "AU": ("autumn", 9, 11),
    "WI": ("winter", 12, 14),
}
_PART_OF_DAY = {"MO": "morning", "MI": "morning", "AF": "afternoon", "EV": "evening", "NI": "night"}
EPOCH = dt.date(1970, 1, 1).toordinal()
Span = tuple[int, int]  # first and last epoch day, both inclusive

_DAY = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:T(?:(?P<hh>\d{2}):(?P<mm>\d{2})(?::\d{2})?|(?P<part>MO|MI|AF|EV|NI)))?"
)
_WEEK = re.compile(r"(\d{4})-W(\d{2})(?:-(\d|WE))?")  # WE: the weekend of that week
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|AU|WI)")


def date_label(value: str | None) -> str:
    """The date as a reader says it, in the render's locale: "26 May 2010", "week of 19 April 2010",
    "spring 2011", "2 December 2010, night"; the TIMEX value itself only when it has no calendar
    reading."""
    return _date_label(value, LOCALE.get())


# a big timeline repeats its dates: labels and spans are computed once each
@lru_cache(maxsize=1 << 16)
def _date_label(value: str | None, locale: str) -> str:
    if not value:
        return t("undated")
    try:
        return _label(value, strings(locale)["babel"]) or value
    except ValueError:  # a month 13, a day 31 of a 30-day month: shown as written
        return value


def _label(value: str, babel: str) -> str | None:
    if m := _DAY.fullmatch(value):
        label = format_date(dt.date(int(m["y"]), int(m["m"]), int(m["d"])), "long", locale=babel)
        if m["hh"]:
            return (
                f"{label}, "
                f"{format_time(dt.time(int(m['hh']), int(m['mm'])), 'short', locale=babel)}"
            )
        return t(_PART_OF_DAY[m["part"]], label) if m["part"] else label
    if (m := _MONTH.fullmatch(value)) and 1 <= int(m.group(2)) <= 12:
        return format_skeleton("yMMMM", dt.date(int(m.group(1)), int(m.group(2)), 1), locale=babel)
    if m := _WEEK.fullmatch(value):
        monday = _iso_day(int(m.group(1)), int(m.group(2)), 1)
        if monday is None:
            return None
        if m.group(3) == "WE":
            return t("weekend_of", format_date(monday + dt.timedelta(days=5), "long", locale=babel))
        if m.group(3):
            return format_date(
                monday + dt.timedelta(days=int(m.group(3)) - 1), "long", locale=babel
            )
        return t("week_of", format_date(monday, "long", locale=babel))
    if m := _QUARTER.fullmatch(value):
        return f"{get_quarter_names('wide', locale=babel)[int(m.group(2))]} {m.group(1)}"
    if m := _HALF.fullmatch(value):
        return t(f"half_{m.group(2)}", m.group(1))
    if m := _SEASON.fullmatch(value):
        return t(SEASONS[m.group(2)][0], m.group(1))
    if re.fullmatch(r"\d{4}", value):
        return str(int(value)) if value != "0000" else value
    if m := re.fullmatch(r"(\d{3})X?", value):
        return t("decade", f"{m.group(1)}0")
    if m := re.fullmatch(r"(\d{2})X{0,2}", value):
        n = int(m.group(1)) + 1
        return t("century", f"{n}{_ordinal_suffix(n)}" if babel.startswith("en") else n)
    return None


def range_label(start: str | None, end: str | None) -> str:
    """'3 March 2024 – 5 March 2024' for a range, the plain label otherwise."""
    if end and end != start:
        return f"{date_label(start)} – {date_label(end)}"
    return date_label(start)


@lru_cache(maxsize=1 << 16)
def day_span(value: str | None, end: str | None = None) -> Span | None:
    """The calendar days a TIMEX value covers (a month spans its month, a week its ISO week);
    with ``end`` the range runs to the last day of ``end``. None when the value is not a calendar
    date (undated, vague)."""
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
        if m.group(3) == "WE":
            return (_days(monday) + 5, _days(monday) + 6)
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
    return (_days(start), _first_of(end_year + end_month // 12, end_month % 12 + 1) - 1)


def _years(year: int, count: int) -> Span:
    return (_days(dt.date(year, 1, 1)), _first_of(year + count, 1) - 1)


def _first_of(year: int, month: int) -> int:
    """The first day of a month as an epoch day, also for January 10000 (the day after the last
    date Python has: "9999" and "99" end on 31 December 9999, not a year early)."""
    return _days(dt.date(year, month, 1)) if year <= 9999 else _days(dt.date.max) + 1


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


def month_heading(year: str, month: int) -> str:
    """'March 2024' in the render's locale: a heading of the list."""
    return format_skeleton(
        "yMMMM", dt.date(max(1, int(year)), month, 1), locale=strings(LOCALE.get())["babel"]
    )


def month_names() -> list[str]:
    """Abbreviated month names of the render's locale, for the axis's ticks (meta.js)."""
    names = get_month_names(
        "abbreviated", context="stand-alone", locale=strings(LOCALE.get())["babel"]
    )
    return [names[m] for m in range(1, 13)]


def digit_grouping() -> list[object]:
    """[separator, minimum grouping digits] of whole numbers in the render's locale (CLDR through
    Babel: "10,000", "10.000", but Spanish "1000"), so the page's script writes its counts without
    starting the browser's Intl, which costs a phone 0.1-0.2 s on first use."""
    babel = strings(LOCALE.get())["babel"]
    ten = format_decimal(10000, locale=babel)
    group = ten[2:-3]
    return [group, 1 if format_decimal(1000, locale=babel) != "1000" else 2]


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
