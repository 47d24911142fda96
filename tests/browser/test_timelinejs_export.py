"""timelinejs.json renders in the real TimelineJS3, installed from the npm registry
(node_modules), offline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
DIST = Path(__file__).resolve().parents[2] / "node_modules" / "@knight-lab" / "timelinejs" / "dist"

HARNESS = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>TimelineJS3 harness</title>
<link rel="stylesheet" href="tl/css/timeline.css"></head>
<body><div id="timeline-embed" style="width: 1000px; height: 600px"></div>
<script src="tl/js/timeline.js"></script><script src="data.js"></script><script src="harness.js"></script></body></html>
"""
START = """window.timeline = new TL.Timeline("timeline-embed", window.TL_DATA, {script_path: new URL("tl/js/", location.href).href, language: "en"});
window.timeline.on("loaded", function () { document.documentElement.setAttribute("data-loaded", "yes"); });
"""


def test_timelinejs3_renders_the_export(
    open_page, serve_dir, tricky_site: Path, tmp_path: Path
) -> None:
    if not (DIST / "js" / "timeline.js").exists():
        pytest.fail("node_modules/@knight-lab/timelinejs is missing: run `npm ci` (make test does)")
    shutil.copytree(DIST, tmp_path / "tl")
    data = json.loads((tricky_site / "timelinejs.json").read_text(encoding="utf-8"))
    (tmp_path / "data.js").write_text(
        "window.TL_DATA = " + json.dumps(data) + ";\n", encoding="utf-8"
    )
    (tmp_path / "harness.js").write_text(START, encoding="utf-8")
    (tmp_path / "index.html").write_text(HARNESS, encoding="utf-8")
    page = open_page(
        serve_dir(tmp_path) + "index.html",
        wait_ready=False,
        # TimelineJS3's own CSS asks Google for its fonts (blocked)  # TimelineJS3
        # cannot start from file://
        tolerate=("https://fonts.gstatic.com/",),
    )
    page.wait_for_selector("html[data-loaded=yes]", state="attached", timeout=15000)
    dated = len(data["events"])
    assert dated == 6  # every dated event of the fixture; the undated one cannot be placed
    assert page.locator(".tl-timemarker").count() == dated
    headlines = page.eval_on_selector_all(
        ".tl-slide-content .tl-headline", "els => els.map(e => e.textContent)"
    )
    assert "Investigation launched" in headlines
    # escaped, shown as text
    assert "</script><script>alert(1)</script> \u2028 & <b>" in "".join(headlines)
