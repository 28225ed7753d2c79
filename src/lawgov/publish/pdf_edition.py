"""What makes the single-page HTML book a typeset book: a title page, a table of contents, a
running head per chapter, the charts as the SVGs of the book's downloads, the original Chinese
text opened in full, and nothing of the web page's controls.

:mod:`lawgov.publish.pdf` hands :func:`book_html` the single page Sphinx wrote; it returns the
book as one HTML document for WeasyPrint, styled by ``pdf_edition.css`` alone (not the web
theme's stylesheets: paper needs none of their navigation, and they are written for screens).
What a browser would compute after a first printing, WeasyPrint does from the CSS in one pass:
the contents' page numbers (``target-counter``), the running heads (``string-set``) and the
PDF's bookmarks (``bookmark-level``/``bookmark-label``), each from the attributes this module
sets on the chapters' headings.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

from lawgov.book.citation import book_meta, cite_book
from lawgov.book.identity import AUTHOR, BOOK_SUBTITLE, BOOK_TITLE, BOOK_TITLE_ZH, LICENSE
from lawgov.book.paths import BOOK

CSS = Path(__file__).with_name("pdf_edition.css")
INTRO_TITLE = ("Introduction", "导言")  # the root page's heading is the book's title, on the title page already

# The page's geometry, in one place: the stylesheet's @page rule and the charts' widths both
# come from it. A 150 mm measure at the body's 10.5 pt keeps lines near 80 characters.
PAGE_WIDTH_MM = 210.0
MARGIN_INSIDE_MM = 30.0
MEASURE_MM = PAGE_WIDTH_MM - 2 * MARGIN_INSIDE_MM
WIDEST_CHART_MM = PAGE_WIDTH_MM - 2 * 12.0  # a chart may reach into the margins to keep its text legible
MIN_CHART_TEXT_PT = 7.0
PAGE_HEIGHT_MM, MARGIN_TOP_BOTTOM_MM = 297.0, 20.0
TALLEST_CHART_MM = PAGE_HEIGHT_MM - 2 * MARGIN_TOP_BOTTOM_MM - 45.0  # room for a heading and its caption on the page
PX_PER_MM = 96 / 25.4  # CSS pixels: an SVG's width="600" is 600 px
PT_PER_PX = 0.75


@dataclass(frozen=True)
class Chapter:
    doc: str  # docname (intro, p4-oversight ...)
    group: str  # the _toc.yml part caption it sits under ("" for the root page)
    title_en: str = ""
    title_zh: str = ""

    @property
    def anchor(self) -> str:
        return f"lawgov-ch-{self.doc}"


def toc_chapters() -> list[Chapter]:
    """The book's chapters in reading order, from ``book/_toc.yml``, each with its part caption."""
    import yaml

    def with_sections(entries: list[dict], group: str) -> list[Chapter]:
        # a page listed under a chapter (its ``sections``) prints as a chapter of its own, after it
        return [ch for c in entries for ch in [Chapter(c["file"], group), *with_sections(c.get("sections", []), group)]]

    toc = yaml.safe_load((BOOK / "_toc.yml").read_text(encoding="utf-8"))
    out = [Chapter(toc["root"], "")]
    for part in toc.get("parts", []):
        out += with_sections(part.get("chapters", []), part.get("caption", ""))
    out += with_sections(toc.get("chapters", []), "")
    return out


def _release_date(meta: dict) -> str:
    if not meta.get("date"):
        return dt.date.today().strftime("%-d %B %Y")
    return dt.date.fromisoformat(meta["date"]).strftime("%-d %B %Y")


def title_page_html() -> str:
    """Title, subtitle, authors, version, date, licence and how to cite (every text escaped)."""
    e = html.escape
    meta = book_meta()
    return (
        '<section class="lawgov-titlepage" aria-label="Title page">'
        f'<p class="tp-title">{e(BOOK_TITLE)}</p><p class="tp-title-zh" lang="zh-Hans">{e(BOOK_TITLE_ZH)}</p>'
        f'<p class="tp-subtitle">{e(BOOK_SUBTITLE)}.</p>'
        f'<p class="tp-authors">{e(meta["authors"] or AUTHOR)}</p>'
        f'<p class="tp-meta">Version {e(meta["version"])} · {e(_release_date(meta))} · PDF edition</p>'
        f'<p class="tp-meta">Text, tables, charts and data: {e(LICENSE["title"])} ({e(LICENSE["name"])}); '
        f"code (the lawgov package): MIT licence.</p>"
        '<div class="tp-cite"><p><strong>How to cite.</strong> ' + e(cite_book()["text"]) + "</p>"
        "<p>Cite the report itself for anything quoted from it: 昆山市人民政府 (Kunshan Municipal People's "
        "Government), 昆山市人民政府2012年度依法行政工作报告, as captured by 中国法治网; see "
        "&#8220;How to cite&#8221; in this book.</p>"
        "<p>The web edition has the same text with interactive charts, each chart's data to download, "
        "and the dataset.</p></div></section>"
    )


def toc_html(chapters: list[Chapter]) -> str:
    """The contents: each chapter under its part caption; its page number is the CSS's
    ``target-counter`` of the link (WeasyPrint resolves it once the book is laid out)."""
    e = html.escape
    rows, group = [], None
    for ch in chapters:
        if ch.group != group:
            if group is not None or rows:
                rows.append("</ol>")
            if ch.group:
                rows.append(f'<p class="toc-group">{e(ch.group)}</p>')
            rows.append("<ol>")
            group = ch.group
        zh = f' <span class="toc-zh" lang="zh-Hans">{e(ch.title_zh)}</span>' if ch.title_zh else ""
        rows.append(f'<li><a href="#{e(ch.anchor)}"><span class="toc-title">{e(ch.title_en)}{zh}</span></a></li>')
    rows.append("</ol>")
    return f'<section class="lawgov-toc" aria-label="Contents"><h1>Contents</h1>{"".join(rows)}</section>'


RUNNING_HEAD_MAX = 48  # characters beside the book's title in one line of the page's top margin


def running_head(title_en: str) -> str:
    """A chapter's running head: its English title, or for a long one the part before its colon
    ("Part 1. Coordinated progress"), as books shorten their running heads."""
    if len(title_en) <= RUNNING_HEAD_MAX or ":" not in title_en:
        return title_en
    return title_en.split(":", 1)[0].strip()


def stylesheet() -> str:
    """pdf_edition.css after the page's geometry (from this module's constants)."""
    geometry = (
        f"@page {{ size: A4; margin: {MARGIN_TOP_BOTTOM_MM}mm {MARGIN_INSIDE_MM}mm; }}\n"
        f":root {{ --lawgov-measure: {MEASURE_MM}mm; }}\n"
    )
    return geometry + CSS.read_text(encoding="utf-8")


# --- charts: the SVG each chart's downloads hold, at the text width --------------------------

_SVG_WIDTH = re.compile(r'<svg[^>]*?\swidth="([\d.]+)"')
_SVG_HEIGHT = re.compile(r'<svg[^>]*?\sheight="([\d.]+)"')
_SVG_FONT = re.compile(r'font-size(?:="|:\s*)([\d.]+)(?:px)?')


def chart_width_mm(svg_text: str) -> float:
    """The width to print a chart at: the text width, or wider (up to the margins' inner half)
    where its smallest text would come out under MIN_CHART_TEXT_PT at the text width; narrower
    only where the chart would not fit on a page (then its text is smaller: :func:`fits_a_page`)."""
    m, h = _SVG_WIDTH.search(svg_text), _SVG_HEIGHT.search(svg_text)
    sizes = [float(s) for s in _SVG_FONT.findall(svg_text)]
    if not m or not sizes:
        return MEASURE_MM
    width_px, smallest_px = float(m[1]), min(sizes)
    needed_mm = width_px * MIN_CHART_TEXT_PT / (smallest_px * PT_PER_PX) / PX_PER_MM
    width = min(max(MEASURE_MM, needed_mm), WIDEST_CHART_MM)
    if h:
        width = min(width, TALLEST_CHART_MM * width_px / float(h[1]))
    return round(width, 1)


def fits_a_page(svg_text: str) -> bool:
    """Whether a chart printed with its text at MIN_CHART_TEXT_PT fits in a page's height."""
    height_px = float(_SVG_HEIGHT.search(svg_text)[1])
    smallest_px = min(float(s) for s in _SVG_FONT.findall(svg_text))
    scale = MIN_CHART_TEXT_PT / (smallest_px * PT_PER_PX)
    return height_px * scale / PX_PER_MM <= TALLEST_CHART_MM


def chart_text_pt(svg_text: str, printed_mm: float) -> float:
    """The smallest text of a chart printed printed_mm wide, in points."""
    width_px = float(_SVG_WIDTH.search(svg_text)[1])
    smallest_px = min(float(s) for s in _SVG_FONT.findall(svg_text))
    return smallest_px * (printed_mm * PX_PER_MM / width_px) * PT_PER_PX


# --- the single page made a book -------------------------------------------------------------


class EditionError(RuntimeError):
    """The single page does not hold what the book needs (the message says what)."""


def _text(node) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ")).strip()


def book_html(single: str, chapters: list[Chapter], charts: Path) -> tuple[str, list[Chapter]]:
    """The single page (Sphinx's singlehtml) as the book to print, and the chapters with their titles.

    charts: the folder of each chart's SVG (``<figure id>.svg``), the book's downloads.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(single, "html.parser")
    article = soup.select_one("article.bd-article") or soup.select_one("main")
    if article is None:
        raise EditionError("the single page has no article")
    titled = []
    for i, ch in enumerate(chapters):
        if i == 0:
            box = article.find("section")
        else:
            span = article.find(id=f"document-{ch.doc}")
            box = span.find_next_sibling() if span else None
        if box is None:
            raise EditionError(f"the single page has no chapter for {ch.doc} (book/_toc.yml)")
        heading = box.find(["h1", "h2", "h3"])
        zh_span = heading.select_one(".title-zh")
        zh = _text(zh_span) if zh_span else ""
        for extra in heading.select(".title-zh, .title-sep, .headerlink, .title-kicker"):
            extra.decompose()
        en = _text(heading)
        if i == 0:
            en, zh = INTRO_TITLE
        box["class"] = [*box.get("class", []), "lawgov-chapter"]
        heading.clear()
        heading.name = "h1"
        heading["class"] = ["lawgov-chapter-title"]
        heading["id"] = Chapter(ch.doc, ch.group).anchor
        # what the stylesheet turns into the running head and the bookmark (clean, one language)
        heading["data-running"] = running_head(en)
        heading["data-bookmark"] = en
        heading.append(en)
        if zh:
            sub = soup.new_tag("span", attrs={"class": "lawgov-zh-title", "lang": "zh-Hans"})
            sub.string = zh
            heading.append(sub)
        titled.append(Chapter(ch.doc, ch.group, en, zh))
    _sections_as_bookmarks(article)
    _charts_as_svg(soup, article, charts)
    _web_controls_out(article)
    for box in article.select("section.lawgov-chapter"):
        _trailing_empties_out(box)
    for details in article.find_all("details"):  # the original Chinese text, opened
        details.name = "div"
        details["class"] = [*details.get("class", []), "lawgov-details"]
        summary = details.find("summary")
        if summary is not None:
            summary.name = "p"
            summary["class"] = ["lawgov-summary"]
    styles = "".join(str(s) for s in article.find_all("style"))  # great_tables' own table styles
    for s in article.find_all("style"):
        s.decompose()
    body = title_page_html() + toc_html(titled) + str(article)
    doc = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(BOOK_TITLE)}</title>"
        f'<meta name="author" content="{html.escape(book_meta()["authors"] or AUTHOR)}">'
        f"{styles}</head><body>{body}</body></html>"
    )
    return doc, titled


def _sections_as_bookmarks(article) -> None:
    """Each chapter's sections are its bookmarks' second level, in English: a heading's Chinese
    title and its link mark stay out of the label."""
    for h in article.select(".lawgov-chapter section > h3, .lawgov-chapter section > h2"):
        if "lawgov-chapter-title" in h.get("class", []):
            continue
        label = h.__copy__()
        for extra in label.select(".title-zh, .title-sep, .headerlink"):
            extra.decompose()
        h["data-bookmark"] = _text(label)
        h["class"] = [*h.get("class", []), "lawgov-section-title"]


def _charts_as_svg(soup, article, charts: Path) -> None:
    """Every chart drawn by Vega in the browser becomes the SVG of its downloads, at the text width."""
    for viz in article.select('div[id^="altair-viz-"]'):
        figure = viz.find_parent("figure")
        svg = printed_svg(charts, figure.get("id", "")) if figure else None
        if svg is None or not svg.exists():
            raise EditionError(f"no SVG for the chart in figure {figure.get('id') if figure else '?'} under {charts}")
        width = chart_width_mm(svg.read_text(encoding="utf-8"))
        img = soup.new_tag(
            "img",
            attrs={
                "class": "lawgov-chart",
                "src": svg.resolve().as_uri(),
                "alt": figure.get("aria-label", ""),
                "style": f"width: {width}mm; margin-left: {(MEASURE_MM - width) / 2:.1f}mm",
            },
        )
        out = viz.find_parent("div", class_="output") or viz
        out.replace_with(img)
        _keep_with_heading(soup, img.find_parent("div", class_="cell") or figure)
    for script in article.find_all("script"):
        script.decompose()


def printed_svg(charts: Path, fig_id: str) -> Path:
    """The SVG a chart prints as: its print form if it has one (``chart_files.print_spec``),
    else its download."""
    printed = charts / "print" / f"{fig_id}.svg"
    return printed if printed.exists() else charts / f"{fig_id}.svg"


def _keep_with_heading(soup, block) -> None:
    """A heading right before a chart goes onto the chart's page: both in one unbreakable box
    (WeasyPrint's break-after: avoid does not reach into the next block when the chart,
    unbreakable itself, moves to the next page)."""
    prev = block.find_previous_sibling() if block is not None else None
    if prev is None or prev.name not in ("h2", "h3", "h4", "h5", "h6"):
        return
    box = soup.new_tag("div", attrs={"class": "lawgov-keep"})
    prev.insert_before(box)
    box.append(prev.extract())
    box.append(block.extract())


_WEB_CONTROLS = (
    ".headerlink, .copybtn, .toggle-button, button, .lawgov-download, .lawgov-chart-downloads, "
    ".d-print-none, .original-parallel, .lawgov-takeaway-links, nav, .prev-next-area, form, "
    'section[id^="download"]'  # a chapter's "Download" section: its links are the web book's
)


def _is_empty(node) -> bool:
    """No text and nothing drawn: an output cell left empty once its controls went."""
    if getattr(node, "name", None) is None:
        return not str(node).strip()
    return not node.get_text(strip=True) and node.find(["img", "svg", "table", "hr"]) is None


def _trailing_empties_out(box) -> None:
    """Empty blocks at a chapter's end: their margins alone can spill onto a page of their own,
    which the next chapter's page break then leaves blank."""
    while True:
        last = next((c for c in reversed(box.contents) if getattr(c, "name", None) or str(c).strip()), None)
        if last is None or not _is_empty(last):
            if last is not None and getattr(last, "name", None) in ("section", "div"):
                _trailing_empties_out(last)  # the empty tail of a chapter's last section
            return
        last.decompose()


def _web_controls_out(article) -> None:
    for node in article.select(_WEB_CONTROLS):
        node.decompose()
