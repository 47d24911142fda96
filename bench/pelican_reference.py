"""Pelican rendering the same Markdown: the reference beside a `timeline build` in bench_build.py.

Pelican reads its own metadata header (``Title: …``), not YAML front matter, so the corpus is copied
once with each article's front matter rewritten as Pelican metadata; the Markdown body is the same
bytes. Pelican only renders (Markdown → HTML pages, index, archives): no tagging, no events, no
merge. Its time is what a well-kept static site generator takes for the text alone.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

SETTINGS = """\
SITENAME = "bench"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
LOAD_CONTENT_CACHE = False
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = 50
SLUGIFY_SOURCE = "basename"  # titles repeat across articles; file names do not
"""


def available() -> bool:
    try:
        import pelican  # noqa: F401
    except ImportError:
        return False
    return True


def pelican_corpus(content: Path, target: Path) -> Path:
    """``target``: the articles of ``content`` with Pelican metadata headers (made once)."""
    done = target / ".complete"
    if done.exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    for path in sorted(content.rglob("*.md")):
        out = target / path.relative_to(content)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(_with_pelican_header(path.read_text(encoding="utf-8")), encoding="utf-8")
    done.write_text("")
    return target


def _with_pelican_header(text: str) -> str:
    if not text.startswith("---\n"):
        return text
    head, _, body = text[4:].partition("\n---\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        value = value.strip()
        if value.startswith('"'):
            value = json.loads(value)
        meta[key.strip()] = value
    lines = [f"Title: {meta.get('title', 'untitled')}"]
    if meta.get("date"):
        lines.append(f"Date: {meta['date']}")
    if meta.get("source"):
        lines.append(f"Category: {meta['source']}")
    return "\n".join(lines) + "\n\n" + body.lstrip("\n")


def pelican_command(corpus: Path, work: Path) -> list[str]:
    """The command that renders ``corpus`` into ``work``/site (settings written beside it)."""
    work.mkdir(parents=True, exist_ok=True)
    settings = work / "pelicanconf.py"
    settings.write_text(SETTINGS, encoding="utf-8")
    site = work / "site"
    shutil.rmtree(site, ignore_errors=True)
    return [
        sys.executable,
        "-m",
        "pelican",
        str(corpus),
        "-o",
        str(site),
        "-s",
        str(settings),
        "-q",
    ]


def articles_rendered(work: Path) -> int:
    """How many article pages Pelican wrote (a missing Markdown package makes it skip them all)."""
    site = work / "site"
    return sum(1 for p in site.glob("*.html") if p.name not in _LISTS) if site.is_dir() else 0


# the pages Pelican writes besides the articles' (at the site's root)
_LISTS = {"index.html", "archives.html", "authors.html", "categories.html", "tags.html"}
