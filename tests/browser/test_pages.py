"""Every page of the built book, in Chromium: loads, draws every chart, stays offline."""

from __future__ import annotations

import re

import pytest

from .harness import SCREENSHOTS, BookPage, expected_charts

# An Altair chart is a div Altair's template creates (id "altair-viz-..."); vega-embed
# marks it .vega-embed once it embeds, and it is *drawn* when it holds the canvas or the
# SVG marks group that Vega renders into.
COUNT_JS = """() => {
  const divs = [...document.querySelectorAll('div[id^="altair-viz-"]')];
  const drawn = divs.filter(d => d.querySelector('canvas, svg.marks'));
  const errors = [...document.querySelectorAll('div[id^="altair-viz-"] .error')]
    .map(e => e.textContent);
  return {divs: divs.length, drawn: drawn.length, errors};
}"""

HAS_CJK = re.compile(r"[\u4e00-\u9fff]")


def wait_for_charts(page, expected: int, timeout_ms: int = 20000) -> dict:
    # every chart, not only those near the screen (lawgov-charts.js draws a chart as it nears)
    page.evaluate("() => window.lawgovCharts ? window.lawgovCharts.fitted().catch(() => 0) : 0")
    if expected:
        try:
            page.wait_for_function(
                """(n) => [...document.querySelectorAll('div[id^="altair-viz-"]')]
                        .filter(d => d.querySelector('canvas, svg.marks')).length >= n""",
                arg=expected,
                timeout=timeout_ms,
            )
        except Exception:  # fall through: the assertion below says what was drawn
            pass
    page.wait_for_load_state("networkidle")
    return page.evaluate(COUNT_JS)


def hover_for_tooltip(page) -> str:
    """Hover marks of the first drawn chart until vega-tooltip shows; return its text."""
    marks = page.locator(
        'div[id^="altair-viz-"] svg.marks .role-mark path, '
        'div[id^="altair-viz-"] svg.marks .role-mark rect, '
        'div[id^="altair-viz-"] svg.marks .role-mark circle'
    )
    for i in range(min(marks.count(), 20)):
        mark = marks.nth(i)
        box = mark.bounding_box()
        if not box or box["width"] < 1 or box["height"] < 1:
            continue
        mark.hover(force=True)
        text = tooltip_text(page)
        if text:
            return text
    canvas = page.locator('div[id^="altair-viz-"] canvas').first
    if canvas.count():  # canvas renderer: sweep the plot area
        box = canvas.bounding_box()
        for fy in (0.2, 0.35, 0.5, 0.65, 0.8):
            for fx in (0.15, 0.3, 0.45, 0.6, 0.75):
                page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
                text = tooltip_text(page)
                if text:
                    return text
    return ""


def tooltip_text(page) -> str:
    try:
        page.wait_for_selector("#vg-tooltip-element.visible", timeout=700)
    except Exception:
        return ""
    return page.inner_text("#vg-tooltip-element").strip()


def test_page(visit, book_page: BookPage):
    expected = expected_charts(book_page)
    record = visit(book_page.html)
    page = record.page
    assert page.title(), f"{book_page.html}: no <title>"
    counts = wait_for_charts(page, expected)

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(200)  # let the theme's own scrolling (active nav item) settle
    page.screenshot(path=str(SCREENSHOTS / f"{book_page.slug}.png"), full_page=True)

    assert record.blocked == [], f"{book_page.html}: requests to other hosts: {record.blocked}"
    assert record.failed == [], f"{book_page.html}: failed requests: {record.failed}"
    assert not counts["errors"], f"{book_page.html}: chart errors {counts['errors']}"
    assert counts["divs"] == expected, (
        f"{book_page.html}: {counts['divs']} Altair chart divs in the page, but its notebook produces {expected} charts"
    )
    assert counts["drawn"] == expected, f"{book_page.html}: {counts['drawn']} of {expected} charts drawn"
    if expected:
        text = hover_for_tooltip(page)
        assert text, f"{book_page.html}: hovering the chart's marks shows no tooltip"
        assert HAS_CJK.search(text), f"{book_page.html}: the tooltip has no Chinese label: {text!r}"
    assert record.blocked == [], f"{book_page.html}: requests to other hosts: {record.blocked}"
    assert record.console_errors == [], f"{book_page.html}: console errors: {record.console_errors}"


def test_vega_comes_from_the_book(visit):
    """The chart libraries on a page are the book's bundle, at Altair's versions."""
    import altair as alt

    record = visit("p4-oversight.html")  # a page with charts (the landing page has none)
    page = record.page
    page.evaluate("window.lawgovCharts.fitted()")  # the bundle comes with the first chart drawn
    page.wait_for_load_state("networkidle")
    info = page.evaluate(
        """() => ({debug: window.VEGA_DEBUG || null,
                  vega: typeof vega, vegaLite: typeof vegaLite, vegaEmbed: typeof vegaEmbed,
                  scripts: [...document.scripts].map(s => s.src).filter(Boolean)})"""
    )
    assert info["debug"] == {
        "vega_version": alt.VEGA_VERSION,
        "vegalite_version": alt.VEGALITE_VERSION,
        "vegaembed_version": alt.VEGAEMBED_VERSION,
    }
    assert info["vega"] == info["vegaLite"] == "object"
    assert info["vegaEmbed"] == "function"
    assert any("/_static/vega-bundle.js" in s for s in info["scripts"])
    assert record.blocked == []


def test_pages_without_charts_load_no_chart_libraries(built_book):
    """The Vega bundle is most of a first visit's bytes: only pages with a chart load it, and
    every page with a chart does."""
    for page in sorted(built_book.glob("*.html")):
        html = page.read_text(encoding="utf-8")
        loads = "_static/vega-bundle.js" in html
        assert loads == ("altair-viz-" in html), f"{page.name}: charts {'altair-viz-' in html}, Vega loaded {loads}"


def article_text(html_path) -> str:
    """The text a reader sees in a built page's article (what search should index)."""
    import html as html_lib

    text = html_path.read_text(encoding="utf-8")
    m = re.search(r"<article\b.*?</article>", text, re.S)
    body = m.group(0) if m else text
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.mark.parametrize("query", ["行政复议", "reconsideration"])
def test_search_finds(visit, built_book, query: str):
    """Sphinx's search (zh indexer with jieba) finds Chinese terms and English words.

    Every page whose rendered article contains the query must be found, the first
    result must contain it, and (for a Chinese term, which is matched exactly) every
    result must contain it.
    """
    from .harness import book_pages

    containing = {
        p.html
        for p in book_pages()
        if p.source is not None and query.lower() in article_text(built_book / p.html).lower()
    }
    assert containing, f"no page of the book shows {query!r}: update this test"
    record = visit(f"search.html?q={query}")
    page = record.page
    page.wait_for_selector("#search-results ul.search li", timeout=20000)
    page.wait_for_load_state("networkidle")
    hrefs = page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(e => e.getAttribute('href'))")
    found = [h.split("#")[0].split("?")[0] for h in hrefs]
    assert found, f"search for {query!r} found nothing"
    assert found[0] in containing, f"first result for {query!r} is {found[0]}"
    assert containing <= set(found), f"search for {query!r} missed {containing - set(found)}"
    if HAS_CJK.search(query):
        assert set(found) <= containing, f"{query!r} found pages without it: {set(found) - containing}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"search-{query}.png"), full_page=True)
    assert record.blocked == []
    assert record.console_errors == [], record.console_errors


@pytest.mark.parametrize("width", [1280, 390])
def test_the_download_menu_works_without_bootstrap(visit, built_book, width: int):
    """The header's download menu (lawgov-ui.js in the place of the theme's Bootstrap bundle):
    a click opens it on the screen, Escape and a click elsewhere close it; no page ships
    or loads bootstrap.js."""
    assert not list(built_book.rglob("bootstrap.js")), "bootstrap.js is in the built book"
    record = visit("p6-closing.html")
    page = record.page
    page.set_viewport_size({"width": width, "height": 800})
    menu = page.locator(".dropdown-download-buttons .dropdown-menu")
    toggle = page.locator(".dropdown-download-buttons .dropdown-toggle")
    assert not menu.is_visible()
    toggle.click()
    box = menu.bounding_box()
    assert menu.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, f"menu off the screen: {box}"
    assert menu.locator("a, button").count() >= 1
    page.mouse.move(5, 790)  # the theme also opens the menu while the pointer is over its button
    page.keyboard.press("Escape")
    assert not menu.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    page.mouse.click(5, 790)
    assert not menu.is_visible()
    assert not any("bootstrap" in r for r in page.evaluate("[...document.scripts].map(s => s.src)"))
    assert record.console_errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_heatmap_names_its_rows_in_full_unless_on_a_phone(visit, width: int):
    """On a phone the framework heatmap labels its rows by part number and its columns by
    section number (usermeta.lawgov in its spec, read by the fitter), and fits; on a wide
    screen it shows every part's title."""
    record = visit("frameworks.html")
    page = record.page
    page.set_viewport_size({"width": width, "height": 900})
    page.reload()
    page.wait_for_function("window.lawgovCharts && window.lawgovCharts.fitted()")
    page.evaluate("window.lawgovCharts.fitted()")
    texts = page.evaluate("[...document.querySelectorAll('#fig-frameworks-heatmap svg text')].map(t => t.textContent)")
    from lawgov.analysis import crosswalk

    shortest = min(crosswalk.areas()["title_en"], key=len)  # a title short enough for one line of its label
    titled = any(shortest in t for t in texts)
    numbered = f"§{crosswalk.units('kunshan-2012')['part'].max()}" in texts
    assert (titled, numbered) == ((False, True) if width < 480 else (True, False)), texts[:12]
    over = page.evaluate(
        "(() => { const b = document.querySelector('#fig-frameworks-heatmap .output'); "
        "return b.scrollWidth - b.clientWidth; })()"
    )
    assert over <= 0, f"the heatmap overflows its box by {over} px at {width} px"
