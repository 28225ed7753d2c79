"""Download links and ready-made HTML tables for the pages that list files ("Data and downloads",
the landing page), so no notebook builds HTML. The paths come from ``lawgov.publish`` (the
notebook passes them in: the book stage does not import the publishing one)."""
from __future__ import annotations

import html
from collections.abc import Mapping

import pandas as pd


def _a(href: str, text: str) -> str:
    return f'<a class="reference download" href="{html.escape(href)}">{html.escape(text)}</a>'


def download_list(links: Mapping[str, str], items: Mapping[str, tuple[str, str]]):
    """A list of downloads: ``items`` maps a key of ``links`` (its path) to (link text, what follows it)."""
    from IPython.display import HTML

    rows = "".join(f"<li>{_a(links[key], text)}{html.escape(after)}</li>" for key, (text, after) in items.items())
    return HTML(f"<ul>{rows}</ul>")


def chapter_download_list(paths: Mapping[int, str], outline: pd.DataFrame):
    """One link per part's figures CSV (``paths``: part -> path), with the part's English title."""
    titles = outline[outline["level"] == 0].set_index("part")["title_en"]
    items = {str(p): (path.rsplit("/", 1)[-1], f": part {p}, {titles.get(p, '')}") for p, path in paths.items()}
    return download_list({str(p): path for p, path in paths.items()}, items)


def html_table(df: pd.DataFrame, *, escape: bool = False):
    """A plain HTML table of ``df``: its cells escaped, or (the default) already HTML, built and
    escaped by the function that made them."""
    from IPython.display import HTML

    return HTML(df.to_html(index=False, escape=escape, classes="table"))
