"""Build the HTML book: ``python -m lawgov.publish.build`` (what ``make book`` runs).

Steps, each printed as one line with its time:

1. ``validate``  - check ``data/`` with ``lawgov.validate``; any problem stops the build
                   (a book must never publish a wrong number);
2. ``vega``      - write ``book/_static/vega-bundle.js`` (local Vega/Vega-Lite/vega-embed,
                   see :mod:`lawgov.publish.vega`), regenerated only when Altair changes;
3. ``search``    - write the jieba user dictionary the Chinese search indexer uses;
4. ``html``      - jupyter-book 1.0.4 / Sphinx, strict: every warning is an error
                   (``-W --keep-going``), a failing cell is an error, notebooks run
                   through jupyter-cache, Sphinx reads and writes with ``-j 2``
                   (:func:`lawgov.publish.sphinx.run`);
5. ``charts``    - every chart's data (CSV) and picture (SVG, PNG) into
                   ``downloads/charts/<fig-id>.*``, and under each chart a line with
                   those links and how to cite it (:mod:`lawgov.publish.chart_files`);
6. ``exports``   - the data package, its zip and the notebooks as .ipynb, into the book's
                   downloads (:mod:`lawgov.publish.downloads`); the pages mention the PDF
                   edition without a link, saying that ``make pdf`` prints it.

The PDF edition is not part of it: ``make pdf`` (:mod:`lawgov.publish.pdf`) prints it from
the built book, puts it into the book's downloads and links it. A build that changes the
book removes that copy (it would be of the book before the change).

When no input changed since the last successful build (same hash of book/, data/,
src/lawgov/, requirements.lock, pyproject.toml) it says so and does nothing.

Options: ``--jobs N`` (default 2, or ``LAWGOV_BUILD_JOBS``), ``--force`` (run every step
even if nothing changed), ``--fresh`` (also discard Sphinx's saved environment; executed
notebooks stay cached in jupyter-cache), ``--check`` (exit 0 if the built book is up to
date with its inputs, 1 if not; builds nothing).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from lawgov.book.paths import BOOK, BUILD, DATA, HTML, ROOT
from lawgov.publish import sphinx
from lawgov.publish.freshness import code_digest, inputs_digest, look_digest
from lawgov.publish.sphinx import JUPYTER_CACHE, SEARCH_DICT

STAMP = BUILD / ".lawgov-build.json"


class BuildError(Exception):
    """A build step failed; the message says why (no traceback for data errors)."""


def log(msg: str) -> None:
    print(f"[lawgov.publish.build] {msg}", flush=True)


@contextlib.contextmanager
def step(name: str) -> Iterator[dict]:
    info: dict = {"note": ""}
    t0 = time.perf_counter()
    try:
        yield info
    except BuildError:
        log(f"{name:<9} FAILED after {time.perf_counter() - t0:.1f} s")
        raise
    note = f"  ({info['note']})" if info["note"] else ""
    log(f"{name:<9} {time.perf_counter() - t0:6.1f} s{note}")


# --- 1. data -------------------------------------------------------------------------


def validate_data(info: dict) -> None:
    import lawgov

    problems = list(lawgov.validate(DATA))
    if problems:
        for problem in problems:
            print(str(problem), file=sys.stderr)
        raise BuildError(f"{len(problems)} data problem(s) in {DATA.relative_to(ROOT)}/")
    info["note"] = "data OK"


# --- 2. vega bundle ------------------------------------------------------------------


def write_vega_bundle(info: dict) -> None:
    from lawgov.publish import vega

    try:
        path, generated = vega.write_bundle(BOOK / "_static", BUILD / ".vega-bundle")
    except vega.BundleError as exc:
        raise BuildError(str(exc)) from None
    kb = path.stat().st_size // 1024
    info["note"] = f"{'generated' if generated else 'cached'}, {kb} KB"


# --- 3. search dictionary ------------------------------------------------------------


def write_search_dictionary(info: dict) -> bool:
    """Write the jieba user dictionary (the terms word counts use too); True if its content changed."""
    import lawgov
    from lawgov.dataset import segmentation

    terms = sorted(segmentation.terms(lawgov.glossary(data_dir=DATA)["zh"]))
    text = "".join(f"{t}\n" for t in terms)
    SEARCH_DICT.parent.mkdir(parents=True, exist_ok=True)
    old = SEARCH_DICT.read_text(encoding="utf-8") if SEARCH_DICT.exists() else None
    if old != text:
        SEARCH_DICT.write_text(text, encoding="utf-8")
    info["note"] = f"{len(terms)} terms{', changed' if old not in (None, text) else ''}"
    return old is not None and old != text


# --- 4. html -------------------------------------------------------------------------


def configure_kernels() -> None:
    """The kernels the build starts (they inherit this process's environment and classes).

    - ``LAWGOV_BOOK_BUILD=1``: charts are Altair's standard HTML, drawn by the page's shared
      Vega bundle (elsewhere lawgov.charts.notebook loads Vega from the Jupyter server);
    - CurveZMQ keys for every kernel (jupyter-client's ``transport_encryption``; ipykernel's
      kernelspec declares support): the kernel transport is encrypted, and no kernel prints
      "Kernel is running over TCP without encryption" (18 times a build). jupyter-cache starts
      kernels through nbclient with no configuration of its own, so the class default is set.
    """
    from jupyter_client.manager import KernelManager

    from lawgov.charts.notebook import BOOK_BUILD_ENV

    os.environ[BOOK_BUILD_ENV] = "1"
    KernelManager.transport_encryption.default_value = "auto"


# Where myst-nb saves a failing notebook's traceback: <outdir>/reports/<page>.err.log. Sphinx
# never empties the output folder, so a log from an earlier failed run would be published with
# the next good build.
REPORTS = "reports"


def clear_stale_reports(outdir: Path) -> int:
    """Remove the notebook tracebacks an earlier run left in ``outdir``; returns how many went."""
    folder = outdir / REPORTS
    if not folder.is_dir():
        return 0
    n = sum(1 for _ in folder.rglob("*.err.log"))
    shutil.rmtree(folder)
    return n


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_FAILED_CELL = re.compile(r"executing the following cell:\n-+\n(?P<code>.*?)\n-+\n", re.S)
_ERROR_LINE = re.compile(r"^(?P<error>[A-Za-z_][\w.]*(?:Error|Exception|Interrupt|Exit)\b.*)$", re.M)


def failed_cells(outdir: Path = HTML) -> list[str]:
    """One line per chapter whose code failed in this run: its file, the line of the failing cell,
    the error, and where the traceback is kept (myst-nb writes each to ``reports/<page>.err.log``).

    A reader who added a cell in JupyterLab should meet this line, not a kernel traceback in the
    middle of Sphinx's output (``show_tb: false`` in _config.yml keeps that out). Each log is
    rewritten without its colour codes, and the failed page's HTML is removed.
    """
    lines = []
    for log in sorted((outdir / REPORTS).rglob("*.err.log")):
        text = _ANSI.sub("", log.read_text(encoding="utf-8", errors="replace"))
        log.write_text(text, encoding="utf-8")  # the kept traceback reads in an editor, without colour codes
        name = log.relative_to(outdir / REPORTS).with_name(log.name.removesuffix(".err.log"))
        # A failed page must not stay in the output folder as if built: a later upload of the
        # folder would publish it. Sphinx rebuilds a page whose HTML is missing.
        outdir.joinpath(name.with_suffix(".html")).unlink(missing_ok=True)
        page = BOOK / name.with_suffix(".md")
        where = str(page.relative_to(ROOT))
        cell = _FAILED_CELL.search(text)
        if cell and page.is_file():
            source = page.read_text(encoding="utf-8")
            at = source.find(cell.group("code").strip())
            if at >= 0:  # the cell's fence: the last ```{code-cell} before its code
                fence = source.rfind("```{code-cell}", 0, at)
                where += f":{source.count(chr(10), 0, fence if fence >= 0 else at) + 1}"
        errors = _ERROR_LINE.findall(text)
        error = errors[-1] if errors else "the cell raised an error"
        shown = log.relative_to(ROOT) if log.is_relative_to(ROOT) else log
        lines.append(f"{where}: a code cell failed: {error} (traceback: {shown})")
    return lines


def build_html(info: dict, jobs: int, fresh: bool) -> None:
    configure_kernels()
    clear_stale_reports(HTML)  # this run's failures, if any, are the only ones left to read
    from lawgov.publish import warm_kernels

    with warm_kernels.in_this_process() as how:
        result, _ = sphinx.run("html", HTML, jobs=jobs, strict=True, fresh=fresh)
    if result != 0:
        failed = failed_cells(HTML)
        for line in failed:
            print(line, file=sys.stderr)
        if failed:
            raise BuildError(f"{len(failed)} chapter(s) with a failing code cell, each named above")
        raise BuildError("Sphinx reported warnings or errors (listed above); the build is strict")
    pages = sum(1 for _ in HTML.glob("*.html"))
    info["note"] = f"-j {jobs}, {how}, {pages} HTML files"


# --- 5.-6. chart downloads and exports ------------------------------------------------


def build_chart_files(info: dict) -> None:
    """Each chart's CSV, SVG and PNG, and the line under it that links them and cites it."""
    from lawgov.publish import chart_files

    try:
        charts, pages = chart_files.publish(HTML, BUILD / ".chart-cache")
    except chart_files.ChartError as exc:
        raise BuildError(f"chart files: {exc}") from None
    info["note"] = f"{charts} charts on {pages} pages, each as CSV, SVG and PNG"


def build_exports(info: dict) -> None:
    """The data package (CSV / JSON / Parquet + datapackage.json), its zip and the notebooks."""
    from lawgov.publish.downloads import publish_into_book

    info["note"] = publish_into_book(HTML, DATA, BOOK)


def unlink_stale_pdf() -> str:
    """Remove the PDF edition ``make pdf`` put into the book (it is of the book before this
    build) and turn its links into a line saying how to print it again."""
    from lawgov.book.links import DOWNLOADS, PDF_NAME
    from lawgov.publish.downloads import link_pdf

    (HTML / DOWNLOADS / PDF_NAME).unlink(missing_ok=True)
    link_pdf(HTML)
    return "no PDF edition in the book: make pdf prints it"


# --- freshness (used by the browser tests and make pdf; the digests are lawgov.publish.freshness's) ---


def _last_stamp() -> dict:
    try:
        return json.loads(STAMP.read_text())
    except (OSError, ValueError):
        return {}


def is_up_to_date() -> bool:
    """True if the last build succeeded and no input changed since (see inputs_digest)."""
    needed = [HTML / "index.html", STAMP, BOOK / "_static" / "vega-bundle.js"]
    if not all(p.exists() for p in needed):
        return False
    try:
        return json.loads(STAMP.read_text())["inputs"] == inputs_digest()
    except (ValueError, KeyError):
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lawgov.publish.build", description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", "-j", type=int, default=int(os.environ.get("LAWGOV_BUILD_JOBS", "2")))
    parser.add_argument("--fresh", action="store_true", help="discard Sphinx's saved environment")
    parser.add_argument("--force", action="store_true", help="run every step even if nothing changed")
    parser.add_argument("--check", action="store_true", help="only say whether the book is up to date")
    args = parser.parse_args(argv)
    if args.check:
        ok = is_up_to_date()
        log("up to date" if ok else "out of date")
        return 0 if ok else 1

    t0 = time.perf_counter()
    if not (args.force or args.fresh) and is_up_to_date():
        log(f"nothing to do: no input changed since the last build ({time.perf_counter() - t0:.1f} s)")
        return 0
    digest, code, look = inputs_digest(), code_digest(), look_digest()
    last = _last_stamp()
    # After a failed build, Sphinx's saved environment would skip the failing page (its
    # source is unchanged) and pass: re-read everything. After a change to data/ or
    # lawgov, cached outputs may hold old numbers: re-execute everything.
    stale_outputs = last.get("code") != code
    fresh = args.fresh or not last or stale_outputs or last.get("look") != look
    if stale_outputs and JUPYTER_CACHE.exists():
        log("data/ or lawgov changed since the last build: re-executing every notebook")
        shutil.rmtree(JUPYTER_CACHE)
    STAMP.unlink(missing_ok=True)
    from lawgov.book.address import unset_notice

    if notice := unset_notice():  # said once per build, not once per citation
        log(notice)
    try:
        with step("validate") as info:
            validate_data(info)
        with step("vega") as info:
            write_vega_bundle(info)
        with step("search") as info:
            dict_changed = write_search_dictionary(info)
        with step("html") as info:
            build_html(info, jobs=max(1, args.jobs), fresh=fresh or dict_changed)
        with step("charts") as info:
            build_chart_files(info)
        with step("exports") as info:  # after the charts: the notebooks read the finished pages
            build_exports(info)
            info["note"] += f"; {unlink_stale_pdf()}"
    except BuildError as exc:
        log(f"FAILED: {exc}")
        return 1
    STAMP.write_text(json.dumps({"inputs": digest, "code": code, "look": look}) + "\n")
    log(f"done in {time.perf_counter() - t0:.1f} s: {HTML.relative_to(ROOT)}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
