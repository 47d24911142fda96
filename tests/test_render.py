"""The renderer without a browser: calendar spans, the no-JS list, safe data files, determinism."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html
from synthetic import synthetic, tricky  # tests/synthetic.py

from timeline.render import render_site
from timeline.render.client_data import fold, script_json
from timeline.render.dates import date_label, day_span, iso_date


def days(iso: str) -> int:
    return (dt.date.fromisoformat(iso) - dt.date(1970, 1, 1)).days


@pytest.mark.parametrize(
    "value,end,first,last",
    [
        ("2024-03-03", None, "2024-03-03", "2024-03-03"),
        ("2024-03-03T22:33", None, "2024-03-03", "2024-03-03"),
        ("2024-02", None, "2024-02-01", "2024-02-29"),
        ("2024-W08", None, "2024-02-19", "2024-02-25"),
        ("2020-W53", None, "2020-12-28", "2021-01-03"),
        ("2024-Q4", None, "2024-10-01", "2024-12-31"),
        ("2024-WI", None, "2024-12-01", "2025-02-28"),
        ("2024", None, "2024-01-01", "2024-12-31"),
        ("202", None, "2020-01-01", "2029-12-31"),
        ("2024-03-10", "2024-03-20", "2024-03-10", "2024-03-20"),
        ("2024-03", "2024-05", "2024-03-01", "2024-05-31"),
    ],
)
def test_day_span_covers_the_precision(value: str, end: str | None, first: str, last: str) -> None:
    assert day_span(value, end) == (days(first), days(last))
    assert iso_date(days(first)) == first


@pytest.mark.parametrize(
    "value", [None, "", "PRESENT_REF", "XXXX-03-03", "2024-13", "2024-02-30", "2024-W60"]
)
def test_no_span_for_what_a_calendar_cannot_place(value: str | None) -> None:
    assert day_span(value) is None


def test_labels() -> None:
    assert date_label("2024-02-29") == "29 February 2024"
    assert date_label("2024-W08") == "week of 19 February 2024"
    assert date_label("2024-W08-WE") == "weekend of 24 February 2024"
    assert date_label("2024-SU") == "summer 2024"
    assert date_label("2024-02-29TNI") == "29 February 2024, night"
    assert date_label("202") == "the 2020s"


def test_script_json_cannot_be_closed_or_broken() -> None:
    text = script_json({"t": "</script><!-- & \u2028\u2029 >"})
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text) == {"t": "</script><!-- & \u2028\u2029 >"}


def test_fold_matches_the_scripts_folding() -> None:
    assert fold("  Élysée  ÜBER\tstraße ") == "elysee uber straße"


def test_no_js_list_is_complete_and_semantic(tricky_site: Path) -> None:
    page = lxml_html.parse(str(tricky_site / "index.html")).getroot()
    ids = page.xpath("//section[@id='timeline']//ol[@class='events']/li/@id")
    assert sorted(ids) == sorted(e.id for e in tricky()[0])
    assert page.xpath("//section[@id='timeline']//h2/text()") == ["1998", "2024", "Undated"]
    assert page.xpath("//section[@class='year'][2]//h3/text()") == [
        "February 2024",
        "March 2024",
        "December 2024",
    ]
    # month event, then the week inside February; day before the range in March
    assert page.xpath("//section[@class='year'][2]//li/@id")[:4] == [
        "ev-month",
        "ev-week",
        "ev-day",
        "ev-range",
    ]
    assert page.xpath("//li[@id='ev-week']//time/@datetime") == ["2024-W08"]
    assert page.xpath("//li[@id='ev-range']//time/@datetime") == ["2024-03-10", "2024-03-20"]
    day = page.xpath("//li[@id='ev-day']")[0].text_content()
    for expected in (
        "3 March 2024",
        "Olaf Scholz",
        "Berlin",
        "intelligence",
        "The call leaked on 3 March 2024.",
        "Example Post",
    ):
        assert expected in day
    # the reader's card: outlet and article title, no file name or TIMEX value but in the editor's
    # view (?debug)
    tech = " ".join(page.xpath("//li[@id='ev-day']//span[@class='tech']//text()"))
    assert "2024-03-03" in tech and "a/001.md" in tech and "“3 March 2024”" in tech
    assert page.xpath("//li[@id='ev-day']//ul[@class='sources']/li/a/@href")[0].startswith(
        "articles/a-001-"
    )
    assert page.xpath("//script[not(@src)]") == []
    assert page.xpath("//*[@id='app'][@hidden]")


def test_hostile_text_is_escaped_everywhere(tricky_site: Path) -> None:
    for path in [
        tricky_site / "index.html",
        *tricky_site.glob("data/*.js"),
        *tricky_site.glob("articles/*.html"),
    ]:
        text = path.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text, path


def test_article_page_highlights_each_quote_once(tricky_site: Path) -> None:
    article = next(p for p in (tricky_site / "articles").glob("a-001-*.html"))
    page = lxml_html.parse(str(article)).getroot()
    ids = page.xpath("//mark/@id")
    assert len(ids) == len(set(ids)) and "q-ev-day" in ids


def test_output_is_byte_identical(tmp_path: Path) -> None:
    events, articles = synthetic(300, articles=5)
    for name in ("a", "b"):
        render_site(
            list(reversed(events)) if name == "b" else events,
            articles,
            tmp_path / name,
            title="Same",
        )
    files_a = sorted(
        p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file()
    )
    files_b = sorted(
        p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file()
    )
    assert files_a == files_b
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_data_rows_follow_the_list_order(tmp_path: Path) -> None:
    events, articles = synthetic(12000, articles=20)
    render_site(events, articles, tmp_path / "site", title="Big")
    chunks = sorted((tmp_path / "site" / "data").glob("events-*.js"))
    assert [c.name for c in chunks] == ["events-000.js", "events-001.js", "events-002.js"]
    rows = []
    for chunk in chunks:
        text = chunk.read_text(encoding="utf-8")
        rows += json.loads(text[text.index("push(") + 5 : text.rindex(")")])["rows"]
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    # too many for one page: one page per year, linked from the index
    assert '<li class="event"' not in index
    pages = re.findall(r'<a href="(years/[^"]+)">', index)
    assert pages[-1] == "years/undated.html" and len(pages) == len(set(pages)) == 37
    listed = [
        i
        for href in pages
        for i in re.findall(
            r'<li class="event" id="([^"]+)"',
            (tmp_path / "site" / href).read_text(encoding="utf-8"),
        )
    ]
    # every event on exactly one year page, in the data's order
    assert [r[0] for r in rows] == listed
    year = (tmp_path / "site" / "years" / "2024.html").read_text(encoding="utf-8")
    assert 'href="../articles/' in year and 'href="articles/' not in year and 'rel="prev"' in year
    html_rows = []
    meta_text = (tmp_path / "site" / "data" / "meta.js").read_text(encoding="utf-8")
    meta = json.loads(meta_text[meta_text.index("push(") + 5 : meta_text.rindex(")")])["meta"]
    assert sorted(f"html-{name}.js" for name in meta["html_files"]) == sorted(
        p.name for p in (tmp_path / "site" / "data").glob("html-*.js")
    )
    for name in meta["html_files"]:  # in list order
        text = (tmp_path / "site" / "data" / f"html-{name}.js").read_text(encoding="utf-8")
        assert json.loads(text[text.index("push(") + 5 : text.rindex(")")])["html_chunk"] == name
        assert meta["html_starts"][meta["html_files"].index(name)] == len(html_rows)
        html_rows += json.loads(text[text.index("push(") + 5 : text.rindex(")")])["html"]
    assert [re.search(r'id="([^"]+)"', h)[1] for h in html_rows] == listed
    starts = [r[1] for r in rows if r[1] is not None]
    assert starts == sorted(starts)


def test_search_words_are_distinct_and_beside_the_rows(tmp_path: Path) -> None:
    events, articles = tricky()
    render_site(events, articles, tmp_path / "site", title="T")
    text = (tmp_path / "site" / "data" / "search-000.js").read_text(encoding="utf-8")
    words = json.loads(text[text.index("push(") + 5 : text.rindex(")")])["search"]
    assert len(words) == len(events) and all(len(w.split()) == len(set(w.split())) for w in words)
    assert any("probe" in w for w in words)
    # small: with the page
    assert 'src="data/search-000.js"' in (tmp_path / "site" / "index.html").read_text(
        encoding="utf-8"
    )


def test_a_rebuild_keeps_unchanged_files(tmp_path: Path) -> None:
    """Unchanged pages, data chunks and exports are the previous site's files (same inode);
    changed ones are new."""
    events, articles = synthetic(300, articles=6)
    site = tmp_path / "site"
    render_site(events, articles, site, title="T")
    before = {p.relative_to(site): p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    changed = events[0].id
    events = [e if e.id != changed else dataclasses.replace(e, title="A new title") for e in events]
    render_site(events, articles, site, title="T")
    after = {p.relative_to(site): p.stat().st_ino for p in site.rglob("*") if p.is_file()}
    assert set(after) == set(before)
    kept = {p for p in after if after[p] == before[p]}
    assert Path("index.html") not in kept and Path("events.json") not in kept
    # article pages do not show event titles
    assert all(p in kept for p in after if p.parts[0] == "articles")
    # the rows and the search words of the event
    assert sum(p.parts[0] == "data" and p not in kept for p in after) == 2
    assert "A new title" in (site / "index.html").read_text(encoding="utf-8")
