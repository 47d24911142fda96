"""Pictures taken from the articles themselves: front matter, an HTML page's og:image or first
<figure>, a Markdown image. Only local files under content/ (never a web address); the editor's
image: wins, image: none removes it; a picture that cannot be shown is named in one line and the
build goes on; an incremental build notices a changed picture and writes what a full build writes.
"""

from __future__ import annotations

import json
import os
import random
import time
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import html as lxml_html
from sitefiles import assert_same
from synthetic import story  # tests/synthetic.py
from test_incremental import copy_data, paragraphs, site_build
from test_render_page import png

from timeline.config import load_config
from timeline.ingest.cache import _decode, _encode
from timeline.ingest.html import read_html
from timeline.ingest.markdown import read_markdown
from timeline.ingest.media import image_path
from timeline.models import ArticleImage
from timeline.pipeline import build as pipeline_build
from timeline.render import render_site
from timeline.render.media import event_media, media_problems
from timeline.render.page import PageOptions, page_scope
from timeline.render.site import article_slug
from timeline.report import BufferReporter

BODY = "The well was capped on 15 July 2010 after months of leaking oil into the Gulf. " * 3
PAST = time.time() - 3600


def page_html(head: str, body: str) -> str:
    return (
        f"<html><head><title>Spill</title>{head}</head><body><article><h1>Spill</h1><p>{BODY}</p>"
        f"{body}<p>{BODY}</p></article></body></html>"
    )


def test_front_matter_picture_with_alt_credit_and_caption() -> None:
    text = (
        "---\ntitle: Capped\nimage: photos/well.png\nimage_alt: The capped well\nimage_credit: BP\n"
        "caption: Day 87\n---\n" + BODY + "\n\n![Another](other.png)\n"
    )
    article = read_markdown("gulf/capped.md", text)
    assert article.image == ArticleImage("gulf/photos/well.png", "The capped well", "BP", "Day 87")


def test_markdown_image_and_what_is_never_kept() -> None:
    article = read_markdown(
        "gulf/a.md", BODY + '\n\n![The rig <b>burning</b>](../photos/rig%20one.png "Day 1")\n'
    )
    assert article.image == ArticleImage(
        "photos/rig one.png", "The rig <b>burning</b>", "", "Day 1"
    )
    for src in (
        "https://example.org/rig.png",
        "//cdn.example.org/rig.png",
        "data:image/png;base64,AAAA",
        "javascript:alert(1)",
        "",
    ):
        assert read_markdown("gulf/a.md", f"{BODY}\n\n![x]({src})\n").image is None, src
    assert read_markdown("gulf/a.md", f"---\nimage: none\n---\n{BODY}\n").image is None
    assert (
        read_markdown("gulf/a.md", f"---\nimage: [a, b]\n---\n{BODY}\n").image is None
    )  # not text: none


def test_html_og_image_then_first_figure() -> None:
    og = page_html(
        '<meta property="og:image" content="/img/lead.jpg">'
        '<meta property="og:image:alt" content="Lead">',
        '<figure><img src="fig.png" alt="Fig"><figcaption>Caption</figcaption></figure>',
    )
    assert read_html("news/p.html", og).image == ArticleImage("img/lead.jpg", "Lead")
    remote = page_html(
        '<meta property="og:image" content="https://example.org/lead.jpg">',
        '<img src="logo.png"><figure><img src="fig.png" alt="Fig">'
        "<figcaption>The rig <script>alert(1)</script>burning</figcaption></figure>",
    )
    image = read_html("news/p.html", remote).image
    assert image is not None and image.src == "news/fig.png" and image.alt == "Fig"
    assert image.caption.startswith("The rig") and image.caption.endswith("burning")
    assert (
        read_html("news/p.html", page_html("", '<img src="logo.png">')).image is None
    )  # no figure: no picture


def test_paths_resolve_under_content() -> None:
    assert image_path("a/b/c.md", "../x.png") == "a/x.png"
    assert image_path("a/b/c.md", "/x.png") == "x.png"
    assert (
        image_path("a.md", "../../etc/passwd") == "../../etc/passwd"
    )  # kept: the renderer refuses it by name


def test_the_article_cache_keeps_the_picture() -> None:
    article = read_markdown("a.md", f"---\nimage: p.png\nimage_alt: Alt\n---\n{BODY}\n")
    assert _decode(_encode(article)) == article
    plain = replace(article, image=None)
    assert _decode(_encode(plain)) == plain


@pytest.fixture
def pictured(tmp_path: Path) -> tuple[Path, list, list]:
    content = tmp_path / "content"
    (content / "photos").mkdir(parents=True)
    (content / "photos" / "rig.png").write_bytes(png())
    (content / "photos" / "editor.png").write_bytes(png() + b"editor")
    (content / "photos" / "fake.png").write_text("<script>alert(1)</script>", encoding="utf-8")
    (content / "photos" / "huge.png").write_bytes(png() + b"\0" * 5_000_001)
    (tmp_path / "secret.png").write_bytes(png())
    events, articles = story(40)
    pictures = {
        0: "photos/rig.png",
        1: "photos/fake.png",
        2: "photos/huge.png",
        3: "../secret.png",
        4: "photos/missing.png",
        5: "https://example.org/x.png",
    }
    for n, src in pictures.items():
        articles[n] = replace(articles[n], image=ArticleImage(src, f"Alt {n}", "AP", "Caption <i>"))
    return content, events, articles


def test_an_event_shows_its_articles_picture_unless_the_editor_says_otherwise(
    pictured, tmp_path: Path
) -> None:
    content, events, articles = pictured
    by_path = {a.path: a for a in articles}
    first = [e for e in events if e.sources[0].article == articles[0].path]
    editor = replace(first[1], extra={"image": "photos/editor.png", "image_credit": "Editor"})
    removed = replace(first[2], extra={"image": "none"})
    emptied = replace(first[3], extra={"image": None, "link": "https://example.org/v"})
    events = [{e.id: e for e in (editor, removed, emptied)}.get(e.id, e) for e in events]
    with page_scope(PageOptions(media_root=content)):
        media = event_media(first[0], by_path)
        assert media is not None and media.src.startswith("media/") and media.alt == "Alt 0"
        assert media.figcaption == "Caption <i> · AP"
        theirs = event_media(editor, by_path)
        assert (
            theirs is not None
            and theirs.src != media.src
            and theirs.credit == "Editor"
            and theirs.alt == ""
        )  # not the article's
        assert event_media(removed, by_path) is None
        emptied_media = event_media(emptied, by_path)
        assert emptied_media is not None and emptied_media.src == "" and emptied_media.link
    site = tmp_path / "site"
    render_site(events, articles, site, page=PageOptions(title="Spill", media_root=content))
    assert (
        len(list((site / "media").iterdir())) == 2
    )  # the article's and the editor's, nothing else
    index = lxml_html.parse(str(site / "index.html")).getroot()
    figure = index.xpath(f"//li[@id='{first[0].id}']//figure")[0]
    assert figure.xpath(".//img/@src") == [media.src] and figure.xpath(".//figcaption/text()") == [
        "Caption <i> · AP"
    ]
    assert index.xpath(f"//li[@id='{removed.id}']//figure") == []
    assert b"<i>" not in (site / "index.html").read_bytes()  # escaped
    assert b"example.org/x.png" not in (site / "index.html").read_bytes()  # never hot-linked
    # the article's own page shows its picture (alt, caption and credit), from site/media/
    page = site / "articles" / f"{article_slug(articles[0].path)}.html"
    figure = lxml_html.parse(str(page)).getroot().xpath("//article/figure")[0]
    assert figure.xpath(".//img/@src") == ["../" + media.src]
    assert figure.xpath(".//img/@alt") == ["Alt 0"]
    assert figure.xpath(".//figcaption/text()") == ["Caption <i> · AP"]
    assert (site / media.src).is_file()
    for n in (1, 2, 3, 4, 5):  # fake, huge, missing, outside, a web address: no picture, no link
        other = site / "articles" / f"{article_slug(articles[n].path)}.html"
        assert b"<figure" not in other.read_bytes() and b"example.org" not in other.read_bytes()


def test_an_article_page_keeps_its_picture_when_no_event_shows_it(pictured, tmp_path: Path) -> None:
    content, events, articles = pictured
    events = [
        replace(e, extra={"image": "none"}) if e.sources[0].article == articles[0].path else e
        for e in events
    ]
    site = tmp_path / "site"
    render_site(events, articles, site, page=PageOptions(title="Spill", media_root=content))
    page = (site / "articles" / f"{article_slug(articles[0].path)}.html").read_text("utf-8")
    src = lxml_html.fromstring(page).xpath("//article/figure//img/@src")[0]
    assert (site / "articles" / src).resolve().is_file()


def test_each_article_picture_left_out_is_named_once(pictured) -> None:
    content, events, articles = pictured
    problems = media_problems(events, content, {a.path: a for a in articles})
    named = [article for article, _ in problems]
    assert named == [
        articles[n].path for n in (1, 2, 3, 4, 5)
    ]  # once each, however many events cite it
    assert all("left out" in line and "\n" not in line for _, line in problems)


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, (PAST, PAST))


def test_a_changed_picture_reaches_the_site_incrementally(
    sample_content: Path, tmp_path: Path
) -> None:
    """timeline build: an article gains a picture, changes it, points at a broken one, loses it;
    after each step the incremental build's site is the full build's, and the broken picture is
    named in one warning line."""
    content = sample_content
    pool = paragraphs(content)
    (content / "photos").mkdir()
    for name, data in (("one.png", png() + b"1"), ("two.png", png() + b"2")):
        (content / "photos" / name).write_bytes(data)
    (content / "photos" / "fake.png").write_bytes(b"GIF8 not really")
    article = content / "pictured.md"
    body = "\n\n".join(random.Random(3).sample(pool, 3))
    _write(article, f"---\ntitle: Pictured\ndate: 2024-03-01\n---\n\n{body}\n")
    root = tmp_path / "incremental"
    site_build(content, root)
    steps = [
        "image: photos/one.png\nimage_alt: One",
        "image: photos/two.png\nimage_alt: Two",
        "image: photos/fake.png",
        "",
    ]
    for step, image in enumerate(steps):
        fresh = tmp_path / f"fresh-{step}"
        copy_data(root / "data" / "events.yaml", fresh / "data")
        _write(article, f"---\ntitle: Pictured\ndate: 2024-03-01\n{image}\n---\n\n{body}\n")
        reporter = BufferReporter()
        cfg = load_config(
            None,
            content=content,
            data=root / "data" / "events.yaml",
            site=root / "site",
            quiet=False,
            jobs=1,
        )
        pipeline_build(cfg, reporter)
        assert any(line.startswith("updated ") for line in reporter.messages), reporter.messages
        bad = [w for w in reporter.warnings if "fake.png" in w]
        assert len(bad) == (1 if "fake" in image else 0), reporter.warnings
        assert all(str(article) in w for w in bad)
        site_build(content, fresh, incremental=False)
        assert_same(root / "site", fresh / "site")
        media = (
            sorted(p.name for p in (root / "site" / "media").iterdir())
            if (root / "site" / "media").is_dir()
            else []
        )
        assert len(media) == (1 if step < 2 else 0), (step, media)


def test_a_picture_file_replaced_or_made_under_content_reaches_the_site(
    sample_content: Path, tmp_path: Path
) -> None:
    """No article changes, only a picture file: its new bytes (or a file that was missing) reach
    the site as a full build would write it, the old copy leaves media/."""
    content = sample_content
    pool = random.Random(4).sample(paragraphs(content), 6)  # two articles, no sentence shared
    (content / "photos").mkdir()
    (content / "photos" / "one.png").write_bytes(png() + b"1")
    for n, (name, image) in enumerate((("a", "one.png"), ("b", "later.png"))):
        body = "\n\n".join(pool[3 * n : 3 * n + 3])
        front = f"title: Pictured {name}\ndate: 2024-03-01\nimage: photos/{image}"
        _write(content / f"pictured-{name}.md", f"---\n{front}\n---\n\n{body}\n")
    root = tmp_path / "incremental"
    site_build(content, root)
    assert len(list((root / "site" / "media").iterdir())) == 1
    changes = [("one.png", png() + b"new bytes"), ("later.png", png() + b"made")]
    for step, (name, data) in enumerate(changes):
        fresh = tmp_path / f"fresh-{step}"
        copy_data(root / "data" / "events.yaml", fresh / "data")
        (content / "photos" / name).write_bytes(data)
        site_build(content, root)
        site_build(content, fresh, incremental=False)
        assert_same(root / "site", fresh / "site")
    assert len(list((root / "site" / "media").iterdir())) == 2


def test_a_web_address_as_picture_is_named_not_fetched(
    sample_content: Path, tmp_path: Path
) -> None:
    """An og:image or front matter image: that is a web address is never fetched: the build says so
    in one line naming the article, and goes on."""
    remote = page_html('<meta property="og:image" content="https://example.org/lead.jpg">', "")
    assert read_html("news/p.html", remote).image_remote == "https://example.org/lead.jpg"
    local = page_html('<meta property="og:image" content="/img/lead.jpg">', "")
    assert read_html("news/p.html", local).image_remote is None
    article = sample_content / "remote.md"
    body = "\n\n".join(random.Random(4).sample(paragraphs(sample_content), 3))
    _write(article, f"---\ntitle: Remote\nimage: https://example.org/rig.jpg\n---\n\n{body}\n")
    reporter = BufferReporter()
    cfg = load_config(
        None,
        content=sample_content,
        data=tmp_path / "data" / "events.yaml",
        site=tmp_path / "site",
        quiet=False,
        jobs=1,
    )
    pipeline_build(cfg, reporter)
    lines = [w for w in reporter.warnings if "example.org" in w]
    assert len(lines) == 1 and str(article) in lines[0] and "not fetched" in lines[0], lines
    assert (tmp_path / "site" / "index.html").is_file()


def test_a_video_or_link_per_article_and_per_event_is_a_link(pictured, tmp_path: Path) -> None:
    """front matter video:/link: and an event's video:/link: are shown as links (no player: the CSP
    stays 'self'), an event's own winning, and are the TimelineJS3 slide's media when it has no
    picture."""
    video = "https://video.example.org/v/1"
    text = f"---\ntitle: Capped\nvideo: {video}\n---\n" + BODY
    assert read_markdown("gulf/capped.md", text).link == video
    bad = "---\ntitle: Capped\nlink: javascript:alert(1)\n---\n" + BODY
    assert read_markdown("gulf/capped.md", bad).link is None
    content, events, articles = pictured
    articles = [replace(a, link=video) if a is articles[1] else a for a in articles]
    mine = [e for e in events if e.sources[0].article == articles[1].path]
    own = replace(mine[1], extra={"video": "https://example.org/own"})
    events = [own if e.id == own.id else e for e in events]
    by_path = {a.path: a for a in articles}
    with page_scope(PageOptions(media_root=content)):
        theirs = event_media(mine[0], by_path)
        assert theirs is not None and theirs.link == video and theirs.src == ""
        mine_media = event_media(own, by_path)
        assert mine_media is not None and mine_media.link == "https://example.org/own"
    site = tmp_path / "site"
    render_site(events, articles, site, page=PageOptions(title="Spill", media_root=content))
    page = lxml_html.parse(str(site / "articles" / f"{article_slug(articles[1].path)}.html"))
    assert page.getroot().xpath("//article//a/@href").count(video) == 1
    assert b"<iframe" not in (site / "index.html").read_bytes()
    slides = {
        s["unique_id"]: s
        for s in json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))["events"]
    }
    assert slides[mine[0].id]["media"]["url"] == video
    assert slides[own.id]["media"]["url"] == "https://example.org/own"
