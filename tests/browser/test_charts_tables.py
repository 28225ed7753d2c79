"""Charts and tables as a reader meets them on a phone (390 px), a tablet (768) and a laptop (1280).

Charts: each uses its column's width (at least ``MIN_SHARE`` of it, never more), no text of a
chart lies over another or outside the chart, and every text reads at WCAG AA (4.5:1) on what
it is drawn over, measured in the rendered SVG (``probes.TEXT_CONTRAST_JS``).

Tables: on a phone every table either fits its column, reflows (each row a card) or, if it
scrolls sideways, says so; the long tables (the report in numbers, the crosswalk in full, the
glossary) can be filtered and sorted, and their column headers stay in view as the reader
scrolls through the rows; the audit's table of every relation breaks no word at 1280 px.
"""

from __future__ import annotations

import pytest

from . import probes
from .harness import BookPage, book_pages, draw_every_chart, expected_charts, is_notebook

WIDTHS = (390, 768, 1280)
MIN_SHARE = 0.9
AA = 4.5
# Charts that cannot take their column's width on a phone, each with its reason (a list that can only
# shrink: a chart named here that reaches the width fails the test until it is struck off).
NARROWER: dict[str, str] = {}


@pytest.fixture
def open_page(browser, site):
    contexts = []

    def _open(path: str, width: int, charts: int = 0):
        context = browser.new_context(
            viewport={"width": width, "height": 900 if width > 600 else 844}, locale="en-US", service_workers="block"
        )
        contexts.append(context)
        page = context.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith((site, "data:", "blob:")) else r.abort())
        page.goto(f"{site}/{path}", wait_until="load")
        draw_every_chart(page, charts)
        return page

    yield _open
    for context in contexts:
        context.close()


def chart_pages() -> list[BookPage]:
    # every executed page: the charts each draws are counted from the build inside the test,
    # since at collection a fresh clone has no build to count them from
    return [p for p in book_pages() if is_notebook(p.source)]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("chart_page", chart_pages(), ids=lambda p: p.docname)
def test_charts_use_their_column_and_their_text_reads(open_page, chart_page: BookPage, width: int):
    book_page = chart_page
    page = open_page(book_page.html, width, charts=expected_charts(book_page))
    where = f"{book_page.html} at {width} px"
    boxes = page.evaluate(probes.CHART_WIDTHS_JS)
    allowed = NARROWER if width <= 400 else {}
    narrow = {
        b["figure"]: f"{b['chart']:.0f} of {b['column']:.0f} px"
        for b in boxes
        if b["chart"] < MIN_SHARE * b["column"] and b["figure"] not in allowed
    }
    assert not narrow, f"{where}: charts using less than {MIN_SHARE:.0%} of their column: {narrow}"
    wider = {b["figure"]: f"{b['chart']:.0f} of {b['column']:.0f} px" for b in boxes if b["chart"] > b["column"] + 1}
    assert not wider, f"{where}: charts wider than their column: {wider}"
    struck = {b["figure"] for b in boxes if b["figure"] in allowed and b["chart"] >= MIN_SHARE * b["column"]}
    assert not struck, f"{where}: {sorted(struck)} now use their column: strike them off NARROWER"
    overlaps = page.evaluate(probes.LABEL_OVERLAPS_JS)
    assert not overlaps, f"{where}: chart texts over each other or outside the chart: {overlaps[:8]}"
    faint = [c for c in page.evaluate(probes.TEXT_CONTRAST_JS) if c["ratio"] < AA]
    assert not faint, f"{where}: chart texts under {AA}:1 on what they sit on: {faint[:8]}"


@pytest.mark.parametrize("width", (390, 1280))
@pytest.mark.parametrize("table_page", [p for p in book_pages() if p.source is not None], ids=lambda p: p.docname)
def test_a_table_that_scrolls_says_so(open_page, table_page: BookPage, width: int):
    book_page = table_page
    page = open_page(book_page.html, width, charts=expected_charts(book_page))
    tables = page.evaluate(probes.TABLES_JS)
    silent = [t["id"] for t in tables if t["scrolls"] and not t["cue"]]
    assert not silent, f"{book_page.html} at {width} px: tables that scroll sideways with no cue: {silent}"
    if width <= 400:  # on a phone a table of four columns or more reflows instead of scrolling
        page_tables = page.evaluate("""() => [...document.querySelectorAll('.bd-article table')].map(t => ({
            id: (t.closest('[id]') || {}).id, columns: t.tHead ? t.tHead.rows[t.tHead.rows.length - 1].cells.length : 0,
            stacked: t.classList.contains('lawgov-stacked'),
            labelled: [...t.querySelectorAll('tbody td')]
              .every(td => td.dataset.label !== undefined || !td.textContent.trim())}))""")
        flat = [t["id"] for t in page_tables if t["columns"] >= 4 and not (t["stacked"] and t["labelled"])]
        assert not flat, f"{book_page.html} at {width} px: wide tables that do not reflow into labelled rows: {flat}"


LONG_TABLES = {"numbers": "#tbl-numbers-all table", "crosswalk": "table.lawgov-long", "glossary": "table.lawgov-long"}


@pytest.mark.parametrize("name", LONG_TABLES)
def test_long_tables_filter_sort_and_keep_their_header(open_page, name: str):
    selector = LONG_TABLES[name]
    page = open_page(f"{name}.html", 1280, charts=expected_charts(next(p for p in book_pages() if p.docname == name)))
    where = f"{name}.html at 1280 px"
    header = page.evaluate(probes.STICKY_HEADER_JS, selector)
    assert header["onTop"] and header["bar"] - 1 <= header["top"] and header["bottom"] <= header["height"], (
        f"{where}: after scrolling to the middle of the table its header is at {header['top']:.0f}-"
        f"{header['bottom']:.0f} px (the top bar ends at {header['bar']:.0f}): not in view"
    )
    assert header["tableTop"] < header["top"] - 50, f"{where}: the table's top is in view, nothing was tested"

    table = page.locator(selector)
    rows = table.locator("tbody tr:not([hidden])")
    total = rows.count()
    first_data = page.evaluate(
        """s => [...document.querySelector(s).tBodies[0].rows]
        .find(r => r.cells.length > 1).cells[1].textContent.trim().split(/\\s+/)[0]""",
        selector,
    )
    page.locator("input.lawgov-filter").first.fill(first_data)
    page.wait_for_timeout(100)
    shown = rows.count()
    assert 0 < shown < total, f"{where}: filtering by {first_data!r} leaves {shown} of {total} rows"
    visible_text = page.evaluate(
        """([s, word]) => [...document.querySelector(s).tBodies[0].rows]
        .filter(r => !r.hidden && r.cells.length > 1).every(r => r.textContent.toLowerCase().includes(word))""",
        [selector, first_data.lower()],
    )
    assert visible_text, f"{where}: a row left by the filter does not contain {first_data!r}"
    page.locator("input.lawgov-filter").first.fill("")

    # sorting by the last column and back: ascending, descending, the book's order
    before = page.evaluate("s => [...document.querySelector(s).tBodies[0].rows].map(r => r.textContent)", selector)
    button = table.locator("thead th button.lawgov-sort").last
    column = page.evaluate("s => document.querySelector(s).tHead.rows[0].cells.length - 1", selector)
    keys_js = """([s, c]) => [...document.querySelector(s).tBodies[0].rows]
        .filter(r => !r.hidden && r.cells.length > c).map(r => r.cells[c].textContent.trim())"""
    button.click()
    up = page.evaluate(keys_js, [selector, column])
    assert table.locator("thead th").last.get_attribute("aria-sort") == "ascending"
    button.click()
    down = page.evaluate(keys_js, [selector, column])
    assert down == list(reversed(up)), f"{where}: descending is not ascending reversed"
    assert up != down, f"{where}: sorting by the last column changed nothing"
    button.click()
    after = page.evaluate("s => [...document.querySelector(s).tBodies[0].rows].map(r => r.textContent)", selector)
    assert after == before, f"{where}: the third click does not restore the book's order"


def test_the_audit_table_breaks_no_word_and_shows_every_column(open_page):
    page = open_page("audit.html", 1280, charts=expected_charts(next(p for p in book_pages() if p.docname == "audit")))
    broken = page.evaluate(probes.BROKEN_WORDS_JS, "#lawgov-audit-table table")
    assert not broken, f"audit.html at 1280 px: words broken across lines in the relation table: {broken[:10]}"
    table = next(t for t in page.evaluate(probes.TABLES_JS) if t["id"] == "lawgov-audit-table")
    assert not table["scrolls"], (
        f"audit.html at 1280 px: the relation table is {table['width']:.0f} px in a {table['box']} px box"
    )
