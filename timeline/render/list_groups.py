"""The list's structure: each event's place in list order, the groups under their headings, the year
pages, and the literal text of the pages that hold the list around each group's run of events.

List order: dated events by ``(year, month, first day, -last day, date, id)`` (month 0 when the
event spans more than a month: that group comes first in its year), then the undated ones by
``(first article, id)``. A *list key* is that tuple behind a flag, ``(0, year, month, first, -last,
date, id)`` or ``(1, first article, id)``, so one comparison orders any two events. Consecutive
events with the same *group key* (``(0, year, month)`` or ``(1, first article)``) form a group: a
heading and an ``<ol>`` on the page.

``skeleton`` renders index.html or a year page once with a marker in place of each group's events
and cuts the text at the markers: the page is then ``parts[0] + events of group 0 + parts[1] + …``,
each event's ``<li>`` following the previous one with nothing between (``_list.html`` loops ``{{
event_html[event.id] }}``). A full render fills those runs with freshly made fragments; ``delta.py``
mostly copies them from the previous files.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from ..models import Article, Event
from .dates import EPOCH, day_span, month_heading
from .locale import t

ListKey = tuple  # (0, year, month, first, -last, date, id) | (1, first article, id)
GroupKey = tuple  # (0, year, month) | (1, first article)


def list_key(event: Event) -> ListKey:
    span = day_span(event.date, event.date_end)
    if span is None:
        return (1, first_article(event), event.id)
    first = dt.date.fromordinal(span[0] + EPOCH)
    month = first.month if span[1] - span[0] < 31 else 0
    return (0, first.year, month, span[0], -span[1], event.date or "", event.id)


def first_article(event: Event) -> str:
    return min((s.article for s in event.sources), default="")


def group_of(key: ListKey) -> GroupKey:
    return key[:3] if key[0] == 0 else key[:2]


def group_name(group: GroupKey) -> str:
    """The group's key as the rows name it (``meta.group_keys``): "YYYY-MM" (00: spanning) or
    "u:" + article path."""
    return f"{group[1]:04d}-{group[2]:02d}" if group[0] == 0 else f"u:{group[1]}"


def year_label(group: GroupKey) -> str:
    return str(group[1]).zfill(4) if group[0] == 0 else t("undated")


def heading(group: GroupKey, source: str) -> list[str]:
    """[year heading, group heading] (``meta.heads``); ``source``: the name of an undated group's
    article."""
    if group[0] == 0:
        year, month = year_label(group), group[2]
        return [year, month_heading(year, month) if month else t("spanning", year)]
    path = group[1]
    return [t("undated"), t("from_article", source if path else t("no_article"))]


@dataclass(frozen=True)
class YearPage:
    """years/<name>: the groups (indices into the list's groups) it lists, and how many events
    they hold."""

    rel: str
    label: str
    groups: list[int]
    count: int


def year_pages(groups: list[GroupKey], counts: list[int]) -> list[YearPage]:
    """One page per year with events, then years/undated.html for the undated groups (if any)."""
    pages: list[YearPage] = []
    by_label: dict[str, list[int]] = {}
    for n, group in enumerate(groups):
        by_label.setdefault(year_label(group), []).append(n)
    for label, members in by_label.items():
        rel = "years/undated.html" if label == t("undated") else f"years/{label}.html"
        pages.append(YearPage(rel, label, members, sum(counts[g] for g in members)))
    return pages


@dataclass(frozen=True)
class _Stub:
    """Stands for a whole group's events in a skeleton render: the template only reads
    ``event.id``."""

    id: str


class _GroupMarkers(Mapping[str, Markup]):
    """``event_html`` for a skeleton render: each group's stub id → a marker no text of the input
    can know."""

    def __init__(self, count: int, nonce: str) -> None:
        self.count, self.nonce = count, nonce

    def __getitem__(self, stub_id: str) -> Markup:
        return Markup(f"\x00{self.nonce}:{stub_id}\x00")

    def __iter__(self) -> Iterator[str]:
        return iter(str(n) for n in range(self.count))

    def __len__(self) -> int:
        return self.count


def list_context(groups: list[GroupKey], members: list[list[Any]]) -> dict[str, Any]:
    """``years`` (year → month → events) and ``undated`` (article → events) for _list.html, from
    the groups in list order and each group's events (or stubs)."""
    years: list[tuple[str, list[tuple[str, list[Any]]]]] = []
    undated: list[tuple[str, list[Any]]] = []
    for group, events in zip(groups, members, strict=True):
        if group[0] == 1:
            undated.append((group[1], events))
            continue
        label = year_label(group)
        if not years or years[-1][0] != label:
            years.append((label, []))
        years[-1][1].append((month_heading(label, group[2]) if group[2] else "", events))
    return {"years": years, "undated": undated}


def skeleton(
    env: Environment, template: str, context: dict[str, Any], groups: list[GroupKey]
) -> list[str]:
    """The text of ``template`` rendered with ``context`` listing ``groups``, cut around each
    group's events: ``len(groups) + 1`` literal parts."""
    nonce = secrets.token_hex(16)
    stubs = [[_Stub(str(n))] for n in range(len(groups))]
    page = env.get_template(template).render(
        **{
            **context,
            **list_context(groups, stubs),
            "event_html": _GroupMarkers(len(groups), nonce),
        }
    )
    parts = re.split(f"\x00{nonce}:\\d+\x00", page)
    assert len(parts) == len(groups) + 1, (
        "the list template must show each group's events once, in order"
    )
    return parts


class SourceNames(Mapping[str, str]):
    """``articles`` for a skeleton render without the Article objects: path → its source name
    (for undated headings, with ``name_of`` as ``source_name``), and ``len`` the number of
    articles (the index's summary)."""

    def __init__(self, names: dict[str, str], count: int) -> None:
        self.names, self.count = names, count

    def __getitem__(self, path: str) -> str:
        return self.names[path]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return self.count


def name_of(name: str | None, path: str) -> str:
    """``source_name`` over SourceNames: the recorded name, else the path (as source_name does
    without an article)."""
    return name if name is not None else path


def source_names(articles: Mapping[str, Article], paths: list[str]) -> dict[str, str]:
    from .client_data import source_name

    return {path: source_name(articles.get(path), path) for path in paths}
