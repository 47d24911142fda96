"""TIMEX3 value strings: precision, canonical durations, date arithmetic helpers. Pure functions.

Values keep their granularity (``2024-W08`` is a week, ``2024`` a year); we never widen them to
``datetime`` objects, which would invent a day.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

# Canonical unit name (what the language vocabularies map to) -> TIMEX3 duration letter.
# Time units carry a leading "T" (PT3H), fixed up by canonical_duration().
DURATION_LETTER = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "weekend": "WE",
    "week": "W", "fortnight": "W", "month": "M", "quarter": "Q", "season": "M", "year": "Y",
    "decade": "DE", "century": "CE", "millennium": "ML",
}  # fmt: skip

_PRECISION = [
    ("set", re.compile(r"^(?:P|XXXX).*(?:-WXX-\d|SET)$")),
    ("duration", re.compile(r"^PT?[\dX.]+[A-Z]+$")),
    ("vague", re.compile(r"^(?:PAST|PRESENT|FUTURE)_REF$")),
    ("time", re.compile(r"^\d{4}-\d\d-\d\dT")),
    ("day", re.compile(r"^(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)$")),
    ("week", re.compile(r"^\d{4}-W(?:\d\d|E)|^\d{4}-W\d\d-WE$")),
    ("month", re.compile(r"^(?:\d{4}|XXXX)-\d\d$")),
    ("quarter", re.compile(r"^\d{4}-(?:Q\d|H\d)$")),
    ("season", re.compile(r"^\d{4}-(?:SP|SU|FA|WI)$")),
    ("year", re.compile(r"^\d{4}$")),
    ("decade", re.compile(r"^\d{3}$")),
    ("century", re.compile(r"^\d{2}$")),
]


def precision_of(value: str) -> str | None:
    """day|week|month|quarter|season|year|decade|century|time|duration|set|vague, or None."""
    if not value or value.startswith("UNDEF"):
        return None
    for name, rx in _PRECISION:
        if rx.search(value):
            return name
    return None


_T_UNIT = re.compile(r"^P([\dX.]+)T([HMS])$")
_MULTIPLE = re.compile(r"^P(\d+)(DE|CE|WE)$")
_AS = {"DE": (10, "Y"), "CE": (100, "Y"), "WE": (2, "D")}  # TimeML annotators write P40Y, not P4DE


def canonical_duration(value: str) -> str:
    """``P3TH`` -> ``PT3H`` (the template writes the unit letter after the number); ``P4DE`` ->
    ``P40Y``."""
    m = _MULTIPLE.match(value)
    if m:
        factor, letter = _AS[m[2]]
        return f"P{int(m[1]) * factor}{letter}"
    return _T_UNIT.sub(r"PT\1\2", value)


# Years from 5000 stand for years before Christ in narrative time (resolve._BC_FROM). No document is
# written after 3999; counting from one ("next year", "in 500 years") could reach them and write
# its dates as BC ones.
LAST_DCT_YEAR = 3999


@lru_cache(maxsize=4096)
def parse_dct(dct: str | None) -> dt.date | None:
    """The calendar day of a DCT value (``2024-03-03T22:33`` -> 2024-03-03); None if unusable."""
    if not dct:
        return None
    m = re.match(r"^(\d{4})-?(\d\d)-?(\d\d)", dct)
    if not m or int(m[1]) > LAST_DCT_YEAR:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def is_valid_date(value: str) -> bool:
    """True if a day-precision value names a real calendar day (so 29 February 2023 is rejected)."""
    m = re.match(r"^(\d{4})-(\d\d)-(\d\d)", value)
    if not m:
        return True
    try:
        dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return False
    return True
