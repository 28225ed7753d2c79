"""The citations the book suggests: of the book, of its data package, of one figure and of one sentence.

Plain text and BibTeX, built from CITATION.cff (title, authors, version, date: the one
place they are kept), the book's address (:mod:`lawgov.book.address`: ``html.baseurl`` in
``book/_config.yml``) and, for a figure, from its id, section, quote and anchor. Every link
in a citation is absolute; while the address is not set, a citation names the page and the
anchor and says "address not yet set" (a relative link would break once copied out of
the book). The data package's README quotes :func:`cite_dataset`.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from lawgov.book import address
from lawgov.book.identity import AUTHOR, BOOK_TITLE, PACKAGE_TITLE, version
from lawgov.book.links import PACKAGE_DIR
from lawgov.book.paths import ROOT

PathLike = str | os.PathLike[str] | None


def _citation_meta() -> dict[str, Any]:
    """Title, authors, version and release date, from CITATION.cff (the one place they are kept)."""
    meta = {"title": BOOK_TITLE, "authors": AUTHOR, "version": version(), "date": None, "url": address.address().book}
    cff = ROOT / "CITATION.cff"
    if cff.exists():
        import yaml

        doc = yaml.safe_load(cff.read_text(encoding="utf-8"))
        meta["title"] = doc.get("title", meta["title"])
        meta["version"] = str(doc.get("version", meta["version"]))
        meta["date"] = str(doc.get("date-released") or "") or None
        authors = doc.get("authors") or []
        meta["authors"] = (
            " and ".join(
                a.get("name") or f"{a.get('given-names', '')} {a.get('family-names', '')}".strip() for a in authors
            )
            or AUTHOR
        )
    meta["year"] = (meta["date"] or "")[:4] or str(dt.date.today().year)
    return meta


def book_meta() -> dict[str, Any]:
    """Title, authors, version, release date (ISO, or None), year and base URL of the book."""
    return dict(_citation_meta())


def _bib(kind: str, key: str, fields: dict[str, str]) -> str:
    if "url" in fields and not fields["url"]:  # say so, as the plain citation does, not a silent gap
        fields = {**fields, "note": "; ".join(n for n in (fields.get("note"), address.NOT_SET) if n)}
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v)
    return f"@{kind}{{{key},\n{body}\n}}"


def _row(df, key: str, what: str) -> dict[str, Any]:
    """The row of df whose id is key, as a dict; KeyError naming the unknown figure or sentence."""
    rows = df[df["id"] == key]
    if rows.empty:
        raise KeyError(f"unknown {what} {key!r}")
    return rows.iloc[0].to_dict()


def _url(meta: dict[str, Any], path: str = "") -> str:
    return f"{meta['url']}{path}" if meta["url"] else ""


def _where(meta: dict[str, Any], title: str, href: str) -> str:
    """Where to find ``href`` in the book: its absolute address, or the page's title and the
    anchor with a note that the address is not set yet."""
    url = _url(meta, href)
    if url:
        return url
    anchor = f", anchor {href.split('#', 1)[1]}" if "#" in href else ""
    return f"{title}{anchor} ({address.NOT_SET})"


def cite_book() -> dict[str, str]:
    """The suggested citation of the book: {'text': plain text, 'bibtex': BibTeX}."""
    m = _citation_meta()
    url = _url(m)
    text = (
        f"{m['authors']} ({m['year']}). {m['title']}. Version {m['version']}. "
        f"{url or address.NOT_SET.capitalize() + '.'}"
    )
    bib = _bib(
        "book",
        f"lawgov_kunshan2012_{m['year']}",
        {
            "author": f"{{{m['authors']}}}",
            "title": m["title"],
            "year": m["year"],
            "edition": f"Version {m['version']}",
            "url": url,
            "note": "Jupyter Book with dataset",
        },
    )
    return {"text": text, "bibtex": bib}


def cite_dataset() -> dict[str, str]:
    """The suggested citation of the data package."""
    m = _citation_meta()
    url = _url(m, f"{PACKAGE_DIR}/datapackage.json")
    text = (
        f"{m['authors']} ({m['year']}). {PACKAGE_TITLE} [Data set, Frictionless Data Package]. "
        f"Version {m['version']}. CC BY 4.0. {url or address.NOT_SET.capitalize() + '.'}"
    )
    bib = _bib(
        "misc",
        f"lawgov_kunshan2012_data_{m['year']}",
        {
            "author": f"{{{m['authors']}}}",
            "title": PACKAGE_TITLE,
            "year": m["year"],
            "version": m["version"],
            "howpublished": "Data set (Frictionless Data Package: CSV, JSON, Parquet)",
            "url": url,
            "note": "Licence CC BY 4.0",
        },
    )
    return {"text": text, "bibtex": bib}


def cite_figure(figure_id: str, report: str | None = None, data_dir: PathLike = None) -> dict[str, str]:
    """The suggested citation of one figure, from its id, section and anchor.

    Returns {'text', 'bibtex', 'anchor', 'href'}; href is relative to the book's root
    (``numbers.html#fig-<id>``), prefixed by the book's address when it is set.
    """
    import lawgov
    from lawgov.analysis.display import NUMBERS_PAGE, anchor, value_en

    f = _row(lawgov.figures(report, data_dir=data_dir), figure_id, "figure")
    m = _citation_meta()
    href = f"{NUMBERS_PAGE}.html#{anchor(figure_id)}"
    url = _url(m, href)
    where = _where(m, '"The report in numbers"', href)
    text = (
        f"{m['authors']} ({m['year']}). \u201c{f['indicator_en']}\u201d ({f['indicator_zh']}): {value_en(f)}, "
        f"figure {f['global_id']}, section {f['section']} of the report, quoting \u201c{f['quote']}\u201d. "
        f"In {m['title']}, version {m['version']}, {where}."
    )
    bib = _bib(
        "misc",
        f"lawgov_{f['report'].replace('-', '')}_{figure_id}",
        {
            "author": f"{{{m['authors']}}}",
            "title": f"{f['indicator_en']} ({f['indicator_zh']})",
            "year": m["year"],
            "howpublished": f"In: {m['title']}, version {m['version']}",
            "note": (
                f"Figure {f['global_id']}, section {f['section']}, anchor \\#{anchor(figure_id)}; quote: {f['quote']}"
            ),
            "url": url,
        },
    )
    return {"text": text, "bibtex": bib, "anchor": anchor(figure_id), "href": href}


def cite_sentence(sentence_id: str, report: str | None = None, data_dir: PathLike = None) -> dict[str, str]:
    """The suggested citation of one sentence of the parallel text, from its id, section and anchor.

    Returns {'text', 'bibtex', 'anchor', 'href'}; the anchor is the sentence id itself
    (``s-4.1.4-2``) and href is relative to the book's root (``report.html#s-4.1.4-2``),
    prefixed by the book's address when it is set. The citation quotes the Chinese as
    printed and gives this project's translation as such.
    """
    import lawgov
    from lawgov.book.parallel import sentence_href

    s = _row(lawgov.sentences(report, data_dir=data_dir), sentence_id, "sentence")
    m = _citation_meta()
    href = sentence_href(sentence_id)
    url = _url(m, href)
    where = _where(m, '"The report in parallel text"', href)
    en = f" [this project's translation: \u201c{s['en']}\u201d]" if s.get("en") else ""
    text = (
        f"{m['authors']} ({m['year']}). Sentence {sentence_id}, section {s['section']} of the report: "
        f"\u201c{s['zh']}\u201d{en}. In {m['title']}, version {m['version']}, {where}."
    )
    bib = _bib(
        "misc",
        f"lawgov_{s['report'].replace('-', '')}_{sentence_id.replace('-', '_').replace('.', '_')}",
        {
            "author": f"{{{m['authors']}}}",
            "title": f"Sentence {sentence_id} of the report, section {s['section']}",
            "year": m["year"],
            "howpublished": f"In: {m['title']}, version {m['version']}",
            "note": f"Report {s['report']}, sentence {sentence_id}, anchor \\#{sentence_id}; text: {s['zh']}"
            + (f"; translation: {s['en']}" if s.get("en") else ""),
            "url": url,
        },
    )
    return {"text": text, "bibtex": bib, "anchor": sentence_id, "href": href}


def cite_chart(page: str, fig_id: str, caption: str = "", number: str = "") -> dict[str, str]:
    """The suggested citation of one chart, by its number and anchor (``page.html#fig-...``,
    prefixed by the book's address when it is set).

    Returns {'text': the full citation, with the caption's first sentence as the chart's
    title; 'short': the same without the title, for the line under the chart, whose caption
    is just above; 'href'}.
    """
    m = _citation_meta()
    href = f"{page}.html#{fig_id}"
    where = _where(m, f'"{page}"', href)
    title = caption.split(". Source:")[0].split(": ")[0].rstrip(". ") if caption else fig_id
    what = f"{number.rstrip('. ')}, " if number else ""
    text = (
        f"{m['authors']} ({m['year']}). \u201c{title}\u201d [chart: {what}{fig_id}]. "
        f"In {m['title']}, version {m['version']}. {where}"
    )
    short = f"{m['authors']} ({m['year']}), {m['title']}, version {m['version']}, {what}{where}"
    return {"text": text, "short": short, "href": href}
