"""The built book in a browser: Debian's Chromium, a loopback server, pages cut off from the internet.

One helper for everything that opens the book in Chromium: the PDF edition
(:mod:`lawgov.publish.pdf`), the browser tests (``tests/browser/harness.py``) and the reader
benchmarks (``benchmarks/run.py``). Chromium is always ``/usr/bin/chromium`` (or
``$LAWGOV_CHROMIUM``), driven by Playwright: never a downloaded browser.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM = Path(os.environ.get("LAWGOV_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1"}

# Every chart on the page (the outermost containers: vega-embed adds its class to the div
# Altair names) and how many of them are drawn (hold an svg.marks or a canvas).
CHARTS_DRAWN_JS = """() => {
  const charts = Array.from(document.querySelectorAll('.vega-embed, div[id^="altair-viz"]'))
    .filter(el => !el.parentElement || !el.parentElement.closest('.vega-embed, div[id^="altair-viz"]'));
  const drawn = charts.filter(el => el.querySelector('svg.marks, canvas'));
  return {total: charts.length, drawn: drawn.length};
}"""
# For page.wait_for_function(ALL_CHARTS_DRAWN_JS, arg=n): at least n charts, all drawn. A page
# draws a chart only as a reader nears it (book/_ext/static/lawgov-charts.js): this asks for
# every one (lawgovCharts.fitted(), which does nothing more once they are asked for).
ALL_CHARTS_DRAWN_JS = (
    "(n) => { if (window.lawgovCharts) window.lawgovCharts.fitted(); "
    f"const c = ({CHARTS_DRAWN_JS})(); return c.total >= (n || 0) && c.total === c.drawn; }}"
)


def chromium_problem() -> str | None:
    """Why Chromium cannot be driven on this machine, or None if it can."""
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM}"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


def launch(playwright) -> Any:
    """Debian's Chromium, headless, from a started ``sync_playwright()``."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)


class _Handler(http.server.SimpleHTTPRequestHandler):
    max_age: int | None = None  # Cache-Control for _static/, as a static host can send

    def log_message(self, format, *args):  # the name BaseHTTPRequestHandler gives it
        pass

    def end_headers(self) -> None:
        if self.max_age is not None and "/_static/" in self.path:
            self.send_header("Cache-Control", f"public, max-age={self.max_age}")
        super().end_headers()


@contextlib.contextmanager
def serve(directory: Path, max_age: int | None = None) -> Iterator[str]:
    """Serve a directory on 127.0.0.1 at a random port (a thread); yields the base URL.

    Python's http.server sends ``Last-Modified`` only; with max_age, files under ``_static/``
    also get ``Cache-Control: public, max-age=<max_age>``.
    """
    with serve_with(type("Handler", (_Handler,), {"max_age": max_age}), directory) as url:
        yield url


@contextlib.contextmanager
def serve_with(handler: type[http.server.SimpleHTTPRequestHandler], directory: Path) -> Iterator[str]:
    """Serve a directory on 127.0.0.1 at a random port with ``handler`` (a thread); yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class LocalPage:
    """A page that can reach only 127.0.0.1: every other request is aborted and recorded."""

    page: Any  # playwright Page
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # uncaught exceptions on the page


@contextlib.contextmanager
def local_page(browser, *, viewport: dict[str, int] | None = None, **context_options) -> Iterator[LocalPage]:
    """A new browser context and page with third-party requests aborted; closed afterwards."""
    context = browser.new_context(
        viewport=viewport or {"width": 1280, "height": 900}, service_workers="block", **context_options
    )
    page = context.new_page()
    local = LocalPage(page)

    def route(r) -> None:
        url = r.request.url
        if url.startswith(("data:", "blob:")) or (urlsplit(url).hostname or "") in LOCAL_HOSTS:
            r.continue_()
        else:
            local.blocked.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda exc: local.errors.append(str(exc)))
    try:
        yield local
    finally:
        context.close()
