"""The book's title and base URL, passed to its link previews, sitemap and canonical links.

sphinxext-opengraph writes the Open Graph tags and the page description, sphinx-sitemap the
sitemap.xml, Sphinx itself ``<link rel="canonical">``. Each reads its own settings, while the
book states its title and base URL once in _config.yml (``title``, ``html.baseurl``); this
passes them on. Jupyter Book sets ``html_title`` but not ``project``, which Open Graph would
name the site by ("Project name not set"). A base URL needs its trailing slash: without it
sphinx-sitemap glues the page onto the folder's name and Open Graph's URL join drops the
folder. With no base URL there is no sitemap (its entries must be absolute) and og:url is the
page's own file name.
"""

from __future__ import annotations


def pass_on_title_and_base_url(app, config) -> None:
    if config.ogp_site_name is None:
        config.ogp_site_name = config.html_title
    base = (config.html_baseurl or "").strip()
    if base and not base.endswith("/"):
        base += "/"
    config.html_baseurl = base
    if not config.ogp_site_url:
        config.ogp_site_url = base


def setup(app):
    app.connect("config-inited", pass_on_title_and_base_url)
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}
