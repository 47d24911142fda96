"""The reader's language: interface strings per locale (``locales/<lang>.yaml``, data, not code) and
the locale a render writes in.

A render sets ``LOCALE`` once (``use_locale``) and everything it writes follows: the templates'
strings, the dates (``dates.py``, through Babel's CLDR data, never hand-written month tables) and
the strings the page's script shows (``meta.js``). Adding a language is adding a file here with
every key of ``en.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

import yaml

LOCALES_DIR = Path(__file__).with_name("locales")
DEFAULT = "en"
LOCALE: ContextVar[str] = ContextVar("timeline_locale", default=DEFAULT)


def available() -> list[str]:
    return sorted(p.stem for p in LOCALES_DIR.glob("*.yaml"))


def resolve(requested: str | None) -> str:
    """The locale to write in: ``requested`` ("de", "de-AT", "de_AT") when there are strings for
    its language, else English."""
    if not requested:
        return DEFAULT
    lang = requested.replace("-", "_").split("_")[0].lower()
    return lang if lang in available() else DEFAULT


@lru_cache(maxsize=16)
def strings(locale: str) -> dict[str, str]:
    """Every interface string of ``locale``; a key the file lacks falls back to English."""
    english = _load(DEFAULT)
    return {**english, **_load(locale)} if locale != DEFAULT else english


def _load(locale: str) -> dict[str, str]:
    loaded = yaml.safe_load((LOCALES_DIR / f"{locale}.yaml").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in loaded.items()}


def t(key: str, a: object = "", n: object = "") -> str:
    """The string ``key`` of the current locale, ``{a}`` and ``{n}`` filled in."""
    return strings(LOCALE.get())[key].replace("{a}", str(a)).replace("{n}", str(n))


@contextmanager
def use_locale(locale: str) -> Iterator[None]:
    token = LOCALE.set(resolve(locale))
    try:
        yield
    finally:
        LOCALE.reset(token)
