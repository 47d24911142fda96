"""An event's picture and link, from the keys an editor adds to it in events.yaml:

    image: photos/rig.jpg        # a file under content/ (never fetched: the CSP stays 'self')
    image_alt: The rig burning   # what the picture shows, for readers who cannot see it
    image_credit: Gerald Herbert/AP
    link: https://…              # a video or page about the event (http or https only)

The image is copied to site/media/<digest>.<ext> when it is a real PNG, JPEG, GIF or WebP file of at
most MAX_BYTES inside the content folder; anything else (missing, too big, not an image, outside
content/) is left out and the card shows no picture: the page stays readable.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..models import Event
from .page import PAGE

MAX_BYTES = 5_000_000
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"\xff\xd8\xff", ".jpg"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
)


@dataclass(frozen=True)
class Media:
    src: str  # relative to the site's root: media/<digest>.<ext>, or "" without a usable image
    alt: str
    credit: str
    link: str


def event_media(event: Event) -> Media | None:
    """The event's media, or None when it has none that can be shown."""
    extra = event.extra
    if not extra or not any(k in extra for k in ("image", "link")):
        return None
    root = PAGE.get().media_root
    image = (
        _image(str(extra["image"]), str(root)) if "image" in extra and root is not None else None
    )
    link = _link(extra.get("link"))
    if image is None and not link:
        return None
    return Media(
        f"media/{image[0]}" if image else "",
        _text(extra.get("image_alt")),
        _text(extra.get("image_credit")),
        link,
    )


def media_files(events: list[Event]) -> dict[str, bytes]:
    """site path → bytes of every image the events show."""
    out: dict[str, bytes] = {}
    root = PAGE.get().media_root
    for event in events:
        if root is not None and event.extra and "image" in event.extra:
            image = _image(str(event.extra["image"]), str(root))
            if image is not None:
                out[f"media/{image[0]}"] = image[1]
    return out


def media_problems(events: list[Event], root: Path) -> list[str]:
    """One line for each picture an event names that cannot be shown (the build says so and goes
    on)."""
    return [
        f"{e.id}: image {e.extra['image']!r} left out: not a PNG, JPEG, GIF or WebP file of "
        f"at most "
        f"{MAX_BYTES // 1_000_000} MB inside {root}"
        for e in events
        if e.extra and "image" in e.extra and _image(str(e.extra["image"]), str(root)) is None
    ]


def _image(name: str, root: str) -> tuple[str, bytes] | None:
    """(file name in media/, bytes); read each time (a few pictures: no cache to go stale under
    `timeline serve`)."""
    base = Path(root).resolve()
    path = (base / name).resolve()
    if not path.is_relative_to(base) or not path.is_file() or path.stat().st_size > MAX_BYTES:
        return None
    data = path.read_bytes()
    kind = next((ext for magic, ext in MAGIC if data.startswith(magic)), None)
    if kind is None and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        kind = ".webp"
    if kind is None:
        return None
    return f"{hashlib.sha256(data).hexdigest()[:16]}{kind}", data


def _link(value: object) -> str:
    url = str(value or "").strip()
    if not url or len(url) > 2048 or any(ch.isspace() for ch in url):
        return ""
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else ""


def _text(value: object) -> str:
    return " ".join(str(value).split())[:500] if value else ""
