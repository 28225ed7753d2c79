"""The PDF edition: the single-page HTML book, typeset by WeasyPrint.

``python -m lawgov.publish.pdf`` (what ``make pdf`` runs, after ``make book``):

1. build ``book/_build/singlehtml`` with the same Sphinx run as the HTML book
   (:func:`lawgov.publish.sphinx.run`: the same configuration, Sphinx environment and
   jupyter-cache, so notebooks are not executed again);
2. make it a book (:mod:`lawgov.publish.pdf_edition`): a title page and a table of contents,
   then the article only, every chart as the SVG of its downloads (drawn by ``make book``),
   every ``<details>`` (the original Chinese text) opened;
3. typeset it with WeasyPrint (CSS paged media: ``pdf_edition.css``): A4, fonts embedded as
   fonts (subsets of the CJK OpenType fonts, not Type 3 glyph drawings as Chromium's printing
   makes of them), a running head per chapter, page numbers in the contents, the PDF's
   bookmarks from the chapters' and sections' headings, all in one pass;
4. write ``book/_build/pdf/kunshan-2012-lawgov.pdf``, copy it to
   ``book/_build/html/downloads/kunshan-2012-lawgov.pdf`` and turn the HTML book's mentions
   of the PDF into links to it (:func:`lawgov.publish.downloads.link_pdf`).

Where WeasyPrint cannot run (its Python package, or Debian's pango it draws text with, is
missing), :func:`build` raises :class:`NoPrinter`, whose message is the one line ``make pdf``
prints before failing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from lawgov.book.links import CHARTS_DIR, DOWNLOADS, PDF_NAME
from lawgov.book.paths import BOOK, BUILD, HTML, ROOT
from lawgov.publish import pdf_edition, sphinx

SINGLE = BUILD / "singlehtml"
PDF_DIR = BUILD / "pdf"
PDF = PDF_DIR / PDF_NAME
HTML_CHARTS = HTML / CHARTS_DIR  # each chart's SVG, drawn by make book
HOW_TO_GET_IT = "apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk, then make pdf"


class NoPrinter(RuntimeError):
    """WeasyPrint (or the pango library it needs) is not installed: the PDF cannot be printed here."""


class PdfError(RuntimeError):
    """The PDF could not be built (the message says why)."""


def printer_problem() -> str | None:
    """Why WeasyPrint cannot print here, or None."""
    try:
        import weasyprint  # noqa: F401  (loads pango through cffi: fails without it)
    except (ImportError, OSError) as exc:
        return f"WeasyPrint cannot be loaded ({str(exc).splitlines()[0][:160]})"
    return None


@dataclass
class Result:
    path: Path
    copy: Path | None
    size: int
    pages: int
    charts: int
    seconds_singlehtml: float
    seconds_print: float


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


def print_book(single: Path, out: Path) -> tuple[int, list[pdf_edition.Chapter]]:
    """The single page made a book (:mod:`lawgov.publish.pdf_edition`), printed by WeasyPrint to out.

    Returns (charts, the chapters with their titles)."""

    chapters = pdf_edition.toc_chapters()
    doc, chapters = pdf_edition.book_html(single.read_text(encoding="utf-8"), chapters, HTML_CHARTS)
    charts = doc.count('class="lawgov-chart"')
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    print_html(doc, tmp, base=single.parent, css=pdf_edition.stylesheet())
    tmp.replace(out)
    return charts, chapters


def print_html(doc: str, out: Path, *, base: Path, css: str | None = None) -> None:
    """Print an HTML document to a PDF with WeasyPrint, reading only local files: any other
    URL (a web font, an image on a server) is refused, so the PDF is the same offline."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    local_only = URLFetcher(allowed_protocols={"file", "data"})
    stylesheets = [CSS(string=css)] if css else None
    HTML(string=doc, base_url=str(base) + "/", url_fetcher=local_only).write_pdf(
        str(out), stylesheets=stylesheets, pdf_tags=True
    )


def page_count(path: Path) -> int:
    """Pages of a PDF: pdfinfo when installed, else a count of /Type /Page objects."""
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=False).stdout
        m = re.search(r"^Pages:\s+(\d+)", out, re.M)
        if m:
            return int(m.group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def build(jobs: int = 2, copy_to_html: bool = True) -> Result:
    """Build the PDF edition; raise NoPrinter (before any work) where it cannot be printed.

    With ``copy_to_html`` (and a built HTML book), the PDF is copied into the book's downloads
    and the book's pages link it.
    """
    from lawgov.publish.downloads import link_pdf

    problem = printer_problem()
    if problem:
        raise NoPrinter(problem)
    if not HTML_CHARTS.is_dir():
        raise PdfError(f"no chart SVGs in {HTML_CHARTS.relative_to(ROOT)}: run make book first")
    t0 = time.perf_counter()
    single = build_singlehtml(jobs)
    t1 = time.perf_counter()
    try:
        charts, _ = print_book(single, PDF)
    except pdf_edition.EditionError as exc:
        raise PdfError(str(exc)) from None
    copy = HTML / DOWNLOADS / PDF_NAME if copy_to_html and HTML.exists() else None
    if copy is not None:
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PDF, copy)
        link_pdf(HTML)
    return Result(PDF, copy, PDF.stat().st_size, page_count(PDF), charts, t1 - t0, time.perf_counter() - t1)


def is_up_to_date() -> bool:
    """True if the HTML book is up to date and holds a PDF printed after its last build
    (a build that changes the book removes the PDF from it: lawgov.publish.build)."""
    from lawgov.publish.build import STAMP
    from lawgov.publish.build import is_up_to_date as book_is_up_to_date

    copy = HTML / DOWNLOADS / PDF_NAME
    return book_is_up_to_date() and PDF.exists() and copy.exists() and PDF.stat().st_mtime >= STAMP.stat().st_mtime


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m lawgov.publish.pdf", description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", "-j", type=int, default=2)
    args = parser.parse_args(argv)
    try:
        r = build(max(1, args.jobs))
    except NoPrinter as exc:
        print(f"lawgov.publish.pdf: no PDF: {exc}; to get it: {HOW_TO_GET_IT}", file=sys.stderr)
        return 1
    except PdfError as exc:
        print(f"lawgov.publish.pdf: {exc}", file=sys.stderr)
        return 1
    print(
        f"lawgov.publish.pdf: {r.path.relative_to(ROOT)}: {r.pages} pages, {r.charts} charts, {r.size / 1024:.0f} KB "
        f"(single page {r.seconds_singlehtml:.1f} s, typesetting {r.seconds_print:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
