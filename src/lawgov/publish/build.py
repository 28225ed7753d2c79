"""Build the book: ``python -m lawgov.publish.build`` (what ``make book`` runs).

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
5. ``pdf``       - the PDF edition (:mod:`lawgov.publish.pdf`), from the same Sphinx run
                   (:mod:`lawgov.publish.sphinx`) with the single-page builder;
6. ``charts``    - every chart's data (CSV) and picture (SVG, PNG) into
                   ``downloads/charts/<fig-id>.*``, and under each chart a line with
                   those links and how to cite it (:mod:`lawgov.publish.chart_files`); it
                   runs in a process of its own alongside the pdf step, which reads neither;
7. ``exports``   - the data package, its zip and the notebooks as .ipynb, into the book's
                   downloads (:mod:`lawgov.publish.downloads`).

When no input changed since the last successful build (same hash of book/, data/,
src/lawgov/, requirements.lock, pyproject.toml) it says so and does nothing.
Steps 5-7 also skip their own work when what they read is as it was at their last run
(a content hash of it, kept in the build's stamp): the chart files when Sphinx rewrote no
page, the data package and its zip when data/, lawgov and the lock are unchanged (the
notebooks are always written: they carry the pages' glued values), the printing when the
single page and lawgov are unchanged. ``--force`` and ``--fresh`` run them all.

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
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from lawgov.book.paths import BOOK, BUILD, DATA, HTML, ROOT
from lawgov.publish import sphinx
from lawgov.publish.freshness import code_digest, inputs_digest, look_digest, package_digest, pages_digest, pdf_digest
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


def _find_validator() -> Callable | None:
    """``lawgov.validate(data_dir) -> list of problems``, if the data module has it."""
    import importlib

    try:
        pkg = importlib.import_module("lawgov")
    except ImportError:
        return None
    fn = getattr(pkg, "validate", None)
    if fn is None or not callable(fn):
        try:
            mod = importlib.import_module("lawgov.dataset.rules")
        except ImportError:
            return None
        fn = getattr(mod, "validate", None)
    return fn if callable(fn) else None


def validate_data(info: dict) -> None:
    validator = _find_validator()
    if validator is None:
        info["note"] = "skipped: lawgov.validate not available yet"
        return
    problems = list(validator(DATA))
    if problems:
        for problem in problems:
            print(str(problem), file=sys.stderr)
        raise BuildError(f"{len(problems)} data problem(s) in {DATA.relative_to(ROOT)}/")
    info["note"] = "data OK"


# --- 2. vega bundle ------------------------------------------------------------------


def write_vega_bundle(info: dict) -> None:
    from lawgov.publish import vega as vega_bundle

    try:
        path, generated = vega_bundle.write_bundle(BOOK / "_static", BUILD / ".vega-bundle")
    except vega_bundle.BundleError as exc:
        raise BuildError(str(exc)) from None
    kb = path.stat().st_size // 1024
    info["note"] = f"{'generated' if generated else 'cached'}, {kb} KB"


# --- 3. search dictionary ------------------------------------------------------------


def write_search_dictionary(info: dict) -> bool:
    """Write the jieba user dictionary (the terms word counts use too); True if its content changed."""
    import lawgov
    from lawgov.dataset.segmentation import terms as segmentation_terms

    terms = sorted(segmentation_terms(lawgov.glossary(data_dir=DATA)["zh"]))
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
# the next good build (review 2, #50).
REPORTS = "reports"


def clear_stale_reports(outdir: Path) -> int:
    """Remove the notebook tracebacks an earlier run left in ``outdir``; returns how many went."""
    folder = outdir / REPORTS
    if not folder.is_dir():
        return 0
    n = sum(1 for _ in folder.rglob("*.err.log"))
    shutil.rmtree(folder)
    return n


def build_html(info: dict, jobs: int, fresh: bool) -> None:
    configure_kernels()
    clear_stale_reports(HTML)  # this run's failures, if any, are the only ones left to read
    from lawgov.publish import warm_kernels

    with warm_kernels.in_this_process() as how:
        result, _ = sphinx.run("html", HTML, jobs=jobs, strict=True, fresh=fresh)
    if result != 0:
        raise BuildError(
            "Sphinx reported warnings or errors (listed above); the build is strict"
        )
    pages = sum(1 for _ in HTML.glob("*.html"))
    info["note"] = f"-j {jobs}, {how}, {pages} HTML files"


# --- 5.-7. chart downloads, exports and the PDF -----------------------------------------


CHARTS_JOB = ("import json, sys, time; from pathlib import Path; from lawgov.publish import chart_files; "
              "t0 = time.perf_counter(); charts, pages = chart_files.publish(Path(sys.argv[1]), Path(sys.argv[2])); "
              "print(json.dumps([charts, pages, time.perf_counter() - t0]))")


def start_chart_files(done: str | None) -> subprocess.Popen | None:
    """Each chart's CSV, SVG and PNG, and the line under it that links them and cites it
    (lawgov.publish.chart_files), in a process of its own that runs alongside the PDF step
    (which reads neither); None when the pages are as the last run of this step left them
    (``done``, their digest then: Sphinx rewrote none of them). Not a fork of this process:
    the PDF step's Sphinx forks its own workers, and a thread of a process pool here could
    leave them holding its locks."""
    from lawgov.book.links import CHARTS_DIR

    if done is not None and done == pages_digest() and any((HTML / CHARTS_DIR).glob("*.svg")):
        return None
    return subprocess.Popen([sys.executable, "-c", CHARTS_JOB, str(HTML), str(BUILD / ".chart-cache")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_chart_files(info: dict, job: subprocess.Popen | None, done: str | None) -> str | None:
    """Wait for start_chart_files' job; returns the pages' digest after it."""
    if job is None:
        info["note"] = "skipped: no page changed since the last run"
        return done
    out, err = job.communicate()
    if job.returncode != 0:
        last = (err.strip().splitlines() or ["no message"])[-1]
        raise BuildError(f"chart files: {last.removeprefix('lawgov.publish.chart_files.ChartError: ')}")
    charts, pages, seconds = json.loads(out.strip().splitlines()[-1])
    info["note"] = f"{charts} charts on {pages} pages, each as CSV, SVG and PNG; {seconds:.1f} s alongside the pdf step"
    return pages_digest()


def build_exports(info: dict, done: str | None) -> str:
    """The data package (CSV / JSON / Parquet + datapackage.json), its zip and the notebooks.

    The package and its zip are rewritten only when what they are made of (package_digest)
    differs from ``done``, the digest of the last export, or they are missing. Returns the digest.
    """
    from lawgov.book.links import PACKAGE_DIR
    from lawgov.publish.downloads import publish_into_book

    key = package_digest()
    keep = done == key and (HTML / PACKAGE_DIR / "datapackage.json").exists()
    info["note"] = publish_into_book(HTML, DATA, BOOK, package=not keep)
    return key


def build_pdf(info: dict, jobs: int = 2, done: str | None = None) -> str | None:
    """The PDF edition via the single-page HTML and Chromium (lawgov.publish.pdf).

    The single page is always rebuilt (incrementally); it is printed again only when it,
    or what the printing adds to it (pdf_digest), differs from ``done``, the last printing's
    digest. Returns the digest (None without a PDF). Without Chromium the book is still
    built: the step says in one line how to get the PDF.
    """
    from lawgov.publish import pdf

    try:
        r = pdf.build(jobs, unless=lambda: done if done is not None and done == pdf_digest() else None)
    except pdf.NoChromium as exc:
        info["note"] = f"no PDF: {exc}; to get it: {pdf.HOW_TO_GET_IT}"
        return None
    except pdf.PdfError as exc:
        raise BuildError(f"PDF edition: {exc}") from None
    if r is None:
        info["note"] = "not printed again: the single page and the edition's code are unchanged"
        return done
    info["note"] = (f"{r.path.relative_to(ROOT)}, {r.pages} pages, {r.charts} charts, {r.size // 1024} KB; "
                    f"single page {r.seconds_singlehtml:.1f} s + print {r.seconds_print:.1f} s, "
                    f"{r.printings} printing{'s' if r.printings > 1 else ''}")
    return pdf_digest()


# --- freshness (used by the browser tests; the digests are lawgov.publish.freshness's) ---


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
    # what the charts, exports and pdf steps last made, by a digest of what each reads
    previous: dict = {} if args.force or args.fresh else last.get("steps", {})
    done: dict = {}
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
        charts = start_chart_files(previous.get("charts"))
        try:
            with step("pdf") as info:
                done["pdf"] = build_pdf(info, jobs=max(1, args.jobs), done=previous.get("pdf"))
        except BuildError:
            if charts is not None:
                charts.kill()
                charts.communicate()
            raise
        with step("charts") as info:
            done["charts"] = finish_chart_files(info, charts, previous.get("charts"))
        with step("exports") as info:  # after the charts: the notebooks read the finished pages
            done["exports"] = build_exports(info, previous.get("exports"))
    except BuildError as exc:
        log(f"FAILED: {exc}")
        return 1
    STAMP.write_text(json.dumps({"inputs": digest, "code": code, "look": look, "steps": done}) + "\n")
    log(f"done in {time.perf_counter() - t0:.1f} s: {HTML.relative_to(ROOT)}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
