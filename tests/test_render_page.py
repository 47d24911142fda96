"""The page's settings and media: a newsroom's look from timeline.yaml, an event's picture copied
into the site (never hot-linked), bad pictures left out."""

from __future__ import annotations

import json
import struct
import zlib
from dataclasses import replace
from pathlib import Path

from lxml import html as lxml_html
from synthetic import story  # tests/synthetic.py

from timeline.config import load_config
from timeline.render import render_site
from timeline.render.page import PageOptions, page_options


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0"))
        + chunk(b"IEND", b"")
    )


def media_site(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    (content / "photos").mkdir(parents=True)
    (content / "photos" / "rig.png").write_bytes(png())
    (content / "photos" / "fake.png").write_text("<script>alert(1)</script>", encoding="utf-8")
    (tmp_path / "secret.png").write_bytes(png())
    events, articles = story(40)
    pictures = {
        0: {
            "image": "photos/rig.png",
            "image_alt": "The rig burning",
            "image_credit": "Gerald Herbert/AP",
            "link": "https://example.org/video",
        },
        1: {"image": "photos/fake.png"},
        2: {"image": "../secret.png"},
        3: {"image": "photos/missing.jpg"},
        4: {"link": "javascript:alert(1)"},
    }
    for n, extra in pictures.items():
        events[n] = replace(events[n], extra=extra)
    site = tmp_path / "site"
    render_site(events, articles, site, page=PageOptions(title="Spill", media_root=content))
    return site


def test_an_events_picture_is_copied_and_shown(tmp_path: Path) -> None:
    site = media_site(tmp_path)
    copied = sorted(p.name for p in (site / "media").iterdir())
    # not the fake, not outside content/, not the missing one
    assert len(copied) == 1 and copied[0].endswith(".png")
    page = lxml_html.parse(str(site / "index.html")).getroot()
    figure = page.xpath("//li[@id='ev-s0000']//figure")[0]
    assert figure.xpath(".//img/@src") == [f"media/{copied[0]}"] and figure.xpath(
        ".//img/@alt"
    ) == ["The rig burning"]
    assert figure.xpath(".//figcaption/text()") == ["Gerald Herbert/AP"]
    assert page.xpath("//li[@id='ev-s0000']//p[@class='event-link']/a/@href") == [
        "https://example.org/video"
    ]
    for n in (1, 2, 3, 4):
        assert (
            page.xpath(
                f"//li[@id='ev-s000{n}']//figure | //li[@id='ev-s000{n}']//p[@class='event-link']"
            )
            == []
        )
    slides = {
        s["unique_id"]: s
        for s in json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))["events"]
    }
    assert slides["ev-s0000"]["media"] == {
        "url": f"media/{copied[0]}",
        "caption": "The rig burning",
        "credit": "Gerald Herbert/AP",
    }


def test_branding_without_a_fork(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(png())
    config = tmp_path / "timeline.yaml"
    config.write_text(
        f"title: Tagblatt\nlocale: de\naccent: '#8a1538'\nlogo: {logo}\n"
        "view: {from: 2010-04-15, to: 2010-09-30}\ndescription: Die Chronik\n",
        encoding="utf-8",
    )
    page = page_options(load_config(config))
    assert page.view == ("2010-04-15", "2010-09-30") and page.locale == "de"
    events, articles = story(30)
    render_site(events, articles, tmp_path / "site", page=page)
    css = (tmp_path / "site" / "static" / "theme.css").read_text(encoding="utf-8")
    assert "--accent: #8a1538" in css
    assert (tmp_path / "site" / "static" / "logo.png").read_bytes() == png()
    index = lxml_html.parse(str(tmp_path / "site" / "index.html")).getroot()
    assert index.xpath("//img[@class='logo']/@src") == ["static/logo.png"]
    assert len(index.xpath("//h1")) == 1 and index.xpath("//header//text()") == []  # the title once
    meta = (tmp_path / "site" / "data" / "meta.js").read_text(encoding="utf-8")
    assert '"view":[' in meta


def test_every_picture_left_out_is_named(tmp_path: Path) -> None:
    from timeline.render.media import media_problems

    content = tmp_path / "content"
    (content / "photos").mkdir(parents=True)
    (content / "photos" / "rig.png").write_bytes(png())
    (content / "photos" / "fake.png").write_text("<script>alert(1)</script>", encoding="utf-8")
    events, _ = story(4)
    names = ["photos/rig.png", "photos/fake.png", "../secret.png", "photos/missing.jpg"]
    events = [replace(e, extra={"image": name}) for e, name in zip(events[:4], names, strict=True)]
    problems = [line for article, line in media_problems(events, content) if article is None]
    assert [p.split(":")[0] for p in problems] == [e.id for e in events[1:]]
    assert all(
        "left out" in p and repr(name) in p for p, name in zip(problems, names[1:], strict=True)
    )
