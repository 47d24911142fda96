"""The reader's language: every locale has every string, dates are written by Babel in the site's
locale, the page says its language, and weekend and part-of-day values are placed on the
calendar."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html
from synthetic import synthetic  # tests/synthetic.py

from timeline.render import render_site
from timeline.render.dates import date_label, day_span
from timeline.render.locale import LOCALES_DIR, available, resolve
from timeline.render.page import PageOptions, page_options, page_scope

WANTED = {"en", "de", "fr", "es", "it"}


def test_five_locales_each_with_every_key() -> None:
    assert WANTED <= set(available())
    english = set(yaml.safe_load((LOCALES_DIR / "en.yaml").read_text(encoding="utf-8")))
    for locale in available():
        keys = set(yaml.safe_load((LOCALES_DIR / f"{locale}.yaml").read_text(encoding="utf-8")))
        assert keys == english, (locale, sorted(english ^ keys))


@pytest.mark.parametrize(
    "locale,day,week,season",
    [
        ("en", "26 May 2010", "week of 19 April 2010", "spring 2011"),
        ("de", "26. Mai 2010", "Woche vom 19. April 2010", "Frühjahr 2011"),
        ("fr", "26 mai 2010", "semaine du 19 avril 2010", "printemps 2011"),
        ("es", "26 de mayo de 2010", "semana del 19 de abril de 2010", "primavera de 2011"),
        ("it", "26 maggio 2010", "settimana del 19 aprile 2010", "primavera 2011"),
    ],
)
def test_dates_as_a_reader_says_them(locale: str, day: str, week: str, season: str) -> None:
    with page_scope(PageOptions(locale=locale)):
        assert (date_label("2010-05-26"), date_label("2010-W16"), date_label("2011-SP")) == (
            day,
            week,
            season,
        )


def test_every_calendar_value_has_a_place() -> None:
    assert day_span("2010-W16-WE") == (day_span("2010-04-24")[0], day_span("2010-04-25")[0])  # type: ignore[index]
    for value in ("2010-12-02TNI", "2010-12-02TMO", "2010-12-02TAF", "2010-12-02TEV"):
        assert day_span(value) == day_span("2010-12-02")
        assert date_label(value).startswith("2 December 2010, ")


def test_unknown_locales_fall_back_to_english() -> None:
    assert resolve("de-AT") == "de" and resolve("pt_BR") == "en" and resolve(None) == "en"


def test_bad_page_settings_name_the_key() -> None:
    class Settings:
        accent = "red; } body { display: none"

    with pytest.raises(ValueError, match="accent"):
        page_options(Settings())


def test_german_site(tmp_path: Path) -> None:
    events, articles = synthetic(40, articles=3)
    render_site(
        events,
        articles,
        tmp_path / "site",
        page=PageOptions(title="Ölpest", locale="de", description="Die Chronik"),
    )
    page = lxml_html.parse(str(tmp_path / "site" / "index.html")).getroot()
    assert page.get("lang") == "de"
    assert page.xpath("//label[@for='q']/text()") == ["Suche"]
    assert page.xpath("//meta[@property='og:description']/@content") == ["Die Chronik"]
    assert page.xpath("//meta[@property='og:title']/@content") == ["Ölpest"]
    meta = (tmp_path / "site" / "data" / "meta.js").read_text(encoding="utf-8")
    assert '"locale":"de"' in meta and "Ereignisse" in meta
