"""Builders for the front pages and the closing chapter: key-figure cards, the capture, coverage.

- :func:`cards`: a grid of chosen figures (the landing page's "The year in numbers"),
  each card linked to the figure's row in "The report in numbers". HTML, not a chart.
- :func:`capture_layout`: where the report's body sits inside the web-page capture
  (the segments come from ``lawgov.analysis.furniture.capture_segments``).
- :func:`area_coverage`: measures and figures per area of one national framework, least
  covered first (for the closing chapter).
- :func:`bars_by_period`: counts coloured by the period each covers.

Every chart's ``description`` (its text alternative) is written from the data it draws
unless one is given.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence

import altair as alt
import pandas as pd

from lawgov.analysis import display
from lawgov.analysis.furniture import BODY, FURNITURE  # the segments' kinds, re-exported
from lawgov.analysis.vocabulary import (
    CONFIDENCE_SYMBOL,
    MUTED,
    NEUTRAL_RAMP,
    PART_COLOURS,
    PERIOD_BASIS_COLOUR_NAMES,
    PERIOD_BASIS_COLOURS,
    PERIOD_BASIS_LABELS,
)
from lawgov.analysis.wording import plural
from lawgov.charts.figures import describe, label_lines, wrap
from lawgov.charts.theme import text_on

# ---- the landing page's cards ---------------------------------------------------------------

_CARDS_CSS = """
.lawgov-cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(13.5rem,1fr));gap:.75rem;\
margin:1rem 0 1.5rem;padding:0;list-style:none}
.lawgov-cards li{margin:0;border:1px solid var(--pst-color-border,#d0d0d0);\
border-left:4px solid var(--card-colour,#0072B2);
 border-radius:4px;padding:.6rem .75rem;background:var(--pst-color-surface,transparent)}
.lawgov-cards a.card-link{text-decoration:none;color:inherit;display:block}
.lawgov-cards a.card-link:hover .card-value{text-decoration:underline}
.lawgov-cards .card-value{font-size:1.45rem;font-weight:700;line-height:1.2;color:var(--pst-color-text-base,inherit)}
.lawgov-cards .card-zh{font-size:.9rem;color:var(--pst-color-text-muted,#5a5a5a)}
.lawgov-cards .card-label{font-size:.92rem;margin-top:.3rem;line-height:1.3}
.lawgov-cards .card-meta{font-size:.8rem;color:var(--pst-color-text-muted,#5a5a5a);margin-top:.25rem}
.lawgov-cards .card-note{font-size:.8rem;font-style:italic;color:var(--pst-color-text-muted,#5a5a5a);margin-top:.2rem}
.lawgov-cards .card-why{font-size:.85rem;margin-top:.35rem;line-height:1.35}
"""


def cards_rows(figs: pd.DataFrame, ids: Sequence[str], *, page_prefix: str = "") -> pd.DataFrame:
    """The cards' content, one row per id in the given order (KeyError naming any unknown id)."""
    missing = [i for i in ids if i not in set(figs["id"])]
    if missing:
        raise KeyError(f"no such figure: {', '.join(missing)}")
    f = figs.set_index("id")
    rows = []
    for i in ids:
        r = f.loc[i].to_dict() | {"id": i}
        note = r.get("note_en")
        rows.append(
            {
                "id": i,
                "section": r["section"],
                "part": int(r["part"]),
                "value_en": display.value_en(r),
                "value_zh": display.value_zh(r),
                "indicator_en": r["indicator_en"],
                "indicator_zh": r["indicator_zh"],
                "period_en": display.period_stated_en(r),
                "note_en": None if display.missing(note) else str(note),
                "href": f"{page_prefix}{display.NUMBERS_PAGE}.html#{display.anchor(i)}",
                "colour": PART_COLOURS[int(r["part"])],
            }
        )
    return pd.DataFrame(rows)


def cards(figs: pd.DataFrame, ids: Sequence[str] | Mapping[str, str], *, page_prefix: str = "", notes: bool = True):
    """Chosen figures as a grid of cards: value (English and as printed), indicator in both
    languages, section and period, the caveat if any; each card links to the figure's anchor.
    ``ids`` may map each id to why it was chosen, which the card then says.

    Returns ``IPython.display.HTML``; every text is escaped.
    """
    from IPython.display import HTML

    why = dict(ids) if isinstance(ids, Mapping) else {}
    items = []
    for r in cards_rows(figs, list(ids), page_prefix=page_prefix).to_dict("records"):
        e = html.escape
        has_note = notes and not display.missing(r["note_en"]) and str(r["note_en"])
        note = f'<div class="card-why">{e(why[r["id"]])}</div>' if why.get(r["id"]) else ""
        note += f'<div class="card-note">{e(str(r["note_en"]))}</div>' if has_note else ""
        items.append(
            f'<li style="--card-colour:{e(r["colour"])}" data-figure="{e(r["id"])}">'
            f'<a class="card-link" href="{e(r["href"])}">'
            f'<div class="card-value">{e(r["value_en"])}</div>'
            f'<div class="card-zh" lang="zh">{e(r["value_zh"])}</div>'
            f'<div class="card-label">{e(r["indicator_en"])}<br><span lang="zh">{e(r["indicator_zh"])}</span></div>'
            f'<div class="card-meta">§{e(r["section"])} · {e(r["period_en"])}</div>{note}</a></li>'
        )
    return HTML(f'<style>{_CARDS_CSS}</style><ul class="lawgov-cards">{"".join(items)}</ul>')


# ---- the capture ----------------------------------------------------------------------------

FURNITURE_COLOUR = "#c9c9c9"


def _capture_text(segments: pd.DataFrame) -> str:
    body = segments[segments["kind"] == BODY]
    before, after = segments.iloc[0], segments.iloc[-1]
    return (
        f"A single horizontal bar the length of the captured page, {int(segments['end'].max()):,} characters: "
        f"{int(before['chars']):,} characters of page furniture, then the report's body in "
        f"{plural(len(body), 'segment')} ({', '.join(s.split(':')[0] for s in body['segment'])}; "
        f"{int(body['chars'].sum()):,} characters), then {int(after['chars']):,} characters of page furniture."
    )


def capture_layout(segments: pd.DataFrame, *, description: str | None = None, width: int = 620) -> alt.LayerChart:
    """One bar the length of the capture: furniture in grey, the body's parts in their colours."""
    data = segments.copy()
    colours = [FURNITURE_COLOUR if k == FURNITURE else PART_COLOURS[int(p)] for p, k in zip(data["part"], data["kind"])]
    data["mid"] = (data["start"] + data["end"]) / 2
    data["short"] = [
        ("furniture" if k == FURNITURE else s.split(":")[0]) for s, k in zip(data["segment"], data["kind"])
    ]
    data = data.drop(columns=["part"])
    data["row"] = "capture"
    data["label_colour"] = [text_on(c) for c in colours]
    base = alt.Chart(data).encode(
        y=alt.Y("row:N", title=None, axis=None),
        tooltip=[
            alt.Tooltip("segment:N", title="Segment"),
            alt.Tooltip("kind:N", title="Kind"),
            alt.Tooltip("start:Q", title="From character", format=","),
            alt.Tooltip("end:Q", title="To character", format=","),
            alt.Tooltip("chars:Q", title="Characters", format=","),
            alt.Tooltip("first_line:N", title="首行 · first line"),
        ],
    )
    bar = base.mark_bar(height=44, stroke="#ffffff", strokeWidth=1).encode(
        x=alt.X(
            "start:Q",
            title="characters from the start of the capture",
            scale=alt.Scale(domain=[0, int(data["end"].max())], nice=False),
        ),
        x2="end:Q",
        color=alt.Color(
            "short:N",
            title=None,
            scale=alt.Scale(domain=list(dict.fromkeys(data["short"])), range=list(dict.fromkeys(colours))),
            legend=alt.Legend(orient="bottom", columns=8),
        ),
    )
    # a segment is labelled only where it is wide enough on screen for its label (at 11 px bold, about
    # 7 px a letter): measured on the drawn scale, so a phone's narrower chart drops the short segments' labels
    text = base.mark_text(fontWeight="bold", fontSize=11).encode(
        x="mid:Q",
        text=alt.condition(
            "scale('x', datum.end) - scale('x', datum.start) >= 7 * length(datum.short) + 6",
            alt.Text("short:N"),
            alt.value(""),
        ),
        color=alt.Color("label_colour:N", scale=None),
    )  # ink or white, whichever reads on the segment
    return describe((bar + text).properties(width=width, height=56), description or _capture_text(segments))


# ---- coverage against a framework -----------------------------------------------------------


def _coverage_text(data: pd.DataFrame, framework: str, highlight_en: str) -> str:
    first, last = data.iloc[0], data.iloc[-1]
    lit = data[data["group"] == highlight_en]
    doc = str(data["framework_document_no"].iloc[0] or "")
    text = (
        f"Bar chart of the {plural(len(data), 'area')} of {framework}{f' ({doc})' if doc else ''}, ordered by how "
        f"many measures of the report answer to each, from {first['measures']} for {first['title_en']} to "
        f"{last['measures']} for {last['title_en']}."
    )
    if len(lit):
        text += f" Highlighted, {highlight_en}: {'; '.join(lit['title_en'])}."
    return text


def area_coverage(
    summary: pd.DataFrame,
    framework: str,
    *,
    description: str | None = None,
    highlight: Iterable[str] = (),
    highlight_en: str = "named in the closing",
    width: int = 220,
    highlight_part: int = 6,
) -> alt.LayerChart:
    """Measures answering to each area of one framework, fewest first, figures as a label.

    ``summary`` is ``lawgov.analysis.crosswalk.area_summary()``; ``highlight`` lists area codes to draw
    in the colour of ``highlight_part`` (the closing's, for the areas its problems map to), the
    rest in a neutral grey. Each label carries the area's confidence mark (✓ confirmed,
    ~ likely, ? unverified) and wraps its title in lines of 44 letters (about as wide as the longest
    Chinese title beside it; narrower made area 2 of the 2010 Opinion six lines tall, and the chart
    taller than a printed page at 7 pt).
    """
    data = summary[summary["framework"] == framework].copy()
    if data.empty:
        raise KeyError(f"no areas for framework {framework!r}")
    highlight = set(highlight)
    data = data.sort_values(["measures", "figures", "part_no"], kind="stable").reset_index(drop=True)
    data["order"] = range(len(data))
    data["label"] = [
        f"{wrap(f'{CONFIDENCE_SYMBOL[c]} {code.split(chr(46))[-1]}. {t}', 44)}|{z}"
        for c, code, t, z in zip(data["confidence"], data["code"], data["title_en"], data["title_zh"])
    ]
    data["group"] = [highlight_en if c in highlight else "other areas" for c in data["code"]]
    data["bar_label"] = [
        f"{m} measure{'s' if m != 1 else ''} · {f} figure{'s' if f != 1 else ''}"
        for m, f in zip(data["measures"], data["figures"])
    ]
    description = description or _coverage_text(data, framework, highlight_en)
    data = data[
        [
            "code",
            "label",
            "title_en",
            "title_zh",
            "confidence",
            "measures",
            "figures",
            "sections",
            "group",
            "bar_label",
            "order",
        ]
    ]
    base = alt.Chart(data).encode(
        y=alt.Y(
            "label:N",
            sort=alt.EncodingSortField(field="order", op="min"),
            title=None,
            axis=alt.Axis(labelExpr="split(datum.label, '|')", labelLimit=0),
        ),
        tooltip=[
            alt.Tooltip("code:N", title="Area"),
            alt.Tooltip("title_en:N", title="Area (English)"),
            alt.Tooltip("title_zh:N", title="领域"),
            alt.Tooltip("confidence:N", title="Heading confidence"),
            alt.Tooltip("measures:Q", title="Measures answering to it"),
            alt.Tooltip("figures:Q", title="Figures"),
            alt.Tooltip("sections:N", title="Mapped sections"),
        ],
    )
    bar = base.mark_bar(height={"band": 0.7}).encode(
        x=alt.X("measures:Q", title="measures of the report answering to the area", axis=alt.Axis(tickMinStep=1)),
        color=alt.Color(
            "group:N",
            title=None,
            scale=alt.Scale(
                domain=[highlight_en, "other areas"], range=[PART_COLOURS[highlight_part], NEUTRAL_RAMP[2]]
            ),
            legend=alt.Legend(orient="bottom"),
        ),
    )
    # "3 measures · 1 figure" drawn in two lines: the label beside the longest bar stays narrow on a phone
    text = base.mark_text(align="left", dx=4, color=MUTED, lineBreak=" · ").encode(x="measures:Q", text="bar_label:N")
    step = max(40, 15 * max(label_lines(s) for s in data["label"]) + 6)
    return describe((bar + text).properties(width=width, height=alt.Step(step)), description)


# ---- counts, coloured by the period they cover ------------------------------------------------


def _period_bars_text(data: pd.DataFrame, log: bool) -> str:
    bars = "; ".join(f"{i}, {v}" for i, v in zip(data["indicator_en"], data["value_en"]))
    by_basis = "; ".join(
        f"{PERIOD_BASIS_LABELS[b]} ({PERIOD_BASIS_COLOUR_NAMES[b]}): {', '.join(g['indicator_en'])}"
        for b, g in data.groupby("period_basis", sort=False)
    )
    text = f"{'Dot chart on a log scale' if log else 'Bar chart'} of {plural(len(data), 'figure')}: {bars}."
    return f"{text} Coloured by how the text states each period: {by_basis}."


def bars_by_period(
    figs: pd.DataFrame,
    ids: Sequence[str],
    *,
    description: str | None = None,
    log: bool = False,
    x_title: str | None = None,
    width: int = 440,
) -> alt.LayerChart:
    """Horizontal bars (on a log axis, dots) like ``charts.bars``, coloured by how the text states each figure's period
    (``period_basis``), so a count to the end of October, or one with no period, stands out.

    On a log axis (``log=True``) each figure is a dot, not a bar (a bar's length on a log
    axis means nothing, least of all across units).
    """
    from lawgov.charts.figures import TOOLTIP, marks

    data = marks(figs, ids)
    f = figs.set_index("id")
    bases = [str(f.loc[i, "period_basis"]) for i in data["id"]]
    data["period_basis"] = bases
    data["basis_en"] = [PERIOD_BASIS_LABELS[b] for b in bases]
    data["period_en"] = [display.period_stated_en(f.loc[i].to_dict()) for i in data["id"]]
    units = sorted(set(f.loc[list(ids), "unit_en"]))
    title = x_title or (units[0] if len(units) == 1 else "count, in each figure's own unit")
    title += " (log scale)" if log else ""
    present = [b for b in PERIOD_BASIS_COLOURS if b in set(bases)]
    base = alt.Chart(data).encode(
        y=alt.Y(
            "label:N",
            sort=alt.EncodingSortField(field="order", op="min"),
            title=None,
            axis=alt.Axis(labelExpr="split(datum.label, '|')"),
        ),
        tooltip=TOOLTIP + [alt.Tooltip("period_en:N", title="Period")],
    )
    colour = alt.Color(
        "basis_en:N",
        title="Period",
        scale=alt.Scale(
            domain=[PERIOD_BASIS_LABELS[b] for b in present], range=[PERIOD_BASIS_COLOURS[b] for b in present]
        ),
        legend=alt.Legend(orient="bottom", columns=1, labelLimit=360),
    )
    if log:
        x = alt.X(
            "value:Q",
            title=title,
            scale=alt.Scale(type="log"),
            axis=alt.Axis(values=[10**k for k in range(0, 7) if 10**k <= 10 * data["value"].max()], format=","),
        )
        mark = base.mark_point(filled=True, size=120, opacity=1).encode(x=x, color=colour)
        text = base.mark_text(align="left", dx=9, color=MUTED).encode(x=x, text="value_en:N")
    else:
        x = alt.X("value:Q", title=title, scale=alt.Scale(zero=True))
        mark = base.mark_bar(height={"band": 0.7}).encode(x=x, x2=alt.X2(datum=0), color=colour)
        text = base.mark_text(align="left", dx=4, color=MUTED).encode(x=x, text="value_en:N")
    return describe(
        (mark + text).properties(width=width, height=alt.Step(44)), description or _period_bars_text(data, log)
    )
