"""Real-browser fixtures: Debian's Chromium driven by Playwright, the network blocked for every
page.

Every request that is not for the page's own files (file:// or the local test server) is aborted and
recorded; `offline_page` fails the test if any was even attempted."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from synthetic import synthetic  # tests/synthetic.py

from timeline.render import render_site

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: `make browser` installs Debian's chromium")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is installed by the `test` extra"
    )
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def dense_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("dense") / "site"
    events, articles = synthetic(1500, articles=12)
    render_site(events, articles, site, title="Dense")
    return site


@pytest.fixture(scope="session")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """More events than the index lists itself: year pages without JS, the lazy list with it."""
    site = tmp_path_factory.mktemp("big") / "site"
    events, articles = synthetic(2600, articles=15)
    render_site(events, articles, site, title="Big")
    return site


class Blocker:
    """Route handler: lets local requests through, aborts and records every other one."""

    def __init__(self, allowed_prefixes: tuple[str, ...]) -> None:
        self.allowed = allowed_prefixes
        self.blocked: list[str] = []

    def __call__(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(self.allowed) or url.startswith("data:"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.blocked.append(url)
            route.abort()  # type: ignore[attr-defined]


@pytest.fixture
def open_page(browser: object) -> Iterator[object]:
    """open_page(url, **context_options) → page with the network blocked; errors and blocked
    requests checked."""
    contexts: list[tuple[object, Blocker, list[str], tuple[str, ...]]] = []

    def opener(
        url: str, wait_ready: bool = True, tolerate: tuple[str, ...] = (), **options: object
    ) -> object:
        options.setdefault("viewport", {"width": 1200, "height": 900})
        context = browser.new_context(**options)  # type: ignore[attr-defined]
        blocker = Blocker(("file://", "http://127.0.0.1:"))
        context.route("**/*", blocker)
        errors: list[str] = []
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        contexts.append((context, blocker, errors, tolerate))
        page.goto(url)
        if wait_ready and options.get("java_script_enabled", True):
            page.wait_for_selector("html[data-timeline=ready]", state="attached", timeout=15000)
        return page

    yield opener
    for context, blocker, errors, tolerate in contexts:
        context.close()  # type: ignore[attr-defined]
        attempted = (
            [u for u in blocker.blocked if not u.startswith(tolerate)]
            if tolerate
            else blocker.blocked
        )
        assert attempted == [], f"non-local requests attempted: {attempted}"
        if tolerate:  # the tolerated, aborted requests log a console error each
            errors = [e for e in errors if "net::ERR_FAILED" not in e]
        assert errors == [], f"errors in the page: {errors}"


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """A local HTTP server for `directory` on 127.0.0.1 (a free port); yields its root URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def http_root(tricky_site: Path) -> Iterator[str]:
    with serve(tricky_site) as root:
        yield root


@pytest.fixture
def serve_dir() -> Iterator[object]:
    with contextlib.ExitStack() as stack:
        yield lambda directory: stack.enter_context(serve(directory))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass
