"""Charts of the report as text (``lawgov.analysis.writing``): lengths, density, where the numbers fall, words, kinds.

Each builder takes the tidy frame its ``lawgov.analysis.writing`` function returns (the notebook passes
it in, so the chart and the sentence beside it read the same numbers). Its ``description``,
the chart's aria-label, is written from that frame unless one is given. The theme of
``lawgov.charts`` applies; nothing new is registered.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lawgov.analysis.vocabulary import MUTED, PART_LABELS
from lawgov.analysis.wording import PERCENT_FORMAT, plural, share_word
from lawgov.charts.figures import TOOLTIP, describe, label_lines, marks, part_scale, wrap

_PART_ORDER = list(PART_LABELS.values())


def _part_colour(parts) -> alt.Color:
    return alt.Color("part_label:N", scale=part_scale(parts), legend=None)


def _extremes(data: pd.DataFrame, label: str, value: str, fmt: str) -> str:
    hi, lo = data.loc[data[value].idxmax()], data.loc[data[value].idxmin()]
    return f"{hi[label]} ({hi[value]:{fmt}}) the most, {lo[label]} ({lo[value]:{fmt}}) the least"


def part_lengths(lengths: pd.DataFrame, *, description: str | None = None) -> alt.LayerChart:
    """Characters per part (whitespace excluded), one bar each, in reading order."""
    data = lengths[["part", "part_label", "title_en", "part_zh", "chars", "han", "share"]].copy()
    data["title_en"] = data["title_en"].fillna("")
    base = alt.Chart(data).encode(
        y=alt.Y("part_label:N", sort=_PART_ORDER, title=None),
        tooltip=[
            alt.Tooltip("part_label:N", title="Part"),
            alt.Tooltip("title_en:N", title="Title"),
            alt.Tooltip("part_zh:N", title="标题"),
            alt.Tooltip("chars:Q", title="Characters", format=","),
            alt.Tooltip("han:Q", title="Chinese characters", format=","),
            alt.Tooltip("share:Q", title="Share of the report", format=PERCENT_FORMAT),
        ],
    )
    bar = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X("chars:Q", title="characters (whitespace excluded)"), color=_part_colour(data["part"])
    )
    text = base.mark_text(align="left", dx=4, color=MUTED).encode(x="chars:Q", text=alt.Text("chars:Q", format=","))
    text_alt = (
        "Bar chart of the characters (whitespace excluded) in each part of the report: "
        f"{_extremes(data, 'part_label', 'chars', ',')}."
    )
    return describe((bar + text).properties(width=440, height=alt.Step(30)), description or text_alt)


def density(dens: pd.DataFrame, *, description: str | None = None, by: str = "part") -> alt.LayerChart:
    """Figures per 1,000 characters, by part or by subsection (sorted from most to least quantified)."""
    data = dens.copy()
    if by == "part":
        data["row"] = data["part_label"]
        sort: list[str] | alt.EncodingSortField = _PART_ORDER
        extra = [alt.Tooltip("part_zh:N", title="标题")]
    else:
        data["part_label"] = data["part"].map(lambda p: PART_LABELS[int(p)])
        data["row"] = [
            f"{wrap(f'§{s} {t}')}|{h}" for s, t, h in zip(data["section"], data["title_en"], data["heading_zh"])
        ]
        data = data.sort_values(["per_1000", "section"], ascending=[False, True], kind="stable")
        sort = list(data["row"])
        extra = [alt.Tooltip("heading_zh:N", title="标题")]
    data["title_en"] = data["title_en"].fillna("")
    base = alt.Chart(data).encode(
        y=alt.Y("row:N", sort=sort, title=None, axis=alt.Axis(labelExpr="split(datum.label, '|')")),
        tooltip=[
            alt.Tooltip("row:N", title="Section"),
            alt.Tooltip("title_en:N", title="Title"),
            *extra,
            alt.Tooltip("figures:Q", title="Figures"),
            alt.Tooltip("chars:Q", title="Characters", format=","),
            alt.Tooltip("per_1000:Q", title="Figures per 1,000 characters", format=".1f"),
        ],
    )
    bar = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X("per_1000:Q", title="figures per 1,000 characters"), color=_part_colour(data["part"])
    )
    text = base.mark_text(align="left", dx=4, color=MUTED).encode(
        x="per_1000:Q", text=alt.Text("per_1000:Q", format=".1f")
    )
    step = 30 if by == "part" else max(34, 15 * max(label_lines(r) for r in data["row"]) + 6)
    named = data.assign(name=data["part_label"] if by == "part" else "§" + data["section"])
    none = named.loc[named["figures"] == 0, "name"]
    text_alt = (
        f"Bar chart of figures per 1,000 characters in each {by}{', most quantified first' if by != 'part' else ''}: "
        f"{_extremes(named, 'name', 'per_1000', '.1f')}" + (f"; with none: {', '.join(none)}." if len(none) else ".")
    )
    return describe((bar + text).properties(width=420, height=alt.Step(step)), description or text_alt)


def strip(
    positions: pd.DataFrame, boundaries: pd.DataFrame, figs: pd.DataFrame, *, description: str | None = None
) -> alt.LayerChart:
    """Where the numbers fall: one tick per figure along the text, over bands for the parts."""
    data = marks(figs.set_index("id").loc[list(positions["id"])].reset_index())
    data = data.merge(positions[["id", "char_offset", "position", "kind"]], on="id")
    data["part_label"] = data["part"]
    bands = boundaries.copy()
    bands["mid"] = (bands["start"] + bands["end"]) / 2
    bands["short"] = bands["part"].map({0: "0", 6: "C"}).fillna(bands["part"].astype(str))
    total = int(bands["end"].max())
    x = alt.X(
        "char_offset:Q",
        title="position in the report (characters from the start, whitespace excluded)",
        scale=alt.Scale(domain=[0, total], nice=False),
    )
    band = (
        alt.Chart(bands)
        .mark_rect(opacity=0.12)
        .encode(
            x=alt.X("start:Q", scale=alt.Scale(domain=[0, total], nice=False), title=None),
            x2="end:Q",
            color=alt.Color("part_label:N", scale=part_scale(bands["part"]), legend=None),
            tooltip=[
                alt.Tooltip("part_label:N", title="Part"),
                alt.Tooltip("part_zh:N", title="标题"),
                alt.Tooltip("chars:Q", title="Characters", format=","),
            ],
        )
    )
    # a part's name where its band is wide enough on screen (about 7 px a letter), else its number
    wide = "scale('x', datum.end) - scale('x', datum.start) >= 7 * length(datum.part_label) + 6"
    name = (
        alt.Chart(bands)
        .mark_text(baseline="top", dy=-34, color=MUTED)
        .encode(x=alt.X("mid:Q"), text=alt.condition(wide, alt.Text("part_label:N"), alt.value("")))
    )
    number = (
        alt.Chart(bands)
        .mark_text(baseline="top", dy=-34, color=MUTED)
        .encode(x=alt.X("mid:Q"), text=alt.condition(wide, alt.value(""), alt.Text("short:N")))
    )
    label = name + number
    ticks = (
        alt.Chart(data)
        .mark_tick(thickness=2, size=34)
        .encode(
            x=x,
            color=alt.Color("part_label:N", scale=part_scale(figs["part"]), legend=None),
            tooltip=TOOLTIP
            + [
                alt.Tooltip("char_offset:Q", title="Character position", format=","),
                alt.Tooltip("position:Q", title="Share of the text before it", format=PERCENT_FORMAT),
            ],
        )
    )
    late = int((positions["position"] > 0.5).sum())
    text_alt = (
        f"Strip chart: one tick for each of the {plural(len(positions), 'figure')} along the report's text, "
        f"coloured by part; {share_word(late, len(positions))} of them lie in the second half of the text."
    )
    return describe((band + label + ticks).properties(width=620, height=60), description or text_alt)


def kinds(kinds_df: pd.DataFrame, *, description: str | None = None) -> alt.LayerChart:
    """How many figures are counts, rates, people, durations and money: one bar per kind (each kind
    named on its axis, never told apart by a shade), split by part in the parts' colours when the
    frame has parts, its total at its end."""
    data = kinds_df.copy()
    order = ["counts", "rates (percent)", "people", "durations", "money"]
    data["order"] = data["kind_en"].map({k: i for i, k in enumerate(order)})
    tooltip = [
        alt.Tooltip("kind_en:N", title="Kind"),
        alt.Tooltip("kind_zh:N", title="类别"),
        alt.Tooltip("figures:Q", title="Figures"),
    ]
    by_part = "part" in data
    if by_part:
        colour = alt.Color("part_label:N", title=None, scale=part_scale(data["part"]), legend=alt.Legend(columns=5))
        tooltip = [
            alt.Tooltip("part_label:N", title="Part"),
            *tooltip,
            alt.Tooltip("share:Q", title="Share of the part's figures", format=PERCENT_FORMAT),
        ]
    else:
        colour = alt.value(MUTED)
    totals = data.groupby(["kind_en", "kind_zh"], as_index=False)["figures"].sum()
    totals["share"] = totals["figures"] / totals["figures"].sum()
    totals["text"] = [f"{n} ({s:.0%})" for n, s in zip(totals["figures"], totals["share"])]
    y = alt.Y("kind_en:N", sort=order, title=None)
    bar = (
        alt.Chart(data)
        .mark_bar(height={"band": 0.7}, stroke="white", strokeWidth=1)
        .encode(
            y=y,
            x=alt.X("sum(figures):Q", title="figures", stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=colour,
            order=alt.Order("part:Q") if by_part else alt.Order("order:Q"),
            tooltip=tooltip,
        )
    )
    text = (
        alt.Chart(totals)
        .mark_text(align="left", dx=4, color=MUTED)
        .encode(
            y=y,
            x=alt.X("figures:Q"),
            text="text:N",
            tooltip=[alt.Tooltip("kind_en:N", title="Kind"), alt.Tooltip("figures:Q", title="Figures")],
        )
    )
    ranked = totals.sort_values("figures", ascending=False)
    text_alt = (
        "Bar chart of the figures of each kind"
        + (", each bar split by part" if by_part else "")
        + ": "
        + ", ".join(f"{n} {k}" for k, n in zip(ranked["kind_en"], ranked["figures"]))
        + "."
    )
    return describe((bar + text).properties(width=440, height=alt.Step(34)), description or text_alt)


def effort(effort_df: pd.DataFrame, *, description: str | None = None) -> alt.LayerChart:
    """Verbs of effort (加强, 推进, 不断 ...) per 1,000 words of each part: the register, measured."""
    data = effort_df.copy()
    base = alt.Chart(data).encode(
        y=alt.Y("part_label:N", sort=_PART_ORDER, title=None),
        tooltip=[
            alt.Tooltip("part_label:N", title="Part"),
            alt.Tooltip("part_zh:N", title="标题"),
            alt.Tooltip("words:Q", title="Chinese words"),
            alt.Tooltip("effort:Q", title="Verbs of effort"),
            alt.Tooltip("per_1000:Q", title="Per 1,000 words", format=".0f"),
        ],
    )
    bar = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X("per_1000:Q", title="verbs of effort per 1,000 words"), color=_part_colour(data["part"])
    )
    text = base.mark_text(align="left", dx=4, color=MUTED).encode(
        x="per_1000:Q", text=alt.Text("per_1000:Q", format=".0f")
    )
    text_alt = (
        "Bar chart of verbs of effort per 1,000 words in each part: "
        f"{_extremes(data, 'part_label', 'per_1000', '.0f')}."
    )
    return describe((bar + text).properties(width=420, height=alt.Step(30)), description or text_alt)
