"""What a link preview, a search engine and a crawler meet: descriptions, Open Graph tags, sitemap.

The built book (no base URL, as published from a checkout) is read page by page. The base URL's
effects (absolute og:url, canonical links, sitemap.xml) are checked on a two-page Sphinx project
built with the book's own settings for these extensions, read from book/_config.yml, under -W:
building the whole book twice would cost minutes.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from lawgov.book.identity import BOOK_TITLE

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
CONFIG = yaml.safe_load((BOOK / "_config.yml").read_text(encoding="utf-8"))
META_EXTENSIONS = ("sphinxext.opengraph", "sphinx_sitemap", "lawgov_meta")
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _chapters() -> list[str]:
    toc = yaml.safe_load((BOOK / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part.get("chapters", [])]
    return files + [c["file"] for c in toc.get("chapters", [])]


def _meta(page: str) -> dict[str, str]:
    """Every <meta property|name=... content=...> of a page, unescaped."""
    tags = re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', page)
    return {key: html.unescape(value) for key, value in tags}


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def _canonical(page: str) -> str | None:
    found = re.search(r'<link rel="canonical" href="([^"]+)"', page)
    return found[1] if found else None


def test_every_page_has_a_description_and_opengraph_tags(built_book):
    assert not (CONFIG.get("html") or {}).get("baseurl"), "this test reads the book as built without a base URL"
    for doc in _chapters():
        page = (built_book / f"{doc}.html").read_text(encoding="utf-8")
        meta = _meta(page)
        title = html.unescape(re.search(r"<title>(.*?)</title>", page, re.S)[1]).strip()
        description = meta.get("description", "")
        assert 20 <= len(description) <= 200, (doc, description)
        # by the book's conventions, a page's first paragraph (the italic line under its title)
        # says what the page covers: the description starts with it, or with its beginning
        first = _text(re.search(r"<p>(.*?)</p>", page[page.index("<article") :], re.S)[1])
        assert description.startswith(first) or first.startswith(description.removesuffix("...")), (doc, first)
        assert meta["og:description"] == meta["description"], doc
        assert meta["og:title"] and title.startswith(meta["og:title"]), (doc, meta["og:title"], title)
        assert meta["og:site_name"] == BOOK_TITLE
        assert meta["og:type"] == "website" and meta["og:locale"] == "en_GB"
        assert meta["twitter:card"] == "summary"
        assert meta["og:url"] == f"{doc}.html", "with no base URL, og:url is the page's own address"
        assert _canonical(page) is None, doc
        assert "og:image" not in meta, "nothing generated or fetched"
        assert "lawgov-licence" in page and "CC BY 4.0" in page, f"{doc}: licence footer missing"
    assert not (built_book / "sitemap.xml").exists(), "no sitemap without absolute URLs"


def _build(tmp_path: Path, baseurl: str) -> Path:
    """Two pages built with the book's settings for the meta extensions, warnings as errors."""
    settings = CONFIG["sphinx"]["config"]
    assert set(META_EXTENSIONS) <= set(settings["extensions"]), "the book no longer loads these extensions"
    conf = {key: value for key, value in settings.items() if key.startswith(("ogp_", "sitemap_"))}
    conf |= {
        "html_title": BOOK_TITLE,
        "language": settings["language"],
        "html_baseurl": baseurl,
        "extensions": list(META_EXTENSIONS),
        "suppress_warnings": settings["suppress_warnings"],
    }
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(BOOK / '_ext')!r})\n"
        + "".join(f"{key} = {value!r}\n" for key, value in conf.items()),
        encoding="utf-8",
    )
    (src / "index.rst").write_text(
        "Home\n====\n\n*What the book covers, in numbers and quotations.*\n\n.. toctree::\n\n   chapter\n",
        encoding="utf-8",
    )
    (src / "chapter.rst").write_text(
        "A chapter\n=========\n\n*What this chapter covers, in the report\u2019s own words.*\n\nMore text.\n",
        encoding="utf-8",
    )
    out = tmp_path / "html"
    # in a process of its own: Sphinx registers docutils nodes globally, once per process
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(src), str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_a_base_url_gives_absolute_links_and_a_sitemap(tmp_path):
    out = _build(tmp_path, "https://example.org/book")  # its trailing slash left out on purpose
    want = {doc: f"https://example.org/book/{doc}.html" for doc in ("index", "chapter")}
    sitemap = ET.parse(out / "sitemap.xml").getroot()
    assert sorted(loc.text for loc in sitemap.iterfind("s:url/s:loc", SITEMAP_NS)) == sorted(want.values())
    for doc, url in want.items():
        page = (out / f"{doc}.html").read_text(encoding="utf-8")
        assert _meta(page)["og:url"] == url
        assert _canonical(page) == url
    chapter = _meta((out / "chapter.html").read_text(encoding="utf-8"))
    assert chapter["og:site_name"] == BOOK_TITLE
    assert chapter["description"].startswith("What this chapter covers, in the report\u2019s own words.")


def test_no_base_url_builds_cleanly_without_a_sitemap(tmp_path):
    out = _build(tmp_path, "")  # warnings are errors: sphinx-sitemap's "no base URL" must stay silenced
    assert not (out / "sitemap.xml").exists()
    page = (out / "chapter.html").read_text(encoding="utf-8")
    assert _meta(page)["og:url"] == "chapter.html" and _canonical(page) is None
