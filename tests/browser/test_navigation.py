"""Finding one's way, as a reader does it: the menu and the page's contents open and close on a
phone and on a laptop, by tap or click, by keyboard and by Escape; the landing page leads on
to the report; the site's address opens a real page; no script holds back a page's text.

The theme puts two copies of each sidebar button in the page (its own, hidden, and
sphinx-book-theme's, shown); the tests press the one a reader sees.
"""

from __future__ import annotations

import re

import pytest

from lawgov.publish.browser import local_page

from .harness import BOOK, book_pages

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
CHAPTER = "p4-oversight.html"  # a chapter with sections (the page's contents) and charts

STATE_JS = """() => {
  const side = document.getElementById('pst-primary-sidebar');
  const links = [...document.querySelectorAll('nav.bd-docs-nav a.reference')];
  const onScreen = links.filter(a => { const r = a.getBoundingClientRect();
    return r.width > 0 && r.left >= 0 && r.right <= innerWidth && r.top < innerHeight && r.bottom > 0; });
  const toc = [...document.querySelectorAll('nav.page-toc a, .bd-toc-nav a')].filter(a => {
    const r = a.getBoundingClientRect();
    return r.width > 0 && r.left >= 0 && r.right <= innerWidth && r.top < innerHeight; });
  return {menu: document.getElementById('pst-primary-sidebar-modal').open,
          contents: document.getElementById('pst-secondary-sidebar-modal').open,
          navOnScreen: onScreen.length, tocOnScreen: toc.length,
          focus: document.activeElement && document.activeElement.className};
}"""


@pytest.fixture
def open_page(browser, site):
    pages = []

    def _open(path: str, viewport: dict, touch: bool = False):
        cm = local_page(browser, viewport=viewport, locale="en-US", has_touch=touch)
        local = cm.__enter__()
        pages.append(cm)
        local.page.goto(f"{site}/{path}", wait_until="load")
        return local.page

    yield _open
    for cm in pages:
        cm.__exit__(None, None, None)


def state(page) -> dict:
    page.wait_for_timeout(350)  # the dialog's focus move and the sidebar's transition
    return page.evaluate(STATE_JS)


@pytest.mark.parametrize(
    "side, key, opened", [("primary", "menu", "navOnScreen"), ("secondary", "contents", "tocOnScreen")]
)
def test_on_a_phone_the_menu_and_the_contents_open_by_tap_and_close_by_tap_outside(open_page, side, key, opened):
    page = open_page(CHAPTER, PHONE, touch=True)
    assert not state(page)[key]
    button = page.locator(f".{side}-toggle:visible")
    assert button.count() == 1, f"one visible {side} button on a phone"
    button.tap()
    now = state(page)
    assert now[key] and now[opened] > 3, f"tapping the {side} button opens nothing: {now}"
    # a tap beside the panel (on the dimmed page) closes it
    box = page.locator(f"#pst-{side}-sidebar-modal").bounding_box()
    x = box["x"] + box["width"] + 10 if side == "primary" else box["x"] - 10
    page.touchscreen.tap(x, PHONE["height"] / 2)
    assert not state(page)[key], f"a tap outside leaves the {side} panel open"


@pytest.mark.parametrize("side, key", [("primary", "menu"), ("secondary", "contents")])
def test_on_a_phone_the_keyboard_opens_them_and_escape_closes_them(open_page, side, key):
    page = open_page(CHAPTER, PHONE)
    button = page.locator(f".{side}-toggle:visible")
    button.focus()
    page.keyboard.press("Enter")
    now = state(page)
    assert now[key], f"Enter on the {side} button opens nothing: {now}"
    page.keyboard.press("Escape")
    now = state(page)
    assert not now[key], f"Escape leaves the {side} panel open"
    assert f"{side}-toggle" in now["focus"], f"focus not back on the {side} button: {now['focus']}"
    page.keyboard.press("Space")
    assert state(page)[key], f"Space on the {side} button opens nothing"


def test_on_a_laptop_the_menu_hides_and_shows_and_the_contents_are_shown(open_page):
    page = open_page(CHAPTER, LAPTOP)
    assert state(page)["navOnScreen"] > 10 and state(page)["tocOnScreen"] >= 3
    button = page.locator(".primary-toggle:visible")
    assert button.count() == 1
    button.click()
    assert state(page)["navOnScreen"] == 0, "clicking the menu button does not hide the menu"
    button.focus()
    page.keyboard.press("Enter")
    assert state(page)["navOnScreen"] > 10, "Enter on the menu button does not bring the menu back"


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_header_buttons_show_keyboard_focus(open_page, viewport):
    """Tabbing to the menu button and the download button shows where the focus is (the outside
    keyboard judge found neither changed at all when focused)."""
    page = open_page(CHAPTER, viewport)
    seen = {}
    for _ in range(40):
        page.keyboard.press("Tab")
        seen_now = page.evaluate("""() => { const e = document.activeElement;
          if (!e || !e.matches('.primary-toggle, .dropdown-toggle')) return null;
          const s = getComputedStyle(e);
          return [e.matches('.primary-toggle') ? 'menu' : 'download', s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
        if seen_now:
            seen[seen_now[0]] = seen_now[1:]
        if len(seen) == 2:
            break
    assert set(seen) == {"menu", "download"}, f"not reached by Tab: {seen}"
    for name, (style, width) in seen.items():
        assert style != "none" and width >= 2, f"{name} button shows no focus outline ({style}, {width}px)"


def test_the_sidebar_is_scannable(open_page):
    """Each entry a short name on one line, the Chinese of its heading smaller below it; the
    whole of the report's parts in view on a laptop."""
    page = open_page("intro.html", LAPTOP)
    entries = page.evaluate("""() => [...document.querySelectorAll('nav.bd-docs-nav li.toctree-l1 > a')].map(a => {
      const zh = a.querySelector('.lawgov-nav-zh'), r = a.getBoundingClientRect();
      const en = [...a.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
      return {en, zh: zh && zh.textContent, lang: zh && zh.lang, bottom: r.bottom,
              enSize: parseFloat(getComputedStyle(a).fontSize),
              zhSize: zh && parseFloat(getComputedStyle(zh).fontSize)};
    })""")
    parts = [e for e in entries if re.match(r"Part \d", e["en"])]
    assert len(parts) == 5
    assert entries[0]["en"] == "Home", "the sidebar starts with the landing, by a short name"
    for e in entries:
        assert len(e["en"]) <= 32, e["en"]
        if e["zh"]:
            assert e["lang"] == "zh" and e["zhSize"] < e["enSize"], e
    assert all(e["zh"] for e in parts)
    assert max(e["bottom"] for e in parts) <= LAPTOP["height"], "the report's parts run below the fold"


def test_the_landing_leads_on_to_the_report_not_to_the_capture(open_page):
    page = open_page("intro.html", LAPTOP)
    nxt = page.locator("a.right-next")
    assert nxt.get_attribute("href") == "p0-preamble.html"
    nxt.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/p0-preamble.html")


def test_the_landing_shows_its_findings_and_cards_at_once(open_page):
    """The findings above the fold at 1280x800 with the first figure cards starting there; on
    a phone, the findings and the first card within two screens."""
    for viewport, screens in ((LAPTOP, 1), (PHONE, 2)):
        page = open_page("intro.html", viewport)
        at = page.evaluate("""() => ({
          findings: document.querySelector('#what-this-book-finds').getBoundingClientRect().top + scrollY,
          lastFinding:
            document.querySelector('#what-this-book-finds ul > li:last-child').getBoundingClientRect().bottom + scrollY,
          card: document.querySelector('.lawgov-cards li').getBoundingClientRect().top + scrollY})""")
        fold = screens * viewport["height"]
        assert at["lastFinding"] <= fold and at["card"] < fold, (viewport, at)


def test_the_address_of_the_site_opens_a_page_with_a_title_and_a_language(open_page, built_book):
    index = (built_book / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="Refresh"' not in index
    assert re.search(r'<html[^>]*\blang="en"', index)
    page = open_page("index.html", PHONE)
    assert page.title().startswith("Kunshan 2012")
    assert page.locator("h1").first.inner_text().startswith("Kunshan 2012")


def test_the_site_has_a_favicon(built_book):
    html = (built_book / "intro.html").read_text(encoding="utf-8")
    href = re.search(r'<link rel="icon" href="([^"]+)"', html).group(1)
    icon = (built_book / href).read_text(encoding="utf-8")
    assert icon.lstrip().startswith("<svg") and (BOOK / "_static" / "favicon.svg").exists()


@pytest.mark.parametrize("name", [p.docname for p in book_pages()])
def test_no_script_holds_back_the_text(built_book, name):
    """No <script src> in the head without defer or async: the text shows before any script runs."""
    html = (built_book / f"{name}.html").read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    blocking = [
        tag
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", head)
        if not re.search(r"\b(defer|async)\b|type=\"module\"", tag)
    ]
    assert blocking == [], f"{name}.html: {blocking}"
