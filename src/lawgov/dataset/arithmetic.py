"""Evaluate the arithmetic the report implies (``relations/*.yaml``) and give each a verdict.

All comparisons use exact fractions of the numbers as printed, so 99.95 stays 99.95:
17985 / 17993 = 99.9555...%, which rounds to 99.96 but is printed 99.95, is consistent
only by truncation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

from lawgov.dataset import schema
from lawgov.dataset.bounds import bases_for_rate, counts_for_rate, share_range
from lawgov.dataset.numerals import as_decimal, find_value, format_number

EXACT = "exact"
ROUNDED = "consistent (rounded)"
TRUNCATED = "consistent (truncated)"
# a bound the figures imply (a part within an exact whole, a printed minimum) is met; a part within
# a whole printed as a floor (其中3个 of 30多) cannot fail and is IMPLIED, its reason saying so
BOUND = "bound holds"
# Not a verdict but the label of a comparison that cannot fail whatever the report printed: a
# rate of 100% or less, read as a share of the stage before it, never exceeds that stage. The
# reason says so, and it is never counted as a check.
BY_CONSTRUCTION = "holds by construction (not a test)"
IMPLIED = "implied"  # nothing printed to compare with, but a count, interval or share follows
INCONSISTENT = "inconsistent"
UNCHECKABLE = "not checkable"  # nothing at all can be derived
VERDICTS = (EXACT, ROUNDED, TRUNCATED, BOUND, IMPLIED, INCONSISTENT, UNCHECKABLE)


@dataclass(frozen=True)
class Result:
    id: str
    kind: str
    section: str
    inputs: list[str]
    computed: float | None
    stated: float | None
    verdict: str
    reason: str
    details: list[dict[str, Any]] = field(default_factory=list)


def _exact(fig: schema.Figure) -> Fraction:
    return Fraction(as_decimal(fig.value))


def decimals_printed(fig: schema.Figure) -> int:
    """Decimals of the value as printed in its quote (99.95 -> 2), else as written in YAML."""
    printed = find_value(fig.value, fig.quote)
    if printed is not None:
        return printed.decimals
    return max(0, -as_decimal(fig.value).normalize().as_tuple().exponent)  # type: ignore[operator]


def _terminates(x: Fraction) -> bool:
    d = x.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def exact_share(percent: Fraction) -> str:
    """A share the audit works with (in percent), written exactly and never rounded: in full when
    its decimals end (99.85%, 31.19472%), else as the fraction of the whole (24/31).

    The audit's reasons are a check a reader can redo, so they carry the exact value; a share
    the book states in prose is rounded to one decimal (``lawgov.analysis.wording.percent``).
    """
    if _terminates(percent):
        with localcontext() as ctx:
            ctx.prec = 50  # a terminating fraction is exact at any precision that holds its digits
            value = (Decimal(percent.numerator) / Decimal(percent.denominator)).normalize()
        return f"{value:,f}%"
    share = percent / 100
    return f"{share.numerator:,}/{share.denominator:,}"


def _num(x: Fraction) -> str:
    return format_number(float(x)) if x.denominator != 1 else str(x.numerator)


def compare_printed(computed: Fraction, stated: Fraction, decimals: int) -> str:
    """exact, or equal to the stated value after rounding (half up) / truncating to its decimals."""
    if computed == stated:
        return EXACT
    scale = 10**decimals
    target = stated * scale
    if math.floor(computed * scale + Fraction(1, 2)) == target:
        return ROUNDED
    if math.trunc(computed * scale) == target:
        return TRUNCATED
    return INCONSISTENT


def _not_exact(figs: list[schema.Figure]) -> str:
    loose = [f"'{f.id}' is {f.qualifier}" for f in figs if f.qualifier != "exact"]
    return "; ".join(loose)


def _sum(rel: schema.SumRelation, fig: Mapping[str, schema.Figure]) -> Result:
    parts, whole = [fig[p] for p in rel.parts], fig[rel.whole]
    total = sum((_exact(p) for p in parts), Fraction(0))
    stated = _exact(whole)
    expr = " + ".join(_num(_exact(p)) for p in parts)
    if loose := _not_exact([*parts, whole]):
        return _result(
            rel,
            total,
            stated,
            UNCHECKABLE,
            f"not all inputs are exact ({loose}); {expr} = {_num(total)}, whole {_num(stated)}",
        )
    if total == stated:
        return _result(rel, total, stated, EXACT, f"{expr} = {_num(stated)}")
    return _result(
        rel,
        total,
        stated,
        INCONSISTENT,
        f"{expr} = {_num(total)}, but the whole is {_num(stated)} (off by {_num(total - stated)})",
    )


def _range_words(rate: Fraction, decimals: int, qualifier: str) -> str:
    lo, hi, included = share_range(rate, decimals, qualifier)
    if qualifier in ("at_least", "more_than"):
        return f"{'at least' if qualifier == 'at_least' else 'more than'} {exact_share(rate)}"
    return (
        f"{exact_share(rate)} printed to {decimals} decimal{'s' if decimals != 1 else ''}: "
        f"{exact_share(lo)} to {'' if included else 'under '}{exact_share(hi)}"
    )


def _count(n: int) -> str:
    return f"{n:,}"


def _whole(x: Fraction) -> str:
    """A count with thousands separators (79,134); other numbers as printed."""
    return _count(x.numerator) if x.denominator == 1 else _num(x)


def _interval(low: int, high: int) -> str:
    return _count(low) if low == high else f"{_count(low)} to {_count(high)}"


def _counts_detail(got, base: int, rate: Fraction, decimals: int, qualifier: str) -> dict[str, Any]:
    """The interval of counts (and of the rest) a printed rate allows of ``base``, with the shares it stands for."""
    lo, hi, included = share_range(rate, decimals, qualifier)
    return {
        "implied": "numerator",
        "low": got.low,
        "high": got.high,
        "base": base,
        "rest_low": base - got.high,
        "rest_high": base - got.low,
        "share_low": float(lo),
        "share_high": float(hi),
        "share_high_included": included,
    }


def _rate(rel: schema.RateRelation, fig: Mapping[str, schema.Figure]) -> Result:
    rate = fig[rel.stated]
    stated = _exact(rate)
    decimals = decimals_printed(rate)
    num = fig.get(rel.numerator) if rel.numerator else None
    pooled = [fig[p] for p in rel.pooled_denominator or []]
    den_figs = pooled or ([fig[rel.denominator]] if rel.denominator else [])
    den = sum((_exact(f) for f in den_figs), Fraction(0)) if den_figs else None
    base_words = (
        (" + ".join(_whole(_exact(f)) for f in pooled) + f" = {_whole(den)} (pooled)")
        if pooled
        else (_whole(den) if den is not None else "")
    )
    if loose := _not_exact([*den_figs, *([num] if num else [])]):
        return _result(rel, None, stated, UNCHECKABLE, f"not all inputs are exact ({loose}), so no count follows")
    if den is not None and den == 0:
        return _result(rel, None, stated, UNCHECKABLE, "the denominator is zero")
    if num is None and den is None:
        return _result(
            rel,
            None,
            stated,
            UNCHECKABLE,
            "no base given: the text states the rate without its numerator or denominator, so no count follows",
        )
    if num is None:  # the base is known: the printed rate allows an interval of counts
        base = int(den)
        got = counts_for_rate(stated, decimals, rate.qualifier, base)
        details = [_counts_detail(got, base, stated, decimals, rate.qualifier)]
        if got.empty:
            return _result(
                rel,
                None,
                stated,
                INCONSISTENT,
                f"no whole count of {base_words} gives {_range_words(stated, decimals, rate.qualifier)}",
                details,
            )
        why = (
            f"{_range_words(stated, decimals, rate.qualifier)} of {base_words} means {_interval(got.low, got.high)}, "
            f"so {_interval(base - got.high, base - got.low)} not"
        )
        if stated == 100 and rate.qualifier == "exact":
            # an unqualified 100% in an official report asserts "all"; the rounding interval is
            # only what the printed digits would formally allow, not a hint that some are missing
            why = f"100% is read as all {base_words}, so 0 not" + (
                f"; as a rounded figure it would formally allow {_interval(got.low, got.high)}"
                if got.low != got.high
                else ""
            )
        return _result(rel, None, stated, IMPLIED, why, details)
    if den is None:  # the count is known: the printed rate allows an interval of bases
        got = bases_for_rate(stated, decimals, rate.qualifier, int(_exact(num)))
        details = [{"implied": "denominator", "low": got.low, "high": got.high}]
        if got.empty:
            return _result(
                rel,
                None,
                stated,
                INCONSISTENT,
                f"no whole base gives {_whole(_exact(num))} at {_range_words(stated, decimals, rate.qualifier)}",
                details,
            )
        return _result(
            rel,
            None,
            stated,
            IMPLIED,
            f"{_whole(_exact(num))} at {_range_words(stated, decimals, rate.qualifier)} "
            f"means a base of {_interval(got.low, got.high)}",
            details,
        )
    computed = 100 * _exact(num) / den
    # the division itself is the exact fraction; its value is added only where its decimals end
    expr = f"{_whole(_exact(num))} / {base_words}" + (f" = {exact_share(computed)}" if _terminates(computed) else "")
    got = counts_for_rate(stated, decimals, rate.qualifier, int(den))
    details = [_counts_detail(got, int(den), stated, decimals, rate.qualifier)]
    if rate.qualifier in ("at_least", "more_than"):
        holds = computed >= stated if rate.qualifier == "at_least" else computed > stated
        return _result(
            rel,
            computed,
            stated,
            BOUND if holds else INCONSISTENT,
            f"{expr}; the text gives {exact_share(stated)} as a lower bound, which {'holds' if holds else 'fails'}",
            details,
        )
    verdict = compare_printed(computed, stated, decimals)
    allowed = "no whole count" if got.empty else _interval(got.low, got.high)
    how = {
        EXACT: "equal to the printed rate",
        ROUNDED: f"rounds to the printed {exact_share(stated)}",
        TRUNCATED: (
            f"rounds to {exact_share(Fraction(math.floor(computed * 10**decimals + Fraction(1, 2)), 10**decimals))}, "
            f"but the text prints {exact_share(stated)}: equal only after truncation "
            f"(rounded, {exact_share(stated)} of {_whole(den)} would be {allowed})"
        ),
        INCONSISTENT: f"the text prints {exact_share(stated)}, which {_whole(den)} allows only for {allowed}",
    }[verdict]
    return _result(rel, computed, stated, verdict, f"{expr}; {how}", details)


def _ratio(rel: schema.RatioRelation, fig: Mapping[str, schema.Figure]) -> Result:
    num, den = _exact(fig[rel.numerator]), _exact(fig[rel.denominator])
    if den == 0:
        return _result(rel, None, None, UNCHECKABLE, "the denominator is zero")
    if not rel.bounded:
        # a count per unit (665 powers over 16 departments), not a share
        per = num / den
        unit = rel.per_en or "per unit"
        return _result(rel, per, None, IMPLIED, f"no rate stated; {_num(num)} / {_num(den)} = {float(per):.4g} {unit}")
    share = 100 * num / den
    if num > den:
        return _result(rel, share, None, INCONSISTENT, f"{_num(num)} exceeds {_num(den)}, of which it should be a part")
    n, d = _as_printed(fig[rel.numerator]), _as_printed(fig[rel.denominator])
    if fig[rel.denominator].qualifier in _FLOORS:
        # a whole printed as a floor (30多, 以上) has no top: no part printed at or below it can
        # exceed it, so "within" holds by construction and is a derivation, not a bound
        return _result(
            rel,
            share,
            None,
            IMPLIED,
            f"{n} is within {d}: the whole is printed as a floor, so the part cannot exceed it as stated; "
            f"this holds by construction and is not a test; no rate stated, the share is "
            f"{_share_bound(fig[rel.numerator], fig[rel.denominator])}{exact_share(share)}",
        )
    return _result(
        rel,
        share,
        None,
        BOUND,
        f"{n} is within {d}; no rate stated, the share is "
        f"{_share_bound(fig[rel.numerator], fig[rel.denominator])}{exact_share(share)}",
    )


_FLOORS = ("more_than", "at_least")  # qualifiers of a number printed as a minimum (多, 以上)
_PRINTED_AS = {"more_than": "more than ", "at_least": "at least ", "approximately": "about "}


def _as_printed(f: schema.Figure) -> str:
    """A count with its qualifier in words: 'more than 30' for 30多."""
    return _PRINTED_AS.get(f.qualifier, "") + _num(_exact(f))


def _share_bound(num: schema.Figure, den: schema.Figure) -> str:
    """How a share computed from the printed numbers bounds the true one ('under ' when the base is 'more than')."""
    loose = {num.qualifier, den.qualifier} - {"exact"}
    if not loose:
        return ""
    if num.qualifier == "exact" and den.qualifier in ("more_than", "at_least"):
        return "under " if den.qualifier == "more_than" else "at most "
    if den.qualifier == "exact" and num.qualifier in ("more_than", "at_least"):
        return "over " if num.qualifier == "more_than" else "at least "
    return "about "


def _funnel(rel: schema.FunnelRelation, fig: Mapping[str, schema.Figure]) -> Result:
    # the reason names each stage by its label (a reader's words; the ids are in ``details``)
    details: list[dict[str, Any]] = []
    first = prev = None
    grows: list[str] = []
    tested: list[str] = []  # the count stages: comparisons the printed numbers could have failed
    by_construction: list[str] = []
    last_count = None
    for fid in rel.stages:
        f = fig[fid]
        v = _exact(f)
        if f.kind == "rate" and prev is not None:
            count, share = prev * v / 100, v
            if v > 100:
                grows.append(f"'{f.indicator_en}' is {exact_share(v)}")
            by_construction.append(f"{f.indicator_en} {exact_share(v)}")
        else:
            count = v
            share = 100 * v / prev if prev else None
            if prev is not None and v > prev:
                grows.append(f"'{f.indicator_en}' ({_num(v)}) exceeds the stage before ({_num(prev)})")
            if prev is not None:
                tested.append(f"{f.indicator_en} {exact_share(100 * v / prev)}")
            last_count = v
        first = count if first is None else first
        is_rate = f.kind == "rate" and prev is not None
        details.append(
            {
                "figure": fid,
                "value": float(v),
                "stage": "rate" if is_rate else "count",
                "check": None if prev is None else (BY_CONSTRUCTION if is_rate else BOUND),
                "count": float(count),
                "share_of_previous": None if share is None else float(share),
                "share_of_first": float(100 * count / first) if first else None,
            }
        )
        prev = count
    # the computed value is the last printed count as a share of the first: a product with the
    # rates after it would multiply an assumption (each rate's base) into the result
    overall = 100 * last_count / first if first and last_count is not None and last_count is not first else None
    if grows:
        return _result(rel, overall, None, INCONSISTENT, "a count grows along the funnel: " + "; ".join(grows), details)
    if not tested:  # nothing the printed numbers could have failed: a derivation, not a bound
        return _result(
            rel,
            overall,
            None,
            IMPLIED,
            f"only rates follow the first count, and a rate of 100% or less cannot exceed its base "
            f"({', '.join(by_construction)}): this holds by construction and is not a test",
            details,
        )
    reason = f"no count exceeds the one before ({', '.join(tested)})"
    if by_construction:
        reason += (
            f"; the rate{'s' if len(by_construction) > 1 else ''} after {'them' if len(tested) > 1 else 'it'} "
            f"({', '.join(by_construction)}) cannot exceed {'their' if len(by_construction) > 1 else 'its'} base, "
            "which holds by construction and is not a test"
        )
    return _result(rel, overall, None, BOUND, reason, details)


_FORMULAS = {
    "compound_reduction": lambda cs: 1 - math.prod((1 - c for c in cs), start=Fraction(1)),
    "additive": lambda cs: sum(cs, Fraction(0)),
    "compound_speed": lambda cs: math.prod((1 + c for c in cs), start=Fraction(1)) - 1,
}


def _compound(rel: schema.CompoundRelation, fig: Mapping[str, schema.Figure]) -> Result:
    changes = [_exact(fig[c]) / 100 for c in rel.changes]
    details, readings = [], []
    for it in rel.interpretations:
        value = 100 * _FORMULAS[it.formula](changes)
        readings.append(f"{it.label_en}: {exact_share(value)}")
        details.append(
            {
                "interpretation": it.id,
                "formula": it.formula,
                "label_en": it.label_en,
                "value": float(value),
                "supported": it.supported,
                "reason_en": it.reason_en,
            }
        )
    supported = [d for d in details if d["supported"]]
    computed = Fraction(supported[0]["value"]) if len(supported) == 1 else None
    return _result(
        rel,
        computed,
        None,
        IMPLIED,
        f"the text leaves open how the changes combine; readings: {'; '.join(readings)}",
        details,
    )


def _result(
    rel: Any,
    computed: Fraction | None,
    stated: Fraction | None,
    verdict: str,
    reason: str,
    details: list[dict[str, Any]] | None = None,
) -> Result:
    return Result(
        rel.id,
        rel.kind,
        rel.section,
        rel.inputs(),
        None if computed is None else float(computed),
        None if stated is None else float(stated),
        verdict,
        reason,
        details or [],
    )


_EVALUATE = {"sum": _sum, "rate": _rate, "ratio": _ratio, "funnel": _funnel, "compound": _compound}


def evaluate(rel: Any, figures: Mapping[str, schema.Figure]) -> Result:
    """The verdict on one relation, given the report's figures by id."""
    missing = [fid for fid in rel.inputs() if fid not in figures]
    if missing:
        return _result(rel, None, None, UNCHECKABLE, "missing figures: " + ", ".join(missing))
    return _EVALUATE[rel.kind](rel, figures)
