"""Comparative words computed from the numbers they describe, so the word cannot disagree
with the data: ``share_word(9, 18)`` is "half", ``share_word(10, 18)`` "more than half".

Every "most", "half", "a third" or "the largest" a reader sees comes from here, and so does
the book's one way of writing a count with its noun (``plural``) and a share it computes
(``percent``). A rate the report prints is written as printed (``display.value_en``). Two
other writers of a percent exist, each for its own kind: the audit's reasons write their
shares exactly (``lawgov.dataset.arithmetic.exact_share``), and a computed share set beside a
printed rate is written at that rate's decimals (``at_decimals``). A chart's tooltip shows a
share at the same precision (``PERCENT_FORMAT``); its axis ticks are a scale, not a value.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import humanize

# (share, word) for the shares prose names exactly; between two of them the word says
# "more than" the lower one (or "almost all" just under the whole).
_EXACT = [
    (Fraction(0), "none"),
    (Fraction(1, 4), "a quarter"),
    (Fraction(1, 3), "a third"),
    (Fraction(1, 2), "half"),
    (Fraction(2, 3), "two thirds"),
    (Fraction(3, 4), "three quarters"),
    (Fraction(1), "all"),
]


def share_word(part: int | float, whole: int | float) -> str:
    """How much of ``whole`` ``part`` is, in words: none, fewer than a quarter, a quarter,
    more than a quarter, a third, ..., half, more than half, ..., almost all, all."""
    if whole <= 0 or part < 0 or part > whole:
        raise ValueError(f"not a share: {part} of {whole}")
    share = Fraction(part).limit_denominator(10**6) / Fraction(whole).limit_denominator(10**6)
    for s, word in _EXACT:
        if share == s:
            return word
    if share < _EXACT[1][0]:
        return "fewer than a quarter"
    if share > Fraction(9, 10):
        return "almost all"
    lower = [w for s, w in _EXACT if s < share][-1]
    return f"more than {lower}"


def majority_word(part: int | float, whole: int | float) -> str:
    """ "all", "most" (more than half), "half" or "fewer than half"."""
    if part == whole:
        return "all"
    if 2 * part > whole:
        return "most"
    return "half" if 2 * part == whole else "fewer than half"


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """3 -> '3 figures'; 1 -> '1 figure': the one way a count and its noun are written."""
    return f"{n:,} {singular if n == 1 else (plural_form or singular + 's')}"


# A share the book computes is written to one decimal on every page ("77.4%"); a rate the
# report prints is written as printed (display.value_en), and the audit's details give the
# exact fraction.
PERCENT_DECIMALS = 1
# The same precision for a chart's tooltip, which Vega-Lite formats from the share itself.
PERCENT_FORMAT = f".{PERCENT_DECIMALS}%"


def percent(
    part: int | float | Fraction, whole: int | float | Fraction = 1, *, decimals: int = PERCENT_DECIMALS
) -> str:
    """24 of 31 -> '77.4%'; percent(0.5) -> '50.0%': a computed share, at the book's one precision.

    ``decimals`` is for a percent that is not a computed share: a threshold the book chose is
    written as the whole number it is (``percent(95, 100, decimals=0)`` -> '95%')."""
    if whole == 0:
        raise ValueError("a share of nothing")
    return f"{100 * float(part) / float(whole):.{decimals}f}%"


def at_decimals(share: Fraction, decimals: int, rounding: str) -> str:
    """A computed share (in percent) set beside a printed rate, at the rate's printed decimals:
    rounded half up or cut off (``decimal.ROUND_HALF_UP``, ``ROUND_DOWN``), so the two read digit
    for digit (99.9555% -> '99.96%' rounded, '99.95%' cut)."""
    exact = Decimal(share.numerator) / Decimal(share.denominator)
    return f"{exact.quantize(Decimal(1).scaleb(-decimals), rounding=rounding)}%"


def rank_word(rank: int) -> str:
    """1 -> 'the largest', 2 -> 'the second largest', ..."""
    return "the largest" if rank == 1 else f"the {ordinal_word(rank)} largest"


# ---- small numbers and ratios in words -------------------------------------------------------

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(n: int) -> str:
    """0 -> 'no', 3 -> 'three', 12 -> '12', 1234 -> '1,234': prose spells out counts up to ten.

    Not humanize.apnumber, which agrees for one to nine only: it writes 0 as "zero" ("zero
    figures" where the book says "no figures"), 10 as "10" and 1234 without a separator.
    """
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else f"{n:,}"


def times_word(a: int | float, b: int | float) -> str:
    """How many times ``b`` ``a`` is, for ``a`` at least twice ``b``: 'twice', 'more than twice',
    'three times', 'more than three times' ... (read: "... as many as").

    The word never rounds up: 14 against 6 is "more than twice", not "about two and a half".
    """
    if b <= 0 or a < 2 * b:
        raise ValueError(f"not at least twice: {a} against {b}")
    ratio = Fraction(a).limit_denominator(10**6) / Fraction(b).limit_denominator(10**6)
    whole = int(ratio)
    name = "twice" if whole == 2 else f"{number_word(whole)} times"
    return name if ratio == whole else f"more than {name}"


def ordinal_word(n: int) -> str:
    """1 -> 'first', 2 -> 'second' ... (digits with a suffix beyond ten: '11th')."""
    words = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
    if 1 <= n <= len(words):
        return words[n - 1]
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def listing(items: list[str] | tuple[str, ...]) -> str:
    """['a'] -> 'a'; ['a', 'b', 'c'] -> 'a, b and c' (no comma before "and")."""
    return humanize.natural_list(items)
