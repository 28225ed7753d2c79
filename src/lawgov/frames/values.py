"""How a figure's value is written out, with its unit and qualifier (English, and as printed).

A value never travels alone: "30多个" is never shown as a bare 30 and "99.6%以上" never as
a bare 99.6%. This is the frames stage so that the data's own notes, filled from their
templates when the frames are built, read exactly like the tables and the prose.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Units that attach to the number without a space.
_TIGHT_UNITS = {"percent": "%"}

QUALIFIER_EN = {
    "exact": "",
    "more_than": "more than",
    "at_least": "at least",
    "approximately": "about",
    "ordinal": "ordinal",
}

# Printed money units and what one of them is in yuan.
MONEY_UNITS_YUAN = {"元": 1, "万元": 10_000, "亿元": 100_000_000}


def number(value: float, decimals: int | None = None) -> str:
    """1833 -> '1,833'; 99.95 -> '99.95'; keeps the printed number of decimals when given."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])
    return f"{value:,.{decimals}f}"


def value_en(fig: Mapping[str, Any]) -> str:
    """The value with its unit and qualifier, in English: 'more than 30 projects', '99.6% or more'."""
    decimals = fig.get("decimals")
    decimals = None if missing(decimals) else int(decimals)
    n = number(fig["value"], decimals)
    unit, qualifier = fig["unit_en"], fig["qualifier"]
    if fig["unit_zh"] in MONEY_UNITS_YUAN and fig["unit_zh"] != "元":
        yuan = fig["value"] * MONEY_UNITS_YUAN[fig["unit_zh"]]
        text = f"{n} {fig['unit_zh']} ({_yuan_words(yuan)})"
    elif qualifier == "ordinal":
        return f"{n}{_ordinal_suffix(int(fig['value']))} {unit}"
    elif unit in _TIGHT_UNITS:
        text = f"{n}{_TIGHT_UNITS[unit]}"
    else:
        text = f"{n} {unit}"
    if qualifier == "at_least" and unit == "percent":
        return f"{text} or more"
    prefix = QUALIFIER_EN[qualifier]
    return f"{prefix} {text}" if prefix else text


def value_zh(fig: Mapping[str, Any]) -> str:
    """The value as the report prints it, with its unit: '95件', '99.95%', '30多个'."""
    n = number(fig["value"]) if missing(fig.get("value_text")) else fig["value_text"]
    unit = fig["unit_zh"]
    if fig["qualifier"] == "more_than":
        return f"{n}多{unit}"
    if fig["qualifier"] == "at_least":
        return f"{n}{unit}以上"
    return f"{n}{unit}"


def missing(x: Any) -> bool:
    """None, NaN or pandas' NA (the frames use nullable dtypes)."""
    import pandas as pd

    return x is None or bool(pd.isna(x))


def _ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _yuan_words(yuan: float) -> str:
    if yuan >= 1e9:
        return f"{yuan / 1e9:g} billion yuan"
    if yuan >= 1e6:
        return f"{yuan / 1e6:g} million yuan"
    return f"{yuan:,.0f} yuan"
