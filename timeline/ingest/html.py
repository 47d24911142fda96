"""HTML pages: main text, title and publication date extracted with trafilatura (and htmldate
inside it), boilerplate such as navigation, comments and footers left out."""

from __future__ import annotations

from ..errors import ContentError
from ..models import Article
from .dateline import find_dateline
from .frontmatter import front_matter_date
from .htmltext import sanitize_html
from .language import detect_language
from .media import html_image, html_remote_image
from .safety import safe_url
from .text import first_line


def read_html(path: str, text: str) -> Article:
    extracted = _extract(text, path)
    plain = (extracted.get("text") or "").strip()
    if not plain:
        raise ContentError("no article text found in the HTML page", path)
    published, origin = _published(extracted, plain, path)
    lang = _lang(extracted.get("language")) or detect_language(plain)
    return Article(
        path=path,
        title=" ".join((extracted.get("title") or "").split()) or first_line(plain) or path,
        text=plain,
        lang=str(lang),
        published=published,
        published_from=origin,  # type: ignore[arg-type]
        url=safe_url(extracted.get("url")),
        source=extracted.get("sitename") or None,
        tags=tuple(t for t in (extracted.get("tags") or "").split(",") if t.strip()),
        body_html=sanitize_html(_paragraph_html(plain)),
        image=html_image(path, text, og=True),
        image_remote=html_remote_image(text),
    )


def _extract(text: str, path: str) -> dict[str, str]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, favor_precision=True
        )
    except RecursionError as exc:
        raise ContentError("HTML nested too deeply to be read", path) from exc
    except ValueError as exc:
        raise ContentError(
            f"HTML could not be parsed: {' '.join(str(exc).split())[:200]}", path
        ) from exc
    if doc is None:
        return {}
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return {k: v for k, v in data.items() if isinstance(v, str)}


def _published(extracted: dict[str, str], plain: str, path: str) -> tuple[str | None, str]:
    date = extracted.get("date")
    if date:
        try:
            return front_matter_date(date, path), "html"
        except ContentError:
            pass
    dateline = find_dateline(plain)
    if dateline:
        return dateline.value, "dateline"
    return None, "none"


def _paragraph_html(plain: str) -> str:
    from html import escape

    return "".join(f"<p>{escape(line)}</p>" for line in plain.split("\n") if line.strip())


def _lang(value: str | None) -> str | None:
    """The page's declared language, when it is a plain language code (it picks the tagger's
    data)."""
    from .safety import checked_lang

    if not value:
        return None
    try:
        return checked_lang(value, "")
    except ContentError:
        return None
