"""The periods of the figures as the text states them (``period_basis``), counted for the pages.

Every page that speaks of periods counts from here, so no page can say a figure "covers the
year" when its sentence says nothing of the kind: the ISO ``period`` of a figure with no
period words is the report's year as an assumption, and is counted as such (not_stated).
"""
from __future__ import annotations

import pandas as pd

from lawgov.analysis.vocabulary import (
    PERIOD_BASES,
    PERIOD_BASIS_COLOUR_NAMES,
    PERIOD_BASIS_COLOURS,
    PERIOD_BASIS_LABELS,
    PERIOD_BASIS_ZH,
)
from lawgov.analysis.wording import number_word, percent

# The basis a page can call "stated" (the text gives words for the period) against the rest.
STATED = ("whole_year", "year_to_date", "to_date", "other")


def basis_table(figs: pd.DataFrame) -> pd.DataFrame:
    """One row per period basis, in the order of ``PERIOD_BASES`` (strongest statement first):
    how many of ``figs`` have it, their share, the words the text uses and the figure ids."""
    basis = figs["period_basis"].astype(str)
    rows = []
    for b in PERIOD_BASES:
        sub = figs[basis == b]
        words = sub["period_words"].fillna("").astype(str)
        rows.append({"period_basis": b, "label_en": PERIOD_BASIS_LABELS[b], "label_zh": PERIOD_BASIS_ZH[b],
                     "colour": PERIOD_BASIS_COLOURS[b], "colour_name": PERIOD_BASIS_COLOUR_NAMES[b],
                     "figures": len(sub), "share": len(sub) / len(figs) if len(figs) else 0.0,
                     "words": "、".join(dict.fromkeys(w for w in words if w)), "ids": ", ".join(sub["id"])})
    return pd.DataFrame(rows)


def glue(figs: pd.DataFrame, prefix: str, keys: tuple[str, ...]) -> dict[str, str]:
    """The counts a page states about the periods of ``figs``, keyed ``{prefix}.basis_{basis}``
    (a number word), ``..._share`` (a percent of ``figs``) and ``..._colour`` (the chart's colour
    name); ``{prefix}.basis_stated`` counts every basis that has period words in the text,
    ``{prefix}.basis_n`` all of ``figs``. Only ``keys`` (the part after ``basis_``) are
    returned: a page glues what it states, and nothing it does not."""
    t = basis_table(figs).set_index("period_basis")
    out = {}
    for b, r in t.iterrows():
        out[f"{prefix}.basis_{b}"] = number_word(int(r["figures"]))
        out[f"{prefix}.basis_{b}_share"] = percent(int(r["figures"]), len(figs))
        out[f"{prefix}.basis_{b}_colour"] = r["colour_name"]
    stated = int(t.loc[list(STATED), "figures"].sum())
    out[f"{prefix}.basis_stated"] = number_word(stated)
    out[f"{prefix}.basis_n"] = number_word(len(figs))
    wanted = {f"{prefix}.basis_{k}" for k in keys}
    if unknown := wanted - set(out):
        raise KeyError(f"no such period count: {', '.join(sorted(unknown))}")
    return {k: v for k, v in out.items() if k in wanted}
