"""The YAML text of one machine-written event entry, written directly instead of through PyYAML.

PyYAML's representer (Python code walking every node) took 30 s of a 10,000-article build to dump
115,000 events, although libyaml does the emitting. This writer produces the same bytes as
``yaml.dump([entry], CSafeDumper, allow_unicode=True, width=100, sort_keys=False)`` for the common
case, and says so by returning None for anything else (hand-added keys, line breaks, characters
libyaml would escape, over-long list items …): the caller then dumps that entry with PyYAML.
tests/test_yaml_emit.py compares both writers on real and generated events.

How libyaml (emitter.c) writes a string value in block context, which is what this mirrors:
    plain         when no indicator, ": ", " #", leading/trailing space or special character stops
                  it and the plain text would not read back as another type (a date, a number, null
                  …)
    single quotes otherwise, with ' doubled
    folding       at a single space (not a run of spaces; for quoted text not the first or last
                  character) once the column passes 100, continuing on a line indented two more
                  than the key
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .schema import EVENT_KEYS, SOURCE_KEYS

BEST_WIDTH = 100
LIST_KEYS = frozenset({"actors", "places", "tags"})

# Characters libyaml writes as they are with allow_unicode (its IS_PRINTABLE), minus the line breaks
# U+2028/U+2029 (NEL U+0085 is not printable there): anything else means double quotes → PyYAML.
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]+")
_FIRST_INDICATORS = frozenset("#,[]{}&*!|>'\"%@`")
_ISOLATED_SPACE = re.compile(r"(?<! ) (?! )")
_RESOLVER = yaml.SafeDumper(None)  # type: ignore[arg-type]  # only its resolve() is used
_RESOLVED_FIRST = frozenset(k for k in yaml.SafeDumper.yaml_implicit_resolvers if k is not None)
_STR = "tag:yaml.org,2002:str"


def entry_text(entry: dict[str, Any]) -> str | None:
    """``- id: …`` and the rest of the entry, newline-terminated; None when PyYAML must write it."""
    if tuple(entry) != EVENT_KEYS:
        return None
    out: list[str] = []
    for n, key in enumerate(EVENT_KEYS):
        value = entry[key]
        lead = "- " if n == 0 else "  "
        if key in LIST_KEYS:
            if not _list(out, lead, key, value):
                return None
        elif key == "sources":
            if not _sources(out, lead, value):
                return None
        else:
            text = _scalar(value, len(lead) + len(key) + 2, indent=4)
            if text is None:
                return None
            out.append(f"{lead}{key}: {text}\n")
    return "".join(out)


def _list(out: list[str], lead: str, key: str, items: Any) -> bool:
    if not _list_head(out, lead, key, items):
        return type(items) is list
    for item in items:
        text = _scalar(item, 4, indent=4)
        if text is None or 4 + len(text) > BEST_WIDTH:  # a folded list item: leave it to PyYAML
            return False
        out.append(f"  - {text}\n")
    return True


def _sources(out: list[str], lead: str, sources: Any) -> bool:
    if not _list_head(out, lead, "sources", sources):
        return type(sources) is list
    for source in sources:
        if type(source) is not dict or tuple(source) != SOURCE_KEYS:
            return False
        for n, key in enumerate(SOURCE_KEYS):
            text = _scalar(source[key], 4 + len(key) + 2, indent=6)
            if text is None:
                return False
            out.append(f"{'  - ' if n == 0 else '    '}{key}: {text}\n")
    return True


def _list_head(out: list[str], lead: str, key: str, items: Any) -> bool:
    """``key: []`` or ``key:``; True when items follow (False also for a value that is not a
    list)."""
    if type(items) is not list:
        return False
    out.append(f"{lead}{key}: []\n" if not items else f"{lead}{key}:\n")
    return bool(items)


def _scalar(value: Any, column: int, indent: int) -> str | None:
    """``value`` as libyaml writes it starting at ``column``; None when it would not be plain or
    single-quoted."""
    kind = type(value)
    if value is None:
        return "null"
    if kind is str:
        return _string(value, column, indent)
    if kind is int:
        return str(value)
    if kind is float:
        text = repr(value).lower()
        return text if "e" not in text and "n" not in text else None  # exponents, nan, inf: PyYAML
    return None


_MEMO: dict[tuple[str, int, int], str | None] = {}
# short values repeat (dates, precisions, article names, actors): write each once
MEMO_MAX_CHARS = 80
MEMO_MAX_ENTRIES = 200_000


def _string(value: str, column: int, indent: int) -> str | None:
    if len(value) > MEMO_MAX_CHARS:
        return _write_string(value, column, indent)
    key = (value, column, indent)
    try:
        return _MEMO[key]
    except KeyError:
        if len(_MEMO) >= MEMO_MAX_ENTRIES:
            _MEMO.clear()
        text = _MEMO[key] = _write_string(value, column, indent)
        return text


def _write_string(value: str, column: int, indent: int) -> str | None:
    if not value or not _PRINTABLE.fullmatch(value):
        return None
    if _plain_allowed(value) and _reads_back_as_string(value):
        return _fold(value, column, indent, quoted=False)
    return "'" + _fold(value.replace("'", "''"), column + 1, indent, quoted=True) + "'"


def _plain_allowed(value: str) -> bool:
    first = value[0]
    if first == " " or value[-1] == " " or first in _FIRST_INDICATORS:
        return False
    if first in "?:-" and (len(value) == 1 or value[1] == " "):
        return False
    if value.startswith(("---", "...")):
        return False
    return ": " not in value and " #" not in value and not value.endswith(":")


def _reads_back_as_string(value: str) -> bool:
    if value[0] not in _RESOLVED_FIRST:
        return True
    return bool(_RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR)


def _fold(text: str, column: int, indent: int, quoted: bool) -> str:
    """Break ``text`` (already quote-doubled when quoted) at the spaces where libyaml would."""
    if column + len(text) <= BEST_WIDTH:
        return text
    pieces: list[str] = []
    line_start = 0
    last = len(text) - 1
    while True:
        # a space is a break point once its column passes BEST_WIDTH: column + (q - line_start) >
        # BEST_WIDTH
        found = _ISOLATED_SPACE.search(text, max(line_start, line_start + BEST_WIDTH + 1 - column))
        while found is not None and quoted and found.start() in (0, last):
            found = _ISOLATED_SPACE.search(text, found.start() + 1)
        if found is None:
            break
        q = found.start()
        pieces.append(text[line_start:q])
        pieces.append("\n" + " " * indent)
        line_start, column = q + 1, indent
    pieces.append(text[line_start:])
    return "".join(pieces)
