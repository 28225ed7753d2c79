"""lawgov.analysis.audit: the audit's verdicts reshaped, the speed-up readings and the periods."""
from __future__ import annotations

import pytest

import lawgov
from lawgov.analysis import audit as D


def test_speedup_readings_by_hand():
    s = D.speedup_series().set_index(["interpretation", "year"])
    # processing time with 2010 = 100
    assert s.loc[("time_cut_compounded", 2010), "index"] == pytest.approx(100)
    assert s.loc[("time_cut_compounded", 2011), "index"] == pytest.approx(85.6)
    assert s.loc[("time_cut_compounded", 2012), "index"] == pytest.approx(100 * 0.856 * 0.8038)   # 68.80528
    assert s.loc[("time_cut_added", 2012), "index"] == pytest.approx(100 - 14.4 - 19.62)          # 65.98
    assert s.loc[("speed_compounded", 2011), "index"] == pytest.approx(100 / 1.144)               # 87.41
    assert s.loc[("speed_compounded", 2012), "index"] == pytest.approx(100 / (1.144 * 1.1962))    # 73.08
    # the combined change each reading states
    t = D.speedup_readings_table().set_index("interpretation")
    assert t.loc["time_cut_compounded", "combined_change"] == pytest.approx(31.19472)
    assert t.loc["time_cut_added", "combined_change"] == pytest.approx(34.02)
    assert t.loc["speed_compounded", "combined_change"] == pytest.approx(36.84528)
    assert s.loc[("speed_compounded", 2012), "reading"] == pytest.approx(36.84528)
    assert t["supported"].sum() == 1 and t.loc["time_cut_compounded", "supported"]


def test_verdict_counts_match_the_audit():
    a = lawgov.audit()
    counts = D.verdict_counts().set_index("verdict")["relations"]
    assert counts.sum() == len(a)
    by_part = D.verdict_counts(by_part=True)
    assert by_part["relations"].sum() == len(a)
    assert by_part.groupby("verdict")["relations"].sum().to_dict() == counts.to_dict()


def test_mediation_is_consistent_only_by_truncation():
    # 17985 / 17993 = 0.999555... -> 99.96 rounded, 99.95 truncated; the report prints 99.95
    share = 17985 / 17993 * 100
    assert round(share, 2) == 99.96 and int(share * 100) / 100 == 99.95
    c = D.checkable().set_index("id")
    assert c.loc["mediation_success_rate_check", "verdict"] == "consistent (truncated)"
    assert c.loc["normative_cleanup_adds_up", "verdict"] == "exact"   # 95 + 23 + 241 = 359


def test_unbased_rates_are_the_rates_without_counts():
    u = D.unbased_rates()
    rel = lawgov.relations().set_index("id")
    for r in u.to_dict("records"):
        spec = rel.loc[r["relation"], "spec"]
        assert spec["numerator"] is None
        assert r["has_denominator"] == (spec["denominator"] is not None)
    figs = lawgov.figures().set_index("id")
    assert (figs.loc[list(u["figure"]), "unit_en"] == "percent").all()


def test_period_breakdown():
    pc = D.period_classes()
    figs = lawgov.figures()
    assert len(pc) == len(figs)
    octo = pc[pc["period_class"] == "January to October"]
    body = lawgov.body()
    starts = lawgov.outline().set_index("section")["start"]
    offsets = figs.set_index("id")["offset"]
    for r in octo.to_dict("records"):  # each is preceded in its section by the cut-off phrase
        assert "截止10月底" in body[int(starts[r["section"]]) : int(offsets[r["id"]])], r["id"]
    assert (octo["period"] == "2012-01-01/2012-10-31").all()
    full = pc[pc["period_class"] == "full year"]
    assert set(full["id"]) == set(figs.loc[figs["full_year"], "id"])
    b = D.period_breakdown()
    assert b["figures"].sum() == len(figs)
    assert b["share"].sum() == pytest.approx(1)


def test_audit_rows_link_every_input_to_its_anchor():
    rows = D.audit_rows()
    a = lawgov.audit().set_index("id")
    for r in rows.to_dict("records"):
        for i in a.loc[r["id"], "inputs"]:
            assert f'href="numbers.html#fig-{i}"' in r["inputs_html"]


def test_summary_counts_add_up():
    s = D.summary()
    n = sum(int(s[k]) for k in ("audit.n_exact", "audit.n_consistent_rounded", "audit.n_consistent_truncated",
                                 "audit.n_bound", "audit.n_implied", "audit.n_inconsistent", "audit.n_uncheckable"))
    assert n == int(s["audit.relations"]) == len(lawgov.audit())
    assert s["audit.mediation_success_rate_check.computed_rounded"] == "99.96%"


def test_audit_charts_are_described_and_bilingual():
    from lawgov.charts import audit as ca

    from test_text import _tooltip_has_chinese

    for c in (ca.verdicts_by_part(D.verdict_counts(by_part=True), description="d"),
              ca.periods(D.period_breakdown(), description="d")):
        assert c.to_dict()["description"] == "d"
        assert _tooltip_has_chinese(c)
