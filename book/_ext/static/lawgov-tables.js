/* Tables a reader can use on a phone and a desktop: a sideways scroll that shows itself, rows
   that reflow on a phone, and long tables sorted, filtered and read under a header that stays.

   Every table of a page's article (great-tables, pandas, MyST) gets one of three layouts,
   chosen again whenever its box changes width:
   - **stacked** (a column narrower than STACK_PX, a table of MIN_STACK_COLUMNS columns or
     more): each row is a card, each cell under its column's name (data-label, from the
     header), so no column of a row is off screen;
   - **fits**: the table is no wider than its box; the box does not scroll, so a long table's
     header sticks under the page's top bar (lawgov.css) as the page scrolls;
   - **scrolls**: the box scrolls sideways, says so above the table ("Scroll sideways for more
     columns") and fades at the edge that hides columns; a long table's box is also bounded
     in height so that its header sticks inside it.
   A long table (LONG_ROWS body rows or more) also gets a filter box and a sort button in each
   column header: ascending, descending, then back to the book's order. A table grouped by
   part (great-tables' group rows) keeps its group rows in the book's order and while
   filtering (a group with no row left is hidden); sorted, the rows run ungrouped.

   No library: the grouped tables need that group logic, which the small table libraries
   (tablesort, simple-datatables) do not have; what is left is these few lines.
   book/_ext/lawgov_look.py loads this file, deferred. */
(function () {
  "use strict";
  var STACK_PX = 576, MIN_STACK_COLUMNS = 4, LONG_ROWS = 20;
  var collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });
  // A leading number: "≈79,055", "-3.2%", "1,200 certificates" (a section number is not one)
  var NUMBER = /^[≈~约<>≤≥]?\s*([-−]?\d[\d,]*(?:\.\d+)?)/;

  function onReady(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  function headerCells(table) {
    var head = table.tHead;
    if (!head || !head.rows.length) return [];
    return [].slice.call(head.rows[head.rows.length - 1].cells);
  }

  function bodyRows(table) {
    return table.tBodies.length ? [].slice.call(table.tBodies[0].rows) : [];
  }

  function isGroupRow(row) {
    return row.cells.length === 1 && (row.cells[0].colSpan > 1 || row.cells[0].tagName === "TH");
  }

  function label(cells) {
    var headers = cells.map(function (th) { return th.textContent.trim(); });
    return function (row) {
      if (isGroupRow(row)) return;
      [].forEach.call(row.cells, function (td, i) {
        if (headers[i] && !td.hasAttribute("data-label")) td.setAttribute("data-label", headers[i]);
      });
    };
  }

  // --- the three layouts ---------------------------------------------------------------
  function layout(item) {
    var table = item.table, box = item.box;
    var stack = box.clientWidth < STACK_PX && item.columns >= MIN_STACK_COLUMNS;
    table.classList.toggle("lawgov-stacked", stack);
    box.classList.remove("lawgov-fits", "lawgov-scrolls");
    var scrolls = !stack && table.getBoundingClientRect().width > box.clientWidth + 1;
    box.classList.add(scrolls ? "lawgov-scrolls" : "lawgov-fits");
    item.hint.hidden = !scrolls;
    edges(box);
  }

  function edges(box) {
    box.classList.toggle("lawgov-at-end", box.scrollLeft + box.clientWidth >= box.scrollWidth - 2);
  }

  // --- sorting and filtering --------------------------------------------------------------
  function sortKey(column, numeric) {
    return function (row) {
      var cell = row.cells[column];
      var text = cell ? cell.textContent.trim() : "";
      if (!numeric) return text;
      var m = text.match(NUMBER);
      return m ? parseFloat(m[1].replace(/,/g, "").replace("−", "-")) : null;
    };
  }

  function isNumeric(rows, column, th) {
    if (/§|section/i.test(th.textContent + " " + (th.id || ""))) return false;
    var filled = 0, numbers = 0;
    rows.forEach(function (row) {
      var cell = row.cells[column], text = cell ? cell.textContent.trim() : "";
      if (!text) return;
      filled += 1;
      if (NUMBER.test(text)) numbers += 1;
    });
    return filled > 0 && numbers / filled >= 0.8;
  }

  function makeLong(item) {
    var table = item.table, tbody = table.tBodies[0], original = bodyRows(table);
    var rows = original.filter(function (r) { return !isGroupRow(r); });
    var groups = original.filter(isGroupRow);
    var cells = headerCells(table), state = { column: -1, dir: 0 };

    cells.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "lawgov-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      var numeric = isNumeric(rows, column, th);
      button.addEventListener("click", function () {
        state.dir = state.column === column ? (state.dir + 1) % 3 : 1;  // 1 up, 2 down, 0 book order
        state.column = column;
        cells.forEach(function (other) { other.removeAttribute("aria-sort"); });  // the arrows: lawgov.css
        var order = original;
        if (state.dir) {
          var key = sortKey(column, numeric), sign = state.dir === 1 ? 1 : -1;
          order = rows.slice().sort(function (a, b) {
            var x = key(a), y = key(b);
            if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;  // blanks last
            return sign * (numeric ? x - y : collator.compare(x, y));
          });
          th.setAttribute("aria-sort", state.dir === 1 ? "ascending" : "descending");
        }
        groups.forEach(function (g) { g.hidden = !!state.dir || g.dataset.empty === "1"; });
        order.forEach(function (row) { tbody.appendChild(row); });
      });
    });

    var bar = document.createElement("div");
    bar.className = "lawgov-table-tools";
    var input = document.createElement("input");
    input.type = "search";
    input.className = "lawgov-filter";
    input.placeholder = "Filter rows";
    input.setAttribute("aria-label", "Filter the table's rows: show those containing");
    var count = document.createElement("span");
    count.className = "lawgov-filter-count";
    count.setAttribute("aria-live", "polite");
    var total = rows.length;
    count.textContent = total + " rows";
    bar.appendChild(input);
    bar.appendChild(count);
    item.box.parentElement.insertBefore(bar, item.hint);

    var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
      rows.forEach(function (row, i) {
        var hit = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        row.hidden = !hit;
        shown += hit ? 1 : 0;
      });
      // a group row is hidden when no row of its group is left (rows follow their group row)
      var current = null, any = {};
      original.forEach(function (row) {
        if (isGroupRow(row)) { current = row; any[original.indexOf(row)] = false; return; }
        if (current && !row.hidden) any[original.indexOf(current)] = true;
      });
      groups.forEach(function (g) {
        g.dataset.empty = any[original.indexOf(g)] ? "0" : "1";
        g.hidden = !!state.dir || g.dataset.empty === "1";
      });
      count.textContent = words.length ? shown + " of " + total + " rows" : total + " rows";
      layout(item);
    });
  }

  // --- set-up ------------------------------------------------------------------------------
  function enhance(table) {
    // the box that scrolls: the cell's output, or the table's own wrapper when an output holds several
    var box = table.closest(".output, .pst-scrollable-table-container") || table.parentElement;
    if (box.querySelectorAll("table").length > 1) box = table.parentElement;
    if (box.classList.contains("lawgov-table-box")) return null;
    box.classList.add("lawgov-table-box");
    var cells = headerCells(table);
    var item = { table: table, box: box, columns: cells.length };
    bodyRows(table).forEach(label(cells));
    var hint = document.createElement("p");
    hint.className = "lawgov-scroll-hint";
    hint.textContent = "Scroll sideways for more columns →";
    hint.hidden = true;
    box.parentElement.insertBefore(hint, box);
    item.hint = hint;
    if (bodyRows(table).length >= LONG_ROWS && cells.length) {
      table.classList.add("lawgov-long");
      makeLong(item);
    }
    box.addEventListener("scroll", function () { edges(box); }, { passive: true });
    return item;
  }

  onReady(function () {
    var tables = [].slice.call(document.querySelectorAll(".bd-article table"))
      .filter(function (t) { return t.tHead && !t.closest(".lawgov-table-box table"); });
    var items = tables.map(enhance).filter(Boolean);
    items.forEach(function (item) { item.width = item.box.clientWidth; layout(item); });
    if (window.ResizeObserver) {
      // only a change of width can change the layout (a change of height follows from it)
      var observer = new ResizeObserver(function () {
        items.forEach(function (item) {
          if (item.box.clientWidth !== item.width) { item.width = item.box.clientWidth; layout(item); }
        });
      });
      items.forEach(function (item) { observer.observe(item.box); });
    }
    // The layout may move an anchor's row after the browser scrolled to it: scroll again.
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.closest(".lawgov-table-box")) target.scrollIntoView();
  });
})();
