"""The PDF edition: the single-page HTML book, printed by Debian's Chromium.

``python -m lawgov.publish.pdf`` (and the ``pdf`` step of ``make book``):

1. build ``book/_build/singlehtml`` with the same Sphinx run as the HTML book
   (:func:`lawgov.publish.sphinx.run`: the same configuration, Sphinx environment and
   jupyter-cache, so notebooks are not executed again);
2. serve it on 127.0.0.1 at a random port and open it in ``/usr/bin/chromium`` with every
   request to another host aborted (:mod:`lawgov.publish.browser`); wait until every chart
   is drawn (each vega-embed holds an ``svg.marks`` or a ``canvas``);
3. make it a book (:mod:`lawgov.publish.pdf_edition`): only the article is kept (no header,
   sidebars, search or buttons), after a title page (title, subtitle, authors, version,
   date, licence, how to cite) and a table of contents; every ``<details>`` (the original
   Chinese text) is opened; each chapter gets a named page whose margin boxes carry its
   running head, and every page its number (CSS ``@page`` margin boxes, which Chromium
   prints); ``pdf_edition.css`` and ``book/_static/print.css`` style it for paper;
4. print it: A4, charts as the vector SVG Vega drew, PDF bookmarks from the headings; the
   contents carry the page each chapter starts on, as the bookmarks of the printing say
   (checked to have settled). The contents start with the last build's numbers
   (``pdf/chapter-pages.json``, beside the PDF), so one printing suffices when no chapter moved; otherwise
   it prints again with the numbers found;
5. write ``book/_build/pdf/kunshan-2012-lawgov.pdf`` and copy it to
   ``book/_build/html/downloads/kunshan-2012-lawgov.pdf`` (the landing page links
   ``downloads/kunshan-2012-lawgov.pdf``).

Where no Chromium is installed, :func:`build` raises :class:`NoChromium`, whose message is
the one line ``make book`` prints before finishing without the PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from lawgov.book.links import DOWNLOADS, PDF_NAME
from lawgov.book.paths import BOOK, BUILD, HTML, ROOT
from lawgov.publish import browser, sphinx
from lawgov.publish import pdf_edition as edition

SINGLE = BUILD / "singlehtml"
PDF_DIR = BUILD / "pdf"
PDF = PDF_DIR / PDF_NAME
SEED_NAME = "chapter-pages.json"  # beside the PDF: {"docs": [...], "pages": [...]} of its last printing
HOW_TO_GET_IT = "apt-get install chromium fonts-noto-cjk, then make book"
CHART_TIMEOUT_MS = 120_000


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
    chapter_starts: list[int]  # the page each chapter of _toc.yml starts on (as the contents print them)
    printings: int = 1


def build_singlehtml(jobs: int = 2) -> Path:
    """The single-page HTML edition, from the HTML build's Sphinx run (environment, execution cache).

    The HTML build is the strict one; the single page only rearranges what it checked. Its
    warnings (e.g. about cross-page anchors) are kept in a log, not shown.
    """
    result, warnings = sphinx.run("singlehtml", SINGLE, jobs=jobs, strict=False)
    SINGLE.mkdir(parents=True, exist_ok=True)
    (BUILD / "singlehtml-warnings.log").write_text(warnings, encoding="utf-8")
    if result != 0 or not (SINGLE / f"{root_doc()}.html").exists():
        tail = "\n".join(warnings.splitlines()[-20:])
        raise PdfError(f"the single-page HTML build failed:\n{tail}")
    return SINGLE / f"{root_doc()}.html"


def root_doc() -> str:
    """The book's root document (``root:`` in _toc.yml): singlehtml writes the book there."""
    import yaml

    return yaml.safe_load((BOOK / "_toc.yml").read_text(encoding="utf-8"))["root"]


def seed_pages(seed_file: Path, chapters: list[edition.Chapter]) -> list[int]:
    """The chapters' pages of the last printing, if it had the same chapters (else [])."""
    import json

    try:
        seed = json.loads(seed_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    docs, pages = seed.get("docs"), seed.get("pages")
    ok = docs == [c.doc for c in chapters] and isinstance(pages, list) and len(pages) == len(chapters)
    return [int(n) for n in pages] if ok else []


def print_pdf(url: str, out: Path, *, as_book: bool = True) -> tuple[int, list[str], list[int]]:
    """Open url in Chromium, wait for every chart, make the page a book and print A4 to out,
    until the contents' page numbers are those the printing's bookmarks show (the first
    printing carries the last build's numbers, or placeholders).

    Returns (charts, blocked URLs, the page each chapter starts on); how many printings it
    took is kept with the pages beside the PDF (:func:`printings`).

    ``as_book=False`` prints the page as it is, once (any page, not only the book's single
    page: the hostile-text defence uses it); it returns no chapter pages and keeps no seed.
    """
    import json

    problem = browser.chromium_problem()
    if problem:
        raise NoChromium(problem)
    from playwright.sync_api import sync_playwright

    chapters = edition.toc_chapters()
    with sync_playwright() as pw:
        chromium = browser.launch(pw)
        try:
            with browser.local_page(chromium, viewport={"width": 1200, "height": 1600}) as local:
                page = local.page
                page.goto(f"{url}/{root_doc()}.html", wait_until="load", timeout=CHART_TIMEOUT_MS)
                try:
                    page.wait_for_function(browser.ALL_CHARTS_DRAWN_JS, arg=0, timeout=CHART_TIMEOUT_MS)
                except Exception as exc:  # playwright's TimeoutError
                    state = page.evaluate(browser.CHARTS_DRAWN_JS)
                    raise PdfError(
                        f"only {state['drawn']} of {state['total']} charts were drawn "
                        f"after {CHART_TIMEOUT_MS // 1000} s ({exc.__class__.__name__}); page errors: {local.errors[:3]}"
                    ) from None
                charts = page.evaluate(browser.CHARTS_DRAWN_JS)["total"]
                chapters = _prepare(page, chapters) if as_book else []
                page.emulate_media(media="print")
                page.evaluate("document.fonts.ready")
                out.parent.mkdir(parents=True, exist_ok=True)
                tmp = out.with_name(f".{out.name}.tmp")
                pages = seed_pages(out.with_name(SEED_NAME), chapters) if as_book else []
                if pages:
                    page.evaluate(edition.SET_PAGES_JS, pages)
                for printings in range(1, (PRINTINGS if as_book else 1) + 1):
                    _print(page, tmp)
                    if not as_book:
                        break
                    found = edition.chapter_pages(tmp, chapters)
                    if found == pages:
                        break
                    pages = found
                    page.evaluate(edition.SET_PAGES_JS, pages)
                else:
                    raise PdfError(f"the contents' page numbers did not settle after {PRINTINGS} printings")
                tmp.replace(out)
                if as_book:
                    out.with_name(SEED_NAME).write_text(
                        json.dumps({"docs": [c.doc for c in chapters], "pages": pages, "printings": printings}) + "\n",
                        encoding="utf-8",
                    )
                blocked = local.blocked
        finally:
            chromium.close()
    return charts, blocked, pages


def printings(pdf: Path) -> int:
    """How many printings the last print_pdf to pdf took (0 if unknown)."""
    import json

    try:
        return int(json.loads(pdf.with_name(SEED_NAME).read_text(encoding="utf-8")).get("printings", 0))
    except (OSError, ValueError, TypeError):
        return 0


PRINTINGS = 4  # the numbers settle on the second printing; two more in case a number's width moved a line


def _prepare(page, chapters: list[edition.Chapter]) -> list[edition.Chapter]:
    """Make the single page a book (see lawgov.publish.pdf_edition); returns the chapters with their titles."""
    titles = page.evaluate(
        edition.PREPARE_JS,
        {"docs": [c.doc for c in chapters], "intro": list(edition.INTRO_TITLE), "front": edition.title_page_html()},
    )
    missing = [c.doc for c, t in zip(chapters, titles) if t is None]
    if missing:
        raise PdfError(f"the single page has no chapter for {', '.join(missing)} (book/_toc.yml)")
    chapters = [edition.Chapter(c.doc, c.group, en, zh) for c, (en, zh) in zip(chapters, titles)]
    page.evaluate(edition.INSERT_TOC_JS, edition.toc_html(chapters))
    page.add_style_tag(content=edition.stylesheet(chapters))
    return chapters


def _print(page, path: Path) -> None:
    # Page size, margins, page numbers and running heads come from the CSS (@page and its
    # margin boxes): Chromium's own header and footer stay off.
    page.pdf(
        path=str(path),
        print_background=True,
        prefer_css_page_size=True,
        display_header_footer=False,
        outline=True,
        tagged=True,
    )


def page_count(path: Path) -> int:
    """Pages of a PDF: pdfinfo when installed, else a count of /Type /Page objects."""
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False).stdout
        m = re.search(r"^Pages:\s+(\d+)", out, re.M)
        if m:
            return int(m.group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def build(jobs: int = 2, copy_to_html: bool = True, unless=None) -> Result | None:
    """Build the PDF edition; raise NoChromium (before any work) where it cannot be printed.

    ``unless``: called after the single page is built; if it returns true (the caller found
    the single page as it was at the last printing) and the PDF is there, nothing is printed
    and None is returned (the copy in the HTML book is put back if missing).
    """
    problem = browser.chromium_problem()
    if problem:
        raise NoChromium(problem)
    t0 = time.perf_counter()
    build_singlehtml(jobs)
    t1 = time.perf_counter()
    copy = HTML / DOWNLOADS / PDF_NAME if copy_to_html and HTML.exists() else None
    if unless is not None and PDF.exists() and unless():
        if copy is not None and not copy.exists():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(PDF, copy)
        return None
    with browser.serve(SINGLE) as url:
        charts, blocked, chapter_starts = print_pdf(url, PDF)
    if copy is not None:
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PDF, copy)
    return Result(
        PDF,
        copy,
        PDF.stat().st_size,
        page_count(PDF),
        charts,
        t1 - t0,
        time.perf_counter() - t1,
        sorted(set(blocked)),
        chapter_starts,
        printings(PDF),
    )


def main(argv: list[str] | None = None) -> int:
    try:
        r = build()
    except NoChromium as exc:
        print(f"lawgov.publish.pdf: no PDF ({exc}): {HOW_TO_GET_IT}")
        return 0
    except PdfError as exc:
        print(f"lawgov.publish.pdf: {exc}", file=sys.stderr)
        return 1
    print(
        f"{r.path.relative_to(ROOT)}: {r.pages} pages, {r.charts} charts, {r.size / 1024:.0f} KB "
        f"(single page {r.seconds_singlehtml:.1f} s, print {r.seconds_print:.1f} s)"
        + (f"; blocked {len(r.blocked)} non-local request(s): {', '.join(r.blocked)}" if r.blocked else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
