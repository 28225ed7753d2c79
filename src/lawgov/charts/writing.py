"""Charts of the report as text (``lawgov.analysis.writing``): lengths, density, where the numbers fall, words, kinds.

Each builder takes the tidy frame its ``lawgov.analysis.writing`` function returns (the notebook passes
it in, so the chart and the sentence beside it read the same numbers). Its ``description``,
the chart's aria-label, is written from that frame unless one is given. The theme of
``lawgov.charts`` applies; nothing new is registered.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lawgov.analysis.vocabulary import MUTED, NEUTRAL_RAMP, PART_LABELS
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


def measures(meas: pd.DataFrame, *, description: str | None = None) -> alt.Chart:
    """Measures (一是, 二是 ...) per subsection, as a dot per measure."""
    rows = []
    for m in meas.to_dict("records"):
        for k, marker in enumerate(m["markers"].split(), start=1):
            title = wrap(f"§{m['section']} {m['title_en']}")
            rows.append(
                {
                    "section": m["section"],
                    "label": f"{title}|{m['heading_zh']}",
                    "k": k,
                    "marker": marker,
                    "title_en": m["title_en"],
                    "heading_zh": m["heading_zh"],
                    "measures": m["measures"],
                    "part_label": PART_LABELS[int(m["part"])],
                    "part": int(m["part"]),
                }
            )
    data = pd.DataFrame(rows)
    chart = (
        alt.Chart(data)
        .mark_point(filled=True, size=140)
        .encode(
            y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelExpr="split(datum.label, '|')")),
            x=alt.X("k:O", title="measure (一是, 二是, 三是, 四是)", axis=alt.Axis(labelAngle=0)),
            color=_part_colour(data["part"]),
            tooltip=[
                alt.Tooltip("section:N", title="Section"),
                alt.Tooltip("title_en:N", title="Subsection"),
                alt.Tooltip("heading_zh:N", title="标题"),
                alt.Tooltip("marker:N", title="Marker"),
                alt.Tooltip("measures:Q", title="Measures in subsection"),
            ],
        )
    )
    counts = meas["measures"].value_counts()
    text_alt = (
        f"Dot chart: one dot per measure in each of the report's {plural(len(meas), 'subsection')}; "
        + "; ".join(f"{share_word(n, len(meas))} have {k}" for k, n in counts.items())
        + "."
    )
    step = max(34, 15 * max(label_lines(r) for r in data["label"]) + 6)
    return describe(chart.properties(width=220, height=alt.Step(step)), description or text_alt)


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


def top_words(top: pd.DataFrame, *, description: str | None = None, columns: int = 3) -> alt.FacetChart:
    """The most frequent content words of each part, as small multiples (one panel per part)."""
    data = top.copy()
    data["en"] = data["en"].fillna("")
    data["label"] = [f"{w}  {e}" if e else w for w, e in zip(data["word"], data["en"])]
    base = alt.Chart().encode(
        y=alt.Y(
            "word:N", sort=alt.EncodingSortField(field="rank", op="min"), title=None, axis=alt.Axis(labelFontSize=13)
        ),
        tooltip=[
            alt.Tooltip("part_label:N", title="Part"),
            alt.Tooltip("word:N", title="词"),
            alt.Tooltip("en:N", title="Glossary English"),
            alt.Tooltip("count:Q", title="Occurrences"),
            alt.Tooltip("per_1000:Q", title="Per 1,000 content words of the part", format=".1f"),
        ],
    )
    bar = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X("count:Q", title="occurrences", axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("part_label:N", scale=part_scale(data["part"]), legend=None),
    )
    text = base.mark_text(align="left", dx=3, color=MUTED).encode(x="count:Q", text="count:Q")
    chart = (
        alt.layer(bar, text, data=data)
        .properties(width=100, height=alt.Step(20))
        .facet(
            facet=alt.Facet("part_label:N", sort=_PART_ORDER, title=None, header=alt.Header(labelFontWeight="bold")),
            columns=columns,
        )
        .resolve_scale(y="independent", x="independent")
    )
    first = top[top["rank"] == 1]
    text_alt = (
        "Small multiples: for each part, bars of its most frequent content words; the top word of each part is "
        + "; ".join(f"{p} {w} ({c})" for p, w, c in zip(first["part_label"], first["word"], first["count"]))
        + "."
    )
    return describe(chart, description or text_alt)


def kinds(kinds_df: pd.DataFrame, *, description: str | None = None) -> alt.Chart:
    """Share of figures that are counts, rates, people, durations and money (by part if the frame has parts)."""
    data = kinds_df.copy()
    order = ["counts", "rates (percent)", "people", "durations", "money"]
    colour = alt.Color(
        "kind_en:N",
        title=None,
        scale=alt.Scale(domain=order, range=list(NEUTRAL_RAMP[: len(order)])),
        legend=alt.Legend(orient="bottom", columns=5),
    )
    tooltip = [
        alt.Tooltip("kind_en:N", title="Kind"),
        alt.Tooltip("kind_zh:N", title="类别"),
        alt.Tooltip("figures:Q", title="Figures"),
        alt.Tooltip("share:Q", title="Share", format=PERCENT_FORMAT),
    ]
    if "part" in data:
        y = alt.Y("part_label:N", sort=_PART_ORDER, title=None)
        tooltip = [alt.Tooltip("part_label:N", title="Part"), *tooltip]
    else:
        data["part_label"] = "All figures"
        y = alt.Y("part_label:N", title=None)
    data["order"] = data["kind_en"].map({k: i for i, k in enumerate(order)})
    chart = (
        alt.Chart(data)
        .mark_bar(height={"band": 0.7})
        .encode(
            y=y,
            x=alt.X(
                "share:Q",
                title="share of the figures",
                # the ticks of a scale, whole percents (not a value a reader is told)
                axis=alt.Axis(format="%", values=[0, 0.25, 0.5, 0.75, 1]),
                stack="normalize",
            ),
            color=colour,
            order=alt.Order("order:Q"),
            tooltip=tooltip,
        )
    )
    totals = data.groupby("kind_en")["figures"].sum().sort_values(ascending=False)
    text_alt = (
        "Stacked bars: "
        + ("in each part, " if "part" in kinds_df else "")
        + "the share of figures that are counts, rates, people, durations and money; over all the bars, "
        + ", ".join(f"{n} {k}" for k, n in totals.items())
        + "."
    )
    return describe(chart.properties(width=440, height=alt.Step(30)), description or text_alt)


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
