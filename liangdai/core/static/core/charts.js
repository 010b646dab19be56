/* The charts of every page, on Apache ECharts:
   - LiangdaiCharts.draw(el, option): one chart drawn as SVG, redrawn when the window resizes.
   - <div class="chart" data-chart="line|bar" data-chart-source="ID">: drawn from the json_script
     element ID, {"categories": [...], "series": [{"name": ..., "data": [...]}, ...]}, with no
     script of its own.
   - Before printing, every chart on the page (whoever drew it) is redrawn to the width of an A4
     page, and back to its box afterwards. */
(function () {
  "use strict";

  var PRINT_WIDTH = 650; /* A4 portrait less 15 mm margins and a card's padding, in CSS pixels */
  var COLORS = ["#b3261e", "#9aa3ad", "#d9a441", "#1e7b46", "#39414b"];

  function draw(el, option) {
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }

  function fromData(el) {
    var source = document.getElementById(el.getAttribute("data-chart-source"));
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    var type = el.getAttribute("data-chart") === "bar" ? "bar" : "line";
    draw(el, {
      color: COLORS,
      legend: { top: 0 },
      grid: { left: 56, right: 16, top: 32, bottom: 30 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.categories, axisTick: { show: false } },
      yAxis: { type: "value", scale: type === "line", splitLine: { lineStyle: { color: "#eef0f3" } } },
      series: data.series.map(function (s) {
        return { type: type, name: s.name, data: s.data, connectNulls: true, label: { show: type === "bar" && data.categories.length <= 6, position: "top" } };
      })
    });
  }

  function everyChart(callback) {
    document.querySelectorAll(".chart").forEach(function (el) {
      var chart = window.echarts && echarts.getInstanceByDom(el);
      if (chart) { callback(chart, el); }
    });
  }

  window.addEventListener("beforeprint", function () {
    everyChart(function (chart) { chart.resize({ width: PRINT_WIDTH }); });
  });
  window.addEventListener("afterprint", function () {
    everyChart(function (chart) { chart.resize(); });
  });

  function start() {
    if (!window.echarts) { return; }
    document.querySelectorAll("[data-chart-source]").forEach(fromData);
  }

  window.LiangdaiCharts = { draw: draw };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
