"""Text alternatives, written from the data, for the charts of ``lawgov.charts.figures`` that the
front pages draw (``overview``, ``timeline``, ``speedup_readings``).

Those builders take a required ``description``; these functions write it from the frame the
chart draws, so no page types one. (Once the builders write their own, these can go.)
"""
from __future__ import annotations

import pandas as pd

from lawgov.analysis import audit as _audit
from lawgov.analysis import display as fmt
from lawgov.analysis.wording import count_word


def overview(figs: pd.DataFrame) -> str:
    """What ``charts.overview`` shows: rates on a percent axis, everything else on a log axis."""
    rates = figs[figs["kind"] == "rate"].sort_values("value")
    changes = figs.loc[figs["id"].isin(_audit.percentage_changes(figs["report"].iloc[0])), "indicator_en"].tolist()
    rest = figs[(figs["kind"] != "rate") & (figs["value"] > 0)].sort_values("value")
    zeros = int(((figs["kind"] != "rate") & (figs["value"] == 0)).sum())
    lo, hi = rest.iloc[0], rest.iloc[-1]
    return (f"Two strip charts of the report's {count_word(len(figs), 'figure')} by part: "
            f"{count_word(len(rates), 'percentage')} on a percent axis ({count_word(len(rates) - len(changes), 'rate')}"
            + (f" and {count_word(len(changes), 'percentage change')}, {' and '.join(changes)}" if changes else "")
            + f"), from {fmt.value_en(rates.iloc[0])} "
            f"({rates.iloc[0]['indicator_en']}) to {fmt.value_en(rates.iloc[-1])}, and {len(rest)} counts, people, "
            f"money and durations on a log axis, from {fmt.value_en(lo)} ({lo['indicator_en']}) to {fmt.value_en(hi)} "
            f"({hi['indicator_en']})" + (f"; {count_word(zeros, 'zero')} cannot be drawn on the log axis." if zeros else "."))


def timeline(figs: pd.DataFrame) -> str:
    """What ``charts.timeline`` shows: one bar per period and per way the text states it, with its number of figures."""
    from lawgov.analysis.readings import periods
    from lawgov.charts.descriptions import timeline as describe_timeline

    return describe_timeline(periods(figs, by_basis=True))


def speedup_readings(series: pd.DataFrame) -> str:
    """What ``charts.speedup_readings`` shows: processing time, base year = 100, under each reading."""
    first, last = int(series["year"].min()), int(series["year"].max())
    end = series[series["year"] == last]
    readings = "; ".join(f"{r['label_en']}{' (solid: the reading the wording fits best)' if r['supported'] else ''}: "
                         f"{r['index']:.1f} in {last}" for r in end.to_dict("records"))
    return (f"Line chart of approval processing time, {first} = 100, from {first} to {last} under "
            f"{count_word(len(end), 'reading')} of the reported speed-ups. {readings}.")
