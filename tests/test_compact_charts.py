"""The built pages' chart scripts (lawgov.publish.vega.compact_charts): the same chart, lighter.

A chart of Altair's own HTML, with text that would end a script or open a tag in its data,
is compacted; the compact page carries the same spec and options, no CDN loader, and no
character sequence that could leave the script.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from lawgov.charts.notebook import BOOK_BUILD_ENV
from lawgov.publish.vega import chart_scripts, chart_specs, compact_charts

HOSTILE = [
    "</script><img src=x onerror=alert(1)>",
    "<!-- <script>",
    "a & b",
    "行\u2028政\u2029法",
    '"}); alert(1); ({"',
]


def _altair_html(monkeypatch) -> str:
    """The output HTML a chart has in the book build (lawgov's renderer: Altair's template)."""
    monkeypatch.setenv(BOOK_BUILD_ENV, "1")
    data = pd.DataFrame({"label": HOSTILE, "value": range(len(HOSTILE))})
    chart = alt.Chart(data).mark_bar().encode(x="value:Q", y="label:N", tooltip=["label:N"])
    return chart._repr_mimebundle_()["text/html"]


def test_compact_charts_keep_spec_and_options(monkeypatch):
    before = _altair_html(monkeypatch)
    after = compact_charts(before)
    assert chart_specs(after) == chart_specs(before)
    assert [opts for _, opts in chart_scripts(after)] == [opts for _, opts in chart_scripts(before)]
    assert "maybeLoadScript" in before and "maybeLoadScript" not in after and "cdn.jsdelivr" not in after
    assert len(after) < len(before)


def test_compact_charts_leave_no_way_out_of_the_script(monkeypatch):
    after = compact_charts(_altair_html(monkeypatch))
    script = after[after.index("<script>") + len("<script>") : after.rindex("</script>")]
    for needle in ("</", "<!--", "<img", "\u2028", "\u2029", "&"):
        assert needle not in script, needle
    spec = json.loads(chart_specs(after)[0])
    values = [row["label"] for rows in spec["datasets"].values() for row in rows]
    assert values == HOSTILE  # escaped in the page, intact in the spec


def test_html_without_altair_charts_is_unchanged():
    page = '<p>text</p><script>var x = 1;</script><div id="altair-viz-0"></div>'
    assert compact_charts(page) == page
