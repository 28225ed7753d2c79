"""Where a quote stands in a report body, and in which section."""

from __future__ import annotations

from lawgov.dataset.headings import Heading


def find_in_span(body: str, quote: str, span: Heading | None) -> tuple[int | None, bool]:
    """(offset of the first occurrence of ``quote`` wholly inside ``span``, whether it occurs at all)."""
    at = body.find(quote)
    found = at >= 0
    while at >= 0 and span is not None:
        if span.start <= at and at + len(quote) <= span.end:
            return at, True
        at = body.find(quote, at + 1)
    return None, found


def ancestors(section: str) -> list[str]:
    """The section and the sections holding it: 4.1.4 -> [4.1.4, 4.1, 4]."""
    parts = section.split(".")
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]
