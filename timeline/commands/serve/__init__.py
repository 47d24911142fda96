"""`timeline serve`: build, serve site/ on 127.0.0.1, rebuild on change, reload the browser page.

Only files inside site/ are ever served: the request path is percent-decoded once, refused if it
holds a NUL, a backslash or a '..' segment, and the resolved real path must still lie inside
site/ (so a symlink in site/ cannot point out of it). HTML responses get one external script,
/__reload.js, which polls /__version and reloads when a rebuild finished, and shows the build's
errors in a banner (textContent only): no inline script, so the pages' Content-Security-Policy
(script-src 'self') still holds."""

from __future__ import annotations

import json
import mimetypes
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .reload import RELOAD_JS
from .watch import Watcher

INJECT = b'<script src="/__reload.js" defer></script>'


class BuildState:
    """The version number of the last finished build and its error lines (shared with the
    handler)."""

    def __init__(self) -> None:
        self.version = 0
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def finished(self, errors: list[str]) -> None:
        with self.lock:
            self.version += 1
            self.errors = list(errors)

    def snapshot(self) -> dict[str, object]:
        with self.lock:
            return {"version": self.version, "errors": list(self.errors)}


def resolve_inside(root: Path, raw_path: str) -> Path | None:
    """The file under `root` that a request path names, or None when it names nothing allowed."""
    try:
        path = unquote(urlsplit(raw_path).path, errors="strict")
    except (UnicodeDecodeError, ValueError):
        return None
    if not path.startswith("/") or "\x00" in path or "\\" in path:
        return None
    parts = [p for p in path.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        return None
    real_root = root.resolve()
    candidate = real_root.joinpath(*parts)
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not real.is_relative_to(real_root):
        return None
    if real.is_dir():
        real = real / "index.html"
    return real if real.is_file() else None


def make_handler(site: Path, state: BuildState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "timeline-serve"
        sys_version = ""
        timeout = 15  # a client that stops sending mid-request is dropped

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._respond(head=False)

        def do_HEAD(self) -> None:  # noqa: N802
            self._respond(head=True)

        def _respond(self, head: bool) -> None:
            route = urlsplit(self.path).path
            if route == "/__reload.js":
                return self._send(HTTPStatus.OK, RELOAD_JS, "text/javascript; charset=utf-8", head)
            if route == "/__version":
                body = json.dumps(state.snapshot()).encode()
                return self._send(HTTPStatus.OK, body, "application/json", head)
            file = resolve_inside(site, self.path)
            if file is None:
                return self._send(
                    HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8", head
                )
            try:
                body = file.read_bytes()
            except OSError:
                return self._send(
                    HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8", head
                )
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            if kind == "text/html":
                body = _inject(body)
                kind = "text/html; charset=utf-8"
            self._send(HTTPStatus.OK, body, kind, head)

        def _send(self, status: HTTPStatus, body: bytes, kind: str, head: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


def _inject(body: bytes) -> bytes:
    at = body.rfind(b"</body>")
    return body[:at] + INJECT + body[at:] if at >= 0 else body + INJECT


class Server:
    """The HTTP server plus the watcher thread; `start()` returns once both run."""

    def __init__(
        self,
        site: Path,
        build: Callable[[], list[str]],
        watched: list[Path],
        host: str = "127.0.0.1",
        port: int = 8000,
        interval: float = 0.5,
        log: Callable[[str], None] = print,
    ) -> None:
        self.site = site
        self.state = BuildState()
        self.build = build
        self.log = log
        self.httpd = ThreadingHTTPServer((host, port), make_handler(site, self.state))
        self.httpd.daemon_threads = True
        self.watcher = Watcher(watched, interval, self.rebuild)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else host
        return f"http://{name}:{port}/"

    def rebuild(self) -> None:
        started = time.monotonic()
        try:
            errors = self.build()
        except Exception as exc:  # the server must outlive any build failure
            errors = [f"build failed: {exc}"]
        for line in errors:
            self.log(f"error: {line}")
        self.state.finished(errors)
        self.log(
            f"built in {time.monotonic() - started:.1f}s ({len(errors)} problem(s)); serving "
            f"{self.url}"
        )

    def start(self) -> None:
        self.rebuild()
        self.watcher.snapshot()
        threading.Thread(target=self.httpd.serve_forever, daemon=True, name="serve-http").start()
        self.watcher.start()

    def stop(self) -> None:
        self.watcher.stop()
        self.httpd.shutdown()
        self.httpd.server_close()


def pipeline_builder(cfg: object) -> Callable[[], list[str]]:
    """content/ → data/ → site/ under the build lock; returns the error lines instead of raising."""

    def build() -> list[str]:
        from ... import pipeline
        from ...errors import TimelineError
        from ...infra.atomic import clean_leftovers
        from ...infra.lock import build_lock
        from ...report import BufferReporter

        reporter = BufferReporter()
        try:
            with build_lock(cfg.data, wait=True, timeout=300):  # type: ignore[attr-defined]
                clean_leftovers(cfg.data, cfg.site)  # type: ignore[attr-defined]
                pipeline.build(cfg, reporter)  # type: ignore[arg-type]
        except TimelineError as exc:
            reporter.error(str(exc))
        return reporter.errors

    return build
