"""The page's benchmark: synthetic timelines of 10,000 (and 100,000) events rendered, then measured in headless
Debian Chromium: time to interactive, search and filter latency, zoom frame rate, and the page's own weight.

    .venv/bin/python bench/bench_page.py            # 10,000 and 100,000 events
    .venv/bin/python bench/bench_page.py 10000      # just these sizes
"""

from __future__ import annotations

import gzip
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from timeline.render import render_site
from timeline.render.site import PACKAGE_TEMPLATES
from timeline.render.synthetic import synthetic

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
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
    eager_mb = html_mb + sum((site / src).stat().st_size for src in re.findall(r'<script src="(data/[^"]+)"', index)) / 1e6
    ready = []
    for _ in range(3):
        page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        page.goto((site / "index.html").as_uri(), timeout=600_000)
        page.wait_for_selector("html[data-timeline=ready]", state="attached", timeout=600_000)
        ready.append(page.evaluate("timelineApp.readyAt"))
        if len(ready) < 3:
            page.close()
    page.wait_for_function("() => timelineApp.searchReady", timeout=600_000)  # large pages load the words after ready
    # the first round is cold (a large page loads the rows' details it shows for the first time); two more warm rounds
    searches, filters = [], []
    for _ in range(3):
        searches.append([page.evaluate(INPUT, ["#q", q]) for q in ("m", "mi", "missile", "missile coalition", "zzz", "")])
        filters.append([page.evaluate(INPUT, [s, v]) for s, v in (("#f-tag", "missiles"), ("#f-place", "Berlin"), ("#f-tag", ""),
                                                                   ("#f-place", ""), ("#f-lang", "de"), ("#f-lang", ""))])
        page.wait_for_timeout(300)
    fps, worst = page.evaluate(ZOOM, 3000)
    draw_ms = page.evaluate(DRAW, 60)
    page.close()
    print(f"{n:>7,} events  index.html {html_mb:6.1f} MB, data {data_mb:5.1f} MB, loaded before interactive {eager_mb:5.1f} MB")
    print(f"         interactive (script done) {statistics.median(ready):7.0f} ms  (median of 3: {', '.join(f'{r:.0f}' for r in ready)})")
    for name, runs in (("search", searches), ("filter", filters)):
        warm = runs[1] + runs[2]
        print(f"         {name}   cold: median {statistics.median(runs[0]):5.1f} ms, worst {max(runs[0]):5.1f} ms; "
              f"warm: median {statistics.median(warm):5.1f} ms, worst {max(warm):5.1f} ms (to the next frame)")
    print(f"         zoom     {fps:5.1f} frames/s while wheel-zooming, longest frame {worst:5.1f} ms; "
          f"one zoom step (draw + style + layout) {draw_ms:.2f} ms of CPU")


def main(sizes: list[int]) -> None:
    kb = weight_kb()
    print(f"page's own script + style: {kb:.1f} KB gzipped  (TimelineJS3 {OTHERS['TimelineJS3']} KB, "
          f"vis-timeline {OTHERS['vis-timeline']} KB)")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in sizes:
            events, articles = synthetic(n, articles=max(5, n // 200))
            site = Path(tmp) / f"site-{n}"
            t = time.perf_counter()
            render_site(events, articles, site, title=f"{n} synthetic events")
            print(f"{n:>7,} events  rendered in {time.perf_counter() - t:.1f} s")
            measure(browser, site, n)
        browser.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
