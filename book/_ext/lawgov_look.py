"""The book's look: chapter headers in three parts, charts that fit their column.

- **Headers.** A page's first heading reads "Part 4: Oversight and regulated conduct ·
  四、强化监督,着力规范依法行政行为". In the HTML its parts are marked, without changing the
  text or the notebooks: the kicker ("Part 4", "Preamble", "Closing", "Appendix"), the
  English title and the Chinese heading (``lang="zh"``), each a ``span`` that lawgov.css
  styles; the separators stay in the text for copying and screen readers but are not
  shown. Lower headings "4.1 ... · 政府法制监督" get their Chinese part marked the same way.
  Only the page body changes: the page ``<title>``, the navigation and the search index
  keep the heading as written.
- **Charts.** ``_static/lawgov-charts.js`` (book/_ext/static) is loaded right after the
  Vega bundle, before any chart is drawn: see that file for how a chart wider than its
  column is laid out again instead of scaled down.
- **Tables.** ``_static/lawgov-tables.js`` reflows, marks the sideways scroll of, and sorts and
  filters the long tables of every page.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

SEPARATOR = " · "
KICKER = re.compile(r"^(Part \d+|Preamble|Closing|Appendix):\s+")
CJK = re.compile(r"[\u3400-\u9fff]")
CHARTS_JS = "lawgov-charts.js"
TABLES_JS = "lawgov-tables.js"  # deferred: it only lays out tables the page has already drawn
VEGA_PRIORITY = 800  # jupyter-book adds book/_static/*.js (the Vega bundle) at Sphinx's default 800


def span(text: str, *classes: str) -> nodes.inline:
    return nodes.inline(text, text, classes=list(classes))


def title_parts(text: str, page_title: bool) -> list[nodes.Node] | None:
    """The title's text as marked spans, or None if it has no Chinese part after " · "."""
    english, sep, chinese = text.rpartition(SEPARATOR)
    if not sep or not CJK.search(chinese) or CJK.search(english):
        return None
    parts: list[nodes.Node] = []
    kicker = KICKER.match(english) if page_title else None
    if kicker:
        parts += [span(kicker.group(1), "title-kicker"), span(": ", "title-sep")]
        english = english[kicker.end() :]
    if page_title:
        parts.append(span(english, "title-en"))
    else:
        parts.append(nodes.Text(english))
    parts += [span(SEPARATOR, "title-sep"), span(chinese, "title-zh", "language-zh")]
    return parts


class TitleParts(SphinxPostTransform):
    """Marks kicker, English title and Chinese heading in section titles (HTML only)."""

    default_priority = 400
    formats = ("html",)

    def run(self, **kwargs) -> None:
        first = True
        for title in list(self.document.findall(nodes.title)):
            if not isinstance(title.parent, nodes.section):
                continue
            page_title, first = first, False
            if not all(isinstance(child, nodes.Text) for child in title.children):
                continue
            parts = title_parts(title.astext(), page_title)
            if parts:
                title.children = []
                title.extend(parts)
                if page_title:
                    title["classes"].append("lawgov-page-title")


def add_static(app, config) -> None:
    config.html_static_path.append(str(Path(__file__).parent / "static"))


def setup(app):
    app.connect("config-inited", add_static)
    app.add_post_transform(TitleParts)
    app.add_js_file(CHARTS_JS, priority=VEGA_PRIORITY + 10)
    app.add_js_file(TABLES_JS, loading_method="defer")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
