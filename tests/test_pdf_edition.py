"""The PDF edition as a reader sees it: read back with poppler (pdftotext page by page, pdffonts,
the outline), as a print shop and a reader's app would meet it.

A title page; a table of contents whose page numbers are the pages the chapters start on;
on every page after it the running head of its own chapter and its page number; no blank
page; no heading left at the foot of a page; bookmarks that are the contents, with clean
titles; fonts embedded as fonts (no Type 3); no text under 7 pt; body lines of at most about
85 characters; headings not broken inside a word; the Chinese text of every part of the
report printed in that part's chapter; charts as vector graphics; no web controls.

Needs the PDF edition (``make pdf``; the ``built_pdf`` fixture prints it when missing or
stale) and poppler-utils; LAWGOV_SKIP_BROWSER=1 skips knowingly where Chromium is missing.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

import lawgov
from lawgov.book import identity
from lawgov.publish import pdf
from lawgov.publish.pdf_edition import INTRO_TITLE, running_head, toc_chapters

ROOT = Path(__file__).resolve().parents[1]
_TOC_ENTRY = re.compile(r"^(.*?)\s*(?:\.\s){3,}\.?\s*(\d+)\s*$")  # a title, its leader dots, its page


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        pytest.fail(f"{name} not found: apt-get install -y poppler-utils", pytrace=False)
    return path


@pytest.fixture(scope="module")
def edition(built_pdf):
    return built_pdf


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
    """(title, page) of every entry of the table of contents: the pages after the title page
    whose running head is "Contents" (a long title wraps onto a second line; the part captions
    between the entries are not entries)."""
    groups = {c.group for c in toc_chapters()}
    entries, n, pending = [], 2, []
    while _page(str(path), n, layout=False).lstrip().startswith("Contents"):
        lines = [ln.strip() for ln in _page(str(path), n).splitlines()[1:] if ln.strip()]
        for ln in lines:
            m = _TOC_ENTRY.match(ln)
            if m:
                entries.append((" ".join([*pending, m[1]]).strip(), int(m[2])))
                pending = []
            elif ln not in groups and ln != "Contents" and not ln.isdigit():
                pending.append(ln)
        n += 1
    assert entries, "no table of contents after the title page"
    return entries


def _english(title: str) -> str:
    return re.split(r"\s{2,}|[\u3000-\u9fff]", title)[0].strip()


def test_the_title_page_names_the_book(edition):
    first = _page(str(edition), 1)
    flat = _flat(first)
    for text in (
        identity.BOOK_TITLE,
        identity.BOOK_TITLE_ZH,
        identity.AUTHOR,
        f"Version {lawgov.__version__}",
        identity.LICENSE["name"],
        "How to cite",
    ):
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
    for title, page in entries:
        head = _flat(_english(title))[:30]
        text = _page(str(edition), page)
        # the chapter's heading is on that page, under the running head (its first lines)
        top = _flat("".join(text.strip().splitlines()[:4]))
        assert head in top, f"contents: {title!r} on page {page}, whose top reads {text.strip()[:160]!r}"
        if page > 3:  # and the page before belongs to another chapter
            assert head not in _flat(_page(str(edition), page - 1).strip().splitlines()[0]), title
    assert _english(entries[0][0]) == INTRO_TITLE[0]


def _chapter_of_each_page(path) -> dict[int, str]:
    """{page: the English title of the chapter it belongs to}, from the contents."""
    entries = _contents(path)
    out = {}
    for (title, start), (_, nxt) in zip(entries, entries[1:] + [("", _pages(path) + 1)]):
        for n in range(start, nxt):
            out[n] = _english(title)
    return out


def test_every_page_carries_its_chapters_running_head_and_its_number(edition):
    """The head is the chapter's (short) title beside the book's, on every page after the title
    page, blank-looking or not; the contents' pages say "Contents"."""
    chapters = _chapter_of_each_page(edition)
    wrong = []
    for n in range(2, _pages(edition) + 1):
        lines = [ln for ln in _page(str(edition), n).splitlines() if ln.strip()]
        want = running_head(chapters[n]) if n in chapters else "Contents"
        if not (_flat(lines[0]).startswith(_flat(want)) and _flat(identity.BOOK_TITLE) in _flat(lines[0])):
            wrong.append(f"page {n}: head {lines[0].strip()!r}, not {want!r}")
        if lines[-1].strip() != str(n):
            wrong.append(f"page {n} ends with {lines[-1].strip()!r}, not its number")
    assert not wrong, "\n".join(wrong[:20])


def _body_lines(path, n: int) -> list[str]:
    """A page's lines of text without its running head and page number."""
    lines = [ln.strip() for ln in _page(str(path), n, layout=False).splitlines() if ln.strip()]
    heads = {_flat(identity.BOOK_TITLE), _flat(str(n)), *(_flat(running_head(t)) for t in _titles(path))}
    return [ln for ln in lines if _flat(ln) not in heads]


@cache
def _titles(path) -> tuple[str, ...]:
    return (*(_english(t) for t, _ in _contents(path)), "Contents")


def test_no_page_is_blank(edition):
    blank = [n for n in range(1, _pages(edition) + 1) if not _body_lines(edition, n)]
    assert not blank, f"pages with nothing but a running head and a number: {blank}"


def _outline(path) -> list[tuple[int, int, str]]:
    """(level, page, label) of every bookmark of the PDF, in order (poppler's pdftohtml -xml)."""
    xml = subprocess.run(
        [_tool("pdftohtml"), "-xml", "-i", "-q", "-stdout", "-f", "1", "-l", "1", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    out, level = [], 0
    for tag in re.finditer(r'<outline>|</outline>|<item page="(\d+)">(.*?)</item>', xml, re.S):
        if tag[0] == "<outline>":
            level += 1
        elif tag[0] == "</outline>":
            level -= 1
        else:
            out.append((level, int(tag[1]), html.unescape(tag[2]).strip()))
    return out


def test_the_bookmarks_are_the_contents_with_clean_titles(edition):
    """Chapters at the first level, as the contents name them and where they start; each
    section below its chapter, its label as its heading reads on the page (words apart, once)."""
    outline = _outline(edition)
    chapters = [(label, page) for level, page, label in outline if level == 1]
    assert chapters == [(_english(t), p) for t, p in _contents(edition)]
    for level, page, label in outline:
        assert level in (1, 2), f"bookmark {label!r} at level {level}"
        text = re.sub(r"\s+", " ", _page(str(edition), page, layout=False))
        assert label in text, f"bookmark {label!r} is not a heading of page {page} as printed"
        half = len(label) // 2
        assert not (len(label) % 2 == 0 and label[:half] == label[half:]), f"bookmark doubled: {label!r}"


def test_no_page_ends_with_a_heading(edition):
    """A chapter's or a section's heading (its bookmark) is never the last line of its page."""
    stranded = []
    for _level, page, label in _outline(edition):
        lines = _body_lines(edition, page)
        tail = " ".join(lines[-3:])
        if lines and re.sub(r"\s+", " ", tail).strip().endswith(label) and not _flat(lines[-1]).isdigit():
            stranded.append(f"page {page}: {label!r}")
    assert not stranded, f"headings left at the foot of a page: {stranded}"


def test_fonts_are_embedded_as_fonts_not_type3(edition):
    rows = subprocess.run([_tool("pdffonts"), str(edition)], capture_output=True, text=True, check=True).stdout
    fonts = rows.splitlines()[2:]
    assert fonts, "no font in the PDF"
    assert not [f for f in fonts if "Type 3" in f], f"Type 3 fonts (glyphs drawn, not a font):\n{rows}"
    assert all(f.split()[-5] == "yes" for f in fonts), f"a font not embedded:\n{rows}"
    assert any("CJK" in f for f in fonts), "no CJK font embedded"


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
EM_HEIGHT = 1.448  # the Noto CJK fonts' ascent + descent, in ems: a word's box height / this = its size


def _too_tall_chart_pages(path) -> dict[int, str]:
    """{page: figure id} of the charts too tall for a page at 7 pt (printed smaller to fit)."""
    from lawgov.publish import pdf_edition

    single = (pdf.SINGLE / f"{pdf.root_doc()}.html").read_text(encoding="utf-8")
    out = {}
    for svg in _printed_svgs():
        if pdf_edition.fits_a_page(svg.read_text(encoding="utf-8")):
            continue
        m = re.search(rf'id="{re.escape(svg.stem)}".*?caption-number">Fig\. (\d+)', single, re.S)
        for n in range(1, _pages(path) + 1):
            if m and re.search(rf"^Fig\. {m[1]} ", _page(str(path), n, layout=False), re.M):
                out[n] = svg.stem
    return out


def test_no_text_is_under_7pt(edition):
    """Charts included (their labels are text in the PDF): every word's box, in points. A
    rotated word (an axis title) is read across its box; one-character words (footnote marks,
    superscripts, operators) are left out, and so are the pages of a chart too tall for a page
    at 7 pt (the next test names them)."""
    boxes = subprocess.run(
        [_tool("pdftotext"), "-bbox", str(edition), "-"], capture_output=True, text=True, check=True
    ).stdout
    exempt = _too_tall_chart_pages(edition)
    small, page = [], 0
    for chunk in boxes.split("<page ")[1:]:
        page += 1
        if page in exempt:
            continue
        for x0, y0, x1, y1, word in _WORD.findall(chunk):
            w, h, word = float(x1) - float(x0), float(y1) - float(y0), html.unescape(word)
            if len(word) < 2:
                continue
            size = (w if len(word) >= 3 and w < 0.6 * h else h) / EM_HEIGHT
            if size < 6.9:
                small.append(f"p. {page}: {word!r} {size:.1f} pt")
    assert not small, f"{len(small)} words under 7 pt: {small[:15]}"


def _printed_svgs() -> list:
    """Each chart's SVG as the PDF prints it (its print form where it has one)."""
    from lawgov.publish import pdf_edition

    return [pdf_edition.printed_svg(pdf.HTML_CHARTS, s.stem) for s in sorted(pdf.HTML_CHARTS.glob("*.svg"))]


def test_every_chart_fits_a_page_at_7pt(built_book):
    from lawgov.publish import pdf_edition

    too_tall = [s.stem for s in _printed_svgs() if not pdf_edition.fits_a_page(s.read_text())]
    assert not too_tall, f"charts taller than a page with their text at 7 pt: {too_tall}"


_LINE = re.compile(r"<line [^>]*>(.*?)</line>", re.S)


def test_body_lines_hold_at_most_about_85_characters(edition):
    """The prose's measure: lines set in the body's 10.5 pt (word boxes about 15.2 pt high;
    captions, tables and notes are smaller), English only (a Chinese character is wider)."""
    layout = subprocess.run(
        [_tool("pdftotext"), "-bbox-layout", str(edition), "-"], capture_output=True, text=True, check=True
    ).stdout
    lengths = []
    for line in _LINE.findall(layout):
        words = _WORD.findall(line)
        if not words or _HAN.search(line):
            continue
        if all(abs((float(y1) - float(y0)) - 10.5 * EM_HEIGHT) < 0.5 for _, y0, _, y1, _ in words):
            lengths.append(len(" ".join(html.unescape(w[4]) for w in words)))
    assert len(lengths) > 1000, f"only {len(lengths)} body lines found"
    lengths.sort()
    assert lengths[-1] <= 90, f"longest body line {lengths[-1]} characters"
    assert lengths[int(len(lengths) * 0.9)] <= 85, f"a tenth of the lines over {lengths[int(len(lengths) * 0.9)]}"


def test_charts_are_printed_at_the_text_width(edition, built_book):
    """Every chart of the book, as its SVG, no narrower than the text and its text at 7 pt or more."""
    from lawgov.publish import pdf_edition

    svgs = _printed_svgs()
    assert svgs, "no chart SVGs in the built book"
    for svg in svgs:
        text = svg.read_text(encoding="utf-8")
        width = pdf_edition.chart_width_mm(text)
        if not pdf_edition.fits_a_page(text):
            continue  # printed smaller, whole on its page (test_every_chart_fits_a_page_at_7pt)
        w_px, h_px = (float(re.search(rf'<svg[^>]*?\s{a}="([\d.]+)"', text)[1]) for a in ("width", "height"))
        as_tall_as_a_page = width * h_px / w_px >= pdf_edition.TALLEST_CHART_MM - 0.5
        assert width >= pdf_edition.MEASURE_MM or as_tall_as_a_page, f"{svg.name}: {width} mm wide"
        assert pdf_edition.chart_text_pt(text, width) >= 7.0 - 0.05, f"{svg.name}: text under 7 pt at {width} mm"
    images = subprocess.run([_tool("pdfimages"), "-list", str(edition)], capture_output=True, text=True).stdout
    assert len(images.strip().splitlines()) <= 2, "a chart printed as a raster image"


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
    images = subprocess.run(
        [_tool("pdfimages"), "-list", str(edition)], capture_output=True, text=True, check=True
    ).stdout
    assert len(images.strip().splitlines()) <= 2, f"raster images in the PDF (charts must be vector):\n{images[:600]}"
    whole = subprocess.run(
        [_tool("pdftotext"), "-enc", "UTF-8", str(edition), "-"], capture_output=True, text=True, check=True
    ).stdout
    for chrome in (
        "Search this book",
        "搜索",
        "Color mode",
        "Toggle",
        "Take this chart away",
        "Save as SVG",
        "Download this part",
        "Back to top",
    ):
        assert chrome not in whole, f"web control {chrome!r} printed"
    # the original texts' labels are printed (their "·" may come out of pdftotext as a space)
    assert re.search(r"原文\s*·?\s*Original text of §", whole), "no original-text block printed"


def _lowest_text(path, n: int) -> float:
    """How far down page ``n`` its text runs, as a share of the page's height (the number left out)."""
    out = subprocess.run(
        [_tool("pdftotext"), "-f", str(n), "-l", str(n), "-bbox", str(path), "-"], capture_output=True, text=True
    ).stdout
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', out).group(1))
    words = re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', out)
    body = [float(y) for y, w in words if w.strip() != str(n)]
    return max(body) / height


def test_the_parallel_text_fills_its_pages(edition):
    """A long sentence kept whole used to push itself to the next page and leave the page before
    it half empty (p. 159 of the edition of 2026-12-08 ended at 55% of its height)."""
    chapters = _chapter_of_each_page(edition)
    pages = sorted(n for n, title in chapters.items() if "parallel text" in title)
    assert len(pages) > 10, pages
    short = {n: f"{_lowest_text(edition, n):.0%}" for n in pages[:-1] if _lowest_text(edition, n) < 0.8}
    assert not short, f"appendix pages whose text stops early: {short}"
    over = [n for n in pages if _text_over_the_head(edition, n, chapters[n])]
    assert not over, f"appendix pages where a row broken across pages is printed over the running head: {over}"


def _text_over_the_head(path, n: int, chapter: str) -> list[str]:
    """Words of page ``n`` printed in the running head's line that are not the head's."""
    out = subprocess.run(
        [_tool("pdftotext"), "-f", str(n), "-l", str(n), "-bbox", str(path), "-"], capture_output=True, text=True
    ).stdout
    words = [
        (float(y0), float(y1), w)
        for y0, y1, w in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', out)
    ]
    head = set(f"{running_head(chapter)} {identity.BOOK_TITLE}".split())
    line = [y1 for y0, y1, w in words if w == running_head(chapter).split()[0]]
    if not line:
        return ["(no running head)"]
    return [w for y0, y1, w in words if y0 < line[0] and w not in head]


def test_references_read_author_year_as_on_the_web(edition):
    """In the text "(State Council 2004; ...)", each source listed under its label, no BibTeX key,
    no bracketed label and no back-link numbers."""
    whole = subprocess.run(
        [_tool("pdftotext"), "-enc", "UTF-8", str(edition), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "(State Council 2004; State Council 2008)" in whole
    assert re.search(r"^State Council 2011a\b", whole, re.M), "a source is not listed under its label"
    assert not re.search(r"\[State Council \d{4}[a-z]?\]|\]\s*\(\d(,\d)*\)", whole), "labels in brackets or back-links"
    keys = re.findall(r"^@\w+\{([^,]+),", (ROOT / "book" / "references.bib").read_text(encoding="utf-8"), re.M)
    assert not [k for k in keys if re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", whole)]


def test_a_table_s_notes_are_printed_once(edition):
    """The notes under "The report in numbers" (its first one, on the designation's years) print
    once, after the table, not at the foot of each of its pages."""
    chapters = _chapter_of_each_page(edition)
    numbers = [n for n, title in chapters.items() if title.startswith("The report in numbers")]
    assert len(numbers) > 5, numbers
    pages = [n for n in numbers if "The designation covers" in _page(str(edition), n)]
    assert len(pages) == 1, f"the table's notes are printed on pages {pages}"
