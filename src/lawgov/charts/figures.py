"""Chart builders for the report's figures (one function per kind of picture).

Every builder's ``description`` (the chart's text alternative, its aria-label) is optional:
left out, the builder writes it from the data it draws (``lawgov.charts.descriptions``).
Readings the report does not print (implied counts, remainders, periods) come from
``lawgov.analysis.readings``, so a chart and the sentence beside it read the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from lawgov.analysis import display, readings
from lawgov.analysis.vocabulary import (
    INK,
    MUTED,
    NEUTRAL_RAMP,
    PART_COLOURS,
    PART_LABELS,
    PERIOD_BASIS_COLOURS,
    PERIOD_BASIS_LABELS,
    PERIOD_BASIS_SHORT,
    outcome_colours,
)
from lawgov.analysis.wording import PERCENT_FORMAT, plural
from lawgov.charts import descriptions
from lawgov.charts.theme import text_on

# An axis label longer than this many characters wraps onto further lines (split on "|"),
# so no label is cut off with an ellipsis (book/CONVENTIONS.md, "Charts as one system").
LABEL_WIDTH = 44


def wrap(text: str, width: int = LABEL_WIDTH) -> str:
    """``text`` broken at spaces into lines of at most ``width`` characters, joined by "|"
    (a word longer than ``width`` keeps its own line, whole)."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "|".join(lines)


def label_lines(label: str) -> int:
    """How many lines an axis label of :func:`wrap` / :func:`marks` takes."""
    return str(label).count("|") + 1


def part_scale(parts: Sequence[int]) -> alt.Scale:
    """The colour scale of the parts a chart draws (each part its colour in every chart)."""
    parts = sorted(set(int(p) for p in parts))
    return alt.Scale(domain=[PART_LABELS[p] for p in parts], range=[PART_COLOURS[p] for p in parts])


def marks(figs: pd.DataFrame, ids: Sequence[str] | None = None) -> pd.DataFrame:
    """The rows to draw, in the order of ``ids``, with only the columns charts use.

    ``label`` holds the English indicator (wrapped, see :func:`wrap`) and the Chinese one
    on further lines (``|`` splits them in the axis); ``value_en`` / ``value_zh`` carry unit and
    qualifier into the tooltip.
    """
    if ids is not None:
        missing = [i for i in ids if i not in set(figs["id"])]
        if missing:
            raise KeyError(f"no such figure: {', '.join(missing)}")
        figs = figs.set_index("id").loc[list(ids)].reset_index()
    rows = [
        {
            "id": f["id"],
            "section": f["section"],
            "part": PART_LABELS[int(f["part"])],
            "label": f"{wrap(f['indicator_en'])}|{f['indicator_zh']}",
            "indicator_en": f["indicator_en"],
            "indicator_zh": f["indicator_zh"],
            "value": float(f["value"]),
            "value_en": display.value_en(f),
            "value_zh": display.value_zh(f),
            "qualifier": f["qualifier"],
            "order": i,
        }
        for i, f in enumerate(figs.to_dict("records"))
    ]
    return pd.DataFrame(rows)


TOOLTIP = [
    alt.Tooltip("indicator_en:N", title="Indicator"),
    alt.Tooltip("indicator_zh:N", title="指标"),
    alt.Tooltip("value_en:N", title="Value"),
    alt.Tooltip("value_zh:N", title="原文"),
    alt.Tooltip("id:N", title="Figure id"),
    alt.Tooltip("section:N", title="Section"),
]

TWO_LINES = "split(datum.label, '|')"
_BY_ORDER = alt.EncodingSortField(field="order", op="min")


def describe(chart: alt.Chart | alt.LayerChart | alt.ConcatChart, description: str | None = None) -> alt.TopLevelMixin:
    # Vega-Lite's top-level description becomes the SVG's aria-label: the chart's text alternative.
    # Without one, it is written from the chart's own spec (its kind, axis and labelled values).
    if description is None:
        description = descriptions.from_spec(chart.to_dict())
    return chart.properties(description=description)


def bars(
    figs: pd.DataFrame,
    ids: Sequence[str],
    *,
    description: str | None = None,
    log: bool = False,
    x_title: str | None = None,
    width: int = 460,
) -> alt.LayerChart:
    """Horizontal bars of the chosen figures, in the given order, labelled in both languages.

    On a log axis (``log=True``) each figure is a dot, not a bar: a bar's length on a log
    axis means nothing, least of all across units.
    """
    data = marks(figs, ids)
    units = sorted(set(figs.set_index("id").loc[list(ids), "unit_en"]))
    title = x_title or (units[0] if len(units) == 1 else "count (see tooltip for units)")
    title += " (log scale)" if log else ""
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", sort=_BY_ORDER, title=None, axis=alt.Axis(labelExpr=TWO_LINES)),
        tooltip=TOOLTIP,
    )
    colour = alt.Color("part:N", scale=part_scale(figs.set_index("id").loc[list(ids), "part"]), legend=None)
    if log:
        x = alt.X("value:Q", title=title, scale=alt.Scale(type="log"), axis=alt.Axis(format=","))
        mark = base.mark_point(filled=True, size=120, opacity=1).encode(x=x, color=colour)
        text = base.mark_text(align="left", dx=9, color=MUTED).encode(x=x, text="value_en:N")
    else:
        x = alt.X("value:Q", title=title, scale=alt.Scale(zero=True))
        mark = base.mark_bar(height={"band": 0.7}).encode(x=x, x2=alt.X2(datum=0), color=colour)
        text = base.mark_text(align="left", dx=4, color=MUTED).encode(x="value:Q", text="value_en:N")
    description = descriptions.bars(data, title, log) if description is None else description
    return describe((mark + text).properties(width=width, height=alt.Step(44)), description)


def composition(
    figs: pd.DataFrame,
    whole: str,
    parts: Sequence[str],
    *,
    description: str | None = None,
    remainder_en: str | None = None,
    width: int = 560,
) -> alt.LayerChart:
    """One bar for the whole, split into its outcomes (in the outcome palette, in the order given);
    a remainder the text leaves unexplained is drawn in the palette's "not stated" grey."""
    data = marks(figs, list(parts))
    whole_row = figs.set_index("id").loc[whole]
    gap = readings.remainder(figs, whole, parts)
    if gap > 0 and remainder_en:
        data = pd.concat(
            [
                data,
                pd.DataFrame(
                    [
                        {
                            "id": f"{whole} (derived)",
                            "section": whole_row["section"],
                            "part": "",
                            "label": remainder_en,
                            "indicator_en": remainder_en,
                            "indicator_zh": "(推算)",
                            "value": gap,
                            "value_en": f"{display.number(gap)} {whole_row['unit_en']} (derived, not printed)",
                            "value_zh": "未载明",
                            "qualifier": "exact",
                            "order": len(data),
                        }
                    ]
                ),
            ],
            ignore_index=True,
        )
    data["share"] = data["value"] / float(whole_row["value"])
    data["segment"] = data["indicator_en"]
    colours = outcome_colours(len(parts), remainder=len(data) > len(parts))
    data["label_colour"] = [text_on(c) for c in colours]  # ink or white, whichever reads on its segment
    base = alt.Chart(data).encode(
        x=alt.X(
            "value:Q",
            stack="zero",
            title=f"{whole_row['indicator_en']}: {display.value_en(whole_row)}",
            scale=alt.Scale(domain=[0, float(whole_row["value"])], nice=False),
        ),
        order=alt.Order("order:Q"),
        tooltip=TOOLTIP + [alt.Tooltip("share:Q", title="Share of whole", format=PERCENT_FORMAT)],
    )
    bar = base.mark_bar(height=46, stroke="white", strokeWidth=1).encode(
        color=alt.Color(
            "segment:N",
            scale=alt.Scale(domain=list(data["segment"]), range=colours),
            # one column: a legend in two sets the chart's width on a phone, not its plot
            legend=alt.Legend(title=None, orient="bottom", columns=1),
        ),
    )
    text = (
        base.mark_text(fontWeight="bold", xOffset=0)
        .transform_filter("datum.share >= 0.05")
        .encode(
            x=alt.X("mid:Q"),
            text=alt.Text("value:Q", format=","),
            color=alt.Color("label_colour:N", scale=None),
        )
        .transform_window(cum="sum(value)", sort=[alt.SortField("order")])
        .transform_calculate(mid="datum.cum - datum.value / 2")
    )
    description = descriptions.composition(data, whole_row) if description is None else description
    return describe((bar + text).properties(width=width, height=60), description)


IMPLIED_OPACITY = 0.45


def funnel(
    figs: pd.DataFrame, stages: Sequence[str], *, description: str | None = None, width: int = 460
) -> alt.LayerChart:
    """Stages of one process; a rate stage is drawn as the count it implies (previous count × rate), paler."""
    data = marks(figs, list(stages))
    unit = figs.set_index("id")["unit_en"]
    counts = readings.funnel_counts(figs, stages)
    # the axis names every count unit it carries (calls, then work orders), not the first alone
    axis_unit = " / ".join(dict.fromkeys(unit[s] for s in stages if unit[s] != "percent"))
    data["count"] = list(counts["count"])
    data["implied"] = list(counts["implied"])
    data["bar_label"] = [
        f"≈{display.number(c, 0)} implied by {r['value_en']}" if imp else r["value_en"]
        for c, imp, r in zip(data["count"], data["implied"], data.to_dict("records"))
    ]
    data["share_of_first"] = list(counts["share_of_first"])
    # drawn in two lines ("≈79,055" over "implied by 99.9%"), short enough for its bar on a phone
    data["bar_lines"] = [label.replace(" implied by ", "\nimplied by ") for label in data["bar_label"]]
    fill = PART_COLOURS[int(figs.set_index("id").loc[stages[0], "part"])]
    # a label reads on its bar: an implied count's bar is paler (IMPLIED_OPACITY over white)
    data["label_colour"] = [text_on(fill, IMPLIED_OPACITY if imp else 1.0) for imp in data["implied"]]
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", sort=_BY_ORDER, title=None, axis=alt.Axis(labelExpr=TWO_LINES)),
        tooltip=TOOLTIP
        + [
            alt.Tooltip("count:Q", title="Count (implied if a rate)", format=",.0f"),
            alt.Tooltip("share_of_first:Q", title="Share of first stage", format=PERCENT_FORMAT),
        ],
    )
    bar = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X("count:Q", title=f"{axis_unit} (paler: implied by a printed rate)"),
        color=alt.value(fill),
        opacity=alt.condition("datum.implied", alt.value(IMPLIED_OPACITY), alt.value(1.0)),
    )
    text = base.mark_text(align="right", dx=-6, fontWeight="bold", lineBreak="\n").encode(
        x="count:Q", text="bar_lines:N", color=alt.Color("label_colour:N", scale=None)
    )
    description = descriptions.funnel(data, axis_unit) if description is None else description
    return describe((bar + text).properties(width=width, height=alt.Step(50)), description)


def rate_axis(axis_from: float = 0.0, title: str = "percent") -> alt.X:
    """The one percent axis of every rate chart: 0 to 100, or cut at ``axis_from`` and saying so
    in its title (the caption must give the reason: book/CONVENTIONS.md)."""
    # where the axis starts, as the caller set it (a scale, not a share: no fixed decimals)
    cut = f" (axis cut: starts at {axis_from:g}%, not 0)" if axis_from else ""
    return alt.X(
        "value:Q",
        title=title + cut,
        scale=alt.Scale(domain=[axis_from, 100], nice=False),
        axis=alt.Axis(values=[v for v in range(0, 101, 10) if v >= axis_from] if not axis_from else None),
    )


def rates(
    figs: pd.DataFrame, ids: Sequence[str], *, description: str | None = None, width: int = 460, axis_from: float = 0.0
) -> alt.LayerChart:
    """Printed rates as dots on a percent axis from 0 to 100; an "or more" rate gets a line to 100%.

    ``axis_from`` cuts the axis (marked in its title); give the reason in the caption.
    """
    data = marks(figs, ids)
    data["upper"] = [100.0 if q == "at_least" else v for q, v in zip(data["qualifier"], data["value"])]
    x = rate_axis(axis_from)
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", sort=_BY_ORDER, title=None, axis=alt.Axis(labelExpr=TWO_LINES)),
        tooltip=TOOLTIP,
    )
    colour = alt.Color("part:N", scale=part_scale(figs.set_index("id").loc[list(ids), "part"]), legend=None)
    rule = base.mark_rule(strokeWidth=3, opacity=0.5).encode(x=x, x2="upper:Q", color=colour)
    dot = base.mark_point(filled=True, size=120, opacity=1).encode(x=x, color=colour)
    text = base.mark_text(align="right", dx=-10, color=MUTED).encode(x=x, text="value_en:N")
    description = descriptions.rates(data, axis_from) if description is None else description
    return describe((rule + dot + text).properties(width=width, height=alt.Step(44)), description)


def timeline(figs: pd.DataFrame, *, description: str | None = None) -> alt.LayerChart:
    """The periods the figures cover, one row per period and per basis (how the text states it):
    how much of the "annual" report is stated for the year, and how much is assumed to be.

    A period with both ends is a bar. A period the text gives only one end of is drawn by that
    end alone: a tick at it and an arrowhead pointing to the side the text leaves open (a count
    to the end of October, 截止10月底, is a tick at 31 October pointing back to a start the text
    does not give; a count "this year", 今年以来, a tick at 1 January pointing on to an end the
    text does not give), so no mark claims a day the text does not state."""
    g = readings.periods(figs, by_basis=True)
    if description is None:
        description = descriptions.timeline(g)
    end_excl = g.pop("end") + pd.Timedelta(days=1)  # a bar ends after its last day
    closed = g["start"].notna() & end_excl.notna()
    g["bar_start"] = g["start"].where(closed)
    g["bar_end"] = end_excl.where(closed)
    # the one end the text states, of a period it leaves open at the other
    g["known_end"] = end_excl.where(g["start"].isna()).fillna(g["start"].where(end_excl.isna()))
    g["open_side"] = ["closed" if c else ("start" if pd.isna(s) else "end") for c, s in zip(closed, g["start"])]
    g["label_at"] = g["bar_end"].fillna(g["known_end"])
    g = g.drop(columns="start")
    g["basis_en"] = g["period_basis"].map(PERIOD_BASIS_LABELS)
    # the period as the text states it, then how it states it: short lines, for a phone
    g["row"] = [
        f"{p.replace(', ', '|')}|{PERIOD_BASIS_SHORT[b]}" for p, b in zip(g["period_stated"], g["period_basis"])
    ]
    g["label"] = [plural(int(n), "figure") for n in g["n"]]
    base = alt.Chart(g).encode(
        y=alt.Y(
            "row:N",
            title=None,
            sort=alt.EncodingSortField(field="rank", op="min"),
            axis=alt.Axis(labelLimit=0, labelExpr=TWO_LINES),
        ),
        tooltip=[
            alt.Tooltip("period:N", title="Period"),
            alt.Tooltip("basis_en:N", title="How the text states it"),
            alt.Tooltip("n:Q", title="Figures"),
            alt.Tooltip("indicators:N", title="Indicators"),
            alt.Tooltip("ids:N", title="Figure ids"),
        ],
    )
    bases = [b for b in PERIOD_BASIS_COLOURS if b in set(g["period_basis"])]
    color = alt.Color(
        "basis_en:N",
        title=None,
        scale=alt.Scale(domain=[PERIOD_BASIS_LABELS[b] for b in bases], range=[PERIOD_BASIS_COLOURS[b] for b in bases]),
        # one column: two of these labels side by side are wider than a phone
        legend=alt.Legend(orient="bottom", columns=1, labelLimit=360),
    )
    x_axis = alt.X("bar_start:T", title=None, axis=alt.Axis(format="%Y", tickCount="year"))
    bar = (
        base.transform_filter(alt.datum.open_side == "closed")
        .mark_bar(height={"band": 0.6}, stroke=MUTED, strokeWidth=0.5)
        .encode(x=x_axis, x2="bar_end:T", color=color)
    )
    known = alt.X("known_end:T", title=None)
    tick = (
        base.transform_filter(alt.datum.open_side != "closed")
        .mark_tick(thickness=4, size=24, opacity=1)
        .encode(x=known, color=alt.Color("basis_en:N", legend=None))
    )
    arrows = [
        base.transform_filter(alt.datum.open_side == side)
        .mark_point(shape=shape, filled=True, size=70, opacity=1, xOffset=offset)
        .encode(x=known, color=alt.Color("basis_en:N", legend=None))
        for side, shape, offset in (("start", "triangle-left", -9), ("end", "triangle-right", 9))
    ]
    text = [
        base.transform_filter(flt).mark_text(align="left", dx=dx, color=MUTED).encode(x="label_at:T", text="label:N")
        for flt, dx in ((alt.datum.open_side != "end", 4), (alt.datum.open_side == "end", 18))
    ]
    # a step for three lines of label: an open period's row says which end the text leaves out
    return describe(alt.layer(bar, tick, *arrows, *text).properties(width=480, height=alt.Step(48)), description)


def speedup_readings(series: pd.DataFrame, *, description: str | None = None) -> alt.LayerChart:
    """Processing time (2010 = 100) under each reading of "sped up by 14.4%, then by a further 19.62%"."""
    legend = alt.Legend(orient="bottom", columns=1, labelLimit=0)
    grey = alt.Scale(range=list(NEUTRAL_RAMP[:3]))
    # the readings differ in their points' shape as well as in grey (never told apart by shade
    # alone): one legend, the points', shows both; the lines and labels add none
    colour = alt.Color("label_en:N", title=None, legend=None, scale=grey)
    points_legend = dict(
        color=alt.Color("label_en:N", title=None, legend=legend, scale=grey),
        shape=alt.Shape("label_en:N", title=None, legend=legend),
    )
    tooltip = [
        alt.Tooltip("label_en:N", title="Reading"),
        alt.Tooltip("year:O", title="Year"),
        alt.Tooltip("index:Q", title="Time index (2010 = 100)", format=".1f"),
        alt.Tooltip("supported_en:N", title="Fits the wording"),
    ]
    base = alt.Chart(series).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("index:Q", title="processing time, 2010 = 100", scale=alt.Scale(zero=False)),
        color=colour,
        tooltip=tooltip,
    )
    line = base.mark_line().encode(strokeDash=alt.condition("datum.supported", alt.value([1, 0]), alt.value([5, 4])))
    points = base.mark_point(filled=True, size=70, opacity=1).encode(**points_legend)
    # the values in ink: the palest grey of the lines would not read on white
    text = (
        base.transform_filter("datum.year == 2012")
        .mark_text(align="left", dx=8)
        .encode(text=alt.Text("index:Q", format=".1f"), color=alt.value(INK))
    )
    return describe(
        (line + points + text).properties(width=420, height=280),
        descriptions.speedup(series) if description is None else description,
    )
