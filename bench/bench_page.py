"""The page's benchmark: synthetic timelines of 10,000 (and 100,000) events rendered, then measured
in headless Debian Chromium: time to interactive (desktop, and a 390-px phone at 4x CPU throttle),
search and filter latency, zoom frame rate, the page's own weight; beside it, in the same run on the
same events, TimelineJS3 (our timelinejs.json) and vis-timeline (our events.json) from node_modules,
time to their first drawn timeline.

    .venv/bin/python bench/bench_page.py            # 10,000 and 100,000 events
    .venv/bin/python bench/bench_page.py 10000      # just these sizes
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from timeline.render import render_site
from timeline.render.site import PACKAGE_TEMPLATES

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from synthetic import synthetic  # noqa: E402  (tests/synthetic.py: the renderer's test timelines)

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
OTHERS = {"TimelineJS3": 76, "vis-timeline": 160}

INPUT = """async ([selector, value]) => {
  const el = document.querySelector(selector), t = performance.now();
  el.value = value;
  el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input', {bubbles: true}));
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));   // until the next frame is drawn
  return performance.now() - t;
}"""
ZOOM = """async (ms) => {
  const axis = document.getElementById('axis'), r = axis.getBoundingClientRect();
  let frames = 0, worst = 0, last = performance.now(); const t0 = last;
  await new Promise(done => {
    function step(now) {
      frames++; worst = Math.max(worst, now - last); last = now;
      const zoomIn = Math.floor((now - t0) / 500) % 2 === 0;
      axis.dispatchEvent(new WheelEvent('wheel', {deltaY: zoomIn ? -120 : 120, clientX: r.left + r.width * 0.5,
                                                  clientY: r.top + 40, bubbles: true, cancelable: true}));
      if (now - t0 < ms) requestAnimationFrame(step); else done();
    }
    requestAnimationFrame(step);
  });
  return [frames / ((last - t0) / 1000), worst];
}"""

DRAW = """(count) => {
  const app = self.timelineApp, axis = document.getElementById('axis'), t = performance.now();
  for (let i = 0; i < count; i++) { app.zoom(i % 2 ? 1.25 : 0.8, 0.5); app.draw(); axis.getBoundingClientRect(); document.body.offsetHeight; }
  return (performance.now() - t) / count;
}"""


def weight_kb() -> float:
    static = PACKAGE_TEMPLATES / "static"
    raw = b"".join(sorted(p.read_bytes() for p in static.iterdir() if p.suffix in (".js", ".css")))
    return len(gzip.compress(raw, 9)) / 1024


def measure(browser: object, site: Path, n: int) -> None:
    html_mb = (site / "index.html").stat().st_size / 1e6
    data_mb = sum(p.stat().st_size for p in (site / "data").iterdir()) / 1e6
    index = (site / "index.html").read_text(encoding="utf-8")
    eager_mb = (
        html_mb
        + sum(
            (site / src).stat().st_size for src in re.findall(r'<script src="(data/[^"]+)"', index)
        )
        / 1e6
    )
    ready = []
    for _ in range(3):
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        page.goto((site / "index.html").as_uri(), timeout=600_000)
        page.wait_for_selector("html[data-timeline=ready]", state="attached", timeout=600_000)
        ready.append(page.evaluate("timelineApp.readyAt"))
        if len(ready) < 3:
            page.close()
    # large pages load the words after ready
    page.wait_for_function("() => timelineApp.searchReady", timeout=600_000)
    # the first round is cold (a large page loads the rows' details it shows for the first time);
    # two more warm rounds
    searches, filters = [], []
    for _ in range(3):
        searches.append(
            [
                page.evaluate(INPUT, ["#q", q])
                for q in ("m", "mi", "missile", "missile coalition", "zzz", "")
            ]
        )
        filters.append(
            [
                page.evaluate(INPUT, [s, v])
                for s, v in (
                    ("#f-tag", "missiles"),
                    ("#f-place", "Berlin"),
                    ("#f-tag", ""),
                    ("#f-place", ""),
                    ("#f-lang", "de"),
                    ("#f-lang", ""),
                )
            ]
        )
        page.wait_for_timeout(300)
    phones = [phone_ready(browser, site) for _ in range(3)]  # the machine is shared: a median
    fps, worst = page.evaluate(ZOOM, 3000)
    draw_ms = page.evaluate(DRAW, 60)
    page.close()
    print(
        f"{n:>7,} events  index.html {html_mb:6.1f} MB, data {data_mb:5.1f} MB, loaded before "
        f"interactive {eager_mb:5.1f} MB"
    )
    print(
        f"         interactive (script done) {statistics.median(ready):7.0f} ms  (median of "
        f"3: {', '.join(f'{r:.0f}' for r in ready)})"
    )
    print(
        f"         interactive on a 390-px phone at 4x CPU throttle "
        f"{statistics.median(phones):7.0f} ms  (median of 3: {', '.join(f'{r:.0f}' for r in phones)})"
    )
    for name, runs in (("search", searches), ("filter", filters)):
        warm = runs[1] + runs[2]
        print(
            f"         {name}   cold: median {statistics.median(runs[0]):5.1f} ms, worst "
            f"{max(runs[0]):5.1f} ms; "
            f"warm: median {statistics.median(warm):5.1f} ms, worst {max(warm):5.1f} ms (to "
            f"the next frame)"
        )
    print(
        f"         zoom     {fps:5.1f} frames/s while wheel-zooming, longest frame "
        f"{worst:5.1f} ms; "
        f"one zoom step (draw + style + layout) {draw_ms:.2f} ms of CPU"
    )


def phone_ready(browser: object, site: Path) -> float:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )  # type: ignore[attr-defined]
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto((site / "index.html").as_uri(), timeout=600_000)
    page.wait_for_selector("html[data-timeline=ready]", state="attached", timeout=600_000)
    ready = page.evaluate("timelineApp.readyAt")
    context.close()
    return float(ready)


NODE = Path(__file__).resolve().parents[1] / "node_modules"
TL_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>TimelineJS3</title>
<link rel="stylesheet" href="tl/css/timeline.css"></head><body><div id="tl" style="width:1280px;height:700px"></div>
<script src="tl/js/timeline.js"></script><script src="data.js"></script><script>
window.tl = new TL.Timeline("tl", window.DATA, {script_path: new URL("tl/js/", location.href).href, language: "en"});
window.tl.on("loaded", function () { document.title = "ready " + performance.now(); });
</script></body></html>"""
VIS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>vis-timeline</title></head>
<body><div id="vis"></div><script src="vis.js"></script><script src="data.js"></script><script>
var items = new vis.DataSet(window.DATA), t = new vis.Timeline(document.getElementById("vis"), items, {height: "700px"});
t.once("changed", function () { document.title = "ready " + performance.now(); });
</script></body></html>"""


def peers(browser: object, site: Path, tmp: Path) -> dict[str, float | None]:
    """TimelineJS3 and vis-timeline on the same events, from a local server (TimelineJS3 cannot
    start from file://): ms from navigation to their first drawn timeline; None when the library
    is not in node_modules."""
    out: dict[str, float | None] = {}
    tl_dist, vis_js = (
        NODE / "@knight-lab" / "timelinejs" / "dist",
        NODE / "vis-timeline" / "standalone" / "umd" / "vis-timeline-graph2d.min.js",
    )
    root = tmp / "peers"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir()
    if tl_dist.is_dir():
        shutil.copytree(tl_dist, root / "tl")
        (root / "tl.html").write_text(TL_PAGE, encoding="utf-8")
        (root / "tl-data.js").write_text(
            "window.DATA = " + (site / "timelinejs.json").read_text(encoding="utf-8") + ";",
            encoding="utf-8",
        )
    if vis_js.is_file():
        shutil.copy(vis_js, root / "vis.js")
        events = json.loads((site / "events.json").read_text(encoding="utf-8"))["events"]
        items = [
            {"id": n, "content": e["title"][:80], "start": e["date"][:10]}
            for n, e in enumerate(events)
            if e.get("date") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", e["date"][:10])
        ]
        (root / "vis.html").write_text(VIS_PAGE, encoding="utf-8")
        (root / "vis-data.js").write_text(
            "window.DATA = " + json.dumps(items) + ";", encoding="utf-8"
        )
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for name, page_name in (("TimelineJS3", "tl.html"), ("vis-timeline", "vis.html")):
            if not (root / page_name).exists():
                out[name] = None
                continue
            (root / "data.js").write_bytes(
                (root / page_name.replace(".html", "-data.js")).read_bytes()
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
            page.route(
                "**/*",
                lambda r: (
                    r.continue_() if r.request.url.startswith("http://127.0.0.1") else r.abort()
                ),
            )
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/{page_name}", timeout=600_000)
            page.wait_for_function("() => document.title.startsWith('ready ')", timeout=600_000)
            out[name] = float(page.title().split()[1])
            page.close()
    finally:
        server.shutdown()
        server.server_close()
    return out


def _gz_kb(paths: list[Path]) -> float | None:
    if not all(p.is_file() for p in paths):
        return None
    return len(gzip.compress(b"".join(p.read_bytes() for p in paths), 9)) / 1024


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass


def main(sizes: list[int]) -> None:
    kb = weight_kb()
    tl = _gz_kb(
        [
            NODE / "@knight-lab" / "timelinejs" / "dist" / "js" / "timeline.js",
            NODE / "@knight-lab" / "timelinejs" / "dist" / "css" / "timeline.css",
        ]
    )
    vis = _gz_kb([NODE / "vis-timeline" / "standalone" / "umd" / "vis-timeline-graph2d.min.js"])
    print(
        f"page's own script + style: {kb:.1f} KB gzipped  (TimelineJS3 "
        f"{tl or OTHERS['TimelineJS3']:.0f} KB, "
        f"vis-timeline {vis or OTHERS['vis-timeline']:.0f} "
        f"KB{'' if tl and vis else '; published figures where not installed'})"
    )
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in sizes:
            events, articles = synthetic(n, articles=max(5, n // 200))
            site = Path(tmp) / f"site-{n}"
            t = time.perf_counter()
            render_site(events, articles, site, title=f"{n} synthetic events")
            print(f"{n:>7,} events  rendered in {time.perf_counter() - t:.1f} s")
            measure(browser, site, n)
            for name, ms in peers(browser, site, Path(tmp)).items():
                print(
                    f"         {name:<12} first timeline drawn {ms:7.0f} ms"
                    if ms is not None
                    else f"         {name:<12} not in node_modules (npm ci)"
                )
        browser.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
