"""Every figure shown anywhere in the book links back to its anchor in "The report in numbers"."""

from __future__ import annotations

import re

import lawgov


def test_every_fig_link_in_the_built_book_resolves(built_book):
    """Every link to a figure anywhere in the built book lands on an anchor of "The report in numbers"."""
    html_dir = built_book
    numbers = html_dir / "numbers.html"
    anchors = set(re.findall(r'id="(fig-[^"]+)"', numbers.read_text(encoding="utf-8")))
    # every figure has its anchor
    assert {f"fig-{i}" for i in lawgov.figures()["id"]} <= anchors
    links = 0
    for page in html_dir.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        targets = re.findall(r'href="numbers\.html#(fig-[^"]+)"', text)
        if page.name == "numbers.html":
            targets += re.findall(r'href="#(fig-[^"]+)"', text)
        missing = sorted(set(targets) - anchors)
        assert not missing, f"{page.name}: links to missing anchors {missing}"
        links += len(targets)
    assert links > 0
