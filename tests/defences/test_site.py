"""The published site: every internal link and anchor resolves; every page passes axe-core.

- Link check (static, over ``book/_build/html``): every ``href`` and ``src`` that stays
  inside the site must name a file that exists, and its ``#fragment`` an element id (or
  ``<a name>``) in that file - including every ``numbers.html#fig-<id>`` link the chapters
  make, and every figure of the dataset must have its ``#fig-<id>`` anchor there.
- Accessibility: axe-core (the ``axe.min.js`` that ``axe-playwright-python`` ships) is
  injected into each page of the book in headless Chromium, after its charts are drawn;
  no violation of impact "serious" or "critical" is allowed. Each chart carries its text
  description: the Vega-Lite ``description`` reaches the chart container as
  ``role="graphics-document"`` with an ``aria-label``.
- No third-party fetch: tests/browser/test_offline.py (not repeated here).
"""

from __future__ import annotations

import functools
import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browser.harness import BookPage, book_pages, expected_charts
from lawgov.publish.browser import ALL_CHARTS_DRAWN_JS

# --- link check ----------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag attr, url)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for attr in ("href", "src"):
            if attr in a and not (tag == "link" and attr == "href" and "preconnect" in a.get("rel", "")):
                self.links.append((f"<{tag} {attr}>", a[attr]))


@functools.cache
def _parse(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def _pages(html: Path) -> list[Path]:
    return sorted(
        p
        for p in html.rglob("*.html")
        if "_static" not in p.relative_to(html).parts and "_sources" not in p.relative_to(html).parts
    )


def _internal_target(page: Path, url: str, html: Path) -> tuple[Path, str] | None:
    """(file, fragment) an internal URL points at, or None for external/non-navigating ones."""
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc or url.strip().startswith(("javascript:", "mailto:", "data:")):
        return None
    path = unquote(parts.path)
    target = page if not path else (page.parent / path).resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_every_internal_link_and_anchor_resolves(built_book: Path) -> None:
    html = built_book.resolve()
    broken: list[str] = []
    fig_links = 0
    checked = 0
    for page in _pages(html):
        for where, url in _parse(page).links:
            found = _internal_target(page, url, html)
            if found is None:
                continue
            target, fragment = found
            checked += 1
            shown = f"{page.relative_to(html)}: {where} {url}"
            if not target.is_relative_to(html):
                broken.append(f"{shown} -> outside the site")
            elif not target.exists():
                broken.append(f"{shown} -> no file {target.relative_to(html)}")
            elif fragment and target.suffix == ".html" and fragment not in _parse(target).ids:
                broken.append(f"{shown} -> no #{fragment} in {target.relative_to(html)}")
            if "#fig-" in url:
                fig_links += 1
    assert checked > 100, f"only {checked} internal links found: is the book built?"
    assert fig_links > 0, "no chapter links to a figure's #fig-<id> anchor"
    assert broken == [], f"{len(broken)} broken internal links:\n" + "\n".join(broken[:80])


def test_every_figure_has_its_anchor(built_book: Path) -> None:
    import lawgov
    from lawgov.analysis import display

    page = built_book / f"{display.NUMBERS_PAGE}.html"
    if not page.exists():
        pytest.skip(f"{page.name} is not in the book yet")
    ids = _parse(page).ids
    missing = [f for f in lawgov.figures()["id"] if display.anchor(f) not in ids]
    assert missing == [], f"figures without an anchor in {page.name}: {missing}"


# --- accessibility ---------------------------------------------------------------------------

SERIOUS = ("serious", "critical")


@functools.lru_cache(maxsize=1)
def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' +
      (n.failureSummary || '').split('\\n').slice(0, 2).join(' '))}));
}"""

CHARTS_JS = """() => [...document.querySelectorAll('div[id^="altair-viz-"]')].map(d => ({
  drawn: !!d.querySelector('svg.marks, canvas'),
  role: d.getAttribute('role'),
  label: d.getAttribute('aria-label'),
}))"""


def test_axe_finds_no_serious_violation(visit, book_page: BookPage) -> None:
    expected = expected_charts(book_page)
    record = visit(book_page.html)
    page = record.page
    if expected:
        # charts draw as a reader nears them; this asks for them all (as printing does)
        page.wait_for_function(ALL_CHARTS_DRAWN_JS, arg=expected, timeout=30000)
    charts = page.evaluate(CHARTS_JS)
    undescribed = [c for c in charts if c["role"] != "graphics-document" or not (c["label"] or "").strip()]
    assert not undescribed, f"{book_page.html}: {len(undescribed)} of {len(charts)} charts have no text description"
    page.add_script_tag(content=_axe_source())
    violations = page.evaluate(AXE_RUN)
    bad = [v for v in violations if v["impact"] in SERIOUS]
    assert bad == [], f"{book_page.html}: serious/critical accessibility violations:\n" + json.dumps(
        bad, indent=1, ensure_ascii=False
    )


def pytest_generate_tests(metafunc):
    if "book_page" in metafunc.fixturenames:
        pages = book_pages()
        metafunc.parametrize("book_page", pages, ids=[p.docname for p in pages])
