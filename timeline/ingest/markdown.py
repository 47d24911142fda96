"""Markdown with optional YAML front matter (title, date, source, url, lang, tags).

The Markdown becomes sanitized HTML (nh3) for the article page and plain text for tagging;
offsets of later stages index the plain text. The parser is markdown-it-py (CommonMark, tables,
strikethrough): it keeps to linear time on hostile input, where Python-Markdown took minutes on a
few kilobytes of nested brackets or lists; what is still nested too deeply is refused with its
line."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt

from ..errors import ContentError
from ..models import Article
from .dateline import find_dateline
from .frontmatter import front_matter_date, front_matter_tags, front_matter_type, split_front_matter
from .htmltext import html_to_text, sanitize_html
from .language import detect_language
from .media import front_matter_image, html_image, remote_image
from .safety import check_markdown_nesting, checked_lang, safe_url
from .text import first_line


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "maxNesting": 20}).enable(
        ["table", "strikethrough"]
    )


def markdown_to_html(body: str) -> str:
    """Markdown → sanitized HTML (raw HTML in the Markdown is allowed through nh3's allow-list
    only)."""
    return sanitize_html(_parser().render(body))


def read_markdown(path: str, text: str) -> Article:
    meta, body_offset = split_front_matter(text, path)
    body_md = text[body_offset:]
    check_markdown_nesting(body_md, path, text.count("\n", 0, body_offset) + 1)
    try:
        rendered = _parser().render(body_md)
        html = sanitize_html(rendered)
        plain = html_to_text(html)
    except RecursionError as exc:
        raise ContentError("Markdown nested too deeply", path) from exc
    if not plain.strip():
        raise ContentError("no article text (the Markdown body is empty)", path)
    published = front_matter_date(meta.get("date"), path)
    origin = "front matter" if published else "none"
    dateline = None if published else find_dateline(plain)
    if dateline:
        published, origin = dateline.value, "dateline"
    lang = _string(meta.get("lang") or meta.get("language"))
    return Article(
        path=path,
        title=_string(meta.get("title")) or first_line(plain) or path,
        text=plain,
        lang=checked_lang(lang, path) if lang else detect_language(plain),
        published=published,
        published_from=origin,  # type: ignore[arg-type]
        url=safe_url(_string(meta.get("url"))),
        source=_string(meta.get("source")),
        tags=front_matter_tags(meta.get("tags")),
        body_html=html,
        body_start=dateline.end if dateline else 0,
        doc_type=front_matter_type(meta.get("type"), path),
        # the sanitized HTML keeps no <img>: the picture is read from the Markdown as rendered
        image=front_matter_image(path, meta) or html_image(path, rendered, og=False),
        image_remote=remote_image(meta.get("image")),
        link=safe_url(_string(meta.get("video"))) or safe_url(_string(meta.get("link"))),
    )


def _string(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
