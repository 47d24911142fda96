"""Screenshots of built sites for the README, network blocked: the first screen on a desktop and a
390-px phone (light and dark), the story card, the embed in a 600-px phone iframe, and a German site
with a newsroom's logo and colours.

    .venv/bin/python docs/screenshots/take.py SITE OUT [GERMAN_SITE]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def shoot(
    browser, site: Path, out: Path, query: str = "", click: str | None = None, **options: object
) -> None:
    context = browser.new_context(**options)
    context.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort()
    )
    page = context.new_page()
    page.goto((site / "index.html").resolve().as_uri() + query)
    page.wait_for_selector("html[data-timeline=ready]", state="attached")
    if click:
        page.locator(click).first.click()
    page.wait_for_timeout(400)
    page.screenshot(path=str(out))
    context.close()


def main(site: Path, out: Path, german: Path | None) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, options in (("desktop", DESKTOP), ("phone", PHONE)):
            for scheme in ("light", "dark"):
                shoot(browser, site, out / f"{name}-{scheme}.png", color_scheme=scheme, **options)
            shoot(browser, site, out / f"story-{name}.png", click=".lanes .item", **options)
        shoot(
            browser,
            site,
            out / "embed-phone.png",
            "?embed",
            viewport={"width": 390, "height": 600},
            is_mobile=True,
        )
        if german is not None:
            shoot(browser, german, out / "german-desktop.png", click=".lanes .item", **DESKTOP)
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)
