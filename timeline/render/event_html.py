"""One event's ``<li>`` for the list: templates/_event.html, or its Python twin when that template is the shipped one.

Rendering _event.html through Jinja costs about 100 µs per event (context lookups, a Markup object per
value); a big timeline has 10^5 events, rendered on every build. ``event_li`` writes the same bytes with one
f-string, every value escaped by markupsafe's ``escape`` exactly as Jinja's autoescape does. It is used only
while templates/_event.html is byte for byte the file it was written from (``TEMPLATE_SHA256``): an edited
template, or a templates folder of one's own, goes through Jinja. tests/test_render_fragments.py checks that
both give the same bytes for hostile and synthetic events and fails when the shipped template changes
without this twin.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape

from ..models import Article, Event
from .client_data import source_name

TEMPLATE = "_event.html"
TEMPLATE_SHA256 = "b2c4d0c3912c74e208d627d8d9aacbfcb8da7988fbb2435b587be15ff5620e7a"

EventHtml = Callable[[Event], str]  # the <li> … </li> of an event, links relative to the index (no trailing newline)


def event_li(event: Event, articles: dict[str, Article], time_tag: Callable[[str], str],
             article_slug: Callable[[str], str]) -> str:
    """templates/_event.html for ``event`` with ``root = ""``, without the template's trailing newline."""
    eid = _esc(event.id)
    if event.date:
        date = time_tag(event.date)
        if event.date_end and event.date_end != event.date:
            date = f"{date} – {time_tag(event.date_end)}"
        norm = f"{_esc(event.date)}/{_esc(event.date_end)}" if event.date_end else _esc(event.date)
        precision = f" ({_esc(event.precision)})" if event.precision else ""
        date = f'{date}<span class="norm"> · normalized <code>{norm}</code>{precision}</span>'
    else:
        date = '<span class="undated-label">Undated</span>'
    if event.date_text:
        date = f'{date}<span class="written"> · as written: “{_esc(event.date_text)}”</span>'
    if event.date_source == "publication":
        date = f'{date}<span class="written"> · date of publication</span>'
    text = f'<p class="event-text">{_esc(event.text)}</p>\n' if event.text and event.text != event.title else ""
    meta = ""
    if event.actors or event.places or event.tags:
        meta = (f'<dl class="event-meta">\n'
                f'{_meta("Who", event.actors)}\n{_meta("Where", event.places)}\n{_meta("Tags", event.tags)}\n</dl>\n')
    sources = "".join(
        f'<li><a href="articles/{_esc(article_slug(s.article))}.html#q-{eid}">'
        f'{_esc(source_name(articles.get(s.article), s.article))}</a> <span class="src-path">({_esc(s.article)})</span>'
        f'{f": <q>{_esc(s.quote)}</q>" if s.quote else ""}</li>\n'
        for s in event.sources)
    return (f'<li class="event" id="{eid}">\n<h4 class="event-title">{_esc(event.title)}</h4>\n'
            f'<p class="event-date">{date}</p>\n{text}{meta}<ul class="sources">\n{sources}</ul>\n'
            f'<p class="event-links"><a class="permalink" href="#{eid}">Link to this event</a></p>\n</li>')


def _meta(label: str, values: tuple[str, ...]) -> str:
    return f"<div><dt>{label}</dt><dd>{_esc(', '.join(map(str, values)))}</dd></div>" if values else ""


def _esc(value: str) -> str:
    """``markupsafe.escape`` of a plain str, as a str: the same five entities, without a Markup object per value."""
    if type(value) is not str:
        return str(escape(value))
    return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;").replace('"', "&#34;")


def is_shipped(templates: Path) -> bool:
    """True when ``templates`` holds the _event.html that ``event_li`` reproduces."""
    try:
        return hashlib.sha256((templates / TEMPLATE).read_bytes()).hexdigest() == TEMPLATE_SHA256
    except OSError:
        return False


def event_html_renderer(env: Environment, templates: Path, context: dict[str, Any], time_tag: Callable[[str], str],
                        article_slug: Callable[[str], str]) -> EventHtml:
    """The function that renders an event's <li>: the Python twin, or _event.html through Jinja (with the
    list's context, as the index would)."""
    articles = context["articles"]
    if is_shipped(templates):
        return lambda event: event_li(event, articles, time_tag, article_slug)
    template = env.get_template(TEMPLATE)
    base = {**context, "root": ""}
    return lambda event: template.render(**base, event=event).strip("\n")
