"""The typed data model shared by every stage. Pure data: no I/O here.

Article  --tag-->  TemporalExpression*  --events-->  Event(Source*)  --store/render-->
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Literal

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
DateSource = Literal["explicit", "publication", "inferred", "manual"]
# how the tagger counts dates without a year: from the publication (news), from the last date
# mentioned (narrative), or decided per passage (auto; timeline/temporal/narrative.py)
DOC_TYPES = ("auto", "news", "narrative")


@dataclass(frozen=True, slots=True)
class ArticleImage:
    """An article's own picture (front matter, ``og:image``, a ``<figure>``, a Markdown image): a
    file under content/, never a web address; the events read from the article show it unless the
    editor sets another."""

    src: str  # relative to content/, POSIX separators (may point outside: the renderer refuses it)
    alt: str = ""
    credit: str = ""
    caption: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    """One input file after ingest: clean text plus metadata.

    ``text`` is the decoded text the offsets of every later stage index into.
    ``published`` is a TIMEX3 value (``2024-03-03`` or ``2024-03-03T22:33``) or None: undated.
    ``body_start`` is where the article body begins (after title / dateline), ``body_end`` where
    trailing boilerplate such as a donation appeal begins (``len(text)`` when none was found).
    """

    path: str  # relative to content/, POSIX separators
    title: str
    text: str
    lang: str
    published: str | None = None
    url: str | None = None
    source: str | None = None
    tags: tuple[str, ...] = ()
    body_start: int = 0
    body_end: int = -1
    sha256: str = ""
    published_from: Literal["front matter", "dateline", "html", "none"] = "none"
    body_html: str | None = None  # sanitized HTML for Markdown/HTML inputs, None for plain text
    # front matter ``type:`` (one of DOC_TYPES); None: the site's (timeline.yaml ``doc_type:``),
    # which ingest.read_articles fills in
    doc_type: str | None = None
    image: ArticleImage | None = None  # the article's own picture, if it names a local one
    # a web address it gives as its picture (og:image, front matter image:): never fetched, and the
    # build says so naming the file
    image_remote: str | None = None
    # a video or page about it (front matter ``video:`` or ``link:``, http(s) only): shown as a link
    # (no embedded player: the CSP stays 'self'), and by its events that have none of their own
    link: str | None = None

    @property
    def body_stop(self) -> int:
        return len(self.text) if self.body_end < 0 else self.body_end


@dataclass(frozen=True, slots=True)
class TemporalExpression:
    """A TIMEX3: ``value`` keeps its granularity (``2024-W08``, ``2025-09``, ``P2Y``, ``PAST_REF``).

    ``resolved`` is False when the value still depends on an unknown document creation time;
    then ``value`` is the underspecified form (e.g. ``UNDEF-this-day-plus-1``) or
    ``XXXX-XX-XX``-style.
    """

    text: str
    start: int
    end: int
    type: TimexType
    value: str
    mod: str | None = None
    rule: str = ""
    resolved: bool = True


@dataclass(frozen=True, slots=True)
class Source:
    """Where an event was read: an article, the supporting quote and its character offsets."""

    article: str
    quote: str
    start: int
    end: int
    date_text: str | None = None  # the date expression as written, e.g. "29 February"
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: str | None  # TIMEX3 value, None when undated
    # day | week | month | quarter | season | year | decade | century | time | vague
    precision: str | None
    title: str
    text: str
    sources: tuple[Source, ...]
    date_source: DateSource = "explicit"
    date_text: str | None = None
    date_end: str | None = None  # inclusive end for ranges
    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    confidence: float = 0.5
    salience: float = 0.0
    lang: str = "en"
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)


# compiled once: every mention is keyed on every build (a million at 100,000 articles)
_WORD = re.compile(r"\w+")


def source_key(article: str, quote: str) -> str:
    """What identifies a source across builds (events/ids.py, store/reconcile.py): its article and
    the words of its quote, not the offsets, so an edit elsewhere in the article keeps it."""
    words = " ".join(_WORD.findall(quote.casefold()))
    return f"{article}#{hashlib.sha1(words.encode('utf-8')).hexdigest()[:12]}"


def article_of_key(key: str) -> str:
    """The article of a mention key: ``<article path>#<hash of the quote's words>``."""
    return key.rsplit("#", 1)[0]
