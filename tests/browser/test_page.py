"""The interactive page in Debian's Chromium: offline loading, zoom, pan, filters, search,
keyboard, deep links, no-JS reading, axe-core, and dates that no time zone can move."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"

pytestmark = pytest.mark.browser
TRICKY_IDS = {"ev-day", "ev-month", "ev-week", "ev-range", "ev-year", "ev-xss", "ev-undated"}


def url(site: Path, query: str = "") -> str:
    return (site / "index.html").as_uri() + query


def visible_ids(page) -> set[str]:
    return set(
        page.eval_on_selector_all(
            "#timeline li.event",
            "els => els.filter(e => e.offsetParent !== null || e.checkVisibility()).map(e => e.id)",
        )
    )


def span_days(page) -> float:
    return page.evaluate("timelineApp.view.to - timelineApp.view.from")


def test_loads_from_file_url_offline(open_page, tricky_site: Path) -> None:
    page = open_page(url(tricky_site))
    assert visible_ids(page) == TRICKY_IDS
    assert page.locator("#app").is_visible()
    assert page.locator(".lanes .item").count() >= 4
    assert "alert(1)" not in page.evaluate("String(self.alerted || '')")
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0


def test_loads_from_local_server_offline(open_page, http_root: str) -> None:
    page = open_page(http_root + "index.html")
    assert visible_ids(page) == TRICKY_IDS
    page.goto(http_root + "articles/")  # directory listing, not ours: just the article pages below
    page.goto(http_root + "index.html#ev-day")
    page.wait_for_selector("html[data-timeline=ready]", state="attached")
    page.click("#ev-day .sources a")
    page.wait_for_url(re.compile(r"articles/.*#q-ev-day"))
    assert page.locator("mark#q-ev-day").is_visible()


def test_zoom_pan_buttons_keys_wheel_drag(open_page, dense_site: Path) -> None:
    page = open_page(url(dense_site))
    full = span_days(page)
    page.click("#zoom-in")
    assert span_days(page) == pytest.approx(full / 2)
    page.focus("#axis")
    page.keyboard.press("+")
    page.keyboard.press("+")
    assert span_days(page) == pytest.approx(full / 8)
    before = page.evaluate("timelineApp.view.from")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("timelineApp.view.from") > before
    box = page.locator("#axis").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 20)
    for _ in range(30):  # wheel down to zoom to days, far beyond the buttons' steps
        page.mouse.wheel(0, -400)
    assert span_days(page) == pytest.approx(3, abs=0.01)  # the closest zoom: three days
    ticks = page.eval_on_selector_all(".tick", "els => els.map(e => e.textContent)")
    assert any(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2}( \d{4})?", t) for t in ticks), ticks
    page.click("#zoom-all")
    assert span_days(page) == pytest.approx(full)
    start = page.evaluate("timelineApp.view.from")
    page.mouse.move(box["x"] + 600, box["y"] + 150)
    page.mouse.down()
    page.mouse.move(box["x"] + 300, box["y"] + 150, steps=5)
    page.mouse.up()
    assert page.evaluate("timelineApp.view.from") > start  # dragged left: later dates
    page.wait_for_function("() => location.search.includes('from=')")


def test_clusters_show_counts_and_zoom_in(open_page, dense_site: Path) -> None:
    page = open_page(url(dense_site))
    cluster = page.locator(".more-row .cluster").first
    assert re.fullmatch(r"\+[\d,]+", cluster.inner_text())
    labels = page.eval_on_selector_all(
        ".lanes .item",
        "els => els.map(e => e.getBoundingClientRect())"
        ".map(r => [r.left, r.top, r.right, r.bottom])",
    )
    for i, a in enumerate(labels):  # no two labels overlap
        for b in labels[i + 1 :]:
            assert a[2] <= b[0] + 0.5 or b[2] <= a[0] + 0.5 or a[3] <= b[1] or b[3] <= a[1], (a, b)
    for _ in range(6):  # a "+n" group always zooms in, and towards its events
        before = span_days(page)
        groups = page.locator(".more-row .cluster")
        if groups.count() == 0 or before <= 3.01:
            break
        groups.nth(groups.count() // 2).click()
        assert span_days(page) <= before / 2 + 0.01
        assert page.evaluate("document.querySelectorAll('.lanes .item').length") > 0


def test_filters_and_search(open_page, tricky_site: Path) -> None:
    page = open_page(url(tricky_site))
    page.select_option("#f-tag", "training")
    assert visible_ids(page) == {"ev-range"}
    page.select_option("#f-tag", "")
    page.fill("#q", "PROBE")  # case folded; matches the text of ev-day
    assert visible_ids(page) == {"ev-day"}
    page.fill("#q", "leaked 2024")  # every word must match (here: in the quote)
    assert visible_ids(page) == {"ev-day"}
    page.fill("#q", "")
    page.select_option("#f-lang", "de")
    assert visible_ids(page) == {"ev-undated"}
    page.fill("#f-place", "Paris")
    assert visible_ids(page) == {"ev-undated"}
    page.wait_for_function(
        "() => location.search.includes('lang=de') && location.search.includes('place=Paris')"
    )
    assert page.locator("#y-2024").is_hidden()  # headings of empty years and months go too
    page.wait_for_function("() => document.getElementById('status').textContent.includes('1 of 7')")
    page.click("#clear")
    page.wait_for_function("() => document.getElementById('status').textContent.includes('all 7')")
    assert visible_ids(page) == TRICKY_IDS
    page.check("#inview")
    # the form's own refilter runs first (on a loaded machine it came after the view was set)
    page.wait_for_function("() => location.search.includes('inview=1')")
    page.evaluate("timelineApp.setView(19754, 19783)")  # February 2024 only
    page.wait_for_function("() => !document.getElementById('ev-day').checkVisibility()")
    assert visible_ids(page) == {"ev-month", "ev-week"}


def test_deep_link_restores_filters_view_and_selection(open_page, tricky_site: Path) -> None:
    page = open_page(url(tricky_site, "?q=investigation&from=2024-02-01&to=2024-03-31#ev-day"))
    assert page.input_value("#q") == "investigation"
    assert visible_ids(page) == {"ev-day"}
    assert page.evaluate(
        "[timelineApp.iso(timelineApp.view.from), timelineApp.iso(timelineApp.view.to - 1)]"
    ) == ["2024-02-01", "2024-03-31"]
    assert page.locator("#ev-day.selected").count() == 1
    assert page.locator(".item[aria-current=true]").inner_text().endswith("Investigation launched")
    page.goto(url(tricky_site, "#ev-week"))  # no zoom in the link: the axis goes to the event
    page.wait_for_selector("html[data-timeline=ready]", state="attached")
    assert page.locator(".item.selected").count() == 1


def test_keyboard_only(open_page, tricky_site: Path) -> None:
    page = open_page(url(tricky_site, "?from=2024-02-01&to=2024-03-31"))
    page.focus("#story-mode")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "axis"
    page.keyboard.press("-")
    page.keyboard.press("+")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('data-i')")
    assert focused is not None
    page.keyboard.press("Enter")
    # the story card opens under the axis with the focus on its headline; the axis is a few
    # Shift+Tab away
    assert page.evaluate("document.activeElement.id") == "story-title"
    selected = page.evaluate("timelineApp.selected()")
    eid = page.evaluate(f"document.querySelectorAll('#timeline li.event')[{selected}].id")
    assert eid in TRICKY_IDS and page.locator(f"#{eid}.selected").count() == 1
    page.wait_for_function(f"() => location.hash === '#{eid}'")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    presses = 0
    while presses < 9 and not page.evaluate(
        "document.getElementById('axis').contains(document.activeElement)"
    ):
        page.keyboard.press("Shift+Tab")
        presses += 1
    assert presses <= 8
    page.focus("#ev-month .permalink")
    page.keyboard.press("Enter")  # the list drives the axis
    page.wait_for_function(
        "() => "
        "document.querySelector('.item[aria-current=true]')?.textContent.includes('February "
        "talks')"
    )


def test_without_javascript_every_event_is_listed(open_page, tricky_site: Path) -> None:
    page = open_page(url(tricky_site), java_script_enabled=False)
    assert visible_ids(page) == TRICKY_IDS
    assert page.locator("#app").is_hidden()
    assert page.locator("ol.events time[datetime='2024-03-03']").count() == 1
    assert page.locator("h2", has_text="Undated").count() == 1
    assert page.locator("h3", has_text="March 2024").count() == 1
    assert page.locator("#ev-xss .event-title").inner_text().startswith("</script><script>")


AXE_MATRIX = [("light", 1200), ("dark", 1200), ("light", 360), ("dark", 360)]


@pytest.mark.parametrize("scheme,width", AXE_MATRIX)
def test_axe_finds_no_violation(open_page, tricky_site: Path, scheme: str, width: int) -> None:
    page = open_page(
        url(tricky_site, "#ev-day"),
        bypass_csp=True,
        color_scheme=scheme,
        viewport={"width": width, "height": 800},
    )
    page.add_script_tag(path=str(NODE_MODULES / "axe-core" / "axe.min.js"))
    for target in (url(tricky_site, "#ev-day"),):
        result = page.evaluate("axe.run(document, {resultTypes: ['violations'], preload: false})")
        problems = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
        assert problems == [], (target, problems)
    article = sorted((tricky_site / "articles").glob("*.html"))[0]
    page.goto(article.as_uri())
    page.add_script_tag(path=str(NODE_MODULES / "axe-core" / "axe.min.js"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations'], preload: false})")
    assert [v["id"] for v in result["violations"]] == []


def test_phone_width_has_no_sideways_scroll(open_page, tricky_site: Path) -> None:
    page = open_page(
        url(tricky_site), viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator(".lanes .item").count() >= 1


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_dates_do_not_move_with_the_time_zone(open_page, tricky_site: Path, zone: str) -> None:
    page = open_page(url(tricky_site, "?from=2024-03-01&to=2024-03-05"), timezone_id=zone)
    assert page.text_content("#range").startswith("1 Mar 2024 – 5 Mar 2024")
    assert page.locator(".item[data-i]", has_text="Investigation launched").count() == 1
    ticks = page.eval_on_selector_all(".tick", "els => els.map(e => e.textContent)")
    assert ticks[:5] == ["1 Mar", "2 Mar", "3 Mar", "4 Mar", "5 Mar"], ticks


def test_big_site_without_javascript_lists_every_event_on_year_pages(
    open_page, big_site: Path
) -> None:
    page = open_page(url(big_site), java_script_enabled=False)
    assert page.locator("#timeline li.event").count() == 0
    links = page.eval_on_selector_all(
        ".year-pages a", "els => els.map(e => e.getAttribute('href'))"
    )
    assert links[0] == "years/1990.html" and links[-1] == "years/undated.html"
    seen = 0
    for href in links:
        page.goto((big_site / href).as_uri())
        seen += page.locator("li.event").count()
    assert seen == 2600
    page.click(".sources a >> nth=0")
    page.wait_for_url(re.compile(r"/articles/.*#q-"))


def test_big_site_lazy_list(open_page, big_site: Path) -> None:
    page = open_page(url(big_site))
    assert page.evaluate("timelineApp.N") == 2600
    shown = page.locator("#list li.event").count()
    assert 0 < shown < 200  # a window, not 2,600 rows
    # the first rows' HTML comes with the page
    assert page.locator("#list li.event.pending").count() == 0
    page.locator("#list .more-later").scroll_into_view_if_needed()
    page.wait_for_function(f"() => document.querySelectorAll('#list li.event').length > {shown}")
    # the search words come after the page is usable
    page.wait_for_function("() => timelineApp.searchReady")
    page.fill("#q", "missile coalition")
    n = page.evaluate("+document.getElementById('app').dataset.shown")
    assert 0 < n < 2600
    texts = page.eval_on_selector_all(
        "#list li.event", "els => els.map(e => e.textContent.toLowerCase())"
    )
    assert texts and all("missile" in t and "coalition" in t for t in texts)
    page.fill("#q", "")
    last = page.evaluate(
        "(() => { const r = self.TIMELINE_DATA; return document.querySelector('.lanes "
        ".item[data-i]') && "
        "timelineApp.N; })()"
    )
    assert last == 2600
    # a deep link far down the list: its rows load on demand and the event is shown, selected
    target = page.evaluate(
        "(() => { const ids = []; for (const c of self.TIMELINE_DATA) if (c.rows) for (const "
        "r of c.rows) "
        "if (r[1] !== null) ids.push(r[0]); return ids[2000]; })()"
    )
    page.goto(url(big_site, "#" + target))
    page.wait_for_selector("html[data-timeline=ready]", state="attached")
    page.wait_for_selector(f"#list li.event.selected[id='{target}']:not(.pending) .sources a")
    assert page.locator(".item[aria-current=true]").count() == 1
    page.click("#zoom-all")
    page.locator(".lanes .item[data-i]").first.click()
    page.wait_for_function("() => document.activeElement.id === 'story-title'")
    assert page.locator("#list li.event.selected").count() == 1


@pytest.mark.parametrize("scheme,width", [("light", 1200), ("dark", 360)])
def test_big_site_axe(open_page, big_site: Path, scheme: str, width: int) -> None:
    page = open_page(
        url(big_site),
        bypass_csp=True,
        color_scheme=scheme,
        viewport={"width": width, "height": 800},
    )
    page.add_script_tag(path=str(NODE_MODULES / "axe-core" / "axe.min.js"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations'], preload: false})")
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []
    page.goto((big_site / "years" / "2000.html").as_uri())
    page.add_script_tag(path=str(NODE_MODULES / "axe-core" / "axe.min.js"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations'], preload: false})")
    assert [v["id"] for v in result["violations"]] == []


def test_big_site_from_local_server_loads_its_chunks(open_page, big_site: Path, serve_dir) -> None:
    root = serve_dir(big_site)
    page = open_page(root + "index.html#ev-002500")
    page.wait_for_selector("#list li.event.selected[id='ev-002500']:not(.pending) .sources a")
    page.wait_for_function("() => timelineApp.searchReady")
    page.fill("#q", "zzz-nothing")
    assert page.locator("#list li.event").count() == 0
