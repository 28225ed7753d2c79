"""The reference tables of "About the source", "Data and methods" and "The report in numbers":
each a one-line call for its page, with its labels and title here rather than in a cell."""

from __future__ import annotations

import great_tables as gt
import pandas as pd

from lawgov.analysis import front, furniture
from lawgov.frames import loaders
from lawgov.tables.figures import figures_table, numbers_table, reference_table


def capture_table(report: str | None = None) -> gt.GT:
    meta = furniture.capture_metadata(report)[["field", "value"]]
    return reference_table(
        meta.rename(columns={"field": "Field", "value": "Value"}), title="The capture, as recorded in data/reports.yaml"
    )


def furniture_table(report: str | None = None) -> gt.GT:
    lines = furniture.furniture(report).rename(columns={"where": "Body", "line": "Line (verbatim)"})
    return reference_table(lines, title="Page furniture outside the report's body")


def punctuation_table(report: str | None = None) -> gt.GT:
    marks = furniture.punctuation(loaders.body(report)).rename(
        columns={
            "mark": "Mark",
            "full_width": "Full-width",
            "full_width_count": "Full-width in the body",
            "ascii": "ASCII",
            "ascii_count": "ASCII in the body",
        }
    )
    return reference_table(marks, title="Punctuation in the report's body")


def question_marks_table(report: str | None = None) -> gt.GT:
    q = furniture.question_marks(report).rename(
        columns={
            "string": "String (verbatim)",
            "offset": "Offset in the body",
            "section": "Section",
            "context": "Context (verbatim)",
        }
    )
    return reference_table(q, title="Every '?' in the report's body, found by code")


def october_table(report: str | None = None) -> gt.GT:
    """The figures that run only to the end of October, with the source line of a chapter's tables."""
    figs = furniture.periods_off_year(report)["october"]
    rep = loaders.reports().set_index("id").loc[report] if report else loaders.reports().iloc[0]
    return figures_table(
        figs,
        title="Figures that run only to the end of October",
        source=front.source_line(rep, sorted(set(figs["section"]))),
    )


def excluded_table(report: str | None = None) -> gt.GT:
    ex = loaders.excluded(report)[["quote", "reason_en"]]
    return reference_table(
        ex.rename(columns={"quote": "Quote", "reason_en": "Why it is not a figure"}),
        title="Numerals deliberately left out",
    )


def qualifiers_table(report: str | None = None) -> gt.GT:
    counts = front.qualifier_counts(report).rename(columns={"qualifier": "Qualifier", "figures": "Figures"})
    return reference_table(counts, title="Figures by qualifier")


def periods_table(report: str | None = None) -> gt.GT:
    counts = front.period_counts(report).rename(
        columns={"period": "Period (ISO 8601)", "basis": "How the text states it", "figures": "Figures"}
    )
    return reference_table(counts, title="Figures by period, and by how the text states it")


# Fixed widths so the quote column stays on the page.
EVERY_FIGURE_WIDTHS = {
    "section": "7%",
    "indicator": "25%",
    "value": "15%",
    "period": "9%",
    "topic": "13%",
    "quote": "31%",
}


def every_figure_table(figs: pd.DataFrame) -> gt.GT:
    """ "The report in numbers": every figure, each row with its anchor, at widths that fit the page."""
    return numbers_table(figs).cols_width(EVERY_FIGURE_WIDTHS)
