"""Underspecified value + DCT (+ tense, + reference date) -> concrete TIMEX value.

Grammar of the underspecified values the rules emit (``+suffix`` is appended after resolution):
  UNDEF-this-<unit>[-plus-N|-minus-N]       relative to the DCT ("last week", "three days ago")
  UNDEF-REF-<unit>(-plus-|-minus-)[N]       relative to the last date mentioned ("a year earlier"),
                                            at that date's precision when finer (1989-Q3 -> 1988-Q3)
  UNDEF-REFCAL-<unit>(-plus-|-minus-)[N]    the same, at the unit's precision ("the following year")
  UNDEF-ago-<unit>-minus-N                  relative to the DCT; "a year ago" while a quarter is
                                            being reported names that quarter a year back
                                            (1988-Q3), as in "third-quarter profit fell from
                                            $5 million a year ago"
  UNDEF-year-MM[-DD]                        month (and day) of an unknown year, picked by tense
  UNDEF-nth-MM-W-N[-YYYY]                   the N-th weekday W (1 = Monday) of month MM, N = 5 the
                                            last ("Thanksgiving" is 11-4-4); the year picked by
                                            tense if absent
  UNDEF-weekday-D / UNDEF-last-weekday-D / UNDEF-next-weekday-D
  UNDEF-last-month-M / UNDEF-next-month-M / UNDEF-quarter-Q[-minus-1] / UNDEF-season-SS[-minus-1]
  UNDEF-last-date-MM-DD / UNDEF-next-date-MM-DD
                                            the last (next) such day strictly before (after) the
                                            DCT
Without a DCT the value is returned unchanged with resolved=False: we never resolve against today.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from timeline.temporal.timex import add_months, iso_week, parse_dct

Point = tuple[dt.date, str]  # a date and the precision it stands for

_UNIT_PRECISION = {
    "day": "day",
    "night": "day",
    "week": "week",
    "weekend": "weekend",
    "fortnight": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "decade": "decade",
    "century": "century",
}
_FINE = ["day", "week", "weekend", "month", "quarter", "year", "decade", "century"]
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# where a season stands in its year as the start of a range ("the winter-spring of 1920" is
# 1920-WI): a year's winter is reached in its first months, as WikiWars annotates it
SEASON_IN_RANGE = {"WI": 1, "SP": 3, "SU": 6, "FA": 9}
SEASON = re.compile(r"^\d{4}-(?:SP|SU|FA|WI)$")  # a season of a year named
_RELATIVE = re.compile(
    r"^UNDEF-(?P<anchor>this|REFCAL|REF|ago)-(?P<unit>[a-z]+)(?:-(?P<dir>plus|minus)-(?P<n>[\dX.]*))?$"
)


def resolve(
    value: str,
    dct: str | None,
    tense: str | None,
    ref: Point | None = None,
    narrative: Point | None = None,
) -> tuple[str, bool]:
    """``narrative``: the reference time of a narrative passage (the last date mentioned, when
    the text's own dates are far from the DCT); a date without a year is then placed near it, not
    near the DCT."""
    if not value.startswith("UNDEF-"):
        return value, True
    day = parse_dct(dct)
    if day is None:
        return value, False
    core, _, suffix = value.partition("+")
    try:
        out = None if narrative is None else _narrative_core(core, narrative, tense, day)
        if out is None:
            out = _resolve_core(core, day, tense, ref)
    except (ValueError, OverflowError):
        # counted past the years a calendar date can hold (a DCT or a reference in year 1 or
        # 9999): the expression stays as written, unresolved
        out = None
    if out is None:
        return value, False
    if out.endswith("_REF"):
        return out, True
    if any(p is not None and p[0].year >= _BC_FROM for p in (ref, narrative)):
        out = before_christ(out)  # counted from a year before Christ
    return out + suffix, True


# Years before Christ: dt.date has none, so a reference in 480 BC stands for the year _BC_BASE - 480
# while it is counted from (the following year is 479 BC, as TIMEX2 counts them: no year 0), and
# the value is written back as BC0480. Weekdays and leap years of those stand-in years mean nothing,
# but histories of antiquity have no weekdays. 8999 puts the stand-in decades and centuries on the
# BC ones: 489-480 BC (the 480s BC, BC048) stand for 8510-8519 (the decade 851).
_BC_BASE = 8999
_BC_FROM = 5000  # stand-in years are above this (any year before 4000 BC stays unresolved)
_BC_VALUE = re.compile(r"^BC(\d{4})(?=$|-)")
_STAND_IN = re.compile(r"^(\d{2,4})(?=$|-|T)")


def before_christ(value: str) -> str:
    """A value counted from a stand-in year written back in TIMEX's BC form: 8519-04 is
    BC0480-04, the decade 851 BC048 (the 480s BC), the century 85 BC04 (the 400s BC)."""
    m = _STAND_IN.match(value)
    if m is None:
        return value
    digits = m[1]
    scale = 10 ** (4 - len(digits))  # a year, a decade or a century
    first = int(digits) * scale
    if first < _BC_FROM:
        return value
    if scale == 1:
        return f"BC{_BC_BASE - first:04d}{value[4:]}"
    latest = _BC_BASE - first - (scale - 1)  # the last BC year it covers: 480 for the 480s BC
    return f"BC{latest // scale:0{len(digits)}d}{value[len(digits) :]}"


def _resolve_core(core: str, day: dt.date, tense: str | None, ref: Point | None) -> str | None:
    m = _RELATIVE.match(core)
    if m:
        return _relative(m, day, ref)
    parts = core.split("-")[1:]
    kind = parts[0]
    if kind == "year":
        return _month_day(int(parts[1]), int(parts[2]) if len(parts) > 2 else None, day, tense)
    if kind in ("last", "next") and parts[-2] == "weekday":
        return _weekday_named(int(parts[-1]), day, kind)
    if kind == "weekday":
        return _weekday(int(parts[-1]), day, tense)
    if kind in ("last", "next") and parts[1] == "month":
        return _month_named(int(parts[2]), day, kind)
    if kind in ("last", "next") and parts[1] == "date":
        return _date_named(int(parts[2]), int(parts[3]), day, kind)
    if kind == "weekend":
        return _weekend(day, tense)
    if kind == "nth" and len(parts) >= 4:
        month, weekday, n = (int(p) for p in parts[1:4])
        return _nth_weekday(
            month, weekday, n, int(parts[4]) if len(parts) > 4 else None, day, tense
        )
    if kind == "quarter":
        return _quarter(int(parts[1]), day, tense, -1 if "minus" in parts else 0)
    if kind == "season":
        return _season(parts[1], day, tense, _offset(parts))
    return None


def _offset(parts: list[str]) -> int:
    for i, p in enumerate(parts[:-1]):
        if p in ("plus", "minus"):
            return int(parts[i + 1]) * (1 if p == "plus" else -1)
    return 0


def _relative(m: re.Match[str], day: dt.date, ref: Point | None) -> str | None:
    unit = _UNIT_PRECISION.get(m["unit"])
    n_text = m["n"] or ("1" if m["dir"] else "0")
    if m["dir"] and "X" in n_text:
        return "PAST_REF" if m["dir"] == "minus" else "FUTURE_REF"
    n = int(float(n_text)) * (-1 if m["dir"] == "minus" else 1)
    if unit is None:  # hours, minutes: keep the day
        return day.isoformat()
    if m["anchor"] == "ago" and ref is not None and ref[1] == "quarter" and unit == "year":
        return format_point(shift(ref[0], unit, n), "quarter")
    use_ref = (
        m["anchor"] in ("REF", "REFCAL")
        and ref is not None
        and _FINE.index(ref[1]) <= _FINE.index(unit)
    )
    base, precision = ref if use_ref and ref else (day, "day")
    if (
        use_ref
        and m["anchor"] == "REF"
        and precision == "quarter"
        and _FINE.index(precision) < _FINE.index(unit)
    ):
        # "a year earlier" than 1989-Q3 is 1988-Q3; "a month later" than a day is a month
        keep = precision
    else:
        keep = unit
    return format_point(shift(base, unit, n), keep)


def shift(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return day + dt.timedelta(days=n)
    if unit in ("week", "weekend"):
        return day + dt.timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit] * n
    year, month = add_months(day.year, day.month, months)
    return dt.date(year, month, 1) if unit != "year" else _same_day(day, year, month)


def _same_day(day: dt.date, year: int, month: int) -> dt.date:
    try:
        return day.replace(year=year, month=month)
    except ValueError:  # 29 February -> 28 February
        return dt.date(year, month, 28)


def format_point(day: dt.date, precision: str) -> str:
    if precision == "day":
        return day.isoformat()
    if precision == "week":
        return iso_week(day)
    if precision == "weekend":
        return iso_week(day) + "-WE"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if precision == "decade":
        return f"{day.year // 10:03d}"
    if precision == "century":
        return f"{day.year // 100:02d}"
    return f"{day.year:04d}"


def parse_point(value: str) -> Point | None:
    """A resolved DATE value as a reference point for anaphoric expressions ("a year earlier");
    a year before Christ (BC0480) as its stand-in year."""
    bc = _BC_VALUE.match(value)
    if bc is not None:
        if not 0 < int(bc[1]) < _BC_BASE - _BC_FROM:
            return None
        value = f"{_BC_BASE - int(bc[1]):04d}{value[6:]}"
    m = re.match(
        r"^(\d{4})(?:-(?:(\d\d)(?:-(\d\d))?|Q([1-4])|W(\d\d)|(SP|SU|FA|WI)|H([12])))?(?:T.*)?$",
        value,
    )
    if not m:
        return None
    year = int(m[1])
    if m[6]:  # a season stands for its year ("vier Jahre später" than summer 1914 is 1918)
        return dt.date(year, SEASON_MONTH[m[6]], 1), "year"
    if m[7]:
        return dt.date(year, 1 if m[7] == "1" else 7, 1), "year"
    try:
        if m[3]:
            return dt.date(year, int(m[2]), int(m[3])), "day"
        if m[2]:
            return dt.date(year, int(m[2]), 1), "month"
        if m[4]:
            return dt.date(year, 3 * int(m[4]) - 2, 1), "quarter"
        if m[5]:
            return dt.date.fromisocalendar(year, int(m[5]), 1), "week"
    except ValueError:
        return None
    return dt.date(year, 1, 1), "year"


# How much farther an occurrence against the sentence's tense may be and still win: tense markers
# are guessed from words, so a much nearer occurrence in the other direction is usually right.
_AGAINST_TENSE = 3


# A narrative moves forward: a month without a year after "22 June 1941" is more often the next one
# than the last one, so going back costs this much more (tense "narrative", from the last date
# mentioned).
_NARRATIVE_BACK = 1.5


def _cost(days: int, tense: str | None) -> float:
    if tense == "narrative":
        return abs(days) * (_NARRATIVE_BACK if days < 0 else 1)
    against = (tense == "past" and days > 0) or (tense == "future" and days < 0)
    return abs(days) * (_AGAINST_TENSE if against else 1)


def _pick_year(month: int, dayn: int | None, day: dt.date, tense: str | None) -> int:
    """Year for a month (and day) without one: the nearest occurrence, weighted by tense."""

    def days(y: int) -> int:
        if dayn:
            return (dt.date(y, month, min(dayn, 28)) - day).days
        first = dt.date(y, month, 1)  # a whole month: distance 0 while inside it
        last = dt.date(*add_months(y, month, 1), 1) - dt.timedelta(days=1)
        return (
            0 if first <= day <= last else (first - day).days if first > day else (last - day).days
        )

    return min((day.year - 1, day.year, day.year + 1), key=lambda y: _cost(days(y), tense))


def _narrative_core(core: str, ref: Point, tense: str | None, dct_day: dt.date) -> str | None:
    """In a narrative passage the last date mentioned stands in for the DCT, except for "ago",
    which counts from the moment of writing; None where the reference is too coarse (a weekday
    after "1914")."""
    parts = core.split("-")
    kind = parts[1]
    base, precision = ref
    if kind == "year":
        return _narrative_month_day(core, ref)
    if core == "UNDEF-this-day":  # "today", "heute" in a history mean the writer's present
        return None
    if kind in ("REF", "REFCAL"):
        m = _RELATIVE.match(core)
        vague = m is not None and "X" in (m["n"] or "")  # "a few weeks later": FUTURE_REF
        if m and not vague and m["unit"] in _UNIT_PRECISION and not _covers(precision, m["unit"]):
            # "am selben Tag" after "Februar 1943": inside the narrative's month, not the DCT's day
            return format_point(base, precision)
        return None
    if kind == "this":  # "the next day", "that year", "last month": from the narrative's time
        m = _RELATIVE.match("UNDEF-REFCAL-" + core[len("UNDEF-this-") :])
        return _relative(m, dct_day, ref) if m and _covers(precision, m["unit"]) else None
    if kind == "season" and len(parts) == 3:  # "im Frühjahr" after "22. Juni 1941"
        return _narrative_season(parts[2], ref)
    # "the third quarter", "last summer": in the narrative's year
    if kind in ("quarter", "season", "nth"):
        return _resolve_core(core, dt.date(base.year, 12, 31), "past", ref)
    if kind in ("weekday", "last", "next", "weekend") and precision == "day":
        return _resolve_core(core, base, tense, ref)
    return None


def _narrative_season(season: str, ref: Point) -> str:
    """A season without a year is the narrative's year's ("22. Juni 1941 ... im Frühjahr" is
    1941-SP, the winter after "January 1951" is 1951-WI, as WikiWars has them): going by the
    nearest occurrence, a spring told after June is the next year's as often as the last."""
    return f"{ref[0].year:04d}-{season}"


def _covers(precision: str, unit: str) -> bool:
    """A reference of this precision can anchor a unit ("the next day" needs a day)."""
    target = _UNIT_PRECISION.get(unit)
    return target is not None and _FINE.index(precision) <= _FINE.index(target)


def _narrative_month_day(core: str, ref: Point) -> str:
    parts = core.split("-")
    month, dayn = int(parts[2]), (int(parts[3]) if len(parts) > 3 else None)
    base, precision = ref
    if precision in ("year", "decade", "century"):  # "1914 ... am 1. August": inside that year
        year = base.year
        if month == 2 and dayn == 29 and not calendar.isleap(year):
            return "XXXX-02-29"
        return f"{year:04d}-{month:02d}" + (f"-{dayn:02d}" if dayn else "")
    # the nearest occurrence after the last date mentioned
    return _month_day(month, dayn, base, "narrative")


def _month_day(month: int, dayn: int | None, day: dt.date, tense: str | None) -> str:
    if month == 2 and dayn == 29:  # only leap years have one: the nearest, weighted by tense
        # (within the years a date can hold: 1 to 9999)
        years = [
            y
            for y in range(max(1, day.year - 4), min(9999, day.year + 4) + 1)
            if calendar.isleap(y)
        ]
        if not years:
            return "XXXX-02-29"
        year = min(years, key=lambda y: _cost((dt.date(y, 2, 29) - day).days, tense))
        return f"{year:04d}-02-29"
    year = _pick_year(month, dayn, day, tense)
    return f"{year:04d}-{month:02d}" + (f"-{dayn:02d}" if dayn else "")


def _nth_weekday(
    month: int, weekday: int, n: int, year: int | None, day: dt.date, tense: str | None
) -> str:
    def date_in(y: int) -> dt.date:
        days = [
            d
            for d in calendar.Calendar().itermonthdates(y, month)
            if d.month == month and d.isoweekday() == weekday
        ]
        return days[min(n, len(days)) - 1]

    if year is None:
        year = min(
            (day.year - 1, day.year, day.year + 1),
            key=lambda y: _cost((date_in(y) - day).days, tense),
        )
    return date_in(year).isoformat()


def _weekday(weekday: int, day: dt.date, tense: str | None) -> str:
    ahead = (weekday - day.isoweekday()) % 7
    behind = ahead - 7 if ahead else 0
    if tense is None:  # past is the default in news: "said Friday"
        tense = "past"
    delta = min((behind, ahead), key=lambda d: _cost(d, tense))
    return (day + dt.timedelta(days=delta)).isoformat()


def _weekday_named(weekday: int, day: dt.date, kind: str) -> str:
    """ "vendredi dernier", "el pasado jueves": the latest such day before the reference, a week
    back on the same weekday; "el próximo lunes": the first after it. The word says the side, so
    the clause's tense does not weigh against it."""
    ahead = (weekday - day.isoweekday()) % 7
    delta = (ahead or 7) if kind == "next" else (ahead - 7 if ahead else -7)
    return (day + dt.timedelta(days=delta)).isoformat()


def _weekend(day: dt.date, tense: str | None) -> str:
    """ "the weekend": the one just past in a past-tense clause, else the coming one."""
    saturday = day + dt.timedelta(days=(6 - day.isoweekday()) % 7 if day.isoweekday() < 7 else -1)
    if tense == "past" and saturday > day:
        saturday -= dt.timedelta(weeks=1)
    return iso_week(saturday) + "-WE"


def _date_named(month: int, dayn: int, day: dt.date, kind: str) -> str | None:
    """ "le 6 mai dernier": the latest 6 May before the DCT; "le 13 avril prochain": the first
    after it."""
    step = -1 if kind == "last" else 1
    for year in range(day.year, day.year + 9 * step, step):  # 29 February: up to 8 years away
        try:
            found = dt.date(year, month, dayn)
        except ValueError:
            continue
        if (found < day) if kind == "last" else (found > day):
            return found.isoformat()
    return None


def _month_named(month: int, day: dt.date, kind: str) -> str:
    if kind == "last":
        year = day.year if month < day.month else day.year - 1
    else:
        year = day.year if month > day.month else day.year + 1
    return f"{year:04d}-{month:02d}"


def _quarter(q: int, day: dt.date, tense: str | None, offset: int) -> str:
    year = day.year
    if 3 * q - 2 > day.month and tense != "future":  # results are reported after the quarter
        year -= 1
    return f"{year + offset:04d}-Q{q}"


def _season(season: str, day: dt.date, tense: str | None, offset: int) -> str:
    month = SEASON_MONTH.get(season, 6)
    if offset < 0:
        year = day.year if month + 2 < day.month else day.year - 1
    elif offset > 0:
        year = day.year if month > day.month else day.year + 1
    else:
        year = _pick_year(month, None, day, tense) if tense else day.year
    return f"{year:04d}-{season}"
