"""The ``exports`` step of ``make book``: write what the book links to into the HTML book,
and the links to the PDF edition, which ``make pdf`` adds (:func:`link_pdf`).

The names and paths are the book's (:mod:`lawgov.book.links`): the links the pages
show are the files written here.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from lawgov.book.identity import PACKAGE_NAME, version
from lawgov.book.links import DOWNLOADS, NOTEBOOKS_DIR, NOTEBOOKS_ZIP, PACKAGE_DIR, PDF_NAME, zip_name
from lawgov.publish.datapackage import export
from lawgov.publish.files import EPOCH, package_meta, write_zip, zip_files
from lawgov.publish.notebooks import write_notebooks

PathLike = str | os.PathLike[str] | None


def publish_into_book(html_dir: Path, data_dir: PathLike = None, book_dir: Path | None = None) -> str:
    """The package (atomically), its zip and the notebooks (each, and zipped) into the HTML book.

    Writes ``<html>/downloads/data/``, ``<html>/downloads/<zip>`` and
    ``<html>/downloads/notebooks/<doc>.ipynb``; returns a one-line summary.
    """
    html_dir = Path(html_dir)
    pkg = html_dir / PACKAGE_DIR
    z = html_dir / DOWNLOADS / zip_name()
    sizes = export(pkg, data_dir)
    write_zip(pkg, z)
    meta = package_meta(pkg)
    notebooks = write_notebooks(book_dir, html_dir / NOTEBOOKS_DIR, html_dir) if book_dir else []
    if book_dir:
        zip_files(
            notebooks,
            html_dir / DOWNLOADS / NOTEBOOKS_ZIP,
            f"{PACKAGE_NAME}-notebooks-{version()}",
            meta.get("created", EPOCH),
        )
    tables = [r for r in meta["resources"] if "schema" in r]
    n_fields = sum(len(r["schema"]["fields"]) for r in tables)
    return (
        f"{len(tables)} tables, {n_fields} fields, {len(sizes)} files, {sum(sizes.values()) / 1024:.0f} KB; "
        f"zip {z.stat().st_size / 1024:.0f} KB; "
        f"{sum(p.suffix == '.ipynb' for p in notebooks)} notebooks as .ipynb"
    )


# The PDF edition is printed by `make pdf`, not by `make book` (Chromium printing 180 pages
# took most of an author's rebuild). A page links the PDF only when the file is in the HTML
# book; otherwise the same words say how to get it. Both forms are kept reversible, because
# Sphinx rewrites only the pages whose source changed: `make pdf` must turn the note of a page
# written earlier back into the link, and `make book` the link of a page written earlier into
# the note when the PDF is gone.
PDF_LINK = re.compile(rf'(<a\s[^>]*href="(?:[^"]*/)?{re.escape(PDF_NAME)}"[^>]*>)(.*?)</a>', re.S)
PDF_NOTE = re.compile(
    r'<span class="lawgov-pdf-missing" data-a="([^"]*)">(.*?)<span class="lawgov-pdf-how">.*?</span></span>', re.S
)
HOW_TO_GET_PDF = ' (not in this build: <code class="docutils literal notranslate">make pdf</code> prints it)'


def link_pdf(html_dir: Path) -> tuple[bool, int]:
    """Make every mention of the PDF edition in the built pages a link if the PDF is in the book,
    else the link's words and how to get the PDF. Returns (PDF present, pages rewritten)."""
    html_dir = Path(html_dir)
    present = (html_dir / DOWNLOADS / PDF_NAME).is_file()
    changed = 0
    for page in sorted(html_dir.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        if present:
            new = PDF_NOTE.sub(lambda m: f"{html.unescape(m[1])}{m[2]}</a>", text)
        else:
            new = PDF_LINK.sub(
                lambda m: (
                    f'<span class="lawgov-pdf-missing" data-a="{html.escape(m[1])}">{m[2]}'
                    f'<span class="lawgov-pdf-how">{HOW_TO_GET_PDF}</span></span>'
                ),
                text,
            )
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return present, changed
