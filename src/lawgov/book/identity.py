"""What the book and its data package are called, who made them, their licence and version.

The citations (:mod:`lawgov.book.citation`), the download names (:mod:`lawgov.book.links`)
and the data package (:mod:`lawgov.publish.datapackage`) all take them from here.
CITATION.cff, when present, overrides the title and authors in citations.
"""
from __future__ import annotations

PACKAGE_NAME = "kunshan-2012-lawgov"
PACKAGE_TITLE = "Kunshan 2012 report on law-based administration: figures, outline, audit and crosswalk"
BOOK_TITLE = "Kunshan 2012: law-based administration, in numbers"
AUTHOR = "Lawgov book contributors"
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def version() -> str:
    """The version of the book and the package: ``lawgov``'s, as installed (from pyproject.toml)."""
    import lawgov

    return lawgov.__version__
