"""lawgov.charts.pages: cards, the capture's layout, framework coverage; lawgov.analysis.furniture: facts
about the capture."""

from __future__ import annotations

import hashlib
import re

import pytest

import lawgov
from lawgov.analysis import crosswalk, furniture
from lawgov.charts import pages

REPORT = "kunshan-2012"


def _marks(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def test_cards_link_every_figure_and_escape_text(figs):
    ids = ["hotline_calls", "mediation_success_rate", "audit_revenue_savings"]
    out = pages.cards(figs, ids).data
    # one card per id, in order, each linking to the figure's anchor in "The report in numbers"
    assert re.findall(r'data-figure="([^"]+)"', out) == ids
    for i in ids:
        assert f'href="numbers.html#fig-{i}"' in out
    assert "94,129 calls" in out and "94129个" in out  # English value and the value as printed
    assert "To the end of October (截止10月底); the start is not stated" in out  # the caveat travels with the value
    assert "<script" not in out


def test_cards_escape_hostile_labels(figs):
    bad = figs.copy()
    bad.loc[bad["id"] == "hotline_calls", "indicator_en"] = "<img src=x onerror=alert(1)>"
    out = pages.cards(bad, ["hotline_calls"]).data
    assert "<img" not in out and "&lt;img" in out


def test_cards_with_and_without_caveats(figs):
    with_note = figs.loc[figs["note_en"].notna(), "id"].iloc[0]
    without = figs.loc[figs["note_en"].isna(), "id"].iloc[:3].tolist()
    out = pages.cards(figs, [*without, with_note]).data
    assert out.count('class="card-note"') == 1
    assert "nan" not in out.lower().replace("nanjing", "")


def test_cards_unknown_id(figs):
    with pytest.raises(KeyError, match="no_such_figure"):
        pages.cards(figs, ["hotline_calls", "no_such_figure"])


def test_capture_segments_tile_the_capture():
    seg = furniture.capture_segments(REPORT)
    text = lawgov.source_text(REPORT)
    body = lawgov.body(REPORT)
    # contiguous except for the whitespace stripped between the body and the furniture
    assert seg["start"].iloc[0] == 0 and seg["end"].iloc[-1] == len(text)
    b = seg[seg["kind"] == furniture.BODY]
    assert text[b["start"].iloc[0] : b["end"].iloc[-1]] == body
    assert list(b["start"].iloc[1:]) == list(b["end"].iloc[:-1])
    assert b["chars"].sum() == len(body)
    # preamble, five parts and the closing
    assert list(b["part"]) == [0, 1, 2, 3, 4, 5, 6]
    assert seg["first_line"].iloc[-1].startswith("原文地址")


def test_capture_layout_spec():
    spec = pages.capture_layout(furniture.capture_segments(REPORT), description="where the body sits").to_dict()
    assert spec["description"] == "where the body sits"
    titles = {t["title"] for t in _marks(spec)[0]["encoding"]["tooltip"]}
    assert {"Segment", "Characters"} <= titles


def test_furniture_is_everything_outside_the_body():
    furn = furniture.furniture(REPORT)
    text = lawgov.source_text(REPORT)
    body = lawgov.body(REPORT)
    rest = text.replace(body, "", 1)
    assert "".join(furn["line"]) == "".join(ln.strip() for ln in rest.splitlines() if ln.strip())
    assert (furn["line"] == "原文地址:").sum() == 1  # the empty original-address field
    assert furn["where"].iloc[0] == "before" and furn["where"].iloc[-1] == "after"


def test_punctuation_counts_flattened_commas():
    body = lawgov.body(REPORT)
    p = furniture.punctuation(body).set_index("mark")
    assert p.loc["comma", "full_width_count"] == 0
    assert p.loc["comma", "ascii_count"] == body.count(",") > 100
    assert p.loc["enumeration comma", "full_width_count"] == body.count("、") > 0
    assert p.loc["question mark", "ascii_count"] == 2


def test_question_marks_are_the_two_lost_dashes():
    q = furniture.question_marks(REPORT)
    body = lawgov.body(REPORT)
    assert list(q["string"]) == ["2012年?2013年", "2012?2013年度"]
    assert all(body[o] == "?" for o in q["offset"])
    assert list(q["section"]) == ["0", "1.2.1"]
    for s in q["string"]:
        assert s in body


def test_source_hash_matches_metadata():
    rep = lawgov.reports().set_index("id").loc[REPORT]
    assert hashlib.sha256(lawgov.source_text(REPORT).encode("utf-8")).hexdigest() == rep["sha256"]


def test_area_coverage_orders_least_covered_first():
    summ = crosswalk.area_summary(REPORT)
    spec = pages.area_coverage(summ, "opinion-2010", highlight=["opinion-2010.9"], description="d").to_dict()
    data = next(iter(spec["datasets"].values()))
    measures = [r["measures"] for r in sorted(data, key=lambda r: r["order"])]
    assert measures == sorted(measures)
    assert len(data) == int((summ["framework"] == "opinion-2010").sum())
    groups = {r["code"]: r["group"] for r in data}
    assert groups["opinion-2010.9"] == "named in the closing"
    assert sum(g == "named in the closing" for g in groups.values()) == 1
    assert all(r["label"][0] in "✓~?" for r in data)  # every label carries its confidence mark
    with pytest.raises(KeyError):
        pages.area_coverage(summ, "no-such-framework", description="d")


def test_bars_by_period_marks_the_october_counts(figs):
    ids = ["mediation_cases", "leader_receptions_visitors", "leader_receptions_batches"]
    spec = pages.bars_by_period(figs, ids, log=True, description="d").to_dict()
    data = next(iter(spec["datasets"].values()))
    period = {r["id"]: r["period_basis"] for r in data}
    assert period == {
        "mediation_cases": "whole_year",
        "leader_receptions_visitors": "to_date",
        "leader_receptions_batches": "to_date",
    }
    # every mark's tooltip: English and Chinese labels, value with unit, figure id, period
    titles = [t["title"] for t in spec["layer"][0]["encoding"]["tooltip"]]
    assert {"Indicator", "指标", "Value", "Figure id", "Period"} <= set(titles)
    assert spec["layer"][0]["encoding"]["x"]["scale"]["type"] == "log"
    assert [r["value_en"] for r in sorted(data, key=lambda r: r["order"])][0] == "17,993 disputes"


def test_capture_metadata_shows_the_empty_original_address():
    meta = furniture.capture_metadata(REPORT).set_index("key")
    rep = lawgov.reports().set_index("id").loc[REPORT]
    assert meta.loc["capture_original_url", "value"] == "(empty)"
    assert meta.loc["capture_page_date", "value"] == rep["capture_page_date"]
    assert meta.loc["sha256", "value"] == rep["sha256"]
    assert meta.loc["source", "value"] == "data/" + rep["source"]


# ---- descriptions written from the data (no page types one) --------------------------------


def test_capture_layout_describes_the_capture_it_draws():
    seg = furniture.capture_segments(REPORT)
    text = pages.capture_layout(seg).to_dict()["description"]
    assert f"{len(lawgov.source_text(REPORT)):,} characters" in text
    assert f"{len(lawgov.body(REPORT)):,} characters" in text
    assert "Preamble" in text and "Closing" in text


def test_area_coverage_describes_the_least_and_most_covered_area():
    summ = crosswalk.area_summary(REPORT)
    ours = summ[summ["framework"] == "opinion-2010"]
    text = pages.area_coverage(summ, "opinion-2010", highlight=["opinion-2010.9"]).to_dict()["description"]
    least = ours.sort_values(["measures", "figures", "part_no"]).iloc[0]
    most = ours.sort_values(["measures", "figures", "part_no"]).iloc[-1]
    assert f"from {least['measures']} for {least['title_en']}" in text
    assert f"to {most['measures']} for {most['title_en']}" in text
    assert f"{len(ours)} areas" in text
    assert ours.set_index("code").loc["opinion-2010.9", "title_en"] in text.split("Highlighted")[1]


def test_bars_by_period_describes_every_bar_and_the_part_year_ones(figs):
    ids = ["mediation_cases", "leader_receptions_visitors", "leader_receptions_batches"]
    text = pages.bars_by_period(figs, ids, log=True).to_dict()["description"]
    f = figs.set_index("id")
    from lawgov.analysis.display import value_en

    for i in ids:
        assert value_en(f.loc[i].to_dict()) in text
    october = text.split("to the end of October, no start stated (截止10月底) (amber):")[1]
    assert f.loc["leader_receptions_batches", "indicator_en"] in october
    assert f.loc["mediation_cases", "indicator_en"] not in october
    assert "log scale" in text


def test_a_given_description_wins():
    seg = furniture.capture_segments(REPORT)
    assert pages.capture_layout(seg, description="mine").to_dict()["description"] == "mine"
