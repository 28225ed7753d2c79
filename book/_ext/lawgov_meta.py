"""Link previews and search-result text for every page, generated offline (issue 5).

For each HTML page: ``<meta name="description">`` and OpenGraph / Twitter-card tags
(og:title, og:description, og:type, og:site_name, og:locale; og:url only when the book
has a base URL, ``html.baseurl`` in _config.yml). The description is the page's
``description`` front-matter field if it has one, else its first paragraph (by the book's
conventions the italic line under the title saying what the page covers), cut at a word
to 200 characters. Nothing is fetched and no image is generated.

With a base URL configured, the HTML build also writes ``sitemap.xml`` (every page, sorted,
no dates, so it is deterministic); without one there is no sitemap, since its entries must
be absolute URLs.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from docutils import nodes

MAX_DESCRIPTION = 200


def _text(value: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", value or ""))).strip()


def _cut(text: str, limit: int = MAX_DESCRIPTION) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:·- ")
    return cut + "…"


def page_description(app, pagename: str, doctree) -> str:
    meta = app.env.metadata.get(pagename, {}) if pagename in app.env.all_docs else {}
    if meta.get("description"):
        return _cut(_text(str(meta["description"])))
    if doctree is not None:
        for para in doctree.findall(nodes.paragraph):
            # skip paragraphs inside code-cell outputs and admonitions' titles
            if any(isinstance(p, (nodes.literal_block, nodes.raw)) for p in para.traverse(include_self=False)):
                continue
            text = _text(para.astext())
            if len(text) >= 40:
                return _cut(text)
    return _cut(app.config.lawgov_site_description or app.config.project)


def _base(app) -> str:
    return (app.config.html_baseurl or "").strip()


def add_meta(app, pagename, templatename, context, doctree) -> None:
    if app.builder.name not in ("html", "dirhtml"):
        return
    site = _text(app.config.html_title or app.config.project)
    title = _text(context.get("title", "")) or site
    description = page_description(app, pagename, doctree)
    tags = {
        "og:title": title,
        "og:description": description,
        "og:type": "website",
        "og:site_name": site,
        "og:locale": "en_GB",
    }
    base = _base(app)
    if base:
        tags["og:url"] = f"{base.rstrip('/')}/{pagename}.html"
    lines = [f'<meta name="description" content="{html.escape(description)}" />']
    lines += [f'<meta property="{k}" content="{html.escape(v)}" />' for k, v in tags.items()]
    lines += ['<meta name="twitter:card" content="summary" />',
              f'<meta name="twitter:title" content="{html.escape(title)}" />',
              f'<meta name="twitter:description" content="{html.escape(description)}" />']
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(lines) + "\n"


def write_sitemap(app, exception) -> None:
    if exception is not None or app.builder.name != "html":
        return
    base = _base(app)
    target = Path(app.outdir) / "sitemap.xml"
    if not base:
        target.unlink(missing_ok=True)
        return
    urls = "".join(f"  <url><loc>{html.escape(base.rstrip('/') + '/' + doc + '.html')}</loc></url>\n"
                   for doc in sorted(app.env.found_docs))
    target.write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                      f"{urls}</urlset>\n", encoding="utf-8")


def setup(app):
    app.add_config_value("lawgov_site_description", "", "html")
    app.connect("html-page-context", add_meta)
    app.connect("build-finished", write_sitemap)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
