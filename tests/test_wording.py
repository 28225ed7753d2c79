"""Comparative words from numbers (lawgov.analysis.wording): the word says what the arithmetic says."""

from __future__ import annotations

from fractions import Fraction

import pytest

from lawgov.analysis import wording


@pytest.mark.parametrize("part,whole", [(p, w) for w in range(1, 25) for p in range(0, w + 1)])
def test_majority_and_share_words_agree_with_the_fraction(part, whole):
    m = wording.majority_word(part, whole)
    assert m == (
        "all" if part == whole else "most" if 2 * part > whole else "half" if 2 * part == whole else "fewer than half"
    )
    s = wording.share_word(part, whole)
    exact = {
        "none": 0,
        "a quarter": Fraction(1, 4),
        "a third": Fraction(1, 3),
        "half": Fraction(1, 2),
        "two thirds": Fraction(2, 3),
        "three quarters": Fraction(3, 4),
        "all": 1,
    }
    f = Fraction(part, whole)
    if s in exact:
        assert f == exact[s]
    elif s.startswith("more than "):
        assert f > exact[s.removeprefix("more than ")]
    elif s == "almost all":
        assert Fraction(9, 10) < f < 1
    else:
        assert s == "fewer than a quarter" and 0 < f < Fraction(1, 4)


def test_nine_of_eighteen_is_half_not_most():
    assert wording.majority_word(9, 18) == wording.share_word(9, 18) == "half"


@pytest.mark.parametrize("a,b", [(a, b) for b in range(1, 13) for a in range(2 * b, 11 * b + 1)])
def test_times_word_never_rounds_up(a, b):
    word = wording.times_word(a, b)
    whole = a // b
    name = "twice" if whole == 2 else f"{wording.number_word(whole)} times"
    assert word == (name if a == whole * b else f"more than {name}")


def test_times_word_refuses_less_than_double():
    with pytest.raises(ValueError):
        wording.times_word(11, 6)


def test_number_ordinal_rank_and_listing_words():
    assert [wording.number_word(n) for n in (0, 1, 3, 10, 11, 1234)] == ["no", "one", "three", "ten", "11", "1,234"]
    assert [wording.ordinal_word(n) for n in (1, 2, 6, 11, 21, 22, 113)] == [
        "first",
        "second",
        "sixth",
        "11th",
        "21st",
        "22nd",
        "113th",
    ]
    assert [wording.rank_word(n) for n in (1, 2, 6)] == ["the largest", "the second largest", "the sixth largest"]
    assert wording.listing(["a"]) == "a" and wording.listing(["a", "b"]) == "a and b"
    assert wording.listing(["Part 2", "Part 4", "Part 5"]) == "Part 2, Part 4 and Part 5"  # no comma before "and"


def test_plural_writes_a_count_with_its_noun():
    assert wording.plural(1, "figure") == "1 figure" and wording.plural(2, "figure") == "2 figures"
    assert wording.plural(0, "problem") == "0 problems" and wording.plural(1234, "figure") == "1,234 figures"
    assert (
        wording.plural(2, "analysis", "analyses") == "2 analyses"
        and wording.plural(1, "analysis", "analyses") == "1 analysis"
    )


@pytest.mark.parametrize(
    "part,whole,text",
    [
        (24, 31, "77.4%"),  # the share the audit page once printed as 77.4194%
        (60, 70, "85.7%"),
        (6, 70, "8.6%"),
        (1, 2, "50.0%"),  # one decimal even when it is a zero
        (31.19472, 100, "31.2%"),
        (Fraction(1, 3), 1, "33.3%"),
        (0, 5, "0.0%"),
        (1, 1, "100.0%"),
    ],
)
def test_percent_is_one_decimal_on_every_page(part, whole, text):
    assert wording.percent(part, whole) == text


def test_percent_of_nothing_is_refused():
    with pytest.raises(ValueError):
        wording.percent(1, 0)
