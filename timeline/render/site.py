"""Write the site: index (the timeline), one page per article, static assets and exports."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable
from itertools import groupby
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..atomic import staging_directory, swap_directory
from ..models import Article, Event
from ..store.yaml_store import event_sort_key
from .dates import date_label, year_month
from .highlight import highlighted_paragraphs

PACKAGE_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def article_slug(path: str) -> str:
    """A safe file name for an article page: letters, digits, '-', '_' only, plus a short hash for uniqueness."""
    stem = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "-" for ch in path.rsplit(".", 1)[0])
    stem = stem.strip("-")[:60] or "article"
    return f"{stem}-{hashlib.sha1(path.encode('utf-8')).hexdigest()[:6]}"


def make_environment(templates: Path | None) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates or PACKAGE_TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["date_label"] = date_label
    env.globals["article_slug"] = article_slug
    return env


def render_site(events: list[Event], articles: Iterable[Article], site: Path, templates: Path | None = None,
                title: str = "Timeline") -> None:
    env = make_environment(templates)
    articles_by_path = {a.path: a for a in articles}
    events = sorted(events, key=event_sort_key)
    staging = staging_directory(site)
    try:
        context = _context(events, articles_by_path, title)
        _write(staging / "index.html", env.get_template("index.html").render(**context))
        for article in articles_by_path.values():
            _write_article(env, staging, article, events, context)
        _copy_static(templates or PACKAGE_TEMPLATES, staging)
        from .exports import write_exports

        write_exports(staging, events, title)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_directory(staging, site)


def _context(events: list[Event], articles: dict[str, Article], title: str) -> dict[str, Any]:
    dated = [e for e in events if e.date]
    undated = [e for e in events if not e.date]
    years = []
    for year, in_year in groupby(dated, key=lambda e: year_month(e.date)[0]):
        months = [(month, list(items)) for month, items in groupby(in_year, key=lambda e: year_month(e.date)[1])]
        years.append((year, months))
    return {"title": title, "years": years, "undated": undated, "articles": articles, "event_count": len(events)}


def _write_article(env: Environment, staging: Path, article: Article, events: list[Event], context: dict[str, Any]) -> None:
    mine = [e for e in events if any(s.article == article.path for s in e.sources)]
    spans = [(s.start, s.end, e.id) for e in mine for s in e.sources if s.article == article.path]
    page = env.get_template("article.html").render(
        title=context["title"], article=article, events=mine, paragraphs=highlighted_paragraphs(article.text, spans)
    )
    _write(staging / "articles" / f"{article_slug(article.path)}.html", page)


def _copy_static(templates: Path, staging: Path) -> None:
    static = templates / "static"
    if static.is_dir():
        shutil.copytree(static, staging / "static")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
