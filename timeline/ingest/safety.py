"""Checks on values that come from content and end up in links, file lookups or HTML attributes."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..errors import ContentError

_LANG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
SAFE_URL_SCHEMES = frozenset({"http", "https"})


def safe_url(value: str | None) -> str | None:
    """An article's own URL: kept only when it is an absolute http(s) URL (no javascript:, data:,
    …)."""
    if not value:
        return None
    url = value.strip()
    if not url.isprintable() or any(ch.isspace() for ch in url) or len(url) > 2048:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in SAFE_URL_SCHEMES and parts.netloc else None


def checked_lang(value: str, name: str) -> str:
    """A language code as written in front matter, lower-cased primary subtag ('en', 'de', 'pt-br' →
    'pt').

    It selects the tagger's data folder, so anything but a language code ('../../etc') is
    refused."""
    code = value.strip()
    if not _LANG.fullmatch(code):
        raise ContentError(
            f"front matter lang {code[:40]!r} is not a language code (like en or de)", name
        )
    # the tagger falls back for languages it has no data for
    return re.split(r"[-_]", code)[0].lower()


MAX_INDENT = 256  # columns; Markdown parsers spend quadratic time on lists nested thousands deep


def check_markdown_nesting(body: str, name: str, first_line: int = 1) -> None:
    """Refuse Markdown indented so deeply that parsing it would take minutes (or overflow the
    stack)."""
    for number, line in enumerate(body.split("\n"), first_line):
        stripped = line.lstrip(" \t>")
        indent = len(line[: len(line) - len(stripped)].expandtabs(4))
        if indent > MAX_INDENT:
            raise ContentError(
                f"Markdown nested too deeply (indented {indent} columns; the limit is "
                f"{MAX_INDENT})",
                name,
                number,
            )
