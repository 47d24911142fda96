"""embed.html: the timeline in a newsroom's <iframe> (axis and story, no site chrome, a link back to
the full page), in Debian's Chromium, offline; and the snippet the full page offers."""

from __future__ import annotations

from pathlib import Path

import pytest
from synthetic import story  # tests/synthetic.py

from timeline.render import render_site
from timeline.render.page import PageOptions

pytestmark = pytest.mark.browser
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
PHONE_FRAME = {"viewport": {"width": 390, "height": 600}, "is_mobile": True, "has_touch": True}
HOST = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host article</title>
</head><body><p>An article of the newsroom's own.</p>
<iframe id="frame" src="site/embed.html" title="Timeline" width="100%" height="600"
 style="border:0"></iframe>
<script>
addEventListener("message", function (e) {
  if (e.data && e.data.timeline === "height") {
    document.getElementById("frame").style.height = e.data.height + "px";
    document.body.dataset.height = e.data.height;
  }
});
</script></body></html>"""


@pytest.fixture(scope="session")
def embed_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import base64
    from dataclasses import replace

    from timeline.models import ArticleImage

    root = tmp_path_factory.mktemp("embed")
    (root / "content" / "story").mkdir(parents=True)
    gif = base64.b64decode("R0lGODlhAQABAIAAAAUEBAAAACwAAAAAAQABAAACAkQBADs=")
    (root / "content" / "story" / "rig.gif").write_bytes(gif)
    events, articles = story(120)
    # the first article's own picture (as its front matter would give it): its events show it
    articles[0] = replace(
        articles[0], image=ArticleImage("story/rig.gif", "The rig", "AP", "Day one")
    )
    page = PageOptions(title="Gulf <oil> spill", media_root=root / "content")
    render_site(events, articles, root / "site", page=page)
    (root / "host.html").write_text(HOST, encoding="utf-8")
    return root


def test_embed_page_shows_the_events_without_the_sites_chrome(open_page, embed_root: Path) -> None:
    page = open_page((embed_root / "site" / "embed.html").as_uri(), **PHONE_FRAME)
    assert page.evaluate("document.documentElement.className").split() >= ["embed"]
    assert page.locator("html.story-mode").count() == 1
    assert page.locator(".site-header, .site-footer").count() == 0
    assert page.locator(".lanes .item").count() >= 4  # events on the axis
    axis = page.locator("#axis").bounding_box()
    assert axis["y"] + axis["height"] <= 600  # the axis is in the frame's first screen on a phone
    assert page.locator("#story").is_visible() and page.locator("#timeline").is_hidden()
    first = page.inner_text("#story-title")
    page.click("#story-next")
    assert page.inner_text("#story-title") != first
    link = page.locator("#full-page")
    assert link.get_attribute("target") == "_top"
    selected = page.evaluate("timelineApp.selected() >= 0 && location.hash")
    assert link.get_attribute("href").startswith("index.html?") and link.get_attribute(
        "href"
    ).endswith(selected)
    assert "embed" not in link.get_attribute("href")  # the full page, not an embed of it
    assert "embed" not in page.evaluate("location.search")
    # an article opens in the host's window (the click reaches the page's handler, not the
    # navigation)
    page.evaluate("addEventListener('click', e => e.preventDefault())")
    source = page.locator("#story-card .sources a").first
    source.click()
    assert source.get_attribute("target") == "_top"


def test_embed_in_an_iframe_tells_the_host_its_height(
    open_page, embed_root: Path, serve_dir
) -> None:
    root = serve_dir(embed_root)
    page = open_page(root + "host.html", wait_ready=False, **PHONE_FRAME)
    page.wait_for_function("() => Number(document.body.dataset.height) > 300", timeout=15000)
    frame = page.frame_locator("#frame")
    assert frame.locator(".lanes .item").count() >= 4
    assert frame.locator("#story-title").is_visible()


def test_embed_story_card_shows_the_articles_picture(open_page, embed_root: Path) -> None:
    page = open_page((embed_root / "site" / "embed.html").as_uri() + "#ev-s0000", **PHONE_FRAME)
    img = page.locator("#story-card figure img")
    assert img.get_attribute("alt") == "The rig" and img.get_attribute("src").startswith("media/")
    page.wait_for_function(
        "() => document.querySelector('#story-card figure img').naturalWidth > 0"
    )
    assert page.inner_text("#story-card figcaption") == "Day one · AP"


def test_full_page_offers_the_embed_snippet(open_page, embed_root: Path) -> None:
    page = open_page((embed_root / "site" / "index.html").as_uri())
    page.click(".embed-code summary")
    snippet = page.input_value("#embed-snippet")
    assert snippet.startswith('<iframe src="embed.html" title="Gulf &lt;oil&gt; spill"'), snippet
    assert page.locator("#embed-copy").count() == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("frame", ["phone", "article-column"])
def test_axe_embed_page(open_page, embed_root: Path, scheme: str, frame: str) -> None:
    size = PHONE_FRAME if frame == "phone" else {"viewport": {"width": 700, "height": 600}}
    page = open_page(
        (embed_root / "site" / "embed.html").as_uri() + "#ev-s0003",
        bypass_csp=True,
        color_scheme=scheme,
        **size,
    )
    page.add_script_tag(path=str(NODE_MODULES / "axe-core" / "axe.min.js"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations'], preload: false})")
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []
