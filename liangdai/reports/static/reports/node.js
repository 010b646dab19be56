/* The node page (the dashboard):
   - the venue-area chart: the bands come from json_script "venue-bands", the series name from the
     chart element's data-series-name (drawn by core/charts.js, loaded before this file);
   - table[data-sortable]: each header of a th[data-sort] becomes a button that sorts the rows by
     the cells' data-value (numbers; empty last) or their text (names, in Chinese order);
   - details[data-collapse-narrow] start closed on a phone;
   - printing opens every details and restores them afterwards; button[data-print] prints. */
(function () {
  "use strict";

  var NARROW = "(max-width: 700px)";

  function drawVenues() {
    var el = document.getElementById("venue-chart");
    var source = document.getElementById("venue-bands");
    if (!window.echarts || !window.LiangdaiCharts || !el || !source) { return; }
    var bands = JSON.parse(source.textContent);
    LiangdaiCharts.draw(el, {
      color: ["#b3261e"],
      grid: { left: 40, right: 16, top: 24, bottom: 30 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "category", data: bands.map(function (b) { return b[0]; }), axisTick: { show: false } },
      yAxis: { type: "value", minInterval: 1, splitLine: { lineStyle: { color: "#eef0f3" } } },
      series: [{
        type: "bar", barMaxWidth: 56, name: el.getAttribute("data-series-name") || "",
        data: bands.map(function (b, i) {
          return { value: b[1], itemStyle: { color: ["#9aa3ad", "#e0a458", "#c8553d", "#8c1d17"][i] } };
        }),
        label: { show: true, position: "top" }
      }]
    });
  }

  function sortKey(row, index, numeric) {
    var cell = row.cells[index];
    if (!numeric) { return cell.textContent.trim(); }
    var value = cell.getAttribute("data-value");
    return value === null || value === "" ? null : parseFloat(value);
  }

  function compare(a, b, numeric) {
    if (!numeric) { return a.localeCompare(b, "zh-CN"); }
    if (a === null || b === null) { return a === b ? 0 : (a === null ? 1 : -1); }
    return a - b;
  }

  function sortBy(table, th, index) {
    var numeric = th.getAttribute("data-sort") === "number";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var a = sortKey(r1, index, numeric), b = sortKey(r2, index, numeric);
      if (a === null || b === null) { return compare(a, b, numeric); } /* empty last either way */
      return ascending ? compare(a, b, numeric) : compare(b, a, numeric);
    });
    rows.forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll("th[aria-sort]").forEach(function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function makeSortable(table) {
    table.querySelectorAll("thead th[data-sort]").forEach(function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, th, th.cellIndex); });
    });
  }

  function collapseOnPhones() {
    if (!window.matchMedia || !window.matchMedia(NARROW).matches) { return; }
    document.querySelectorAll("details[data-collapse-narrow]").forEach(function (d) { d.open = false; });
  }

  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    closedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (d) { d.open = false; });
    closedForPrint = [];
  });

  function start() {
    drawVenues();
    document.querySelectorAll("table[data-sortable]").forEach(makeSortable);
    collapseOnPhones();
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
