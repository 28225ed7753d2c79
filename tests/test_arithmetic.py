"""lawgov.dataset.arithmetic (the verdicts lawgov.audit() returns), on small synthetic relation files and on
the fixture data."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
import yaml

import lawgov
from lawgov.dataset import arithmetic
from lawgov.dataset.arithmetic import compare_printed, evaluate
from lawgov.dataset.schema import Figure, RelationsFile

FIGURE_DEFAULTS = dict(
    section="1",
    unit_en="x",
    qualifier="exact",
    period="2012-01-01/2012-12-31",
    period_basis="not_stated",
    indicator_en="x",
    indicator_zh="x",
    description_en="x",
    topic="mediation",
)


def figs(*specs: tuple) -> dict[str, Figure]:
    """Figures from (id, value, kind, quote[, qualifier]) tuples."""
    out = {}
    for fid, value, kind, quote, *rest in specs:
        unit = "%" if kind == "rate" else "件"
        out[fid] = Figure(
            id=fid,
            value=value,
            kind=kind,
            quote=quote,
            unit_zh=unit,
            **(
                FIGURE_DEFAULTS
                | {"indicator_en": f"the {fid.replace('_', ' ')} label"}
                | ({"qualifier": rest[0]} if rest else {})
            ),
        )
    return out


def relations(text: str) -> list:
    """A relations file, as YAML text, through the schema."""
    return RelationsFile.model_validate(yaml.safe_load("report: t\nrelations:\n" + text)).relations


def one(text: str, figures: dict[str, Figure]) -> arithmetic.Result:
    (rel,) = relations(text)
    return evaluate(rel, figures)


def relation(rid: str, kind: str, **fields: str) -> str:
    """One entry of a relations file (section 1), as YAML text; fields in the order given."""
    return "".join(
        [
            f'\n  - id: {rid}\n    kind: {kind}\n    section: "1"\n    description_en: d\n',
            *(f"    {name}: {value}\n" for name, value in fields.items()),
        ]
    )


RATE = relation("r", "rate", stated="rate", numerator="n", denominator="d")


def test_truncated_rate() -> None:
    r = one(
        RATE,
        figs(("n", 17985, "count", "17985件"), ("d", 17993, "count", "17993件"), ("rate", 99.95, "rate", "99.95%")),
    )
    assert r.verdict == "consistent (truncated)"
    assert r.computed == pytest.approx(100 * 17985 / 17993)
    assert r.stated == 99.95 and r.inputs == ["rate", "n", "d"]
    # the division is the exact value (its decimals never end); the comparison is at the printed decimals
    assert r.reason.startswith(
        "17,985 / 17,993; rounds to 99.96%, but the text prints 99.95%: equal only after truncation"
    )


def test_rounded_rate() -> None:
    # 2 / 3 = 66.666...% printed as 66.67%
    r = one(RATE, figs(("n", 2, "count", "2件"), ("d", 3, "count", "3件"), ("rate", 66.67, "rate", "66.67%")))
    assert r.verdict == "consistent (rounded)"


def test_exact_rate_with_printed_trailing_zero() -> None:
    # 1 / 4 = 25%: the quote prints 25.0, one decimal, still exact
    r = one(RATE, figs(("n", 1, "count", "1件"), ("d", 4, "count", "4件"), ("rate", 25, "rate", "25.0%")))
    assert r.verdict == "exact"


def test_inconsistent_rate() -> None:
    r = one(RATE, figs(("n", 2, "count", "2件"), ("d", 3, "count", "3件"), ("rate", 65.0, "rate", "65%")))
    assert r.verdict == "inconsistent"


def test_printed_decimals_decide_the_comparison() -> None:
    # 99.9556: at 2 decimals truncation gives 99.95, at 1 decimal rounding gives 100.0
    computed = Fraction(100 * 17985, 17993)
    assert compare_printed(computed, Fraction("99.95"), 2) == "consistent (truncated)"
    assert compare_printed(computed, Fraction("99.96"), 2) == "consistent (rounded)"
    assert compare_printed(computed, Fraction(100), 1) == "consistent (rounded)"
    assert compare_printed(computed, Fraction("99.9"), 1) == "consistent (truncated)"
    assert compare_printed(Fraction(1, 2), Fraction(1, 2), 0) == "exact"


SUM = relation("s", "sum", parts="[a, b, c]", whole="w")


def test_exact_sum() -> None:
    r = one(
        SUM,
        figs(
            ("a", 95, "count", "95件"),
            ("b", 23, "count", "23件"),
            ("c", 241, "count", "241件"),
            ("w", 359, "count", "359件"),
        ),
    )
    assert (r.verdict, r.computed, r.stated) == ("exact", 359, 359)


def test_inconsistent_sum() -> None:
    r = one(
        SUM,
        figs(
            ("a", 95, "count", "95件"),
            ("b", 23, "count", "23件"),
            ("c", 240, "count", "240件"),
            ("w", 359, "count", "359件"),
        ),
    )
    assert r.verdict == "inconsistent" and r.computed == 358


def test_sum_of_inexact_parts_is_not_checkable() -> None:
    r = one(
        SUM,
        figs(
            ("a", 95, "count", "95件"),
            ("b", 30, "count", "30多件", "more_than"),
            ("c", 241, "count", "241件"),
            ("w", 366, "count", "366件"),
        ),
    )
    assert r.verdict == "not checkable" and "more_than" in r.reason


def test_sum_keeps_decimals_exact() -> None:
    # 0.1 + 0.2 is not 0.3 in binary floating point; the audit must still call it exact
    r = one(
        SUM.replace("[a, b, c]", "[a, b]"),
        figs(("a", 0.1, "money", "0.1亿元"), ("b", 0.2, "money", "0.2亿元"), ("w", 0.3, "money", "0.3亿元")),
    )
    assert r.verdict == "exact"


RATIO = relation("q", "ratio", numerator="n", denominator="d")


def test_ratio_within_bound_gives_the_share() -> None:
    r = one(RATIO, figs(("n", 24, "count", "24件"), ("d", 31, "count", "31件")))
    assert r.verdict == "bound holds" and r.computed == pytest.approx(100 * 24 / 31)
    # 2400/31 % has no last decimal: the reason gives the share as the exact fraction, never rounded
    assert r.reason == "24 is within 31; no rate stated, the share is 24/31"


def test_bound_violation() -> None:
    r = one(RATIO, figs(("n", 40, "count", "40件"), ("d", 31, "count", "31件")))
    assert r.verdict == "inconsistent"


def test_unbounded_ratio_is_a_count_per_unit() -> None:
    r = one(RATIO + "    bounded: false\n", figs(("n", 665, "count", "665项"), ("d", 16, "count", "16个")))
    assert r.verdict == "implied" and r.computed == pytest.approx(665 / 16)
    assert r.reason.endswith("41.56 per unit")


def test_a_count_per_unit_names_its_unit() -> None:
    r = one(
        RATIO + "    bounded: false\n    per_en: penalty powers per department\n",
        figs(("n", 665, "count", "665项"), ("d", 16, "count", "16个")),
    )
    assert r.reason.endswith("41.56 penalty powers per department")


def test_a_share_of_a_more_than_base_is_an_upper_bound_and_no_test() -> None:
    # 3 of "30多" (more than 30) is under 10%, not 10%; and a whole with no top cannot be
    # exceeded by a part printed below it: not a bound that holds, a derivation
    r = one(RATIO, figs(("n", 3, "count", "3个"), ("d", 30, "count", "30多个", "more_than")))
    assert r.verdict == "implied"
    assert "this holds by construction and is not a test" in r.reason
    assert r.reason.endswith("the share is under 10%")


def test_a_part_of_an_at_least_whole_is_no_test() -> None:
    r = one(RATIO, figs(("n", 3, "count", "3个"), ("d", 30, "count", "30个以上", "at_least")))
    assert r.verdict == "implied" and r.reason.endswith("the share is at most 10%")


def test_a_part_of_an_exact_whole_is_still_a_bound() -> None:
    r = one(RATIO, figs(("n", 3, "count", "3个"), ("d", 30, "count", "30个")))
    assert r.verdict == "bound holds"


def test_rate_without_numerator_gives_the_implied_count() -> None:
    r = one(RATE.replace("    numerator: n\n", ""), figs(("d", 40, "count", "40件"), ("rate", 100, "rate", "100%")))
    assert r.verdict == "implied" and r.computed is None
    # 100% printed without decimals allows 99.5% up to 100% of 40: only 40 itself
    assert r.details[0] == {
        "implied": "numerator",
        "low": 40,
        "high": 40,
        "base": 40,
        "rest_low": 0,
        "rest_high": 0,
        "share_low": 99.5,
        "share_high": 100.0,
        "share_high_included": True,
    }
    assert r.reason == "100% is read as all 40, so 0 not"


def test_an_unqualified_100_percent_is_read_as_all_and_its_rounding_only_as_formal() -> None:
    r = one(RATE.replace("    numerator: n\n", ""), figs(("d", 501, "count", "501件"), ("rate", 100, "rate", "100%")))
    assert r.details[0]["low"] == 499  # the interval stays in the details
    assert r.reason == "100% is read as all 501, so 0 not; as a rounded figure it would formally allow 499 to 501"


def test_a_funnel_rate_stage_is_labelled_as_holding_by_construction_and_not_counted() -> None:
    a = lawgov.audit("kunshan-2012").set_index("id").loc["hotline_funnel"]
    checks = {d["figure"]: d["check"] for d in a["details"]}
    assert checks["hotline_valid_orders"] == "bound holds"
    assert checks["hotline_on_time_rate"] == "holds by construction (not a test)"
    assert "not a test" in a["reason"] and "hotline_on_time_rate" not in a["reason"].split(";")[0]
    assert a["computed"] == pytest.approx(100 * 79134 / 94129)  # printed counts only, no rate multiplied in


def test_rate_of_a_known_base_gives_the_interval_the_printed_precision_allows() -> None:
    r = one(
        RATE.replace("    numerator: n\n", ""), figs(("d", 79134, "count", "79134件"), ("rate", 99.9, "rate", "99.9%"))
    )
    low, high = r.details[0]["low"], r.details[0]["high"]
    assert r.verdict == "implied"
    assert 100 * low / 79134 >= 99.85 > 100 * (low - 1) / 79134
    assert 100 * high / 79134 < 99.95 <= 100 * (high + 1) / 79134
    assert f"{low:,} to {high:,}" in r.reason and f"{79134 - high:,} to {79134 - low:,} not" in r.reason
    d = r.details[0]
    assert (d["share_low"], d["share_high"], d["share_high_included"]) == (99.85, 99.95, False)
    assert (d["rest_low"], d["rest_high"]) == (79134 - high, 79134 - low)


def test_pooled_base_with_a_lower_bound() -> None:
    pooled = RATE.replace("    numerator: n\n    denominator: d\n", "    pooled_denominator: [a, b]\n")
    r = one(
        pooled,
        figs(
            ("a", 250, "count", "250件"), ("b", 251, "count", "251件"), ("rate", 99.6, "rate", "99.6%以上", "at_least")
        ),
    )
    assert r.verdict == "implied" and r.details[0]["base"] == 501
    assert r.details[0]["low"] == 499 and r.details[0]["high"] == 501  # 499/501 = 99.60%, 498/501 = 99.40%
    assert "250 + 251 = 501 (pooled)" in r.reason


def test_a_rate_no_count_can_give_is_inconsistent() -> None:
    r = one(RATE.replace("    numerator: n\n", ""), figs(("d", 3, "count", "3件"), ("rate", 50, "rate", "50%")))
    assert r.verdict == "inconsistent" and "no whole count" in r.reason


def test_rate_without_any_base_is_not_checkable() -> None:
    r = one(RATE.replace("    numerator: n\n    denominator: d\n", ""), figs(("rate", 98, "rate", "98%")))
    assert r.verdict == "not checkable" and "no base given" in r.reason


FUNNEL = relation("f", "funnel", stages="[calls, orders, on_time]")


def test_funnel_shares_and_implied_counts() -> None:
    r = one(
        FUNNEL,
        figs(
            ("calls", 94129, "count", "94129个"),
            ("orders", 79134, "count", "79134件"),
            ("on_time", 99.9, "rate", "99.9%"),
        ),
    )
    assert r.verdict == "bound holds"
    assert [d["figure"] for d in r.details] == ["calls", "orders", "on_time"]
    assert r.details[1]["share_of_previous"] == pytest.approx(100 * 79134 / 94129)
    assert r.details[2]["count"] == pytest.approx(79134 * 0.999)
    # the last printed count as a share of the first: no rate's assumed base multiplied in
    assert r.computed == pytest.approx(100 * 79134 / 94129)
    # the count step is the test; the rate step is said to hold by construction
    assert r.reason == (
        "no count exceeds the one before (the orders label 79,134/94,129); the rate after it (the on time label 99.9%) "
        "cannot exceed its base, which holds by construction and is not a test"
    )
    assert [d["check"] for d in r.details] == [None, "bound holds", "holds by construction (not a test)"]


def test_a_funnel_with_nothing_to_fail_is_not_a_bound() -> None:
    r = one(
        relation("f", "funnel", stages="[calls, on_time]"),
        figs(("calls", 94129, "count", "94129个"), ("on_time", 99.9, "rate", "99.9%")),
    )
    assert r.verdict == "implied" and r.reason.endswith("this holds by construction and is not a test")


def test_funnel_count_that_grows_is_inconsistent() -> None:
    r = one(
        FUNNEL,
        figs(("calls", 100, "count", "100个"), ("orders", 120, "count", "120件"), ("on_time", 99.9, "rate", "99.9%")),
    )
    assert r.verdict == "inconsistent"


def test_compound_interpretations() -> None:
    text = relation(
        "c",
        "compound",
        changes="[first, second]",
        interpretations="""
      - {id: cut, formula: compound_reduction, label_en: cut, supported: true, reason_en: r}
      - {id: add, formula: additive, label_en: add, supported: false, reason_en: r}
      - {id: speed, formula: compound_speed, label_en: speed, supported: false, reason_en: r}""",
    )
    r = one(text, figs(("first", 14.4, "rate", "14.4%"), ("second", 19.62, "rate", "19.62%")))
    values = {d["interpretation"]: d["value"] for d in r.details}
    assert values["cut"] == pytest.approx(100 * (1 - (1 - 0.144) * (1 - 0.1962)))
    assert values["add"] == pytest.approx(34.02)
    assert values["speed"] == pytest.approx(100 * ((1.144 * 1.1962) - 1))
    assert r.verdict == "implied" and r.computed == pytest.approx(values["cut"])
    # every reading's decimals end: written in full, not cut to four (31.1947%)
    assert r.reason.endswith("readings: cut: 31.19472%; add: 34.02%; speed: 36.84528%")


@pytest.mark.parametrize(
    "percent,text",
    [
        (Fraction("99.85"), "99.85%"),
        (Fraction(100), "100%"),
        (Fraction(10), "10%"),
        (Fraction("99.945"), "99.945%"),
        (Fraction("0.00005"), "0.00005%"),  # decimals past four are kept
        (Fraction(2400, 31), "24/31"),
        (Fraction(100 * 17985, 17993), "17,985/17,993"),
        (Fraction(100, 3), "1/3"),
    ],
)
def test_exact_share_never_rounds(percent: Fraction, text: str) -> None:
    assert arithmetic.exact_share(percent) == text


def test_a_rate_printed_to_four_decimals_keeps_its_interval_exact() -> None:
    # 12.3456% stands for 12.34555% to under 12.34565%: a four-decimal formatter would print 12.3456% twice
    r = one(
        RATE.replace("    numerator: n\n", ""),
        figs(("d", 1000000, "count", "1000000件"), ("rate", 12.3456, "rate", "12.3456%")),
    )
    assert "12.3456% printed to 4 decimals: 12.34555% to under 12.34565% of 1,000,000" in r.reason


def test_audit_frame_on_fixture_data(shared_data: Path) -> None:
    df = lawgov.audit(data_dir=shared_data)
    verdicts = dict(zip(df["id"], df["verdict"]))
    assert verdicts["mediation_success_rate_check"] == "consistent (truncated)"
    assert verdicts["normative_cleanup_adds_up"] == "exact"
    assert set(df["verdict"].cat.categories) == set(arithmetic.VERDICTS)
    assert df["computed"].dtype == "Float64" and df["stated"].dtype == "Float64"


def _count_pairs(kind: str, spec: dict, kinds: dict[str, str]) -> list[tuple[str, str]]:
    """The (whole, part) pairs of counts a relation tests: a ratio's or a rate check's two counts,
    a funnel's successive counts."""
    if kind in ("ratio", "rate") and spec.get("numerator") and spec.get("denominator"):
        return [(spec["denominator"], spec["numerator"])]
    if kind == "funnel":
        counts = [s for s in spec["stages"] if kinds[s] != "rate"]
        return list(zip(counts, counts[1:]))
    return []


def test_no_relation_restates_another() -> None:
    # A funnel over two counts is the ratio (or the rate check) of the same pair: keeping both
    # counts one piece of arithmetic twice and inflates every verdict count on the pages.
    kinds = dict(zip(lawgov.figures()["id"], lawgov.figures()["kind"].astype(str)))
    seen: dict[tuple[str, str], str] = {}
    repeated = []
    for r in lawgov.relations().to_dict("records"):
        for pair in _count_pairs(r["kind"], r["spec"], kinds):
            if pair in seen:
                repeated.append(f"{r['id']} repeats {seen[pair]} ({pair[1]} of {pair[0]})")
            seen.setdefault(pair, r["id"])
    assert not repeated, repeated
    assert seen  # the check saw the pairs it guards
