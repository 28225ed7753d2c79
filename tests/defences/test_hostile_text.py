"""Hostile text stays text: tables, chart labels and tooltips, and the PDF.

The fixture report (``hostile.py``) puts ``<script>alert(1)</script>`` and
``"><img src=x onerror=alert(1)>`` in every field a reader sees. Its figures go through
``lawgov.tables.figures`` and ``lawgov.charts`` exactly as in a chapter (great-tables HTML; each
chart's HTML as Altair's renderer writes it into a notebook, with the theme and renderer
options ``lawgov.charts`` sets), into one page that loads the book's local Vega bundle.
Headless Chromium opens it on 127.0.0.1: no dialog may open, no element may be injected,
and the payloads must be readable as text in the table, in the chart's axis labels and in
its tooltip. The same page printed by ``lawgov.publish.pdf``'s printer must carry the payloads as text.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lawgov.publish.browser import ALL_CHARTS_DRAWN_JS, local_page

from .hostile import IMG, PAYLOADS, QUOTE_IMG, QUOTE_SCRIPT, SCRIPT, build_hostile_data

REPO = Path(__file__).resolve().parents[2]

INJECTED_JS = """() => ({
  imgs: [...document.querySelectorAll('img')].map(i => i.outerHTML),
  onerror: [...document.querySelectorAll('[onerror]')].map(e => e.outerHTML),
  alertScripts: [...document.scripts].filter(s => s.textContent.trim() === 'alert(1)').length,
  text: document.body.innerText,
  svgText: [...document.querySelectorAll('div[id^="altair-viz-"] svg text')].map(t => t.textContent),
  ariaLabels: [...document.querySelectorAll('div[id^="altair-viz-"]')]
    .map(d => d.getAttribute('role') === 'graphics-document' ? d.getAttribute('aria-label') : null),
  drawn: [...document.querySelectorAll('div[id^="altair-viz-"]')].filter(d => d.querySelector('svg.marks')).length,
})"""


def _chart_html(chart) -> str:
    bundle = chart._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    return bundle["text/html"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory):
    import lawgov
    from lawgov import charts, tables
    from lawgov.publish import vega as vega_bundle
    from lawgov.publish.browser import serve

    root = tmp_path_factory.mktemp("hostile")
    data = build_hostile_data(root)
    assert lawgov.validate(data) == [], "the hostile fixture must be valid data"
    figs = lawgov.figures(data_dir=data)
    ids = list(figs["id"])
    site = root / "site"
    site.mkdir()
    cache = REPO / "book" / "_build" / ".vega-bundle"
    vega_bundle.write_bundle(site, cache if cache.parent.exists() else root / "vega-cache")
    parts = [
        tables.figures_table(figs, page_prefix="").as_raw_html(),
        tables.numbers_table(figs, lawgov.topics(data_dir=data)).as_raw_html(),
        tables.outline_table(lawgov.outline(data_dir=data)).as_raw_html(),
        tables.glossary_table(lawgov.glossary(data_dir=data), {1: "p1"}).as_raw_html(),
        _chart_html(charts.bars(figs, ids, description="Two hostile figures")),
        _chart_html(charts.timeline(figs, description="All hostile figures")),
    ]
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hostile</title>'
        '<script src="vega-bundle.js"></script></head><body>\n' + "\n".join(parts) + "\n</body></html>\n"
    )
    (site / "index.html").write_text(page, encoding="utf-8")
    from lawgov.publish.pdf import root_doc

    (site / f"{root_doc()}.html").write_text(page, encoding="utf-8")  # the page lawgov.publish.pdf prints
    with serve(site) as url:
        yield url, site, page


def test_payloads_reach_the_page_escaped(hostile_site) -> None:
    _, _, page = hostile_site
    assert "<img src=x" not in page and '<img src="x"' not in page
    assert page.count("<script") == page.count("</script>")
    assert SCRIPT not in page  # neither as markup nor raw inside a chart's <script>


def test_hostile_text_is_inert_in_chromium(browser, hostile_site) -> None:
    url, _, _ = hostile_site
    with local_page(browser) as local:
        page = local.page
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{url}/index.html", wait_until="load")
        page.wait_for_function(ALL_CHARTS_DRAWN_JS, arg=2, timeout=30000)
        found = page.evaluate(INJECTED_JS)
        assert found["drawn"] == 2, "both charts must draw"
        assert dialogs == [], f"a dialog opened: {dialogs}"
        assert local.errors == [], f"page errors: {local.errors}"
        assert local.blocked == [], f"requests to other hosts: {local.blocked}"
        assert found["imgs"] == [] and found["onerror"] == [], f"injected elements: {found['imgs'] + found['onerror']}"
        assert found["alertScripts"] == 0
        # shown as text in the tables ...
        for text in (QUOTE_SCRIPT, QUOTE_IMG, f"{SCRIPT} cases", f"{IMG} Subsection"):
            assert text in found["text"], f"{text!r} is not shown as text"
        # ... in the charts' labels ...
        labels = " ".join(found["svgText"])
        assert SCRIPT in labels or IMG in labels, f"payloads not in the chart labels: {labels[:300]}"
        assert found["ariaLabels"] == ["Two hostile figures", "All hostile figures"], (
            "each chart's description is its aria-label"
        )
        # ... and in the tooltip
        marks = page.locator(
            'div[id^="altair-viz-"] svg.marks .role-mark path, div[id^="altair-viz-"] svg.marks .role-mark rect'
        )
        tooltip = ""
        for i in range(min(marks.count(), 10)):
            box = marks.nth(i).bounding_box()
            if not box or box["width"] < 1 or box["height"] < 1:
                continue
            marks.nth(i).hover(force=True)
            try:
                page.wait_for_selector("#vg-tooltip-element.visible", timeout=1500)
            except Exception:
                continue
            tooltip = page.inner_text("#vg-tooltip-element")
            if any(p in tooltip for p in PAYLOADS):
                break
        assert any(p in tooltip for p in PAYLOADS), f"tooltip does not show the payload as text: {tooltip!r}"
        assert (
            page.evaluate("document.querySelectorAll('#vg-tooltip-element img, #vg-tooltip-element script').length")
            == 0
        )
        assert dialogs == [], f"a dialog opened on hover: {dialogs}"


def test_hostile_text_is_text_in_the_pdf(hostile_site, tmp_path: Path) -> None:
    """The PDF edition's printer (lawgov.publish.pdf.print_html, WeasyPrint: it runs no script)
    on the same page: the payloads are printed as text, and nothing is fetched from elsewhere."""
    from lawgov.publish import pdf

    if pdf.printer_problem():
        pytest.fail(f"{pdf.printer_problem()}: {pdf.HOW_TO_GET_IT}", pytrace=False)
    _, site, page = hostile_site
    out = tmp_path / "hostile.pdf"
    pdf.print_html(page, out, base=site)
    assert out.read_bytes().startswith(b"%PDF")
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext not found: apt-get install -y poppler-utils", pytrace=False)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", QUOTE_SCRIPT) in flat, "the quote with <script> is not printed as text"
    assert re.sub(r"\s+", "", IMG) in flat, "the label with <img onerror> is not printed as text"
