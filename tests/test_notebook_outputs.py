"""What a notebook shows outside the book: charts that need no CDN, prose that reads as the page.

- lawgov's Altair renderer: in the book build Altair's own HTML (the page's shared bundle draws
  it); elsewhere HTML that loads Vega only from the Jupyter server it is served by, never from
  another host, with the same spec and the same protection of the <script> it sits in;
- the export's pasting of glued values and figure numbers into a downloaded notebook's prose.
"""

from __future__ import annotations

import json
import re

import altair as alt
import nbformat
import pytest

import lawgov.charts  # noqa: F401  (enables the renderer)
from lawgov.charts.notebook import BOOK_BUILD_ENV, BUNDLE_ROUTE
from lawgov.publish.reader_notebook import figure_numbers, for_reader, glued_values, paste

HOSTILE = "</script><script>window.owned = 1</script>"


def _html(monkeypatch: pytest.MonkeyPatch, in_build: bool) -> str:
    if in_build:
        monkeypatch.setenv(BOOK_BUILD_ENV, "1")
    else:
        monkeypatch.delenv(BOOK_BUILD_ENV, raising=False)
    chart = alt.Chart(alt.Data(values=[{"a": 1, "label": HOSTILE}])).mark_bar().encode(x="a:Q", tooltip="label:N")
    bundle = chart._repr_mimebundle_()
    return (bundle[0] if isinstance(bundle, tuple) else bundle)["text/html"]


def _spec(html: str) -> dict:
    script = re.findall(r"<script[^>]*>(.*?)</script>", html, re.S)[-1]
    spec, _ = json.JSONDecoder().raw_decode(script, script.rindex("})(") + 3)
    return spec


def test_in_the_book_build_charts_are_altairs_own_html(monkeypatch: pytest.MonkeyPatch) -> None:
    html = _html(monkeypatch, in_build=True)
    assert "maybeLoadScript" in html and BUNDLE_ROUTE not in html


def test_elsewhere_vega_comes_only_from_the_jupyter_server(monkeypatch: pytest.MonkeyPatch) -> None:
    html = _html(monkeypatch, in_build=False)
    assert BUNDLE_ROUTE in html and "jupyter-config-data" in html
    urls = re.findall(r"https?://[^\s\"'<>]+", html)
    assert all(u.startswith("https://vega.github.io/schema/") for u in urls), urls  # the $schema only
    assert html.count("<script") == 1 and html.count("</script>") == 1  # the label cannot close it
    book, notebook = _spec(_html(monkeypatch, in_build=True)), _spec(html)
    assert book == notebook and notebook["data"]["values"][0]["label"] == HOSTILE


def _executed() -> nbformat.NotebookNode:
    glue = lambda name, data, prefix="application/papermill.record/": nbformat.v4.new_output(  # noqa: E731
        "display_data",
        data={prefix + k: v for k, v in data.items()},
        metadata={"scrapbook": {"name": name, "mime_prefix": prefix}},
    )
    cell = nbformat.v4.new_code_cell(
        "",
        outputs=[
            glue("n", {"text/plain": "'3'"}),
            glue("share", {"text/plain": "0.4567"}),
            glue(
                "docs",
                {
                    "text/markdown": '<a class="fig-link" href="numbers.html#fig-docs">95 documents</a>',
                    "text/plain": "<IPython.core.display.Markdown object>",
                },
            ),
        ],
    )
    return nbformat.v4.new_notebook(cells=[cell])


def test_glued_values_are_pasted_as_the_page_shows_them() -> None:
    values = glued_values(_executed())
    assert set(values) == {"n", "share", "docs"}
    text = paste(
        "It has {glue:text}`n` parts, {glue:text}`share:.1%` of them; {glue:md}`docs` were "
        "abolished ({numref}`fig-x`, {numref}`see %s <fig-x>`); {glue:text}`unknown` stays.",
        values,
        {"fig-x": "Fig. 4.1"},
    )
    assert text == (
        "It has 3 parts, 45.7% of them; 95 documents were abolished (Fig. 4.1, see 4.1); {glue:text}`unknown` stays."
    )


def test_named_charts_get_their_numbered_caption() -> None:
    page = (
        '<figure class="align-default" id="fig-x"><div>chart</div><figcaption><p>'
        '<span class="caption-number">Fig. 4.1 </span><span class="caption-text">The caption</span></p></figcaption></figure>'
    )
    assert figure_numbers(page) == {"fig-x": "Fig. 4.1"}
    code = nbformat.v4.new_code_cell("charts.bars(figs)")
    code.metadata["mystnb"] = {"figure": {"name": "fig-x", "caption": "Documents, {glue:text}`n` kinds"}}
    nb = for_reader(
        nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("See {numref}`fig-x`."), code]), _executed(), page
    )
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "markdown"]
    assert nb.cells[0].source == "See Fig. 4.1."
    assert nb.cells[2].source == "**Fig. 4.1** Documents, 3 kinds"
