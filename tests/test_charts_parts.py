"""lawgov.charts.parts against the real report: every mark's tooltip, values equal the figures."""

from __future__ import annotations

import pytest

import lawgov
from lawgov import charts
from lawgov.analysis import display
from lawgov.charts import parts

TOOLTIP_FIELDS = {"indicator_en", "indicator_zh", "value_en", "value_zh", "id", "section"}
SUGGESTIONS = ["deputies_suggestions_handled", "cppcc_proposals_handled"]
RATES = ["suggestions_completion_rate", "suggestions_meeting_rate", "suggestions_satisfaction_rate"]
DEVOLUTION = ["penalty_powers_per_department", "approval_items_per_department"]


def _views(spec: dict):
    """Every unit view of a Vega-Lite spec (layers, concatenations, facets), with the data it draws."""
    datasets = spec.get("datasets", {})

    def walk(node, data=None):
        if "data" in node and "name" in node["data"]:
            data = datasets[node["data"]["name"]]
        for key in ("layer", "vconcat", "hconcat", "concat"):
            for child in node.get(key, []):
                yield from walk(child, data)
        if "spec" in node:
            yield from walk(node["spec"], data)
        if "mark" in node:
            yield node, data

    yield from walk(spec)


def _tooltip_fields(view: dict) -> set[str]:
    tips = view.get("encoding", {}).get("tooltip", [])
    return {t["field"].split(":")[0] for t in tips}


def _assert_figure_tooltips(spec: dict, by_id) -> int:
    """Every mark has the standard tooltip; every row that is a figure shows that figure's value."""
    n = 0
    for view, data in _views(spec):
        assert _tooltip_fields(view) >= TOOLTIP_FIELDS, view.get("mark")
        for row in data:
            assert all(row.get(k) not in (None, "") for k in TOOLTIP_FIELDS), row
            if row["id"] in by_id.index:
                f = by_id.loc[row["id"]]
                assert row["value"] == pytest.approx(float(f["value"]))
                assert row["value_en"] == display.value_en(f)
                assert row["value_zh"] == display.value_zh(f)
                assert row["indicator_zh"] == f["indicator_zh"]
                n += 1
    return n


def test_chart_parts_is_exported():
    assert charts.parts is parts


def test_ladder_draws_each_level_with_its_figure(figs, by_id):
    steps = [
        ("model_units_designated", "Kunshan", "昆山市"),
        ("suzhou_model_units_selected", "Suzhou", "苏州市"),
        ("provincial_model_candidates_selected", "Jiangsu", "江苏省"),
    ]
    spec = parts.ladder(figs, steps, description="ladder").to_dict()
    assert spec["description"] == "ladder"
    assert _assert_figure_tooltips(spec, by_id) == 2 * len(steps)  # bar and label layers
    data = next(d for _, d in _views(spec))
    assert [r["value"] for r in data] == [22, 5, 4]
    assert [r["level"] for r in data] == ["Kunshan|昆山市", "Suzhou|苏州市", "Jiangsu|江苏省"]


def test_per_unit_marks_draw_the_audits_ratio(figs, by_id):
    audit = lawgov.audit("kunshan-2012").set_index("id")
    data = parts.per_unit_marks(figs, audit.reset_index(), DEVOLUTION)
    assert len(data) == 3 * len(DEVOLUTION)
    derived = data[data["derived"]].set_index("id")
    for rid, row in derived.iterrows():
        num, den = audit.loc[rid, "inputs"]
        assert row["value"] == pytest.approx(by_id.loc[num, "value"] / by_id.loc[den, "value"])
        assert row["value"] == pytest.approx(audit.loc[rid, "computed"])
        assert "derived" in row["value_en"] and row["value_zh"] == "未载明"


def test_devolution_tooltips_and_values(figs, by_id):
    spec = parts.devolution(figs, lawgov.audit("kunshan-2012"), DEVOLUTION, description="d").to_dict()
    # four figures (665, 16, 135, 15), each drawn as a bar and a label
    assert _assert_figure_tooltips(spec, by_id) == 2 * 4
    # one chart per transfer, each titled with what was handed down; its bars named on its axis
    assert len(spec["vconcat"]) == len(DEVOLUTION)
    titles = [v["layer"][0]["title"]["text"] for v in spec["vconcat"]]
    assert [t.split(" (")[0] for t in titles] == [
        by_id.loc[i, "indicator_en"] for i in ("penalty_powers_devolved", "approval_items_devolved")
    ]
    assert all(v["layer"][0]["encoding"]["y"]["field"] == "panel" for v in spec["vconcat"])


def test_pooled_chart_tooltips_and_or_more_line(figs, by_id):
    spec = parts.pooled(figs, SUGGESTIONS, RATES, description="p").to_dict()
    assert _assert_figure_tooltips(spec, by_id) == 2 * len(SUGGESTIONS) + 3 * len(RATES)
    rows = {r["id"]: r for _, d in _views(spec) for r in d if "upper" in r}
    assert rows["suggestions_satisfaction_rate"]["upper"] == 100.0  # "or more" reaches to 100%
    assert rows["suggestions_completion_rate"]["upper"] == 100.0


def test_speedup_keeps_the_readings_and_shows_full_labels():
    from lawgov.analysis import verdicts

    series = verdicts.speedup_series("kunshan-2012")
    spec = parts.speedup(series, description="s").to_dict()
    assert spec["config"]["legend"]["labelLimit"] >= max(len(x) for x in series["label_en"]) * 6
    data = next(d for _, d in _views(spec))
    assert {r["label_en"] for r in data} == set(series["label_en"])
    assert sum(r["supported"] for r in data if r["year"] == series["year"].max()) == 1
