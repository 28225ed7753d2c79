"""The bibliography style of the book's "Notes and sources" (sphinxcontrib-bibtex).

Each chapter lists only the sources it cites (``{bibliography}`` with ``:filter: docname in
docnames``), so one source can sit in several bibliographies. pybtex's numeric labels
restart in each of them, and sphinxcontrib-bibtex then warns that label "1" stands for two
different sources (a failed strict build). Citations are shown author-year, so the label is
never printed: labelling each entry by its key keeps it unique across the book.
"""

from __future__ import annotations

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle


class KeyLabelStyle(BaseLabelStyle):
    """The entry's BibTeX key as its label: the same source has the same label on every page."""

    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield entry.key


class LawgovStyle(PlainStyle):
    """pybtex's plain style, labelled by key."""

    default_label_style = KeyLabelStyle


def setup(app):
    register_plugin("pybtex.style.formatting", "lawgov", LawgovStyle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
