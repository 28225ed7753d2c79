"""One base URL for the book's link previews, sitemap and canonical links.

sphinxext-opengraph writes the Open Graph tags and the page description, sphinx-sitemap the
sitemap.xml, Sphinx itself ``<link rel="canonical">``. Each reads its own setting; the book
writes the base URL once, as ``html.baseurl`` in _config.yml, and this passes it on. A base
URL without its trailing slash would lose the book's folder: sphinx-sitemap appends the page
to it as a string and Open Graph's URL join drops the last path segment. With no base URL
there is no sitemap (its entries must be absolute) and og:url is the page's own file name.
"""
from __future__ import annotations


def share_base_url(app, config) -> None:
    base = (config.html_baseurl or "").strip()
    if base and not base.endswith("/"):
        base += "/"
    config.html_baseurl = base
    if not config.ogp_site_url:
        config.ogp_site_url = base


def setup(app):
    app.connect("config-inited", share_base_url)
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}
