"""The PDF edition: the single-page HTML book, printed by Debian's Chromium.

``python -m lawgov.publish.pdf`` (and the ``pdf`` step of ``make book``):

1. build ``book/_build/singlehtml`` with the same configuration and the same Sphinx
   environment and jupyter-cache as the HTML book (notebooks are not executed again);
2. serve it on 127.0.0.1 at a random port (http.server in a thread);
3. open it with Playwright in ``/usr/bin/chromium`` (never a downloaded browser), abort
   every request to another host, wait until every chart is drawn (each vega-embed
   holds an ``svg.marks`` or a ``canvas``);
4. print it: A4, backgrounds, ``book/_static/print.css`` (sidebars, buttons and chart
   menus hidden, code lines wrapped, charts kept whole, a page break before each
   chapter), page numbers in the footer, PDF bookmarks from the headings;
5. write ``book/_build/pdf/kunshan-2012-lawgov.pdf`` and copy it to
   ``book/_build/html/downloads/kunshan-2012-lawgov.pdf`` (the landing page links
   ``downloads/kunshan-2012-lawgov.pdf``).

Where no Chromium is installed, :func:`build` raises :class:`NoChromium`, whose message is
the one line ``make book`` prints before finishing without the PDF.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from lawgov.publish.package import DOWNLOADS, PDF_NAME

from lawgov.publish.paths import ROOT, BOOK, BUILD, HTML
SINGLE = BUILD / "singlehtml"
PDF_DIR = BUILD / "pdf"
PDF = PDF_DIR / PDF_NAME
CHROMIUM = Path(os.environ.get("LAWGOV_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
HOW_TO_GET_IT = "apt-get install chromium fonts-noto-cjk, then make book"
CHART_TIMEOUT_MS = 120_000

# Every chart container on the page: vega-embed adds the class to the div Altair names.
_CHARTS_DRAWN_JS = """() => {
  const charts = Array.from(document.querySelectorAll('.vega-embed, div[id^="altair-viz"]'))
    .filter(el => !el.parentElement || !el.parentElement.closest('.vega-embed, div[id^="altair-viz"]'));
  const drawn = charts.filter(el => el.querySelector('svg.marks, canvas'));
  return {total: charts.length, drawn: drawn.length};
}"""


class NoChromium(RuntimeError):
    """Chromium (or Playwright) is not installed: the PDF cannot be printed here."""


class PdfError(RuntimeError):
    """The PDF could not be built (the message says why)."""


@dataclass
class Result:
    path: Path
    copy: Path | None
    size: int
    pages: int
    charts: int
    seconds_singlehtml: float
    seconds_print: float
    blocked: list[str]


def chromium_problem() -> str | None:
    """Why the PDF cannot be printed on this machine, or None if it can."""
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM}"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


def build_singlehtml(jobs: int = 2) -> Path:
    """The single-page HTML edition, sharing the HTML build's environment and execution cache."""
    import logging

    from jupyter_book.sphinx import build_sphinx

    from lawgov.publish import build as book_build

    with contextlib.suppress(ImportError):
        import jieba

        jieba.setLogLevel(logging.WARNING)
    book_build._declare_parallel_safety()
    overrides = {
        "external_toc_path": (BOOK / "_toc.yml").as_posix(),
        "latex_individualpages": False,
    }
    # The same overrides as lawgov.publish.build.build_html: the two builds share one Sphinx
    # environment (book/_build/.doctrees), and a changed setting would make each re-read it all.
    if book_build.SEARCH_DICT.exists():
        overrides["html_search_options"] = {"dict": str(book_build.SEARCH_DICT)}
    if hasattr(book_build, "JUPYTER_CACHE"):
        overrides["nb_execution_cache_path"] = str(book_build.JUPYTER_CACHE)
    # The HTML build is the strict one; the single page only rearranges what it checked.
    # Its warnings (e.g. about cross-page anchors) are kept in a log, not shown.
    warnings = io.StringIO()
    with contextlib.redirect_stderr(warnings):
        result = build_sphinx(
            str(BOOK), str(SINGLE), noconfig=True, path_config=str(BOOK / "_config.yml"),
            confoverrides=overrides, builder="singlehtml", warningiserror=False, keep_going=True,
            jobs=jobs, quiet=True,
        )
    SINGLE.mkdir(parents=True, exist_ok=True)
    (BUILD / "singlehtml-warnings.log").write_text(warnings.getvalue(), encoding="utf-8")
    if result != 0 or not (SINGLE / f"{root_doc()}.html").exists():
        tail = "\n".join(warnings.getvalue().splitlines()[-20:])
        raise PdfError(f"the single-page HTML build failed:\n{tail}")
    return SINGLE / f"{root_doc()}.html"


def root_doc() -> str:
    """The book's root document (``root:`` in _toc.yml): singlehtml writes the book there."""
    import yaml

    return yaml.safe_load((BOOK / "_toc.yml").read_text(encoding="utf-8"))["root"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a directory on 127.0.0.1 at a random port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def print_pdf(url: str, out: Path) -> tuple[int, list[str]]:
    """Open url in Chromium, wait for every chart, print A4 to out. Returns (charts, blocked URLs)."""
    problem = chromium_problem()
    if problem:
        raise NoChromium(problem)
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    errors: list[str] = []

    def route(r):  # every request not to 127.0.0.1 is aborted (and recorded)
        if urlsplit(r.request.url).hostname == "127.0.0.1" or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1200, "height": 1600}, service_workers="block")
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.route("**/*", route)
            page.goto(f"{url}/{root_doc()}.html", wait_until="load", timeout=CHART_TIMEOUT_MS)
            try:
                page.wait_for_function(
                    f"(() => {{ const c = ({_CHARTS_DRAWN_JS})(); return c.total === c.drawn; }})",
                    timeout=CHART_TIMEOUT_MS,
                )
            except Exception as exc:  # playwright's TimeoutError
                state = page.evaluate(_CHARTS_DRAWN_JS)
                raise PdfError(
                    f"only {state['drawn']} of {state['total']} charts were drawn "
                    f"after {CHART_TIMEOUT_MS // 1000} s ({exc.__class__.__name__}); page errors: {errors[:3]}"
                ) from None
            charts = page.evaluate(_CHARTS_DRAWN_JS)["total"]
            page.emulate_media(media="print")
            page.evaluate("document.fonts.ready")
            out.parent.mkdir(parents=True, exist_ok=True)
            tmp = out.with_name(f".{out.name}.tmp")
            page.pdf(
                path=str(tmp), format="A4", print_background=True, prefer_css_page_size=False,
                margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
                display_header_footer=True, header_template="<span></span>",
                footer_template=(
                    '<div style="width:100%;font-size:8px;color:#666;text-align:center;">'
                    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
                ),
                outline=True, tagged=True,
            )
            tmp.replace(out)
        finally:
            browser.close()
    return charts, blocked


def page_count(path: Path) -> int:
    """Pages of a PDF: pdfinfo when installed, else a count of /Type /Page objects."""
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False).stdout
        m = re.search(r"^Pages:\s+(\d+)", out, re.M)
        if m:
            return int(m.group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def build(jobs: int = 2, copy_to_html: bool = True) -> Result:
    """Build the PDF edition; raise NoChromium (before any work) where it cannot be printed."""
    problem = chromium_problem()
    if problem:
        raise NoChromium(problem)
    t0 = time.perf_counter()
    build_singlehtml(jobs)
    t1 = time.perf_counter()
    with serve(SINGLE) as url:
        charts, blocked = print_pdf(url, PDF)
    copy = None
    if copy_to_html and HTML.exists():
        copy = HTML / DOWNLOADS / PDF_NAME
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PDF, copy)
    return Result(PDF, copy, PDF.stat().st_size, page_count(PDF), charts, t1 - t0, time.perf_counter() - t1,
                  sorted(set(blocked)))


def main(argv: list[str] | None = None) -> int:
    try:
        r = build()
    except NoChromium as exc:
        print(f"lawgov.publish.pdf: no PDF ({exc}): {HOW_TO_GET_IT}")
        return 0
    except PdfError as exc:
        print(f"lawgov.publish.pdf: {exc}", file=sys.stderr)
        return 1
    print(f"{r.path.relative_to(ROOT)}: {r.pages} pages, {r.charts} charts, {r.size / 1024:.0f} KB "
          f"(single page {r.seconds_singlehtml:.1f} s, print {r.seconds_print:.1f} s)"
          + (f"; blocked {len(r.blocked)} non-local request(s): {', '.join(r.blocked)}" if r.blocked else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
