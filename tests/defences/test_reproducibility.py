"""Reproducibility: the same inputs give the same exports and the same charts; the lock pins all.

- ``lawgov export`` twice, in processes with different hash seeds (one reading the on-disk
  frame cache, one not), gives byte-identical packages, equal to the package the book build
  published in ``downloads/data``;
- chapters executed afresh (nbclient, a new kernel, another hash seed) draw exactly the chart
  specifications the built pages hold, once the random container ids Altair gives each
  rendering are set aside (``make bench`` also compares two complete clean builds);
- every line of requirements.lock is an exact ``==`` pin with hashes, and every package
  installed in the venv is one of them at that version.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from browser.harness import BOOK, book_pages, expected_charts, is_notebook
from conftest import REAL_DATA
from lawgov.publish.vega import chart_specs

REPO = Path(__file__).resolve().parents[2]
LOCK = REPO / "requirements.lock"
NOT_IN_LOCK = {"lawgov", "pip", "uv", "setuptools", "wheel"}  # the project itself and the installers


def _tree(path: Path) -> dict[str, str]:
    return {
        p.relative_to(path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


def _export(out: Path, seed: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "LAWGOV_DATA"} | {"PYTHONHASHSEED": seed}
    run = subprocess.run(
        [sys.executable, "-m", "lawgov", "export", str(out), "--data", str(REAL_DATA)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr


def test_exports_are_byte_identical(tmp_path: Path, built_book: Path) -> None:
    _export(tmp_path / "a", "1")
    _export(tmp_path / "b", "2")
    _export(tmp_path / "c", "3")
    a = _tree(tmp_path / "a")
    assert a and a == _tree(tmp_path / "b") == _tree(tmp_path / "c")
    published = built_book / "downloads" / "data"
    if published.is_dir():
        assert _tree(published) == a, "the book's published data package differs from a fresh export"


# --- chart specifications ------------------------------------------------------------------


def _executed_specs(source: Path, seed: str) -> list[str]:
    import jupytext
    from nbclient import NotebookClient

    nb = jupytext.read(source)
    old = os.environ.get("PYTHONHASHSEED")
    os.environ["PYTHONHASHSEED"] = seed  # the kernel inherits it
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(BOOK)}}).execute()
    finally:
        if old is None:
            os.environ.pop("PYTHONHASHSEED", None)
        else:
            os.environ["PYTHONHASHSEED"] = old
    specs = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if "scrapbook" in output.get("metadata", {}):
                continue  # glued values are shown where they are pasted, not here
            html = output.get("data", {}).get("text/html", "")
            specs += chart_specs("".join(html) if isinstance(html, list) else html)
    return specs


def _chart_pages(limit: int) -> list:
    pages = [p for p in book_pages() if is_notebook(p.source)]
    return sorted(pages, key=lambda p: -p.source.read_text(encoding="utf-8").count("charts."))[:limit]


@pytest.mark.parametrize("rank", [0, 1])
def test_fresh_execution_draws_the_same_charts(built_book: Path, rank: int) -> None:
    pages = _chart_pages(2)
    if len(pages) <= rank:
        pytest.skip("not enough chapters with charts")
    page = pages[rank]
    built = chart_specs((built_book / page.html).read_text(encoding="utf-8"))
    assert len(built) == expected_charts(page) > 0
    fresh = _executed_specs(page.source, seed=str(1000 + rank))
    assert len(fresh) == len(built)
    for i, (a, b) in enumerate(zip(built, fresh)):
        assert a == b, f"{page.html}: chart {i + 1} differs between the build and a fresh run"


def test_chart_spec_normalisation() -> None:
    html = (
        '<div id="altair-viz-0123456789abcdef0123456789abcdef"></div><script>let d = document.getElementById('
        '"altair-viz-0123456789abcdef0123456789abcdef"); vegaEmbed(d, s); })({"b": 1, "a": "altair-viz-'
        'fedcba9876543210fedcba9876543210"}, {"mode": "vega-lite"});</script>'
    )
    assert chart_specs(html) == ['{"a": "altair-viz-ID", "b": 1}']


# --- the lock ----------------------------------------------------------------------------


def _lock() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith(("#", "--hash")):
            continue
        m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;\\]+)(\s*;[^\\]*)?\s*\\", line)
        assert m, f"requirements.lock: not an exact pin with hashes: {line!r}"
        pins[re.sub(r"[-_.]+", "-", m.group(1)).lower()] = m.group(3)
    return pins


def test_lock_pins_every_line_with_hashes() -> None:
    pins = _lock()
    assert len(pins) > 50
    text = LOCK.read_text(encoding="utf-8")
    assert "jupyter-book==1.0.4" in text


def test_venv_holds_only_locked_packages() -> None:
    if sys.prefix == sys.base_prefix:
        pytest.skip("not running in a virtual environment")
    from importlib.metadata import distributions

    pins = _lock()
    extra, wrong = [], []
    for dist in distributions():
        name = re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower()
        if name in NOT_IN_LOCK:
            continue
        if name not in pins:
            extra.append(f"{name}=={dist.version}")
        elif pins[name] != dist.version:
            wrong.append(f"{name}: installed {dist.version}, locked {pins[name]}")
    assert not extra, f"installed but not in requirements.lock: {extra}"
    assert not wrong, f"installed versions differ from the lock: {wrong}"
