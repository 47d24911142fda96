/* timeline.js: enhances the static, complete list in index.html with a zoomable time axis, filters and search.
 * Without this script the page is still the whole list. Data: rows pushed by data/*.js (see client_data.py),
 * row i describing the i-th event of the list. Small sites: the index holds every li.event and the script
 * hides and shows them. Large sites (meta.html_chunk > 0): the index links one page per year instead, and the
 * script shows a lazy list: only a window of the matching events, their HTML loaded chunk by chunk
 * (data/html-*.js, named in meta.js) when the window reaches them. Dates are epoch-day integers computed at build time: no Date parsing,
 * no time zone can move an event. No network access, no inline code (the page's CSP forbids both). */
(function () {
  "use strict";
  var DAY_MIN = 3, YEARS_MAX = 600, MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
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
  var S = meta.strings || {}, LOC = meta.locale || "en", months = meta.months || MON;
  function say(key, n, a, b) {  // an interface string of the site's locale (render/locales/*.yaml), {n} {a} {b} filled in
    var t = S[key] || key;
    if (n !== undefined && S[key + "_one"] && n === 1) t = S[key + "_one"];
    return t.replace("{n}", n === undefined ? "" : fmt(n)).replace("{a}", a === undefined ? "" : a).replace("{b}", b === undefined ? "" : b);
  }
  var numbers = null, grouping = meta.grouping;
  function fmt(n) {
    // counts as the build's CLDR writes them (meta.grouping): the browser's Intl costs a phone 0.1-0.2 s on first use
    if (grouping && n >= 0 && n === Math.floor(n) && n < 1e15) {
      var s = String(n), out = "";
      if (s.length < 3 + grouping[1]) return s;
      for (var k = s.length; k > 0; k -= 3) out = (k > 3 ? grouping[0] : "") + s.slice(Math.max(0, k - 3), k) + out;
      return out;
    }
    return (numbers || (numbers = new Intl.NumberFormat(LOC))).format(n);
  }
  function human(z) { var c = civil(Math.floor(z)); return c[2] + " " + months[c[1] - 1] + " " + c[0]; }
  var view = { from: lo, to: hi }, story0 = null;
  var filters = { q: "", actor: "", place: "", tag: "", source: "", lang: "", inview: false };
  var selected = -1, matchList = [], matched = new Uint8Array(N), hiddenNow = new Uint8Array(N), groupHidden = [], yearHidden = [];
  var bySal = new Int32Array(0), byTime = new Int32Array(0), widths = new Float32Array(N), measure = null, twoW = new Float32Array(N), twoAt = 0;
  var form = $("filters"), q = $("q"), rangeEl = $("range"), statusEl = $("status"), lanesEl = axis.querySelector(".lanes");
  var ticksEl = axis.querySelector(".ticks"), moreEl = axis.querySelector(".more-row"), densEl = axis.querySelector(".density");
  var storyEl = $("story"), cardEl = $("story-card"), wrapEl = $("axis-wrap");
  var drawPending = false, rangeTimer = 0, urlTimer = 0, statusTimer = 0, listTimer = 0, fitTimer = 0;
  /* ---- filtering ---- */
  function facetValue(name) {  // null: no filter; undefined: a value no event has
    var v = filters[name]; if (!v) return null;
    return meta.facets[name].indexOf(v) < 0 ? undefined : v;
  }
  function computeMatches() {
    var terms = fold(filters.q), want = FACETS.map(facetValue), cols = [8, 9, 10, 11];
    matchList = []; matched.fill(0);
    if (want.indexOf(undefined) < 0) {
      outer: for (var i = 0; i < N; i++) {
        var r = rows[i];
        for (var f = 0; f < 4; f++) if (want[f] !== null && r[cols[f]].indexOf(want[f]) < 0) continue outer;
        if (want[4] !== null && r[12] !== want[4]) continue;
        if (terms.length && hay[i] === undefined) continue; // its words have not arrived yet: found once they do
        for (var t = 0; t < terms.length; t++) if (hay[i].indexOf(terms[t]) < 0) continue outer;
        matched[i] = 1; matchList.push(i);
      }
    }
    // the axis walks the matches by importance (what gets a label first) and by time (quantiles, neighbours):
    // both orders are sorted once, a filter only keeps the matches of each
    if (!allSal) sortOnce();
    bySal = keep(allSal); byTime = keep(allTime);
  }
  var allSal = null, allTime = null;
  function sortOnce() {
    // by time: (start, index), as one number per event sorted natively (no comparator calls at startup; the rows
    // are nearly in this order already); by importance: a stable counting sort of that by salience, highest first
    var dated = [], d, exact = N < 2097152;
    for (d = 0; d < N; d++) if (placed[d]) { dated.push(d); if (start[d] !== Math.floor(start[d]) || Math.abs(start[d]) > 2147483647) exact = false; }
    if (exact) {
      var keys = new Float64Array(dated.length), BIG = 2097152;
      for (d = 0; d < dated.length; d++) keys[d] = start[dated[d]] * BIG + dated[d];
      keys.sort(); allTime = new Int32Array(dated.length);
      for (d = 0; d < keys.length; d++) allTime[d] = ((keys[d] % BIG) + BIG) % BIG;
    } else allTime = Int32Array.from(dated).sort(function (a, b) { return start[a] - start[b] || a - b; });
    var top = 0; for (d = 0; d < allTime.length; d++) top = Math.max(top, sal[allTime[d]]);
    var count = new Int32Array(top + 2);
    for (d = 0; d < allTime.length; d++) count[top - Math.max(0, sal[allTime[d]]) + 1]++;
    for (d = 1; d < count.length; d++) count[d] += count[d - 1];
    allSal = new Int32Array(allTime.length);
    for (d = 0; d < allTime.length; d++) { var e = allTime[d]; allSal[count[top - Math.max(0, sal[e])]++] = e; }
  }
  function keep(order) {
    if (matchList.length === N) return order;
    var out = new Int32Array(matchList.length), n = 0;
    for (var k = 0; k < order.length; k++) if (matched[order[k]]) out[n++] = order[k];
    return out.subarray(0, n);
  }
  function storyRange(list) {
    // the period of the story: the 4th to 96th percentile of the dates weighted by salience squared, so a few
    // stray dates (a misread year, "the 21st century") and the many minor ones are marked at the edges instead
    // of stretching the axis (on 400 Guardian and BBC articles about the BP oil spill: 20 April to 19 September 2010)
    if (!list.length) return [lo, hi];
    var total = 0, k, w = function (i) { return sal[i] * sal[i] + 1000; };
    for (k = 0; k < list.length; k++) total += w(list[k]);
    var acc = 0, a = null, b = null;
    for (k = 0; k < list.length; k++) {
      acc += w(list[k]);
      if (a === null && acc >= total * 0.04) a = start[list[k]];
      if (b === null && acc >= total * 0.96) { b = start[list[k]]; break; }
    }
    if (b === null) b = start[list[list.length - 1]];
    var ends = 0; for (k = 0; k < list.length; k++) if (start[list[k]] >= a && start[list[k]] <= b) ends = Math.max(ends, Math.min(end[list[k]], b + (b - a) * 0.1 + 1));
    b = Math.max(b + 1, ends); if (b - a < 14) { var m = (a + b) / 2; a = m - 7; b = m + 7; }
    return [a, b];
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
  var PAGE = 30, shownList = [], winA = 0, winB = 0, moreObserver = null, starting = true;  // starting: the list waits for the axis
  function esc(t) { return String(t).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"); }
  function applyLazy(around) {
    shownList = filters.inview ? matchList.filter(inView) : matchList;
    var pos = around === undefined ? 0 : lowerBound(shownList, around);  // the event first: nothing above it can move it
    winA = Math.min(pos, Math.max(0, shownList.length - PAGE)); winB = Math.min(shownList.length, winA + PAGE);
    if (!starting) renderWindow();
    return shownList.length;
  }
  function lowerBound(list, v) { var a = 0, b = list.length; while (a < b) { var m = (a + b) >> 1; if (list[m] < v) a = m + 1; else b = m; } return a; }
  function loadHtml(k) {
    if (htmlState[k]) return; htmlState[k] = 1;
    var el = document.createElement("script"); el.src = "data/html-" + meta.html_files[k] + ".js";
    el.onload = function () {
      el.remove(); for (; consumed < pushed.length; consumed++) take(pushed[consumed]); renderWindowSoon();
      if (selected >= 0 && !storyEl.hidden && htmlChunkOf(selected) === k) showCard(selected);
    };
    el.onerror = function () { htmlState[k] = 0; el.remove(); };
    document.head.appendChild(el);
  }
  var renderPending = false;
  function renderWindowSoon() { if (!renderPending) { renderPending = true; requestAnimationFrame(function () { renderPending = false; renderWindow(); }); } }
  function renderWindow() {
    var out = [], lastG = -1, lastY = null, heads = meta.heads, open = false, wanted = [];
    if (winA > 0) out.push('<p class="more"><button type="button" class="more-earlier">Show earlier events (' + fmt(winA) + ")</button></p>");
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
    if (winB < shownList.length) out.push('<p class="more"><button type="button" class="more-later">Show later events (' + fmt(shownList.length - winB) + ")</button></p>");
    var anchor = null, anchorTop = 0;  // keep the first row on screen where it is (rows above may grow or go)
    // (nothing to keep on the first fill: no layout is read then)
    var sel = selected >= 0 && listEl.firstChild ? document.getElementById(rows[selected][0]) : null, sr = sel && listEl.contains(sel) && sel.getBoundingClientRect();
    if (sr && sr.bottom > 0 && sr.top < innerHeight) { anchor = sel.id; anchorTop = sr.top; }  // the selected event stays put
    else if (listEl.firstChild && scrollY > 0 && listEl.getBoundingClientRect().top < 0) {
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

  function refilter(fit) {
    computeMatches();
    var shown = applyList();
    requestDraw();
    var msg = shown === N ? say("showing_all", N) : say("showing_some", shown, fmt(N));
    app.setAttribute("data-shown", shown);
    clearTimeout(statusTimer);
    statusTimer = setTimeout(function () { statusEl.textContent = msg; }, 250);
    // search and filters move the axis to what they found (after typing pauses, so it does not jump per key)
    if (fit) { clearTimeout(fitTimer); fitTimer = setTimeout(function () { if (byTime.length) showStory(false); }, 300); }
    saveUrlSoon();
  }

  /* ---- the axis: lanes of labels (most salient first), a row of "+n" groups, a density strip, ticks ---- */
  var LANE_H = 40, BOTTOM = 62;  // BOTTOM: the "+n" row, the density strip and the ticks under the lanes
  function requestDraw() { if (!drawPending) { drawPending = true; requestAnimationFrame(draw); } }
  function tickStep(pxPerDay) {
    var steps = [[1, "d"], [7, "w"], [1, "m"], [3, "m"], [6, "m"], [1, "y"], [2, "y"], [5, "y"], [10, "y"], [20, "y"], [50, "y"], [100, "y"], [500, "y"], [1000, "y"]];
    var approx = { d: 1, w: 1, m: 30.44, y: 365.25 };
    for (var k = 0; k < steps.length; k++) if (steps[k][0] * approx[steps[k][1]] * pxPerDay >= 84) return steps[k];
    return [2000, "y"];
  }
  function ticks(W, s) {
    var st = tickStep(s), n = st[0], unit = st[1], out = [], c = civil(Math.floor(view.from)), z;
    if (unit === "d" || unit === "w") {
      z = Math.floor(view.from);
      if (unit === "w") z -= ((z % 7) + 7 + 3) % 7; // back to a Monday (1970-01-01 was a Thursday)
      for (; z <= view.to; z += unit === "w" ? 7 : n) { var cz = civil(z); out.push([z, cz[2] + " " + months[cz[1] - 1] + (cz[2] === 1 && cz[1] === 1 || unit === "w" && cz[2] <= 7 && cz[1] === 1 ? " " + cz[0] : "")]); }
    } else if (unit === "m") {
      var yy = c[0], mm = c[1] - ((c[1] - 1) % n);
      for (z = days(yy, mm, 1); z <= view.to; mm += n, mm > 12 && (mm -= 12, yy++), z = days(yy, mm, 1)) out.push([z, months[mm - 1] + " " + yy]);
    } else {
      for (var year = Math.floor(c[0] / n) * n; (z = days(year, 1, 1)) <= view.to; year += n) out.push([z, String(year)]);
    }
    var frag = document.createDocumentFragment();
    out.forEach(function (t, k) {
      // a tick left of the axis keeps its label at the edge (no line) while the next tick is far enough away
      var x = (t[0] - view.from) * s, pinned = x < 0; if (x > W) return;
      if (pinned && (k + 1 >= out.length || (out[k + 1][0] - view.from) * s < t[1].length * 7 + 16)) return;
      var el = document.createElement("span"); el.className = pinned ? "tick pinned" : "tick"; el.style.left = (pinned ? 0 : x).toFixed(1) + "px"; el.textContent = t[1]; frag.appendChild(el);
    });
    ticksEl.replaceChildren(frag);
  }
  var charW = 0, lanesNow = 0, axisW = 0, axisH = 0, densColor = "";
  function labelWidth(i, exact) {
    // exact: measured with the label's font (a canvas: no layout), once per event and only for labels that may be
    // drawn; otherwise an estimate from the length, so a first view of 10^4 events measures a few dozen titles
    if (widths[i]) return widths[i];
    if (!measure) {
      var probe = document.createElement("span"); probe.className = "label"; lanesEl.appendChild(probe);
      measure = document.createElement("canvas").getContext("2d"); measure.font = getComputedStyle(probe).font; probe.remove();
      charW = measure.measureText("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ").width / 37;
    }
    if (!exact) return rows[i][4].length * charW * 0.92 + 10;
    return (widths[i] = Math.ceil(measure.measureText(rows[i][4]).width) + 10);
  }
  function lines(i, room, bold) {
    // how many lines the title takes in `room` px, its words wrapped as the browser wraps them (bold: wider)
    var words = rows[i][4].split(/\s+/), space = measure.measureText(" ").width, n = 1, x = 0, f = bold ? 1.1 : 1;
    for (var k = 0; k < words.length; k++) {
      var ww = measure.measureText(words[k]).width * f;
      if (x && x + space + ww > room) { n++; x = ww; } else x += (x ? space : 0) + ww;
    }
    return n;
  }
  function twoWidth(i, maxW, maxTwo, bold) {
    // the narrowest box, from maxW up to maxTwo, that holds the title whole in two lines (a longer one is cut)
    if (!bold && twoAt === maxW && twoW[i]) return twoW[i];
    if (twoAt !== maxW) { twoW.fill(0); twoAt = maxW; }
    var w = Math.max(maxW, Math.ceil(labelWidth(i, true) / 2));
    while (w < maxTwo && lines(i, w - 12, bold) > 2) w += 12;
    w = Math.min(w, maxTwo);
    if (!bold) twoW[i] = w;
    return w;
  }
  function free(lane, a, b) { for (var k = 0; k < lane.length; k += 2) if (a < lane[k + 1] && b > lane[k]) return false; return true; }
  function draw() {
    drawPending = false;
    // the axis' size as the ResizeObserver last saw it (read at once only before it has): a draw reads no layout
    if (!axisW) { axisW = axis.clientWidth; axisH = axis.clientHeight; }
    var W = axisW || 600, H = axisH || 300, s = W / (view.to - view.from);
    var L = Math.max(2, Math.floor((H - BOTTOM) / LANE_H)), maxW = W < 560 ? W * 0.62 : 250, maxTwo = W < 560 ? W * 0.92 : 420;
    ticks(W, s);
    // labels like a map's: the most salient events first, each in the first lane where its box is free;
    // an event whose label does not fit now is counted in a "+n" group under the lanes, and gets a label
    // once the reader zooms in far enough
    var lanes = [], labelled = new Uint8Array(N), frag = document.createDocumentFragment(), tried = 0, l;
    for (l = 0; l < L; l++) lanes.push([]);
    var edges = drawEdges();  // the counts of earlier and later events take the corners of the first lane
    if (edges[0]) lanes[0].push(0, 64);
    if (edges[1]) lanes[0].push(W - 64, W);
    var first = selected >= 0 && matched[selected] && inView(selected) ? [selected] : [];
    function box(i, w, exact) {
      // a title longer than maxW takes two lines, in a box wide enough to hold it whole (up to maxTwo)
      var x0 = (start[i] - view.from) * s, x1 = (end[i] - view.from) * s, lines = w > maxW ? 2 : 1;
      if (lines > 1) w = exact ? twoWidth(i, maxW, maxTwo, i === selected) : Math.min(maxTwo, Math.max(maxW, w / 2 + 20));
      var b0 = Math.max(x0, 0), b1 = Math.min(Math.max(x1, x0 + 3), W), a = Math.max(0, Math.min(b0, W - w));
      return { a: a, w: w, lines: lines, b0: b0, b1: b1, left: Math.min(a, b0), right: Math.max(a + w, b1) + 4 };
    }
    function tryLabel(i) {
      var guess = box(i, labelWidth(i, false)), b = null;
      for (var l = 0; l < L; l++) {
        if (!free(lanes[l], guess.left, guess.right)) continue;
        if (!b) b = box(i, labelWidth(i, true), true);  // it may fit: now its real width
        if (!free(lanes[l], b.left, b.right)) continue;
        lanes[l].push(b.left, b.right); labelled[i] = 1;
        frag.appendChild(eventItem(i, l, b.a, b.w, b.lines, b.b0 - b.a, b.b1 - b.b0));
        return;
      }
    }
    first.forEach(tryLabel);
    for (var k = 0; k < bySal.length && tried < 1500; k++) {
      var i = bySal[k];
      if (labelled[i] || !inView(i)) continue;
      tried++; tryLabel(i);
    }
    var focusKey = document.activeElement && axis.contains(document.activeElement) ? document.activeElement.getAttribute("data-key") : null;
    lanesEl.replaceChildren(frag);
    drawMore(W, s, labelled);
    if (focusKey) { var again = axis.querySelector('[data-key="' + focusKey + '"]'); (again || axis).focus({ preventScroll: true }); }
    if (!rangeTimer) rangeTimer = setTimeout(showRange, 90);
    if (filters.inview) { clearTimeout(listTimer); listTimer = setTimeout(applyList, 120); }
    if (L !== lanesNow) { lanesNow = L; wrapEl.style.setProperty("--lanes", L); }
  }
  function drawMore(W, s, labelled) {
    // per column (56 px or a little more): the unlabelled events as one "+n" button (its range: where their dates are in this column,
    // so a click always zooms in), and the density of every match as a strip of bars
    // (columns of equal width, at least 56 px, filling the axis: the last one is not cut at the edge)
    var cols = Math.max(1, Math.floor(W / 56)), C = W / cols, n = new Int32Array(cols), a = new Float64Array(cols).fill(Infinity), b = new Float64Array(cols).fill(-Infinity);
    var firstOf = new Int32Array(cols).fill(-1), BIN = 4, bins = new Int32Array(Math.ceil(W / BIN) + 1), peak = 1;
    for (var k = 0; k < byTime.length; k++) {
      var i = byTime[k]; if (!inView(i)) continue;
      var m = (Math.max(start[i], view.from) + Math.min(end[i], view.to)) / 2, x = (m - view.from) * s;
      var bin = Math.max(0, Math.min(bins.length - 1, Math.floor(x / BIN))); bins[bin]++; if (bins[bin] > peak) peak = bins[bin];
      if (labelled[i]) continue;
      var c = Math.max(0, Math.min(cols - 1, Math.floor(x / C)));
      n[c]++; if (m < a[c]) a[c] = m; if (m > b[c]) b[c] = m;
      if (firstOf[c] < 0 || sal[i] > sal[firstOf[c]]) firstOf[c] = i;
    }
    var frag = document.createDocumentFragment();
    for (var c2 = 0; c2 < cols; c2++) {
      if (!n[c2]) continue;
      var el = document.createElement("button"); el.type = "button"; el.className = "cluster";
      el.setAttribute("data-from", a[c2]); el.setAttribute("data-to", b[c2]); el.setAttribute("data-first", firstOf[c2]);
      el.setAttribute("data-key", "c" + Math.round(a[c2]) + "-" + n[c2]);
      el.textContent = "+" + fmt(n[c2]);
      el.setAttribute("aria-label", say("more_events", n[c2], human(a[c2]), human(b[c2])));
      el.style.left = (c2 * C + 1).toFixed(1) + "px"; el.style.width = (C - 2).toFixed(1) + "px";
      frag.appendChild(el);
    }
    moreEl.replaceChildren(frag);
    // the density strip is one canvas (hundreds of bars as elements cost more than the rest of a frame)
    if (densEl.width !== Math.round(W)) { densEl.width = Math.round(W); densEl.height = 14; }
    var g = densEl.getContext("2d"); g.clearRect(0, 0, densEl.width, 14); g.fillStyle = densColor || (densColor = getComputedStyle(densEl).color);
    for (var j = 0; j < bins.length; j++) {
      if (bins[j]) { var hgt = Math.max(2, Math.round(12 * Math.sqrt(bins[j] / peak))); g.fillRect(j * BIN, 14 - hgt, BIN - 1, hgt); }
    }
  }
  function drawEdges() {
    // events outside the view (outliers too) are counted at the edges; a click goes to the nearest of them
    var before = 0, after = 0;
    for (var k = 0; k < byTime.length; k++) { var i = byTime[k]; if (end[i] <= view.from) before++; else if (start[i] >= view.to) after++; }
    edge($("edge-left"), before, "earlier_events"); edge($("edge-right"), after, "later_events");
    return [before, after];
  }
  function edge(el, n, key) {
    el.hidden = !n; if (!n) return;
    el.querySelector(".n").textContent = fmt(n); el.setAttribute("aria-label", say(key, n));
  }
  function showRange() {
    rangeTimer = 0;
    var visibleCount = 0; for (var j = 0; j < byTime.length; j++) if (inView(byTime[j])) visibleCount++;
    rangeEl.textContent = human(view.from) + " – " + human(view.to - 1) + " · " + say("in_period", visibleCount) +
      (matchList.length < N ? " " + say("filtered") : "");
  }
  function eventItem(i, lane, x, w, lines, barX, barW) {
    var el = document.createElement("button"), r = rows[i];
    el.type = "button"; el.className = "item" + (lines > 1 ? " two" : "") + (i === selected ? " selected" : "");
    el.setAttribute("data-key", "e" + i); el.setAttribute("data-i", i);
    if (i === selected) el.setAttribute("aria-current", "true");
    el.setAttribute("aria-label", r[4] + ", " + r[5]); el.title = r[4] + " (" + r[5] + ")";
    var bar = document.createElement("span"); bar.className = "bar" + (end[i] - start[i] > 1 ? " span" : ""); el.appendChild(bar);
    var label = document.createElement("span"); label.className = "label"; label.dir = "auto"; label.textContent = r[4]; el.appendChild(label);
    el.style.left = x.toFixed(1) + "px"; el.style.top = (lane * LANE_H + 2) + "px"; el.style.width = w.toFixed(1) + "px";
    bar.style.left = barX.toFixed(1) + "px"; bar.style.width = Math.max(3, barW).toFixed(1) + "px";
    return el;
  }

  /* ---- zoom and pan ---- */
  function setView(from, to, announce) {
    var maxSpan = Math.max(YEARS_MAX * 365.25, (hi - lo) * 1.5), spanNow = Math.min(Math.max(to - from, DAY_MIN), maxSpan);
    var mid = (from + to) / 2, margin = spanNow * 0.9;
    mid = Math.min(Math.max(mid, lo - margin), hi + margin);
    view.from = mid - spanNow / 2; view.to = mid + spanNow / 2;
    requestDraw(); saveUrlSoon();
    if (announce) { clearTimeout(statusTimer); statusTimer = setTimeout(function () { statusEl.textContent = say("axis_shows", undefined, human(view.from), human(view.to - 1)); }, 250); }
  }
  function nearest(at) {  // the match whose dates are closest to day `at` (binary search by start)
    var a = 0, b = byTime.length; if (!b) return -1;
    while (a < b) { var m = (a + b) >> 1; if (start[byTime[m]] < at) a = m + 1; else b = m; }
    var best = -1, dist = Infinity;
    for (var k = Math.max(0, a - 40); k < Math.min(byTime.length, a + 2); k++) {
      var i = byTime[k], d = at < start[i] ? start[i] - at : at > end[i] ? at - end[i] : 0;
      if (d < dist) { dist = d; best = i; }
    }
    return best;
  }
  function anyIn(from, to) { var i = nearest((from + to) / 2); return i >= 0 && end[i] > from && start[i] < to; }
  function zoom(factor, frac, announce) {
    var f = frac === undefined ? 0.5 : frac, sp = view.to - view.from, at = view.from + sp * f, nsp = sp * factor;
    var from = at - nsp * f, to = at + nsp * (1 - f);
    if (factor < 1 && !anyIn(from, to)) {  // zooming in on an empty stretch: towards the nearest events instead
      var i = nearest(at);
      if (i >= 0) { var m = Math.max(start[i], Math.min(at, end[i])); from = m - nsp / 2; to = m + nsp / 2; }
    }
    setView(from, to, announce);
  }
  function pan(fraction, announce) { var d = (view.to - view.from) * fraction; setView(view.from + d, view.to + d, announce); }
  function showStory(announce) {
    // the first view (and Home): the period where the salient events are, or the editor's `view:`; with
    // room on the right for the last labels
    var r = filtersOn() ? storyRange(byTime) : storyView(), sp = r[1] - r[0];
    setView(r[0] - sp * 0.04, r[1] + sp * 0.12, announce);
  }
  function filtersOn() { return matchList.length < N; }
  function storyView() { return story0 || (story0 = storyRange(allTime)); }  // of every event, whatever the filters
  function focusOn(i) {
    if (!placed[i]) return;
    var sp = view.to - view.from, len = end[i] - start[i];
    if (len > sp * 0.8 || start[i] < view.from || end[i] > view.to) {
      var nsp = Math.max(Math.min(sp, 120), len * 3, DAY_MIN * 4), mid = (start[i] + end[i]) / 2;
      setView(mid - nsp / 2, mid + nsp / 2);
    }
  }
  function edgeJump(later) {
    var k, i = -1;
    if (later) { for (k = 0; k < byTime.length; k++) if (start[byTime[k]] >= view.to) { i = byTime[k]; break; } }
    else for (k = byTime.length - 1; k >= 0; k--) if (end[byTime[k]] <= view.from) { i = byTime[k]; break; }
    if (i < 0) return;
    var sp = view.to - view.from, m = later ? start[i] + sp * 0.3 : end[i] - sp * 0.3;
    setView(m - sp / 2, m + sp / 2, true); pushSoon();
  }
  $("zoom-in").addEventListener("click", function () { zoom(0.5, undefined, true); });
  $("zoom-out").addEventListener("click", function () { zoom(2, undefined, true); });
  $("pan-left").addEventListener("click", function () { pan(-0.4, true); });
  $("pan-right").addEventListener("click", function () { pan(0.4, true); });
  $("zoom-all").addEventListener("click", function () { showStory(true); pushSoon(); });
  $("edge-left").addEventListener("click", function () { edgeJump(false); });
  $("edge-right").addEventListener("click", function () { edgeJump(true); });
  axis.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var k = e.key;
    if (k === "+" || k === "=") zoom(0.5, undefined, true);
    else if (k === "-" || k === "_") zoom(2, undefined, true);
    else if (k === "ArrowLeft") pan(e.shiftKey ? -0.5 : -0.1, true);
    else if (k === "ArrowRight") pan(e.shiftKey ? 0.5 : 0.1, true);
    else if (k === "Home") showStory(true);
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
  axis.addEventListener("click", function (e) {
    if (dragged) { dragged = false; return; }
    var el = e.target.closest("button.cluster, button.item"); if (!el) return;
    if (el.classList.contains("cluster")) clusterZoom(el);
    else select(+el.getAttribute("data-i"), "axis");
  });
  function clusterZoom(el) {
    // a "+n" group zooms to where its events are, and always in (at least twice): never out, never away
    var a = +el.getAttribute("data-from"), b = +el.getAttribute("data-to"), sp = view.to - view.from;
    if (sp <= DAY_MIN * 1.01) {  // the closest zoom and still crowded (hundreds on a day): read them one by one
      select(+el.getAttribute("data-first"), "axis"); return;
    }
    var nsp = Math.min(sp / 2, Math.max((b - a) * 1.6, DAY_MIN)), m = (a + b) / 2;
    setView(m - nsp / 2, m + nsp / 2, true); pushSoon();
  }

  /* ---- story: the selected event under the axis, one at a time, prev/next by time and by importance ---- */
  function select(i, how) {  // how: "axis" | "story" | "list" | "load" | "history"
    var old = selected >= 0 ? liOf(selected) : null;
    if (old) old.classList.remove("selected");
    selected = i;
    if (i >= 0) {
      if (lazy) ensureShown(i);
      var li = liOf(i);
      if (li) li.classList.add("selected");
      if (how !== "axis") focusOn(i);
      showCard(i);
      if (how === "axis" || how === "story" || how === "list") {
        var h = $("story-title"); if (h) h.focus({ preventScroll: true });
        reveal();
      }
    } else storyEl.hidden = true;
    requestDraw();
    if (how !== "history" && how !== "load") pushUrl(); else saveUrlSoon();
  }
  function reveal() {
    // the card just under the axis (which stays on screen): the reader keeps the timeline while reading
    var r = storyEl.getBoundingClientRect(), room = wrapEl.getBoundingClientRect().bottom;
    if (document.documentElement.classList.contains("embed")) return;
    if (r.top < room || r.top > innerHeight - 120) window.scrollTo(0, Math.max(0, r.top + scrollY - wrapEl.offsetHeight - 4));
  }
  function cardHtml(i) {
    if (!lazy) return items[i].innerHTML;
    if (html[i] === undefined) { loadHtml(htmlChunkOf(i)); return null; }
    var t = document.createElement("template"); t.innerHTML = html[i];
    return t.content.firstElementChild ? t.content.firstElementChild.innerHTML : "";
  }
  function showCard(i) {
    var inner = cardHtml(i), r = rows[i];
    // the list's own, build-time HTML of the event (escaped there); a large site's arrives with its chunk
    if (inner === null) inner = '<h4 class="event-title">' + esc(r[4]) + '</h4><p class="event-date">' + esc(r[5]) + "</p>";
    cardEl.innerHTML = inner;
    var old = cardEl.querySelector(".event-title");
    if (old) {
      var h = document.createElement("h3"); h.className = "event-title story-headline"; h.id = "story-title"; h.tabIndex = -1; h.dir = "auto";
      h.textContent = old.textContent; old.replaceWith(h);
    }
    var k = byTime.indexOf(i);
    $("story-pos").textContent = k >= 0 ? say("position", k + 1, fmt(byTime.length)) : "";
    storyEl.hidden = false;
  }
  function step(list, delta) {
    if (!list.length) return;
    var k = list.indexOf(selected);
    if (k < 0) { var n = nearest(selected >= 0 && placed[selected] ? start[selected] : (view.from + view.to) / 2); k = list.indexOf(n); delta = 0; }
    k = Math.max(0, Math.min(list.length - 1, k + delta));
    select(list[k], "story");
  }
  $("story-prev").addEventListener("click", function () { step(byTime, -1); });
  $("story-next").addEventListener("click", function () { step(byTime, 1); });
  $("story-up").addEventListener("click", function () { step(bySal, -1); });
  $("story-down").addEventListener("click", function () { step(bySal, 1); });
  $("story-close").addEventListener("click", function () { select(-1); axis.focus(); });
  $("story-mode").addEventListener("click", function () { storyMode(!document.documentElement.classList.contains("story-mode")); });
  function storyMode(on) {
    // story mode: the axis and one event at a time; the overview (filters and list) comes back with the button
    document.documentElement.classList.toggle("story-mode", on);
    $("story-mode").setAttribute("aria-pressed", String(on));
    if (on && selected < 0 && byTime.length) {
      var a = storyView()[0], k = 0;
      while (k < byTime.length - 1 && start[byTime[k]] < a) k++;
      select(byTime[k], "story");
    }
  }
  window.addEventListener("hashchange", function () {
    var i = idToIndex[decodeURIComponent(location.hash.slice(1))];
    if (i !== undefined && i !== selected) select(i, "history");
  });
  window.addEventListener("popstate", function () { readUrl(true); });
  $("timeline").addEventListener("click", function (e) {
    var a = e.target.closest("a.permalink"), li = a && a.closest("li.event");
    if (li && idToIndex[li.id] !== undefined) { e.preventDefault(); select(idToIndex[li.id], "list"); }
  });
  cardEl.addEventListener("click", function (e) {
    if (e.target.closest("a.permalink")) { e.preventDefault(); var li = liOf(selected); if (li) { li.tabIndex = -1; li.scrollIntoView({ block: "start" }); li.focus({ preventScroll: true }); } }
  });

  /* ---- URL: ?q=…&actor=…&from=…&to=…#event-id; selections and jumps are history entries (Back/Forward) ---- */
  var flags = new URLSearchParams(location.search), embedPage = document.documentElement.classList.contains("embed");
  function urlNow() {
    var p = new URLSearchParams();
    ["embed", "debug"].forEach(function (k) { if (flags.has(k) && !(k === "embed" && embedPage)) p.set(k, flags.get(k)); });
    FACETS.concat(["q"]).forEach(function (k) { if (filters[k]) p.set(k, filters[k]); });
    if (filters.inview) p.set("inview", "1");
    p.set("from", iso(view.from)); p.set("to", iso(view.to - 1));
    return "?" + p.toString() + (selected >= 0 ? "#" + encodeURIComponent(rows[selected][0]) : "");
  }
  function fullPageLink() {
    // embed.html's link back: the full page at the same view and event
    var a = $("full-page"); if (a) a.href = "index.html" + urlNow();
  }
  function saveUrlSoon() { clearTimeout(urlTimer); urlTimer = setTimeout(saveUrl, 200); }
  function saveUrl() { fullPageLink(); try { history.replaceState(null, "", urlNow()); } catch (err) { /* some file:// setups refuse; the view still works */ } }
  function pushUrl() {
    clearTimeout(urlTimer);
    fullPageLink();
    var url = urlNow(); if (url === location.search + location.hash) return;
    try { history.pushState(null, "", url); } catch (err) { /* as above */ }
  }
  var pushSoon = pushUrl;
  function readUrl(fromHistory) {
    var p = new URLSearchParams(location.search);
    FACETS.concat(["q"]).forEach(function (k) {
      var v = p.get(k) || "", el = k === "q" ? q : $("f-" + k);
      if (k !== "q" && v && meta.facets[k].indexOf(v) < 0) v = "";  // a value no event has: ignored rather than hiding everything
      filters[k] = v; if (el) el.value = v;
    });
    filters.inview = p.get("inview") === "1"; $("inview").checked = filters.inview;
    if (fromHistory) refilter(false); else { computeMatches(); applyList(); }
    var f = parseIso(p.get("from")), t = parseIso(p.get("to")), i = idToIndex[decodeURIComponent(location.hash.slice(1))];
    if (f !== null && t !== null && t > f) setView(f, t + 1); else if (i === undefined || !placed[i]) showStory();
    if (i !== undefined) select(i, fromHistory ? "history" : "load"); else if (selected >= 0) select(-1, "history");
    if (i !== undefined && f !== null && t !== null && t > f) setView(f, t + 1);  // the link's own view wins
  }

  /* ---- form ---- */
  function readForm() {
    filters.q = q.value;
    // a name typed half-way (the type-ahead fields) filters nothing until it is one the events have
    FACETS.forEach(function (k) { var v = $("f-" + k).value; filters[k] = v && meta.facets[k].indexOf(v) < 0 ? "" : v; });
    filters.inview = $("inview").checked;
  }
  var asked = "";  // what the search and filters ask for: the axis fits the matches when that changes
  function onForm() {
    readForm();
    var now = JSON.stringify([filters.q].concat(FACETS.map(function (k) { return filters[k]; })));
    refilter(now !== asked); asked = now;
  }
  form.addEventListener("input", onForm);
  form.addEventListener("change", onForm);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(onForm, 0); });
  new ResizeObserver(function () { axisW = axis.clientWidth; axisH = axis.clientHeight; requestDraw(); }).observe(axis);
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function () { densColor = ""; requestDraw(); });

  var root = document.documentElement;
  root.classList.add("js");
  // embed.html is an embed of its own; ?embed makes one of index.html
  if (root.classList.contains("embed")) flags.set("embed", "");
  if (flags.has("embed")) root.classList.add("embed", "story-mode");
  if (flags.has("debug")) root.classList.add("debug");
  [app, wrapEl].forEach(function (el) { el.hidden = false; });
  if (matchMedia("(min-width: 720px)").matches && !flags.has("embed")) $("filters-box").open = true;
  if (meta.view) story0 = [meta.view[0], meta.view[1] + 1];
  readUrl(false);
  asked = JSON.stringify([filters.q].concat(FACETS.map(function (k) { return filters[k]; })));
  if (location.hash && selected >= 0) addEventListener("load", function () { setTimeout(reveal, 0); });
  if (root.classList.contains("story-mode")) storyMode(true);
  // the axis first (its layout is the one read), then the list's first window: written, never read, so the
  // browser lays both out once, in its frame
  draw(); showRange();
  starting = false; if (lazy) renderWindow();
  if (flags.has("embed") && self.parent !== self) {
    // an embed tells its host page how tall it is (the host sizes the iframe: no scroll bar inside)
    new ResizeObserver(function () { parent.postMessage({ timeline: "height", height: root.scrollHeight }, "*"); }).observe(document.body);
  }
  if (flags.has("embed")) document.addEventListener("click", function (e) {
    // in a frame, a link to an article or elsewhere opens in the host's window, not inside the frame
    var a = e.target.closest("a[href]");
    if (a && a.getAttribute("href").charAt(0) !== "#") a.target = "_top";
  });
  var copy = $("embed-copy"), snippet = $("embed-snippet");
  if (copy && snippet && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () { snippet.select(); navigator.clipboard.writeText(snippet.value); });
  }
  function loadSearch() {
    // large pages: the search words arrive after the page is usable; a search typed before is run again then
    var left = 0;
    for (var k = 0; k < meta.chunks; k++) {
      if (hay[k * meta.chunk] !== undefined || k * meta.chunk >= N) continue;
      left++;
      var el = document.createElement("script"); el.src = "data/search-" + pad(k, 3) + ".js";
      el.onload = el.onerror = function () {
        this.remove(); for (; consumed < pushed.length; consumed++) take(pushed[consumed]);
        if (--left === 0) { self.timelineApp.searchReady = hayCount === N; if (filters.q) refilter(false); }
      };
      document.head.appendChild(el);
    }
    return left === 0;
  }
  self.timelineApp = { readyAt: performance.now(), searchReady: false, draw: draw, view: view, filters: filters, zoom: zoom, pan: pan,
                       setView: setView, select: select, storyMode: storyMode, iso: iso, N: N, selected: function () { return selected; } };
  document.documentElement.setAttribute("data-timeline", "ready");
  if (loadSearch()) self.timelineApp.searchReady = hayCount === N;
})();
