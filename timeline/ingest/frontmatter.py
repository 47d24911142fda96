"""YAML front matter between '---' lines, loaded safely: no Python objects, no alias bombs, known
keys only."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from ..errors import ContentError
from ..models import DOC_TYPES

_FENCE = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
MAX_FRONT_MATTER = 64_000
MAX_ALIASES = 20  # real front matter needs none; a handful cannot expand into anything large
MAX_DEPTH = 20  # nesting of lists and mappings
TEXT_KEYS = ("title", "source", "url", "lang", "language", "author", "summary")


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader (no Python objects) that also counts aliases and nesting while composing, so an
    alias bomb or a 100,000-deep list is refused before anything is built from it."""

    def __init__(self, stream: str, name: str) -> None:
        super().__init__(stream)
        self.name = name
        self.aliases = 0
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise ContentError(
                    f"front matter uses too many YAML aliases (more than {MAX_ALIASES})",
                    self.name,
                    self.peek_event().start_mark.line + 2,
                )
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise ContentError(
                    f"front matter nested too deeply (more than {MAX_DEPTH} levels)",
                    self.name,
                    self.peek_event().start_mark.line + 2,
                )
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


KNOWN_KEYS = {
    "title",
    "date",
    "source",
    "url",
    "lang",
    "language",
    "tags",
    "author",
    "summary",
    "type",
    "image",
    "image_alt",
    "image_credit",
    "caption",
}


def front_matter_type(value: Any, name: str) -> str | None:
    """``type: auto|news|narrative``: how the tagger resolves dates without a year (None when
    absent: the site's default applies)."""
    if value is None:
        return None
    kind = str(value).strip().lower()
    if kind not in DOC_TYPES:
        raise ContentError(
            f"front matter type must be one of {', '.join(DOC_TYPES)}, not {value!r}", name
        )
    return kind


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], int]:
    """Return (metadata, offset where the body starts); raises ContentError with the line of the
    damage."""
    if not text.startswith("---"):
        return {}, 0
    m = _FENCE.match(text)
    if not m:
        raise ContentError("front matter opened with '---' but never closed", name, 1)
    block = m.group("yaml") or ""
    if len(block) > MAX_FRONT_MATTER:
        raise ContentError(f"front matter too large ({len(block):,} characters)", name, 1)
    meta = _load(block, name)
    return meta, m.end()


# Front matter with no anchors, aliases or flow collections and shallow indentation can hold neither
# an alias bomb nor deep nesting: libyaml's loader reads it (a third of the time of reading a short
# article).
_NEEDS_GUARDS = re.compile(r"[&*\[{]|^ {9,}", re.M)
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _loader(block: str, name: str) -> Any:
    if _FAST_LOADER is not None and not _NEEDS_GUARDS.search(block):
        return _FAST_LOADER(block)
    return _FrontMatterLoader(block, name)


def _load(block: str, name: str) -> dict[str, Any]:
    loader = None
    try:
        loader = _loader(block, name)  # PyYAML's reader refuses unprintable characters already here
        loaded = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for the opening fence, +1 for 1-based
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ContentError(f"broken front matter: {problem}", name, line) from exc
    except RecursionError as exc:
        raise ContentError("front matter nested too deeply", name, 1) from exc
    # e.g. `date: 2024-02-31` fails inside PyYAML
    except (ValueError, OverflowError, TypeError) as exc:
        raise ContentError(
            f"broken front matter: {' '.join(str(exc).split())[:120]}", name, 1
        ) from exc
    finally:
        if loader is not None:
            loader.dispose()
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ContentError("front matter must be a mapping of keys to values", name, 2)
    meta = {str(k).lower(): v for k, v in loaded.items() if isinstance(k, str | int | float | bool)}
    for key in TEXT_KEYS:
        if isinstance(meta.get(key), dict | list | set):
            raise ContentError(
                f"front matter `{key}` must be text, not a {type(meta[key]).__name__}",
                name,
                _key_line(block, key),
            )
    tags = meta.get("tags")
    if isinstance(tags, dict) or (
        isinstance(tags, list) and any(isinstance(t, dict | list) for t in tags)
    ):
        raise ContentError(
            "front matter `tags` must be a list of words", name, _key_line(block, "tags")
        )
    return meta


def _key_line(block: str, key: str) -> int:
    for number, line in enumerate(block.split("\n"), 2):
        if line.lower().startswith(key + ":"):
            return number
    return 1


def front_matter_date(value: Any, name: str) -> str | None:
    """A front-matter `date` as a TIMEX3 value (keeps a time if one is given)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    m = re.fullmatch(
        r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T "
        r"](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?)?)?",
        text,
    )
    if m:
        year, month, day, hour, minute = m.groups()
        try:
            dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError as exc:
            raise ContentError(f"front matter date {text!r} is not a real date", name) from exc
        value_ = year + (f"-{month}" if month else "") + (f"-{day}" if day else "")
        return value_ + (f"T{hour}:{minute}" if hour else "")
    from .dateline import parse_dateline

    parsed = parse_dateline(text)
    if parsed:
        return parsed
    raise ContentError(f"front matter date {text!r} is not a date (use YYYY-MM-DD)", name)


def front_matter_tags(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items = [t.strip() for t in value.split(",")]
    elif isinstance(value, list):
        items = [str(t).strip() for t in value]
    else:
        items = [str(value)]
    return tuple(t for t in items if t)
