"""A downloaded notebook stands alone: its links, citations and included files work outside the book.

Read from the built book's downloads (book/_build/html/downloads/notebooks/, what the zip holds).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from lawgov.book import address
from lawgov.book.links import NOTEBOOKS_DIR
from lawgov.publish import reader_notebook, references
from lawgov.publish.notebooks import notebook_sources

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
SOURCE_ONLY = re.compile(r"\]\((?!\w+:)[^)#]*\.md\b|\{(cite|cite:p|cite:t|doc|ref|include|bibliography|numref)\}")


def _markdown(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


@pytest.fixture(scope="module")
def notebooks(built_book) -> dict[str, str]:
    folder = built_book / NOTEBOOKS_DIR
    found = {p.stem: _markdown(p) for p in sorted(folder.glob("*.ipynb"))}
    assert set(found) == {doc for doc, _ in notebook_sources(BOOK)}
    return found


def test_no_link_role_or_directive_of_the_sources_is_left(notebooks):
    left = {doc: sorted(set(m.group(0) for m in SOURCE_ONLY.finditer(md))) for doc, md in notebooks.items()}
    assert not {d: v for d, v in left.items() if v}


def test_every_relative_link_goes_to_a_notebook_of_the_zip(notebooks):
    for doc, md in notebooks.items():
        for target in re.findall(r"\]\((?!\w+:|#)([^)\s]+)\)", md):
            assert target.endswith(".ipynb") and target in {f"{d}.ipynb" for d in notebooks}, (doc, target)
    assert sum(md.count(".ipynb)") for md in notebooks.values()) > 20, "the chapters' cross-links are gone"


def _page_text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def test_citations_read_author_year_as_on_the_page_with_the_list_at_the_end(notebooks, built_book):
    """Each citation of the page ("(State Council 2004; ...)") is in the notebook as the page
    prints it; the notebook ends its prose with the page's list of sources, in the page's order,
    each under the page's label; no BibTeX key is left for a reader."""
    keys = re.findall(r"^@\w+\{([^,]+),", (BOOK / "references.bib").read_text(encoding="utf-8"), re.M)
    for doc, src in notebook_sources(BOOK):
        if "{cite" not in src.read_text(encoding="utf-8"):
            continue
        page = (built_book / f"{doc}.html").read_text(encoding="utf-8")
        cited = [_page_text(c) for c in re.findall(r'<span class="bibtex-citation"[^>]*>(.*?)</span>', page, re.S)]
        assert cited and all(re.fullmatch(r"\((?:[^();]+ \d{4}[a-z]?; )*[^();]+ \d{4}[a-z]?\)", c) for c in cited), (
            doc,
            cited,
        )
        for citation in cited:
            assert citation in notebooks[doc], (doc, citation)
        labels = [
            _page_text(lab)
            for lab in re.findall(r'<div class="citation"[^>]*>\s*<span class="label">(.*?)</span>\s*<p>', page, re.S)
        ]
        labels = [re.sub(r"^\[|\].*$", "", lab) for lab in labels]
        notes = notebooks[doc].split("## Notes and sources")[-1]
        listed = re.findall(r"^- \*\*(.+?)\*\* ", notes, re.M)
        assert listed == labels, (doc, listed, labels)
        tail = notebooks[doc][notebooks[doc].index(f"- **{listed[0]}**") :]
        assert not re.search(r"^#", tail, re.M), f"{doc}: the list of sources is not at the end"
        left = [k for k in keys if re.search(rf"\b{re.escape(k)}\b", notebooks[doc])]
        assert not left, f"{doc}: BibTeX keys shown to a reader: {left}"
    assert "(State Council 2004)" in notebooks["p0-preamble"]
    assert "(State Council 2011a; State Council 2011b)" in notebooks["p1-foundations"]


def test_sources_are_labelled_by_author_and_year_a_letter_telling_apart_one_author_s_year():
    from pybtex.database import parse_string

    bib = parse_string(
        """
        @misc{a, author = {{国务院 (State Council)}}, title = {{Zhi}}, year = {2011}}
        @misc{b, author = {{国务院 (State Council)}}, title = {{Ai}}, year = {2011}}
        @article{c, author = {O'Brien, Kevin J. and Li, Lianjiang}, title = {S}, year = {2004}}
        @article{d, author = {Pei, Minxin}, title = {C}, year = {1997}}
        @article{e, author = {A, B and C, D and E, F}, title = {T}, year = {2000}}
        """,
        "bibtex",
    )
    assert references.author_year_labels(bib.entries.values()) == {
        "a": "State Council 2011b",
        "b": "State Council 2011a",
        "c": "O'Brien and Li 2004",
        "d": "Pei 1997",
        "e": "A et al. 2000",
    }
    labels = references.author_year_labels(bib.entries.values())
    assert references.citation(["b", "c"], labels, {"c": 0, "b": 1}) == "(O'Brien and Li 2004; State Council 2011a)"


def test_included_files_are_inlined(notebooks):
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").splitlines()
    first_version = next(line for line in changelog if line.startswith("## "))
    assert first_version in notebooks["changelog"]
    conventions = (BOOK / "CONVENTIONS.md").read_text(encoding="utf-8")
    table = conventions.split("<!-- conventions-table:start -->")[1].split("<!-- conventions-table:end -->")[0]
    assert table.strip().splitlines()[0] in notebooks["methods"]


def test_with_an_address_links_go_to_the_books_pages(tmp_path, monkeypatch):
    config = tmp_path / "_config.yml"
    config.write_text((BOOK / "_config.yml").read_text(encoding="utf-8"), encoding="utf-8")
    cff = tmp_path / "CITATION.cff"
    cff.write_text((ROOT / "CITATION.cff").read_text(encoding="utf-8"), encoding="utf-8")
    base = "https://books.example.org/kunshan/"
    address.set_address(base, "https://git.example.org/o/kunshan", config=config, cff=cff)
    monkeypatch.setattr(address, "CONFIG", config)
    pages = reader_notebook.Pages(BOOK, {"audit", "data"})
    out = pages.stand_alone("See [the audit](audit.md#tbl-x), {doc}`data` and {doc}`the method <methods>`.")
    assert out == (
        f"See [the audit]({base}audit.html#tbl-x), [Data and downloads]({base}data.html) "
        f"and [the method]({base}methods.html)."
    )
    readme = reader_notebook.readme("T")
    assert base in readme and "https://git.example.org/o/kunshan" in readme
