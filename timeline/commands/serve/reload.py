"""The live-preview script served as /__reload.js (kept in Python so every install has it)."""

# Live preview (timeline serve only): reload when a rebuild finished; show the build's errors.
RELOAD_JS = b"""
(function () {
  "use strict";
  var known = null;
  function banner(errors) {
    var box = document.getElementById("timeline-serve-errors");
    if (!errors.length) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("section");
      box.id = "timeline-serve-errors";
      box.setAttribute("role", "alert");
      document.body.insertBefore(box, document.body.firstChild);
    }
    box.textContent = "";
    var title = document.createElement("h2");
    title.textContent = "Build problems (" + errors.length + ")";
    box.appendChild(title);
    var list = document.createElement("ul");
    errors.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    box.appendChild(list);
  }
  function poll() {
    fetch("/__version", {cache: "no-store"}).then(function (r) {
      return r.json();
    }).then(function (state) {
      if (known !== null && state.version !== known) { location.reload(); return; }
      known = state.version;
      banner(state.errors || []);
    }).catch(function () {}).then(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"""
