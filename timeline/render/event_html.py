"""One event's ``<li>`` for the list: templates/_event.html, or its Python twin when that template
is the shipped one.

Rendering _event.html through Jinja costs about 100 µs per event (context lookups, a Markup object
per value); a big timeline has 10^5 events, rendered on every build. ``event_li`` writes the same
bytes with one f-string, every value escaped by markupsafe's ``escape`` exactly as Jinja's
autoescape does. It is used only while the site's _event.html is byte for byte the shipped one: a
templates folder of one's own with another _event.html goes through Jinja. No checksum records
which template the twin was written from: tests/test_render_fragments.py renders the shipped
template through Jinja beside the twin, for hostile and synthetic events, and fails as soon as the
template changes without its twin.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape

from ..models import Article, Event, Source
from .client_data import article_title
from .locale import t
from .media import Media, event_media

TEMPLATE = "_event.html"

# the <li> … </li> of an event, links relative to the index (no trailing newline)
EventHtml = Callable[[Event], str]


def event_li(
    event: Event,
    articles: dict[str, Article],
    time_tag: Callable[[str], str],
    article_slug: Callable[[str], str],
) -> str:
    """templates/_event.html for ``event`` with ``root = ""``, without the template's trailing
    newline."""
    eid = _esc(event.id)
    if event.date:
        date = time_tag(event.date)
        if event.date_end and event.date_end != event.date:
            date = f"{date} – {time_tag(event.date_end)}"
    else:
        date = _esc(t("undated"))
    if event.date_source == "publication":
        date = f"{date} · {_esc(t('date_of_publication'))}"
    norm = _esc(event.date or "") + (f"/{_esc(event.date_end)}" if event.date_end else "")
    precision = f" ({_esc(event.precision)})" if event.precision else ""
    written = f" · “{_esc(event.date_text)}”" if event.date_text else ""
    date = f'{date}<span class="tech"> · <code>{norm}</code>{precision}{written}</span>'
    text = (
        f'<p class="event-text">{_esc(event.text)}</p>\n'
        if event.text and event.text != event.title
        else ""
    )
    text += _media(event_media(event, articles))
    meta = ""
    if event.actors or event.places or event.tags:
        meta = (
            f'<dl class="event-meta">\n'
            f"{_meta(t('who'), event.actors)}\n{_meta(t('where'), event.places)}\n"
            f"{_meta(t('tag'), event.tags)}\n</dl>\n"
        )
    sources = "".join(
        _source(event, s, articles.get(s.article), eid, article_slug) for s in event.sources
    )
    return (
        f'<li class="event" id="{eid}">\n<h4 class="event-title">{_esc(event.title)}</h4>\n'
        f'<p class="event-date">{date}</p>\n{text}{meta}<ul class="sources">\n{sources}</ul>\n'
        f'<p class="event-links"><a class="permalink" '
        f'href="#{eid}">{_esc(t("link"))}</a></p>\n</li>'
    )


def _source(
    event: Event,
    source: Source,
    article: Article | None,
    eid: str,
    article_slug: Callable[[str], str],
) -> str:
    """One source's <li>: the article's title and outlet (not its file name), the quote unless
    the text says it."""
    outlet = (
        f' · <span class="outlet">{_esc(article.source)}</span>'
        if article and article.source
        else ""
    )
    quote = (
        f": <q>{_esc(source.quote)}</q>" if source.quote and source.quote not in event.text else ""
    )
    return (
        f'<li><a href="articles/{_esc(article_slug(source.article))}.html#q-{eid}">'
        f"{_esc(article_title(article, source.article))}</a>{outlet}{quote}"
        f'<span class="tech"> ({_esc(source.article)})</span></li>\n'
    )


def _media(media: Media | None) -> str:
    """The event's picture (with its credit) and link, as _event.html writes them."""
    if media is None:
        return ""
    out = ""
    if media.src:
        credit = f"<figcaption>{_esc(media.figcaption)}</figcaption>" if media.figcaption else ""
        out = (
            f'<figure class="event-media"><img src="{_esc(media.src)}" '
            f'alt="{_esc(media.alt)}" loading="lazy">'
            f"{credit}</figure>\n"
        )
    if media.link:
        out += (
            f'<p class="event-link"><a href="{_esc(media.link)}" rel="noopener noreferrer '
            f'nofollow">'
            f"{_esc(media.link)}</a></p>\n"
        )
    return out


def _meta(label: str, values: tuple[str, ...]) -> str:
    return (
        f"<div><dt>{_esc(label)}</dt><dd>{_esc(', '.join(map(str, values)))}</dd></div>"
        if values
        else ""
    )


def _esc(value: str) -> str:
    """``markupsafe.escape`` of a plain str, as a str: the same five entities, without a Markup
    object per value."""
    if type(value) is not str:
        return str(escape(value))
    return (
        value.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


def is_shipped(templates: Path, shipped: Path) -> bool:
    """True when ``templates`` holds the _event.html of ``shipped`` (the package's templates),
    which ``event_li`` reproduces."""
    if templates.resolve() == shipped.resolve():
        return True
    try:
        return (templates / TEMPLATE).read_bytes() == (shipped / TEMPLATE).read_bytes()
    except OSError:
        return False


def event_html_renderer(
    env: Environment,
    templates: Path,
    shipped: Path,
    context: dict[str, Any],
    time_tag: Callable[[str], str],
    article_slug: Callable[[str], str],
) -> EventHtml:
    """The function that renders an event's <li>: the Python twin, or _event.html through Jinja
    (with the list's context, as the index would)."""
    articles = context["articles"]
    if is_shipped(templates, shipped):
        return lambda event: event_li(event, articles, time_tag, article_slug)
    template = env.get_template(TEMPLATE)
    base = {**context, "root": ""}
    return lambda event: template.render(**base, event=event).strip("\n")
