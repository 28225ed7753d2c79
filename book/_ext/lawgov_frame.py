"""The frame around every page: the sidebar's first entry and the footer.

- **Home.** sphinx-book-theme puts the landing page at the top of the sidebar under its full
  heading (the book's title, again, under the same title at the sidebar's head). It is named
  here as the other entries are, by a short name ("Home"); the sidebar then shows the
  heading's Chinese below it, as for every entry (``lawgov_light.sidebar_chinese``).
- **Footer.** ``templates/lawgov-footer.html`` names the book, its version and its licences.
  Title and licence come from :mod:`lawgov.book.identity`, the version from the installed
  package (pyproject.toml; ``tests/test_citation.py`` checks that CITATION.cff says the same),
  so the footer cannot drift from the citation.
"""

from __future__ import annotations

from pathlib import Path

HOME = "Home"
TEMPLATES = Path(__file__).parent / "templates"


def footer_context() -> dict[str, str]:
    from lawgov.book import identity

    return {
        "title": identity.BOOK_TITLE,
        "version": identity.version(),
        "licence": identity.LICENSE["name"].replace("-", " "),  # CC-BY-4.0 -> CC BY 4.0
        "licence_url": identity.LICENSE["path"],
        "code_licence": identity.CODE_LICENSE,
    }


def add_templates(app, config) -> None:
    config.templates_path.append(str(TEMPLATES))


def page_context(app, pagename, templatename, context, doctree) -> None:
    context["root_title"] = HOME
    context["lawgov_footer"] = footer_context()


def setup(app):
    app.connect("config-inited", add_templates)
    # after sphinx-book-theme's handler (priority 500), which sets root_title from the heading
    app.connect("html-page-context", page_context, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
