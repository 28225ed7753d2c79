"""One summary per page: every value and single data-dependent word a page's prose shows, keyed
for glue (never a sentence: sentences are written on the page).

A page's set-up cell calls ``book.start_page(REPORT, "intro")`` once (a part chapter
``book.part_page(REPORT, 4)``, a page without figures ``book.glue_page(REPORT, "cite")``); its
prose then writes {glue:text}`p4.n_figures` and never types a number. Each page's summary is
a function of the analysis stage (``lawgov.analysis``), registered here under the page's name.
"""

from __future__ import annotations

from collections.abc import Callable

from lawgov.analysis import crosswalk, front, furniture, parts, verdicts, writing
from lawgov.book import parallel

# page name -> summary(report) -> {key: text}. Keys are prefixed with the page name.
SUMMARIES: dict[str, Callable[[str | None], dict[str, str]]] = {
    "audit": lambda report: verdicts.summary(report),
    "writing": lambda report: writing.summary(report),
    "frameworks": lambda report: crosswalk.summary(report),
    "report": lambda report: parallel.summary(report),
    **{f"p{part}": (lambda report, part=part: parts.summary(report, part)) for part in range(7)},  # p0 ... p6
    "intro": front.intro_summary,
    "numbers": front.numbers_summary,
    "source": lambda report: furniture.summary(report),
    "methods": front.methods_summary,
    "data": front.data_summary,
    "glossary": front.glossary_summary,
    "cite": front.cite_summary,
}


def page_summary(report: str | None, page: str) -> dict[str, str]:
    """The texts of one page (KeyError naming the known pages for an unknown one)."""
    if page not in SUMMARIES:
        raise KeyError(f"no summary for page {page!r}; known: {', '.join(sorted(SUMMARIES))}")
    return SUMMARIES[page](report)


def glue_page(report: str | None, page: str) -> dict[str, str]:
    """Glue every text of the page's summary (for {glue:text}) and return them."""
    from lawgov.book.glue import glue_text

    values = page_summary(report, page)
    glue_text(values)
    return values


def start_page(report: str | None, page: str):
    """What a page's set-up cell does: glue every figure's value (for {glue:md}) and the page's
    summary (for {glue:text}); returns the report's figures, for the page's charts and tables."""
    import lawgov
    from lawgov.book.glue import glue_figures

    figs = lawgov.figures(report)
    glue_figures(figs)
    glue_page(report, page)
    return figs
