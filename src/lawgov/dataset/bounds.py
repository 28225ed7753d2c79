"""What a printed rate allows: the interval of whole counts consistent with its precision.

A rate printed as 99.9% (one decimal, rounded half up) stands for any share from 99.85% up
to, not including, 99.95%; of 79,134 work orders that is every whole count n with
99.85 <= 100 n / 79,134 < 99.95. "99.6%以上" (at least) allows 99.6% up to 100%.
Exact fractions throughout: no float decides a bound.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Interval:
    low: int
    high: int  # inclusive; empty when low > high

    @property
    def empty(self) -> bool:
        return self.low > self.high


def share_range(rate: Fraction, decimals: int, qualifier: str) -> tuple[Fraction, Fraction, bool]:
    """(lowest, highest, highest included?) share in percent that the printed rate stands for."""
    if qualifier == "at_least":
        return rate, Fraction(100), True
    if qualifier == "more_than":
        return rate, Fraction(100), True  # strictly more is checked by the caller
    half = Fraction(1, 2 * 10**decimals)
    return max(rate - half, Fraction(0)), min(rate + half, Fraction(100)), rate + half > 100


def counts_for_rate(rate: Fraction, decimals: int, qualifier: str, base: int) -> Interval:
    """Whole counts n (0 <= n <= base) whose share of ``base`` the printed rate allows."""
    lo, hi, hi_included = share_range(rate, decimals, qualifier)
    low = math.ceil(lo * base / 100)
    if qualifier == "more_than" and Fraction(100 * low, base) == rate:
        low += 1
    top = hi * base / 100
    high = math.floor(top) if hi_included or top.denominator != 1 else int(top) - 1
    return Interval(max(low, 0), min(high, base))


def bases_for_rate(rate: Fraction, decimals: int, qualifier: str, count: int, *, limit: int = 10**9) -> Interval:
    """Whole bases b >= count for which ``count`` of b is a share the printed rate allows."""
    lo, hi, hi_included = share_range(rate, decimals, qualifier)
    # lo <= 100 count / b  ->  b <= 100 count / lo (no limit when lo is 0);  100 count / b < hi  ->  b > 100 count / hi
    high = math.floor(100 * count / lo) if lo else limit
    bottom = 100 * count / hi
    low = math.ceil(bottom) if hi_included or bottom.denominator != 1 else int(bottom) + 1
    return Interval(max(low, count, 1), min(high, limit))
