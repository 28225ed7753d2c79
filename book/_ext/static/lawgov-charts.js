/* Charts that fit their column, with their text at the size the chart gives it (issue 11).

   Altair draws every chart at the width its builder chose. A chart wider than its column
   used to be scaled down by CSS (text at 5 px on a phone). Here a chart wider than its
   column is drawn again with its plots narrowed by the overhang: Vega-Lite lays out the
   axes, ticks and labels anew, and nothing is scaled. A plot is never narrowed below
   MIN_SHARE of its width (nor MIN_PX); a chart whose labels alone are wider than the column
   keeps that width and its box scrolls sideways (lawgov.css). A legend laid out in several
   columns is stacked in one when the plots alone do not make the chart fit. Facets and charts with a
   discrete x axis keep their width. On resize (a phone turned) each chart is fitted again
   from its original specification.

   book/_ext/lawgov_look.py loads this right after the Vega bundle, before any chart: it
   wraps the global vegaEmbed that Altair's output calls. */
(function () {
  "use strict";
  var embed = window.vegaEmbed;
  if (typeof embed !== "function") return;
  var MIN_SHARE = 0.45, MIN_PX = 150, MAX_TRIES = 4;
  var CONTINUOUS = { quantitative: true, temporal: true };
  var charts = [];

  function svgWidth(el) {
    var svg = el.querySelector("svg");
    return svg ? parseFloat(svg.getAttribute("width")) || 0 : 0;
  }

  // The width of a single or layered view we may narrow: a number, or the configured width
  // of a continuous x axis; null for step widths ("discrete") and "container".
  function ownWidth(node, config) {
    if (typeof node.width === "number") return node.width;
    if (node.width !== undefined) return null;
    var encoding = node.encoding || (node.layer && node.layer[0] && node.layer[0].encoding) || {};
    if (encoding.x && !CONTINUOUS[encoding.x.type]) return null;
    return (config.view && config.view.continuousWidth) || 300;
  }

  // Narrow every view of ``node`` by ``by`` pixels across; the widths given, in order.
  function narrow(node, by, config, given) {
    var rows = node.vconcat, cols = node.hconcat || node.concat;
    if (rows || cols) {
      var across = rows ? 1 : Math.min(node.columns || cols.length, cols.length);
      (rows || cols).forEach(function (child) { narrow(child, by / across, config, given); });
      return given;
    }
    if (node.facet || node.repeat || node.spec) return given;  // panels across unknown here
    var width = ownWidth(node, config);
    if (width === null) return given;
    var floor = Math.min(width, Math.max(MIN_PX, Math.round(width * MIN_SHARE)));
    node.width = Math.max(floor, Math.round(width - by));
    given.push(node.width);
    return given;
  }

  // Stack every legend laid out in columns (config or encoding) in one; true if any was.
  function stackLegends(node) {
    var changed = false;
    Object.keys(node).forEach(function (key) {
      var value = node[key];
      if (!value || typeof value !== "object" || key === "datasets" || key === "data") return;
      if (key === "legend" && value.columns > 1) { value.columns = 1; changed = true; }
      changed = stackLegends(value) || changed;
    });
    return changed;
  }

  // A box that scrolls must be reachable by keyboard (WCAG 2.1.1), as the theme does for
  // tables: it gets a tab stop and a name while its chart is laid out (it may overflow
  // meanwhile) and keeps them only if the chart ends up wider than it.
  var SCROLLS = "Chart, scrolls sideways";
  function markScrolling(el, provisional) {
    var box = el.closest(".output") || el.parentElement;
    if (!box) return;
    if (provisional || box.scrollWidth > box.clientWidth) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", SCROLLS);
    } else if (box.getAttribute("aria-label") === SCROLLS) {
      ["tabindex", "role", "aria-label"].forEach(function (a) { box.removeAttribute(a); });
    }
  }

  function fit(chart) {
    var el = chart.el, avail = el.clientWidth;
    chart.avail = avail;
    return embed(el, chart.spec, chart.opt).then(function (result) {
      var by = 0, last = "", tries = 0, stacked = false;
      function again(current, over) {  // over: how much wider than its column the chart is
        chart.result = current;
        if (over <= 0 || !avail || tries++ >= MAX_TRIES || (chart.opt && chart.opt.mode === "vega")) return current;
        by += Math.ceil(over);
        var spec = JSON.parse(JSON.stringify(chart.spec));
        var widths = narrow(spec, by, spec.config || {}, []).join();
        if (widths === last) {  // the plots are as narrow as they go
          if (stacked || !stackLegends(spec)) return current;  // nothing left to try: the box scrolls
          stacked = true;
        } else if (stacked) {
          stackLegends(spec);
        }
        last = widths;
        current.finalize();
        return embed(el, spec, chart.opt).then(function (next) { return again(next, svgWidth(el) - avail); });
      }
      return again(result, svgWidth(el) - avail);
    }).then(function (result) { markScrolling(el, false); return result; });
  }

  function fittingEmbed(el, spec, opt) {
    if (typeof el === "string") el = document.querySelector(el);
    var chart = { el: el, spec: spec, opt: opt };
    charts.push(chart);
    markScrolling(el, true);
    chart.fitting = fit(chart);
    return chart.fitting;
  }
  Object.keys(embed).forEach(function (key) { fittingEmbed[key] = embed[key]; });
  window.vegaEmbed = fittingEmbed;
  // For tests and the PDF step: resolves once every chart embedded so far is fitted.
  window.lawgovCharts = {
    fitted: function () { return Promise.all(charts.map(function (c) { return c.fitting; })).then(function () { return charts.length; }); }
  };

  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      charts.forEach(function (chart) {
        if (chart.result && chart.el.isConnected && chart.el.clientWidth !== chart.avail) {
          chart.result.finalize();
          markScrolling(chart.el, true);
          chart.fitting = fit(chart);
        }
      });
    }, 250);
  });
})();
