/* The two-way cultivation funnel: the steps come from json_script "cultivation-data" as
   [{name, value, key}], in the order of the path; a click on a step opens its list of persons,
   the same link as the number in the table (row data-step="key"). */
(function () {
  "use strict";

  function linkOf(key) {
    var row = document.querySelector('#cultivation-steps tr[data-step="' + key + '"] a');
    return row ? row.getAttribute("href") : null;
  }

  function draw() {
    var source = document.getElementById("cultivation-data");
    var el = document.getElementById("cultivation-chart");
    if (!window.echarts || !source || !el) { return; }
    var steps = JSON.parse(source.textContent);
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption({
      color: ["#b3261e", "#c84a3a", "#d86a55", "#e58a72", "#eea891", "#f4c4b0", "#f8dccf"],
      tooltip: { trigger: "item", formatter: "{b}：{c}" },
      series: [{
        type: "funnel",
        // The steps keep the path's order: a later step is not always a part of the one before it.
        sort: "none",
        left: "2%", width: "50%", top: 10, bottom: 10,
        minSize: "8%",
        gap: 2,
        label: { show: true, position: "right", formatter: "{b} {c}", color: "#1f2933" },
        labelLine: { show: true },
        data: steps
      }]
    });
    chart.on("click", function (params) {
      var href = params.data && linkOf(params.data.key);
      if (href) { window.location.href = href; }
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
