"""A downloaded notebook stands alone: its links, citations and included files work outside the book.

Read from the built book's downloads (book/_build/html/downloads/notebooks/, what the zip holds).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lawgov.book import address
from lawgov.book.links import NOTEBOOKS_DIR
from lawgov.publish import reader_notebook
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


def test_citations_resolve_to_the_notebooks_own_references(notebooks):
    bib = reader_notebook.Pages(BOOK, set(notebooks)).references()
    for doc, src in notebook_sources(BOOK):
        keys = {
            k.strip()
            for m in re.finditer(r"\{cite(?::[pt])?\}`([^`]+)`", src.read_text(encoding="utf-8"))
            for k in m.group(1).split(",")
        }
        for key in keys:
            assert f"[{key}]" in notebooks[doc], (doc, key)
            assert f"- [{key}] {bib[key]}" in notebooks[doc], f"{doc}: {key} not in its list of sources"


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
