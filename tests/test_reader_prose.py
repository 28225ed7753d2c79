"""A reader meets words, not the code's names: no identifier in the prose of the built pages.

Internal names (``title_zh``, ``lawgov.audit()``, a figure id such as ``approval_speedup_2012``,
a BibTeX key) belong on the pages about the data and the code, not in the sentences, captions,
headings and lists a reader reads. Read from the built HTML: every page's article, less its code
(what a reader runs or copies: ``<pre>``), its scripts, charts and tables.

Pages where names are what the reader came for: ``data`` and ``methods`` (fields and functions),
``cite`` (a figure's id is how it is cited), ``changelog`` (changes named by the field a data
user reads), and Sphinx's own ``search`` and ``genindex``.
"""

from __future__ import annotations

import html
import re

NAMES_ARE_THE_TOPIC = {"data", "methods", "cite", "changelog", "search", "genindex", "index"}
IDENTIFIER = re.compile(r"(?<![\w./#-])(?:[a-z][a-z0-9]*_[a-z0-9_]+|[A-Za-z_][\w.]*\(\)|lawgov\.[\w.]+)(?![\w-])")
NOT_PROSE = re.compile(r"<(script|style|svg|pre|table)\b.*?</\1>", re.S)


def prose(page: str) -> str:
    """The article's text a reader reads (no code, scripts, charts or tables)."""
    start, end = page.find("<article"), page.find("</article>")
    body = page[start:end].replace("<wbr>", "")
    body = NOT_PROSE.sub(" ", body)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_the_pattern_finds_the_names_a_reader_should_not_meet():
    text = prose(
        "<article><p>the <code>title_zh</code> values; <code>lawgov.audit()</code> evaluates;"
        " figure approval_speedup_2012 and [statecouncil2008decision]</p>"
        "<pre>lawgov.figures()</pre><table><td>a_b</td></table></article>"
    )
    found = {m.group(0) for m in IDENTIFIER.finditer(text)}
    assert found == {"title_zh", "lawgov.audit()", "approval_speedup_2012"}


def test_no_code_name_in_the_prose_of_any_page(built_book):
    found = {}
    for path in sorted(built_book.glob("*.html")):
        if path.stem in NAMES_ARE_THE_TOPIC:
            continue
        text = prose(path.read_text(encoding="utf-8"))
        names = sorted({m.group(0) for m in IDENTIFIER.finditer(text)})
        if names:
            found[path.stem] = names
    assert not found, f"code names in reader text: {found}"


def test_no_bibtex_key_is_shown(built_book):
    keys = re.findall(r"^@\w+\{([^,]+),", (built_book.parents[1] / "references.bib").read_text(encoding="utf-8"), re.M)
    for path in sorted(built_book.glob("*.html")):
        text = prose(path.read_text(encoding="utf-8"))
        shown = [k for k in keys if re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", text)]
        assert not shown, f"{path.stem}: BibTeX keys shown: {shown}"
