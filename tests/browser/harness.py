"""The built book as a reader sees it: served on 127.0.0.1, opened in headless Chromium.

The fixtures below are registered once, in tests/conftest.py, for every test folder: a
second registration would start a second Playwright in the same worker, which fails.

- ``built_book``: builds the book (``python -m lawgov.publish.build``) when it is missing or
  older than its inputs, once per test run (a file lock serialises pytest-xdist workers);
- ``built_pdf``: prints the PDF edition into it (``python -m lawgov.publish.pdf``, what
  ``make pdf`` runs) when it is missing or older than the book;
- ``site``: serves ``book/_build/html`` on 127.0.0.1 at a random port;
- ``browser``: Debian's Chromium driven by Playwright (never a downloaded browser). If
  ``/usr/bin/chromium`` is missing the browser tests FAIL, saying how to install it,
  unless ``LAWGOV_SKIP_BROWSER=1`` is set (then they are reported as skipped);
- ``visit(url)``: opens a page in a fresh context that aborts and records every request
  to a host other than 127.0.0.1 and records console errors and page errors.

Chromium, the server and the routing are :mod:`lawgov.publish.browser`'s, the same the PDF
edition and the benchmarks use.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from lawgov.publish.browser import chromium_problem, launch, local_page, serve

ROOT = Path(__file__).resolve().parents[2]
BOOK = ROOT / "book"
BUILD = BOOK / "_build"
HTML = BUILD / "html"
SCREENSHOTS = BUILD / "screenshots"


# --- the built book ------------------------------------------------------------------


@pytest.fixture(scope="session")
def built_book() -> Path:
    """book/_build/html, built now if missing or stale (serialised across workers).

    A failed build is remembered (keyed by the inputs' hash) so the other xdist worker
    reports it at once instead of building again.
    """
    from lawgov.publish.build import inputs_digest

    BUILD.mkdir(parents=True, exist_ok=True)
    failed = BUILD / ".test-build-failed.json"
    with open(BUILD / ".test-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            digest = inputs_digest()
            if failed.exists():
                previous = json.loads(failed.read_text())
                if previous.get("inputs") == digest:
                    pytest.fail(previous["message"], pytrace=False)
            check = subprocess.run(
                [sys.executable, "-m", "lawgov.publish.build", "--check"],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            if check.returncode != 0:
                build = subprocess.run(
                    [sys.executable, "-m", "lawgov.publish.build"],
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                )
                if build.returncode != 0:
                    message = (
                        "`python -m lawgov.publish.build` failed, so the built book cannot be "
                        f"tested:\n{build.stdout[-4000:]}\n{build.stderr[-8000:]}"
                    )
                    failed.write_text(json.dumps({"inputs": digest, "message": message}))
                    pytest.fail(message, pytrace=False)
            failed.unlink(missing_ok=True)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    assert (HTML / "index.html").exists()
    return HTML


@pytest.fixture(scope="session")
def built_pdf(built_book: Path) -> Path:
    """The PDF edition, printed now if the book holds none of its last build (serialised
    across workers; in a process of its own, as ``make pdf`` prints it)."""
    from lawgov.publish import pdf

    problem = pdf.printer_problem()
    if problem:
        message = f"the PDF edition needs WeasyPrint ({problem}): {pdf.HOW_TO_GET_IT}"
        if os.environ.get("LAWGOV_SKIP_BROWSER") == "1":
            pytest.skip(message)
        pytest.fail(message, pytrace=False)
    with open(BUILD / ".test-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not pdf.is_up_to_date():
                run = subprocess.run(
                    [sys.executable, "-m", "lawgov.publish.pdf"], cwd=ROOT, capture_output=True, text=True
                )
                if run.returncode != 0:
                    pytest.fail(
                        f"`python -m lawgov.publish.pdf` failed:\n{run.stdout[-4000:]}\n{run.stderr[-4000:]}",
                        pytrace=False,
                    )
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    assert pdf.PDF.exists(), f"{pdf.PDF} was not printed"
    return pdf.PDF


# --- the pages of the book -----------------------------------------------------------


@dataclass(frozen=True)
class BookPage:
    docname: str  # e.g. "intro" or "chapters/part1"
    source: Path | None  # the .md notebook or page; None for Sphinx's own pages

    @property
    def html(self) -> str:
        return f"{self.docname}.html"

    @property
    def slug(self) -> str:
        return self.docname.replace("/", "__")


def book_pages() -> list[BookPage]:
    """Every page listed in _toc.yml, plus Sphinx's search and index pages."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    site_map = parse_toc_yaml(BOOK / "_toc.yml")
    pages = []
    for docname in site_map:
        candidates = [BOOK / f"{docname}{ext}" for ext in (".md", ".ipynb", ".rst")]
        source = next((c for c in candidates if c.exists()), None)
        pages.append(BookPage(docname, source))
    pages += [BookPage("search", None), BookPage("genindex", None)]
    return pages


def is_notebook(path: Path | None) -> bool:
    if path is None or path.suffix != ".md":
        return False
    head = path.read_text(encoding="utf-8")[:2000]
    return head.startswith("---") and "kernelspec:" in head and "format_name: myst" in head


def is_altair_output(output: dict) -> bool:
    data = output.get("data", {})
    if any(k.startswith("application/vnd.vegalite.") for k in data):
        return True
    html = data.get("text/html", "")
    if isinstance(html, list):
        html = "".join(html)
    return "vegaEmbed(" in html


@functools.cache
def expected_charts(page: BookPage) -> int:
    """How many Altair charts the page's executed notebook produces.

    Read from jupyter-cache (the outputs the build executed), not from the HTML, so the
    browser's count is checked against an independent source.
    """
    if not is_notebook(page.source):
        return 0
    import jupytext
    from jupyter_cache import get_cache

    nb = jupytext.read(page.source)
    cache = get_cache(BUILD / ".jupyter_cache")
    record = cache.match_cache_notebook(nb)  # raises KeyError if it was never executed
    executed = cache.get_cache_bundle(record.pk).nb
    count = 0
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            if is_altair_output(output) and "scrapbook" not in output.get("metadata", {}):
                count += 1
    return count


# --- serving and browsing (lawgov.publish.browser: the same Chromium, server and routing as the PDF) ---


@pytest.fixture(scope="session")
def site(built_book: Path):
    with serve(built_book) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    problem = chromium_problem()
    if problem:
        message = (
            f"{problem}: the browser tests need Debian's chromium and playwright "
            "(as root: apt-get update && apt-get install -y chromium fonts-noto-cjk; "
            ".ci/run does this). Set LAWGOV_SKIP_BROWSER=1 to skip them knowingly."
        )
        if os.environ.get("LAWGOV_SKIP_BROWSER") == "1":
            pytest.skip(f"LAWGOV_SKIP_BROWSER=1 and {problem}")
        pytest.fail(message, pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = launch(pw)
        yield chromium
        chromium.close()


@dataclass
class Visit:
    page: object  # playwright Page
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


@pytest.fixture
def visit(browser, site):
    """visit(path) -> Visit: the page loaded, with what went wrong recorded."""
    with contextlib.ExitStack() as pages:

        def _visit(path: str, wait_until: str = "load") -> Visit:
            local = pages.enter_context(local_page(browser, locale="en-US"))
            page = local.page
            record = Visit(page, local.blocked)
            page.on(
                "console",
                lambda msg: (
                    record.console_errors.append(f"{msg.text} @ {msg.location}") if msg.type == "error" else None
                ),
            )
            page.on("pageerror", lambda exc: record.console_errors.append(f"pageerror: {exc}"))
            page.on("requestfailed", lambda req: record.failed.append(f"{req.url}: {req.failure}"))
            page.on(
                "response",
                lambda resp: record.failed.append(f"{resp.url}: HTTP {resp.status}") if resp.status >= 400 else None,
            )
            page.goto(f"{site}/{path}", wait_until=wait_until)
            return record

        yield _visit


def draw_every_chart(page, charts: int = 0) -> None:
    """Every chart of an opened page drawn and fitted, at least ``charts`` of them, not only those
    near the screen (lawgov-charts.js draws a chart as the reader nears it)."""
    from lawgov.publish.browser import ALL_CHARTS_DRAWN_JS

    page.wait_for_function(ALL_CHARTS_DRAWN_JS, arg=charts, timeout=20000)
    page.wait_for_load_state("networkidle")
    page.evaluate("() => window.lawgovCharts ? window.lawgovCharts.fitted() : 0")
