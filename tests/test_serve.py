"""`timeline serve`: nothing outside site/ is served (raw-socket traversal attempts), malformed
requests do not stop it, changes rebuild and bump the version the page polls, a broken article
shows as an error."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.commands.serve import Server, pipeline_builder, resolve_inside
from timeline.config import load_config

SECRET = b"TOP-SECRET-OUTSIDE-SITE"


def raw(server: Server, request: bytes, timeout: float = 5) -> bytes:
    host, port = server.httpd.server_address[:2]
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        chunks = []
        while True:
            try:
                data = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks)


def get(server: Server, target: str | bytes) -> bytes:
    target = target.encode("latin-1") if isinstance(target, str) else target
    return raw(server, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")


@pytest.fixture
def static_server(tmp_path: Path) -> Iterator[Server]:
    (tmp_path / "secret.txt").write_bytes(SECRET)
    site = tmp_path / "site"
    (site / "articles").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><html><body><p>index</p></body></html>")
    (site / "articles" / "a.html").write_text("<!doctype html><html><body>a</body></html>")
    (site / "leak").symlink_to(tmp_path / "secret.txt")
    (site / "leakdir").symlink_to(tmp_path, target_is_directory=True)
    server = Server(site, lambda: [], [], port=0, interval=60, log=lambda line: None)
    server.start()
    yield server
    server.stop()


TRAVERSALS = [
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/secret.txt",
    "/..%2fsecret.txt",
    "/%2e%2e%2fsecret.txt",
    "/articles/../../secret.txt",
    "/articles/%2e%2e/%2e%2e/secret.txt",
    "/..%5csecret.txt",
    "/..\\secret.txt",
    "/%252e%252e/secret.txt",
    "//../secret.txt",
    "/./../secret.txt",
    "/leak",
    "/leakdir/secret.txt",
    "/%00",
    "/index.html%00.txt",
    "/index.html\x00",
    f"/{'%2e%2e/' * 10}secret.txt",
    "/%c0%ae%c0%ae/secret.txt",
    "http://x/../secret.txt",
    "/etc/passwd",
    "//etc/passwd",
    "/%2fetc%2fpasswd",
    "secret.txt",
    "*",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_nothing_outside_site_is_served(static_server: Server, target: str) -> None:
    response = get(static_server, target)
    assert SECRET not in response and b"root:" not in response
    status = response.split(b"\r\n", 1)[0]
    assert status.split()[1] in (b"400", b"404"), (target, status)


def test_resolve_inside_unit(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("x")
    assert resolve_inside(tmp_path, "/a.html?x=1#f") == (tmp_path / "a.html").resolve()
    assert resolve_inside(tmp_path, "/") is None  # no index.html here
    assert resolve_inside(tmp_path, "/%ff") is None


MALFORMED = [
    b"\x00\x01\x02garbage\r\n\r\n",
    b"GET\r\n\r\n",
    b"GET / HTTP/9.9\r\n\r\n",
    b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n",
    b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * 200 + b"\r\n",
    b"GET / HTTP/1.1\r\nHost: " + b"h" * 70000 + b"\r\n\r\n",
    b"POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\nabc",
    b"BREW /pot HTTP/1.1\r\n\r\n",
    b"GET / HTTP/1.1",
    b"",
    b"GET /%%%% HTTP/1.1\r\n\r\n",
    "GET /é HTTP/1.1\r\n\r\n".encode(),
]


def test_survives_malformed_requests(static_server: Server) -> None:
    for request in MALFORMED:
        raw(static_server, request, timeout=3)
    half_open = socket.create_connection(static_server.httpd.server_address[:2])
    half_open.sendall(b"GET / HT")  # a client that never finishes its request does not block others
    try:
        response = get(static_server, "/")
        assert response.startswith(b"HTTP/1.0 200") and b"index" in response
    finally:
        half_open.close()


def test_pages_get_the_external_reload_script(static_server: Server) -> None:
    page = get(static_server, "/")
    assert b'<script src="/__reload.js" defer></script></body>' in page
    assert b"<script>" not in page  # nothing inline: the page CSP (script-src 'self') holds
    script = get(static_server, "/__reload.js")
    assert b"text/javascript" in script and b"textContent" in script and b"innerHTML" not in script
    version = json.loads(get(static_server, "/__version").split(b"\r\n\r\n", 1)[1])
    assert version == {"version": 1, "errors": []}


def test_binds_to_localhost_by_default() -> None:
    params = {p.name: p.default for p in main.commands["serve"].params}
    assert params["host"] == "127.0.0.1" and params["port"] == 8000


def _version(server: Server) -> dict[str, object]:
    return json.loads(get(server, "/__version").split(b"\r\n\r\n", 1)[1])


def _wait_for(server: Server, after: int, timeout: float = 120) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = _version(server)
        if int(state["version"]) > after:  # type: ignore[call-overload]
            return state
        time.sleep(0.2)
    raise AssertionError("no rebuild")


def test_rebuilds_on_change_and_shows_a_broken_article(
    tmp_path: Path, sample_content: Path
) -> None:
    cfg = load_config(
        None,
        content=sample_content,
        data=tmp_path / "data" / "events.yaml",
        site=tmp_path / "site",
        quiet=True,
    )
    logged: list[str] = []
    server = Server(
        cfg.site,
        pipeline_builder(cfg),
        [cfg.content, cfg.data.parent],
        port=0,
        interval=0.2,
        log=logged.append,
    )
    server.start()
    try:
        first = _version(server)
        assert first["errors"] == [] and (cfg.site / "index.html").is_file()
        (sample_content / "broken.md").write_text("---\ntitle: [unclosed\n---\nBody.\n")
        state = _wait_for(server, int(first["version"]))  # type: ignore[call-overload]
        assert any("broken.md:" in e and "broken front matter" in e for e in state["errors"]), state  # type: ignore[union-attr]
        assert any("error: broken.md:" in line for line in logged), logged  # and in the terminal
        assert get(server, "/").startswith(b"HTTP/1.0 200")  # still serving
        (sample_content / "broken.md").write_text(
            "---\ntitle: Fixed\ndate: 2024-05-01\n---\nThe board met on 2 May 2024.\n"
        )
        state = _wait_for(server, int(state["version"]))  # type: ignore[call-overload]
        assert state["errors"] == []
        assert b"Fixed" in b"".join(p.read_bytes() for p in (cfg.site / "articles").glob("*.html"))
    finally:
        server.stop()
