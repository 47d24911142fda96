"""The page script's data: compact rows in `.js` files beside the page (they load from file:// where fetch() cannot).

Each file calls ``(self.TIMELINE_DATA = self.TIMELINE_DATA || []).push({...})`` with JSON in which ``<``, ``>``,
``&`` and U+2028/U+2029 are escaped, so no content can end a script or break the parser. Rows come in the
order of the list in index.html (row i describes the i-th ``li.event``), split into chunks so a very large
timeline never needs one giant file.

Row: [id, first_day, last_day, salience_permille, title, date_label, group, null,
      actor_ids, place_ids, tag_ids, source_ids, lang_id]   (days: epoch days or null when not on the axis)

The search words are in search-NNN.js beside each events-NNN.js (``{"search_offset": n, "search": [...]}``):
per event the distinct folded words of its title, text, quotes, actors, places, tags and date as written.
Search terms never hold a space, so a term matches the word list exactly when it matches the full text;
a large page loads these files only after it has become interactive.
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Article, Event
from .dates import day_span, range_label

CHUNK = 5000
HTML_CHUNK = 100
FACETS = ("actor", "place", "tag", "source", "lang")


@dataclass(frozen=True)
class Facets:
    """Every filter value with its number of events, in a stable order (most frequent first, then by name)."""

    values: dict[str, list[tuple[str, int]]]

    def index(self) -> dict[str, dict[str, int]]:
        return {name: {value: i for i, (value, _) in enumerate(items)} for name, items in self.values.items()}


def source_name(article: Article | None, path: str) -> str:
    if article is None:
        return path
    return article.source or article.title or path


def event_facets(event: Event, articles: dict[str, Article]) -> dict[str, list[str]]:
    sources = sorted({source_name(articles.get(s.article), s.article) for s in event.sources})
    return {"actor": sorted(set(event.actors)), "place": sorted(set(event.places)), "tag": sorted(set(event.tags)),
            "source": sources, "lang": [event.lang or "und"]}


def collect_facets(events: Sequence[Event], articles: dict[str, Article]) -> Facets:
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    for event in events:
        for name, values in event_facets(event, articles).items():
            counts[name].update(values)
    return Facets({name: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for name, c in counts.items()})


def fold(text: str) -> str:
    """Search folding shared with the script: NFKD, combining marks dropped, lower case, spaces squeezed."""
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().split())


def event_row(event: Event, group: int, articles: dict[str, Article], index: dict[str, dict[str, int]]) -> list[object]:
    span = day_span(event.date, event.date_end)
    facets = event_facets(event, articles)
    quotes = " ".join(s.quote for s in event.sources)
    search = " ".join(dict.fromkeys(fold(" ".join([event.title, event.text, quotes, " ".join(event.actors),
                                                   " ".join(event.places), " ".join(event.tags), event.date_text or ""])).split()))
    return [
        event.id, span[0] if span else None, span[1] if span else None, round(max(0.0, min(1.0, event.salience)) * 1000),
        event.title, range_label(event.date, event.date_end), group, search,
        *([index[name][v] for v in facets[name]] for name in ("actor", "place", "tag", "source")),
        index["lang"][facets["lang"][0]],
    ]


def script_json(payload: object) -> str:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def data_files(ordered: Sequence[tuple[Event, int]], articles: dict[str, Article], facets: Facets,
               heads: list[list[str]], html: Sequence[str] | None = None) -> dict[str, str]:
    """File name (under data/) → content. ``ordered``: (event, list-group index) in list order; ``heads``:
    [year heading, group heading] per list group. ``html``: each event's pre-rendered <li> when the index does
    not hold the list (large sites): written to html-NNN.js files of HTML_CHUNK rows that the page loads only
    when the list shows them."""
    index = facets.index()
    rows = [event_row(e, g, articles, index) for e, g in ordered]
    chunks = [rows[i : i + CHUNK] for i in range(0, len(rows), CHUNK)] or [[]]
    meta = {"meta": {"total": len(rows), "chunk": CHUNK, "groups": len(heads), "heads": heads, "chunks": len(chunks),
                     "html_chunk": HTML_CHUNK if html is not None else 0,
                     "facets": {name: [v for v, _ in items] for name, items in facets.values.items()}}}
    files = {"meta.js": _push(meta)}
    for n, chunk in enumerate(chunks):
        files[f"search-{n:03d}.js"] = _push({"search_offset": n * CHUNK, "search": [row[7] for row in chunk]})
        for row in chunk:
            row[7] = None
        files[f"events-{n:03d}.js"] = _push({"offset": n * CHUNK, "rows": chunk})
    if html is not None:
        for n, start in enumerate(range(0, len(html), HTML_CHUNK)):
            files[f"html-{n:04d}.js"] = _push({"html_offset": start, "html": list(html[start : start + HTML_CHUNK])})
    return files


def _push(payload: object) -> str:
    return f"(self.TIMELINE_DATA=self.TIMELINE_DATA||[]).push({script_json(payload)});\n"
