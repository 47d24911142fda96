"""A newsroom's settings for the page (``timeline.yaml``): title, description, locale, logo, accent
colours, a font, the first view. None of them needs a fork of templates/ (which stays overridable).

A render sets ``PAGE`` for its duration, as ``locale.LOCALE``: templates, meta.js and the theme read
it there, and ``digest`` goes into the render's base (render_base), so a changed setting re-renders
what depends on it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .locale import LOCALE, resolve

_COLOUR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?|[a-zA-Z]{3,20}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
FONT_TYPES = {".woff2": "woff2", ".woff": "woff", ".ttf": "truetype", ".otf": "opentype"}
IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"}


@dataclass(frozen=True)
class PageOptions:
    title: str = "Timeline"
    locale: str = "en"
    description: str = ""
    logo: Path | None = None  # an image copied to static/ and shown in the header
    accent: str | None = None  # CSS colour of links, bars and buttons (light scheme)
    accent_dark: str | None = None  # the same in the dark scheme
    # a .woff2/.woff/.ttf/.otf copied to static/ and used for the page's text
    font: Path | None = None
    # the first view (YYYY-MM-DD, both inclusive); None: from salience
    view: tuple[str, str] | None = None
    base_url: str = ""  # the published address: absolute link-preview URLs (og:url, og:image)
    # where an event's `image:` is looked up (content/); None: no images
    media_root: Path | None = None

    def digest(self) -> str:
        """What the rendered bytes depend on: the settings and the bytes of the files they name."""
        h = hashlib.sha256(json.dumps(asdict(self), default=str, sort_keys=True).encode())
        for path in (self.logo, self.font):
            if path is not None and path.is_file():
                h.update(path.read_bytes())
        return h.hexdigest()

    @property
    def logo_name(self) -> str | None:
        return f"logo{self.logo.suffix.lower()}" if self.logo is not None else None

    @property
    def themed(self) -> bool:
        return bool(self.accent or self.accent_dark or self.font)


# a frozen dataclass: a shared default cannot be changed by anyone
PAGE: ContextVar[PageOptions] = ContextVar("timeline_page", default=PageOptions())  # noqa: B039


@contextmanager
def page_scope(page: PageOptions) -> Iterator[None]:
    """``page`` and its locale for what runs inside (a render, an update)."""
    tokens = (PAGE.set(page), LOCALE.set(page.locale))
    try:
        yield
    finally:
        LOCALE.reset(tokens[1])
        PAGE.reset(tokens[0])


def page_options(settings: Any) -> PageOptions:
    """PageOptions from a Config (or any object with those attributes); bad values raise
    ValueError naming the key, so the config's loader can report them."""
    view = _view(getattr(settings, "view", None))
    for key in ("accent", "accent_dark"):
        value = getattr(settings, key, None)
        if value is not None and not _COLOUR.fullmatch(str(value)):
            raise ValueError(f"{key}: not a CSS colour (#rrggbb, #rgb or a name): {value!r}")
    for key, allowed in (("logo", IMAGE_TYPES), ("font", set(FONT_TYPES))):
        value = getattr(settings, key, None)
        if value is not None and Path(value).suffix.lower() not in allowed:
            raise ValueError(f"{key}: expected one of {', '.join(sorted(allowed))}: {value}")
    logo, font = getattr(settings, "logo", None), getattr(settings, "font", None)
    return PageOptions(
        title=str(getattr(settings, "title", "Timeline")),
        locale=resolve(getattr(settings, "locale", None)),
        description=str(getattr(settings, "description", "") or ""),
        logo=Path(logo) if logo else None,
        accent=getattr(settings, "accent", None),
        accent_dark=getattr(settings, "accent_dark", None),
        font=Path(font) if font else None,
        view=view,
        base_url=str(getattr(settings, "base_url", "") or ""),
        media_root=Path(settings.content) if getattr(settings, "content", None) else None,
    )


def _view(value: object) -> tuple[str, str] | None:
    """``view: {from: 2010-04-20, to: 2010-09-30}`` or ``view: 2010-04-20/2010-09-30``."""
    if value is None:
        return None
    if isinstance(value, dict):
        pair: tuple[object, object] = (value.get("from"), value.get("to"))
    else:
        first, _, last = str(value).partition("/")
        pair = (first, last) if "/" in str(value) else (None, None)
    days = tuple(v.isoformat() if isinstance(v, dt.date) else str(v) for v in pair)
    if not all(_DAY.fullmatch(d) for d in days) or days[0] > days[1]:
        raise ValueError(f"view: expected from and to as YYYY-MM-DD, from before to: {value!r}")
    return (days[0], days[1])


def theme_css(page: PageOptions) -> str:
    """static/theme.css: the newsroom's colours and font over the page's own (a file: the CSP
    allows no inline style)."""
    out = ["/* from timeline.yaml: accent colours and font */"]
    if page.font is not None:
        kind = FONT_TYPES[page.font.suffix.lower()]
        out.append(
            f'@font-face {{ font-family: "Site font"; src: url("font{page.font.suffix.lower()}") '
            f'format("{kind}"); font-display: swap; }}'
        )
        out.append('body { font-family: "Site font", system-ui, sans-serif; }')
    if page.accent:
        out.append(f":root {{ --accent: {page.accent}; --bar: {page.accent}; }}")
    if page.accent_dark:
        out.append(
            f"@media (prefers-color-scheme: dark) {{ :root {{ --accent: {page.accent_dark}; "
            f"--bar: {page.accent_dark}; }} }}"
        )
    return "\n".join(out) + "\n"
