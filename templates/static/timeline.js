/* timeline.js: enhances the static, complete list in index.html with a zoomable time axis, filters and search.
 * Without this script the page is still the whole list. Data: rows pushed by data/*.js (see client_data.py),
 * row i describing the i-th event of the list. Small sites: the index holds every li.event and the script
 * hides and shows them. Large sites (meta.html_chunk > 0): the index links one page per year instead, and the
 * script shows a lazy list: only a window of the matching events, their HTML loaded chunk by chunk
 * (data/html-*.js, named in meta.js) when the window reaches them. Dates are epoch-day integers computed at build time: no Date parsing,
 * no time zone can move an event. No network access, no inline code (the page's CSP forbids both). */
(function () {
  "use strict";
  var DAY_MIN = 3, YEARS_MAX = 600, LANES = 3, MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var FACETS = ["actor", "place", "tag", "source", "lang"];
  var $ = function (id) { return document.getElementById(id); };

  /* ---- calendar arithmetic on epoch days (proleptic Gregorian, H. Hinnant's algorithms) ---- */
  function civil(z) {
    z += 719468;
    var era = Math.floor(z / 146097), doe = z - era * 146097;
    var yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    var doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    var mp = Math.floor((5 * doy + 2) / 153), d = doy - Math.floor((153 * mp + 2) / 5) + 1, m = mp < 10 ? mp + 3 : mp - 9;
    return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
  }
  function days(y, m, d) {
    y -= m <= 2 ? 1 : 0;
    var era = Math.floor(y / 400), yoe = y - era * 400;
    var doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
    return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
  }
  function pad(n, w) { var s = String(Math.abs(n)); while (s.length < w) s = "0" + s; return (n < 0 ? "-" : "") + s; }
  function iso(z) { var c = civil(Math.floor(z)); return pad(c[0], 4) + "-" + pad(c[1], 2) + "-" + pad(c[2], 2); }
  function parseIso(s) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s || "");
    return m ? days(+m[1], +(m[2] || 1), +(m[3] || 1)) : null;
  }
  function human(z) { var c = civil(Math.floor(z)); return c[2] + " " + MON[c[1] - 1] + " " + c[0]; }
  function fold(s) { return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().split(/\s+/).filter(Boolean); }

  /* ---- data ---- */
  var pushed = self.TIMELINE_DATA || [], meta = null, rows = [], html = [], htmlState = [], htmlAt = null, hay = [], hayCount = 0;
  function take(c) {
    if (c.meta) meta = c.meta;
    else if (c.search) { for (var i = 0; i < c.search.length; i++) hay[c.search_offset + i] = c.search[i]; hayCount += c.search.length; }
    else if (c.html) {
      // an html chunk names itself; meta.js says where it starts (chunks end where their events say: client_data.py)
      if (!htmlAt) htmlAt = indexOf(meta.html_files || []);
      var k = htmlAt[c.html_chunk], s = meta.html_starts[k];
      if (k === undefined) return;
      for (var i = 0; i < c.html.length; i++) html[s + i] = c.html[i];
      htmlState[k] = 2;
    }
    else for (var i = 0; i < c.rows.length; i++) rows[c.offset + i] = c.rows[i];
  }
  pushed.forEach(function (c) { if (c.meta) take(c); });
  pushed.forEach(function (c) { if (!c.meta) take(c); });
  var consumed = pushed.length, lazy = !!(meta && meta.html_chunk > 0), listEl = $("list");
  var items = lazy ? [] : document.querySelectorAll("#timeline li.event");
  var app = $("app"), axis = $("axis");
  if (!meta || !meta.group_keys || !app || !axis || rows.length !== meta.total || (lazy ? !listEl : items.length !== rows.length)) return; // stale data: the static list stays as it is
  var N = rows.length, start = new Float64Array(N), end = new Float64Array(N), placed = new Uint8Array(N);
  var sal = new Int16Array(N), group = new Int32Array(N), idToIndex = Object.create(null), lo = Infinity, hi = -Infinity;
  // rows name their group (client_data.py): turned into an index into meta.heads; filter values stay text
  var groupAt = indexOf(meta.group_keys);
  function htmlChunkOf(i) {  // the chunk holding event i: the last one starting at or before it
    var a = 0, b = meta.html_starts.length - 1;
    while (a < b) { var m = (a + b + 1) >> 1; if (meta.html_starts[m] <= i) a = m; else b = m - 1; }
    return a;
  }
  function indexOf(values) { var at = Object.create(null); for (var k = 0; k < values.length; k++) at[values[k]] = k; return at; }
  for (var i = 0; i < N; i++) {
    var r = rows[i];
    r[6] = groupAt[r[6]];
    idToIndex[r[0]] = i; group[i] = r[6]; sal[i] = r[3];
    if (r[1] !== null) { placed[i] = 1; start[i] = r[1]; end[i] = r[2] + 1; lo = Math.min(lo, r[1]); hi = Math.max(hi, r[2] + 1); }
  }
  if (lo === Infinity) { lo = days(2000, 1, 1); hi = days(2001, 1, 1); }
  var groupEls = lazy ? [] : document.querySelectorAll("#timeline section.month"), yearEls = document.querySelectorAll("#timeline section.year");
  var groupYear = new Int32Array(groupEls.length);
  for (var y = 0, g = 0; y < yearEls.length; y++) {
    for (; g < groupEls.length && yearEls[y].contains(groupEls[g]); g++) groupYear[g] = y;
  }

  /* ---- state ---- */
  var span0 = Math.max(hi - lo, 30), view = { from: lo, to: hi };
  var filters = { q: "", actor: "", place: "", tag: "", source: "", lang: "", inview: false };
  var selected = -1, matchList = [], matched = new Uint8Array(N), hiddenNow = new Uint8Array(N), groupHidden = [], yearHidden = [];
  var form = $("filters"), q = $("q"), rangeEl = $("range"), statusEl = $("status"), lanesEl = axis.querySelector(".lanes"), ticksEl = axis.querySelector(".ticks");
  var drawPending = false, rangeTimer = 0, urlTimer = 0, statusTimer = 0, listTimer = 0;

  /* ---- filtering ---- */
  function facetValue(name) {  // null: no filter; undefined: a value no event has
    var v = filters[name]; if (!v) return null;
    return meta.facets[name].indexOf(v) < 0 ? undefined : v;
  }
  function computeMatches() {
    var terms = fold(filters.q), want = FACETS.map(facetValue), cols = [8, 9, 10, 11];
    matchList = []; matched.fill(0);
    if (want.indexOf(undefined) >= 0) return;
    outer: for (var i = 0; i < N; i++) {
      var r = rows[i];
      for (var f = 0; f < 4; f++) if (want[f] !== null && r[cols[f]].indexOf(want[f]) < 0) continue outer;
      if (want[4] !== null && r[12] !== want[4]) continue;
      if (terms.length && hay[i] === undefined) continue; // its words have not arrived yet: found once they do
      for (var t = 0; t < terms.length; t++) if (hay[i].indexOf(terms[t]) < 0) continue outer;
      matched[i] = 1; matchList.push(i);
    }
  }
  function inView(i) { return placed[i] && end[i] > view.from && start[i] < view.to; }
  function applyList() {
    if (lazy) return applyLazy();
    var count = new Int32Array(groupEls.length), shown = 0;
    for (var i = 0; i < N; i++) {
      var h = matched[i] && (!filters.inview || inView(i)) ? 0 : 1;
      if (h !== hiddenNow[i]) { hiddenNow[i] = h; items[i].hidden = !!h; }
      if (!h) { count[group[i]]++; shown++; }
    }
    var yearCount = new Int32Array(yearEls.length);
    for (var g = 0; g < groupEls.length; g++) {
      var gh = count[g] === 0;
      if (gh !== groupHidden[g]) { groupHidden[g] = gh; groupEls[g].hidden = gh; }
      if (!gh) yearCount[groupYear[g]]++;
    }
    for (var y = 0; y < yearEls.length; y++) {
      var yh = yearCount[y] === 0;
      if (yh !== yearHidden[y]) { yearHidden[y] = yh; yearEls[y].hidden = yh; }
    }
    return shown;
  }
  /* ---- the lazy list (large sites): a window [winA, winB) of the shown events, rendered as HTML ---- */
  var PAGE = 30, shownList = [], winA = 0, winB = 0, moreObserver = null;
  function esc(t) { return String(t).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"); }
  function applyLazy(around) {
    shownList = filters.inview ? matchList.filter(inView) : matchList;
    var pos = around === undefined ? 0 : lowerBound(shownList, around);  // the event first: nothing above it can move it
    winA = Math.min(pos, Math.max(0, shownList.length - PAGE)); winB = Math.min(shownList.length, winA + PAGE);
    renderWindow();
    return shownList.length;
  }
  function lowerBound(list, v) { var a = 0, b = list.length; while (a < b) { var m = (a + b) >> 1; if (list[m] < v) a = m + 1; else b = m; } return a; }
  function loadHtml(k) {
    if (htmlState[k]) return; htmlState[k] = 1;
    var el = document.createElement("script"); el.src = "data/html-" + meta.html_files[k] + ".js";
    el.onload = function () { el.remove(); for (; consumed < pushed.length; consumed++) take(pushed[consumed]); renderWindowSoon(); };
    el.onerror = function () { htmlState[k] = 0; el.remove(); };
    document.head.appendChild(el);
  }
  var renderPending = false;
  function renderWindowSoon() { if (!renderPending) { renderPending = true; requestAnimationFrame(function () { renderPending = false; renderWindow(); }); } }
  function renderWindow() {
    var out = [], lastG = -1, lastY = null, heads = meta.heads, open = false, wanted = [];
    if (winA > 0) out.push('<p class="more"><button type="button" class="more-earlier">Show earlier events (' + winA.toLocaleString("en") + ")</button></p>");
    for (var k = winA; k < winB; k++) {
      var i = shownList[k], g = group[i];
      if (g !== lastG) {
        if (open) out.push("</ol>");
        if (heads[g][0] !== lastY) { lastY = heads[g][0]; out.push('<h2 class="list-year">' + esc(lastY) + "</h2>"); }
        out.push('<h3 class="list-month">' + esc(heads[g][1]) + '</h3><ol class="events">'); open = true; lastG = g;
      }
      if (html[i] === undefined) {
        wanted.push(htmlChunkOf(i));
        out.push('<li class="event pending" id="' + esc(rows[i][0]) + '"><h4 class="event-title">' + esc(rows[i][4]) +
                 '</h4><p class="event-date">' + esc(rows[i][5]) + "</p></li>");
      } else out.push(html[i]);
    }
    if (open) out.push("</ol>");
    if (winB < shownList.length) out.push('<p class="more"><button type="button" class="more-later">Show later events (' + (shownList.length - winB).toLocaleString("en") + ")</button></p>");
    var anchor = null, anchorTop = 0;  // keep the first row on screen where it is (rows above may grow or go)
    var sel = selected >= 0 ? document.getElementById(rows[selected][0]) : null, sr = sel && listEl.contains(sel) && sel.getBoundingClientRect();
    if (sr && sr.bottom > 0 && sr.top < innerHeight) { anchor = sel.id; anchorTop = sr.top; }  // the selected event stays put
    else if (listEl.getBoundingClientRect().top < 0) {
      var lis = listEl.querySelectorAll("li.event");
      for (var n = 0; n < lis.length; n++) { var rc = lis[n].getBoundingClientRect(); if (rc.bottom > 0) { anchor = lis[n].id; anchorTop = rc.top; break; } }
    }
    listEl.innerHTML = out.join("");
    if (anchor) { var again = document.getElementById(anchor); if (again) window.scrollBy(0, again.getBoundingClientRect().top - anchorTop); }
    if (selected >= 0) { var li = document.getElementById(rows[selected][0]); if (li && listEl.contains(li)) li.classList.add("selected"); }
    if (wanted.length) { // the rows' details load once this frame is drawn: titles and dates answer at once
      requestAnimationFrame(function () { setTimeout(function () { wanted.forEach(loadHtml); }, 20); });
    }
    var later = listEl.querySelector(".more-later");
    if (moreObserver) { moreObserver.disconnect(); if (later) moreObserver.observe(later); }
  }
  function growWindow(later) {
    if (later) winB = Math.min(shownList.length, winB + PAGE); else winA = Math.max(0, winA - PAGE);
    renderWindow();
  }
  if (lazy) {
    listEl.hidden = false;
    listEl.addEventListener("click", function (e) {
      var b = e.target.closest("button.more-earlier, button.more-later"); if (!b) return;
      growWindow(b.classList.contains("more-later"));
    });
    if (self.IntersectionObserver) moreObserver = new IntersectionObserver(function (entries) {
      if (entries.some(function (en) { return en.isIntersecting; })) growWindow(true);
    }, { rootMargin: "800px 0px" });
  }
  function liOf(i) { return lazy ? document.getElementById(rows[i][0]) : items[i]; }
  function ensureShown(i) {
    // lazy list: put event i in the window (turning off "only the period on the axis" if that hides it)
    var pos = lowerBound(shownList, i);
    if (shownList[pos] !== i && filters.inview) { filters.inview = false; $("inview").checked = false; applyLazy(i); return; }
    if (shownList[pos] === i && (pos < winA || pos >= winB)) applyLazy(i);
  }

  function refilter() {
    computeMatches();
    var shown = applyList();
    requestDraw();
    var msg = shown === N ? "Showing all " + N.toLocaleString("en") + " events." :
      "Showing " + shown.toLocaleString("en") + " of " + N.toLocaleString("en") + " events.";
    app.setAttribute("data-shown", shown);
    clearTimeout(statusTimer);
    statusTimer = setTimeout(function () { statusEl.textContent = msg; }, 250);
    saveUrlSoon();
  }

  /* ---- the axis ---- */
  function requestDraw() { if (!drawPending) { drawPending = true; requestAnimationFrame(draw); } }
  function tickStep(pxPerDay) {
    var steps = [[1, "d"], [7, "w"], [1, "m"], [3, "m"], [6, "m"], [1, "y"], [2, "y"], [5, "y"], [10, "y"], [20, "y"], [50, "y"], [100, "y"]];
    var approx = { d: 1, w: 1, m: 30.44, y: 365.25 };
    for (var k = 0; k < steps.length; k++) if (steps[k][0] * approx[steps[k][1]] * pxPerDay >= 84) return steps[k];
    return [200, "y"];
  }
  function ticks(W, s) {
    var st = tickStep(s), n = st[0], unit = st[1], out = [], c = civil(Math.floor(view.from)), z;
    if (unit === "d" || unit === "w") {
      z = Math.floor(view.from);
      if (unit === "w") z -= ((z % 7) + 7 + 3) % 7; // back to a Monday (1970-01-01 was a Thursday)
      for (; z <= view.to; z += unit === "w" ? 7 : n) { var cz = civil(z); out.push([z, cz[2] + " " + MON[cz[1] - 1] + (cz[2] === 1 && cz[1] === 1 || unit === "w" && cz[2] <= 7 && cz[1] === 1 ? " " + cz[0] : "")]); }
    } else if (unit === "m") {
      var yy = c[0], mm = c[1] - ((c[1] - 1) % n);
      for (z = days(yy, mm, 1); z <= view.to; mm += n, mm > 12 && (mm -= 12, yy++), z = days(yy, mm, 1)) out.push([z, MON[mm - 1] + " " + yy]);
    } else {
      for (var year = Math.floor(c[0] / n) * n; (z = days(year, 1, 1)) <= view.to; year += n) out.push([z, String(year)]);
    }
    var frag = document.createDocumentFragment();
    out.forEach(function (t) {
      var x = (t[0] - view.from) * s; if (x < -80 || x > W) return;
      var el = document.createElement("span"); el.className = "tick"; el.style.left = x.toFixed(1) + "px"; el.textContent = t[1]; frag.appendChild(el);
    });
    ticksEl.replaceChildren(frag);
  }
  function draw() {
    drawPending = false;
    var W = axis.clientWidth || 600, s = W / (view.to - view.from), C = W < 560 ? 112 : 152, cols = new Map();
    ticks(W, s);
    // one pass: per column of the axis its count and its LANES most salient events (no sorting of big columns);
    // a second pass: the time range of the events that go into the column's "+n more" cluster
    function better(a, b) { return (a === selected) - (b === selected) || sal[a] - sal[b] || start[b] - start[a] || b - a; }
    for (var k = 0; k < matchList.length; k++) {
      var i = matchList[k];
      if (!inView(i)) continue;
      var col = Math.floor(Math.max(start[i], view.from) * s / C), c = cols.get(col);
      if (!c) { c = { n: 0, top: [], a: Infinity, b: -Infinity }; cols.set(col, c); }
      c.n++;
      var top = c.top, t = top.length;
      if (t < LANES || better(i, top[t - 1]) > 0) {
        if (t === LANES) top.pop();
        top.push(i);
        for (var j = top.length - 1; j > 0 && better(top[j], top[j - 1]) > 0; j--) { var sw = top[j]; top[j] = top[j - 1]; top[j - 1] = sw; }
      }
    }
    cols.forEach(function (c) { c.solo = c.n <= LANES ? c.n : LANES - 1; });
    for (k = 0; k < matchList.length; k++) {
      i = matchList[k];
      if (!inView(i)) continue;
      c = cols.get(Math.floor(Math.max(start[i], view.from) * s / C));
      if (c.n <= LANES || c.top.indexOf(i) >= 0 && c.top.indexOf(i) < c.solo) continue;
      if (start[i] < c.a) c.a = start[i];
      if (end[i] > c.b) c.b = end[i];
    }
    var focusKey = document.activeElement && axis.contains(document.activeElement) ? document.activeElement.getAttribute("data-key") : null;
    var frag = document.createDocumentFragment(), keys = Array.from(cols.keys()).sort(function (a, b) { return a - b; });
    keys.forEach(function (col) {
      var c = cols.get(col), left = col * C - view.from * s;
      for (var l = 0; l < c.solo; l++) frag.appendChild(eventItem(c.top[l], l, left, C, s));
      if (c.n > c.solo) frag.appendChild(clusterItem(c.n - c.solo, c.a, c.b, c.top[c.solo], LANES - 1, left, C, s));
    });
    spreadLabels(frag, W);
    lanesEl.replaceChildren(frag);
    if (focusKey) { var again = lanesEl.querySelector('[data-key="' + focusKey + '"]'); (again || axis).focus({ preventScroll: true }); }
    if (!rangeTimer) rangeTimer = setTimeout(showRange, 90);
    if (filters.inview) { clearTimeout(listTimer); listTimer = setTimeout(applyList, 120); }
  }
  function spreadLabels(frag, W) {
    // a label may use the free room up to the next item in its lane (and never leaves the axis)
    var byLane = [[], [], []];
    for (var el = frag.firstChild; el; el = el.nextSibling) byLane[el._lane].push(el);
    byLane.forEach(function (lane) {
      lane.sort(function (a, b) { return a._l - b._l; });
      for (var k = 0; k < lane.length; k++) {
        var el = lane[k], l = Math.max(2, el._l), right = k + 1 < lane.length ? lane[k + 1]._l - 6 : W - 2;
        right = Math.min(Math.max(right, el._l + el._w), W - 2);
        if (right - l < 60) l = Math.max(2, right - 60);
        el.style.left = l.toFixed(1) + "px"; el.style.width = (right - l).toFixed(1) + "px";
        el.firstChild.style.left = (el._x0 - l).toFixed(1) + "px";
      }
    });
  }
  function showRange() {
    rangeTimer = 0;
    var visibleCount = 0; for (var j = 0; j < matchList.length; j++) if (inView(matchList[j])) visibleCount++;
    rangeEl.textContent = human(view.from) + " – " + human(view.to - 1) + " · " + visibleCount.toLocaleString("en") +
      (visibleCount === 1 ? " event" : " events") + " in this period" + (matchList.length < N ? " (filtered)" : "");
  }
  function place(el, lane, left, C, x0, x1) {
    var l = Math.max(left, Math.min(x0, left + C - 96));
    el._lane = lane; el._l = l; el._w = left + C - l - 6; el._x0 = x0;
    el.style.top = (lane * 46 + 6) + "px";
    el.firstChild.style.width = Math.max(3, x1 - x0).toFixed(1) + "px";
  }
  function eventItem(i, lane, left, C, s) {
    var el = document.createElement("button"), r = rows[i];
    el.type = "button"; el.className = "item" + (i === selected ? " selected" : ""); el.setAttribute("data-key", "e" + i);
    el.setAttribute("data-i", i);
    if (i === selected) el.setAttribute("aria-current", "true");
    el.setAttribute("aria-label", r[4] + ", " + r[5]); el.title = r[4] + " (" + r[5] + ")";
    var bar = document.createElement("span"); bar.className = "bar" + (end[i] - start[i] > 1 ? " span" : ""); el.appendChild(bar);
    var label = document.createElement("span"); label.className = "label"; label.textContent = r[4]; el.appendChild(label);
    place(el, lane, left, C, (start[i] - view.from) * s, (end[i] - view.from) * s);
    return el;
  }
  function clusterItem(count, a, b, first, lane, left, C, s) {
    var el = document.createElement("button");
    el.type = "button"; el.className = "item cluster"; el.setAttribute("data-key", "c" + Math.round(a) + "-" + count);
    el.setAttribute("data-from", a); el.setAttribute("data-to", b); el.setAttribute("data-first", first);
    var text = "+" + count + " more";
    el.setAttribute("aria-label", count + " more events, " + human(a) + " to " + human(b - 1) + ": zoom in");
    var bar = document.createElement("span"); bar.className = "bar span"; el.appendChild(bar);
    var label = document.createElement("span"); label.className = "label"; label.textContent = text; el.appendChild(label);
    place(el, lane, left, C, (Math.max(a, view.from) - view.from) * s, (Math.min(b, view.to) - view.from) * s);
    return el;
  }

  /* ---- zoom and pan ---- */
  function setView(from, to, announce) {
    var minSpan = DAY_MIN, maxSpan = Math.max(YEARS_MAX * 365.25, (hi - lo) * 1.5), spanNow = Math.min(Math.max(to - from, minSpan), maxSpan);
    var mid = (from + to) / 2, margin = spanNow * 0.9;
    mid = Math.min(Math.max(mid, lo - margin), hi + margin);
    view.from = mid - spanNow / 2; view.to = mid + spanNow / 2;
    requestDraw(); saveUrlSoon();
    if (announce) { clearTimeout(statusTimer); statusTimer = setTimeout(function () { statusEl.textContent = "Axis shows " + human(view.from) + " to " + human(view.to - 1) + "."; }, 250); }
  }
  function zoom(factor, frac, announce) {
    var sp = view.to - view.from, at = view.from + sp * (frac === undefined ? 0.5 : frac), nsp = sp * factor;
    setView(at - nsp * (frac === undefined ? 0.5 : frac), at + nsp * (1 - (frac === undefined ? 0.5 : frac)), announce);
  }
  function pan(fraction, announce) { var d = (view.to - view.from) * fraction; setView(view.from + d, view.to + d, announce); }
  function showAll(announce) {
    var W = axis.clientWidth || 600, room = Math.min(0.5, 150 / W); // room on the right for the last labels
    setView(lo - span0 * 0.03, hi + (span0 * 0.03 + span0 * room) / (1 - room), announce);
  }
  function focusOn(i) {
    if (!placed[i]) return;
    var sp = view.to - view.from, len = end[i] - start[i];
    if (len > sp * 0.8 || start[i] < view.from || end[i] > view.to) {
      var nsp = Math.max(sp, len * 3, DAY_MIN * 4); if (len * 3 < sp * 0.2) nsp = Math.max(len * 12, 60);
      var mid = (start[i] + end[i]) / 2; setView(mid - nsp / 2, mid + nsp / 2);
    }
  }
  $("zoom-in").addEventListener("click", function () { zoom(0.5, undefined, true); });
  $("zoom-out").addEventListener("click", function () { zoom(2, undefined, true); });
  $("pan-left").addEventListener("click", function () { pan(-0.4, true); });
  $("pan-right").addEventListener("click", function () { pan(0.4, true); });
  $("zoom-all").addEventListener("click", function () { showAll(true); });
  axis.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var k = e.key;
    if (k === "+" || k === "=") zoom(0.5, undefined, true);
    else if (k === "-" || k === "_") zoom(2, undefined, true);
    else if (k === "ArrowLeft") pan(e.shiftKey ? -0.5 : -0.1, true);
    else if (k === "ArrowRight") pan(e.shiftKey ? 0.5 : 0.1, true);
    else if (k === "Home") showAll(true);
    else return;
    e.preventDefault();
  });
  axis.addEventListener("wheel", function (e) {
    e.preventDefault();
    var rect = axis.getBoundingClientRect(), frac = (e.clientX - rect.left) / rect.width, unit = e.deltaMode === 1 ? 16 : 1;
    if (Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey) pan(((e.deltaX || e.deltaY) * unit) / rect.width);
    else zoom(Math.exp(e.deltaY * unit * (e.ctrlKey ? 0.01 : 0.0015)), frac);
  }, { passive: false });
  var pointers = new Map(), dragged = false;
  axis.addEventListener("pointerdown", function (e) {
    pointers.set(e.pointerId, { x: e.clientX }); dragged = false;
  });
  axis.addEventListener("pointermove", function (e) {
    var p = pointers.get(e.pointerId); if (!p) return;
    var rect = axis.getBoundingClientRect(), W = rect.width;
    if (pointers.size === 1) {
      var dx = e.clientX - p.x;
      if (!dragged && Math.abs(dx) < 5) return;
      if (!dragged) { dragged = true; try { axis.setPointerCapture(e.pointerId); } catch (err) { /* pointer already gone */ } }
      pan(-dx / W); p.x = e.clientX;
    } else if (pointers.size === 2) {
      var other = null; pointers.forEach(function (v, id) { if (id !== e.pointerId) other = v; });
      var before = Math.abs(p.x - other.x), after = Math.abs(e.clientX - other.x);
      if (before > 10 && after > 10) zoom(before / after, ((e.clientX + other.x) / 2 - rect.left) / W);
      p.x = e.clientX; dragged = true;
    }
  });
  function pointerEnd(e) { pointers.delete(e.pointerId); }
  axis.addEventListener("pointerup", pointerEnd); axis.addEventListener("pointercancel", pointerEnd);
  lanesEl.addEventListener("click", function (e) {
    if (dragged) { dragged = false; return; }
    var el = e.target.closest("button.item"); if (!el) return;
    if (el.classList.contains("cluster")) {
      var a = +el.getAttribute("data-from"), b = +el.getAttribute("data-to"), sp = view.to - view.from;
      if (sp <= DAY_MIN * 1.01 || b - a < 1) { select(+el.getAttribute("data-first"), true); return; }
      var pad2 = Math.max((b - a) * 0.15, 1); setView(a - pad2, Math.max(b + pad2, a + DAY_MIN), true);
    } else select(+el.getAttribute("data-i"), true);
  });

  /* ---- selection: axis ↔ list ---- */
  function select(i, fromAxis, scroll) {
    var old = selected >= 0 ? liOf(selected) : null;
    if (old) old.classList.remove("selected");
    selected = i; if (i < 0) return;
    if (lazy) ensureShown(i);
    var li = liOf(i);
    if (li) li.classList.add("selected");
    if (fromAxis) {
      if (!lazy && li.hidden) { filters.inview = false; $("inview").checked = false; applyList(); }
      if (li) { li.tabIndex = -1; li.scrollIntoView({ block: "start" }); li.focus({ preventScroll: true }); }
    } else {
      focusOn(i);
      if (scroll && li) settleOn(i, 4);
    }
    requestDraw(); saveUrlSoon();
  }
  function settleOn(i, frames) {
    // scroll event i to the top; rows near it then lay out at their real size (content-visibility), so look again
    var li = liOf(i); if (!li || selected !== i) return;
    if (Math.abs(li.getBoundingClientRect().top) > 1) li.scrollIntoView({ block: "start" });
    if (frames > 1) requestAnimationFrame(function () { settleOn(i, frames - 1); });
  }
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1)), i = idToIndex[id];
    if (i !== undefined) select(i, false);
  }
  window.addEventListener("hashchange", fromHash);
  $("timeline").addEventListener("click", function (e) {
    var a = e.target.closest("a.permalink"), li = a && a.closest("li.event");
    if (li && idToIndex[li.id] !== undefined) select(idToIndex[li.id], false);
  });

  /* ---- URL: ?q=…&actor=…&from=…&to=…#event-id ---- */
  function saveUrlSoon() { clearTimeout(urlTimer); urlTimer = setTimeout(saveUrl, 200); }
  function saveUrl() {
    var p = new URLSearchParams();
    FACETS.concat(["q"]).forEach(function (k) { if (filters[k]) p.set(k, filters[k]); });
    if (filters.inview) p.set("inview", "1");
    p.set("from", iso(view.from)); p.set("to", iso(view.to - 1));
    var url = "?" + p.toString() + (selected >= 0 ? "#" + encodeURIComponent(rows[selected][0]) : location.hash);
    try { history.replaceState(null, "", url); } catch (err) { /* some file:// setups refuse; the view still works */ }
  }
  function readUrl() {
    var p = new URLSearchParams(location.search);
    FACETS.concat(["q"]).forEach(function (k) {
      var v = p.get(k) || "", el = k === "q" ? q : $("f-" + k);
      filters[k] = v; if (el) el.value = v;
      if (el && el.value !== v) filters[k] = el.value = ""; // a value no event has: ignored rather than hiding everything
    });
    filters.inview = p.get("inview") === "1"; $("inview").checked = filters.inview;
    var f = parseIso(p.get("from")), t = parseIso(p.get("to"));
    if (f !== null && t !== null && t > f) setView(f, t + 1); else showAll();
  }

  /* ---- form ---- */
  function readForm() {
    filters.q = q.value;
    FACETS.forEach(function (k) { filters[k] = $("f-" + k).value; });
    filters.inview = $("inview").checked;
  }
  form.addEventListener("input", function () { readForm(); refilter(); });
  form.addEventListener("change", function () { readForm(); refilter(); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(function () { readForm(); refilter(); }, 0); });
  new ResizeObserver(requestDraw).observe(axis);

  app.hidden = false;
  document.documentElement.classList.add("js");
  readUrl();
  computeMatches(); applyList();
  if (location.hash) {
    var first = idToIndex[decodeURIComponent(location.hash.slice(1))];
    if (first !== undefined) { select(first, false, lazy); var p = new URLSearchParams(location.search); if (p.get("from") && p.get("to")) readUrlView(p); }
  }
  function readUrlView(p) { var f = parseIso(p.get("from")), t = parseIso(p.get("to")); if (f !== null && t !== null && t > f) setView(f, t + 1); }
  draw(); showRange();
  function loadSearch() {
    // large pages: the search words arrive after the page is usable; a search typed before is run again then
    var left = 0;
    for (var k = 0; k < meta.chunks; k++) {
      if (hay[k * meta.chunk] !== undefined || k * meta.chunk >= N) continue;
      left++;
      var el = document.createElement("script"); el.src = "data/search-" + pad(k, 3) + ".js";
      el.onload = el.onerror = function () {
        this.remove(); for (; consumed < pushed.length; consumed++) take(pushed[consumed]);
        if (--left === 0) { self.timelineApp.searchReady = hayCount === N; if (filters.q) refilter(); }
      };
      document.head.appendChild(el);
    }
    return left === 0;
  }
  self.timelineApp = { readyAt: performance.now(), searchReady: false, draw: draw, view: view, filters: filters, zoom: zoom, pan: pan, setView: setView, select: select, iso: iso, N: N };
  document.documentElement.setAttribute("data-timeline", "ready");
  if (loadSearch()) self.timelineApp.searchReady = hayCount === N;
})();
