"""Numbers as printed in a quote: Arabic (95, 99.95) and Chinese (四, 十大, 一名, 无一).

Values are compared as exact decimals, so a value of 100.0 matches "100" and 99.95 is
never lost to binary floating point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

_ARABIC = re.compile(r"\d+(?:\.\d+)?")
_CHINESE = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")
# "none of them" in the report's idiom: 无一败诉 = not a single case lost.
_ZERO_WORDS = ("无一", "零")


@dataclass(frozen=True)
class Printed:
    """A number found in a quote: its exact value, the text as printed and its decimals."""

    value: Decimal
    text: str
    decimals: int
    offset: int


def as_decimal(value: float | int | str) -> Decimal:
    """The shortest exact decimal for a YAML number (99.95 -> Decimal('99.95'))."""
    return Decimal(repr(value) if isinstance(value, float) else str(value))


def format_number(value: float | Decimal) -> str:
    """A number as a person writes it: 96.0 -> '96', 99.95 -> '99.95'."""
    d = as_decimal(value) if not isinstance(value, Decimal) else value
    text = format(d.normalize(), "f")
    return "0" if text in ("-0", "") else text


@lru_cache(maxsize=4096)
def _chinese(run: str) -> Decimal | None:
    import cn2an  # imported on first use: a quote with Arabic digits never needs it

    for mode in ("strict", "normal"):
        try:
            return Decimal(str(cn2an.cn2an(run, mode)))
        except (ValueError, KeyError, IndexError, TypeError, InvalidOperation):
            continue
    return None


def numbers_in(quote: str) -> list[Printed]:
    """Every number printed in ``quote``: Arabic first, then Chinese numerals, then zero words."""
    found: list[Printed] = []
    for m in _ARABIC.finditer(quote):
        text = m.group(0)
        decimals = len(text.partition(".")[2])
        try:
            found.append(Printed(Decimal(text), text, decimals, m.start()))
        except InvalidOperation:
            continue
    # the 一 of 无一 ("not one") is part of a zero, not a one
    zero_spans = [(m.start(), m.end()) for w in _ZERO_WORDS for m in re.finditer(w, quote)]
    for m in _CHINESE.finditer(quote):
        if any(a <= m.start() < b for a, b in zero_spans):
            continue
        run = m.group(0)
        whole = _chinese(run)
        if whole is not None:
            found.append(Printed(whole, run, 0, m.start()))
        if len(run) > 1:
            # a run like 一办六局 or 三位一体 mixes words with numerals: read each character too
            for i, ch in enumerate(run):
                single = _chinese(ch)
                if single is not None:
                    found.append(Printed(single, ch, 0, m.start() + i))
    for word in _ZERO_WORDS:
        at = quote.find(word)
        if at >= 0:
            found.append(Printed(Decimal(0), word, 0, at))
    return found


def find_value(value: float, quote: str) -> Printed | None:
    """How ``value`` is printed in ``quote``, or None when the quote does not show it."""
    target = as_decimal(value)
    for m in _ARABIC.finditer(quote):  # numbers_in lists Arabic numbers first: same answer, sooner
        text = m.group(0)
        if Decimal(text) == target:
            return Printed(Decimal(text), text, len(text.partition(".")[2]), m.start())
    for printed in numbers_in(quote):
        if printed.value == target:
            return printed
    return None
