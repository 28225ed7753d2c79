"""The ``exports`` step of ``make book``: write what the book links to into the HTML book.

The names and paths are the book's (:mod:`lawgov.book.links`): the links the pages
show are the files written here.
"""
from __future__ import annotations

import os
from pathlib import Path

from lawgov.book.identity import PACKAGE_NAME, version
from lawgov.book.links import DOWNLOADS, NOTEBOOKS_DIR, NOTEBOOKS_ZIP, PACKAGE_DIR, zip_name
from lawgov.publish.datapackage import export
from lawgov.publish.files import EPOCH, package_meta, write_zip, zip_files
from lawgov.publish.notebooks import write_notebooks

PathLike = str | os.PathLike[str] | None


def publish_into_book(html_dir: Path, data_dir: PathLike = None, book_dir: Path | None = None,
                      package: bool = True) -> str:
    """The package (atomically), its zip and the notebooks (each, and zipped) into the HTML book.

    Writes ``<html>/downloads/data/``, ``<html>/downloads/<zip>`` and
    ``<html>/downloads/notebooks/<doc>.ipynb``; returns a one-line summary. ``package=False``
    keeps the package and its zip already there (the build does so when none of their inputs
    changed); the notebooks, which carry the pages' glued values, are always written.
    """
    html_dir = Path(html_dir)
    pkg = html_dir / PACKAGE_DIR
    z = html_dir / DOWNLOADS / zip_name()
    if package:
        sizes = export(pkg, data_dir)
        write_zip(pkg, z)
    else:
        sizes = {f.relative_to(pkg).as_posix(): f.stat().st_size for f in pkg.rglob("*") if f.is_file()}
    meta = package_meta(pkg)
    notebooks = write_notebooks(book_dir, html_dir / NOTEBOOKS_DIR, html_dir) if book_dir else []
    if book_dir:
        zip_files(notebooks, html_dir / DOWNLOADS / NOTEBOOKS_ZIP, f"{PACKAGE_NAME}-notebooks-{version()}",
                  meta.get("created", EPOCH))
    tables = [r for r in meta["resources"] if "schema" in r]
    n_fields = sum(len(r["schema"]["fields"]) for r in tables)
    return (f"{len(tables)} tables, {n_fields} fields, {len(sizes)} files, {sum(sizes.values()) / 1024:.0f} KB; "
            f"zip {z.stat().st_size / 1024:.0f} KB{'' if package else ' (unchanged)'}; "
            f"{sum(p.suffix == '.ipynb' for p in notebooks)} notebooks as .ipynb")
