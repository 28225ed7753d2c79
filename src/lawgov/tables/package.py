"""The data package's tables and fields as frames, for the "Data and downloads" page.

Both take the package as described (:func:`lawgov.frames.tableschema.describe`, from the
one column dictionary), so the page shows what ``datapackage.json`` says.
"""
from __future__ import annotations

import html
from typing import Any

import pandas as pd


def resources_table(described: list[dict[str, Any]], links: dict[str, str]) -> pd.DataFrame:
    """One row per table, with links to it in each format (``links["<table>.<ext>"]``: its path).

    The "what it holds" and "download" cells are HTML (escaped text, links): show the frame
    with ``to_html(escape=False)``.
    """
    rows = []
    for r in described:
        files = [(ext, links[f"{r['name']}.{ext}"]) for ext in ("csv", "json", "parquet") if f"{r['name']}.{ext}" in links]
        rows.append({"table": r["name"], "what it holds": html.escape(r["description"]), "rows": r["rows"],
                     "fields": len(r["schema"]["fields"]), "key": ", ".join(r["schema"]["primaryKey"]),
                     "download": " · ".join(f'<a href="{html.escape(href)}">{ext.upper()}</a>' for ext, href in files)})
    return pd.DataFrame(rows)


def fields_table(fields: list[dict[str, Any]]) -> pd.DataFrame:
    """The fields of one table (its Table Schema fields): name, type, unit, constraints, description."""
    rows = []
    for f in fields:
        c = f.get("constraints", {})
        notes = [k for k in ("required", "unique") if c.get(k)]
        if "enum" in c:
            notes.append("one of " + ", ".join(c["enum"]))
        if "pattern" in c:
            notes.append(f"pattern {c['pattern']}")
        kind = f["type"] + (f" ({f['delimiter']}-separated)" if "delimiter" in f else "")
        rows.append({"field": f["name"], "type": kind, "unit": f.get("unit", ""), "constraints": "; ".join(notes),
                     "description": f["description"]})
    return pd.DataFrame(rows)
