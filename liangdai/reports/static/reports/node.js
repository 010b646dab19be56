/* The venue-area chart of a node page: the bands come from json_script "venue-bands", the series
   name from the chart element's data-series-name. */
(function () {
  "use strict";

  function draw() {
    var el = document.getElementById("venue-chart");
    var source = document.getElementById("venue-bands");
    if (!window.echarts || !el || !source) { return; }
    var bands = JSON.parse(source.textContent);
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
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
    window.addEventListener("resize", function () { chart.resize(); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
