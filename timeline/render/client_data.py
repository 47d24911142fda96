"""The page script's data: compact rows in `.js` files beside the page (they load from file:// where
fetch() cannot).

Each file calls ``(self.TIMELINE_DATA = self.TIMELINE_DATA || []).push({...})`` with JSON in which
``<``, ``>``, ``&`` and U+2028/U+2029 are escaped, so no content can end a script or break the
parser. Rows come in the order of the list in index.html (row i describes the i-th ``li.event``),
split into chunks so a very large timeline never needs one giant file.

Row: [id, first_day, last_day, salience_permille, title, date_label, group_key, null,
      actors, places, tags, sources, lang]   (days: epoch days or null when not on the axis)

A row holds only what its own event (and the names of the articles it cites) determines: the group
is named by its key (``meta.group_keys``: "YYYY-MM", month 00 for events spanning more than a month,
"u:" + article path for the undated), which the script maps to an index into ``meta.heads`` once
loaded, and the filter values by their text, which the filters compare as they are. So a row's bytes
never change when another event arrives, leaves or moves a facet value's count past another's (what
lets ``delta.py`` copy unchanged rows from the previous files).

The search words are in search-NNN.js beside each events-NNN.js (``{"search_offset": n, "search":
[...]}``): per event the distinct folded words of its title, text, quotes, actors, places, tags and
date as written. Search terms never hold a space, so a term matches the word list exactly when it
matches the full text; a large page loads these files only after it has become interactive.

A large site's list loads each event's ``<li>`` from html-<name>.js files (``HtmlChunk``): a chunk
ends after an event whose id hashes to 0 modulo HTML_CHUNK (or after HTML_MAX events) and is named
after its last event, so an event arriving changes one chunk instead of shifting every chunk after
it; meta.js lists the chunks in list order with the position each starts at.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from ..models import Article, Event
from .dates import day_span, digit_grouping, month_names, range_label
from .locale import LOCALE, strings
from .page import PAGE

CHUNK = 5000
HTML_CHUNK = 100
FACETS = ("actor", "place", "tag", "source", "lang")


@dataclass(frozen=True)
class Facets:
    """Every filter value with its number of events, in a stable order (most frequent first, then
    by name)."""

    values: dict[str, list[tuple[str, int]]]

    def index(self) -> dict[str, dict[str, int]]:
        return {
            name: {value: i for i, (value, _) in enumerate(items)}
            for name, items in self.values.items()
        }


def source_name(article: Article | None, path: str) -> str:
    if article is None:
        return path
    return article.source or article.title or path


def article_title(article: Article | None, path: str) -> str:
    """What a reader calls a source: the article's title; its file name only when it has none."""
    return article.title if article is not None and article.title else path


def event_facets(event: Event, articles: dict[str, Article]) -> dict[str, list[str]]:
    sources = sorted({source_name(articles.get(s.article), s.article) for s in event.sources})
    return {
        "actor": sorted(set(event.actors)),
        "place": sorted(set(event.places)),
        "tag": sorted(set(event.tags)),
        "source": sources,
        "lang": [event.lang or "und"],
    }


def collect_facets(events: Sequence[Event], articles: dict[str, Article]) -> Facets:
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    for event in events:
        for name, values in event_facets(event, articles).items():
            counts[name].update(values)
    return Facets(
        {name: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for name, c in counts.items()}
    )


def fold(text: str) -> str:
    """Search folding shared with the script: NFKD, combining marks dropped, lower case, spaces
    squeezed."""
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join(
        "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower().split()
    )


def search_words(event: Event) -> str:
    """The distinct folded words of the event's title, text, quotes, actors, places, tags and
    date as written."""
    quotes = " ".join(s.quote for s in event.sources)
    return " ".join(
        dict.fromkeys(
            fold(
                " ".join(
                    [
                        event.title,
                        event.text,
                        quotes,
                        " ".join(event.actors),
                        " ".join(event.places),
                        " ".join(event.tags),
                        event.date_text or "",
                    ]
                )
            ).split()
        )
    )


def event_row(event: Event, group_key: str, articles: dict[str, Article]) -> list[object]:
    """The row of ``event`` in the list group ``group_key``."""
    span = day_span(event.date, event.date_end)
    facets = event_facets(event, articles)
    return [
        event.id,
        span[0] if span else None,
        span[1] if span else None,
        round(max(0.0, min(1.0, event.salience)) * 1000),
        event.title,
        range_label(event.date, event.date_end),
        group_key,
        None,
        facets["actor"],
        facets["place"],
        facets["tag"],
        facets["source"],
        facets["lang"][0],
    ]


def row_json(event: Event, group_key: str, articles: dict[str, Article]) -> str:
    """The row as written in events-NNN.js: one fragment of the file."""
    return script_json(event_row(event, group_key, articles))


def script_json(payload: object) -> str:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    for raw, escaped in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def meta_file(
    total: int,
    facets: Facets,
    heads: list[list[str]],
    group_keys: list[str],
    html: list[HtmlChunk] | None = None,
) -> str:
    """data/meta.js. ``heads``: [year heading, group heading] per list group, ``group_keys`` the
    groups' keys (as in the rows); ``html``: the html-*.js chunks, when the page loads each
    event's <li> from them (large sites)."""
    meta = {
        "meta": {
            "total": total,
            "chunk": CHUNK,
            "groups": len(heads),
            "heads": heads,
            "group_keys": group_keys,
            "chunks": chunk_count(total),
            "html_chunk": HTML_CHUNK if html else 0,
            "html_files": [c.name for c in html or []],
            "html_starts": [c.start for c in html or []],
            "facets": {name: [v for v, _ in items] for name, items in facets.values.items()},
            **page_meta(),
        }
    }
    return _push(meta)


def page_meta() -> dict[str, object]:
    """What the script needs of the page's settings: its locale's strings and month names, the
    editor's first view (epoch days, inclusive) if ``view:`` is set."""
    page, locale = PAGE.get(), LOCALE.get()
    view = None
    if page.view is not None:
        first, last = day_span(page.view[0]), day_span(page.view[1])
        view = [first[0], last[1]] if first and last else None
    script = {k: v for k, v in strings(locale).items() if k in SCRIPT_STRINGS}
    return {
        "locale": locale,
        "months": month_names(),
        "grouping": digit_grouping(),
        "strings": script,
        "view": view,
    }


# the interface strings the page's script shows (the rest are written into the HTML by the
# templates)
SCRIPT_STRINGS = (
    "showing_all",
    "showing_some",
    "in_period",
    "in_period_one",
    "filtered",
    "axis_shows",
    "more_events",
    "earlier_events",
    "later_events",
    "position",
    "show_earlier",
    "show_later",
)


def chunk_count(total: int) -> int:
    """How many events-NNN.js (and search-NNN.js) files ``total`` events take: at least one."""
    return max(1, -(-total // CHUNK))


Item = tuple[bytes | None, str | Callable[[], str]]


@dataclass(frozen=True)
class ChunkedArray:
    """A family of data files each holding a JSON array of one fragment per event: ``name-NNN.js`` =
    PUSH + ``{"<offset field>":first,"<field>":[`` + fragments joined by "," + ``]});\n``."""

    family: str
    pattern: str  # file name (under the site) of the n-th file
    offset_field: str
    field: str
    size: int  # events per file

    def name(self, n: int) -> str:
        return self.pattern.format(n)

    def head(self, n: int) -> str:
        return f'{PUSH}{{"{self.offset_field}":{n * self.size},"{self.field}":['

    SEP = ","
    TAIL = "]});\n"

    def items(self, n: int, items: Iterable[Item]) -> Iterator[Item]:
        """The n-th file as items: the JSON array's elements as fragments."""
        yield None, self.head(n)
        for k, item in enumerate(items):
            if k:
                yield None, self.SEP
            yield item
        yield None, self.TAIL


ROWS = ChunkedArray("rows", "data/events-{:03d}.js", "offset", "rows", CHUNK)
SEARCH = ChunkedArray("search", "data/search-{:03d}.js", "search_offset", "search", CHUNK)


def rows_files(
    ordered: Sequence[tuple[Event, str]],
    articles: dict[str, Article],
    key: Callable[[Event], bytes],
) -> Iterator[tuple[str, Iterator[Item]]]:
    """events-NNN.js: ``{"offset": n, "rows": [row of each event]}``, one fragment per event;
    ``ordered``: (event, its group's key) in list order."""
    for n in range(chunk_count(len(ordered))):
        part = ordered[n * CHUNK : (n + 1) * CHUNK]
        yield (
            ROWS.name(n),
            ROWS.items(n, ((key(e), partial(row_json, e, g, articles)) for e, g in part)),
        )


def search_files(
    events: Sequence[Event], key: Callable[[Event], bytes]
) -> Iterator[tuple[str, Iterator[Item]]]:
    """search-NNN.js: ``{"search_offset": n, "search": [words of each event]}``, one fragment per
    event."""
    for n, start in enumerate(range(0, max(1, len(events)), CHUNK)):
        yield (
            SEARCH.name(n),
            SEARCH.items(
                n, ((key(e), partial(search_json, e)) for e in events[start : start + CHUNK])
            ),
        )


def search_json(event: Event) -> str:
    return script_json(search_words(event))


@dataclass(frozen=True)
class HtmlChunk:
    """data/html-<name>.js: the <li> of the events at list positions start..stop-1, as
    ``{"html_chunk": name, "html": [...]}``. Where a chunk ends depends on its events alone
    (``html_cut``), and it is named after its last event: an event arriving or leaving changes
    its own chunk, not the ones after it (their positions move, which only meta.js's
    ``html_starts`` says)."""

    start: int
    stop: int
    name: str

    @property
    def rel(self) -> str:
        return f"data/html-{self.name}.js"

    def head(self) -> str:
        return f'{PUSH}{{"html_chunk":"{self.name}","html":['

    SEP = ","
    TAIL = "]});\n"


# a chunk is cut after this many events even without a cut event (the first comes with the page)
HTML_MAX = 2 * HTML_CHUNK


def html_digest(event_id: str) -> bytes:
    return hashlib.blake2b(event_id.encode("utf-8", "surrogatepass"), digest_size=5).digest()


def html_cut(event_id: str) -> bool:
    """Whether a chunk ends after this event: one event in HTML_CHUNK, by a hash of its id."""
    return int.from_bytes(html_digest(event_id), "big") % HTML_CHUNK == 0


def html_chunks(ids: Sequence[str], ends: list[int]) -> list[HtmlChunk]:
    """The chunks of the list: event ids in list order, and the positions after each event that
    ends a chunk."""
    chunks: list[HtmlChunk] = []
    names: set[str] = set()
    start = 0
    ends = list(ends)
    if not ends or ends[-1] != len(ids):
        ends.append(len(ids))
    for end in ends:
        while start < end:
            stop = min(end, start + HTML_MAX)
            name = html_digest(ids[stop - 1]).hex()
            # two last events with the same hash (about one site in 10^6): still distinct
            while name in names:
                name += "x"
            names.add(name)
            chunks.append(HtmlChunk(start, stop, name))
            start = stop
    return chunks


def html_items(chunk: HtmlChunk, items: Iterable[Item]) -> Iterator[Item]:
    """The chunk's file as items: its head, the (key, make the JSON string) items joined by ",",
    its tail."""
    yield None, chunk.head()
    for k, item in enumerate(items):
        if k:
            yield None, chunk.SEP
        yield item
    yield None, chunk.TAIL


PUSH = "(self.TIMELINE_DATA=self.TIMELINE_DATA||[]).push("


def _push(payload: object) -> str:
    return f"{PUSH}{script_json(payload)});\n"
