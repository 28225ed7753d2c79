"""Every chart can be taken away: its CSV, SVG and PNG, and the line under it (lawgov.publish.chart_files).

The first tests build a page from a real Altair chart; the last ones read the built book
(every chart of every page has its three files and its line, and the files hold the chart).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

import lawgov
from lawgov import charts
from lawgov.book.identity import BOOK_TITLE
from lawgov.publish import chart_files
from lawgov.publish.vega import chart_specs

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _figure(fig_id: str, chart, caption: str = "Things counted. Source: report §4.1.4.") -> str:
    body = chart._repr_mimebundle_()["text/html"]  # what the notebook writes into the page
    return (
        f'<figure class="align-default" id="{fig_id}"><div class="output text_html">{body}</div>'
        f'<figcaption><p><span class="caption-number">Fig. 3 </span><span class="caption-text">{caption}</span>'
        f'<a class="headerlink" href="#{fig_id}">#</a></p></figcaption></figure>'
    )


@pytest.fixture(scope="module")
def two_charts():
    figs = lawgov.figures()
    a = charts.bars(figs, ["emergency_plans", "emergency_drills"])
    b = charts.composition(
        figs,
        "normative_documents_cleaned_up",
        ["normative_documents_abolished", "normative_documents_amended", "normative_documents_retained"],
    )
    page = f"<html><body><p>text</p>{_figure('fig-t-one', a)}<p>more</p>{_figure('fig-t-two', b)}</body></html>"
    return page, a, b


def _rows(csv_bytes: bytes) -> list[dict]:
    assert csv_bytes.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig"))))


def test_each_chart_is_found_in_its_figure(two_charts):
    page, a, b = two_charts
    found = chart_files.charts_in(page, "p9-test")
    assert [c.fig_id for c in found] == ["fig-t-one", "fig-t-two"]
    assert found[0].number == "Fig. 3" and found[0].caption.startswith("Things counted")
    assert found[0].spec["datasets"] == a.to_dict()["datasets"]
    assert all(c.embed_options.get("actions") is False for c in found), "the vega-embed menu is on"


def test_a_chart_outside_a_named_figure_is_an_error(two_charts):
    page, a, _ = two_charts
    loose = page + a._repr_mimebundle_()["text/html"]
    with pytest.raises(chart_files.ChartError, match="outside a named figure"):
        chart_files.charts_in(loose, "p9-test")


def test_the_csv_holds_the_rows_the_chart_draws(two_charts):
    page, a, b = two_charts
    for chart in chart_files.charts_in(page, "p9-test"):
        rows = _rows(chart_files.chart_csv(chart.spec))
        drawn = [r for rows_ in chart_files.datasets(chart.spec) for r in rows_]
        assert len(rows) == len(drawn) > 0
        for got, want in zip(rows, drawn):
            assert got["id"] == want["id"] and float(got["value"]) == float(want["value"])
            assert got["value_zh"] == want["value_zh"]  # the value as printed, Chinese intact


def test_several_datasets_are_told_apart():
    spec = {
        "datasets": {"d1": [{"a": 1}], "d2": [{"b": "x"}, {"b": "y"}]},
        "layer": [{"data": {"values": [{"a": 2.5}]}}],
    }
    rows = _rows(chart_files.chart_csv(spec))
    assert [r["dataset"] for r in rows] == ["1", "2", "2", "3"]
    assert rows[0]["a"] == "1" and rows[0]["b"] == "" and rows[3]["a"] == "2.5"


def test_a_looked_up_table_is_joined_into_the_rows_that_look_it_up():
    """A chart whose cells look up their titles (an Altair transform_lookup) gets a CSV of the
    rows as drawn: each cell with its area's fields, the areas not listed on their own."""
    import altair as alt
    import pandas as pd

    cells = pd.DataFrame({"area": ["a.1", "a.2", "a.1", "b.9"], "n": [1, 2, 3, 4]})
    areas = pd.DataFrame({"area": ["a.1", "a.2"], "title": ["First", "第二"], "unused": ["x", "y"]})
    chart = (
        alt.Chart(cells)
        .transform_lookup(lookup="area", from_=alt.LookupData(areas, key="area", fields=["title"]))
        .mark_bar()
        .encode(x="n:Q", y="title:N")
    )
    spec = alt.vconcat(chart, chart.properties(title="again")).to_dict()
    assert len(spec["datasets"]) == 2
    rows = _rows(chart_files.chart_csv(spec))
    assert [(r["area"], r["n"], r["title"]) for r in rows] == [
        ("a.1", "1", "First"),
        ("a.2", "2", "第二"),
        ("a.1", "3", "First"),
        ("b.9", "4", ""),
    ]
    assert "unused" not in rows[0] and "dataset" not in rows[0]


def _cited_at(page: str, fig_id: str) -> str:
    """Where a chart's citation points: its absolute address, or its page and anchor while
    the book's address is not set."""
    from lawgov.book import address

    return address.address().page(f"{page}.html#{fig_id}") or f'"{page}", anchor {fig_id} ({address.NOT_SET})'


def test_lines_are_escaped_and_never_doubled(two_charts):
    page, *_ = two_charts
    found = chart_files.charts_in(page, "p9-test")
    once = chart_files.with_lines(page, found)
    assert chart_files.with_lines(once, chart_files.charts_in(once, "p9-test")) == once
    lines = re.findall(rf'<p class="{chart_files.LINE_CLASS}"[^>]*>.*?</p>', once, re.S)
    assert len(lines) == 2
    assert (
        'href="downloads/charts/fig-t-one.csv"' in lines[0]
        and "fig-t-one.svg" in lines[0]
        and "fig-t-one.png" in lines[0]
    )
    assert _cited_at("p9-test", "fig-t-one") in html.unescape(lines[0]) and BOOK_TITLE in lines[0]
    # a caption with markup-like text cannot inject anything
    evil = chart_files.Chart("p9", "fig-x", {}, {}, '<script>alert(1)</script> & "q"', "Fig. 1")
    assert "<script>" not in chart_files.line_html(evil) and "&lt;script&gt;" in chart_files.line_html(evil)


def test_rendering_is_deterministic_and_valid(two_charts, tmp_path):
    _, _, b = two_charts
    spec = b.to_dict()
    svg1, png1 = chart_files.render(spec)
    svg2, png2 = chart_files.render(spec, cache=tmp_path)
    assert svg1 == svg2 and png1 == png2
    assert chart_files.render(spec, cache=tmp_path) == (svg1, png1)  # from the cache
    root = ET.fromstring(svg1)
    assert root.tag.endswith("svg")
    assert png1.startswith(PNG_MAGIC)
    texts = "".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert "241" in texts  # the chart's own labels are drawn as text


# --- the built book --------------------------------------------------------------------------


def _pages(built: Path):
    for page in sorted(built.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        if chart_specs(text):
            yield page, text


def test_every_chart_of_every_page_has_its_three_files_and_its_line(built_book):
    checked = 0
    for page, text in _pages(built_book):
        found = chart_files.charts_in(text, page.stem)
        assert len(found) == len(chart_specs(text)), f"{page.name}: a chart outside a named figure"
        lines = re.findall(rf'<p class="{chart_files.LINE_CLASS}"[^>]*>(.*?)</p>', text, re.S)
        assert len(lines) == len(found), f"{page.name}: {len(lines)} download lines for {len(found)} charts"
        for chart, line in zip(found, lines):
            files = chart_files.files(chart.fig_id)
            for ext, rel in files.items():
                assert f'href="{rel}"' in line, (page.name, chart.fig_id, ext)
                assert (built_book / rel).is_file(), f"{rel} missing"
            assert _cited_at(page.stem, chart.fig_id) in html.unescape(line)
            rows = _rows((built_book / files["csv"]).read_bytes())
            assert len(rows) == sum(len(r) for r in chart_files.datasets(chart.spec)) > 0, chart.fig_id
            svg = ET.fromstring((built_book / files["svg"]).read_bytes())
            assert svg.tag.endswith("svg"), chart.fig_id
            assert (built_book / files["png"]).read_bytes().startswith(PNG_MAGIC)
            checked += 1
    assert checked >= 20, f"only {checked} charts in the built book"


def test_the_downloaded_csv_is_the_charts_data(built_book):
    """The cleanup chart's CSV, compared with the figures it draws (read independently)."""
    figs = lawgov.figures().set_index("id")
    rows = _rows((built_book / chart_files.files("fig-p4-cleanup")["csv"]).read_bytes())
    got = {r["id"]: float(r["value"]) for r in rows}
    want = {
        i: float(figs.loc[i, "value"])
        for i in ("normative_documents_abolished", "normative_documents_amended", "normative_documents_retained")
    }
    assert got == want


def test_no_chart_label_is_cut_off(built_book):
    """Vega ends a label it shortens with "…": no rendered text does (long labels wrap), unless
    the chart's own text ends so ("subsections (一)(二) …"). A label drawn in lines is read
    line by line (one <tspan> each)."""
    cut = []
    specs = {
        c.fig_id: json.dumps(c.spec, ensure_ascii=False)
        for page, text in _pages(built_book)
        for c in chart_files.charts_in(text, page.stem)
    }
    for svg in sorted((built_book / "downloads" / "charts").glob("*.svg")):
        for el in ET.fromstring(svg.read_bytes()).iter():
            if not el.tag.endswith("text"):
                continue
            lines = ["".join(t.itertext()).strip() for t in el if t.tag.endswith("tspan")] or [
                "".join(el.itertext()).strip()
            ]
            cut += [f"{svg.stem}: {line}" for line in lines if line.endswith("…") and line not in specs[svg.stem]]
    assert not cut, "labels cut off:\n" + "\n".join(cut)


def test_no_stale_chart_files(built_book):
    names = {
        f"{c.fig_id}.{ext}"
        for page, text in _pages(built_book)
        for c in chart_files.charts_in(text, page.stem)
        for ext in ("csv", "svg", "png")
    }
    printed = {
        f"{chart_files.PRINT_DIR}/{c.fig_id}.svg"
        for page, text in _pages(built_book)
        for c in chart_files.charts_in(text, page.stem)
        if chart_files.print_spec(c.spec) is not None
    }
    charts = built_book / "downloads" / "charts"
    on_disk = {p.relative_to(charts).as_posix() for p in charts.rglob("*") if p.is_file()}
    assert on_disk == names | printed
    assert pd.Series(sorted(names)).str.startswith("fig-").all()
    assert printed, "no chart has a print form (the crosswalk heatmap has)"


def test_a_downloaded_picture_carries_its_title_and_source(two_charts, tmp_path):
    """Away from the page, the SVG (and the PNG, drawn from the same spec) says what it shows,
    where the numbers come from and where the chart is: its number and title, the caption's
    source, the book and the chart's address."""
    page, *_ = two_charts
    chart = chart_files.charts_in(page, "p9-test")[0]
    svg, _ = chart_files.render(chart_files.exported_spec(chart), cache=tmp_path)
    texts = " ".join("".join(t.itertext()) for t in ET.fromstring(svg).iter() if t.tag.endswith("text"))
    assert "Fig. 3. Things counted" in texts
    assert "Source: report §4.1.4." in texts
    # the chart's address: absolute once the book's address is set, else its page and anchor
    # with "address not yet set" (lawgov.book.citation)
    assert BOOK_TITLE.split()[0] in texts and "p9-test" in texts and "fig-t-one" in texts
    assert "Emergency response plans" in texts  # the chart itself is still drawn


def test_the_crosswalk_heatmap_prints_on_a_page_with_its_text_at_7pt(tmp_path):
    """Drawn for the screen it is taller than a page at 7 pt; its print form (the phone's short
    labels, its panels in two columns) fits a page at the text width with its text at 7 pt."""
    from lawgov.analysis import crosswalk
    from lawgov.publish import pdf_edition

    frameworks = ["outline-2004", "decision-2008", "opinion-2010", "outline-2015"]
    spec = charts.crosswalk.heatmap(crosswalk.matrix("kunshan-2012", frameworks=frameworks)).to_dict()
    chart = chart_files.Chart(
        "frameworks", "fig-x", spec, {}, "Parts against framework parts. Source: report.", "Fig. 9"
    )
    screen = chart_files.render(chart_files.exported_spec(chart), cache=tmp_path)[0].decode()
    assert not pdf_edition.fits_a_page(screen)
    printed = chart_files.print_spec(spec)
    assert printed is not None and printed["columns"] == 2 and len(printed["concat"]) == len(frameworks)
    svg = chart_files.render(chart_files.exported_spec(chart, printed), cache=tmp_path)[0].decode()
    assert pdf_edition.fits_a_page(svg)
    width = pdf_edition.chart_width_mm(svg)
    assert width >= pdf_edition.MEASURE_MM and pdf_edition.chart_text_pt(svg, width) >= 7.0
    texts = {"".join(t.itertext()).strip() for t in ET.fromstring(svg).iter() if t.tag.endswith("text")}
    assert {"§0", "§6"} <= texts  # columns by section number, as on a phone


def test_a_chart_without_a_print_form_prints_as_drawn():
    assert chart_files.print_spec({"mark": "bar", "usermeta": {"lawgov": {"short_labels": {"a": "b"}}}}) is None
