"""No third-party URL in the built book that a browser would fetch (static scan).

The browser tests prove it for what a page actually does; this scan covers every file,
including code paths a test page may not reach:

- HTML: every URL in an attribute a browser fetches (``src``, ``srcset``, ``poster``,
  ``data``, ``<link href>`` other than plain navigation rels, ``<meta http-equiv=refresh>``),
  every CSS ``url(...)``/``@import`` in ``style`` attributes and ``<style>`` blocks, and every
  absolute URL inside inline ``<script>`` (Altair's template is allowed its CDN fallback
  paths only because the page's bundle sets ``VEGA_DEBUG`` to the same versions, so that
  fallback can never run - checked below);
- CSS files: ``url(...)`` and ``@import``;
- JS files: every absolute URL literal must be one of a short, reviewed list of
  strings that are never requested (XML namespaces, links shown to the user).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

FETCH_ATTRS = {"src", "srcset", "poster", "data", "background", "formaction"}
NAV_RELS = {
    "index", "search", "next", "prev", "canonical", "author", "license", "help",
    "alternate", "bookmark", "nofollow", "noopener", "noreferrer", "external", "top",
    "up", "first", "last", "copyright", "glossary",
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")
ABS_URL = re.compile(
    r"""(?:https?:|(?<=["'`(=]))//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s'"`)<>\\]*"""
)

# Altair's "universal" template: CDN paths used only if VEGA_DEBUG lacks the versions.
ALTAIR_FALLBACK = re.compile(
    r"^https://cdn\.jsdelivr\.net/npm/vega(?:-lib|-lite@[\d.]+|-embed@[\d.]+|@[\d.]+)?\?noext$"
)
# Strings inside the Vega spec and library code that are identifiers, not requests.
NEVER_FETCHED = re.compile(
    r"^(?:https?:)?//(?:"
    r"www\.w3\.org/"  # XML/SVG namespaces
    r"|vega\.github\.io/(?:schema/|vega|editor)"  # $schema ids, docs and editor links
    r"|github\.com/"  # links in error messages and comments
    r"|developer\.mozilla\.org/"  # a comment in Sphinx's searchtools.js
    r"|jupyterbook\.org|executablebooks\.org|pydata-sphinx-theme\.readthedocs\.io"
    r"|www\.sphinx-doc\.org|sphinx-doc\.org|fontawesome\.com|getbootstrap\.com"
    r"|popper\.js\.org|clipboardjs\.com|zenorocha|opensource\.org|jquery\.org"
    r"|feross\.org|mths\.be|npms\.io|underscorejs\.org|lodash\.com"
    r")"
)


def is_third_party(url: str) -> bool:
    url = url.strip()
    if url.startswith("//"):
        return True
    parts = urlsplit(url)
    if parts.scheme in ("", "data", "blob", "about", "javascript", "mailto"):
        return False
    return parts.hostname not in ("127.0.0.1", "localhost")


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fetched: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        for name in FETCH_ATTRS & a.keys():
            urls = [u.strip().split(" ")[0] for u in a[name].split(",")] if name == "srcset" else [a[name]]
            self.fetched += [f"<{tag} {name}> {u}" for u in urls if is_third_party(u)]
        if tag == "link" and "href" in a:
            rels = set(a.get("rel", "").lower().split())
            if not rels <= NAV_RELS and is_third_party(a["href"]):
                self.fetched.append(f"<link rel={a.get('rel')}> {a['href']}")
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            m = re.search(r"url=(\S+)", a.get("content", ""), re.I)
            if m and is_third_party(m.group(1)):
                self.fetched.append(f"<meta refresh> {m.group(1)}")
        if "style" in a:
            self.styles.append(a["style"])
        if tag in ("script", "style"):
            self._in = tag
            if tag == "script":
                self.scripts.append("")
            else:
                self.styles.append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "script":
            self.scripts[-1] += data
        elif self._in == "style":
            self.styles[-1] += data


def css_problems(css: str) -> list[str]:
    out = []
    for m in CSS_URL.finditer(css):
        url = m.group(1) or m.group(2)
        if is_third_party(url):
            out.append(f"css {url}")
    return out


def script_problems(js: str, allow_altair_fallback: bool) -> list[str]:
    out = []
    for url in ABS_URL.findall(js):
        url = url.rstrip(".,;")
        if NEVER_FETCHED.match(url):
            continue
        if allow_altair_fallback and ALTAIR_FALLBACK.match(url):
            continue
        out.append(f"script {url}")
    return out


def test_no_third_party_fetch_in_html(built_book: Path):
    problems = []
    pages = sorted(built_book.rglob("*.html"))
    assert pages
    for path in pages:
        if "_static" in path.parts:  # theme's template fragments, not pages
            continue
        scanner = _Scanner()
        scanner.feed(path.read_text(encoding="utf-8"))
        found = list(scanner.fetched)
        for css in scanner.styles:
            found += css_problems(css)
        for js in scanner.scripts:
            found += script_problems(js, allow_altair_fallback="vegaEmbed(" in js)
        problems += [f"{path.relative_to(built_book)}: {p}" for p in found]
    assert problems == [], "third-party fetches in the built HTML:\n" + "\n".join(problems)


def test_no_third_party_fetch_in_static_files(built_book: Path):
    problems = []
    for path in sorted((built_book / "_static").rglob("*")):
        if path.suffix == ".css":
            problems += [f"{path.name}: {p}" for p in css_problems(path.read_text("utf-8"))]
        elif path.suffix in (".js", ".mjs"):
            text = path.read_text("utf-8", errors="replace")
            problems += [f"{path.name}: {p}" for p in script_problems(text, False)]
    assert problems == [], "third-party URLs in the book's static files:\n" + "\n".join(
        sorted(set(problems))
    )


def test_no_mathjax_requirejs_or_widgets(built_book: Path):
    for path in built_book.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for needle in ("mathjax", "require.js", "require.min.js", "embed-amd.js", "thebe"):
            assert needle not in text.lower(), f"{path.name} loads {needle}"


def test_chart_scripts_fetch_nothing(built_book: Path):
    """The built pages' charts carry no CDN loader: each script calls the bundle's vegaEmbed.

    (lawgov.publish.vega.compact_charts drops Altair's loader from the pages; notebook outputs
    keep it, and there the bundle's VEGA_DEBUG, checked here, tells it the libraries are loaded.)
    """
    import altair as alt

    bundle = (built_book / "_static" / "vega-bundle.js").read_text(encoding="utf-8")
    last = bundle.rstrip().splitlines()[-1]
    m = re.fullmatch(r"window\.VEGA_DEBUG = Object\.assign\(window\.VEGA_DEBUG \|\| \{\}, (\{.*\})\);", last)
    assert m, f"the bundle does not end by setting VEGA_DEBUG: {last[:200]}"
    assert json.loads(m.group(1)) == {"vega_version": alt.VEGA_VERSION, "vegalite_version": alt.VEGALITE_VERSION,
                                      "vegaembed_version": alt.VEGAEMBED_VERSION}
    charts = 0
    for path in built_book.rglob("*.html"):
        for script in re.findall(r"<script[^>]*>(.*?)</script>", path.read_text(encoding="utf-8"), re.S):
            if "vegaEmbed" not in script:
                continue
            charts += 1
            head = script[: script.rindex("})(")]
            assert "maybeLoadScript" not in head and "cdn." not in head, f"{path.name}: a chart with Altair's CDN loader"
            assert head.startswith('(function(spec, embedOpt){vegaEmbed("#altair-viz-'), f"{path.name}: {head[:120]}"
    assert charts, "no chart script in the built book"
