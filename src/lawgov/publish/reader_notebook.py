"""A chapter notebook as a reader downloads it: it reads as the page does and runs where it lands.

The book's prose takes its numbers from myst-nb's glue ({glue:text}`key`, {glue:md}`key`)
and its figure numbers from Sphinx ({numref}`fig-...`). Neither is rendered outside the book:
jupyterlab-myst renders MyST but has no glue (it shows the key), and myst-nb's own inline
alternative, the {eval} role, needs ``nb_execution_mode: inline``, which cannot use the
execution cache the build relies on. So the export pastes, into each markdown cell of the
downloaded ``.ipynb``, exactly what the built page shows there:

- a glued value: from the executed notebook the build cached (the outputs myst-nb pasted),
  formatted as myst-nb formats it; a figure's value without its link into "The report in
  numbers" (a page the notebook does not have);
- a figure reference: its number as the built page prints it ("Fig. 4.1"), and after each
  named chart its caption, numbered, as the page shows under the chart.

It also stands alone (the zip holds ``.ipynb`` files and nothing of the book's sources):

- a link to another page (``[text](audit.md#x)``, {doc}`audit`, {ref}`text <label>`) goes to
  the book's page at its address when the address is set (:mod:`lawgov.book.address`), else
  to the sibling ``.ipynb`` of the zip, else it is plain text;
- a citation ({cite:p}`a,b`) reads as on the page, author-year ("(State Council 2004; State
  Council 2008)"), and the chapter's bibliography becomes the list of the sources it cites,
  each under that label, in the page's order (:mod:`lawgov.publish.references`);
- an included file ({include} of ``../CHANGELOG.md``, ``CONVENTIONS.md``) is inlined.

The code cells are left as they are: run where the notebook lands, they compute the same
values (``lawgov`` installed with its data); without myst-nb, glue shows nothing (the prose
has the values already) and the chapter's CSV link carries the CSV in itself.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

ROLE = re.compile(r"\{(glue|glue:text|glue:md|glue:any|numref)\}`([^`]+)`")
_LINK = re.compile(r'^<a class="fig-link" href="[^"]*">(.*)</a>$', re.S)
_TAG = re.compile(r"<[^>]+>")

README = """# {title}: the chapters as notebooks

Each `.ipynb` here is one chapter of the book, its prose reading as the page does. {where}
To run one:

1. `pip install "lawgov[notebook]"` (the package, with the dataset inside it, JupyterLab,
   and jupyterlab-myst for the MyST markdown), in a new virtual environment; until lawgov is
   on the package index, run `pip install ".[notebook]"` in a copy of the book's repository{repository};
2. `jupyter lab p4-oversight.ipynb` (any chapter), then Run > Run All Cells.

The notebooks need no download of data and no internet: `lawgov` finds its data in the
installed package (or in `$LAWGOV_DATA`, or a folder you pass as `data_dir=`), and the charts
draw with the Vega libraries lawgov's Jupyter server extension serves from your own JupyterLab.
The last cell of a chapter offers its figures as CSV.

Text, tables, charts and data: CC BY 4.0; code: MIT.
"""


# --- what the built book shows -----------------------------------------------------------------


def glued_values(executed: Any) -> dict[str, dict[str, str]]:
    """{key: mime bundle} of every value an executed notebook glued (myst-nb's scrapbook outputs)."""
    values: dict[str, dict[str, str]] = {}
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            scrap = output.get("metadata", {}).get("scrapbook")
            if not scrap:
                continue
            prefix = scrap.get("mime_prefix", "")
            data = {
                k[len(prefix) :]: ("".join(v) if isinstance(v, list) else v)
                for k, v in output.get("data", {}).items()
                if k.startswith(prefix)
            }
            values[scrap["name"]] = data
    return values


def figure_numbers(page_html: str) -> dict[str, str]:
    """{figure name: its number as the page prints it, e.g. "Fig. 4.1"}, from the built page."""
    numbers = {}
    for m in re.finditer(r'<figure[^>]*\bid="([^"]+)"(.*?)</figure>', page_html, re.S):
        num = re.search(r'<span class="caption-number">(.*?)</span>', m.group(2), re.S)
        if num:
            numbers[m.group(1)] = html.unescape(_TAG.sub("", num.group(1))).strip()
    # a reference to this page's figure (href="#fig-x") or to another chapter's ("p5-governance.html#fig-x")
    refs = r'href="(?:[\w.-]+\.html)?#([^"]+)"[^>]*>\s*<span class="std std-numref">(.*?)</span>'
    for m in re.finditer(refs, page_html, re.S):
        numbers.setdefault(m.group(1), html.unescape(_TAG.sub("", m.group(2))).strip())
    return numbers


# --- pasting it into the notebook --------------------------------------------------------------


def _glue_text(data: dict[str, str], spec: str) -> str:
    from myst_nb.core.variables import format_plain_text  # the build's own formatting

    return format_plain_text(data["text/plain"], spec)


def _glue_md(data: dict[str, str]) -> str:
    text = data["text/markdown"].strip()
    link = _LINK.match(text)
    return link.group(1) if link else text


def paste(markdown: str, values: dict[str, dict[str, str]], numbers: dict[str, str]) -> str:
    """The markdown with every glue role and figure reference replaced as the page shows it.

    A role whose value is unknown is left as it is (jupyterlab-myst then shows its key).
    """

    def replace(m: re.Match[str]) -> str:
        role, content = m.group(1), m.group(2)
        if role == "numref":  # `fig-x` -> "Fig. 4.1"; `see %s <fig-x>` -> "see 4.1", as Sphinx writes them
            target = re.fullmatch(r"(.*?)\s*<([^>]+)>\s*", content, re.S)
            name = target.group(2) if target else content
            if name not in numbers:
                return m.group(0)
            return target.group(1).replace("%s", numbers[name].rsplit(" ", 1)[-1]) if target else numbers[name]
        key, _, spec = content.partition(":")
        data = values.get(key)
        if data is None:
            return m.group(0)
        if role in ("glue:md",) or (role in ("glue", "glue:any") and "text/markdown" in data):
            return _glue_md(data) if "text/markdown" in data else m.group(0)
        return _glue_text(data, spec) if "text/plain" in data else m.group(0)

    return ROLE.sub(replace, markdown)


def for_reader(nb: Any, executed: Any | None, page_html: str | None, pages: Pages | None = None) -> Any:
    """The downloaded notebook: prose as on the page, each named chart followed by its caption,
    and (given ``pages``) its links, citations and included files made to stand alone."""
    import nbformat

    values = glued_values(executed) if executed is not None else {}
    numbers = figure_numbers(page_html) if page_html else {}
    if pages is not None:  # before the citations are rewritten: it lists what they cite
        pages.bibliography(nb)
    cells = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = paste(cell.source, values, numbers)
            if pages is not None:
                cell.source = pages.stand_alone(cell.source)
        cells.append(cell)
        figure = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}) if cell.cell_type == "code" else {}
        if figure.get("caption"):
            number = numbers.get(figure.get("name", ""), "")
            caption = paste(figure["caption"], values, numbers)
            cells.append(nbformat.v4.new_markdown_cell(f"**{number}** {caption}" if number else caption))
    nb.cells = cells
    return nb


def executed_notebook(nb: Any, cache_dir: Path) -> Any | None:
    """The build's executed copy of ``nb`` from jupyter-cache, or None if it was never executed."""
    if not cache_dir.exists():
        return None
    from jupyter_cache import get_cache

    cache = get_cache(str(cache_dir))
    try:
        record = cache.match_cache_notebook(nb)
    except KeyError:
        return None
    return cache.get_cache_bundle(record.pk).nb


def readme(title: str) -> str:
    from lawgov.book.address import address

    where = address()
    return README.format(
        title=title,
        where=f"The book is at <{where.book}>."
        if where.book
        else "Links between chapters go to the notebooks beside this one.",
        repository=f" (<{where.repository}>)" if where.repository else "",
    )


# --- links, citations and included files, for a notebook outside the book -----------------------

_MD_LINK = re.compile(r"\]\((?!\w+:)([\w./-]+)\.md(#[^)\s]*)?\)")
_DOC = re.compile(r"\{doc\}`(?:([^`<]*?)\s*<)?([\w./-]+)>?`")
_REF = re.compile(r"\{ref\}`(?:([^`<]*?)\s*<)?([\w.:-]+)>?`")
_CITE = re.compile(r"\{cite(?::[pt])?\}`([^`]+)`")
_INCLUDE = re.compile(r"^```\{include\}\s+(\S+)\n((?::[\w-]+:.*\n)*)```\s*$", re.M)
_BIBLIOGRAPHY = re.compile(r"^```\{bibliography\}\n(?::.*\n)*```\s*$", re.M)
_TITLE = re.compile(r"^# (.+)$", re.M)


class Pages:
    """What a notebook needs to link, cite and include outside the book: the book's pages
    (with their titles and the labels each defines), its address, and its bibliography."""

    def __init__(self, book_dir: Path, notebooks: set[str], html_dir: Path | None = None) -> None:
        from lawgov.book.address import address

        self.book_dir, self.notebooks, self.base = book_dir, notebooks, address().book
        self.titles = {
            p.stem: (
                m.group(1).split(" · ")[0].strip() if (m := _TITLE.search(p.read_text(encoding="utf-8"))) else p.stem
            )
            for p in book_dir.glob("*.md")
        }
        self.labels: dict[str, str] = {}  # label -> docname, from the built pages' ids
        if html_dir is not None:
            for page in sorted(html_dir.glob("*.html")):
                for label in re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")):
                    self.labels.setdefault(label, page.stem)
        self.labels.update({doc: doc for doc in self.titles})

    def href(self, doc: str, anchor: str = "") -> str | None:
        """Where a link to ``doc`` goes from a downloaded notebook, or None (no such place)."""
        if self.base:
            return f"{self.base}{doc}.html{anchor}"
        return f"{doc}.ipynb" if doc in self.notebooks else None

    def _link(self, text: str, doc: str, anchor: str = "") -> str:
        href = self.href(doc, anchor)
        return f"[{text}]({href})" if href else text

    def _include(self, m: re.Match[str]) -> str:
        path = (self.book_dir / m.group(1)).resolve()
        text = path.read_text(encoding="utf-8")
        options = dict(re.findall(r"^:([\w-]+):\s*(.*)$", m.group(2), re.M))
        if "start-after" in options:
            text = text.split(options["start-after"], 1)[1]
        if "end-before" in options:
            text = text.split(options["end-before"], 1)[0]
        if "start-line" in options:
            text = "".join(text.splitlines(keepends=True)[int(options["start-line"]) :])
        return text.strip("\n")

    def stand_alone(self, markdown: str) -> str:
        """The markdown with its includes inlined, its links made to work outside the book and
        its citations resolved; the bibliography directive becomes the list of what it cites."""
        markdown = _INCLUDE.sub(self._include, markdown)
        markdown = _MD_LINK.sub(lambda m: f"]({self.href(m.group(1), m.group(2) or '') or ''})", markdown)
        markdown = markdown.replace("]()", "]")  # a link with nowhere to go: its text
        markdown = _DOC.sub(
            lambda m: self._link(m.group(1) or self.titles.get(m.group(2), m.group(2)), m.group(2)), markdown
        )

        def ref(m: re.Match[str]) -> str:
            label = m.group(2)
            doc = self.labels.get(label)
            text = m.group(1) or self.titles.get(label, label)
            if doc is None:
                return text
            return self._link(text, doc, "" if doc == label else f"#{label}")

        markdown = _REF.sub(ref, markdown)
        from lawgov.publish import references

        bib = self.book_dir / "references.bib"
        labels, order = references.book_labels(bib), references.book_order(bib)
        return _CITE.sub(
            lambda m: references.citation([k.strip() for k in m.group(1).split(",")], labels, order), markdown
        )

    def bibliography(self, nb: Any) -> None:
        """Replace the chapter's bibliography directive with the sources its cells cite."""
        cited: list[str] = []
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                for m in _CITE.finditer(cell.source):
                    cited += [k.strip() for k in m.group(1).split(",") if k.strip() not in cited]
        from lawgov.publish import references

        entries = references.listing(cited, self.book_dir / "references.bib")
        listing = "\n".join(f"- **{label}** {text}" for label, text in entries)
        for cell in nb.cells:
            if cell.cell_type == "markdown" and _BIBLIOGRAPHY.search(cell.source):
                cell.source = _BIBLIOGRAPHY.sub(lambda _: listing, cell.source)


# --- the chapter's CSV, where the book's downloads folder is not -------------------------------
