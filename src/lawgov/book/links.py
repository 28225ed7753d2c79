"""What the book links to: where the build puts the data package, its zip, the notebooks and the PDF.

Paths are URL paths relative to the book's root (a chapter page links to ``{prefix}{path}``);
:mod:`lawgov.publish` writes the files under these same names, so a link and its file
cannot disagree (``tests/test_pdf.py`` follows every link of the built book).
"""
from __future__ import annotations

import html
import os
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from lawgov.book.identity import PACKAGE_NAME, version

PathLike = str | os.PathLike[str] | None

DOWNLOADS = "downloads"
PACKAGE_DIR = f"{DOWNLOADS}/data"
PDF_NAME = f"{PACKAGE_NAME}.pdf"
NOTEBOOKS_DIR = f"{DOWNLOADS}/notebooks"
CHARTS_DIR = f"{DOWNLOADS}/charts"  # <fig-id>.csv / .svg / .png of every chart (lawgov.publish.chart_files)
NOTEBOOKS_ZIP = f"{PACKAGE_NAME}-notebooks.zip"
FORMATS = ("csv", "json", "parquet")


def chapter_csv_name(part: int) -> str:
    """The figures of one part of the report, inside the package."""
    return f"chapters/figures-part-{part}.csv"


def zip_name() -> str:
    return f"{PACKAGE_NAME}-data-{version()}.zip"


def _parts(data_dir: PathLike = None) -> list[int]:
    import lawgov

    return sorted(int(p) for p in lawgov.outline(data_dir=data_dir)["part"].dropna().unique())


def downloads() -> dict[str, str]:
    """The book-root-relative paths of the whole-package downloads and of every table in every format."""
    from lawgov.frames.columns import resources

    return {
        "package_dir": f"{PACKAGE_DIR}/",
        "datapackage": f"{PACKAGE_DIR}/datapackage.json",
        "zip": f"{DOWNLOADS}/{zip_name()}",
        "pdf": f"{DOWNLOADS}/{PDF_NAME}",
        "notebooks_zip": f"{DOWNLOADS}/{NOTEBOOKS_ZIP}",
        **{f"{r.name}.{ext}": f"{PACKAGE_DIR}/{ext}/{r.name}.{ext}" for r in resources() for ext in FORMATS},
    }


def chapter_downloads(out_dir: PathLike = None, data_dir: PathLike = None) -> dict[int, str]:
    """{part: path of that part's figures CSV}, relative to the book's root (e.g. ``downloads/data/chapters/figures-part-4.csv``).

    With out_dir (an exported package), the paths are relative to it instead and only
    files that exist are listed.
    """
    if out_dir is not None:
        base = Path(out_dir)
        return {p: chapter_csv_name(p) for p in _parts(data_dir) if (base / chapter_csv_name(p)).exists()}
    return {p: f"{PACKAGE_DIR}/{chapter_csv_name(p)}" for p in _parts(data_dir)}


def chapter_download_link(part: int, *, page_prefix: str = "") -> str:
    """An HTML link to a part's figures CSV, for a chapter notebook (``IPython.display.HTML``)."""
    href = html.escape(f"{page_prefix}{PACKAGE_DIR}/{chapter_csv_name(part)}")
    return (f'<a class="lawgov-download reference download" href="{href}" download>'
            f"Download this part's figures (CSV)</a>")


def chapter_csv_data_link(part: int, data_dir: PathLike = None) -> str:
    """A link whose data: URL carries the part's figures CSV, byte for byte the file the data
    package ships (same writer, same Table Schema), so it works in any notebook, with no file beside it."""
    import base64

    from lawgov.dataset.location import resolve_data_dir
    from lawgov.frames import writers
    from lawgov.frames.columns import resources
    from lawgov.frames.tableschema import schema_of

    res = next(r for r in resources() if r.name == "figures")
    figs = res.build(resolve_data_dir(data_dir)).reset_index(drop=True)
    data = writers.csv_bytes(figs[figs["part"] == part], schema_of(res, figs)["fields"])
    href = "data:text/csv;charset=utf-8;base64," + base64.b64encode(data).decode("ascii")
    return (f'<a class="lawgov-download" href="{href}" download="figures-part-{part}.csv">'
            f"Download this part's figures (CSV)</a>")


def resources_table(data_dir: PathLike = None) -> pd.DataFrame:
    """The package's tables, one row each, with their download links (the "Data and downloads" page).

    Read from the package as described (:func:`lawgov.frames.tableschema.describe`, from the one
    column dictionary), so the page shows what ``datapackage.json`` says. The "what it holds"
    and "download" cells are HTML (escaped text, links): show the frame with ``html_table``.
    """
    from lawgov.frames.tableschema import describe

    links = downloads()
    rows = []
    for r in describe(data_dir):
        files = [(ext, links[f"{r['name']}.{ext}"]) for ext in FORMATS if f"{r['name']}.{ext}" in links]
        rows.append({"table": r["name"], "what it holds": html.escape(r["description"]), "rows": r["rows"],
                     "fields": len(r["schema"]["fields"]), "key": ", ".join(r["schema"]["primaryKey"]),
                     "download": " · ".join(f'<a href="{html.escape(href)}">{ext.upper()}</a>' for ext, href in files)})
    return pd.DataFrame(rows)


def fields_table(name: str, data_dir: PathLike = None) -> pd.DataFrame:
    """The fields of one table of the package (its Table Schema fields): name, type, unit, constraints, description."""
    from lawgov.frames.tableschema import describe

    rows = []
    for f in next(r for r in describe(data_dir) if r["name"] == name)["schema"]["fields"]:
        c = f.get("constraints", {})
        notes = [k for k in ("required", "unique") if c.get(k)]
        if "enum" in c:
            notes.append("one of " + ", ".join(c["enum"]))
        if "pattern" in c:
            notes.append(f"pattern {c['pattern']}")
        kind = f["type"] + (f" ({f['delimiter']}-separated)" if "delimiter" in f else "")
        rows.append({"field": f["name"], "type": kind, "unit": f.get("unit", ""), "constraints": "; ".join(notes),
                     "description": f["description"]})
    return pd.DataFrame(rows)


# --- ready-made lists and tables for the pages that list files -----------------------------


def _a(href: str, text: str) -> str:
    return f'<a class="reference download" href="{html.escape(href)}">{html.escape(text)}</a>'


def download_list(links: Mapping[str, str], items: Mapping[str, tuple[str, str]]):
    """A list of downloads: ``items`` maps a key of ``links`` (its path) to (link text, what follows it)."""
    from IPython.display import HTML

    rows = "".join(f"<li>{_a(links[key], text)}{html.escape(after)}</li>" for key, (text, after) in items.items())
    return HTML(f"<ul>{rows}</ul>")


def chapter_download_list(paths: Mapping[int, str], outline: pd.DataFrame):
    """One link per part's figures CSV (``paths``: part -> path), with the part's English title."""
    titles = outline[outline["level"] == 0].set_index("part")["title_en"]
    items = {str(p): (path.rsplit("/", 1)[-1], f": part {p}, {titles.get(p, '')}") for p, path in paths.items()}
    return download_list({str(p): path for p, path in paths.items()}, items)


def html_table(df: pd.DataFrame, *, escape: bool = False):
    """A plain HTML table of ``df``: its cells escaped, or (the default) already HTML, built and
    escaped by the function that made them."""
    from IPython.display import HTML

    return HTML(df.to_html(index=False, escape=escape, classes="table"))
