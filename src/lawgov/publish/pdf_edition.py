"""What makes the printed single page a book: a title page, a table of contents with page
numbers, a running head per chapter, the original Chinese text opened in full.

:mod:`lawgov.publish.pdf` opens the single-page HTML in Chromium, calls :data:`PREPARE_JS`
with :func:`front_matter` (which keeps only the article, after a title page and the
contents, marks each chapter and opens every ``<details>``), injects :func:`stylesheet`
(``pdf_edition.css`` plus one ``@page`` rule per chapter: its running head), prints once,
reads where each chapter starts from the PDF's outline (:func:`chapter_pages`, poppler's
``pdftohtml -xml``), writes the numbers into the contents (:data:`SET_PAGES_JS`) and
prints again; the numbers are the same width placeholders in both printings, so the
contents cannot grow and move the chapters.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lawgov.book.citation import book_meta, cite_book
from lawgov.book.identity import AUTHOR, BOOK_SUBTITLE, BOOK_TITLE, BOOK_TITLE_ZH, LICENSE
from lawgov.book.paths import BOOK

CSS = Path(__file__).with_name("pdf_edition.css")
PLACEHOLDER = "000"  # a page number's room in the contents before it is known
INTRO_TITLE = ("Introduction", "导言")  # the root page's heading is the book's title, on the title page already


@dataclass(frozen=True)
class Chapter:
    doc: str  # docname (intro, p4-oversight ...)
    group: str  # the _toc.yml part caption it sits under ("" for the root page)
    title_en: str = ""
    title_zh: str = ""


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
    """Title, subtitle, authors, version, date, licence and how to cite (every text escaped),
    followed by the contents' place (filled by :func:`toc_html` once the chapters are known)."""
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
        '<section class="lawgov-toc"></section>'
    )


def toc_html(chapters: list[Chapter], pages: list[int] | None = None) -> str:
    """The contents: each chapter under its part caption, with its page (placeholders before the first printing)."""
    e = html.escape
    rows, group = [], None
    for i, ch in enumerate(chapters):
        if ch.group != group:
            if group is not None or rows:
                rows.append("</ol>")
            if ch.group:
                rows.append(f'<p class="toc-group">{e(ch.group)}</p>')
            rows.append("<ol>")
            group = ch.group
        page = str(pages[i]) if pages else PLACEHOLDER
        zh = f'<span class="toc-zh" lang="zh-Hans">{e(ch.title_zh)}</span>' if ch.title_zh else ""
        rows.append(
            f'<li data-doc="{e(ch.doc)}"><span class="toc-title">{e(ch.title_en)}{zh}</span>'
            f'<span class="toc-dots"></span><span class="toc-page">{page}</span></li>'
        )
    rows.append("</ol>")
    return f'<section class="lawgov-toc" aria-label="Contents"><h1>Contents</h1>{"".join(rows)}</section>'


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


RUNNING_HEAD_MAX = 48  # characters beside the book's title in one line of the page's top margin


def running_head(title_en: str) -> str:
    """A chapter's running head: its English title, or for a long one the part before its colon
    ("Part 1. Coordinated progress"), as books shorten their running heads."""
    if len(title_en) <= RUNNING_HEAD_MAX or ":" not in title_en:
        return title_en
    return title_en.split(":", 1)[0].strip()


def stylesheet(chapters: list[Chapter]) -> str:
    """pdf_edition.css plus a named page per chapter: its (short) English title as the running head."""
    rules = [CSS.read_text(encoding="utf-8"), "@media print {"]
    head = "font: 8pt 'Noto Sans CJK SC', 'Noto Sans', sans-serif; color: #555;"
    for i, ch in enumerate(chapters):
        rules.append(
            f"  @page lawgov-ch-{i} {{ @top-left {{ content: {_css_string(running_head(ch.title_en))}; {head} }} "
            f"@top-right {{ content: {_css_string(BOOK_TITLE)}; {head} }} }}"
        )
        rules.append(f"  .lawgov-chapter[data-chapter='{i}'] {{ page: lawgov-ch-{i}; }}")
    rules.append("}")
    return "\n".join(rules)


# Runs in the single page, with {docs: [...], intro: [en, zh]}: marks each chapter, opens the
# original texts, splits "English · 中文" headings, keeps only the article; returns the
# chapters' titles in order (null for a doc the page does not hold).
PREPARE_JS = r"""(arg) => {
  const article = document.querySelector('article.bd-article') || document.querySelector('main');
  const clean = (h) => { const c = h.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove());
                         return c.textContent.replace(/\s+/g, ' ').trim(); };
  const out = [];
  arg.docs.forEach((doc, i) => {
    let box = null;
    if (i === 0) { box = article.querySelector(':scope > section'); }
    else { const span = document.getElementById('document-' + doc); box = span ? span.nextElementSibling : null; }
    if (!box) { out.push(null); return; }
    box.classList.add('lawgov-chapter'); box.dataset.chapter = String(i);
    const h = box.querySelector(':scope > :is(h1, h2, h3)');  // a page nested under a chapter has a lower heading
    let [en, zh] = clean(h).split(' · ');
    if (i === 0) { [en, zh] = arg.intro; }
    h.classList.add('lawgov-chapter-title');
    h.textContent = en;
    if (zh) { const s = document.createElement('span'); s.className = 'lawgov-zh-title'; s.lang = 'zh-Hans';
              s.textContent = zh; h.appendChild(s); }
    out.push([en, zh || '']);
  });
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const front = document.createElement('div');
  front.innerHTML = arg.front;
  document.body.replaceChildren(...front.children, article);
  document.body.className = 'lawgov-pdf';
  return out;
}"""

INSERT_TOC_JS = r"""(toc) => {
  const old = document.querySelector('.lawgov-toc');
  const box = document.createElement('div');
  box.innerHTML = toc;
  old.replaceWith(box.firstElementChild);
}"""

SET_PAGES_JS = r"""(pages) => {
  document.querySelectorAll('.lawgov-toc .toc-page').forEach((el, i) => { el.textContent = String(pages[i]); });
}"""


# --- where each chapter starts: the PDF's outline ----------------------------------------------

_ITEM = re.compile(r'<item page="(\d+)">(.*?)</item>', re.S)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", text)))


def outline(pdf: Path) -> list[tuple[int, str]]:
    """(page, heading text) of every bookmark of a PDF, in document order (poppler's pdftohtml)."""
    exe = shutil.which("pdftohtml")
    if not exe:
        raise FileNotFoundError("pdftohtml not found: apt-get install poppler-utils")
    xml = subprocess.run(
        [exe, "-xml", "-i", "-q", "-stdout", "-f", "1", "-l", "1", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return [(int(p), t) for p, t in _ITEM.findall(xml)]


def chapter_pages(pdf: Path, chapters: list[Chapter]) -> list[int]:
    """The page each chapter's heading is on, read from the PDF's bookmarks in order."""
    items = outline(pdf)
    pages, k = [], 0
    for ch in chapters:
        want = _norm(ch.title_en)[:40]
        while k < len(items) and not _norm(items[k][1]).startswith(want):
            k += 1
        if k == len(items):
            raise LookupError(f"no bookmark for the chapter {ch.title_en!r} ({ch.doc}) in {pdf.name}")
        pages.append(items[k][0])
        k += 1
    return pages
