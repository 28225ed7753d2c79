"""The intervals a printed rate allows, checked against rounding itself."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from lawgov.dataset.bounds import bases_for_rate, counts_for_rate


def printed(count: int, base: int, decimals: int) -> Fraction:
    """The share as a report prints it: percent, rounded half up to ``decimals``."""
    scale = 10**decimals
    return Fraction(math.floor(Fraction(100 * count, base) * scale + Fraction(1, 2)), scale)


@settings(deadline=None)  # a loaded CI machine must not fail a correct property
@given(base=st.integers(1, 200_000), data=st.data(), decimals=st.integers(0, 3))
def test_count_interval_is_exactly_the_counts_that_print_the_rate(base, data, decimals):
    count = data.draw(st.integers(0, base))
    rate = printed(count, base, decimals)
    got = counts_for_rate(rate, decimals, "exact", base)
    assert got.low <= count <= got.high
    for n in {got.low, got.high}:
        assert printed(n, base, decimals) == rate
    for n in {got.low - 1, got.high + 1} & set(range(base + 1)):
        assert printed(n, base, decimals) != rate


@settings(deadline=None)
@given(base=st.integers(1, 5_000), data=st.data(), decimals=st.integers(0, 2))
def test_base_interval_holds_the_true_base(base, data, decimals):
    count = data.draw(st.integers(1, base))
    rate = printed(count, base, decimals)
    got = bases_for_rate(rate, decimals, "exact", count)
    assert got.low <= base <= got.high
    for b in {got.low, got.high}:
        assert printed(count, b, decimals) == rate


def test_at_least_allows_everything_from_the_bound_to_the_whole():
    got = counts_for_rate(Fraction("99.6"), 1, "at_least", 501)
    assert (got.low, got.high) == (math.ceil(Fraction("99.6") * 501 / 100), 501)
    assert Fraction(100 * (got.low - 1), 501) < Fraction("99.6") <= Fraction(100 * got.low, 501)


def test_an_impossible_rate_gives_an_empty_interval():
    # 3 items cannot make 50%: 1/3 and 2/3 print 33% and 67%
    assert counts_for_rate(Fraction(50), 0, "exact", 3).empty
