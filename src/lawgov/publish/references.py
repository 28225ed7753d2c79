"""The book's references, author-year: "(State Council 2004)", the list at the page's end.

One definition of how a source is named, for the built book (``book/_ext/lawgov_bibstyle.py``
registers :class:`Style` with sphinxcontrib-bibtex) and for the downloaded notebooks
(:mod:`lawgov.publish.reader_notebook`), so the two read alike:

- the **label** of a source is its author and year: the English name an official issuer carries
  in brackets ("国务院 (State Council)" -> "State Council"), else the authors' family names
  ("O'Brien and Li", "Pei"); a letter tells apart two sources of one author and year, in the
  order of their titles ("State Council 2011a", "State Council 2011b"). The labels are computed
  over the whole of ``book/references.bib``, so a source has the same label on every page;
- a **citation** is its labels in round brackets, separated by semicolons, in the order of
  the list of sources;
- a **list of sources** is in pybtex's plain style and its order (author, year, title), as
  sphinxcontrib-bibtex sorts a bibliography.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle

ISSUER = re.compile(r"^\{?[^()]*\(([^()]+)\)\}?$")  # "{国务院 (State Council)}" -> "State Council"


def short_name(entry: Any) -> str:
    """The entry's author as a citation names it (no year)."""
    persons = entry.persons.get("author", [])
    if len(persons) == 1:
        whole = " ".join(persons[0].last_names + persons[0].first_names)
        issuer = ISSUER.match(whole)
        if issuer:
            return issuer.group(1).strip()
    names = [" ".join(p.last_names).strip("{}") for p in persons]
    if not names:
        return entry.fields.get("title", entry.key).strip("{}")
    if len(names) > 2:
        return f"{names[0]} et al."
    return " and ".join(names)


def author_year_labels(entries: Iterable[Any]) -> dict[str, str]:
    """{key: "Author Year"} for every entry, a letter added where two share author and year."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for entry in entries:
        groups[f"{short_name(entry)} {entry.fields.get('year', 'n.d.')}"].append(entry)
    labels = {}
    for base, same in groups.items():
        if len(same) == 1:
            labels[same[0].key] = base
            continue
        for letter, entry in zip("abcdefghijklmnopqrstuvwxyz", sorted(same, key=lambda e: e.fields["title"])):
            labels[entry.key] = f"{base}{letter}"
    return labels


@functools.cache
def book_labels(bib_file: Path) -> dict[str, str]:
    from pybtex.database import parse_file

    return author_year_labels(parse_file(str(bib_file)).entries.values())


def style_for(bib_file: Path) -> type[PlainStyle]:
    """pybtex's plain style, each entry labelled author-year (over all of ``bib_file``)."""

    class AuthorYearLabels(BaseLabelStyle):
        def format_labels(self, sorted_entries):
            labels = book_labels(bib_file)
            for entry in sorted_entries:
                yield labels[entry.key]

    class Style(PlainStyle):
        default_label_style = AuthorYearLabels

    return Style


@functools.cache
def book_order(bib_file: Path) -> dict[str, int]:
    """{key: its place} in the order of the book's lists of sources (pybtex's plain sort)."""
    from pybtex.database import parse_file

    entries = PlainStyle().sort(parse_file(str(bib_file)).entries.values())
    return {e.key: i for i, e in enumerate(entries)}


def citation(keys: Iterable[str], labels: dict[str, str], order: dict[str, int]) -> str:
    """A parenthetical citation, as the book prints it: "(State Council 2004; State Council 2008)",
    its sources in the order of the list of sources."""
    return "(" + "; ".join(labels[k] for k in sorted(keys, key=order.__getitem__)) + ")"


def listing(keys: Iterable[str], bib_file: Path) -> list[tuple[str, str]]:
    """[(label, the entry as markdown)] of the cited ``keys``, in the book's order."""
    from pybtex.database import parse_file

    data = parse_file(str(bib_file))
    entries = [data.entries[k] for k in dict.fromkeys(keys) if k in data.entries]
    style = style_for(bib_file)()
    return [(e.label, " ".join(e.text.render_as("markdown").split())) for e in style.format_entries(entries)]
