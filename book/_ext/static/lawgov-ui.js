/* What the theme used Bootstrap's 80 KB script for, in a few lines (issue 11: light pages).

   pydata-sphinx-theme loads Bootstrap (with Popper) on every page for three things the book
   shows: the header's download menu (a dropdown), tooltips on the header's buttons, and the
   "back to top" button. Here: the menu opens and closes on click, Escape or a click
   elsewhere, and is reachable by keyboard; the buttons keep their native `title`, which the
   browser shows on hover (and screen readers read their aria-label as before); back to top
   as the theme's own bundle did it. The theme's script calls `new bootstrap.Tooltip(...)`
   for a sidebar button the book does not show; `window.bootstrap.Tooltip` is kept as an
   object that does nothing, so that code path cannot throw.

   book/_ext/lawgov_light.py puts this file where the theme's bootstrap.js was. */
(function () {
  "use strict";
  function Tooltip() {}
  Tooltip.prototype.show = Tooltip.prototype.hide = Tooltip.prototype.dispose = function () {};
  Tooltip.getInstance = Tooltip.getOrCreateInstance = function () { return new Tooltip(); };
  window.bootstrap = window.bootstrap || { Tooltip: Tooltip };

  function onReady(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }

  function setOpen(toggle, open) {
    var menu = toggle.parentElement.querySelector(".dropdown-menu");
    if (!menu) return;
    menu.classList.toggle("show", open);
    toggle.classList.toggle("show", open);
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (!open) { menu.style.position = menu.style.top = menu.style.left = menu.style.transform = ""; return; }
    // Under the button, right edges aligned, never off the screen (what Popper did; the theme's
    // own rule, for hover, shifts the menu left by three quarters of its width)
    var at = toggle.getBoundingClientRect(), width = menu.offsetWidth, gap = 8;
    menu.style.position = "fixed";
    menu.style.transform = "none";
    menu.style.top = Math.round(at.bottom + 2) + "px";
    menu.style.left = Math.round(Math.max(gap, Math.min(at.right - width, window.innerWidth - width - gap))) + "px";
  }

  // The sidebars' buttons. pydata-sphinx-theme binds its handlers (open the menu or the page's
  // contents as a dialog; close it on Escape or a tap outside) to the first .primary-toggle and
  // .secondary-toggle in the page: its own, in a header sphinx-book-theme hides. The buttons a
  // reader sees are sphinx-book-theme's, later in the page, and had no handler. A click on any
  // other copy is handed to the first (before the copy's own handlers, so that a theme which
  // binds every copy still opens the sidebar once). Keyboard: Enter and Space click a button.
  ["primary-toggle", "secondary-toggle"].forEach(function (name) {
    var first = document.querySelector("." + name);
    if (!first) return;
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("." + name);
      if (!button || button === first) return;
      event.preventDefault();
      event.stopPropagation();
      first.click();
    }, true);
  });

  onReady(function () {
    var toggles = [].slice.call(document.querySelectorAll('[data-bs-toggle="dropdown"]'));
    toggles.forEach(function (toggle) {
      toggle.addEventListener("click", function (event) {
        event.stopPropagation();
        setOpen(toggle, toggle.getAttribute("aria-expanded") !== "true");
      });
    });
    var closeAll = function () { toggles.forEach(function (t) { if (t.getAttribute("aria-expanded") === "true") setOpen(t, false); }); };
    document.addEventListener("click", closeAll);
    window.addEventListener("scroll", closeAll, { passive: true });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      toggles.forEach(function (t) {
        if (t.getAttribute("aria-expanded") === "true") { setOpen(t, false); t.focus(); }
      });
    });

    // "Cite this chart" (the line under each chart, publish/chart_files.py): shows the chart's
    // citation under the line and copies it, when the page may use the clipboard.
    [].slice.call(document.querySelectorAll("button.lawgov-cite-chart")).forEach(function (button) {
      var text = button.nextElementSibling;
      if (!text) return;
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", open ? "true" : "false");
        text.hidden = !open;
        if (open && navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text.textContent).then(function () {
            button.textContent = "Cite this chart (copied)";
          }, function () {});
        }
      });
    });

    var top = document.getElementById("pst-back-to-top");
    var header = document.getElementsByClassName("bd-header")[0];
    if (!top || !header) return;
    top.addEventListener("click", function () { document.body.scrollTop = 0; document.documentElement.scrollTop = 0; });
    var lastY = window.scrollY, below = header.getBoundingClientRect().bottom;
    window.addEventListener("scroll", function () {
      top.style.display = lastY > window.scrollY && window.scrollY > below ? "block" : "none";
      lastY = window.scrollY;
    });
  });
})();
