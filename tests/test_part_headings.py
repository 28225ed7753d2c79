"""One English title per part and subsection, used everywhere: the part chapters' headings
print the outline's ``title_en`` (data/outline) exactly, with the report's Chinese heading.

A chapter's first heading is ``# Part 4. <title_en of 4> · 四、<heading_zh of 4>`` (the
preamble and the closing, which have no Chinese heading of their own, ``# <title_en> · ...``);
every subsection of the part has one ``## 4.1 <title_en of 4.1> · <heading_zh of 4.1>``, in
the report's order. Each chapter also ends with its "Notes and sources" (the bibliography of
the sources it cites).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import lawgov
from lawgov.book.glue import PART_PAGES

BOOK = Path(__file__).resolve().parents[1] / "book"
_H1 = re.compile(r"^# (.+)$", re.M)
_SUBSECTION_H2 = re.compile(r"^## (\d\.\d) (.+)$", re.M)


@pytest.fixture(scope="module")
def outline():
    return lawgov.outline("kunshan-2012").set_index("section")


def _page(part: int) -> str:
    text = (BOOK / f"{PART_PAGES[part]}.md").read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1]  # past the front matter


def expected_h1(outline, part: int) -> str:
    row = outline.loc[str(part)]
    if row["heading_zh"]:
        return f"Part {part}. {row['title_en']} · {row['marker']}{row['heading_zh']}"
    return f"{row['title_en']} · "  # the preamble, the closing: Chinese chosen by the page


def heading_problems(text: str, outline, part: int) -> list[str]:
    """How the chapter's headings differ from the outline's titles (empty if they agree)."""
    problems = []
    h1 = _H1.search(text).group(1)
    want = expected_h1(outline, part)
    if not (h1 == want or (want.endswith(" · ") and h1.startswith(want))):
        problems.append(f"title {h1!r}, want {want!r}")
    subs = outline[(outline["part"] == part) & (outline["level"] == 1)]
    want_h2 = [f"{s} {r['title_en']} · {r['heading_zh']}" for s, r in subs.iterrows()]
    got_h2 = [f"{s} {rest}" for s, rest in _SUBSECTION_H2.findall(text)]
    if got_h2 != want_h2:
        problems.append(f"subsection headings {got_h2}, want {want_h2}")
    return problems


@pytest.mark.parametrize("part", sorted(PART_PAGES))
def test_headings_are_the_outlines(outline, part):
    problems = heading_problems(_page(part), outline, part)
    assert not problems, f"{PART_PAGES[part]}: " + "; ".join(problems)


def test_a_short_title_or_a_cut_chinese_heading_fails(outline):
    page = _page(4)
    title, sub = outline.loc["4", "title_en"], outline.loc["4.1", "heading_zh"]
    assert heading_problems(page.replace(title, "Oversight and regulated conduct", 1), outline, 4)
    assert heading_problems(page.replace(f" · {sub}", f" · {sub[:6]}", 1), outline, 4)
    assert heading_problems(page.replace("## 4.2 ", "### 4.2 ", 1), outline, 4)


@pytest.mark.parametrize("part", sorted(PART_PAGES))
def test_chapter_ends_with_its_notes_and_sources(part):
    text = _page(part)
    last = text.rsplit("\n## ", 1)[1]
    assert last.startswith("Notes and sources\n"), PART_PAGES[part]
    assert re.search(r"```\{bibliography\}\n:filter: docname in docnames\n```", last), PART_PAGES[part]
    assert re.search(r"\{cite(?::[pt])?\}`", text), f"{PART_PAGES[part]} cites no source"


def test_the_parallel_text_heads_each_part_with_the_outlines_title(outline):
    """The appendix's part headers carry the same English title as the part's chapter."""
    text = (BOOK / "report.md").read_text(encoding="utf-8")
    heads = re.findall(r"^## (.+)$", text, re.M)
    for part in sorted(PART_PAGES):
        want = expected_h1(outline, part)
        assert any(h == want or (want.endswith(" · ") and h.startswith(want)) for h in heads), (
            f"report.md has no part header {want!r}"
        )
