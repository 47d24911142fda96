"""An article's own picture, for the events read from it: front matter ``image:`` (with
``image_alt``, ``image_credit``, ``caption``), an HTML page's ``og:image`` or first
``<figure><img>`` with its ``<figcaption>``, a Markdown ``![alt](path)``.

Only a path to a local file is kept: relative to the article's folder (or to content/ when it starts
with "/"), stored relative to content/. A web address is left out: nothing is ever fetched, so the
page's CSP stays 'self'. Whether the file is a real image inside content/ is checked when the site
is rendered (render/media.py), which names the file when it cannot be shown."""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import unquote, urlsplit

from ..models import ArticleImage

MAX_TEXT = 500  # characters of an alt text, credit or caption


def image_path(article: str, src: str) -> str | None:
    """``src`` as written in ``article`` (its path under content/) → a path under content/, or None:
    a web address, a data: URL, nothing usable."""
    src = src.strip()
    parts = urlsplit(src)
    if not src or parts.scheme or parts.netloc or src.startswith("//") or len(src) > 1024:
        return None
    path = unquote(parts.path)
    if not path or "\x00" in path:
        return None
    joined = (
        path.lstrip("/")
        if path.startswith("/")
        else posixpath.join(posixpath.dirname(article), path)
    )
    return posixpath.normpath(joined)


def remote_image(src: object) -> str | None:
    """``src`` when it is an absolute http(s) address (a picture that would have to be fetched)."""
    text = str(src or "").strip()
    parts = urlsplit(text)
    if parts.scheme in ("http", "https") and parts.netloc and len(text) <= 2048:
        return text
    return None


def html_remote_image(html: str) -> str | None:
    """The page's ``og:image`` when it is a web address."""
    if "og:image" not in html:
        return None
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    content = root.xpath("//meta[@property='og:image']/@content")
    return remote_image(content[0]) if content else None


def front_matter_image(article: str, meta: dict[str, Any]) -> ArticleImage | None:
    value = meta.get("image")
    if not isinstance(value, str) or value.strip().lower() in ("", "none"):
        return None
    path = image_path(article, value)
    if path is None:
        return None
    return ArticleImage(
        path,
        _text(meta.get("image_alt")),
        _text(meta.get("image_credit")),
        _text(meta.get("caption")),
    )


def html_image(article: str, html: str, og: bool) -> ArticleImage | None:
    """The page's picture: its ``og:image`` (when ``og``) if that is a local file, else its first
    ``<figure>`` with an ``<img>``, else (not ``og``: rendered Markdown) its first ``<img>``."""
    if "<img" not in html and "og:image" not in html:
        return None
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    if og:
        content = root.xpath("//meta[@property='og:image']/@content")
        path = image_path(article, str(content[0])) if content else None
        if path is not None:
            alt = root.xpath("//meta[@property='og:image:alt']/@content")
            return ArticleImage(path, _text(alt[0] if alt else None))
    for figure in root.iter("figure"):
        img = next(figure.iter("img"), None)
        path = image_path(article, str(img.get("src") or "")) if img is not None else None
        if img is not None and path is not None:
            caption = next(figure.iter("figcaption"), None)
            return ArticleImage(
                path,
                _text(img.get("alt")),
                "",
                _text(caption.text_content() if caption is not None else None),
            )
    if not og:
        for img in root.iter("img"):
            path = image_path(article, str(img.get("src") or ""))
            if path is not None:
                return ArticleImage(path, _text(img.get("alt")), "", _text(img.get("title")))
    return None


def _text(value: object) -> str:
    return " ".join(str(value).split())[:MAX_TEXT] if value else ""
