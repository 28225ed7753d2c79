"""The book's chapters as Jupyter notebooks (.ipynb), for readers without jupytext.

The MyST-markdown source itself is offered by the theme's download button (``_sources/<doc>.md``).
"""
from __future__ import annotations

from pathlib import Path


def notebook_sources(book_dir: Path) -> list[tuple[str, Path]]:
    """(docname, source) of every MyST-markdown notebook listed in the book's _toc.yml."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    out = []
    for docname in parse_toc_yaml(book_dir / "_toc.yml"):
        src = book_dir / f"{docname}.md"
        if src.exists():
            head = src.read_text(encoding="utf-8")[:2000]
            if head.startswith("---") and "kernelspec:" in head and "format_name: myst" in head:
                out.append((docname, src))
    return out


def write_notebooks(book_dir: Path, out_dir: Path, html_dir: Path | None = None) -> list[Path]:
    """Each chapter notebook as .ipynb in out_dir (unexecuted, via jupytext), its prose as the
    page reads (glued values, figure numbers: lawgov.publish.reader_notebook), its links,
    citations and included files made to work outside the book, and a README."""
    import jupytext

    from lawgov.book.identity import BOOK_TITLE
    from lawgov.publish import reader_notebook

    written = []
    sources = notebook_sources(book_dir)
    pages = reader_notebook.Pages(book_dir, {doc for doc, _ in sources}, html_dir)
    for docname, src in sources:
        nb = jupytext.read(src)
        executed = reader_notebook.executed_notebook(nb, book_dir / "_build" / ".jupyter_cache")
        page = html_dir / f"{docname}.html" if html_dir else None
        nb = reader_notebook.for_reader(nb, executed, page.read_text(encoding="utf-8") if page and page.exists() else None,
                                     pages)
        dest = out_dir / f"{docname}.ipynb"
        dest.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(nb, dest, fmt="ipynb")
        written.append(dest)
    readme = out_dir / "README.md"  # how to run them: pip install "lawgov[notebook]", jupyter lab
    readme.write_text(reader_notebook.readme(BOOK_TITLE), encoding="utf-8")
    return [*written, readme]
