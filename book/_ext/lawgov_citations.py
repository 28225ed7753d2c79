"""Bibliography entries that pass the accessibility check (issue 10).

docutils writes each chapter's "Notes and sources" as a ``<div role="list">`` of entries
with ``role="doc-biblioentry"``, a role DPUB-ARIA 1.1 deprecates (in favour of
``listitem``). axe (tests/defences/test_site.py) ignores the deprecated role, so it sees
the entries' back-links as children of the list: a critical ``aria-required-children``
violation. Each entry is given the role it stands for, ``listitem``; nothing else changes.
"""
from __future__ import annotations

import re

_ENTRY = re.compile(r'(<div class="citation"(?: id="[^"]*")?) role="doc-biblioentry"')


def entries_as_list_items(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body and "doc-biblioentry" in body:
        context["body"] = _ENTRY.sub(r'\1 role="listitem"', body)


def setup(app):
    app.connect("html-page-context", entries_as_list_items)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
