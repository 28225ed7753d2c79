"""The details a reader notices (issue 20): the footer, the cite page's citations, the sidebar's
Home entry and the one line under each chart, at a phone's width and a laptop's.

Each test drives the page as a reader does (it reads what is on screen, presses the button) in a
browser that may reach only the local server.
"""

from __future__ import annotations

import pytest

from lawgov.book import identity
from lawgov.publish.browser import local_page

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}


@pytest.fixture
def reader(browser, site):
    opened = []

    def _open(path: str, viewport: dict, **options):
        cm = local_page(browser, viewport=viewport, **options)
        local = cm.__enter__()
        opened.append(cm)
        local.page.goto(f"{site}/{path}", wait_until="load")
        return local

    yield _open
    for cm in opened:
        cm.__exit__(None, None, None)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1280"])
@pytest.mark.parametrize("path", ["intro.html", "p4-oversight.html", "cite.html"])
def test_every_page_ends_with_a_footer_naming_the_book_its_version_and_licence(reader, path, viewport):
    page = reader(path, viewport).page
    footer = page.locator("footer .lawgov-licence")
    footer.scroll_into_view_if_needed()
    assert footer.is_visible()
    text = " ".join(footer.inner_text().split())
    assert identity.BOOK_TITLE in text
    assert f"version {identity.version()}" in text
    assert "CC BY 4.0" in text and "MIT" in text
    box = footer.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], "the footer runs off the screen"
    assert "Copyright" not in page.locator("footer.bd-footer-content").inner_text(), "the theme's own footer is back"


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1280"])
def test_the_cite_page_s_citations_wrap_and_each_has_a_copy_button_that_copies_it(reader, viewport):
    local = reader("cite.html", viewport, permissions=["clipboard-read", "clipboard-write"])
    page = local.page
    page.wait_for_selector("button.copybtn", state="attached")
    blocks = page.evaluate("""() => [...document.querySelectorAll('#how-to-cite div.highlight pre')].map(pre => {
      const b = pre.getBoundingClientRect(), btn = pre.parentElement.querySelector('button.copybtn');
      return {text: pre.textContent, clipped: pre.scrollWidth - pre.clientWidth, right: b.right,
              button: !!btn, shown: btn ? parseFloat(getComputedStyle(btn).opacity) : 0};
    })""")
    assert len(blocks) >= 9, f"only {len(blocks)} citation blocks on the cite page"
    for b in blocks:
        assert b["clipped"] <= 1, f"clipped by {b['clipped']} px: {b['text'][:60]!r}"
        assert b["right"] <= viewport["width"], b["text"][:60]
        assert b["button"] and b["shown"] == 1, f"no visible copy button: {b['text'][:60]!r}"
    first = page.locator("#how-to-cite div.highlight").first
    first.locator("button.copybtn").click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.strip() == blocks[0]["text"].strip(), "the copy button does not copy its citation"
    assert "Lawgov book contributors" in copied
    assert not local.blocked, f"requests to other hosts: {local.blocked}"


def test_the_sidebar_starts_with_home(reader):
    page = reader("p4-oversight.html", LAPTOP).page
    first = page.locator("nav.bd-docs-nav a.reference").first
    assert first.get_attribute("href") == "intro.html"
    assert " ".join(first.inner_text().split()).startswith("Home")
    assert first.is_visible()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["390", "1280"])
def test_the_line_under_each_chart_is_one_line_and_its_citation_opens(reader, viewport):
    page = reader("p4-oversight.html", viewport).page
    lines = page.locator("p.lawgov-chart-downloads")
    assert lines.count() >= 2
    for i in range(lines.count()):
        line = lines.nth(i)
        height = line.evaluate("el => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)")
        assert height < 1.5, f"the line under chart {i + 1} runs to {height:.1f} lines"
    button = lines.first.locator("button.lawgov-cite-chart")
    button.click()
    text = lines.first.locator(".lawgov-cite-chart-text")
    assert text.is_visible() and "Fig." in text.inner_text()
    assert button.get_attribute("aria-expanded") == "true"
