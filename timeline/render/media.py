"""An event's picture and link: the keys an editor adds to it in events.yaml, or its article's own
picture.

    image: photos/rig.jpg        # a file under content/ (never fetched: the CSP stays 'self')
    image_alt: The rig burning   # what the picture shows, for readers who cannot see it
    image_credit: Gerald Herbert/AP
    caption: The rig on 21 April
    link: https://…              # a video or page about the event (http or https only; video:
                                 # the same), else its article's front matter video: or link:

Without an ``image:`` key an event shows the picture of the first article it cites that has one
(``Article.image``: front matter, ``og:image``, a ``<figure>``, a Markdown image; ingest/media.py);
the editor's ``image_alt``/``image_credit``/``caption`` still win over the article's.
``image: none`` (or an empty ``image:``) shows no picture at all.

The image is copied to site/media/<digest>.<ext> when it is a real PNG, JPEG, GIF or WebP file of at
most MAX_BYTES inside the content folder; anything else (missing, too big, not an image, outside
content/) is left out and the card shows no picture: the page stays readable, and the build names
the file (``media_problems``)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..models import Article, Event
from .page import PAGE

MAX_BYTES = 5_000_000
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
)
NO_ARTICLES: Mapping[str, Article] = {}


@dataclass(frozen=True)
class Media:
    src: str  # relative to the site's root: media/<digest>.<ext>, or "" without a usable image
    alt: str
    credit: str
    link: str
    caption: str = ""

    @property
    def figcaption(self) -> str:
        return " · ".join(part for part in (self.caption, self.credit) if part)


@dataclass(frozen=True)
class Picture:
    """The picture an event asks for, before it is checked: ``name`` under content/; ``article``:
    the article it comes from (None: the editor's ``image:``)."""

    name: str
    alt: str
    credit: str
    caption: str
    article: str | None


def picture(event: Event, articles: Mapping[str, Article] = NO_ARTICLES) -> Picture | None:
    """The editor's ``image:``, else the first cited article's own picture; None: none (or
    ``image: none``)."""
    extra = event.extra or {}
    if "image" in extra:
        name = str(extra["image"] or "").strip()
        if name.lower() in ("", "none"):
            return None
        return Picture(
            name,
            _text(extra.get("image_alt")),
            _text(extra.get("image_credit")),
            _text(extra.get("caption")),
            None,
        )
    for source in event.sources:
        article = articles.get(source.article)
        if article is not None and article.image is not None:
            own = article.image
            return Picture(
                own.src,
                _text(extra.get("image_alt")) or _text(own.alt),
                _text(extra.get("image_credit")) or _text(own.credit),
                _text(extra.get("caption")) or _text(own.caption),
                article.path,
            )
    return None


def event_media(event: Event, articles: Mapping[str, Article] = NO_ARTICLES) -> Media | None:
    """The event's media, or None when it has none that can be shown."""
    extra = event.extra or {}
    wanted = picture(event, articles)
    link = _link(extra.get("link")) or _link(extra.get("video")) or _article_link(event, articles)
    if wanted is None and not link:
        return None
    root = PAGE.get().media_root
    image = _image(wanted.name, str(root)) if wanted is not None and root is not None else None
    if image is None and not link:
        return None
    assert image is None or wanted is not None
    return Media(
        f"media/{image[0]}" if image else "",
        wanted.alt if wanted else "",
        wanted.credit if wanted else "",
        link,
        wanted.caption if wanted else "",
    )


def article_media(article: Article) -> Media | None:
    """The article's own picture for its page (as an event card shows it), or None."""
    own, root = article.image, PAGE.get().media_root
    image = _image(own.src, str(root)) if own is not None and root is not None else None
    if own is None or image is None:
        return None
    return Media(f"media/{image[0]}", _text(own.alt), _text(own.credit), "", _text(own.caption))


def article_link(article: Article) -> str:
    """The article's video or page (front matter ``video:``/``link:``): a link, never a player."""
    return _link(article.link)


ARTICLE = "article:"  # the key of an article page's picture among the events' (media_names)


def _shown(
    events: list[Event], articles: Mapping[str, Article]
) -> Iterator[tuple[str, str, bytes]]:
    """(event id or ARTICLE + path, site path, bytes) of every picture the events and the article
    pages show."""
    root = PAGE.get().media_root
    if root is None:
        return
    for event in events:
        wanted = picture(event, articles)
        image = _image(wanted.name, str(root)) if wanted is not None else None
        if image is not None:
            yield event.id, f"media/{image[0]}", image[1]
    for path in sorted(articles):
        own = articles[path].image
        image = _image(own.src, str(root)) if own is not None else None
        if image is not None:
            yield ARTICLE + path, f"media/{image[0]}", image[1]


def media_files(
    events: list[Event], articles: Mapping[str, Article] = NO_ARTICLES
) -> dict[str, bytes]:
    """site path → bytes of every image the events and the pages of ``articles`` show."""
    return {rel: data for _, rel, data in _shown(events, articles)}


def media_names(
    events: list[Event], articles: Mapping[str, Article] = NO_ARTICLES
) -> dict[str, str]:
    """event id (or ARTICLE + an article's path) → the site path of the picture it shows
    (media/<digest>.<ext>), for the events and article pages showing one: what an update needs to
    know which files of media/ are still wanted once events leave (delta.py)."""
    return {key: rel for key, rel, _ in _shown(events, articles)}


def wanted_pictures(
    events: list[Event], articles: Mapping[str, Article] = NO_ARTICLES
) -> dict[str, str]:
    """event id → the file under content/ its picture is asked from (shown or not), for the events
    asking for one: an update checks these files did not change (``picture_stamps``)."""
    out: dict[str, str] = {}
    for event in events:
        wanted = picture(event, articles)
        if wanted is not None:
            out[event.id] = wanted.name
    for path in sorted(articles):
        own = articles[path].image
        if own is not None:
            out[ARTICLE + path] = own.src
    return out


def picture_stamps(names: Iterable[str]) -> dict[str, str]:
    """file under content/ → its size, modification time and inode ("" when it is not a file there):
    a picture replaced or made since the last render changes its stamp."""
    root = PAGE.get().media_root
    out: dict[str, str] = {}
    for name in sorted(set(names)):
        try:
            st = (Path(root) / name).stat() if root is not None else None
        except (OSError, ValueError):
            st = None
        out[name] = f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}" if st is not None else ""
    return out


def media_problems(
    events: list[Event], root: Path, articles: Mapping[str, Article] = NO_ARTICLES
) -> list[tuple[str | None, str]]:
    """(article path, or None: events.yaml; the line) for each picture that cannot be shown: the
    build says so and goes on. An article's picture is named once, however many events would show
    it."""
    out: list[tuple[str | None, str]] = []
    seen: set[tuple[str, str]] = set()
    why = f"not a PNG, JPEG, GIF or WebP file of at most {MAX_BYTES // 1_000_000} MB inside {root}"
    for event in events:
        wanted = picture(event, articles)
        if wanted is None or _image(wanted.name, str(root)) is not None:
            continue
        if wanted.article is None:
            out.append((None, f"{event.id}: image {wanted.name!r} left out: {why}"))
        elif (wanted.article, wanted.name) not in seen:
            seen.add((wanted.article, wanted.name))
            out.append((wanted.article, f"image {wanted.name!r} left out: {why}"))
    return out


def _image(name: str, root: str) -> tuple[str, bytes] | None:
    """(file name in media/, bytes); read each time (a few pictures: no cache to go stale under
    `timeline serve`)."""
    base = Path(root).resolve()
    try:
        path = (base / name).resolve()
        if not path.is_relative_to(base) or not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        data = path.read_bytes()
    except (OSError, ValueError):
        return None
    kind = next((ext for magic, ext in MAGIC if data.startswith(magic)), None)
    if kind is None and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        kind = ".webp"
    if kind is None:
        return None
    return f"{hashlib.sha256(data).hexdigest()[:16]}{kind}", data


def _article_link(event: Event, articles: Mapping[str, Article]) -> str:
    """The ``video:``/``link:`` of the first article the event cites that has one."""
    for source in event.sources:
        article = articles.get(source.article)
        if article is not None and article.link:
            return _link(article.link)
    return ""


def _link(value: object) -> str:
    url = str(value or "").strip()
    if not url or len(url) > 2048 or any(ch.isspace() for ch in url):
        return ""
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else ""


def _text(value: object) -> str:
    return " ".join(str(value).split())[:500] if value else ""
