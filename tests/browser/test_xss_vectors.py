"""Nothing executes: a site built from articles made of a public XSS vector collection (brs-kb, from
PyPI) and the Big List of Naughty Strings (blns, from npm), every page loaded in headless Chromium.

Each vector goes into every context content can reach: Markdown front matter (title, source, url,
tags, lang), Markdown bodies (raw HTML allowed through the sanitizer), HTML pages (title, meta,
body), plain text, file names, and fields of a hand-edited events.yaml (title, text, date_text,
actors, places, tags, quotes, article paths). Then every page under site/ is opened with
alert/confirm/prompt/ print/open hooked, dialogs and CSP violations counted, and every request
outside site/ aborted and counted. The counts are printed (pytest -s) and asserted to be zero."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from click.testing import CliRunner
from lxml import html as lxml_html

from timeline.cli import main

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
BLNS = ROOT / "node_modules" / "blns" / "resources" / "blns.json"
PER_ARTICLE = 60
MARKER = "__xss_hits__"

HOOKS = """
(() => {
  const hits = [];
  Object.defineProperty(window, 'MARKER', {value: hits});
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    try { window[name] = function () { hits.push(name + ':' + Array.from(arguments).join(',')); }; } catch (e) {}
  }
  document.addEventListener('securitypolicyviolation', (e) => {
    hits.push('csp:' + e.violatedDirective + ':' + (e.sample || '').slice(0, 80));
  });
})();
""".replace("MARKER", MARKER)


def vectors() -> list[str]:
    brs_kb = pytest.importorskip(
        "brs_kb", reason="the XSS vector collection brs-kb is installed by the `test` extra"
    )
    payloads = [
        str(entry["payload"])
        for entry in brs_kb.get_all_payloads().values()
        if entry.get("payload")
    ]
    if not BLNS.exists():
        pytest.skip("node_modules/blns is missing: `npm ci` installs it")
    naughty = [s for s in json.loads(BLNS.read_text(encoding="utf-8")) if s.strip()]
    assert len(payloads) > 4000 and len(naughty) > 400
    return payloads + naughty


def _yaml_str(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid YAML double-quoted scalar


def _file_name(vector: str, index: int) -> str:
    raw = re.sub(r"[/\x00]", "_", vector)
    return (raw.encode("utf-8")[:80].decode("utf-8", "ignore") or "v") + f".{index}"


def write_articles(content: Path, items: list[str]) -> int:
    """Articles of PER_ARTICLE vectors each, rotating .md/.html/.txt. Returns the number of
    files."""
    content.mkdir(parents=True)
    chunks = [items[i : i + PER_ARTICLE] for i in range(0, len(items), PER_ARTICLE)]
    for n, chunk in enumerate(chunks):
        kind = ("md", "html", "txt")[n % 3]
        lines = [f"On 3 March 2024, {v}" for v in chunk]
        name = f"{n:03d}-{_file_name(chunk[0], n)}.{kind}" if n % 2 else f"{n:03d}.{kind}"
        if kind == "md":
            front = (
                f"---\ntitle: {_yaml_str(chunk[0])}\nsource: {_yaml_str(chunk[1 % len(chunk)])}\n"
                f"url: {_yaml_str(chunk[2 % len(chunk)])}\ntags: "
                f"{json.dumps(chunk[3:6])}\ndate: 2024-03-0{1 + n % 9}\n---\n"
            )
            text = front + "\n\n".join(lines) + "\n"
        elif kind == "html":
            body = "".join(f"<p>{line}</p>\n" for line in lines)
            text = (
                f'<!doctype html><html><head><title>{chunk[0]}</title><meta name="date" '
                f'content="2024-03-05">'
                f'<meta property="og:url" content="{chunk[1 % len(chunk)]}"></head><body><article>'
                f"<h1>{chunk[2 % len(chunk)]}</h1>{body}</article></body></html>"
            )
        else:
            text = f"{chunk[0]}\nMar 3, 2024 - 22:33\n\n" + "\n\n".join(lines) + "\n"
        try:
            (content / name).write_text(text, encoding="utf-8")
        except (OSError, UnicodeEncodeError):
            (content / f"{n:03d}.{kind}").write_text(text, encoding="utf-8", errors="replace")
    return len(chunks)


def poison_events(data: Path, items: list[str]) -> int:
    """Put vectors into every text field of the events a person could edit by hand."""
    doc = yaml.safe_load(data.read_text(encoding="utf-8"))
    events = doc["events"]
    for i, event in enumerate(events[: len(items)]):
        v = items[i % len(items)]
        event.update(
            title=v, text=v, date_text=v, actors=[v], places=[items[(i + 1) % len(items)]], tags=[v]
        )
        for source in event.get("sources") or []:
            source["quote"] = v
    events.append(
        {
            "id": 'ev-"><script>alert(1)</script>',
            "date": '2024-03-03"><img src=x onerror=alert(1)>',
            "title": "</script><script>alert(1)</script>",
            "text": "<!--<script>alert(1)//-->",
            "sources": [
                {
                    "article": "../../<svg onload=alert(1)>.md",
                    "quote": "\u2028</script>",
                    "start": 0,
                    "end": 1,
                }
            ],
        }
    )
    data.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return len(events)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    items = vectors()
    root = tmp_path_factory.mktemp("xss")
    write_articles(root / "content", items)
    args = [
        "-q",
        "--keep-going",
        "--content",
        str(root / "content"),
        "--data",
        str(root / "data" / "events.yaml"),
        "--site",
        str(root / "site"),
    ]
    result = CliRunner().invoke(main, ["build", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    poison_events(root / "data" / "events.yaml", items)
    result = CliRunner().invoke(main, ["render", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "site", len(items)


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_static_checks_on_every_page(hostile_site: tuple[Path, int]) -> None:
    """CSP meta present and strict; links only http/https/mailto or local; scripts only from the
    site."""
    site, _ = hostile_site
    found = pages(site)
    assert len(found) > 10
    for page in found:
        tree = lxml_html.fromstring(page.read_bytes())
        csp = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
        assert csp and "script-src 'self'" in csp[0] and "unsafe-inline" not in csp[0], page
        for script in tree.xpath("//script"):
            src = script.get("src")
            if src is not None:
                assert not urlsplit(src).scheme and not src.startswith("//"), (page, src)
            else:  # inline data only, and it must be whole JSON (it could not close its tag)
                assert (script.get("type") or "").endswith("json"), (page, script.text)
                json.loads(script.text or "null")
        for element in tree.xpath("//*[@href or @src or @action or @formaction or @srcdoc]"):
            for attr in ("href", "src", "action", "formaction", "srcdoc"):
                url = element.get(attr)
                if url is None:
                    continue
                assert attr in ("href", "src"), (page, attr, url)
                scheme = urlsplit(url.strip()).scheme.lower()
                assert scheme in ("", "http", "https", "mailto"), (page, url)
                if attr == "src" or element.tag == "link":
                    assert scheme == "" and not url.startswith("//"), (page, url)
        for element in tree.iter():
            if isinstance(element.tag, str):
                bad = [
                    a for a in element.attrib if a.lower().startswith("on") or a.lower() == "style"
                ]
                assert not bad, (page, element.tag, bad)
    for js in site.rglob("*.js"):
        text = js.read_text(encoding="utf-8")
        # data files never carry a tag close
        assert "</script" not in text.lower() or js.parts[-2] == "static", js


def browse(browser: object, site: Path) -> dict[str, list[str]]:
    """Open every page of `site` with the hooks installed; what ran, what was asked for, what was
    blocked."""
    site_url = site.resolve().as_uri() + "/"
    found: dict[str, list[str]] = {"hits": [], "dialogs": [], "outbound": [], "ready": []}

    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(site_url):
            route.continue_()  # type: ignore[attr-defined]
        else:
            found["outbound"].append(url)
            route.abort()  # type: ignore[attr-defined]

    def on_dialog(dialog: object) -> None:
        found["dialogs"].append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    context = browser.new_context()  # type: ignore[attr-defined]
    context.add_init_script(HOOKS)
    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", on_dialog)
    page.on("popup", lambda popup: found["outbound"].append(f"popup:{popup.url}"))
    try:
        for file in pages(site):
            page.goto(file.resolve().as_uri(), wait_until="load")
            page.wait_for_timeout(150)  # timers and late handlers
            page.mouse.move(10, 10)
            found["hits"].extend(
                f"{file.name}: {h}" for h in page.evaluate(f"window.{MARKER}.slice()")
            )
            if page.evaluate("document.documentElement.dataset.timeline || ''") == "ready":
                found["ready"].append(file.name)
    finally:
        context.close()
    return found


def test_the_detectors_detect(tmp_path: Path, browser: object) -> None:
    """Control: a page that does run script, inline script and a request out is caught by each
    detector."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "run.js").write_text("alert('ran');\n")
    csp = '<meta http-equiv="Content-Security-Policy" content="script-src \'self\'">'
    (site / "a.html").write_text(
        f'<!doctype html><html><head>{csp}<script src="run.js"></script></head>'
        '<body><script>confirm(1)</script><img src="https://example.invalid/x.png"></body></html>'
    )
    found = browse(browser, site)
    assert any("alert:ran" in h for h in found["hits"]), found
    assert any(": csp:script-src" in h for h in found["hits"]), found
    assert found["outbound"] == ["https://example.invalid/x.png"], found


def test_no_script_runs_and_no_request_leaves(
    hostile_site: tuple[Path, int], browser: object
) -> None:
    site, tried = hostile_site
    found = browse(browser, site)
    loaded = len(pages(site))
    print(
        f"\nXSS: {tried} vectors and naughty strings tried, {loaded} pages loaded, "
        f"{len(found['hits'])} script executions or CSP violations, {len(found['dialogs'])} "
        f"dialogs, "
        f"{len(found['outbound'])} outbound requests; the page's own script ready on "
        f"{len(found['ready'])} page(s)"
    )
    assert found["hits"] == [], found["hits"][:20]
    assert found["dialogs"] == [], found["dialogs"][:20]
    assert found["outbound"] == [], found["outbound"][:20]
    assert "index.html" in found["ready"]  # the timeline script ran and rendered the hostile events
