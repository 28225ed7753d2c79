"""Charts drawn as a reader comes to them (issue 20: fast chart pages).

A chart page shows its text without waiting for Vega, and draws a chart (fetching the Vega
bundle for the first) only when it is on the screen, or once the reader scrolls, within a
screen of it. What needs every chart asks for them: ``lawgovCharts.fitted()``, printing, a
link to a figure. book/_ext/static/lawgov-charts.js.
"""

from __future__ import annotations

import contextlib

import pytest

from .harness import BOOK, BookPage, expected_charts

DRAWN_JS = """() => [...document.querySelectorAll('div[id^="altair-viz-"]')]
  .map(d => !!d.querySelector('svg.marks'))"""
BUNDLE_JS = "() => performance.getEntriesByType('resource').some(e => e.name.includes('vega-bundle.js'))"


@pytest.fixture
def phone(browser, site):
    """phone(path) -> a page at 390 x 844, loaded (only local requests allowed)."""
    with contextlib.ExitStack() as stack:

        def _open(path: str):
            context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
            stack.callback(context.close)
            page = context.new_page()
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith((site, "data:")) else r.abort())
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(f"{site}/{path}", wait_until="load")
            return page, errors

        yield _open


def test_charts_far_down_wait_for_the_reader(phone):
    """Functions' charts are screens below its opening: none is drawn and no Vega fetched
    while the reader reads the top; scrolled to the first, it is drawn, the last is not yet;
    lawgovCharts.fitted() then draws every one."""
    page, errors = phone("p2-functions.html")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)
    assert page.evaluate(DRAWN_JS) == [False, False, False]
    assert not page.evaluate(BUNDLE_JS), "the Vega bundle was fetched for charts no one is near"
    page.evaluate("document.querySelector('div[id^=\"altair-viz-\"]').scrollIntoView({block: 'center'})")
    page.wait_for_function(f"({DRAWN_JS})()[0]", timeout=20000)
    drawn = page.evaluate(DRAWN_JS)
    assert drawn[-1] is False, f"the last chart, screens away, was drawn too: {drawn}"
    assert page.evaluate("window.lawgovCharts.fitted()") == 3
    assert page.evaluate(DRAWN_JS) == [True, True, True]
    assert errors == []


def test_printing_draws_every_chart(phone):
    """beforeprint (the browser's print menu) starts every chart; all are drawn."""
    page, errors = phone("writing.html")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_function(f"({DRAWN_JS})().every(Boolean)", timeout=30000)
    # as many charts as the executed chapter made (jupyter-cache), each drawn
    assert len(page.evaluate(DRAWN_JS)) == expected_charts(BookPage("writing", BOOK / "writing.md")) > 0
    assert errors == []


def test_a_link_to_a_figure_lands_on_its_drawn_chart(phone):
    """p5-governance.html#fig-p5-emergency: the figure is at the top of the screen (under the
    header), its chart drawn, when the charts above it have been drawn too."""
    page, errors = phone("p5-governance.html#fig-p5-emergency")
    page.wait_for_function("!!document.querySelector('#fig-p5-emergency svg.marks')", timeout=20000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)
    top = page.evaluate("document.getElementById('fig-p5-emergency').getBoundingClientRect().top")
    # where the browser puts the figure when asked now (under the theme's header)
    page.evaluate("document.getElementById('fig-p5-emergency').scrollIntoView()")
    placed = page.evaluate("document.getElementById('fig-p5-emergency').getBoundingClientRect().top")
    assert abs(top - placed) <= 2, f"the figure is {top:.0f} px from the top of the screen, not {placed:.0f}"
    assert errors == []
