"""Readings of the figures that the report does not print: structure counts, pooled bases,
implied counts, averages per unit, funnels, remainders, periods.

Every function takes the tidy frames (``lawgov.figures()``, ``outline()``, ``audit()``) and
fetches nothing, so a chapter's sentence, its chart and the chart's text alternative read
the same numbers. Each reading is arithmetic on printed figures; where it rests on an
assumption (that a rate is a share of a given base), the docstring says so.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from lawgov.analysis import display
from lawgov.analysis.vocabulary import PART_LABELS, PERIOD_BASES, part_zh

# ---- structure: subsections, measures and figures -------------------------------------------

STRUCTURE_WHAT = ("subsections (一)(二) …", "measures (一是, 二是 …)", "figures")
PROFILE_WHAT = ("measures (一是, 二是 …)", "figures")


def under(sections: pd.Series, section: str) -> pd.Series:
    """Which of ``sections`` are ``section`` itself or lie below it (4.1 holds 4.1.4, not 4.10)."""
    return (sections == section) | sections.str.startswith(section + ".")


def structure(outline: pd.DataFrame, figs: pd.DataFrame) -> pd.DataFrame:
    """One row per part and kind of unit: how many subsections, measures and figures each part has.

    Columns: part, part_label, title_en, heading_zh, row (label|heading, for a two-line axis), what, n.
    """
    rows = []
    for p in outline[outline["level"] == 0].sort_values("start").to_dict("records"):
        part = int(p["part"])
        in_part = outline[outline["part"] == part]
        counts = {
            STRUCTURE_WHAT[0]: int((in_part["level"] == 1).sum()),
            STRUCTURE_WHAT[1]: int((in_part["level"] == 2).sum()),
            STRUCTURE_WHAT[2]: int((figs["part"] == part).sum()),
        }
        heading = part_zh(part, p["marker"], p["heading_zh"])
        for what, n in counts.items():
            rows.append(
                {
                    "part": part,
                    "part_label": PART_LABELS[part],
                    "title_en": p["title_en"],
                    "heading_zh": heading,
                    "row": f"{PART_LABELS[part]}|{heading}",
                    "what": what,
                    "n": n,
                }
            )
    return pd.DataFrame(rows)


def part_counts(outline: pd.DataFrame, figs: pd.DataFrame) -> pd.DataFrame:
    """One row per part: subsections, measures, figures, and how many measures carry a figure."""
    wide = structure(outline, figs).pivot(index="part", columns="what", values="n")
    measures = outline[outline["level"] == 2]
    with_figs = measures[measures["n_figures"] > 0].groupby("part").size()
    subs = outline[outline["level"] == 1]
    subs_without = subs[subs["n_figures"] == 0].groupby("part").size()
    out = pd.DataFrame(
        {
            "subsections": wide[STRUCTURE_WHAT[0]],
            "measures": wide[STRUCTURE_WHAT[1]],
            "figures": wide[STRUCTURE_WHAT[2]],
        }
    )
    out["measures_with_figures"] = with_figs.reindex(out.index, fill_value=0)
    out["measures_without_figures"] = out["measures"] - out["measures_with_figures"]
    out["subsections_without_figures"] = subs_without.reindex(out.index, fill_value=0)
    return out.astype("int64")


def subsection_profile(outline: pd.DataFrame, figs: pd.DataFrame, part: int) -> pd.DataFrame:
    """Measures and figures per subsection of one part, two rows per subsection (``what``, ``n``)."""
    subs = outline[(outline["part"] == part) & (outline["level"] == 1)]
    measures = outline[(outline["part"] == part) & (outline["level"] == 2)]
    rows = []
    for s in subs.to_dict("records"):
        n_measures = int(measures["section"].str.startswith(s["section"] + ".").sum())
        n_figures = int(under(figs["section"], s["section"]).sum())
        for what, n in zip(PROFILE_WHAT, (n_measures, n_figures)):
            rows.append(
                {
                    "section": s["section"],
                    "label": f"{s['section']} {s['title_en']}|{s['marker']}{s['heading_zh']}",
                    "title_en": s["title_en"],
                    "heading_zh": s["heading_zh"],
                    "what": what,
                    "n": n,
                }
            )
    return pd.DataFrame(rows)


# ---- pooled bases and the counts a rate implies ----------------------------------------------


def pooled_base(figs: pd.DataFrame, counts: Sequence[str]) -> dict:
    """The sum of several counts that share rates printed for all of them together (the report prints no total)."""
    rows = figs.set_index("id").loc[list(counts)]
    return {
        "total": int(rows["value"].sum()),
        "ids": list(counts),
        "text": " + ".join(display.number(v) for v in rows["value"]),
    }


def implied_counts(figs: pd.DataFrame, rates: Sequence[str], base: int) -> pd.DataFrame:
    """If a rate were a share of ``base`` items, the whole numbers of items consistent with it.

    An exact rate allows the counts whose share rounds to the printed value (at the printed
    decimals); "or more" allows every count whose share, so rounded, is at least the value.
    This is a reading, not a fact: the report does not say what the rates are shares of.
    """
    f = figs.set_index("id")
    out = []
    for rid in rates:
        r = f.loc[rid]
        d = 0 if display.missing(r.get("decimals")) else int(r["decimals"])
        ok = [
            k
            for k in range(base + 1)
            if (
                round(100 * k / base, d) >= r["value"]
                if r["qualifier"] == "at_least"
                else math.isclose(round(100 * k / base, d), r["value"])
            )
        ]
        out.append(
            {
                "id": rid,
                "indicator_en": r["indicator_en"],
                "value_en": display.value_en(r),
                "base": base,
                "min_count": min(ok) if ok else None,
                "max_count": max(ok) if ok else None,
                "max_shortfall": base - min(ok) if ok else None,
            }
        )
    return pd.DataFrame(out)


def funnel_counts(figs: pd.DataFrame, stages: Sequence[str]) -> pd.DataFrame:
    """Stages of one process as counts: a count as printed, a rate as the count it implies
    (the previous stage's count times the rate), on the assumption, not stated in the report,
    that each rate is a share of the stage before it.

    Columns: id, value (as printed), count, implied, share_of_first.
    """
    f = figs.set_index("id")
    rows, previous = [], None
    for sid in stages:
        value = float(f.loc[sid, "value"])
        implied = f.loc[sid, "unit_en"] == "percent"
        count = (previous * value / 100 if previous is not None else None) if implied else value
        rows.append({"id": sid, "value": value, "count": count, "implied": bool(implied)})
        previous = count
    out = pd.DataFrame(rows)
    out["share_of_first"] = out["count"] / out["count"].iloc[0]
    return out


def remainder(figs: pd.DataFrame, whole: str, parts: Sequence[str]) -> float:
    """What a whole leaves unexplained once its printed parts are taken away (0 if they add up)."""
    f = figs.set_index("id")["value"]
    return float(f[whole]) - float(f[list(parts)].sum())


# ---- averages per unit ---------------------------------------------------------------------


def ratios(figs: pd.DataFrame, audit: pd.DataFrame, relations: Sequence[str]) -> pd.DataFrame:
    """For each ratio relation of the audit: its numerator, its denominator and the average
    per unit the report does not print (the audit's computed value).

    Columns: relation, section, numerator, denominator, numerator_value, denominator_value,
    numerator_en, denominator_en (values with units), unit_en (the numerator's), per_unit.
    """
    audit = audit.set_index("id") if "id" in audit.columns else audit
    f = figs.set_index("id")
    rows = []
    for rel_id in relations:
        rel = audit.loc[rel_id]
        num_id, den_id = list(rel["inputs"])
        rows.append(
            {
                "relation": rel_id,
                "section": rel["section"],
                "numerator": num_id,
                "denominator": den_id,
                "numerator_value": float(f.loc[num_id, "value"]),
                "denominator_value": float(f.loc[den_id, "value"]),
                "numerator_en": display.value_en(f.loc[num_id]),
                "denominator_en": display.value_en(f.loc[den_id]),
                "unit_en": f.loc[num_id, "unit_en"],
                "per_unit": float(rel["computed"]),
            }
        )
    return pd.DataFrame(rows)


# ---- periods -------------------------------------------------------------------------------


def periods(figs: pd.DataFrame, *, by_basis: bool = False) -> pd.DataFrame:
    """One row per distinct period the figures cover, earliest start first, with how many figures cover it.

    Columns: period (in words), start, end (inclusive; missing where the text states none), n, ids,
    indicators. With ``by_basis``,
    one row per period and per ``period_basis`` (how the text states it; column rank orders the
    rows by start, then by basis), so that a year the text states and a year assumed for
    figures that state none are never one row.
    """
    keys = ["period_start", "period_end"] + (["period_basis"] if by_basis else [])
    data = figs.assign(period_basis=figs["period_basis"].astype(str)) if by_basis else figs
    # dropna=False: a period with an end the text does not state (NaT) is a period too
    g = data.groupby(keys, as_index=False, dropna=False).agg(
        n=("id", "size"), ids=("id", lambda s: ", ".join(s)), indicators=("indicator_en", lambda s: "; ".join(s))
    )
    g["period"] = [display.period_en(a, b) for a, b in zip(g["period_start"], g["period_end"])]
    g["start"] = pd.to_datetime(g["period_start"])
    g["end"] = pd.to_datetime(g["period_end"])
    g = g.drop(columns=["period_start", "period_end"])
    # an unknown start sorts by the end it has (截止10月底 among the periods of its year)
    g["_at"] = g["start"].fillna(g["end"])
    if by_basis:
        order = {b: i for i, b in enumerate(PERIOD_BASES)}
        g = (
            g.assign(_b=g["period_basis"].map(order))
            .sort_values(["_at", "end", "_b"], kind="stable", na_position="last")
            .drop(columns=["_b", "_at"])
        )
        g = g.reset_index(drop=True)
        g["rank"] = range(len(g))
        g["period_stated"] = g["period"]  # the period as the text states it: no end it does not give
        return g
    return g.sort_values(["_at", "end"], kind="stable", na_position="last").drop(columns="_at").reset_index(drop=True)
