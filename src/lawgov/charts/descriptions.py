"""Text alternatives of charts, written from the data a chart draws (never typed).

A chart's ``description`` becomes its SVG's aria-label: what a reader who cannot see the
chart gets instead. Each sentence names the kind of chart, what each axis shows and every
value drawn, with its unit and qualifier as ``lawgov.analysis.display`` writes it.

The builders of ``figures.py`` and ``parts.py`` each have their own sentence below;
:func:`from_spec` writes one for any other chart, from its Vega-Lite spec.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from lawgov.analysis import display
from lawgov.analysis.wording import listing, percent, plural


def first_line(label: str) -> str:
    """The English of an 'English|中文' axis label, its wrapped lines joined again."""
    lines = str(label).split("|")
    return " ".join(lines[:-1]) if len(lines) > 1 else lines[0]


def items(pairs: Iterable[tuple[str, str]]) -> str:
    """'label: value; label: value'."""
    return "; ".join(f"{first_line(k)}: {v}" for k, v in pairs)


def bars(data: pd.DataFrame, x_title: str, log: bool) -> str:
    kind, one = ("Dot chart", "one dot each, on a log axis") if log else ("Horizontal bar chart", "one bar each")
    return (
        f"{kind} of {plural(len(data), 'figure')}, {one} "
        f"(horizontal axis: {x_title}): {items(zip(data['label'], data['value_en']))}."
    )


def composition(data: pd.DataFrame, whole: pd.Series) -> str:
    parts = [f"{first_line(r['label'])}: {r['value_en']} ({percent(r['share'])})" for r in data.to_dict("records")]
    return (
        f"Stacked bar of {whole['indicator_en']}, {display.value_en(whole)}, split into "
        f"{plural(len(data), 'part')}: {'; '.join(parts)}."
    )


def funnel(data: pd.DataFrame, unit: str) -> str:
    steps = [f"{first_line(r['label'])}: {r['bar_label']}" for r in data.to_dict("records")]
    implied = (
        (" Paler bars are counts implied by a printed rate, on the assumption that it is a share of the stage before.")
        if data["implied"].sum() > 1
        else (
            " The paler bar is the count implied by the printed rate, on the assumption that it is a share of "
            "the stage before."
        )
        if data["implied"].any()
        else ""
    )
    return (
        f"Funnel of {plural(len(data), 'stage')}, one horizontal bar each (horizontal axis: "
        f"{unit}): {'; '.join(steps)}.{implied}"
    )


def rates(data: pd.DataFrame, low: float) -> str:
    marks = [
        f"{first_line(r['label'])}: {r['value_en']}" + (" (a line to 100%)" if r["qualifier"] == "at_least" else "")
        for r in data.to_dict("records")
    ]
    # the axis's ends as the chart draws them (a scale, not a share: no fixed decimals)
    cut = f", cut: from {low:g}% to 100%" if low else " from 0 to 100%"
    return f"Dot chart of {plural(len(data), 'rate')} on a percent axis{cut}: {'; '.join(marks)}."


def timeline(data: pd.DataFrame) -> str:
    """``data`` is ``readings.periods(figs, by_basis=True)``: one row per period and per basis."""
    from lawgov.analysis.vocabulary import PERIOD_BASIS_COLOUR_NAMES, PERIOD_BASIS_LABELS

    rows = "; ".join(
        f"{r['period_stated']}, {PERIOD_BASIS_LABELS[r['period_basis']]} "
        f"({PERIOD_BASIS_COLOUR_NAMES[r['period_basis']]}): "
        f"{plural(int(r['n']), 'figure')}"
        for r in data.to_dict("records")
    )
    ends = (
        " A period with both ends is a bar (stated in the text, this book's reading, or the report's year "
        "assumed, as its row says); one the text gives only one end of is a tick at that end, "
        "with an arrowhead pointing to the end the text does not state."
        if (data["start"].isna() | data["end"].isna()).any()
        else ""
    )
    return (
        f"Timeline of the periods the report's figures cover, one row for each period and each way the "
        f"text states it, earliest first.{ends} {rows}."
    )


def speedup(series: pd.DataFrame) -> str:
    lines = []
    for label, g in series.groupby("label_en", sort=False):
        points = ", ".join(f"{int(y)}: {v:.1f}" for y, v in zip(g["year"], g["index"]))
        lines.append(
            f"{label} ({points}){' (solid: the reading the wording fits best)' if g['supported'].any() else ''}"
        )
    base = int(series["year"].min())
    return f"Line chart of processing time, {base} = 100, by year, one line per reading: {'; '.join(lines)}."


def ladder(data: pd.DataFrame) -> str:
    # the bars are sorted by level from the top of the chart down, so the lowest level is drawn first (top)
    return (
        f"Horizontal bar chart of {plural(len(data), 'level')}, listed from the lowest level (top) to the "
        f"highest (bottom), one bar of units each: "
        f"{items(zip(data['level'], data['value_en']))}."
    )


def devolution(data: pd.DataFrame) -> str:
    rows = []
    for row, g in data.groupby("row", sort=False):
        printed, derived = g[~g["derived"]], g[g["derived"]]
        total, units = printed["value_en"]
        rows.append(
            f"{first_line(row)}: {total} {printed['panel'].iloc[0]} from {units}"
            + "".join(f", {v} {p}" for v, p in zip(derived["text"], derived["panel"]))
        )
    panels = listing(list(dict.fromkeys(data["panel"])))
    return f"Bars, one chart per transfer, one bar each for {panels}: {'; '.join(rows)}."


def pooled(counts: pd.DataFrame, rates_data: pd.DataFrame, pool: dict, low: float) -> str:
    parts = items(zip(counts["label"], counts["value_en"]))
    marks = [
        f"{first_line(r['label'])}: {r['value_en']}" + (" (a line to 100%)" if r["qualifier"] == "at_least" else "")
        for r in rates_data.to_dict("records")
    ]
    return (
        f"Top: one stacked bar of {display.number(pool['total'])} items handled together ({pool['text']}; the sum is "
        f"derived, not printed): {parts}. Below: dot chart of the {plural(len(rates_data), 'rate')} printed for "
        f"both together, on a percent axis from {low:g}% to 100%: {'; '.join(marks)}."
    )


# ---- any other chart: from its spec ------------------------------------------------------------

_KINDS = {
    "bar": "Bar chart",
    "point": "Dot chart",
    "circle": "Dot chart",
    "line": "Line chart",
    "rule": "Chart",
    "area": "Area chart",
    "rect": "Chart",
}


def _views(node: dict, data=None):
    data = node.get("data", {}).get("name", data)
    for key in ("layer", "vconcat", "hconcat", "concat"):
        for child in node.get(key, []):
            yield from _views(child, data)
    if "spec" in node:
        yield from _views(node["spec"], data)
    if "mark" in node:
        yield node, data


def _mark(view: dict) -> str:
    m = view["mark"]
    return m["type"] if isinstance(m, dict) else m


def _text(value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return display.number(float(value), 0 if float(value).is_integer() else None)
    return str(value)


def from_spec(spec: dict) -> str:
    """A text alternative for any chart: its kind, what its value axis measures, and each row's
    label with the value the chart's own text labels show (and its colour group, if any)."""
    datasets = spec.get("datasets", {})
    views = list(_views(spec))
    shapes = [v for v, _ in views if _mark(v) != "text"]
    kind = _KINDS.get(_mark(shapes[0]), "Chart") if shapes else "Chart"
    enc0 = shapes[0].get("encoding", {}) if shapes else {}
    x_title = (enc0.get("x") or {}).get("title")
    sentence = kind + (f" (horizontal axis: {x_title})" if x_title else "")
    for view, name in views:
        enc = view.get("encoding", {})
        if _mark(view) == "text" and "text" in enc and "field" in enc.get("y", {}):
            rows = datasets.get(name, [])
            y, text = enc["y"]["field"], enc["text"].get("field")
            group = (enc0.get("color") or {}).get("field")
            grouped = group and group != y and len({r.get(group) for r in rows}) > 1
            pairs = [(r.get(y, ""), _text(r.get(text)) + (f" ({r.get(group)})" if grouped else "")) for r in rows]
            if pairs:
                return f"{sentence}: {items(pairs)}."
    return sentence + "."
