"""Shared fixtures: a small, valid copy of the data built from tests/fixtures/.

The fixture data dir holds the real reports.yaml, topics.yaml and source text, an outline
generated from the parse (one entry per heading), and the small hand-written figures,
relations, glossary and frameworks files in tests/fixtures/. Tests that break something
copy it to their own tmp_path, so they never touch the real data/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

# The built book, its server and one Chromium per worker, shared by tests/browser and
# tests/defences (registered here once: a second Playwright in one process fails).
from browser.harness import browser, built_book, built_pdf, site, visit  # noqa: F401
from lawgov.dataset.headings import find_body, parse_outline

REPO = Path(__file__).resolve().parents[1]
REAL_DATA = REPO / "data"
FIXTURES = Path(__file__).parent / "fixtures"
# The sha256 of the capture as it was first seeded (中国法治网, kept in data/sources): the data
# records it in reports.yaml and the loader checks it, so neither can drift with the capture.
SOURCE_SHA256 = "68ad8a75974d51c2c0b9fa4a19be202822ac7f494025a2eb85025b9d629d618d"


# Modules whose tests hold one xdist worker for a minute or more (JupyterLab running two
# chapters, cold and warm kernels executing chapters, a wheel built and installed in a new
# venv, fresh exports and notebook runs, the PDF read page by page): started first, so the
# short tests fill the end of the run and neither worker waits on the other ("--dist
# worksteal" in pyproject.toml then moves what is left from the busier worker).
STARTED_FIRST = (
    "browser/test_lab.py",
    "defences/test_warm_kernels.py",
    "test_wheel.py",
    "defences/test_reproducibility.py",
    "test_pdf_edition.py",
)


# What a test needs (the markers of pyproject.toml), so `make check` can leave it out: the
# built book and the browser from the fixtures it uses, a new environment or a long run of
# fresh kernels by module.
NEEDS_FIXTURE = {"built_book": "book", "browser": "browser"}
NEEDS_MODULE = {
    "test_wheel.py": "venv",
    "browser/test_lab.py": "venv",
    "defences/test_warm_kernels.py": "slow",
    "defences/test_fast_paths.py": "slow",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def where(item: pytest.Item) -> str:
        return item.path.relative_to(Path(__file__).parent).as_posix()

    for item in items:
        for fixture, marker in NEEDS_FIXTURE.items():
            if fixture in item.fixturenames:  # the closure: a fixture that uses built_book counts
                item.add_marker(marker)
        if where(item) in NEEDS_MODULE:
            item.add_marker(NEEDS_MODULE[where(item)])

    def rank(item: pytest.Item) -> int:
        return STARTED_FIRST.index(where(item)) if where(item) in STARTED_FIRST else len(STARTED_FIRST)

    items.sort(key=rank)  # stable: the order within each module, and of the rest, is kept


def real_body() -> str:
    report = yaml.safe_load((REAL_DATA / "reports.yaml").read_text(encoding="utf-8"))[0]
    text = (REAL_DATA / report["source"]).read_text(encoding="utf-8")
    start, end = find_body(text, report["body_starts_with"], report["body_ends_before"])
    return text[start:end]


def real_headings():
    report = yaml.safe_load((REAL_DATA / "reports.yaml").read_text(encoding="utf-8"))[0]
    return parse_outline(real_body(), report["closing_starts_with"])


def _outline_yaml() -> str:
    lines = ["report: kunshan-2012", "sections:"]
    for h in real_headings():
        lines += [f'  - section: "{h.section}"', f"    title_en: Section {h.section}", "    tags: []"]
    return "\n".join(lines) + "\n"


def build_data(parent: Path) -> Path:
    """A valid data dir at ``parent/data``."""
    data = parent / "data"
    (data / "sources").mkdir(parents=True)
    for name in ("reports.yaml", "topics.yaml"):
        shutil.copy(REAL_DATA / name, data / name)
    shutil.copy(REAL_DATA / "sources" / "kunshan-2012.txt", data / "sources" / "kunshan-2012.txt")
    for kind in ("figures", "relations", "outline"):
        (data / kind).mkdir()
    shutil.copy(FIXTURES / "figures.yaml", data / "figures" / "kunshan-2012.yaml")
    shutil.copy(FIXTURES / "relations.yaml", data / "relations" / "kunshan-2012.yaml")
    shutil.copy(FIXTURES / "glossary.yaml", data / "glossary.yaml")
    shutil.copy(FIXTURES / "frameworks.yaml", data / "frameworks.yaml")
    (data / "outline" / "kunshan-2012.yaml").write_text(_outline_yaml(), encoding="utf-8")
    return data


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh, valid fixture data dir the test may break."""
    return build_data(tmp_path)


@pytest.fixture(scope="session")
def shared_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid fixture data dir shared by tests that only read it."""
    return build_data(tmp_path_factory.mktemp("shared"))


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m lawgov ARGS`` in a clean environment (no LAWGOV_DATA unless given)."""
    base = {k: v for k, v in os.environ.items() if k != "LAWGOV_DATA"}
    return subprocess.run(
        [sys.executable, "-m", "lawgov", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=base | (env or {}),
        timeout=120,
    )


def call_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``lawgov ARGS`` called in this process, as ``python -m lawgov`` would run it.

    For the many-case corpora (tests/defences/test_bad_data.py): starting Python and
    importing the stack per case cost seconds each. What a fresh process would see is kept:
    no LAWGOV_DATA, nothing loaded before (the in-process dataset cache is emptied), every
    warning Python shows by default written to stderr, and an escaping exception written as
    the interpreter would, traceback and exit 1. ``run_cli`` keeps the real process.
    """
    import contextlib
    import io
    import traceback
    import warnings

    from lawgov import cli
    from lawgov.frames import loaders

    hidden = (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)
    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.pop("LAWGOV_DATA", None)
    loaders._CACHE.clear()
    try:
        with (
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
            warnings.catch_warnings(record=True) as caught,
        ):
            warnings.simplefilter("always")
            try:
                code = cli.main(list(args))
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 1
            except BaseException:  # what the interpreter would print
                traceback.print_exc()
                code = 1
            for w in caught:
                if not issubclass(w.category, hidden):
                    err.write(warnings.formatwarning(w.message, w.category, w.filename, w.lineno))
    finally:
        loaders._CACHE.clear()
        if saved is not None:
            os.environ["LAWGOV_DATA"] = saved
    return subprocess.CompletedProcess(["lawgov", *args], code, out.getvalue(), err.getvalue())


def line_of(path: Path, text: str, nth: int = 1) -> int:
    """1-based number of the ``nth`` line of ``path`` that contains ``text``."""
    hits = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line]
    assert len(hits) >= nth, f"{text!r} not found {nth} times in {path}"
    return hits[nth - 1]


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture(scope="module")
def figs():
    """The real report's figures (one frame per test module)."""
    import lawgov

    return lawgov.figures("kunshan-2012")


@pytest.fixture(scope="module")
def by_id(figs):
    return figs.set_index("id")
