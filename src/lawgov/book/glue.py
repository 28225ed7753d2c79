"""Conveniences for the book's notebooks: one-line calls that keep notebooks narrative.

Numbers reach the prose through myst-nb's glue: ``glue_figures`` pastes each figure's
value (with unit and qualifier, linked to its row in "The report in numbers") under its
id, so a chapter writes {glue:md}`normative_documents_abolished` and never types 95.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd

from lawgov.analysis import display, front
from lawgov.book.parallel import sentence_href
from lawgov.dataset.sentences import sentence_id

# The chapter that walks through each part of the report (docnames in book/_toc.yml).
PART_PAGES = {
    0: "p0-preamble",
    1: "p1-foundations",
    2: "p2-functions",
    3: "p3-decisions",
    4: "p4-oversight",
    5: "p5-governance",
    6: "p6-closing",
}


def _glue(key: str, value, shown: bool = False) -> None:
    """myst-nb's glue in the book; elsewhere (no myst-nb) plain output: shown if asked, else nothing.

    A downloaded notebook's prose already reads with the values in place (the export pastes
    them, see lawgov.publish.reader_notebook), so a notebook needs myst-nb only to build the book.
    """
    try:
        from myst_nb import glue
    except ImportError:
        if shown:
            from IPython.display import display as show

            show(value)
        return
    glue(key, value, display=shown)


def glue_figures(figs: pd.DataFrame) -> None:
    """Glue every figure's English value, linked to its anchor, under its id (for {glue:md})."""
    from IPython.display import Markdown

    for f in figs.to_dict("records"):
        _glue(f["id"], Markdown(display.link(f["id"], display.value_en(f))))
        _glue(f"{f['id']}.zh", Markdown(f'<span lang="zh">{html.escape(display.value_zh(f))}</span>'))


def glue_text(values: dict[str, str]) -> None:
    """Glue derived text (computed shares, audit verdicts) for {glue:text}."""
    for key, value in values.items():
        _glue(key, str(value))


def original_text(body: str, outline: pd.DataFrame, section: str):
    """The verbatim Chinese of one section, in a collapsible block."""
    from IPython.display import HTML

    row = outline.set_index("section").loc[section]
    text = body[int(row["start"]) : int(row["end"])].strip()
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n") if p.strip())
    # counted as shown, line breaks included (the chapters' lengths exclude all whitespace)
    summary = f"原文 · Original text of §{html.escape(section)} ({len(text):,} characters, line breaks included)"
    parallel = (
        f'<p class="original-parallel"><a href="{sentence_href(sentence_id(section, 1))}">'
        f"§{html.escape(section)} sentence by sentence, with an English translation</a></p>"
    )
    return HTML(
        f'<details class="original-text"><summary>{summary}</summary>'
        f'<div lang="zh-Hans" class="original-zh">{paragraphs}</div>{parallel}</details>'
    )


def in_section(figs: pd.DataFrame, section: str) -> pd.DataFrame:
    """Figures of a section and everything under it, in reading order."""
    mask = (figs["section"] == section) | figs["section"].str.startswith(section + ".")
    return figs[mask].sort_values("offset")


def source_note(report: pd.Series, sections: Iterable[str]) -> str:
    """The caption line naming where a chart's numbers come from."""
    return front.source_line(report, sections)


def figures_download(part: int):
    """A link to this part's figures as CSV: the book's file in the book; elsewhere (JupyterLab,
    a downloaded .ipynb, which have no downloads folder) a link carrying the CSV itself."""
    from IPython.display import HTML

    from lawgov.book.links import chapter_csv_data_link, chapter_download_link
    from lawgov.charts.notebook import in_book_build

    return HTML(chapter_download_link(part) if in_book_build() else chapter_csv_data_link(part))
