"""Charts of the arithmetic audit (``lawgov.analysis.verdicts``): verdicts by part and the periods the figures cover.

The speed-up readings use ``lawgov.charts.speedup_readings`` and the time frame
``lawgov.charts.timeline``; this module adds what those do not draw.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lawgov.analysis.vocabulary import MUTED, PART_LABELS, UNCHECKABLE, VERDICT_COLOURS, VERDICTS
from lawgov.analysis.wording import PERCENT_FORMAT, plural, share_word
from lawgov.charts.figures import describe


def _verdicts_text(data: pd.DataFrame) -> str:
    total = int(data["relations"].sum())
    by_verdict = data.groupby("verdict")["relations"].sum().reindex(list(VERDICTS), fill_value=0)
    # only the compared ones are tests; the rest are derivations, so none is called "checkable"
    derived = data[(data["verdict"] != UNCHECKABLE)].groupby("part_label", sort=False)["relations"].sum()
    where = ", ".join(f"{p} ({n})" for p, n in derived[derived > 0].items())
    return (
        f"Stacked bar chart of the {plural(total, 'arithmetic relation')} of the report, by part and verdict: "
        + ", ".join(f"{n} {v}" for v, n in by_verdict[by_verdict > 0].items())
        + f"; {share_word(int(by_verdict.get(UNCHECKABLE, 0)), total)} are not checkable"
        + (f", and the ones from which something follows are in {where}." if where else ".")
    )


def verdicts_by_part(counts: pd.DataFrame, *, description: str | None = None) -> alt.LayerChart:
    """Stacked bars: relations per part, split by verdict.

    From ``lawgov.analysis.verdicts.verdict_counts(by_part=True)``.
    """
    data = counts[counts["relations"] > 0].copy()
    data["order"] = data["verdict"].map({v: i for i, v in enumerate(VERDICTS)})
    totals = data.groupby("part_label", as_index=False)["relations"].sum()
    y = alt.Y("part_label:N", sort=[p for p in PART_LABELS.values() if p in set(data["part_label"])], title=None)
    bars = (
        alt.Chart(data)
        .mark_bar(height={"band": 0.7}, stroke="#ffffff", strokeWidth=1)
        .encode(
            y=y,
            x=alt.X("relations:Q", title="relations (arithmetic the report implies)", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "verdict:N",
                title=None,
                scale=alt.Scale(domain=list(VERDICTS), range=[VERDICT_COLOURS[v] for v in VERDICTS]),
                legend=alt.Legend(orient="bottom", columns=3),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("part_label:N", title="Part"),
                alt.Tooltip("part_zh:N", title="部分"),
                alt.Tooltip("verdict:N", title="Verdict"),
                alt.Tooltip("verdict_zh:N", title="结论"),
                alt.Tooltip("relations:Q", title="Relations"),
                alt.Tooltip("ids:N", title="Relation ids"),
            ],
        )
    )
    text = alt.Chart(totals).mark_text(align="left", dx=4, color=MUTED).encode(y=y, x="relations:Q", text="relations:Q")
    return describe((bars + text).properties(width=440, height=alt.Step(32)), description or _verdicts_text(data))


def periods(breakdown: pd.DataFrame, *, description: str | None = None) -> alt.Chart:
    """One bar of every figure, split by how the text states its period (from
    ``derive.period_breakdown``): the whole year (全年), this year, to the end of October,
    another period, a reading of an undated phrase, or not stated (the report's year assumed)."""
    data = breakdown[breakdown["figures"] > 0].copy()
    data["order"] = range(len(data))
    data["what"] = "figures"
    chart = (
        alt.Chart(data)
        .mark_bar(height=40, stroke=MUTED, strokeWidth=0.5)
        .encode(
            x=alt.X("figures:Q", stack="zero", title="figures in the report, by how the text states their period"),
            y=alt.Y("what:N", title=None, axis=None),
            color=alt.Color(
                "label_en:N",
                title=None,
                scale=alt.Scale(domain=list(data["label_en"]), range=list(data["colour"])),
                legend=alt.Legend(orient="bottom", columns=1, labelLimit=520),  # one column: no wider than the bar
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("label_en:N", title="Period"),
                alt.Tooltip("label_zh:N", title="时期"),
                alt.Tooltip("figures:Q", title="Figures"),
                alt.Tooltip("share:Q", title="Share", format=PERCENT_FORMAT),
                alt.Tooltip("words:N", title="Words in the text"),
            ],
        )
    )
    text_alt = (
        f"One bar of the {plural(int(data['figures'].sum()), 'figure')} of the report, split by how the "
        f"text states the period each covers, left to right: "
        + "; ".join(
            f"{label} ({colour}): {n}"
            for label, colour, n in zip(data["label_en"], data["colour_name"], data["figures"])
        )
        + "."
    )
    return describe(chart.properties(width=520, height=50), description or text_alt)
