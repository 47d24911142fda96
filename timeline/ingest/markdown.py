"""Markdown with optional YAML front matter (title, date, source, url, lang, tags).

The Markdown becomes sanitized HTML (nh3) for the article page and plain text for tagging;
offsets of later stages index the plain text."""

from __future__ import annotations

from typing import Any

import markdown as md

from ..models import Article
from .dateline import find_dateline
from .frontmatter import front_matter_date, front_matter_tags, split_front_matter
from .htmltext import html_to_text, sanitize_html
from .language import detect_language
from .text import first_line


def read_markdown(path: str, text: str) -> Article:
    meta, body_offset = split_front_matter(text, path)
    body_md = text[body_offset:]
    html = sanitize_html(md.markdown(body_md, extensions=["extra", "sane_lists"], output_format="html"))
    plain = html_to_text(html)
    published = front_matter_date(meta.get("date"), path)
    origin = "front matter" if published else "none"
    dateline = None if published else find_dateline(plain)
    if dateline:
        published, origin = dateline.value, "dateline"
    return Article(
        path=path,
        title=_string(meta.get("title")) or first_line(plain) or path,
        text=plain,
        lang=_string(meta.get("lang") or meta.get("language")) or detect_language(plain),
        published=published,
        published_from=origin,  # type: ignore[arg-type]
        url=_string(meta.get("url")),
        source=_string(meta.get("source")),
        tags=front_matter_tags(meta.get("tags")),
        body_html=html,
        body_start=dateline.end if dateline else 0,
    )


def _string(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
