"""The PDF edition as a reader sees it: read back with poppler (pdftotext -layout, page by page).

A title page; a table of contents whose page numbers are the pages the chapters start on;
a running head and a page number on the chapters' pages; headings not broken inside a
word; the Chinese text of every part of the report printed in that part's chapter (the
collapsible blocks of the web pages opened); charts as vector graphics; no web controls.

Needs the built book and its PDF (``make book``; the ``built_book`` fixture builds a stale
book) and poppler-utils; LAWGOV_SKIP_BROWSER=1 skips knowingly where Chromium is missing.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from functools import cache

import pytest

import lawgov
from lawgov.book import identity
from lawgov.publish import browser, pdf
from lawgov.publish.pdf_edition import INTRO_TITLE, toc_chapters

_TOC_LINE = re.compile(r"^\s*(\S.*?)\s{2,}(\d+)\s*$")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        pytest.fail(f"{name} not found: apt-get install -y poppler-utils", pytrace=False)
    return path


@pytest.fixture(scope="module")
def edition(built_book):
    problem = browser.chromium_problem()
    if problem:
        if os.environ.get("LAWGOV_SKIP_BROWSER") == "1":
            pytest.skip(f"the PDF edition needs Chromium ({problem})")
        pytest.fail(f"the PDF edition needs Chromium ({problem}): apt-get install -y chromium fonts-noto-cjk",
                    pytrace=False)
    if not pdf.PDF.exists():
        pdf.build()
    return pdf.PDF


@cache
def _text(path: str, layout: bool) -> list[str]:
    """Every page's text (pdftotext separates pages with a form feed): -layout keeps lines as
    printed (the contents, the running heads); without it, columns are read one after the other."""
    args = [_tool("pdftotext"), "-enc", "UTF-8"] + (["-layout"] if layout else []) + [path, "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout.split("\f")


def _page(path: str, n: int, layout: bool = True) -> str:
    return _text(path, layout)[n - 1]


def _body(path: str, first: int, last: int, chapter: str) -> str:
    """Pages first..last of a chapter as one text, without their running heads and page
    numbers (a sentence may run on from one page to the next)."""
    heads = {_flat(identity.BOOK_TITLE), _flat(_english(chapter)), _flat(_english(chapter).split(":")[0]), ""}
    out = []
    for n in range(first, last + 1):
        lines = [ln for ln in _page(path, n, layout=False).splitlines() if ln.strip()]
        if lines and lines[-1].strip() == str(n):
            lines = lines[:-1]
        out += [ln for ln in lines if _flat(ln) not in heads]
    return "".join(out)


def _pages(path) -> int:
    return pdf.page_count(path)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _contents(path) -> list[tuple[str, int]]:
    """(title, page) of every entry of the table of contents, read from the pages after the title page."""
    entries, n = [], 2
    while True:
        text = _page(str(path), n)
        if n == 2:
            assert text.lstrip().startswith("Contents"), "page 2 is not the table of contents"
        rows = [(m[1], int(m[2])) for m in map(_TOC_LINE.match, text.splitlines()) if m]
        if not rows:
            break
        entries += rows
        n += 1
        if not any(t.startswith("Appendix") for t, _ in rows) and n < 6:
            continue
        break
    return entries


def _english(title: str) -> str:
    return re.split(r"\s{2,}|[\u3000-\u9fff]", title)[0].strip()


def test_the_title_page_names_the_book(edition):
    first = _page(str(edition), 1)
    flat = _flat(first)
    for text in (identity.BOOK_TITLE, identity.BOOK_TITLE_ZH, identity.AUTHOR, f"Version {lawgov.__version__}",
                 identity.LICENSE["name"], "How to cite"):
        assert _flat(text) in flat, f"{text!r} not on the title page"
    assert not re.search(r"^\s*1\s*$", first, re.M), "the title page carries a page number"


def test_every_page_of_the_book_is_a_chapter_of_the_pdf():
    """Pages nested under a chapter in _toc.yml (its sections) are chapters too, in reading order."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    from lawgov.book.paths import BOOK

    assert [c.doc for c in toc_chapters()] == list(parse_toc_yaml(BOOK / "_toc.yml"))


def test_the_contents_list_every_chapter_at_the_page_it_starts_on(edition):
    entries = _contents(edition)
    chapters = toc_chapters()
    assert len(entries) == len(chapters), f"{len(entries)} entries in the contents for {len(chapters)} chapters"
    pages = [p for _, p in entries]
    assert pages == sorted(pages) and pages[0] > 2 and pages[-1] <= _pages(edition)
    for (title, page), ch in zip(entries, chapters):
        head = _flat(_english(title))[:30]
        text = _page(str(edition), page)
        # the chapter's heading is on that page, under the running head (its first lines)
        top = _flat("".join(text.strip().splitlines()[:4]))
        assert head in top, f"contents: {title!r} on page {page}, whose top reads {text.strip()[:160]!r}"
        if page > 3:  # and the page before belongs to another chapter
            assert head not in _flat(_page(str(edition), page - 1).strip().splitlines()[0]), title
    assert _english(entries[0][0]) == INTRO_TITLE[0]


def test_chapter_pages_carry_a_running_head_and_a_page_number(edition):
    entries = _contents(edition)
    for (title, start), nxt in zip(entries, entries[1:] + [("", _pages(edition) + 1)]):
        for n in {start, (start + nxt[1] - 1) // 2}:
            lines = [ln for ln in _page(str(edition), n).splitlines() if ln.strip()]
            head = _flat(lines[0])
            # the chapter's title, or its part before the colon when long (never a word cut)
            assert head.startswith(_flat(_english(title).split(":")[0])), f"page {n}: running head {lines[0]!r}, not {title!r}"
            assert _flat(identity.BOOK_TITLE) in _flat(lines[0]), f"page {n}: no book title in the running head"
            assert lines[-1].strip() == str(n), f"page {n} ends with {lines[-1]!r}, not its number"


def test_headings_are_not_broken_inside_a_word(edition):
    for title, page in _contents(edition):
        words = set(re.findall(r"[A-Za-z][\w’'-]*", _page(str(edition), page)))
        for word in re.findall(r"[A-Za-z][\w’'-]*", _english(title)):
            assert word in words, f"page {page}: the heading word {word!r} of {title!r} is split"


def test_every_part_of_the_report_is_printed_in_chinese_in_its_chapter(edition):
    entries = dict(zip([c.doc for c in toc_chapters()], _contents(edition)))
    docs = [c.doc for c in toc_chapters()]
    sentences = lawgov.sentences()
    outline = lawgov.outline()
    for part, doc in ((p, next(d for d in docs if d.startswith(f"p{p}-"))) for p in sorted(sentences["part"].unique())):
        title, start = entries[doc]
        end = entries[docs[docs.index(doc) + 1]][1]
        text = _flat(_body(str(edition), start, end - 1, title))
        heading = outline[(outline["part"] == part) & (outline["level"] == 0)]["heading_zh"]
        if len(heading) and str(heading.iloc[0]):
            assert _flat(str(heading.iloc[0])) in text, f"part {part}: heading not in its chapter"
        missing = [s.id for s in sentences[sentences["part"] == part].itertuples() if _flat(s.zh) not in text]
        assert not missing, f"part {part} ({doc}, pages {start}-{end - 1}): sentences not printed: {missing}"


_HAN = re.compile(r"[\u4e00-\u9fff]")


def test_the_whole_report_is_in_the_appendix(edition):
    """Every row of the parallel text is printed (its id), and nothing of the Chinese is cut: the
    appendix holds at least as many Chinese characters as the report (pdftotext reads a row's
    two columns line by line, so a sentence is not one run of text there; the chapters' test
    above checks each sentence whole)."""
    title, start = _contents(edition)[-1]
    text = _body(str(edition), start, _pages(edition), title)
    sentences = lawgov.sentences()
    missing = [i for i in sentences["id"] if not re.search(re.escape(i) + r"(?![.-])", text)]
    assert not missing, f"rows of the parallel text not printed: {missing}"
    report_han = sum(len(_HAN.findall(s)) for s in sentences["zh"])
    assert len(_HAN.findall(text)) >= report_han, "the appendix holds less Chinese than the report"


def test_charts_are_vector_and_web_controls_are_gone(edition):
    images = subprocess.run([_tool("pdfimages"), "-list", str(edition)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) <= 2, f"raster images in the PDF (charts must be vector):\n{images[:600]}"
    whole = subprocess.run([_tool("pdftotext"), "-enc", "UTF-8", str(edition), "-"], capture_output=True, text=True,
                           check=True).stdout
    for chrome in ("Search this book", "搜索", "Color mode", "Toggle", "Take this chart away", "Save as SVG",
                   "Download this part", "Back to top"):
        assert chrome not in whole, f"web control {chrome!r} printed"
    # the original texts' labels are printed (their "·" may come out of pdftotext as a space)
    assert re.search(r"原文\s*·?\s*Original text of §", whole), "no original-text block printed"
