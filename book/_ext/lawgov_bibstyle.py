"""The book's references, author-year (sphinxcontrib-bibtex): "(State Council 2004)" in the text,
the sources a page cites listed at its end, each under the same label.

Each chapter lists only the sources it cites (``{bibliography}`` with ``:filter: docname in
docnames``), so one source can sit in several bibliographies: its label must be the same in all
of them (numeric labels restart in each, and sphinxcontrib-bibtex then warns that "1" stands for
two sources). :mod:`lawgov.publish.references` labels each source by author and year over the
whole of ``references.bib`` (the same definition the downloaded notebooks use); the citation
in the text is that label in round brackets ("label" referencing, not sphinxcontrib-bibtex's
author_year, whose year alone cannot tell "State Council 2011a" from "2011b").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pybtex.plugin import register_plugin
from sphinxcontrib.bibtex.plugin import register_plugin as register_reference_style
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.label import LabelReferenceStyle

from lawgov.publish.references import style_for


def _round() -> BracketStyle:
    return BracketStyle(left="(", right=")", sep="; ")


@dataclass
class AuthorYearLabelStyle(LabelReferenceStyle):
    """{cite:p}`a,b` -> "(State Council 2004; O'Brien and Li 2004)"."""

    bracket_parenthetical: BracketStyle = field(default_factory=_round)
    bracket_textual: BracketStyle = field(default_factory=_round)


def register(app, config) -> None:
    bib = Path(app.srcdir) / config.bibtex_bibfiles[0]
    register_plugin("pybtex.style.formatting", "lawgov", style_for(bib), force=True)


def setup(app):
    register_reference_style("sphinxcontrib.bibtex.style.referencing", "lawgov_author_year", AuthorYearLabelStyle)
    app.connect("config-inited", register, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
