/* Charts that fit their column, with their text at the size the chart gives it (issue 11).

   Altair draws every chart at the width its builder chose. A chart wider than its column
   used to be scaled down by CSS (text at 5 px on a phone). Here a chart wider than its
   column is drawn again, from a fresh copy of its specification each time, with what it
   takes to fit: Vega-Lite lays out the axes, ticks and labels anew, and nothing is scaled.
   In order, each step taken when the ones before can do no more:

   1. x axis titles and bottom legends (labels and titles) wrap to the width of their plot,
      chart and panel titles to the column's: at every pass, so they follow the plots;
   2. the plots narrow by the overhang, never under MIN_SHARE of their width (PHONE_SHARE
      in a column under PHONE px), nor MIN_PX, nor MIN_STEP per category of a discrete x
      axis; a facet's panels each give their share;
   3. legends laid out in several columns are stacked in one;
   4. long axis labels ("|"-split, see below) wrap shorter, by as much as the overhang
      needs, down to WRAP_FLOOR letters (a Chinese glyph counts two);
   5. a facet lays its panels out in one column fewer, as often as it takes;
   6. the plots narrow further, to LAST_PX;
   7. on a phone, the labels wrap down to WRAP_FLOOR_PHONE.
   A chart that says how to draw itself on a phone (its spec's usermeta.lawgov: short_labels,
   {long field: short field}, short_step and short_row, a category's width on a discrete x
   axis and height on a discrete y axis; the
   crosswalk heatmap's area numbers for its area titles, which no wrapping fits beside seven
   columns of cells) is drawn so on a phone from the start; its caption says where the long
   labels are.
   Only a chart still too wide after that scrolls sideways in its box (lawgov.css), drawn as
   it was before its labels wrapped. On resize (a phone turned) each chart is fitted again
   from its original specification. What a chart encodes never changes: only sizes, line
   breaks (a split label's "|", in the chart's own copy of its data) and a facet's columns;
   the chart files and the PDF's vector charts
   are drawn from the same specification (publish/chart_files.py; the PDF prints the page,
   fitted at its print width).

   book/_ext/lawgov_look.py loads this deferred; it fetches the Vega bundle and draws the
   charts the page queued as a reader comes near them (below). */
(function () {
  "use strict";
  // The page's text first, then Vega (900 KB of script to run), and only once a chart is near:
  // this file loads deferred; each chart's script queued its chart (CHART_QUEUE of
  // lawgov.publish.vega); a chart is drawn when it is on the screen (once the reader scrolls,
  // when it comes within NEAR of it), after the page has painted, and the bundle is fetched
  // for the first chart drawn (book/_ext/lawgov_light.py moves its address from its own script
  // tag to this one's data-vega). A page whose charts are all further down loads no Vega until
  // a reader scrolls. One chart at a time, each pass of the fitter in a task of its own, so
  // that a reader can scroll and tap while they draw. Whatever needs every chart drawn asks
  // for it: window.lawgovCharts.fitted() (tests), printing (beforeprint; Ctrl/Cmd+P waits for
  // them), and a link to a figure (#fig-...) draws that figure's charts first.
  var vegaSrc = document.currentScript && document.currentScript.getAttribute("data-vega");
  var NEAR = "100% 0px";  // a screen above and below the viewport
  var charts = [];  // every chart of the page: {el, spec, opt, done, fitting, result, ...}
  var fitChart = null, bundle = null, line = Promise.resolve();

  function nextTask() { return new Promise(function (resolve) { setTimeout(resolve, 0); }); }
  var painted = new Promise(function (resolve) {
    function afterPaint() { requestAnimationFrame(function () { setTimeout(resolve, 0); }); }
    if (document.readyState === "complete") afterPaint(); else window.addEventListener("load", afterPaint);
  });
  function loadBundle() {
    if (!bundle) {
      bundle = painted.then(function () {
        return new Promise(function (resolve, reject) {
          if (typeof window.vegaEmbed === "function" && !window.vegaEmbed.lawgovQueue || !vegaSrc) { resolve(); return; }
          var script = document.createElement("script");
          script.src = vegaSrc;
          script.onload = resolve;
          script.onerror = function () { reject(new Error("the Vega bundle did not load")); };
          document.head.appendChild(script);
        });
      }).then(function () { fitChart = start(); });
    }
    return bundle;
  }

  // Draw a chart (once): in line after the charts asked for before it.
  function draw(chart) {
    if (chart.queued || chart.settled) return chart.done;
    chart.queued = true;
    if (observer) observer.unobserve(chart.el);
    line = line.then(loadBundle).then(nextTask).then(function () {
      if (!fitChart) throw new Error("Vega did not load");
      chart.fitting = fitChart(chart);
      return chart.fitting;
    }).then(chart.resolve, chart.reject);
    return chart.done;
  }
  // At first only the charts on the screen; once the reader scrolls, those within NEAR of it
  // too, so that a chart is drawn before it comes into view.
  function observe(margin) {
    return new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        charts.forEach(function (chart) { if (chart.el === entry.target) draw(chart); });
      });
    }, { rootMargin: margin });
  }
  var observer = "IntersectionObserver" in window ? observe("0px") : null;
  if (observer) {
    window.addEventListener("scroll", function ahead() {
      window.removeEventListener("scroll", ahead);
      var first = observer;
      observer = observe(NEAR);
      charts.forEach(function (chart) { if (!chart.queued) { first.unobserve(chart.el); observer.observe(chart.el); } });
      first.disconnect();
    }, { passive: true });
  }

  function add(target, spec, opt) {
    var el = typeof target === "string" ? document.querySelector(target) : target;
    var chart = { el: el, spec: spec, opt: opt };
    chart.done = new Promise(function (resolve, reject) { chart.resolve = resolve; chart.reject = reject; });
    chart.done.then(function () { chart.settled = true; }, function () { chart.settled = true; });
    charts.push(chart);
    if (!el) chart.reject(new Error("no element " + target));
    else if (observer) observer.observe(el);
    else draw(chart);
    return chart;
  }
  // What a chart's script calls: the chart is drawn when it comes near (its promise then).
  function queued(target, spec, opt) { return add(target, spec, opt).done; }
  queued.lawgovQueue = true;
  (window.lawgovChartQueue || []).forEach(function (fn) { fn(queued); });
  window.lawgovChartQueue = { push: function (fn) { fn(queued); } };

  // Every chart drawn and fitted: the number of charts, once they are.
  function drawAll() {
    charts.forEach(draw);
    return Promise.all(charts.map(function (c) { return c.done; }))
      .then(function () { return Promise.all(charts.map(function (c) { return c.fitting; })); })
      .then(function () { return charts.length; });
  }
  window.lawgovCharts = { fitted: drawAll };

  // Printing: every chart. The print menu gives a page no time to draw (beforeprint starts
  // them all, for the next print); the print keys wait for them, then print.
  window.addEventListener("beforeprint", function () { drawAll().catch(function () {}); });
  document.addEventListener("keydown", function (e) {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || (e.key !== "p" && e.key !== "P")) return;
    if (charts.every(function (c) { return c.settled; })) return;
    e.preventDefault();
    drawAll().then(function () { window.print(); }, function () { window.print(); });
  });

  // A link to a figure: its charts first; when they and those drawn meanwhile are done, the
  // figure is scrolled to again (charts above it grew), unless the reader has scrolled since.
  var moved = false;
  ["wheel", "touchmove", "keydown", "mousedown"].forEach(function (type) {
    window.addEventListener(type, function () { moved = true; }, { passive: true, capture: true });
  });
  function toTarget() {
    var id = location.hash && decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var mine = charts.filter(function (c) { return target.contains(c.el) || c.el.contains(target); });
    if (!mine.length) return;
    moved = false;
    Promise.all(mine.map(draw)).then(function () { return line; }).then(function () {
      if (!moved && Math.abs(target.getBoundingClientRect().top) > 1) target.scrollIntoView();
    }, function () {});
  }
  window.addEventListener("hashchange", toTarget);
  toTarget();

function start() {
  var vegaEmbed = window.vegaEmbed;
  if (typeof vegaEmbed !== "function" || vegaEmbed.lawgovQueue) return null;
  // Each drawing (a chart's first and each pass of its fitting) in a task of its own.
  function embed(el, spec, opt) { return nextTask().then(function () { return vegaEmbed(el, spec, opt); }); }
  // A plot keeps MIN_SHARE of its width (on a phone PHONE_SHARE) and MIN_PX; once its labels
  // are wrapped to WRAP_FLOOR and its panels are in one column, LAST_PX.
  var MIN_SHARE = 0.45, PHONE_SHARE = 0.3, MIN_PX = 150, LAST_PX = 100, MAX_TRIES = 14;
  var PHONE = 480;  // a column narrower than this is a phone's
  // A chart narrower than its column by more than GROW_MIN of it is widened (at most MAX_GROWS
  // passes), so that every chart uses its column's width on a phone and a desktop alike.
  var GROW_MIN = 0.03, MAX_GROWS = 3, MAX_SEARCH = 5;
  var CONTINUOUS = { quantitative: true, temporal: true };

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

  // How many panels a facet lays out across: its columns (a wrapped facet), or one per value
  // of its column field; null for a repeat or a facet by rows and columns.
  function panelsAcross(node, rows) {
    var f = node.facet;
    if (!f || node.repeat) return null;
    var field = f.field || (f.column && !f.row && f.column.field);
    if (!field) return null;
    var values = {};
    rows.forEach(function (r) { values[r[field]] = true; });
    var n = Object.keys(values).length;
    return f.field && node.columns ? Math.min(node.columns, n) : n;
  }

  // A discrete x axis drawn at a given width keeps MIN_STEP px per category: a narrower column
  // cannot hold a label of a word or two at 11-12 px.
  var MIN_STEP = 76;
  function discreteFloor(node, rows) {
    var enc = node.encoding || (node.layer && node.layer[0] && node.layer[0].encoding) || {};
    if (!enc.x || !enc.x.field || CONTINUOUS[enc.x.type]) return 0;
    var values = {};
    rows.forEach(function (r) { if (enc.x.field in r) values[r[enc.x.field]] = true; });
    return Object.keys(values).length * MIN_STEP;
  }

  // Narrow every view of ``node`` by ``by`` pixels across, never under ``share`` of its width
  // (nor MIN_PX); the widths given, in order.
  function narrow(node, by, config, given, share, rows) {
    var vrows = node.vconcat, cols = node.hconcat || node.concat;
    if (vrows || cols) {
      var across = vrows ? 1 : Math.min(node.columns || cols.length, cols.length);
      (vrows || cols).forEach(function (child) { narrow(child, by / across, config, given, share, rows); });
      return given;
    }
    if (node.spec) {  // a facet: each panel gives its share of the overhang
      var panels = panelsAcross(node, rows);
      return panels ? narrow(node.spec, by / panels, config, given, share, rows) : given;
    }
    var width = ownWidth(node, config);
    if (width === null) return given;
    var floor = Math.min(width, Math.max(share ? MIN_PX : LAST_PX, Math.round(width * share), discreteFloor(node, rows)));
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
  // Chinese (and full-width punctuation): a glyph is about two Latin letters wide, and a line
  // may break between any two glyphs, best after a comma or an enumeration mark.
  var CJK = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;
  var CJK_BREAK = /[，,、；;：:。）)〕]/;

  function isLatin(line) { return !CJK.test(line); }
  function units(text) { var n = 0; for (var i = 0; i < text.length; i++) n += CJK.test(text[i]) ? 2 : 1; return n; }

  // Lines of at most ``max`` units (Latin letters): Latin words stay whole, Chinese runs break
  // between glyphs, after punctuation when a line can end there.
  function wrapLine(line, max) {
    var out = [], cur = "";
    line.split(/\s+/).forEach(function (word) {
      if (!word) return;
      var lead = cur ? " " : "";
      if (units(cur + lead + word) <= max) { cur += lead + word; return; }
      if (!CJK.test(word)) { if (cur) out.push(cur); cur = word; return; }
      cur += lead;  // a Chinese run fills the line, then breaks (after punctuation if it can)
      for (var i = 0; i < word.length; i++) {
        if (cur.trim() && units(cur + word[i]) > max) {
          var at = -1;
          for (var j = cur.length - 2; j >= 2; j--) if (CJK_BREAK.test(cur[j])) { at = j + 1; break; }
          var rest = at > 0 ? cur.slice(at) : "";
          out.push((at > 0 ? cur.slice(0, at) : cur).trim());
          cur = rest;
        }
        cur += word[i];
      }
    });
    if (cur.trim()) out.push(cur.trim());
    return balance(out);
  }

  // A Chinese line left with a glyph or two ("职权") shares the last two lines evenly instead.
  function balance(out) {
    var n = out.length, prev = out[n - 2], tail = out[n - 1];
    if (n < 2 || !CJK.test(tail) || /\s/.test(prev + tail) || units(tail) * 3 > units(prev)) return out;
    var both = prev + tail, mid = Math.ceil(both.length / 2);
    return out.slice(0, n - 2).concat([both.slice(0, mid), both.slice(mid)]);
  }

  function rewrap(value, max) {
    var groups = [];
    value.split("|").forEach(function (line) {  // English lines wrapped wider: join them again first
      var prev = groups[groups.length - 1];
      if (prev !== undefined && isLatin(line) && isLatin(prev)) groups[groups.length - 1] = prev + " " + line;
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

  var LINE_PX = 14, ROW_GAP = 10;  // one line of an axis label at 11-12 px; the gap between two rows' labels

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
        var perBar = Math.ceil((after * LINE_PX + ROW_GAP) / Math.max(1, Object.keys(bars).length));
        node.height = { step: Math.max(step, perBar) };
      }
    });
    return changed;
  }

  // The longest line of the chart's split labels, in units (a Chinese glyph is two).
  function longestLine(spec) {
    var fields = Object.keys(splitLabels(spec).fields), n = 0;
    dataRows(spec).forEach(function (row) {
      fields.forEach(function (f) {
        if (typeof row[f] === "string") row[f].split("|").forEach(function (l) { n = Math.max(n, units(l)); });
      });
    });
    return n;
  }

  var CHAR_PX = 6;          // about one Latin character of an 11 px label
  var WRAP_FLOOR = 20;      // the shortest line a wide column gets...
  var WRAP_FLOOR_PHONE = 12; // ...and a phone's (a column under PHONE px), as a last resort

  // --- titles and legends wrap to the room they have ------------------------------------------
  // An x axis title wider than its plot, a legend label or title wider than the column, and a
  // chart or panel title wider than the column are drawn in lines (Vega-Lite takes an array
  // of lines for a title; a legend's labels are looked up in a table of their lines by its
  // labelExpr, so the data, and the tooltips that show it, keep the one-line text).
  var TITLE_CHAR_PX = 7;  // a character of a 13-14 px title

  function lines(text, max) {
    return typeof text === "string" && units(text) > max ? wrapLine(text, max) : null;
  }

  function wrapTexts(node, avail, rows, width) {
    if (!node || typeof node !== "object") return false;
    if (typeof node.width === "number") width = node.width;
    // A legend at the bottom starts under its plot, as an x title is centred on it: both get
    // the plot's width (the column's, for a plot sized by its steps).
    var changed = false, column = Math.max(WRAP_FLOOR_PHONE, Math.floor(Math.min(width || avail, avail - 16) / CHAR_PX));
    var title = node.title, text = title && typeof title === "object" ? title.text : title;
    var split = lines(text, Math.floor((avail - 16) / TITLE_CHAR_PX));
    if (split) { if (typeof title === "object") title.text = split; else node.title = split; changed = true; }
    var enc = node.encoding || {};
    Object.keys(enc).forEach(function (key) {
      var ch = enc[key];
      if (!ch || typeof ch !== "object") return;
      var t = (key === "x" || key === "x2") && lines(ch.title, column);
      if (t) { ch.title = t; changed = true; }
      var legend = ch.legend;
      if (!legend || !ch.field) return;
      var lt = lines(legend.title, column);
      if (lt) { legend.title = lt; changed = true; }
      var table = {}, any = false;
      rows.forEach(function (r) {
        var l = lines(r[ch.field], column - 4);  // the symbol and its gap take about four letters
        if (l) { table[r[ch.field]] = l; any = true; }
      });
      if (any && !legend.labelExpr) { legend.labelExpr = JSON.stringify(table) + "[datum.label] || datum.label"; changed = true; }
    });
    ["layer", "hconcat", "vconcat", "concat"].forEach(function (k) {
      (node[k] || []).forEach(function (c) { changed = wrapTexts(c, avail, rows, k === "layer" ? width : undefined) || changed; });
    });
    if (node.spec) changed = wrapTexts(node.spec, avail, rows) || changed;
    return changed;
  }

  // --- small multiples in fewer columns ---------------------------------------------------
  // A facet whose panels, as narrow as they go, still do not fit lays them out in one column
  // fewer (a facet by column becomes a wrapped facet); each panel keeps its axes and labels.
  function fewerColumns(node, rows) {
    if (!node || typeof node !== "object") return false;
    var changed = false;
    if (node.spec && node.facet) {
      var across = panelsAcross(node, rows);
      if (across > 1) {
        if (!node.facet.field) node.facet = node.facet.column;  // every panel its own header, as before
        node.columns = across - 1;
        changed = true;
      }
    }
    ["hconcat", "vconcat", "concat"].forEach(function (k) {
      (node[k] || []).forEach(function (c) { changed = fewerColumns(c, rows) || changed; });
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

  // Every encoding of ``node`` that draws a field named in ``form.short_labels`` draws its short
  // field instead; a discrete x (y) axis of ``form.short_step`` (``short_row``) per category.
  function shortLabels(node, form) {
    var swap = form.short_labels || {}, enc = node.encoding || {};
    if (form.short_step && node.width && node.width.step) node.width = { step: form.short_step };
    if (form.short_row && node.height && node.height.step) node.height = { step: form.short_row };
    Object.keys(enc).forEach(function (key) {
      var ch = enc[key];
      if (ch && typeof ch === "object" && swap[ch.field]) ch.field = swap[ch.field];
    });
    ["layer", "hconcat", "vconcat", "concat"].forEach(function (k) {
      (node[k] || []).forEach(function (c) { shortLabels(c, form); });
    });
    if (node.spec) shortLabels(node.spec, form);
  }

  // The steps a chart too wide for its column goes through, in order, each taken when the one
  // before can do no more (the plots' widths stop changing, or a step has nothing left to do);
  // every step taken is applied again, on a fresh copy of the original spec, at each pass.
  function fit(chart) {
    var el = chart.el, avail = el.clientWidth, phone = avail < PHONE;
    chart.avail = avail;
    return embed(el, chart.spec, chart.opt).then(function (result) {
      var by = 0, lastBy = 0, last = "", tries = 0, unwrapped = null, texts = false;
      var short = chart.spec.usermeta && chart.spec.usermeta.lawgov;  // what the chart draws on a phone
      var step = { stacked: false, cuts: 0, wrapAt: 0, last: false, short: phone && !!short };
      // A chart that wrapping cannot make fit is drawn as it was before any wrap, and scrolls:
      // its labels taller for nothing would only make it longer.
      function giveUp(current) {
        if (!step.wrapAt || !unwrapped) return current;
        current.finalize();
        return embed(el, unwrapped, chart.opt).then(function (r) { chart.result = r; return r; });
      }
      function layout(spec) {  // the spec with every step taken so far
        if (step.short) shortLabels(spec, short);
        var rows = dataRows(spec), config = spec.config || {};
        for (var i = 0; i < step.cuts; i++) fewerColumns(spec, rows);
        var widths = narrow(spec, by, config, [], phone ? PHONE_SHARE : MIN_SHARE, rows);
        if (step.last) narrow(spec, lastBy, config, widths, 0, rows);
        if (step.stacked) stackLegends(spec);
        texts = wrapTexts(spec, avail, rows);  // at every pass: titles follow their plots as they narrow
        if (step.wrapAt) wrapLabels(spec, step.wrapAt);
        return widths.join();
      }
      // Labels wrapped shorter, by as much as the overhang needs, never under ``floor`` letters.
      function wrapShorter(spec, over, floor) {
        var was = step.wrapAt || longestLine(chart.spec);
        var next = Math.max(floor, was - Math.ceil(over / CHAR_PX) - 1);
        if (!was || next >= was) return false;
        if (!step.wrapAt) unwrapped = JSON.parse(JSON.stringify(spec));
        if (!wrapLabels(spec, next)) return false;
        step.wrapAt = next;
        return true;
      }
      // The next step; false when none is left: the legends stacked, the labels wrapped down to
      // WRAP_FLOOR, the panels of a facet in fewer columns, the plots narrowed to LAST_PX, and
      // on a phone the labels wrapped down to WRAP_FLOOR_PHONE.
      function escalate(spec, over) {
        if (!step.stacked && (step.stacked = true) && stackLegends(spec)) return true;
        if (wrapShorter(spec, over, WRAP_FLOOR)) return true;
        if (!step.last && fewerColumns(spec, dataRows(spec))) { step.cuts++; return true; }
        if (!step.last) { step.last = true; lastBy = Math.ceil(over); return true; }
        return phone && wrapShorter(spec, over, WRAP_FLOOR_PHONE);
      }
      function again(current, over) {  // over: how much wider than its column the chart is
        chart.result = current;
        if (over <= 0 || !avail || (chart.opt && chart.opt.mode === "vega")) return current;
        if (tries++ >= MAX_TRIES) return giveUp(current);
        var spec = JSON.parse(JSON.stringify(chart.spec)), widths = layout(spec);
        // First the titles and legends are wrapped (the overhang may be theirs alone), then
        // the plots narrowed by what is left of it.
        if (tries > 1 || !texts) {
          if (step.last) lastBy += Math.ceil(over); else if (!step.stacked) by += Math.ceil(over);
          spec = JSON.parse(JSON.stringify(chart.spec));
          widths = layout(spec);
        }
        if (widths === last || (step.stacked && !step.last)) {  // this step can do no more
          if (!escalate(spec, over)) return giveUp(current);
          spec = JSON.parse(JSON.stringify(chart.spec));
          widths = layout(spec);
        }
        last = widths;
        current.finalize();
        // each pass in a task of its own: a phone stays responsive while a chart is fitted
        return new Promise(function (resolve) { setTimeout(resolve, 0); })
          .then(function () { return embed(el, spec, chart.opt); })
          .then(function (next) { return again(next, svgWidth(el) - avail); });
      }
      // A chart narrower than its column is first drawn wider, by the gap (a facet's panels and
      // a row of charts share it), a few times over since axes and legends take their room:
      // the same narrow() with a negative overhang. Only widths it may set change (numbers and
      // continuous x axes; a discrete axis keeps its step).
      var grows = 0;
      function widen(current) {
        var gap = avail - svgWidth(el) - 2;
        if (grows >= MAX_GROWS || gap < GROW_MIN * avail || (chart.opt && chart.opt.mode === "vega")) {
          return again(current, svgWidth(el) - avail);
        }
        grows++;
        by -= gap;
        var spec = JSON.parse(JSON.stringify(chart.spec)), widths = layout(spec);
        if (widths === last || !widths) { by += gap; return again(current, svgWidth(el) - avail); }
        last = widths;
        current.finalize();
        return embed(el, spec, chart.opt).then(function (next) { chart.result = next; return widen(next); });
      }
      // Narrowed until it fit, a chart may end narrower than it need be (its legend stacked or
      // its labels wrapped after the plot had given up its width, or a legend wider than the
      // plot): the plot takes the room back, by a search between no overhang (may not fit) and
      // the overhang that fit, keeping the widest drawing that fits.
      function reclaim(current) {
        if (avail - svgWidth(el) - 2 < GROW_MIN * avail || svgWidth(el) > avail || by <= 0 || step.last) return current;
        var fits = by, over = 0, n = 0;
        function draw(at) {
          by = at;
          var spec = JSON.parse(JSON.stringify(chart.spec));
          layout(spec);
          chart.result.finalize();
          return embed(el, spec, chart.opt).then(function (r) { chart.result = r; return r; });
        }
        function search() {
          if (n++ >= MAX_SEARCH || fits - over < 8) return svgWidth(el) <= avail ? chart.result : draw(fits);
          var mid = Math.round((over + fits) / 2);
          return draw(mid).then(function () {
            if (svgWidth(el) <= avail) fits = mid; else over = mid;
            return search();
          });
        }
        return search();
      }
      return Promise.resolve(widen(result)).then(reclaim);
    }).then(function (result) { markScrolling(el, false); return result; });
  }

  // A chart drawn by a call of the global vegaEmbed is fitted too, at once.
  function fittingEmbed(target, spec, opt) { return draw(add(target, spec, opt)); }
  Object.keys(vegaEmbed).forEach(function (key) { fittingEmbed[key] = vegaEmbed[key]; });
  window.vegaEmbed = fittingEmbed;

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
  return function (chart) {
    markScrolling(chart.el, true);
    return fit(chart);
  };
}
})();
