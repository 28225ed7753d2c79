"""How a figure is written out: one place, used by tables, chart tooltips and prose.

A figure's value never travels alone: its unit and qualifier go with it, so that
"30多个" is never shown as a bare 30 and "99.6%以上" never as a bare 99.6%.
"""

from __future__ import annotations

import html

# How a figure's value is written out is decided once, in the frames stage (the data's own
# notes are filled with it there); re-exported here for tables, charts and prose.
from lawgov.frames.values import (  # noqa: F401
    MONEY_UNITS_YUAN,
    QUALIFIER_EN,
    missing,
    number,
    value_en,
    value_zh,
)

QUALIFIER_LABEL = {
    "exact": "exact",
    "more_than": "more than (多)",
    "at_least": "or more (以上)",
    "approximately": "about",
    "ordinal": "ordinal",
}


def _day(t) -> str:
    return f"{t.day} {t:%b %Y}"


def period_en(start, end) -> str:
    """'2012', '2010–2012' for whole years, else '1 Jan 2012 – 31 Oct 2012'; an end the text does not
    state (missing) is said so: 'from 1 Jan 2012, end not stated', 'to 31 Oct 2012, start not stated'."""
    import pandas as pd

    if pd.isna(start) and pd.isna(end):
        return "not stated"
    if pd.isna(end):
        return f"from {_day(pd.Timestamp(start))}, end not stated"
    if pd.isna(start):
        return f"to {_day(pd.Timestamp(end))}, start not stated"
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return f"{start.year}" if start.year == end.year else f"{start.year}–{end.year}"
    return f"{_day(start)} – {_day(end)}"


def period_stated_en(row) -> str:
    """A figure's period with how the text states it: '2012 (全年)', 'from 1 Jan 2012, end not stated
    (今年以来)', 'to 31 Oct 2012, start not stated (截止10月底)', '2012 (assumed)' where the text states no
    period, '8 Nov 2012 – 14 Nov 2012 (read from 十八大期间)'. Where a table or card shows a period, it shows
    this, so an assumed year never reads as a stated one, nor a count to date as a year's."""
    period = period_en(row["period_start"], row["period_end"])
    basis, words = str(row["period_basis"]), row.get("period_words")
    if basis == "not_stated":
        return f"{period} (assumed)"
    if basis == "reading":
        return f"{period} (read from {words})"
    return f"{period} ({words})"


def anchor(figure_id: str) -> str:
    """The stable HTML anchor of a figure in "The report in numbers"."""
    return f"fig-{figure_id}"


NUMBERS_PAGE = "numbers"  # docname of "The report in numbers" (book/numbers.md)


def link(figure_id: str, text: str, *, page_prefix: str = "") -> str:
    """An HTML link from any page to a figure's row in "The report in numbers"."""
    href = f"{page_prefix}{NUMBERS_PAGE}.html#{anchor(figure_id)}"
    return f'<a class="fig-link" href="{html.escape(href)}">{html.escape(text)}</a>'
