"""lawgov.analysis.verdicts: the audit's verdicts reshaped, the speed-up readings and the periods."""

from __future__ import annotations

import pytest

import lawgov
from lawgov.analysis import verdicts
from lawgov.analysis.wording import number_word


def test_speedup_readings_by_hand():
    s = verdicts.speedup_series().set_index(["interpretation", "year"])
    # processing time with 2010 = 100
    assert s.loc[("time_cut_compounded", 2010), "index"] == pytest.approx(100)
    assert s.loc[("time_cut_compounded", 2011), "index"] == pytest.approx(85.6)
    assert s.loc[("time_cut_compounded", 2012), "index"] == pytest.approx(100 * 0.856 * 0.8038)  # 68.80528
    assert s.loc[("time_cut_added", 2012), "index"] == pytest.approx(100 - 14.4 - 19.62)  # 65.98
    assert s.loc[("speed_compounded", 2011), "index"] == pytest.approx(100 / 1.144)  # 87.41
    assert s.loc[("speed_compounded", 2012), "index"] == pytest.approx(100 / (1.144 * 1.1962))  # 73.08
    # the combined change each reading states
    t = verdicts.speedup_readings_table().set_index("interpretation")
    assert t.loc["time_cut_compounded", "combined_change"] == pytest.approx(31.19472)
    assert t.loc["time_cut_added", "combined_change"] == pytest.approx(34.02)
    assert t.loc["speed_compounded", "combined_change"] == pytest.approx(36.84528)
    assert s.loc[("speed_compounded", 2012), "reading"] == pytest.approx(36.84528)
    assert t["supported"].sum() == 1 and t.loc["time_cut_compounded", "supported"]


def test_verdict_counts_match_the_audit():
    a = lawgov.audit()
    counts = verdicts.verdict_counts().set_index("verdict")["relations"]
    assert counts.sum() == len(a)
    by_part = verdicts.verdict_counts(by_part=True)
    assert by_part["relations"].sum() == len(a)
    assert by_part.groupby("verdict")["relations"].sum().to_dict() == counts.to_dict()


def test_mediation_is_consistent_only_by_truncation():
    # 17985 / 17993 = 0.999555... -> 99.96 rounded, 99.95 truncated; the report prints 99.95
    share = 17985 / 17993 * 100
    assert round(share, 2) == 99.96 and int(share * 100) / 100 == 99.95
    c = verdicts.checkable().set_index("id")
    assert c.loc["mediation_success_rate_check", "verdict"] == "consistent (truncated)"
    assert c.loc["normative_cleanup_adds_up", "verdict"] == "exact"  # 95 + 23 + 241 = 359


def test_unbased_rates_are_the_rates_without_counts():
    u = verdicts.unbased_rates()
    rel = lawgov.relations().set_index("id")
    for r in u.to_dict("records"):
        spec = rel.loc[r["relation"], "spec"]
        assert spec["numerator"] is None
        assert r["has_denominator"] == (spec["denominator"] is not None)
    figs = lawgov.figures().set_index("id")
    assert (figs.loc[list(u["figure"]), "unit_en"] == "percent").all()


def test_period_breakdown():
    figs = lawgov.figures()
    octo = figs[figs["period_basis"].astype(str) == "to_date"]
    body = lawgov.body()
    starts = lawgov.outline().set_index("section")["start"]
    offsets = figs.set_index("id")["offset"]
    for r in octo.to_dict("records"):  # each is preceded in its section by the cut-off phrase
        assert "截止10月底" in body[int(starts[r["section"]]) : int(offsets[r["id"]])], r["id"]
    assert (octo["period"] == "/2012-10-31").all()  # the end, and no start: 截止10月底 gives none
    b = verdicts.period_breakdown()
    assert b["figures"].sum() == len(figs)
    # the whole year is counted only where the quote's sentence says 全年, never where it is assumed
    whole = set(b.set_index("period_basis").loc["whole_year", "ids"].split(", "))
    assert whole == set(figs.loc[figs["period_words"].astype(str) == "全年", "id"])
    assert int(b.set_index("period_basis").loc["not_stated", "figures"]) == int(
        (figs["period_words"].fillna("") == "").sum()
    )
    assert b["share"].sum() == pytest.approx(1)


def test_audit_rows_link_every_input_to_its_anchor():
    rows = verdicts.audit_rows()
    a = lawgov.audit().set_index("id")
    for r in rows.to_dict("records"):
        for i in a.loc[r["id"], "inputs"]:
            assert f'href="numbers.html#fig-{i}"' in r["inputs_html"]


def test_summary_counts_add_up():
    s = verdicts.summary()
    n = sum(
        int(s[k])
        for k in (
            "audit.n_exact",
            "audit.n_consistent_rounded",
            "audit.n_consistent_truncated",
            "audit.n_bound",
            "audit.n_implied",
            "audit.n_inconsistent",
            "audit.n_uncheckable",
        )
    )
    assert n == int(s["audit.relations"]) == len(lawgov.audit())
    # 17985 / 17993 = 99.9555...%: at the printed two decimals, 99.96 rounded and 99.95 cut off
    assert s["audit.mediation_success_rate_check.computed_rounded"] == "99.96%"
    assert s["audit.mediation_success_rate_check.computed_truncated"] == "99.95%"


def test_the_page_states_each_computed_share_as_every_page_does():
    from lawgov.analysis import parts

    s = verdicts.summary()
    # 24 of 31 documents accepted: 77.4% here and on Part 4 (once 77.4194% here)
    assert s["audit.filings_acceptance_share.share"] == "77.4%"
    assert parts.summary(None, 4)["p4.filings_share"] == s["audit.filings_acceptance_share.share"]
    figs = lawgov.figures()
    whole = int((figs["period_basis"].astype(str) == "whole_year").sum())
    assert s["audit.basis_whole_year"] == number_word(whole)
    assert s["audit.basis_whole_year_share"] == f"{100 * whole / len(figs):.1f}%"
    # a reading's combined change, one decimal like every computed share: 31.19472 -> 31.2%
    assert s["audit.time_cut_compounded.change"] == "31.2%" and s["audit.time_cut_added.change"] == "34.0%"


def test_a_rate_interval_is_written_exactly():
    iv = verdicts.rate_intervals().set_index("relation")
    assert iv.loc["hotline_on_time_base", "share_en"] == "99.85% to under 99.95%"
    assert iv.loc["suggestions_satisfaction_base", "share_en"] == "99.6% to 100%"


def test_audit_charts_are_described_and_bilingual():
    from lawgov.charts import audit
    from test_writing import _tooltip_has_chinese

    for c in (
        audit.verdicts_by_part(verdicts.verdict_counts(by_part=True), description="d"),
        audit.periods(verdicts.period_breakdown(), description="d"),
    ):
        assert c.to_dict()["description"] == "d"
        assert _tooltip_has_chinese(c)


def test_rate_intervals_cover_every_rate_with_a_base_and_hold_by_hand():
    from fractions import Fraction

    iv = verdicts.rate_intervals().set_index("relation")
    rel = lawgov.relations().set_index("id")
    figs = lawgov.figures().set_index("id")
    with_base = [
        i
        for i, s in rel["spec"].items()
        if rel.loc[i, "kind"] == "rate" and (s.get("denominator") or s.get("pooled_denominator"))
    ]
    assert sorted(iv.index) == sorted(with_base)
    for rid, r in iv.iterrows():
        spec = rel.loc[rid, "spec"]
        bases = spec.get("pooled_denominator") or [spec["denominator"]]
        base = sum(int(figs.loc[b, "value"]) for b in bases)
        assert r["base"] == base and r["pooled"] == (len(bases) > 1)
        assert (r["rest_low"], r["rest_high"]) == (base - r["high"], base - r["low"])
        # every count in the interval prints as the stated rate, and the counts just outside do not
        rate = figs.loc[spec["stated"]]
        printed = Fraction(str(rate["value"]))
        decimals = (
            len(str(rate["value"]).split(".")[1].rstrip("0"))
            if "." in str(rate["value"]) and not float(rate["value"]).is_integer()
            else 0
        )

        def prints(n: int, base=base, rate=rate, printed=printed, decimals=decimals) -> bool:
            share = Fraction(100 * n, base)
            if rate["qualifier"] == "at_least":
                return share >= printed
            scale = 10**decimals
            return Fraction(int(share * scale * 2 + 1) // 2, scale) == printed  # rounded half up

        assert all(prints(n) for n in (r["low"], r["high"]))
        assert not prints(r["low"] - 1) and (r["high"] == base or not prints(r["high"] + 1))
    # the pooled 501 with its bound: at least 499 of 501 satisfied
    sat = iv.loc["suggestions_satisfaction_base"]
    assert sat["pooled"] and sat["base"] == 501 and sat["low"] == 499 and sat["rest_high"] == 2
