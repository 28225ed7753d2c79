"""The notebooks in JupyterLab, as a person runs them: `make lab`, open a chapter, Run All.

One JupyterLab per test session, started from JupyterLab's own environment (.venv-lab, which
`make test` creates) exactly as `make lab` starts it (``python -m lawgov.publish.lab``), on
127.0.0.1, with the user's settings and workspaces kept out (temporary folders). It opens a
byte-for-byte copy of book/ in book/_build/lab/ (inside the repository, so jupytext reads the
same configuration, but never the sources themselves: other tests run meanwhile, and a
chapter saved differently must not touch the real file). Debian's Chromium drives it
(tests/browser/harness.py). For each chapter:

- every request the page makes goes to 127.0.0.1 (any other is aborted and recorded);
- Run All runs every code cell, none with an error;
- every chart output is drawn (an SVG in it), with Vega from the Jupyter server;
- the chapter's CSV link carries the CSV itself; MyST markdown is rendered (jupyterlab-myst);
- saved, every .md is byte for byte what it was in book/: opening a notebook is not editing it. The saved file is also exactly what lawgov.publish.notebook_text
  predicts, so `make notebooks-fmt` and `make notebooks-check` speak for JupyterLab.

A chapter is written only when the person saves it: with the autosave interval cut to one
second (a user setting, as a person could set it), a cell added and run is not on disk several
intervals later, and closing the tab asks whether to save.

Run All's time is recorded in book/_build/lab-run-all.json.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser.harness import BOOK, BUILD, ROOT
from lawgov.publish.browser import LOCAL_HOSTS

LAB_PYTHON = Path(os.environ.get("LAWGOV_LAB_PYTHON", ROOT / ".venv-lab" / "bin" / "python"))
CHAPTERS = ["p4-oversight.md", "p5-governance.md"]
# A user setting of this test's Lab: were autosave on, a change would be on disk within a second.
AUTOSAVE_INTERVAL = 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    if not LAB_PYTHON.exists():
        pytest.fail(f"JupyterLab's environment is missing ({LAB_PYTHON}): `make test` creates it "
                    "(or `make lab-env`); set LAWGOV_LAB_PYTHON to use another.", pytrace=False)
    home = tmp_path_factory.mktemp("lab-home")
    root = BUILD / "lab"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(BOOK, root, ignore=shutil.ignore_patterns("_build", ".ipynb_checkpoints"))
    port, token = _free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"), "JUPYTER_RUNTIME_DIR": str(home / "runtime")}
    env.pop("LAWGOV_BOOK_BUILD", None)
    docmanager = home / "settings" / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings"
    docmanager.parent.mkdir(parents=True)
    docmanager.write_text(json.dumps({"autosaveInterval": AUTOSAVE_INTERVAL}))
    log = open(home / "server.log", "w")
    proc = subprocess.Popen(
        [str(LAB_PYTHON), "-m", "lawgov.publish.lab", "--port", str(port), "--token", token, "--no-browser",
         "--root", str(root), "--LabApp.expose_app_in_browser=True", "--ServerApp.port_retries=0"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"JupyterLab did not start:\n{(home / 'server.log').read_text()[-4000:]}", pytrace=False)
            time.sleep(0.5)
    yield {"base": base, "token": token, "log": home / "server.log", "root": root}
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def _api(lab, path: str) -> dict:
    with urllib.request.urlopen(f"{lab['base']}{path}?token={lab['token']}", timeout=30) as r:
        return json.loads(r.read())


def _check_settings(lab) -> None:
    """No news feed, no update check (each asks a website), .md opens as a notebook.

    The environment's overrides.json becomes the settings' defaults (the user settings here
    are an empty temporary folder), so the defaults the server reports are what a person gets.
    """
    def defaults(plugin: str) -> dict:
        return {k: v.get("default") for k, v in _api(lab, f"/lab/api/settings/{plugin}")["schema"]["properties"].items()}

    notes = defaults("@jupyterlab/apputils-extension:notification")
    assert notes["fetchNews"] == "false" and notes["checkForUpdates"] is False
    docmanager = defaults("@jupyterlab/docmanager-extension:plugin")
    assert docmanager["defaultViewers"]["markdown"] == docmanager["defaultViewers"]["myst"] == "Jupytext Notebook"
    assert docmanager["autosave"] is False, "JupyterLab would write a chapter the person did not save"


_MODEL = "window.jupyterapp.shell.currentWidget"  # the app is exposed: --LabApp.expose_app_in_browser
_RUN_DONE = f"""(() => {{ const nb = {_MODEL}; if (!nb || !nb.sessionContext.session) return false;
  for (const c of nb.content.model.cells) if (c.type === 'code' && c.executionCount == null) return false;
  return nb.sessionContext.session.kernel.status === 'idle'; }})()"""
_OUTPUTS = f"""(() => Array.from({_MODEL}.content.model.cells).filter(c => c.type === 'code')
  .map(c => c.toJSON().outputs.map(o => ({{type: o.output_type, ename: o.ename || '', evalue: o.evalue || '',
     html: ((o.data || {{}})['text/html'] || '').toString()}}))))()"""


def test_chapters_run_in_lab_offline_and_are_not_rewritten(lab, browser) -> None:
    """One test, so one JupyterLab serves both chapters (pytest-xdist would split parameters)."""
    _check_settings(lab)
    failures = {}
    for chapter in CHAPTERS:
        try:
            _run_chapter(lab, browser, chapter)
        except AssertionError as exc:
            failures[chapter] = str(exc)
    assert not failures, "\n\n".join(f"{c}: {m}" for c, m in failures.items())


def _run_chapter(lab, browser, chapter: str) -> None:
    from lawgov.publish.notebook_text import lab_text

    root = lab["root"]
    sources = {p: (BOOK / p.name).read_bytes() for p in root.glob("*.md")}
    assert all(p.read_bytes() == data for p, data in sources.items()), "the copy is not book/"
    predicted = lab_text(root / chapter)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
    blocked: list[str] = []

    def route(r):  # type: ignore[no-untyped-def]
        url = r.request.url
        if url.startswith(("data:", "blob:")) or (urlsplit(url).hostname or "") in LOCAL_HOSTS:
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    try:
        page = context.new_page()
        page.route("**/*", route)
        asked_news = []
        page.on("request", lambda req: asked_news.append(req.url) if "/lab/api/news" in req.url else None)
        page.goto(f"{lab['base']}/lab/tree/{chapter}?reset&token={lab['token']}")  # reset: no tab of before
        page.wait_for_function(f"window.jupyterapp && {_MODEL} && {_MODEL}.context && "
                               f"{_MODEL}.context.path === {json.dumps(chapter)} && "
                               f"{_MODEL}.sessionContext && {_MODEL}.sessionContext.session && "
                               f"{_MODEL}.sessionContext.session.kernel && "
                               f"{_MODEL}.sessionContext.session.kernel.status === 'idle'", timeout=180_000)
        started = time.perf_counter()
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_function(_RUN_DONE, timeout=300_000, polling=250)
        seconds = time.perf_counter() - started
        _record(chapter, seconds)
        outputs = page.evaluate(_OUTPUTS)
        errors = [f"cell {i + 1}: {o['ename']}: {o['evalue']}" for i, cell in enumerate(outputs)
                  for o in cell if o["type"] == "error"]
        assert not errors, errors
        charts = sum('class="lawgov-chart"' in o["html"] for cell in outputs for o in cell)
        assert charts > 0, "no chart output: is lawgov's renderer enabled?"
        page.wait_for_function(f"document.querySelectorAll('.lawgov-chart svg').length >= {charts}", timeout=60_000)
        assert page.locator(".lawgov-chart svg").count() == charts
        assert page.locator(".jp-MarkdownCell .myst").count() > 0, "MyST markdown not rendered (jupyterlab-myst)"
        assert page.locator('a.lawgov-download[href^="data:text/csv"]').count() == 1
        page.evaluate("window.jupyterapp.commands.execute('docmanager:save')")
        page.wait_for_function(f"!{_MODEL}.context.model.dirty", timeout=60_000)
        saved = (root / chapter).read_text(encoding="utf-8")
        changed = sorted(p.name for p, data in sources.items() if p.read_bytes() != data)
        assert not blocked, f"requests off 127.0.0.1: {blocked}"
        assert not asked_news
        assert saved == predicted, "JupyterLab saved something lawgov.publish.notebook_text does not predict"
        assert not changed, (f"opening and saving in JupyterLab rewrote {changed}: run `make notebooks-fmt` "
                             "(the files are then as JupyterLab saves them)")
    finally:
        try:  # the next chapter gets a kernel of its own
            page.evaluate("window.jupyterapp && window.jupyterapp.serviceManager.sessions.shutdownAll()")
        finally:
            context.close()
            for p, data in sources.items():  # and starts from book/ again
                if p.read_bytes() != data:
                    p.write_bytes(data)


def test_an_added_cell_is_written_only_when_saved(lab, browser) -> None:
    """A scratch cell added to a chapter and run is still only in the browser after many
    autosave intervals; closing the tab asks whether to save it."""
    _check_settings(lab)
    # the token was chosen (as `make lab TOKEN=...` does): the whole address is printed, not "token=..."
    assert f"{lab['base']}/lab?token={lab['token']}" in lab["log"].read_text()
    assert _api(lab, "/lab/api/settings/@jupyterlab/docmanager-extension:plugin")["settings"] == {
        "autosaveInterval": AUTOSAVE_INTERVAL}
    chapter = "p4-oversight.md"
    path = lab["root"] / chapter
    before = (BOOK / chapter).read_bytes()
    assert path.read_bytes() == before, "the copy is not book/"
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
    try:
        page = context.new_page()
        page.goto(f"{lab['base']}/lab/tree/{chapter}?reset&token={lab['token']}")
        page.wait_for_function(f"window.jupyterapp && {_MODEL} && {_MODEL}.context && "
                               f"{_MODEL}.context.path === {json.dumps(chapter)} && "
                               f"{_MODEL}.context.isReady && {_MODEL}.sessionContext.session && "
                               f"{_MODEL}.sessionContext.session.kernel && "
                               f"{_MODEL}.sessionContext.session.kernel.status === 'idle'", timeout=180_000)
        cells = page.evaluate(f"{_MODEL}.content.model.cells.length")
        page.evaluate("window.jupyterapp.commands.execute('notebook:insert-cell-below')")
        page.evaluate(f"{_MODEL}.content.activeCell.model.sharedModel.setSource('1 + 1')")
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-cell-and-select-next')")
        page.wait_for_function(f"{_MODEL}.content.model.cells.length >= {cells + 1} && "
                               f"{_MODEL}.content.model.dirty", timeout=60_000)
        time.sleep(6 * AUTOSAVE_INTERVAL)
        assert page.evaluate(f"{_MODEL}.content.model.dirty"), "the change was saved without a save"
        assert path.read_bytes() == before, "JupyterLab wrote the chapter without being asked to save it"
        page.evaluate(f"{_MODEL}.close()")
        dialog = page.locator(".jp-Dialog")
        dialog.wait_for(timeout=30_000)
        assert "save" in dialog.inner_text().lower()
        dialog.locator("button", has_text="Discard").click()
        page.wait_for_function(f"!{_MODEL} || {_MODEL}.context === undefined || "
                               f"{_MODEL}.context.path !== {json.dumps(chapter)}", timeout=30_000)
        assert path.read_bytes() == before
    finally:
        try:
            page.evaluate("window.jupyterapp && window.jupyterapp.serviceManager.sessions.shutdownAll()")
        finally:
            context.close()
            path.write_bytes(before)


def _record(chapter: str, seconds: float) -> None:
    timings = BUILD / "lab-run-all.json"
    BUILD.mkdir(parents=True, exist_ok=True)
    record = json.loads(timings.read_text()) if timings.exists() else {}
    record[chapter] = {"run_all_seconds": round(seconds, 1)}
    timings.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n")
