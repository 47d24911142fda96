"""A publication date written as a dateline near the top of an article: "Mar 3, 2024 - 22:33",
"3 March 2024", "2024-03-03 10:15", "03.03.2024". A line qualifies only when it is (almost) nothing
but the date, so a sentence that mentions a date is never mistaken for a dateline."""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1,
    "january": 1,
    "januar": 1,
    "jänner": 1,
    "feb": 2,
    "february": 2,
    "februar": 2,
    "mar": 3,
    "march": 3,
    "mär": 3,
    "märz": 3,
    "maerz": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "mai": 5,
    "jun": 6,
    "june": 6,
    "juni": 6,
    "jul": 7,
    "july": 7,
    "juli": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "okt": 10,
    "oktober": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
    "dez": 12,
    "dezember": 12,
}
_MONTH = r"(?P<month>[A-Za-zäÄ]{3,9})\.?"
_TIME = (
    r"(?:\s*(?:[-–—,|·]|at|um)?\s*(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d)?"
    r"\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*(?:UTC|GMT|CET|CEST|EST|EDT|PST|PDT|[A-Z]{2,4}))?)?"
)
_WEEKDAY = r"(?:[A-Za-z]+,?\s+)?"
_PATTERNS = [
    re.compile(
        rf"^{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d){_TIME}$"
    ),
    re.compile(rf"^{_WEEKDAY}(?P<day>\d{{1,2}})\.?\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d){_TIME}$"),
    re.compile(rf"^(?P<year>(?:19|20)\d\d)-(?P<nmonth>\d\d)-(?P<day>\d\d)(?:[T ]){_TIME}$"),
    re.compile(rf"^(?P<year>(?:19|20)\d\d)-(?P<nmonth>\d\d)-(?P<day>\d\d){_TIME}$"),
    re.compile(
        rf"^{_WEEKDAY}(?P<day>\d{{1,2}})\.(?P<nmonth>\d{{1,2}})\.(?P<year>(?:19|20)\d\d){_TIME}$"
    ),
]
_MAX_LINES = 12  # a dateline sits in the article's head, not in its body


@dataclass(frozen=True, slots=True)
class Dateline:
    value: str  # TIMEX3 value: 2024-03-03 or 2024-03-03T22:33
    start: int
    end: int


def find_dateline(text: str) -> Dateline | None:
    offset = 0
    seen = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            seen += 1
            value = parse_dateline(stripped)
            if value:
                start = offset + line.index(stripped)
                return Dateline(value, start, start + len(stripped))
            if seen >= _MAX_LINES:
                return None
        offset += len(line) + 1
    return None


def parse_dateline(line: str) -> str | None:
    if len(line) > 60:
        return None
    for pattern in _PATTERNS:
        m = pattern.match(line)
        if m:
            return _value(m)
    return None


def _value(m: re.Match[str]) -> str | None:
    parts = m.groupdict()
    month = (
        int(parts["nmonth"])
        if parts.get("nmonth")
        else MONTHS.get((parts.get("month") or "").lower())
    )
    year, day = int(parts["year"]), int(parts["day"])
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    value = f"{year:04d}-{month:02d}-{day:02d}"
    if parts.get("hour"):
        hour = int(parts["hour"])
        ampm = m.group(0).lower()
        if "pm" in ampm.replace(".", "") and hour < 12:
            hour += 12
        value += f"T{hour:02d}:{parts['minute']}"
    return value
