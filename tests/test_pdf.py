"""The built book's publications: the PDF edition and every download link.

Needs the built book (the shared ``built_book`` fixture builds it if missing or stale) and, for
the PDF, its edition (``built_pdf``: ``make pdf``, WeasyPrint with Debian's pango) and
poppler-utils (pdftotext, pdfinfo). Missing tools FAIL, saying how to install them; LAWGOV_SKIP_BROWSER=1
skips the PDF tests knowingly.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

import lawgov
from lawgov.book.links import chapter_downloads, downloads
from lawgov.publish import pdf
from lawgov.publish.notebooks import notebook_sources
from lawgov.publish.vega import chart_specs

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
BUILD = BOOK / "_build"
HTML = BUILD / "html"
DOWNLOAD_EXT = (".csv", ".json", ".parquet", ".zip", ".pdf", ".ipynb", ".md", ".txt")


def _need(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if not path:
        pytest.fail(
            f"{tool} not found: install Debian's {package} (apt-get install -y {package}; .ci/run does this)",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def pdf_path(built_pdf) -> Path:
    return built_pdf


@pytest.fixture(scope="session")
def pdf_text(pdf_path) -> str:
    exe = _need("pdftotext", "poppler-utils")
    return subprocess.run([exe, "-enc", "UTF-8", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout


def _chapters() -> list[str]:
    toc = yaml.safe_load((BOOK / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part.get("chapters", [])]
    files += [c["file"] for c in toc.get("chapters", [])]
    return files


def test_pdf_is_a4_with_a_page_per_chapter_or_more(pdf_path):
    exe = _need("pdfinfo", "poppler-utils")
    info = subprocess.run([exe, str(pdf_path)], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size and abs(float(size[1]) - 595.28) < 1 and abs(float(size[2]) - 841.89) < 1, info
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
    chapters = _chapters()
    assert pages >= len(chapters), f"{pages} pages for {len(chapters)} chapters in _toc.yml"
    assert pdf.page_count(pdf_path) == pages


def test_pdf_holds_chinese_indicator_labels(pdf_text):
    labels = [s for s in lawgov.figures()["indicator_zh"] if s in pdf_text]
    assert labels, "no Chinese indicator label of lawgov.figures() in the PDF's text"
    assert "依法行政" in pdf_text


def _axis_titles(page: Path) -> list[str]:
    """Axis titles of the Vega-Lite specs embedded in a built page."""
    titles = []
    for spec in map(json.loads, chart_specs(page.read_text(encoding="utf-8"))):
        if "vega-lite" not in str(spec.get("$schema", "")):
            continue
        stack = [spec]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                enc = node.get("encoding", {})
                for ch in ("x", "y"):
                    t = enc.get(ch, {}).get("title") if isinstance(enc.get(ch), dict) else None
                    if isinstance(t, str) and t.strip():
                        titles.append(t)
                stack += list(node.values())
            elif isinstance(node, list):
                stack += node
    return titles


def test_pdf_draws_the_charts_as_text_not_menus(pdf_text, built_book):
    single = pdf.SINGLE / f"{pdf.root_doc()}.html"
    titles = _axis_titles(single)
    assert titles, "no chart with an axis title in the single-page edition"
    flat = re.sub(r"\s+", " ", pdf_text)
    # pdftotext may move CJK runs inside a line: compare the Latin words of each title.
    latin = [re.sub(r"\s+", " ", re.sub(r"[^\x20-\x7e]|[()]", " ", t)).strip() for t in titles]
    found = [t for t in latin if t and t in flat]
    assert found, f"none of the axis titles {titles[:5]} is in the PDF's text (charts not drawn, or not vector)"
    for menu in ("Save as SVG", "Save as PNG", "View Source", "Open in Vega Editor"):
        assert menu not in pdf_text


def test_without_weasyprint_make_pdf_fails_in_one_line_saying_how(monkeypatch, capsys):
    import builtins

    real_import = builtins.__import__

    def no_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': no such file")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pango)
    assert pdf.main([]) == 1
    err = capsys.readouterr().err
    assert "libpango" in err and "apt-get install" in err and "make pdf" in err
    assert err.count("\n") == 1


def _pdf_mentions(pages: Path) -> dict[str, str]:
    """{page: its text} of the built pages that mention the PDF edition (as a link or not)."""
    return {
        p.name: p.read_text(encoding="utf-8")
        for p in sorted(pages.glob("*.html"))
        if "The whole book as a PDF" in p.read_text(encoding="utf-8")
        or "The book as a PDF" in p.read_text(encoding="utf-8")
    }


def test_the_pages_link_the_pdf_only_when_it_is_there(built_book, tmp_path):
    """Without the PDF (make book alone) no page links it and each says how to get it; with it
    (make pdf), every mention is a link that resolves; and back (a later make book)."""
    from lawgov.publish.downloads import link_pdf

    for page in built_book.glob("*.html"):
        shutil.copy(page, tmp_path / page.name)
    href = downloads()["pdf"]
    assert {"intro.html", "data.html"} <= set(_pdf_mentions(tmp_path))

    assert link_pdf(tmp_path)[0] is False
    for name, text in _pdf_mentions(tmp_path).items():
        assert href not in _links(tmp_path / name), name
        assert "make pdf</code> prints it" in text, name

    (tmp_path / href).parent.mkdir(parents=True)
    (tmp_path / href).write_bytes(b"%PDF-1.7")
    assert link_pdf(tmp_path)[0] is True
    for name, text in _pdf_mentions(tmp_path).items():
        assert href in _links(tmp_path / name), name
        assert "make pdf" not in text, name

    (tmp_path / href).unlink()
    link_pdf(tmp_path)
    assert all(href not in _links(tmp_path / name) for name in _pdf_mentions(tmp_path))


def test_a_build_that_changes_the_book_takes_the_older_pdf_out(built_book, tmp_path, monkeypatch):
    from lawgov.publish import build

    for page in ("intro.html", "data.html"):
        shutil.copy(built_book / page, tmp_path / page)
    href = downloads()["pdf"]
    (tmp_path / href).parent.mkdir(parents=True)
    (tmp_path / href).write_bytes(b"%PDF-1.7")
    monkeypatch.setattr(build, "HTML", tmp_path)
    build.unlink_stale_pdf()
    assert not (tmp_path / href).exists()
    assert all(href not in _links(tmp_path / page) for page in ("intro.html", "data.html"))


def test_with_the_pdf_the_book_links_it(built_pdf, built_book):
    for page in ("intro.html", "data.html"):
        assert downloads()["pdf"] in _links(built_book / page), page
    assert (built_book / downloads()["pdf"]).read_bytes() == built_pdf.read_bytes()


# --- downloads in the built book -------------------------------------------------------


def _links(page: Path) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'<a\s[^>]*href="([^"]+)"', page.read_text(encoding="utf-8"))]


def test_every_download_link_resolves(built_book):
    checked = 0
    problems = []
    for page in sorted(built_book.glob("*.html")):
        for href in _links(page):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            path = unquote(parts.path)
            is_download = path.endswith(DOWNLOAD_EXT) or path.startswith(("downloads/", "_sources/", "_downloads/"))
            if not is_download:
                continue
            checked += 1
            if not (page.parent / path).is_file():
                problems.append(f"{page.name}: {href}")
    assert not problems, "download links to missing files:\n" + "\n".join(problems)
    assert checked >= 10, f"only {checked} download links found in the built book"


def test_the_data_page_offers_the_package_chapters_and_notebooks(built_book):
    links = set(_links(built_book / "data.html"))
    d = downloads()
    for key in ("zip", "datapackage", "figures.csv", "figures.parquet", "relations.json"):
        assert d[key] in links, key
    for part, rel in chapter_downloads().items():
        assert rel in links, part
        assert (built_book / rel).is_file()
    assert d["notebooks_zip"] in links
    import zipfile

    with zipfile.ZipFile(built_book / d["notebooks_zip"]) as zf:
        names = sorted(n.split("/", 1)[1] for n in zf.namelist())
        assert names == sorted([*(f"{doc}.ipynb" for doc, _ in notebook_sources(BOOK)), "README.md"])
        for n in zf.namelist():
            if n.endswith(".ipynb"):
                assert json.loads(zf.read(n))["nbformat"] == 4
            else:  # the README: how to run them outside the repository
                assert b"lawgov[notebook]" in zf.read(n)


def test_every_page_offers_its_source(built_book):
    """The theme's download button links _sources/<doc>.md: a local file, so it works offline."""
    for doc in _chapters():
        links = _links(built_book / f"{doc}.html")
        assert f"_sources/{doc}.md" in links, doc
        assert (built_book / "_sources" / f"{doc}.md").read_text(encoding="utf-8") == (BOOK / f"{doc}.md").read_text(
            encoding="utf-8"
        )


def test_book_package_is_the_current_export(built_book):
    meta = json.loads((built_book / downloads()["datapackage"]).read_text(encoding="utf-8"))
    assert meta["version"] == lawgov.__version__
    rows = {r["name"]: r.get("rows") for r in meta["resources"]}
    assert rows["figures"] == len(lawgov.figures())
    assert (built_book / downloads()["zip"]).is_file()
