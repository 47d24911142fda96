"""TIMEX values → human labels, computed at build time so no reader's time zone can shift a date."""

from __future__ import annotations

import datetime as dt
import re

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]


def date_label(value: str | None) -> str:
    if not value:
        return "Undated"
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?", value)
    if m:
        y, mo, d, hh, mm = m.groups()
        label = f"{int(d)} {MONTH_NAMES[int(mo) - 1]} {y}"
        return f"{label}, {hh}:{mm}" if hh else label
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        return f"{MONTH_NAMES[int(m.group(2)) - 1]} {m.group(1)}"
    m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if m:
        monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return f"Week {int(m.group(2))} of {m.group(1)} (from {monday.day} {MONTH_NAMES[monday.month - 1]})"
    m = re.fullmatch(r"(\d{4})-Q(\d)", value)
    if m:
        return f"Q{m.group(2)} {m.group(1)}"
    m = re.fullmatch(r"(\d{3})X?", value)
    if m:
        return f"the {m.group(1)}0s"
    return value


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
        thursday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 4)
        return (str(thursday.year), MONTH_NAMES[thursday.month - 1])
    return (year, "")
