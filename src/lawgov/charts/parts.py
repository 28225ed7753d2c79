"""Charts for the part-by-part chapters (preamble, parts 1-3) that the general builders do not cover.

Each builder takes the tidy frames of ``lawgov`` (figures, outline, audit) and an optional
``description`` (the chart's text alternative; left out, it is written from the data drawn).
Every mark drawn from a figure carries the standard tooltip (English label, Chinese label,
value with unit and qualifier, figure id); a mark that is *derived* (a sum or an average the
report does not print) carries the same fields, says "derived" in the value and names the
relation or figures it comes from. The derived numbers themselves (structure counts, pooled
bases, averages per unit) are ``lawgov.analysis.readings``'.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from lawgov.analysis import display, readings
from lawgov.analysis.vocabulary import MUTED, NEUTRAL_RAMP, PART_COLOURS, PART_LABELS
from lawgov.analysis.wording import PERCENT_FORMAT
from lawgov.charts import descriptions
from lawgov.charts.figures import TOOLTIP, TWO_LINES, describe, marks, rate_axis, speedup_readings
from lawgov.charts.theme import text_on

# ---- the structure of the whole report (preamble) -----------------------------------------


# ---- ladders (part 1) ---------------------------------------------------------------------


def ladder(
    figs: pd.DataFrame, steps: Sequence[tuple[str, str, str]], *, description: str | None = None, width: int = 380
) -> alt.LayerChart:
    """Counts at successive levels of government, one bar each, labelled by the level.

    ``steps`` are ``(figure id, level in English, level in Chinese)`` from the lowest level up.
    No bar is drawn as a subset of another: the chart shows numbers at levels, not a funnel.
    """
    ids = [s[0] for s in steps]
    data = marks(figs, ids)
    data["level"] = [f"{en}|{zh}" for _, en, zh in steps]
    part = int(figs.set_index("id").loc[ids[0], "part"])
    base = alt.Chart(data).encode(
        y=alt.Y(
            "level:N",
            sort=alt.EncodingSortField(field="order", op="min"),
            title=None,
            axis=alt.Axis(labelExpr=TWO_LINES),
        ),
        tooltip=TOOLTIP,
    )
    bar = base.mark_bar(height={"band": 0.65}, color=PART_COLOURS[part]).encode(
        x=alt.X("value:Q", title="units", axis=alt.Axis(tickMinStep=1))
    )
    text = base.mark_text(align="left", dx=4, color=MUTED).encode(x="value:Q", text="value_en:N")
    description = descriptions.ladder(data) if description is None else description
    return describe((bar + text).properties(width=width, height=alt.Step(52)), description)


# ---- totals, bases and averages (part 2) ----------------------------------------------------

PER_UNIT_PANELS = ("handed down", "from departments", "per department (derived)")


def per_unit_marks(figs: pd.DataFrame, audit: pd.DataFrame, relations: Sequence[str]) -> pd.DataFrame:
    """The rows ``devolution`` draws: for each ratio relation its numerator, its denominator and
    the average per unit (``readings.ratios``), each with the standard tooltip's columns plus
    ``row`` (the numerator's label), ``panel`` and ``derived``.
    """
    out = []
    for k, r in enumerate(readings.ratios(figs, audit, relations).to_dict("records")):
        m = marks(figs, [r["numerator"], r["denominator"]])
        num, den = m.iloc[0].to_dict(), m.iloc[1].to_dict()
        row = num["label"]
        for panel, x in zip(PER_UNIT_PANELS[:2], (num, den)):
            out.append({**x, "row": row, "panel": panel, "derived": False, "order": k})
        out.append(
            {
                "id": r["relation"],
                "section": r["section"],
                "part": num["part"],
                "label": row,
                "indicator_en": f"{num['indicator_en']}: average per department",
                "indicator_zh": "平均每个部门(推算,原文未载明)",
                "value": r["per_unit"],
                "value_en": f"{r['per_unit']:.1f} {r['unit_en']} per department (derived: "
                f"{r['numerator_en']} ÷ {r['denominator_en']})",
                "value_zh": "未载明",
                "qualifier": "derived",
                "row": row,
                "panel": PER_UNIT_PANELS[2],
                "derived": True,
                "order": k,
            }
        )
    return pd.DataFrame(out)


def devolution(
    figs: pd.DataFrame,
    audit: pd.DataFrame,
    relations: Sequence[str],
    *,
    description: str | None = None,
    width: int = 440,
) -> alt.VConcatChart:
    """One chart per transfer, stacked (each titled with what was handed down, in English and
    Chinese): a bar for what was handed down, one for the departments it came from and one for
    the average per department. Each kind of bar is drawn against the largest of its kind across
    the transfers, so the transfers compare bar by bar; the values are printed, the axis is not."""
    data = per_unit_marks(figs, audit, relations)
    data["text"] = [f"{v:.1f}" if d else display.number(v) for v, d in zip(data["value"], data["derived"])]
    data["scaled"] = data["value"] / data.groupby("panel")["value"].transform("max")
    rows = list(dict.fromkeys(data.sort_values("order")["row"]))
    # each bar in its part's colour (the transfers are told apart by their titles)
    parts = list(dict.fromkeys(data["part"]))
    by_label = {label: p for p, label in PART_LABELS.items()}
    y = alt.Y("panel:N", sort=list(PER_UNIT_PANELS), title=None)
    x = alt.X("scaled:Q", title=None, scale=alt.Scale(domain=[0, 1]), axis=None)
    charts = []
    for row in rows:
        sub = data[data["row"] == row]
        first = sub.iloc[0]
        base = alt.Chart(
            sub, title=alt.Title(f"{first['indicator_en']} ({first['indicator_zh']})", fontSize=13, anchor="start")
        ).encode(y=y, tooltip=TOOLTIP)
        bar = base.mark_bar(height={"band": 0.7}).encode(
            x=x,
            color=alt.Color(
                "part:N", scale=alt.Scale(domain=parts, range=[PART_COLOURS[by_label[p]] for p in parts]), legend=None
            ),
            opacity=alt.condition("datum.derived", alt.value(0.5), alt.value(1.0)),
        )
        text = base.mark_text(align="left", dx=4, color=MUTED).encode(x=x, text="text:N")
        charts.append((bar + text).properties(width=width, height=alt.Step(30)))
    chart = alt.vconcat(*charts, spacing=20)
    return describe(chart, descriptions.devolution(data) if description is None else description)


# ---- pooled bases and rates (part 3) --------------------------------------------------------


def pooled(
    figs: pd.DataFrame, counts: Sequence[str], rates: Sequence[str], *, description: str | None = None, width: int = 460
) -> alt.VConcatChart:
    """Counts that share one set of rates, stacked into the pooled total, above the rates themselves.

    An "or more" rate gets a line to 100%, as in ``lawgov.charts.rates``, on the same 0-100 axis.
    The two groups are neither parts nor outcomes: neutral greys.
    """
    pool = readings.pooled_base(figs, counts)
    c = marks(figs, counts)
    c["share"] = c["value"] / pool["total"]
    c["segment"] = c["indicator_en"]
    c["row"] = "Handled, both groups together|合计(推算)"
    c["label_colour"] = [text_on(f) for f in NEUTRAL_RAMP[: len(c)]]  # ink or white, whichever reads on its grey
    top = alt.Chart(c).encode(
        y=alt.Y("row:N", title=None, axis=alt.Axis(labelExpr=TWO_LINES)),
        x=alt.X(
            "value:Q",
            stack="zero",
            scale=alt.Scale(domain=[0, pool["total"]], nice=False),
            title=(
                f"items handled together: {pool['text']} = {display.number(pool['total'])} (sum derived, not printed)"
            ),
        ),
        order=alt.Order("order:Q"),
        tooltip=TOOLTIP + [alt.Tooltip("share:Q", title="Share of the pooled total", format=PERCENT_FORMAT)],
    )
    stack = top.mark_bar(height=40, stroke="white", strokeWidth=1).encode(
        color=alt.Color(
            "segment:N",
            scale=alt.Scale(domain=list(c["segment"]), range=list(NEUTRAL_RAMP[: len(c)])),
            legend=alt.Legend(title=None, orient="bottom", columns=1, labelLimit=600),
        )
    )
    labels = (
        top.mark_text(fontWeight="bold")
        .encode(
            x=alt.X("mid:Q"),
            text="value_zh:N",
            color=alt.Color("label_colour:N", scale=None),
        )
        .transform_window(cum="sum(value)", sort=[alt.SortField("order")])
        .transform_calculate(mid="datum.cum - datum.value / 2")
    )

    r = marks(figs, rates)
    r["upper"] = [100.0 if q == "at_least" else v for q, v in zip(r["qualifier"], r["value"])]
    low = 0.0
    x = rate_axis(low, "percent, printed for both groups together")
    rb = alt.Chart(r).encode(
        y=alt.Y(
            "label:N",
            sort=alt.EncodingSortField(field="order", op="min"),
            title=None,
            axis=alt.Axis(labelExpr=TWO_LINES),
        ),
        tooltip=TOOLTIP,
    )
    part = int(figs.set_index("id").loc[rates[0], "part"])
    rule = rb.mark_rule(strokeWidth=3, opacity=0.5, color=PART_COLOURS[part]).encode(x=x, x2="upper:Q")
    dot = rb.mark_point(filled=True, size=120, color=PART_COLOURS[part]).encode(x=x)
    text = rb.mark_text(align="right", dx=-10, color=MUTED).encode(x=x, text="value_en:N")
    chart = alt.vconcat(
        (stack + labels).properties(width=width, height=50),
        (rule + dot + text).properties(width=width, height=alt.Step(44)),
        spacing=24,
    )
    return describe(chart, descriptions.pooled(c, r, pool, low) if description is None else description)


# ---- the speed-up readings, with legend labels in full (part 2) -----------------------------


def speedup(series: pd.DataFrame, *, description: str | None = None) -> alt.LayerChart:
    """``lawgov.charts.speedup_readings`` with legend labels long enough for each reading's full wording."""
    return speedup_readings(series, description=description).configure_legend(labelLimit=640)
