"""``python -m benchmarks.run`` (``make bench``): build, reader and data benchmarks.

Timings on a shared machine are noisy, so every case runs several times (``--runs``,
default 3) and is reported as median, min and max; ratios are taken within one run (the
case and its reference measured back to back) and then summarised the same way. Wall
time and CPU time (the process and its children) are both recorded, with the machine's
load average before and after. Results go to ``benchmarks/results.json``.

Build (in a scratch copy of the working tree, so the repository's own ``book/_build`` and
anyone building it are left alone; ``lawgov`` is imported from the copy):

- ``clean``: ``python -m lawgov.publish.build`` (``make book``) with ``book/_build`` and the
  frame cache emptied (every step: validate, vega bundle, search words, strict Sphinx ``-j 2``
  with jupyter-cache, chart files, exports); the ``html`` step alone is reported too;
- ``unchanged``: the same command again;
- ``edit_prose`` / ``edit_code``: after changing one sentence of a chapter, and one code
  cell of it (which jupyter-cache must then run again);
- what the warm kernels buy, measured without them in the same run: ``clean_cold`` and
  ``edit_code_cold`` with cold kernels (``LAWGOV_WARM_KERNELS=0``);
- ``pdf``: ``python -m lawgov.publish.pdf`` (``make pdf``) after ``make book`` (no target);
- ``floor``: every notebook of the book executed once with nbclient, two at a time;
- ``peer``: ``jupyter-book build book/`` as a user would run it (serial, no cache, with
  ``execute_notebooks: force``);
- reproducibility: the data package and every page's chart specifications after each
  clean build, compared across runs.

Reader (the last clean build, served on 127.0.0.1, headless Chromium): per chapter, the
time from navigation to its last chart drawn with an empty cache; bytes transferred on a
first visit and on moving to the next page in the same visit, with the server sending only
``Last-Modified`` (Python's http.server) and with ``Cache-Control: max-age`` for
``_static/`` (as a static host can: Sphinx versions static URLs with ``?v=``); each page's
own HTML size, without shared assets.

Data, each case a fresh process against ``import pandas`` in the same round: ``import
lawgov`` + ``lawgov.figures()``, + every frame, + ``lawgov.validate()``, and ``lawgov
validate``; a synthetic corpus (``benchmarks.synth``) of 10, 100 and 1,000 reports loaded and
validated (how loading grows with the data: a benchmark input, no target).

Fresh clone: ``git clone`` of the working tree (its uncommitted files copied over) into a
temporary folder, then its first ``make book``, which creates ``.venv`` (uv's package cache
stays warm); with an explicit ``--only ...,fresh`` also ``make test`` there (which creates
``.venv-lab`` too; several minutes), unless ``--no-make-test``.

Options: ``--runs N``, ``--only build,reader,data,fresh``, ``--out PATH``, ``--keep`` (keep
the scratch copy), ``--no-make-test``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from lawgov.publish import browser
from lawgov.publish.notebooks import notebook_sources
from lawgov.publish.vega import chart_specs

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
TARGETS = {  # build times as ratios to the floor measured in the same run (the whole `make book`)
    "build.clean_over_floor": ("<=", 1.0),
    "build.edit_prose_over_floor": ("<=", 0.1),
    "build.edit_code_over_floor": ("<=", 0.25),
    "build.unchanged_s": ("<", 1.0),
    "fresh.first_book_s": ("<", 90.0),  # git clone, then `make book` with the environment created
    "fresh.make_test_s": ("<", 300.0),  # then `make test` (only with an explicit --only fresh)
    "reader.last_chart_cold_s_max": ("<", 1.5),
    "reader.page_html_kb_max": ("<", 150.0),  # issue 11: each page's own HTML
    "reader.first_visit_kb": ("<", 1200.0),  # issue 11: first page, empty cache, no compression
    "data.all_frames_over_pandas": ("<=", 1.2),
    "data.validate_over_pandas": ("<=", 1.2),
}


SECTIONS = ("build", "reader", "data", "fresh")


def log(msg: str) -> None:
    print(f"[bench] {msg}", flush=True)


# --- measuring --------------------------------------------------------------------------


def run(
    cmd: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    check: bool = True,
    timeout: float = 3600,
) -> dict[str, Any]:
    """Run a command; wall and CPU seconds (it and its children), its output."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if check and proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        )
    return {"wall": wall, "cpu": cpu, "rc": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr}


def summary(values: list[float], digits: int = 3) -> dict[str, Any]:
    values = [v for v in values if v is not None]
    if not values:
        return {"n": 0}
    med = statistics.median(values)
    return {
        "median": round(med, digits),
        "min": round(min(values), digits),
        "max": round(max(values), digits),
        "spread_pct": round(100 * (max(values) - min(values)) / med, 1) if med else 0.0,
        "n": len(values),
        "runs": [round(v, digits) for v in values],
    }


def loadavg() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


# --- the scratch copy -------------------------------------------------------------------


def working_tree_files() -> list[str]:
    """Tracked and untracked-but-not-ignored files: the working tree as an author sees it."""
    out = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return [f for f in out.split("\0") if f and (ROOT / f).is_file()]


def make_scratch(parent: Path) -> Path:
    scratch = parent / "tree"
    for rel in working_tree_files():
        if rel.startswith(("benchmarks/", "tests/")):
            continue
        dst = scratch / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, dst)
    return scratch


def scratch_env(scratch: Path, cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(scratch / "src"), env.get("PYTHONPATH")]))
    env["LAWGOV_CACHE"] = str(cache)
    env["SOURCE_DATE_EPOCH"] = env.get("SOURCE_DATE_EPOCH", "1356998400")  # 2013-01-01: same stamp in every run
    env.pop("LAWGOV_DATA", None)
    return env


def notebooks(book: Path) -> list[Path]:
    """The book's MyST notebooks, in _toc.yml order."""
    return [path for _, path in notebook_sources(book)]


def step_seconds(stdout: str) -> dict[str, float]:
    """The per-step times lawgov.publish.build prints ("[lawgov.publish.build] html   12.3 s")."""
    return {
        m.group(1): float(m.group(2))
        for m in re.finditer(r"\[lawgov\.(?:publish\.)?build\] (\w+)\s+([\d.]+) s", stdout)
    }


# --- build --------------------------------------------------------------------------------


def _execute_one(args: tuple[str, str]) -> float:
    import jupytext
    from nbclient import NotebookClient

    path, cwd = args
    t0 = time.perf_counter()
    nb = jupytext.read(path)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": cwd}}).execute()
    return time.perf_counter() - t0


def floor(book: Path, env: dict[str, str], jobs: int) -> dict[str, Any]:
    """Every notebook executed once with nbclient, ``jobs`` at a time (worker processes: the
    sync nbclient API in threads runs one notebook at a time), started from a helper process
    with the scratch copy's environment, so kernels import the copy's lawgov."""
    code = (
        "import json, multiprocessing, sys, time\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from benchmarks.run import _execute_one\n"
        "paths, cwd, jobs = json.loads(sys.argv[1])\n"
        "t0 = time.perf_counter()\n"
        "with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context('fork')) as pool:\n"
        "    each = list(pool.map(_execute_one, [(p, cwd) for p in paths]))\n"
        "print(json.dumps({'total': time.perf_counter() - t0, 'each': each}))\n"
    )
    paths = [str(p) for p in notebooks(book)]
    env = dict(env)
    env["PYTHONPATH"] = os.pathsep.join([env["PYTHONPATH"], str(ROOT)])
    r = run([PY, "-c", code, json.dumps([paths, str(book), jobs])], env=env)
    out = json.loads(r["stdout"].strip().splitlines()[-1])
    return {
        "wall": r["wall"],
        "cpu": r["cpu"],
        "notebooks": len(paths),
        "each": out["each"],
        "serial_sum": sum(out["each"]),
    }


def peer(scratch: Path, env: dict[str, str], out: Path) -> dict[str, Any]:
    """``jupyter-book build book/`` with default settings but execution forced on."""
    import yaml

    config = yaml.safe_load((scratch / "book" / "_config.yml").read_text(encoding="utf-8"))
    config.setdefault("execute", {})["execute_notebooks"] = "force"
    peer_config = scratch / "book" / "_peer_config.yml"
    peer_config.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    jb = str(Path(PY).with_name("jupyter-book"))
    try:
        return run(
            [jb, "build", str(scratch / "book"), "--path-output", str(out), "--config", str(peer_config)], env=env
        )
    finally:
        peer_config.unlink(missing_ok=True)


def _first_markdown_paragraph(text: str) -> int:
    """Offset just after the first prose line of the notebook body (after its front matter),
    outside code cells and other fenced blocks."""
    body = text.index("\n---", 3) + 4
    fenced = False
    offset = body
    for line in text[body:].splitlines(keepends=True):
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"[A-Za-z\u4e00-\u9fff]", line):
            return offset + len(line.rstrip("\n"))
        offset += len(line)
    raise ValueError("no prose line")


def _first_code_cell(text: str) -> int:
    m = re.search(r"(?m)^```\{code-cell\}[^\n]*\n", text)
    if not m:
        raise ValueError("no code cell")
    # after the cell's option lines (":tags: ...") and any front matter of the cell
    rest = text[m.end() :]
    opts = re.match(r"(?:(?::[^\n]*\n)+|---\n.*?\n---\n)?", rest, re.S)
    return m.end() + (opts.end() if opts else 0)


def chart_digests(html_dir: Path) -> dict[str, str]:
    """{page: sha256 of its chart specs, normalised for Altair's random container ids}."""
    out = {}
    for page in sorted(html_dir.glob("*.html")):
        specs = chart_specs(page.read_text(encoding="utf-8"))
        if specs:
            out[page.name] = hashlib.sha256("\n".join(specs).encode()).hexdigest()
    return out


def tree_digest(path: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(path.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(path).as_posix().encode())
            h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def bench_build(work: Path, runs: int, jobs: int) -> tuple[dict[str, Any], Path]:
    scratch = make_scratch(work)
    book = scratch / "book"
    chapter = next(p for p in notebooks(book) if "charts." in p.read_text(encoding="utf-8"))
    original = chapter.read_text(encoding="utf-8")
    cases: dict[str, list[float]] = {
        k: []
        for k in (
            "clean",
            "clean_html",
            "clean_cpu",
            "unchanged",
            "edit_prose",
            "edit_prose_html",
            "edit_code",
            "edit_code_html",
            "floor",
            "floor_cpu",
            "peer",
            "peer_cpu",
            "clean_over_floor",
            "clean_html_over_floor",
            "peer_over_clean",
            "peer_over_clean_html",
            "edit_prose_html_over_floor",
            "edit_prose_over_floor",
            "edit_code_html_over_floor",
            "edit_code_over_floor",
            "clean_cold",
            "clean_cold_over_floor",
            "edit_code_cold",
            "edit_code_cold_over_floor",
            "pdf",
        )
    }
    steps: list[dict[str, float]] = []
    repro: list[dict[str, Any]] = []
    build = [PY, "-m", "lawgov.publish.build", "--jobs", str(jobs)]
    loads = []
    for i in range(runs):
        loads.append(loadavg())
        log(f"build run {i + 1}/{runs} (load {loads[-1]})")
        env = scratch_env(scratch, work / f"frame-cache-{i}")
        shutil.rmtree(book / "_build", ignore_errors=True)
        chapter.write_text(original, encoding="utf-8")
        clean = run(build, cwd=scratch, env=env)
        s = step_seconds(clean["stdout"])
        steps.append(s)
        cases["clean"].append(clean["wall"])
        cases["clean_cpu"].append(clean["cpu"])
        cases["clean_html"].append(s.get("html"))
        log(f"  clean {clean['wall']:.1f} s (html {s.get('html')} s)")
        html = book / "_build" / "html"
        repro.append(
            {
                "exports": tree_digest(html / "downloads" / "data") if (html / "downloads" / "data").exists() else None,
                "charts": chart_digests(html),
            }
        )

        cases["unchanged"].append(run(build, cwd=scratch, env=env)["wall"])
        log(f"  unchanged {cases['unchanged'][-1]:.2f} s")

        prose, code = _first_markdown_paragraph(original), _first_code_cell(original)
        cold = env | {"LAWGOV_WARM_KERNELS": "0"}
        edits = (
            ("edit_prose", prose, f" (Timing edit {i}.)", build, env),
            ("edit_code", code, f"_bench_edit = {i}  # timing edit\n", build, env),
            ("edit_code_cold", code, f"_bench_edit = {i} + 1  # timing edit\n", build, cold),
        )
        for case, at, edit, cmd, case_env in edits:  # each a new edit of the chapter as it was
            chapter.write_text(original[:at] + edit + original[at:], encoding="utf-8")
            r = run(cmd, cwd=scratch, env=case_env)
            cases[case].append(r["wall"])
            if f"{case}_html" in cases:
                cases[f"{case}_html"].append(
                    sum(step_seconds(r["stdout"]).get(k, 0.0) for k in ("validate", "vega", "search", "html"))
                )
            steps = " ".join(f"{k} {v}" for k, v in step_seconds(r["stdout"]).items())
            log(f"  one-chapter {case} {r['wall']:.1f} s ({steps})")
        chapter.write_text(original, encoding="utf-8")
        run(build, cwd=scratch, env=env)
        p = run([PY, "-m", "lawgov.publish.pdf"], cwd=scratch, env=env)
        cases["pdf"].append(p["wall"])
        log(f"  make pdf after make book {p['wall']:.1f} s ({p['stdout'].strip().splitlines()[-1:]})")

        f = floor(book, env, jobs)
        cases["floor"].append(f["wall"])
        cases["floor_cpu"].append(f["cpu"])
        log(f"  floor (nbclient, {jobs} at a time, {f['notebooks']} notebooks) {f['wall']:.1f} s")

        p = peer(scratch, env, work / "peer-out")
        cases["peer"].append(p["wall"])
        cases["peer_cpu"].append(p["cpu"])
        log(f"  peer (jupyter-book build, serial, no cache) {p['wall']:.1f} s")

        shutil.rmtree(book / "_build", ignore_errors=True)
        c = run(
            build, cwd=scratch, env=scratch_env(scratch, work / f"frame-cache-cold-{i}") | {"LAWGOV_WARM_KERNELS": "0"}
        )
        cases["clean_cold"].append(c["wall"])
        log(f"  clean, cold kernels {c['wall']:.1f} s (html {step_seconds(c['stdout']).get('html')} s)")

        cases["clean_over_floor"].append(clean["wall"] / f["wall"])
        cases["clean_html_over_floor"].append((s.get("html") or 0) / f["wall"])
        cases["peer_over_clean"].append(p["wall"] / clean["wall"])
        cases["peer_over_clean_html"].append(p["wall"] / (s.get("html") or float("nan")))
        for case in ("clean_cold", "edit_prose", "edit_code", "edit_code_cold"):
            cases[f"{case}_over_floor"].append(cases[case][-1] / f["wall"])
            if f"{case}_html_over_floor" in cases:
                cases[f"{case}_html_over_floor"].append(cases[f"{case}_html"][-1] / f["wall"])
    # leave the copy built and unchanged for the reader benchmark
    chapter.write_text(original, encoding="utf-8")
    run(build, cwd=scratch, env=scratch_env(scratch, work / "frame-cache-reader"))
    result = {k: summary(v) for k, v in cases.items()}
    result["steps_median_s"] = (
        {k: round(statistics.median([s[k] for s in steps if k in s]), 2) for k in steps[0]} if steps else {}
    )
    result["loadavg_per_run"] = loads
    result["notebooks"] = len(notebooks(book))
    result["chapter_edited"] = chapter.name
    first = repro[0] if repro else {}
    result["reproducible"] = {
        "clean_builds": len(repro),
        "exports_identical": all(r["exports"] == first.get("exports") for r in repro)
        and first.get("exports") is not None,
        "chart_specs_identical": all(r["charts"] == first.get("charts") for r in repro) and bool(first.get("charts")),
        "pages_with_charts": len(first.get("charts", {})),
    }
    return result, scratch


# --- fresh clone --------------------------------------------------------------------------


def fresh_env(home: Path) -> dict[str, str]:
    """The environment of a newcomer's shell: no virtualenv or PYTHONPATH of ours, a cold
    frame cache. uv's package cache (~/.cache/uv) stays: packages come from the local index
    either way, and a machine that has installed them once keeps them."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("VIRTUAL_ENV", "PYTHONPATH", "LAWGOV_DATA", "LAWGOV_CACHE", "MAKEFLAGS", "MAKELEVEL")
    }
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(ROOT)))
    env["LAWGOV_CACHE"] = str(home / "lawgov-cache")
    return env


def bench_fresh(work: Path, with_test: bool) -> dict[str, Any]:
    """``git clone`` of the working tree (its uncommitted files copied over), then the first
    ``make book`` there, the environment (.venv) created by it; then, if asked, ``make test``
    (which also creates .venv-lab)."""
    clone = work / "clone"
    run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)])
    for rel in working_tree_files():  # the working tree as the author has it, not only HEAD
        dst = clone / rel
        if not dst.exists() or dst.read_bytes() != (ROOT / rel).read_bytes():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dst)
    env = fresh_env(work)
    log(f"fresh clone: make book (load {loadavg()})")
    book = run(["make", "book"], cwd=clone, env=env, check=False)
    if book["rc"] != 0:
        return {"first_book_s": None, "error": (book["stdout"] + book["stderr"])[-2000:]}
    result: dict[str, Any] = {
        "first_book_s": round(book["wall"], 1),
        "first_book_cpu_s": round(book["cpu"], 1),
        "steps_s": step_seconds(book["stdout"]),
        "load_after": loadavg(),
    }
    log(f"  first make book {book['wall']:.1f} s")
    if with_test:
        log(f"fresh clone: make test (load {loadavg()})")
        test = run(["make", "test"], cwd=clone, env=env, check=False)
        tail = (test["stdout"].strip().splitlines() or [""])[-1]
        result |= {
            "make_test_s": round(test["wall"], 1),
            "make_test_cpu_s": round(test["cpu"], 1),
            "make_test_rc": test["rc"],
            "make_test_summary": tail,
        }
        log(f"  make test {test['wall']:.1f} s (exit {test['rc']}: {tail})")
    else:
        result["make_test_s"] = None
        result["make_test_note"] = "not run: `make test` runs only with an explicit --only fresh"
    return result


# --- reader -------------------------------------------------------------------------------


# "at least n charts, all drawn": the PDF edition's test of a drawn page, with a count
DRAWN_JS = browser.ALL_CHARTS_DRAWN_JS


class _Traffic:
    """Bytes on the wire for one page (Chrome DevTools Protocol: encodedDataLength)."""

    def __init__(self, page) -> None:
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
        self.bytes = 0
        self.requests: dict[str, str] = {}
        self.fetched: list[str] = []
        self.cached: list[str] = []
        self.cdp.on(
            "Network.requestWillBeSent", lambda e: self.requests.__setitem__(e["requestId"], e["request"]["url"])
        )
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on(
            "Network.requestServedFromCache", lambda e: self.cached.append(self.requests.get(e["requestId"], ""))
        )

    def _finished(self, e: dict) -> None:
        self.bytes += int(e.get("encodedDataLength", 0))
        self.fetched.append(self.requests.get(e["requestId"], ""))

    def reset(self) -> None:
        self.bytes, self.fetched, self.cached = 0, [], []


def chart_counts(html_dir: Path) -> dict[str, int]:
    return {p.name: len(chart_specs(p.read_text(encoding="utf-8"))) for p in sorted(html_dir.glob("*.html"))}


def bench_reader(html: Path, runs: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    counts = chart_counts(html)
    order = toc_pages(html)
    sizes = {name: round((html / name).stat().st_size / 1024, 1) for name in order}
    shared = sorted(
        {m for name in order for m in re.findall(r'(?:src|href)="(_static/[^"?]+)', (html / name).read_text("utf-8"))}
    )
    shared_kb = round(sum((html / s).stat().st_size for s in shared if (html / s).exists()) / 1024, 1)
    bundle_kb = (
        round((html / "_static" / "vega-bundle.js").stat().st_size / 1024, 1)
        if (html / "_static" / "vega-bundle.js").exists()
        else None
    )
    times: dict[str, list[float]] = {name: [] for name in order if counts.get(name)}
    visits: dict[str, Any] = {}
    with sync_playwright() as pw:
        chromium = browser.launch(pw)
        try:
            with browser.serve(html) as url:
                for _ in range(runs):
                    for name in times:
                        with browser.local_page(chromium) as local:
                            t0 = time.perf_counter()
                            local.page.goto(f"{url}/{name}", wait_until="commit")
                            local.page.wait_for_function(DRAWN_JS, arg=counts[name], timeout=60000, polling="raf")
                            times[name].append(time.perf_counter() - t0)
            for mode, max_age in (("last_modified_only", None), ("cache_control_static", 3600)):
                with browser.serve(html, max_age) as url:
                    visits[mode] = _visit(chromium, url, order, counts)
        finally:
            chromium.close()
    cold = {name: summary(v) for name, v in times.items()}
    worst = max((s["median"] for s in cold.values()), default=None)
    return {
        "last_chart_cold_s": cold,
        "last_chart_cold_s_max": worst,
        "page_html_kb": sizes,
        "page_html_kb_max": max(sizes.values()),
        "shared_assets_kb": shared_kb,
        "vega_bundle_kb": bundle_kb,
        "visit": visits,
    }


def toc_pages(html: Path) -> list[str]:
    from sphinx_external_toc.parsing import parse_toc_yaml

    book = html.parents[1]
    return [f"{doc}.html" for doc in parse_toc_yaml(book / "_toc.yml") if (html / f"{doc}.html").exists()]


def _visit(chromium, url: str, order: list[str], counts: dict[str, int]) -> dict[str, Any]:
    """One reader's visit through the book in one browser context: bytes per page."""
    # No request routing here: Playwright turns the HTTP cache off on a routed page, and the
    # cache is what this measures.
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    traffic = _Traffic(page)
    pages = []
    bundle_fetches = 0
    for name in order:
        traffic.reset()
        page.goto(f"{url}/{name}", wait_until="load")
        if counts.get(name):
            page.wait_for_function(DRAWN_JS, arg=counts[name], timeout=60000)
        page.wait_for_load_state("networkidle")
        fetched_bundle = any("vega-bundle.js" in u for u in traffic.fetched) and not any(
            "vega-bundle.js" in u for u in traffic.cached
        )
        bundle_fetches += fetched_bundle
        pages.append(
            {
                "page": name,
                "kb": round(traffic.bytes / 1024, 1),
                "requests": len(traffic.fetched),
                "vega_bundle_over_network": fetched_bundle,
            }
        )
    context.close()
    return {
        "first_page_kb": pages[0]["kb"] if pages else None,
        "later_pages_kb_median": round(statistics.median([p["kb"] for p in pages[1:]]), 1) if len(pages) > 1 else None,
        "total_kb": round(sum(p["kb"] for p in pages), 1),
        "vega_bundle_fetches": bundle_fetches,
        "pages": pages,
    }


# --- data ---------------------------------------------------------------------------------

ALL_FRAMES = (
    "figures",
    "relations",
    "audit",
    "outline",
    "glossary",
    "topics",
    "frameworks",
    "crosswalk",
    "reports",
    "excluded",
)


def bench_data(work: Path, runs: int, sizes: list[int]) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "LAWGOV_DATA"}
    cases = {
        "python": [PY, "-c", "pass"],
        "pandas": [PY, "-c", "import pandas"],
        "figures": [PY, "-c", "import lawgov; lawgov.figures()"],
        "all_frames": [PY, "-c", f"import lawgov; [getattr(lawgov, n)() for n in {ALL_FRAMES!r}]"],
        "validate": [PY, "-c", "import lawgov; assert lawgov.validate() == []"],
        "validate_cli": [PY, "-m", "lawgov", "validate"],
    }
    wall: dict[str, list[float]] = {k: [] for k in cases}
    cpu: dict[str, list[float]] = {k: [] for k in cases}
    ratios: dict[str, list[float]] = {}
    for _ in range(max(runs, 5)):
        this: dict[str, dict] = {}
        for name, command in cases.items():
            this[name] = run(command, env=env)
            wall[name].append(this[name]["wall"])
            cpu[name].append(this[name]["cpu"])
        for name in ("figures", "all_frames", "validate", "validate_cli"):
            ratios.setdefault(f"{name}_over_pandas", []).append(this[name]["wall"] / this["pandas"]["wall"])
            ratios.setdefault(f"{name}_over_pandas_cpu", []).append(this[name]["cpu"] / this["pandas"]["cpu"])
    log(
        f"  import pandas {statistics.median(wall['pandas']):.2f} s; lawgov, figures "
        f"{statistics.median(wall['figures']):.2f} s, every frame {statistics.median(wall['all_frames']):.2f} s, "
        f"validate {statistics.median(wall['validate']):.2f} s"
    )

    scale: dict[str, Any] = {}
    from benchmarks.synth import make_corpus

    for n in sizes:
        corpus = make_corpus(n, work / f"corpus-{n}")
        code = (
            "import time, json, lawgov; t = time.perf_counter(); p = lawgov.validate(%r); "
            "print(json.dumps({'s': time.perf_counter() - t, 'problems': len(p)}))" % str(corpus)
        )
        walls, cpus, inner = [], [], []
        for _ in range(runs if n < 1000 else max(1, min(runs, 3))):
            r = run([PY, "-c", code], env=env)
            out = json.loads(r["stdout"].strip().splitlines()[-1])
            assert out["problems"] == 0, f"the synthetic corpus of {n} reports is not valid"
            walls.append(r["wall"])
            cpus.append(r["cpu"])
            inner.append(out["s"])
        scale[str(n)] = {"wall_s": summary(walls), "cpu_s": summary(cpus), "validate_s": summary(inner)}
        log(f"  {n} reports: {statistics.median(walls):.1f} s wall, {statistics.median(cpus):.1f} s CPU")
        shutil.rmtree(corpus.parent, ignore_errors=True)
    per_report = {n: scale[n]["validate_s"]["median"] / int(n) for n in scale}
    result = {
        "wall_s": {k: summary(v) for k, v in wall.items()},
        "cpu_s": {k: summary(v) for k, v in cpu.items()},
        "ratios": {k: summary(v) for k, v in ratios.items()},
        "scale": scale,
        "scale_ms_per_report": {n: round(1000 * v, 2) for n, v in per_report.items()},
    }
    if "10" in per_report and "1000" in per_report:
        result["scale_growth_1000_vs_100_per_report"] = round(
            per_report["1000"] / per_report.get("100", per_report["10"]), 2
        )
    return result


# --- main ---------------------------------------------------------------------------------


def meta() -> dict[str, Any]:
    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = bool(
        subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    )
    import pandas  # only to find its files

    pyc = any(Path(pandas.__file__).parent.glob("__pycache__/*.pyc"))
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": commit,
        "working_tree_dirty": dirty,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "loadavg_start": loadavg(),
        "PYTHONDONTWRITEBYTECODE": os.environ.get("PYTHONDONTWRITEBYTECODE", ""),
        "site_packages_bytecode_compiled": pyc,
    }


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    def get(path: str) -> float | None:
        node: Any = results
        for key in path.split("."):
            if not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
        return node.get("median") if isinstance(node, dict) else node

    values = {
        "build.clean_over_floor": get("build.clean_over_floor"),
        "build.edit_prose_over_floor": get("build.edit_prose_over_floor"),
        "build.edit_code_over_floor": get("build.edit_code_over_floor"),
        "build.unchanged_s": get("build.unchanged"),
        "fresh.first_book_s": get("fresh.first_book_s"),
        "fresh.make_test_s": get("fresh.make_test_s"),
        "reader.last_chart_cold_s_max": get("reader.last_chart_cold_s_max"),
        "reader.page_html_kb_max": get("reader.page_html_kb_max"),
        "reader.first_visit_kb": get("reader.visit.last_modified_only.first_page_kb"),
        "data.all_frames_over_pandas": get("data.ratios.all_frames_over_pandas"),
        "data.validate_over_pandas": get("data.ratios.validate_over_pandas"),
    }
    out = []
    for name, (op, limit) in TARGETS.items():
        v = values.get(name)
        met = None if v is None else (v <= limit if op == "<=" else v < limit)
        out.append({"name": name, "value": None if v is None else round(v, 3), "target": f"{op} {limit}", "met": met})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "3")))
    parser.add_argument(
        "--only",
        default=None,
        help="build,reader,data,fresh (default: all; `make test` on the fresh clone only when fresh is named here)",
    )
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results.json"))
    parser.add_argument("--keep", action="store_true", help="keep the scratch copy")
    parser.add_argument(
        "--no-make-test", action="store_true", help="with --only ...,fresh: the clone's first `make book` only"
    )
    args = parser.parse_args(argv)
    only = set((args.only or ",".join(SECTIONS)).split(","))
    results: dict[str, Any] = {"meta": meta() | {"runs": args.runs, "jobs": args.jobs}}
    work = Path(tempfile.mkdtemp(prefix="lawgov-bench-"))
    log(f"scratch {work}; load {loadavg()}")
    t0 = time.perf_counter()
    try:
        scratch = None
        if "build" in only:
            results["build"], scratch = bench_build(work, args.runs, args.jobs)
        if "reader" in only:
            if scratch is None:
                scratch = make_scratch(work)
                run(
                    [PY, "-m", "lawgov.publish.build"],
                    cwd=scratch,
                    env=scratch_env(scratch, work / "frame-cache-reader"),
                )
            problem = browser.chromium_problem()
            if problem is None:
                log("reader")
                results["reader"] = bench_reader(scratch / "book" / "_build" / "html", args.runs)
            else:
                results["reader"] = {"skipped": problem}
        if "fresh" in only:
            results["fresh"] = bench_fresh(work, with_test=args.only is not None and not args.no_make_test)
        if "data" in only:
            log("data")
            results["data"] = bench_data(work, args.runs, [int(s) for s in args.sizes.split(",") if s])
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    results["meta"]["loadavg_end"] = loadavg()
    results["meta"]["seconds"] = round(time.perf_counter() - t0, 1)
    results["targets"] = targets(results)
    out = Path(args.out)
    if out.exists() and only != set(SECTIONS):  # a partial run updates its sections only
        previous = json.loads(out.read_text(encoding="utf-8"))
        results = previous | {k: v for k, v in results.items() if k != "targets"}
        results["targets"] = targets(results)
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for t in results["targets"]:
        met = "met" if t["met"] else "NOT met" if t["met"] is False else "-"
        log(f"{t['name']:<34} {t['value']!s:>10}  target {t['target']:<7} {met}")
    log(f"results in {out} ({results['meta']['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
