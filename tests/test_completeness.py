"""The dataset covers every quantitative claim: each numeral of the body is accounted for.

Every run of Arabic digits in the body must lie inside some figure's quote (at the place
that quote occupies in its section) or inside a listed exclusion. Chinese numerals that
count something (a numeral followed by a measure word) must be covered the same way.
"""

from __future__ import annotations

import re

import lawgov

REPORT = "kunshan-2012"
# A Chinese numeral followed by a measure word counts something (四个工作组, 三级, 一名).
_COUNTED_ZH = re.compile(r"[一二两三四五六七八九十百千万]+(?=[个级名家项件次部类大批人])")


def _covered_spans() -> list[tuple[int, int]]:
    body = lawgov.body(REPORT)
    # A figure's offset is where its quote stands inside its own section.
    spans = [(int(f["offset"]), int(f["offset"]) + len(f["quote"])) for f in lawgov.figures(REPORT).to_dict("records")]
    for quote in lawgov.excluded(REPORT)["quote"]:
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(quote), body)]
    return spans


def _uncovered(pattern: re.Pattern[str]) -> list[str]:
    body = lawgov.body(REPORT)
    spans = _covered_spans()
    return [
        f"{m.group()} at {m.start()}: …{body[max(0, m.start() - 8) : m.end() + 8]}…"
        for m in pattern.finditer(body)
        if not any(a <= m.start() and m.end() <= b for a, b in spans)
    ]


def test_every_arabic_numeral_is_a_figure_or_excluded():
    assert _uncovered(re.compile(r"\d+(?:\.\d+)?")) == []


def test_every_counting_chinese_numeral_is_a_figure_or_excluded():
    assert _uncovered(_COUNTED_ZH) == []


def test_exclusions_hold_a_numeral():
    numeral = re.compile(r"\d|[一二两三四五六七八九十首]")
    assert all(numeral.search(q) for q in lawgov.excluded(REPORT)["quote"])
