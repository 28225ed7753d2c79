"""Charts write their own text alternatives: without a ``description``, every builder of
charts/figures.py and charts/parts.py names each value it draws, with its unit."""

from __future__ import annotations

import pytest

import lawgov
from lawgov import charts
from lawgov.analysis import display, readings, verdicts, vocabulary
from lawgov.charts import parts
from lawgov.charts.figures import describe

REPORT = "kunshan-2012"
LADDER = [
    ("model_units_designated", "Kunshan", "昆山市"),
    ("suzhou_model_units_selected", "Suzhou", "苏州市"),
    ("provincial_model_candidates_selected", "Jiangsu", "江苏省"),
]


def _description(chart) -> str:
    d = chart.to_dict().get("description")
    assert isinstance(d, str) and d.strip()
    return d


def _values(by_id, ids):
    return [display.value_en(by_id.loc[i]) for i in ids]


FIGURE_CHARTS = {
    "bars": (
        lambda f: charts.bars(f, ["emergency_plans", "emergency_drills"]),
        ["emergency_plans", "emergency_drills"],
    ),
    "bars, log": (
        lambda f: charts.bars(f, ["mediation_cases", "legal_aid_cases"], log=True),
        ["mediation_cases", "legal_aid_cases"],
    ),
    "rates": (
        lambda f: charts.rates(f, ["hotline_on_time_rate", "suggestions_satisfaction_rate"]),
        ["hotline_on_time_rate", "suggestions_satisfaction_rate"],
    ),
    "composition": (
        lambda f: charts.composition(
            f, "normative_documents_cleaned_up", ["normative_documents_abolished", "normative_documents_amended"]
        ),
        ["normative_documents_cleaned_up", "normative_documents_abolished", "normative_documents_amended"],
    ),
    "funnel": (
        lambda f: charts.funnel(f, ["hotline_calls", "hotline_valid_orders"]),
        ["hotline_calls", "hotline_valid_orders"],
    ),
    "ladder": (lambda f: parts.ladder(f, LADDER), [s[0] for s in LADDER]),
    "pooled": (
        lambda f: parts.pooled(
            f,
            ["deputies_suggestions_handled", "cppcc_proposals_handled"],
            ["suggestions_completion_rate", "suggestions_satisfaction_rate"],
        ),
        [
            "deputies_suggestions_handled",
            "cppcc_proposals_handled",
            "suggestions_completion_rate",
            "suggestions_satisfaction_rate",
        ],
    ),
    "devolution": (
        lambda f: parts.devolution(f, lawgov.audit(REPORT), ["penalty_powers_per_department"]),
        ["penalty_powers_devolved", "penalty_powers_departments"],
    ),
}


@pytest.mark.parametrize("name", FIGURE_CHARTS)
def test_description_names_every_figure_drawn(figs, by_id, name):
    build, ids = FIGURE_CHARTS[name]
    text = _description(build(figs))
    for i, v in zip(ids, _values(by_id, ids)):
        assert v in text, f"{name}: {i} ({v}) missing from {text!r}"
    labels = [s[1] for s in LADDER] if name == "ladder" else [by_id.loc[ids[0], "indicator_en"]]
    assert all(label in text for label in labels), text


def test_implied_and_derived_values_are_named_as_such(figs, by_id):
    f = readings.funnel_counts(figs, ["hotline_calls", "hotline_valid_orders", "hotline_on_time_rate"])
    text = _description(charts.funnel(figs, ["hotline_calls", "hotline_valid_orders", "hotline_on_time_rate"]))
    assert (
        f"≈{display.number(f['count'].iloc[-1], 0)} implied by {display.value_en(by_id.loc['hotline_on_time_rate'])}"
        in text
    )
    per = readings.ratios(figs, lawgov.audit(REPORT), ["penalty_powers_per_department"])["per_unit"].iloc[0]
    text = _description(parts.devolution(figs, lawgov.audit(REPORT), ["penalty_powers_per_department"]))
    assert f"{per:.1f} per department (derived)" in text
    gap = readings.remainder(figs, "filings_reviewed", ["filings_accepted"])
    text = _description(
        charts.composition(figs, "filings_reviewed", ["filings_accepted"], remainder_en="Rest (derived)")
    )
    assert f"Rest (derived): {display.number(gap)} documents (derived, not printed)" in text
    pool = readings.pooled_base(figs, ["deputies_suggestions_handled", "cppcc_proposals_handled"])
    assert f"{pool['total']:,}" in _description(parts.pooled(figs, pool["ids"], ["suggestions_completion_rate"]))


def test_timeline_and_speedup_name_their_values(figs):
    text = _description(charts.timeline(figs))
    for r in readings.periods(figs, by_basis=True).itertuples():
        assert f"{r.period_stated}, " in text and f": {r.n} figure" in text
    assert (
        f"{vocabulary.PERIOD_BASIS_LABELS['not_stated']} ({vocabulary.PERIOD_BASIS_COLOUR_NAMES['not_stated']})" in text
    )
    series = verdicts.speedup_series(REPORT)
    text = _description(parts.speedup(series))
    for r in series.itertuples():
        assert r.label_en in text and f"{r.year}: {r.index:.1f}" in text


def test_a_given_description_wins(figs):
    assert charts.bars(figs, ["emergency_plans"], description="mine").to_dict()["description"] == "mine"
    assert parts.ladder(figs, LADDER, description="mine").to_dict()["description"] == "mine"


def test_any_chart_can_be_described_from_its_spec(figs, by_id):
    ids = ["mediation_cases", "legal_aid_cases", "leader_receptions_visitors"]
    chart = charts.pages.bars_by_period(figs, ids, log=True, description=None)
    text = _description(chart)
    assert text.startswith("Dot chart on a log scale")  # no bar lengths on a log axis (CONVENTIONS)
    for i in ids:
        assert by_id.loc[i, "indicator_en"] in text and display.value_en(by_id.loc[i]) in text
    assert (
        "to the end of October, no start stated (截止10月底) (amber): Petitioners received by leading cadres" in text
    )  # the part-year count's colour group
    import altair as alt
    import pandas as pd

    data = pd.DataFrame({"label": ["a|甲", "b|乙"], "n": [1200, 3]})
    base = alt.Chart(data).encode(y="label:N")
    bare = base.mark_bar().encode(x=alt.X("n:Q", title="things")) + base.mark_text().encode(x="n:Q", text="n:Q")
    assert _description(describe(bare)) == "Bar chart (horizontal axis: things): a: 1,200; b: 3."
