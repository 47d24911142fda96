"""Span and rule -> TIMEX value, possibly underspecified (``UNDEF-this-week-minus-1``). Pure: no DCT
here.

Group texts are mapped through the vocabulary named like the group ("Sept." -> 9 via ``month``),
then the rule's value template is filled. Template conversions (language independent):
  !o  offset     -1 -> "-minus-1", 2 -> "-plus-2", 0 -> ""
  !s  sign only  -1 -> "-minus-", 1 -> "-plus-"
  !u  unit       "month" -> "M", "hour" -> "TH" (see timex.DURATION_LETTER)
  !e  decade     1990 -> 199
  !p  n - 1      20th century -> 19
  !b  BC year    466 -> "BC0466"
  !t  time part  "EV" -> "TEV" (nothing when absent)
  !d  direction  -1 -> "last", 1 -> "next"
"""

from __future__ import annotations

import re
import string
from typing import Any

from timeline.temporal.resources import Language
from timeline.temporal.timex import DURATION_LETTER, canonical_duration

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_SPACE = re.compile(r"\s+")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")  # no number pattern admits a thousands comma


def group_values(m: re.Match[str], rule_index: int, lang: Language) -> dict[str, Any]:
    """Named groups of the matched rule -> normalized values, keyed by the group's local name."""
    values: dict[str, Any] = {}
    for full, kind in lang.groups[rule_index]:
        text = m.group(full)
        if text is not None:
            local = full.split("_", 1)[1].split("__")[0]
            values[local] = _convert(kind, text, lang)
    if "hour" in values:
        values.setdefault("minute", 0)
    if "ampm" in values and "hour" in values:  # 12-hour clock: 12 a.m. is 0, 1 p.m. is 13
        values["hour"] = values["hour"] % 12 + values["ampm"]
    return values


def _convert(kind: str, text: str, lang: Language) -> Any:
    key = _SPACE.sub(" ", text.lower())
    table = lang.vocab.get(kind, {})
    if key in table:
        return table[key]
    if kind == "yy":  # '98 -> 1998, '05 -> 2005
        yy = int(text[-2:])
        return (2000 if yy < 30 else 1900) + yy
    if kind == "number":  # "30,4 secondes": a decimal comma where the language writes one
        key = _DECIMAL_COMMA.sub(".", key)
    if kind == "number" and not _DIGITS.fullmatch(key):
        return sum(table.get(t, 0) for t in re.split(r"[-\s]+", key))  # "twenty-four" -> 24
    digits = _DIGITS.search(key)
    if digits:
        number = float(digits[0])
        return int(number) if number.is_integer() else number
    return text


class _Formatter(string.Formatter):
    def get_value(self, key: Any, args: Any, kwargs: Any) -> Any:
        return kwargs.get(key, "")  # absent optional groups format as nothing

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        if value == "" or conversion is None:
            return value
        if conversion == "o":
            return "" if value == 0 else f"-{'plus' if value > 0 else 'minus'}-{abs(value)}"
        if conversion == "s":
            return "-plus-" if value > 0 else "-minus-"
        if conversion == "u":
            return DURATION_LETTER.get(value, str(value))
        if conversion == "d":
            return "last" if value < 0 else "next"
        if conversion == "e":
            return str(int(value) // 10)
        if conversion == "p":
            return int(value) - 1
        if conversion == "t":
            return f"T{value}"
        if conversion == "b":
            return f"BC{int(value):04d}"
        return super().convert_field(value, conversion)

    def format_field(self, value: Any, format_spec: str) -> Any:
        if value == "":
            return ""
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def fill(template: str, values: dict[str, Any]) -> str:
    return canonical_duration(_FORMATTER.format(template, **values))
