/* The training panel's chart: trainees by level against the plan. The data come from json_script
   "training-chart-data" (levels, trained, planned, planned_name); the trained series' name from
   the chart element's data-trained-name. */
(function () {
  "use strict";

  function draw() {
    var el = document.getElementById("training-chart");
    var source = document.getElementById("training-chart-data");
    if (!window.echarts || !el || !source) { return; }
    var data = JSON.parse(source.textContent);
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      color: ["#b3261e", "#9aa3ad"],
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 30 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "category", data: data.levels, axisTick: { show: false } },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { type: "bar", name: el.getAttribute("data-trained-name") || "", data: data.trained,
          label: { show: true, position: "top" } },
        { type: "bar", name: data.planned_name, data: data.planned }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
