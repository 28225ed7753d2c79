"""What the audit implies, as tidy frames for the "Checking the arithmetic" chapter.

Nothing here judges a relation: the verdicts are ``lawgov.audit()``'s (``arithmetic.py``).
This module reshapes them (counts by part, rates printed with no base, the speed-up
readings year by year, the periods the figures cover) and builds the chapter's table.
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP
from fractions import Fraction

import pandas as pd

from lawgov.analysis import display, periods
from lawgov.analysis.vocabulary import (
    BOUND,
    COMPARED,
    IMPLIED,
    PART_LABELS,
    PART_SHORT_ZH,
    UNCHECKABLE,
    VERDICT_ZH,
    VERDICTS,
)
from lawgov.analysis.wording import at_decimals, listing, majority_word, percent
from lawgov.dataset.arithmetic import exact_share
from lawgov.frames import loaders

# ---- verdicts -------------------------------------------------------------------------------


def verdict_counts(report: str | None = None, data_dir=None, *, by_part: bool = False) -> pd.DataFrame:
    """Number of relations per verdict (all five verdicts listed, zeros included), overall or by part."""
    a = loaders.audit(report, data_dir=data_dir)
    a["verdict"] = a["verdict"].astype(str)
    if not by_part:
        counts = a["verdict"].value_counts()
        return pd.DataFrame({"verdict": list(VERDICTS), "relations": [int(counts.get(v, 0)) for v in VERDICTS]})
    rows = []
    for part in sorted(int(p) for p in a["part"].unique()):
        sub = a[a["part"] == part]
        for v in VERDICTS:
            rows.append(
                {
                    "part": part,
                    "part_label": PART_LABELS[part],
                    "part_zh": PART_SHORT_ZH[part],
                    "verdict": v,
                    "verdict_zh": VERDICT_ZH[v],
                    "relations": int((sub["verdict"] == v).sum()),
                    "ids": ", ".join(sub.loc[sub["verdict"] == v, "id"]),
                }
            )
    return pd.DataFrame(rows)


def percentage_changes(report: str | None = None, data_dir=None) -> set[str]:
    """The percent figures that are changes (the speed-ups of a compound relation), not shares:
    they have no top of a scale, so a count of rates "near 100%" leaves them out."""
    rel = loaders.relations(report, data_dir=data_dir)
    return {i for inputs in rel.loc[rel["kind"].astype(str) == "compound", "inputs"] for i in inputs}


def shares(figs: pd.DataFrame) -> pd.DataFrame:
    """The rate figures that are shares of a whole (bounded by 100%), without the percentage changes."""
    changes = set().union(*(percentage_changes(r) for r in figs["report"].unique())) if len(figs) else set()
    return figs[(figs["kind"].astype(str) == "rate") & ~figs["id"].isin(changes)]


def checkable(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """Relations with a verdict other than "not checkable": the arithmetic the text lets one redo."""
    a = loaders.audit(report, data_dir=data_dir)
    return a[a["verdict"].astype(str) != UNCHECKABLE].reset_index(drop=True)


def unbased_rates(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """Rates printed without the counts that would let a reader check them ("no base given")."""
    a = loaders.audit(report, data_dir=data_dir)
    rel = loaders.relations(report, data_dir=data_dir).set_index("id")
    figs = loaders.figures(report, data_dir=data_dir).set_index("id")
    mask = (a["kind"].astype(str) == "rate") & a["reason"].str.startswith("no base given")
    rows = []
    for r in a[mask].to_dict("records"):
        stated = rel.loc[r["id"], "spec"]["stated"]
        f = figs.loc[stated]
        spec = rel.loc[r["id"], "spec"]
        rows.append(
            {
                "relation": r["id"],
                "figure": stated,
                "section": r["section"],
                "part": int(r["part"]),
                "indicator_en": f["indicator_en"],
                "indicator_zh": f["indicator_zh"],
                "value_en": display.value_en(f),
                "value_zh": display.value_zh(f),
                "has_denominator": spec.get("denominator") is not None,
                "description_en": rel.loc[r["id"], "description_en"],
                "reason": r["reason"],
            }
        )
    return pd.DataFrame(rows)


def share_interval_en(d: dict) -> str:
    """The shares a printed rate stands for, from the audit's details, exactly: '99.85% to under 99.95%'."""
    # the bounds are the printed rate plus or minus half its last digit, decimals that end: str() of the
    # float gives them back exactly
    low, high = (exact_share(Fraction(str(d[k]))) for k in ("share_low", "share_high"))
    return f"{low} to {'' if d['share_high_included'] else 'under '}{high}"


def _interval_en(low: int, high: int) -> str:
    return f"{low:,}" if low == high else f"{low:,} to {high:,}"


def rate_intervals(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """Every printed rate with a base: the counts its printed precision allows, from the audit's details.

    One row per rate relation whose base the text prints (one count, or several pooled).
    ``low``-``high`` are the whole counts of the base that meet the standard, ``rest_low``-
    ``rest_high`` those that do not; ``share_en`` is the interval of shares the printed rate
    stands for (99.9% printed to one decimal: 99.85% to under 99.95%); ``count_en`` is the
    printed count of those meeting it, when the text gives one ("not printed" otherwise).
    """
    a = loaders.audit(report, data_dir=data_dir)
    rel = loaders.relations(report, data_dir=data_dir).set_index("id")
    figs = loaders.figures(report, data_dir=data_dir).set_index("id")
    rows = []
    for r in a[a["kind"].astype(str) == "rate"].to_dict("records"):
        found = [d for d in r["details"] if d.get("implied") == "numerator"]
        if not found:
            continue
        d, spec = found[0], rel.loc[r["id"], "spec"]
        f = figs.loc[spec["stated"]]
        pooled = list(spec.get("pooled_denominator") or [])
        bases = pooled or [spec["denominator"]]
        base_en = (
            " + ".join(display.number(float(figs.loc[b, "value"]), 0) for b in pooled) + f" = {d['base']:,} (pooled)"
            if pooled
            else f"{d['base']:,}"
        )
        num = spec.get("numerator")
        rows.append(
            {
                "relation": r["id"],
                "section": r["section"],
                "part": int(r["part"]),
                "figure": spec["stated"],
                "indicator_en": f["indicator_en"],
                "indicator_zh": f["indicator_zh"],
                "value_en": display.value_en(f),
                "value_zh": display.value_zh(f),
                "bases": bases,
                "pooled": bool(pooled),
                "base": int(d["base"]),
                "base_en": base_en,
                "share_en": share_interval_en(d),
                "low": int(d["low"]),
                "high": int(d["high"]),
                "rest_low": int(d["rest_low"]),
                "rest_high": int(d["rest_high"]),
                "count_en": _interval_en(d["low"], d["high"]),
                "rest_en": _interval_en(d["rest_low"], d["rest_high"]),
                "printed_count_en": display.value_en(figs.loc[num]) if num else "not printed",
                "verdict": str(r["verdict"]),
            }
        )
    return pd.DataFrame(rows)


# ---- the speed-up readings ------------------------------------------------------------------


def _time_index(formula: str, changes: list[Fraction]) -> Fraction:
    """Processing time after the given changes, with the time before them = 1."""
    if formula == "compound_reduction":  # time cut by c1, then by c2 of what was left
        out = Fraction(1)
        for c in changes:
            out *= 1 - c
        return out
    if formula == "additive":  # both cuts of the base-year time, added
        return 1 - sum(changes, Fraction(0))
    if formula == "compound_speed":  # speed up by c1, then by c2: time is 1 / speed
        speed = Fraction(1)
        for c in changes:
            speed *= 1 + c
        return 1 / speed
    raise ValueError(f"unknown formula {formula!r}")


def _compound(report: str | None, data_dir, relation: str | None) -> dict:
    a = loaders.audit(report, data_dir=data_dir)
    comp = a[a["kind"].astype(str) == "compound"]
    if relation is not None:
        comp = comp[comp["id"] == relation]
    if comp.empty:
        raise KeyError(f"no compound relation{' ' + repr(relation) if relation else ''} in the audit")
    return comp.iloc[0].to_dict()


def support_en(supported: bool) -> str:
    """How far the text bears a reading out: the wording fits one best, and does not rule out the others."""
    return "fits the wording best (our reading)" if supported else "possible"


def speedup_series(report: str | None = None, data_dir=None, *, relation: str | None = None) -> pd.DataFrame:
    """Processing time (base year = 100) under each reading of a compound change, year by year.

    Columns: interpretation, label_en, formula, year, index, reading (the change since the
    base year, in percent, as the reading states it), supported (bool), supported_en.
    Feed it to ``lawgov.charts.speedup_readings``.
    """
    comp = _compound(report, data_dir, relation)
    figs = loaders.figures(report, data_dir=data_dir).set_index("id")
    changes = comp["inputs"]
    years = [int(pd.Timestamp(figs.loc[c, "period_end"]).year) for c in changes]
    base_year = years[0] - 1
    values = [Fraction(str(figs.loc[c, "value"])) / 100 for c in changes]
    rows = []
    for d in comp["details"]:
        for k, year in enumerate([base_year, *years]):
            idx = _time_index(d["formula"], values[:k])
            rows.append(
                {
                    "interpretation": d["interpretation"],
                    "label_en": d["label_en"],
                    "formula": d["formula"],
                    "year": year,
                    "index": float(100 * idx),
                    "reading": float(100 * (1 - idx))
                    if d["formula"] != "compound_speed"
                    else float(100 * (1 / idx - 1))
                    if k
                    else 0.0,
                    "supported": bool(d["supported"]),
                    "supported_en": support_en(d["supported"]),
                }
            )
    return pd.DataFrame(rows)


def speedup_readings_table(report: str | None = None, data_dir=None, *, relation: str | None = None) -> pd.DataFrame:
    """One row per reading: what it says, the combined change it implies, the last year's time index, and how
    far the text bears it out.

    ``combined_change`` is the change as the reading states it (a rise in throughput for
    ``compound_speed``, a cut in time otherwise); ``time_cut`` puts every reading on the one
    scale of processing time (100 minus the last year's index).
    """
    comp = _compound(report, data_dir, relation)
    series = speedup_series(report, data_dir, relation=relation)
    last = series[series["year"] == series["year"].max()].set_index("interpretation")
    rows = []
    for d in comp["details"]:
        index = float(last.loc[d["interpretation"], "index"])
        rows.append(
            {
                "interpretation": d["interpretation"],
                "label_en": d["label_en"],
                "formula": d["formula"],
                "combined_change": d["value"],
                "time_index_end": index,
                "time_cut": 100 - index,
                "supported": bool(d["supported"]),
                "supported_en": support_en(d["supported"]),
                "reason_en": d["reason_en"],
            }
        )
    return pd.DataFrame(rows)


# ---- periods --------------------------------------------------------------------------------


# The period counts the chapter states (lawgov.analysis.periods.glue).
AUDIT_PERIOD_KEYS = (
    "whole_year",
    "whole_year_share",
    "whole_year_colour",
    "year_to_date",
    "year_to_date_share",
    "to_date",
    "to_date_share",
    "other",
    "other_share",
    "reading",
    "not_stated",
    "not_stated_share",
)


def period_breakdown(report: str | None = None, data_dir=None) -> pd.DataFrame:
    """How many figures have each period basis (how the text states the period), with their
    share, the words the text uses and the ids (``lawgov.analysis.periods.basis_table``)."""
    return periods.basis_table(loaders.figures(report, data_dir=data_dir))


# ---- the audit table ------------------------------------------------------------------------


def _num(x) -> str:
    if x is None or pd.isna(x):
        return "—"
    x = float(x)
    return display.number(x, 0) if x.is_integer() else f"{x:,.4f}".rstrip("0").rstrip(".")


def audit_rows(report: str | None = None, data_dir=None, *, page_prefix: str = "") -> pd.DataFrame:
    """The audit with inputs as links to their rows in "The report in numbers" (escaped HTML)."""
    a = loaders.audit(report, data_dir=data_dir)
    rel = loaders.relations(report, data_dir=data_dir).set_index("id")
    figs = loaders.figures(report, data_dir=data_dir).set_index("id")
    rows = []
    for r in a.sort_values(["part", "section"], kind="stable").to_dict("records"):
        links = []
        for i in r["inputs"]:
            f = figs.loc[i]
            text = f"{f['indicator_en']}: {display.value_en(f)}"
            links.append(display.link(i, text, page_prefix=page_prefix))
        rows.append(
            {
                "id": r["id"],
                "section": r["section"],
                "part": int(r["part"]),
                "kind": str(r["kind"]),
                "description_en": rel.loc[r["id"], "description_en"],
                "inputs_html": "<br>".join(links),
                "computed": _num(r["computed"]),
                "stated": _num(r["stated"]),
                "verdict": str(r["verdict"]),
                "reason": r["reason"],
            }
        )
    return pd.DataFrame(rows)


def summary(report: str | None = None, data_dir=None) -> dict[str, str]:
    """Every number the "Checking the arithmetic" chapter states, and the few words that depend on
    the data, as text keyed for glue. The sentences around them are typed on the page."""
    a = loaders.audit(report, data_dir=data_dir)
    counts = verdict_counts(report, data_dir).set_index("verdict")["relations"]
    unb = unbased_rates(report, data_dir)
    readings = speedup_readings_table(report, data_dir).set_index("interpretation")
    series = speedup_series(report, data_dir)
    kinds = a["kind"].astype(str).value_counts()
    out = {
        "audit.relations": str(len(a)),
        "audit.checkable": str(int(len(a) - counts[UNCHECKABLE])),
        "audit.unbased": str(len(unb)),
        "audit.unbased_hundred": str(int(unb["value_en"].isin(["100%"]).sum())),
        "audit.base_year": str(int(series["year"].min())),
    }
    out |= periods.glue(loaders.figures(report, data_dir=data_dir), "audit", AUDIT_PERIOD_KEYS)
    for v in VERDICTS:
        out[f"audit.n_{verdict_key(v)}"] = str(int(counts[v]))
    for k in ("sum", "rate", "ratio", "funnel", "compound"):
        out[f"audit.kind_{k}"] = str(int(kinds.get(k, 0)))
    for interp, r in readings.iterrows():
        out[f"audit.{interp}.change"] = percent(r["combined_change"], 100)
        out[f"audit.{interp}.time_cut"] = percent(r["time_cut"], 100)
        out[f"audit.{interp}.index"] = f"{r['time_index_end']:.1f}"
        out[f"audit.{interp}.label"] = r["label_en"]
    index = readings["time_index_end"]
    out |= {
        "audit.speedup_index_low": f"{index.min():.1f}",
        "audit.speedup_index_high": f"{index.max():.1f}",
        "audit.speedup_index_spread": f"{index.max() - index.min():.1f}",
    }
    rate_figures = int((loaders.figures(report, data_dir=data_dir)["kind"].astype(str) == "rate").sum())
    out["audit.unbased_rates_word"] = majority_word(len(unb), rate_figures)
    return out | _compared(report, data_dir) | _derived(a) | _intervals(report, data_dir)


def _compared(report: str | None, data_dir) -> dict[str, str]:
    """For each relation with a printed number to compare with: what the inputs give, and the verdict.

    A sum gives a count; a rate computed from its counts is written at the printed rate's
    decimals, rounded and cut off, since those two are what the verdict compares.
    """
    a = loaders.audit(report, data_dir=data_dir)
    rel = loaders.relations(report, data_dir=data_dir).set_index("id")
    figs = loaders.figures(report, data_dir=data_dir).set_index("id")
    value = lambda fid: Fraction(str(figs.loc[fid, "value"]))  # noqa: E731 (exact, as printed)
    out = {}
    for r in a[a["verdict"].astype(str).isin(COMPARED)].to_dict("records"):
        key = f"audit.{r['id']}"
        out[f"{key}.verdict"] = str(r["verdict"])
        if r["kind"] != "rate":
            out[f"{key}.computed"] = _num(r["computed"])
            continue
        spec = rel.loc[r["id"], "spec"]
        bases = spec.get("pooled_denominator") or [spec["denominator"]]
        share = 100 * value(spec["numerator"]) / sum(value(b) for b in bases)
        decimals = int(figs.loc[spec["stated"], "decimals"])
        out[f"{key}.computed_rounded"] = at_decimals(share, decimals, ROUND_HALF_UP)
        out[f"{key}.computed_truncated"] = at_decimals(share, decimals, ROUND_DOWN)
    # a share no rate states (a part within its whole, both counts exact): written as every computed
    # share is; with "more than 30" as its whole it is only a bound, which the audit's reason words
    ratios = a[(a["kind"].astype(str) == "ratio") & (a["verdict"].astype(str) == BOUND)]
    for r in ratios.to_dict("records"):
        spec = rel.loc[r["id"], "spec"]
        if (figs.loc[[spec["numerator"], spec["denominator"]], "qualifier"].astype(str) == "exact").all():
            out[f"audit.{r['id']}.share"] = percent(value(spec["numerator"]), value(spec["denominator"]))
    return out


def verdict_key(verdict: str) -> str:
    """A verdict's name in glue keys: exact, consistent_rounded, consistent_truncated, bound, implied, inconsistent,
    uncheckable."""
    if verdict == UNCHECKABLE:
        return "uncheckable"
    word, _, detail = verdict.partition(" (")
    return f"{word}_{detail.rstrip(')')}" if detail else word.split()[0]


def _derived(a: pd.DataFrame) -> dict[str, str]:
    """How many relations compare with a printed number, how many only derive, and where nothing follows."""
    verdict = a["verdict"].astype(str)
    none = a[verdict == UNCHECKABLE]
    return {
        "audit.compared": str(int(verdict.isin(COMPARED).sum())),
        "audit.derived": str(int(verdict.isin([BOUND, IMPLIED]).sum())),
        "audit.uncheckable_parts": listing([PART_LABELS[int(p)] for p in sorted(set(none["part"]))])
        if len(none)
        else "no part",
    }


def _intervals(report: str | None, data_dir) -> dict[str, str]:
    """The interval of counts of every rate with a base, keyed by relation: low, high, the rest, the shares."""
    iv = rate_intervals(report, data_dir)
    out = {
        "audit.rates_with_base": str(len(iv)),
        "audit.rates_pooled": str(int(iv["pooled"].sum())) if len(iv) else "0",
    }
    for r in iv.to_dict("records"):
        for k in ("low", "high", "rest_low", "rest_high", "base"):
            out[f"audit.{r['relation']}.{k}"] = f"{r[k]:,}"
        for k in ("share_en", "count_en", "rest_en"):
            out[f"audit.{r['relation']}.{k.removesuffix('_en')}"] = r[k]
        out[f"audit.{r['relation']}.base_expr"] = r["base_en"]
    return out
