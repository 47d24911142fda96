"""embed.html: the timeline for an ``<iframe>`` in a newsroom's article (docs/embedding.md).

The page is index.html's ``<main>`` (axis, story, filters, the list the story cards come from)
inside a page of its own: no site header or footer, a link back to the full page, the same data
files, script and CSP. It is cut from index.html's final bytes, so a full render and an incremental
update (delta.py) give the same embed.html whenever they give the same index.html. index.html's
footer shows the snippet to paste."""

from __future__ import annotations

import html

from jinja2 import Environment
from markupsafe import Markup

from .page import PAGE

TEMPLATE = "embed.html"
_OPEN, _CLOSE = b'<main id="main">', b"</main>"
HEIGHT = 600  # the iframe's first height (px); the page then posts its own to the host


def embed_page(env: Environment, context: dict[str, object], index: bytes) -> bytes | None:
    """embed.html's bytes from index.html's; None when the templates have no embed.html or the index
    no ``<main id="main">`` (templates of one's own)."""
    if TEMPLATE not in env.list_templates():
        return None
    start, end = index.find(_OPEN), index.rfind(_CLOSE)
    if start < 0 or end < start:
        return None
    # the index's own bytes: every text in them was escaped when it was rendered (no "<" of the
    # input survives)
    main = Markup(index[start + len(_OPEN) : end].decode("utf-8", "surrogatepass"))
    page = env.get_template(TEMPLATE).render(**context, main_html=main)
    return page.encode("utf-8", "surrogatepass")


def embed_snippet(title: str) -> str:
    """The ``<iframe>`` a newsroom pastes into an article (as text: the template escapes it once
    more)."""
    base = PAGE.get().base_url
    src = f"{base.rstrip('/')}/embed.html" if base else "embed.html"
    return (
        f'<iframe src="{html.escape(src, quote=True)}" title="{html.escape(title, quote=True)}" '
        f'width="100%" height="{HEIGHT}" style="border:0" loading="lazy"></iframe>'
    )
