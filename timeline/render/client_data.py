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
from collections.abc import Callable, Iterable, Iterator, Sequence
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


def search_words(event: Event) -> str:
    """The distinct folded words of the event's title, text, quotes, actors, places, tags and date as written."""
    quotes = " ".join(s.quote for s in event.sources)
    return " ".join(dict.fromkeys(fold(" ".join([event.title, event.text, quotes, " ".join(event.actors),
                                                 " ".join(event.places), " ".join(event.tags), event.date_text or ""])).split()))


def event_row(event: Event, group: int, articles: dict[str, Article], index: dict[str, dict[str, int]],
              search: bool = True) -> list[object]:
    """The row of ``event`` (with its search words at [7], or None there when ``search`` is false)."""
    span = day_span(event.date, event.date_end)
    facets = event_facets(event, articles)
    return [
        event.id, span[0] if span else None, span[1] if span else None, round(max(0.0, min(1.0, event.salience)) * 1000),
        event.title, range_label(event.date, event.date_end), group, search_words(event) if search else None,
        *([index[name][v] for v in facets[name]] for name in ("actor", "place", "tag", "source")),
        index["lang"][facets["lang"][0]],
    ]


def script_json(payload: object) -> str:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def data_files(ordered: Sequence[tuple[Event, int]], articles: dict[str, Article], facets: Facets,
               heads: list[list[str]], html: bool = False) -> dict[str, str]:
    """File name (under data/) → content, for meta.js and the events-NNN.js rows. ``ordered``: (event, list-group
    index) in list order; ``heads``: [year heading, group heading] per list group. ``html``: whether the page
    loads each event's <li> from html-NNNN.js files (large sites; ``html_files``). The search words go to
    search-NNN.js files (``search_files``)."""
    index = facets.index()
    chunks = max(1, -(-len(ordered) // CHUNK))
    meta = {"meta": {"total": len(ordered), "chunk": CHUNK, "groups": len(heads), "heads": heads, "chunks": chunks,
                     "html_chunk": HTML_CHUNK if html else 0,
                     "facets": {name: [v for v, _ in items] for name, items in facets.values.items()}}}
    files = {"meta.js": _push(meta)}
    for n in range(chunks):
        rows = [event_row(e, g, articles, index, search=False) for e, g in ordered[n * CHUNK : (n + 1) * CHUNK]]
        files[f"events-{n:03d}.js"] = _push({"offset": n * CHUNK, "rows": rows})
    return files


Item = tuple[bytes | None, str | Callable[[], str]]


def search_files(events: Sequence[Event], key: Callable[[Event], bytes]) -> Iterator[tuple[str, Iterator[Item]]]:
    """search-NNN.js: ``{"search_offset": n, "search": [words of each event]}``, one fragment per event."""
    for n, start in enumerate(range(0, max(1, len(events)), CHUNK)):
        yield f"data/search-{n:03d}.js", _array_items(f'{{"search_offset":{start},"search":[',
                                                      ((key(e), lambda e=e: script_json(search_words(e))) for e in events[start : start + CHUNK]))


def html_file(n: int, items: Iterable[Item]) -> tuple[str, Iterator[Item]]:
    """data/html-NNNN.js: ``{"html_offset": n, "html": [<li> of each event]}``; items: (key, make the JSON string)."""
    return f"data/html-{n:04d}.js", _array_items(f'{{"html_offset":{n * HTML_CHUNK},"html":[', items)


def _array_items(head: str, items: Iterable[Item]) -> Iterator[Item]:
    """_push({... , "name": [items]}) as items: the JSON array's elements as fragments."""
    yield None, f"{PUSH}{head}"
    for n, item in enumerate(items):
        if n:
            yield None, ","
        yield item
    yield None, "]});\n"


PUSH = "(self.TIMELINE_DATA=self.TIMELINE_DATA||[]).push("


def _push(payload: object) -> str:
    return f"{PUSH}{script_json(payload)});\n"
