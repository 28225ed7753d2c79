"""What the book and its data package are called, who made them, their licence and version.

The one definition of the book's title and author line. The citations
(:mod:`lawgov.book.citation`), the download names (:mod:`lawgov.book.links`), the data
package (:mod:`lawgov.publish.datapackage`) and the PDF's title page (:mod:`lawgov.publish.pdf`)
take them from here; the files that cannot import Python repeat them and
``tests/test_citation.py`` checks that they agree: ``book/_config.yml`` (title, author: the
site's title and footer), ``CITATION.cff`` (title, authors), ``pyproject.toml`` (authors) and
the landing page's heading (``book/intro.md``: ``# <BOOK_TITLE> · <BOOK_TITLE_ZH>``).
"""

from __future__ import annotations

PACKAGE_NAME = "kunshan-2012-lawgov"
BOOK_TITLE = "Kunshan 2012: law-based administration, in numbers"
BOOK_TITLE_ZH = "昆山依法行政2012"
BOOK_SUBTITLE = (
    "A research edition of the Kunshan Municipal People's Government's report on its work "
    "on law-based administration in 2012: the text, every number in it, and what the numbers "
    "do and do not show"
)
AUTHOR = "Lawgov book contributors"
PACKAGE_TITLE = f"{BOOK_TITLE}: the dataset (figures, outline, audit and crosswalk)"
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
CODE_LICENSE = "MIT"  # = pyproject.toml's license and LICENSE (tests/test_citation.py)


def version() -> str:
    """The version of the book and the package: ``lawgov``'s, as installed (from pyproject.toml)."""
    import lawgov

    return lawgov.__version__
