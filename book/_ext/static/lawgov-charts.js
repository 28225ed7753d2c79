/* Charts that fit their column, with their text at the size the chart gives it (issue 11).

   Altair draws every chart at the width its builder chose. A chart wider than its column
   used to be scaled down by CSS (text at 5 px on a phone). Here a chart wider than its
   column is drawn again with its plots narrowed by the overhang: Vega-Lite lays out the
   axes, ticks and labels anew, and nothing is scaled. A plot is never narrowed below
   MIN_SHARE of its width (nor MIN_PX); a chart whose labels alone are wider than the column
   cannot shrink further; then, in turn, a legend laid out in several columns is stacked in
   one and long axis labels are wrapped into shorter lines, by as much as the overhang needs
   (never under WRAP_FLOOR characters, WRAP_FLOOR_PHONE on a phone); only a chart still
   too wide after that scrolls sideways in its box (lawgov.css). Facets and charts with a
   discrete x axis keep their width. On resize (a phone turned) each chart is fitted again
   from its original specification.

   book/_ext/lawgov_look.py loads this right after the Vega bundle, before any chart: it
   wraps the global vegaEmbed that Altair's output calls. */
(function () {
  "use strict";
  var embed = window.vegaEmbed;
  if (typeof embed !== "function") return;
  var MIN_SHARE = 0.45, MIN_PX = 150, MAX_TRIES = 8;
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

  // --- long axis labels wrap into shorter lines -------------------------------------------
  // A chart's multi-line labels are one string with "|" between lines, drawn by an axis whose
  // labelExpr is split(datum.label, '|') (lawgov.charts wraps them for the desktop measure).
  // When the plots are as narrow as they go, the labels are wrapped again, shorter, in the
  // chart's data (and in any sort or domain list that names them): the axis takes less width
  // and no label is cut.
  var SPLIT = /split\(datum\.label, *'\|'\)/;
  var LATIN = /^[\x00-\u024f\u2000-\u206f]*$/;

  function wrapLine(line, max) {
    var out = [], cur = "";
    if (!LATIN.test(line)) {  // Chinese: a glyph is about two Latin letters wide
      var n = Math.max(4, Math.round(max / 2));
      for (var i = 0; i < line.length; i += n) out.push(line.slice(i, i + n));
      return out;
    }
    line.split(/\s+/).forEach(function (w) {
      if (cur && (cur + " " + w).length > max) { out.push(cur); cur = w; } else { cur = cur ? cur + " " + w : w; }
    });
    if (cur) out.push(cur);
    return out;
  }

  function rewrap(value, max) {
    var groups = [];
    value.split("|").forEach(function (line) {  // English lines wrapped wider: join them again first
      var prev = groups[groups.length - 1];
      if (prev !== undefined && LATIN.test(line) && LATIN.test(prev)) groups[groups.length - 1] = prev + " " + line;
      else groups.push(line);
    });
    return [].concat.apply([], groups.map(function (g) { return wrapLine(g, max); })).join("|");
  }

  // The fields drawn as split labels, the channels whose sort or domain lists them, and the
  // views (a layer's parent, which holds its size) whose rows are those labels.
  function labelChannels(node, found, owner) {
    if (!node || typeof node !== "object") return found;
    var view = node.layer ? node : (owner || node), enc = node.encoding || {};
    Object.keys(enc).forEach(function (key) {
      var ch = enc[key];
      if (ch && ch.field && ch.axis && SPLIT.test(ch.axis.labelExpr || "")) {
        found.fields[ch.field] = true;
        found.channels.push(ch);
        if (key === "y" && found.views.indexOf(view) < 0) found.views.push(view);
        if (enc.yOffset && enc.yOffset.field) found.offsets[enc.yOffset.field] = true;
      }
    });
    (node.layer || []).forEach(function (c) { labelChannels(c, found, view); });
    ["hconcat", "vconcat", "concat"].forEach(function (k) { (node[k] || []).forEach(function (c) { labelChannels(c, found); }); });
    if (node.spec) labelChannels(node.spec, found);
    return found;
  }

  var LINE_PX = 13;  // one line of an axis label at the charts' 11 px and more

  // The rows of every dataset the spec carries (named datasets and inline values).
  function dataRows(spec) {
    var sets = Object.keys(spec.datasets || {}).map(function (k) { return spec.datasets[k]; });
    if (spec.data && spec.data.values) sets.push(spec.data.values);
    return [].concat.apply([], sets);
  }

  function splitLabels(spec) {
    return labelChannels(spec, { fields: {}, channels: [], views: [], offsets: {} });
  }

  function wrapLabels(spec, max) {
    var found = splitLabels(spec), fields = Object.keys(found.fields);
    var bars = {};  // bars side by side in one row (yOffset): the row's band is shared by them
    var changed = false, before = 1, after = 1;
    if (!fields.length) return false;
    dataRows(spec).forEach(function (row) {
      Object.keys(found.offsets).forEach(function (o) { bars[row[o]] = true; });
      fields.forEach(function (f) {
        if (typeof row[f] !== "string") return;
        var w = rewrap(row[f], max);
        before = Math.max(before, row[f].split("|").length);
        after = Math.max(after, w.split("|").length);
        if (w !== row[f]) { row[f] = w; changed = true; }
      });
    });
    found.channels.forEach(function (ch) {
      var lists = [Array.isArray(ch.sort) ? ch.sort : null, ch.scale && Array.isArray(ch.scale.domain) ? ch.scale.domain : null];
      lists.forEach(function (list) {
        (list || []).forEach(function (v, i) { if (typeof v === "string") list[i] = rewrap(v, max); });
      });
    });
    // Rows of more lines need more room: each row's band grows with its label.
    var config = spec.config || {}, view = config.view || {};
    found.views.forEach(function (node) {
      if (typeof node.height === "number") node.height = Math.round(node.height * after / before);
      else {
        var step = (node.height && node.height.step) || view.discreteHeight && view.discreteHeight.step || view.step || 20;
        var perBar = Math.ceil((after * LINE_PX + 4) / Math.max(1, Object.keys(bars).length));
        node.height = { step: Math.max(step, perBar) };
      }
    });
    return changed;
  }

  // The longest Latin line of the chart's split labels, in characters.
  function longestLine(spec) {
    var fields = Object.keys(splitLabels(spec).fields), n = 0;
    dataRows(spec).forEach(function (row) {
      fields.forEach(function (f) {
        if (typeof row[f] === "string") row[f].split("|").forEach(function (l) { if (LATIN.test(l)) n = Math.max(n, l.length); });
      });
    });
    return n;
  }

  var CHAR_PX = 6;          // about one Latin character of an 11 px label
  var WRAP_FLOOR = 20;      // the shortest line a wide column gets...
  var WRAP_FLOOR_PHONE = 12; // ...and a phone's (under 480 px)

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
      var by = 0, last = "", tries = 0, stacked = false, wrapAt = 0, unwrapped = null;
      // A chart that wrapping cannot make fit is drawn as it was before any wrap, and scrolls:
      // its labels taller for nothing would only make it longer.
      function giveUp(current) {
        if (!wrapAt || !unwrapped) return current;
        current.finalize();
        return embed(el, unwrapped, chart.opt).then(function (r) { chart.result = r; return r; });
      }
      function again(current, over) {  // over: how much wider than its column the chart is
        chart.result = current;
        if (over <= 0 || !avail || (chart.opt && chart.opt.mode === "vega")) return current;
        if (tries++ >= MAX_TRIES) return giveUp(current);
        by += Math.ceil(over);
        var spec = JSON.parse(JSON.stringify(chart.spec));
        var widths = narrow(spec, by, spec.config || {}, []).join();
        if (stacked) stackLegends(spec);
        if (wrapAt) wrapLabels(spec, wrapAt);
        if (widths === last) {  // the plots are as narrow as they go: stack the legends, then wrap the labels shorter
          if (!stacked && stackLegends(spec)) {
            stacked = true;
          } else {
            if (!wrapAt) unwrapped = JSON.parse(JSON.stringify(spec));
            var was = wrapAt || longestLine(chart.spec);
            var floor = avail < 480 ? WRAP_FLOOR_PHONE : WRAP_FLOOR;
            var next = Math.max(floor, was - Math.ceil(over / CHAR_PX) - 1);
            if (!was || next >= was || !wrapLabels(spec, next)) return giveUp(current);  // nothing left to try: the box scrolls
            wrapAt = next;
          }
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
