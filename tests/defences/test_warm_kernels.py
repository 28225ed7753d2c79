"""Warm kernels (lawgov.publish.warm_kernels, what ``make book`` executes notebooks in) give
the outputs a cold nbclient kernel gives: the same glue values, the same chart specifications,
and every other output the same once the ids a library draws at random and object addresses
are set aside (they differ between two cold runs too).

Two chapters run here (the build runs all of them this way); ``LAWGOV_WARM_ALL=1`` runs every
notebook of the book.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from lawgov.publish import warm_kernels
from lawgov.publish.notebooks import notebook_sources
from lawgov.publish.vega import chart_specs

BOOK = Path(__file__).resolve().parents[2] / "book"
CHAPTERS = ["p1-foundations", "audit"]  # tables, charts and glued text
_RANDOM = [
    (re.compile(r"altair-viz-[0-9a-f]+"), "altair-viz-ID"),  # Altair's container id
    (re.compile(r" at 0x[0-9a-f]+"), " at 0xADDR"),  # object addresses in reprs
]
_GT_ID = re.compile(r'<div id=\\"([a-z]{10})\\"')  # great-tables' random table id


def _execute(path: Path):
    import jupytext
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    KernelManager.transport_encryption.default_value = "auto"  # as the build has it
    nb = jupytext.read(path)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def _outputs(nb) -> list[dict]:
    return [o for cell in nb.cells for o in cell.get("outputs", [])]


def glue_values(nb) -> dict[str, dict]:
    return {
        o["metadata"]["scrapbook"]["name"]: o["data"] for o in _outputs(nb) if o.get("metadata", {}).get("scrapbook")
    }


def specs(nb) -> list[str]:
    return [s for o in _outputs(nb) for s in chart_specs(o.get("data", {}).get("text/html", ""))]


def normalised(nb) -> list[str]:
    out = []
    for o in _outputs(nb):
        text = json.dumps(o, sort_keys=True, ensure_ascii=False)
        for pattern, repl in _RANDOM:
            text = pattern.sub(repl, text)
        for table_id in set(_GT_ID.findall(text)):
            text = text.replace(table_id, "GT-ID")
        out.append(text)
    return out


def _chapters() -> list[str]:
    if os.environ.get("LAWGOV_WARM_ALL") == "1":
        return [doc for doc, _ in notebook_sources(BOOK)]
    return CHAPTERS


@pytest.fixture(scope="module", autouse=True)
def book_build_env():
    from lawgov.charts.notebook import BOOK_BUILD_ENV

    saved = os.environ.get(BOOK_BUILD_ENV)
    os.environ[BOOK_BUILD_ENV] = "1"  # charts as the build draws them
    yield
    if saved is None:
        os.environ.pop(BOOK_BUILD_ENV, None)
    else:
        os.environ[BOOK_BUILD_ENV] = saved


@pytest.fixture(scope="module")
def runs() -> dict[str, tuple]:
    cold = {doc: _execute(BOOK / f"{doc}.md") for doc in _chapters()}
    with warm_kernels.in_this_process() as how:
        assert how == "warm kernels"
        warm = {doc: _execute(BOOK / f"{doc}.md") for doc in _chapters()}
    return {doc: (cold[doc], warm[doc]) for doc in cold}


@pytest.mark.parametrize("doc", _chapters())
def test_glue_values_are_a_cold_kernels(runs, doc):
    cold, warm = runs[doc]
    assert glue_values(cold), f"{doc} glues nothing: the comparison would prove nothing"
    assert glue_values(warm) == glue_values(cold)


@pytest.mark.parametrize("doc", _chapters())
def test_chart_specs_are_a_cold_kernels(runs, doc):
    cold, warm = runs[doc]
    assert specs(cold), f"{doc} draws no chart"
    assert specs(warm) == specs(cold)


@pytest.mark.parametrize("doc", _chapters())
def test_every_output_is_a_cold_kernels(runs, doc):
    cold, warm = runs[doc]
    assert normalised(warm) == normalised(cold)


def test_the_switch_gives_cold_kernels(monkeypatch):
    monkeypatch.setenv(warm_kernels.ENV_SWITCH, "0")
    with warm_kernels.in_this_process() as how:
        assert how == "cold kernels"
        assert warm_kernels.SOCKET_ENV not in os.environ
