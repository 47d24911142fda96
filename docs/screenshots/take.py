"""Screenshots of a built site for the README: desktop and 360 px phone, light and dark, network blocked.

    .venv/bin/timeline build && .venv/bin/python docs/screenshots/take.py site docs/screenshots
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
SIZES = (("desktop", {"width": 1280, "height": 1000}, False), ("phone", {"width": 360, "height": 780}, True))


def main(site: Path, out: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, viewport, mobile in SIZES:
            for scheme in ("light", "dark"):
                context = browser.new_context(viewport=viewport, color_scheme=scheme, is_mobile=mobile, has_touch=mobile)
                context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
                page = context.new_page()
                page.goto((site / "index.html").resolve().as_uri())
                page.wait_for_selector("html[data-timeline=ready]", state="attached")
                page.wait_for_timeout(300)
                page.screenshot(path=str(out / f"{name}-{scheme}.png"))
                context.close()
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "site"), Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots"))
