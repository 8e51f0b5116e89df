"use strict";
// Filtering, sorting and deep links for the requirement matrix. No library, no network.
// The URL hash drives the page: #status=fail&level=MUST&area=PAG&q=cursor&sort=status&open=PAG-04
// (sort=KEY or KEY:desc, KEY one of id, level, title, status, tests).
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.req-row"));
  var tbody = document.querySelector("#matrix-table tbody");
  var filters = { status: "filter-status", level: "filter-level", area: "filter-area", q: "filter-text" };
  var statusRank = { fail: 0, error: 1, skip: 2, untested: 3, pass: 4, "not selected": 5 };

  function control(name) { return document.getElementById(filters[name]); }

  function applyFilters() {
    var status = control("status").value, level = control("level").value;
    var area = control("area").value, text = control("q").value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (!status || row.dataset.status === status) &&
        (!level || row.dataset.level === level) &&
        (!area || row.dataset.area === area) &&
        (!text || row.textContent.toLowerCase().indexOf(text) !== -1);
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    document.getElementById("matrix-count").textContent = shown + " of " + rows.length + " shown";
  }

  function writeHash() {
    var parts = [];
    Object.keys(filters).forEach(function (name) {
      var value = control(name).value.trim();
      if (value) { parts.push(name + "=" + encodeURIComponent(value)); }
    });
    history.replaceState(null, "", parts.length ? "#" + parts.join("&") : location.pathname + location.search);
  }

  function openFailure(id) {
    var target = document.getElementById("failure-" + id) || document.getElementById(id);
    if (target && target.tagName === "DETAILS") {
      target.open = true;
      target.scrollIntoView();
    }
  }

  function readHash() {
    var hash = decodeURIComponent(location.hash.replace(/^#/, ""));
    if (!hash) { return; }
    if (hash.indexOf("=") === -1) { openFailure(hash); return; }
    hash.split("&").forEach(function (pair) {
      var cut = pair.indexOf("="), name = pair.slice(0, cut), value = pair.slice(cut + 1);
      if (filters[name]) { control(name).value = value; }
      if (name === "sort") {
        var header = document.querySelector('#matrix-table th[data-sort="' + value.split(":")[0] + '"]');
        if (header) { sortBy(header, value.split(":")[1] === "desc"); }
      }
    });
    applyFilters();
    hash.split("&").forEach(function (pair) {
      if (pair.indexOf("open=") === 0) { pair.slice(5).split(",").forEach(openFailure); }
    });
  }

  function sortBy(header, descending) {
    var key = header.dataset.sort;
    if (descending === undefined) { descending = header.getAttribute("aria-sort") === "ascending"; }
    document.querySelectorAll("#matrix-table th[data-sort]").forEach(function (th) { th.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", descending ? "descending" : "ascending");
    function value(row) {
      if (key === "id") { return Number(row.dataset.order); }
      if (key === "status") { return statusRank[row.dataset.status]; }
      if (key === "tests") { return Number(row.dataset.tests); }
      if (key === "level") { return row.dataset.level; }
      return row.querySelector("td.title").textContent.toLowerCase();
    }
    var sorted = rows.slice().sort(function (a, b) {
      var x = value(a), y = value(b);
      var order = x < y ? -1 : x > y ? 1 : Number(a.dataset.order) - Number(b.dataset.order);
      return descending ? -order : order;
    });
    sorted.forEach(function (row) { tbody.appendChild(row); });
  }

  Object.keys(filters).forEach(function (name) {
    control(name).addEventListener("input", function () { applyFilters(); writeHash(); });
  });
  document.querySelectorAll("#matrix-table th[data-sort]").forEach(function (th) {
    th.addEventListener("click", function () { sortBy(th); });
  });
  document.querySelectorAll("button.copy").forEach(function (button) {
    button.addEventListener("click", function () {
      var text = button.parentNode.querySelector("pre.curl").textContent;
      if (navigator.clipboard) {
        navigator.clipboard.writeText(text).then(function () { button.textContent = "Copied"; });
      } else {
        var range = document.createRange();
        range.selectNodeContents(button.parentNode.querySelector("pre.curl"));
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
      }
    });
  });
  window.addEventListener("hashchange", readHash);
  document.documentElement.dataset.ready = "true";
  readHash();
})();
