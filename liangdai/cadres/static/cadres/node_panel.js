/* The cadres panel's age and education charts: the counts come from json_script "cadres-charts",
   the two series names from the chart elements' data-secretaries-name and data-cadres-name. */
(function () {
  "use strict";

  function drawOne(el, series) {
    if (!el || !series) { return; }
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      color: ["#b3261e", "#9aa3ad"],
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 30 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "category", data: series.labels, axisTick: { show: false } },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { type: "bar", name: el.getAttribute("data-secretaries-name") || "", data: series.secretaries,
          label: { show: true, position: "top" } },
        { type: "bar", name: el.getAttribute("data-cadres-name") || "", data: series.cadres }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function draw() {
    var source = document.getElementById("cadres-charts");
    if (!window.echarts || !source) { return; }
    var data = JSON.parse(source.textContent);
    drawOne(document.getElementById("cadres-age-chart"), data.age);
    drawOne(document.getElementById("cadres-education-chart"), data.education);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
