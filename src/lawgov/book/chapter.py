"""A part chapter's setup in one call, and the tables and texts its cells show.

``page = book.part_page("kunshan-2012", 4)`` loads the frames the chapter draws from,
glues every figure (for {glue:md}`figure_id`) and the chapter's numbers (for
{glue:text}`p4.key`, from ``lawgov.analysis.parts``), and returns them, so the notebook's
cells stay one-line calls: ``page.outline_table()``, ``page.figures_and_original("4.1")``,
``charts.rates(page.figs, [...])``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lawgov.analysis import crosswalk, parts, verdicts
from lawgov.book.glue import figures_download, glue_figures, in_section, original_text, source_note
from lawgov.book.pages import glue_page
from lawgov.frames import loaders
from lawgov.tables.figures import figures_table, outline_table


@dataclass(frozen=True)
class PartPage:
    """The frames of one part chapter (0 preamble, 1-5 the numbered parts, 6 closing)."""

    report: str
    part: int
    figs: pd.DataFrame
    outline: pd.DataFrame
    body: str
    meta: pd.Series  # the report's row of lawgov.reports(): title, issuer, year
    audit: pd.DataFrame  # lawgov.audit(report): the relations and their verdicts

    def outline_table(self):
        """The headings of this part (of the whole report, on the preamble's page)."""
        if self.part == 0:
            return outline_table(self.outline[self.outline["level"] == 0], title="The parts of the report")
        return outline_table(self.outline[self.outline["part"] == self.part], title=f"The outline of part {self.part}")

    def figures_table(self, section: str):
        """The figures of a section and everything under it, with the caption naming the source."""
        return figures_table(
            in_section(self.figs, section), title=f"Figures of §{section}", source=source_note(self.meta, [section])
        )

    def original_text(self, section: str):
        """The section's verbatim Chinese, in a collapsible block."""
        return original_text(self.body, self.outline, section)

    def figures_and_original(self, section: str):
        """How every section ends: its figures table (if it has figures), then its original text."""
        from IPython.display import HTML

        text = self.original_text(section).data
        if not len(in_section(self.figs, section)):
            return HTML(text)
        return HTML(self.figures_table(section)._repr_html_() + text)

    def download(self):
        """A link to this part's figures as CSV."""
        return figures_download(self.part)

    # The frames a few chapters chart, so their cells need no imports of their own.

    def speedup_series(self) -> pd.DataFrame:
        """Processing time under each reading of the speed-ups (``lawgov.analysis.verdicts.speedup_series``)."""
        return verdicts.speedup_series(self.report)

    def area_summary(self) -> pd.DataFrame:
        """Measures and figures per framework area (``lawgov.analysis.crosswalk.area_summary``)."""
        return crosswalk.area_summary(self.report)

    def closing_areas(self, framework: str = "opinion-2010") -> list[str]:
        """The areas of ``framework`` the crosswalk maps the closing to (``lawgov.analysis.parts.closing_areas``)."""
        return parts.closing_areas(self.report, framework)


def part_page(report: str, part: int) -> PartPage:
    """Load a part chapter's frames and glue its figures and its numbers (summary ``p<part>``)."""
    figs = loaders.figures(report)
    glue_figures(figs)
    glue_page(report, f"p{part}")
    return PartPage(
        report=report,
        part=part,
        figs=figs,
        outline=loaders.outline(report),
        body=loaders.body(report),
        meta=loaders.reports().set_index("id").loc[report],
        audit=loaders.audit(report),
    )
